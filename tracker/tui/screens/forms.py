"""Dialogs that change the store: new/edit task, new directive, done, extend, cancel,
progress note, and a plain confirmation.

Every form checks its fields as they are typed (a date shows the date it understood, a unit
the unit it found), and saves through the backend in a thread worker.  A refusal from the
services is shown inside the form, which stays open with everything that was typed; only a
successful save closes it, handing back the result.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from tracker.domain.dates import format_date
from tracker.domain.docnumbers import TYPE_NAMES, DocNumberError, parse_number
from tracker.domain.text import nfc
from tracker.domain.unitmatch import split_units
from tracker.i18n import _, field_label, get_lang
from tracker.services.errors import TrackerError
from tracker.tui.bindings import localise_bindings
from tracker.tui.widgets.filter_bar import FoldingSuggester
from tracker.services.history import field_words, value_words

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


@dataclass(frozen=True)
class Saved:
    """What a form hands back: the result and the warnings to show."""

    value: Any
    message: str
    warnings: tuple[str, ...] = ()
    new_task: int | None = None  # a task just added: the list puts its cursor on it


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
    """

    def __init__(self, text: str = "", **options) -> None:
        super().__init__(text, markup=False, **options)
        self.display = bool(text)

    def say(self, text: str, state: str = "") -> None:
        self.set_class(state == "ok", "-ok")
        self.set_class(state == "bad", "-bad")
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
)


class FormScreen(ModalScreen[Saved | None]):
    """A dialog with fields, a hint under each, an error line, and Save / Close."""

    BINDINGS = [
        Binding("ctrl+s", "save", "tui.key.save", id="form.save"),
        Binding("escape", "close", "tui.key.close", id="form.close"),
    ]
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > #dialog {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FormScreen #form-title { text-style: bold; width: 1fr; }
    FormScreen #form-keys { color: $text-muted; width: 1fr; }
    FormScreen #form-subtitle { color: $text-muted; }
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

    def on_mount(self) -> None:
        self._initial = self.snapshot()
        # the first field still to fill (a directive filled in from the cursor's task must
        # not swallow the content the clerk starts typing), else the first field
        inputs = [w for w in self.query("Input, TextArea, Select") if w.focusable]
        empty = [w for w in inputs if w.id and not self.value(w.id)]
        if getattr(self, "editing", None) is not None:
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
        if not self._refused:
            return
        now = self.snapshot()
        named = [f for f in self._refused if f]
        changed = [f for f in named if now.get(f) != (self._refused_at or {}).get(f)]
        if named and len(changed) < len(named):
            return  # a field at fault is still as it was refused
        if not named and now == self._refused_at:
            return
        if set(self.check()) & set(named):
            return  # the form's own check still finds fault with one of them
        self._refused = self._refused_at = None
        self.show_error("")

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
        for prefix, candidates in _FIELD_OF_KEY:
            if key.startswith(prefix):
                return next((c for c in candidates if c in ids), "")
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
            self.app.call_from_thread(self.dismiss, saved)

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


# ---------------------------------------------------------------------------------------
# reusable field checks


def check_date(text: str, *, allow_empty: bool = False) -> tuple[dt.date | None, str, str]:
    """(date, hint, state) for a date field, read as the services read it (``rules.read_date``)."""
    from tracker.domain.rules import read_date

    if not text:
        return None, ("" if allow_empty else _("tui.form.required")), ("" if allow_empty else "bad")
    day, problems = read_date(text, "date")
    if day is None:
        return None, problem_lines(problems)[0], "bad"
    said, _state = problem_lines(problems)
    return day, f"{OK} {format_date(day)}" + (f"\n{said}" if said else ""), "ok"


class UnitBook:
    """Unit names typed in a form that has no service plan of its own yet (the document
    review screen), judged by the rulebook's one verdict (``rules.check_unit``)."""

    def __init__(self, units) -> None:
        from tracker.domain.unitmatch import UnitEntry

        self.units = list(units)
        self.entries = [UnitEntry(u.id, u.code, u.name, tuple(u.aliases)) for u in self.units]
        self.names = [u.name for u in self.units] + [u.code for u in self.units]

    def describe(self, text: str) -> tuple[str, str]:
        from tracker.domain.rules import check_unit
        from tracker.domain.unitmatch import match_unit

        if not text:
            return "", ""
        m = match_unit(nfc(text), self.entries)
        problems = check_unit(m)
        if not problems:
            return f"{OK} {unit_words(m.unit)}", "ok"
        return problem_lines(problems[:1])[0], "bad"

    def describe_many(self, text: str) -> tuple[str, str]:
        names = split_units(text) if text else []
        if not names:
            return "", ""
        parts, state = [], "ok"
        for name in names:
            said, ok = self.describe(name)
            parts.append(said)
            if ok != "ok":
                state = "bad"
        return "\n".join(parts), state


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


