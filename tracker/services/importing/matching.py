"""Matching checked task records against the store and against the run's earlier rows.

A record is the task the store holds with its ``id`` (when the file gives one the store
has), else with its key (``Mã nhiệm vụ``), else with its directive and content.  It is then:

- new: the writer inserts it (``RunIds`` gives its id and remembers its row);
- the same as the stored task: ``unchanged``;
- changed: ``diff`` says what differs (only the fields the row gives), as a ``Change``;
- a duplicate of an earlier row of the file (two rows naming one task), or a file id that
  is another task in the store: a problem, and the row is rejected.
"""
from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, literal, literal_column, select

from tracker.domain.dates import format_date
from tracker.domain.text import fold_clean
from tracker.io.headers import label
from tracker.io.problems import Problem
from tracker.services import history
from tracker.services.importing.records import Extension, Note, TaskRecord
from tracker.store.tables import extension as E
from tracker.store.tables import progress_note as PN
from tracker.store.tables import task as T
from tracker.store.tables import task_support as TS

TASK_COLUMNS = tuple(T.c.keys())
COMPARED = ("directive_id", "content", "lead_unit_id", "status", "done_on", "cancel_reason", "ext_key",
            "leader", "work_group", "proof", "notes")
DEADLINE_COLUMNS = ("deadline", "deadline_text", "deadline_kind", "deadline_effective")


def in_values(column, values: list, dialect: str):
    """``column IN (values)`` as one bound parameter — a JSON array read by ``json_each`` in
    SQLite, an array in PostgreSQL — so the statement compiles once for every batch."""
    if dialect == "sqlite":
        import json

        return column.in_(select(literal_column("value")).select_from(
            func.json_each(literal(json.dumps(values)))))
    from sqlalchemy.dialects.postgresql import ARRAY

    return column == func.any(literal(list(values), ARRAY(column.type)))


class RunIds:
    """The ids of the tasks this run adds, and which row each came from: ids from
    ``base`` on are handed out in order; a file's own free id is used as given."""

    def __init__(self, base: int):
        self.base = base
        self.next = base
        self.rows_of_new = array("q")  # the source row of each id from ``base`` on
        self.explicit = bytearray()  # bitmap of the file's own ids inserted
        self.used_explicit = False

    def assign(self, records: list[TaskRecord]) -> list[int] | range:
        """The ids the new ``records`` get: the file's (when free and not handed out by this
        run), else the next ones."""
        first = self.next
        if len(self.rows_of_new) == first - self.base and not any(r.file_id for r in records):
            self.rows_of_new.extend([r.row for r in records])
            self.next = first + len(records)
            return range(first, self.next)
        return [self._assign(r.row, r.file_id) for r in records]

    def _assign(self, row: int, tid: int | None) -> int:
        if tid and tid >= self.next:
            self.mark(tid)
        elif tid and tid < self.base and not self.given(tid):
            self.mark(tid)
            return tid
        else:
            tid = self.next
        off = tid - self.base
        if len(self.rows_of_new) < off:
            self.rows_of_new.extend([0] * (off - len(self.rows_of_new)))
        self.rows_of_new.append(row)
        self.next = tid + 1
        return tid

    def given(self, tid: int) -> bool:
        """Whether the file's own id ``tid`` was inserted by this run."""
        byte, bit = divmod(tid, 8)
        return byte < len(self.explicit) and bool(self.explicit[byte] & (1 << bit))

    def mark(self, tid: int) -> None:
        byte, bit = divmod(tid, 8)
        if byte >= len(self.explicit):
            self.explicit.extend(bytes(byte + 1 - len(self.explicit) + 1024))
        self.explicit[byte] |= 1 << bit
        self.used_explicit = True

    def row_of(self, tid: int) -> int | None:
        """The row of the file a task added by this run came from."""
        off = tid - self.base
        if 0 <= off < len(self.rows_of_new):
            return self.rows_of_new[off] or None
        return None

    def of_this_run(self, tid: int) -> bool:
        return tid >= self.base or self.given(tid)


