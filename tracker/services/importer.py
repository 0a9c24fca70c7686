"""Importing units, directives and tasks from files (issue 4) — all or nothing.

``import_files(ctx, paths, …)`` reads every file (units first, then directives, then tasks, so
one run can load a whole office), checks every row and reports every problem at once — file,
row, column, the value and what was expected — and writes in one transaction: rows are
checked and bulk-inserted with SQLAlchemy Core in batches inside that transaction, and the
transaction is rolled back if any row of any file was rejected (or on ``dry_run``).  Memory
stays flat: rows stream from the readers and leave in batches.

Idempotent: a row that matches what the store holds is ``unchanged``.  Identity:
- units: the code (else the name, without diacritics or case);
- directives: number + issuer + date (numbers restart every year and every term);
- tasks: ``id`` when the store has it, else the ``key`` column (``Mã nhiệm vụ``), else the
  directive + the content.
A matched row that differs is ``skipped`` (with a note to use ``--update``) or, with
``update``, changed field by field — only the columns the file has — with a history entry
for each change.

Task rows name their units as people write them (the one unit matcher, without diacritics;
several supporting units in one cell separated by ``,`` ``;`` or new lines; "UBND các phường"
means every ward) and their deadlines in words (the one deadline reader,
``services.tasks.read_deadline``).  A task's directive is found by number (with date and
issuer when given); a directive the store does not know is created from the row when the row
gives its date and issuer.
"""
from __future__ import annotations

import datetime as dt
import itertools
import operator
import os
import re
import uuid
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, text, update

from tracker.domain import rules
from tracker.domain import status as S
from tracker.domain.dates import DateError, format_date, parse_date
from tracker.domain.text import fold, fold_clean, nfc, nfc_all
from tracker.domain.unitmatch import UnitEntry, group_of, match_unit, split_units
from tracker.io.cells import cell_date, cell_text, parse_extensions, parse_notes, split_list
from tracker.io.headers import REGISTER_FIELDS, DERIVED, KINDS, ColumnMap, detect_kind, field_for, label, map_headers
from tracker.io.problems import Problem, ReadError, short
from tracker.services import history
from tracker.services import names as names_service
from tracker.services.bulk import collector_paused
from tracker.services.context import Context
from tracker.services import units as units_service
from tracker.services.tasks import SHORT_TEXT
from tracker.store.tables import directive as D
from tracker.store.tables import extension as E
from tracker.store.tables import history as H
from tracker.store.tables import progress_note as PN
from tracker.store.tables import task as T
from tracker.store.tables import task_support as TS
from tracker.store.tables import unit as U

BATCH = 2000
PARALLEL_MIN_BYTES = 8 * 1024 * 1024  # files this big are read and checked in a second process
BULK_LOAD_MIN_ROWS = 200_000  # a task file of about this many rows, into a smaller store …
BYTES_PER_ROW = 300  # (… guessed from its size) is loaded with the task indexes set aside
# kept up during a big load: the one secondary index an import reads through (tasks by
# directive, matching by content), and the narrowest, which the writer keeps up in the time
# it waits for the reader (at 1M: about 1 s of the rebuild after the last row saved)
KEPT_INDEXES = {"ix_task_directive_id", "ix_task_lead_status"}
IMPORT_CACHE_KIB = 65536  # SQLite's page cache while an import runs: room for the indexes' pages
SORT_RUN_KIB = 8192  # … and while the set-aside indexes are built: the sorter's runs
MAX_PROBLEMS = 500  # kept for the report; all are counted
KIND_ORDER = {"units": 0, "directives": 1, "tasks": 2}


# --------------------------------------------------------------------------- fast text


# ``nfc``/``fold`` run on every cell of every row; both have a fast path for text already
# in its stored form, and ``clean`` remembers short cells (unit names, statuses, leaders).

# deadline words whose date does not depend on the directive's date: every date has a year
# and nothing is counted from the directive ("trong 10 ngày", "trong vòng 05 ngày làm việc")
_HAS_YEAR = re.compile(r"(?<!\d)(19|20|21)\d\d(?!\d)")
_RELATIVE = re.compile(r"\btrong\s*(vong\s*)?\d|\d+\s*(ngay|tuan|thang|nam)\b(?!\s*\d)|ke tu|ngay lam viec|\bhang\b|\bdinh ky\b")
_CLEAN_CACHE: dict[Any, str] = {None: "", "": ""}


def clean(value: Any) -> str:
    """``nfc(cell_text(value))``, fast for text already NFC with single spaces."""
    try:
        hit = _CLEAN_CACHE.get(value)
    except TypeError:  # a JSON list or object
        hit = None
    if hit is not None:  # the keys are text (and None): no other value equals one
        return hit
    text_ = value if type(value) is str else cell_text(value)
    if not text_:
        return ""
    out = nfc(text_)
    if type(value) is str and len(text_) <= 64 and len(_CLEAN_CACHE) < 50_000:
        _CLEAN_CACHE[text_] = out
    return out


# --------------------------------------------------------------------------- report

@dataclass
class FileReport:
    file: str
    kind: str = ""
    format: str = ""
    encoding: str | None = None
    sheet: str | None = None
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0
    directives_added: int = 0
    # every task whose lead unit this file changes: (row, task id, old code, new code) — each
    # listed in the summary, never a silent move of a unit's tasks
    lead_changes: list = field(default_factory=list)
    # where the time went, for bench/ (seconds): reader/writer CPU, writer waiting, loading
    timings: dict = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "timings"}


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    dry_run: bool = False
    committed: bool = False
    batch: str = ""

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    def add(self, problem: Problem) -> None:
        if problem.severity == "warning":
            self.warning_count += 1
            if len(self.warnings) < MAX_PROBLEMS:
                self.warnings.append(problem)
        else:
            self.error_count += 1
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(problem)

    def summary_lines(self, *, short_names: bool = False) -> list[str]:
        """A line per file (and one for the directives its task rows made), then the totals —
        in the user's language, as the command and the app both show them."""
        from pathlib import Path

        from tracker.i18n import _, get_lang
        from tracker.reports.fmt import fmt_int

        lang = get_lang()

        def n(value: int) -> str:
            return fmt_int(value, lang)

        lines = []
        for f in self.files:
            if not f.kind:
                continue
            name = Path(f.file).name if short_names else f.file
            kind = _(f"import.kind.{f.kind}")
            if f.encoding and not f.encoding.replace("_", "-").lower().startswith("utf-8"):
                # a code page was guessed (or given): said, so wrong letters can be told from it
                kind = _("import.kind_encoding", kind=kind, encoding=f.encoding)
            lines.append(_("import.summary_file", file=name, kind=kind, rows=n(f.rows),
                           added=n(f.added), updated=n(f.updated), unchanged=n(f.unchanged),
                           skipped=n(f.skipped), rejected=n(f.rejected)))
            if f.directives_added:
                lines.append(_("import.directives_added", file=name, count=n(f.directives_added)))
            lines.extend(_("import.lead_changed", file=name, row=row, task=task, old=old, new=new)
                         for row, task, old, new in f.lead_changes)
        lines.append(_("import.summary", added=n(self.total("added")), updated=n(self.total("updated")),
                       unchanged=n(self.total("unchanged")), skipped=n(self.total("skipped")),
                       rejected=n(self.total("rejected")), errors=n(self.error_count),
                       warnings=n(self.warning_count)))
        return lines

    def as_dict(self) -> dict:
        return {
            "ok": self.ok, "dry_run": self.dry_run, "committed": self.committed, "batch": self.batch,
            "added": self.total("added"), "updated": self.total("updated"),
            "unchanged": self.total("unchanged"), "skipped": self.total("skipped"),
            "rejected": self.total("rejected"), "errors": self.error_count,
            "warnings": self.warning_count,
            "files": [f.as_dict() for f in self.files],
            "problems": [p.as_dict() for p in self.problems],
            "warning_list": [p.as_dict() for p in self.warnings],
        }


class _Rejected(Exception):
    """A row that cannot be imported; its problems are already reported."""


# --------------------------------------------------------------------------- values

_STATUS_WORDS: dict[str, str] = {}
for _status, _words in {
    S.DONE: ("done", "da hoan thanh", "hoan thanh", "xong", "da xong", "completed", "complete",
             "hoan thanh dung han", "hoan thanh qua han", "done_on_time", "done_late", "x"),
    S.OPEN: ("open", "dang thuc hien", "chua thuc hien", "chua hoan thanh", "dang trien khai",
             "trong han", "qua han", "chua hoan thanh trong han", "chua hoan thanh qua han",
             "open_on_time", "open_overdue", "dang lam", "in progress", "todo"),
    S.CANCELLED: ("cancelled", "canceled", "huy", "da huy", "khong thuc hien", "dung thuc hien",
                  "bai bo", "cancel"),
}.items():
    for _w in _words:
        _STATUS_WORDS[_w] = _status

_UNIT_KIND_WORDS = {
    "department": ("department", "phong chuyen mon", "phong ban", "co quan chuyen mon", "phong",
                   "chuyen mon"),
    "service": ("service", "don vi su nghiep", "su nghiep", "trung tam", "ban"),
    "ward": ("ward", "ubnd phuong", "phuong", "ubnd xa", "xa", "phuong xa"),
    "other": ("other", "co quan khac", "khac", "nganh doc", "co quan nganh doc", "don vi khac"),
}
_KIND_OF: dict[str, str] = {w: k for k, ws in _UNIT_KIND_WORDS.items() for w in ws}

_TRUE = {"1", "true", "yes", "co", "x", "dang hoat dong", "hoat dong", "active"}
_FALSE = {"0", "false", "no", "khong", "ngung hoat dong", "inactive", "ngung"}


def _type_code(value: str) -> str | None:
    """A document type as its code ('Kết luận' → 'KL'); '' for a Công văn; None: unknown."""
    from tracker.domain.docnumbers import TYPE_NAMES

    f = fold(value)
    if not f:
        return ""
    if f in ("cong van", "cv", "official letter"):
        return ""
    for code, (vi, en) in TYPE_NAMES.items():
        if f == fold(code) or f == fold(vi) or f == fold(en):
            return code
    return None


# --------------------------------------------------------------------------- columns

class _Columns:
    """A table's headers mapped to fields, refreshed when a JSON file shows new keys."""

    def __init__(self, table, kind: str, cmap: ColumnMap, sink: Callable[[Problem], None]):
        self.table = table
        self.kind = kind
        self.sink = sink
        self.fields: dict[str, str] = dict(cmap.fields)  # header -> field
        self.update_only = list(cmap.update_only)  # (a task sheet by id/key: see ColumnMap)
        self.known = set(table.headers)
        self.present = set(self.fields.values())
        # rows keyed by field already: CSV/XLSX are re-keyed by the reader; JSON usually is
        if table.format in ("csv", "xlsx"):
            table.use_keys(self.fields)
            self.identity = True
        else:
            self.identity = all(h == f for h, f in self.fields.items())

    def stale(self) -> bool:
        """Whether the table has shown headers since the last ``refresh`` (JSON keys)."""
        return len(self.table.headers) != len(self.known)

    def refresh(self, row_number: int) -> None:
        if not self.stale():
            return
        for h in self.table.headers:
            if h in self.known:
                continue
            self.known.add(h)
            fld = field_for(h, self.kind)
            if fld is None:
                self.sink(Problem("import.unknown_header_any", file=self.table.name, row=row_number,
                                  column=h, value=h, expected=", ".join(
                                      label(self.kind, f) for f in _importable(self.kind))))
            elif fld not in DERIVED[self.kind] and fld not in self.present:
                self.fields[h] = fld
                self.present.add(fld)
                if h != fld:
                    self.identity = False

    def pick(self, row: dict) -> dict[str, Any]:
        """field -> raw value of the fields this table has (absent cells: None)."""
        if self.identity:
            return row
        return {f: row.get(h) for h, f in self.fields.items()}

    def columns(self, rows: list[dict]) -> Callable[[str], list]:
        """``column(field)``: that field's cells of ``rows`` (objects keyed by header)."""
        headers = list(self.fields)
        if not headers:
            return lambda fld: [None] * len(rows)
        getter = operator.itemgetter(*headers)
        try:
            cells = list(map(getter, rows))
            if len(headers) == 1:  # (itemgetter of one key gives the cell, not a tuple)
                cells = [(c,) for c in cells]
        except KeyError:  # an object without some key: that cell is None
            cells = [tuple(map(row.get, headers)) for row in rows]
        by_field = dict(zip(self.fields.values(), zip(*cells))) if cells else {}
        return lambda fld: by_field.get(fld) or [None] * len(rows)

    def header(self, fld: str) -> str:
        for h, f in self.fields.items():
            if f == fld:
                return h
        return label(self.kind, fld)


def _importable(kind: str):
    from tracker.io.headers import importable

    return importable(kind)


# --------------------------------------------------------------------------- the run

