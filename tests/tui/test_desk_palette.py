"""The command palette finds actions without diacritics, like the rest of the app."""
from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from tui_helpers import make_desk_app, settle


async def _palette_options(pilot, typed: str) -> list[str]:
    await pilot.press("ctrl+p")
    await settle(pilot)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).value = typed
    for _ in range(10):
        await pilot.pause(0.1)
    commands = palette.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def test_gia_han_finds_the_extension(desk):
    app = make_desk_app(desk, start="tasks")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        found = await _palette_options(pilot, "gia han")
        assert any("Gia hạn" in text for text in found), found
        await pilot.press("escape")
        await settle(pilot)
        found = await _palette_options(pilot, "hoan thanh")
        assert any("Hoàn thành" in text for text in found), found


async def test_ctrl_c_copies_the_task_rows_as_a_spreadsheet_expects(desk):
    from tracker.tui.widgets.lazy_table import LazyTable

    app = make_desk_app(desk, start="tasks", lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#tasks", LazyTable)
        ids = [table.row_at(i).id for i in range(table.row_count)]
        table.move_cursor(ids.index(desk.ids["late"]))
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        copied = app.clipboard
        assert copied.split("\t")[:3] == [str(desk.ids["late"]), "67/KH-UBND",
                                           "Báo cáo tiến độ chỉnh trang đường Lê Lợi"]
        assert "\n" not in copied
        assert any("1 task copied" in str(n.message) for n in app._notifications)
        # two marked: a header line and a line each
        await pilot.press("space")
        table.move_cursor(ids.index(desk.ids["soon"]))
        await pilot.press("space")
        await pilot.press("ctrl+c")
        await settle(pilot)
        lines = app.clipboard.splitlines()
        assert len(lines) == 3 and lines[0].startswith("ID\tDirective")
