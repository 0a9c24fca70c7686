"""A QA round on the clerk's desk, each defect driven with Pilot as the tester met it."""
from __future__ import annotations

import datetime as dt

from textual.widgets import Input, TextArea

from tui_helpers import cursor_to, listed_ids, make_desk_app, plain, settle, table_of
from tracker.services import query
from tracker.tui.screens.tasks import TasksScreen
from tracker.tui.widgets.lazy_table import LazyTable





def hint_text(app, field_id: str) -> str:
    return plain(app.screen.query_one(f"#{field_id}-hint"))


# ------------------------------------------------------------- 1. e with rows marked


async def test_e_with_rows_marked_edits_every_marked_task(desk):
    """e with rows marked edited the cursor's task alone, the marked ones silently left; now
    it gives one correction to every marked task (as `task edit 67 199 219 --lead DH`): a
    field filled is set on each, a field left empty stays as each task has it."""
    from tracker.tui.screens.change_forms import BulkEditForm

    marked = [desk.ids["soon"], desk.ids["late"], desk.ids["later"]]
    before = {t: query.get_task(desk, t).task for t in marked}
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table_of(app).set_marks(set(marked))
        await cursor_to(pilot, desk.ids["ongoing"])  # (the cursor on a task not marked)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, BulkEditForm)
        assert "3" in plain(app.screen.query_one("#form-title"))
        # nothing typed: nothing would change, and the save says so
        assert "lưu được" not in hint_text(app, "edit")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BulkEditForm)
        app.screen.query_one("#lead", Input).focus()
        await pilot.press(*"TNMT")
        await settle(pilot)
        assert "TNMT" in hint_text(app, "lead")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
    for task_id in marked:
        task = query.get_task(desk, task_id).task
        assert task.lead == "TNMT"
        assert (task.content, task.deadline, task.leader) == (
            before[task_id].content, before[task_id].deadline, before[task_id].leader)
    assert query.get_task(desk, desk.ids["ongoing"]).task.lead == "TNMT"  # (its own lead)
    assert list(query.get_task(desk, desk.ids["late"]).task.support) == ["P5"]  # left empty: kept


async def extend_marked(pilot, marked: set[int]) -> None:
    """The rows ``marked`` marked and x pressed: the extend form on them."""
    await settle(pilot)
    table_of(pilot.app).set_marks(marked)
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = ""
        widget.insert(text)
    else:
        widget.value = ""
        widget.insert_text_at_cursor(text)
    await settle(pilot)


# ------------------------------------------------ 2. n right after N: the new directive


async def test_n_right_after_N_gives_the_directive_just_added(desk):
    """N saved 125/TB-UBND, then n opened on the directive of the task under the cursor;
    the directive just added is the one its tasks are about to be given to."""
    from tracker.tui.screens.task_forms import TaskForm

    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["late"])  # (a task of 67/KH-UBND)
        await pilot.press("N")
        await settle(pilot)
        await type_into(pilot, "#number", "125/TB-UBND")
        await type_into(pilot, "#issuer", "UBND thành phố")
        await type_into(pilot, "#date", "14/06/2021")
        await type_into(pilot, "#title", "Thông báo kết luận giao ban")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        assert app.screen.query_one("#directive", Input).value == "125/TB-UBND@14/06/2021"
        assert "Thông báo kết luận giao ban" in hint_text(app, "directive")
        assert app.screen.query_one("#content", TextArea).has_focus
        # a task given to it: the next n is the cursor task's directive's again (the new task's)
        await type_into(pilot, "#content", "Báo cáo kết quả")
        await type_into(pilot, "#lead", "TCKH")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        await cursor_to(pilot, desk.ids["late"])
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#directive", Input).value == "67/KH-UBND@10/01/2020"


# ------------------------------------ 3. Enter on words a box could not read keeps them


