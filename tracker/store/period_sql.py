"""The period rule of ``tracker.domain.periods`` — the SQL form (its twin).

A report over a million tasks cannot load rows to ask ``in_period``; it asks the database
with this condition, over the day a task was assigned (``assigned_day``: its own
``assigned_on``, a recurring duty's instance's, else its directive's date) or the effective
deadline in its indexed sort form (``status_sql.deadline_sort``: ongoing = 31/12/9999).
``tests/test_periods.py`` runs both forms over the same cases.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, func, literal

from tracker.domain.periods import ASSIGNED, check_basis
from tracker.store.status_sql import deadline_sort
from tracker.store.tables import directive as directive_table
from tracker.store.tables import task as task_table


def assigned_day(t=task_table, d=directive_table):
    """The day a task was assigned, as SQL: ``coalesce(task.assigned_on,
    directive.issue_date)`` (the query joins the task's directive)."""
    return func.coalesce(t.c.assigned_on, d.c.issue_date)


def period_where(basis: str, start: dt.date | None, end: dt.date | None,
                 t=task_table, d=directive_table) -> list:
    """The conditions (to AND together) that put a task in the period; the query joins the
    task's directive when ``basis`` is ``assigned``."""
    conds: list = []
    if check_basis(basis) == ASSIGNED:
        day = assigned_day(t, d)
    else:
        day = deadline_sort(t)
    if start is not None:
        conds.append(day >= literal(start, Date))
        if basis != ASSIGNED:  # ongoing work sorts as 31/12/9999 but falls in no period
            conds.append(t.c.deadline_effective.isnot(None))
    if end is not None:
        conds.append(day <= literal(end, Date))
    return conds


def needs_directive(basis: str, start, end) -> bool:
    """Does the condition read the directive's table?"""
    return check_basis(basis) == ASSIGNED and (start is not None or end is not None)
