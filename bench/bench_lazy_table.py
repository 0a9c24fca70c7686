"""How fast LazyTable paints and pages at 100k and 1M rows (headless, with Pilot).

    .venv/bin/python bench/bench_lazy_table.py [--rows 100000 1000000] [--sqlite]

Times are from the action to the first frame whose visible rows are all real rows (not
"…" placeholders).  Two sources: rows made on demand (the widget's own cost) and, with
``--sqlite``, an SQLite table read with LIMIT/OFFSET in thread workers (close to what the
app does; OFFSET near the end of a million rows is the slow case).  Budgets (DESIGN §8):
first screen <= 1 s (1.5 s at 1M), a page <= 0.1 s (0.2 s at 1M).
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import threading
import time

from textual.app import App, ComposeResult

from tracker.tui.widgets import Column, LazyTable, Row

STATUSES = ("open_overdue", "open_on_time", "done_on_time", "done_late", "no_deadline")
COLUMNS = [
    Column("id", "ID", 7, align="right"),
    Column("directive", "Văn bản", 16),
    Column("content", "Nội dung", 20, flex=1),
    Column("unit", "Đơn vị chủ trì", 16),
    Column("deadline", "Hạn", 10),
    Column("status", "Tình trạng", 12, style=lambda v, r: "bold $error" if v == "open_overdue" else None),
]


def make_row(i: int) -> Row:
    return Row(i, {
        "id": i, "directive": f"{i % 997}/KH-UBND", "content": f"Triển khai nhiệm vụ số {i} của kế hoạch",
        "unit": f"Phòng {i % 40}", "deadline": dt.date(2024, 1, 1) + dt.timedelta(days=i % 700),
        "status": STATUSES[i % 5]})


class MadeSource:
    def __init__(self, n: int, reverse: bool = False) -> None:
        self.n, self.reverse = n, reverse

    def count(self) -> int:
        return self.n

    def fetch(self, offset: int, limit: int) -> list[Row]:
        ids = range(offset, min(self.n, offset + limit))
        if self.reverse:
            ids = [self.n - 1 - i for i in ids]
        return [make_row(i) for i in ids]

    def index_of(self, row_id):
        return self.n - 1 - row_id if self.reverse else row_id


class SqliteSource:
    """LIMIT/OFFSET pages from a plain SQLite table; one connection per thread."""

    def __init__(self, path: str, order: str = "id") -> None:
        self.path, self.order = path, order
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = sqlite3.connect(self.path)
        return db

    def count(self) -> int:
        return self._db().execute("select count(*) from task").fetchone()[0]

    def fetch(self, offset: int, limit: int) -> list[Row]:
        cur = self._db().execute(
            f"select id, directive, content, unit, deadline, status from task order by {self.order} "
            "limit ? offset ?", (limit, offset))
        return [Row(r[0], {"id": r[0], "directive": r[1], "content": r[2], "unit": r[3],
                           "deadline": dt.date.fromisoformat(r[4]), "status": r[5]}) for r in cur]

    def index_of(self, row_id):
        if self.order == "id":
            return self._db().execute("select count(*) from task where id < ?", (row_id,)).fetchone()[0]
        return self._db().execute("select count(*) from task where id > ?", (row_id,)).fetchone()[0]


def build_sqlite(n: int, path: str) -> None:
    db = sqlite3.connect(path)
    db.execute("create table task (id integer primary key, directive text, content text, unit text,"
               " deadline text, status text)")
    db.executemany("insert into task values (?,?,?,?,?,?)", (
        (i, f"{i % 997}/KH-UBND", f"Triển khai nhiệm vụ số {i} của kế hoạch", f"Phòng {i % 40}",
         (dt.date(2024, 1, 1) + dt.timedelta(days=i % 700)).isoformat(), STATUSES[i % 5])
        for i in range(n)))
    db.commit()
    db.close()


class TimedTable(LazyTable):
    """Notes the time of every frame whose visible rows are all loaded."""

    painted_at = 0.0

    def render_lines(self, crop):
        strips = super().render_lines(crop)
        top = int(self.scroll_y)
        visible = range(top, min(self.row_count, top + self._body_height()))
        if self.row_count and all(self.row_at(i) is not None for i in visible):
            self.painted_at = time.perf_counter()
        return strips


class BenchApp(App):
    def __init__(self, source) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        yield TimedTable(COLUMNS, self.source)


async def wait_painted(table: TimedTable, since: float, timeout: float = 30.0) -> float:
    deadline = time.perf_counter() + timeout
    while table.painted_at <= since:
        if time.perf_counter() > deadline:
            raise TimeoutError("the table never painted its rows")
        await asyncio.sleep(0.0005)
    return table.painted_at - since


async def measure(source, reversed_source, label: str) -> dict[str, float]:
    figures: dict[str, list[float]] = {"page down": [], "page up": []}
    start = time.perf_counter()
    app = BenchApp(source)
    async with app.run_test(size=(160, 48)) as pilot:
        table = app.query_one(TimedTable)
        first = await wait_painted(table, start)
        for _ in range(10):
            t = time.perf_counter()
            await pilot.press("pagedown")
            figures["page down"].append(await wait_painted(table, t))
        for _ in range(5):
            t = time.perf_counter()
            await pilot.press("pageup")
            figures["page up"].append(await wait_painted(table, t))
        t = time.perf_counter()
        await pilot.press("end")
        end = await wait_painted(table, t)
        t = time.perf_counter()
        table.move_cursor(table.row_count // 2)
        middle = await wait_painted(table, t)
        t = time.perf_counter()
        table.set_source(reversed_source)
        while table.is_loading:
            await asyncio.sleep(0.0005)
        swap = await wait_painted(table, t)
        cached = table.cached_row_count
    return {
        "first screen (incl. app start)": first,
        "page down (median of 10)": statistics.median(figures["page down"]),
        "page down (worst)": max(figures["page down"]),
        "page up (median of 5)": statistics.median(figures["page up"]),
        "end (jump to last row)": end,
        "jump to the middle": middle,
        "new order, cursor kept": swap,
        "rows held in memory": cached,
    }


def report(label: str, figures: dict[str, float]) -> None:
    print(f"\n{label}")
    for name, value in figures.items():
        if name.startswith("rows"):
            print(f"  {name:<32} {int(value):>10,}")
        else:
            print(f"  {name:<32} {value * 1000:>9.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--sqlite", action="store_true", help="also read pages from SQLite")
    args = parser.parse_args()
    for n in args.rows:
        report(f"made rows, {n:,}", asyncio.run(measure(MadeSource(n), MadeSource(n, reverse=True), "")))
        if args.sqlite:
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "bench.db")
                t = time.perf_counter()
                build_sqlite(n, path)
                print(f"\n(sqlite table of {n:,} rows built in {time.perf_counter() - t:.1f} s)")
                report(f"sqlite LIMIT/OFFSET, {n:,}", asyncio.run(measure(
                    SqliteSource(path), SqliteSource(path, order="id desc"), "")))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
