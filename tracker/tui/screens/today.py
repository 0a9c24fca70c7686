"""Hôm nay / Today: this year's four counters and completion rate, overdue work by unit
(worst first), what falls due in the next seven days, and the newest directives.

Every number is a door: Enter on it opens the task list filtered to exactly the tasks it
counts (the counters count the work whose deadline falls in the year, so the door is that
deadline range and that timeliness)."""
from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tracker.domain import status as S
from tracker.domain.dates import format_date
from tracker.domain.periods import DEADLINE
from tracker.i18n import _
from tracker.tui.screens.base import MainScreen
from tracker.tui.screens.forms import error_text
from tracker.tui.widgets.bars import bar, percent, thousands as number
from tracker.tui.widgets.key_bar import KeyBar

COUNTERS = (S.DONE_ON_TIME, S.DONE_LATE, S.OPEN_ON_TIME, S.OPEN_OVERDUE)
COUNTER_STYLE = {S.DONE_ON_TIME: "green", S.DONE_LATE: "yellow", S.OPEN_ON_TIME: "",
                 S.OPEN_OVERDUE: "bold red"}


def one_line(*parts) -> Text:
    """An option that is cut with an ellipsis rather than wrapped."""
    text = Text.assemble(*parts)
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class TodayScreen(MainScreen):
    SCREEN_NAME = "today"
    BINDINGS = [
        Binding("f5", "refresh", "tui.key.refresh", id="today.refresh"),
        Binding("t", "open_tasks", "tui.key.all_tasks", id="today.tasks"),
    ]
    DEFAULT_CSS = """
    TodayScreen #today-body { height: 1fr; }
    TodayScreen #welcome {
        display: none; height: auto; margin: 0 1; padding: 0 1; border: round $accent;
    }
    TodayScreen.-empty #welcome { display: block; }
    TodayScreen .today-column { width: 1fr; height: 1fr; }
    TodayScreen .today-column.-left { margin-right: 1; }  /* its scrollbar off the right column */
    TodayScreen .section-title {
        height: auto;  /* a narrow screen wraps a title rather than cut it */ background: $panel; color: $foreground; text-style: bold; padding: 0 1;
    }
    TodayScreen OptionList {
        border: none; height: auto; max-height: 100%; padding: 0;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    TodayScreen OptionList:focus { border: none; background-tint: $foreground 5%; }
    TodayScreen #counters { height: auto; }
    TodayScreen #rate { height: auto; padding: 0 1 1 1; }
    TodayScreen #by-unit { height: 1fr; }
    TodayScreen #soon { height: 1fr; }
    TodayScreen #newest { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.year = None
        self._doors: dict[str, dict] = {}

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        yield Static(_("tui.today.welcome"), id="welcome")
        with Horizontal(id="today-body"):
            with Vertical(classes="today-column -left"):
                yield Static("", id="counters-title", classes="section-title")
                yield OptionList(id="counters")
                yield Static("", id="rate")
                yield Static(_("tui.today.by_unit"), classes="section-title")
                yield OptionList(id="by-unit")
            with Vertical(classes="today-column"):
                yield Static(_("tui.today.soon"), classes="section-title")
                yield OptionList(id="soon")
                yield Static(_("tui.today.newest"), classes="section-title")
                yield OptionList(id="newest")
        yield KeyBar()

    def on_mount(self) -> None:
        today = self.app.backend.today
        self.year = today.year
        self.query_one("#counters-title", Static).update(_("tui.today.year", year=self.year))
        self.query_one("#counters", OptionList).focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load()

    def refresh_data(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.app.backend.forget()
        self.load()

    def action_open_tasks(self) -> None:
        self.app.open_tasks()

    # -- data ----------------------------------------------------------------------------

    def load(self) -> None:
        """Each section is read by its own worker and shown as soon as it is read (on a
        million tasks the counts, the overdue list and the directives each take a while;
        side by side they take the time of the slowest)."""
        self._load_counts()
        self._load_overdue()
        self._load_directives()

    def _read(self, read, show) -> None:
        try:
            value = read(self.app.backend)
        except Exception as error:
            self.app.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.app.call_from_thread(show, *value)

    @work(thread=True, exclusive=True, group="today-counts")
    def _load_counts(self) -> None:
        def read(backend):
            year = backend.today.year
            # "work due this year" (the heading says so): the period rule by deadline
            summary = backend.summary(dt.date(year, 1, 1), dt.date(year, 12, 31), basis=DEADLINE)
            ongoing = backend.count_tasks(backend.view_filter({"timeliness": [S.NO_DEADLINE]}))
            # a store with no task at all (the first run): say what to do next, not zeros
            empty = not backend.count_tasks(backend.view_filter({}))
            return summary, ongoing, empty

        self._read(read, self._show_counts)

    @work(thread=True, exclusive=True, group="today-overdue")
    def _load_overdue(self) -> None:
        self._read(lambda backend: (backend.overdue(within=7, limit=30),), self._show_overdue)

    @work(thread=True, exclusive=True, group="today-directives")
    def _load_directives(self) -> None:
        self._read(lambda backend: (backend.directives(max_age=300.0)[:12],),
                   self._show_directives)

    def _show_counts(self, summary, ongoing: int, empty: bool = False) -> None:
        self.set_class(empty, "-empty")
        year = self.year
        first, last = format_date(dt.date(year, 1, 1)), format_date(dt.date(year, 12, 31))
        totals = summary.totals
        counters = self.query_one("#counters", OptionList)
        keep = counters.highlighted
        counters.clear_options()
        for key in COUNTERS:
            n = getattr(totals, key)
            # the number first: a narrow screen cuts the words' end, never the number
            line = one_line((f"{number(n):>8}  ", "bold"),
                            (_(f"timeliness.short.{key}"), COUNTER_STYLE[key]))
            counters.add_option(Option(line, id=f"count-{key}"))
            self._doors[f"count-{key}"] = {"timeliness": key, "due_from": first, "due_to": last}
        counters.add_option(Option(one_line((f"{number(ongoing):>8}  ", "bold"),
                                            (_("timeliness.short.no_deadline"), "dim")),
                                   id="count-ongoing"))
        self._doors["count-ongoing"] = {"timeliness": S.NO_DEADLINE}
        _keep_or_first(counters, keep)
        rate = totals.completion_rate
        late = totals.late_share
        self.query_one("#rate", Static).update(Text.assemble(
            (_("tui.today.rate") + " ", "bold"),
            (percent(rate), "bold"), "  ", bar(rate or 0, 20), "\n",
            _("tui.today.rate_note", done=number(totals.done), due=number(totals.fallen_due),
              late=percent(late))))

    def _show_overdue(self, overdue) -> None:
        by_unit = self.query_one("#by-unit", OptionList)
        keep = by_unit.highlighted
        by_unit.clear_options()
        worst = max((g.count for g in overdue.groups), default=0)
        for index, group in enumerate(overdue.groups):
            # the count and its bar first: a narrow screen cuts the name's end, not them
            line = one_line((f"{number(group.count):>6} ", "bold"),
                            (bar(group.count / worst if worst else 0, 10), "red"),
                            f" {group.unit}",
                            (" · " + _("tui.today.max_days", n=group.max_days), "dim"))
            by_unit.add_option(Option(line, id=f"unit-{index}"))
            self._doors[f"unit-{index}"] = {"unit": group.unit, "timeliness": S.OPEN_OVERDUE}
        if not overdue.groups:
            by_unit.add_option(Option(_("tui.today.none_overdue"), disabled=True))
        _keep_or_first(by_unit, keep)

        soon = self.query_one("#soon", OptionList)
        keep = soon.highlighted
        soon.clear_options()
        for line in overdue.due_soon:
            left = line.days_left
            when = _("days.short.today") if left == 0 else _("days.short.left", n=left)
            soon.add_option(Option(one_line(
                (f"{format_date(line.deadline)[:5]} ", "bold"), (f"{when:<8}", "yellow"),
                f"#{line.task_id} ", line.content, (f" · {line.unit}", "dim")),
                id=f"task-{line.task_id}"))
        if overdue.due_soon_total > len(overdue.due_soon):
            soon.add_option(Option(_("tui.today.more", n=overdue.due_soon_total - len(overdue.due_soon)),
                                   id="soon-all"))
            self._doors["soon-all"] = {"timeliness": S.OPEN_ON_TIME,
                                       "due_to": format_date(self.app.backend.today + dt.timedelta(days=7))}
        if not overdue.due_soon:
            soon.add_option(Option(_("tui.today.none_soon"), disabled=True))
        _keep_or_first(soon, keep)

    def _show_directives(self, directives) -> None:
        newest = self.query_one("#newest", OptionList)
        keep = newest.highlighted
        newest.clear_options()
        for d in directives:
            done = d.done / d.tasks if d.tasks else 0
            newest.add_option(Option(one_line(
                (f"{format_date(d.issue_date)} ", "bold"), f"{d.number} ", bar(done, 6),
                (f" {_('tui.today.tasks_done', done=d.done, tasks=d.tasks)} ", "dim"),
                (d.title, "italic")), id=f"directive-{d.id}"))
            self._doors[f"directive-{d.id}"] = {"directive": d.ref}
        _keep_or_first(newest, keep)

    # -- doors ---------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _door(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option_id or ""
        if option_id.startswith("task-"):
            self.app.open_task(int(option_id[5:]))
            return
        fields = self._doors.get(option_id)
        if fields is not None:
            self.app.open_tasks(**fields)


def _keep_or_first(panel: OptionList, keep: int | None) -> None:
    """The row a panel had before it was filled again, else its first door: a panel focused
    with no row highlighted took Enter and did nothing (one ↓ first was needed)."""
    if keep is not None and keep < panel.option_count and not panel.get_option_at_index(keep).disabled:
        panel.highlighted = keep
        return
    panel.highlighted = next((i for i in range(panel.option_count)
                              if not panel.get_option_at_index(i).disabled), None)
