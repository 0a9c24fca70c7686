"""? — every key, in the words the footer uses, grouped by where it works."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.i18n import _
from tracker.tui.bindings import localise_bindings


# key names as printed on a keyboard (not Textual's English words)
_KEY_LOOKS = {"up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "PgUp",
              "pagedown": "PgDn", "home": "Home", "end": "End", "space": "Space",
              "enter": "Enter", "escape": "Esc", "backspace": "Backspace", "delete": "Del",
              "question_mark": "?", "slash": "/", "tab": "Tab"}


def key_looks(key: str) -> str:
    if len(key) == 1 and key.isupper():
        return f"Shift+{key}"
    if key in _KEY_LOOKS:
        return _KEY_LOOKS[key]
    if key.startswith(("ctrl+", "shift+")):
        mod, _sep, rest = key.partition("+")
        return f"{mod.capitalize()}+{key_looks(rest) if len(rest) > 1 else rest.upper()}"
    return key.upper() if len(key) > 1 and key[0] == "f" and key[1:].isdigit() else key


def _keys_of(node_class) -> list[tuple[str, str]]:
    rows = []
    for binding in node_class.BINDINGS:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = binding.key_display or binding.key
        keys = " ".join(key_looks(k) for k in keys.split(","))
        words = binding.tooltip or binding.description  # the footer's words may be shorter
        words = _(words) if words.startswith("tui.") else words
        rows.append((keys, words))
    return rows


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    from tracker.tui.app import TrackerApp
    from tracker.tui.screens.detail import TaskDetailScreen
    from tracker.tui.screens.directives import DirectivesScreen
    from tracker.tui.screens.tasks import TasksScreen
    from tracker.tui.screens.today import TodayScreen
    from tracker.tui.screens.units import UnitsScreen
    from tracker.tui.widgets.lazy_table import LazyTable

    everywhere = _keys_of(TrackerApp) + [("Ctrl+P", _("tui.help.palette"))]
    return [
        ("tui.help.everywhere", everywhere),
        ("tui.help.lists", _keys_of(LazyTable)),
        ("tui.help.tasks", _keys_of(TasksScreen)),
        ("tui.help.marks", _marks()),
        ("tui.help.detail", _keys_of(TaskDetailScreen)),
        ("tui.help.today", _keys_of(TodayScreen) + [("Enter", _("tui.help.door"))]),
        ("tui.help.directives", _keys_of(DirectivesScreen)),
        ("tui.help.units", _keys_of(UnitsScreen) + [("Enter", _("tui.help.unit_door"))]),
        ("tui.help.forms", [("Ctrl+S", _("tui.key.save")), ("Esc", _("tui.key.close")),
                            ("Tab / Shift+Tab", _("tui.help.next_field")),
                            ("→", _("tui.help.accept_suggestion"))]),
    ]


def _marks() -> list[tuple[str, str]]:
    """What each status symbol at the head of a task's row says (the list says it in words
    only from ``WORDS_FROM`` columns)."""
    from tracker.domain.status import TIMELINESS
    from tracker.tui.tasks_table import timeliness_label, timeliness_mark

    return [(timeliness_mark(k), timeliness_label(k)) for k in TIMELINESS]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "tui.key.close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 90%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(_("tui.help.title"), style="bold"))
            for title_key, rows in help_sections():
                table = Table(box=None, show_header=False, pad_edge=False, expand=True)
                table.add_column(style="bold", width=18, no_wrap=True)
                table.add_column(ratio=1)
                for keys, words in rows:
                    table.add_row(keys, words)
                yield Static(Text("\n" + _(title_key), style="bold underline"))
                yield Static(table)
            yield Static(Text("\n" + _("tui.help.colours"), style="italic"))

    def action_close(self) -> None:
        self.dismiss()
