"""The sentences and cells every human-facing renderer shares (plain, markdown, rich,
docx), so a title or a total reads the same everywhere.  Strings come from the catalogue."""
from __future__ import annotations

import datetime as dt

from tracker.i18n import t
from tracker.reports.data import (
    COUNT_KEYS, Counts, OverdueGroup, OverdueReport, SummaryReport, TaskLine)
from tracker.reports.fmt import fmt_date, fmt_int, fmt_percent


def header(key: str, lang: str, one_line: bool = False) -> str:
    text = t(key, lang=lang)
    return text.replace("\n", " ") if one_line else text


def filters_line(filters, lang: str) -> str:
    return " · ".join(f"{t(k, lang=lang)}: {v}" for k, v in filters)


# --------------------------------------------------------------------------- overdue


def overdue_title(lang: str) -> str:
    return t("report.overdue.title", lang=lang)


def as_of(report, lang: str) -> str:
    return t("report.as_of", lang=lang, date=fmt_date(report.today))


def overdue_total(report: OverdueReport, lang: str) -> str:
    """The headline: how many are overdue — by at least ``min_days`` days when the report
    asked for that many (--min-days), never "nothing is overdue" of a list it narrowed."""
    soon = fmt_int(report.due_soon_total, lang)
    at_least = report.min_days > 1
    if report.is_empty:
        return t("report.overdue.none_min_days" if at_least else "report.overdue.none",
                 lang=lang, soon=soon, days=report.within_days,
                 min_days=fmt_int(report.min_days, lang))
    return t("report.overdue.total_min_days" if at_least else "report.overdue.total",
             lang=lang, count=fmt_int(report.total_overdue, lang),
             units=fmt_int(report.unit_count, lang), soon=soon, days=report.within_days,
             min_days=fmt_int(report.min_days, lang))


def group_heading(group: OverdueGroup, lang: str) -> str:
    return t("report.overdue.group", lang=lang, unit=group.unit or t("report.none_value", lang=lang),
             count=fmt_int(group.count, lang), days=fmt_int(group.max_days, lang))


OVERDUE_COLS = ("report.col.id", "report.col.directive", "report.col.content",
                "report.col.deadline", "report.col.days_overdue", "report.col.extensions",
                "report.col.leader")
DUE_SOON_COLS = ("report.col.id", "report.col.unit", "report.col.directive",
                 "report.col.content", "report.col.deadline", "report.col.days_left",
                 "report.col.leader")


def overdue_cells(line: TaskLine, lang: str) -> list[str]:
    return [str(line.task_id), line.directive, line.content, fmt_date(line.deadline),
            fmt_int(line.days_overdue, lang), fmt_int(line.extensions, lang) if line.extensions else "",
            line.leader]


def days_left_text(line: TaskLine, lang: str) -> str:
    return t("report.due_today", lang=lang) if line.days_left == 0 else fmt_int(line.days_left, lang)


def due_soon_cells(line: TaskLine, lang: str) -> list[str]:
    return [str(line.task_id), line.unit, line.directive, line.content, fmt_date(line.deadline),
            days_left_text(line, lang), line.leader]


# --------------------------------------------------------------------------- summary

COUNT_COLS = tuple(f"report.col.{k}" for k in COUNT_KEYS)
RATE_COLS = ("report.col.completion", "report.col.late_share")


def by_label(by: str, lang: str) -> str:
    return t(f"report.by.{by}", lang=lang)


def summary_title(lang: str) -> str:
    return t("report.summary.title", lang=lang)


