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
