"""The task list as the app shows it: columns, words and colours, and the row source that
pages tasks from the services layer."""
from __future__ import annotations

import datetime as dt

from tracker.domain import status as S
from tracker.i18n import _
from tracker.services.words import days_short as days_words, deadline_short as deadline_words
from tracker.tui.widgets.lazy_table import Column, Row

# Timeliness colours; the words (with a symbol) carry the meaning, colour only helps.
TIMELINESS_STYLE = {
    S.OPEN_OVERDUE: "bold $text-error",
    S.OPEN_ON_TIME: "",
    S.DONE_ON_TIME: "$text-success",
    S.DONE_LATE: "$text-warning",
    S.NO_DEADLINE: "dim",
    S.CANCELLED_KEY: "dim strike",
}
DUE_SOON_DAYS = 7

# which service sort each column asks for
SORT_OF_COLUMN = {
    "id": "id",
    "directive": "directive",
    "content": "content",
    "lead": "lead",
    "deadline": "deadline",
    "days": "deadline",
    "leader": "leader",
    "timeliness": "status",  # grouped by status (the nearest order the services offer)
    "mark": "status",
}
WORDS_FROM = 130  # the table width from which the status is also said in words (below, the content has the room)


def timeliness_words(key: str) -> str:
    return _(f"timeliness.short.{key}")


def timeliness_mark(key: str) -> str:
    """The symbol of a timeliness ("✖", "✔!"): its short form's first word."""
    return timeliness_words(key).split(" ", 1)[0]


def timeliness_label(key: str) -> str:
    """The short form's words without the symbol ("Quá hạn")."""
    return timeliness_words(key).split(" ", 1)[1]


def _days_style(value, row: Row):
    task = row.data
    if task is None or task.status != S.OPEN or task.deadline_effective is None:
        return None
    if task.timeliness == S.OPEN_OVERDUE:
        return "bold $text-error"
    if task.days_left(row.values["today"]) <= DUE_SOON_DAYS:
        return "$text-warning"
    return None


def task_columns() -> list[Column]:
    """Columns in the current language.  The status leads each row as its symbol (✖ ○ ✔
    ✔! ∞ —; the help says each), and is said in words too from ``WORDS_FROM`` cells: up to
    there the content has that room (36 cells at 120 columns, not 22).  Past that nothing is dropped on a narrow screen: the content gives way
    first (down to 14 cells), then the table scrolls sideways (←/→) to the columns on the
    right — the leader last, the directive number always in view."""
    return [
        Column("id", _("tui.col.id"), 6, align="right"),
        Column("mark", "", 2, format=lambda v, r: timeliness_mark(v),
               style=lambda v, r: TIMELINESS_STYLE.get(v)),
        Column("directive", _("col.directive"), 14),
        Column("content", _("col.content"), 24, flex=1, min_width=20),
        Column("lead", _("col.lead"), 7),
        Column("deadline", _("col.deadline"), 12),
        Column("days", _("col.days"), 8, align="right", style=_days_style),
        Column("timeliness", _("col.timeliness"), 13, format=lambda v, r: timeliness_label(v),
               style=lambda v, r: TIMELINESS_STYLE.get(v), min_table_width=WORDS_FROM),
        Column("leader", _("col.leader"), 22),
    ]


def task_row(task, today: dt.date) -> Row:
    return Row(task.id, {
        "id": task.id,
        "mark": task.timeliness,
        "directive": task.directive,
        "content": task.content,
        "lead": task.lead,
        "deadline": deadline_words(task),
        "days": days_words(task, today),
        "timeliness": task.timeliness,
        "leader": task.leader,
        "today": today,
    }, task)


def clipboard_text(tasks, today: dt.date) -> str:
    """Tasks as the table shows them, a line each, cells split by tabs (a spreadsheet pastes
    them into cells); a header line when there are several.  (The status in words: its
    symbol, the row's first mark on screen, is no column of a sheet.)"""
    cols = [c for c in task_columns() if c.key != "mark"]
    lines = []
    for task in tasks:
        row = task_row(task, today)
        cells = []
        for col in cols:
            value = row.values.get(col.key)
            text = col.format(value, row) if col.format else ("" if value is None else str(value))
            cells.append(" ".join(str(text).split()))
        lines.append("\t".join(cells))
    if len(lines) > 1:
        lines.insert(0, "\t".join(col.label for col in cols))
    return "\n".join(lines)


class TaskSource:
    """Tasks matching a filter, in one order, paged with LIMIT/OFFSET by the services.
    It can say where a task stands (``index_of``), so the table keeps its cursor on the
    same task across a new sort or filter even when the task moved far away."""

    def __init__(self, backend, flt, sort: str = "deadline", descending: bool = False) -> None:
        self.backend = backend
        self.filter = flt
        self.sort = sort
        self.descending = descending

    def count(self) -> int:
        return self.backend.count_tasks(self.filter)

    def fetch(self, offset: int, limit: int) -> list[Row]:
        today = self.backend.today
        tasks = self.backend.list_tasks(self.filter, sort=self.sort, descending=self.descending,
                                        offset=offset, limit=limit)
        return [task_row(t, today) for t in tasks]

    def index_of(self, row_id) -> int | None:
        return self.backend.task_position(self.filter, row_id, sort=self.sort,
                                          descending=self.descending)
