"""The app asks about a new issuer or leader close to a known one before saving it: use the
known name, add the new one, or go back; a known name typed loosely is saved as the register
spells it, and the hint says so while typing."""
from __future__ import annotations

from textual.widgets import TextArea

from tui_helpers import make_desk_app, plain, settle
from tracker.services import names, query
from tracker.tui.screens.directive_forms import DirectiveForm
from tracker.tui.screens.task_forms import TaskForm
from tracker.tui.screens.names import NameQuestionScreen
from tracker.tui.screens.tasks import TasksScreen


async def fill(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    if isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text
    await settle(pilot)


async def _new_task(pilot, content: str, leader: str) -> None:
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TaskForm)
    await fill(pilot, "#directive", "67/KH-UBND")
    await fill(pilot, "#content", content)
    await fill(pilot, "#lead", "TCKH")
    await fill(pilot, "#leader", leader)


def _leader_of(ctx, content: str) -> str:
    found = query.list_tasks(ctx, query.TaskFilter(search=content))
    assert len(found) == 1
    return found[0].leader


async def test_a_close_leader_is_asked_about(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _new_task(pilot, "Kiểm kê tài sản", "PCT Tran Thi C")
        assert "close to PCT Trần Thị B" in plain(app.screen.query_one("#leader-hint"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NameQuestionScreen)
        await pilot.press("u")  # use the known name
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert _leader_of(desk, "kiem ke tai san") == "PCT Trần Thị B"

        await _new_task(pilot, "Tổng hợp số liệu", "PCT Tran Thi C")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NameQuestionScreen), app.screen
        await pilot.press("escape")  # back to the form, nothing saved
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        assert query.count_tasks(desk, query.TaskFilter(search="tong hop so lieu")) == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("a")  # a new leader after all
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert _leader_of(desk, "tong hop so lieu") == "PCT Tran Thi C"
        assert "PCT Tran Thi C" in {v.name for v in names.list_names(desk, names.LEADER)}


async def test_a_loosely_typed_known_leader_is_saved_as_the_register_spells_it(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _new_task(pilot, "Rà soát biên chế", "pct tran thi b")
        assert "saved as PCT Trần Thị B" in plain(app.screen.query_one("#leader-hint"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert _leader_of(desk, "bien che") == "PCT Trần Thị B"


async def test_the_directive_form_asks_about_a_close_issuer(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, DirectiveForm)
        await fill(pilot, "#number", "15/KH-UBND")
        await fill(pilot, "#issuer", "Thàng ủy")
        await fill(pilot, "#date", "01/03/2021")
        await fill(pilot, "#title", "Kế hoạch")
        assert "close to Thành ủy" in plain(app.screen.query_one("#issuer-hint"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NameQuestionScreen)
        await pilot.press("u")
        await settle(pilot)
        from tracker.services.directives import get_directive

        assert get_directive(desk, "15/KH-UBND").issuer == "Thành ủy"
