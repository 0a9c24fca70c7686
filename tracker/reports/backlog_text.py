"""The backlog review and the Monday briefing as plain text and markdown."""
from __future__ import annotations

from tracker.i18n import t
from tracker.reports.backlog import COLUMNS, BacklogReport, BacklogRow
from tracker.reports.fmt import fmt_date, fmt_int
from tracker.reports.layout import Col, table, wrap
from tracker.reports.words import period_label


def period_name(report: BacklogReport, lang: str) -> str:
    """The review's period as its title names it: the label in ``lang`` ("Quý I/2021", "Q1
    2021"), else its dates."""
    label = period_label(report.period_label, report.start, report.end, lang)
    return label or t("report.summary.period_range", lang=lang, start=fmt_date(report.start),
                      end=fmt_date(report.end))


def _title_lines(report: BacklogReport, lang: str) -> list[str]:
    period = t("report.summary.period_range", lang=lang, start=fmt_date(report.start),
               end=fmt_date(report.end))
    if report.period_label:
        period = f"{period_label(report.period_label, report.start, report.end, lang)} ({period})"
    lines = [t("backlog.title", lang=lang), t("backlog.period", lang=lang, period=period),
             t("report.as_of", lang=lang, date=fmt_date(report.today))]
    if report.filters:
        lines.append(" · ".join(f"{t(k, lang=lang)}: {v}" for k, v in report.filters))
    return lines


def _heads(first_key: str, lang: str) -> list[str]:
    return [t(first_key, lang=lang)] + [t(f"backlog.col.{c}", lang=lang) for c in COLUMNS]


def _cells(row: BacklogRow, lang: str, label: str | None = None) -> list[str]:
    name = row.label or t("report.none_value", lang=lang) if label is None else label
    return [name] + [fmt_int(v, lang) for v in row.values()]


def behind_sentence(report: BacklogReport, lang: str) -> str:
    if not report.behind:
        return t("backlog.behind_none", lang=lang)
    names = "; ".join(t("backlog.behind_unit", lang=lang, unit=r.label,
                        start=fmt_int(r.start_overdue, lang), end=fmt_int(r.end_overdue, lang))
                      for r in report.behind)
    return t("backlog.behind", lang=lang, count=fmt_int(len(report.behind), lang), units=names)


def plain_lines(report: BacklogReport, lang: str = "vi", width: int = 100):
    for line in _title_lines(report, lang):
        yield from wrap(line, width)
    for key, rows in (("report.by.unit", report.by_unit), ("report.by.leader", report.by_leader)):
        yield ""
        yield from wrap(t("backlog.section", lang=lang, by=t(key, lang=lang).lower()), width)
        if not rows:
            yield t("report.summary.empty", lang=lang)
            continue
        heads = _heads(key, lang)
        cols = [Col(heads[0], flex=True, min_width=12, max_width=40)] + [
            Col(h, "r") for h in heads[1:]]
        footer = [_cells(report.total, lang, t("report.total_row", lang=lang))]
        yield from table(cols, [_cells(r, lang) for r in rows], width, footer=footer)
    yield ""
    yield from wrap(behind_sentence(report, lang), width)
    yield from wrap(t("backlog.legend", lang=lang), width)


def markdown_lines(report: BacklogReport, lang: str = "vi"):
    from tracker.reports.markdown import _table, esc

    title, *rest = _title_lines(report, lang)
    yield f"# {esc(title)}"
    yield ""
    for line in rest:
        yield esc(line) + "  "
    for key, rows in (("report.by.unit", report.by_unit), ("report.by.leader", report.by_leader)):
        yield ""
        yield f"## {esc(t('backlog.section', lang=lang, by=t(key, lang=lang).lower()))}"
        yield ""
        body = [_cells(r, lang) for r in rows]
        body.append(_cells(report.total, lang, t("report.total_row", lang=lang)))
        yield from _table(_heads(key, lang), "l" + "r" * len(COLUMNS), body)
    yield ""
    yield esc(behind_sentence(report, lang))
    yield ""
    yield esc(t("backlog.legend", lang=lang))
