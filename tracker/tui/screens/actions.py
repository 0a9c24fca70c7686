"""The task actions shared by the task list and the task detail: new, edit, done, extend,
cancel, note, reopen, reassign, undo, and stopping a period's recurring duty.  A screen says which tasks an action is for
(``action_targets``) and what to do after a change (``after_change``)."""
from __future__ import annotations

from textual import work
from textual.binding import Binding

from tracker.domain.dates import format_date
from tracker.domain.text import shorten
from tracker.i18n import _
from tracker.tui.screens.directive_forms import DirectiveForm
from tracker.tui.screens.forms import Saved, error_text
from tracker.tui.screens.change_forms import (
    BulkEditForm,
    CancelForm,
    DoneForm,
    ExtendForm,
    NoteForm,
    ReassignForm,
    ReopenForm,
    UndoForm,
    UndoMarkedForm,
    refusal_line,
    undo_preview,
)
from tracker.tui.screens.task_forms import StopDutyForm, TaskForm

TASK_BINDINGS = [
    Binding("n", "new_task", "tui.key.new_task", id="task.new"),
    Binding("N", "new_directive", "tui.key.new_directive", show=False, id="directive.new"),
    Binding("e", "edit_task", "tui.key.edit", id="task.edit"),
    Binding("d", "done", "tui.key.done", id="task.done"),
    Binding("x", "extend", "tui.key.extend", id="task.extend"),
    Binding("c", "cancel_task", "tui.key.cancel", id="task.cancel"),
    Binding("a", "note", "tui.key.note", id="task.note"),
    Binding("r", "reopen", "tui.key.reopen", show=False, id="task.reopen"),
    Binding("l", "reassign", "tui.key.reassign", show=False, id="task.reassign"),
    Binding("u", "undo", "tui.key.undo", id="task.undo", tooltip="tui.key.undo.help"),
    Binding("D", "stop_duty", "tui.key.stop_duty", show=False, id="task.stop_duty"),
]