class _Run:
    def __init__(self, ctx: Context, conn, report: ImportReport, *, update: bool,
                 new_names: bool = False):
        self.ctx = ctx
        self.conn = conn
        self.report = report
        self.update = update
        self.batch = report.batch
        self.user = ctx.user
        self.today = ctx.today
        self.dialect = conn.dialect.name
        self.now = history.now()
        self._deadline_cache: dict[tuple, tuple] = {}
        self._independent: dict[str, bool] = {}
        self.explicit_tables: set = set()
        self.set_aside: dict[str, str] = {}  # task indexes dropped for a bulk load: name -> DDL
        self._current_table = None
        self._unit_cache: dict[str, tuple] = {}
        self.bulk = _Bulk(conn)
        # problems raised so far, reported or not; while ``probe`` is a list, problems are
        # put there instead of reported (``_TaskImport.prepare_batch`` trying a cell's values)
        self.seen = 0
        self.probe: list | None = None
        self.load_units()
        self.load_directives()
        # the issuer and leader registers: a known name is stored in its register's spelling
        self.names = names_service.NameBook(conn, new_names=new_names)

    # ---- registers
    def load_units(self) -> None:
        rows = self.conn.execute(select(U.c.id, U.c.code, U.c.name, U.c.kind, U.c.aliases)).all()
        self.units = [UnitEntry(r.id, r.code, r.name, tuple(a for a in (r.aliases or "").split("|") if a))
                      for r in rows]
        self.unit_by_id = {u.id: u for u in self.units}
        self.unit_kinds = {r.id: r.kind for r in rows}  # what a group of units expands to
        self._unit_cache.clear()

    def load_directives(self) -> None:
        from tracker.services.directives import number_key

        self.number_key = number_key
        self.directives: dict[str, list[tuple[int, dt.date, str]]] = {}  # number_key -> [(id, date, issuer)]
        self.directive_dates: dict[int, dt.date] = {}
        for r in self.conn.execute(select(D.c.id, D.c.number_key, D.c.issue_date, D.c.issuer)):
            self.directives.setdefault(r.number_key, []).append((r.id, r.issue_date, r.issuer))
            self.directive_dates[r.id] = r.issue_date

    # ---- helpers
    def problem(self, key: str, table, row: int | None, column: str = "", value: Any = "",
                expected: str = "", severity: str = "error", **extra) -> None:
        self.seen += 1
        if self.probe is not None:
            self.probe.append(key)
            return
        ref = table.cell_ref(column, row) if column else ""
        if ref:
            extra.setdefault("cell", ref)
        self.report.add(Problem(key, file=table.name, row=row, column=column, value=short(value),
                                expected=expected, severity=severity, extra=extra))

    def unit(self, text_: str) -> tuple[UnitEntry | None, str, str]:
        """(unit, problem key, suggestions) for a unit name as written."""
        hit = self._unit_cache.get(text_)
        if hit is None:
            m = match_unit(text_, self.units)
            # the rulebook's one verdict, in an import's words
            hit = (m.unit, _UNIT_VERDICT_KEYS[rules.unit_verdict(m)], rules.unit_suggestions(m))
            if len(self._unit_cache) < 100_000:
                self._unit_cache[text_] = hit
        return hit

    def names_its_date(self, words: str) -> bool:
        """Whether deadline words give their date whole — a year, nothing counted from the
        directive ("trong 10 ngày", "31/3") — so reading them needs no reference date."""
        hit = self._independent.get(words)
        if hit is None:
            hit = bool(_HAS_YEAR.search(words)) and not _RELATIVE.search(fold(words))
            if len(self._independent) < 200_000:
                self._independent[words] = hit
        return hit

    def deadline(self, words: str, ref: dt.date | None):
        """(DeadlineValue, warnings) — the one deadline reader, remembered per words (and per
        reference date for words that count from it: relative periods, dates without a year)."""
        key = (words, None if self.names_its_date(words) else ref)
        hit = self._deadline_cache.get(key)
        if hit is None:
            from tracker.services.errors import TrackerError
            from tracker.services.tasks import read_deadline

            before = len(self.ctx.warnings)
            try:
                value = read_deadline(self.ctx, words, ref)
                hit = (value, self.ctx.warnings[before:], None)
            except TrackerError as exc:
                hit = (None, [], exc.fields.get("reason") or exc.message())
            del self.ctx.warnings[before:]
            if len(self._deadline_cache) < 200_000:
                self._deadline_cache[key] = hit
        return hit

    def history_rows(self, entity: str, entity_id: int, action: str, changes: dict | list) -> list[dict]:
        """History rows of one change: ``changes`` maps field -> (old, new), or is a list of
        (field, (old, new)) where a field has several rows (as ``history.record_changes``)."""
        pairs = changes.items() if isinstance(changes, dict) else changes
        return [dict(entity=entity, entity_id=entity_id, action=action, field=f,
                     old=history._text(o), new=history._text(n), at=self.now, by=self.user,
                     batch=self.batch) for f, (o, n) in pairs]

    def free_id(self, raw, taken) -> int | None:
        """The file's id for a new unit/directive when it is a free positive integer."""
        if raw in (None, ""):
            return None
        try:
            value = int(str(raw).strip())
        except ValueError:
            return None
        if value <= 0 or value in taken:
            return None
        taken.add(value)
        self.explicit_tables.add(self._current_table)
        return value

    def set_aside_task_indexes(self) -> None:
        """Drop the task table's secondary indexes inside the run's transaction (a rollback
        brings them back); ``restore_task_indexes`` builds them again before the commit."""
        if self.dialect == "sqlite":
            # the driver opens its transaction at the first INSERT/UPDATE/DELETE, and would
            # run a DROP before that on its own: open it now, so a rollback undoes the drop
            if not self.conn.connection.driver_connection.in_transaction:
                self.conn.exec_driver_sql("BEGIN")
            rows = self.conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' "
                "AND sql IS NOT NULL ORDER BY name")).all()
        else:
            rows = self.conn.execute(text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'task' "
                "AND schemaname = current_schema() AND indexdef NOT LIKE :unique "
                "ORDER BY indexname"), {"unique": "CREATE UNIQUE%"}).all()
        for name, ddl in rows:
            if name in KEPT_INDEXES or name in self.set_aside:
                continue
            self.conn.exec_driver_sql(f"DROP INDEX {self.conn.dialect.identifier_preparer.quote(name)}")
            self.set_aside[name] = ddl

    def restore_task_indexes(self) -> None:
        if not self.set_aside:
            return
        sqlite = self.dialect == "sqlite"
        if sqlite:
            # the rows are in and the reader process is done: SQLite's sorter may use the
            # second core, sorting runs of SORT_RUN_KIB each in worker threads and merging
            # them (at a million rows 1.65 s for the two deadline indexes, against 2.9-3.2 s
            # sorting all of it in the page cache's 64 MB on one core)
            self.conn.exec_driver_sql("PRAGMA threads=2")
            self.conn.exec_driver_sql(f"PRAGMA cache_size=-{SORT_RUN_KIB}")
        try:
            for ddl in self.set_aside.values():
                self.conn.exec_driver_sql(ddl)
        finally:
            if sqlite:
                self.conn.exec_driver_sql("PRAGMA threads=0")
                self.conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
        self.set_aside.clear()

    def next_id(self, table) -> int:
        return int(self.conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar()) + 1

    def fix_sequence(self, table) -> None:
        """PostgreSQL: after inserting explicit ids, move the id sequence past them."""
        if self.dialect != "postgresql":
            return
        name = table.name
        self.conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"))

    # ================================================================= units
    def import_units(self, table, cols: _Columns, rep: FileReport, progress) -> None:
        by_code = {fold(u.code): u.id for u in self.units}
        by_name = {fold(u.name): u.id for u in self.units}
        known = {u.id: u for u in self.units}  # as this run leaves them, for the names rule
        rows = {r.id: r for r in self.conn.execute(select(U)).all()}
        taken_ids = set(rows)
        seen: dict[str, int] = {}
        for number, raw in table.rows():
            cols.refresh(number)
            rep.rows += 1
            v = cols.pick(raw)
            before = self.report.error_count
            name = clean(v.get("name"))
            code = clean(v.get("code"))
            if not name:
                self.problem("import.required", table, number, cols.header("name"), "",
                             label("units", "name"))
            kind_raw = clean(v.get("kind"))
            kind = _KIND_OF.get(fold(kind_raw)) if kind_raw else None
            if kind_raw and kind is None:
                self.problem("import.bad_unit_kind", table, number, cols.header("kind"), kind_raw,
                             "Phòng chuyên môn, Đơn vị sự nghiệp, UBND phường, Cơ quan khác")
            if kind is None:
                kind = "ward" if fold(name).startswith(("phuong ", "ubnd phuong", "xa ")) else "department"
            aliases = [clean(a) for a in split_list(v.get("aliases"))] if "aliases" in cols.present else None
            active = True
            if "active" in cols.present and v.get("active") not in (None, ""):
                a = fold(cell_text(v.get("active")))
                if a in _TRUE:
                    active = True
                elif a in _FALSE:
                    active = False
                else:
                    self.problem("import.bad_bool", table, number, cols.header("active"), a, "1 / 0")
            ident = fold(code) if code else fold(name)
            if ident in seen:
                self.problem("import.duplicate_row", table, number, cols.header("code" if code else "name"),
                             code or name, str(seen[ident]), first=seen[ident])
            elif ident:
                seen[ident] = number
            if self.report.error_count > before:
                rep.rejected += 1
                continue
            uid = by_code.get(fold(code)) if code else by_name.get(fold(name))
            old_names = () if uid is None else (known[uid].name, *known[uid].aliases)
            new_names = [code if uid is None else "", name, *(aliases or ())]
            clash = units_service.name_clash(known.values(), uid, [x for x in new_names if x not in old_names])
            if clash is not None:
                column = "aliases" if clash.text in (aliases or ()) and clash.text not in (code, name) else (
                    "code" if clash.text == code else "name")
                fields = clash.fields()
                self.problem("import.unit_name_taken", table, number, cols.header(column), clash.text, "",
                             what=fields["what"], owner=f"{fields['code']} ({fields['name']})")
                rep.rejected += 1
                continue
            if uid is None:
                if not code:
                    code = _make_code(name, set(by_code))
                values = dict(code=code, name=name, name_folded=fold(name), kind=kind,
                              aliases="|".join(aliases or ()),
                              aliases_folded="|".join(fold(a) for a in aliases or ()),
                              active=active, created_at=self.now)
                self._current_table = U
                given = self.free_id(v.get("id"), taken_ids)
                if given:
                    values["id"] = given
                uid = self.conn.execute(insert(U).values(**values)).inserted_primary_key[0]
                self.conn.execute(insert(H).values(self.history_rows("unit", uid, "create", {"": (None, f"{code} {name}")})))
                by_code[fold(code)] = uid
                by_name[fold(name)] = uid
                known[uid] = UnitEntry(uid, code, name, tuple(aliases or ()))
                rep.added += 1
                continue
            old = rows[uid]
            changes, values = {}, {}
            if name and name != old.name:
                values.update(name=name, name_folded=fold(name))
                changes["name"] = (old.name, name)
            if "kind" in cols.present and kind_raw and kind != old.kind:
                values["kind"] = kind
                changes["kind"] = (old.kind, kind)
            if aliases is not None:
                joined = "|".join(aliases)
                if joined != (old.aliases or ""):
                    values.update(aliases=joined, aliases_folded="|".join(fold(a) for a in aliases))
                    changes["aliases"] = (old.aliases, joined)
            if "active" in cols.present and v.get("active") not in (None, "") and active != bool(old.active):
                values["active"] = active
                changes["active"] = (bool(old.active), active)
            known[uid] = UnitEntry(uid, old.code, values.get("name", old.name),
                                   tuple(aliases) if aliases is not None else known[uid].aliases)
            self._apply(rep, "unit", U, uid, values, changes, table, number)
        if U in self.explicit_tables:
            self.fix_sequence(U)
        self.load_units()

    def _apply(self, rep: FileReport, entity: str, tbl, rid: int, values: dict, changes: dict,
               table, number: int, *, versioned: bool = False) -> None:
        if not changes:
            rep.unchanged += 1
            return
        if not self.update:
            rep.skipped += 1
            if rep.skipped <= 20:
                self.problem("import.differs", table, number, ", ".join(changes), "", "--update",
                             severity="warning")
            return
        if versioned:
            values = dict(values, version=tbl.c.version + 1, updated_at=self.now)
        if values:
            self.conn.execute(update(tbl).where(tbl.c.id == rid).values(**values))
        self.conn.execute(insert(H), self.history_rows(entity, rid, "import", changes))
        rep.updated += 1

    # ================================================================= directives
    def find_directive(self, number: str, date: dt.date | None, issuer: str) -> tuple[int | None, str]:
        """(id, '') or (None, problem key) for a directive reference."""
        cands = self.directives.get(self.number_key(number), [])
        if date is not None:
            cands = [c for c in cands if c[1] == date]
        if issuer and len(cands) > 1:
            fi = fold(issuer)
            cands = [c for c in cands if fold(c[2]) == fi] or cands
        if len(cands) == 1:
            return cands[0][0], ""
        if not cands:
            return None, "import.unknown_directive"
        return None, "import.ambiguous_directive"

    def directive_suggestions(self, number: str) -> str:
        key = self.number_key(number)
        near = [k for k in self.directives if key[:4] and k.startswith(key[:4])][:5]
        out = []
        for k in near:
            for did, d, issuer in self.directives[k]:
                out.append(f"{k}@{format_date(d)} ({issuer})")
        return ", ".join(out[:5]) or "-"

    def add_directive(self, number: str, type_code: str, issuer: str, date: dt.date, title: str,
                      signer: str = "", notes: str = "", given_id: int | None = None) -> int:
        values = dict(number=number, number_key=self.number_key(number), type_code=type_code,
                      issuer=issuer, issue_date=date, title=title, title_folded=fold(title),
                      signer=signer, parent_id=None, notes=notes, created_at=self.now,
                      updated_at=self.now, version=1)
        if given_id:
            values["id"] = given_id
        did = self.conn.execute(insert(D).values(**values)).inserted_primary_key[0]
        self.conn.execute(insert(H).values(self.history_rows(
            "directive", did, "create", {"": (None, f"{number} {format_date(date)}")})))
        self.directives.setdefault(values["number_key"], []).append((did, date, issuer))
        self.directive_dates[did] = date
        return did

    def _register_notes(self, v: dict, notes: str, table, number_row: int, cols) -> str:
        """What an e-office register says of an incoming document that the store has no
        column for — its number and day of arrival, who handles it, the deadline for handling
        it (read by the deadline parser, counted from the day it arrived) — in its notes."""
        from tracker.domain.deadlines import DeadlineError, parse_deadline
        from tracker.i18n import _ as say

        parts = []
        received = None
        try:
            received = cell_date(v.get("received_date"))
        except DateError as exc:
            self.problem("import.bad_date", table, number_row, cols.header("received_date"),
                         v.get("received_date"), "dd/mm/yyyy", reason=exc.reason)
        if clean(v.get("received_no")) or received:
            parts.append(say("import.register.received", number=clean(v.get("received_no")) or "-",
                             date=format_date(received) if received else "-"))
        if clean(v.get("recipient")):
            parts.append(say("import.register.recipient", who=clean(v.get("recipient"))))
        due = v.get("due")
        if isinstance(due, (dt.date, dt.datetime)):
            due = format_date(due if isinstance(due, dt.date) and not isinstance(due, dt.datetime) else due.date())
        due = clean(due)
        if due:
            try:
                d = parse_deadline(due, ref_date=received or self.today)
                when = format_date(d.date) if d.date else due
                parts.append(say("import.register.due", words=due, date=when))
            except DeadlineError as exc:
                self.problem("import.bad_deadline", table, number_row, cols.header("due"), due,
                             say(exc.reason))
        return "\n".join(p for p in (notes, *parts) if p)

    def import_directives(self, table, cols: _Columns, rep: FileReport, progress) -> None:
        from tracker.domain.docnumbers import DocNumberError, parse_number

        old_rows = {r.id: r for r in self.conn.execute(select(D)).all()}
        taken_ids = set(old_rows)
        seen: dict[tuple, int] = {}
        parents: list[tuple[int, str, int]] = []  # (directive id, parent ref, row)
        for number_row, raw in table.rows():
            cols.refresh(number_row)
            rep.rows += 1
            v = cols.pick(raw)
            before = self.report.error_count
            number = clean(v.get("number"))
            issuer = self.names.read(names_service.ISSUER, clean(v.get("issuer")), lambda key, closest: self.problem(
                key, table, number_row, cols.header("issuer"), v.get("issuer"), closest))
            title = clean(v.get("title"))
            signer = clean(v.get("signer"))
            notes = clean(v.get("notes"))
            if any(f in cols.present for f in REGISTER_FIELDS):  # an e-office register
                notes = self._register_notes(v, notes, table, number_row, cols)
            date = None
            for fld, value in (("number", number), ("issuer", issuer)):
                if not value:
                    self.problem("import.required", table, number_row, cols.header(fld), "",
                                 label("directives", fld))
            for fld, value in (("issuer", issuer), ("signer", signer)):
                if len(value) > SHORT_TEXT:
                    self.problem("import.too_long", table, number_row, cols.header(fld), value,
                                 str(SHORT_TEXT))
            try:
                date = cell_date(v.get("date"))
                if date is None:
                    self.problem("import.required", table, number_row, cols.header("date"), "",
                                 label("directives", "date"))
            except DateError as exc:
                self.problem("import.bad_date", table, number_row, cols.header("date"),
                             v.get("date"), "dd/mm/yyyy", reason=exc.reason)
            type_raw = clean(v.get("type"))
            type_code = _type_code(type_raw) if type_raw else None
            if type_raw and type_code is None:
                self.problem("import.bad_doc_type", table, number_row, cols.header("type"), type_raw,
                             "NQ, KL, CT, QĐ, KH, CTr, TB, Công văn…")
            if type_code is None and number:
                try:
                    type_code = parse_number(number).type_code or ""
                except (DocNumberError, ValueError):
                    type_code = ""
            if date and date > self.today:
                self.problem("import.date_in_future", table, number_row, cols.header("date"),
                             format_date(date), format_date(self.today), severity="warning")
            ident = (self.number_key(number), fold(issuer), date)
            if number and date and ident in seen:
                self.problem("import.duplicate_row", table, number_row, cols.header("number"), number,
                             str(seen[ident]), first=seen[ident])
            elif number and date:
                seen[ident] = number_row
            if self.report.error_count > before:
                rep.rejected += 1
                continue
            parent_ref = clean(v.get("parent"))
            did = None
            for cand_id, cand_date, cand_issuer in self.directives.get(ident[0], []):
                if cand_date == date and fold(cand_issuer) == ident[1]:
                    did = cand_id
            if did is None:
                self._current_table = D
                did = self.add_directive(number, type_code or "", issuer, date, title, signer, notes,
                                         given_id=self.free_id(v.get("id"), taken_ids))
                rep.added += 1
                if parent_ref:
                    parents.append((did, parent_ref, number_row))
                continue
            old = old_rows.get(did)
            if old is None:  # added earlier in this run
                self.problem("import.duplicate_row", table, number_row, cols.header("number"), number, "")
                rep.rejected += 1
                continue
            values, changes = {}, {}
            for fld, col, value in (("title", "title", title), ("signer", "signer", signer),
                                    ("notes", "notes", notes), ("type", "type_code", type_code)):
                if fld in cols.present and value is not None and value != getattr(old, col):
                    if fld == "type" and not type_raw:
                        continue
                    values[col] = value
                    changes[col] = (getattr(old, col), value)
            if "title" in values:
                values["title_folded"] = fold(values["title"])
            if number != old.number:
                values.update(number=number)
                changes["number"] = (old.number, number)
            if parent_ref:
                parents.append((did, parent_ref, number_row))
            self._apply(rep, "directive", D, did, values, changes, table, number_row, versioned=True)
        if D in self.explicit_tables:
            self.fix_sequence(D)
        # parents may come later in the file than their children: resolve them last
        for did, ref, row in parents:
            pid = self._resolve_ref(ref)
            if pid is None:
                self.problem("import.unknown_parent", table, row, cols.header("parent"), ref,
                             self.directive_suggestions(ref.split("@")[0]))
                continue
            if pid == did:
                self.problem("import.self_parent", table, row, cols.header("parent"), ref, "")
                continue
            current = self.conn.execute(select(D.c.parent_id).where(D.c.id == did)).scalar()
            if current != pid:
                if current is not None and not self.update:
                    continue
                self.conn.execute(update(D).where(D.c.id == did).values(parent_id=pid))
                if current is not None:
                    self.conn.execute(insert(H), self.history_rows("directive", did, "import",
                                                                   {"parent": (current, pid)}))

    def _resolve_ref(self, ref: str) -> int | None:
        number, date = ref, None
        if "@" in ref:
            number, _, date_text = ref.rpartition("@")
            try:
                date = parse_date(date_text)
            except DateError:
                return None
        did, _key = self.find_directive(number.strip(), date, "")
        return did

    # ================================================================= tasks
    def import_tasks(self, table, cols: _Columns, rep: FileReport, progress) -> None:
        _TaskImport(self, table, cols, rep, progress).run()


