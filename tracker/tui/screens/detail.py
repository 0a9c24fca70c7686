"""One task, all of it: directive, content, units, leader, deadline as written and as a date,
extensions, progress notes, proof and the full history."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tracker.domain import status as S
from tracker.domain.dates import format_date
from tracker.i18n import _
from tracker.tui.bindings import localise_bindings
from tracker.tui.screens.actions import TASK_BINDINGS, TaskActions
from tracker.tui.screens.forms import Saved, error_text
from tracker.services.history import field_words, shown, value_words
from tracker.services.words import as_written
from tracker.tui.tasks_table import days_words, timeliness_words
from tracker.tui.widgets.key_bar import KeyBar

TIMELINESS_COLOUR = {
    S.OPEN_OVERDUE: "bold red",
    S.DONE_ON_TIME: "green",
    S.DONE_LATE: "yellow",
    S.NO_DEADLINE: "dim",
    S.CANCELLED_KEY: "dim",
}


def _when(value) -> str:
    """A stored moment at this computer's time."""
    return shown(value).strftime("%d/%m/%Y %H:%M") if value else ""


class TaskDetailScreen(TaskActions, Screen):
    BINDINGS = [
        Binding("escape,backspace", "back", "tui.key.back", id="detail.back"),
        *TASK_BINDINGS,
        Binding("f5", "refresh", "tui.key.refresh", show=False, id="detail.refresh"),
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
    ]
    DEFAULT_CSS = """
    TaskDetailScreen #detail-title {
        height: auto; background: $panel; padding: 0 1; text-style: bold;
    }
    TaskDetailScreen #detail-body { padding: 0 1; }
    TaskDetailScreen .section { padding-top: 1; height: auto; }
    """

    def __init__(self, task_id: int) -> None:
        super().__init__()
        localise_bindings(self)
        self.task_id = task_id
        self.detail = None

    def compose(self) -> ComposeResult:
        yield Static(_("tui.detail.loading", id=self.task_id), id="detail-title")
        with VerticalScroll(id="detail-body"):
            yield Static("", id="detail-main", classes="section")
            yield Static("", id="detail-extensions", classes="section")
            yield Static("", id="detail-notes", classes="section")
            yield Static("", id="detail-history", classes="section")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#detail-body").focus()
        self.load()

    def show_task(self, task_id: int) -> None:
        """Show another task in this (reused) screen."""
        self.task_id = task_id
        self.detail = None
        self.query_one("#detail-title", Static).update(_("tui.detail.loading", id=task_id))
        for name in ("main", "extensions", "notes", "history"):
            self.query_one(f"#detail-{name}", Static).update("")
        body = self.query_one("#detail-body", VerticalScroll)
        body.scroll_home(animate=False)
        body.focus()
        self.load()

    def refresh_data(self) -> None:
        """The app's poll (and F5): read the task again — another program (the nightly
        job, ``tracker task done`` in a shell, another clerk) may have changed it."""
        if self.detail is not None:
            self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="detail")
    def load(self) -> None:
        try:
            detail = self.app.backend.task_detail(self.task_id)
        except Exception as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        self.app.call_from_thread(self._show, detail)

    def _failed(self, text: str) -> None:
        self.query_one("#detail-title", Static).update(Text(f"✗ {text}"))

    def _show(self, detail) -> None:
        self.detail = detail
        task = detail.task
        today = self.app.backend.today
        title = Text()
        title.append(_("tui.detail.title", id=task.id) + "  ")
        title.append(timeliness_words(task.timeliness), TIMELINESS_COLOUR.get(task.timeliness, ""))
        days = days_words(task, today)
        if days:
            title.append(f"  ({days})")
        self.query_one("#detail-title", Static).update(title)

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row(_("col.directive"), f"{task.directive} {_('word.dated')} "
                     f"{format_date(task.directive_date)} · {task.directive_issuer}")
        grid.add_row("", Text(detail.directive_title, style="italic"))
        grid.add_row(_("col.content"), task.content)
        grid.add_row(_("col.lead"), f"{task.lead} · {task.lead_name}")
        support = ", ".join(f"{code} · {name}" for code, name in zip(task.support, detail.support_names))
        grid.add_row(_("col.support"), support or "—")
        grid.add_row(_("col.leader"), task.leader or "—")
        if task.group:
            grid.add_row(_("col.group"), task.group)
        grid.add_row(_("col.deadline_text"), task.deadline_text or _("word.ongoing"))
        if task.deadline:
            deadline = format_date(task.deadline)
            if task.deadline_effective and task.deadline_effective != task.deadline:
                deadline += "  " + _("tui.form.effective", date=format_date(task.deadline_effective))
            grid.add_row(_("col.deadline"), deadline)
        if (task.original_deadline != task.deadline
                or (task.original_deadline_text or "") != (task.deadline_text or "")):
            grid.add_row(_("col.original_deadline"),
                         as_written(task.original_deadline_text, task.original_deadline))
        if detail.recurrence is not None:  # one period's task of a recurring duty
            duty = detail.recurrence
            said = _("recurrence.of_task", period=detail.period, id=duty.id) + " · " + (
                _("recurrence.stopped_on", date=format_date(duty.ends_on)) if duty.ends_on
                else _("tui.detail.duty_stop"))
            grid.add_row(_("recurrence.col.rule"), said)
        grid.add_row(_("col.status"), _(f"status.{task.status}"))
        if task.done_on:
            grid.add_row(_("col.done_on"), format_date(task.done_on))
        if task.proof:
            grid.add_row(_("col.proof"), task.proof)
        if task.cancel_reason:
            grid.add_row(_("col.cancel_reason"), task.cancel_reason)
        if task.notes:
            grid.add_row(_("col.notes"), task.notes)
        self.query_one("#detail-main", Static).update(grid)

        self.query_one("#detail-extensions", Static).update(self._extensions(task))
        self.query_one("#detail-notes", Static).update(self._notes(detail))
        self.query_one("#detail-history", Static).update(self._history(detail))

    def _extensions(self, task):
        heading = Text(_("section.extensions"), style="bold underline")
        if not task.extensions:
            return Text.assemble(heading, "\n", _("tui.detail.none"))
        table = Table(box=None, pad_edge=False, show_edge=False, expand=True)
        for key in ("col.when", "tui.detail.from", "tui.detail.to", "tui.form.reason", "col.who"):
            table.add_column(_(key), overflow="fold")
        for ext in task.extensions:
            table.add_row(_when(ext.at), as_written(ext.old_text, ext.old_deadline),
                          as_written(ext.new_text, ext.new_deadline), ext.reason, ext.by)
        return _stack(heading, table)

    def _notes(self, detail):
        heading = Text(_("section.notes"), style="bold underline")
        if not detail.notes:
            return Text.assemble(heading, "\n", _("tui.detail.none"))
        table = Table(box=None, pad_edge=False, show_edge=False, expand=True)
        for key in ("col.date", "tui.form.note_text", "tui.detail.percent", "col.who"):
            table.add_column(_(key), overflow="fold")
        for note in detail.notes:
            table.add_row(format_date(note.on), note.text,
                          f"{note.percent}%" if note.percent is not None else "", note.by)
        return _stack(heading, table)

    def _history(self, detail):
        heading = Text(_("tui.detail.history"), style="bold underline")
        table = Table(box=None, pad_edge=False, show_edge=False, expand=True)
        for key in ("col.when", "col.who", "col.action", "col.field", "col.old", "col.new"):
            table.add_column(_(key), overflow="fold")
        for entry in detail.history:
            action_key = f"action.{entry.action}"
            action = _(action_key)
            table.add_row(_when(entry.at), entry.by, entry.action if action == action_key else action,
                          field_words(entry.field) if entry.field else "",
                          value_words(entry.field, entry.old),
                          value_words(entry.field, entry.new))
        return _stack(heading, table)

    # -- keys ----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_scroll_down(self) -> None:
        self.query_one("#detail-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#detail-body", VerticalScroll).scroll_up()

    def action_targets(self) -> list[tuple[int, int | None]]:
        if self.detail is None:
            return []
        return [(self.detail.task.id, self.detail.task.version)]

    def current_task(self):
        return self.detail.task if self.detail is not None else None

    def after_change(self, saved: Saved) -> None:
        self.load()

    def palette_commands(self):
        from textual.app import SystemCommand

        for binding in TASK_BINDINGS:
            yield SystemCommand(_(binding.description), f"[{binding.key}]",
                                lambda action=binding.action: self.run_action(action))


def _stack(*renderables):
    from rich.console import Group

    return Group(*renderables)
