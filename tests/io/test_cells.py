"""Cell values: unit lists, dated progress notes, extensions, dates."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.dates import DateError
from tracker.io.cells import (cell_date, cell_text, cell_whole_number, format_extensions, format_notes, parse_extensions,
                              parse_notes, split_list)


@pytest.mark.parametrize("value,expected", [
    ("Phòng Nội vụ; Phường 1", ["Phòng Nội vụ", "Phường 1"]),
    ("Phòng Nội vụ, Phường 1,Phường 2", ["Phòng Nội vụ", "Phường 1", "Phường 2"]),
    ("Phòng Nội vụ\nPhường 1\r\n\r\nPhường 2.", ["Phòng Nội vụ", "Phường 1", "Phường 2"]),
    ("", []), (None, []), ("  ;  ", []),
    (["TC-KH", " TN&MT "], ["TC-KH", "TN&MT"]),
    ("Vốn 1,5 tỷ", ["Vốn 1,5 tỷ"]),
])
def test_split_list(value, expected):
    assert split_list(value) == expected


def test_cell_text_and_date():
    assert cell_text(None) == ""
    assert cell_text(3.0) == "3"
    assert cell_text(dt.date(2021, 6, 30)) == "30/06/2021"
    assert cell_date("30/6/2021") == dt.date(2021, 6, 30)
    assert cell_date("2021-06-30") == dt.date(2021, 6, 30)
    assert cell_date("2021-06-30T00:00:00") == dt.date(2021, 6, 30)
    assert cell_date(dt.datetime(2021, 6, 30, 8)) == dt.date(2021, 6, 30)
    assert cell_date("") is None
    with pytest.raises(DateError):
        cell_date("31/02/2021")


@pytest.mark.parametrize("value,expected", [
    (12, 12), (12.0, 12), ("12", 12), (" 12 ", 12), ("12.0", 12), ("12,00", 12),
    (12.5, None), ("12.5", None), ("1.000", None), ("12a", None), ("", None), (None, None), (True, None),
])
def test_cell_whole_number(value, expected):
    """An id as an Excel number format leaves it ("12.0", "12,00"); "1.000" may be a thousand."""
    assert cell_whole_number(value) == expected


def test_parse_notes():
    text = ("15/03/2021: Đã xây dựng dự thảo kế hoạch\n"
            "- 02/04/2021: (60%) Đã lấy ý kiến các phòng\n"
            "đang tổng hợp\n")
    assert parse_notes(text) == [
        (dt.date(2021, 3, 15), "Đã xây dựng dự thảo kế hoạch", None),
        (dt.date(2021, 4, 2), "Đã lấy ý kiến các phòng\nđang tổng hợp", 60),
    ]
    assert parse_notes("Đang triển khai") == [(None, "Đang triển khai", None)]
    assert parse_notes([{"on": "2021-03-15", "text": "x", "percent": 10}]) == [(dt.date(2021, 3, 15), "x", 10)]


notes = st.lists(st.tuples(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
                           st.text(alphabet="abc đơn vị 123.,;", min_size=1).map(str.strip).filter(bool),
                           st.none() | st.integers(0, 100)), max_size=4)


@given(notes)
def test_notes_round_trip(items):
    assert parse_notes(format_notes(items)) == items


def test_parse_extensions():
    text = "30/06/2021 → 30/09/2021: chờ bố trí vốn\nQuý III/2021 -> 31/12/2021"
    assert parse_extensions(text) == [("30/06/2021", "30/09/2021", "chờ bố trí vốn"),
                                      ("Quý III/2021", "31/12/2021", "")]
    assert parse_extensions([{"from": "2021-06-30", "to": "2021-09-30", "reason": "x"}]) == \
        [("2021-06-30", "2021-09-30", "x")]


def test_two_extensions_on_one_line_split_at_the_semicolon_before_an_arrow():
    assert parse_extensions("30/06/2021 → 30/09/2021: chờ vốn; 30/09/2021 → 31/12/2021: chờ quyết toán") == [
        ("30/06/2021", "30/09/2021", "chờ vốn"), ("30/09/2021", "31/12/2021", "chờ quyết toán")]
    # a reason's own ";" stays in it
    assert parse_extensions("30/06/2021 → 30/09/2021: chờ vốn; vướng GPMB") == [
        ("30/06/2021", "30/09/2021", "chờ vốn; vướng GPMB")]


def test_an_arrow_a_code_page_lost_is_still_an_extension():
    """Excel saving the export as "CSV (Comma delimited)" on a Vietnamese Windows writes
    cp1258, which has no "→": it writes "?" in its place."""
    assert parse_extensions("Quý IV/2020 ? 14/02/2021: Chờ bố trí vốn\n14/02/2021 ? 30/09/2021") == [
        ("Quý IV/2020", "14/02/2021", "Chờ bố trí vốn"), ("14/02/2021", "30/09/2021", "")]
    # a "?" in a reason, or one not between two deadlines, is no arrow
    assert parse_extensions("30/09/2021: Chờ ý kiến ? Sở") == [("", "30/09/2021", "Chờ ý kiến ? Sở")]
    assert parse_extensions("30/06/2021 → 30/09/2021: vì sao ? chờ vốn") == [
        ("30/06/2021", "30/09/2021", "vì sao ? chờ vốn")]


ext = st.lists(st.tuples(st.sampled_from(["30/06/2021", "Quý II/2021", "trước ngày 15/7/2021"]),
                         st.sampled_from(["30/09/2021", "năm 2021", "trong tháng 11/2021"]),
                         st.sampled_from(["", "chờ vốn", "vướng GPMB: chưa xong"])), max_size=3)


@given(ext)
def test_extensions_round_trip(items):
    assert parse_extensions(format_extensions(items)) == items
