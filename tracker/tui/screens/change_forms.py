"""The changes to one task or several marked ones — done, extend, cancel, progress note,
reassign, the same edit to several, reopen, undo — each checked live for every task by the
services' plan its save follows (``tasks.check_change``) and saved as one bulk change
(``services.bulk``).  The new/edit task form is ``task_forms.py``; the form kit ``forms.py``."""
from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from tracker.domain.dates import format_date
from tracker.domain.text import shorten
from tracker.domain.unitmatch import split_units
from tracker.i18n import _
from tracker.errors import TrackerError
from tracker.services.history import shown
from tracker.tui.widgets.filter_bar import FoldingSuggester
from tracker.services.history import field_words, value_words

from tracker.tui.screens.form_fields import deadline_words, unit_words
from tracker.tui.screens.forms import (OK, FieldInput, FormScreen, Hint, LiveCheck, Saved, by_field, error_text, problem_lines)


def said_once(refusals: list[tuple[int, str]]) -> list[str]:
    """A line per refusal, the tasks a same refusal is for named together ("#20, #46: Không
    có đơn vị …"), in the order first met."""
    tasks: dict[str, list[int]] = {}
    for task_id, text in refusals:
        tasks.setdefault(text, []).append(task_id)
    return [f"{', '.join(f'#{t}' for t in ids)}: {text}" for text, ids in tasks.items()]


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

                grouped = said_once([(tid, message(next(p for p in ps if p.is_error), id=tid)) for tid, ps in refused])
                lines = grouped[:3] + (["…"] if len(grouped) > 3 else [])
                shown[self.main_field] = ("\n".join([_("rules.some_refused", refused=len(refused),
                                                        total=len(answer)), *lines]), "bad")
            else:
                first = next(iter(answer.values()))[0]
                if self.ok_text(first):
                    shown[self.main_field] = (f"{OK} {self.ok_text(first)}", "ok")
                elif all(self.value(fid) for fid in self.required):
                    # (a field still to fill says "required", as for one task: not ✓)
                    shown[self.main_field] = (_("rules.will_pass"), "ok")
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
        failures = said_once([(task_id, error_text(error)) for task_id, error in result.refused])
        if failures and not result.changed:
            raise _Refused("\n".join(failures))
        if len(self.tasks) == 1:
            view = result.changed[0]
            message = _(one_key, id=view.id, **{k: f(view) for k, f in fields.items()})
        else:  # (several tasks: the marked rows; u right after takes it back on each)
            message = _("tui.bulk.done", done=len(result.changed), total=len(self.tasks))
            if len(result.changed) > 1:
                message += " · " + _("tui.bulk.undo_hint", n=len(result.changed))
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
    hints = {"note": "percent", "percent": "percent", "note_on": "on"}
    one_key = "msg.task_noted"

    def __init__(self, tasks, summary: str, today: dt.date) -> None:
        self.today = today
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.note")

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.form.note_text", TextArea(
            "", id="text", soft_wrap=True, tab_behavior="focus"))
        yield self.field("tui.form.percent", FieldInput(
            "", id="percent", type="integer", max_length=3))
        yield Hint(id="percent-hint")
        # the day of the unit's report, as `task note --on` takes it (Monday's reports are
        # often recorded on Wednesday)
        yield self.field("col.note_on", FieldInput(format_date(self.today), id="on"))
        yield Hint(id="on-hint")

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
        return {"text": self.value("text"), "percent": self._percent()[0],
                "on": self.value("on") or None}

    required = {"text": ("note",)}

    def idle_hints(self) -> dict[str, tuple[str, str]]:
        return {}  # (the note's box has no hint line: Save says it is required)

    def _show_check(self, answer: dict) -> None:
        super()._show_check(answer)
        day = next(iter(answer.values()))[0] if answer else None
        if day and self.value("on") and "-bad" not in self.query_one("#on-hint").classes:
            self.hint("on", f"{OK} {format_date(day)}", "ok")
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


