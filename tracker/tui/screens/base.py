"""What every main screen shares: the navigation line on top and the footer of keys."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tracker.domain.dates import format_date
from tracker.i18n import _
from tracker.tui.bindings import localise_bindings


class NavBar(Static):
    """`tracker │ 1 Hôm nay │ 2 Nhiệm vụ │ …        15/06/2021 · clerk` — the current screen
    is shown reversed and in brackets (not by colour alone); each name is clickable."""

    DEFAULT_CSS = """
    NavBar {
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, current: str) -> None:
        super().__init__(id="nav")
        self.current = current

    def on_mount(self) -> None:
        self.update(self._content())

    def _content(self) -> Content:
        app = self.app
        parts: list[Content] = [Content.from_markup(" [b]tracker[/b] ")]
        for index, name in enumerate(app.screen_names, start=1):
            label = f"{index} {_(f'tui.nav.{name}')}"
            if name == self.current:
                parts.append(Content.from_markup(f"[reverse b] ‹{label}› [/]"))
            else:
                parts.append(Content.from_markup(f"[@click=app.show('{name}')]  {label}  [/]"))
        left = Content("").join(parts)
        right = Content(f"{format_date(app.backend.today)} · {app.backend.user} ")
        width = max(0, self.size.width - left.cell_length - right.cell_length)
        return Content("").join([left, Content(" " * width), right])

    def on_resize(self) -> None:
        self.update(self._content())


class MainScreen(Screen):
    """A screen reached with a number key."""

    SCREEN_NAME = ""

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)

    def compose_nav(self) -> ComposeResult:
        yield NavBar(self.SCREEN_NAME)
