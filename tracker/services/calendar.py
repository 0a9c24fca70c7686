"""The working-day calendar of this store: the public holidays the domain knows plus the
user's overrides (the government's yearly swaps), and keeping task deadlines in step.

A task stores the deadline as written (``deadline``) and the day by whose end it is met
(``deadline_effective``: the next working day when the written one is a day off, Civil Code
art. 148).  When an override is added or removed, the effective deadline of every open task it
touches is recomputed — and so is the date of an open task whose deadline counts working days
from its directive (``trong 05 ngày làm việc``) — in the same transaction, with history.
When a directive's date is corrected, the deadlines counted from it follow it the same way
(``follow_directive_date``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, delete, exists, insert, select, update

from tracker.domain import status as S
from tracker.domain.calendar import OFF, SWAP, WEEKEND, WORK, WorkCalendar, weekend_key
from tracker.domain.dates import DateError, format_date, parse_date
from tracker.domain.text import fold, nfc
from tracker.services import history
from tracker.services.context import Context
from tracker.services.errors import ValidationError
from tracker.store.status_sql import deadline_sort
from tracker.store.tables import calendar_override as CO
from tracker.store.tables import directive as D
from tracker.store.tables import extension as E
from tracker.store.tables import task as T

REMOVED = "removed"
_MAX_SHIFT = dt.timedelta(days=60)  # WorkCalendar.effective_deadline looks no further


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    name: str
    kind: str  # 'off' | 'work'
    source: str  # 'holiday' | 'weekend' | 'swap' | 'override'

    def as_dict(self) -> dict:
        return {"date": self.day.isoformat(), "weekday": self.day.isoweekday(),
                "name": self.name, "kind": self.kind, "source": self.source}


@dataclass(frozen=True)
class CalendarChange:
    day: dt.date
    kind: str  # 'off' | 'work' | 'removed'
    name: str
    previous: tuple[str, str] | None  # the override this replaced: (kind, name)
    tasks_updated: int


def day_off_name(cal: WorkCalendar, day: dt.date, lang: str | None = None) -> str | None:
    """Why ``day`` is off, in words (a holiday's name, 'Thứ Bảy', …), or None for a working
    day: the domain names holidays and overrides, the catalogue the weekdays."""
    from tracker.i18n import get_lang, t

    name = cal.day_off_name(day, lang or get_lang())
    return t(weekend_key(day), lang=lang) if name == "" else name


def _named(cal: WorkCalendar, day: dt.date, name: str, source: str, lang: str) -> str:
    """A listed day's name: the domain leaves weekends and the government's swaps to us."""
    from tracker.i18n import t

    if source == WEEKEND and not name:
        return t(weekend_key(day), lang=lang)
    if source == SWAP and not name:
        return t("calendar.swap_workday", lang=lang, date=format_date(cal.swapped_for(day)))
    return name


def _day(value, field: str = "date") -> dt.date:
    try:
        return parse_date(value)
    except DateError as exc:
        raise ValidationError(exc.reason, value=exc.text, field=field) from None


def _year(year) -> int:
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise ValidationError("calendar.bad_year", year=year) from None
    if not 1900 <= value <= 2200:
        raise ValidationError("calendar.bad_year", year=year)
    return value


def _overrides(conn) -> dict[dt.date, tuple[str, str]]:
    return {r.day: (r.kind, r.name) for r in conn.execute(select(CO.c.day, CO.c.kind, CO.c.name))}


def show_year(ctx: Context, year, *, weekends: bool = False) -> list[CalendarDay]:
    """Every day off in ``year`` (public holidays, the user's days off, and with ``weekends``
    the Saturdays and Sundays too) and every Saturday or Sunday worked, in date order, named
    in the interface language."""
    from tracker.i18n import get_lang

    year = _year(year)
    cal = ctx.calendar()
    lang = get_lang()
    days = [CalendarDay(d, _named(cal, d, name, src, lang), OFF, src)
            for d, name, src in cal.days_off(year, include_weekends=weekends, lang=lang)]
    days += [CalendarDay(d, _named(cal, d, name, src, lang), WORK, src)
             for d, name, src in cal.weekend_workdays(year, lang)]
    return sorted(days, key=lambda c: c.day)


def list_overrides(ctx: Context, year=None) -> list[CalendarDay]:
    """The user's overrides (all, or one year's)."""
    with ctx.read() as conn:
        rows = _overrides(conn)
    y = _year(year) if year is not None else None
    return [CalendarDay(d, name, kind, "override") for d, (kind, name) in sorted(rows.items())
            if y is None or d.year == y]


def add_day_off(ctx: Context, day, name: str) -> CalendarChange:
    """Make ``day`` a day off (a Monday given in lieu, a local holiday)."""
    return _set(ctx, day, OFF, name)


def add_workday(ctx: Context, day, name: str) -> CalendarChange:
    """Make ``day`` a working day (a Saturday worked in exchange, a holiday cancelled)."""
    return _set(ctx, day, WORK, name)


def remove_override(ctx: Context, day) -> CalendarChange:
    """Drop the user's override of ``day``: it is what the public calendar says again."""
    day = _day(day)
    with ctx.session() as s:
        conn = s.connection()
        overrides = _overrides(conn)
        if day not in overrides:
            raise ValidationError("calendar.no_override", date=format_date(day))
        previous = overrides.pop(day)
        conn.execute(delete(CO).where(CO.c.day == day))
        history.record(conn, entity="calendar", entity_id=_entity_id(day), action="remove",
                       by=ctx.user, field=format_date(day), old=f"{previous[0]}: {previous[1]}")
        n = _recompute(conn, ctx, WorkCalendar(overrides), day)
    ctx.forget_calendar()
    return CalendarChange(day, REMOVED, previous[1], previous, n)