def _make_code(name: str, taken: set[str]) -> str:
    words = [w for w in re.split(r"[^0-9a-z]+", fold(name)) if w]
    base = "".join(w[0] for w in words).upper() or "DV"
    code, n = base, 2
    while fold(code) in taken:
        code = f"{base}{n}"
        n += 1
    taken.add(fold(code))
    return code


# --------------------------------------------------------------------------- tasks

_TASK_INSERT = ("id", "directive_id", "ext_key", "content", "content_folded", "lead_unit_id", "leader",
                "work_group", "deadline", "deadline_text", "deadline_kind", "deadline_effective",
                "original_deadline", "original_deadline_text", "status", "done_on", "proof",
                "cancel_reason", "notes", "created_at", "updated_at", "version")


def in_values(column, values: list, dialect: str):
    """``column IN (values)`` as one bound parameter — a JSON array read by ``json_each`` in
    SQLite, an array in PostgreSQL — so the statement compiles once for every batch (an
    expanded IN of 2000 values is rendered and compiled again each time)."""
    from sqlalchemy import literal, literal_column

    if dialect == "sqlite":
        import json

        return column.in_(select(literal_column("value")).select_from(
            func.json_each(literal(json.dumps(values)))))
    from sqlalchemy.dialects.postgresql import ARRAY

    return column == func.any(literal(list(values), ARRAY(column.type)))


class _Bulk:
    """Many rows into one table inside the run's transaction: SQLite through the driver's
    executemany with plain tuples (SQLAlchemy's per-row processing skipped; dates as the ISO
    text SQLAlchemy itself writes there), PostgreSQL through COPY (psycopg), several times
    faster than row-by-row inserts there."""

    def __init__(self, conn):
        self.conn = conn
        self.dialect = conn.dialect
        self.sqlite = conn.dialect.name == "sqlite"
        self.mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self._sql: dict[tuple, str] = {}
        if self.sqlite:
            days: dict = {None: None}

            def day(d):
                # the same few thousand dates over and over: one text object each (which
                # also keeps them small on their way from the reader process)
                out = days.get(d, days)
                if out is days:
                    out = days[d] = d.isoformat()
                return out

            self.day = day
            self.stamp = lambda t: t.strftime("%Y-%m-%d %H:%M:%S.%f") if t is not None else None
        else:
            self.day = lambda d: d
            self.stamp = lambda t: t

    def insert(self, table, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if self.dialect.name == "postgresql":
            self._copy(table, columns, rows)
            return
        key = (table.name, columns)
        sql = self._sql.get(key)
        if sql is None:
            quote = self.dialect.identifier_preparer.quote
            sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
                   f"VALUES ({', '.join([self.mark] * len(columns))})")
            self._sql[key] = sql
        self.conn.exec_driver_sql(sql, rows)

    def lookup(self, column: str, values: list) -> list:
        """(id, ext_key) of the tasks whose ``column`` is one of ``values``."""
        return self.conn.execute(select(T.c.id, T.c.ext_key)
                                 .where(in_values(T.c[column], values, self.dialect.name))).all()

    def history_of_new_tasks(self, ids: list[int], source: str, at, by: str, batch: str) -> None:
        """One "create" history row per task of ``ids`` (just inserted), made by one
        INSERT … SELECT per run of consecutive ids — no row crosses from Python."""
        if not ids:
            return
        ids = sorted(ids)
        spans, lo, prev = [], ids[0], ids[0]
        for i in ids[1:]:
            if i != prev + 1:
                spans.append((lo, prev))
                lo = i
            prev = i
        spans.append((lo, prev))
        m = self.mark
        by_ = self.dialect.identifier_preparer.quote("by")
        sql = (f"INSERT INTO history (entity, entity_id, action, field, old, new, at, {by_}, batch) "
               f"SELECT 'task', id, 'create', '', NULL, {m}, {m}, {m}, {m} FROM task "
               f"WHERE id BETWEEN {m} AND {m} ORDER BY id")
        self.conn.exec_driver_sql(sql, [(source, at, by, batch, a, b) for a, b in spans])

    def _copy(self, table, columns: tuple[str, ...], rows: list[tuple]) -> None:
        quote = self.dialect.identifier_preparer.quote
        sql = f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        raw = self.conn.connection.driver_connection  # psycopg, in the run's transaction
        with raw.cursor() as cur:
            with cur.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)


# a task's stored column -> the field its change is recorded under (edit_task's words)
_HISTORY_FIELD = history.FIELD_OF_COLUMN
# a history field -> the import field (file column) it comes from, where the names differ
_FILE_FIELD = {"extension": "extensions", "note": "progress"}
_UNMEMOISED = frozenset({"extensions", "original_deadline", "original_deadline_text"})
_TASK_COLUMNS = tuple(T.c.keys())  # a stored task row's values in order (select(T))
# a checked row on its way to the writer (``_TaskImport.pack``)
R_NUMBER, R_ID, R_KEY, R_DID, R_CONTENT, R_TASK, R_SUPPORT, R_EXTS, R_NOTES, R_VALUES, R_FOLDED = range(11)
_SLOW = object()  # prepare_batch: a row part that had a problem (the row goes through prepare)
_IN_ORDER = "in order"  # … or that changes the store, so must happen at its row's turn (not remembered)
_WAIT = object()  # _part: such a part, where its caller lets it say so (may_wait)


