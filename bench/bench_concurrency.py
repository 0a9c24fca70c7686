"""Two at once, with real processes of the real command (issue 15, "Two at once").

    .venv/bin/python bench/bench_concurrency.py                 # SQLite, in a temporary folder
    .venv/bin/python bench/bench_concurrency.py --pg postgresql+psycopg://…/tracker_bench
    .venv/bin/python bench/bench_concurrency.py --writers 4 --notes 25 --tasks 5 --readers 2

Three rounds on the sample office (``tracker init --sample``):

1. scripts without a view of the task: WRITERS processes each run ``tracker task note`` NOTES
   times over the first TASKS tasks (and ``task done`` on one task each at the end), while
   READERS processes run ``tracker report overdue`` in a loop.  Every call must succeed, and
   the store must hold every note (version = 1 + changes, one history row each).
2. stale views: two processes read a task's version, wait for each other, then both run
   ``tracker task edit --if-version V``: exactly one must succeed, the other be refused naming
   the change that won (never "?"), and the store must hold the winner's words.
3. the app open (a process holding the store through the app's backend and saving notes
   from what it last read), cron's ``report overdue`` and a script importing a 20k-task file
   at once: no lock message anywhere.

Prints the figures; exits 1 if anything was lost or a lock message was seen.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRACKER = str(Path(sys.executable).with_name("tracker"))
LOCK_WORDS = re.compile(r"locked|khóa|đang ghi|OperationalError|Traceback|\(phiên bản \d+ → \?\)", re.I)


def tracker(db: str, *args: str, user: str = "bench") -> subprocess.CompletedProcess:
    return subprocess.run([TRACKER, "--db", db, "--user", user, "--today", "15/06/2021", *args],
                          capture_output=True, text=True, env=dict(os.environ, COLUMNS="120"))


def fresh_store(args, folder: Path) -> str:
    if args.pg:
        from sqlalchemy import create_engine, text

        engine = create_engine(args.pg)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        db = args.pg
    else:
        db = str(folder / "tracker.db")
    res = tracker(db, "init", "--sample")
    if res.returncode:
        sys.exit(f"init --sample failed: {res.stderr}")
    return db


def round_notes(db: str, args) -> bool:
    from sqlalchemy import create_engine, text

    stop = time.monotonic() + 3600
    calls: list[tuple[str, subprocess.CompletedProcess]] = []

    def writer(w: int):
        out = []
        for i in range(args.notes):
            tid = 1 + (w + i) % args.tasks
            out.append(("note", tracker(db, "task", "note", str(tid), f"ghi chú {w}-{i}", user=f"w{w}")))
        out.append(("done", tracker(db, "task", "done", str(1 + w % args.tasks), user=f"w{w}")))
        return out

    def reader(_r: int):
        out = []
        while time.monotonic() < stop and len(out) < args.reports:
            out.append(("report", tracker(db, "report", "overdue")))
        return out

    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        before = {r[0]: r[1] for r in conn.execute(text(
            "SELECT id, version FROM task WHERE id <= :n"), {"n": args.tasks})}
        notes_before = conn.execute(text("SELECT count(*) FROM progress_note")).scalar()
    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(args.writers + args.readers) as pool:
        futs = [pool.submit(writer, w) for w in range(args.writers)]
        futs += [pool.submit(reader, r) for r in range(args.readers)]
        for f in futs:
            calls += f.result()
    took = time.perf_counter() - t0
    failed = [(kind, c) for kind, c in calls if c.returncode != 0
              and not (kind == "done" and "đã hoàn thành" in c.stderr)]
    locks = [c for _k, c in calls if LOCK_WORDS.search(c.stdout + c.stderr)]
    with engine.connect() as conn:
        notes = conn.execute(text("SELECT count(*) FROM progress_note")).scalar() - notes_before
        after = {r[0]: r[1] for r in conn.execute(text(
            "SELECT id, version FROM task WHERE id <= :n"), {"n": args.tasks})}
    engine.dispose()
    done_ok = sum(1 for k, c in calls if k == "done" and c.returncode == 0)
    bumps = sum(after[t] - before[t] for t in before)
    want = args.writers * args.notes
    print(f"  {len(calls)} calls in {took:.1f} s: {args.writers} writers × {args.notes} notes "
          f"+ {args.writers} done, {args.readers} readers × {args.reports} reports")
    print(f"  failed: {len(failed)}; lock/conflict text seen: {len(locks)}; notes stored "
          f"{notes}/{want}; versions moved {bumps} (notes + done = {want + done_ok})")
    for kind, c in failed[:5]:
        print(f"    {kind}: {(c.stderr or c.stdout).strip()[:200]}")
    return not failed and not locks and notes == want and bumps == want + done_ok


def task_row(db: str, tid: int) -> dict:
    from sqlalchemy import create_engine, text

    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        row = conn.execute(text("SELECT version, notes FROM task WHERE id = :i"), {"i": tid}).one()
    engine.dispose()
    return {"version": row.version, "notes": row.notes}


def round_stale(db: str, args) -> bool:
    """Both processes read version V, then both edit with --if-version V."""
    import threading

    ok = True
    won = refused = 0
    for k in range(args.stale):
        tid = 1 + k % args.tasks
        version = task_row(db, tid)["version"]
        gate = threading.Barrier(2)
        results: dict[str, subprocess.CompletedProcess] = {}

        def edit(who: str):
            gate.wait()
            results[who] = tracker(db, "task", "edit", str(tid), "--if-version", str(version),
                                   "--notes", f"ghi bởi {who} lượt {k}", user=who)

        ts = [threading.Thread(target=edit, args=(w,)) for w in ("an", "binh")]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        codes = sorted(r.returncode for r in results.values())
        winner = next((w for w, r in results.items() if r.returncode == 0), None)
        loser = next((r for r in results.values() if r.returncode != 0), None)
        now = task_row(db, tid)
        good = (codes == [0, 1] and winner is not None and now["notes"] == f"ghi bởi {winner} lượt {k}"
                and now["version"] == version + 1 and loser is not None
                and winner in loser.stderr and f"{version} → {version + 1}" in loser.stderr)
        won += codes.count(0)
        refused += codes.count(1)
        if not good:
            ok = False
            print(f"    round {k}: codes {codes}; " + " | ".join(
                (r.stderr or r.stdout).strip()[:160] for r in results.values()))
    print(f"  {args.stale} rounds of two stale edits: {won} saved, {refused} refused naming "
          f"the other's change; overwritten: {'none' if ok else 'SEE ABOVE'}")
    return ok


APP = r"""
import sys, time
from tracker.services.context import Context
from tracker.tui.backend import Backend
from tracker.services.errors import TrackerError
from tracker.services.query import TaskFilter
ctx = Context.open(sys.argv[1], user="clerk")
app = Backend(ctx)
bad = 0
stop = sys.argv[2]  # the app stays open until this file appears
import os
n = 0
while not os.path.exists(stop) or n < 5:
    page = app.list_tasks(TaskFilter(), sort="deadline", descending=False, offset=0, limit=40)
    view = app.task_detail(page[n % len(page)].id).task
    try:
        app.add_note(view.id, f"app {n}", expected_version=view.version)
    except TrackerError as exc:
        print("APP:", exc.message()); bad += 1
    n += 1
    time.sleep(0.05)