def _entity_id(day: dt.date) -> int:
    return int(day.strftime("%Y%m%d"))  # a calendar row's history reads as its date


def _set(ctx: Context, day, kind: str, name: str) -> CalendarChange:
    day = _day(day)
    name = nfc(name)
    if not name:
        raise ValidationError("calendar.name_required")
    with ctx.session() as s:
        conn = s.connection()
        overrides = _overrides(conn)
        before = WorkCalendar(dict(overrides))
        previous = overrides.get(day)
        if previous is not None:
            conn.execute(update(CO).where(CO.c.day == day).values(kind=kind, name=name))
        else:
            conn.execute(insert(CO).values(day=day, kind=kind, name=name))
        history.record(conn, entity="calendar", entity_id=_entity_id(day),
                       action="update" if previous else "create", by=ctx.user,
                       field=format_date(day),
                       old=f"{previous[0]}: {previous[1]}" if previous else None,
                       new=f"{kind}: {name}")
        if previous is None and before.is_day_off(day) == (kind == OFF):
            key = "calendar.already_off" if kind == OFF else "calendar.already_work"
            ctx.warn(key, date=format_date(day),
                     name=day_off_name(before, day) or "")
        overrides[day] = (kind, name)
        n = _recompute(conn, ctx, WorkCalendar(overrides), day)
    ctx.forget_calendar()
    return CalendarChange(day, kind, name, previous, n)


def recompute_deadlines(ctx: Context) -> int:
    """Recompute the effective deadline (and working-day counts) of every open task against
    the calendar as it is now — after the ``holidays`` package learnt a new year's swaps."""
    ctx.forget_calendar()
    cal = ctx.calendar()
    with ctx.session() as s:
        return _recompute(s.connection(), ctx, cal, None)


