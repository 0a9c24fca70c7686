"""Plain fixed-width text: what cron mails and what a pipe gets.  No escape codes, no
progress bars; columns line up in cells, so Vietnamese (NFC or NFD) and wide characters
stay aligned in a monospace mail reader."""
from __future__ import annotations

from typing import TextIO

from tracker.i18n import t
from tracker.reports import words as w
from tracker.reports.data import OverdueReport, SummaryReport
from tracker.reports.fmt import fmt_date, fmt_int
from tracker.reports.layout import Col, header_lines, measure, row_formatter, row_lines, table, wrap

DEFAULT_WIDTH = 100
INDENT = "   "


# the task's text is wrapped, never cut: at 100 columns a mailed report left 27 cells of it
# ("Báo cáo tình hình thực hiệ…"), and the reader could not tell which task was late
def _overdue_cols(lang: str) -> list[Col]:
    k = [w.header(key, lang) for key in w.OVERDUE_COLS]
    return [Col(k[0], "r", min_width=2), Col(k[1], flex=True, min_width=8, max_width=18),
            Col(k[2], flex=True, min_width=12, wrap=True),
            Col(k[3]), Col(k[4], "r"), Col(k[5], "r"), Col(k[6], flex=True, min_width=8, max_width=24)]


def _due_soon_cols(lang: str) -> list[Col]:
    k = [w.header(key, lang) for key in w.DUE_SOON_COLS]
    return [Col(k[0], "r", min_width=2), Col(k[1], flex=True, min_width=8, max_width=24),
            Col(k[2], flex=True, min_width=8, max_width=18), Col(k[3], flex=True, min_width=12, wrap=True),
            Col(k[4]),
            Col(k[5], "r"), Col(k[6], flex=True, min_width=8, max_width=24)]


def overdue_lines(report: OverdueReport, lang: str = "vi", width: int = DEFAULT_WIDTH):
    """The overdue report as lines of text (a generator: large reports stream out)."""
    title = w.overdue_title(lang)
    yield from wrap(f"{title} - {w.as_of(report, lang)}", width)
    yield from wrap(w.overdue_total(report, lang), width)
    if report.filters:
        yield from wrap(w.filters_line(report.filters, lang), width)
    cols = _overdue_cols(lang)
    # one set of widths for every unit, so the columns line up down the whole mail
    cells = [[w.overdue_cells(line, lang) for line in group.lines] for group in report.groups]
    widths = measure(cols, (row for rows in cells for row in rows), width, INDENT)
    if report.groups:
        yield ""
        yield from header_lines(cols, widths, INDENT)
    lines_of = row_lines(cols, widths, row_formatter(cols, widths, INDENT))
    for i, (group, rows) in enumerate(zip(report.groups, cells), 1):
        if i > 1:
            yield ""
        yield from wrap(f"{i}. {w.group_heading(group, lang)}", width, subsequent=INDENT)
        for row in rows:
            yield from lines_of(row)
        if group.hidden:
            yield INDENT + t("report.overdue.more", lang=lang, count=fmt_int(group.hidden, lang))
    yield ""
    yield from wrap(t("report.due_soon.title", lang=lang, days=report.within_days), width)
    if not report.due_soon:
        yield from wrap(t("report.due_soon.none", lang=lang, days=report.within_days), width)
    else:
        rows = [w.due_soon_cells(line, lang) for line in report.due_soon]
        yield from table(_due_soon_cols(lang), rows, width, indent=INDENT)
        hidden = report.due_soon_total - len(report.due_soon)
        if hidden > 0:
            yield INDENT + t("report.due_soon.more", lang=lang, count=fmt_int(hidden, lang))


def summary_cols(report: SummaryReport, lang: str) -> list[Col]:
    # (the names keep 18 cells while the figures' headers can go over more lines: at 80
    # columns the nine figures take the rest)
    cols = [Col(w.by_label(report.by, lang), flex=True, min_width=12, max_width=40, keep=18)]
    cols += [Col(w.header(k, lang), "r") for k in w.COUNT_COLS + w.RATE_COLS]
    return cols


def summary_lines(report: SummaryReport, lang: str = "vi", width: int = DEFAULT_WIDTH):
    yield from wrap(w.summary_title(lang), width)
    yield from wrap(w.period_line(report, lang), width)
    yield from wrap(w.as_of(report, lang), width)
    if report.filters:
        yield from wrap(w.filters_line(report.filters, lang), width)
    yield ""
    if not report.rows:
        yield t("report.summary.empty", lang=lang)
        return
    yield from wrap(w.summary_sentence(report.totals, lang), width)
    yield ""
    rows = [[w.row_label(r.label, lang)] + w.count_cells(r.counts, lang) for r in report.rows]
    footer = [[t("report.total_row", lang=lang)] + w.count_cells(report.totals, lang)]
    yield from table(summary_cols(report, lang), rows, width, footer=footer)
    yield ""
    yield from wrap(t("report.summary.legend", lang=lang), width)


def write(lines, out: TextIO) -> None:
    write_out = out.write
    for line in lines:
        write_out(line + "\n")


def render_overdue(report: OverdueReport, lang: str = "vi", width: int = DEFAULT_WIDTH) -> str:
    return "\n".join(overdue_lines(report, lang, width)) + "\n"


def reminder_lines(unit: str, group, due_soon, report: OverdueReport, lang: str = "vi",
                   width: int = DEFAULT_WIDTH):
    """One unit's reminder: who it is for, one sentence, its overdue and due-soon tasks.
    ``group`` is the unit's OverdueGroup (or None), ``due_soon`` its due-soon lines."""
    overdue_count = group.count if group is not None else 0
    yield from wrap(t("report.reminder.title", lang=lang), width)
    yield from wrap(t("report.reminder.to", lang=lang, unit=unit), width)
    yield ""
    yield from wrap(t("report.reminder.intro", lang=lang, date=fmt_date(report.today),
                      overdue=fmt_int(overdue_count, lang), soon=fmt_int(len(due_soon), lang),
                      days=report.within_days), width)
    if group is not None and group.lines:
        yield ""
        yield t("report.reminder.overdue", lang=lang)
        rows = [w.overdue_cells(line, lang) for line in group.lines]
        yield from table(_overdue_cols(lang), rows, width, indent=INDENT)
        if group.hidden:
            yield INDENT + t("report.overdue.more", lang=lang, count=fmt_int(group.hidden, lang))
    if due_soon:
        yield ""
        yield from wrap(t("report.due_soon.title", lang=lang, days=report.within_days), width)
        cols = _overdue_cols(lang)
        cols[4] = Col(w.header("report.col.days_left", lang), "r")
        rows = [w.overdue_cells(line, lang)[:4] + [w.days_left_text(line, lang)]
                + w.overdue_cells(line, lang)[5:] for line in due_soon]
        yield from table(cols, rows, width, indent=INDENT)
