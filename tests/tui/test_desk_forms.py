"""A refused save is seen at 80x24: the cursor on the first field at fault (in view), the
reason under it and in a notice; it clears once fixed.  An edit opens at its first field."""
from __future__ import annotations

from textual.widgets import Input, TextArea

from tui_helpers import make_desk_app, plain, settle
from tracker.services import query
from tracker.tui.screens.task_forms import TaskForm
from tracker.tui.widgets.lazy_table import LazyTable


async def _type(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text
    await settle(pilot)


def _in_view(screen, widget) -> bool:
    dialog = screen.query_one("#dialog")
    region = widget.region
    return region.height > 0 and dialog.region.contains_region(region)


async def test_refused_save_is_seen_at_80x24_and_clears_once_fixed(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TaskForm)
        await _type(pilot, "#directive", "67/KH-UBND")
        await _type(pilot, "#content", "Việc thử")
        await _type(pilot, "#lead", "Phong Khong Co")
        await _type(pilot, "#group", "Nhóm 1")  # the cursor far below the field at fault
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        lead = form.query_one("#lead", Input)
        assert app.focused is lead and _in_view(form, lead)
        assert "No unit" in plain(form.query_one("#lead-hint"))
        assert any("No unit" in str(n.message) for n in app._notifications)
        # fixed: the refusal goes
        await _type(pilot, "#lead", "TCKH")
        assert plain(form.query_one("#form-error")) == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)
        assert query.count_tasks(desk, query.TaskFilter(search="viec thu")) == 1


