"""The line of keys at the bottom: ``d Hoàn thành  x Gia hạn …``.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever the bindings
change (every screen switch, every focus move): ~40 ms a time on this box, most of the cost
of opening a task's detail.  This bar is one line of text rebuilt from the same bindings;
each key is still clickable."""
from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tracker.i18n import _


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._show()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        if self.is_attached:
            self._show()

    def _show(self) -> None:
        app = self.app
        seen: set[str] = set()
        parts: list[Content] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = app.get_key_display(binding)
            style = "$text-muted" if not enabled else "bold $accent"
            parts.append(Content.from_markup(
                f"[@click=app.simulate_key({binding.key.split(',')[0]!r})]"
                f"[{style}]$key[/] $words[/]", key=key, words=binding.description))
        if app.ENABLE_COMMAND_PALETTE:
            parts.append(Content.from_markup(
                "[@click=app.command_palette][bold $accent]^p[/] $words[/]",
                words=_("tui.key.palette")))
        self.update(Content("  ").join(parts))
