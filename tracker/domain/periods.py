"""The one period rule: which tasks belong to a period, and how a period is written.

A period's tasks are, by default, those **assigned** in it — their directive's date falls in
the period — as the official reviews count them ("nhiệm vụ được giao trong kỳ": report
302/BC-UBND counts a year's tasks by the documents issued that year).  A recurring duty's
instance is assigned at the start of its own period, or on its directive's date when that is
later (``instance_assigned_on``, kept in ``task.assigned_on``): May's monthly report of a 2020
directive is work assigned in May 2021, counted like any task of it.  On request they are
the tasks whose **deadline** in force falls in it (the work due in the period; ongoing work
has no deadline and so belongs to no such period).

``in_period`` is the rule in Python; ``tracker.store.period_sql.period_where`` is its SQL
twin (``tests/test_periods.py`` holds the two to the same answers).  Every screen and report
that speaks of "the tasks of a period" goes through them, and names its basis
(``basis_key``) on screen and on paper.
"""
from __future__ import annotations

import datetime as dt
import re

from tracker.domain.text import fold

ASSIGNED, DEADLINE = "assigned", "deadline"
BASES = (ASSIGNED, DEADLINE)
DEFAULT_BASIS = ASSIGNED


def check_basis(basis: str) -> str:
    """``basis`` when it is one of BASES, else ValueError (callers turn it into a usage
    error in the user's words)."""
    if basis not in BASES:
        raise ValueError(basis)
    return basis


def basis_key(basis: str) -> str:
    """The catalogue key of the words naming the basis ("by the directive's date")."""
    return f"period.basis.{check_basis(basis)}"


def basis_short_key(basis: str) -> str:
    """The catalogue key of the short words for a screen ("by directive date")."""
    return f"period.basis_short.{check_basis(basis)}"


def instance_assigned_on(period_start: dt.date, directive_date: dt.date) -> dt.date:
    """The day a recurring duty's instance is assigned: the start of its period, or its
    directive's date when that is later (a duty cannot be given before its directive)."""
    return max(period_start, directive_date)


def in_period(basis: str, assigned_day: dt.date | None, deadline_effective: dt.date | None,
              start: dt.date | None, end: dt.date | None) -> bool:
    """Does a task assigned on ``assigned_day`` (its ``assigned_on``, else its directive's
    date) with this effective deadline belong to the period ``start``..``end`` (both ends
    included, either may be open)?"""
    day = assigned_day if check_basis(basis) == ASSIGNED else deadline_effective
    if day is None:
        # an ongoing task has no deadline: it is in no deadline period, but an open-ended
        # range with no start takes it (the deadline sorts as 31/12/9999)
        if basis == DEADLINE and start is None:
            return end is None
        return False
    if start is not None and day < start:
        return False
    return end is None or day <= end


# --------------------------------------------------------------------------- written forms

_HALF = re.compile(r"\b(\d{1,2}|sau|chin|ba)\s+thang\s+(dau|cuoi)\s+nam\b")
_WORDS = {"ba": 3, "sau": 6, "chin": 9}
_BARE_YEAR = re.compile(r"\s*((?:19|20|21)\d\d)\s*")
_FIRST_MONTHS = re.compile(r"(\d{1,2}|sau|chin|ba)\s+thang\s+(?:nam\s+)?((?:19|20|21)\d\d)")


# a period named from today, as a monthly or quarterly cron job asks for the one just ended
_RELATIVE = re.compile(r"(?P<vi>thang|quy|nam|tuan) (?P<when>nay|truoc)|nam (?P<last_year>ngoai)"
                       r"|(?P<when_en>this|last) (?P<en>month|quarter|year|week)")
_UNIT = {"thang": 1, "month": 1, "quy": 3, "quarter": 3, "nam": 12, "year": 12, "tuan": 0, "week": 0}