async def test_enter_on_a_period_not_understood_keeps_the_cursor_in_the_box(desk):
    """`p`, "Quy V/2021", Enter: the cursor went to the table with the bad words left in the
    box, and "quy II" typed next reached the table's keys (q quit the app).  Now Enter on
    words not understood keeps the cursor in the box, its message beside it; on a period
    understood it goes to the table."""
    from tracker.tui.screens.units import UnitsScreen

    app = make_desk_app(desk, start="units")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        period = app.screen.query_one("#period", Input)
        assert period.has_focus
        period.value = ""
        await pilot.press(*"Quy V/2021", "enter")  # (Enter before the words are read, too)
        await settle(pilot)
        assert period.has_focus
        assert "✗" in plain(app.screen.query_one("#period-hint"))
        await pilot.press("enter")  # (and once they are read)
        await settle(pilot)
        assert period.has_focus
        await pilot.press(*["backspace"] * 10, *"quy II", "enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, UnitsScreen)
        assert period.value == "quy II"
        assert "30/06/2021" in plain(app.screen.query_one("#period-hint"))
        assert app.screen.query_one("#units", LazyTable).has_focus
        await pilot.press("p", "down")  # ↓ leaves the box as Enter does
        await settle(pilot)
        assert app.screen.query_one("#units", LazyTable).has_focus


async def test_enter_on_a_filter_word_not_understood_keeps_the_cursor_in_its_field(desk):
    """The task list's filter fields did the same: Enter on a unit it could not find went to
    the list (the word dropped, said on the status line), the next letters to its keys."""
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        unit = app.screen.query_one("#f-unit", Input)
        unit.focus()
        await pilot.press(*"phong xyz", "enter")
        await settle(pilot)
        assert unit.has_focus and unit.has_class("-invalid")
        assert "✗" in plain(app.screen.query_one("#status"))
        await pilot.press(*["backspace"] * 3, *"qldt", "enter")
        await settle(pilot)
        assert app.is_running and unit.value == "phong qldt"
        await pilot.press(*["backspace"] * 10, *"qldt", "enter")
        await settle(pilot)
        assert table_of(app).has_focus  # understood: Enter goes to the list
        assert listed_ids(app) == [desk.ids["late"]]


# ---------------------------- 4. the bulk extend form says "required" as one task's does


async def test_bulk_extend_says_required_and_drops_a_reason_once_fixed(desk):
    """Three rows marked, x: with "Hạn mới" empty the live check said "✓ lưu được", then
    Ctrl+S "✗ Chưa nhập Hạn mới."; a date typed left that line standing.  Now the empty
    field says "bắt buộc" (as the one-task form does) and its reason goes once it is filled."""
    from tracker.tui.screens.change_forms import ExtendForm

    marked = {desk.ids["soon"], desk.ids["late"], desk.ids["later"]}
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await extend_marked(pilot, marked)
        assert isinstance(app.screen, ExtendForm)
        assert hint_text(app, "to") == "bắt buộc"
        assert hint_text(app, "reason") == "bắt buộc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = plain(app.screen.query_one("#form-error"))
        assert "Chưa nhập Hạn mới." in error
        await type_into(pilot, "#to", "14/01/2022")
        assert hint_text(app, "to") == "✓ 14/01/2022"
        error = plain(app.screen.query_one("#form-error"))
        assert "Chưa nhập Hạn mới." not in error
        assert error  # (the reason is still missing, and still said)
        await type_into(pilot, "#reason", "Theo kết luận giao ban")
        assert plain(app.screen.query_one("#form-error")) == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExtendForm)
    for task_id in marked:
        assert query.get_task(desk, task_id).task.deadline == dt.date(2022, 1, 14)


# ------------------------------------- 5. u right after a bulk change: not "marked" tasks


async def test_u_right_after_a_bulk_change_does_not_call_the_tasks_marked(desk):
    """Right after a bulk extend, u's dialog said "3 nhiệm vụ đã đánh dấu" with no row
    marked (the marks are cleared by the change): it names them as the tasks just changed;
    with rows marked it still says marked."""
    from tracker.tui.screens.change_forms import UndoMarkedForm

    marked = {desk.ids["soon"], desk.ids["late"], desk.ids["later"]}
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await extend_marked(pilot, marked)
        await type_into(pilot, "#to", "14/01/2022")
        await type_into(pilot, "#reason", "Theo kết luận giao ban")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table_of(app).marked == set()
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UndoMarkedForm)
        subtitle = plain(app.screen.query_one("#form-subtitle"))
        assert "đánh dấu" not in subtitle
        assert "3 nhiệm vụ vừa được thay đổi cùng lúc" in subtitle
        assert app.screen.query_one("#dialog").scroll_y == 0  # its title in sight
        await pilot.press("escape")
        await settle(pilot)
        table_of(app).set_marks({desk.ids["soon"], desk.ids["late"]})
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "2 nhiệm vụ đã đánh dấu" in plain(app.screen.query_one("#form-subtitle"))


# --------------------------------------- 6. Enter answers a dialog with no field to fill


