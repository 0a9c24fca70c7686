"""The Monday briefing (giao ban đầu tuần): by leader in charge, what falls due this week
and next, what became overdue since last Monday, what was done last week — one page.

The week is the Monday-to-Sunday week holding ``--week DATE`` (default: today).  "Became
overdue since last Monday": open tasks whose effective deadline fell in the week before this
one; "done last week": tasks done in it.  Counted in SQL; the lists under the table show
the first few tasks of each kind, the counts stay whole.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.types import Date

from tracker.domain import status as S
from tracker.domain.text import vi_sort_key
from tracker.i18n import t
from tracker.reports.fmt import fmt_date, fmt_int
from tracker.reports.layout import Col, table, wrap
from tracker.store.tables import directive as D
from tracker.store.tables import task as T
from tracker.store.tables import unit as U

WEEK_COLUMNS = ("due_this_week", "due_next_week", "became_overdue", "done_last_week")
LISTED = 8  # tasks listed under each heading: the page stays one page


@dataclass(frozen=True)
class WeekRow:
    leader: str
    due_this_week: int = 0
    due_next_week: int = 0
    became_overdue: int = 0
    done_last_week: int = 0

    def values(self) -> list[int]:
        return [getattr(self, c) for c in WEEK_COLUMNS]


@dataclass(frozen=True)
class WeekItem:
    task_id: int
    leader: str
    unit: str
    directive: str
    content: str
    deadline: dt.date


@dataclass(frozen=True)
class WeekReport:
    today: dt.date
    monday: dt.date
    rows: tuple[WeekRow, ...]
    total: WeekRow
    due_this_week: tuple[WeekItem, ...]
    became_overdue: tuple[WeekItem, ...]


def _d(value):
    return literal(value, Date)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _windows(monday: dt.date):
    sunday = monday + dt.timedelta(days=6)
    last_monday = monday - dt.timedelta(days=7)
    deadline = T.c.deadline_effective
    is_open = T.c.status == S.OPEN
    return {
        "due_this_week": and_(is_open, deadline >= _d(monday), deadline <= _d(sunday)),
        "due_next_week": and_(is_open, deadline >= _d(monday + dt.timedelta(days=7)),
                              deadline <= _d(sunday + dt.timedelta(days=7))),
        "became_overdue": and_(is_open, deadline >= _d(last_monday), deadline < _d(monday)),
        "done_last_week": and_(T.c.status == S.DONE, T.c.done_on >= _d(last_monday),
                               T.c.done_on < _d(monday)),
    }


def week_report(ctx, *, day: dt.date | None = None, flt=None) -> WeekReport:
    monday = monday_of(day or ctx.today)
    win = _windows(monday)
    conds = list(flt.conditions()) if flt is not None else []
    joined = T.join(D, D.c.id == T.c.directive_id)
    leader = func.coalesce(T.c.leader, "")
    sums = [func.sum(case((win[c], 1), else_=0)) for c in WEEK_COLUMNS]
    with ctx.read() as conn:
        found = conn.execute(select(leader, *sums).select_from(joined)
                             .where(and_(*conds, T.c.deadline_effective.isnot(None)))
                             .group_by(leader)).all()

        def items(cond):
            q = (select(T.c.id, T.c.leader, U.c.name, D.c.number, T.c.content,
                        T.c.deadline_effective)
                 .select_from(joined.join(U, U.c.id == T.c.lead_unit_id))
                 .where(and_(cond, *conds)).order_by(T.c.deadline_effective, T.c.id)
                 .limit(LISTED))
            return tuple(WeekItem(*r) for r in conn.execute(q))

        due, overdue = items(win["due_this_week"]), items(win["became_overdue"])
    rows = [WeekRow(r[0] or "", *(int(v or 0) for v in r[1:])) for r in found]
    rows = tuple(sorted((r for r in rows if any(r.values())),
                        key=lambda r: (not r.leader, vi_sort_key(r.leader))))
    total = WeekRow("", *(sum(getattr(r, c) for r in rows) for c in WEEK_COLUMNS))
    return WeekReport(ctx.today, monday, rows, total, due, overdue)


def _item_line(item: WeekItem, lang: str) -> str:
    return t("week.item", lang=lang, id=item.task_id, deadline=fmt_date(item.deadline),
             unit=item.unit, content=item.content, directive=item.directive,
             leader=item.leader or t("report.none_value", lang=lang))


def plain_lines(report: WeekReport, lang: str = "vi", width: int = 100):
    sunday = report.monday + dt.timedelta(days=6)
    yield from wrap(t("week.title", lang=lang), width)
    yield from wrap(t("week.period", lang=lang, start=fmt_date(report.monday),
                      end=fmt_date(sunday)), width)
    yield ""
    heads = [t("report.by.leader", lang=lang)] + [t(f"week.col.{c}", lang=lang)
                                                  for c in WEEK_COLUMNS]
    cols = [Col(heads[0], flex=True, min_width=12, max_width=40)] + [Col(h, "r")
                                                                     for h in heads[1:]]
    body = [[r.leader or t("report.none_value", lang=lang)] + [fmt_int(v, lang) for v in r.values()]
            for r in report.rows]
    footer = [[t("report.total_row", lang=lang)] + [fmt_int(v, lang)
                                                   for v in report.total.values()]]
    if body:
        yield from table(cols, body, width, footer=footer)
    else:
        yield t("report.summary.empty", lang=lang)
    for key, items, count in (("week.list.became_overdue", report.became_overdue,
                               report.total.became_overdue),
                              ("week.list.due_this_week", report.due_this_week,
                               report.total.due_this_week)):
        if not items:
            continue
        yield ""
        yield from wrap(t(key, lang=lang), width)
        for item in items:
            yield from wrap("- " + _item_line(item, lang), width, subsequent="  ")
        if count > len(items):
            yield "  " + t("report.due_soon.more", lang=lang, count=fmt_int(count - len(items), lang))


def markdown_lines(report: WeekReport, lang: str = "vi"):
    from tracker.reports.markdown import _table, esc

    lines = list(plain_lines(report, lang, width=10_000))
    yield f"# {esc(lines[0])}"
    yield ""
    yield esc(lines[1])
    yield ""
    heads = [t("report.by.leader", lang=lang)] + [t(f"week.col.{c}", lang=lang)
                                                  for c in WEEK_COLUMNS]
    body = [[r.leader or t("report.none_value", lang=lang)] + [fmt_int(v, lang) for v in r.values()]
            for r in report.rows]
    body.append([t("report.total_row", lang=lang)] + [fmt_int(v, lang)
                                                     for v in report.total.values()])
    yield from _table(heads, "l" + "r" * len(WEEK_COLUMNS), body)
    for key, items in (("week.list.became_overdue", report.became_overdue),
                       ("week.list.due_this_week", report.due_this_week)):
        if items:
            yield ""
            yield f"## {esc(t(key, lang=lang))}"
            yield ""
            for item in items:
                yield "- " + esc(_item_line(item, lang))
