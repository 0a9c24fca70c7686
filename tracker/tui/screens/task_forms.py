"""The task dialogs: a new task or one edited, checked live by the services' plan its save
follows (the shared form kit is in ``forms.py``), and stopping the recurring duty a task is
one period of.  The changes to one task or several marked ones (done, extend, cancel, note,
reassign, edit, reopen, undo) are ``change_forms.py``."""
from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.widgets import TextArea

from tracker.domain.dates import format_date
from tracker.domain.unitmatch import split_units
from tracker.i18n import _
from tracker.tui.widgets.filter_bar import FoldingSuggester

from tracker.tui.screens.form_fields import deadline_words, unit_words
from tracker.tui.screens.forms import (OK, FieldInput, FormScreen, Hint, LiveCheck, Saved, by_field, problem_lines, typed_ref)


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
            typed_ref(t.directive, t.directive_date, self.directives) if t else self.directive_hint,
            id="directive",
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
        if plan.recurring is not None:  # a recurring duty: its rhythm and the next due date
            frequency, _due, effective = plan.recurring
            said["due"] = (f"{OK} " + _("recurrence.preview", date=format_date(effective),
                                        every=_(f"recurrence.frequency.{frequency}")), "ok")
        elif plan.deadline is not None:
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
                    status=_(f"timeliness.{view.timeliness}"), lead=f"{view.lead} ({view.lead_name})")
        return Saved(view, message, tuple(_(k, **f) for k, f in outcome.warnings
                                          if k != "names.close_added"),  # asked already
                     new_task=view.id if self.editing is None else None)


class StopDutyForm(FormScreen):
    """Stop the recurring duty a task is one period's task of (``tracker recurrence stop``):
    no period after the day; the open tasks of periods begun after it are cancelled with the
    reason, done ones and the periods begun by then stay."""

    destructive = True
    save_label_key = "tui.form.stop_yes"
    focus_first = True  # the day is the decision (the reason may stay blank)

    def __init__(self, duty, today: dt.date) -> None:
        super().__init__()
        self.duty = duty
        self.today = today
        self.title_text = _("tui.form.stop_duty", id=duty.id)
        stopped = _("recurrence.stopped_on", date=format_date(duty.ends_on)) if duty.ends_on else ""
        self.subtitle_text = f"{duty.rule_text} · {duty.content}" + (f" · {stopped}" if stopped else "")

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.form.stop_on", FieldInput(format_date(self.duty.ends_on or self.today), id="on"))
        yield Hint(_("tui.form.stop_hint"), id="on-hint")
        yield self.field("tui.form.reason", FieldInput("", id="reason", placeholder=_(
            "tui.form.stop_reason_placeholder", reason=_("recurrence.stopped_reason", date="…"))))

    def check(self) -> dict[str, str]:
        return {} if self.value("on") else {"on": _("tui.form.missing", field=_("tui.form.stop_on"))}

    def save(self) -> Saved:
        outcome = self.app.backend.stop_recurrence(self.duty.id, self.value("on"), self.value("reason"))
        view = outcome.value
        return Saved(view, _("msg.recurrence_stopped", id=view.id, date=format_date(view.ends_on)),
                     tuple(_(k, **f) for k, f in outcome.warnings))
