"""The line of keys at the bottom: ``d Hoàn thành  x Gia hạn …``.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever the bindings
change (every screen switch, every focus move): ~40 ms a time on this box, most of the cost
of opening a task's detail.  This bar is one line of text rebuilt from the same bindings;
each key is still clickable.

A line too narrow for every key (the task list at 80 columns) shows the keys that matter
most, in their usual order, and the help key as "? Phím khác": the help screen lists them
all. Nothing is cut half-way."""
from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from tracker.i18n import _

SEPARATOR = "  "
PALETTE = "palette"
HELP = "app.help"

# The keys kept first when the line is too narrow for all of them, most needed first (binding
# ids; the help key is always kept). Keys not named here come after these, the command
# palette last. Each screen's line at 80 columns is in tests/tui/test_snapshots.py.
KEPT_FIRST = (
    # leave the screen, open the row
    "detail.back", "doc.close", "import.close", "preview.close", "picker.close", "table.open",
    # the clerk's daily work on tasks: mark rows, close, extend, take back, find
    "table.mark", "task.done", "task.extend", "task.undo", "task.filter", "task.note",
    # the other screens' own keys
    "today.tasks", "today.refresh",
    "directives.tasks", "directives.search", "directives.new", "directives.new_task",
    "units.period", "units.overdue", "units.basis",
    "doc.record", "doc.accept", "doc.drop", "doc.edit",
    "import.commit", "import.check", "import.pick",
    # found on other screens, in the help, or by clicking a column's title
    "task.new", "task.edit", "task.cancel", "table.sort", "app.quit",
)
_RANK = {name: rank for rank, name in enumerate(KEPT_FIRST)}


def fit_keys(keys: list[tuple[str, Content]], width: int) -> list[tuple[str, Content]]:
    """The keys (``(id, words)`` in display order) shown on a line ``width`` cells wide: all
    of them when they fit, else the help key and as many of the others as fit, taken in
    ``KEPT_FIRST`` order, shown in their own order. A ``width`` of 0 (not laid out yet) or
    less keeps them all."""
    def length(chosen) -> int:
        return sum(words.cell_length for _key, words in chosen) + len(SEPARATOR) * max(0, len(chosen) - 1)

    if width <= 0 or length(keys) <= width:
        return keys
    order = sorted(range(len(keys)), key=lambda i: (
        keys[i][0] != HELP, keys[i][0] == PALETTE, _RANK.get(keys[i][0], len(_RANK)), i))
    taken: set[int] = set()
    used = -len(SEPARATOR)
    for index in order:
        cost = keys[index][1].cell_length + len(SEPARATOR)
        if used + cost <= width or keys[index][0] == HELP:
            taken.add(index)
            used += cost
    return [key for index, key in enumerate(keys) if index in taken]


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

    def on_resize(self) -> None:
        self._show()

    def _bindings_changed(self, _screen) -> None:
        if self.is_attached:
            self._show()

    def _part(self, key: str, press: str, words: str, enabled: bool = True) -> Content:
        style = "$text-muted" if not enabled else "bold $accent"
        return Content.from_markup(f"[@click={press}][{style}]$key[/] $words[/]",
                                   key=key, words=words)

    def _show(self) -> None:
        app = self.app
        seen: set[str] = set()
        keys: list[tuple[str, Content]] = []
        help_key = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            name = binding.id or binding.action
            press = f"app.simulate_key({binding.key.split(',')[0]!r})"
            if name == HELP:
                help_key = (app.get_key_display(binding), press, enabled)
            keys.append((name, self._part(app.get_key_display(binding), press,
                                          binding.description, enabled)))
        if app.ENABLE_COMMAND_PALETTE:
            keys.append((PALETTE, self._part("^p", "app.command_palette", _("tui.key.palette"))))
        width = self.content_region.width
        shown = fit_keys(keys, width)
        if len(shown) < len(keys) and help_key is not None:
            # some keys gave way: the help key says where they are
            more = (HELP, self._part(help_key[0], help_key[1], _("tui.key.help_more"), help_key[2]))
            shown = fit_keys([more if key == HELP else (key, words) for key, words in keys], width)
        self.update(Content(SEPARATOR).join(words for _key, words in shown))
