"""the day a task was assigned, when it is not its directive's: a recurring duty's instances

The period rule's default basis puts a task in the period its directive was issued in.  A
recurring duty's instance is assigned at the start of its own period (or on its directive's
date when that is later): a monthly report of a 2020 directive due in May 2021 is work of May
2021.  ``task.assigned_on`` keeps that day; NULL (every other task) means the directive's
date, so the rule is ``coalesce(task.assigned_on, directive.issue_date)``.

The instances already stored get theirs from their period key ("2021-05", "2021-Q2",
"2021-H1", "2021") and their directive's date, read here in plain Python (a migration keeps
its own copy of the rule it needs: the code's may change after it).

Revision ID: 0007_assigned_on
Revises: 0006_recurrence
"""
import datetime as dt
import re

import sqlalchemy as sa
from alembic import op

revision = "0007_assigned_on"
down_revision = "0006_recurrence"
branch_labels = None
depends_on = None


def period_start(key: str) -> dt.date | None:
    """The first day of the period a key names, None for a key that names none."""
    m = re.fullmatch(r"(\d{4})(?:-(Q|H)?(\d{1,2}))?", key or "")
    if not m:
        return None
    year, kind, number = int(m.group(1)), m.group(2), int(m.group(3) or 1)
    months = {"Q": 3, "H": 6}.get(kind, 1 if m.group(3) else 12)
    month = (number - 1) * months + 1
    return dt.date(year, month, 1) if 1 <= month <= 12 else None


def _day(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def upgrade() -> None:
    op.add_column("task", sa.Column("assigned_on", sa.Date, nullable=True))
    conn = op.get_bind()
    task = sa.table("task", sa.column("id", sa.Integer), sa.column("assigned_on", sa.Date))
    rows = conn.execute(sa.text(
        "SELECT t.id, t.period, d.issue_date FROM task t JOIN directive d ON d.id = t.directive_id "
        "WHERE t.recurrence_id IS NOT NULL AND t.period IS NOT NULL")).all()
    values = []
    for task_id, key, issued in rows:
        start = period_start(key)
        if start is not None:
            values.append({"tid": task_id, "day": max(start, _day(issued))})
    if values:
        conn.execute(task.update().where(task.c.id == sa.bindparam("tid"))
                     .values(assigned_on=sa.bindparam("day")), values)


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+), as 0006: a batch copy of the task table would lose
    # its expression index (ix_task_status_deadline_sort), which reflection cannot carry
    op.drop_column("task", "assigned_on")
