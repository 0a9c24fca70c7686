"""The command palette in the interface's language and without diacritics: "gia han" finds
"Gia hạn", "d" finds "đ" — the way the rest of the app searches (``domain.text.fold``); its
placeholder, and a "no matching command" line of ours where Textual would say "No matches
found" in English (the palette shows its own only when no provider offers anything)."""
from __future__ import annotations

from textual.command import CommandPalette, Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider

from tracker.domain.text import fold
from tracker.i18n import _


class TrackerCommands(SystemCommandsProvider):
    """The app's commands (``App.get_system_commands``), matched folded on both sides."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        found = False
        for name, help_text, callback, *_rest in self.app.get_system_commands(self.screen):
            folded = fold(name)
            score = matcher.match(folded)
            if score > 0:
                found = True
                yield Hit(score, _shown(name, folded, matcher), callback, help=help_text)
        if not found and query.strip():
            text = _("tui.palette.no_matches")
            yield Hit(0.0, text, lambda: None, text)


def _shown(name: str, folded: str, matcher) -> Content | str:
    """The name as written, its matching letters marked where the folded form lines up with
    it letter for letter (NFC Vietnamese does: one letter, one folded letter)."""
    if len(folded) != len(name):
        return name
    return Content(name, spans=list(matcher.highlight(folded).spans))


def command_palette() -> CommandPalette:
    return CommandPalette(id="--command-palette", placeholder=_("tui.palette.placeholder"))
