"""Nhiệm vụ / Tasks: the filter bar, the saved views and the task table."""
from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tracker.domain import status as S
from tracker.i18n import _
from tracker.tui.screens.actions import TASK_BINDINGS, TaskActions
from tracker.tui.screens.base import MainScreen
from tracker.tui.screens.forms import Saved, error_text
from tracker.tui.tasks_table import SORT_OF_COLUMN, TaskSource, task_columns
from tracker.tui.widgets.bars import thousands
from tracker.tui.widgets.filter_bar import FIELDS, OPEN_CHOICE, FilterBar
from tracker.tui.widgets.key_bar import KeyBar
from tracker.tui.widgets.lazy_table import LazyTable

# below this many columns the saved-views sidebar folds away: the task table's columns
# (directive number and leader included) need the width more
NARROW_BELOW = 140

# the service's name for each filter field, and the error keys that point at a field
_FIELD_OF_ERROR = {"unit.": "unit", "directive.": "directive",
                   "filter.unknown_leader": "leader", "filter.unknown_issuer": "issuer",
                   "filter.due_swapped": "due_to"}


def bar_to_service(fields: dict[str, str]) -> dict:
    """Filter-bar words → the services' filter fields (as a saved view stores them)."""
    out: dict = {}
    if fields.get("unit"):
        out["units"] = [fields["unit"]]
    if fields.get("directive"):
        out["directives"] = [fields["directive"]]
    timeliness = fields.get("timeliness")
    if timeliness == OPEN_CHOICE:
        out["status"] = [S.OPEN]
    elif timeliness:
        out["timeliness"] = [timeliness]
    for bar_name, service_name in (("due_from", "due_after"), ("due_to", "due_before"),
                                   ("search", "search"), ("leader", "leader"),
                                   ("issuer", "issuer")):
        if fields.get(bar_name):
            out[service_name] = fields[bar_name]
    return out


def service_to_bar(filters: dict, today: dt.date) -> tuple[dict[str, str], dict]:
    """A view's filter → (filter-bar words, the rest the bar has no box for)."""
    rest = dict(filters)
    bar: dict[str, str] = {}
    for service_name, bar_name in (("units", "unit"), ("directives", "directive")):
        values = rest.get(service_name) or []
        if len(values) == 1:
            bar[bar_name] = values[0]
            rest.pop(service_name)
    timeliness, status = rest.get("timeliness") or [], rest.get("status") or []
    if len(timeliness) == 1 and not status:
        bar["timeliness"] = timeliness[0]
        rest.pop("timeliness")
    elif status == [S.OPEN] and not timeliness:
        bar["timeliness"] = OPEN_CHOICE
        rest.pop("status")
    for service_name, bar_name in (("due_after", "due_from"), ("due_before", "due_to"),
                                   ("search", "search"), ("leader", "leader"),
                                   ("issuer", "issuer")):
        if rest.get(service_name):
            bar[bar_name] = str(rest.pop(service_name))
    return bar, {k: v for k, v in rest.items() if v}


