"""Reading a big task file in a second process while this one writes (two cores).

The reader is a forked copy of the run just before the file's first row: it has the lookups
(units, directives, the calendar) and never touches the store.  It sends the writer, down a
one-way pipe, the very ``CheckedBatch``es the row path makes here, then a ``ReadingDone`` —
or a ``ReaderFailed`` when the file breaks part-way (a bad byte) or the reader itself fails.
A directive a row plans travels inside its records as a ``DirectiveEntry`` without an id: the
writer makes it.

The reader sends from its one thread: a batch is pickled and written while the writer takes
it, and the next one is read meanwhile.  (A queue's feeder thread, tried before, fought the
row path for the reader's interpreter lock: the more batches it let ahead, the slower both.)
Each end of the pipe lives in one process only, so either side ending is seen by the other:
the writer reads the end of the pipe, a reader whose writer was killed fails to send and ends.

Worth it for files of ``PARALLEL_MIN_BYTES`` or more, where ``fork`` exists and there is a
second core: reading and checking a row costs about what writing it does.
"""
from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.io.problems import Problem, ReadError
from tracker.services.importing.tasks import CheckedBatch, ReadingDone, checked_batches, reading_done

PARALLEL_MIN_BYTES = 8 * 1024 * 1024


@dataclass
class ReaderFailed:
    """The reader stopped: the file's problem (it cannot be read on), or a traceback."""

    problem: Problem | None = None
    trace: str = ""


def worth_it(name: str) -> bool:
    if name == "-" or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        return os.path.getsize(name) >= PARALLEL_MIN_BYTES
    except OSError:
        return False


def reader_process(receiving, sending, rows, table, cols) -> None:
    """In the forked process: the row path over the table, its messages sent to the writer."""
    receiving.close()  # (the writer's end lives in the writer only: a killed writer is seen here)
    try:
        for message in _messages(rows, table, cols):
            sending.send(message)
    except (OSError, KeyboardInterrupt):  # the writer is gone (killed, or stopped by Ctrl+C)
        os._exit(1)
    finally:
        sending.close()


def _messages(rows, table, cols) -> Iterator[CheckedBatch | ReadingDone | ReaderFailed]:
    """What the reader says: each batch, then the end of the table — or why it stopped."""
    cpu = time.process_time()
    try:
        yield from checked_batches(rows, table, cols)
        done = reading_done(rows, table)
        done.reader_cpu = time.process_time() - cpu
        yield done
    except ReadError as exc:
        yield ReaderFailed(problem=exc.problem)
    except Exception:
        yield ReaderFailed(trace=traceback.format_exc())


def read_in_background(rows, table, cols, ctx, timings: dict) -> Iterator[CheckedBatch | ReadingDone]:
    """The messages of a reader process over ``table``, as they come; ``timings`` gets where
    the time went (reader and writer CPU, the writer's waiting)."""
    ctx.calendar()  # loaded here: the reader process must never touch the store
    mp = multiprocessing.get_context("fork")
    receiving, sending = mp.Pipe(duplex=False)
    proc = mp.Process(target=reader_process, args=(receiving, sending, rows, table, cols),
                      name="tracker-import-reader", daemon=True)
    proc.start()
    sending.close()  # the reader's end, in the reader only: its end of the pipe is seen here
    waited, cpu, started = 0.0, time.process_time(), time.perf_counter()
    try:
        while True:
            t = time.perf_counter()
            try:
                message = receiving.recv()
            except EOFError:
                proc.join(5)
                raise RuntimeError(f"import reader process ended without a word (exit code {proc.exitcode})") from None
            waited += time.perf_counter() - t
            timings.setdefault("first_batch", time.perf_counter() - started)
            if isinstance(message, ReaderFailed):
                if message.problem is not None:
                    p = message.problem
                    raise ReadError(p.key, file=p.file, row=p.row, column=p.column, value=p.value,
                                    expected=p.expected, **p.extra)
                raise RuntimeError(f"import reader process failed:\n{message.trace}")
            yield message
            if isinstance(message, ReadingDone):  # the reader's last word
                timings.update(reader_cpu=message.reader_cpu, writer_wait=waited,
                               writer_cpu=time.process_time() - cpu, reader_done=time.perf_counter() - started)
                return
    finally:
        receiving.close()
        if proc.is_alive():
            proc.terminate()
        proc.join()
