"""Issuer and leader fields of the forms: what the register reads a typed name as (live),
and the question asked before a save when the name is new but close to a known one (a
likely misspelling): use the known name, add the new one, or go back to the form."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tracker.domain.namematch import AMBIGUOUS, CLOSE, FOUND
from tracker.i18n import _
from tracker.tui.bindings import localise_bindings

USE, ADD = "use", "add"


class NameQuestion(Exception):
    """Raised by a form's save (in its worker) to ask about a likely misspelling first."""

    def __init__(self, field_id: str, kind: str, text: str, closest: str) -> None:
        super().__init__(text)
        self.field_id, self.kind, self.text, self.closest = field_id, kind, text, closest


def describe(match, kind: str) -> tuple[str, str]:
    """(hint, state) for a name field: what will be stored."""
    if not match.query:
        return "", ""
    words = _(f"names.kind.{kind}")
    if match.verdict == FOUND:
        if match.entry.name == match.query:
            return "✓", "ok"
        return "✓ " + _("tui.names.found", name=match.entry.name), "ok"
    if match.verdict == AMBIGUOUS:
        return "✗ " + _("names.ambiguous", kind=words, text=match.query, closest=match.closest), "bad"
    if match.verdict == CLOSE:
        return "? " + _("tui.names.close", kind=words, closest=match.candidates[0][0].name), ""
    return "+ " + _("tui.names.new", kind=words), ""


class NameField:
    """Keeps the hint under an issuer or leader field current, asking the register in a
    worker; ``question(text)`` (in the save worker) says whether to ask before saving."""

    def __init__(self, form, field_id: str, kind: str) -> None:
        self.form, self.field_id, self.kind = form, field_id, kind
        self.confirmed: set[str] = set()  # typed names the clerk said to add as new
        self._asked = 0

    def refresh(self) -> None:
        text = self.form.value(self.field_id)
        self._asked += 1
        asked = self._asked
        self.form.run_worker(lambda: self._read(text, asked), thread=True,
                             group=f"name-{self.field_id}", exit_on_error=False)

    def _read(self, text: str, asked: int) -> None:
        try:
            said, state = describe(self.form.app.backend.check_name(self.kind, text), self.kind)
        except Exception:  # the save says what is wrong
            return

        def show() -> None:
            if asked == self._asked and self.form.is_attached:
                self.form.hint(self.field_id, said, state)

        self.form.app.call_from_thread(show)

    def question(self, text: str) -> None:
        """Raise NameQuestion when ``text`` is new but close to a known name and the clerk
        has not said yet that it is new."""
        if not text or text in self.confirmed:
            return
        m = self.form.app.backend.check_name(self.kind, text)
        if m.verdict == CLOSE:
            raise NameQuestion(self.field_id, self.kind, m.query, m.candidates[0][0].name)

    def answered(self, question: NameQuestion, answer: str | None) -> bool:
        """Apply the clerk's answer; True when the form should save again."""
        if answer == USE:
            self.form.query_one(f"#{self.field_id}").value = question.closest
            return True
        if answer == ADD:
            self.confirmed.add(question.text)
            return True
        return False


class NameQuestionScreen(ModalScreen[str | None]):
    BINDINGS = [
        Binding("u", "answer('use')", "tui.names.use_key", show=False),
        Binding("a", "answer('add')", "tui.names.add_key", show=False),
        Binding("escape", "answer('')", "tui.key.back", show=False),
    ]
    DEFAULT_CSS = """
    NameQuestionScreen { align: center middle; }
    NameQuestionScreen > Vertical {
        width: 72; max-width: 100%; height: auto; border: thick $warning;
        background: $surface; padding: 1 2;
    }
    NameQuestionScreen #name-buttons { height: auto; align-horizontal: right; padding-top: 1; }
    NameQuestionScreen Button { margin-left: 1; }
    """

    def __init__(self, question: NameQuestion) -> None:
        super().__init__()
        localise_bindings(self)
        self.question = question

    def compose(self) -> ComposeResult:
        q = self.question
        with Vertical():
            yield Static(_("tui.names.question", kind=_(f"names.kind.{q.kind}"), text=q.text,
                           closest=q.closest), markup=False)
            with Horizontal(id="name-buttons"):
                yield Button(_("tui.names.use", name=q.closest) + " (U)", id="use", variant="primary")
                yield Button(_("tui.names.add") + " (A)", id="add")
                yield Button(_("tui.key.back") + " (Esc)", id="back")

    def on_mount(self) -> None:
        self.query_one("#use", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"use": USE, "add": ADD}.get(event.button.id or ""))

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer or None)
