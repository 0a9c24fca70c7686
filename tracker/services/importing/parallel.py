"""Reading a big task file in a second process while this one writes (two cores).

The reader is a forked copy of the run just before the file's first row: it has the lookups
(units, directives, the calendar) and never touches the store.  It sends the writer the very
``CheckedBatch``es the row path makes here, then a ``ReadingDone`` — or a ``ReaderFailed``
when the file breaks part-way (a bad byte) or the reader itself fails.  A directive a row
plans travels inside its records as a ``DirectiveEntry`` without an id: the writer makes it.

Worth it for files of ``PARALLEL_MIN_BYTES`` or more, where ``fork`` exists and there is a
second core: reading and checking a row costs about what writing it does.
"""
from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.io.problems import Problem, ReadError
from tracker.services.importing.tasks import CheckedBatch, ReadingDone, checked_batches, reading_done

PARALLEL_MIN_BYTES = 8 * 1024 * 1024
QUEUE_BATCHES = 4  # batches read ahead of the writer at most (memory stays flat)


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


def reader_process(queue, rows, table, cols) -> None:
    """In the forked process: the row path over the table, its batches sent to the writer."""
    writer = os.getppid()

    def watch_writer() -> None:
        """The writer killed (SIGKILL, the OOM killer), nothing will read the queue again:
        end this process rather than wait on a full queue forever, holding its memory."""
        while os.getppid() == writer:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_writer, name="tracker-import-watch", daemon=True).start()
    cpu = time.process_time()
    try:
        for batch in checked_batches(rows, table, cols):
            queue.put(batch)
        done = reading_done(rows, table)
        done.reader_cpu = time.process_time() - cpu
        queue.put(done)
    except ReadError as exc:
        queue.put(ReaderFailed(problem=exc.problem))
    except BaseException:
        queue.put(ReaderFailed(trace=traceback.format_exc()))
    finally:
        queue.close()
        queue.join_thread()


def read_in_background(rows, table, cols, ctx, timings: dict) -> Iterator[CheckedBatch | ReadingDone]:
    """The messages of a reader process over ``table``, as they come; ``timings`` gets where
    the time went (reader and writer CPU, the writer's waiting)."""
    ctx.calendar()  # loaded here: the reader process must never touch the store
    mp = multiprocessing.get_context("fork")
    queue = mp.Queue(maxsize=QUEUE_BATCHES)
    proc = mp.Process(target=reader_process, args=(queue, rows, table, cols), name="tracker-import-reader",
                      daemon=True)
    proc.start()
    waited, cpu, started = 0.0, time.process_time(), time.perf_counter()
    try:
        while True:
            try:
                t = time.perf_counter()
                message = queue.get(timeout=1.0)
                waited += time.perf_counter() - t
            except queue_module.Empty:
                if proc.is_alive():
                    continue
                raise RuntimeError(f"import reader process ended without a word (exit code {proc.exitcode})") from None
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
        if proc.is_alive():
            proc.terminate()
        proc.join()