def unit_words(unit) -> str:
    return f"{unit.code} · {unit.name}"


def deadline_words(value) -> str:
    said = format_date(value.date) if value.date else _("word.ongoing")
    if value.effective and value.effective != value.date:
        said += " " + _("tui.form.effective", date=format_date(value.effective))
    return said


class DeadlineField:
    """Shows what a deadline phrase means, asking the services in a worker."""

    def __init__(self, form: FormScreen, field_id: str, ref_date: Callable[[], dt.date | None]):
        self.form = form
        self.field_id = field_id
        self.ref_date = ref_date
        self.ok = True
        self._asked = 0  # answers may come back out of order: only the newest is shown

    def refresh(self) -> None:
        text = self.form.value(self.field_id)
        self._asked += 1
        asked = self._asked
        self.form.run_worker(lambda: self._read(text, asked), thread=True,
                             group=f"deadline-{self.field_id}", exit_on_error=False)

    def _read(self, text: str, asked: int) -> None:
        if not text:
            said, state, ok = _("tui.form.no_deadline"), "", True
        else:
            try:
                recurring = self.form.app.backend.read_recurrence(text)
                value = None if recurring else self.form.app.backend.read_deadline(
                    text, self.ref_date())
            except Exception as error:
                said, state, ok = f"{BAD} {error_text(error)}", "bad", False
            else:
                state, ok = "ok", True
                if recurring:  # a recurring duty: its rhythm and the next due date
                    frequency, _due, effective = recurring
                    said = f"{OK} " + _("recurrence.preview", date=format_date(effective),
                                        every=_(f"recurrence.frequency.{frequency}"))
                else:
                    said = (f"{OK} {format_date(value.date)}" if value.date
                            else f"{OK} {_('word.ongoing')}")
                    if value.effective and value.effective != value.date:
                        said += " " + _("tui.form.effective", date=format_date(value.effective))

        def show() -> None:
            if asked != self._asked:
                return
            self.ok = ok
            if self.form.is_attached:
                self.form.hint(self.field_id, said, state)

        self.form.app.call_from_thread(show)


# ---------------------------------------------------------------------------------------
# task forms