print(f"APP saves {n} failed {bad}")
"""


def round_app_cron_import(db: str, args, folder: Path) -> bool:
    gen = folder / "generated"
    made = tracker(str(folder / "unused.db"), "dev", "generate", str(args.import_rows), "-o", str(gen))
    if made.returncode:
        sys.exit(f"dev generate failed: {made.stderr}")
    files = sorted(str(p) for p in gen.iterdir())
    stop = folder / "close-the-app"
    app = subprocess.Popen([sys.executable, "-c", APP, db, str(stop)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(1.0)
    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(3) as pool:
        imp = pool.submit(tracker, db, "import", *files, user="script")
        reps = [pool.submit(tracker, db, "report", "overdue") for _ in range(args.reports)]
        results = [imp.result()] + [r.result() for r in reps]
    stop.touch()
    app_out = app.communicate()[0]
    took = time.perf_counter() - t0
    seen = [r for r in results if LOCK_WORDS.search(r.stdout + r.stderr)]
    app_bad = "APP:" in app_out or LOCK_WORDS.search(app_out)
    print(f"  import of {args.import_rows} rows exit {results[0].returncode} "
          f"({took:.1f} s), {len(results) - 1} reports exit "
          f"{sorted(set(r.returncode for r in results[1:]))}; {app_out.strip().splitlines()[-1]}")
    print(f"  lock messages seen: {len(seen) + (1 if app_bad else 0)}")
    for r in seen[:3]:
        print("    " + (r.stderr or r.stdout).strip()[:200])
    if app_bad:
        print("    " + app_out.strip()[:300])
    return not seen and not app_bad and all(r.returncode == 0 for r in results)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg", default="", help="a PostgreSQL URL of a database this may wipe")
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--notes", type=int, default=25)
    ap.add_argument("--tasks", type=int, default=5)
    ap.add_argument("--readers", type=int, default=2)
    ap.add_argument("--reports", type=int, default=15, help="reports per reader")
    ap.add_argument("--stale", type=int, default=10, help="rounds of two stale edits")
    ap.add_argument("--import-rows", type=int, default=20000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tracker-conc-") as tmp:
        folder = Path(tmp)
        db = fresh_store(args, folder)
        print(f"engine: {'PostgreSQL' if args.pg else 'SQLite'}")
        print("1. scripts without a view (notes, done) beside readers")
        ok1 = round_notes(db, args)
        print("2. stale views (task edit --if-version)")
        ok2 = round_stale(db, args)
        print("3. the app open, cron's report and a script's import at once")
        ok3 = round_app_cron_import(db, args, folder)
    print("ALL HELD" if ok1 and ok2 and ok3 else "LOST OR REFUSED — see above")
    return 0 if ok1 and ok2 and ok3 else 1


if __name__ == "__main__":
    sys.exit(main())
