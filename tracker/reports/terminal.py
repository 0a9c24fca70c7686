"""Rich layout for a terminal: colour, the units' tasks in columns that line up down the
screen, and in the summary a stacked bar per row (done on time / done late / open /
overdue).  Only used when stdout is a
terminal and colour is wanted; pipes and cron get ``plain``."""
from __future__ import annotations

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tracker.i18n import t
from tracker.reports import words as w
from tracker.reports.data import Counts, OverdueReport, SummaryReport, TaskLine
from tracker.reports.fmt import cell_len, fit_pad, fmt_date, fmt_int
from tracker.reports.layout import GAP, Col, header_lines, header_parts, measure, wrap
from tracker.reports.plain import summary_cols

BAR_WIDTH = 24
NAMES_BESIDE_BARS = 24  # the summary shows its bars where the names keep this many cells
# done on time, done late, open on time, open overdue
BAR_STYLES = ("green", "yellow", "blue", "red")
BAR_CHAR = "█"


def bar_cells(values, width: int = BAR_WIDTH) -> list[int]:
    """Split ``width`` cells among ``values`` in proportion (largest remainder), giving
    every non-zero value at least one cell so a single overdue task still shows."""
    values = [max(0, v) for v in values]
    total = sum(values)
    if total <= 0 or width <= 0:
        return [0] * len(values)
    exact = [v * width / total for v in values]
    cells = [int(e) for e in exact]
    for i, v in enumerate(values):
        if v > 0 and cells[i] == 0 and sum(1 for x in values if x > 0) <= width:
            cells[i] = 1
    diff = width - sum(cells)
    if diff > 0:
        order = sorted((i for i, v in enumerate(values) if v > 0),
                       key=lambda i: (-(exact[i] - int(exact[i])), i))
        k = 0
        while diff > 0:
            cells[order[k % len(order)]] += 1
            diff -= 1
            k += 1
    while diff < 0:
        i = max(range(len(cells)), key=lambda j: (cells[j] - exact[j], cells[j]))
        if cells[i] <= 1:
            break
        cells[i] -= 1
        diff += 1
    return cells


def stacked_bar(counts: Counts, width: int = BAR_WIDTH) -> Text:
    values = (counts.done_on_time, counts.done_late, counts.open_on_time, counts.open_overdue)
    text = Text()
    for n, style in zip(bar_cells(values, width), BAR_STYLES):
        if n:
            text.append(BAR_CHAR * n, style=style)
    return text


def _days_style(days: int) -> str:
    if days > 30:
        return "bold red"
    if days > 7:
        return "red"
    return "yellow"


def _rate_style(rate: float | None) -> str:
    if rate is None:
        return "dim"
    if rate >= 0.9:
        return "green"
    if rate >= 0.7:
        return "yellow"
    return "red"


_KEYS = ("report.col.id", "report.col.directive", "report.col.content", "report.col.deadline",
         "report.col.deadline_text", "report.col.days_overdue", "report.col.extensions",
         "report.col.leader")
INDENT = "   "


def _cols(lang: str, due_soon: bool = False) -> list[Col]:
    keys = list(_KEYS)
    if due_soon:
        keys[5] = "report.col.days_left"
    h = [w.header(k, lang) for k in keys]
    return [Col(h[0], "r", min_width=2), Col(h[1], flex=True, min_width=8, max_width=18),
            Col(h[2], flex=True, min_width=16, wrap=True), Col(h[3]),
            Col(h[4], flex=True, min_width=8, max_width=22), Col(h[5], "r"), Col(h[6], "r"),
            Col(h[7], flex=True, min_width=8, max_width=22)]


def _cells(ln: TaskLine, lang: str, due_soon: bool) -> list[str]:
    if due_soon:
        days = w.days_left_text(ln, lang)
        content = f"{ln.content} [{ln.unit}]" if ln.unit else ln.content
    else:
        days, content = fmt_int(ln.days_overdue, lang), ln.content
    return [str(ln.task_id), ln.directive, content, fmt_date(ln.deadline), ln.deadline_text,
            days, fmt_int(ln.extensions, lang) if ln.extensions else "", ln.leader]


def _row(cols, widths, cells, styles) -> Text:
    """One table row as styled text, laid out by the plain renderer's rules (a Rich Table
    takes seconds for a few thousand rows; this takes milliseconds)."""
    text = Text(INDENT, no_wrap=True, overflow="crop")
    for i, cell in enumerate(cells):
        if i:
            text.append(GAP)
        text.append(fit_pad(cell, widths[i], cols[i].align), style=styles[i])
    text.rstrip()
    return text


def _rows(cols, widths, cells, styles) -> list[Text]:
    """One table row as styled lines: the task's text over the lines below where it is too
    wide (read whole, as the mailed report gives it), the other cells on the first."""
    i = next((i for i, c in enumerate(cols) if c.wrap), None)
    if i is None or cell_len(cells[i]) <= widths[i]:
        return [_row(cols, widths, cells, styles)]
    first, *rest = wrap(cells[i], widths[i])
    lead = INDENT + " " * (sum(widths[:i]) + len(GAP) * i)  # (the lines below: that text alone)
    return [_row(cols, widths, [*cells[:i], first, *cells[i + 1:]], styles),
            *(Text(lead + part, style=styles[i], no_wrap=True, overflow="crop") for part in rest)]


def _header(cols, widths) -> list[Text]:
    return [Text(line, style="bold", no_wrap=True, overflow="crop")
            for line in header_lines(cols, widths, INDENT)]


