"""Importing units, directives and tasks from files — all or nothing.

``import_files(ctx, paths, …)`` opens every file, reads units first, then directives, then
tasks (so one run can load a whole office), checks every row, reports every problem at once —
file, row, column, the value and what was expected — and writes in ONE transaction, rolled
back if any row of any file was rejected (or on ``dry_run``).  Memory stays flat: rows stream
from the readers and leave in batches.

Idempotent: a row that matches what the store holds is ``unchanged``; one that differs is
``skipped`` (said) or, with ``update``, changed field by field with a history entry each.

``directive`` (``tracker import --directive``): the directive of the task rows that name
none — a directive's annex of tasks (TT, Nội dung, Đơn vị chủ trì …, no directive column).

The map (each a module of this package):

    report      FileReport, ImportReport: what the run did, in the user's words
    columns     a table's headers → fields; where a cell is; ``clean`` text
    lookups     the store's units and directives, status/kind words, the deadline reader
    registers   unit and directive sheets (a row at a time)
    rows        THE row path of a task sheet: cells → TaskRecord + problems (rules: domain.rules)
    records     TaskRecord and its parts: the typed record a checked row becomes
    memo        remembered answers of the row path's pure parts, per distinct cells
    tasks       a task sheet: batches from the row path to the writer
    matching    a record against the store and the run: new, the same, changed, a duplicate
    writer      executemany / COPY, history rows, indexes set aside for a big load
    parallel    a big file read in a second process (typed messages)
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tracker.io.headers import KINDS, ColumnMap, detect_kind, label, map_headers
from tracker.io.problems import Problem, ReadError
from tracker.services import history
from tracker.services.bulk import collector_paused
from tracker.services.context import Context
from tracker.services.importing.columns import Columns, clean
from tracker.services.importing.lookups import Lookups
from tracker.services.importing.registers import DirectiveSheet, UnitSheet
from tracker.services.importing.report import FileReport, ImportReport
from tracker.services.importing.tasks import TaskSheet
from tracker.services.importing.writer import IMPORT_CACHE_KIB, IndexesAside

__all__ = ["import_files", "ImportReport", "FileReport", "clean"]

KIND_ORDER = {"units": 0, "directives": 1, "tasks": 2}
SHEETS = {"units": UnitSheet, "directives": DirectiveSheet, "tasks": TaskSheet}


class Run:
    """One import run: the transaction's connection, what rows are looked up in, the report."""

    def __init__(self, ctx: Context, conn, report: ImportReport, *, update: bool, new_names: bool = False):
        self.ctx, self.conn, self.report, self.update = ctx, conn, report, update
        self.batch = report.batch
        self.user = ctx.user
        self.today = ctx.today
        self.now = history.now()
        self.lookups = Lookups(ctx, conn, new_names=new_names)
        self.indexes = IndexesAside(conn)
        self.directive = None  # (``--directive``: the directive of the task rows naming none)


def import_files(ctx: Context, sources: Iterable[str], *, kind: str = "auto", fmt: str | None = None,
                 encoding: str | None = None, sheet: str | None = None, delimiter: str | None = None,
                 update: bool = False, dry_run: bool = False, stdin=None,
                 progress: Callable[[str, int], None] | None = None, new_names: bool = False,
                 directive: str | None = None) -> ImportReport:
    """Import ``sources`` (paths or ``-``) in one transaction; see the module's notes.
    ``new_names``: issuers and leaders close to a known one are new names, not misspellings.
    ``directive``: a directive reference (number, number@date, id) for the task rows that
    name none; one the store lacks is refused before anything is read.

    Returns the report; nothing is written unless ``report.committed``."""
    if kind not in ("auto", *KINDS):
        from tracker.services.errors import UsageError

        raise UsageError("import.bad_kind_option", value=kind, keys="auto, " + ", ".join(KINDS))
    report = ImportReport(dry_run=dry_run, batch=f"import-{uuid.uuid4().hex[:10]}")
    opened = []
    # rows make millions of small objects: the cycle collector walking them cost a quarter of the CPU
    with collector_paused():
        try:
            for src in sources:
                table = _open(src, report, kind=kind, fmt=fmt, encoding=encoding, sheet=sheet,
                              delimiter=delimiter, stdin=stdin,
                              provided=frozenset({"directive"}) if directive else frozenset())
                if table is not None:
                    opened.append(table)
            opened.sort(key=lambda item: KIND_ORDER[item[0]])
            try:
                _run(ctx, opened, report, update=update, dry_run=dry_run, progress=progress, new_names=new_names,
                     directive=directive)
            except DBAPIError as exc:  # (its own connection, not ctx.session(): said as the context says it)
                from tracker.store.db import store_error

                raise store_error(exc, ctx.where) from exc
        finally:
            for _kind, table, _cmap, _rep in opened:
                table.close()
    # in reading order (rows checked in a second process report apart from those checked here)
    order = {f.file: i for i, f in enumerate(report.files)}
    report.problems.sort(key=lambda p: (order.get(p.file, len(order)), p.row or 0))
    report.warnings.sort(key=lambda p: (order.get(p.file, len(order)), p.row or 0))
    return report


