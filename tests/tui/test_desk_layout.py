"""Small terminals: the task list's columns give way in order (content first, the saved-views
sidebar folds away) and none is dropped; Today keeps its numbers and says which year."""
from __future__ import annotations

import pytest

from tui_helpers import make_desk_app, settle
from tracker.tui.widgets.lazy_table import LazyTable


def _lines(table: LazyTable, n: int = 4) -> list[str]:
    return [table.render_line(y).text for y in range(n)]


@pytest.mark.parametrize("size,leader_in_view", [((80, 24), False), ((120, 36), True),
                                                 ((160, 48), True)])
async def test_directive_number_always_in_view_and_the_leader_from_120(desk, size, leader_in_view):
    app = make_desk_app(desk, start="tasks")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#tasks", LazyTable)
        header, first = _lines(table, 2)
        assert "Văn bản" in header and "67/KH-UBND" in first
        assert ("Lãnh đạo" in header) is leader_in_view
        assert ("Chủ tịch Nguyễn Văn A" in first) is leader_in_view
        # the sidebar of saved views folds away below 140 columns (v brings it back)
        assert app.screen.query_one("#views").display is (size[0] >= 140)
        if not leader_in_view:  # every column is reachable sideways
            for _ in range(8):
                await pilot.press("right")
            await settle(pilot)
            header, first = _lines(table, 2)
            assert "Lãnh đạo" in header and "Chủ tịch Nguyễn Văn A" in first
            for _ in range(8):
                await pilot.press("left")
            await settle(pilot)
            assert "Văn bản" in _lines(table, 1)[0]


async def test_today_keeps_numbers_at_60_columns_and_names_the_year(desk):
    from textual.widgets import OptionList

    app = make_desk_app(desk, start="today")
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        counters = app.screen.query_one("#counters", OptionList)
        lines = [counters.render_line(y).text for y in range(5)]
        # done on time 1, overdue 1 (the desk's tasks due in 2021): the numbers are shown
        assert any(line.split()[:1] == ["1"] for line in lines), lines
        titles = [str(w.render()) for w in app.screen.query(".section-title")]
        assert any("2021" in t for t in titles)
        assert any("mọi năm" in t for t in titles)


async def test_a_door_from_today_opens_its_list_in_deadline_order(desk):
    from tracker.services import tasks
    from tracker.tui.screens.tasks import TasksScreen

    tasks.add_task(desk, directive="320-KL/TU", content="Việc quá hạn sớm", lead="QLDT",
                   due="10/05/2021")
    app = make_desk_app(desk, start="tasks")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.post_message(LazyTable.SortRequested(screen.table, "content", False))
        await settle(pilot)
        assert (screen.sort, screen.descending) == ("content", False)
        await pilot.press("1")
        await settle(pilot)
        app.open_tasks(unit="QLDT", timeliness="open_overdue")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert (app.screen.sort, app.screen.descending) == ("deadline", False)
        table = app.screen.table
        listed = [table.row_at(i).data for i in range(table.row_count)]
        deadlines = [t.deadline_effective for t in listed]
        assert len(listed) == 2 and deadlines == sorted(deadlines)


