"""Issuer and leader fields complete from their registers, as unit fields do."""
from __future__ import annotations

from textual.widgets import Input

from tui_helpers import make_desk_app, settle
from tracker.services.names import add_name
from tracker.tui.screens.directive_forms import DirectiveForm
from tracker.tui.screens.task_forms import TaskForm
from tracker.tui.widgets.filter_bar import FilterBar


async def test_leader_and_issuer_complete_from_the_registers(desk):
    add_name(desk, "leader", "PCT Hoàng Văn Lợi")
    add_name(desk, "issuer", "Hội đồng Thi đua - Khen thưởng thành phố")
    app = make_desk_app(desk, start="tasks")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FilterBar)
        assert bar.leader_suggester.suggest("pct hoang") == "PCT Hoàng Văn Lợi"
        assert bar.issuer_suggester.suggest("hoi dong thi") == "Hội đồng Thi đua - Khen thưởng thành phố"
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TaskForm)
        leader = form.query_one("#leader", Input)
        assert leader.suggester.suggest("pct hoa") == "PCT Hoàng Văn Lợi"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DirectiveForm)
        issuer = form.query_one("#issuer", Input)
        assert issuer.suggester.suggest("hoi dong thi dua") == "Hội đồng Thi đua - Khen thưởng thành phố"
