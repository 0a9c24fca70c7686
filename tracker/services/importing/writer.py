"""Writing checked task records in bulk, inside the run's one transaction.

``Bulk`` puts many rows into one table: SQLite through the driver's ``executemany`` with plain
tuples (dates as the ISO text SQLAlchemy itself stores there), PostgreSQL through ``COPY``.
Each new task's "create" history row is made by the database from the rows just inserted
(``INSERT … SELECT`` over runs of ids).  ``TaskWriter`` takes a batch of records: creates the
directives they planned, matches them (``matching.py``), inserts the new ones and applies the
changes of the others (with ``--update``), each change with its history rows.

A task file big next to the store has the task table's secondary indexes set aside while its
rows go in (``IndexesAside``): dropped inside the transaction, built again (sorted, on two
threads in SQLite) before the commit; a rollback brings them back.
"""
from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import delete, func, insert, select, text, update

from tracker.domain import rules
from tracker.domain import status as S
from tracker.domain.dates import format_date
from tracker.domain.text import fold, fold_clean
from tracker.io.problems import Problem
from tracker.services import history
from tracker.services.importing.lookups import DirectiveEntry, Lookups
from tracker.services.importing.matching import Change, Matcher, RunIds, diff, stored_day
from tracker.services.importing.report import LISTED_CHANGES, FileReport
from tracker.services.importing.records import NO_DEADLINE, TaskRecord
from tracker.store.tables import directive as D
from tracker.store.tables import extension as E
from tracker.store.tables import history as H
from tracker.store.tables import progress_note as PN
from tracker.store.tables import task as T
from tracker.store.tables import task_support as TS
from tracker.store.db import fix_sequence

TASK_INSERT = ("id", "directive_id", "ext_key", "content", "content_folded", "lead_unit_id", "leader",
               "work_group", "deadline", "deadline_text", "deadline_kind", "deadline_effective",
               "original_deadline", "original_deadline_text", "status", "done_on", "proof",
               "cancel_reason", "notes", "created_at", "updated_at", "version")
SUPPORT_INSERT = ("task_id", "unit_id", "position")
EXTENSION_INSERT = ("task_id", "old_deadline", "old_deadline_text", "new_deadline", "new_deadline_text",
                    "reason", "at", "by")
NOTE_INSERT = ("task_id", "on", "text", "percent", "by", "at")
# kept up during a big load: the one secondary index an import reads through (tasks by
# directive, matching by content), and the narrowest, cheap to keep up
KEPT_INDEXES = {"ix_task_directive_id", "ix_task_lead_status"}
IMPORT_CACHE_KIB = 65536  # SQLite's page cache while an import runs: room for the indexes' pages
SORT_RUN_KIB = 8192  # … and while the set-aside indexes are built: the sorter's runs


class DriverDays(dict):
    """Dates as the driver takes them, ``days[d]``: ISO text for SQLite (as SQLAlchemy itself
    stores them there; one text object per date), the date itself for PostgreSQL; None stays
    None.  (A dict that fills itself: a row's dates are looked up without a Python call.)"""

    def __init__(self, *, as_text: bool):
        super().__init__()
        self.as_text = as_text

    def __missing__(self, d: dt.date | None):
        out = self[d] = d.isoformat() if self.as_text and d is not None else d
        return out


class Bulk:
    """Many rows into one table inside the run's transaction (see the module's notes)."""

    def __init__(self, conn):
        self.conn = conn
        self.dialect = conn.dialect
        self.sqlite = conn.dialect.name == "sqlite"
        self.mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self.days = DriverDays(as_text=self.sqlite)

    def day(self, d: dt.date | None):
        """A date as the driver takes it (``days``)."""
        return self.days[d]

    def stamp(self, t: dt.datetime | None):
        if not self.sqlite or t is None:
            return t
        return t.strftime("%Y-%m-%d %H:%M:%S.%f")

    def insert(self, table, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        quote = self.dialect.identifier_preparer.quote
        names = ", ".join(quote(c) for c in columns)
        if not self.sqlite:
            raw = self.conn.connection.driver_connection  # psycopg, in the run's transaction
            with raw.cursor() as cur, cur.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join([self.mark] * len(columns))})"
        self.conn.exec_driver_sql(sql, rows)

    def history_of_new_tasks(self, ids: list[int] | range, source: str, at, by: str, batch: str) -> None:
        """One "create" history row per task of ``ids`` (just inserted), made by one
        INSERT … SELECT per run of consecutive ids — no row crosses from Python."""
        spans = []
        for _k, run in itertools.groupby(enumerate(sorted(ids)), lambda p: p[1] - p[0]):
            run = list(run)
            spans.append((run[0][1], run[-1][1]))
        m = self.mark
        by_ = self.dialect.identifier_preparer.quote("by")
        sql = (f"INSERT INTO history (entity, entity_id, action, field, old, new, at, {by_}, batch) "
               f"SELECT 'task', id, 'create', '', NULL, {m}, {m}, {m}, {m} FROM task "
               f"WHERE id BETWEEN {m} AND {m} ORDER BY id")
        self.conn.exec_driver_sql(sql, [(source, at, by, batch, a, b) for a, b in spans])


