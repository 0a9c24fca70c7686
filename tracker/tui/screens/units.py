"""Đơn vị / Units: the unit scorecard for a period (the summary report by unit), a bar
each; Enter opens that unit's tasks of the period."""
from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label

from tracker.domain import status as S
from tracker.domain.dates import format_date
from tracker.domain.periods import ASSIGNED, DEADLINE, DEFAULT_BASIS, basis_short_key
from tracker.domain.text import vi_sort_key
from tracker.i18n import _
from tracker.tui.screens.base import MainScreen
from tracker.tui.screens.forms import error_text
from tracker.tui.widgets.bars import bar, percent, thousands
from tracker.tui.widgets.fitted_line import FittedLine
from tracker.tui.widgets.key_bar import KeyBar
from tracker.tui.widgets.lazy_table import Column, LazyTable, ListRowSource, Row

COUNT_COLUMNS = ("assigned", S.DONE_ON_TIME, S.DONE_LATE, S.OPEN_ON_TIME, S.OPEN_OVERDUE)
# a door from a count to the task list: which timeliness it counts
DOOR_OF_COLUMN = {S.DONE_ON_TIME: S.DONE_ON_TIME, S.DONE_LATE: S.DONE_LATE,
                  S.OPEN_ON_TIME: S.OPEN_ON_TIME, S.OPEN_OVERDUE: S.OPEN_OVERDUE}


def _rate_style(value, row: Row):
    if value is None:
        return "dim"
    if value < 0.7:
        return "bold $text-error"
    if value < 0.9:
        return "$text-warning"
    return "$text-success"


def unit_columns() -> list[Column]:
    number = lambda v, r: thousands(v) if v else ("0" if v == 0 else "")  # noqa: E731
    return [
        # no count is dropped on a narrow screen: the unit's name gives way first (to 14
        # cells), then the table scrolls sideways (←/→) to the bar
        Column("label", _("col.lead"), 20, flex=1, min_width=14),
        Column("assigned", _("tui.units.total"), 7, align="right", format=number),
        Column(S.DONE_ON_TIME, _("tui.units.done_on_time"), 9, align="right", format=number),
        Column(S.DONE_LATE, _("tui.units.done_late"), 9, align="right", format=number),
        Column(S.OPEN_ON_TIME, _("tui.units.open_on_time"), 9, align="right", format=number),
        Column(S.OPEN_OVERDUE, _("tui.units.open_overdue"), 9, align="right", format=number,
               style=lambda v, r: "bold $text-error" if v else None),
        Column("rate", _("tui.units.rate"), 7, align="right", format=lambda v, r: percent(v),
               style=_rate_style),
        Column("bar", _("tui.units.bar"), 12, format=lambda v, r: bar(v or 0, 12),
               style=_rate_style, sortable=False),
    ]


