"""LazyTable over a fake million-row source: it fetches only windows, keeps the cursor's
row across a source swap, marks rows and posts its messages."""
from __future__ import annotations

import datetime as dt

import pytest
from textual import on
from textual.app import App, ComposeResult

from tracker.i18n import set_lang
from tracker.tui.widgets import Column, LazyTable, ListRowSource, Row

MILLION = 1_000_000


class FakeSource:
    """``n`` rows made on demand; row i has id ``ids(i)``.  Records every fetch."""

    def __init__(self, n: int = MILLION, ids=lambda i: i) -> None:
        self.n = n
        self.ids = ids
        self.calls: list[tuple[int, int]] = []
        self.counts = 0

    def count(self) -> int:
        self.counts += 1
        return self.n

    def fetch(self, offset: int, limit: int) -> list[Row]:
        self.calls.append((offset, limit))
        return [make_row(self.ids(i)) for i in range(offset, min(self.n, offset + limit))]

    @property
    def rows_fetched(self) -> int:
        return sum(min(self.n, o + lim) - o for o, lim in self.calls)


class EvenSource(FakeSource):
    """Only the even ids of the million, in order: a 'filter' that can locate rows."""

    def __init__(self) -> None:
        super().__init__(MILLION // 2, ids=lambda i: 2 * i)

    def index_of(self, row_id):
        return row_id // 2 if row_id % 2 == 0 else None


class ReversedSource(FakeSource):
    """The million in reverse: a 'sort' that moves every row far away."""

    def __init__(self) -> None:
        super().__init__(MILLION, ids=lambda i: MILLION - 1 - i)

    def index_of(self, row_id):
        return MILLION - 1 - row_id


class FailingSource(FakeSource):
    def fetch(self, offset, limit):
        raise RuntimeError("database is locked")


def make_row(i: int) -> Row:
    status = ("open_overdue", "open_on_time", "done_on_time")[i % 3]
    return Row(i, {"id": i, "content": f"Nhiệm vụ số {i}", "deadline": dt.date(2024, 1, 1),
                   "status": status})


STATUS_WORDS = {"open_overdue": "✗ Quá hạn", "open_on_time": "● Trong hạn",
                "done_on_time": "✓ Đúng hạn"}
STATUS_STYLES = {"open_overdue": "bold $error", "open_on_time": "$success",
                 "done_on_time": "$primary"}

COLUMNS = [
    Column("id", "ID", 8, align="right"),
    Column("content", "Nội dung", 20, flex=1),
    Column("deadline", "Hạn", 10),
    Column("status", "Tình trạng", 12, format=lambda v, r: STATUS_WORDS[v],
           style=lambda v, r: STATUS_STYLES[v]),
]


class TableApp(App):
    def __init__(self, source, **table_options) -> None:
        super().__init__()
        self.source = source
        self.table_options = {"page_size": 50, **table_options}
        self.messages: list = []

    def compose(self) -> ComposeResult:
        yield LazyTable(COLUMNS, self.source, **self.table_options)

    @on(LazyTable.CursorMoved)
    @on(LazyTable.RowActivated)
    @on(LazyTable.MarksChanged)
    @on(LazyTable.SortRequested)
    @on(LazyTable.SourceLoaded)
    @on(LazyTable.FetchFailed)
    def record(self, message) -> None:
        self.messages.append(message)

    def of(self, kind):
        return [m for m in self.messages if isinstance(m, kind)]


async def settle(pilot) -> None:
    """Let workers finish and the screen repaint (a repaint may ask for more pages)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_line(table: LazyTable, y: int) -> str:
    return table.render_line(y).text


@pytest.fixture(autouse=True)
def english():
    set_lang("en")
    yield
    set_lang("vi")


async def test_first_paint_fetches_only_a_window():
    source = FakeSource()
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        assert table.row_count == MILLION
        # 23 body lines + one screen of read-ahead fit in the first 50-row page
        assert source.calls == [(0, 50)]
        assert table.cached_row_count == 50
        assert "ID" in screen_line(table, 0) and "Nội dung" in screen_line(table, 0)
        assert "Nhiệm vụ số 0" in screen_line(table, 1)
        assert "Nhiệm vụ số 22" in screen_line(table, 23)
        assert table.cursor_id == 0
        loaded = app.of(LazyTable.SourceLoaded)
        assert [m.count for m in loaded] == [MILLION]


async def test_page_down_fetches_the_next_window_only():
    source = FakeSource()
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        await pilot.press("pagedown", "pagedown", "pagedown")
        await settle(pilot)
        assert table.cursor_index == 69 and table.cursor_id == 69
        assert int(table.scroll_y) == 69
        assert "Nhiệm vụ số 69" in screen_line(table, 1)
        # rows 46..137 are wanted: pages 1 and 2 were read as the screen reached them,
        # each once, and nothing further
        fetched = sorted(source.calls)
        assert fetched[0] == (0, 50)
        assert sum(limit for _, limit in fetched) == 150
        assert max(offset + limit for offset, limit in fetched) == 150
        calls = list(source.calls)
        await pilot.press("pageup")
        await settle(pilot)
        assert table.cursor_index == 46
        assert source.calls == calls  # already cached


async def test_end_and_home_jump_without_reading_the_middle():
    source = FakeSource()
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_index == MILLION - 1
        assert table.cursor_id == MILLION - 1
        assert f"Nhiệm vụ số {MILLION - 1}" in screen_line(table, 23)
        assert all(o == 0 or o >= MILLION - 100 for o, _ in source.calls)
        assert source.rows_fetched <= 150
        await pilot.press("home")
        await settle(pilot)
        assert table.cursor_index == 0 and int(table.scroll_y) == 0
        assert table.cached_row_count <= 64 * 50


async def test_up_down_move_the_cursor_and_post_cursor_moved():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        app.messages.clear()
        await pilot.press("down", "down", "up")
        await settle(pilot)
        assert table.cursor_index == 1
        moved = app.of(LazyTable.CursorMoved)
        assert [m.row_id for m in moved] == [1, 2, 1]
        assert moved[-1].row.values["content"] == "Nhiệm vụ số 1"
        await pilot.press("up", "up")  # clamps at the first row
        await settle(pilot)
        assert table.cursor_index == 0
        assert screen_line(table, 1).startswith("▸")


async def test_cursor_keeps_its_row_id_when_the_source_is_filtered():
    source = FakeSource()
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        for _ in range(10):
            await pilot.press("down")
        await settle(pilot)
        assert table.cursor_id == 10
        even = EvenSource()
        table.set_source(even)
        await settle(pilot)
        assert table.row_count == MILLION // 2
        assert table.cursor_id == 10 and table.cursor_index == 5
        assert "Nhiệm vụ số 10" in screen_line(table, 1 + table.cursor_index - int(table.scroll_y))
        assert even.rows_fetched <= 100


async def test_cursor_follows_its_row_to_the_far_end_after_a_sort():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        table.move_cursor(30)
        await settle(pilot)
        line = table.cursor_index - int(table.scroll_y)
        assert line == 22  # the last body line
        reversed_source = ReversedSource()
        table.set_source(reversed_source)
        await settle(pilot)
        assert table.cursor_id == 30
        assert table.cursor_index == MILLION - 31
        # it stays on the screen line it was on
        assert table.cursor_index - int(table.scroll_y) == line
        assert all(o >= MILLION - 200 for o, _ in reversed_source.calls)
        assert app.of(LazyTable.CursorMoved)[-1].row_id == 30


async def test_cursor_found_in_the_first_window_when_the_source_cannot_locate():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        table.move_cursor(12)
        await settle(pilot)
        # a source without index_of whose order shifts every row down by 3
        shifted = FakeSource(MILLION, ids=lambda i: i - 3)
        table.set_source(shifted)
        await settle(pilot)
        assert table.cursor_id == 12 and table.cursor_index == 15


async def test_cursor_found_at_the_top_after_a_narrower_filter_without_index_of():
    source = FakeSource()
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        table.move_cursor(5000)
        await settle(pilot)
        # "only multiples of 1000": row 5000 is now the sixth row
        narrow = FakeSource(1000, ids=lambda i: 1000 * i)
        table.set_source(narrow)
        await settle(pilot)
        assert table.cursor_id == 5000 and table.cursor_index == 5
        assert narrow.rows_fetched <= 150


async def test_cursor_stays_at_its_position_when_its_row_is_gone():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        for _ in range(7):
            await pilot.press("down")
        await settle(pilot)
        table.set_source(EvenSource())  # id 7 is odd: filtered out
        await settle(pilot)
        assert table.cursor_index == 7 and table.cursor_id == 14
        table.set_source(ListRowSource([make_row(1), make_row(2)]))
        await settle(pilot)
        assert table.cursor_index == 1 and table.cursor_id == 2


async def test_a_stale_load_does_not_overwrite_a_newer_source():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        first, second = FakeSource(300), FakeSource(200)
        table.set_source(first)
        table.set_source(second)
        await settle(pilot)
        assert table.source is second and table.row_count == 200
        assert [m.count for m in app.of(LazyTable.SourceLoaded)][-1] == 200


async def test_space_marks_rows_and_marks_survive_a_swap():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        await pilot.press("space", "space", "down", "space")
        await settle(pilot)
        assert table.marked == {0, 1, 3}
        assert table.cursor_index == 4
        assert [set(m.marked) for m in app.of(LazyTable.MarksChanged)] == [
            {0}, {0, 1}, {0, 1, 3}]
        assert screen_line(table, 1)[1] == "✓" and screen_line(table, 3)[1] == " "
        await pilot.press("up", "space")  # unmark 3
        await settle(pilot)
        assert table.marked == {0, 1}
        table.set_source(EvenSource())
        await settle(pilot)
        assert table.marked == {0, 1}
        assert screen_line(table, 1)[1] == "✓"  # id 0 still shown marked
        table.clear_marks()
        await settle(pilot)
        assert table.marked == set()
        assert set(app.of(LazyTable.MarksChanged)[-1].marked) == set()


async def test_enter_posts_row_activated_with_the_row():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("pagedown", "down", "enter")
        await settle(pilot)
        activated = app.of(LazyTable.RowActivated)
        assert len(activated) == 1
        assert activated[0].row_id == 24 and activated[0].index == 24
        assert activated[0].control is app.query_one(LazyTable)


async def test_click_selects_and_double_click_activates():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        await pilot.click(LazyTable, offset=(20, 6))  # 6th body line
        await settle(pilot)
        assert table.cursor_index == 5
        assert not app.of(LazyTable.RowActivated)
        await pilot.double_click(LazyTable, offset=(20, 8))
        await settle(pilot)
        assert table.cursor_index == 7
        assert [m.row_id for m in app.of(LazyTable.RowActivated)] == [7]
        await pilot.click(LazyTable, offset=(1, 3))  # the mark column toggles a mark
        await settle(pilot)
        assert table.marked == {2}


async def test_header_click_and_s_key_request_a_sort():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        x_content = screen_line(table, 0).index("Nội dung")
        await pilot.click(LazyTable, offset=(x_content + 2, 0))
        await settle(pilot)
        request = app.of(LazyTable.SortRequested)[-1]
        assert (request.column_key, request.descending) == ("content", False)
        table.set_sort("content", False)
        await settle(pilot)
        assert "Nội dung ▲" in screen_line(table, 0)
        await pilot.click(LazyTable, offset=(x_content + 2, 0))
        await settle(pilot)
        request = app.of(LazyTable.SortRequested)[-1]
        assert (request.column_key, request.descending) == ("content", True)
        await pilot.press("s")  # next sortable column
        await pilot.press("S")  # reverse the current one
        await settle(pilot)
        requests = app.of(LazyTable.SortRequested)[-2:]
        assert [(r.column_key, r.descending) for r in requests] == [
            ("deadline", False), ("content", True)]
        # a header click does not move the cursor
        assert table.cursor_index == 0


async def test_cells_use_words_and_theme_styles():
    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        line = table.render_line(2)  # row 0 is the cursor; row 1 is plain
        assert "● Trong hạn" in line.text and "02" not in line.text[-3:]
        segment = next(s for s in line if "Trong hạn" in s.text)
        success = app.get_css_variables()["success"][:7].lower()
        assert segment.style.color.triplet.hex == success
        overdue = next(s for s in table.render_line(4) if "Quá hạn" in s.text)
        assert overdue.style.bold


async def test_flexible_columns_fill_the_width_and_narrow_tables_drop_columns():
    columns = [Column("id", "ID", 6, align="right"), Column("content", "Content", 10, flex=2),
               Column("leader", "Leader", 8, flex=1, min_table_width=100)]

    class Wide(App):
        def compose(self):
            yield LazyTable(columns, ListRowSource([make_row(1)]), fetch_in_thread=False)

    app = Wide()
    async with app.run_test(size=(120, 10)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        header = screen_line(table, 0)
        assert table.render_line(0).cell_length == 120
        # 120 - 3 (marks) - 3 (separators) - 24 (minimum widths) = 90 spare cells,
        # shared 2:1 between Content and Leader
        assert header.index("Content") == 3 + 7 and header.index("Leader") == 3 + 7 + 71
        await pilot.resize_terminal(80, 10)
        await settle(pilot)
        assert "Leader" not in screen_line(table, 0)
        assert table.render_line(0).cell_length == 80


async def test_columns_wider_than_the_screen_scroll_sideways():
    columns = [Column(f"c{i}", f"Col{i}", 15) for i in range(8)]
    rows = [Row(i, {f"c{j}": f"r{i}c{j}" for j in range(8)}) for i in range(5)]

    class Wide(App):
        def compose(self):
            yield LazyTable(columns, ListRowSource(rows), fetch_in_thread=False)

    app = Wide()
    async with app.run_test(size=(60, 10)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        assert "Col7" not in screen_line(table, 0)
        await pilot.press("end")
        for _ in range(5):  # a column at a time
            await pilot.press("right")
        await settle(pilot)
        assert "Col7" in screen_line(table, 0)
        assert "r4c7" in screen_line(table, 5)


async def test_synchronous_mode_and_empty_source():
    app = TableApp(ListRowSource([]), fetch_in_thread=False)
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        assert table.row_count == 0 and table.cursor_row is None
        assert "No rows" in screen_line(table, 1)
        await pilot.press("down", "enter", "space", "end")  # nothing to do, no error
        await settle(pilot)
        assert not app.of(LazyTable.RowActivated) and table.marked == set()
        table.set_source(ListRowSource([make_row(i) for i in range(3)]))
        await settle(pilot)
        assert table.row_count == 3 and "Nhiệm vụ số 2" in screen_line(table, 3)


async def test_vietnamese_words_for_the_empty_table():
    set_lang("vi")
    app = TableApp(ListRowSource([]), fetch_in_thread=False)
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        assert "Không có dòng nào" in screen_line(app.query_one(LazyTable), 1)


async def test_a_failing_source_is_reported_not_raised():
    source = FailingSource(1000)
    app = TableApp(source)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        failures = app.of(LazyTable.FetchFailed)
        assert failures and "database is locked" in str(failures[0].error)
        assert table.row_count == 1000
        assert "…" in screen_line(table, 1)
        reported = len(app.of(LazyTable.FetchFailed))
        await pilot.press("down", "down")
        await settle(pilot)
        assert len(app.of(LazyTable.FetchFailed)) == reported  # not retried in a loop


async def test_reload_keeps_the_cursor_on_its_row():
    rows = [make_row(i) for i in range(100)]
    app = TableApp(ListRowSource(rows))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        table.move_cursor(30)
        await settle(pilot)
        assert table.cursor_id == 30
        # another clerk added five rows at the top
        table.set_source(ListRowSource([make_row(1000 + i) for i in range(5)] + rows))
        await settle(pilot)
        assert table.cursor_id == 30 and table.cursor_index == 35
        table.reload()
        await settle(pilot)
        assert table.cursor_id == 30


class SlowCountSource(FakeSource):
    """A search whose count takes long (a scan of every task) while its first page is quick."""

    def __init__(self) -> None:
        import threading

        super().__init__(MILLION)
        self.release = threading.Event()

    def count(self) -> int:
        self.release.wait(10)
        return super().count()


async def test_rows_show_before_a_slow_count_arrives():
    import asyncio

    app = TableApp(FakeSource())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(LazyTable)
        slow = SlowCountSource()
        loaded_before = len(app.of(LazyTable.SourceLoaded))
        table.set_source(slow)
        for _ in range(200):  # the page is on screen while the count still runs
            await asyncio.sleep(0.01)
            if not table.is_loading and "Nhiệm vụ số 0" in screen_line(table, 1):
                break
        assert "Nhiệm vụ số 0" in screen_line(table, 1) and not table.is_loading
        assert table.row_count < MILLION  # only what is known so far
        assert len(app.of(LazyTable.SourceLoaded)) == loaded_before  # no count claimed yet
        slow.release.set()
        await settle(pilot)
        assert table.row_count == MILLION
        assert [m.count for m in app.of(LazyTable.SourceLoaded)][-1] == MILLION
        assert table.cursor_id == 0
