"""Markdown output: golden files, and escaping that keeps a table a table."""
from __future__ import annotations

import datetime as dt

import pytest

from golden_files import check_golden, text_of
from report_samples import TODAY, build_overdue_report, overdue_report, summary_report
from tracker.reports import markdown
from tracker.reports.data import TaskLine


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overdue_golden(lang):
    check_golden(f"overdue_{lang}.md", text_of(markdown.overdue_lines(overdue_report(), lang)))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_golden(lang):
    check_golden(f"summary_{lang}.md", text_of(markdown.summary_lines(summary_report(), lang)))


def test_cells_with_pipes_and_markup_stay_in_their_column():
    line = TaskLine(1, "Phòng A|B", "5/KH-UBND", "Sửa *gấp* | báo cáo\nhai dòng",
                    dt.date(2021, 3, 1), days_overdue=(TODAY - dt.date(2021, 3, 1)).days)
    text = text_of(markdown.overdue_lines(build_overdue_report([line], TODAY), "vi"))
    row = next(l for l in text.splitlines() if l.startswith("| 1 |"))
    # 8 columns: 9 unescaped pipes
    unescaped = row.replace("\\|", "")
    assert unescaped.count("|") == 9
    assert "Sửa \\*gấp\\* \\| báo cáo hai dòng" in row


def test_summary_table_shape():
    text = text_of(markdown.summary_lines(summary_report(), "en"))
    table = [l for l in text.splitlines() if l.startswith("|")]
    assert len(table) == 2 + 4 + 1
    assert all(l.count("|") == 11 for l in table)
    assert table[-1].startswith("| **Total** | **138** |")
