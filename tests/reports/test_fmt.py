"""Formatting rules shared by the renderers: Vietnamese numbers and percentages, the
cell width of Vietnamese text (NFC and NFD), the paper's date."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from rich.cells import cell_len as rich_cell_len

from tracker.reports.fmt import cell_len, fit, fmt_int, fmt_percent, pad, paper_day_month

VI_LETTERS = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstu"
              "ùủũúụưừửữứựvxyỳỷỹýỵ")


@pytest.mark.parametrize("fraction, vi, en", [
    (6 / 7, "85,7%", "85.7%"),
    (1.0, "100,0%", "100.0%"),
    (0.0, "0,0%", "0.0%"),
    (16051 / 16274, "98,6%", "98.6%"),
    # half-up on the decimal value: Python's round(51.25, 1) gives 51.2
    (0.5125, "51,3%", "51.3%"),
])
def test_percent_vi_and_en(fraction, vi, en):
    assert fmt_percent(fraction, "vi") == vi
    assert fmt_percent(fraction, "en") == en


def test_percent_more_digits_and_none():
    assert fmt_percent(16051 / 16274, "vi", digits=2) == "98,63%"
    assert fmt_percent(None, "vi") == "-"
    assert fmt_percent(None, "en", none="n/a") == "n/a"


def test_thousands_separator():
    assert fmt_int(21914, "vi") == "21.914"
    assert fmt_int(21914, "en") == "21,914"
    assert fmt_int(1234567, "vi") == "1.234.567"
    assert fmt_int(223, "vi") == "223"
    assert fmt_int(-5, "vi") == "-5"


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_cell_len_agrees_with_rich_on_vietnamese(form):
    for text in (VI_LETTERS, VI_LETTERS.upper(), "Phòng Tài chính - Kế hoạch",
                 "Quý II/2021", "Đông Hà, ngày 04 tháng 12 năm 2020"):
        text = unicodedata.normalize(form, text)
        assert cell_len(text) == rich_cell_len(text)
    # every letter is one cell whichever way it is encoded
    assert cell_len(unicodedata.normalize(form, VI_LETTERS)) == len(VI_LETTERS)


def test_cell_len_wide_and_ascii():
    assert cell_len("貧困") == 4
    assert cell_len("abc") == 3
    assert cell_len("") == 0


def test_fit_cuts_by_cells_and_keeps_marks_with_their_letter():
    nfd = unicodedata.normalize("NFD", "Giải phóng mặt bằng")
    for width in range(1, 20):
        out = fit(nfd, width)
        assert cell_len(out) <= width
        body = out[:-1] if out.endswith("…") else out
        assert nfd.startswith(body)
        # the cut never parts a letter from its combining marks
        assert len(body) == len(nfd) or not unicodedata.combining(nfd[len(body)])
    assert fit("abc", 3) == "abc"
    assert fit("abcdef", 4) == "abc…"
    assert fit("貧困貧困", 5) == "貧困…"
    assert fit("anything", 0) == ""


def test_pad_by_cells():
    nfd = unicodedata.normalize("NFD", "Hà")
    assert cell_len(pad(nfd, 5)) == 5
    assert pad("7", 3, "r") == "  7"
    assert cell_len(pad("貧", 4)) == 4


@pytest.mark.parametrize("day, expected", [
    (dt.date(2020, 12, 4), ("04", "12")),   # the 302/BC-UBND date line: ngày 04 tháng 12
    (dt.date(2021, 2, 5), ("05", "02")),    # months 1 and 2 take a zero
    (dt.date(2021, 1, 31), ("31", "01")),
    (dt.date(2021, 3, 15), ("15", "3")),    # other months do not
    (dt.date(2021, 10, 9), ("09", "10")),
])
def test_paper_day_month_decree_30(day, expected):
    assert paper_day_month(day) == expected