def history_rows(entity: str, entity_id: int, action: str, changes, *, at, by: str, batch: str) -> list[dict]:
    """History rows of one change: ``changes`` maps field -> (old, new), or lists
    (field, (old, new)) where a field has several rows (as ``history.record_changes``)."""
    pairs = changes.items() if isinstance(changes, dict) else changes
    return [dict(entity=entity, entity_id=entity_id, action=action, field=f, old=history._text(o),
                 new=history._text(n), at=at, by=by, batch=batch) for f, (o, n) in pairs]


def next_id(conn, table) -> int:
    return int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar()) + 1


def add_directive(conn, lookups: Lookups, entry: DirectiveEntry, *, at, by: str, batch: str,
                  given_id: int | None = None, signer: str = "", notes: str = "") -> int:
    """A new directive (and its history row); known to ``lookups`` from now on."""
    values = dict(number=entry.number, number_key=lookups.directives.number_key(entry.number),
                  type_code=entry.type_code, issuer=entry.issuer, issue_date=entry.date, title=entry.title,
                  title_folded=fold(entry.title), signer=signer, parent_id=None, notes=notes, created_at=at,
                  updated_at=at, version=1)
    if given_id:
        values["id"] = given_id
    did = conn.execute(insert(D).values(**values)).inserted_primary_key[0]
    conn.execute(insert(H).values(history_rows("directive", did, "create",
                                               {"": (None, f"{entry.number} {format_date(entry.date)}")},
                                               at=at, by=by, batch=batch)))
    lookups.directives.settle(entry, did)
    return did


class IndexesAside:
    """The task table's secondary indexes, dropped for a big load and built again."""

    def __init__(self, conn):
        self.conn = conn
        self.ddl: dict[str, str] = {}  # name -> its CREATE INDEX

    def drop(self) -> None:
        conn = self.conn
        if conn.dialect.name == "sqlite":
            # the driver opens its transaction at the first INSERT/UPDATE/DELETE, and would
            # run a DROP before that on its own: open it now, so a rollback undoes the drop
            if not conn.connection.driver_connection.in_transaction:
                conn.exec_driver_sql("BEGIN")
            rows = conn.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'task' "
                "AND sql IS NOT NULL ORDER BY name")).all()
        else:
            rows = conn.execute(text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'task' "
                "AND schemaname = current_schema() AND indexdef NOT LIKE :unique "
                "ORDER BY indexname"), {"unique": "CREATE UNIQUE%"}).all()
        for name, ddl in rows:
            if name in KEPT_INDEXES or name in self.ddl:
                continue
            conn.exec_driver_sql(f"DROP INDEX {conn.dialect.identifier_preparer.quote(name)}")
            self.ddl[name] = ddl

    def restore(self) -> None:
        """Build the indexes again (SQLite's sorter on two threads, in runs of SORT_RUN_KIB)."""
        if not self.ddl:
            return
        conn, sqlite = self.conn, self.conn.dialect.name == "sqlite"
        if sqlite:
            conn.exec_driver_sql("PRAGMA threads=2")
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SORT_RUN_KIB}")
        try:
            for ddl in self.ddl.values():
                conn.exec_driver_sql(ddl)
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA threads=0")
                conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
        self.ddl.clear()