class BulkEditForm(TasksForm):
    """``e`` with several rows marked: one correction given to every marked task (``tracker
    task edit 67 199 219 --lead DH``) — each field filled is set on each of them, a field
    left empty leaves each task's own as it is.  Checked live for every task by the plan the
    save follows (``check_change("edit")``), saved as one change to several
    (``change_many("edit")``, u right after takes it back on each)."""

    action, main_field = "edit", "edit"
    # problem field -> hint (the leader's hint is the register's: NameField)
    hints = {"directive": "directive", "status": "directive", "done_on": "directive",
             "lead": "lead", "support": "support", "deadline": "due", "group": "group"}
    one_key = "msg.task_saved"
    one_fields = {"status": _status_words,
                  "deadline": lambda v: format_date(v.deadline) or _("word.ongoing"),
                  "lead": lambda v: f"{v.lead} ({v.lead_name})"}
    focus_first = True

    def __init__(self, tasks, summary: str, units, directives) -> None:
        self.unit_names = [u.name for u in units] + [u.code for u in units]
        self.directives = list(directives)
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.bulk_edit", n=len(tasks))

    def compose_fields(self) -> ComposeResult:
        yield Static(_("tui.form.bulk_edit_hint"), classes="bulk-edit-hint")
        yield self.field("tui.form.directive", FieldInput(
            "", id="directive", suggester=FoldingSuggester([d.number for d in self.directives]),
            placeholder=_("tui.form.bulk_keep")))
        yield Hint(id="directive-hint")
        yield self.field("tui.form.lead", FieldInput(
            "", id="lead", suggester=FoldingSuggester(self.unit_names),
            placeholder=_("tui.form.unit_placeholder")))
        yield Hint(id="lead-hint")
        yield self.field("tui.form.support", FieldInput(
            "", id="support", placeholder=_("tui.form.support_placeholder")))
        yield Hint(id="support-hint")
        yield self.field("tui.form.deadline", FieldInput(
            "", id="due", placeholder=_("tui.form.deadline_placeholder")))
        yield Hint(id="due-hint")
        yield self.field("col.leader", FieldInput("", id="leader", placeholder=_("tui.form.bulk_keep")))
        yield Hint(id="leader-hint")
        yield self.field("col.group", FieldInput("", id="group", placeholder=_("tui.form.bulk_keep")))
        yield Hint(id="group-hint")
        yield Hint(id="edit-hint")

    def on_mount(self) -> None:
        from tracker.tui.completion import complete_from_register
        from tracker.tui.screens.names import NameField

        self.name_fields["leader"] = NameField(self, "leader", "leader")
        complete_from_register(self, "leader", "leader")
        super().on_mount()

    def fields(self) -> dict:
        """Only the fields filled: an empty one leaves each task's own value."""
        out: dict = {}
        for field_id in ("directive", "lead", "due", "leader", "group"):
            if self.value(field_id):
                out[field_id] = self.value(field_id)
        if self.value("support"):
            out["support"] = split_units(self.value("support"))
        return out

    def refresh_hints(self) -> None:
        super().refresh_hints()
        if "leader" in self.name_fields:
            self.name_fields["leader"].refresh()

    def _show_check(self, answer: dict) -> None:
        super()._show_check(answer)
        if not self.fields():  # nothing typed yet: nothing would change (not "✓ lưu được")
            self.hint("edit", _("tui.form.bulk_edit_empty"), "")
            return
        plans = [plan for plan, _problems in answer.values() if plan is not None]
        if not plans:
            return
        plan = plans[0]  # what a field typed was understood as (the same for every task)
        said: dict[str, str] = {}
        d = next((d for d in self.directives if d.id == plan.directive_id), None)
        if self.value("directive") and d is not None:
            said["directive"] = f"{OK} {d.number} {_('word.dated')} {format_date(d.issue_date)} · {d.title}"
        if self.value("lead") and plan.lead is not None:
            said["lead"] = f"{OK} {unit_words(plan.lead)}"
        if self.value("support") and plan.support is not None and plan.support.units:
            said["support"] = "\n".join(f"{OK} {unit_words(u)}" for u in plan.support.units)
        deadlines = {deadline_words(p.deadline) for p in plans if p.deadline is not None}
        if self.value("due") and len(deadlines) == 1:  # (words counted from each directive's
            said["due"] = f"{OK} {deadlines.pop()}"     # date may give each task its own)
        for hint_id, text in said.items():
            if "-bad" not in self.query_one(f"#{hint_id}-hint").classes:
                self.hint(hint_id, text, "ok")

    def check(self) -> dict[str, str]:
        return {} if self.fields() else {"": _("tui.form.bulk_edit_empty")}

    def save(self) -> Saved:
        self.name_fields["leader"].question(self.value("leader"))
        return super().save()


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
# undo and saved views


