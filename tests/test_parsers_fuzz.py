"""Bad input everywhere, the parsers (issue 15): deadlines, dates, document numbers and
citations read any text — control characters, NUL, right-to-left marks, Vietnamese in either
normal form, very long text — and either answer or refuse with their own error (which the
commands turn into a message).  Nothing else escapes, and nothing takes long.

The text comes from fragments of the real phrases mixed with hostile characters, so the
examples reach the parsers' inner branches rather than stopping at the first word.
"""
from __future__ import annotations

import datetime as dt
import time

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain.calendar import WorkCalendar
from tracker.domain.citations import find_citations
from tracker.domain.dates import DateError, parse_date
from tracker.domain.deadlines import DeadlineError, parse_deadline
from tracker.domain.docnumbers import DocNumberError, normalise_number, parse_header, parse_number

FRAGMENTS = [
    "trước ngày ", "chậm nhất ngày ", "trước 14 giờ, ngày ", "trong tháng ", "Quý ", "quý IV/",
    "6 tháng đầu năm ", "năm ", "thường xuyên", "trong ", " ngày làm việc", " ngày", "tháng ",
    "/", "-", ".", ", ", " ", "II", "V", "0", "1", "12", "29", "31", "02", "2021", "0021", "99999999999",
    "số ", "/KH-UBND", "-KL/TU", "/2019/NQ-HĐND", "/QĐ-UBND", "Kế hoạch ", "ngày ", "UBND tỉnh",
    "\x00", "\x07", "\x1b[31m", "\u202e", "\u200f", "\u2066", "\ufeff", "\u00a0", "\t", "\n",
    "Ð", "đ", "Đ", "o\u0302\u0301",  # ố written in NFD
]
hostile_text = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=10).map("".join),
)
refs = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
CAL = WorkCalendar()
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(hostile_text, refs)
def test_deadline_words_are_read_or_refused(text, ref):
    try:
        d = parse_deadline(text, ref_date=ref, calendar=CAL)
    except DeadlineError as exc:
        assert exc.reason.startswith("deadline.")
        return
    assert d.kind
    if d.date is not None:
        assert dt.date(1, 1, 1) < d.date < dt.date(9999, 12, 31)


@FUZZ
@given(hostile_text)
def test_dates_are_read_or_refused(text):
    try:
        day = parse_date(text)
    except DateError as exc:
        assert exc.reason in ("date.malformed", "date.impossible"), exc.reason
        return
    assert isinstance(day, dt.date)


@FUZZ
@given(hostile_text)
def test_document_numbers_are_read_or_refused(text):
    try:
        parse_number(text)
    except DocNumberError:
        pass
    assert isinstance(normalise_number(text), str)
    parse_header(text)
    for c in find_citations(text):
        # a number-symbol read, or a bare number ("Quyết định số 28", test_citations: its
        # number None by design) — hypothesis met "Kế hoạch số 6 …" from these fragments
        assert c.number or c.number_text.isdigit(), c


def test_long_hostile_text_is_quick():
    """No pattern backtracks its way through a long cell (a million characters)."""
    parts = ["trước ngày 1", "/" * 5000, "1" * 100_000, "\u202e" * 1000, "Quý " * 10_000,
             "số 12/KH-UBND ngày " * 20_000, "x" * 1_000_000]
    for text in parts:
        t0 = time.perf_counter()
        for call in (lambda: parse_deadline(text, ref_date=dt.date(2021, 1, 1), calendar=CAL),
                     lambda: parse_date(text), lambda: parse_number(text)):
            try:
                call()
            except (DeadlineError, DateError, DocNumberError):
                pass
        find_citations(text)
        assert time.perf_counter() - t0 < 5, text[:30]


@pytest.mark.parametrize("text", ["ngày 10/6/2021", "Ngày 10/06/2021", "ngày 10 tháng 6 năm 2021",
                                  "10 tháng 6 năm 2021", "NGÀY 10 THÁNG 06 NĂM 2021"])
def test_a_date_as_a_document_writes_it(text):
    """A done date copied from a report ('ngày 10/6/2021', 'ngày 10 tháng 6 năm 2021') is read
    as the date it says, in a sheet's cell and after --on alike."""
    assert parse_date(text) == dt.date(2021, 6, 10)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_the_long_form_of_any_date_reads_back(day):
    assert parse_date(f"ngày {day.day} tháng {day.month} năm {day.year}") == day
