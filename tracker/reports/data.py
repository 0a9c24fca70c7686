"""Report data: plain, immutable values that every renderer reads.

Nothing here touches a database or prints.  The queries (``tracker.reports.queries``)
aggregate in SQL and hand these classes the results; the renderers (plain, rich,
markdown, csv/json, xlsx, docx) only lay them out.  Rates come from the one status rule
(``tracker.domain.status.rates``), never re-derived here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from tracker.domain.status import rates

# The ways a summary can be broken down (``--by``).
BY_UNIT, BY_ISSUER, BY_DIRECTIVE, BY_LEADER, BY_GROUP, BY_MONTH = (
    "unit", "issuer", "directive", "leader", "group", "month")
BY_CHOICES = (BY_UNIT, BY_ISSUER, BY_DIRECTIVE, BY_LEADER, BY_GROUP, BY_MONTH)


# --------------------------------------------------------------------------- overdue


class TaskLine(NamedTuple):
    """One task in the overdue report (or its due-soon section).

    ``days_overdue`` is today − deadline: positive when late, 0 when due today, negative
    when still ahead (``days_left`` is then its opposite).  A named tuple: immutable and
    cheap to make by the thousand (a report of 1M tasks lists tens of thousands)."""

    task_id: int
    unit: str
    directive: str            # the number and symbol as written: "18-KL/TU", "302/BC-UBND"
    content: str
    deadline: dt.date
    deadline_text: str = ""   # the deadline as written ("Quý II/2021"), may be empty
    days_overdue: int = 0
    extensions: int = 0
    leader: str = ""
    directive_date: dt.date | None = None
    issuer: str = ""

    @property
    def days_left(self) -> int:
        return -self.days_overdue


@dataclass(frozen=True, slots=True)
class OverdueGroup:
    """The overdue tasks of one lead unit.  ``count`` and ``max_days`` may exceed what
    ``lines`` shows when the report lists only the first tasks of each unit."""

    unit: str
    lines: tuple[TaskLine, ...]
    count: int = -1
    max_days: int = -1

    def __post_init__(self):
        if self.count < 0:
            object.__setattr__(self, "count", len(self.lines))
        if self.max_days < 0:
            object.__setattr__(self, "max_days",
                               max((ln.days_overdue for ln in self.lines), default=0))

    @property
    def hidden(self) -> int:
        """Overdue tasks counted but not listed."""
        return max(0, self.count - len(self.lines))


def worst_first_key(group: OverdueGroup):
    """Units with the most overdue tasks first, then the longest overdue, then by name."""
    from tracker.domain.text import vi_sort_key

    return (-group.count, -group.max_days, vi_sort_key(group.unit))


@dataclass(frozen=True, slots=True)
class OverdueReport:
    today: dt.date
    groups: tuple[OverdueGroup, ...]
    due_soon: tuple[TaskLine, ...] = ()
    within_days: int = 7
    # (catalogue key of the filter's label, value) for the filters that were applied
    filters: tuple[tuple[str, str], ...] = ()
    total_overdue: int = -1
    due_soon_total: int = -1
    min_days: int = 1            # overdue by at least this many days (--min-days): the
    #                              report's "overdue" and "none overdue" mean that many

    def __post_init__(self):
        if self.total_overdue < 0:
            object.__setattr__(self, "total_overdue", sum(g.count for g in self.groups))
        if self.due_soon_total < 0:
            object.__setattr__(self, "due_soon_total", len(self.due_soon))

    @property
    def unit_count(self) -> int:
        return sum(1 for g in self.groups if g.count)

    @property
    def is_empty(self) -> bool:
        """Nothing overdue (due-soon tasks do not count: the cron job's "none")."""
        return self.total_overdue == 0

    def lines(self):
        """Every overdue line, unit by unit, in report order."""
        for group in self.groups:
            yield from group.lines


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True, slots=True)
class Counts:
    """The government's 2×2 plus the two categories that leave the rates (DESIGN §3).

    The categories partition the tasks: ``assigned`` is their sum."""

    done_on_time: int = 0
    done_late: int = 0
    open_on_time: int = 0
    open_overdue: int = 0
    no_deadline: int = 0
    cancelled: int = 0

    @property
    def assigned(self) -> int:
        return (self.done_on_time + self.done_late + self.open_on_time + self.open_overdue
                + self.no_deadline + self.cancelled)

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def open(self) -> int:
        return self.open_on_time + self.open_overdue

    @property
    def fallen_due(self) -> int:
        return self.done + self.open_overdue

    @property
    def completion_rate(self) -> float | None:
        return rates(self.done_on_time, self.done_late, self.open_overdue)[0]

    @property
    def late_share(self) -> float | None:
        return rates(self.done_on_time, self.done_late, self.open_overdue)[1]

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts)))

    def as_dict(self) -> dict[str, int]:
        d = {"assigned": self.assigned}
        d.update({f.name: getattr(self, f.name) for f in fields(Counts)})
        return d


# the column order every renderer uses
COUNT_KEYS = ("assigned", "done_on_time", "done_late", "open_on_time", "open_overdue",
              "no_deadline", "cancelled")


@dataclass(frozen=True, slots=True)
class SummaryRow:
    key: str        # stable: a unit code/id, "2021-03" for a month, …
    label: str      # what people read: "Phòng Tài chính - Kế hoạch", "03/2021"
    counts: Counts


@dataclass(frozen=True, slots=True)
class SummaryReport:
    by: str
    today: dt.date                       # "as of": open tasks are judged against this day
    rows: tuple[SummaryRow, ...]
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    period_label: str = ""               # the period as the user wrote it ("Quý I/2021")
    filters: tuple[tuple[str, str], ...] = ()
    totals: Counts = field(default=None)  # type: ignore[assignment]
    basis: str = "assigned"              # what puts a task in the period (domain.periods)

    def __post_init__(self):
        if self.by not in BY_CHOICES:
            raise ValueError(f"unknown breakdown {self.by!r}")
        if self.totals is None:
            total = Counts()
            for row in self.rows:
                total = total + row.counts
            object.__setattr__(self, "totals", total)
