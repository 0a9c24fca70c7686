"""Reading tasks: filters, pages and one task's whole record.

Built on the light Core tables (no ORM, no SQLModel import) so the CLI's listings and the
nightly job start fast; timeliness comes from the SQL form of the status rule.  (Just over 600
lines on purpose: every face lists tasks through this one filter and its pages.)
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterator

from sqlalchemy import and_, asc, desc, func, literal_column, or_, select

from tracker.domain.periods import BASES
from tracker.domain.text import fold, vi_sort_key
from tracker.services.context import Context
from tracker.services.errors import UsageError
from tracker.store.period_sql import needs_directive, period_where
from tracker.store.status_sql import (days_overdue_expr, deadline_sort, timeliness_expr,
                                      timeliness_where)
from tracker.store.tables import directive as D
from tracker.store.tables import extension as E
from tracker.store.tables import progress_note as PN
from tracker.store.tables import task as T
from tracker.store.tables import task_support as TS
from tracker.store.tables import unit as U


@dataclass(frozen=True)
class ExtensionView:
    old_deadline: dt.date | None
    old_text: str
    new_deadline: dt.date | None
    new_text: str
    reason: str
    at: dt.datetime
    by: str

    def as_dict(self) -> dict:
        return {"from": _iso(self.old_deadline), "from_text": self.old_text,
                "to": _iso(self.new_deadline), "to_text": self.new_text,
                "reason": self.reason, "at": self.at.isoformat(sep=" "), "by": self.by}


@dataclass(frozen=True)
class TaskView:
    id: int
    directive_id: int
    directive: str
    directive_date: dt.date
    directive_issuer: str
    content: str
    lead: str
    lead_name: str
    leader: str
    group: str
    deadline: dt.date | None
    deadline_text: str
    deadline_kind: str
    deadline_effective: dt.date | None
    original_deadline: dt.date | None
    original_deadline_text: str
    status: str
    done_on: dt.date | None
    proof: str
    cancel_reason: str
    notes: str
    timeliness: str
    days_overdue: int
    version: int
    ext_key: str | None = None
    support: tuple[str, ...] = ()
    extensions: tuple[ExtensionView, ...] = ()

    def deadline_in_full(self) -> str:
        """'22/05/2021 → 24/05/2021' when the deadline falls on a day off (met by the next
        working day), else the date; the words for an ongoing task."""
        from tracker.domain.dates import format_date
        from tracker.i18n import _

        if self.deadline is None:
            return self.deadline_text or _("word.ongoing")
        shown = format_date(self.deadline)
        if self.deadline_effective and self.deadline_effective != self.deadline:
            shown += f" → {format_date(self.deadline_effective)}"
        return shown

    def days_left(self, today: dt.date) -> int | None:
        """Days until the effective deadline (negative when past), None for ongoing."""
        if self.deadline_effective is None:
            return None
        return (self.deadline_effective - today).days

    def as_dict(self) -> dict:
        """The stable JSON shape (DESIGN/issue 2): dates ISO, units as codes."""
        return {
            "id": self.id,
            "directive": self.directive,
            "directive_date": _iso(self.directive_date),
            "directive_issuer": self.directive_issuer,
            "content": self.content,
            "lead": self.lead,
            "support": list(self.support),
            "leader": self.leader,
            "group": self.group,
            "deadline": _iso(self.deadline),
            "deadline_text": self.deadline_text,
            "deadline_effective": _iso(self.deadline_effective),
            "original_deadline": _iso(self.original_deadline),
            "original_deadline_text": self.original_deadline_text,
            "extensions": [e.as_dict() for e in self.extensions],
            "status": self.status,
            "done_on": _iso(self.done_on),
            "proof": self.proof,
            "cancel_reason": self.cancel_reason,
            "notes": self.notes,
            "key": self.ext_key,
            "timeliness": self.timeliness,
            "days_overdue": self.days_overdue,
        }


def _iso(d) -> str | None:
    return d.isoformat() if d else None


@dataclass
class TaskFilter:
    """What ``task list``, exports, reports and the app's filter bar narrow by.
    Unit and directive references are resolved to ids by ``resolve_filter``."""

    unit_ids: list[int] = field(default_factory=list)
    unit_role: str = "lead"  # lead | any (lead or supporting)
    directive_ids: list[int] = field(default_factory=list)
    timeliness: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    due_before: dt.date | None = None  # effective deadline on or before
    due_after: dt.date | None = None  # effective deadline on or after
    search: str = ""
    leader: str = ""
    issuer: str = ""
    group: str = ""
    ids: list[int] = field(default_factory=list)
    touched_by: str = ""  # tasks this person created or changed ("the ones I follow")
    # the stored names ``leader`` / ``issuer`` match (set by resolve_filter)
    leader_names: tuple[str, ...] | None = None
    issuer_names: tuple[str, ...] | None = None
    # the tasks of a period (domain.periods: by the directive's date or by deadline)
    period_basis: str = ""
    period_from: dt.date | None = None
    period_to: dt.date | None = None


SORTS = {
    "id": T.c.id,
    "deadline": deadline_sort(),
    "directive": D.c.number,
    "lead": U.c.code,
    "leader": T.c.leader,
    "status": T.c.status,
    "content": T.c.content_folded,
}


def matching_names(conn, column, asked: str) -> tuple[str, ...]:
    """The stored values of ``column`` (a leader's or an issuer's name) that contain
    ``asked`` without diacritics or case.  SQLite's lower() knows ASCII only, so the few
    distinct names are folded here."""
    want = fold(asked)
    if not want:
        return ()
    values = [v for (v,) in conn.execute(select(column).distinct()) if v]
    found = [v for v in values if want in fold(v)]
    # and every spelling the issuer or leader register reads as the name asked for
    # ("ubnd tp" finds "UBND thành phố" and an older "ubnd thanh pho")
    from tracker.services import names

    kind = {id(T.c.leader): names.LEADER, id(D.c.issuer): names.ISSUER}.get(id(column))
    if kind is not None:
        index = names.index_of(conn, kind)
        m = index.match(asked)
        if m.entry is not None:
            found += [v for v in values if v not in found and (
                v == m.entry.name or getattr(index.match(v).entry, "id", None) == m.entry.id)]
    return tuple(found)


def asked_names(conn, column, asked: str) -> tuple[str, ...]:
    """``matching_names`` for a filter a user typed (``--leader``, ``--issuer``; the app's
    filter bar; a report's): a name that matches no stored value and that its register does
    not know is refused, with the names there are — a typo must not read as "no tasks".  A
    name the register knows that no task or directive holds yet gives none."""
    from tracker.domain.namematch import FOUND
    from tracker.services import names
    from tracker.services.errors import NotFoundError

    found = matching_names(conn, column, asked)
    if found or not fold(asked):
        return found
    kind = names.LEADER if column is T.c.leader else names.ISSUER
    if names.index_of(conn, kind).match(asked).verdict == FOUND:
        return ()
    values = [v for (v,) in conn.execute(select(column).distinct()) if v]
    known = ", ".join(sorted(values, key=vi_sort_key)[:12]) or "-"
    raise NotFoundError(f"filter.unknown_{kind}", text=asked, known=known)


def resolve_filter(ctx: Context, *, units=(), directives=(), timeliness=(), status=(),
                   due_before=None, due_after=None, search: str = "", leader: str = "",
                   issuer: str = "", group: str = "", unit_role: str = "lead",
                   touched_by: str = "", period_basis: str = "", period_from=None,
                   period_to=None) -> TaskFilter:
    """A TaskFilter from what a user typed (unit names, directive refs, dates, keys)."""
    from tracker.domain.dates import DateError, parse_date
    from tracker.services import units as unit_service
    from tracker.services.directives import resolve as resolve_directive
    from tracker.services.errors import ValidationError

    from tracker.services.words import read_status, read_timeliness, status_choices, timeliness_choices

    typed_timeliness, typed_status, timeliness, status = timeliness, status, [], []
    for word in typed_timeliness:  # a key, or the words a list shows ("quá hạn")
        key = read_timeliness(word)
        if key is None:
            raise UsageError("task.bad_timeliness", value=word, keys=timeliness_choices())
        timeliness.append(key)
    for word in typed_status:
        key = read_status(word)
        if key is None:
            raise UsageError("task.bad_status", value=word, keys=status_choices())
        status.append(key)
    if period_basis and period_basis not in BASES:
        raise UsageError("report.error.bad_basis", value=period_basis, keys=", ".join(BASES))

    def day(value, name):
        if value in (None, ""):
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            raise ValidationError(exc.reason, value=exc.text, field=name) from None

    def bound(value, name, last: bool):
        """A due bound: a date, or a period as a report takes one ("quý I/2021", "tháng
        3/2021"): its last day for "on or before", its first for "on or after"."""
        try:
            return day(value, name)
        except ValidationError as not_a_date:
            from tracker.domain.deadlines import DeadlineError
            from tracker.domain.periods import period_range

            try:
                return period_range(str(value), ctx.today, ctx.calendar())[1 if last else 0]
            except DeadlineError:
                raise not_a_date from None

    due_before, due_after = bound(due_before, "due-before", True), bound(due_after, "due-after", False)
    if due_before and due_after and due_after > due_before:  # (else silently no row at all)
        from tracker.domain.dates import format_date

        raise UsageError("filter.due_swapped", after=format_date(due_after), before=format_date(due_before))
    with ctx.read() as conn:
        unit_ids = [e.id for u in units if u for e in unit_service.resolve_units(conn, u)]
        directive_ids = [resolve_directive(conn, d) for d in directives if d]
        leader_names = asked_names(conn, T.c.leader, leader) if leader else None
        issuer_names = asked_names(conn, D.c.issuer, issuer) if issuer else None
    return TaskFilter(leader_names=leader_names, issuer_names=issuer_names,
                      unit_ids=unit_ids, unit_role=unit_role, directive_ids=directive_ids,
                      timeliness=list(timeliness), status=list(status),
                      due_before=due_before, due_after=due_after,
                      search=search or "", leader=leader or "", issuer=issuer or "",
                      group=group or "", touched_by=touched_by or "",
                      period_basis=period_basis or "",
                      period_from=day(period_from, "period_from") if period_basis else None,
                      period_to=day(period_to, "period_to") if period_basis else None)


def _needs_directive(flt: TaskFilter, sort: str = "") -> bool:
    return (bool(flt.issuer) or sort == "directive"
            or bool(flt.period_basis) and needs_directive(flt.period_basis, flt.period_from,
                                                          flt.period_to))


def _contains(col, word: str, dialect: str):
    # SQLite: instr() on the already-folded text is ~2x faster than LIKE (which folds ASCII
    # case again); PostgreSQL: LIKE, which a pg_trgm index can serve.
    if dialect == "sqlite":
        return func.instr(col, word) > 0
    return col.contains(word, autoescape=True)


def _search_word(word: str, dialect: str):
    """A task matches a word in its content, or in its directive's number or title; a number
    (``367``, ``#367``: as every screen and message names a task) is its id too."""
    directives = select(D.c.id).where(or_(_contains(D.c.number_key, word.replace(" ", ""), dialect),
                                          _contains(D.c.title_folded, word, dialect)))
    number = re.fullmatch(r"#?(\d{1,9})", word)
    if number is not None and word.startswith("#"):
        return T.c.id == int(number.group(1))
    found = or_(_contains(T.c.content_folded, word, dialect), T.c.directive_id.in_(directives))
    return or_(T.c.id == int(number.group(1)), found) if number is not None else found


def _where(flt: TaskFilter, today: dt.date, dialect: str = "sqlite"):
    conds = []
    if flt.ids:
        conds.append(T.c.id.in_(flt.ids))
    if flt.unit_ids:
        if flt.unit_role == "any":
            conds.append(or_(T.c.lead_unit_id.in_(flt.unit_ids),
                             T.c.id.in_(select(TS.c.task_id).where(TS.c.unit_id.in_(flt.unit_ids)))))
        else:
            conds.append(T.c.lead_unit_id.in_(flt.unit_ids))
    if flt.directive_ids:
        conds.append(T.c.directive_id.in_(flt.directive_ids))
    if flt.timeliness:
        conds.append(timeliness_where(flt.timeliness, today))
    if flt.status:
        conds.append(T.c.status.in_(flt.status))
    if flt.due_before:
        conds.append(deadline_sort() <= flt.due_before)
    if flt.due_after:
        conds.append((deadline_sort() >= flt.due_after) & T.c.deadline_effective.isnot(None))
    if flt.period_basis:
        conds.extend(period_where(flt.period_basis, flt.period_from, flt.period_to))
    if flt.search:
        for word in fold(flt.search).split():
            conds.append(_search_word(word, dialect))
    if flt.leader:
        conds.append(T.c.leader.in_(flt.leader_names) if flt.leader_names is not None
                     else T.c.leader == flt.leader)
    if flt.issuer:
        conds.append(D.c.issuer.in_(flt.issuer_names) if flt.issuer_names is not None
                     else D.c.issuer == flt.issuer)
    if flt.group:
        conds.append(T.c.work_group == flt.group)
    if flt.touched_by:
        from tracker.store.tables import history as H

        conds.append(T.c.id.in_(select(H.c.entity_id).where(H.c.entity == "task",
                                                            H.c.by == flt.touched_by)))
    return and_(*conds) if conds else None


def _base(today: dt.date, dialect: str):
    return (select(T.c.id, T.c.directive_id, D.c.number.label("directive"),
                   D.c.issue_date.label("directive_date"), D.c.issuer.label("directive_issuer"),
                   T.c.content, U.c.code.label("lead"), U.c.name.label("lead_name"), T.c.leader,
                   T.c.work_group, T.c.deadline, T.c.deadline_text, T.c.deadline_kind,
                   T.c.deadline_effective, T.c.original_deadline, T.c.original_deadline_text,
                   T.c.status, T.c.done_on, T.c.proof, T.c.cancel_reason, T.c.notes,
                   timeliness_expr(today).label("timeliness"),
                   days_overdue_expr(today, dialect).label("days_overdue"),
                   T.c.version, T.c.ext_key)
            .select_from(T.join(D, D.c.id == T.c.directive_id).join(U, U.c.id == T.c.lead_unit_id)))


def _attach(conn, rows, with_details: bool = True) -> list[TaskView]:
    ids = [r.id for r in rows]
    support: dict[int, list[str]] = {}
    exts: dict[int, list[ExtensionView]] = {}
    if ids and with_details:
        for chunk in _chunks(ids, 900):
            for r in conn.execute(select(TS.c.task_id, U.c.code).join(U, U.c.id == TS.c.unit_id)
                                  .where(TS.c.task_id.in_(chunk))
                                  .order_by(TS.c.task_id, TS.c.position)):
                support.setdefault(r.task_id, []).append(r.code)
            for r in conn.execute(select(E).where(E.c.task_id.in_(chunk)).order_by(E.c.id)):
                exts.setdefault(r.task_id, []).append(ExtensionView(
                    r.old_deadline, r.old_deadline_text, r.new_deadline, r.new_deadline_text,
                    r.reason, r.at, r.by))
    return [TaskView(r.id, r.directive_id, r.directive, r.directive_date, r.directive_issuer,
                     r.content, r.lead, r.lead_name, r.leader, r.work_group, r.deadline,
                     r.deadline_text, r.deadline_kind, r.deadline_effective, r.original_deadline,
                     r.original_deadline_text, r.status, r.done_on, r.proof, r.cancel_reason,
                     r.notes, r.timeliness, int(r.days_overdue or 0), r.version, r.ext_key,
                     tuple(support.get(r.id, ())), tuple(exts.get(r.id, ())))
            for r in rows]


def _chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def ordered(q, sort: str, descending: bool):
    """``q`` in the task list's ``sort`` order (exports and streamed listings too)."""
    if sort not in SORTS:
        raise UsageError("task.bad_sort", value=sort, keys=", ".join(SORTS))
    col = SORTS[sort]
    direction = desc if descending else asc
    # id breaks ties so pages are stable; by deadline, ongoing tasks come last
    # (the indexed sort key) and the order is walked on an index, not sorted
    if sort == "id":
        return q.order_by(direction(T.c.id))
    return q.order_by(direction(col), direction(T.c.id))


def _page_ids(conn, flt: TaskFilter, today: dt.date, sort: str, descending: bool,
              limit: int | None, offset: int) -> list[int]:
    """The ids of one page: a narrow query that walks an index (no joins unless a filter or
    the sort needs one), so deep pages of a million tasks stay cheap."""
    src = T
    if _needs_directive(flt, sort):
        src = src.join(D, D.c.id == T.c.directive_id)
    if sort == "lead":
        src = src.join(U, U.c.id == T.c.lead_unit_id)
    q = select(T.c.id).select_from(src)
    where = _where(flt, today, conn.dialect.name)
    if where is not None:
        q = q.where(where)
    if flt.search and sort == "deadline" and conn.dialect.name == "sqlite":
        return _search_page_ids(conn, q, descending, limit, offset)
    q = ordered(q, sort, descending)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return [r[0] for r in conn.execute(q)]


SEARCH_WALK_SECONDS = 0.03
SEARCH_WALK_STEPS = 20_000  # SQLite VM steps between looks at the clock


def _search_page_ids(conn, q, descending: bool, limit: int | None, offset: int) -> list[int]:
    """A page of a text search on SQLite, by deadline.

    Walking the deadline index and testing each task finds a common word's first page at
    once, but reads the whole table in index order — 2.3 s at 1M tasks — for a rare one;
    one scan then sorting the matches costs ~0.25 s whatever the word.  So walk for at most
    SEARCH_WALK_SECONDS (SQLite's progress handler interrupts it), then scan and sort."""
    import time

    from sqlalchemy.exc import OperationalError

    direction = desc if descending else asc
    walk = ordered(q, "deadline", descending)
    if limit is not None:
        walk = walk.limit(limit).offset(offset)
        raw = conn.connection.driver_connection
        stop_at = time.perf_counter() + SEARCH_WALK_SECONDS
        raw.set_progress_handler(lambda: time.perf_counter() > stop_at, SEARCH_WALK_STEPS)
        try:
            return [r[0] for r in conn.execute(walk)]
        except OperationalError as exc:
            if "interrupt" not in str(exc).lower():
                raise
        finally:
            raw.set_progress_handler(None, 0)
    # wrapping the key hides the deadline index from the planner: scan, then sort matches
    key = func.coalesce(deadline_sort(), literal_column("''"))
    scan = q.order_by(direction(key), direction(T.c.id))
    if limit is not None:
        scan = scan.limit(limit).offset(offset)
    return [r[0] for r in conn.execute(scan)]


def list_tasks(ctx: Context, flt: TaskFilter | None = None, *, sort: str = "deadline",
               descending: bool = False, limit: int | None = None, offset: int = 0,
               with_details: bool = True) -> list[TaskView]:
    flt = flt or TaskFilter()
    with ctx.read() as conn:
        ids = _page_ids(conn, flt, ctx.today, sort, descending, limit, offset)
        return views_by_ids(conn, ids, ctx.today, with_details)


def task_ids(ctx: Context, flt: TaskFilter | None = None, *, sort: str = "deadline",
             descending: bool = False, limit: int | None = None) -> list[int]:
    """The ids of the tasks ``flt`` finds, in the list's order — no row built (``task list
    --format ids``, for the commands that take several tasks)."""
    with ctx.read() as conn:
        return _page_ids(conn, flt or TaskFilter(), ctx.today, sort, descending, limit, 0)


def position_of(ctx: Context, flt: TaskFilter, task_id: int, *, sort: str = "deadline",
                descending: bool = False) -> int | None:
    """Where ``task_id`` stands (0-based) in the list ``flt`` and ``sort`` give, or None when
    the filter leaves it out — so a view can keep its cursor on a row across a re-sort."""
    if sort not in SORTS:
        raise UsageError("task.bad_sort", value=sort, keys=", ".join(SORTS))
    col = SORTS[sort]
    with ctx.read() as conn:
        src = T  # joined only when the filter or the sort needs it (as _page_ids)
        if _needs_directive(flt, sort):
            src = src.join(D, D.c.id == T.c.directive_id)
        if sort == "lead":
            src = src.join(U, U.c.id == T.c.lead_unit_id)
        where = _where(flt, ctx.today, conn.dialect.name)
        mine = select(col.label("v")).select_from(src).where(T.c.id == task_id)
        if where is not None:
            mine = mine.where(where)
        row = conn.execute(mine).first()
        if row is None:
            return None
        v = row.v
        if sort == "id":
            parts = [T.c.id > task_id if descending else T.c.id < task_id]
        elif descending:
            parts = [col > v, and_(col == v, T.c.id > task_id)]
        else:
            parts = [col < v, and_(col == v, T.c.id < task_id)]
        # one count per part: each is a plain range the sort indexes can answer, where
        # their OR is not (1M open tasks by deadline: 1.3 s -> ms)
        total = 0
        for part in parts:
            q = select(func.count()).select_from(src).where(part)
            if where is not None:
                q = q.where(where)
            total += int(conn.execute(q).scalar() or 0)
        return total


def views_by_ids(conn, ids: list[int], today: dt.date, with_details: bool = True) -> list[TaskView]:
    """TaskViews for ``ids``, in that order."""
    if not ids:
        return []
    rows = {}
    for chunk in _chunks(ids, 900):
        for r in conn.execute(_base(today, conn.dialect.name).where(T.c.id.in_(chunk))):
            rows[r.id] = r
    return _attach(conn, [rows[i] for i in ids if i in rows], with_details)


def iter_tasks(ctx: Context, flt: TaskFilter | None = None, *, sort: str = "id",
               descending: bool = False, limit: int | None = None,
               batch: int = 2000) -> Iterator[TaskView]:
    """Every matching task (at most ``limit``), fetched in batches (memory stays flat)."""
    flt = flt or TaskFilter()
    q = _base(ctx.today, ctx.dialect)
    where = _where(flt, ctx.today, ctx.dialect)
    if where is not None:
        q = q.where(where)
    q = ordered(q, sort, descending)
    if limit is not None:
        q = q.limit(limit)
    with ctx.read() as conn:
        result = conn.execution_options(stream_results=True, yield_per=batch).execute(q)
        for part in result.partitions(batch):
            # details need their own queries: run them on a second connection
            with ctx.engine.connect() as side:
                yield from _attach(side, part)


def count_tasks(ctx: Context, flt: TaskFilter | None = None) -> int:
    flt = flt or TaskFilter()
    src = T.join(D, D.c.id == T.c.directive_id) if _needs_directive(flt) else T
    q = select(func.count()).select_from(src)
    where = _where(flt, ctx.today, ctx.dialect)
    if where is not None:
        q = q.where(where)
    with ctx.read() as conn:
        return int(conn.execute(q).scalar() or 0)


def get_task_view(conn, task_id: int, today: dt.date) -> TaskView:
    from tracker.services.errors import NotFoundError

    rows = conn.execute(_base(today, conn.dialect.name).where(T.c.id == task_id)).all()
    if not rows:
        raise NotFoundError("task.unknown", id=task_id)
    return _attach(conn, rows)[0]


@dataclass(frozen=True)
class NoteView:
    on: dt.date
    text: str
    percent: int | None
    by: str


@dataclass(frozen=True)
class TaskDetail:
    task: TaskView
    support_names: tuple[str, ...]
    notes: tuple[NoteView, ...]
    history: tuple  # of services.history.HistoryEntry
    directive_title: str
    # one period's task of a recurring duty: the duty (services.recurrence.RecurrenceView)
    # and the period's words ("tháng 05/2021")
    recurrence: object | None = None
    period: str = ""


def get_task(ctx: Context, task_id: int) -> TaskDetail:
    from tracker.services.history import entries
    from tracker.services.recurrence import recurrence_of

    with ctx.read() as conn:
        view = get_task_view(conn, task_id, ctx.today)
        names = [r.name for r in conn.execute(
            select(U.c.name).join(TS, TS.c.unit_id == U.c.id).where(TS.c.task_id == task_id)
            .order_by(TS.c.position))]
        notes = [NoteView(r.on, r.text, r.percent, r.by) for r in conn.execute(
            select(PN).where(PN.c.task_id == task_id).order_by(PN.c.on, PN.c.id))]
        title = conn.execute(select(D.c.title).where(D.c.id == view.directive_id)).scalar_one()
        hist = entries(conn, "task", task_id)
        duty, period = recurrence_of(conn, task_id)
    return TaskDetail(view, tuple(names), tuple(notes), tuple(hist), title, duty, period)


def task_history(ctx: Context, task_id: int):
    from tracker.services.history import entries

    with ctx.read() as conn:
        get_task_view(conn, task_id, ctx.today)  # raises for an unknown id
        return entries(conn, "task", task_id)


def timeliness_counts(ctx: Context, flt: TaskFilter | None = None) -> dict[str, int]:
    """How many tasks (of ``flt``) stand in each timeliness today (``store.status_sql``'s
    CASE, counted in SQL): {'open_overdue': 12, …}, kinds with no task left out."""
    flt = flt or TaskFilter()
    src = T.join(D, D.c.id == T.c.directive_id) if _needs_directive(flt) else T
    kind = timeliness_expr(ctx.today)
    q = select(kind.label("k"), func.count()).select_from(src).group_by(kind)
    where = _where(flt, ctx.today, ctx.dialect)
    if where is not None:
        q = q.where(where)
    with ctx.read() as conn:
        return {k: int(n) for k, n in conn.execute(q)}