def _recompute(conn, ctx: Context, cal: WorkCalendar, changed: dt.date | None) -> int:
    """Bring open tasks in step with ``cal``; ``changed`` is the one day that changed (None:
    any).  Returns how many tasks changed; each change is in the history."""
    # 1. working-day counts: "trong 05 ngày làm việc" from the directive's date, when no
    #    extension has replaced the words
    q = (_counted_from_directive()
         .where(T.c.status == S.OPEN, T.c.deadline_kind == "relative"))
    if changed is not None:
        q = q.where(T.c.deadline >= changed, D.c.issue_date < changed)
    updates, changes, versions = _read_again(
        (r for r in conn.execute(q) if "lam viec" in fold(r.deadline_text)), cal)

    # 2. the day-off shift of every other open task whose shift the change can touch
    q = select(T.c.id, T.c.version, T.c.deadline, T.c.deadline_effective).where(
        T.c.status == S.OPEN, T.c.deadline.isnot(None))
    if changed is not None:
        # a shift runs from the written day to the effective one, never longer than _MAX_SHIFT
        q = q.where(T.c.deadline <= changed,
                    T.c.deadline >= changed - _MAX_SHIFT,
                    T.c.deadline_effective.is_(None)
                    | deadline_sort().between(changed, changed + _MAX_SHIFT))
    memo: dict[dt.date, dt.date] = {}
    for r in conn.execute(q):
        if r.id in updates:
            continue
        eff = memo.get(r.deadline)
        if eff is None:
            eff = memo[r.deadline] = cal.effective_deadline(r.deadline)
        if eff != r.deadline_effective:
            updates[r.id] = {"deadline_effective": eff}
            changes[r.id] = {"deadline_effective": (r.deadline_effective, eff)}
            versions[r.id] = r.version
    _write_moves(conn, ctx, updates, changes, versions, action="calendar")
    return len(updates)


def follow_directive_date(ctx: Context, conn, directive_id: int) -> list[tuple[int, dt.date, dt.date]]:
    """After a directive's date is corrected: the deadlines of its tasks counted from that
    date (``trong 10 ngày``, ``30/6`` without a year, ``quý III``) read again from the new
    one, in the caller's transaction, with history.  A task whose deadline an extension
    replaced keeps it.  Returns (task id, old date, new date) of each task moved."""
    q = _counted_from_directive().where(T.c.directive_id == directive_id)
    rows = conn.execute(q).all()
    updates, changes, versions = _read_again(rows, ctx.calendar())
    _write_moves(conn, ctx, updates, changes, versions, action="redated")
    return [(r.id, r.deadline, updates[r.id]["deadline"]) for r in rows if r.id in updates]


def _counted_from_directive():
    """Tasks whose deadline is still the words first given, with their directive's date."""
    return (select(T.c.id, T.c.version, T.c.deadline, T.c.deadline_text, T.c.deadline_effective,
                   D.c.issue_date)
            .join(D, D.c.id == T.c.directive_id)
            .where(T.c.deadline.isnot(None), T.c.deadline_text != "",
                   ~exists().where(E.c.task_id == T.c.id)))


def _read_again(rows, cal: WorkCalendar) -> tuple[dict, dict, dict]:
    """Each row's deadline words read again from its directive's date by ``cal``: the new
    values, the history's changes and the versions read, of the rows whose date moved."""
    from tracker.domain.deadlines import DeadlineError, parse_deadline

    updates: dict[int, dict] = {}
    changes: dict[int, dict] = {}
    versions: dict[int, int] = {}
    for r in rows:
        try:
            new = parse_deadline(r.deadline_text, ref_date=r.issue_date, calendar=cal).date
        except DeadlineError:
            continue
        if new is not None and new != r.deadline:
            eff = cal.effective_deadline(new)
            updates[r.id] = {"deadline": new, "original_deadline": new, "deadline_effective": eff}
            changes[r.id] = {"deadline": (r.deadline, new)}
            if eff != r.deadline_effective:
                changes[r.id]["deadline_effective"] = (r.deadline_effective, eff)
            versions[r.id] = r.version
    return updates, changes, versions


def _write_moves(conn, ctx: Context, updates: dict, changes: dict, versions: dict, *, action: str) -> None:
    if not updates:
        return
    now = history.now()
    for cols in ({"deadline_effective"}, {"deadline", "original_deadline", "deadline_effective"}):
        rows = [{"_id": i, "_v": versions[i], **{f"_{c}": u[c] for c in cols}}
                for i, u in updates.items() if set(u) == cols]
        if rows:
            stmt = (update(T).where(and_(T.c.id == bindparam("_id"),
                                         T.c.version == bindparam("_v")))
                    .values(version=T.c.version + 1, updated_at=now,
                            **{c: bindparam(f"_{c}") for c in cols}))
            conn.execute(stmt, rows)
    for task_id, fields in changes.items():
        history.record_changes(conn, entity="task", entity_id=task_id, by=ctx.user,
                               changes=fields, action=action)
