"""Recurring duties: "Báo cáo định kỳ hằng tháng, trước ngày 20" read into a rule, and the
deadline of each period it falls due in.

The office's periodic reports (chế độ thông tin báo cáo) are written as:

- ``hằng tháng, trước ngày 20`` / ``ngày 20 hằng tháng``: every month, by the 20th
  (a day past the month's end is its last day; ``cuối tháng`` is the last day);
- ``hằng quý, trước ngày 15 của tháng cuối quý``: every quarter, by the 15th of its last
  month (``tháng đầu quý``, ``tháng thứ hai của quý`` name the others);
- ``6 tháng, trước 15/6 và 15/12`` (``định kỳ 6 tháng``, ``hằng nửa năm``, ``hằng năm,
  trước 15/6 và 15/12``): by the dates written, one in each half of the year;
- ``hằng năm trước 31/12`` (``hằng năm, trước ngày 15/12``): once a year, by that date.

Without a day the period's last day is meant (a month, quarter or year means its last day,
DESIGN §4).  ``thường xuyên`` is not a recurrence: ongoing work stays ongoing.

The dates come from python-dateutil's ``rrule``; the day-off shift (Civil Code art. 148) is
the calendar's ``effective_deadline``, applied by whoever stores the instance.  Pure: no
database, no I/O.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.rrule import MONTHLY, rrule, rruleset

from tracker.domain.text import fold

MONTH, QUARTER, HALF_YEAR, YEAR = "month", "quarter", "half_year", "year"
FREQUENCIES = (MONTH, QUARTER, HALF_YEAR, YEAR)
LAST = -1  # the period's (or month's) last day

_EVERY = r"(?:hang|moi)"
_FREQ_PATTERNS = (
    (MONTH, re.compile(rf"\b{_EVERY}\s+thang\b|\bdinh\s+ky\s+(?:1|mot)\s+thang\b")),
    (QUARTER, re.compile(rf"\b{_EVERY}\s+quy\b|\bdinh\s+ky\s+(?:3|ba)\s+thang\b")),
    (HALF_YEAR, re.compile(
        # "trong 6 tháng" is a time limit and "6 tháng đầu năm" a period, not a rhythm
        rf"\b{_EVERY}\s+nua\s+nam\b|(?<!trong )(?<!vong )(?<!sau )(?<!den )"
        r"\b(?:dinh\s+ky\s+)?(?:6|sau)\s+thang(?:\s+(?:mot|1)\s+lan)?\b"
        r"(?!\s+(?:dau|cuoi)\s+nam|\s+(?:ke\s+tu|tinh\s+tu|tu|sau))")),
    (YEAR, re.compile(rf"\b{_EVERY}\s+nam\b|\bdinh\s+ky\s+(?:hang\s+)?nam\b")),
)
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s*[/\-.]\s*(\d{1,2})\b(?!\s*[/\-.]\s*\d)")
_DAY = re.compile(r"\b(?:truoc|cham\s+nhat|den|vao|han)?\s*ngay\s+(\d{1,2})\b(?!\s*[/\-.]\s*\d)")
_MONTH_END = re.compile(r"\bcuoi\s+(?:moi\s+|hang\s+)?thang\b(?!\s+cuoi)")
_MONTH_OF_QUARTER = (
    (3, re.compile(r"\bthang\s+cuoi\s+(?:cua\s+)?(?:moi\s+|hang\s+)?quy\b")),
    (1, re.compile(r"\bthang\s+(?:dau|thu\s+nhat)\s+(?:cua\s+)?(?:moi\s+|hang\s+)?quy\b")),
    (2, re.compile(r"\bthang\s+(?:thu\s+hai|thu\s+2|giua)\s+(?:cua\s+)?(?:moi\s+|hang\s+)?quy\b")),
)


class RecurrenceError(ValueError):
    """Recurring words that do not give a rule; ``reason`` is a catalogue key."""

    def __init__(self, text: str, reason: str):
        super().__init__(reason)
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class Period:
    """One period of a recurrence: ``key`` is stored with its instance ("2021-05",
    "2021-Q2", "2021-H1", "2021")."""

    frequency: str
    year: int
    number: int  # the month, quarter or half (1-based); 1 for a year

    @property
    def key(self) -> str:
        return {MONTH: f"{self.year}-{self.number:02d}", QUARTER: f"{self.year}-Q{self.number}",
                HALF_YEAR: f"{self.year}-H{self.number}", YEAR: f"{self.year}"}[self.frequency]

    @property
    def months(self) -> int:
        return {MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12}[self.frequency]

    @property
    def words(self) -> str:
        """The period as an office writes it ("tháng 05/2021", "Quý II/2021", "6 tháng đầu
        năm 2021", "năm 2021"): stored with each instance's deadline words, read back by
        ``read_period``, and a report's name for its period (``periods.period_name``)."""
        if self.frequency == MONTH:
            return f"tháng {self.number:02d}/{self.year}"
        if self.frequency == QUARTER:
            return f"Quý {('I', 'II', 'III', 'IV')[self.number - 1]}/{self.year}"
        if self.frequency == HALF_YEAR:
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        return f"năm {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    def next(self) -> "Period":
        per_year = 12 // self.months
        if self.number < per_year:
            return Period(self.frequency, self.year, self.number + 1)
        return Period(self.frequency, self.year + 1, 1)


def period_of(frequency: str, day: dt.date) -> Period:
    months = {MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12}[frequency]
    return Period(frequency, day.year, (day.month - 1) // months + 1)


def period_from_key(frequency: str, key: str) -> Period:
    m = re.fullmatch(r"(\d{4})(?:-(?:Q|H)?(\d{1,2}))?", key)
    if not m:
        raise ValueError(key)
    return Period(frequency, int(m.group(1)), int(m.group(2) or 1))


@dataclass(frozen=True)
class Recurrence:
    """A rule read from words: how often, and the (month in period, day) of each due date
    in a period's year-position.  ``dates`` holds (month, day) pairs: for a month the
    month is 0 (any); for a quarter the month within the quarter (1–3); for a half year
    and a year the calendar month.  A day of ``LAST`` is the month's last day."""

    frequency: str
    dates: tuple[tuple[int, int], ...]
    text: str

    def rule(self, start: dt.date):
        """The python-dateutil rule (an ``rruleset`` when a half year names two dates)
        giving every written due date from ``start`` on."""
        start_dt = dt.datetime.combine(start, dt.time())
        rules = []
        for month, day in self.dates:
            # a day past a short month's end is its last day: of the day and the last day,
            # the first there is
            days = dict(bymonthday=(day, -1), bysetpos=1) if day > 28 else dict(bymonthday=day)
            months = {MONTH: None, QUARTER: tuple(month + q for q in (0, 3, 6, 9))}.get(
                self.frequency, month)
            rules.append(rrule(MONTHLY, dtstart=start_dt, bymonth=months, **days))
        if len(rules) == 1:
            return rules[0]
        out = rruleset()
        for r in rules:
            out.rrule(r)
        return out

    def due_dates(self, first: dt.date, last: dt.date) -> list[tuple[Period, dt.date]]:
        """(period, written due date) of every due date from ``first`` to ``last``."""
        found = self.rule(first).between(dt.datetime.combine(first, dt.time()),
                                         dt.datetime.combine(last, dt.time()), inc=True)
        return [(period_of(self.frequency, d.date()), d.date()) for d in found]

    def due_in(self, period: Period) -> dt.date:
        """The written due date of ``period`` (the last when a period has several)."""
        dates = self.due_dates(period.start, period.end)
        return dates[-1][1]


def _day(value: str) -> int:
    n = int(value)
    if not 1 <= n <= 31:
        raise ValueError(value)
    return n


def read_recurrence(text: str) -> Recurrence | None:
    """The rule in ``text``, or None when it says no recurrence ("thường xuyên", a date).
    Raises RecurrenceError when it recurs but a date in it cannot be (31/02, month 13)."""
    folded = fold(text or "")
    frequency = next((f for f, pattern in _FREQ_PATTERNS if pattern.search(folded)), None)
    if frequency is None:
        return None
    try:
        pairs = [(_day(d), int(m)) for d, m in _DAY_MONTH.findall(folded)]
        day_match = _DAY.search(_DAY_MONTH.sub(" ", folded))
        day = _day(day_match.group(1)) if day_match else None
    except ValueError:
        raise RecurrenceError(text, "recurrence.bad_date") from None
    for d, m in pairs:
        try:
            dt.date(2024, m, d)  # a leap year: 29/02 is a date some years have
        except ValueError:
            raise RecurrenceError(text, "recurrence.bad_date") from None
    if frequency == MONTH:
        if day is None and _MONTH_END.search(folded):
            day = LAST
        return Recurrence(MONTH, ((0, day or LAST),), text)
    if frequency == QUARTER:
        month = next((m for m, p in _MONTH_OF_QUARTER if p.search(folded)), 3)
        return Recurrence(QUARTER, ((month, day or LAST),), text)
    if frequency == HALF_YEAR:
        if pairs:
            halves = sorted({(m, d) for d, m in pairs})
            if len(halves) != 2 or halves[0][0] > 6 or halves[1][0] <= 6:
                raise RecurrenceError(text, "recurrence.half_dates")
            return Recurrence(HALF_YEAR, tuple(halves), text)
        return Recurrence(HALF_YEAR, ((6, LAST), (12, LAST)), text)
    if pairs:
        halves = sorted({(m, d) for d, m in pairs})
        if len(halves) == 2 and halves[0][0] <= 6 < halves[1][0]:
            # "hằng năm, trước 15/6 và 15/12": a date in each half of every year
            return Recurrence(HALF_YEAR, tuple(halves), text)
        if len(pairs) != 1:
            raise RecurrenceError(text, "recurrence.year_dates")
        d, m = pairs[0]
        return Recurrence(YEAR, ((m, d),), text)
    return Recurrence(YEAR, ((12, LAST),), text)


# --------------------------------------------------------------------------- one period's words
# How an instance's deadline words name its period ("tháng 05/2021", "Quý II/2021", "6 tháng
# đầu năm 2021", "năm 2021": the words ``Period.words`` writes), folded.
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIOD_WORDS = (
    (MONTH, re.compile(r"thang\s+(\d{1,2})\s*[/\-.]\s*(\d{4})")),
    (QUARTER, re.compile(r"quy\s+([ivx]+|\d{1,2})\s*[/\-.]\s*(\d{4})")),
    (HALF_YEAR, re.compile(r"(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})")),
    (YEAR, re.compile(r"nam\s+()(\d{4})")),
)
# an instance's words: the rule's, a dash between spaces, the period's ("… — tháng 05/2021")
_DASH = re.compile(r"\s+[\u2014\u2013-]\s+")


def read_period(text: str) -> Period | None:
    """The period ``text`` names whole ("tháng 05/2021", "Quý II/2021", "6 tháng đầu năm
    2021", "năm 2021"), or None.  Raises RecurrenceError for a month or quarter that is not
    one (tháng 13/2021, Quý 5/2021)."""
    folded = fold(text or "").strip(" .")
    for frequency, pattern in _PERIOD_WORDS:
        m = pattern.fullmatch(folded)
        if m is None:
            continue
        number, year = m.group(1), int(m.group(2))
        if frequency == HALF_YEAR:
            n = 1 if number == "dau" else 2
        elif frequency == QUARTER:
            n = _ROMAN.get(number, 0) if not number.isdigit() else int(number)
        else:
            n = int(number) if number else 1
        if not 1 <= n <= 12 // Period(frequency, year, 1).months:
            raise RecurrenceError(text, "recurrence.bad_period")
        return Period(frequency, year, n)
    return None


def split_instance(text: str) -> tuple[str, str] | None:
    """An instance's deadline words ("hằng tháng, trước ngày 20 - tháng 05/2021") split at
    their last dash between spaces: (the rule's words, the period's words); None without one.
    Whether they are a rule and a period is ``read_recurrence``'s and ``read_period``'s say."""
    dashes = list(_DASH.finditer(text or ""))
    if not dashes:
        return None
    return text[:dashes[-1].start()].strip(), text[dashes[-1].end():]