async def test_first_run_on_an_empty_store_says_what_to_do_next(ctx, desk=None):
    app = make_desk_app(ctx, start="today", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        welcome = app.screen.query_one("#welcome")
        assert welcome.display
        text = str(welcome.render())
        assert "import" in text and "N to record a directive" in text and "tracker demo" in text
        assert all(len(line) <= 76 for line in text.splitlines())  # unwrapped at 80


async def test_no_welcome_once_there_is_work(desk):
    app = make_desk_app(desk, start="today")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#welcome").display


async def test_units_scorecard_keeps_every_count_at_80_columns(desk):
    app = make_desk_app(desk, start="units", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = app.screen.query_one("#units", LazyTable).render_line(0).text
        for word in ("Total", "On time", "Late", "Overdue"):
            assert word in header, header


@pytest.mark.parametrize("size,in_words,content", [((80, 24), False, 20), ((120, 36), False, 33),
                                                  ((160, 48), True, 36)])
async def test_the_status_leads_each_row_and_is_said_in_words_from_130_cells(desk, size, in_words, content):
    """At 80 columns the status is the row's symbol (its words were cut at the edge, "✖ Quá
    hạ"), and the content keeps 20 cells; at 120 the content has the room the words would
    take (it had 22 cells); from a table of 130 cells (160 columns, beside the filters) the
    words come back beside the days."""
    app = make_desk_app(desk, start="tasks")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#tasks", LazyTable)
        header, first = _lines(table, 2)
        task = table.row_at(0).data
        words = first.split()
        assert words[words.index(str(task.id)) + 1] == {"open_overdue": "✖", "open_on_time": "○"}[task.timeliness]
        assert ("Tình trạng" in header) is in_words
        assert task.content[:content - 1] in first


# the keys a clerk needs on each screen, by what the footer says of them
NEEDED_KEYS = {
    "today": {"vi": ["t ", "? "], "en": ["t ", "? "]},
    "tasks": {"vi": ["⏎ Mở", "space Đánh dấu", "d Hoàn thành", "x Gia hạn", "u Hoàn tác", "/ Lọc", "? "],
              "en": ["⏎ Open", "space Mark", "d Done", "x Extend", "u Undo", "/ Filter", "? "]},
    "directives": {"vi": ["⏎ Mở", "t ", "/ Lọc", "? "], "en": ["⏎ Open", "t ", "/ Filter", "? "]},
    "units": {"vi": ["⏎ Mở", "p Đổi kỳ", "o Việc quá hạn", "b Cách tính kỳ", "? "],
              "en": ["⏎ Open", "p Period", "o Overdue", "b Period basis", "? "]},
    "detail": {"vi": ["esc Quay lại", "d Hoàn thành", "x Gia hạn", "u Hoàn tác", "? "],
               "en": ["esc Back", "d Done", "x Extend", "u Undo", "? "]},
}


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("screen", list(NEEDED_KEYS))
async def test_every_screens_keys_fit_its_footer_uncut(desk, screen, lang, size):
    """At 80 columns the footer was cut with "…" (the task list lost undo, filter and help
    off its end): now the keys that matter most are shown whole, and the help key, which
    lists the others, is always there."""
    from tui_helpers import screen_lines

    app = make_desk_app(desk, start="tasks" if screen == "detail" else screen, lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        if screen == "detail":
            await pilot.press("enter")
            await settle(pilot)
        footer = screen_lines(app)[-1]
        assert "…" not in footer, footer
        assert footer.rstrip().endswith(("^p bảng lệnh", "^p commands", "q Thoát", "q Quit",
                                         "? Phím khác", "? More keys")), footer
        for key in NEEDED_KEYS[screen][lang]:
            assert key in footer, (key, footer)


@pytest.mark.parametrize("lang,basis", [("vi", "theo ngày văn bản giao"), ("en", "by directive date")])
async def test_units_header_shows_the_period_in_full_at_80_columns(desk, lang, basis):
    """The period line read "✓ theo ngày văn bản giao · 01/01/2021 –" at 80 columns: the
    period's end was cut off. Now its dates and what is counted are read in full."""
    from textual.widgets import Input

    from tui_helpers import screen_lines

    app = make_desk_app(desk, start="units", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "01/01/2021 – 31/12/2021" in screen_lines(app)[1]
        assert basis in screen_lines(app)[1]
        app.screen.query_one("#period", Input).value = "6 tháng đầu năm 2021"
        await settle(pilot)
        app.screen.query_one("#units").focus()
        await pilot.press("b")
        await settle(pilot)
        lines = screen_lines(app)
        assert "6 tháng đầu năm 2021" in lines[1]
        assert "01/01/2021 – 30/06/2021" in lines[1]
        assert {"vi": "theo thời hạn", "en": "by deadline"}[lang] in lines[1]
        assert not any("…" in line for line in (lines[1], lines[-2])), lines
