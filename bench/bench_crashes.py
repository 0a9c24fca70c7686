"""Crashes, the long loop: SIGKILL at random moments of an import of 100k tasks and of a bulk
change (``import --update`` changing every task), many times (issue 15, "Crashes").

    .venv/bin/python bench/bench_crashes.py                       # SQLite, 100k, 10 + 10 kills
    .venv/bin/python bench/bench_crashes.py --rows 20000 --kills 30
    .venv/bin/python bench/bench_crashes.py --pg postgresql+psycopg://…/tracker_bench

Each kill is followed by ``tracker db check`` (and on SQLite PRAGMA integrity_check and
foreign_key_check) and a count of every table: the store must hold all of the operation or
none of it.  A kill is "before commit" when the store holds none of it, "after commit" when
it holds all of it (the process was killed between its commit and its exit).  The moments
are spread over the time an unkilled run takes (measured first, on a copy).  Prints the
figures; exits 1 on anything partial or damaged.
"""
from __future__ import annotations

import argparse
import csv
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRACKER = str(Path(sys.executable).with_name("tracker"))


def run(db: str, *args: str, kill_after: float | None = None) -> tuple[int, float]:
    t0 = time.perf_counter()
    p = subprocess.Popen([TRACKER, "--db", db, "--user", "script", "--today", "15/06/2021", *args],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        err = p.communicate(timeout=kill_after)[1]
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        p.wait()
        err = ""  # (not read: a process it forked could hold the pipe)
        p.stderr.close()
    if kill_after is None and p.returncode:
        sys.exit(f"{' '.join(args)} failed: {err}")
    return p.returncode, time.perf_counter() - t0


def url_of(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


def counts(db: str) -> dict:
    from sqlalchemy import create_engine, text

    engine = create_engine(url_of(db))
    with engine.connect() as conn:
        out = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
               for t in ("unit", "directive", "task", "task_support", "history", "progress_note")}
        out["changed"] = conn.execute(text("SELECT count(*) FROM task WHERE leader LIKE 'Crash %'")).scalar()
    engine.dispose()
    return out


def settle(db: str) -> None:
    """PostgreSQL: wait until the server has ended the killed client's backend."""
    if not db.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    for _ in range(300):
        with engine.connect() as conn:
            if not conn.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND state <> 'idle'")).scalar():
                break
        time.sleep(0.1)
    engine.dispose()


def healthy(db: str) -> bool:
    res = subprocess.run([TRACKER, "--db", db, "db", "check"], capture_output=True, text=True)
    ok = res.returncode == 0
    if not db.startswith("postgresql"):
        import sqlite3

        conn = sqlite3.connect(db)
        ok = ok and conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)] \
            and conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()
    if not ok:
        print("    db check:", (res.stdout + res.stderr).strip()[:300])
    return ok


def fresh(db: str, pg: bool) -> None:
    if pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(db)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    run(db, "init")


def office(folder: Path, rows: int) -> tuple[list[str], Path]:
    """A generated office of ``rows`` tasks, and its task file with every leader changed."""
    subprocess.run([TRACKER, "dev", "generate", str(rows), "-o", str(folder)], check=True,
                   capture_output=True)
    with open(folder / "tasks.csv", encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    col = table[0].index("Lãnh đạo phụ trách")
    for i, row in enumerate(table[1:]):
        row[col] = f"Crash {i % 7}"
    changed = folder / "changed.csv"
    with open(changed, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(table)
    return [str(folder / n) for n in ("units.csv", "directives.csv", "tasks.csv")], changed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--kills", type=int, default=10, help="kills of each operation")
    ap.add_argument("--pg", default="", help="a PostgreSQL URL of a database this may wipe")
    ap.add_argument("--bulk-rows", type=int, default=0,
                    help="the bulk change's store size (default: --rows; smaller when the VM is slow)")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="tracker-crash-"))
    try:
        files, _ = office(tmp / "gen", args.rows)
        bulk_rows = args.bulk_rows or args.rows
        bulk_files, changed = office(tmp / "bulk", bulk_rows) if args.bulk_rows else (files, _)
        db = args.pg or str(tmp / "tracker.db")
        print(f"engine: {'PostgreSQL' if args.pg else 'SQLite'}; import of {args.rows} tasks, "
              f"bulk change of {bulk_rows}; {args.kills} kills of each")

        fresh(db, bool(args.pg))
        _, full_import = run(db, "import", *files)
        landed = counts(db)
        fresh(db, bool(args.pg))
        run(db, "import", *bulk_files)
        _, full_update = run(db, "import", "--update", str(changed))
        print(f"  unkilled: import {full_import:.1f} s, bulk change {full_update:.1f} s")
        ok = True

        # imports: a fresh store each time (none of it, or all of it)
        fresh(db, bool(args.pg))
        empty = counts(db)
        before = after = survived = 0
        for k in range(args.kills):
            delay = rng.uniform(0.05, 1.1) * full_import
            run(db, "import", *files, kill_after=delay)
            settle(db)
            now = counts(db)
            good = healthy(db) and now in (empty, landed)
            survived += good
            if now == empty:
                before += 1
            elif now == landed:
                after += 1
                fresh(db, bool(args.pg))
            else:
                print(f"    kill {k} at {delay:.1f} s: PARTIAL {now}")
            ok &= good
        print(f"  import: {survived}/{args.kills} kills survived; landed before commit "
              f"{before}, after commit {after}")

        # bulk change over the landed import
        fresh(db, bool(args.pg))
        run(db, "import", *bulk_files)
        base = counts(db)
        before = after = survived = 0
        for k in range(args.kills):
            delay = rng.uniform(0.05, 1.1) * full_update
            run(db, "import", "--update", str(changed), kill_after=delay)
            settle(db)
            now = counts(db)
            none = now == base
            whole = now["changed"] == bulk_rows and now["task"] == base["task"] \
                and now["history"] > base["history"]
            good = healthy(db) and (none or whole)
            survived += good
            if none:
                before += 1
            elif whole:
                after += 1
                fresh(db, bool(args.pg))
                run(db, "import", *bulk_files)
            else:
                print(f"    kill {k} at {delay:.1f} s: PARTIAL {now}")
            ok &= good
        print(f"  bulk change: {survived}/{args.kills} kills survived; landed before commit "
              f"{before}, after commit {after}")
        print("NOTHING LOST, NOTHING HALF-WRITTEN" if ok else "DAMAGE OR PARTIAL — see above")
        return 0 if ok else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