class UnitsScreen(MainScreen):
    SCREEN_NAME = "units"
    BINDINGS = [
        Binding("p", "focus_period", "tui.key.period", id="units.period"),
        Binding("o", "open_overdue", "tui.key.unit_overdue", id="units.overdue",
                tooltip="tui.key.unit_overdue.help"),
        Binding("b", "toggle_basis", "tui.key.basis", id="units.basis"),
        Binding("f5", "refresh", "tui.key.refresh", show=False, id="units.refresh"),
        Binding("down", "period_to_list", show=False),  # ↓ in the period box: as Enter
    ]
    DEFAULT_CSS = """
    UnitsScreen #period-bar { height: auto; padding: 0 1; background: $boost; }
    UnitsScreen #period-bar Label { width: auto; padding-right: 1; text-style: bold; }
    UnitsScreen #period { width: 28; }
    UnitsScreen.-narrow #period { width: 22; }
    UnitsScreen #period-hint { width: 1fr; height: auto; padding-left: 1; color: $text-muted; }
    UnitsScreen #units-total { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.start: dt.date | None = None
        self.end: dt.date | None = None
        self._rows: list[Row] = []
        self._period_text = ""
        self._wanted: tuple[dt.date, dt.date] | None = None
        self.basis = DEFAULT_BASIS  # what puts a task in the period (domain.periods)
        self._period_dates = ""
        self._period_answer: tuple[str, bool] | None = None  # (words read, understood)
        self._leave_when_read = False  # Enter came before the words were read

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        with Horizontal(id="period-bar"):
            yield Label(_("tui.units.period"))
            yield Input(id="period", compact=True, validate_on=())  # (-invalid: ours)
            yield FittedLine(id="period-hint")
        yield LazyTable(unit_columns(), id="units", fetch_in_thread=False, can_mark=False)
        yield FittedLine(id="units-total")
        yield KeyBar()

    @property
    def table(self) -> LazyTable:
        return self.query_one("#units", LazyTable)

    def on_mount(self) -> None:
        year = self.app.backend.today.year
        period = self.query_one("#period", Input)
        period.value = _("tui.units.year", year=year)  # posts Changed: loads the year
        self.table.set_sort("assigned", True)
        self.table.focus()

    def on_resize(self) -> None:
        # at 80 columns the period's words get fewer cells, so its dates are read in full
        self.set_class(self.size.width < 100, "-narrow")

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.start is not None:
            self.load(self.start, self.end)

    def refresh_data(self) -> None:
        if self.start is not None:
            self.load(self.start, self.end)

    def action_refresh(self) -> None:
        self.refresh_data()

    def action_focus_period(self) -> None:
        self.query_one("#period", Input).focus()

    def action_toggle_basis(self) -> None:
        """Count the period's tasks by the directive's date (as the reviews do) or by
        deadline; the hint says which."""
        self.basis = DEADLINE if self.basis == ASSIGNED else ASSIGNED
        self._show_hint()
        if self._wanted is not None:
            self.load(*self._wanted)

    def _show_hint(self, error: str = "") -> None:
        # the period's dates and what is counted are always read (a narrow screen puts the
        # basis on a second line rather than cut either); the key to switch only when it fits
        hint = self.query_one("#period-hint", FittedLine)
        if error:
            hint.show([error])
        else:
            hint.show([f"✓ {self._period_dates}", _(basis_short_key(self.basis))],
                      [_("tui.units.basis_key")])

    # -- period --------------------------------------------------------------------------

    @on(Input.Changed, "#period")
    def _period_changed(self, event: Input.Changed) -> None:
        self._period_text = event.value
        self._read_period(event.value)

    @on(Input.Submitted, "#period")
    def _period_submitted(self) -> None:
        # Enter leaves the box for the table only on a period understood: words it could not
        # read keep the cursor in the box, its message beside it (the keys typed next go
        # into the box, not to the table's keys — "q" there quits)
        if self._period_answer is not None and self._period_answer[0] == self._period_text:
            self._leave_period(self._period_answer[1])
        else:  # still being read: decided once it is
            self._leave_when_read = True

    def action_period_to_list(self) -> None:
        if self.query_one("#period", Input).has_focus:
            self._period_submitted()

    def _leave_period(self, understood: bool) -> None:
        self._leave_when_read = False
        if understood:
            self.table.focus()
        else:
            self.app.bell()
            self.query_one("#period", Input).focus()

    @work(thread=True, group="period")
    def _read_period(self, text: str) -> None:
        backend = self.app.backend
        try:
            start, end = backend.period(text)
        except Exception as error:
            self.app.call_from_thread(self._period_read, text, None, f"✗ {error_text(error)}")
            return
        self.app.call_from_thread(self._period_read, text, (start, end), "")

    def _period_read(self, text: str, period, error: str) -> None:
        if text != self._period_text:  # an answer about words typed over since
            return
        self._period_answer = (text, period is not None)
        box = self.query_one("#period", Input)
        box.set_class(period is None, "-invalid")
        box.set_class(period is not None, "-valid")
        if self._leave_when_read:
            self._leave_period(period is not None)
        if period is not None:
            self._period_dates = f"{format_date(period[0])} – {format_date(period[1])}"
        self._show_hint(error)
        if period is not None:
            self._wanted = period
            self.load(*period)

    # -- data ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="units")
    def load(self, start: dt.date, end: dt.date) -> None:
        basis = self.basis
        try:
            report = self.app.backend.summary(start, end, basis=basis)
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(self._show, start, end, report)

    def _show(self, start, end, report) -> None:
        if self._wanted is not None and (start, end) != self._wanted or report.basis != self.basis:
            return  # a slower answer for a period (or a basis) no longer asked for
        self.start, self.end = start, end
        rows = []
        for r in report.rows:
            c = r.counts
            values = {"label": r.label, "assigned": c.assigned, "rate": c.completion_rate,
                      "bar": c.completion_rate}
            values.update({k: getattr(c, k) for k in COUNT_COLUMNS[1:]})
            rows.append(Row(r.key, values, r))
        self._rows = rows
        self._apply_sort()
        t = report.totals
        self.query_one("#units-total", FittedLine).show([_(
            "tui.units.totals", units=len(rows), assigned=thousands(t.assigned),
            done=thousands(t.done), overdue=thousands(t.open_overdue),
            rate=percent(t.completion_rate))], [_("tui.units.totals_keys")])

    def _apply_sort(self) -> None:
        key = self.table.sort_key or "assigned"
        descending = self.table.sort_descending

        def sort_key(row: Row):
            value = row.values.get(key)
            if key == "label":
                return vi_sort_key(value)
            return (value is None, value if value is not None else 0)

        rows = sorted(self._rows, key=sort_key, reverse=descending)
        if key != "label" and descending:  # units without a rate stay last either way
            rows.sort(key=lambda r: r.values.get(key) is None)
        self.table.set_source(ListRowSource(rows))

    @on(LazyTable.SortRequested, "#units")
    def _sort(self, event: LazyTable.SortRequested) -> None:
        self.table.set_sort(event.column_key, event.descending)
        self._apply_sort()

    # -- doors ---------------------------------------------------------------------------

    def _open(self, timeliness: str = "") -> None:
        row = self.table.cursor_row
        if row is None or self.start is None:
            return
        fields = {"unit": row.data.key}
        extra: dict = {}
        if self.basis == DEADLINE:  # the deadline range has boxes of its own in the bar
            fields.update(due_from=format_date(self.start), due_to=format_date(self.end))
        else:
            extra = {"period_basis": self.basis, "period_from": format_date(self.start),
                     "period_to": format_date(self.end)}
        if timeliness:
            fields["timeliness"] = timeliness
        name = _("tui.units.door", period=self._period_text or self._period_dates,
                 basis=_(basis_short_key(self.basis))) if extra else ""
        self.app.open_tasks(fields, extra=extra, view_name=name)

    @on(LazyTable.RowActivated, "#units")
    def _activated(self) -> None:
        self._open()

    def action_open_overdue(self) -> None:
        self._open(S.OPEN_OVERDUE)