def _change_words(h) -> str:
    """One history row in the clerk's words: ``Trạng thái: Đang thực hiện → Đã hoàn thành``."""
    if not h.field:
        return h.new or ""
    old = value_words(h.field, h.old) or "—"
    new = value_words(h.field, h.new) or "—"
    return f"{field_words(h.field)}: {old} → {new}"


def undo_preview(rows) -> list[str]:
    """What undo would revert, a line per field (``services.tasks.undo_target``'s rows: the
    services decide; this only shows it)."""
    return [f"{shown(h.at):%d/%m/%Y %H:%M} · {h.by} · {_(f'action.{h.action}')}"
            + (" · " if h.field else ": ") + _change_words(h) for h in rows]


def refusal_line(task_id: int, error: BaseException) -> str:
    """Why one of several tasks was refused, in a line naming it (once: the services'
    messages about a task say its number themselves)."""
    text = error_text(error)
    return text if f"#{task_id}" in text else f"#{task_id}: {text}"


def undo_marked_preview(offer) -> list[str]:
    """One marked task's lines in the undo's list: the task, the change (what, when, who),
    then a line per field it changed."""
    first = offer.rows[0]
    return [f"#{offer.task_id} · {shorten(offer.content, 60)}",
            f"    {_(f'action.{first.action}')} · {shown(first.at):%d/%m/%Y %H:%M} · {first.by}",
            *(f"    {_change_words(h)}" for h in offer.rows)]


class UndoForm(TasksForm):
    save_label_key = "tui.form.undo_yes"
    hint_key = "tui.form.undo_hint"

    def __init__(self, tasks, summary: str, preview: list[str]) -> None:
        self.preview = preview
        super().__init__(tasks, summary)
        self.title_text = _("tui.form.undo")

    def compose_fields(self) -> ComposeResult:
        yield Static(_(self.hint_key) + "\n\n" + "\n".join(self.preview), markup=False,
                     id="undo-preview")

    action = "undo"
    one_key = "tui.msg.undone"
    one_fields = {"status": _status_words}


class UndoMarkedForm(UndoForm):
    """u with rows marked: the newest change of each marked task (``services.bulk.
    plan_undo_many``'s offers), listed, then taken back together in one transaction
    (``undo_many``: all of them or none). The marked tasks that cannot be undone are named
    with why, and stay as they are."""

    hint_key = "tui.undo.marked_hint"

    def __init__(self, offers, refused: list[str], count: int, *, marked: bool = True) -> None:
        """``count`` tasks asked about; ``marked``: they are the rows marked (else the tasks
        the change just made to several went to, no row marked: said so)."""
        self.refused = refused  # why, a line each (refusal_line)
        lines: list[str] = []
        for offer in offers:
            lines += undo_marked_preview(offer)
        if refused:
            lines += ["", _("tui.undo.refused_heading", n=len(refused)), *refused]
        summary = _("tui.bulk.summary" if marked else "tui.bulk.just_changed", n=count)
        if refused:
            summary += " · " + _("tui.undo.refused_count", n=len(refused))
        super().__init__([(o.task_id, o.version) for o in offers], summary, lines)
        self.title_text = _("tui.form.undo_marked", n=len(offers))

    def save(self) -> Saved:
        result = self.app.backend.undo_many(self.tasks).value
        if result.refused:  # one refused, none taken back: each one said
            raise _Refused("\n".join([_("tui.undo.none_taken"), *(
                refusal_line(task_id, error) for task_id, error in result.refused)]))
        message = _("tui.undo.marked_done", n=len(result.changed))
        return Saved(list(result.changed), message, tuple(self.refused))
