"""The core command line: start-up, task listings and diacritic-free search.

    .venv/bin/python bench/bench_cli.py [--tasks 100000 1000000] [--runs 5]

Whole processes (what a shell script pays): ``tracker --help`` (budget 0.15 s), ``task list``
first page by deadline, the overdue page, and ``task list --search`` first page (budget 0.1 s
at 100k, 0.5 s at 1M for the search itself).  The search query alone is also timed in-process,
since interpreter start and imports (~0.25 s here) are paid once per process, not per query.
Stores are the ones bench_reports.py makes under bench/out/.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from bench_reports import OUT, measure, make_store  # noqa: E402

TODAY = dt.date(2021, 6, 15)


def store(n: int) -> Path:
    path = OUT / f"reports-{n}.db"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"making a store of {n:,} tasks …", file=sys.stderr)
        make_store(path, n)
    return path


def in_process(db: Path, runs: int) -> dict[str, float]:
    from tracker.services.context import Context
    from tracker.services.query import count_tasks, list_tasks, resolve_filter

    ctx = Context.open(str(db), user="bench", today=TODAY)
    out = {}
    for label, kw in (("first page", {}), ("overdue page", {"timeliness": ["open_overdue"]}),
                      ("search 'bao cao' page", {"search": "bao cao"}),
                      ("search rare word page", {"search": "khongcotu"}),
                      ("unit page", {"units": ["TCKH"]})):
        flt = resolve_filter(ctx, **kw)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            list_tasks(ctx, flt, limit=50)
            times.append(time.perf_counter() - t)
        out[label] = statistics.median(times)
        t = time.perf_counter()
        count_tasks(ctx, flt)
        out[label + " + count"] = time.perf_counter() - t
    # a deep page (the app scrolling to the end)
    flt = resolve_filter(ctx)
    total = count_tasks(ctx, flt)
    t = time.perf_counter()
    list_tasks(ctx, flt, limit=50, offset=max(0, total - 50))
    out["last page (offset)"] = time.perf_counter() - t
    ctx.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    secs, mb, _ = measure(["--help"], args.runs)
    print(f"tracker --help: {secs * 1000:.0f} ms, {mb:.0f} MB   (budget 150 ms)")
    for n in args.tasks:
        db = store(n)
        print(f"\n{n:,} tasks ({db.name})")
        for label, cmd in (
            ("task list --limit 50", ["task", "list", "--limit", "50", "--format", "plain"]),
            ("task list --timeliness open_overdue --limit 50",
             ["task", "list", "--timeliness", "open_overdue", "--limit", "50", "--format", "plain"]),
            ("task list --search 'bao cao' --limit 50",
             ["task", "list", "--search", "bao cao", "--limit", "50", "--format", "plain"]),
        ):
            secs, mb, _ = measure(["--db", str(db), "--today", "15/06/2021", *cmd], args.runs)
            print(f"  process  {label:48} {secs * 1000:6.0f} ms {mb:5.0f} MB")
        for label, secs in in_process(db, args.runs).items():
            print(f"  query    {label:48} {secs * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
