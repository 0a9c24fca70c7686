"""The command palette in the interface's language: its placeholder, and a "no matching
command" line of ours where Textual would say "No matches found" in English (the palette
shows its own only when no provider offers anything)."""
from __future__ import annotations

from textual.command import CommandPalette, Hit, Hits
from textual.system_commands import SystemCommandsProvider

from tracker.i18n import _


class TrackerCommands(SystemCommandsProvider):
    """The app's commands (``App.get_system_commands``), searched as Textual does."""

    async def search(self, query: str) -> Hits:
        found = False
        async for hit in super().search(query):
            found = True
            yield hit
        if not found and query.strip():
            text = _("tui.palette.no_matches")
            yield Hit(0.0, text, lambda: None, text)


def command_palette() -> CommandPalette:
    return CommandPalette(id="--command-palette", placeholder=_("tui.palette.placeholder"))
