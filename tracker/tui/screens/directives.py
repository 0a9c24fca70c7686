"""Văn bản / Directives: every directive with its task counts and a completion bar; the one
under the cursor is shown as a tree — the directive it implements, its tasks, and the
directives that implement it (each with its own tasks)."""
from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static, Tree

from tracker.domain.dates import format_date
from tracker.domain.text import fold, shorten
from tracker.i18n import _
from tracker.tui.screens.base import MainScreen
from tracker.tui.screens.directive_forms import DirectiveForm
from tracker.tui.screens.forms import Saved, error_text
from tracker.tui.screens.task_forms import TaskForm
from tracker.tui.tasks_table import TIMELINESS_STYLE, timeliness_words
from tracker.tui.widgets.bars import bar, thousands
from tracker.tui.widgets.key_bar import KeyBar
from tracker.tui.widgets.lazy_table import Column, LazyTable, ListRowSource, Row

POLL_AGE = 300.0  # seconds a polled directive list may be old (F5 reads it now)
TREE_TASKS = 50  # tasks shown under one directive in the tree; the rest open in the list


def directive_columns() -> list[Column]:
    count = lambda v, r: thousands(v)  # noqa: E731
    return [
        Column("number", _("col.number"), 16),
        Column("date", _("col.date"), 10),
        Column("issuer", _("col.issuer"), 14, min_table_width=120),
        Column("title", _("col.title"), 16, flex=1),
        Column("tasks", _("tui.directives.tasks"), 5, align="right", format=count),
        Column("overdue", _("col.overdue"), 7, align="right", format=count,
               style=lambda v, r: "bold $text-error" if v else None),
        Column("done_bar", _("tui.directives.done"), 8,
               format=lambda v, r: bar(v, 8), sortable=False, min_table_width=70),
    ]


def directive_row(d) -> Row:
    return Row(d.id, {"number": d.number, "date": d.issue_date, "issuer": d.issuer,
                      "title": d.title, "tasks": d.tasks, "done": d.done, "overdue": d.overdue,
                      "done_bar": d.done / d.tasks if d.tasks else 0.0}, d)


