"""The monthly and quarterly review (rà soát, tổng hợp các nội dung công việc còn tồn đọng):
for a period, what was outstanding at its start, what was assigned in it, what was done in
it (on time, late) and what remained outstanding at its end — by lead unit and by leader,
with the units that fell behind named.

"Outstanding on a day" is read from the register: a task assigned by that day (the period
rule's assigned day, ``store.period_sql.assigned_day``: its directive's date, a recurring
duty's instance the start of its period), with a deadline, not cancelled, and not done by
then (a task done later was still open that day).  Overdue on a day: outstanding and past its effective deadline.  A unit fell
behind when its overdue backlog grew over the period.  Counted in SQL, one query per
breakdown.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.types import Date

from tracker.domain import status as S
from tracker.domain.periods import period_name
from tracker.domain.text import vi_sort_key
from tracker.store.period_sql import assigned_day
from tracker.store.tables import directive as D
from tracker.store.tables import task as T
from tracker.store.tables import unit as U

COLUMNS = ("start_open", "start_overdue", "assigned", "done_on_time", "done_late",
           "end_open", "end_overdue")


@dataclass(frozen=True)
class BacklogRow:
    label: str
    start_open: int = 0
    start_overdue: int = 0
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    end_open: int = 0
    end_overdue: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def growth(self) -> int:
        """How much the overdue backlog grew over the period."""
        return self.end_overdue - self.start_overdue

    def values(self) -> list[int]:
        return [getattr(self, c) for c in COLUMNS]


@dataclass(frozen=True)
class BacklogReport:
    today: dt.date
    start: dt.date
    end: dt.date
    period_label: str
    by_unit: tuple[BacklogRow, ...]
    by_leader: tuple[BacklogRow, ...]
    total: BacklogRow
    filters: tuple = ()

    @property
    def behind(self) -> tuple[BacklogRow, ...]:
        """The units whose overdue backlog grew, the most first."""
        rows = [r for r in self.by_unit if r.growth > 0]
        return tuple(sorted(rows, key=lambda r: (-r.growth, vi_sort_key(r.label))))


def _d(value: dt.date):
    return literal(value, Date)


def _sums(start: dt.date, end: dt.date):
    """The seven counts as SUM(CASE …) columns."""
    before = start - dt.timedelta(days=1)
    deadline = T.c.deadline_effective
    done = T.c.status == S.DONE
    done_on = func.coalesce(T.c.done_on, deadline)  # a done task without a date: on its deadline
    assigned = assigned_day(T, D)

    def open_on(day):
        return and_(assigned <= _d(day), ~and_(done, done_on <= _d(day)))

    def count(cond):
        return func.sum(case((cond, 1), else_=0))

    return (
        count(open_on(before)),
        count(and_(open_on(before), deadline < _d(start))),
        count(and_(assigned >= _d(start), assigned <= _d(end))),
        count(and_(done, done_on >= _d(start), done_on <= _d(end), done_on <= deadline)),
        count(and_(done, done_on >= _d(start), done_on <= _d(end), done_on > deadline)),
        count(open_on(end)),
        count(and_(open_on(end), deadline < _d(end))),
    )


def backlog_report(ctx, *, start: dt.date, end: dt.date, period_label: str = "",
                   flt=None) -> BacklogReport:
    """The review of ``start``–``end`` (``flt``: a reports.queries.ReportFilter), its period
    named in an office's words when whole (``periods.period_name``), else as typed."""
    conds = [T.c.deadline_effective.isnot(None), T.c.status != S.CANCELLED,
             assigned_day(T, D) <= _d(end)]
    if flt is not None:
        conds += flt.conditions()
    joined = T.join(D, D.c.id == T.c.directive_id)
    sums = _sums(start, end)
    out = {}
    with ctx.read() as conn:
        for by, key, source in (
                ("unit", U.c.name, joined.join(U, U.c.id == T.c.lead_unit_id)),
                ("leader", func.coalesce(T.c.leader, ""), joined)):
            rows = conn.execute(select(key.label("k"), *sums).select_from(source)
                                .where(and_(*conds)).group_by(key)).all()
            out[by] = [BacklogRow(r[0] or "", *(int(v or 0) for v in r[1:])) for r in rows]
    for by in out:
        # rows where nothing happened and nothing is left are left out
        out[by] = tuple(sorted((r for r in out[by] if any(r.values())),
                               key=lambda r: (not r.label, vi_sort_key(r.label))))
    total = BacklogRow("", *(sum(getattr(r, c) for r in out["unit"]) for c in COLUMNS))
    return BacklogReport(today=ctx.today, start=start, end=end, period_label=period_name(start, end) or period_label,
                         by_unit=out["unit"], by_leader=out["leader"], total=total,
                         filters=tuple(flt.labels) if flt is not None else ())