class TaskWriter:
    """Writes a task table's checked records (see the module's notes)."""

    def __init__(self, run, cols, rep: FileReport, source: str, *, update_only: bool):
        self.run = run
        self.conn = run.conn
        self.cols = cols
        self.rep = rep
        self.source = source
        self.bulk = Bulk(run.conn)
        self.ids = RunIds(next_id(run.conn, T))
        self.matcher = Matcher(run.conn, cols, self.ids, update_only=update_only)
        self.now = self.bulk.stamp(run.now)
        self.today = self.bulk.day(run.today)
        self.created: dict[tuple, int] = {}  # planned directives made: key -> id
        self.periods: list[tuple[int, TaskRecord]] = []  # new tasks of a recurring duty's period

    def write(self, records: list[TaskRecord]) -> None:
        """Match ``records`` and write them; their problems go to the run's report."""
        for rec in records:
            if rec.directive is not None and rec.directive.id is None:
                rec.directive.id = self._directive_id(rec.directive)
        matched = self.matcher.match(records)
        for problem in matched.problems:
            self.run.report.add(problem)
        self.rep.rejected += len(matched.problems)
        if matched.new:
            if self.run.lookups.units.inactive:
                for rec in matched.new:
                    self._warn_inactive(rec, rec.status, rec.lead_unit_id, rec.support)
            self._insert(matched.new)
        if matched.found:
            details = self.matcher.details([old.id for _rec, old in matched.found])
            for rec, old in matched.found:
                change = diff(rec, old, details, self.run.lookups.units.code)
                if change is None:
                    self.rep.unchanged += 1
                    continue
                refused = self._refused(rec, old, change)
                if refused is not None:
                    self.run.report.add(refused)
                    self.rep.rejected += 1
                else:
                    self._apply(rec, old, change)

    def finish(self) -> None:
        if self.ids.used_explicit or self.ids.next > self.ids.base:
            fix_sequence(self.conn, T.name)

    def _directive_id(self, entry: DirectiveEntry) -> int:
        """The id of a directive a row planned: made the first time a record names it."""
        did = self.created.get(entry.key)
        if did is None:
            run = self.run
            did = self.created[entry.key] = add_directive(self.conn, run.lookups, entry, at=run.now,
                                                          by=run.user, batch=run.batch)
            self.rep.directives_added += 1
        return did

    def _insert(self, records: list[TaskRecord]) -> None:
        ids = self.ids.assign(records)
        self.matcher.remember_new(records, ids)
        days, now = self.bulk.days, self.now
        tasks, support, extensions, notes = [], [], [], []
        for tid, r in zip(ids, records):
            dl = r.deadline or NO_DEADLINE
            original = r.original or (dl.date, dl.text)
            tasks.append((tid, r.directive.id, r.key, r.content, fold_clean(r.content), r.lead_unit_id, r.leader,
                          r.group, days[dl.date], dl.text, dl.kind, days[dl.effective], days[original[0]],
                          original[1], r.status, days[r.done_on], r.proof, r.cancel_reason, r.notes, now, now, 1))
            if r.support:
                support += [(tid, uid, pos) for pos, uid in enumerate(r.support)]
            if r.extensions:
                extensions += [self._extension_row(tid, e) for e in r.extensions]
            if r.progress:
                notes += [self._note_row(tid, n) for n in r.progress]
            if r.rhythm is not None:  # (its recurrence is found or made after the sheet: recurring.py)
                self.periods.append((tid, r))
        bulk = self.bulk
        bulk.insert(T, TASK_INSERT, tasks)
        bulk.insert(TS, SUPPORT_INSERT, support)
        bulk.insert(E, EXTENSION_INSERT, extensions)
        bulk.insert(PN, NOTE_INSERT, notes)
        # each new task's "create" entry, written by the database from the rows just inserted
        # (new = the file it came from; the batch names the import run)
        bulk.history_of_new_tasks(ids, self.source, now, self.run.user, self.run.batch)
        self.rep.added += len(tasks)

    def _extension_row(self, tid: int, e) -> tuple:
        days = self.bulk.days
        return (tid, days[e.old_date], e.old_text, days[e.new_date], e.new_text, e.reason,
                self.bulk.stamp(e.at) if e.at else self.now, e.by or self.run.user)

    def _note_row(self, tid: int, n) -> tuple:
        return (tid, self.bulk.days[n.on] if n.on else self.today, n.text, n.percent, n.by or self.run.user, self.now)

    def _refused(self, rec: TaskRecord, old, change: Change) -> Problem | None:
        """The rulebook's word on the task a change leaves, against what is stored (an update
        sheet need not name the directive): done before its directive was issued; an
        extension added that does not move the stored deadline later."""
        values, today = change.values, self.run.today
        status, done_on = values.get("status", old.status), stored_day(values.get("done_on", old.done_on))
        if status == S.DONE and done_on is not None:
            ddate = self.run.lookups.directives.date_of(values.get("directive_id", old.directive_id))
            for p in rules.check_completion(done_on, status=None, directive_date=ddate, today=today):
                if p.key == "task.done_before_directive":
                    return self.cols.problem("import.done_before_directive", rec.row, "done_on",
                                             format_date(done_on), format_date(ddate))
        if change.extensions:  # (the first one the row adds moves the deadline in force)
            first, in_force = change.extensions[0], stored_day(old.deadline)
            for p in rules.check_extension(first.new_date, in_force=in_force, status=None, reason_needed=False):
                return self.cols.problem("import.extension_not_later", rec.row, "extensions", first.new_text,
                                         format_date(in_force))
        return None

    def _apply(self, rec: TaskRecord, old, change: Change) -> None:
        """A stored task's change: with ``--update`` written (with its history), else skipped
        (the first twenty said, by the file's own headers)."""
        run, conn = self.run, self.conn
        if not run.update:
            self.rep.skipped += 1
            if self.rep.skipped <= 20:
                fields = ", ".join(self._header_of(f) for f, _c in change.history)
                run.report.add(self.cols.at_column("import.differs", rec.row, fields, "", "--update", "warning"))
            return
        tid = change.task_id
        if change.support is not None:
            conn.execute(delete(TS).where(TS.c.task_id == tid))
            if change.support:
                conn.execute(insert(TS), [{"task_id": tid, "unit_id": u, "position": i}
                                          for i, u in enumerate(change.support)])
        for e in change.extensions:
            conn.execute(insert(E).values(task_id=tid, old_deadline=e.old_date, old_deadline_text=e.old_text,
                                          new_deadline=e.new_date, new_deadline_text=e.new_text, reason=e.reason,
                                          at=e.at or run.now, by=e.by or run.user))
        notes = [{"task_id": tid, "on": n.on or run.today, "text": n.text, "percent": n.percent,
                  "by": n.by or run.user, "at": run.now} for n in change.notes]
        if notes:
            conn.execute(insert(PN), notes)
        values = dict(change.values, version=change.version + 1, updated_at=run.now)
        res = conn.execute(update(T).where(T.c.id == tid, T.c.version == change.version).values(**values))
        if res.rowcount != 1:
            run.report.add(self.cols.problem("import.conflict", rec.row, "id", tid, ""))
            self.rep.rejected += 1
            return
        # an extension or a progress note a row adds is one history row each, as `task extend`
        # and `task note` write them (an undo takes back one per row)
        items = [(f, c) for f, c in change.history if c is not None]
        items += [("extension", (None, f"{e.new_text}: {e.reason}")) for e in change.extensions]
        items += [("note", (None, history.note_words(n.text, n.percent))) for n in change.notes]
        conn.execute(insert(H), history_rows("task", tid, "import", items, at=run.now, by=run.user, batch=run.batch))
        if "directive_id" in values:  # a period's task under another date: assigned again, as an edit does
            from tracker.services.recurrence import reassign_instances

            reassign_instances(conn, task_id=tid)
        self.rep.updated += 1
        if "lead_unit_id" in change.values or change.support is not None:
            self._warn_inactive(rec, change.values.get("status", old.status),
                                change.values.get("lead_unit_id"), change.support)
        lead = next((c for f, c in change.history if f == "lead"), None)
        if lead is not None:
            self.rep.lead_changes.append((rec.row, tid, *lead))
        if len(self.rep.changes) < LISTED_CHANGES:  # (the first ones only: the rest are counted)
            said = [(f, history._text(o), history._text(n)) for f, (o, n) in items if f != "lead"]
            if said:
                self.rep.changes.append((rec.row, tid, said))

    def _warn_inactive(self, rec: TaskRecord, status: str, lead: int | None, support) -> None:
        """Work still to do given to a unit no longer active — a new task, or a stored one a
        row moves (the units it names anew): the rulebook's warning, as `task add` and `task
        edit` say it.  A row that repeats what the store holds gives nothing: not said."""
        by_id = self.run.lookups.units.by_id
        for p in rules.check_units_active(status, by_id.get(lead), [by_id[u] for u in support or () if u in by_id]):
            params = dict(p.params)
            self.run.report.add(self.cols.problem("import.unit_inactive", rec.row, p.field, p.value,
                                                  f"{params['code']} ({params['name']})", "warning"))

    def _header_of(self, fld: str) -> str:
        """The file's header for a changed field (a history field's name)."""
        present = self.cols.present
        fld = {"extension": "extensions", "note": "progress"}.get(fld, fld)
        if fld in ("deadline", "original_deadline") and fld not in present and f"{fld}_text" in present:
            fld += "_text"
        return self.cols.header(fld)

