"""The app's speed budgets at 100k and 1M tasks (DESIGN §8, issue 6), measured headlessly.

    .venv/bin/python bench/bench_tui.py [--tasks 100000 1000000] [--runs 3]

* start → first screen of tasks: a fresh process (interpreter, imports, opening the store,
  the schema check, the first query) until the task table has painted real rows; median
  of ``--runs``; with the child's peak memory.
* scroll a page, move the cursor, open a task's detail, a filter keystroke → updated table:
  inside one app driven by Pilot; each time runs from the key press to the first frame
  that shows the result (a frame is noted when the table paints with every visible row
  loaded).
Budgets on 100k (1M): first screen <= 1 s (1.5 s); page, move, detail <= 0.1 s (0.2 s);
filter keystroke <= 0.15 s (0.3 s); memory <= 250 MB.

The stores are made once under bench/out/ (``bench_reports.make_store``: the same synthetic
city office the report bench uses) and reused.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TODAY = dt.date(2021, 6, 15)
SIZE = (160, 48)


def store_for(n: int) -> Path:
    path = OUT / f"tui-{n}.db"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_reports import make_store

        OUT.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        print(f"making a store of {n:,} tasks …", file=sys.stderr)
        make_store(path, n)
        print(f"  made in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return path


# ------------------------------------------------------------------------- painting


def watch_paints():
    """Note the time of every frame in which the task table shows only real rows."""
    from tracker.tui.widgets.lazy_table import LazyTable

    original = LazyTable.render_lines

    def render_lines(self, crop):
        strips = original(self, crop)
        if not self.is_loading and self.source is not None:
            top = int(self.scroll_y)
            visible = range(top, min(self.row_count, top + self._body_height()))
            if all(self.row_at(i) is not None for i in visible):
                self.painted_at = time.perf_counter()
                self.painted_generation = self._generation
        return strips

    LazyTable.painted_at = 0.0
    LazyTable.painted_generation = -1
    LazyTable.render_lines = render_lines

    # a task's detail is painted with the first frame after its content arrived
    from textual.screen import Screen

    from tracker.tui.screens.detail import TaskDetailScreen

    refresh = Screen._compositor_refresh

    def compositor_refresh(self):
        result = refresh(self)
        if isinstance(self, TaskDetailScreen) and self.detail is not None:
            if getattr(self, "painted_for", None) != (self.task_id, id(self.detail)):
                self.painted_for = (self.task_id, id(self.detail))
                self.painted_at = time.perf_counter()
        return result

    Screen._compositor_refresh = compositor_refresh


async def painted_after(table, since: float, timeout: float = 30.0) -> float:
    deadline = time.perf_counter() + timeout
    while table.painted_at <= since or table.is_loading:
        if time.perf_counter() > deadline:
            raise TimeoutError("the table never painted")
        await asyncio.sleep(0.0005)
    return table.painted_at - since


# ------------------------------------------------------------------------- the child


def child(db: str) -> None:
    """Run the app until the first screen of tasks is painted, print, quit."""
    from tracker.tui.app import make_app

    watch_paints()
    app = make_app(db=db, user="bench", today=TODAY, lang="vi", start="tasks", poll_seconds=0)

    async def auto(pilot) -> None:
        from tracker.tui.widgets.lazy_table import LazyTable

        while True:
            tables = pilot.app.screen.query("#tasks")
            if tables and isinstance(tables.first(), LazyTable) and tables.first().painted_at:
                break
            await asyncio.sleep(0.001)
        table = tables.first()
        print(f"painted {table.row_count}", flush=True)
        pilot.app.exit()

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await auto(pilot)

    asyncio.run(run())


def start_time(db: Path, runs: int) -> tuple[float, float, int]:
    times, peaks, rows = [], [], 0
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(db)],
                                stdout=subprocess.PIPE, text=True)
        line = proc.stdout.readline()
        times.append(time.perf_counter() - t)
        proc.stdout.read()
        _pid, _status, usage = os.wait4(proc.pid, 0)
        peaks.append(usage.ru_maxrss / 1024)
        rows = int(line.split()[1]) if line.startswith("painted") else -1
    return statistics.median(times), max(peaks), rows


# ------------------------------------------------------------------------- in-process


async def interactions(db: Path) -> dict[str, float]:
    from tracker.tui.app import make_app
    from tracker.tui.screens.detail import TaskDetailScreen
    from tracker.tui.widgets.filter_bar import FilterBar
    from tracker.tui.widgets.lazy_table import LazyTable

    watch_paints()
    app = make_app(db=str(db), user="bench", today=TODAY, lang="vi", start="tasks",
                   poll_seconds=0)
    out: dict[str, list[float]] = {"page": [], "move": [], "detail": [], "keystroke": [],
                                   "timeliness": [], "sort": []}
    async with app.run_test(size=SIZE) as pilot:
        while not app.screen.query("#tasks"):
            await asyncio.sleep(0.001)
        table = app.screen.query_one("#tasks", LazyTable)
        await painted_after(table, 0.0)
        await pilot.pause()
        # widen to every task (the first screen shows open work)
        app.screen.query_one(FilterBar).set_values({})
        await asyncio.sleep(0.05)
        await painted_after(table, 0.0)
        for _ in range(20):
            t = time.perf_counter()
            await pilot.press("pagedown")
            out["page"].append(await painted_after(table, t))
        for _ in range(20):
            t = time.perf_counter()
            await pilot.press("down")
            out["move"].append(await painted_after(table, t))
        t = time.perf_counter()
        await pilot.press("end")
        out["end"] = [await painted_after(table, t)]
        for _ in range(5):
            t = time.perf_counter()
            await pilot.press("enter")
            while not (isinstance(app.screen, TaskDetailScreen)
                       and getattr(app.screen, "painted_at", 0) > t):
                await asyncio.sleep(0.0005)
            out["detail"].append(app.screen.painted_at - t)
            await pilot.press("escape")
            t = time.perf_counter()
            await pilot.press("up")
            await painted_after(table, t)
        # filter keystrokes: type a search word one letter at a time
        await pilot.press("home")
        await pilot.press("slash")
        for word in ("giai", "thu ngan", "viec 4242"):
            search = app.screen.query_one("#f-search")
            search.value = ""
            await pilot.pause()
            await painted_after(table, 0.0)
            for char in word:
                t = time.perf_counter()
                await pilot.press(char if char != " " else "space")
                out["keystroke"].append(await painted_after(table, t))
        search.value = ""
        bar = app.screen.query_one(FilterBar)
        for key in ("open_overdue", "done_late", "open", ""):
            t = time.perf_counter()
            bar.set_values({"timeliness": key})
            out["timeliness"].append(await painted_after(table, t))
        table.focus()
        for _ in range(3):
            for key in ("s", "S"):
                t = time.perf_counter()
                await pilot.press(key)
                out["sort"].append(await painted_after(table, t))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "scroll a page (median)": statistics.median(out["page"]),
        "scroll a page (worst of 20)": max(out["page"]),
        "move the cursor (median)": statistics.median(out["move"]),
        "jump to the last task": out["end"][0],
        "open a task's detail (median)": statistics.median(out["detail"]),
        "filter keystroke (median)": statistics.median(out["keystroke"]),
        "filter keystroke (worst)": max(out["keystroke"]),
        "timeliness filter (median)": statistics.median(out["timeliness"]),
        "sort by another column (median)": statistics.median(out["sort"]),
        "peak memory of the app (MB)": peak,
    }


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for n in args.tasks:
        db = store_for(n)
        start, start_peak, rows = start_time(db, args.runs)
        print(f"\n{n:,} tasks ({rows:,} open on the first screen)")
        print(f"  {'start → first screen of tasks':<34} {start * 1000:>8.0f} ms"
              f"   (peak {start_peak:.0f} MB)")
        figures = asyncio.run(interactions(db))
        for name, value in figures.items():
            if name.endswith("(MB)"):
                print(f"  {name:<34} {value:>8.0f}")
            else:
                print(f"  {name:<34} {value * 1000:>8.1f} ms")


if __name__ == "__main__":
    main()
