"""The plain renderer: what cron mails.  Golden files hold the whole text; the other
tests hold the properties a mail reader needs (no escape codes, columns aligned in cells
whatever the Unicode form, lines within the width)."""
from __future__ import annotations

import re

import pytest

from golden_files import check_golden, text_of
from report_samples import empty_overdue_report, overdue_report, summary_report
from tracker.reports import plain
from tracker.reports.fmt import cell_len

DATE = re.compile(r"\d\d/\d\d/\d{4}")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overdue_golden(lang):
    report = overdue_report(filters=(("report.filter.leader", "PCT Hoàng Nam"),))
    check_golden(f"overdue_{lang}.txt", plain.render_overdue(report, lang))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_golden(lang):
    check_golden(f"summary_{lang}.txt", text_of(plain.summary_lines(summary_report(), lang)))


def test_empty_overdue_golden():
    check_golden("overdue_empty_vi.txt", plain.render_overdue(empty_overdue_report(), "vi"))


def test_total_line_is_at_the_top():
    lines = plain.render_overdue(overdue_report(), "vi").splitlines()
    assert lines[1] == "Tổng cộng: 5 nhiệm vụ quá hạn tại 3 đơn vị; 2 nhiệm vụ đến hạn trong 7 ngày tới."


def test_no_escape_codes_and_no_trailing_spaces():
    for text in (plain.render_overdue(overdue_report()),
                 text_of(plain.summary_lines(summary_report()))):
        assert "\x1b" not in text
        assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("width", [72, 100, 140])
def test_deadline_column_aligned_in_cells(width):
    """The deadline date starts at the same cell on every task line, although one task is
    written in NFD (combining marks) and one holds a wide character."""
    text = plain.render_overdue(overdue_report(), "vi", width=width)
    overdue_part = text.split("SẮP ĐẾN HẠN")[0]
    starts = set()
    for line in overdue_part.splitlines():
        m = DATE.search(line)
        if m and not line.startswith(("BÁO CÁO",)):
            starts.add(cell_len(line[:m.start()]))
    assert len(starts) == 1, starts


@pytest.mark.parametrize("width", [72, 80, 100, 120])
def test_overdue_lines_fit_the_width(width):
    for line in plain.render_overdue(overdue_report(), "vi", width=width).splitlines():
        assert cell_len(line) <= width, line


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", [60, 72, 80, 96, 100, 120])
def test_summary_lines_fit_the_width(width, lang):
    # nine figure columns need ~75 cells with their headers on two lines; below that the
    # headers go over more lines, word by word (80 fits), and no word of them is cut
    lines = text_of(plain.summary_lines(summary_report(), lang, width=width)).splitlines()
    if width >= 80:  # (narrower, the headers' longest words may leave no room)
        for line in lines:
            assert cell_len(line) <= width, line
    rule = next(i for i, line in enumerate(lines) if line.startswith("----"))
    top = max(i for i in range(rule) if not lines[i])
    head = lines[top + 1:rule]  # (the header's lines)
    words = " ".join(head).split()
    for col in plain.summary_cols(summary_report(), lang)[1:]:  # every figure's header, whole
        for word in col.header.split():
            assert word in words, (word, head)


def test_summary_rows_and_totals():
    text = text_of(plain.summary_lines(summary_report(), "vi"))
    row = next(l for l in text.splitlines() if l.startswith("Phòng Quản lý đô thị"))
    assert row.split()[-9:] == ["49", "25", "9", "7", "6", "2", "0", "85,0%", "26,5%"]
    total = next(l for l in text.splitlines() if l.startswith("Tổng cộng "))
    assert total.split()[-2:] == ["88,6%", "17,2%"]
    # a unit with nothing fallen due has no rate, not 0%
    vh = next(l for l in text.splitlines() if l.startswith("Phòng Văn hóa"))
    assert vh.split()[-2:] == ["-", "-"]


def test_hidden_tasks_are_counted():
    from tracker.reports.data import OverdueGroup, OverdueReport

    r = overdue_report()
    g = r.groups[0]
    cut = OverdueGroup(g.unit, g.lines[:1], count=7, max_days=g.max_days)
    r2 = OverdueReport(today=r.today, groups=(cut,), due_soon=(), within_days=7)
    text = plain.render_overdue(r2, "vi")
    assert "... và 6 nhiệm vụ quá hạn khác" in text
    assert "Tổng cộng: 7 nhiệm vụ quá hạn tại 1 đơn vị" in text