def relative_period(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """``tháng này``, ``tháng trước``, ``quý trước``, ``năm nay``, ``năm ngoái``, ``tuần
    trước`` (Monday to Sunday) — and ``last month`` and the like: the whole period today is
    in, or the one before it; None for any other words."""
    from dateutil.relativedelta import relativedelta

    m = _RELATIVE.fullmatch(" ".join(fold(text or "").split()))
    if m is None:
        return None
    back = bool(m["last_year"]) or (m["when"] or m["when_en"]) in ("truoc", "last")
    months = 12 if m["last_year"] else _UNIT[m["vi"] or m["en"]]
    if months == 0:
        start = today - dt.timedelta(days=today.weekday() + 7 * back)
        return start, start + dt.timedelta(days=6)
    start = dt.date(today.year, (today.month - 1) // months * months + 1, 1) - relativedelta(months=months * back)
    return start, start + relativedelta(months=months) - dt.timedelta(days=1)


def period_range(text: str, today: dt.date, calendar=None) -> tuple[dt.date, dt.date]:
    """The first and last day of a period written as a date or as the deadline forms:
    ``15/03/2021`` (that day), ``tháng 3/2021``, ``Quý I/2021``, ``6 tháng đầu năm 2021`` (or
    ``6 tháng năm 2021``, as the half-year report is named), ``năm 2020`` — or from today: ``tháng trước``, ``quý này`` (``relative_period``).  A year
    left out is the current one.  Raises DeadlineError."""
    from tracker.domain.deadlines import EXACT, DeadlineError, parse_deadline

    relative = relative_period(text, today)
    if relative is not None:
        return relative
    year = _BARE_YEAR.fullmatch(text or "")
    if year:  # "--period 2021", as a clerk types it: the year
        text = f"năm {year.group(1)}"
    months = _FIRST_MONTHS.fullmatch(" ".join(fold(text or "").split()))
    if months and 1 <= (_WORDS.get(months.group(1)) or int(months.group(1))) <= 12:
        # "báo cáo 6 tháng năm 2021", "9 tháng 2021": the year's first months (read as the
        # whole year before: "năm 2021" found, "6 tháng" dropped without a word)
        text = f"{months.group(1)} tháng đầu năm {months.group(2)}"
    d = parse_deadline(text, dt.date(today.year, 1, 1), calendar)
    if d.date is None:
        raise DeadlineError(text, "report.error.ongoing_period")
    end = d.date
    if d.kind == EXACT:  # a day, or two ("01/01/2021 - 31/03/2021": from the first)
        return d.start or end, end
    if d.period in (None, "day") and not _HALF.search(fold(d.phrase)):
        return end, end
    if d.start is not None:  # (the period's first day, as the reading found it: "tháng 6 - 7/2021")
        return d.start, end
    if d.period == "month":
        return end.replace(day=1), end
    if d.period == "quarter":
        return dt.date(end.year, end.month - 2, 1), end
    if d.period == "year":
        return dt.date(end.year, 1, 1), end
    m = _HALF.search(fold(d.phrase))
    if m:
        n = _WORDS.get(m.group(1)) or int(m.group(1))
        if m.group(2) == "dau":
            return dt.date(end.year, 1, 1), end
        return dt.date(end.year, 13 - n, 1), end
    return end, end


def period_name(start: dt.date | None, end: dt.date | None) -> str | None:
    """A report's period in an office's words when it is a whole one — a month, quarter,
    half or year as a recurring task's deadline writes it (``Period.words``: "Quý II/2021"),
    or the first or last months of a year ("9 tháng đầu năm 2021") — however it was typed
    ("quy 2", "Q2/2021", "--from 01/04/2021 --to 30/06/2021"); None for any other span."""
    from tracker.domain.recurrence import HALF_YEAR, MONTH, QUARTER, YEAR, period_of

    if start is None or end is None or start.year != end.year or start.day != 1:
        return None
    if (end + dt.timedelta(days=1)).day != 1:  # (not a month's last day)
        return None
    months = end.month - start.month + 1
    for frequency, size in ((MONTH, 1), (QUARTER, 3), (HALF_YEAR, 6), (YEAR, 12)):
        period = period_of(frequency, start)
        if months == size and (period.start, period.end) == (start, end):
            return period.words
    if start.month == 1:
        return f"{months} tháng đầu năm {start.year}"
    if end.month == 12:
        return f"{months} tháng cuối năm {start.year}"
    return None
