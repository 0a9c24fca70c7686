"""drop the plain index on task.deadline_effective

Every query that ranges over the effective deadline now goes through its indexed sort form
``coalesce(deadline_effective, '9999-12-31')`` (ix_task_deadline_sort,
ix_task_status_deadline_sort), so this seventh index on the task table only cost writes:
about a tenth of the time of a bulk import.

Revision ID: 0003_drop_deadline_index
Revises: 0002_task_done_index
"""
from alembic import op

revision = "0003_drop_deadline_index"
down_revision = "0002_task_done_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_task_deadline_effective", table_name="task")


def downgrade() -> None:
    op.create_index("ix_task_deadline_effective", "task", ["deadline_effective"])
