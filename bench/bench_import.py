"""Import and export timings and peak memory at 100k tasks (and 1M with --n 1000000).

    .venv/bin/python bench/bench_import.py            # 100k, SQLite, in a temporary folder
    .venv/bin/python bench/bench_import.py --repeat 5 # each import 5 times: median, best, worst
    .venv/bin/python bench/bench_import.py --n 1000000 --formats csv
    .venv/bin/python bench/bench_import.py --pg postgresql+psycopg://…/tracker_bench
    .venv/bin/python bench/bench_import.py --store /tmp/bx/csv.db --repeat 3   # the exports alone

Each measurement runs in a child process, so its peak memory (max RSS) is its own; the time
is the import/export call itself (Python start-up and the store's opening excluded, printed
apart).  The data comes from ``tracker.io.generate`` (the shape of the sample office).
On SQLite, right after each import it times SQLite alone storing the same rows (already Python
tuples, same tables, indexes and pragmas, one transaction): the floor under any import on this
VM at that moment, whose speed drifts by a third over an afternoon.
Budgets (DESIGN §8, issue 14): an import of 100k and of 1M within 1.5× that floor (the ratio is
printed last), memory flat; an export of 100k ≤ 2 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2021, 6, 15)


def child(argv: list[str]) -> None:
    """One measurement: prints a JSON line {seconds, rss_mb, rows}."""
    action, url = argv[0], argv[1]
    started = time.perf_counter()
    from tracker.services.context import Context

    ctx = Context.open(url, user="bench", today=TODAY, create=True)
    opened = time.perf_counter() - started
    t0 = time.perf_counter()
    if action == "import":
        from tracker.services.importing import import_files

        report = import_files(ctx, argv[2:])
        rows = report.total("added") + report.total("unchanged") + report.total("updated")
        ok = report.ok
        extra = {"added": report.total("added"), "unchanged": report.total("unchanged"),
                 "errors": report.error_count,
                 # which side bounds it: the reader process's and the writer's CPU, the writer's waiting
                 "timings": {k: round(v, 2) for f in report.files for k, v in f.timings.items()}}
    else:
        from tracker.services.exporter import export

        fmt, out = argv[2], argv[3]
        rows = export(ctx, "tasks", fmt, out).rows
        ok = True
        extra = {"bytes": os.path.getsize(out)}
    seconds = time.perf_counter() - t0
    ctx.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # a big import reads and checks its rows in a forked process: its peak counts too
    reader = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 3), "open": round(opened, 3), "rss_mb": round(rss),
                      "reader_mb": round(reader), "rows": rows, "ok": ok, **extra}))


def run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_store(url_or_dir: str, name: str) -> str:
    if url_or_dir.startswith("postgresql"):
        from sqlalchemy import text

        from tracker.store.db import make_engine, migrate

        engine = make_engine(url_or_dir)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        migrate(engine, url_or_dir)
        engine.dispose()
        return url_or_dir
    path = Path(url_or_dir) / name
    for stale in (path, *path.parent.glob(name + "-*"), *path.parent.glob(name + ".before-*")):
        stale.unlink(missing_ok=True)  # a --keep folder from an earlier run: start empty again
    return f"sqlite:///{path}"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        if sys.argv[2] == "floor":
            floor_child(*sys.argv[3:6])
        else:
            child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--formats", default="csv,jsonl")
    ap.add_argument("--exports", default="csv,jsonl,json,xlsx")
    ap.add_argument("--pg", help="a PostgreSQL URL to run on (its public schema is dropped!)")
    ap.add_argument("--keep", help="folder to keep the generated files in")
    ap.add_argument("--store", help="time only the exports, from this existing store (a path or URL)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each import into a new store (and each export) this many times: the "
                         "median import is shown with the best and worst, the best export")
    args = ap.parse_args()
    if args.store:
        export_only(args)
        return
    work = Path(args.keep or tempfile.mkdtemp(prefix="tracker-bench-"))
    try:
        imports_and_exports(args, work)
    finally:  # (a 100k run leaves half a gigabyte of files and stores: --keep to look at them)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def imports_and_exports(args, work: Path) -> None:
    from tracker.io.generate import generate

    print(f"tracker import/export bench: {args.n:,} tasks, {'PostgreSQL' if args.pg else 'SQLite'}, "
          f"{os.cpu_count()} cores; files in {work}" + ("" if args.keep else " (removed at the end)"))
    results = []
    floor: Floor | None = None
    ratios: dict[str, list[float]] = {}
    for fmt in args.formats.split(","):
        t = time.perf_counter()
        paths = generate(args.n, work / fmt, fmt=fmt)
        print(f"  generated {paths['tasks'].name}: {paths['tasks'].stat().st_size / 1e6:.1f} MB "
              f"in {time.perf_counter() - t:.1f} s")
        runs = []
        for _ in range(max(1, args.repeat)):  # this VM's speed drifts: the median of several
            url = fresh_store(args.pg or str(work), f"{fmt}.db")
            run_child("import", url, str(paths["units"]), str(paths["directives"]))
            runs.append(run_child("import", url, str(paths["tasks"])))
            assert runs[-1]["ok"] and runs[-1]["added"] == args.n, runs[-1]
            if not args.pg:  # SQLite alone storing the same rows, right after: the same moment
                floor = floor or Floor(url, work, paths)
                ratios.setdefault(fmt, []).append(runs[-1]["seconds"] / floor.run())
        first = sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]
        if len(runs) > 1:
            first = {**first, "spread": (min(r["seconds"] for r in runs), max(r["seconds"] for r in runs))}
        again = run_child("import", url, str(paths["tasks"]))
        results.append((f"import {fmt} (new store)", first))
        results.append((f"import {fmt} again (all unchanged)", again))
        assert again["ok"] and again["unchanged"] == args.n, again
    url = fresh_store(args.pg or str(work), f"{args.formats.split(',')[0]}.db") if args.pg else \
        f"sqlite:///{work / (args.formats.split(',')[0] + '.db')}"
    if args.pg:  # the store was dropped for the last format: load it again
        first_fmt = args.formats.split(",")[-1]
        paths = {k: work / first_fmt / v for k, v in (("units", "units.csv"), ("directives", "directives.csv"),
                                                       ("tasks", f"tasks.{first_fmt}"))}
        run_child("import", url, str(paths["units"]), str(paths["directives"]), str(paths["tasks"]))
    results += run_exports(url, work, args)
    print_results(results)
    if floor is not None:
        times = sorted(floor.times)
        print(f"  SQLite alone, the same {floor.rows:,} tasks, their rows as tuples, run right after each "
              f"import: median {median(times):.2f} s (best {times[0]:.2f}, worst {times[-1]:.2f})")
        for fmt, rs in ratios.items():
            rs = sorted(rs)
            print(f"  import {fmt} (new store): {median(rs):.2f}× SQLite alone (the median of each import "
                  f"against the floor run after it; {rs[0]:.2f}–{rs[-1]:.2f}×; budget 1.5×)")


def median(values: list[float]) -> float:
    values = sorted(values)
    return values[(len(values) - 1) // 2]


class Floor:
    """What SQLite alone takes to store the rows an import of this file writes — the same
    tables, indexes, pragmas and one transaction, the rows already Python tuples (no file read,
    nothing checked).  ``run`` is timed right after each import, so an import is read against
    this VM's speed of that moment (it drifts by a third over an afternoon); in a child process
    of its own, as each import is (this one stays small: a child's peak memory is its own)."""

    def __init__(self, url: str, work: Path, paths: dict):
        self.source = work / "floor-source.db"  # the rows an import stored, read by each run
        shutil.copy(url.removeprefix("sqlite:///"), self.source)
        self.base = fresh_store(str(work), "floor-base.db")  # the units and directives alone
        run_child("import", self.base, str(paths["units"]), str(paths["directives"]))
        self.work = work
        self.times: list[float] = []
        self.rows = 0

    def run(self) -> float:
        out = run_child("floor", str(self.source), self.base.removeprefix("sqlite:///"), str(self.work / "floor.db"))
        self.rows = out["rows"]
        self.times.append(out["seconds"])
        return out["seconds"]


def floor_child(source: str, base: str, target: str) -> None:
    """One run of the floor (``Floor``): prints a JSON line {seconds, rows}."""
    import sqlite3

    from tracker.services.importing.writer import IMPORT_CACHE_KIB

    src = sqlite3.connect(source)
    first_task_history = src.execute("SELECT min(id) FROM history WHERE entity = 'task'").fetchone()[0]
    data = {t: src.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("task", "task_support", "progress_note")}
    # each task's "create" entry, made by the database from the rows just put in, as the import does
    stamp = src.execute("SELECT new, at, \"by\", batch FROM history WHERE id = ?", (first_task_history,)).fetchone()
    src.close()
    for stale in (Path(target), *Path(target).parent.glob(Path(target).name + "-*")):
        stale.unlink(missing_ok=True)
    shutil.copy(base, target)
    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                   f"cache_size=-{IMPORT_CACHE_KIB}"):  # (the store's and the import's)
        conn.execute(f"PRAGMA {pragma}")
    started = time.perf_counter()
    conn.execute("BEGIN")
    for name, rows in data.items():
        sql = f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})"
        for i in range(0, len(rows), 2000):
            conn.executemany(sql, rows[i:i + 2000])
            if name == "task":
                conn.execute("INSERT INTO history (entity, entity_id, action, field, old, new, at, \"by\", batch) "
                             "SELECT 'task', id, 'create', '', NULL, ?, ?, ?, ? FROM task "
                             "WHERE id BETWEEN ? AND ?", (*stamp, rows[i][0], rows[min(i + 2000, len(rows)) - 1][0]))
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    print(json.dumps({"seconds": round(seconds, 3), "rows": len(data["task"])}))


