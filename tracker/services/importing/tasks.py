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
from tracker.services.importing.columns import Columns
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


# the cells that name a task: a row with none of them names no task
NAMING = ("content", "directive", "lead", "id", "key")


def checked_batches(rows: TaskRows, table, cols: Columns) -> Iterator[CheckedBatch]:
    """The table's rows through the row path, ``BATCH`` at a time (a small first batch: the
    writer has something to do sooner).

    The lines below a table — a sheet's signature block ("Người lập biểu … Chánh Văn phòng"),
    a note — name no task: rows that fill none of the ``NAMING`` cells, from a blank line
    after the table's last task to the end, are left out, said in one warning.  (Such rows
    with a task after them, or right under a task, are read as any row: their problems are
    said — an update sheet's row that forgot its ID is an error.)"""
    size = BATCH
    records: list[TaskRecord] = []
    problems: list[Problem] = []
    read = rejected = 0
    wanted = max(1, size // 8)
    below: list[tuple[int, dict]] = []  # rows naming no task, from a blank line on
    last = None  # the last row read
    for number, raw in table.rows():
        if cols.stale():
            problems += cols.refresh(number)
        cells = cols.pick(raw)
        held = last is not None and (below or number > last + 1) and not names_a_task(cells)
        below.append((number, cells))
        if held:
            continue
        for n, c in below:  # (the rows held, a task after them: read after all; then this one)
            read += 1
            record, found = rows.read(n, c)
            if found:
                problems += found
            if record is None:
                rejected += 1
            else:
                records.append(record)
        below.clear()
        last = number
        if read >= wanted:
            yield CheckedBatch(records, problems, read, rejected, dict(cols.fields))
            records, problems, read, rejected, wanted = [], [], 0, 0, size
    if below:
        problems.append(below_the_table(cols, below))
    if read or problems:
        yield CheckedBatch(records, problems, read, rejected, dict(cols.fields))


def names_a_task(cells: dict) -> bool:
    """Whether a row fills any cell that names a task (its content, directive, lead unit,
    id or key)."""
    for fld in NAMING:
        value = cells.get(fld)
        if value is not None and (type(value) is not str or value.strip()):
            return True
    return False


def below_the_table(cols: Columns, below: list[tuple[int, dict]]) -> Problem:
    """The warning for the lines below the table: which rows, and what the first one says."""
    first = next((str(v).strip() for v in below[0][1].values() if v not in (None, "") and str(v).strip()), "")
    key = "import.below_table" if len(below) == 1 else "import.below_table_rows"
    return cols.at_column(key, below[0][0], "", first, "", "warning", last=below[-1][0], count=len(below))


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
        rows = TaskRows(self.run.lookups, self.cols)
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