def _open(src, report: ImportReport, *, kind: str, provided: frozenset[str], **options
          ) -> tuple[str, Any, ColumnMap, FileReport] | None:
    """A file opened and its headers mapped (None: it cannot be imported; said); ``provided``:
    required task fields the run gives (``--directive``)."""
    from tracker.io.readers import open_table

    rep = FileReport(file=str(src))
    report.files.append(rep)
    try:
        table = open_table(src, **options)
    except ReadError as exc:
        report.add(exc.problem)
        return None
    rep.format, rep.encoding, rep.sheet = table.format, table.encoding, table.sheet
    k = kind if kind != "auto" else detect_kind(table.headers)
    if k is None:
        report.add(Problem("import.kind_unknown", file=table.name, row=table.header_row,
                           value=", ".join(table.headers[:6])))
        table.close()
        return None
    rep.kind = k
    cmap = map_headers(table.headers, k, provided=provided if k == "tasks" else frozenset())
    for problem in cmap.problems(file=table.name, row=table.header_row):
        report.add(problem)
    if cmap.update_only:  # said first, so that what follows reads right
        report.add(Problem("import.update_only", file=table.name, row=table.header_row,
                           value=", ".join(label(k, f) for f in cmap.update_only),
                           expected=cmap.header_for("id") or cmap.header_for("key") or "", severity="warning"))
    # a missing column does not hide the rows' other problems: they are read too (the
    # run then refuses, as any problem does), without "required" on each of them
    report.missing_columns.update((table.name, label(k, f)) for f in cmap.missing)
    return k, table, cmap, rep


def _run(ctx: Context, opened: list, report: ImportReport, *, update: bool, dry_run: bool, progress,
         new_names: bool, directive: str | None) -> None:
    """The one transaction: every sheet, then commit — or roll back on any problem."""
    with ctx.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # room for the indexes' pages while a big batch goes in (reset below)
            conn.exec_driver_sql(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
            conn.commit()
        tx = conn.begin()
        try:
            if not sqlite:  # one import at a time: ids are handed out by this run
                conn.execute(text("LOCK TABLE task IN SHARE ROW EXCLUSIVE MODE"))
            run = Run(ctx, conn, report, update=update, new_names=new_names)
            if directive:  # (refused here, before a row is read: the store must have it)
                run.directive = run.lookups.directives.entry(conn, directive)
            for k, table, cmap, rep in opened:
                step = None
                if progress is not None:
                    step = (lambda name: (lambda n: progress(name, n)))(table.name)
                try:
                    SHEETS[k](run, table, Columns(table, k, cmap), rep, step).run_rows()
                except ReadError as exc:  # the file broke part-way (encoding, JSON)
                    report.add(exc.problem)
                for problem in table.problems:
                    report.add(problem)
                if table.problem_count > len(table.problems):
                    report.error_count += table.problem_count - len(table.problems)
            if report.ok and not dry_run:
                run.lookups.names.register_new(ctx.user)  # the issuers and leaders this run brought in
                t = time.perf_counter()
                run.indexes.restore()
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
            if sqlite:
                conn.exec_driver_sql("PRAGMA cache_size=-2000")
                conn.commit()