class DirectivesScreen(MainScreen):
    SCREEN_NAME = "directives"
    BINDINGS = [
        Binding("t", "open_tasks", "tui.key.directive_tasks", id="directives.tasks"),
        Binding("slash", "focus_search", "tui.key.filter", key_display="/",
                id="directives.search"),
        Binding("N", "new_directive", "tui.key.new_directive", id="directives.new"),
        Binding("e", "edit_directive", "tui.key.edit_directive", id="directives.edit"),
        Binding("n", "new_task", "tui.key.new_task", id="directives.new_task"),
        Binding("escape", "back_to_table", "tui.key.back", show=False),
        Binding("down", "search_to_list", show=False),  # ↓ in the search: to the list
        Binding("f5", "refresh", "tui.key.refresh", show=False, id="directives.refresh"),
    ]
    DEFAULT_CSS = """
    DirectivesScreen #directive-search { height: 1; margin: 0 1; }
    DirectivesScreen #directives-body { height: 1fr; }
    DirectivesScreen #directives { width: 3fr; }
    DirectivesScreen #tree-panel { width: 2fr; border-left: vkey $panel; }
    DirectivesScreen.-narrow #directives-body { layout: vertical; }
    DirectivesScreen.-narrow #directives { width: 1fr; height: 1fr; }
    DirectivesScreen.-narrow #tree-panel { width: 1fr; height: 1fr; border-left: none;
                                           border-top: hkey $panel; }
    DirectivesScreen #tree-title { height: 1; background: $panel; padding: 0 1; text-style: bold; }
    DirectivesScreen Tree { height: 1fr; }
    DirectivesScreen #directives-status { height: 1; background: $panel; color: $text-muted;
                                          padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._all: list = []
        self._found_by: dict[int, str] = {}  # directive id → the folded text its search looks in
        self._shown_id: int | None = None
        self._select_id: int | None = None  # where the cursor goes once the list is read

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        yield Input(placeholder=_("tui.directives.search"), id="directive-search", compact=True)
        with Horizontal(id="directives-body"):
            yield LazyTable(directive_columns(), id="directives", fetch_in_thread=False,
                            can_mark=False)
            with Vertical(id="tree-panel"):
                yield Static(_("tui.directives.tree"), id="tree-title")
                yield Tree("", id="directive-tree")
        yield Static("", id="directives-status")
        yield KeyBar()

    @property
    def table(self) -> LazyTable:
        return self.query_one("#directives", LazyTable)

    @property
    def tree(self) -> Tree:
        return self.query_one("#directive-tree", Tree)

    def on_mount(self) -> None:
        self.tree.show_root = False
        self.table.set_sort("date", True)
        self.table.focus()
        self.load()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load()

    def refresh_data(self) -> None:
        # the periodic poll: counting every directive's tasks is heavy on a big store
        self.load(max_age=POLL_AGE)

    def action_refresh(self) -> None:
        self.load(fresh=True)

    # -- the list ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="directives")
    def load(self, fresh: bool = False, max_age: float | None = None) -> None:
        try:
            directives = self.app.backend.directives(fresh=fresh, max_age=max_age)
            issuers = self.app.backend.spellings("issuer")
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        # what the search looks in, folded once: the number, the title, the issuer and the
        # register's other spellings of it ("ubnd tp" finds UBND thành phố's)
        found_by = {d.id: fold(f"{d.number} {d.title} {d.issuer} {issuers.get(d.issuer, '')}")
                    for d in directives}
        self.app.call_from_thread(self._loaded, directives, found_by)

    def _loaded(self, directives, found_by: dict[int, str]) -> None:
        self._all = list(directives)
        self._found_by = found_by
        self._show_list()
        if self._select_id is not None:  # a directive just added: n assigns its tasks next
            directive_id, self._select_id = self._select_id, None
            self._go_to(directive_id)

    def _show_list(self) -> None:
        words = fold(self.query_one("#directive-search", Input).value).split()
        shown = [d for d in self._all if all(w in self._found_by.get(d.id, "") for w in words)]
        key, descending = self.table.sort_key or "date", self.table.sort_descending
        sort = {"number": lambda d: fold(d.number), "date": lambda d: (d.issue_date, d.id),
                "issuer": lambda d: fold(d.issuer), "title": lambda d: fold(d.title),
                "tasks": lambda d: d.tasks, "overdue": lambda d: d.overdue}.get(key)
        if sort is not None:
            shown.sort(key=sort, reverse=descending)
        self.table.set_source(ListRowSource([directive_row(d) for d in shown]))
        self.query_one("#directives-status", Static).update(
            _("tui.directives.status", n=thousands(len(shown)), total=thousands(len(self._all))))

    @on(Input.Changed, "#directive-search")
    def _search(self) -> None:
        self._show_list()

    @on(Input.Submitted, "#directive-search")
    def _search_done(self) -> None:
        self.table.focus()

    def action_search_to_list(self) -> None:
        """↓ in the search box goes to the list, as Enter does (the box has one line)."""
        if self.query_one("#directive-search", Input).has_focus:
            self.table.focus()

    @on(LazyTable.SortRequested, "#directives")
    def _sort(self, event: LazyTable.SortRequested) -> None:
        self.table.set_sort(event.column_key, event.descending)
        self._show_list()

    @on(LazyTable.CursorMoved, "#directives")
    def _moved(self, event: LazyTable.CursorMoved) -> None:
        if event.row is not None and event.row.id != self._shown_id:
            self._shown_id = event.row.id
            self.load_tree(event.row.data)

    @on(LazyTable.RowActivated, "#directives")
    def _activated(self) -> None:
        self.tree.focus()

    # -- the tree ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="directive-tree")
    def load_tree(self, directive) -> None:
        backend = self.app.backend
        try:
            parent = None
            if directive.parent_id is not None:
                parent = next((d for d in self._all if d.id == directive.parent_id), None)
            tasks, total = self._tasks_of(directive.id)
            children = backend.directive_children(directive.id)
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(self._show_tree, directive, parent, tasks, total, children)

    def _tasks_of(self, directive_id: int):
        from tracker.services.query import TaskFilter

        backend = self.app.backend
        flt = TaskFilter(directive_ids=[directive_id])
        tasks = backend.list_tasks(flt, sort="deadline", descending=False, offset=0,
                                   limit=TREE_TASKS)
        total = backend.count_tasks(flt) if len(tasks) == TREE_TASKS else len(tasks)
        return tasks, total

    def _show_tree(self, directive, parent, tasks, total, children) -> None:
        if directive.id != self._shown_id:
            return  # the cursor has moved on to another directive
        tree = self.tree
        tree.clear()
        if parent is not None:
            tree.root.add_leaf(Text.assemble(("↑ ", "bold"), _("tui.directives.implements") + " ",
                                             self._label(parent)), data=("directive", parent))
        node = tree.root.add(self._label(directive), data=("directive", directive), expand=True)
        if children:  # the plans that implement it first: they are few and easy to miss
            kids = node.add(Text(_("tui.directives.children", n=len(children)), style="bold"),
                            expand=True, data=None)
            for child in children:
                kids.add(self._label(child), data=("child", child), allow_expand=True)
        self._add_tasks(node, directive, tasks, total)

    def _label(self, d) -> Text:
        done = d.done / d.tasks if d.tasks else 0
        return Text.assemble((d.number, "bold"), f" {format_date(d.issue_date)} ",
                             (bar(done, 6), ""), f" {d.done}/{d.tasks} · ",
                             (shorten(d.title, 60), "italic"))

    def _add_tasks(self, node, directive, tasks, total) -> None:
        for task in tasks:
            node.add_leaf(Text.assemble((timeliness_words(task.timeliness) + " ",
                                         _rich(TIMELINESS_STYLE.get(task.timeliness, ""))),
                                        f"#{task.id} ", shorten(task.content, 70),
                                        (f" · {task.lead}", "dim")), data=("task", task))
        if total > len(tasks):
            node.add_leaf(Text(_("tui.directives.more", n=thousands(total - len(tasks))),
                               style="italic"), data=("more", directive))
        if not tasks:
            node.add_leaf(Text(_("tui.directives.no_tasks"), style="dim"), data=None)

    @on(Tree.NodeExpanded, "#directive-tree")
    def _expanded(self, event: Tree.NodeExpanded) -> None:
        data = event.node.data
        if data and data[0] == "child" and not event.node.children:
            self._load_child(event.node, data[1])

    @work(thread=True, group="directive-tree-child")
    def _load_child(self, node, directive) -> None:
        try:
            tasks, total = self._tasks_of(directive.id)
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(self._add_tasks, node, directive, tasks, total)

    @on(Tree.NodeSelected, "#directive-tree")
    def _selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if not data:
            return
        kind, value = data
        if kind == "task":
            self.app.open_task(value.id)
        elif kind == "more":
            self.app.open_tasks(directive=value.ref)
        elif kind == "directive" and value.id != self._shown_id:
            self._go_to(value.id)

    def _go_to(self, directive_id: int) -> None:
        table = self.table
        source = table.source
        index = source.index_of(directive_id) if isinstance(source, ListRowSource) else None
        if index is None:  # hidden by the search: show every directive again
            self.query_one("#directive-search", Input).value = ""
            self._show_list()
            index = self.table.source.index_of(directive_id)
        if index is not None:
            table.move_cursor(index)
            table.focus()

    # -- keys ----------------------------------------------------------------------------

    def action_open_tasks(self) -> None:
        row = self.table.cursor_row
        if row is not None:
            self.app.open_tasks(directive=row.data.ref)

    def action_focus_search(self) -> None:
        self.query_one("#directive-search", Input).focus()

    def action_back_to_table(self) -> None:
        self.table.focus()

    def action_new_directive(self) -> None:
        self.app.push_screen(DirectiveForm(self._all), self._directive_saved)

    def _directive_saved(self, result: Saved | None) -> None:
        """After the directive form: what was saved and what the services warned of (a
        number held twice, deadlines moved with a corrected date), the cursor on it."""
        if result is None:
            return
        result.tell(self)
        self.app.data_changed()
        self._select_id = result.value.id
        self._shown_id = None  # the tree shows its tasks as they are now
        self.load(fresh=True)

    def action_edit_directive(self) -> None:
        """Correct the directive under the cursor (a typo in its title, its date…)."""
        row = self.table.cursor_row
        if row is None:
            self.app.bell()
            return
        self._edit_form(row.data.id)

    @work(thread=True, group="lists", exclusive=True)
    def _edit_form(self, directive_id: int) -> None:
        try:  # as the store holds it now: the list may be minutes old
            directive = self.app.backend.directive(str(directive_id))
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(self.app.push_screen, DirectiveForm(self._all, directive),
                                  self._directive_saved)

    def action_new_task(self) -> None:
        """Assign a task of the directive under the cursor (the form opens on its content)."""
        row = self.table.cursor_row
        if row is None:
            self.app.bell()
            return
        self._task_form(row.data)

    @work(thread=True, group="lists", exclusive=True)
    def _task_form(self, directive) -> None:
        try:
            units, directives = self.app.backend.units(), self.app.backend.directives()
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return

        def saved(result: Saved | None) -> None:
            if result is not None:
                result.tell(self)
                self.app.data_changed()
                self._shown_id = None  # the tree shows the new task
                self.load(fresh=True)

        self.app.call_from_thread(self.app.push_screen, TaskForm(
            units, directives, directive_hint=directive.ref), saved)


def _rich(style: str) -> str:
    """A TIMELINESS_STYLE without theme variables (the tree renders plain Rich)."""
    return " ".join(w for w in style.split() if not w.startswith("$")) + (
        " red" if "$text-error" in style else " green" if "$text-success" in style
        else " yellow" if "$text-warning" in style else "")