async def test_enter_confirms_a_dialog_with_no_field_and_its_keys_say_so(desk):
    """r (Mở lại) and u (Hoàn tác) did nothing on Enter, only Ctrl+S, and their key line
    spoke of fields ("Tab: ô tiếp theo · →: nhận gợi ý") they do not have."""
    from tracker.tui.screens.change_forms import ReopenForm, UndoForm

    done = desk.ids["done"]
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.apply_filters({})  # every task: the done one too
        await settle(pilot)
        await cursor_to(pilot, done)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReopenForm)
        keys = plain(app.screen.query_one("#form-keys"))
        assert "Enter" in keys and "Mở lại" in keys
        assert "Tab" not in keys and "gợi ý" not in keys
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ReopenForm)
        assert query.get_task(desk, done).task.status == "open"
        await cursor_to(pilot, done)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UndoForm)
        assert "Enter" in plain(app.screen.query_one("#form-keys"))
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, UndoForm)
        assert query.get_task(desk, done).task.status == "done"


# ---------------------------------------------- 7. ↓ from a search box goes to the list


async def test_down_in_a_search_box_goes_to_the_list(desk):
    """Directives: ↓ in the search box stayed there (only Enter left it), so the next key
    went into the search; the task list's filter fields did the same.  Now ↓ goes to the
    list (a word a filter could not understand keeps it, as Enter does)."""
    from tracker.tui.screens.directives import DirectivesScreen

    app = make_desk_app(desk, start="directives")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DirectivesScreen)
        await pilot.press("slash", *"67")
        await settle(pilot)
        search = app.screen.query_one("#directive-search", Input)
        assert search.has_focus
        await pilot.press("down")
        await settle(pilot)
        directives = app.screen.query_one("#directives", LazyTable)
        assert directives.has_focus and search.value == "67"
        await pilot.press("t")  # a key of the list's, not a letter of the search
        await settle(pilot)
        assert search.value == "67"
        assert isinstance(app.screen, TasksScreen)
        await pilot.press("slash", *"le loi")
        await settle(pilot)
        assert app.screen.query_one("#f-search", Input).has_focus
        await pilot.press("down")
        await settle(pilot)
        assert table_of(app).has_focus
        assert listed_ids(app) == [desk.ids["late"]]


# --------------------------- 8. e on a proposed task of a document opens at its text


async def test_e_on_a_proposed_task_opens_its_form_at_the_task_s_text(desk, tmp_path):
    """The document review's e opened a proposed task's form with the cursor on "Phối hợp"
    (the first field left blank), not on the task's text as an edit does."""
    from test_document_review import NOTICE, open_document
    from tracker.tui.screens.document import DocumentScreen, ProposedTaskForm

    path = tmp_path / "tb-215.txt"
    path.write_text(NOTICE, encoding="utf-8")
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_document(pilot, str(path))
        assert isinstance(app.screen, DocumentScreen)
        await pilot.press("down")  # task 2: no supporting unit (an empty field below)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ProposedTaskForm)
        text = app.screen.query_one("#text", Input)
        assert text.has_focus and text.value == "Kiểm tra an toàn thực phẩm"


async def test_the_status_line_shows_a_filter_s_refusal_whole_at_80_columns(desk):
    """'✗ Không có đơn vị "tai chnh". Gần…' — the status line was one row: the closest units,
    what the clerk needed, were cut at 80 columns (and at 120). It takes the rows it needs."""
    from tui_helpers import screen_lines

    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        unit = app.screen.query_one("#f-unit", Input)
        unit.focus()
        await pilot.press(*"tai chnh", "enter")
        await settle(pilot)
        shown = " ".join(" ".join(screen_lines(app)).split())
        assert "Không có đơn vị" in shown and "TCKH (Phòng Tài chính - Kế hoạch)" in shown, shown


async def test_one_refusal_for_several_marked_tasks_is_said_once_naming_each(desk):
    """The bulk forms said the same refusal once per task ('#20: Không có đơn vị “x” …',
    '#46: Không có đơn vị “x” …'), three of them filling an 80×24 form: said once, naming each."""
    from tracker.tui.screens.change_forms import BulkEditForm

    marked = [desk.ids["soon"], desk.ids["late"], desk.ids["later"]]
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table_of(app).set_marks(set(marked))
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, BulkEditForm)
        app.screen.query_one("#lead", Input).focus()
        await pilot.press(*"pct hoang")
        await settle(pilot)
        said = " ".join(hint_text(app, "edit").split())
        assert said.count("Không có đơn vị “pct hoang”") == 1, said
        named = said.split(": Không có đơn vị")[0].split(":")[-1]  # (the ids before the one line)
        assert sorted(int(t) for t in named.replace("#", "").split(", ")) == sorted(marked), said