def run_exports(url: str, work: Path, args) -> list[tuple[str, dict]]:
    """Each export format, ``--repeat`` times in a fresh child process each; the fastest run."""
    results = []
    for fmt in args.exports.split(","):
        out = work / f"export.{fmt}"
        runs = []
        for _ in range(max(1, args.repeat)):
            out.unlink(missing_ok=True)  # each run writes a new file, as the first does
            runs.append(run_child("export", url, fmt, str(out)))
        results.append((f"export {fmt}", min(runs, key=lambda r: r["seconds"])))
    return results


def export_only(args) -> None:
    url = args.store if "://" in args.store else f"sqlite:///{Path(args.store).resolve()}"
    work = Path(args.keep or tempfile.mkdtemp(prefix="tracker-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"tracker export bench: {url}, {os.cpu_count()} cores, best of {max(1, args.repeat)}; files in {work}")
    try:
        print_results(run_exports(url, work, args))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def print_results(results: list[tuple[str, dict]]) -> None:
    print(f"  {'what':36} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'peak MB':>8} {'reader MB':>10}")
    for name, r in results:
        rate = r["rows"] / r["seconds"] if r["seconds"] else 0
        reader = r.get("reader_mb") or "-"
        print(f"  {name:36} {r['rows']:>9,} {r['seconds']:>8.2f} {rate:>9,.0f} {r['rss_mb']:>8} {reader:>10}")
    print("  (seconds: the import/export call; opening the store and Python start-up are apart)")
    for name, r in results:
        if "spread" in r:
            print(f"  {name}: median of several runs; best {r['spread'][0]:.2f} s, worst {r['spread'][1]:.2f} s")
    for name, r in results:
        t = r.get("timings")
        if t:
            print(f"  {name}: reader CPU {t.get('reader_cpu', 0):.2f} s, writer CPU {t.get('writer_cpu', 0):.2f} s, "
                  f"writer waiting {t.get('writer_wait', 0):.2f} s; first batch at {t.get('first_batch', 0):.2f} s, "
                  f"reader done at {t.get('reader_done', 0):.2f} s; indexes {t.get('indexes', 0):.2f} s, "
                  f"commit {t.get('commit', 0):.2f} s")


if __name__ == "__main__":
    main()