@dataclass
class Matched:
    """A batch of records, matched: the new ones, those found in the store (with the stored
    row), the problems of the rejected ones."""

    new: list[TaskRecord] = field(default_factory=list)
    found: list[tuple[TaskRecord, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Matcher:
    """Finds each record's task (see the module's notes), a batch at a time."""

    def __init__(self, conn, cols, ids: RunIds, *, update_only: bool):
        self.conn = conn
        self.dialect = conn.dialect.name
        self.cols = cols
        self.ids = ids
        self.update_only = update_only
        self.store_had_tasks = ids.base > 1
        self.by_content: dict[int, dict[int, int]] = {}  # directive -> hash(content) -> id (or -row)
        self.first_match: array | None = None  # stored id -> the row that matched it first
        self.periods_seen: dict[tuple, int] = {}  # (directive, content, period) -> its first row

    def match(self, records: list[TaskRecord]) -> Matched:
        out = Matched()
        existing = self._stored("id", [r.file_id for r in records if r.file_id])
        by_key = self._stored("ext_key", [r.key for r in records if r.key])
        batch_keys: dict[str, int] = {}
        batch_ids: dict[int, int] = {}
        ids = self.ids
        for rec in records:
            tid, key, old = rec.file_id, rec.key, None
            if tid and tid in existing:
                old = existing[tid]
                if ids.of_this_run(tid):
                    out.problems.append(self._duplicate(rec.row, "id", tid, ids.row_of(tid)))
                    continue
                if (key and old.ext_key and key != old.ext_key) or \
                        (not self.update_only and old.directive_id != rec.directive_id and old.content != rec.content):
                    out.problems.append(self.cols.problem("import.id_mismatch", rec.row, "id", tid,
                                                          f"{old.content[:40]}…"))
                    continue
            elif key:
                if key in batch_keys:
                    out.problems.append(self._duplicate(rec.row, "key", key, batch_keys[key]))
                    continue
                batch_keys[key] = rec.row
                old = by_key.get(key)
                if old is not None and old.id >= ids.base:
                    out.problems.append(self._duplicate(rec.row, "key", key, ids.row_of(old.id)))
                    continue
            elif not tid:
                # one period's task of a recurring duty: by its period too (the duty's
                # periods share the directive and content)
                old, first = self._by_period(rec) if rec.rhythm and rec.rhythm[1] else self._by_content(rec)
                if first is not None:
                    out.problems.append(self._duplicate(rec.row, "content", rec.content, first))
                    continue
            if tid and old is None:
                if ids.given(tid) or tid in batch_ids:
                    out.problems.append(self._duplicate(rec.row, "id", tid, batch_ids.get(tid)))
                    continue
                batch_ids[tid] = rec.row
            if old is None and self.update_only:  # names no task in the store: adds none
                out.problems.append(self.cols.problem(
                    "import.update_not_found", rec.row, "id" if tid else "key", tid or key,
                    ", ".join(label("tasks", f) for f in self.cols.update_only)))
            elif old is None:
                out.new.append(rec)
            else:
                first = self._first_match(old.id, rec.row)
                if first:
                    what = "id" if tid else ("key" if key else "content")
                    out.problems.append(self._duplicate(rec.row, what, tid or key or rec.content, first))
                    continue
                out.found.append((rec, old))
        return out

    def remember_new(self, records: list[TaskRecord], ids) -> None:
        """New tasks matched by directive and content from now on."""
        for tid, rec in zip(ids, records):
            if rec.key is None and rec.file_id is None and rec.rhythm is None:  # (a period's: by period)
                self.by_content[rec.directive.id][hash(rec.content)] = tid

    def _stored(self, column: str, values: list) -> dict:
        """Stored tasks whose ``column`` is one of ``values``: whole rows when the store had
        tasks before the run (they may be updated), else only what a duplicate needs."""
        if not values:
            return {}
        if self.store_had_tasks:
            rows = self.conn.execute(select(T).where(in_values(T.c[column], values, self.dialect))).all()
        else:
            rows = self.conn.execute(select(T.c.id, T.c.ext_key).where(
                in_values(T.c[column], values, self.dialect))).all()
        return {getattr(r, column): r for r in rows}

    def _by_content(self, rec: TaskRecord) -> tuple[Any, int | None]:
        """(the stored task with this directive and content, None), (None, None) for a new
        one, or (None, the earlier row) for a duplicate of this run's."""
        did = rec.directive.id
        index = self.by_content.get(did)
        if index is None:
            index = self.by_content[did] = {}
            if self.store_had_tasks:
                for r in self.conn.execute(select(T.c.id, T.c.content).where(
                        T.c.directive_id == did, T.c.id < self.ids.base)):
                    index[hash(r.content)] = r.id
        h = hash(rec.content)
        hit = index.get(h)
        if hit is None:
            index[h] = -rec.row  # a row of this run, not yet given an id
            return None, None
        if hit < 0 or hit >= self.ids.base:
            return None, (-hit if hit < 0 else self.ids.row_of(hit))
        row = self.conn.execute(select(T).where(T.c.id == hit)).first()
        return (row if row is not None and row.content == rec.content else None), None

    def _by_period(self, rec: TaskRecord) -> tuple[Any, int | None]:
        """As ``_by_content``, for one period's task of a recurring duty: the stored task of
        this directive, content and period, else new — or a duplicate of this run's row."""
        key = (rec.directive.id, rec.content, rec.rhythm[1])
        first = self.periods_seen.get(key)
        if first is not None:
            return None, first
        self.periods_seen[key] = rec.row
        if not self.store_had_tasks or rec.directive.id is None:
            return None, None
        row = self.conn.execute(select(T).where(T.c.directive_id == rec.directive.id, T.c.content == rec.content,
                                                T.c.period == rec.rhythm[1], T.c.id < self.ids.base)).first()
        return row, None

    def _first_match(self, tid: int, row: int) -> int:
        """0 the first time a row matches stored task ``tid``, else the row that did first."""
        if self.first_match is None:
            self.first_match = array("q", bytes(8 * self.ids.base))
        if tid >= len(self.first_match):
            return 0
        first = self.first_match[tid]
        if not first:
            self.first_match[tid] = row
        return first

    def _duplicate(self, row: int, what: str, value, first: int | None) -> Problem:
        return self.cols.problem("import.duplicate_row", row, what, value, str(first) if first else "",
                                 first=first or "")

    def details(self, ids: list[int]) -> "Details":
        """Support, extensions (their new dates) and progress notes of matched tasks, a batch at a time."""
        conn, d = self.conn, Details()
        for task_id, unit_id in conn.execute(select(TS.c.task_id, TS.c.unit_id).where(
                in_values(TS.c.task_id, ids, self.dialect)).order_by(TS.c.task_id, TS.c.position)).all():
            d.support.setdefault(task_id, []).append(unit_id)
        for task_id, new_deadline in conn.execute(select(E.c.task_id, E.c.new_deadline).where(
                in_values(E.c.task_id, ids, self.dialect)).order_by(E.c.task_id, E.c.id)).all():
            d.extensions.setdefault(task_id, []).append(stored_day(new_deadline))
        for task_id, on, text in conn.execute(select(PN.c.task_id, PN.c.on, PN.c.text).where(
                in_values(PN.c.task_id, ids, self.dialect))).all():
            d.notes.setdefault(task_id, set()).add((on, text))
        return d


@dataclass
class Details:
    support: dict[int, list[int]] = field(default_factory=dict)
    extensions: dict[int, list[dt.date]] = field(default_factory=dict)  # new dates, in order
    notes: dict[int, set] = field(default_factory=dict)


@dataclass
class Change:
    """What a row changes in a stored task: the task's new values, the history entries (in
    ``edit_task``'s field names), the supporting units when they differ, and the extensions
    and progress notes it adds."""

    task_id: int
    version: int
    values: dict[str, Any]
    history: list[tuple[str, tuple | None]]
    support: list[int] | None = None
    extensions: list[Extension] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def diff(rec: TaskRecord, old, details: Details, unit_code) -> Change | None:
    """What ``rec`` changes in the stored task ``old`` (None: nothing).  Only the fields the
    row gives are compared; a deadline is one fact (its date and words) and one entry."""
    stored = dict(zip(TASK_COLUMNS, old))
    tid, given = stored["id"], rec.given
    new = _values(rec)
    values: dict[str, Any] = {}
    changes: dict[str, tuple] = {}
    for col in COMPARED:
        if col in given and new[col] != stored[col]:
            values[col] = changes[col] = new[col]
    if "deadline" in given and not _date_alone(new["deadline"], new["deadline_text"], stored["deadline"]):
        for col in DEADLINE_COLUMNS:
            if new[col] != stored[col]:
                values[col] = new[col]
                if col in ("deadline", "deadline_text"):
                    changes["deadline"] = new["deadline"]
    extended = details.extensions.get(tid, [])
    added = _added_extensions(rec.extensions, extended, stored) if rec.extensions else []
    # a row's original deadline, where its extensions start where the stored ones do (an
    # update sheet may give only the extension it adds: the original stays)
    if "original_deadline" in given and (not rec.extensions or (
            rec.extensions[0].new_date == extended[0] if extended else rec.extensions[0].old_date is not None)):
        if not _date_alone(new["original_deadline"], new["original_deadline_text"], stored["original_deadline"]):
            for col in ("original_deadline", "original_deadline_text"):
                if new[col] != stored[col]:
                    values[col] = new[col]
                    changes["original_deadline"] = new["original_deadline"]
    elif "deadline" in values and not extended and not added:
        # a deadline changed without extensions moves the original with it (not an entry)
        values.update(original_deadline=new["deadline"], original_deadline_text=new["deadline_text"])
    if "content" in values:
        values["content_folded"] = fold_clean(rec.content)
    entries: list[tuple[str, tuple | None]] = []
    for col in changes:
        if col in ("deadline", "original_deadline"):
            words = f"{col}_text"
            entries.append((col, (stored[words] or stored[col], new[words] or new[col])))
        elif col == "lead_unit_id":
            entries.append(("lead", (unit_code(stored[col]), unit_code(new[col]))))
        else:
            entries.append((history.FIELD_OF_COLUMN.get(col, col), (stored[col], new[col])))
    change = Change(tid, stored["version"], values, entries)
    if rec.support is not None:
        current = details.support.get(tid, [])
        if current != list(rec.support):
            change.support = list(rec.support)
            entries.append(("support", ([unit_code(u) for u in current], [unit_code(u) for u in rec.support])))
    if added:
        change.extensions = added
        entries.append(("extension", None))
    if rec.progress:
        have = details.notes.get(tid, set())
        texts = {t for _o, t in have}
        change.notes = [n for n in rec.progress if (n.on, n.text) not in have and not (n.on is None and n.text in texts)]
        if change.notes:
            entries.append(("note", None))
    return change if entries else None


def _date_alone(day: dt.date | None, words: str, stored) -> bool:
    """Whether a row gives a deadline as a bare date (a sheet that kept the date column, not
    the words) that is the stored one's date: the words the store keeps stay ("Quý IV/2021",
    "trước ngày 31/7/2020" are not rewritten as the date they mean)."""
    return day is not None and words == format_date(day) and day == stored_day(stored)


def _added_extensions(given: tuple[Extension, ...], extended: list[dt.date], stored: dict) -> list[Extension]:
    """The extensions a row adds to a stored task: those to a date it was not extended to
    (a row may repeat the task's history, as an export writes it, or give only the new one);
    one that does not say the deadline it moved moved the one in force before it."""
    added: list[Extension] = []
    known = set(extended)
    before = (stored_day(stored["deadline"]), stored["deadline_text"])
    for e in given:
        if e.new_date in known:
            before = (e.new_date, e.new_text)
            continue
        if e.old_date is None and not e.old_text:
            e = replace(e, old_date=before[0], old_text=before[1])
        added.append(e)
        before = (e.new_date, e.new_text)
    return added


def stored_day(value) -> dt.date | None:
    """A stored date (ISO text where the driver gives text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _values(rec: TaskRecord) -> dict[str, Any]:
    """The stored columns a record sets (as far as it gives them)."""
    dl = rec.deadline
    original = rec.original or ((dl.date, dl.text) if dl is not None else (None, ""))
    return {
        "directive_id": rec.directive_id, "content": rec.content, "lead_unit_id": rec.lead_unit_id,
        "status": rec.status, "done_on": rec.done_on, "cancel_reason": rec.cancel_reason,
        "ext_key": rec.key, "leader": rec.leader, "work_group": rec.group, "proof": rec.proof,
        "notes": rec.notes,
        "deadline": dl.date if dl else None, "deadline_text": dl.text if dl else "",
        "deadline_kind": dl.kind if dl else "ongoing", "deadline_effective": dl.effective if dl else None,
        "original_deadline": original[0], "original_deadline_text": original[1],
    }
