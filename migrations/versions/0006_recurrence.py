"""recurring duties: a recurrence (the rule and what each instance copies) and its instances

A recurrence holds the words as written ("hằng tháng, trước ngày 20"), its frequency, the
task's content, directive, lead unit, leader and group, the day it starts and the day it
was stopped (``ends_on``).  Each period's instance is an ordinary task row naming its
recurrence and its period ("2021-05", "2021-Q2", "2021-H1", "2021"); the unique index on
the pair makes creating instances idempotent, whoever creates them and however often.
``task.recurrence_id`` is a plain column (no foreign key constraint): adding one to a
SQLite table means copying the whole table, for a link the service keeps.

Revision ID: 0006_recurrence
Revises: 0005_name_registers
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_recurrence"
down_revision = "0005_name_registers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recurrence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("directive_id", sa.Integer, sa.ForeignKey("directive.id"), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("lead_unit_id", sa.Integer, sa.ForeignKey("unit.id"), nullable=False),
        sa.Column("leader", sa.String(120), nullable=False),
        sa.Column("work_group", sa.String(120), nullable=False),
        sa.Column("rule_text", sa.String(255), nullable=False),
        sa.Column("frequency", sa.String(12), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.add_column("task", sa.Column("recurrence_id", sa.Integer, nullable=True))
    op.add_column("task", sa.Column("period", sa.String(10), nullable=True))
    op.create_index("ix_task_recurrence_period", "task", ["recurrence_id", "period"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ix_task_recurrence_period", table_name="task")
    # plain DROP COLUMN (SQLite 3.35+): a batch copy of the task table would lose its
    # expression index (ix_task_status_deadline_sort), which reflection cannot carry
    op.drop_column("task", "period")
    op.drop_column("task", "recurrence_id")
    op.drop_table("recurrence")
