"""Crashes: SIGKILL at random moments of an import and of a bulk change (issue 15).

The real command in a child process is killed while it works; afterwards the store passes
``tracker db check`` and holds all of the operation or none of it (on PostgreSQL: the killed
client's transaction is rolled back by the server).  A last run, not killed, must then land
whole: a kill leaves nothing in the way.  The long loop is ``bench/bench_crashes.py``.
"""
from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TRACKER = str(Path(sys.executable).with_name("tracker"))
ROWS = 6000


def tracker(db: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([TRACKER, "--db", db, "--user", "script", "--today", "15/06/2021", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(db: str, *args: str) -> subprocess.CompletedProcess:
    p = tracker(db, *args)
    out, err = p.communicate(timeout=300)
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


def kill_at(db: str, delay: float, *args: str) -> int:
    """Run, SIGKILL after ``delay`` seconds (if still running); the exit code."""
    p = tracker(db, *args)
    try:
        p.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
    p.communicate()
    return p.returncode


def counts(db_url: str) -> dict:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                    for t in ("unit", "directive", "task", "history", "progress_note")} | {
                "changed": conn.execute(text(
                    "SELECT count(*) FROM task WHERE leader LIKE 'Crash %'")).scalar()}
    finally:
        engine.dispose()


def wait_for_server_rollback(db_url: str) -> None:
    """A killed client's backend ends when the server notices the closed socket."""
    if not db_url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        for _ in range(100):
            with engine.connect() as conn:
                busy = conn.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state <> 'idle'")).scalar()
            if not busy:
                return
            time.sleep(0.1)
    finally:
        engine.dispose()


def check_store(db_url: str, *, command: bool = False) -> None:
    """What ``tracker db check`` checks (the command itself when ``command``), and on SQLite
    the file's own integrity and foreign keys."""
    if command:
        res = finish(db_url, "db", "check")
        assert res.returncode == 0, res.stdout + res.stderr
    else:
        from tracker.store.db import integrity_problems, make_engine

        engine = make_engine(db_url)
        try:
            assert integrity_problems(engine) == []
        finally:
            engine.dispose()
    if db_url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(db_url.removeprefix("sqlite:///"))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()


def changed_copy(src: Path, dst: Path) -> None:
    """The same tasks with every leader changed: a bulk change by ``import --update``."""
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index("Lãnh đạo phụ trách")
    for i, row in enumerate(rows[1:]):
        row[col] = f"Crash {i % 7}"
    with open(dst, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def rows_in(gen: Path) -> tuple[int, int]:
    """The units and directives the generated files hold."""
    def n(name):
        with open(gen / name, encoding="utf-8-sig", newline="") as f:
            return sum(1 for _ in csv.reader(f)) - 1
    return n("units.csv"), n("directives.csv")


@pytest.fixture(scope="module")
def office_files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash")
    res = subprocess.run([TRACKER, "dev", "generate", str(ROWS), "-o", str(folder / "gen")],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    changed_copy(folder / "gen" / "tasks.csv", folder / "changed.csv")
    return folder


def test_kills_leave_all_or_nothing(db_url, office_files):
    from tracker.services.context import Context

    Context.open(db_url).close()  # a store at head, as `tracker init` leaves it
    rng = random.Random(15)
    gen = office_files / "gen"
    files = [str(gen / n) for n in ("units.csv", "directives.csv", "tasks.csv")]
    empty = counts(db_url)
    before = after = 0
    for delay in sorted(rng.uniform(0.3, 2.0) for _ in range(2)):
        code = kill_at(db_url, delay, "import", *files)
        wait_for_server_rollback(db_url)
        check_store(db_url)
        now = counts(db_url)
        if now == empty:
            before += 1
            continue
        # it committed before the kill: the whole import is there
        assert (now["task"], now["unit"], now["directive"]) == (ROWS, *rows_in(gen)), (code, now)
        after += 1
        break
    if not after:  # the import, not killed, lands whole over what the kills left
        res = finish(db_url, "import", *files)
        assert res.returncode == 0, res.stderr
        assert counts(db_url)["task"] == ROWS
        check_store(db_url)
    assert before >= 1, "no kill landed inside the import: the test proved nothing"

    landed = counts(db_url)
    bulk_before = 0
    for delay in sorted(rng.uniform(0.3, 2.0) for _ in range(2)):
        kill_at(db_url, delay, "import", "--update", str(office_files / "changed.csv"))
        wait_for_server_rollback(db_url)
        check_store(db_url)
        now = counts(db_url)
        assert now["changed"] in (0, ROWS), now
        assert (now["changed"] == 0) == (now["history"] == landed["history"]), (now, landed)
        if now["changed"] == 0:
            bulk_before += 1
        else:
            break
    assert bulk_before >= 1, "no kill landed inside the bulk change"
    check_store(db_url, command=True)


def _children(pid: int) -> set[int]:
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_a_killed_import_leaves_no_reader_process_behind(sqlite_url, tmp_path):
    """A file of 8 MB or more is read in a forked process; killed, the import must not leave
    it waiting forever on a full queue (it did: one orphan of ~200 MB per kill)."""
    from tracker.services.context import Context
    from tracker.services.importing.parallel import PARALLEL_MIN_BYTES

    Context.open(sqlite_url).close()
    gen = tmp_path / "gen"
    subprocess.run([TRACKER, "dev", "generate", "30000", "-o", str(gen)], check=True, capture_output=True)
    assert (gen / "tasks.csv").stat().st_size >= PARALLEL_MIN_BYTES
    p = tracker(sqlite_url, "import", str(gen / "units.csv"), str(gen / "directives.csv"), str(gen / "tasks.csv"))
    readers: set[int] = set()
    deadline = time.monotonic() + 60
    while not readers and p.poll() is None and time.monotonic() < deadline:
        readers = _children(p.pid)
        time.sleep(0.05)
    assert readers, "the import ended before its reader process was seen"
    time.sleep(0.5)  # the reader fills the queue while the writer is stopped
    p.send_signal(signal.SIGKILL)
    p.wait()
    alive = set(readers)
    deadline = time.monotonic() + 10
    while alive and time.monotonic() < deadline:
        alive = {r for r in alive if Path(f"/proc/{r}").exists()
                 and "zombie" not in Path(f"/proc/{r}/status").read_text()}
        time.sleep(0.1)
    for r in alive:  # (don't leave them to the next test)
        os.kill(r, signal.SIGKILL)
    assert not alive, "the killed import's reader process lives on"
    p.communicate()