class TasksScreen(TaskActions, MainScreen):
    SCREEN_NAME = "tasks"
    BINDINGS = [
        *TASK_BINDINGS,
        Binding("slash", "focus_filter", "tui.key.filter", key_display="/", id="task.filter"),
        Binding("escape", "back_to_table", "tui.key.back", show=False),
        Binding("ctrl+l", "clear_filter", "tui.key.clear_filter", show=False, id="task.clear_filter"),
        Binding("v", "toggle_views", "tui.key.views", show=False, id="task.views"),
        Binding("ctrl+s", "save_view", "tui.key.save_view", show=False, id="task.save_view"),
        Binding("delete", "delete_view", "tui.key.delete_view", show=False, id="task.delete_view"),
        Binding("f5", "refresh", "tui.key.refresh", show=False, id="task.refresh"),
        Binding("ctrl+c", "copy_rows", "tui.key.copy_rows", show=False, id="task.copy"),
    ]
    DEFAULT_CSS = """
    TasksScreen #tasks-body { height: 1fr; }
    TasksScreen #views {
        width: 24; height: 1fr; border: none; border-right: vkey $panel;
        background: $surface; padding: 0;
    }
    TasksScreen #views:focus { border: none; border-right: vkey $accent; }
    TasksScreen.-narrow #views { display: none; }
    TasksScreen.-narrow.-views #views { display: block; }
    TasksScreen #status { height: auto; max-height: 3; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.sort = "deadline"
        self.descending = False
        self.filter_fields: dict[str, str] = {}
        self._filter = None  # the services TaskFilter in force
        self._filter_busy = False
        self._filter_next: dict[str, str] | None = None
        self._problems: list[str] = []
        self._pending_filters: dict[str, str] | None = None
        self.view_extra: dict = {}
        self.view_name = ""
        self._suggestions_asked = False
        self._leave_bar_from: str | None = None  # a filter field Enter was pressed in
        self._last_bulk: list[int] = []  # the tasks the last change to several went to (marked_ids)
        self._seen_change = 0

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        yield FilterBar(id="filters")
        with Horizontal(id="tasks-body"):
            views = OptionList(id="views")
            views.can_focus = True
            yield views
            yield LazyTable(task_columns(), id="tasks", zebra_stripes=True)
        yield Static("", id="status")
        yield KeyBar()

    @property
    def table(self) -> LazyTable:
        return self.query_one("#tasks", LazyTable)

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one("#filters", FilterBar)

    def on_mount(self) -> None:
        self._fill_views([])
        self.load_views()
        self.table.set_sort("deadline", False)
        self.table.focus()
        self._seen_change = self.app.change_count
        fields = self._pending_filters
        if fields is None:  # a clerk chases the work still open, oldest deadline first
            fields = {"timeliness": OPEN_CHOICE}
        self._pending_filters = None
        self.filter_bar.set_values(fields)

    def on_resize(self) -> None:
        # the saved views fold away (v brings them back) before the table's columns must
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")

    def on_screen_resume(self) -> None:
        # something changed while another screen was on top: show it
        if self.is_mounted and self._seen_change != self.app.change_count:
            self._seen_change = self.app.change_count
            self._last_bulk = []  # (u is the cursor task's again once something else changed)
            self.table.reload()

    # -- filters -------------------------------------------------------------------------

    def sort_by_deadline(self) -> None:
        """Back to the list's own order, oldest deadline first (a door from another screen
        opens its list so, whatever sort was last used here)."""
        self.sort, self.descending = "deadline", False
        if self.is_mounted:
            self.table.set_sort("deadline", False)

    def apply_filters(self, fields: dict[str, str], *, extra: dict | None = None,
                      view_name: str = "") -> None:
        """Show the tasks matching ``fields`` (FilterBar names) and ``extra`` (services
        filter fields the bar has no box for); used by the views and by other screens."""
        if not self.is_mounted:
            self._pending_filters = dict(fields)
            self.view_extra, self.view_name = dict(extra or {}), view_name
            return
        self.view_extra, self.view_name = dict(extra or {}), view_name
        self.filter_bar.set_values(fields)
        self.table.focus()

    @on(FilterBar.Changed)
    def _filters_changed(self, event: FilterBar.Changed) -> None:
        if self._filter_busy:
            self._filter_next = event.values  # keep only the newest words
            return
        self._start_filter(event.values)

    def _start_filter(self, values: dict[str, str]) -> None:
        self._filter_busy = True
        self.filter_fields = dict(values)
        self._resolve(values, dict(self.view_extra))

    def service_filters(self, values: dict[str, str] | None = None) -> dict:
        """The filter in the services' words (what a saved view stores)."""
        return {**bar_to_service(self.filter_fields if values is None else values),
                **self.view_extra}

    @work(thread=True, exclusive=True, group="filter")
    def _resolve(self, values: dict[str, str], extra: dict) -> None:
        """Turn the words into a TaskFilter; a word the services reject is left out (and
        pointed at) so the rest still narrows the list."""
        backend = self.app.backend
        dropped: dict[str, str] = {}
        fields = dict(values)
        for _attempt in range(len(FIELDS) + 1):
            try:
                flt = backend.view_filter({**bar_to_service(fields), **extra})
                break
            except Exception as error:
                name = _field_of(error, fields)
                if name is None:
                    self.app.call_from_thread(self._filter_failed, error_text(error))
                    return
                dropped[name] = error_text(error)
                fields[name] = ""
        else:  # pragma: no cover - every field dropped and still failing
            return
        self.app.call_from_thread(self._filter_ready, flt, dropped)

    def _filter_ready(self, flt, dropped: dict[str, str]) -> None:
        self._filter = flt
        self._problems = list(dropped.values())
        self.filter_bar.mark_invalid(set(dropped))
        # the task under the cursor keeps it if the new list holds it, else the first row
        # does (a door, a view or a search shows other rows: the old row number means nothing)
        self.table.set_source(TaskSource(self.app.backend, flt, self.sort, self.descending),
                              keep_position=False)

    def _filter_failed(self, text: str) -> None:
        self._problems = [text]
        self._filter_done()
        self._update_status()

    def _filter_done(self) -> None:
        self._filter_busy = False
        if self._filter_next is not None:
            values, self._filter_next = self._filter_next, None
            self._start_filter(values)
        elif self._leave_bar_from is not None:  # Enter came while the words were read
            name, self._leave_bar_from = self._leave_bar_from, None
            self._leave_bar(name)

    @on(FilterBar.Submitted)
    def _filter_submitted(self, event: FilterBar.Submitted) -> None:
        if self._filter_busy:  # decided once the words typed are read
            self._leave_bar_from = event.name
            return
        self._leave_bar(event.name)

    def _leave_bar(self, name: str) -> None:
        """Enter in a filter field: to the list — but a word the filter could not understand
        keeps the cursor in its field (its message on the status line), so what is typed
        next goes there, not to the list's keys."""
        if self.filter_bar.is_invalid(name):
            self.app.bell()
            self.filter_bar.focus_field(name)
        else:
            self.table.focus()

    @on(LazyTable.SourceLoaded, "#tasks")
    def _loaded(self, event: LazyTable.SourceLoaded) -> None:
        self._filter_done()
        self._update_status()
        if not self._suggestions_asked:  # after the first screen: it must not wait
            self._suggestions_asked = True
            self._load_suggestions()

    @on(LazyTable.FetchFailed, "#tasks")
    def _fetch_failed(self, event: LazyTable.FetchFailed) -> None:
        self._filter_done()

    @on(LazyTable.MarksChanged, "#tasks")
    def _marks_changed(self) -> None:
        self._update_status()

    @on(LazyTable.SortRequested, "#tasks")
    def _sort_requested(self, event: LazyTable.SortRequested) -> None:
        sort = SORT_OF_COLUMN.get(event.column_key)
        if sort is None or self._filter is None:
            return
        self.sort, self.descending = sort, event.descending
        self.table.set_sort(event.column_key, event.descending)
        self.table.set_source(TaskSource(self.app.backend, self._filter, sort, event.descending))

    @on(LazyTable.RowActivated, "#tasks")
    def _open_row(self, event: LazyTable.RowActivated) -> None:
        self.app.open_task(event.row_id)

    def _update_status(self) -> None:
        table = self.table
        parts = [_("tui.status.tasks", n=thousands(table.row_count))]
        if table.marked:
            parts.append(_("tui.status.marked", n=len(table.marked)))
        if self.view_extra and self.view_name:
            parts.append(_("tui.status.view", name=self.view_name))
        elif any(self.filter_fields.values()):
            parts.append(_("tui.status.filtered"))
        text = " · ".join(parts)
        if self._problems:
            text += "   ✗ " + " · ".join(self._problems)
        self.query_one("#status", Static).update(text)

    # -- saved views ---------------------------------------------------------------------

    @work(thread=True, group="views", exclusive=True)
    def load_views(self) -> None:
        try:
            views = self.app.backend.views()
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(self._fill_views, views)

    def _fill_views(self, service_views) -> None:
        today = self.app.backend.today
        self._views = [(_("tui.view.all"), {}, {}, None),
                       (_("tui.view.open"), {"timeliness": OPEN_CHOICE}, {}, None)]
        for view in service_views:
            fields, extra = service_to_bar(view.filters, today)
            self._views.append((view.name, fields, extra, None if view.builtin else view.name))
        views = self.query_one("#views", OptionList)
        highlighted = views.highlighted
        views.clear_options()
        views.add_option(Option(_("tui.views.title"), disabled=True))
        for index, (name, _fields, _extra, saved) in enumerate(self._views):
            views.add_option(Option(f"★ {name}" if saved else name, id=f"view-{index}"))
        if highlighted is not None and highlighted < views.option_count:
            views.highlighted = highlighted

    @on(OptionList.OptionSelected, "#views")
    def _view_chosen(self, event: OptionList.OptionSelected) -> None:
        index = int(event.option_id.split("-", 1)[1])
        name, fields, extra, _saved = self._views[index]
        self.apply_filters(fields, extra=extra, view_name=name)
        self.remove_class("-views")

    def action_save_view(self) -> None:
        from tracker.tui.screens.directive_forms import ViewNameForm

        def saved(result: Saved | None) -> None:
            if result is not None:
                result.tell(self)
                self.load_views()

        self.app.push_screen(ViewNameForm(self.service_filters(), self.view_name), saved)

    def action_delete_view(self) -> None:
        from tracker.tui.screens.forms import ConfirmScreen

        views = self.query_one("#views", OptionList)
        if not views.has_focus or views.highlighted is None:
            return
        option = views.get_option_at_index(views.highlighted)
        if not option.id:
            return
        name, _fields, _extra, saved = self._views[int(option.id.split("-", 1)[1])]
        if saved is None:
            self.notify(_("tui.views.builtin"), severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._delete_view(saved)

        self.app.push_screen(ConfirmScreen(_("tui.views.delete_question", name=name),
                                           _("tui.views.delete_yes")), answer)

    @work(thread=True, group="views")
    def _delete_view(self, name: str) -> None:
        try:
            self.app.backend.delete_view(name)
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(self.notify, _("tui.views.deleted", name=name))
        self.load_views()

    @work(thread=True, group="suggestions")
    def _load_suggestions(self) -> None:
        backend = self.app.backend
        try:
            units = backend.units()
            directives = backend.directives()
            leaders = backend.register_names("leader")
            issuers = backend.register_names("issuer")
        except Exception:
            return  # suggestions are a convenience; the list works without them

        def fill() -> None:
            bar = self.filter_bar
            bar.unit_suggester.set_choices([u.name for u in units] + [u.code for u in units])
            bar.directive_suggester.set_choices([d.number for d in directives])
            bar.issuer_suggester.set_choices(issuers + [d.issuer for d in directives])
            bar.leader_suggester.set_choices(leaders)  # the registers' spellings

        self.app.call_from_thread(fill)

    # -- keys ----------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.filter_bar.focus_search()

    def action_back_to_table(self) -> None:
        if self.has_class("-views"):
            self.remove_class("-views")
        if self.table.has_focus and self.table.marked:
            self.table.clear_marks()
            return
        self.table.focus()

    def action_clear_filter(self) -> None:
        self.apply_filters({})

    def action_toggle_views(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-views")
        views = self.query_one("#views", OptionList)
        if views.display:
            views.focus()

    def action_refresh(self) -> None:
        self.table.reload()

    def action_copy_rows(self) -> None:
        """Ctrl+C as in a spreadsheet: the marked tasks (or the one under the cursor) to the
        clipboard, a line each, columns split by tabs so they paste into Excel as cells.
        With nothing to copy, the app's own Ctrl+C (how to quit) answers."""
        table = self.table
        ids = sorted(table.marked)
        if not ids and table.cursor_row is not None:
            ids = [table.cursor_row.id]
        if not ids:
            self.app.action_help_quit()
            return
        self._copy_rows(ids)

    @work(thread=True, group="copy", exclusive=True)
    def _copy_rows(self, ids: list[int]) -> None:
        from tracker.tui.tasks_table import clipboard_text

        try:
            views = [self.app.backend.task_detail(task_id).task for task_id in ids]
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        text = clipboard_text(views, self.app.backend.today)

        def done() -> None:
            self.app.copy_to_clipboard(text)
            self.notify(_("tui.copied_rows", n=len(views)))

        self.app.call_from_thread(done)

    def refresh_data(self) -> None:
        """The app's poll: count and fetch the visible window again (cursor kept)."""
        if not self.table.is_loading and not self._filter_busy and self._filter is not None:
            self.table.reload()

    # -- task actions --------------------------------------------------------------------

    def action_targets(self) -> list[tuple[int, int | None]]:
        table = self.table
        if table.marked:
            versions = {}
            for row_id in table.marked:
                versions[row_id] = None
            row = table.cursor_row
            if row is not None and row.id in versions:
                versions[row.id] = row.data.version
            return sorted(versions.items())
        row = table.cursor_row
        return [(row.id, row.data.version)] if row is not None else []

    def current_task(self):
        row = self.table.cursor_row
        return row.data if row is not None else None

    def marked_ids(self) -> list[int]:
        """The marked rows — or, none marked, the tasks the change just made to several at
        once went to (u right after it takes it back on each: they may have left the list)."""
        return sorted(self.table.marked) or list(self._last_bulk)

    def has_marks(self) -> bool:
        return bool(self.table.marked)

    def after_change(self, saved: Saved) -> None:
        self._seen_change = self.app.change_count
        self._last_bulk = []
        if isinstance(saved.value, list):  # a change to the marked rows: done with them
            self.table.clear_marks()
            if len(saved.value) > 1:
                self._last_bulk = [view.id for view in saved.value]
        self.table.reload(cursor_id=saved.new_task)

    def palette_commands(self):
        from textual.app import SystemCommand

        for binding in self.BINDINGS:
            if binding.id and binding.id.startswith(("task.", "directive.")):
                yield SystemCommand(_(binding.description) if binding.description.startswith("tui.")
                                    else binding.description, f"[{binding.key}]",
                                    lambda action=binding.action: self.run_action(action))


def _field_of(error: BaseException, fields: dict[str, str]) -> str | None:
    key = getattr(error, "key", "") or ""
    for prefix, name in _FIELD_OF_ERROR.items():
        if key.startswith(prefix) and fields.get(name):
            return name
    if key.startswith("date."):
        field = (getattr(error, "fields", {}) or {}).get("field", "")
        name = {"due-after": "due_from", "due-before": "due_to"}.get(field)
        if name and fields.get(name):
            return name
    if key.startswith("task.bad_timeliness") and fields.get("timeliness"):
        return "timeliness"
    return None
