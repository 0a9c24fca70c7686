"""The Rich layout: colour on a terminal, and the stacked bar per unit."""
from __future__ import annotations

import re

import pytest
from rich.console import Console

from report_samples import overdue_report, summary_report
from tracker.reports import terminal
from tracker.reports.data import Counts
from tracker.reports.fmt import cell_len


@pytest.mark.parametrize("values, width", [
    ((40, 6, 10, 4), 24), ((1, 0, 0, 999), 24), ((0, 0, 0, 0), 24), ((3, 3, 3, 3), 10),
    ((1, 1, 1, 1), 3), ((7, 0, 0, 0), 24), ((5, 1, 0, 1), 1),
])
def test_bar_cells_fill_the_width(values, width):
    cells = terminal.bar_cells(values, width)
    assert len(cells) == len(values)
    if sum(values) == 0:
        assert cells == [0, 0, 0, 0]
        return
    assert sum(cells) == width
    nonzero = sum(1 for v in values if v)
    if nonzero <= width:
        # a single overdue task still shows
        assert all(c >= 1 for c, v in zip(cells, values) if v)
    assert all(c == 0 for c, v in zip(cells, values) if v == 0)


def test_bar_cells_proportional():
    assert terminal.bar_cells((50, 25, 25, 0), 24) == [12, 6, 6, 0]
    assert terminal.bar_cells((1, 0, 0, 999), 24) == [1, 0, 0, 23]


def test_stacked_bar_colours_in_order():
    text = terminal.stacked_bar(Counts(40, 6, 10, 4), width=24)
    assert text.plain == "█" * 24
    styles = [str(span.style) for span in text.spans]
    assert styles == ["green", "yellow", "blue", "red"]
    lengths = [span.end - span.start for span in text.spans]
    assert lengths == terminal.bar_cells((40, 6, 10, 4), 24)


def _render(fn, report, lang, color=True) -> str:
    console = Console(width=130, record=True, force_terminal=color,
                      color_system="truecolor" if color else None)
    fn(report, console, lang)
    return console.export_text(styles=color)


def test_overdue_in_colour():
    out = _render(terminal.print_overdue, overdue_report(), "vi")
    assert "\x1b[" in out
    plain = _render(terminal.print_overdue, overdue_report(), "vi", color=False)
    assert "Tổng cộng: 5 nhiệm vụ quá hạn tại 3 đơn vị" in plain
    for unit in ("1. Phòng Tài chính - Kế hoạch", "2. UBND Phường 5", "3. Phòng Quản lý đô thị"):
        assert unit in plain
    assert "trong tháng 12/2020" in plain  # the deadline as written has a column here
    assert "hôm nay" in plain


def test_summary_with_bars():
    plain = _render(terminal.print_summary, summary_report(), "en", color=False)
    row = next(l for l in plain.splitlines() if l.startswith("Phòng Quản lý đô thị"))
    assert "85.0%" in row and "26.5%" in row and "█" in row
    assert "█ done on time  █ done late  █ open  █ overdue" in plain
    coloured = _render(terminal.print_summary, summary_report(), "vi")
    assert "\x1b[31m" in coloured or "\x1b[91m" in coloured  # red overdue blocks


@pytest.mark.parametrize("width", [80, 100, 130])
def test_summary_fits_the_terminal_with_every_figure_whole(width):
    """At 80 columns the figures' columns were cut to '…' and the last one fell off the edge
    while the bars kept 24 cells; now every figure is whole, the names are cut where they
    must, and the bars show only where the names keep room beside them."""
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    terminal.print_summary(summary_report(), console, "vi")
    text = console.export_text()
    lines = text.splitlines()
    assert max(map(len, lines)) <= width
    total = next(line for line in lines if line.startswith("Tổng cộng"))
    figures = [x for x in total.split()[2:] if "█" not in x]
    assert figures == ["138", "77", "16", "22", "12", "10", "1", "88,6%", "17,2%"]  # all, whole
    for line in lines:
        if line.startswith(("Phòng", "UBND")):  # each unit's row ends with its last rate, whole
            assert re.fullmatch(r"\d+,\d%|-", [x for x in line.split() if "█" not in x][-1]), line
    assert ("█" in text) == (width >= 120)


@pytest.mark.parametrize("width", [80, 130])
def test_overdue_on_a_terminal_gives_each_task_whole(width):
    """The task's text goes over the lines below, as in the mailed report: at 80 columns it
    was cut to 16 cells ('Tham mưu xây dự…') and the clerk could not tell which task it was."""
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    terminal.print_overdue(overdue_report(), console, "vi")
    lines = console.export_text().splitlines()
    assert max(map(cell_len, lines)) <= width  # (in cells: one row's text is NFD on purpose)
    row = next(i for i, line in enumerate(lines) if line.split()[:1] == ["12"])
    first = lines[row]
    assert "31/12/2020" in first and first.split()[1] in ("18-KL/TU", "18-KL/…")
    start, end = first.index("Tham"), first.index("31/12/2020")
    words = first[start:end].split()
    for line in lines[row + 1:]:  # the lines below hold the text alone, under its column
        if not line.strip() or line[:start].strip():
            break
        words += line.split()
    assert " ".join(words) == "Tham mưu xây dựng phương án thu ngân sách bù hụt thu do ảnh hưởng dịch Covid-19"