class TaskForm(FormScreen):
    """New task (``task`` None) or edit of ``task`` (a TaskView)."""

    def __init__(self, units, directives, task=None, *, directive_hint: str = "") -> None:
        self.editing = task
        self.unit_names = [u.name for u in units] + [u.code for u in units]
        self.directives = list(directives)
        self.directive_hint = directive_hint
        super().__init__()
        if task is None:
            self.title_text = _("tui.form.new_task")
        else:
            self.title_text = _("tui.form.edit_task", id=task.id)
            self.subtitle_text = task.content

    def compose_fields(self) -> ComposeResult:
        t = self.editing
        numbers = [d.number for d in self.directives]
        yield self.field("tui.form.directive", FieldInput(
            t.directive if t else self.directive_hint, id="directive",
            suggester=FoldingSuggester(numbers), placeholder="67/KH-UBND"))
        yield Hint(id="directive-hint")
        yield self.field("col.content", TextArea(
            t.content if t else "", id="content", soft_wrap=True, show_line_numbers=False,
            tab_behavior="focus"))
        yield Hint(id="content-hint")
        yield self.field("tui.form.lead", FieldInput(
            t.lead if t else "", id="lead", suggester=FoldingSuggester(self.unit_names),
            placeholder=_("tui.form.unit_placeholder")))
        yield Hint(id="lead-hint")
        yield self.field("tui.form.support", FieldInput(
            ", ".join(t.support) if t else "", id="support",
            placeholder=_("tui.form.support_placeholder")))
        yield Hint(id="support-hint")
        yield self.field("tui.form.deadline", FieldInput(
            t.deadline_text if t else "", id="due",
            placeholder=_("tui.form.deadline_placeholder")))
        yield Hint(id="due-hint")
        yield self.field("col.leader", FieldInput(t.leader if t else "", id="leader"))
        yield Hint(id="leader-hint")
        yield self.field("col.group", FieldInput(t.group if t else "", id="group"))
        yield Hint(id="group-hint")

    def on_mount(self) -> None:
        from tracker.tui.completion import complete_from_register
        from tracker.tui.screens.names import NameField

        self.live = LiveCheck(self, lambda fields: self.app.backend.check_task(
            self.editing.id if self.editing else None, **fields), self._show_check)
        self.name_fields["leader"] = NameField(self, "leader", "leader")
        complete_from_register(self, "leader", "leader")
        super().on_mount()

    def fields(self) -> dict:
        return dict(directive=self.value("directive"), content=self.value("content"),
                    lead=self.value("lead"), support=split_units(self.value("support")),
                    due=self.value("due"), leader=self.value("leader"), group=self.value("group"))

    _HINTS = {"directive": "directive", "status": "directive", "done_on": "directive",
              "content": "content", "lead": "lead", "support": "support", "deadline": "due",
              "leader": "leader", "group": "group", "key": "content"}
    _REQUIRED = ("directive", "content", "lead")

    def refresh_hints(self) -> None:
        if hasattr(self, "live"):
            self.live.refresh(self.fields())
        if "leader" in self.name_fields:  # what the leader register reads the name as
            self.name_fields["leader"].refresh()

    def _show_check(self, plan) -> None:
        """Each field's hint from the plan the save would follow."""
        problems = by_field(plan.problems, self._HINTS, "content")
        said: dict[str, tuple[str, str]] = {}
        d = next((d for d in self.directives if d.id == plan.directive_id), None)
        if d is not None:
            said["directive"] = (f"{OK} {d.number} {_('word.dated')} {format_date(d.issue_date)} · {d.title}", "ok")
        if plan.lead is not None:
            said["lead"] = (f"{OK} {unit_words(plan.lead)}", "ok")
        if plan.support is not None and plan.support.units:
            units = plan.support.units
            said["support"] = ("\n".join(f"{OK} {unit_words(u)}" for u in units) if len(units) <= 3 else
                               f"{OK} " + _("rules.support_units", count=len(units),
                                            codes=", ".join(u.code for u in units)), "ok")
        if plan.deadline is not None:
            said["due"] = ((f"{OK} " + deadline_words(plan.deadline)) if self.value("due")
                           else _("tui.form.no_deadline"), "ok" if self.value("due") else "")
        for hint_id in ("directive", "content", "lead", "support", "due", "leader", "group"):
            text, state = said.get(hint_id, ("", ""))
            if hint_id in self._REQUIRED and not self.value(hint_id):
                text, state = _("tui.form.required"), "bad"
            elif hint_id in problems:  # errors alone; warnings under what was understood
                lines, state = problem_lines(problems[hint_id])
                text = f"{text}\n{lines}" if state == "ok" and text else lines
            elif hint_id == "leader":  # said by the leader register (NameField)
                continue
            self.hint(hint_id, text, state)

    def check(self) -> dict[str, str]:
        problems = {}
        if not self.value("directive"):
            problems["directive"] = _("tui.form.missing", field=_("tui.form.directive"))
        if not self.value("content"):
            problems["content"] = _("task.content_required")
        if not self.value("lead"):
            problems["lead"] = _("tui.form.missing", field=_("tui.form.lead"))
        return problems

    def save(self) -> Saved:
        backend = self.app.backend
        self.name_fields["leader"].question(self.value("leader"))
        fields = dict(directive=self.value("directive"), content=self.value("content"),
                      lead=self.value("lead"), support=split_units(self.value("support")),
                      due=self.value("due"), leader=self.value("leader"), group=self.value("group"))
        if self.editing is None:
            outcome = backend.add_task(**fields)
            key = "msg.task_added"
        else:
            outcome = backend.edit_task(self.editing.id, expected_version=self.editing.version, **fields)
            key = "msg.task_saved"
        view = outcome.value
        message = _(key, id=view.id, deadline=format_date(view.deadline) or _("word.ongoing"),
                    status=_(f"timeliness.{view.timeliness}"))
        return Saved(view, message, tuple(_(k, **f) for k, f in outcome.warnings
                                          if k != "names.close_added"),  # asked already
                     new_task=view.id if self.editing is None else None)


