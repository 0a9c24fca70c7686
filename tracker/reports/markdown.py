"""Markdown: for a wiki page, a chat message or a pull into a document.  Content is not
shortened here (the reader's screen wraps it) and the deadline as written gets a column."""
from __future__ import annotations

import re

from tracker.i18n import t
from tracker.reports import words as w
from tracker.reports.data import OverdueReport, SummaryReport
from tracker.reports.fmt import fmt_date, fmt_int

_SPECIAL = re.compile(r"([\\|*_`\[\]<>#])")


def esc(text: str) -> str:
    """A cell or a line safe in GitHub/CommonMark: markup characters escaped, no line breaks."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headers: list[str], aligns: str, rows) -> list[str]:
    out = [_row(esc(h) for h in headers),
           "|" + "|".join("---:" if a == "r" else "---" for a in aligns) + "|"]
    out.extend(_row(esc(c) for c in row) for row in rows)
    return out


_OVERDUE_HEAD = ("report.col.id", "report.col.directive", "report.col.content",
                 "report.col.deadline", "report.col.deadline_text", "report.col.days_overdue",
                 "report.col.extensions", "report.col.leader")
_SOON_HEAD = ("report.col.id", "report.col.unit", "report.col.directive", "report.col.content",
              "report.col.deadline", "report.col.deadline_text", "report.col.days_left",
              "report.col.leader")


def overdue_lines(report: OverdueReport, lang: str = "vi"):
    yield f"# {esc(w.overdue_title(lang))}"
    yield ""
    yield esc(w.as_of(report, lang))
    if report.filters:
        yield ""
        yield esc(w.filters_line(report.filters, lang))
    yield ""
    yield f"**{esc(w.overdue_total(report, lang))}**"
    heads = [w.header(k, lang, one_line=True) for k in _OVERDUE_HEAD]
    for i, group in enumerate(report.groups, 1):
        yield ""
        yield f"## {i}. {esc(w.group_heading(group, lang))}"
        yield ""
        rows = ([str(ln.task_id), ln.directive, ln.content, fmt_date(ln.deadline), ln.deadline_text,
                 fmt_int(ln.days_overdue, lang), fmt_int(ln.extensions, lang), ln.leader]
                for ln in group.lines)
        yield from _table(heads, "rllllrrl", rows)
        if group.hidden:
            yield ""
            yield esc(t("report.overdue.more", lang=lang, count=fmt_int(group.hidden, lang)))
    yield ""
    yield f"## {esc(t('report.due_soon.title', lang=lang, days=report.within_days))}"
    yield ""
    if not report.due_soon:
        yield esc(t("report.due_soon.none", lang=lang, days=report.within_days))
        return
    heads = [w.header(k, lang, one_line=True) for k in _SOON_HEAD]
    rows = ([str(ln.task_id), ln.unit, ln.directive, ln.content, fmt_date(ln.deadline),
             ln.deadline_text, w.days_left_text(ln, lang), ln.leader] for ln in report.due_soon)
    yield from _table(heads, "rlllllrl", rows)
    hidden = report.due_soon_total - len(report.due_soon)
    if hidden > 0:
        yield ""
        yield esc(t("report.due_soon.more", lang=lang, count=fmt_int(hidden, lang)))


def summary_lines(report: SummaryReport, lang: str = "vi"):
    yield f"# {esc(w.summary_title(lang))}"
    yield ""
    yield esc(w.period_line(report, lang)) + "  "
    yield esc(w.as_of(report, lang))
    if report.filters:
        yield ""
        yield esc(w.filters_line(report.filters, lang))
    yield ""
    if not report.rows:
        yield esc(t("report.summary.empty", lang=lang))
        return
    yield esc(w.summary_sentence(report.totals, lang))
    yield ""
    heads = [w.by_label(report.by, lang)] + [
        w.header(k, lang, one_line=True) for k in w.COUNT_COLS + w.RATE_COLS]
    rows = [[w.row_label(r.label, lang)] + w.count_cells(r.counts, lang) for r in report.rows]
    total = [f"**{t('report.total_row', lang=lang)}**"] + [
        f"**{c}**" for c in w.count_cells(report.totals, lang)]
    lines = _table(heads, "l" + "r" * 9, rows)
    lines.append(_row(total))
    yield from lines
    yield ""
    yield esc(t("report.summary.legend", lang=lang))
