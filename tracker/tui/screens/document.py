"""A directive's document beside the tasks read from it (issue 16).

Reached with ``i`` (the import door) when the file is a document (.docx, .pdf, .doc, .txt)
rather than a sheet: the text on the left, the proposed tasks on the right; the cursor's task
is marked in the text.  Each task can be accepted (``a``), dropped (``d``) or edited (``e``:
its text, lead, supporting units and deadline, matched again as typed); ``Ctrl+S`` records
the directive and the accepted tasks in one transaction (``services.extraction.apply``).
"""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.domain.dates import format_date
from tracker.i18n import _
from tracker.tui.bindings import localise_bindings
from tracker.tui.screens.form_fields import DeadlineField, UnitBook
from tracker.tui.screens.forms import (
    ConfirmScreen,
    FieldInput,
    FormScreen,
    Hint,
    Saved,
    error_text,
)
from tracker.tui.widgets.filter_bar import FoldingSuggester
from tracker.tui.widgets.key_bar import KeyBar
from tracker.tui.widgets.lazy_table import Column, LazyTable, ListRowSource, Row

DOCUMENT_EXTENSIONS = (".docx", ".pdf", ".doc", ".txt")
_MARKS = {"proposed": "·", "accepted": "✓", "dropped": "✗"}


def is_document(path: str) -> bool:
    return Path(path).suffix.lower() in DOCUMENT_EXTENSIONS


def _mark_style(value, row: Row):
    return "bold $text-success" if value == "✓" else ("$text-error" if value == "✗" else None)


def _unit_text(v) -> str:
    if v is None:
        return "?"
    if v.verdict == "found":
        return v.unit.code
    return ("~" if v.verdict == "group" else "?") + v.written


