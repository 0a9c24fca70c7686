"""The task list's filter bar: free text, timeliness, unit, leader, directive, issuer and a
deadline range.  It posts :class:`FilterBar.Changed` on every keystroke; the screen turns the
words into a services ``TaskFilter`` (and says which word it could not understand)."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Select

from tracker.domain import status as S
from tracker.domain.text import fold
from tracker.i18n import _

TEXT_FIELDS = ("search", "unit", "leader", "directive", "issuer", "due_from", "due_to")
FIELDS = ("search", "timeliness", *TEXT_FIELDS[1:])
# the timeliness choice meaning "every task not done or cancelled, on time or not"
OPEN_CHOICE = "open"
CHOICES = (OPEN_CHOICE, *S.TIMELINESS)


class FoldingSuggester(Suggester):
    """Completes from a list, matching without diacritics or case (`phong tai` → `Phòng Tài
    chính - Kế hoạch`); a word anywhere in the name counts when no name starts with it."""

    def __init__(self, choices=()) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.set_choices(choices)

    def set_choices(self, choices) -> None:
        self._choices = [(fold(c), c) for c in dict.fromkeys(c for c in choices if c)]

    def add_choices(self, choices) -> None:
        """``choices`` first (a register's own spellings), then those already known."""
        self.set_choices([*choices, *(c for _f, c in self._choices)])

    async def get_suggestion(self, value: str) -> str | None:
        return self.suggest(value)

    def suggest(self, value: str) -> str | None:
        key = fold(value)
        if not key:
            return None
        for folded, choice in self._choices:
            if folded.startswith(key) and folded != key:
                return choice
        return None


class FilterBar(Widget):
    # ↓ in a text field goes to the list, as Enter does (a one-line field has no line below)
    BINDINGS = [Binding("down", "to_list", show=False)]
    DEFAULT_CSS = """
    FilterBar {
        height: auto;
        background: $boost;
        padding: 0 1;
        & Horizontal { height: 1; }
        & Input { width: 1fr; margin-right: 1; }
        & #f-search { width: 3fr; }
        & #f-timeliness { width: 30; margin-right: 1; }
        & #f-due_from, & #f-due_to { width: 12; max-width: 12; }
        & Input.-invalid { text-style: underline; }
    }
    """

    class Changed(Message):
        def __init__(self, bar: "FilterBar", values: dict[str, str]) -> None:
            super().__init__()
            self.bar = bar
            self.values = values

        @property
        def control(self) -> "FilterBar":
            return self.bar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.unit_suggester = FoldingSuggester()
        self.directive_suggester = FoldingSuggester()
        self.leader_suggester = FoldingSuggester()
        self.issuer_suggester = FoldingSuggester()
        self._quiet = False
        self._invalid: set[str] = set()  # the fields whose words were not understood

    def compose(self) -> ComposeResult:
        # (validate_on=(): Textual's own validation would clear -invalid on Enter and on
        # leaving a field — the mark says what the services could not understand)
        with Horizontal(id="filter-row-1"):
            yield Input(placeholder=_("tui.filter.search"), id="f-search", compact=True,
                        validate_on=())
            yield Select([(_("tui.filter.open"), OPEN_CHOICE)]
                         + [(_(f"timeliness.short.{k}"), k) for k in S.TIMELINESS],
                         prompt=_("tui.filter.any_timeliness"), id="f-timeliness", compact=True)
        with Horizontal(id="filter-row-2"):
            yield Input(placeholder=_("tui.filter.unit"), id="f-unit", compact=True,
                        validate_on=(), suggester=self.unit_suggester)
            yield Input(placeholder=_("tui.filter.leader"), id="f-leader", compact=True,
                        validate_on=(), suggester=self.leader_suggester)
            yield Input(placeholder=_("tui.filter.directive"), id="f-directive", compact=True,
                        validate_on=(), suggester=self.directive_suggester)
            yield Input(placeholder=_("tui.filter.issuer"), id="f-issuer", compact=True,
                        validate_on=(), suggester=self.issuer_suggester)
            yield Input(placeholder=_("tui.filter.due_from"), id="f-due_from", compact=True,
                        validate_on=())
            yield Input(placeholder=_("tui.filter.due_to"), id="f-due_to", compact=True,
                        validate_on=())

    # -- values --------------------------------------------------------------------------

    @property
    def values(self) -> dict[str, str]:
        values = {name: self.query_one(f"#f-{name}", Input).value.strip() for name in TEXT_FIELDS}
        timeliness = self.query_one("#f-timeliness", Select).value
        values["timeliness"] = timeliness if isinstance(timeliness, str) else ""
        return values

    def set_values(self, values: dict[str, str]) -> None:
        """Replace every field (missing ones are cleared) and post one Changed."""
        self._quiet = True
        try:
            for name in TEXT_FIELDS:
                self.query_one(f"#f-{name}", Input).value = values.get(name, "") or ""
            select = self.query_one("#f-timeliness", Select)
            key = values.get("timeliness") or ""
            if key in CHOICES:
                select.value = key
            else:
                select.clear()
        finally:
            self._quiet = False
        self.post_message(self.Changed(self, self.values))

    def mark_invalid(self, names: set[str]) -> None:
        self._invalid = set(names) & set(TEXT_FIELDS)
        for name in TEXT_FIELDS:
            self.query_one(f"#f-{name}", Input).set_class(name in names, "-invalid")

    def focus_search(self) -> None:
        self.query_one("#f-search", Input).focus()

    # -- events --------------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        if not self._quiet:
            self.post_message(self.Changed(self, self.values))

    class Submitted(Message):
        """Enter in a text field: the screen goes to its list — unless the words there were
        not understood (``mark_invalid``): then the cursor stays in that field."""

        def __init__(self, bar: "FilterBar", name: str) -> None:
            super().__init__()
            self.bar = bar
            self.name = name

        @property
        def control(self) -> "FilterBar":
            return self.bar

    def is_invalid(self, name: str) -> bool:
        """Whether the words in field ``name`` were last found not understood."""
        return name in self._invalid

    def focus_field(self, name: str) -> None:
        self.query_one(f"#f-{name}", Input).focus()

    def action_to_list(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, Input) and focused.id and focused.id.startswith("f-"):
            self.post_message(self.Submitted(self, focused.id.removeprefix("f-")))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = (event.input.id or "").removeprefix("f-")
        self.post_message(self.Submitted(self, name))
