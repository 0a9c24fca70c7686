"""The command palette's search, without diacritics: "gia han" finds "Gia hạn", "d" finds
"đ" — the way the rest of the app searches (``domain.text.fold``)."""
from __future__ import annotations

from textual.command import Hit, Hits
from textual.content import Content
from textual.system_commands import SystemCommandsProvider

from tracker.domain.text import fold


class FoldingCommands(SystemCommandsProvider):
    """The app's commands (``App.get_system_commands``), matched folded on both sides."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for name, help_text, callback, *_rest in self.app.get_system_commands(self.screen):
            folded = fold(name)
            score = matcher.match(folded)
            if score > 0:
                yield Hit(score, _shown(name, folded, matcher), callback, help=help_text)


def _shown(name: str, folded: str, matcher) -> Content | str:
    """The name as written, its matching letters marked where the folded form lines up with
    it letter for letter (NFC Vietnamese does: one letter, one folded letter)."""
    if len(folded) != len(name):
        return name
    return Content(name, spans=list(matcher.highlight(folded).spans))


def folding_commands() -> type[FoldingCommands]:
    return FoldingCommands
