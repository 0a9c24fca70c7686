"""A report's period in the reader's language: "Quý I/2021" in Vietnamese, "Q1 2021" in
English — in the plain text, the workbook, the paper and the backlog review alike."""
from __future__ import annotations

import datetime as dt

import docx as python_docx
import pytest
from dateutil.relativedelta import relativedelta

from report_samples import summary_report
from store_fixture import build_office
from tracker.domain.periods import period_name
from tracker.reports import docx as paper_docx
from tracker.reports import plain
from tracker.reports import words as w
from tracker.reports.backlog import BacklogReport, BacklogRow
from tracker.reports.backlog_text import plain_lines


def _spans(year: int):
    """Every span of whole months inside ``year``."""
    for first in range(1, 13):
        for last in range(first, 13):
            start = dt.date(year, first, 1)
            yield start, dt.date(year, last, 1) + relativedelta(months=1, days=-1)


def test_vietnamese_words_are_the_domains():
    """The catalogue's Vietnamese forms say what ``periods.period_name`` says, span by span
    (so a report's label and its English rendering name the same period)."""
    for start, end in _spans(2021):
        assert w.whole_period_words(start, end, "vi") == period_name(start, end), (start, end)


@pytest.mark.parametrize("start, end, english", [
    ((2021, 1, 1), (2021, 3, 31), "Q1 2021"),
    ((2021, 10, 1), (2021, 12, 31), "Q4 2021"),
    ((2021, 5, 1), (2021, 5, 31), "May 2021"),
    ((2021, 1, 1), (2021, 6, 30), "first half of 2021"),
    ((2021, 7, 1), (2021, 12, 31), "second half of 2021"),
    ((2021, 1, 1), (2021, 12, 31), "2021"),
    ((2021, 1, 1), (2021, 9, 30), "first 9 months of 2021"),
    ((2021, 4, 1), (2021, 12, 31), "last 9 months of 2021"),
])
def test_english_names(start, end, english):
    start, end = dt.date(*start), dt.date(*end)
    assert w.whole_period_words(start, end, "en") == english
    assert w.period_label(period_name(start, end), start, end, "en") == english
    assert w.period_label(period_name(start, end), start, end, "vi") == period_name(start, end)


def test_a_label_typed_otherwise_is_kept():
    start, end = dt.date(2021, 3, 15), dt.date(2021, 3, 15)
    assert w.period_label("15/03/2021", start, end, "en") == "15/03/2021"
    assert w.whole_period_words(dt.date(2021, 2, 1), dt.date(2021, 4, 30), "en") is None


def test_english_plain_summary_and_paper(tmp_path):
    text = "\n".join(plain.summary_lines(summary_report(), "en"))
    assert "Period: Q1 2021 (01/01/2021 to 31/03/2021)" in text and "Quý" not in text
    path = tmp_path / "s.docx"
    paper_docx.write_docx(path, summary_report(), lang="en")
    texts = [p.text for p in python_docx.Document(str(path)).paragraphs]
    assert "Progress on assigned tasks, Q1 2021" in texts
    assert not any("Quý" in t for t in texts)


def test_vietnamese_keeps_its_words(tmp_path):
    text = "\n".join(plain.summary_lines(summary_report(), "vi"))
    assert "Kỳ báo cáo: Quý I/2021 (từ ngày 01/01/2021 đến ngày 31/03/2021)" in text


def test_english_backlog_review():
    row = BacklogRow("Phòng Nội vụ", 3, 1, 4, 2, 1, 4, 2)
    report = BacklogReport(today=dt.date(2021, 6, 15), start=dt.date(2021, 1, 1),
                           end=dt.date(2021, 6, 30), period_label="6 tháng đầu năm 2021",
                           by_unit=(row,), by_leader=(row,), total=row)
    assert "Period: first half of 2021 (01/01/2021 to 30/06/2021)" in list(plain_lines(report, "en"))


def test_english_summary_from_the_command(office, run):
    build_office(office)
    res = run("report", "summary", "--period", "Q1/2021", lang="en")
    assert res.code == 0, res.stderr
    assert "Period: Q1 2021 (01/01/2021 to 31/03/2021)" in res.stdout
    assert "Quý" not in res.stdout