class _TaskImport:
    def __init__(self, run: _Run, table, cols: _Columns, rep: FileReport, progress):
        self.run_ = run
        self.conn = run.conn
        self.table = table
        self.cols = cols
        self.rep = rep
        self.progress = progress
        self.present = cols.present
        # a sheet without content, directive or lead unit that names tasks by id or key:
        # each row updates the task it names with the cells it fills, and adds none
        self.update_only = cols.update_only
        self.base_id = run.next_id(T)
        self.next_id = self.base_id
        self.store_had_tasks = self.base_id > 1
        self.rows_of_new = array("q")  # source row of each id from base_id on (auto ids)
        self.explicit_ids = bytearray()  # bitmap of ids given by the file and inserted
        self.by_content: dict[int, dict[int, int]] = {}  # directive -> hash(content) -> id
        self.pending: list[tuple[int, dict]] = []
        self.group_phrases: dict[str, list[int]] = {}
        self.used_explicit = False
        self._compare_memo: dict[tuple, list[str]] = {}  # _compared
        self.matched_rows: array | None = None  # stored id -> the row that matched it
        self.directive_cache: dict[tuple, tuple] = {}
        self.status_cache: dict[str, str] = {}
        self.support_cache: dict[str, list[str]] = {}
        self._dates: dict[str, dt.date | None] = {}
        self._deadline_memo: dict[tuple, dict] = {}
        self._notes_memo: dict[str, list] = {}
        # prepare_batch: a row part's cells -> its value ready for the driver, or _SLOW
        self._memos: dict[str, dict] = {name: {} for name in (
            "directive", "lead", "support", "own_date", "deadline", "completion", "progress", "short",
            "leader")}
        self._now = run.bulk.stamp(run.now)
        self._today = run.bulk.day(run.today)
        self.source = "-" if table.name == "-" else os.path.basename(str(table.name))

    def date(self, raw) -> dt.date | None:
        """``cell_date`` remembered per text (dates repeat a lot)."""
        if type(raw) is not str:
            return cell_date(raw)
        hit = self._dates.get(raw, False)
        if hit is False:
            hit = cell_date(raw)
            if len(self._dates) < 50_000:
                self._dates[raw] = hit
        return hit

    # ---- reading one row into values for the store
    def prepare(self, number: int, v: dict[str, Any]) -> dict | None:
        """One row's values for the store, or None (its problems reported).  Its parts — the
        directive, the lead unit, the supporting units, the deadline, the completion — each
        come from a method of their own cells, which ``prepare_batch`` also calls (once per
        distinct set of cells): the rules live there, once."""
        if self.update_only:
            return self._prepare_update(number, v)
        run = self.run_
        report = run.report
        before = report.error_count
        get = v.get
        has = self.present
        content = clean(get("content"))
        for p in rules.check_content(content):
            self._problem(_RULE_KEYS[p.key], number, "content", "", label("tasks", "content")
                          if p.key == "task.content_required" else str(rules.CONTENT_MAX))
        did, ddate = self._directive(number, get("directive"),
                                     get("directive_date") if "directive_date" in has else None,
                                     get("directive_issuer") if "directive_issuer" in has else None,
                                     get("directive_title"))
        lead_id = self._lead(number, get("lead"))
        support = self._support(number, get("support"), lead_id) if "support" in has else None
        # deadline: the words as written, or a date
        dl = self._deadline(number, v, ddate)
        notes = clean(get("notes")) if "notes" in has else None
        status, done_on, cancel_reason = self._completion(
            number, get("status") if "status" in has else None, get("done_on") if "done_on" in has else None,
            get("cancel_reason") if "cancel_reason" in has else None, notes, report.error_count == before)
        self._done_before_directive(number, done_on, ddate)
        # identity columns
        tid = None
        if "id" in has:
            raw = get("id")
            if raw not in (None, ""):
                tid = _task_id(raw)
                if tid is None:
                    self._problem("import.bad_id", number, "id", raw, "1, 2, 3…")
        ext_key = (self._short_text(number, "key", get("key")) or None) if "key" in has else None
        leader = self._leader(number, get("leader")) if "leader" in has else None
        group = self._short_text(number, "group", get("group")) if "group" in has else None
        progress = self._progress(number, get("progress")) if "progress" in has else None
        if report.error_count > before or dl is None:
            return None
        return self._values(did, ext_key, content, lead_id, status, done_on, cancel_reason, tid, support,
                            progress, dl, leader, group, clean(get("proof")) if "proof" in has else None, notes)

    def _prepare_update(self, number: int, v: dict[str, Any]) -> dict | None:
        """A row of an update sheet (``update_only``): the task it names by id or key, and the
        values of the cells it fills — a blank cell leaves the task's value as it is (a
        department reports what moved).  The same part methods as ``prepare`` read them."""
        report = self.run_.report
        before = report.error_count
        get, has = v.get, self.present

        def filled(*fields: str) -> bool:
            return any(f in has and get(f) not in (None, "", []) and clean(get(f)) != "" for f in fields)

        tid = None
        if filled("id"):
            tid = _task_id(get("id"))
            if tid is None:
                self._problem("import.bad_id", number, "id", get("id"), "1, 2, 3…")
        ext_key = (self._short_text(number, "key", get("key")) or None) if "key" in has else None
        if tid is None and not ext_key and report.error_count == before:
            fld = "id" if "id" in has else "key"
            self._problem("import.update_needs_id", number, fld, "", self.cols.header(fld))
        out: dict[str, Any] = {"_id": tid, "ext_key": ext_key, "_support": None, "_progress": None,
                               "_extensions": None}
        ddate = None
        if filled("content"):
            out["content"] = clean(get("content"))
        if filled("directive"):
            out["directive_id"], ddate = self._directive(
                number, get("directive"), get("directive_date") if "directive_date" in has else None,
                get("directive_issuer") if "directive_issuer" in has else None, get("directive_title"))
        if filled("lead"):
            out["lead_unit_id"] = self._lead(number, get("lead"))
        if filled("support"):
            out["_support"] = self._support(number, get("support"), out.get("lead_unit_id"))
        if filled("deadline", "deadline_text", "original_deadline", "original_deadline_text", "extensions"):
            dl = self._deadline(number, v, ddate)
            if dl is not None:
                dl = dict(dl)
                out["_extensions"] = dl.pop("extensions", None)
                out.update(dl)
        if filled("status", "done_on", "cancel_reason"):
            out["status"], out["done_on"], out["cancel_reason"] = self._completion(
                number, get("status") if "status" in has else None, get("done_on") if "done_on" in has else None,
                get("cancel_reason") if "cancel_reason" in has else None,
                clean(get("notes")) if "notes" in has else None, report.error_count == before)
        if filled("leader"):
            out["leader"] = self._leader(number, get("leader"))
        if filled("group"):
            out["work_group"] = self._short_text(number, "group", get("group"))
        for fld in ("proof", "notes"):
            if filled(fld):
                out[fld] = clean(get(fld))
        if filled("progress"):
            out["_progress"] = self._progress(number, get("progress"))
        return None if report.error_count > before else out

    @staticmethod
    def _values(did, ext_key, content, lead_id, status, done_on, cancel_reason, tid, support, progress,
                dl: dict, leader, group, proof, notes) -> dict:
        """A checked row's values, as ``prepare`` answers (None: the file has no such column)."""
        row = {
            "directive_id": did, "ext_key": ext_key, "content": content,
            "lead_unit_id": lead_id,
            "status": status, "done_on": done_on, "cancel_reason": cancel_reason,
            "_id": tid, "_support": support, "_progress": progress,
            "_extensions": dl.get("extensions"),
        }
        if dl:
            row.update(dl)
            row.pop("extensions", None)
        if leader is not None:
            row["leader"] = leader
        if group is not None:
            row["work_group"] = group
        if proof is not None:
            row["proof"] = proof
        if notes is not None:
            row["notes"] = notes
        return row

    def _directive(self, number: int, number_raw, date_raw, issuer_raw, title_raw) -> tuple:
        """(directive id, its date) of a row's directive cells (number, and date and issuer
        when the sheet has them) — a directive the store lacks is made when the row gives
        its date and issuer."""
        run = self.run_
        did = ddate = None
        number_text = clean(number_raw)
        issuer = run.names.read(names_service.ISSUER, clean(issuer_raw), lambda key, closest: self._problem(
            key, number, "directive_issuer", issuer_raw, closest))
        dir_date = None
        if date_raw not in (None, ""):
            try:
                dir_date = self.date(date_raw)
            except DateError:
                self._problem("import.bad_date", number, "directive_date", date_raw, "dd/mm/yyyy")
        if not number_text:
            self._problem("import.required", number, "directive", "", label("tasks", "directive"))
            return None, None
        ref = (number_text, dir_date, issuer)
        hit = self.directive_cache.get(ref)
        if hit is None:
            hit = run.find_directive(number_text, dir_date, issuer)
            if hit[0] is not None:
                self.directive_cache[ref] = hit
        did, key = hit
        if did is None and key == "import.unknown_directive" and dir_date and issuer:
            if run.probe is not None:  # made when its row's turn comes: a row before it may not see it
                run.probe.append(_IN_ORDER)
                return None, None
            did = run.add_directive(number_text, _guess_type(number_text), issuer, dir_date, clean(title_raw))
            # what was found before may be ambiguous now (two directives of one number)
            self.directive_cache.clear()
            self._memos["directive"].clear()
            self.directive_cache[ref] = (did, "")
            self.rep.directives_added += 1
        elif did is None:
            self._problem(key, number, "directive", number_text, run.directive_suggestions(number_text))
        if did is not None:
            ddate = run.directive_dates[did]
        return did, ddate

    def _short_text(self, number: int, fld: str, raw) -> str:
        """A cell of a short text column (key, leader, group): at most ``SHORT_TEXT`` long."""
        value = clean(raw)
        if len(value) > SHORT_TEXT:
            self._problem("import.too_long", number, fld, value, str(SHORT_TEXT))
        return value

    def _leader(self, number: int, raw) -> str:
        """A leader's cell: at most ``SHORT_TEXT`` long, stored in the register's spelling
        (services.names; a likely misspelling is a problem unless ``--new-names``)."""
        value = self._short_text(number, "leader", raw)
        return self.run_.names.read(names_service.LEADER, value, lambda key, closest: self._problem(
            key, number, "leader", value, closest))

    def _lead(self, number: int, raw) -> int | None:
        lead_text = clean(raw)
        if not lead_text:
            self._problem("import.required", number, "lead", "", label("tasks", "lead"))
            return None
        unit, key, sugg = self.run_.unit(lead_text)
        if unit is None:
            self._problem(key, number, "lead", lead_text, sugg)
            return None
        return unit.id

    def _completion(self, number: int, status_raw, done_raw, cancel_raw, notes: str | None,
                    clean_so_far: bool) -> tuple[str, dt.date | None, str]:
        """(status, done on, cancel reason) of a row's status, completion date, cancel
        reason and notes cells; ``clean_so_far``: the row had no problem before these.  The
        date and the reason are kept only for a status they belong to."""
        run = self.run_
        errors = run.report.error_count
        status_raw = clean(status_raw)
        status = None
        if status_raw:
            status = self.status_cache.get(status_raw)
            if status is None:
                status = self.status_cache[status_raw] = _STATUS_WORDS.get(fold(status_raw), "")
            if not status:
                status = None
                self._problem("import.bad_status", number, "status", status_raw,
                              "Đang thực hiện / Đã hoàn thành / Không thực hiện (open / done / cancelled)")
        done_on = None
        if done_raw not in (None, ""):
            try:
                done_on = self.date(done_raw)
            except DateError:  # dd/mm/yy is read, with a warning (rules.read_date)
                done_on, said = rules.read_date(done_raw, "done_on") if type(done_raw) is str else (None, [])
                if done_on is None:
                    self._problem("import.bad_date", number, "done_on", done_raw, "dd/mm/yyyy")
                for p in said if done_on is not None else ():
                    run.problem("import.two_digit_year", self.table, number, self.cols.header("done_on"),
                                done_raw, str(done_on.year), severity="warning")
        if status is None:
            status = S.DONE if done_on else S.OPEN
        cancel_reason = clean(cancel_raw)
        if status == S.DONE:
            if done_on is None and clean_so_far and run.report.error_count == errors:
                self._problem("import.done_needs_date", number, "done_on", status_raw, label("tasks", "done_on"))
            elif done_on:  # the directive's date is the row's: prepare asks that part
                for p in rules.check_completion(done_on, status=None, directive_date=None, today=run.today):
                    self._problem(_RULE_KEYS[p.key], number, "done_on", format_date(done_on),
                                  format_date(run.today))
        elif done_on is not None:
            self._problem("import.status_conflict", number, "status", status_raw or status,
                          label("tasks", "done_on"))
        if status == S.CANCELLED and not cancel_reason:
            cancel_reason = notes or ""
            if not cancel_reason:
                self._problem("import.cancel_needs_reason", number, "status", status_raw,
                              label("tasks", "cancel_reason"))
        return (status, done_on if status == S.DONE else None,
                cancel_reason if status == S.CANCELLED else "")

    def _done_before(self, done_on: dt.date | None, ddate: dt.date | None) -> bool:
        """Whether a row is done before its directive was issued (``rules.check_completion``)."""
        return done_on is not None and ddate is not None and any(
            p.key == "task.done_before_directive"
            for p in rules.check_completion(done_on, status=None, directive_date=ddate, today=self.run_.today))

    def _done_before_directive(self, number: int, done_on: dt.date | None, ddate: dt.date | None) -> None:
        if self._done_before(done_on, ddate):
            self._problem("import.done_before_directive", number, "done_on", format_date(done_on),
                          format_date(ddate))

    def _progress(self, number: int, raw) -> list | None:
        """Progress notes of a cell (dated report lines recur across tasks: remembered)."""
        if raw in (None, "", []):
            return None
        try:
            if type(raw) is str:
                progress = self._notes_memo.get(raw)
                if progress is None:
                    progress = _progress_items(raw)
                    if len(self._notes_memo) < 20_000:
                        self._notes_memo[raw] = progress
                return progress
            return _progress_items(raw)
        except (DateError, ValueError, TypeError):
            self._problem("import.bad_progress", number, "progress", raw, "dd/mm/yyyy: …")
            return None

    def _problem(self, key: str, number: int, fld: str, value: Any, expected: str) -> None:
        self.run_.problem(key, self.table, number, self.cols.header(fld), value, expected)

    def _support(self, number: int, raw, lead_id: int | None) -> list[int]:
        """Supporting units' ids from a cell (or a JSON list), without the lead unit."""
        if raw in (None, "", []):
            return []
        run = self.run_
        items = self.support_cache.get(raw) if type(raw) is str else None
        if items is None:
            if isinstance(raw, (list, tuple)):
                items = [clean(n) for n in raw if clean(n)]
            else:
                items = [clean(n) for n in split_units(cell_text(raw))]
            if type(raw) is str and len(self.support_cache) < 50_000:
                self.support_cache[raw] = items
        support: list[int] = []
        for name in items:
            unit, key, sugg = run.unit(name)
            if unit is None and key == "import.group_unit":
                members = rules.group_members(group_of(name), run.unit_kinds)
                if members is not None:  # UBND các phường: every ward (rules.group_members)
                    for w in members:
                        if w != lead_id and w not in support:
                            support.append(w)
                elif run.probe is not None:  # counted per row: not for remembering
                    run.probe.append("import.group_support_ignored")
                else:
                    self.group_phrases.setdefault(name, []).append(number)
                continue
            if unit is None:
                self._problem(key, number, "support", name, sugg)
            elif unit.id != lead_id and unit.id not in support:
                support.append(unit.id)
        return support

    def _deadline(self, number: int, v: dict, ddate: dt.date | None) -> dict | None:
        """The deadline columns' values for the store (None: a problem was reported),
        remembered when the row has no extensions or original deadline and reading it raised
        no problem — most rows of a sheet repeat a few hundred deadlines.  Words that name
        their own date ("trước 31/3/2021") are remembered once; words counted from the
        directive ("trong 10 ngày", "31/3") once per directive date."""
        if not self.present.isdisjoint(_UNMEMOISED):
            return self._deadline_of(number, v, ddate)
        memo = self._deadline_memo
        try:
            cells = (v.get("deadline"), v.get("deadline_text"))
            hit = memo.get(cells)
            if hit is None:
                hit = memo.get((cells, ddate))
        except TypeError:  # a JSON list or object in a deadline cell
            return self._deadline_of(number, v, ddate)
        if hit is not None:
            # "before the directive" is a warning of this row's own: read it out in full
            if not _deadline_said(hit.get("deadline"), ddate):
                return dict(hit)
        run = self.run_
        before = run.seen
        out = self._deadline_of(number, v, ddate)
        if out is not None and run.seen == before and len(memo) < 200_000:
            memo[cells if self._names_their_date(cells) else (cells, ddate)] = dict(out)
        return out

    def _names_their_date(self, cells: tuple) -> bool:
        """Whether the deadline cells give a date without counting from the directive."""
        for cell in cells:
            if cell in (None, "") or isinstance(cell, dt.date):
                continue
            if type(cell) is not str or not self.run_.names_its_date(cell):
                return False
        return True

    def _deadline_of(self, number: int, v: dict, ddate: dt.date | None) -> dict | None:
        run = self.run_
        table, cols = self.table, self.cols
        out: dict[str, Any] = {}
        present = self.present
        if not ({"deadline", "deadline_text", "original_deadline", "extensions"} & present):
            return out
        words = clean(v.get("deadline_text")) if "deadline_text" in present else ""
        words_field = "deadline_text" if "deadline_text" in present else "deadline"
        raw = v.get("deadline")
        date_given = None
        if raw not in (None, ""):
            if isinstance(raw, (dt.date, dt.datetime)):
                date_given = cell_date(raw)
            elif words:  # both: the date column is a date (an export's); words are the words …
                try:
                    date_given = cell_date(raw)
                except DateError:  # … unless the clerk wrote words in it: then they are the deadline
                    words, words_field = clean(raw), "deadline"
            else:
                words = clean(raw)
        if date_given is not None and not words:
            words = format_date(date_given)
        value = None
        if words:
            def column():
                return cols.header(words_field)

            value, warnings, reason = run.deadline(words, ddate)
            if value is None:
                run.problem("import.bad_deadline", table, number, column(), words, reason)
                return None
            if date_given is not None and value.date != date_given:
                # the date was edited and the words no longer say it: the date wins
                value, warnings, reason = run.deadline(format_date(date_given), ddate)
            for w in warnings:
                run.problem("import.deadline_warning", table, number, column(), words,
                            str(w[1].get("warning", "")), severity="warning")
            for p in rules.check_deadline(value.date, ddate):  # before it, or years after
                run.problem(_RULE_KEYS[p.key], table, number, column(), words, format_date(ddate),
                            severity=p.severity, **({"years": rules.FAR_YEARS} if p.key == "rules.deadline_far" else {}))
            out.update(deadline=value.date, deadline_text=value.text, deadline_kind=value.kind,
                       deadline_effective=value.effective)
        elif "deadline" in present or "deadline_text" in present:
            out.update(deadline=None, deadline_text="", deadline_kind="ongoing", deadline_effective=None)
        # extensions and the original deadline
        exts = []
        if "extensions" in present and v.get("extensions") not in (None, "", []):
            raw_ext = v.get("extensions")
            items = []
            if isinstance(raw_ext, list):
                for e in raw_ext:
                    if isinstance(e, dict):
                        items.append((cell_text(e.get("from_text") or e.get("from") or ""),
                                      cell_text(e.get("to_text") or e.get("to") or ""),
                                      cell_text(e.get("reason") or ""), e.get("at"), e.get("by")))
                    else:
                        items.extend((*t, None, None) for t in parse_extensions(str(e)))
            else:
                items = [(*t, None, None) for t in parse_extensions(raw_ext)]
            in_force = None  # the deadline each extension moves (its own "from", else the one before)
            for old_w, new_w, reason, at, by in items:
                old_v = new_v = None
                if old_w:
                    old_v, _w, r = run.deadline(clean(old_w), ddate)
                    if old_v is None:
                        run.problem("import.bad_extension", table, number, cols.header("extensions"),
                                    old_w, r)
                        return None
                new_v, _w, r = run.deadline(clean(new_w), ddate) if new_w else (None, [], "")
                if new_v is None or new_v.date is None:
                    run.problem("import.bad_extension", table, number, cols.header("extensions"),
                                new_w or raw_ext, r or "dd/mm/yyyy")
                    return None
                in_force = old_v.date if old_v is not None and old_v.date else in_force
                # an extension recorded in the file: later than the deadline it moves (the
                # task's status now says nothing about then, and an old reason may be lost)
                for p in rules.check_extension(new_v.date, in_force=in_force, status=None, reason_needed=False):
                    run.problem(_RULE_KEYS[p.key], table, number, cols.header("extensions"),
                                f"{old_w} → {new_w}" if old_w else new_w, format_date(in_force))
                    return None
                in_force = new_v.date
                at_value = None
                if at:
                    try:
                        at_value = dt.datetime.fromisoformat(str(at))
                    except ValueError:
                        at_value = None
                exts.append(dict(old_deadline=old_v.date if old_v else None,
                                 old_deadline_text=old_v.text if old_v else "",
                                 new_deadline=new_v.date, new_deadline_text=new_v.text,
                                 reason=clean(reason), at=at_value, by=clean(by) if by else None))
            out["extensions"] = exts
        orig_words = clean(v.get("original_deadline_text")) if "original_deadline_text" in present else ""
        orig_raw = v.get("original_deadline") if "original_deadline" in present else None
        if orig_words or orig_raw not in (None, ""):
            ow = orig_words or (format_date(cell_date(orig_raw)) if isinstance(orig_raw, (dt.date,))
                                else clean(orig_raw))
            ov, _w, r = run.deadline(ow, ddate)
            if ov is None:
                run.problem("import.bad_deadline", table, number, cols.header("original_deadline"), ow, r)
                return None
            out["original_deadline"], out["original_deadline_text"] = ov.date, ov.text
        elif exts:
            out["original_deadline"] = exts[0]["old_deadline"]
            out["original_deadline_text"] = exts[0]["old_deadline_text"]
        elif "deadline" in out:
            out["original_deadline"], out["original_deadline_text"] = out["deadline"], out["deadline_text"]
        return out

    # ---- the loop
    def run(self) -> None:
        run = self.run_
        if self._bulk_load():
            run.set_aside_task_indexes()
        if self._parallel():
            self._run_parallel()
        else:
            for records, rejected, read in self.checked_batches():
                self.rep.rows += read
                self.rep.rejected += rejected
                self.pending = records
                self.flush()
        if self.used_explicit or self.next_id > self.base_id:
            run.fix_sequence(T)
        for phrase, rows in self.group_phrases.items():
            run.problem("import.group_support_ignored", self.table, min(rows), self.cols.header("support"),
                        phrase, str(len(rows)), severity="warning", count=len(rows))

    def _bulk_load(self) -> bool:
        """Whether this file is big next to the store: then the task table's secondary
        indexes are set aside while its rows go in and built again, sorted, before the
        commit — at a million rows several times quicker than keeping them up row by row."""
        name = self.table.name
        if name == "-":
            return False
        try:
            size = os.path.getsize(name)
        except OSError:
            return False
        expected = size // BYTES_PER_ROW
        # (a file much like what the store holds — loaded again — keeps them: it may add nothing)
        return expected >= BULK_LOAD_MIN_ROWS and self.base_id - 1 < expected // 2

    # ---- reading and checking in a second process (big files, two cores)
    def _parallel(self) -> bool:
        """Read and check rows in a forked process while this one writes — for files big
        enough to pay for it, where fork exists and there is a second core."""
        import multiprocessing
        import os

        name = self.table.name
        if name == "-" or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return False
        try:
            return os.path.getsize(name) >= PARALLEL_MIN_BYTES
        except OSError:
            return False

    def _run_parallel(self) -> None:
        import multiprocessing

        run = self.run_
        run.ctx.calendar()  # loaded here: the reader process must never touch the store
        mp = multiprocessing.get_context("fork")
        queue = mp.Queue(maxsize=4)
        proc = mp.Process(target=self._reader_process, args=(queue,), name="tracker-import-reader",
                          daemon=True)
        proc.start()
        created: dict[int, int] = {}  # the reader's stand-in directive ids -> real ones
        import queue as queue_module
        import time

        waited, cpu, started = 0.0, time.process_time(), time.perf_counter()
        try:
            while True:
                try:
                    t = time.perf_counter()
                    msg = queue.get(timeout=1.0)
                    waited += time.perf_counter() - t
                except queue_module.Empty:
                    if proc.is_alive():
                        continue
                    raise RuntimeError(f"import reader process ended without a word "
                                       f"(exit code {proc.exitcode})") from None
                kind = msg[0]
                self.rep.timings.setdefault("first_batch", time.perf_counter() - started)
                if kind == "batch":
                    _kind, rows, problems, errors, warnings, directives, read, rejected, present = msg
                    self.present.update(present)  # columns a JSON file showed later on
                    for stand_in, args in directives:
                        created[stand_in] = run.add_directive(*args)
                        self.rep.directives_added += 1
                    self._merge_problems(problems, errors, warnings)
                    self.rep.rows += read
                    self.rep.rejected += rejected
                    if created:
                        rows = [self._real_directive(rec, created) if rec[R_DID] < 0 else rec
                                for rec in rows]
                    self.pending = rows
                    self.flush()
                elif kind == "end":
                    (_kind, problems, errors, warnings, phrases, table_problems, table_count,
                     reader_cpu) = msg
                    self.rep.timings.update(reader_cpu=reader_cpu, writer_wait=waited,
                                            writer_cpu=time.process_time() - cpu,
                                            reader_done=time.perf_counter() - started)
                    self._merge_problems(problems, errors, warnings)
                    for phrase, numbers in phrases.items():
                        self.group_phrases.setdefault(phrase, []).extend(numbers)
                    self.table.problems[:] = table_problems
                    self.table.problem_count = table_count
                    break
                else:  # "failed": the reader stopped; its problem (or traceback) says why
                    if isinstance(msg[1], Problem):
                        self._merge_problems([msg[1]], 1, 0)
                        break
                    raise RuntimeError(f"import reader process failed:\n{msg[1]}")
        finally:
            if proc.is_alive():
                proc.terminate()
            proc.join()

    def _merge_problems(self, problems: list[Problem], errors: int, warnings: int) -> None:
        report = self.run_.report
        shipped_errors = shipped_warnings = 0
        for problem in problems:
            report.add(problem)
            if problem.severity == "warning":
                shipped_warnings += 1
            else:
                shipped_errors += 1
        report.error_count += errors - shipped_errors
        report.warning_count += warnings - shipped_warnings

    def _reader_process(self, queue) -> None:
        """In the forked process: read, check and prepare rows, send them in batches."""
        import time
        import traceback

        cpu = time.process_time()

        run = self.run_
        report = run.report
        stand_ins = iter(range(-1, -10**9, -1))
        directives: list[tuple] = []

        def add_directive(number, type_code, issuer, date, title, signer="", notes="", given_id=None):
            stand_in = next(stand_ins)
            directives.append((stand_in, (number, type_code, issuer, date, title, signer, notes)))
            run.directive_dates[stand_in] = date
            return stand_in

        run.add_directive = add_directive  # this process never writes: the parent creates them

        marks = [len(report.problems), len(report.warnings), report.error_count, report.warning_count]

        def shipped():
            p0, w0, e0, c0 = marks
            out = report.problems[p0:] + report.warnings[w0:]
            counts = (report.error_count - e0, report.warning_count - c0)
            marks[:] = [len(report.problems), len(report.warnings), report.error_count, report.warning_count]
            return out, counts

        try:
            for pending, rejected, read in self.checked_batches():
                if _queued(queue) >= 2:  # the writer is behind: take the search form off its hands
                    pending = [(*rec[:R_FOLDED], fold_clean(rec[R_CONTENT])) for rec in pending]
                problems, (errors, warnings) = shipped()
                queue.put(("batch", pending, problems, errors, warnings, directives[:], read, rejected,
                           self.cols.present))
                directives[:] = []
            problems, (errors, warnings) = shipped()
            queue.put(("end", problems, errors, warnings, self.group_phrases, list(self.table.problems),
                       self.table.problem_count, time.process_time() - cpu))
        except ReadError as exc:
            queue.put(("failed", exc.problem))
        except BaseException:
            queue.put(("failed", traceback.format_exc()))
        finally:
            queue.close()
            queue.join_thread()

    def flush(self) -> None:
        if not self.pending:
            return
        run = self.run_
        conn = self.conn
        batch, self.pending = self.pending, []
        ids = [rec[R_ID] for rec in batch if rec[R_ID]]
        keys = [rec[R_KEY] for rec in batch if rec[R_KEY]]
        existing: dict[int, Any] = {}
        by_key: dict[str, Any] = {}
        if self.store_had_tasks:  # stored tasks the rows may update: whole rows
            if ids:
                for r in conn.execute(select(T).where(in_values(T.c.id, ids, run.dialect))).all():
                    existing[r.id] = r
            if keys:
                for r in conn.execute(select(T).where(in_values(T.c.ext_key, keys, run.dialect))).all():
                    by_key[r.ext_key] = r
        else:  # only this run's own rows can be there: a duplicate needs no more than the id
            if ids:
                existing = {r.id: r for r in run.bulk.lookup("id", ids)}
            if keys:
                by_key = {r.ext_key: r for r in run.bulk.lookup("ext_key", keys)}
        in_batch_keys: dict[str, int] = {}
        batch_ids: dict[int, int] = {}
        inserts: list[tuple] = []
        matched: list[tuple[int, dict, Any]] = []
        for rec in batch:
            number, tid, ext_key = rec[R_NUMBER], rec[R_ID], rec[R_KEY]
            old = None
            if tid and tid in existing:
                old = existing[tid]
                if old.id >= self.base_id or self._explicit_seen(tid):  # a row of this run
                    self._duplicate(number, "id", tid, self._row_of(tid))
                    continue
                if (ext_key and old.ext_key and ext_key != old.ext_key) or \
                        (not self.update_only and old.directive_id != rec[R_DID]
                         and old.content != rec[R_CONTENT]):
                    run.problem("import.id_mismatch", self.table, number, self.cols.header("id"), tid,
                                f"{old.content[:40]}…")
                    self.rep.rejected += 1
                    continue
            elif ext_key:
                key = ext_key
                if key in in_batch_keys:
                    self._duplicate(number, "key", key, in_batch_keys[key])
                    continue
                in_batch_keys[key] = number
                old = by_key.get(key)
                if old is not None and old.id >= self.base_id:
                    self._duplicate(number, "key", key, self._row_of(old.id))
                    continue
            elif not tid:
                found = self._by_content(rec[R_DID], rec[R_CONTENT], number)
                if found == -1:
                    continue
                old = found
            if tid and old is None and (self._explicit_seen(tid) or tid in batch_ids):
                self._duplicate(number, "id", tid, batch_ids.get(tid))
                continue
            if tid and old is None:
                batch_ids[tid] = number
            if old is None and self.update_only:  # names no task in the store: adds none
                run.problem("import.update_not_found", self.table, number,
                            self.cols.header("id" if tid else "key"), tid or ext_key,
                            ", ".join(label("tasks", f) for f in self.update_only))
                self.rep.rejected += 1
            elif old is None:
                inserts.append(rec)
            else:
                first = self._first_match(old.id, number)
                if first:
                    what = "id" if tid else ("key" if ext_key else "content")
                    self._duplicate(number, what, tid or ext_key or rec[R_CONTENT], first)
                    continue
                matched.append((number, rec[R_VALUES], old))
        if inserts:
            self._insert(inserts)
        if matched:
            details = self._details([old.id for _n, _v, old in matched])
            for number, v, old in matched:
                self._update(number, v, old, details)
        self.rep_progress()

    def _details(self, ids: list[int]) -> dict:
        """Support, extension counts and progress notes of matched tasks, a batch at a time."""
        conn = self.conn
        support: dict[int, list[int]] = {}
        exts: dict[int, int] = {}
        notes: dict[int, set] = {}
        dialect = self.run_.dialect
        # (all rows at once: iterating a result fetches them one call at a time)
        for task_id, unit_id in conn.execute(select(TS.c.task_id, TS.c.unit_id).where(
                in_values(TS.c.task_id, ids, dialect)).order_by(TS.c.task_id, TS.c.position)).all():
            support.setdefault(task_id, []).append(unit_id)
        for task_id, count in conn.execute(select(E.c.task_id, func.count()).where(
                in_values(E.c.task_id, ids, dialect)).group_by(E.c.task_id)).all():
            exts[task_id] = count
        for task_id, on, text_ in conn.execute(select(PN.c.task_id, PN.c.on, PN.c.text).where(
                in_values(PN.c.task_id, ids, dialect))).all():
            notes.setdefault(task_id, set()).add((on, text_))
        return {"support": support, "extensions": exts, "notes": notes}

    def rep_progress(self) -> None:
        if self.progress:
            self.progress(self.rep.rows)

    def _first_match(self, tid: int, number: int) -> int:
        """0 the first time a row of the file matches stored task ``tid``, else the row that
        matched it first (two rows of one file naming the same task are a duplicate)."""
        if self.matched_rows is None:
            self.matched_rows = array("q", bytes(8 * self.base_id))
        if tid >= len(self.matched_rows):
            return 0
        first = self.matched_rows[tid]
        if first:
            return first
        self.matched_rows[tid] = number
        return 0

    def _row_of(self, tid: int) -> int | None:
        off = tid - self.base_id
        if 0 <= off < len(self.rows_of_new):
            r = self.rows_of_new[off]
            return r if r > 0 else None
        return None

    def _explicit_seen(self, tid: int) -> bool:
        byte, bit = divmod(tid, 8)
        return byte < len(self.explicit_ids) and bool(self.explicit_ids[byte] & (1 << bit))

    def _mark_explicit(self, tid: int) -> None:
        byte, bit = divmod(tid, 8)
        if byte >= len(self.explicit_ids):
            self.explicit_ids.extend(bytes(byte + 1 - len(self.explicit_ids) + 1024))
        self.explicit_ids[byte] |= 1 << bit

    def _duplicate(self, number: int, what: str, value, first: int | None) -> None:
        self.run_.problem("import.duplicate_row", self.table, number, self.cols.header(what), value,
                          str(first) if first else "", first=first or "")
        self.rep.rejected += 1

    def _by_content(self, did: int, content: str, number: int):
        """The task with this directive and content (None: new; -1: a duplicate reported)."""
        index = self.by_content.get(did)
        if index is None:
            index = {}
            if self.store_had_tasks:
                for r in self.conn.execute(select(T.c.id, T.c.content).where(
                        T.c.directive_id == did, T.c.id < self.base_id)):
                    index[hash(r.content)] = r.id
            self.by_content[did] = index
        h = hash(content)
        hit = index.get(h)
        if hit is None:
            index[h] = -number  # a row of this run, not yet given an id
            return None
        if hit < 0 or hit >= self.base_id:
            first = -hit if hit < 0 else self._row_of(hit)
            self._duplicate(number, "content", content, first)
            return -1
        row = self.conn.execute(select(T).where(T.c.id == hit)).first()
        return row if row is not None and row.content == content else None

    def _assign_ids(self, records: list[tuple]) -> list[int] | range:
        """``_assign_id`` of each record; a run of new ids at once when none names its own."""
        first = self.next_id
        if len(self.rows_of_new) == first - self.base_id and not any(rec[R_ID] for rec in records):
            self.rows_of_new.extend([rec[R_NUMBER] for rec in records])
            self.next_id = first + len(records)
            return range(first, self.next_id)
        return [self._assign_id(rec[R_NUMBER], rec[R_ID]) for rec in records]

    def _assign_id(self, number: int, tid: int | None) -> int:
        """The id a new task gets: the file's (when free and not handed out by this run),
        else the next one.  Remembers which source row each id came from."""
        if tid and tid >= self.next_id:
            self._mark_explicit(tid)
            self.used_explicit = True
        elif tid and tid < self.base_id and not self._explicit_seen(tid):
            self._mark_explicit(tid)
            self.used_explicit = True
            return tid
        else:
            tid = self.next_id
        off = tid - self.base_id
        if len(self.rows_of_new) < off:
            self.rows_of_new.extend([0] * (off - len(self.rows_of_new)))
        self.rows_of_new.append(number)
        self.next_id = tid + 1
        return tid

    def pack(self, number: int, v: dict) -> tuple:
        """A checked row (``prepare``'s values) as it travels to the writer: see ``_record``."""
        day = self.run_.bulk.day
        exts = None
        if v["_extensions"]:
            bulk, now, user = self.run_.bulk, self._now, self.run_.user
            exts = [(day(e["old_deadline"]), e["old_deadline_text"], day(e["new_deadline"]),
                     e["new_deadline_text"], e["reason"], bulk.stamp(e["at"]) if e["at"] else now,
                     e["by"] or user) for e in v["_extensions"]]
        # (an update sheet's row may lack the task's own columns: it never makes a task)
        return self._record(number, v["_id"], v["ext_key"], v.get("directive_id"), v.get("content"),
                            v.get("lead_unit_id"), v.get("leader", ""), v.get("work_group", ""),
                            self._deadline_fields(v), v.get("status"), day(v.get("done_on")),
                            v.get("proof", ""), v.get("cancel_reason", ""),
                            v.get("notes") or "", v["_support"], exts, self._note_rows(v["_progress"]),
                            v if self.store_had_tasks else None)

    @staticmethod
    def _records(numbers, tids, keys, dids, contents, leads, leaders, groups, deadlines, statuses, done_ons,
                 proofs, cancel_reasons, notes, supports, exts, note_rows, values) -> list[tuple]:
        """Checked rows as they travel to the writer (from the reader process too), from their
        columns (zip: C): each the task row ready for the driver — but its id, directive, key,
        content and search form, which travel apart, and its deadline columns, one tuple
        shared by the rows with that deadline (``_insert`` lays them out) — its supporting
        units, extensions and notes likewise, and the values themselves only when a stored
        task may match it; the content's search form is left to the writer — or to the reader
        process when it has time (``R_*`` name the places)."""
        tasks = zip(leads, leaders, groups, deadlines, statuses, done_ons, proofs, cancel_reasons, notes)
        return list(zip(numbers, tids, keys, dids, contents, tasks, supports, exts, note_rows, values,
                        itertools.repeat(None)))

    def _record(self, number: int, tid, ext_key, did, content, lead_id, leader, group, deadline: tuple,
                status, done_on, proof, cancel_reason, notes, support, exts, note_rows, values) -> tuple:
        """One row's record, as ``_records`` lays them out (a row at a time: for rows with
        a problem, and for every row when stored tasks may match; a test holds the two to
        one layout)."""
        return (number, tid, ext_key, did, content,
                (lead_id, leader, group, deadline, status, done_on, proof, cancel_reason, notes),
                support, exts, note_rows, values, None)

    def _deadline_fields(self, v: dict) -> tuple:
        """The deadline columns of a task row, ready for the driver, from ``_deadline``'s values."""
        day = self.run_.bulk.day
        deadline = v.get("deadline")
        return (day(deadline), v.get("deadline_text", ""),
                v.get("deadline_kind") or ("ongoing" if deadline is None else ""),
                day(v.get("deadline_effective")), day(v.get("original_deadline")),
                v.get("original_deadline_text", ""))

    def _note_rows(self, progress: list | None) -> list | None:
        if not progress:
            return None
        day, today, now, user = self.run_.bulk.day, self._today, self._now, self.run_.user
        return [(day(on) if on else today, text_, pct, by or user, now) for on, text_, pct, by in progress]

    # ---- a batch of rows at once
    def checked_batches(self) -> Iterable[tuple[list[tuple], int, int]]:
        """(records, rows read, rows rejected) for each batch of the table's rows.  A batch
        ends early where a JSON file shows a new column, so one batch has one set of columns."""
        table, cols = self.table, self.cols
        if hasattr(table, "cell_batches"):  # CSV: the columns straight from the cell lists
            keys = table.keys or table.headers
            # a small first batch: the writer has something to do sooner
            for numbers, cells in table.cell_batches(BATCH, first=max(1, BATCH // 8)):
                columns = dict(zip(keys, zip(*cells)))
                yield (*self.prepare_batch(numbers, columns.__getitem__,
                                           lambda i: table.as_values(cells[i])), len(numbers))
            return
        if hasattr(table, "object_batches"):  # JSON Lines: the columns by itemgetter (C)
            for numbers, objs in table.object_batches(BATCH, first=max(1, BATCH // 8)):
                if cols.stale():
                    cols.refresh(numbers[0])
                yield (*self.prepare_batch(numbers, cols.columns(objs),
                                           lambda i, objs=objs: cols.pick(objs[i])), len(numbers))
            return
        batch: list[tuple[int, dict]] = []
        wanted = max(1, BATCH // 8)  # (a small first batch, as above)
        for number, raw in table.rows():
            if cols.stale():
                if batch:
                    yield (*self._prepare_rows(batch), len(batch))
                    batch = []
                cols.refresh(number)
            batch.append((number, cols.pick(raw)))
            if len(batch) >= wanted:
                yield (*self._prepare_rows(batch), len(batch))
                batch, wanted = [], BATCH
        if batch:
            yield (*self._prepare_rows(batch), len(batch))

    def _prepare_rows(self, rows: list[tuple[int, dict]]) -> tuple[list[tuple], int]:
        values = [v for _n, v in rows]
        return self.prepare_batch([n for n, _v in rows], lambda fld: [v.get(fld) for v in values],
                                  values.__getitem__)

    def prepare_batch(self, numbers: list[int], column: Callable[[str], list],
                      values_of: Callable[[int], dict]) -> tuple[list[tuple], int]:
        """The records of a batch of rows, and how many rows were rejected: ``numbers`` the
        rows', ``column(field)`` a column's cells, ``values_of(i)`` the i-th row's values.

        Column by column: each part of a row — ``_directive``, ``_lead``, ``_support``,
        ``_deadline``, ``_completion``, ``_progress`` — is worked out once per distinct set of
        its cells, by the very methods ``prepare`` calls, under a probe that holds their
        problems back; a row whose parts all came out clean is packed from them.  Any other
        row goes through ``prepare``, which reports its problems with its row number."""
        fast = self._fast_records(numbers, column) if self._batchable() else None
        if fast is not None and all(fast):  # (a record is a tuple; None: a row for prepare)
            return fast, 0
        out, rejected = [], 0
        for i, number in enumerate(numbers):
            rec = fast[i] if fast is not None else None
            if rec is None:
                values = self.prepare(number, values_of(i))
                if values is None:
                    rejected += 1
                    continue
                rec = self.pack(number, values)
            out.append(rec)
        return out, rejected

    def _batchable(self) -> bool:
        # extensions and original deadlines are read a row at a time, as are update sheets
        return not self.update_only and self.present.isdisjoint(_UNMEMOISED)

    def _part(self, memo: dict, keys: list, compute: Callable[[int], Any], may_wait: bool = False) -> list:
        """``memo[key]`` for each row's key; a key not seen before is worked out by
        ``compute(i)`` (i: the first row with it) under the probe — ``_SLOW`` if it raised a
        problem, ``_WAIT`` (with ``may_wait``; else ``_SLOW``) if it must happen at its row's
        turn.  Cells that cannot be keys (a JSON object) make the whole column slow."""
        try:
            out = list(map(memo.get, keys))
        except TypeError:
            return [_SLOW] * len(keys)
        if not _holds(out, None):
            return out
        run = self.run_
        # the rows missed (found in C: most rows of a batch hit)
        for i in itertools.compress(range(len(out)), map(operator.is_, out, itertools.repeat(None))):
            key = keys[i]
            hit = memo.get(key)
            if hit is None:
                run.probe = probe = []
                try:
                    hit = compute(i)
                finally:
                    run.probe = None
                if probe or hit is None:
                    hit = _SLOW
                if _IN_ORDER in probe:  # not remembered: the next row with it may find it made
                    hit = _WAIT if may_wait else _SLOW
                elif len(memo) < 100_000:
                    memo[key] = hit
            out[i] = hit
        return out

    def _fast_records(self, numbers: list[int], column: Callable[[str], list]) -> list:
        """A record for each row whose parts all came out clean, else None (see prepare_batch)."""
        has, n = self.present, len(numbers)
        nothing = [None] * n

        def col(fld: str) -> list:
            return column(fld) if fld in has else nothing

        memo = self._memos
        dir_numbers, ddates, issuers = col("directive"), col("directive_date"), col("directive_issuer")
        titles = col("directive_title")
        directive = self._part(memo["directive"], list(zip(dir_numbers, ddates, issuers)),
                               lambda i: self._directive(0, dir_numbers[i], ddates[i], issuers[i], titles[i]),
                               may_wait=True)
        # a row that makes a directive does so at its turn; what the rows after it found was
        # looked up before that, so they go a row at a time too
        first = next((i for i, d in enumerate(directive) if d is _WAIT), n)
        directive[first:] = [_SLOW] * (n - first)
        leads_raw = col("lead")
        leads = self._part(memo["lead"], leads_raw, lambda i: self._lead(0, leads_raw[i]))
        if "support" in has:
            sup_raw = col("support")
            supports = self._part(
                memo["support"], [(tuple(r) if type(r) is list else r, lead) for r, lead in zip(sup_raw, leads)],
                lambda i: _SLOW if leads[i] is _SLOW else self._support(0, sup_raw[i], leads[i]))
        else:
            supports = nothing
        dl_raw, dlt_raw = col("deadline"), col("deadline_text")
        dl_dates = [d if d is _SLOW else d[1] for d in directive]
        # words that name their own date are read once, not once per directive date — but
        # whether the date falls before the directive's is still each row's own question
        cells = list(zip(dl_raw, dlt_raw))
        own_date = self._part(memo["own_date"], cells, lambda i: self._names_their_date(cells[i]))
        deadlines = self._part(
            memo["deadline"], [(c, None if own is True else d) for c, own, d in zip(cells, own_date, dl_dates)],
            lambda i: _SLOW if dl_dates[i] is _SLOW else self._deadline_part(*cells[i], dl_dates[i]))
        for i, own in enumerate(own_date):
            if own is True and dl_dates[i] is not _SLOW:
                dl = deadlines[i]
                if dl is not _SLOW and _deadline_said(dl[1], dl_dates[i]):
                    deadlines[i] = _SLOW
        notes_raw = col("notes")
        status_raw, done_raw, cancel_raw = col("status"), col("done_on"), col("cancel_reason")
        completion = self._part(
            memo["completion"], list(zip(status_raw, done_raw, cancel_raw, notes_raw)),
            lambda i: self._completion_part(status_raw[i], done_raw[i], cancel_raw[i], notes_raw[i]))
        for i, comp in enumerate(completion):  # done before its directive: said by the row path
            if (comp is not _SLOW and comp[3] is not None and dl_dates[i] is not _SLOW
                    and self._done_before(comp[3], dl_dates[i])):
                completion[i] = _SLOW
        progress_raw = col("progress")
        progress = self._part(memo["progress"], progress_raw, lambda i: self._progress_part(progress_raw[i]))
        leaders = groups = [""] * n
        if "leader" in has:
            leader_raw = col("leader")
            leaders = self._part(memo["leader"], leader_raw, lambda i: self._leader(0, leader_raw[i]))
        if "group" in has:
            group_raw = col("group")
            groups = self._part(memo["short"], group_raw, lambda i: self._short_text(0, "group", group_raw[i]))
        ids = col("id")
        keys, proofs, notes = _clean_all(col("key")), _clean_all(col("proof")), _clean_all(notes_raw)
        contents = _clean_all(col("content"))
        matchable = self.store_had_tasks
        if (not matchable and "id" not in has and all(contents) and max(map(len, keys), default=0) <= SHORT_TEXT
                and max(map(len, contents), default=0) <= rules.CONTENT_MAX
                and not any(_holds(part, _SLOW) for part in (directive, leads, leaders, groups, deadlines,
                                                              completion, progress, supports))):
            # every row came out clean (nearly every batch): the records from the columns
            first, second, third = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(2)
            none = itertools.repeat(None)
            return self._records(numbers, none, [key or None for key in keys], map(first, directive), contents,
                                 leads, leaders, groups, map(first, deadlines), map(first, completion),
                                 map(second, completion), proofs, map(third, completion), notes, supports, none,
                                 map(first, progress), none)
        record = self._record
        has_leader, has_group, has_proof, has_notes = ("leader" in has, "group" in has, "proof" in has,
                                                       "notes" in has)
        out: list = []
        for number, tid, key, d, content, lead, leader, group, dl, comp, proof, note, sup, prog in zip(
                numbers, ids, keys, directive, contents, leads, leaders, groups, deadlines,
                completion, proofs, notes, supports, progress):
            if (d is _SLOW or lead is _SLOW or leader is _SLOW or group is _SLOW or dl is _SLOW
                    or comp is _SLOW or prog is _SLOW or sup is _SLOW):
                out.append(None)
                continue
            if not content or len(content) > rules.CONTENT_MAX:
                out.append(None)
                continue
            if tid not in (None, ""):
                tid = _task_id(tid)
                if tid is None:
                    out.append(None)
                    continue
            else:
                tid = None
            if len(key) > SHORT_TEXT:
                out.append(None)
                continue
            values = None
            if matchable:  # it may match a stored task: the writer compares the values
                values = self._values(d[0], key or None, content, lead, comp[0], comp[3], comp[2], tid, sup,
                                      prog[1], dl[2], leader if has_leader else None, group if has_group else None,
                                      proof if has_proof else None, note if has_notes else None)
            out.append(record(number, tid, key or None, d[0], content, lead, leader, group, dl[0], comp[0], comp[1],
                              proof, comp[2], note, sup, None, prog[0], values))
        return out

    # ---- the parts of a row as prepare_batch keeps them: (ready for the driver, …, as prepare has them)
    def _deadline_part(self, deadline_raw, text_raw, ddate) -> tuple | None:
        """(the deadline columns ready for the driver, the deadline's date, the values)."""
        dl = self._deadline(0, {"deadline": deadline_raw, "deadline_text": text_raw}, ddate)
        return None if dl is None else (self._deadline_fields(dl), dl.get("deadline"), dl)

    def _progress_part(self, raw) -> tuple | None:
        """(the progress notes' rows ready for the driver, the notes)."""
        items = self._progress(0, raw)
        return (self._note_rows(items), items)

    def _completion_part(self, status_raw, done_raw, cancel_raw, notes_raw) -> tuple:
        status, done_on, cancel_reason = self._completion(0, status_raw, done_raw, cancel_raw,
                                                          clean(notes_raw) if "notes" in self.present else None, True)
        return status, self.run_.bulk.day(done_on), cancel_reason, done_on

    @staticmethod
    def _real_directive(rec: tuple, created: dict[int, int]) -> tuple:
        """A record naming a directive the reader process made up, with the real one's id."""
        did = created[rec[R_DID]]
        values = rec[R_VALUES]
        if values is not None:
            values["directive_id"] = did
        return (*rec[:R_DID], did, *rec[R_DID + 1:])

    def _insert(self, records: list[tuple]) -> None:
        bulk = self.run_.bulk
        support_rows, ext_rows, note_rows = [], [], []
        by_content = self.by_content
        ids = self._assign_ids(records)
        for tid, rec in zip(ids, records):
            if rec[R_KEY] is None and rec[R_ID] is None:
                by_content[rec[R_DID]][hash(rec[R_CONTENT])] = tid
            if rec[R_SUPPORT]:
                support_rows.extend([(tid, uid, pos) for pos, uid in enumerate(rec[R_SUPPORT])])
            if rec[R_EXTS]:
                ext_rows.extend([(tid, *e) for e in rec[R_EXTS]])
            if rec[R_NOTES]:
                note_rows.extend([(tid, *n) for n in rec[R_NOTES]])
        contents = [rec[R_CONTENT] for rec in records]
        folded = [rec[R_FOLDED] or fold_clean(rec[R_CONTENT]) for rec in records]
        now, user, batch = self._now, self.run_.user, self.run_.batch
        # the task rows, put together column by column (zip is C)
        leads, leaders, groups, deadlines, *rest = zip(*[rec[R_TASK] for rec in records])
        task_rows = list(zip(ids, [rec[R_DID] for rec in records], [rec[R_KEY] for rec in records],
                             contents, folded, leads, leaders, groups, *zip(*deadlines), *rest,
                             itertools.repeat(now), itertools.repeat(now), itertools.repeat(1)))
        jobs = [(T, _TASK_INSERT, task_rows)]
        if support_rows:
            jobs.append((TS, ("task_id", "unit_id", "position"), support_rows))
        if ext_rows:
            jobs.append((E, ("task_id", "old_deadline", "old_deadline_text", "new_deadline",
                             "new_deadline_text", "reason", "at", "by"), ext_rows))
        if note_rows:
            jobs.append((PN, ("task_id", "on", "text", "percent", "by", "at"), note_rows))
        for job in jobs:
            bulk.insert(*job)
        # each new task's "create" entry, written by the database from the rows just inserted
        # (new = the file it came from; the batch names the import run)
        bulk.history_of_new_tasks(list(ids), self.source, now, user, batch)
        self.rep.added += len(task_rows)

    def _compared(self, has_key: bool, has_deadline: bool) -> list[str]:
        """The stored columns a row of this file is compared with (the same for most rows:
        remembered per set of columns the file has shown)."""
        present = self.present
        memo_key = (len(present), has_key, has_deadline)  # (a JSON file's columns only grow)
        compare = self._compare_memo.get(memo_key)
        if compare is None:
            compare = ["directive_id", "content", "lead_unit_id", "status", "done_on", "cancel_reason"]
            if "key" in present and has_key:
                compare.append("ext_key")
            for fld, col in (("leader", "leader"), ("group", "work_group"), ("proof", "proof"),
                             ("notes", "notes")):
                if fld in present:
                    compare.append(col)
            if has_deadline:
                compare += ["deadline", "deadline_text", "deadline_kind", "deadline_effective"]
            self._compare_memo[memo_key] = compare
        return compare

    def _update(self, number: int, v: dict, old, details: dict) -> None:
        run = self.run_
        conn = self.conn
        stored = dict(zip(_TASK_COLUMNS, old))  # read by name many times (and Row._asdict is slow)
        tid = stored["id"]
        changes: dict[str, tuple] = {}
        values: dict[str, Any] = {}
        present = self.present
        for col in self._compared(bool(v["ext_key"]), "deadline" in v):
            if col not in v:  # (a cell an update sheet leaves blank, or a column it lacks)
                continue
            new = v[col]
            if new != stored[col]:
                values[col] = new
                changes[col] = (stored[col], new)
        if "content" in values:
            values["content_folded"] = fold_clean(v["content"])
        # original deadline: only from a file that gives it (or extensions)
        if "original_deadline" in v and ("original_deadline" in present or "original_deadline_text" in present
                                         or v["_extensions"]):
            for col in ("original_deadline", "original_deadline_text"):
                if v[col] != stored[col]:
                    values[col] = v[col]
                    changes[col] = (stored[col], v[col])
        elif "deadline" in values:
            if not details["extensions"].get(tid):
                values.update(original_deadline=v["deadline"], original_deadline_text=v["deadline_text"])
        if changes:  # (most rows of a sheet loaded again have none)
            for internal in ("deadline_kind", "deadline_effective", "content_folded"):
                changes.pop(internal, None)
            # a deadline is one fact (the date and its words): one history entry, as edit_task writes
            for fld, words in (("deadline", "deadline_text"), ("original_deadline", "original_deadline_text")):
                if fld in changes or words in changes:
                    changes.pop(words, None)
                    changes[fld] = (stored[words] or stored[fld], v[words] or v[fld])
            # recorded in the words every other change uses (edit_task's), so the app shows
            # and undoes a change the same whoever made it
            for col, fld in _HISTORY_FIELD.items():
                if col in changes:
                    changes[fld] = changes.pop(col)
            if "lead" in changes:
                units = run.unit_by_id
                changes["lead"] = tuple(units[u].code if u in units else u for u in changes["lead"])
        support_change = None
        if v["_support"] is not None:
            current = details["support"].get(tid, [])
            if current != v["_support"]:
                support_change = (current, v["_support"])
                changes["support"] = ([run.unit_by_id[u].code for u in current if u in run.unit_by_id],
                                      [run.unit_by_id[u].code for u in v["_support"] if u in run.unit_by_id])
        new_exts = []
        if v["_extensions"]:
            count = details["extensions"].get(tid, 0)
            new_exts = v["_extensions"][count:]
            if new_exts:
                changes["extension"] = None  # (one history row per extension, below)
        if changes and self._breaks_rules(number, stored, values, new_exts):
            self.rep.rejected += 1
            return
        new_notes = []
        if v["_progress"]:
            have = details["notes"].get(tid, set())
            have_texts = {t for _o, t in have}
            for on, text_, pct, by in v["_progress"]:
                if (on, text_) in have or (on is None and text_ in have_texts):
                    continue
                new_notes.append({"task_id": tid, "on": on or run.today, "text": text_, "percent": pct,
                                  "by": by or run.user, "at": run.now})
            if new_notes:
                changes["note"] = None  # (one history row per note, below)
        if not changes:
            self.rep.unchanged += 1
            return
        if not run.update:
            self.rep.skipped += 1
            if self.rep.skipped <= 20:  # the columns that differ, by the file's own headers
                run.problem("import.differs", self.table, number, ", ".join(map(self._header_of, changes)),
                            "", "--update", severity="warning")
            return
        if support_change is not None:
            from sqlalchemy import delete

            conn.execute(delete(TS).where(TS.c.task_id == tid))
            if support_change[1]:
                conn.execute(insert(TS), [{"task_id": tid, "unit_id": u, "position": i}
                                          for i, u in enumerate(support_change[1])])
        for e in new_exts:
            conn.execute(insert(E).values(dict(e, task_id=tid, at=e["at"] or run.now, by=e["by"] or run.user)))
        if new_notes:
            conn.execute(insert(PN), new_notes)
        values.update(version=stored["version"] + 1, updated_at=run.now)
        res = conn.execute(update(T).where(T.c.id == tid, T.c.version == stored["version"]).values(**values))
        if res.rowcount != 1:
            run.problem("import.conflict", self.table, number, self.cols.header("id"), tid, "")
            self.rep.rejected += 1
            return
        # an extension or a progress note a row adds is one history row each, as `task extend`
        # and `task note` write them (an undo takes back one per row)
        items = [(f, c) for f, c in changes.items() if c is not None]
        items += [("extension", (None, f"{e['new_deadline_text']}: {e['reason']}")) for e in new_exts]
        items += [("note", (None, n["text"])) for n in new_notes]
        conn.execute(insert(H), run.history_rows("task", tid, "import", items))
        self.rep.updated += 1
        if "lead" in changes:
            self.rep.lead_changes.append((number, tid, *changes["lead"]))

    def _breaks_rules(self, number: int, stored: dict, values: dict, new_exts: list) -> bool:
        """Whether an update leaves the task in a state the rulebook forbids, against what
        is stored (an update sheet need not name the directive): done before its directive
        was issued; an extension added that does not move the stored deadline later."""
        run = self.run_
        did = values.get("directive_id", stored["directive_id"])
        status, done_on = values.get("status", stored["status"]), values.get("done_on", stored["done_on"])
        if isinstance(done_on, str):
            done_on = dt.date.fromisoformat(done_on)
        if status == S.DONE and self._done_before(done_on, run.directive_dates.get(did)):
            self._done_before_directive(number, done_on, run.directive_dates.get(did))
            return True
        if new_exts and not new_exts[0]["old_deadline"]:
            in_force = stored["deadline"]
            if isinstance(in_force, str):
                in_force = dt.date.fromisoformat(in_force)
            for p in rules.check_extension(new_exts[0]["new_deadline"], in_force=in_force, status=None,
                                           reason_needed=False):
                run.problem(_RULE_KEYS[p.key], self.table, number, self.cols.header("extensions"),
                            new_exts[0]["new_deadline_text"], format_date(in_force))
                return True
        return False

    def _header_of(self, fld: str) -> str:
        """The file's header for a changed field (a history field's name)."""
        present = self.present
        fld = _FILE_FIELD.get(fld, fld)
        if fld in ("deadline", "original_deadline") and fld not in present and f"{fld}_text" in present:
            fld += "_text"
        return self.cols.header(fld)


def _holds(items: list, obj) -> bool:
    """Whether ``obj`` itself is one of ``items`` (by identity, in C: ``in`` asks each ==)."""
    return any(map(operator.is_, items, itertools.repeat(obj)))


def _queued(queue) -> int:
    """How many batches wait in ``queue`` for the writer (0 where the system cannot say)."""
    try:
        return queue.qsize()
    except NotImplementedError:  # macOS
        return 0


def _deadline_said(deadline: dt.date | None, directive_date: dt.date | None) -> bool:
    """Whether the rulebook has a warning about a deadline against its directive (before
    it, or years after it): such a row is read out in full, to say it."""
    return bool(rules.check_deadline(deadline, directive_date))


# the rulebook's problems in an import's words (the message names the file, row and column)
_RULE_KEYS = {"task.content_required": "import.required", "task.too_long": "import.too_long",
              "task.done_in_future": "import.done_in_future",
              "task.done_before_directive": "import.done_before_directive",
              "task.deadline_before_directive": "import.deadline_before_directive",
              "rules.deadline_far": "import.deadline_far",
              "task.extend_not_later": "import.extension_not_later"}
_UNIT_VERDICT_KEYS = {rules.FOUND: "", rules.GROUP: "import.group_unit",
                      rules.AMBIGUOUS: "import.ambiguous_unit", rules.UNKNOWN: "import.unknown_unit"}


def _clean_all(cells: list) -> list[str]:
    """``clean`` of each cell of a column (one pass when all are text in the stored form)."""
    return nfc_all(cells) or list(map(clean, cells))


def _task_id(raw) -> int | None:
    """A task id cell as a positive number (None: not one)."""
    try:
        tid = int(str(raw).strip())
    except ValueError:
        return None
    return tid if tid > 0 else None


def _progress_items(value) -> list[tuple]:
    """Progress notes as (on, text, percent, by): dated lines in a cell, or JSON objects."""
    out = []
    if isinstance(value, list) and all(isinstance(i, dict) for i in value):
        for item in value:
            pct = item.get("percent")
            out.append((cell_date(item.get("on") or item.get("date")), clean(item.get("text")),
                        int(pct) if pct not in (None, "") else None, clean(item.get("by")) or None))
        return [o for o in out if o[1]]
    for on, text_, pct in parse_notes(value):
        text_ = clean(text_)
        if text_:
            out.append((on, text_, pct, None))
    return out


def _guess_type(number: str) -> str:
    from tracker.domain.docnumbers import DocNumberError, parse_number

    try:
        return parse_number(number).type_code or ""
    except (DocNumberError, ValueError):
        return ""


# --------------------------------------------------------------------------- entry point

def import_files(ctx: Context, sources: Iterable[str], *, kind: str = "auto", fmt: str | None = None,
                 encoding: str | None = None, sheet: str | None = None, delimiter: str | None = None,
                 update: bool = False, dry_run: bool = False, stdin=None,
                 progress: Callable[[str, int], None] | None = None,
                 new_names: bool = False) -> ImportReport:
    """Import ``sources`` (paths or ``-``) in one transaction; see the module's docstring.

    Returns the report; nothing is written unless ``report.committed``."""
    with collector_paused():
        return _import_files(ctx, sources, kind=kind, fmt=fmt, encoding=encoding, sheet=sheet,
                             delimiter=delimiter, update=update, dry_run=dry_run, stdin=stdin, progress=progress,
                             new_names=new_names)


def _import_files(ctx: Context, sources: Iterable[str], *, kind: str, fmt: str | None, encoding: str | None,
                  sheet: str | None, delimiter: str | None, update: bool, dry_run: bool, stdin,
                  progress: Callable[[str, int], None] | None, new_names: bool = False) -> ImportReport:
    from tracker.io.readers import open_table

    report = ImportReport(dry_run=dry_run, batch=f"import-{uuid.uuid4().hex[:10]}")
    if kind not in ("auto", *KINDS):
        from tracker.services.errors import UsageError

        raise UsageError("import.bad_kind_option", value=kind, keys="auto, " + ", ".join(KINDS))
    opened: list[tuple[str, Any, ColumnMap, FileReport]] = []
    try:
        for src in sources:
            rep = FileReport(file=str(src))
            report.files.append(rep)
            try:
                table = open_table(src, fmt=fmt, encoding=encoding, sheet=sheet, delimiter=delimiter,
                                   stdin=stdin)
            except ReadError as exc:
                report.add(exc.problem)
                continue
            rep.format, rep.encoding, rep.sheet = table.format, table.encoding, table.sheet
            k = kind if kind != "auto" else detect_kind(table.headers)
            if k is None:
                report.add(Problem("import.kind_unknown", file=table.name, row=table.header_row,
                                   value=", ".join(table.headers[:6])))
                table.close()
                continue
            rep.kind = k
            cmap = map_headers(table.headers, k)
            for prob in cmap.problems(file=table.name, row=table.header_row):
                report.add(prob)
            if cmap.update_only:  # said first, so that what follows reads right
                report.add(Problem("import.update_only", file=table.name, row=table.header_row,
                                   value=", ".join(label(k, f) for f in cmap.update_only),
                                   expected=cmap.header_for("id") or cmap.header_for("key") or "",
                                   severity="warning"))
            if cmap.missing and table.format in ("csv", "xlsx"):
                table.close()
                continue
            opened.append((k, table, cmap, rep))
        opened.sort(key=lambda item: KIND_ORDER[item[0]])
        with ctx.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                # room for the indexes' pages while a big batch goes in (reset below)
                conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
                conn.commit()
            tx = conn.begin()
            try:
                if conn.dialect.name == "postgresql":
                    # one import at a time: ids are handed out by this run
                    conn.execute(text("LOCK TABLE task IN SHARE ROW EXCLUSIVE MODE"))
                run = _Run(ctx, conn, report, update=update, new_names=new_names)
                for k, table, cmap, rep in opened:
                    cols = _Columns(table, k, cmap, report.add)
                    step = None
                    if progress is not None:
                        step = (lambda name: (lambda n: progress(name, n)))(table.name)
                    try:
                        getattr(run, f"import_{k}")(table, cols, rep, step)
                    except ReadError as exc:  # the file broke part-way (encoding, JSON)
                        report.add(exc.problem)
                    for prob in table.problems:
                        report.add(prob)
                    if table.problem_count > len(table.problems):
                        report.error_count += table.problem_count - len(table.problems)
                if report.ok and not dry_run:
                    import time

                    run.names.register_new(ctx.user)  # the names this run brought in
                    t = time.perf_counter()
                    run.restore_task_indexes()
                    t, indexes = time.perf_counter(), time.perf_counter() - t
                    tx.commit()
                    report.committed = True
                    if opened:  # where the end of a run goes (bench/bench_import.py prints it)
                        opened[-1][3].timings.update(indexes=indexes, commit=time.perf_counter() - t)
                else:
                    tx.rollback()
            except BaseException:
                tx.rollback()
                raise
            finally:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("PRAGMA cache_size=-2000")
                    conn.commit()
    finally:
        for _k, table, _c, _r in opened:
            table.close()
    # in reading order (rows checked in a second process report apart from those checked here)
    order = {f.file: i for i, f in enumerate(report.files)}
    key = (lambda p: (order.get(p.file, len(order)), p.row or 0))
    report.problems.sort(key=key)
    report.warnings.sort(key=key)
    return report
