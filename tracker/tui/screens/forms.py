"""The form kit every dialog that changes the store is built from: the form screen, its
fields and hints, the live check and a plain confirmation (the date, unit and deadline fields
several forms share are ``form_fields.py``).  The dialogs themselves: ``task_forms.py`` (a
task), ``change_forms.py`` (the changes to one task or several) and ``directive_forms.py``.

Every form checks its fields as they are typed (a date shows the date it understood, a unit
the unit it found), and saves through the backend in a thread worker.  A refusal from the
services is shown inside the form, which stays open with everything that was typed; only a
successful save closes it, handing back the result.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tracker.domain.dates import format_date
from tracker.domain.text import fold
from tracker.i18n import _, field_label
from tracker.errors import TrackerError
from tracker.tui.bindings import localise_bindings

OK, BAD = "✓", "✗"

ISSUERS = ("Chính phủ", "Thủ tướng Chính phủ", "Tỉnh ủy", "HĐND tỉnh", "UBND tỉnh", "Thành ủy",
           "HĐND thành phố", "UBND thành phố")


def error_text(error: BaseException) -> str:
    """One sentence for a user: the services' and the domain's errors say it themselves."""
    if isinstance(error, TrackerError):
        code = error.fields.get("field")
        if isinstance(code, str) and field_label(code) != code:  # "--due": a command-line word
            return _(error.key, **{**error.fields, "field": field_label(code)})
        return error.message()
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(error, SQLAlchemyError):  # never the SQL: what it means, in one line
        from tracker.store.db import store_error

        error = store_error(error)
    message = getattr(error, "message", None)
    if callable(message):  # DeadlineError, DocNumberError: catalogue-backed
        try:
            return str(message())
        except Exception:
            pass
    return _("tui.error.unexpected", error=f"{type(error).__name__}: {error}")


def typed_ref(number: str, day, directives) -> str:
    """A directive as the clerk would type it: its number, or number@date when ``directives``
    (the store's) hold that number more than once (numbers restart each year)."""
    if sum(d.number == number for d in directives) > 1:
        return f"{number}@{format_date(day)}"
    return number


@dataclass(frozen=True)
class Saved:
    """What a form hands back: the result and the warnings to show."""

    value: Any
    message: str
    warnings: tuple[str, ...] = ()
    new_task: int | None = None  # a task just added: the list puts its cursor on it

    def tell(self, screen) -> None:
        """Say on ``screen`` what was saved, then each warning the services gave — every
        screen a form returns to says both (a warning dropped is a rule unsaid)."""
        screen.notify(self.message)
        for warning in self.warnings:
            screen.notify(warning, severity="warning", timeout=10)


class FieldInput(Input):
    """A one-line input without a border (forms must fit 80×24)."""

    def __init__(self, value: str = "", **options) -> None:
        super().__init__(value, compact=True, **options)


class Hint(Static):
    """The line under a field saying what was understood, or what is wrong."""

    DEFAULT_CSS = """
    Hint { height: auto; color: $text-muted; }
    Hint.-ok { color: $text-success; }
    Hint.-bad { color: $text-error; }
    Hint.-warn { color: $text-warning; }
    """

    def __init__(self, text: str = "", **options) -> None:
        super().__init__(text, markup=False, **options)
        self.display = bool(text)

    def say(self, text: str, state: str = "") -> None:
        """``state``: "ok", "bad", "warn" (taken, but mind it) or "" (a plain hint)."""
        self.set_class(state == "ok", "-ok")
        self.set_class(state == "bad", "-bad")
        self.set_class(state == "warn", "-warn")
        self.display = bool(text)
        self.update(text)


# what a refusal from the services points at, in the forms' field ids
_FIELD_SYNONYMS = {"deadline": "due", "done_on": "on", "extension": "to", "type": "type_code"}
_FIELD_OF_KEY = (
    ("unit.", ("lead", "support", "unit")),
    ("directive.number", ("number",)),
    ("directive.issuer", ("issuer",)),
    ("directive.title", ("title",)),
    ("directive.date", ("date",)),
    ("directive.unknown_type", ("type_code",)),
    ("directive.", ("directive", "number")),
    ("task.content", ("content",)),
    ("task.bad_deadline", ("due", "to")),
    ("task.extend", ("to",)),
    ("date.", ("on", "due", "to", "date")),
    ("os.", ("path",)),  # a file the system will not write (tracker.errors.WriteError)
)


class FormScreen(ModalScreen[Saved | None]):
    """A dialog with fields, a hint under each, an error line, and Save / Close."""

    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.save", id="form.save"),
        # a dialog with no field to fill (reopen, undo) is a question: Enter answers yes
        Binding("enter", "confirm", "tui.key.save", show=False),
        Binding("escape", "close", "tui.key.close", id="form.close"),
        # Tab moves on at once (a priority binding, run as the key arrives): as the screen's
        # plain binding it ran after the field had taken the keys behind it in a burst (a
        # paste, a slow link) — "Đã họp" Tab "15" saved the note "Đã họp15"
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > #dialog {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormScreen #form-title { text-style: bold; width: 1fr; }
    FormScreen #form-keys { color: $text-muted; width: 1fr; }
    FormScreen #form-subtitle { color: $text-muted; width: 1fr; }
    FormScreen .field-row { height: auto; margin-top: 1; }
    FormScreen .field-label { width: 22; text-style: bold; }
    FormScreen Hint { padding-left: 22; }
    FormScreen Input, FormScreen Select { width: 1fr; }
    FormScreen Input.-textual-compact { background: $boost; }
    FormScreen Input.-textual-compact:focus { background: $primary 25%; }
    FormScreen TextArea { height: 3; border: none; background: $boost; padding: 0; }
    FormScreen TextArea:focus { background: $primary 25%; }
    FormScreen #form-error { color: $text-error; text-style: bold; height: auto; padding-top: 1; }
    FormScreen #form-buttons { height: auto; align-horizontal: right; padding-top: 1; }
    FormScreen #form-buttons Button { margin-left: 2; }
    """

    title_text = ""
    subtitle_text = ""
    save_label_key = "tui.form.save"
    destructive = False
    focus_first = False  # open at the first field, filled or not (else: the first empty one)

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)
        self._busy = False
        self._initial: dict[str, str] | None = None
        self.name_fields: dict = {}  # issuer/leader fields (tui.screens.names.NameField)

    # subclasses: compose_fields(), check() -> dict of field errors, save() in a thread
    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def check(self) -> dict[str, str]:
        return {}

    def save(self) -> Saved:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Label(self.title_text, id="form-title")
            yield Label(_("tui.form.keys"), id="form-keys")
            if self.subtitle_text:
                yield Label(self.subtitle_text, id="form-subtitle", markup=False)
            yield from self.compose_fields()
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(_(self.save_label_key) + " (Ctrl+S)",
                             variant="error" if self.destructive else "primary", id="form-save")
                yield Button(_("tui.form.close") + " (Esc)", id="form-close")

    @property
    def fieldless(self) -> bool:
        """No field to fill: the dialog only asks to confirm (Enter saves, and says so)."""
        return not any(w.focusable for w in self.query("Input, TextArea, Select"))

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "confirm":
            return self.is_mounted and self.fieldless
        return True

    def action_confirm(self) -> None:
        self.action_save()

    def on_mount(self) -> None:
        self._initial = self.snapshot()
        if self.fieldless:
            self.query_one("#form-keys", Label).update(
                _("tui.form.keys_confirm", save=_(self.save_label_key)))
            # (the dialog keeps the focus, at its top: the Save button focused would scroll a
            # long list of what is undone past its title; Enter is the screen's, above)
            self.query_one("#dialog").focus()
        # the first field still to fill (a directive filled in from the cursor's task must
        # not swallow the content the clerk starts typing), else the first field
        inputs = [w for w in self.query("Input, TextArea, Select") if w.focusable]
        empty = [w for w in inputs if w.id and not self.value(w.id)]
        if self.focus_first or getattr(self, "editing", None) is not None:
            empty = []  # an edit opens at its first field, not at an optional one left blank
        if inputs:
            (empty or inputs)[0].focus()
        self.refresh_hints()

    # -- field helpers -------------------------------------------------------------------

    @staticmethod
    def field(key: str, widget) -> Horizontal:
        """A row: the field's name on the left, the field on the right."""
        return Horizontal(Label(_(key), classes="field-label"), widget, classes="field-row")

    def value(self, field_id: str) -> str:
        widget = self.query_one(f"#{field_id}")
        if isinstance(widget, TextArea):
            return widget.text.strip()
        if isinstance(widget, Select):
            return widget.value if isinstance(widget.value, str) else ""
        return widget.value.strip()  # type: ignore[attr-defined]

    def snapshot(self) -> dict[str, str]:
        return {w.id: self.value(w.id) for w in self.query("Input, TextArea, Select") if w.id}

    def hint(self, field_id: str, text: str, state: str = "") -> None:
        self.query_one(f"#{field_id}-hint", Hint).say(text, state)

    def refresh_hints(self) -> None:
        """Re-check the fields and show each one's hint (runs on every change)."""

    def show_error(self, text: str) -> None:
        self.query_one("#form-error", Static).update(text)

    # -- events --------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _field_changed(self) -> None:
        self.refresh_hints()
        self._clear_refusal_if_fixed()

    # -- a refusal, where the eye is -------------------------------------------------------

    _refused: dict[str, str] | None = None  # field id (or "") -> why, until fixed
    _refused_at: dict[str, str] | None = None

    def refuse(self, problems: dict[str, str]) -> None:
        """Show why the save was refused where the clerk looks: the cursor goes to the first
        field at fault (the dialog scrolls to it, its hint says why), the reasons stand
        above the buttons and in a notice that a small screen cannot hide; it all clears
        once the fields at fault are changed (and pass the form's own checks)."""
        text = "\n".join(problems.values())
        self._refused, self._refused_at = dict(problems), self.snapshot()
        self.show_error(text)
        fields = [w for w in self.query("Input, TextArea, Select") if w.focusable and w.id]
        bad = next((w for w in fields if w.id in problems), None)
        if bad is not None:
            bad.focus()
            bad.scroll_visible(animate=False)
            for hint in self.query(f"#{bad.id}-hint"):
                if isinstance(hint, Hint):
                    hint.say(f"{BAD} {problems[bad.id]}", "bad")
        else:
            self.query_one("#form-error", Static).scroll_visible(animate=False)
        self.notify(text, severity="error", title=_("tui.form.refused"))

    def _clear_refusal_if_fixed(self) -> None:
        """Each reason goes once its field is changed (and passes the form's own check):
        the reasons still standing stay said; none left, the line clears."""
        if not self._refused:
            return
        now = self.snapshot()
        at = self._refused_at or {}
        named = [f for f in self._refused if f]
        if not named:  # a refusal about no one field: gone once anything is changed
            if now != at:
                self._refused = self._refused_at = None
                self.show_error("")
            return
        faults = set(self.check())  # the form's own check still finds fault with these
        fixed = [f for f in named if now.get(f) != at.get(f) and f not in faults]
        if not fixed:
            return
        if len(fixed) == len(named):
            self._refused = self._refused_at = None
            self.show_error("")
            return
        for f in fixed:
            del self._refused[f]
        self._refused.pop("", None)
        self.show_error("\n".join(self._refused.values()))

    def field_of_error(self, error: BaseException) -> str:
        """The form field a refusal from the services points at ('' when none): the field
        the error names, else the kind of thing its key is about."""
        ids = [w.id for w in self.query("Input, TextArea, Select") if w.id]
        fields = getattr(error, "fields", None) or {}
        named = str(fields.get("field") or "").lstrip("-").replace("-", "_")
        for candidate in (named, _FIELD_SYNONYMS.get(named, "")):
            if candidate in ids:
                return candidate
        key = getattr(error, "key", "") or ""
        said = fold(str(fields.get("text") or fields.get("value") or ""))
        for prefix, candidates in _FIELD_OF_KEY:
            if key.startswith(prefix):
                present = [c for c in candidates if c in ids]
                # (a unit's name is refused in the lead or the supporting units: the one
                # holding the name the error quotes)
                holding = [c for c in present if said and said in fold(str(self.value(c)))]
                return (holding or present or [""])[0]
        return ""

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter moves on; Enter in the last field saves
        inputs = [w for w in self.query("Input, TextArea, Select") if w.focusable]
        if inputs and event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_save(self) -> None:
        if self._busy:
            return
        problems = self.check()
        if problems:
            self.refuse(problems)
            return
        self._busy = True
        self.show_error(_("tui.form.saving"))
        self._run_save()

    @work(thread=True, exclusive=True, group="form-save")
    def _run_save(self) -> None:
        from tracker.tui.screens.names import NameQuestion

        try:
            saved = self.save()
        except NameQuestion as question:  # a new name close to a known one: ask first
            self.app.call_from_thread(self._ask_name, question)
        except Exception as error:  # a refusal: keep the form and what was typed
            said = error_text(error)
            if getattr(error, "key", None) == "store.locked":  # nothing lost: offer to retry
                said += "\n" + _("tui.form.retry_locked")
            self.app.call_from_thread(self._failed, said, error)
        else:
            self.app.call_from_thread(self._done, saved)

    def _done(self, saved: Saved) -> None:
        """Close with the result.  Whatever opened over the form while it saved (the command
        palette) goes first: Textual's ``dismiss`` pops the screen on top, and
        popping another left this form open at "Đang lưu…" — its change made — and the
        next close answered a result already given (an InvalidStateError traceback)."""
        if self.app.screen is not self:
            self.pop_until_active()
        self.dismiss(saved)

    def _failed(self, text: str, error: BaseException | None = None) -> None:
        self._busy = False
        self.refuse({self.field_of_error(error) if error is not None else "": text})

    def _ask_name(self, question) -> None:
        from tracker.tui.screens.names import NameQuestionScreen

        def answer(choice: str | None) -> None:
            self._busy = False
            self.show_error("")
            if self.name_fields[question.field_id].answered(question, choice):
                self.action_save()

        self.app.push_screen(NameQuestionScreen(question), answer)

    def action_close(self) -> None:
        if self._busy:  # the change is on its way to the store: it cannot be taken back here
            self.app.bell()
            self.notify(_("tui.form.saving_wait"), severity="warning")
            return
        if self._initial is not None and self.snapshot() != self._initial:
            def answer(discard: bool | None) -> None:
                if discard:
                    self.dismiss(None)

            self.app.push_screen(ConfirmScreen(_("tui.form.discard"), _("tui.form.discard_yes")),
                                 answer)
        else:
            self.dismiss(None)


# ---------------------------------------------------------------------------------------
# confirmation


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "tui.key.yes", show=False),
        Binding("escape,n", "answer(False)", "tui.key.no", show=False),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 64; max-width: 100%; height: auto; border: thick $warning;
        background: $surface; padding: 1 2;
    }
    ConfirmScreen #confirm-buttons { height: auto; align-horizontal: right; padding-top: 1; }
    ConfirmScreen Button { margin-left: 2; }
    """

    def __init__(self, question: str, yes_label: str, *, destructive: bool = True) -> None:
        super().__init__()
        localise_bindings(self)
        self.question = question
        self.yes_label = yes_label
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes_label} (Y)", id="yes",
                             variant="error" if self.destructive else "primary")
                yield Button(_("tui.form.no") + " (N)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class LiveCheck:
    """A form's live check: asks the services, in a worker, what the save would meet — the
    same plan the save follows (``services.tasks.check_task`` / ``check_change``), so ✓ means
    the save will pass.  ``ask(fields)`` runs in the worker; ``show(answer)`` on the app's
    thread, for the newest question only (answers may come back out of order)."""

    def __init__(self, form: FormScreen, ask: Callable[[dict], Any], show: Callable[[Any], None]):
        self.form = form
        self.ask = ask
        self.show = show
        self._asked = 0

    def refresh(self, fields: dict) -> None:
        self._asked += 1
        asked = self._asked
        self.form.run_worker(lambda: self._run(fields, asked), thread=True, group="live-check",
                             exit_on_error=False)

    def _run(self, fields: dict, asked: int) -> None:
        try:
            answer = self.ask(fields)
        except Exception as error:  # the store went away, a lock: said on the error line
            answer = error

        def show() -> None:
            if asked == self._asked and self.form.is_attached:
                if isinstance(answer, Exception):
                    self.form.show_error(error_text(answer))
                else:
                    self.show(answer)

        self.form.app.call_from_thread(show)


def problem_lines(problems, **extra) -> tuple[str, str]:
    """(hint text, state) of a field's problems: ✗ for each error, ⚠ for each warning."""
    from tracker.services.rulebook import message

    lines = [f"{BAD if p.is_error else '⚠'} {message(p, **extra)}" for p in problems]
    state = "bad" if any(p.is_error for p in problems) else "ok"
    return "\n".join(lines), state


def by_field(problems, where: dict[str, str], default: str) -> dict[str, list]:
    """Problems grouped by the hint they show under (``where``: problem field → hint id)."""
    out: dict[str, list] = {}
    for p in problems:
        out.setdefault(where.get(p.field, default), []).append(p)
    return out