class TasksForm(FormScreen):
    """A form acting on one task or on several marked ones.  Its live check asks the
    services what the save would meet for every task (``check_change``), and its save is one
    bulk change (``services.bulk.change_many``): the same plan, the same rules."""

    action = ""  # the change (services.bulk / services.tasks.PLANS)
    main_field = ""  # the hint that says ✓, or which tasks would be refused
    hints: dict[str, str] = {}  # problem field → hint id (others: main_field)

    def __init__(self, tasks: list[tuple[int, int | None]], summary: str) -> None:
        self.tasks = tasks  # (id, version read) — version None for marked rows not on screen
        super().__init__()
        self.subtitle_text = summary

    def fields(self) -> dict:
        """The change's fields as typed (the service's keyword arguments)."""
        return {}

    def ok_text(self, value) -> str:
        """What the change would set, said under the main field when it passes."""
        return ""

    def on_mount(self) -> None:
        ids = [t for t, _v in self.tasks]
        self.live = LiveCheck(self, lambda fields: self.app.backend.check_change(self.action, ids, **fields),
                              self._show_check)
        super().on_mount()

    def refresh_hints(self) -> None:
        if hasattr(self, "live") and self.main_field:
            self.live.refresh(self.fields())

    required: dict[str, tuple[str, ...]] = {}  # field id → the problem fields it answers

    def _show_check(self, answer: dict) -> None:
        # a field still empty says "required" (idle_hints), not the rules' complaint about it
        unfilled = {f for fid, fs in self.required.items() if not self.value(fid) for f in fs}
        answer = {tid: (v, [p for p in ps if p.field not in unfilled]) for tid, (v, ps) in answer.items()}
        shown: dict[str, tuple[str, str]] = {h: ("", "") for h in {self.main_field, *self.hints.values()}}
        if len(answer) == 1:
            (task_id, (value, problems)), = answer.items()
            for hint_id, ps in by_field(problems, self.hints, self.main_field).items():
                shown[hint_id] = problem_lines(ps, id=task_id)
            text, state = shown[self.main_field]
            if state != "bad" and self.ok_text(value):
                shown[self.main_field] = (f"{OK} {self.ok_text(value)}" + (f"\n{text}" if text else ""), "ok")
        else:
            refused = [(tid, ps) for tid, (_v, ps) in answer.items() if any(p.is_error for p in ps)]
            if refused:
                from tracker.services.rulebook import message

                lines = [f"#{tid}: {message(next(p for p in ps if p.is_error), id=tid)}"
                         for tid, ps in refused[:3]] + (["…"] if len(refused) > 3 else [])
                shown[self.main_field] = ("\n".join([_("rules.some_refused", refused=len(refused),
                                                        total=len(answer)), *lines]), "bad")
            else:
                first = next(iter(answer.values()))[0]
                shown[self.main_field] = (f"{OK} {self.ok_text(first)}" if self.ok_text(first)
                                          else _("rules.will_pass"), "ok")
        idle = self.idle_hints()
        for hint_id, (text, state) in shown.items():
            if not text and hint_id in idle:
                text, state = idle[hint_id]
            self.hint(hint_id, text, state)

    def idle_hints(self) -> dict[str, tuple[str, str]]:
        """A hint's text when the check has nothing to say there: "required" under a field
        still to fill."""
        return {fid: (_("tui.form.required"), "bad") for fid in self.required if not self.value(fid)}

    def save(self) -> Saved:
        outcome = self.app.backend.change_many(self.action, self.tasks, **self.fields())
        return self.finish(outcome, self.one_key, **self.one_fields)

    one_key = "msg.task_saved"
    one_fields: dict = {}

    def finish(self, outcome, one_key: str, **fields) -> Saved:
        result = outcome.value
        failures = [f"#{task_id}: {error_text(error)}" for task_id, error in result.refused]
        if failures and not result.changed:
            raise _Refused("\n".join(failures))
        if len(self.tasks) == 1:
            view = result.changed[0]
            message = _(one_key, id=view.id, **{k: f(view) for k, f in fields.items()})
        else:
            message = _("tui.bulk.done", done=len(result.changed), total=len(self.tasks))
        warnings = [_(k, **f) for k, f in outcome.warnings] + failures
        return Saved(list(result.changed), message, tuple(warnings))


class _Refused(TrackerError):
    def __init__(self, text: str) -> None:
        super().__init__("tui.error.refused")
        self.text = text

    def message(self) -> str:
        return self.text


