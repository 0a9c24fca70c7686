"""A task sheet: its rows read through the row path a batch at a time, and written.

    table.rows() ─▶ TaskRows.read (rows.py) ─▶ CheckedBatch ─▶ TaskWriter.write (writer.py)

The reading side (``checked_batches``) touches no store: so a big file may be read in a
second process while this one writes (``parallel.py``); the batches are the same either way.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from tracker.io.problems import Problem
from tracker.services.importing.columns import BelowTheTable, Columns, filled
from tracker.services.importing.report import FileReport
from tracker.services.importing.records import TaskRecord, pack, unpack
from tracker.services.importing.recurring import RecurringRows
from tracker.services.importing.rows import TaskRows
from tracker.services.importing.writer import TaskWriter

BATCH = 2000
BULK_LOAD_MIN_ROWS = 200_000  # a task file of about this many rows, into a smaller store …
BYTES_PER_ROW = 300  # (… guessed from its size) is loaded with the task indexes set aside


@dataclass
class CheckedBatch:
    """Rows read and checked: the records of the good ones, every problem, how many rows were
    read and rejected, and the table's columns by then (a JSON file may show more)."""

    records: list[TaskRecord]
    problems: list[Problem]
    read: int
    rejected: int
    columns: dict[str, str] = field(default_factory=dict)

    def __reduce__(self):  # (to the writer from the reader process: see records.pack)
        return _unpickle_batch, (pack(self.records), self.problems, self.read, self.rejected, self.columns)


def _unpickle_batch(values, problems, read, rejected, columns) -> CheckedBatch:
    return CheckedBatch(unpack(values), problems, read, rejected, columns)


@dataclass
class ReadingDone:
    """The end of a table: the vague group phrases left out (one warning each) and the
    problems the reader of the file itself found (cells past the header, broken lines)."""

    group_problems: list[Problem]
    table_problems: list[Problem]
    table_problem_count: int
    reader_cpu: float = 0.0  # (read in a second process: its CPU time)


def checked_batches(rows: TaskRows, table, cols: Columns) -> Iterator[CheckedBatch]:
    """The table's rows through the row path, ``BATCH`` at a time (a small first batch: the
    writer has something to do sooner); the lines below the table left out with a warning
    (``columns.BelowTheTable``)."""
    size = BATCH
    records: list[TaskRecord] = []
    problems: list[Problem] = []
    read = rejected = 0
    wanted = max(1, size // 8)

    whole = _whole_update_row if cols.update_only else _whole_row if rows.given_directive is None else _whole_annex_row
    end = BelowTheTable(cols, whole)
    for number, cells in end.rows(table, lambda found: problems.extend(found)):  # (JSON's new keys)
        read += 1
        record, found = rows.read(number, cells)
        if found:
            problems += found
        if record is not None:
            records.append(record)
        elif any(p.severity == "error" for p in found):  # (else a section's heading: no task)
            rejected += 1
        if read >= wanted:
            yield CheckedBatch(records, problems, read, rejected, dict(cols.fields))
            records, problems, read, rejected, wanted = [], [], 0, 0, size
    below = end.problem()
    if below is not None:
        problems.append(below)
    if read or problems:
        yield CheckedBatch(records, problems, read, rejected, dict(cols.fields))


def _whole_row(cells: dict) -> bool:
    """Whether a task row has what it must: its content, directive and lead unit."""
    return filled(cells.get("content")) and filled(cells.get("directive")) and filled(cells.get("lead"))


def _whole_annex_row(cells: dict) -> bool:
    """Whether a row of one directive's tasks (``--directive``) has its content and lead unit."""
    return filled(cells.get("content")) and filled(cells.get("lead"))


def _whole_update_row(cells: dict) -> bool:
    """Whether an update sheet's row names its task (ID or key)."""
    return filled(cells.get("id")) or filled(cells.get("key"))


def reading_done(rows: TaskRows, table) -> ReadingDone:
    return ReadingDone(rows.group_problems(), list(table.problems), table.problem_count)


class TaskSheet:
    """One task table of a run: read, checked and written (see the module's notes)."""

    def __init__(self, run, table, cols: Columns, rep: FileReport, progress):
        self.run, self.table, self.cols, self.rep, self.progress = run, table, cols, rep, progress
        source = "-" if table.name == "-" else os.path.basename(str(table.name))
        self.writer = TaskWriter(run, cols, rep, source, update_only=bool(cols.update_only))
        self.duties = RecurringRows(run, cols, rep, self.writer)

    def run_rows(self) -> None:
        from tracker.services.importing import parallel

        if self._big_next_to_store():
            self.run.indexes.drop()
        rows = TaskRows(self.run.lookups, self.cols, directive=self.run.directive)
        if parallel.worth_it(self.table.name):
            messages = parallel.read_in_background(rows, self.table, self.cols, self.run.ctx, self.rep.timings)
        else:
            messages = self._read_here(rows)
        for message in messages:
            if isinstance(message, CheckedBatch):
                self._take(message)
            else:
                self._end(message)
        self.writer.finish()
        self.duties.finish()  # recurring duties, after the sheet's tasks (their ids are given)

    def _read_here(self, rows: TaskRows):
        yield from checked_batches(rows, self.table, self.cols)
        yield reading_done(rows, self.table)

    def _take(self, batch: CheckedBatch) -> None:
        for header, fld in batch.columns.items():  # columns a JSON file showed later on
            if header not in self.cols.fields:
                self.cols.fields[header] = fld
                self.cols.present.add(fld)
        report = self.run.report
        for problem in batch.problems:
            report.add(problem)
        self.rep.rows += batch.read
        self.rep.rejected += batch.rejected
        self.writer.write(self.duties.take(batch.records))
        if self.progress:
            self.progress(self.rep.rows)

    def _end(self, done: ReadingDone) -> None:
        report = self.run.report
        for problem in done.group_problems:
            report.add(problem)
        # the file reader's own problems: kept there up to its limit, all counted
        self.table.problems[:] = done.table_problems
        self.table.problem_count = done.table_problem_count

    def _big_next_to_store(self) -> bool:
        """Whether this file is big next to the store: then the task table's secondary indexes
        are set aside while its rows go in and built again, sorted, before the commit — at a
        million rows several times quicker than keeping them up row by row."""
        name = self.table.name
        try:
            size = os.path.getsize(name) if name != "-" else 0
        except OSError:
            return False
        expected = size // BYTES_PER_ROW
        # (a file much like what the store holds — loaded again — keeps them: it may add nothing)
        return expected >= BULK_LOAD_MIN_ROWS and self.writer.ids.base - 1 < expected // 2
