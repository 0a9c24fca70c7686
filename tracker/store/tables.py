"""Light SQLAlchemy Core tables for the fast read paths (reports, lists, the nightly job).

``store/models.py`` is the schema's authority; importing it pulls in SQLModel and pydantic
(~0.15 s), which the nightly report cannot afford.  These mirror the columns the read paths
use; ``tests/test_store_schema.py`` checks every column here exists there with the same type.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, MetaData, String, Table, Text

metadata = MetaData()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


# Python-side defaults match the models', so bulk inserts through these tables (importers)
# give only what they know.
unit = Table(
    "unit", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40)),
    Column("name", String(255)),
    Column("name_folded", String(255)),
    Column("kind", String(20)),
    Column("aliases", Text, default=""),
    Column("aliases_folded", Text, default=""),
    Column("active", Boolean, default=True),
    Column("created_at", DateTime, default=_now),
)

directive = Table(
    "directive", metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(80)),
    Column("number_key", String(80)),
    Column("type_code", String(12), default=""),
    Column("issuer", String(120)),
    Column("issue_date", Date),
    Column("title", Text, default=""),
    Column("title_folded", Text, default=""),
    Column("signer", String(120), default=""),
    Column("parent_id", Integer),
    Column("notes", Text, default=""),
    Column("created_at", DateTime, default=_now),
    Column("updated_at", DateTime, default=_now),
    Column("version", Integer, default=1),
)

task = Table(
    "task", metadata,
    Column("id", Integer, primary_key=True),
    Column("directive_id", Integer),
    Column("ext_key", String(120)),
    Column("content", Text),
    Column("content_folded", Text),
    Column("lead_unit_id", Integer),
    Column("leader", String(120), default=""),
    Column("work_group", String(120), default=""),
    Column("deadline", Date),
    Column("deadline_text", String(255), default=""),
    Column("deadline_kind", String(12), default=""),
    Column("deadline_effective", Date),
    Column("original_deadline", Date),
    Column("original_deadline_text", String(255), default=""),
    Column("status", String(12), default="open"),
    Column("done_on", Date),
    Column("proof", Text, default=""),
    Column("cancel_reason", Text, default=""),
    Column("notes", Text, default=""),
    Column("created_at", DateTime, default=_now),
    Column("updated_at", DateTime, default=_now),
    Column("version", Integer, default=1),
    Column("recurrence_id", Integer),
    Column("period", String(10)),
    Column("assigned_on", Date),
)

recurrence = Table(
    "recurrence", metadata,
    Column("id", Integer, primary_key=True),
    Column("directive_id", Integer),
    Column("content", Text),
    Column("lead_unit_id", Integer),
    Column("leader", String(120), default=""),
    Column("work_group", String(120), default=""),
    Column("rule_text", String(255)),
    Column("frequency", String(12)),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("created_at", DateTime, default=_now),
    Column("updated_at", DateTime, default=_now),
    Column("version", Integer, default=1),
)

task_support = Table(
    "task_support", metadata,
    Column("task_id", Integer, primary_key=True),
    Column("unit_id", Integer, primary_key=True),
    Column("position", Integer, default=0),
)

extension = Table(
    "extension", metadata,
    Column("id", Integer, primary_key=True),
    Column("task_id", Integer),
    Column("old_deadline", Date),
    Column("old_deadline_text", String(255)),
    Column("new_deadline", Date),
    Column("new_deadline_text", String(255)),
    Column("reason", Text),
    Column("at", DateTime, default=_now),
    Column("by", String(120), default=""),
)

progress_note = Table(
    "progress_note", metadata,
    Column("id", Integer, primary_key=True),
    Column("task_id", Integer),
    Column("on", Date),
    Column("text", Text),
    Column("percent", Integer),
    Column("by", String(120)),
    Column("at", DateTime),
)

history = Table(
    "history", metadata,
    Column("id", Integer, primary_key=True),
    Column("entity", String(20)),
    Column("entity_id", Integer),
    Column("action", String(20)),
    Column("field", String(40)),
    Column("old", Text),
    Column("new", Text),
    Column("at", DateTime, default=_now),
    Column("by", String(120), default=""),
    Column("batch", String(40)),
)

calendar_override = Table(
    "calendar_override", metadata,
    Column("day", Date, primary_key=True),
    Column("kind", String(8)),
    Column("name", String(200)),
)

saved_view = Table(
    "saved_view", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120)),
    Column("filters", Text),
    Column("created_at", DateTime),
)

known_name = Table(
    "known_name", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(12)),
    Column("name", String(120)),
    Column("name_folded", String(120)),
    Column("aliases", Text, default=""),
    Column("created_at", DateTime, default=_now),
)