class TaskActions:
    """Mixin for a Screen."""

    # the screen answers: [(task id, version read or None)], and one task's view (or None)
    def action_targets(self) -> list[tuple[int, int | None]]:
        raise NotImplementedError

    def current_task(self):
        raise NotImplementedError

    def marked_ids(self) -> list[int]:
        """The tasks marked for a change to several at once (a screen without marks: none)."""
        return []

    def has_marks(self) -> bool:
        """Whether rows are marked (``marked_ids`` may be the tasks just changed instead)."""
        return False

    def after_change(self, saved: Saved) -> None:
        raise NotImplementedError

    # -- helpers -------------------------------------------------------------------------

    def _summary(self, targets) -> str:
        if len(targets) == 1:
            task = self.current_task()
            if task is not None and task.id == targets[0][0]:
                due = _("tui.summary.deadline", deadline=task.deadline_in_full())
                return f"#{task.id} · {due} · {shorten(task.content, 150)}"  # (wraps: two lines at 80)
            return f"#{targets[0][0]}"
        return _("tui.bulk.summary", n=len(targets))

    def _open(self, form_class, *args) -> None:
        targets = self.action_targets()
        if not targets:
            self.app.bell()
            self.notify(_("tui.msg.no_task"), severity="warning")
            return
        self.app.push_screen(form_class(targets, self._summary(targets), *args), self._saved)

    def _saved(self, saved: Saved | None) -> None:
        if saved is None:
            return
        self._added_directive = ""  # (another change made: n is the cursor task's again)
        saved.tell(self)
        self.app.data_changed()
        self.after_change(saved)

    # -- actions -------------------------------------------------------------------------

    def action_done(self) -> None:
        self._open(DoneForm, self.app.backend.today)

    def action_extend(self) -> None:
        self._open(ExtendForm)

    def action_cancel_task(self) -> None:
        self._open(CancelForm)

    def action_note(self) -> None:
        self._open(NoteForm, self.app.backend.today)

    def action_reopen(self) -> None:
        self._open(ReopenForm)

    def _cursor_task(self):
        """The task under the cursor; None with a bell and a word when there is none."""
        task = self.current_task()
        if task is None:
            self.app.bell()
            self.notify(_("tui.msg.no_task"), severity="warning")
        return task

    @work(thread=True, group="task-detail-action", exclusive=True)
    def _with_detail(self, task_id: int, then) -> None:
        """Read the task's detail (history, duty) in a worker, then ``then(detail)`` on screen."""
        try:
            detail = self.app.backend.task_detail(task_id)
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(then, detail)

    def action_undo(self) -> None:
        """Undo the newest change of each marked task, or with none marked of the task under
        the cursor — after showing what it was."""
        marked = self.marked_ids()
        if marked:
            self._plan_undo(marked, self.has_marks())
            return
        task = self._cursor_task()
        if task is not None:
            self._with_detail(task.id, self._undo_form)

    @work(thread=True, group="task-detail-action", exclusive=True)
    def _plan_undo(self, task_ids: list[int], marked: bool = True) -> None:
        """What undo would take back on each marked task — or, none marked, each task the
        change just made to several went to (``services.bulk.plan_undo_many``)."""
        try:
            offers = self.app.backend.plan_undo_many(task_ids)
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(self._undo_marked_form, offers, marked)

    def _undo_marked_form(self, offers, marked: bool = True) -> None:
        refused = [refusal_line(o.task_id, o.refused) for o in offers if o.refused is not None]
        offered = [o for o in offers if o.refused is None]
        if not offered:  # (said at once, each task and why: there is nothing to confirm)
            self.notify("\n".join([_("tui.undo.none_of_marked", n=len(offers)), *refused]),
                        severity="warning", timeout=12)
            return
        self.app.push_screen(UndoMarkedForm(offered, refused, len(offers), marked=marked),
                             self._saved)

    def _undo_form(self, detail) -> None:
        from tracker.services.tasks import undo_target

        task = detail.task
        rows, refused = undo_target(detail.history)
        if refused:  # (said at once: a form offering what the save then refuses misleads)
            self.notify(_(refused, id=task.id), severity="warning")
            return
        summary = f"#{task.id} · {shorten(task.content, 150)}"
        self.app.push_screen(UndoForm([(task.id, task.version)], summary, undo_preview(rows)), self._saved)

    def action_stop_duty(self) -> None:
        """Stop the recurring duty the task under the cursor is one period's task of."""
        task = self._cursor_task()
        if task is not None:
            self._with_detail(task.id, self._stop_form)

    def _stop_form(self, detail) -> None:
        if detail.recurrence is None:
            self.notify(_("tui.msg.not_recurring", id=detail.task.id), severity="warning")
            return
        self.app.push_screen(StopDutyForm(detail.recurrence, self.app.backend.today), self._saved)

    def action_reassign(self) -> None:
        self._with_lists(lambda units, _directives: self._open(ReassignForm, units))

    _added_directive = ""  # number@date of a directive N just added here (n gives it tasks)

    def action_new_task(self) -> None:
        task = self.current_task()
        # a directive just added with N (its tasks are what comes next); else the directive
        # of the task under the cursor; on a list narrowed to one directive with no task yet
        # (its tasks about to be assigned), that directive
        hint = self._added_directive or (
            f"{task.directive}@{format_date(task.directive_date)}" if task is not None
            else (getattr(self, "filter_fields", None) or {}).get("directive", ""))
        # (number@date: a number the store holds twice, from two years, is still one directive)
        self._with_lists(lambda units, directives: self.app.push_screen(
            TaskForm(units, directives, directive_hint=hint), self._saved))

    def action_edit_task(self) -> None:
        """Edit the task under the cursor — or, rows marked, the marked ones: one marked, its
        form; several, one correction given to each (``BulkEditForm``, as `task edit 67 199
        219 --lead DH`)."""
        targets = self.action_targets()
        if len(targets) > 1:
            self._with_lists(lambda units, directives: self.app.push_screen(
                BulkEditForm(targets, self._summary(targets), units, directives), self._saved))
            return
        if not targets:
            self._cursor_task()  # (the bell and the word)
            return
        self._with_lists(None, fresh_task=targets[0][0])

    def action_new_directive(self) -> None:
        self._with_lists(lambda _units, directives: self.app.push_screen(
            DirectiveForm(directives), self._directive_added))

    def _directive_added(self, saved: Saved | None) -> None:
        self._saved(saved)
        if saved is not None:  # the next n gives tasks to it, not the cursor task's directive
            view = saved.value
            self._added_directive = f"{view.number}@{format_date(view.issue_date)}"

    @work(thread=True, group="lists", exclusive=True)
    def _with_lists(self, then, fresh_task: int | None = None) -> None:
        """Load the unit and directive lists (for suggestions), then open a form."""
        backend = self.app.backend
        try:
            units = backend.units()
            directives = backend.directives()
            if fresh_task is not None:  # edit what is in the store now, not a stale row
                task = backend.task_detail(fresh_task).task
                self.app.call_from_thread(
                    self.app.push_screen, TaskForm(units, directives, task), self._saved)
                return
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(then, units, directives)