def _status_words(view) -> str:
    return _(f"timeliness.{view.timeliness}")


class DoneForm(TasksForm):
    action, main_field = "done", "on"
    hints = {"status": "on", "done_on": "on", "on": "on"}
    one_key = "msg.task_done"
    one_fields = {"status": _status_words}

    def __init__(self, tasks, summary: str, today: dt.date) -> None:
        self.today = today
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.done", n=len(tasks))

    def compose_fields(self) -> ComposeResult:
        yield self.field("col.done_on", FieldInput(format_date(self.today), id="on"))
        yield Hint(id="on-hint")
        yield self.field("col.proof", FieldInput(
            "", id="proof", placeholder=_("tui.form.proof_placeholder")))
        yield Hint(_("tui.form.proof_hint"), id="proof-hint")

    def fields(self) -> dict:
        return {"on": self.value("on"), "proof": self.value("proof")}

    required = {"on": ("on", "done_on")}

    def ok_text(self, value) -> str:
        return format_date(value) if value and self.value("on") else ""

    def check(self) -> dict[str, str]:
        if not self.value("on"):
            return {"on": _("tui.form.missing", field=_("col.done_on"))}
        return {}


class ExtendForm(TasksForm):
    action, main_field = "extend", "to"
    hints = {"reason": "reason", "status": "to", "extension": "to", "deadline": "to"}
    one_key = "msg.task_extended"
    one_fields = {"status": _status_words, "deadline": lambda v: format_date(v.deadline)}

    def __init__(self, tasks, summary: str) -> None:
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.extend", n=len(tasks))

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.form.new_deadline", FieldInput(
            "", id="to", placeholder=_("tui.form.deadline_placeholder")))
        yield Hint(id="to-hint")
        yield self.field("tui.form.reason", FieldInput("", id="reason"))
        yield Hint(id="reason-hint")

    def fields(self) -> dict:
        return {"to": self.value("to"), "reason": self.value("reason")}

    required = {"to": ("extension", "deadline"), "reason": ("reason",)}

    def ok_text(self, value) -> str:
        return deadline_words(value) if value is not None and self.value("to") else ""

    def check(self) -> dict[str, str]:
        problems = {}
        if not self.value("to"):
            problems["to"] = _("tui.form.missing", field=_("tui.form.new_deadline"))
        if not self.value("reason"):
            problems["reason"] = _("task.reason_required")
        return problems


class CancelForm(TasksForm):
    destructive = True
    save_label_key = "tui.form.cancel_yes"
    action, main_field = "cancel", "reason"
    hints = {"reason": "reason", "status": "reason"}
    one_key = "msg.task_cancelled"

    def __init__(self, tasks, summary: str) -> None:
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.cancel", n=len(tasks))

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.form.reason", FieldInput("", id="reason"))
        yield Hint(_("tui.form.cancel_hint"), id="reason-hint")

    def fields(self) -> dict:
        return {"reason": self.value("reason")}

    required = {"reason": ("reason",)}

    def idle_hints(self) -> dict[str, tuple[str, str]]:
        return {"reason": (_("tui.form.cancel_hint"), "")}  # what a reason is for

    def check(self) -> dict[str, str]:
        return {} if self.value("reason") else {"reason": _("task.reason_required")}


class NoteForm(TasksForm):
    action, main_field = "note", "percent"
    hints = {"note": "percent", "percent": "percent", "on": "percent"}
    one_key = "msg.task_noted"

    def __init__(self, tasks, summary: str) -> None:
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.note")

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.form.note_text", TextArea(
            "", id="text", soft_wrap=True, tab_behavior="focus"))
        yield self.field("tui.form.percent", FieldInput(
            "", id="percent", type="integer", max_length=3))
        yield Hint(id="percent-hint")

    def _percent(self) -> tuple[int | None, str]:
        text = self.value("percent")
        if not text:
            return None, ""
        try:
            value = int(text)
        except ValueError:
            return None, _("task.bad_percent", value=text)
        return value, ""

    def fields(self) -> dict:
        return {"text": self.value("text"), "percent": self._percent()[0]}

    required = {"text": ("note",)}

    def idle_hints(self) -> dict[str, tuple[str, str]]:
        return {}  # (the note's box has no hint line: Save says it is required)

    def _show_check(self, answer: dict) -> None:
        super()._show_check(answer)
        if self.value("percent") and "-bad" not in self.query_one("#percent-hint").classes:
            self.hint("percent", f"{OK} {self._percent()[0]}%", "ok")
        elif not self.value("percent") and "-bad" not in self.query_one("#percent-hint").classes:
            self.hint("percent", "")

    def check(self) -> dict[str, str]:
        problems = {}
        if not self.value("text"):
            problems["text"] = _("task.note_required")
        _value, problem = self._percent()
        if problem:
            problems["percent"] = problem
        return problems


