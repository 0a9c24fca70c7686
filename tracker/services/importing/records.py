"""The typed record of a checked task row, and its parts: what the row path (``rows.py``)
hands the writer, across processes too.

A slotted dataclass pickles through ``dataclasses``' own ``__getstate__``/``__setstate__``,
Python functions run per object; the parts say ``__reduce__`` (their class and values), which
pickles and loads them in about a third of the time (see ``pack`` for the records)."""
from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, fields
from typing import Any

from tracker.services.importing.lookups import DirectiveEntry


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with a part's cells, before it is placed on a row (so it can be remembered)."""

    key: str
    field: str
    value: Any = ""
    expected: str = ""
    severity: str = "error"
    extra: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Deadline:
    date: dt.date | None
    text: str
    kind: str
    effective: dt.date | None
    # recurring words (services.recurrence.read_words): (the rule's words, the period's key)
    # — a duty's row has no period ("hằng tháng, trước ngày 20"), a period's task has one
    rhythm: tuple[str, str | None] | None = None

    def __reduce__(self):
        return Deadline, (self.date, self.text, self.kind, self.effective, self.rhythm)


NO_DEADLINE = Deadline(None, "", "ongoing", None)


@dataclass(frozen=True, slots=True)
class Extension:
    old_date: dt.date | None
    old_text: str
    new_date: dt.date
    new_text: str
    reason: str
    at: dt.datetime | None
    by: str | None

    def __reduce__(self):
        return Extension, (self.old_date, self.old_text, self.new_date, self.new_text, self.reason, self.at, self.by)


@dataclass(frozen=True, slots=True)
class Note:
    on: dt.date | None
    text: str
    percent: int | None
    by: str | None

    def __reduce__(self):
        return Note, (self.on, self.text, self.percent, self.by)


@dataclass(slots=True)
class TaskRecord:
    """One checked row of a task sheet, on its way to the store.

    ``given`` names the task's fields the row sets (its file's columns; in an update sheet,
    the cells it fills): matching compares those, and only those, with a stored task."""

    row: int
    file_id: int | None  # the id column's value
    key: str | None  # Mã nhiệm vụ
    directive: DirectiveEntry | None
    content: str  # (its search form, ``fold``, is the writer's: the store keeps it beside it)
    lead_unit_id: int | None
    leader: str
    group: str
    deadline: Deadline | None
    original: tuple[dt.date | None, str] | None
    status: str
    done_on: dt.date | None
    cancel_reason: str
    proof: str
    notes: str
    support: tuple[int, ...] | None
    extensions: tuple[Extension, ...]
    progress: tuple[Note, ...]
    given: frozenset[str]
    # a recurring duty's row, or one period's task of one: (the rule's words, the period's
    # key or None for the duty) — the sheet makes the recurrence after its tasks (recurring.py)
    rhythm: tuple[str, str | None] | None = None
    # the day that duty was stopped, as the sheet gives it (an export writes it on each period's
    # task): a duty made from the sheet stays stopped (recurring.py)
    recurrence_ends: dt.date | None = None

    @property
    def directive_id(self) -> int | None:
        return self.directive.id if self.directive is not None else None


values_of = operator.attrgetter(*(f.name for f in fields(TaskRecord)))  # a record's values, in order


def pack(records: list[TaskRecord]) -> list[tuple]:
    """Records as plain tuples of their values, to pickle on their way from the reader
    process: a fifth of the time pickle takes over the dataclasses themselves (about two
    seconds per 100k rows, on each side)."""
    return list(map(values_of, records))


def unpack(values: list[tuple]) -> list[TaskRecord]:
    return [TaskRecord(*v) for v in values]
