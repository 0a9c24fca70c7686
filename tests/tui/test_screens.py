"""Today, Directives and Units: what they show matches the store, and every number opens
the task list behind it."""
from __future__ import annotations

from textual.widgets import Input, OptionList, Tree

from tui_helpers import make_desk_app, plain, settle
from tracker.services import tasks
from tracker.tui.screens.detail import TaskDetailScreen
from tracker.tui.screens.directives import DirectivesScreen
from tracker.tui.screens.tasks import TasksScreen
from tracker.tui.screens.today import TodayScreen
from tracker.tui.screens.units import UnitsScreen
from tracker.tui.widgets.filter_bar import FilterBar
from tracker.tui.widgets.lazy_table import LazyTable


def task_ids_listed(app) -> list[int]:
    table = app.screen.query_one("#tasks", LazyTable)
    return [table.row_at(i).id for i in range(table.row_count)]


def option_texts(option_list: OptionList) -> list[str]:
    return [str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count)]


async def choose(pilot, option_list: OptionList, index: int) -> None:
    option_list.focus()
    option_list.highlighted = index
    await pilot.press("enter")
    await settle(pilot)


async def test_number_keys_reach_every_screen(desk):
    app = make_desk_app(desk, start="today")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for key, screen in (("2", TasksScreen), ("3", DirectivesScreen), ("4", UnitsScreen),
                            ("1", TodayScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen)
            nav = plain(app.screen.query_one("#nav"))
            assert f"‹{key} " in nav  # the current screen is bracketed, not only coloured


async def test_today_counts_this_years_work_and_each_count_opens_its_list(desk):
    app = make_desk_app(desk, start="today", lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        counters = app.screen.query_one("#counters", OptionList)
        lines = option_texts(counters)
        # due in 2021: done on time 1, done late 0, open on time 2, overdue 1; ongoing 1
        numbers = [int(line.split()[0]) for line in lines]  # the number first: never cut
        assert numbers == [1, 0, 2, 1, 1]
        assert "Overdue" in lines[3]
        rate = plain(app.screen.query_one("#rate"))
        assert "50.0%" in rate  # 1 done of 2 fallen due
        await choose(pilot, counters, 2)
        assert isinstance(app.screen, TasksScreen)
        assert sorted(task_ids_listed(app)) == sorted([desk.ids["soon"], desk.ids["later"]])
        bar = app.screen.query_one(FilterBar).values
        assert (bar["due_from"], bar["due_to"]) == ("01/01/2021", "31/12/2021")
        await pilot.press("1")
        await settle(pilot)
        await choose(pilot, app.screen.query_one("#counters", OptionList), 4)
        assert task_ids_listed(app) == [desk.ids["ongoing"]]


async def test_enter_on_the_today_screen_opens_the_row_it_shows_at_once(desk):
    """The Today screen opened with its first panel focused but no row highlighted: Enter did
    nothing until ↓ had picked one.  Each panel opens on its first door."""
    app = make_desk_app(desk, start="today", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        counters = app.screen.query_one("#counters", OptionList)
        assert app.focused is counters and counters.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)  # the first count's list: done on time
        assert task_ids_listed(app) == [desk.ids["done"]]


async def test_today_overdue_by_unit_and_due_soon_are_doors(desk):
    tasks.add_task(desk, directive="67/KH-UBND", content="Việc quá hạn thứ hai", lead="QLDT",
                   due="20/05/2021")
    tasks.add_task(desk, directive="67/KH-UBND", content="Việc quá hạn của tài chính",
                   lead="TCKH", due="02/06/2021")
    app = make_desk_app(desk, start="today", lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        by_unit = app.screen.query_one("#by-unit", OptionList)
        lines = option_texts(by_unit)
        assert "Phòng Quản lý đô thị · up to 26 days" in lines[0] and lines[0].split()[0] == "2"
        assert "Phòng Tài chính" in lines[1]  # worst first
        await choose(pilot, by_unit, 0)
        assert isinstance(app.screen, TasksScreen)
        assert len(task_ids_listed(app)) == 2
        await pilot.press("1")
        await settle(pilot)
        soon = app.screen.query_one("#soon", OptionList)
        assert any(f"#{desk.ids['soon']}" in line for line in option_texts(soon))
        await choose(pilot, soon, 0)
        assert isinstance(app.screen, TaskDetailScreen)
        assert app.screen.task_id == desk.ids["soon"]


async def test_directives_list_tree_and_doors(desk):
    app = make_desk_app(desk, start="directives")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#directives", LazyTable)
        assert [table.row_at(i).values["number"] for i in range(table.row_count)] == [
            "67/KH-UBND", "320-KL/TU"]  # newest first
        assert table.row_at(0).values["tasks"] == 3
        tree = app.screen.query_one(Tree)
        labels = [str(node.label) for node in tree.root.children]
        assert labels[0].startswith("↑ ") and "320-KL/TU" in labels[0]  # what it implements
        own = tree.root.children[1]
        assert [node.data[1].id for node in own.children if node.data and node.data[0] == "task"] \
            == [desk.ids["late"], desk.ids["soon"], desk.ids["later"]]
        # the parent's tree lists this plan among the ones implementing it
        await pilot.press("down")
        await settle(pilot)
        own = app.screen.query_one(Tree).root.children[0]
        kids = own.children[0]
        assert "(1)" in str(kids.label)
        child = kids.children[0]
        child.expand()
        await settle(pilot)
        assert len([n for n in child.children if n.data and n.data[0] == "task"]) == 3
        # t: the task list of the directive under the cursor
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert sorted(task_ids_listed(app)) == sorted([desk.ids["ongoing"], desk.ids["done"]])


async def test_directive_search_and_opening_a_task_from_the_tree(desk):
    app = make_desk_app(desk, start="directives")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"ket luan phat trien")
        await settle(pilot)
        table = app.screen.query_one("#directives", LazyTable)
        assert table.row_count == 1 and table.row_at(0).values["number"] == "320-KL/TU"
        await pilot.press("enter")  # back to the list
        await pilot.press("enter")  # into the tree
        await settle(pilot)
        tree = app.screen.query_one(Tree)
        assert tree.has_focus
        own = tree.root.children[0]
        first_task = next(n for n in own.children if n.data and n.data[0] == "task")
        tree.move_cursor(first_task)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TaskDetailScreen)
        assert app.screen.task_id == first_task.data[1].id


async def test_directive_search_knows_the_issuers_other_spellings(desk):
    """"ubnd tp" found nothing, though the register knows it as UBND thành phố (and the task
    list's --issuer "ubnd tp" finds its directives)."""
    app = make_desk_app(desk, start="directives")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"ubnd tp")
        await settle(pilot)
        table = app.screen.query_one("#directives", LazyTable)
        shown = {table.row_at(i).values["number"] for i in range(table.row_count)}
        assert "67/KH-UBND" in shown and "320-KL/TU" not in shown


