"""`--width N` below what a table's columns need: the sentences wrap at N, each table is
laid out at its own minimum (never wider), and the help says so."""
from __future__ import annotations

import pytest

from report_samples import overdue_report, summary_report
from tracker.reports import plain
from tracker.reports import words as w
from tracker.reports.fmt import cell_len
from tracker.reports.layout import GAP, measure


def _floor(cols, rows, indent="") -> int:
    """The narrowest a table of these columns and rows is laid out."""
    widths = measure(cols, rows, 0, indent)
    return cell_len(indent) + sum(widths) + len(GAP) * (len(cols) - 1)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_table_at_its_floor_and_sentences_at_the_width(lang):
    report = summary_report()
    lines = list(plain.summary_lines(report, lang, 40))
    rows = [[w.row_label(r.label, lang)] + w.count_cells(r.counts, lang) for r in report.rows]
    rows.append([w.row_label("Tổng cộng", lang)] + w.count_cells(report.totals, lang))
    floor = _floor(plain.summary_cols(report, lang), rows)
    assert floor > 40  # (ten columns of figures cannot be 40 cells wide)
    wide = [line for line in lines if cell_len(line) > 40]
    assert wide and max(cell_len(line) for line in wide) == floor
    # every wide line is the table's: a header, a rule or a row of figures
    assert all("  " in line.strip() or set(line) == {"-", " "} for line in wide), wide


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overdue_table_at_its_floor(lang):
    report = overdue_report()
    lines = list(plain.overdue_lines(report, lang, 40))
    rows = [w.overdue_cells(ln, lang) for ln in report.lines()]
    floor = _floor(plain._overdue_cols(lang), rows, plain.INDENT)
    soon = _floor(plain._due_soon_cols(lang), [w.due_soon_cells(ln, lang) for ln in report.due_soon],
                  plain.INDENT)
    assert max(cell_len(line) for line in lines) == max(floor, soon)
    for line in lines[:2]:  # the title and the headline wrap at the width
        assert cell_len(line) <= 40


@pytest.mark.parametrize("lang, words", [("vi", "bảng không hẹp hơn mức các cột của nó cần"),
                                         ("en", "a table is never narrower than its columns need")])
def test_the_help_says_the_floor(run, lang, words):
    from tracker.i18n import t

    assert words in t("report.help.opt.width", lang=lang)
    if lang == "vi":  # (the commands' help is made in the language they were loaded in)
        for report in ("overdue", "summary"):
            res = run("report", report, "--help", lang=lang)
            assert words in " ".join(res.stdout.split()), res.stdout
