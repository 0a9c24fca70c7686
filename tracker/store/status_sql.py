"""The status rule of DESIGN §3 — the SQL form (twin of ``tracker.domain.status``).

Reports over a million rows aggregate in the database with this expression; the test
``tests/test_status_rule.py`` runs it and the Python form over the same cases.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, case, cast, func, literal, literal_column
from sqlalchemy.sql.elements import ColumnElement

from tracker.domain import status as S
from tracker.store.tables import task as task_table


# Ongoing tasks (no deadline) sort after every dated one.  The same expression is indexed
# (ix_task_deadline_sort, ix_task_status_deadline_sort), so it must stay written exactly so.
FAR_FUTURE = "'9999-12-31'"


def deadline_sort(t=task_table) -> ColumnElement:
    """The deadline as a sort and range key: the effective deadline, ongoing = 31/12/9999."""
    return func.coalesce(t.c.deadline_effective, literal_column(FAR_FUTURE))


def today_param(today: dt.date) -> ColumnElement:
    return literal(today, Date)


def timeliness_expr(today: dt.date, t=task_table) -> ColumnElement:
    """CASE expression giving the timeliness key of each row of ``t`` (the task table)."""
    today_v = today_param(today)
    deadline = t.c.deadline_effective
    return case(
        (t.c.status == S.CANCELLED, literal(S.CANCELLED_KEY)),
        (deadline.is_(None), literal(S.NO_DEADLINE)),
        (t.c.status == S.DONE,
         case((func.coalesce(t.c.done_on, today_v) <= deadline, literal(S.DONE_ON_TIME)),
              else_=literal(S.DONE_LATE))),
        (today_v <= deadline, literal(S.OPEN_ON_TIME)),
        else_=literal(S.OPEN_OVERDUE),
    )


def is_overdue_expr(today: dt.date, t=task_table) -> ColumnElement:
    """WHERE clause for open tasks past their deadline (walks ix_task_status_deadline_sort)."""
    return (t.c.status == S.OPEN) & (deadline_sort(t) < today_param(today))


def timeliness_where(keys, today: dt.date, t=task_table) -> ColumnElement:
    """A sargable WHERE clause selecting the given timeliness keys (an OR of simple ranges),
    so filters use the indexes instead of evaluating the CASE on every row."""
    from sqlalchemy import false, or_

    today_v = today_param(today)
    dl = t.c.deadline_effective
    parts = []
    for key in keys:
        if key == S.CANCELLED_KEY:
            parts.append(t.c.status == S.CANCELLED)
        elif key == S.NO_DEADLINE:
            parts.append((t.c.status != S.CANCELLED) & dl.is_(None))
        elif key == S.DONE_ON_TIME:
            parts.append((t.c.status == S.DONE) & (func.coalesce(t.c.done_on, today_v) <= dl))
        elif key == S.DONE_LATE:
            parts.append((t.c.status == S.DONE) & (func.coalesce(t.c.done_on, today_v) > dl))
        elif key == S.OPEN_ON_TIME:
            parts.append((t.c.status == S.OPEN) & (deadline_sort(t) >= today_v) & dl.isnot(None))
        elif key == S.OPEN_OVERDUE:
            parts.append(is_overdue_expr(today, t))
    return or_(*parts) if parts else false()


def days_overdue_expr(today: dt.date, dialect_name: str, t=task_table) -> ColumnElement:
    """Whole days past the deadline for open overdue tasks, else 0."""
    dl = t.c.deadline_effective
    if dialect_name == "sqlite":
        diff = cast(func.julianday(today_param(today)) - func.julianday(dl), Integer)
    else:
        diff = today_param(today) - dl  # date - date is an integer in PostgreSQL
    return case(((t.c.status == S.OPEN) & (dl < today_param(today)), diff), else_=0)