class ReassignForm(TasksForm):
    action, main_field = "edit", "lead"
    hints = {"lead": "lead"}
    one_key = "msg.task_saved"
    one_fields = {"status": _status_words,
                  "deadline": lambda v: format_date(v.deadline) or _("word.ongoing")}

    def __init__(self, tasks, summary: str, units) -> None:
        self.unit_names = [u.name for u in units] + [u.code for u in units]
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.reassign", n=len(tasks))

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.form.lead", FieldInput(
            "", id="lead", suggester=FoldingSuggester(self.unit_names),
            placeholder=_("tui.form.unit_placeholder")))
        yield Hint(id="lead-hint")

    def fields(self) -> dict:
        return {"lead": self.value("lead")}

    def ok_text(self, plan) -> str:
        return unit_words(plan.lead) if plan is not None and plan.lead is not None else ""

    def refresh_hints(self) -> None:
        if not self.value("lead"):
            self.hint("lead", _("tui.form.required"), "bad")
        else:
            super().refresh_hints()

    def check(self) -> dict[str, str]:
        if not self.value("lead"):
            return {"lead": _("tui.form.missing", field=_("tui.form.lead"))}
        return {}


class ReopenForm(TasksForm):
    save_label_key = "tui.form.reopen_yes"
    action, main_field = "reopen", "reopen"
    hints = {"status": "reopen"}
    one_key = "msg.task_reopened"
    one_fields = {"status": _status_words}

    def __init__(self, tasks, summary: str) -> None:
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.reopen", n=len(tasks))

    def compose_fields(self) -> ComposeResult:
        yield Static(_("tui.form.reopen_hint"))
        yield Hint(id="reopen-hint")


# ---------------------------------------------------------------------------------------
# directive form


class DirectiveForm(FormScreen):
    def __init__(self, directives) -> None:
        self.directives = list(directives)
        super().__init__()
        self.title_text = _("tui.form.new_directive")

    def compose_fields(self) -> ComposeResult:
        yield self.field("col.number", FieldInput(
            "", id="number", placeholder="67/KH-UBND, 320-KL/TU, 31/2019/NQ-HĐND"))
        yield Hint(id="number-hint")
        lang = get_lang()
        yield self.field("col.type", Select(
            [(f"{code} — {names[0] if lang == 'vi' else names[1]}", code)
             for code, names in TYPE_NAMES.items()],
            prompt=_("tui.form.type_none"), id="type_code", compact=True))
        yield self.field("col.issuer", FieldInput("", id="issuer", suggester=FoldingSuggester(
            list(ISSUERS) + [d.issuer for d in self.directives])))
        yield Hint(id="issuer-hint")
        yield self.field("tui.form.issue_date", FieldInput(
            "", id="date", placeholder="dd/mm/yyyy"))
        yield Hint(id="date-hint")
        yield self.field("col.title", TextArea(
            "", id="title", soft_wrap=True, tab_behavior="focus"))
        yield Hint(id="title-hint")
        yield self.field("col.signer", FieldInput("", id="signer"))
        yield self.field("col.parent", FieldInput(
            "", id="parent", suggester=FoldingSuggester([d.number for d in self.directives]),
            placeholder=_("tui.form.parent_placeholder")))
        yield Hint(id="parent-hint")

    def refresh_hints(self) -> None:
        number = self.value("number")
        if not number:
            self.hint("number", _("tui.form.required"), "bad")
        else:
            try:
                parsed = parse_number(number)
            except DocNumberError as error:
                self.hint("number", f"{BAD} {error.message(get_lang())}", "bad")
            else:
                self.hint("number", f"{OK} {parsed.canonical} · {parsed.type_name(get_lang())}", "ok")
        if self.value("issuer") and "issuer" in self.name_fields:
            self.name_fields["issuer"].refresh()
        else:
            self.hint("issuer", _("tui.form.required"), "bad")
        _day, said, state = check_date(self.value("date"))
        self.hint("date", said, state)
        self.hint("title", "" if self.value("title") else _("tui.form.required"),
                  "" if self.value("title") else "bad")
        parent = self.value("parent")
        match = [d for d in self.directives if d.number == nfc(parent)]
        if not parent:
            self.hint("parent", "")
        elif match:
            self.hint("parent", f"{OK} {match[0].number} · {match[0].title}", "ok")
        else:
            self.hint("parent", f"{BAD} " + _("tui.form.directive_unknown"), "bad")

    def check(self) -> dict[str, str]:
        problems = {}
        for field_id, key in (("number", "directive.number_required"),
                              ("issuer", "directive.issuer_required"),
                              ("title", "directive.title_required")):
            if not self.value(field_id):
                problems[field_id] = _(key)
        _day, said, state = check_date(self.value("date"))
        if state == "bad":
            problems["date"] = said.lstrip(BAD + " ")
        return problems

    def on_mount(self) -> None:
        from tracker.tui.completion import complete_from_register
        from tracker.tui.screens.names import NameField

        self.name_fields["issuer"] = NameField(self, "issuer", "issuer")
        complete_from_register(self, "issuer", "issuer")
        super().on_mount()

    def save(self) -> Saved:
        number = self.value("number")
        self.name_fields["issuer"].question(self.value("issuer"))
        outcome = self.app.backend.add_directive(
            number, type_code=self.value("type_code") or _type_in(number),
            issuer=self.value("issuer"), date=self.value("date"), title=self.value("title"),
            signer=self.value("signer"), parent=self.value("parent") or None)
        view = outcome.value
        return Saved(view, _("msg.directive_added", id=view.id, number=view.number,
                             date=format_date(view.issue_date)),
                     tuple(_(k, **f) for k, f in outcome.warnings
                           if k != "names.close_added"))  # asked already


