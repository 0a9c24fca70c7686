"""The schema's authority: SQLModel tables.

Alembic migrations are written from these; ``store/tables.py`` mirrors the columns that fast
read paths need (a test holds the two together).  Text columns are stored NFC; searchable
text has a ``*_folded`` twin (``tracker.domain.text.fold``).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import Column, DateTime, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

UNIT_KINDS = ("department", "service", "ward", "other")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class Unit(SQLModel, table=True):
    __tablename__ = "unit"
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(sa_column=Column(String(40), unique=True, nullable=False))
    name: str = Field(sa_column=Column(String(255), nullable=False))
    name_folded: str = Field(sa_column=Column(String(255), nullable=False, index=True))
    kind: str = Field(default="department", sa_column=Column(String(20), nullable=False))
    # aliases separated by "|" (NFC); folded twin for matching
    aliases: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    aliases_folded: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    active: bool = Field(default=True, nullable=False)
    created_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))


class Directive(SQLModel, table=True):
    __tablename__ = "directive"
    __table_args__ = (
        UniqueConstraint("number", "issuer", "issue_date", name="uq_directive_number_issuer_date"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    number: str = Field(sa_column=Column(String(80), nullable=False, index=True))
    # canonical form of the number for look-ups (spaces, Đ/D, case normalised)
    number_key: str = Field(sa_column=Column(String(80), nullable=False, index=True))
    type_code: str = Field(default="", sa_column=Column(String(12), nullable=False, default=""))
    issuer: str = Field(sa_column=Column(String(120), nullable=False))
    issue_date: dt.date = Field(nullable=False, index=True)
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    title_folded: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    signer: str = Field(default="", sa_column=Column(String(120), nullable=False, default=""))
    parent_id: Optional[int] = Field(default=None, foreign_key="directive.id", index=True)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
    updated_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
    # bumped by every update; an update names the version it read (optimistic locking)
    version: int = Field(default=1, nullable=False)


class Task(SQLModel, table=True):
    __tablename__ = "task"
    __table_args__ = (
        # the task list's order (deadline, ongoing last, then id) and the overdue query walk
        # these instead of sorting; the expression must match store.status_sql.DEADLINE_SORT.
        # After status the index also carries done_on and the deadline, so done on time /
        # late is counted from it alone too (one index fewer to keep up on every insert)
        Index("ix_task_deadline_sort", text("coalesce(deadline_effective, '9999-12-31')"), "id"),
        Index("ix_task_status_deadline_sort", "status",
              text("coalesce(deadline_effective, '9999-12-31')"), "id", "done_on", "deadline_effective"),
        Index("ix_task_lead_status", "lead_unit_id", "status"),
        Index("ix_task_recurrence_period", "recurrence_id", "period", unique=True),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    directive_id: int = Field(foreign_key="directive.id", nullable=False, index=True)
    # an importer's stable key for the row (the file's id/key column), unique when present
    ext_key: Optional[str] = Field(default=None, sa_column=Column(String(120), unique=True))
    content: str = Field(sa_column=Column(Text, nullable=False))
    content_folded: str = Field(sa_column=Column(Text, nullable=False))
    lead_unit_id: int = Field(foreign_key="unit.id", nullable=False)
    leader: str = Field(default="", sa_column=Column(String(120), nullable=False, default=""))
    work_group: str = Field(default="", sa_column=Column(String(120), nullable=False, default=""))
    # the deadline in force: the date as written/understood, the words, the kind, and the
    # effective date (moved past days off, Civil Code art. 148) that the status rule uses
    deadline: Optional[dt.date] = Field(default=None)
    deadline_text: str = Field(default="", sa_column=Column(String(255), nullable=False, default=""))
    deadline_kind: str = Field(default="", sa_column=Column(String(12), nullable=False, default=""))
    # ranged over through its sort form (ix_task_deadline_sort), not a plain index
    deadline_effective: Optional[dt.date] = Field(default=None)
    original_deadline: Optional[dt.date] = Field(default=None)
    original_deadline_text: str = Field(default="", sa_column=Column(String(255), nullable=False, default=""))
    status: str = Field(default="open", sa_column=Column(String(12), nullable=False, default="open"))
    done_on: Optional[dt.date] = Field(default=None)
    proof: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    cancel_reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
    updated_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
    # bumped by every update; an update names the version it read (optimistic locking)
    version: int = Field(default=1, nullable=False)
    # a recurring duty's instance: its recurrence and period ("2021-05"); unique together
    # (ix_task_recurrence_period, migration 0006_recurrence)
    recurrence_id: Optional[int] = Field(default=None)
    period: Optional[str] = Field(default=None, sa_column=Column(String(10)))
    # the day the task was assigned when it is not its directive's (NULL): an instance's is
    # the start of its period, or its directive's date when later (domain.periods, the
    # period rule's assigned basis; migration 0007_assigned_on)
    assigned_on: Optional[dt.date] = Field(default=None)


class Recurrence(SQLModel, table=True):
    """A recurring duty ("hằng tháng, trước ngày 20"): what each period's instance copies,
    the words of its rule, and when it starts and was stopped (``ends_on``)."""

    __tablename__ = "recurrence"
    id: Optional[int] = Field(default=None, primary_key=True)
    directive_id: int = Field(foreign_key="directive.id", nullable=False)
    content: str = Field(sa_column=Column(Text, nullable=False))
    lead_unit_id: int = Field(foreign_key="unit.id", nullable=False)
    leader: str = Field(default="", sa_column=Column(String(120), nullable=False, default=""))
    work_group: str = Field(default="", sa_column=Column(String(120), nullable=False, default=""))
    rule_text: str = Field(sa_column=Column(String(255), nullable=False))
    frequency: str = Field(sa_column=Column(String(12), nullable=False))
    starts_on: dt.date = Field(nullable=False)
    ends_on: Optional[dt.date] = Field(default=None)
    created_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
    updated_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
    version: int = Field(default=1, nullable=False)


class TaskSupport(SQLModel, table=True):
    __tablename__ = "task_support"
    task_id: int = Field(foreign_key="task.id", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", primary_key=True, index=True)
    position: int = Field(default=0, nullable=False)


class Extension(SQLModel, table=True):
    __tablename__ = "extension"
    id: Optional[int] = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", nullable=False, index=True)
    old_deadline: Optional[dt.date] = Field(default=None)
    old_deadline_text: str = Field(default="", sa_column=Column(String(255), nullable=False, default=""))
    new_deadline: Optional[dt.date] = Field(default=None)
    new_deadline_text: str = Field(default="", sa_column=Column(String(255), nullable=False, default=""))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
    by: str = Field(default="", sa_column=Column(String(120), nullable=False, default=""))


class ProgressNote(SQLModel, table=True):
    __tablename__ = "progress_note"
    id: Optional[int] = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", nullable=False, index=True)
    on: dt.date = Field(nullable=False)
    text: str = Field(sa_column=Column(Text, nullable=False))
    percent: Optional[int] = Field(default=None)
    by: str = Field(default="", sa_column=Column(String(120), nullable=False, default=""))
    at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))


class History(SQLModel, table=True):
    """Append-only: who changed which field of which record, when, old → new."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_entity", "entity", "entity_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    entity: str = Field(sa_column=Column(String(20), nullable=False))  # task|directive|unit|calendar
    entity_id: int = Field(nullable=False)
    action: str = Field(sa_column=Column(String(20), nullable=False))  # create|update|done|…
    field: str = Field(default="", sa_column=Column(String(40), nullable=False, default=""))
    old: Optional[str] = Field(default=None, sa_column=Column(Text))
    new: Optional[str] = Field(default=None, sa_column=Column(Text))
    at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False, index=True))
    by: str = Field(default="", sa_column=Column(String(120), nullable=False, default=""))
    batch: Optional[str] = Field(default=None, sa_column=Column(String(40)))


class CalendarOverride(SQLModel, table=True):
    """The government's yearly swaps: a day off added (kind 'off') or a day worked ('work')."""

    __tablename__ = "calendar_override"
    day: dt.date = Field(primary_key=True)
    kind: str = Field(sa_column=Column(String(8), nullable=False))
    name: str = Field(sa_column=Column(String(200), nullable=False))


class SavedView(SQLModel, table=True):
    """A named filter of the task list (the app's sidebar)."""

    __tablename__ = "saved_view"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(String(120), unique=True, nullable=False))
    filters: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    created_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))


class KnownName(SQLModel, table=True):
    """The issuer and leader registers (``services.names``): each name once, as the office
    spells it, with the other spellings that mean it (aliases, "|"-separated, NFC)."""

    __tablename__ = "known_name"
    __table_args__ = (UniqueConstraint("kind", "name", name="uq_known_name_kind_name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str = Field(sa_column=Column(String(12), nullable=False))  # issuer | leader
    name: str = Field(sa_column=Column(String(120), nullable=False))
    name_folded: str = Field(sa_column=Column(String(120), nullable=False))
    aliases: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: dt.datetime = Field(default_factory=_now, sa_column=Column(DateTime, nullable=False))