async def test_units_scorecard_for_a_period_and_its_doors(desk):
    app = make_desk_app(desk, start="units", lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        # the year in the interface's words (it read "năm 2021" in English)
        assert app.screen.query_one("#period", Input).value == "2021"
        table = app.screen.query_one("#units", LazyTable)
        assert table.row_count == 0  # by directive date (the default): none assigned in 2021
        await pilot.press("b")  # by deadline
        await settle(pilot)
        assert "by deadline" in plain(app.screen.query_one("#period-hint"))
        rows = {table.row_at(i).id: table.row_at(i).values for i in range(table.row_count)}
        assert rows["TCKH"]["assigned"] == 2 and rows["TCKH"]["open_on_time"] == 2
        assert rows["QLDT"]["open_overdue"] == 1 and rows["QLDT"]["rate"] == 0.0
        assert rows["P5"]["rate"] == 1.0
        period = app.screen.query_one("#period", Input)
        period.value = "Quý II/2021"
        await settle(pilot)
        assert "30/06/2021" in plain(app.screen.query_one("#period-hint"))
        rows = {table.row_at(i).id: table.row_at(i).values for i in range(table.row_count)}
        assert "TCKH" in rows and rows["TCKH"]["assigned"] == 1  # the one due 18/06
        index = [table.row_at(i).id for i in range(table.row_count)].index("QLDT")
        table.move_cursor(index)
        table.focus()
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert task_ids_listed(app) == [desk.ids["late"]]
        await pilot.press("4")
        await settle(pilot)
        period = app.screen.query_one("#period", Input)
        period.value = "quý chín"
        await settle(pilot)
        assert "✗" in plain(app.screen.query_one("#period-hint"))


KEYS = ["n", "N", "e", "d", "x", "c", "a", "r", "l", "u", "s", "S", "space", "enter", "slash",
        "question_mark", "i", "v", "pagedown", "f5", "ctrl+l", "ctrl+s", "delete", "t", "o",
        "p"]


async def test_no_key_on_any_screen_breaks_the_app(desk):
    """A new user pressing every key on every screen: dialogs open and close, nothing
    raises (an exception in a handler would end run_test with it)."""
    app = make_desk_app(desk, start="today", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for screen_key in ("1", "2", "3", "4"):
            for key in KEYS:
                await pilot.press(screen_key)
                await settle(pilot, rounds=1)
                await pilot.press(key)
                await settle(pilot, rounds=1)
                for _ in range(3):  # close whatever opened (a form may ask to discard)
                    if len(app.screen_stack) > 1:
                        await pilot.press("escape")
                        await settle(pilot, rounds=1)
                if len(app.screen_stack) > 1 and app.screen.query("#no"):
                    await pilot.press("n")
                    await settle(pilot, rounds=1)
                assert app.is_running
        assert query_count(desk) == 5  # nothing was written by accident


def query_count(ctx) -> int:
    from tracker.services import query

    return query.count_tasks(ctx)


async def test_n_assigns_a_task_of_the_directive_under_the_cursor(desk):
    """The first-run hint says: N records a directive, then n assigns its tasks — from the
    Directives screen itself, the form filled with the directive under the cursor."""
    from textual.widgets import TextArea

    from tracker.tui.screens.task_forms import TaskForm

    app = make_desk_app(desk, start="directives")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # 320-KL/TU
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TaskForm)
        assert form.value("directive").startswith("320-KL/TU")
        assert isinstance(app.focused, TextArea)  # the content: the first field to fill
        await pilot.press(*"Rà soát hồ sơ đất đai")
        form.query_one("#lead", Input).value = "TNMT"
        form.query_one("#due", Input).value = "30/06/2021"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DirectivesScreen)
        table = app.screen.query_one("#directives", LazyTable)
        assert table.cursor_row.values["number"] == "320-KL/TU"
        own = app.screen.query_one(Tree).root.children[0]
        assert any(n.data and n.data[0] == "task" and n.data[1].content == "Rà soát hồ sơ đất đai"
                   for n in own.children)