async def test_a_missing_field_puts_the_cursor_on_it(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await _type(pilot, "#directive", "67/KH-UBND")
        await _type(pilot, "#leader", "PCT")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.focused is form.query_one("#content", TextArea)
        assert plain(form.query_one("#form-error")) != ""
        await _type(pilot, "#content", "Việc")
        # still refused: the lead is missing; the cursor moves on to it at the next save
        assert plain(form.query_one("#form-error")) != ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.focused is form.query_one("#lead", Input)


async def test_edit_opens_at_its_first_field(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#tasks", LazyTable)
        ids = [table.row_at(i).id for i in range(table.row_count)]
        table.move_cursor(ids.index(desk.ids["soon"]))  # it has no supporting unit
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        assert app.focused is app.screen.query_one("#directive", Input)


async def test_edit_names_a_repeated_directive_number_with_its_date(desk):
    """Numbers restart each year: with two directives of one number, the edit form opens on
    the task's own (number@date) and its check is ✓, not "the number is in several"."""
    from tracker.domain.dates import format_date
    from tracker.services.directives import add_directive

    task = next(t for t in query.list_tasks(desk, query.TaskFilter(), limit=500)
                if t.id == desk.ids["soon"])
    add_directive(desk, task.directive, type_code="KH", issuer="UBND thành phố",
                  date="05/01/2020", title="Cùng số, năm trước")
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#tasks", LazyTable)
        ids = [table.row_at(i).id for i in range(table.row_count)]
        table.move_cursor(ids.index(desk.ids["soon"]))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TaskForm)
        ref = f"{task.directive}@{format_date(task.directive_date)}"
        assert form.query_one("#directive", Input).value == ref
        assert plain(form.query_one("#directive-hint")).startswith("✓")


async def test_keys_in_one_burst_land_in_the_fields_they_were_typed_for(desk):
    """A paste, a slow link or quick fingers send "31/12/2021" Tab "Lý do" at once: Tab ran
    after the field had taken the keys behind it ("Hạn mới 31/12/2021Lý"; the note "Đã
    họp15" with no percentage).  Tab is handled as it arrives now."""
    from textual import events

    from tracker.tui.screens.change_forms import ExtendForm, NoteForm

    for key, form, keys, expected in (
            ("a", NoteForm, [*"Hop", "tab", *"15"], {"#text": "Hop", "#percent": "15"}),
            ("x", ExtendForm, [*"31/12/2021", "tab", *"Cho"], {"#to": "31/12/2021", "#reason": "Cho"})):
        app = make_desk_app(desk, lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, form)
            for k in keys:  # all at once, as a terminal delivers a burst
                app.post_message(events.Key(k, k if len(k) == 1 else None))
            await settle(pilot)
            got = {sel: (w.text if isinstance(w, TextArea) else w.value)
                   for sel in expected for w in [app.screen.query_one(sel)]}
            assert got == expected


async def test_a_refused_supporting_unit_is_said_at_the_supporting_units(desk):
    """A supporting unit the register cannot tell (``phong``) was said under the lead unit —
    already ✓ TCKH — and the cursor put there, where Ctrl+U then wiped the good lead."""
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await _type(pilot, "#directive", "67/KH-UBND")
        await _type(pilot, "#content", "Việc thử")
        await _type(pilot, "#lead", "TCKH")
        await _type(pilot, "#support", "TNMT, phong")
        await _type(pilot, "#group", "Nhóm 1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        assert app.focused is form.query_one("#support", Input)
        assert "phong" in plain(form.query_one("#support-hint"))
        assert "phong" not in plain(form.query_one("#lead-hint"))


async def test_e_corrects_a_directive_and_its_deadlines_follow_its_date(desk):
    """A directive typed wrong could be corrected only from the command line: `e` on the
    Directives screen opens its form filled in; a corrected date moves the deadlines counted
    from it (said), and a change made meanwhile by someone else is not overwritten."""
    from tracker.services.directives import edit_directive, get_directive
    from tracker.services.tasks import add_task
    from tracker.tui.screens.directive_forms import DirectiveForm
    from tracker.tui.screens.directives import DirectivesScreen

    counted = add_task(desk, directive="67/KH-UBND", content="Báo cáo nhanh", lead="TCKH",
                       due="trong 10 ngày làm việc").id  # from 10/01/2020: 31/01/2020
    app = make_desk_app(desk, start="directives")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#directives", LazyTable).cursor_row.data.number == "67/KH-UBND"
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DirectiveForm)
        assert [form.value(f) for f in ("number", "type_code", "issuer", "date", "parent")] == [
            "67/KH-UBND", "KH", "UBND thành phố", "10/01/2020", "320-KL/TU"]
        await _type(pilot, "#date", "13/01/2020")
        await _type(pilot, "#title", "Kế hoạch thực hiện Kết luận 320 (sửa)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DirectivesScreen)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Thời hạn của 1 nhiệm vụ" in said and f"#{counted} 31/01/2020 → 03/02/2020" in said
        d = get_directive(desk, "67/KH-UBND")
        assert (d.issue_date.isoformat(), d.title, d.parent_number) == (
            "2020-01-13", "Kế hoạch thực hiện Kết luận 320 (sửa)", "320-KL/TU")
        assert query.get_task(desk, counted).task.deadline.isoformat() == "2020-02-03"

        # another clerk changes it while the form is open: refused, theirs kept
        await pilot.press("e")
        await settle(pilot)
        edit_directive(desk, "67/KH-UBND", title="Của người khác")
        await _type(pilot, "#title", "Của tôi")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DirectiveForm)
        assert "vừa được người khác sửa" in plain(app.screen.query_one("#form-error"))
        assert get_directive(desk, "67/KH-UBND").title == "Của người khác"


async def test_a_task_given_from_the_directives_screen_says_the_services_warnings(desk):
    """`n` on the Directives screen said the task was given and dropped what the services
    warned of (a unit no longer active, a deadline read in another year): every screen a
    form returns to says both now (``Saved.tell``)."""
    from tracker.services.units import edit_unit

    edit_unit(desk, "P5", active=False)
    app = make_desk_app(desk, start="directives")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        await _type(pilot, "#content", "Kiểm tra hiện trạng vỉa hè")
        await _type(pilot, "#lead", "P5")
        await _type(pilot, "#due", "30/06/2021")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, TaskForm)
        said = [(str(n.message), n.severity) for n in app._notifications]
        assert any("đã ngừng hoạt động" in m and s == "warning" for m, s in said), said
