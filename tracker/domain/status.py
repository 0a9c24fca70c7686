"""The status rule of DESIGN §3 — the Python form.

The SQL form lives in ``tracker.store.status_sql``; ``tests/test_status_rule.py`` runs both
over the same table of cases.  Timeliness is derived, never stored.
"""
from __future__ import annotations

import datetime as dt

OPEN, DONE, CANCELLED = "open", "done", "cancelled"
STATUSES = (OPEN, DONE, CANCELLED)

DONE_ON_TIME = "done_on_time"
DONE_LATE = "done_late"
OPEN_ON_TIME = "open_on_time"
OPEN_OVERDUE = "open_overdue"
NO_DEADLINE = "no_deadline"
CANCELLED_KEY = "cancelled"
TIMELINESS = (DONE_ON_TIME, DONE_LATE, OPEN_ON_TIME, OPEN_OVERDUE, NO_DEADLINE, CANCELLED_KEY)


def timeliness(status: str, deadline: dt.date | None, done_on: dt.date | None,
               today: dt.date) -> str:
    """Category of one task.  ``deadline`` is the deadline in force, effective form (after
    extensions and the day-off shift); the deadline day itself is still on time."""
    if status == CANCELLED:
        return CANCELLED_KEY
    if deadline is None:
        return NO_DEADLINE
    if status == DONE:
        # a done task with no recorded date counts as done on the deadline's side of today
        return DONE_ON_TIME if (done_on or today) <= deadline else DONE_LATE
    return OPEN_ON_TIME if today <= deadline else OPEN_OVERDUE


def days_overdue(status: str, deadline: dt.date | None, today: dt.date) -> int:
    """Whole days an open task is past its deadline (0 when not overdue)."""
    if status != OPEN or deadline is None or today <= deadline:
        return 0
    return (today - deadline).days


def rates(done_on_time: int, done_late: int, open_overdue: int) -> tuple[float | None, float | None]:
    """(completion rate, late share) as fractions, None where the denominator is 0.

    completion = done ÷ (done + open overdue); late share = done late ÷ done."""
    done = done_on_time + done_late
    fallen_due = done + open_overdue
    completion = done / fallen_due if fallen_due else None
    late = done_late / done if done else None
    return completion, late