def whole_period_words(start: dt.date | None, end: dt.date | None, lang: str) -> str | None:
    """A whole month, quarter, half, year, or first or last months of a year in ``lang``
    ("Quý I/2021" / "Q1 2021", "tháng 05/2021" / "May 2021", "6 tháng đầu năm 2021" /
    "first half of 2021", "năm 2021" / "2021"); None for any other span.  In Vietnamese it
    is ``domain.periods.period_name``'s words, which the reports' data carry."""
    from tracker.domain.periods import period_name

    name = period_name(start, end)
    if name is None:
        return None
    year, months = str(start.year), end.month - start.month + 1
    if months == 1:
        names = t("report.period.month_names", lang=lang).split("|")
        return t("report.period.month", lang=lang, month=names[start.month - 1], year=year)
    if months == 3 and start.month % 3 == 1:
        names = t("report.period.quarter_names", lang=lang).split("|")
        return t("report.period.quarter", lang=lang, quarter=names[start.month // 3], year=year)
    if months == 6 and start.month in (1, 7):
        return t("report.period.half_first" if start.month == 1 else "report.period.half_second",
                 lang=lang, year=year)
    if months == 12:
        return t("report.period.year", lang=lang, year=year)
    return t("report.period.first_months" if start.month == 1 else "report.period.last_months",
             lang=lang, months=str(months), year=year)


def period_label(label: str, start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """A report's period label in ``lang``: a whole period, which the data name in an
    office's words ("Quý I/2021"), is said in the reader's language ("Q1 2021"); a label
    typed otherwise is kept as typed."""
    if not label or lang == "vi":
        return label
    from tracker.domain.periods import period_name

    if label != period_name(start, end):
        return label
    return whole_period_words(start, end, lang) or label


def period_text(report: SummaryReport, lang: str) -> str:
    """'Quý I/2021 (từ ngày 01/01/2021 đến ngày 31/03/2021)' or just the dates."""
    start, end = fmt_date(report.period_from), fmt_date(report.period_to)
    if start and end:
        dates = t("report.summary.period_range", lang=lang, start=start, end=end)
    elif start:
        dates = t("report.summary.period_from", lang=lang, start=start)
    elif end:
        dates = t("report.summary.period_to", lang=lang, end=end)
    else:
        dates = t("report.summary.period_all", lang=lang)
    if report.period_label:
        label = period_label(report.period_label, report.period_from, report.period_to, lang)
        return f"{label} ({dates})"
    return dates


def basis_text(report: SummaryReport, lang: str) -> str:
    """The words naming what put a task in the period ("tasks assigned in the period")."""
    from tracker.domain.periods import basis_key

    return t(basis_key(report.basis), lang=lang)


def period_line(report: SummaryReport, lang: str) -> str:
    return t("report.summary.period_basis", lang=lang, period=period_text(report, lang),
             basis=basis_text(report, lang))


def count_cells(counts: Counts, lang: str) -> list[str]:
    d = counts.as_dict()
    return [fmt_int(d[k], lang) for k in COUNT_KEYS] + [
        fmt_percent(counts.completion_rate, lang), fmt_percent(counts.late_share, lang)]


def summary_sentence(counts: Counts, lang: str) -> str:
    """The sentence a government review writes over its table:
    'Tổng số 21.914 nhiệm vụ được giao; đã hoàn thành 16.051 (đúng hạn: 14.068, …'."""
    n = lambda v: fmt_int(v, lang)  # noqa: E731
    parts = [
        t("report.summary.assigned", lang=lang, count=n(counts.assigned)),
        t("report.summary.done", lang=lang, done=n(counts.done), on_time=n(counts.done_on_time),
          late=n(counts.done_late)),
        t("report.summary.open", lang=lang, open=n(counts.open), on_time=n(counts.open_on_time),
          overdue=n(counts.open_overdue)),
    ]
    if counts.no_deadline:
        parts.append(t("report.summary.no_deadline", lang=lang, count=n(counts.no_deadline)))
    if counts.cancelled:
        parts.append(t("report.summary.cancelled", lang=lang, count=n(counts.cancelled)))
    rates = t("report.summary.rates", lang=lang,
              completion=fmt_percent(counts.completion_rate, lang),
              late=fmt_percent(counts.late_share, lang))
    return "; ".join(parts) + ". " + rates


def row_label(label: str, lang: str) -> str:
    return label or t("report.none_value", lang=lang)