def overdue_renderables(report: OverdueReport, lang: str = "vi", width: int = 120) -> list:
    out: list = [Rule(Text(f"{w.overdue_title(lang)} · {w.as_of(report, lang)}", style="bold"),
                      align="left")]
    total_style = "bold green" if report.is_empty else "bold red"
    out.append(Text(w.overdue_total(report, lang), style=total_style))
    if report.filters:
        out.append(Text(w.filters_line(report.filters, lang), style="dim"))
    cols, soon_cols = _cols(lang), _cols(lang, due_soon=True)
    rows = [[_cells(ln, lang, False) for ln in g.lines] for g in report.groups]
    soon = [_cells(ln, lang, True) for ln in report.due_soon]
    # one set of widths for both sections, so the columns line up down the screen
    widths = measure(cols, [r for rs in rows for r in rs] + soon, width, INDENT)
    plain = ("", "", "", "", "dim", "", "", "")
    if report.groups:
        out.append(Text())
        out.extend(_header(cols, widths))
    for i, (group, cells) in enumerate(zip(report.groups, rows), 1):
        if i > 1:
            out.append(Text())
        out.append(Text(f"{i}. {w.group_heading(group, lang)}", style="bold"))
        for ln, c in zip(group.lines, cells):
            styles = list(plain)
            styles[5] = _days_style(ln.days_overdue)
            out.extend(_rows(cols, widths, c, styles))
        if group.hidden:
            out.append(Text(INDENT + t("report.overdue.more", lang=lang,
                                       count=fmt_int(group.hidden, lang)), style="dim"))
    out.append(Text())
    out.append(Text(t("report.due_soon.title", lang=lang, days=report.within_days), style="bold"))
    if report.due_soon:
        out.extend(_header(soon_cols, widths))
        styles = list(plain)
        styles[5] = "cyan"
        for c in soon:
            out.extend(_rows(soon_cols, widths, c, styles))
        hidden = report.due_soon_total - len(report.due_soon)
        if hidden > 0:
            out.append(Text(INDENT + t("report.due_soon.more", lang=lang,
                                       count=fmt_int(hidden, lang)), style="dim"))
    else:
        out.append(Text(t("report.due_soon.none", lang=lang, days=report.within_days),
                        style="dim"))
    return out


def _legend(lang: str) -> Text:
    # the catalogue's legend holds four "█ words" parts; colour each block in turn
    text = Text()
    parts = t("report.bar.legend", lang=lang).split(BAR_CHAR)
    text.append(parts[0])
    for part, style in zip(parts[1:], BAR_STYLES):
        text.append(BAR_CHAR, style=style)
        text.append(part)
    return text


def summary_renderables(report: SummaryReport, lang: str = "vi", bars: bool = True,
                        width: int = 120) -> list:
    """The summary for a terminal ``width`` cells wide: every figure whole (a header goes over
    more lines instead), the unit's name cut where it must; the bars only where they fit."""
    out: list = [Rule(Text(w.summary_title(lang), style="bold"), align="left"),
                 Text(w.period_line(report, lang)), Text(w.as_of(report, lang), style="dim")]
    if report.filters:
        out.append(Text(w.filters_line(report.filters, lang), style="dim"))
    if not report.rows:
        out.append(Text(t("report.summary.empty", lang=lang)))
        return out
    out.append(Text())
    out.append(Text(w.summary_sentence(report.totals, lang)))
    out.append(Text())
    # the widths the plain report's table takes (reports.layout: the names cut where they
    # must, the figures' headers over more lines) — with room for the bars when it leaves it
    cols = summary_cols(report, lang)
    cells_total = w.count_cells(report.totals, lang)
    rows = [[w.row_label(r.label, lang)] + w.count_cells(r.counts, lang) for r in report.rows]
    rows.append([t("report.total_row", lang=lang)] + cells_total)
    bar_room = BAR_WIDTH + len(GAP)
    widths = measure(cols, rows, width - bar_room) if bars else []
    names = min(NAMES_BESIDE_BARS, max(cell_len(row[0]) for row in rows))
    if not bars or widths[0] < names or sum(widths) + len(GAP) * (len(cols) - 1) > width - bar_room:
        bars, widths = False, measure(cols, rows, width)  # (the names before the bars)
    table = Table(header_style="bold", show_footer=True, box=None, pad_edge=False,
                  footer_style="bold")
    for i, (col, n) in enumerate(zip(cols, widths)):
        table.add_column("\n".join(header_parts(col, n)), footer=rows[-1][i],
                         justify="right" if i else "left", width=n, no_wrap=True, overflow="ellipsis")
    if bars:
        table.add_column("", footer=stacked_bar(report.totals), no_wrap=True,
                         min_width=BAR_WIDTH)
    for row in report.rows:
        cells = w.count_cells(row.counts, lang)
        c = row.counts
        styled = [Text(x) for x in cells[:9]]
        styled[4].stylize("red" if c.open_overdue else "")
        styled[7] = Text(cells[7], style=_rate_style(c.completion_rate))
        extra = [stacked_bar(c)] if bars else []
        table.add_row(w.row_label(row.label, lang), *styled, *extra)
    out.append(table)
    if bars:
        out.append(_legend(lang))
    out.append(Text())
    out.append(Text(t("report.summary.legend", lang=lang), style="dim"))
    return out


def print_overdue(report: OverdueReport, console: Console | None = None, lang: str = "vi") -> None:
    console = console or Console()
    console.print(Group(*overdue_renderables(report, lang, console.width)), soft_wrap=False)


def print_summary(report: SummaryReport, console: Console | None = None, lang: str = "vi",
                  bars: bool = True) -> None:
    console = console or Console()
    console.print(Group(*summary_renderables(report, lang, bars, console.width)))
