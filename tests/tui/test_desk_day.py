"""A clerk's whole day at the desk, keyboard only: what went wrong on the way (fix4)."""
from __future__ import annotations

import asyncio
import threading

from textual.widgets import Input, TextArea

from tui_helpers import make_desk_app, plain, settle
from tracker.services import query
from tracker.tui.screens.forms import ConfirmScreen, FormScreen
from tracker.tui.screens.task_forms import TaskForm


async def _type(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text
    await settle(pilot)


async def _until(pilot, condition, seconds: float = 5.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
        await pilot.pause()
    raise AssertionError("the app never got there")


async def _new_task_saving(pilot, desk, gate: threading.Event, content: str):
    """Open the new-task form, fill it, and press Ctrl+S with the store held by ``gate``."""
    app = pilot.app
    real = app.backend.add_task

    def held(**fields):
        gate.wait(10)
        return real(**fields)

    app.backend.add_task = held
    await pilot.press("n")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, TaskForm)
    await _type(pilot, "#directive", "67/KH-UBND")
    await _type(pilot, "#content", content)
    await _type(pilot, "#lead", "TCKH")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert form._busy
    return form


async def test_esc_while_a_form_saves_neither_asks_to_discard_nor_leaves_it_stuck(desk):
    """Esc pressed while the save was on its way asked "Bỏ những gì vừa nhập?"; the save then
    closed that question instead of the form (Textual pops the screen on top), leaving the
    form at "Đang lưu…" with its task already added — and Esc, Y on it ended the app with an
    InvalidStateError traceback."""
    app = make_desk_app(desk, lang="en")
    gate = threading.Event()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = await _new_task_saving(pilot, desk, gate, "Việc lưu chậm")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)  # nothing to discard: it is saving
        assert app.screen is form
        assert any("Saving" in str(n.message) for n in app._notifications)
        gate.set()
        await _until(pilot, lambda: not isinstance(app.screen, FormScreen))
        await settle(pilot)
        assert query.count_tasks(desk, query.TaskFilter(search="viec luu cham")) == 1
        assert app.is_running and not isinstance(app.screen, FormScreen)


async def test_a_save_ending_under_another_screen_closes_its_form(desk):
    """The command palette opened over a saving form (Ctrl+P): the save's end closed the
    palette, not the form."""
    app = make_desk_app(desk, lang="en")
    gate = threading.Event()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = await _new_task_saving(pilot, desk, gate, "Việc lưu chậm hai")
        await pilot.press("ctrl+p")
        for _ in range(5):
            await pilot.pause()
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)
        gate.set()
        await _until(pilot, lambda: form not in app.screen_stack)
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, CommandPalette))
        assert app.screen is app.get_screen_stack("tasks")[0]
        assert query.count_tasks(desk, query.TaskFilter(search="viec luu cham hai")) == 1


async def test_a_periods_task_is_corrected_in_the_edit_form(desk):
    """e on one period's task of a recurring duty: the form opened with its deadline
    'hằng tháng - tháng 06/2021' marked ✗ (read as a new duty) and Ctrl+S refused it, so
    the content could not be corrected without retyping the deadline."""
    from tracker.services import tasks
    from tracker.store.tables import task as T
    from sqlalchemy import select

    tasks.add_task(desk, directive="67/KH-UBND", content="Báo cáo tiến độ giải ngân",
                   lead="TCKH", due="hằng tháng, trước ngày 20")
    with desk.read() as conn:
        june = conn.execute(select(T.c.id).where(T.c.period == "2021-06")).scalar_one()
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_task(june)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TaskForm)
        assert "✗" not in plain(form.query_one("#due-hint"))
        await _type(pilot, "#content", "Báo cáo giải ngân tháng 6")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    assert query.get_task(desk, june).task.content == "Báo cáo giải ngân tháng 6"


async def test_a_directive_just_added_is_the_one_n_assigns_to(desk):
    """N, the new directive saved: the cursor stayed on the row it was on (the new one,
    newest first, scrolled off above it), so n opened the task form on another directive."""
    from tracker.tui.screens.directives import DirectivesScreen

    app = make_desk_app(desk, lang="en", start="directives")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DirectivesScreen)
        await pilot.press("down")  # on the older directive
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        await _type(pilot, "#number", "105/KH-UBND")
        await _type(pilot, "#issuer", "UBND thành phố")
        await _type(pilot, "#date", "10/06/2021")
        await _type(pilot, "#title", "Về cải tạo chợ Đông Lương")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.table.cursor_row.data.number == "105/KH-UBND"
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TaskForm)
        assert form.query_one("#directive", Input).value.startswith("105/KH-UBND")


async def test_a_new_list_opens_at_its_first_row(desk):
    """A door, a saved view or a search shows other tasks: the cursor stayed at the row
    number it had (the 3rd of the open list became the ward's 3rd, its last), so
    Enter opened whatever sat there; a task the new list still holds keeps the cursor."""
    from tracker.services import tasks
    from tracker.tui.screens.tasks import TasksScreen

    for n, day in ((1, "20/01/2022"), (2, "25/01/2022"), (3, "30/01/2022")):
        tasks.add_task(desk, directive="67/KH-UBND", content=f"Việc của phường {n}", lead="P5",
                       due=day)
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TasksScreen)
        table = screen.table
        for _ in range(2):
            await pilot.press("down")
        await settle(pilot)
        assert table.cursor_index == 2 and table.cursor_row.data.lead != "P5"
        app.open_tasks(unit="P5", timeliness="open")
        await settle(pilot)
        assert table.row_count == 3
        assert table.cursor_index == 0 and table.cursor_row.data.content == "Việc của phường 1"
        # the task under the cursor is in the next list: it keeps the cursor
        await pilot.press("down")
        await settle(pilot)
        app.open_tasks(unit="P5")
        await settle(pilot)
        assert table.cursor_row.data.content == "Việc của phường 2"


async def test_the_task_on_screen_shows_what_another_program_changed(desk):
    """'tracker task done N' from another shell while the clerk reads task N: its detail
    said 'Chưa hoàn thành' for as long as it stayed open (the app's poll and F5 passed it
    by); now the poll reads it again, and F5 does at once."""
    from tracker.services import tasks

    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_task(desk.ids["soon"])
        await settle(pilot)
        title = app.screen.query_one("#detail-title")
        assert "Done" not in plain(title)
        tasks.complete_task(desk, desk.ids["soon"], on="14/06/2021")  # another program
        app.poll()
        await settle(pilot)
        assert "Done on time" in plain(title)
        tasks.reopen_task(desk, desk.ids["soon"])
        await pilot.press("f5")
        await settle(pilot)
        assert "Done" not in plain(title)
        assert app.screen.detail.task.status == "open"


async def test_a_progress_note_keeps_the_day_of_the_units_report(desk):
    """A unit's report of Friday recorded on Tuesday: the app's note form had no day (the
    note took today's, where `task note --on` takes the report's); it opens on today and
    takes another, said under it."""
    from tracker.tui.screens.change_forms import NoteForm

    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_task(desk.ids["late"])
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NoteForm)
        assert form.query_one("#on", Input).value == "15/06/2021"
        await _type(pilot, "#text", "Đã khảo sát xong")
        await _type(pilot, "#on", "11/6/2021")
        assert "11/06/2021" in plain(form.query_one("#on-hint"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    notes = query.get_task(desk, desk.ids["late"]).notes
    assert [(n.text, n.on.isoformat()) for n in notes] == [("Đã khảo sát xong", "2021-06-11")]