def _type_in(number: str) -> str:
    """The type code a number carries (67/KH-UBND → KH); '' for a Công văn or unreadable."""
    try:
        return parse_number(number).type_code or ""
    except DocNumberError:
        return ""


# ---------------------------------------------------------------------------------------
# undo and saved views


def undo_preview(history) -> list[str]:
    """What undo would revert: the newest change that is not an undo and was not undone
    (the services decide; this only shows it)."""
    undone = {h.batch[5:] for h in history
              if h.action == "undo" and (h.batch or "").startswith("undo:")}
    target = next((h.batch for h in reversed(history)
                   if h.action != "undo" and h.batch and h.batch not in undone), None)
    if target is None:
        return []
    lines = []
    for h in history:
        if h.batch != target:
            continue
        action = _(f"action.{h.action}")
        field = field_words(h.field) if h.field else ""
        old = value_words(h.field, h.old) or "—"
        new = value_words(h.field, h.new) or "—"
        change = f"{old} → {new}" if h.field else (h.new or "")
        lines.append(f"{h.at:%d/%m/%Y %H:%M} · {h.by} · {action}" + (f" · {field}" if field else "")
                     + f": {change}")
    return lines


class UndoForm(TasksForm):
    save_label_key = "tui.form.undo_yes"

    def __init__(self, tasks, summary: str, preview: list[str]) -> None:
        self.preview = preview
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.undo")

    def compose_fields(self) -> ComposeResult:
        text = "\n".join(self.preview) if self.preview else _("tui.form.undo_nothing")
        yield Static(_("tui.form.undo_hint") + "\n\n" + text, markup=False, id="undo-preview")

    action = "undo"
    one_key = "tui.msg.undone"
    one_fields = {"status": _status_words}


class ViewNameForm(FormScreen):
    """Save the task list's current filter under a name (the sidebar lists it)."""

    def __init__(self, filters: dict, name: str = "") -> None:
        self.filters = dict(filters)
        self.suggested = name
        super().__init__()
        self.title_text = _("tui.form.save_view")

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.form.view_name", FieldInput(self.suggested, id="name"))
        yield Hint(_("tui.form.view_hint"), id="name-hint")

    def check(self) -> dict[str, str]:
        return {} if self.value("name") else {"name": _("view.name_required")}

    def save(self) -> Saved:
        outcome = self.app.backend.save_view(self.value("name"), self.filters)
        return Saved(outcome.value, _("tui.views.saved", name=outcome.value.name))
