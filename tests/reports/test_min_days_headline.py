"""`report overdue --min-days N`: the headline counts the tasks N days or more overdue and
says so — never "nothing is overdue" while younger overdue tasks are there."""
from __future__ import annotations

import dataclasses

import docx as python_docx
import pytest

from report_samples import empty_overdue_report, overdue_report
from store_fixture import build_office
from tracker.reports import docx as paper_docx
from tracker.reports import markdown, plain
from tracker.reports import words as w


def test_none_that_old_from_the_command(office, run):
    build_office(office)
    assert run("report", "overdue").stdout.splitlines()[1].startswith("Tổng cộng: 4 nhiệm vụ")
    res = run("report", "overdue", "--min-days", "500", "--fail-on-overdue")
    headline = res.stdout.splitlines()[1]
    assert headline.startswith("Không có nhiệm vụ quá hạn từ 500 ngày trở lên;"), headline
    res = run("report", "overdue", "--min-days", "500", lang="en")
    assert res.stdout.splitlines()[1].startswith("Nothing is overdue by 500 days or more;")


def test_some_that_old_from_the_command(office, run):
    build_office(office)
    res = run("report", "overdue", "--min-days", "30", lang="en")
    assert res.stdout.splitlines()[1].startswith("Total: 1 task overdue by 30 days or more in 1 unit;")


@pytest.mark.parametrize("lang, words", [
    ("vi", "Không có nhiệm vụ quá hạn từ 500 ngày trở lên"),
    ("en", "Nothing is overdue by 500 days or more"),
])
def test_every_face_says_the_threshold(tmp_path, lang, words):
    report = dataclasses.replace(empty_overdue_report(), min_days=500)
    assert w.overdue_total(report, lang).startswith(words)
    assert any(words in line for line in plain.overdue_lines(report, lang))
    assert any(words in line for line in markdown.overdue_lines(report, lang))
    path = tmp_path / "o.docx"
    paper_docx.write_docx(path, overdue=report, lang=lang)
    texts = [p.text for p in python_docx.Document(str(path)).paragraphs]
    assert any(("500 ngày trở lên" if lang == "vi" else "500 days or more") in t for t in texts)


def test_without_min_days_the_words_are_unchanged():
    assert w.overdue_total(empty_overdue_report(), "vi").startswith("Không có nhiệm vụ quá hạn;")
    assert w.overdue_total(overdue_report(), "en").startswith("Total: 5 overdue tasks in 3 units;")