class DocumentScreen(ModalScreen[bool]):
    """A full-screen review: modal, so the app's own keys (1–4, i, q) do not leave it, the
    choices made lost; Esc closes it."""

    BINDINGS = [
        Binding("escape", "close", "tui.key.close", id="doc.close"),
        Binding("a", "accept", "tui.key.doc_accept", id="doc.accept"),
        Binding("d", "drop", "tui.key.doc_drop", id="doc.drop"),
        Binding("e", "edit", "tui.key.doc_edit", id="doc.edit"),
        Binding("ctrl+s", "record", "tui.key.doc_record", id="doc.record"),
    ]
    DEFAULT_CSS = """
    DocumentScreen { background: $background; }
    DocumentScreen #doc-title { height: 1; background: $panel; padding: 0 1; text-style: bold; }
    DocumentScreen #doc-head { height: auto; max-height: 6; padding: 0 1; border-bottom: hkey $panel; }
    DocumentScreen #doc-body { height: 1fr; }
    DocumentScreen #doc-text-box { width: 1fr; border-right: vkey $panel; }
    DocumentScreen #doc-text { padding: 0 1; }
    DocumentScreen #doc-side { width: 1fr; }
    DocumentScreen #doc-tasks { height: 2fr; }
    DocumentScreen #doc-task { height: 1fr; padding: 0 1; border-top: hkey $panel; }
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        localise_bindings(self)
        self.path = path
        self.proposal = None
        self.units = []
        self.recording = False

    def compose(self) -> ComposeResult:
        yield Static(_("tui.doc.title", file=Path(self.path).name), id="doc-title", markup=False)
        yield Static(_("tui.doc.reading"), id="doc-head")
        with Horizontal(id="doc-body"):
            with VerticalScroll(id="doc-text-box"):
                yield Static("", id="doc-text", markup=False)
            with Vertical(id="doc-side"):
                yield LazyTable([
                    Column("mark", "", 1, style=_mark_style, sortable=False),
                    Column("no", "#", 3, align="right", sortable=False),
                    Column("task", _("extract.col.task"), 20, flex=1, sortable=False),
                    Column("lead", _("extract.col.lead"), 12, sortable=False),
                    Column("deadline", _("extract.col.deadline"), 10, sortable=False),
                ], id="doc-tasks", fetch_in_thread=False, can_mark=False, can_open=False,
                    can_sort=False)
                yield Static("", id="doc-task", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#doc-tasks", LazyTable).set_source(ListRowSource([]))
        self._read(self.path)

    @work(thread=True, exclusive=True, group="document")
    def _read(self, path: str) -> None:
        try:
            proposal = self.app.backend.propose_document(path)
            self.units = list(self.app.backend.units())
        except Exception as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        self.app.call_from_thread(self._show, proposal)

    def _failed(self, text: str) -> None:
        self.recording = False
        self.query_one("#doc-head", Static).update(Text(f"✗ {text}", style="bold red"))

    def _show(self, proposal) -> None:
        self.proposal = proposal
        p = proposal
        head = [f"{_('extract.field.number')}: {p.number or '?'}   "
                f"{_('extract.field.date')}: {format_date(p.date) if p.date else '?'}   "
                f"{_('extract.field.issuer')}: {p.issuer or '?'}"]
        if p.title:
            head.append(f"{_('extract.field.title')}: {p.title}")
        if p.recorded_ref:
            head.append(_("tui.doc.recorded", ref=p.recorded_ref))
        if p.citations:
            linked = sum(1 for c in p.citations if c.directive_ref)
            head.append(_("tui.doc.citations", count=len(p.citations), linked=linked))
        if not p.tasks:
            head.append(_("extract.no_tasks", file=Path(p.file).name))
        for key, fields in p.warnings:
            head.append("⚠ " + _(key, **fields))
        self.query_one("#doc-head", Static).update("\n".join(head))
        self._refresh_rows()
        self._show_text(None)
        self.query_one("#doc-tasks", LazyTable).focus()

    def _refresh_rows(self) -> None:
        rows = []
        for t in self.proposal.tasks:
            dl = format_date(t.deadline) if t.deadline else (t.deadline_text or "")
            rows.append(Row(t.index, {"mark": _MARKS[t.state], "no": t.index, "task": t.text,
                                      "lead": _unit_text(t.lead), "deadline": dl}, t))
        self.query_one("#doc-tasks", LazyTable).set_source(ListRowSource(rows))

    def _current(self):
        row = self.query_one("#doc-tasks", LazyTable).cursor_row
        return row.data if row is not None else None

    @on(LazyTable.CursorMoved, "#doc-tasks")
    def _moved(self, event: LazyTable.CursorMoved) -> None:
        task = event.row.data if event.row is not None else None
        self._show_text(task)
        self._show_task(task)

    def _show_text(self, task) -> None:
        """The document, the cursor's task lit, scrolled to it."""
        if self.proposal is None:
            return
        text = Text(self.proposal.text)
        if task is not None:
            text.stylize("reverse", task.start, task.end)
        self.query_one("#doc-text", Static).update(text)
        if task is not None:
            line = self.proposal.text.count("\n", 0, task.start)
            box = self.query_one("#doc-text-box", VerticalScroll)
            box.scroll_to(y=max(0, line - 2), animate=False)

    def _show_task(self, task) -> None:
        if task is None:
            self.query_one("#doc-task", Static).update("")
            return
        lines = [task.text,
                 f"{_('extract.col.lead')}: {task.lead.written if task.lead else '?'} → {_unit_text(task.lead)}",
                 f"{_('extract.col.support')}: " + ", ".join(f"{s.written} → {_unit_text(s)}" for s in task.support),
                 f"{_('extract.col.deadline')}: {task.deadline_text}"
                 + (f" ({format_date(task.deadline)})" if task.deadline else ""),
                 f"{_('extract.col.confidence')}: {task.confidence:.2f}"]
        if task.product:
            lines.append(_("extract.note.product", product=task.product))
        lines += ["⚠ " + _(k, **f) for k, f in task.problems if k != "extract.no_lead"]
        self.query_one("#doc-task", Static).update("\n".join(lines))

    # -- the clerk's review --------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        task = self._current()
        if task is None or self.recording:
            return
        if state == "accepted" and not task.recordable:
            self.app.bell()
            self.notify(_("tui.doc.needs_unit", n=task.index), severity="warning")
            return
        task.state = state
        table = self.query_one("#doc-tasks", LazyTable)
        at = table.cursor_index
        self._refresh_rows()
        table.move_cursor(min(at + 1, table.row_count - 1))

    def action_accept(self) -> None:
        self._set_state("accepted")

    def action_drop(self) -> None:
        self._set_state("dropped")

    def action_edit(self) -> None:
        task = self._current()
        if task is None or self.recording:
            return

        def done(saved: Saved | None) -> None:
            if saved is not None:
                self._refresh_rows()
                self._show_task(task)
                saved.tell(self)

        self.app.push_screen(ProposedTaskForm(task, self.proposal, self.units), done)

    def action_record(self) -> None:
        if self.proposal is None or self.recording:
            return
        accepted = [t for t in self.proposal.tasks if t.state == "accepted"]
        if not accepted:
            self.app.bell()
            self.notify(_("tui.doc.none_accepted"), severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.recording = True
                self._record(accepted)

        tasks = sum(len(t.leads) for t in accepted)  # (a line for every ward: a task each)
        question = _("tui.doc.confirm", n=len(accepted)) if tasks == len(accepted) else \
            _("tui.doc.confirm_each", n=len(accepted), tasks=tasks)
        self.app.push_screen(ConfirmScreen(question,
                                           _("tui.doc.record_yes"), destructive=False), answer)

    @work(thread=True, exclusive=True, group="document")
    def _record(self, accepted) -> None:
        try:
            outcome = self.app.backend.record_extraction(self.proposal, accepted)
        except Exception as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        self.app.call_from_thread(self._recorded, outcome)

    def _recorded(self, outcome) -> None:
        self.recording = False
        applied = outcome.value
        self.notify(_("extract.recorded", file=Path(self.path).name, ref=applied.directive_ref,
                      tasks=applied.tasks, skipped=applied.skipped))
        if applied.duties:  # (their periods' tasks are in the register too: counted apart)
            self.notify(_("extract.recorded_duties", duties=applied.duties, periods=applied.periods))
        for key, fields in outcome.warnings:  # (a warning dropped is a rule unsaid)
            self.notify(_(key, **fields), severity="warning", timeout=10)
        self.app.data_changed()
        self.dismiss(True)

    def action_close(self) -> None:
        if self.recording:
            self.app.bell()
            return
        self.dismiss(False)


class ProposedTaskForm(FormScreen):
    """Correct one proposed task before it is recorded: nothing is written here."""

    focus_first = True  # a correction opens at the task's text, not at a field left blank

    def __init__(self, task, proposal, units) -> None:
        self.proposed = task
        self.proposal = proposal
        self.book = UnitBook(units)
        super().__init__()
        self.title_text = _("tui.doc.edit_title", n=task.index)
        self.save_label_key = "tui.doc.edit_save"

    def compose_fields(self) -> ComposeResult:
        t = self.proposed
        yield self.field("extract.col.task", FieldInput(t.text, id="text"))
        yield self.field("extract.col.lead", FieldInput(t.lead.written if t.lead else "", id="lead",
                                                        suggester=FoldingSuggester(self.book.names)))
        yield Hint("", id="lead-hint")
        yield self.field("extract.col.support", FieldInput("; ".join(s.written for s in t.support), id="support"))
        yield Hint("", id="support-hint")
        yield self.field("extract.col.deadline", FieldInput(t.deadline_text, id="deadline"))
        yield Hint("", id="deadline-hint")
        self.deadline = DeadlineField(self, "deadline", lambda: self.proposal.date)

    def refresh_hints(self) -> None:
        if not hasattr(self, "deadline"):
            return
        said, state = self.book.describe(self.value("lead"))
        self.hint("lead", said, state)
        said, state = self.book.describe_many(self.value("support"))
        self.hint("support", said, state)
        self.deadline.refresh()

    def check(self) -> dict[str, str]:
        return {} if self.value("text") else {"text": _("task.content_required")}

    def save(self) -> Saved:
        backend = self.app.backend
        words = self.value("deadline")
        dl = backend.read_deadline(words, self.proposal.date) if words else None
        support = [s.strip() for s in self.value("support").split(";")]
        backend.rematch_proposed(self.proposed, lead=self.value("lead"), support=support)
        t = self.proposed
        t.text = self.value("text")
        t.deadline_text = words
        t.deadline = dl.date if dl else None
        t.deadline_kind = dl.kind if dl else ""
        t.problems = [p for p in t.problems if not p[0].startswith("extract.deadline")]
        return Saved(t, _("tui.doc.edited", n=t.index))
