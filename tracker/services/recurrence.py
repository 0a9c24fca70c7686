"""Recurring duties: add one, keep its instances there, stop it.

Design: each period's instance is an ordinary task row (``recurrence_id``, ``period``), made
**idempotently** — not derived on the fly — so it has its own deadline, status, proof,
extensions, notes and history like any task, every list, count, report and export sees it
without knowing recurrences exist, and the status rule stays one SQL expression.
An instance is assigned at the start of its period (or on its directive's date when later:
``task.assigned_on``, the period rule's assigned day), so the review of May counts May's
report as assigned in May, whatever year its directive is of.
``bring_up_to_date`` makes whatever instances are missing up to the end of the period after
today's (the current and the next one); every way of looking (reports, lists, the app)
calls it first.  The unique index on (recurrence_id, period) lets two clerks, or the app and
the nightly job, do so at once: the second insert of a period is skipped by the database.
A store that cannot be written (read-only) is looked at as it is.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy.exc import OperationalError

from tracker.domain import status as S
from tracker.domain.dates import format_date
from tracker.domain.periods import instance_assigned_on
from tracker.domain.text import fold, nfc
from tracker.services import history
from tracker.services.context import Context
from tracker.services.errors import NotFoundError, ValidationError
from tracker.store.db import StoreError
from tracker.store.tables import directive as D
from tracker.store.tables import history as H
from tracker.store.tables import recurrence as R
from tracker.store.tables import task as T

if TYPE_CHECKING:
    from tracker.domain.recurrence import Period, Recurrence


@dataclass(frozen=True)
class RecurrenceView:
    id: int
    content: str
    rule_text: str
    frequency: str
    starts_on: dt.date
    ends_on: dt.date | None
    instances: int
    done: int

    def as_dict(self) -> dict:
        return {"id": self.id, "content": self.content, "rule": self.rule_text,
                "frequency": self.frequency, "starts_on": self.starts_on.isoformat(),
                "ends_on": self.ends_on.isoformat() if self.ends_on else None,
                "instances": self.instances, "done": self.done}


def read_rule(text: str, *, field: str = "deadline") -> Recurrence | None:
    """The recurrence ``text`` asks for, None when it asks for none; a recurring text
    with an impossible date is refused (ValidationError naming ``field``)."""
    from tracker.domain.recurrence import RecurrenceError, read_recurrence

    try:
        return read_recurrence(nfc(text or ""))
    except RecurrenceError as exc:
        from tracker.i18n import _

        raise ValidationError("task.bad_deadline", field=field, value=exc.text,
                              reason=_(exc.reason)) from None


# between a rule's words and its period's in an instance's deadline words (a plain dash: the
# stored form, ``nfc``, makes an em dash plain; ``read_words`` reads either)
SEPARATOR = " - "


def instance_words(rule_text: str, period: Period) -> str:
    """The deadline words of one period's instance: "hằng tháng, trước ngày 20 - tháng
    05/2021" (what an export writes, and an import reads back with ``read_words``)."""
    return f"{rule_text}{SEPARATOR}{period.words}"


@dataclass(frozen=True)
class RecurringWords:
    """Recurring deadline words: a duty's rule, or one period's instance (``period``)."""

    rule_text: str
    rule: Recurrence
    period: Period | None


def read_words(text: str, *, field: str = "deadline") -> RecurringWords | None:
    """The recurrence in deadline words as a sheet or a form gives them: a duty's rule
    ("hằng tháng, trước ngày 20"), or one period's instance as ``instance_words`` writes it
    ("hằng tháng, trước ngày 20 - tháng 05/2021").  None: the words do not recur.  Refused
    (ValidationError naming ``field``): a date that cannot be, or a period of another
    rhythm than the rule's ("hằng quý … - tháng 05/2021")."""
    from tracker.domain.recurrence import RecurrenceError, read_period, split_instance
    from tracker.i18n import _

    text = nfc(text or "")
    parts = split_instance(text)
    if parts is not None and (rule := read_rule(parts[0], field=field)) is not None:
        try:
            period = read_period(parts[1])
        except RecurrenceError as exc:  # "… - tháng 13/2021"
            raise ValidationError("task.bad_deadline", field=field, value=text,
                                  reason=_(exc.reason)) from None
        if period is not None:
            if period.frequency != rule.frequency:
                raise ValidationError("task.bad_deadline", field=field, value=text,
                                      reason=_("recurrence.period_mismatch"))
            return RecurringWords(parts[0], rule, period)
    rule = read_rule(text, field=field)
    return None if rule is None else RecurringWords(text, rule, None)


def add_recurring_task(ctx: Context, *, directive: str, content: str, lead: str, due: str,
                       leader: str = "", group: str = "",
                       starts_on: dt.date | None = None) -> RecurrenceView:
    """A recurring duty of ``directive`` with the rule in ``due``; its instances up to the
    next period are made in the same transaction — ``task add``'s one path
    (``services.tasks.add_task_within``).  Starts on the directive's date unless told
    otherwise."""
    from tracker.services.tasks import add_task_within

    if read_rule(due) is None:
        raise ValidationError("recurrence.not_recurring", value=nfc(due))
    with ctx.session() as s:
        conn = s.connection()
        added = add_task_within(ctx, conn, directive=directive, content=content, lead=lead, due=due,
                                leader=leader, group=group, starts_on=starts_on,
                                batch=history.new_batch())
        return _view(conn, added.recurrence_id)


def create_recurrence(ctx: Context, conn, *, directive_id: int, content: str, lead_unit_id: int,
                      leader: str, group: str, rule_text: str, rule: Recurrence,
                      starts_on: dt.date | None = None, ends_on: dt.date | None = None,
                      batch: str | None = None) -> int:
    """The recurrence row of a duty (and its history row) on ``conn``, in the caller's
    transaction: what ``add_recurring_task`` and an import's recurring rows both make.
    Starts on the directive's date unless told otherwise; ``ends_on``: a duty stopped that
    day (an import of an export).  Returns its id; its instances are made by ``make_instances``."""
    if starts_on is None:
        starts_on = conn.execute(select(D.c.issue_date).where(D.c.id == directive_id)).scalar_one()
    now = history.now()
    rec_id = conn.execute(R.insert().values(
        directive_id=directive_id, content=nfc(content), lead_unit_id=lead_unit_id,
        leader=nfc(leader or ""), work_group=nfc(group or ""), rule_text=nfc(rule_text),
        frequency=rule.frequency, starts_on=starts_on, ends_on=ends_on,
        created_at=now, updated_at=now, version=1)).inserted_primary_key[0]
    history.record(conn, entity="recurrence", entity_id=rec_id, action="create",
                   by=ctx.user, new=nfc(rule_text), batch=batch or history.new_batch())
    return rec_id


def make_instances(ctx: Context, conn, rec_ids, *, batch: str | None = None) -> int:
    """The instances the recurrences ``rec_ids`` lack, up to the period after today's, made
    on ``conn`` in the caller's transaction; returns how many."""
    return _make_instances(ctx, conn, [_row(conn, i) for i in rec_ids], batch=batch)


def find_recurrence(conn, directive_id: int, content: str):
    """The stored recurrence of a directive with this content (the duty a sheet's row
    names), or None."""
    return conn.execute(select(R).where(R.c.directive_id == directive_id,
                                        R.c.content == nfc(content)).order_by(R.c.id)).first()


def recurrence_row(conn, rec_id: int):
    """The stored recurrence ``rec_id`` (NotFoundError when there is none)."""
    return _row(conn, rec_id)


def attach_instance(conn, task_id: int, rec_id: int, period: Period) -> int:
    """Make the task ``task_id`` (a period's task a sheet gave) the instance of ``period``
    of the recurrence ``rec_id``.  Returns the id of that period's instance: ``task_id``, or
    the task that was its instance already (then nothing is changed)."""
    taken = conn.execute(select(T.c.id).where(T.c.recurrence_id == rec_id,
                                              T.c.period == period.key)).first()
    if taken is not None:
        return taken[0]
    issued = conn.execute(select(D.c.issue_date).select_from(T.join(D, D.c.id == T.c.directive_id))
                          .where(T.c.id == task_id)).scalar_one()
    conn.execute(update(T).where(T.c.id == task_id).values(
        recurrence_id=rec_id, period=period.key, assigned_on=instance_assigned_on(period.start, issued)))
    return task_id


def reassign_instances(conn, *, directive_id: int | None = None, task_id: int | None = None) -> None:
    """The assigned day (``task.assigned_on``) of the instances of ``directive_id``'s duties,
    or of the task ``task_id``, worked out again from their periods and their directive's
    date: after that date changed, or the task moved to another directive."""
    from tracker.domain.recurrence import period_from_key

    q = (select(T.c.id, T.c.period, T.c.assigned_on, R.c.frequency, D.c.issue_date)
         .select_from(T.join(R, R.c.id == T.c.recurrence_id).join(D, D.c.id == T.c.directive_id))
         .where(T.c.period.isnot(None)))
    q = q.where(T.c.directive_id == directive_id) if task_id is None else q.where(T.c.id == task_id)
    for tid, key, was, frequency, issued in conn.execute(q).all():
        day = instance_assigned_on(period_from_key(frequency, key).start, issued)
        if day != was:
            conn.execute(update(T).where(T.c.id == tid).values(assigned_on=day))


def _row(conn, rec_id: int):
    row = conn.execute(select(R).where(R.c.id == rec_id)).first()
    if row is None:
        raise NotFoundError("recurrence.unknown", id=rec_id)
    return row


def _view(conn, rec_id: int) -> RecurrenceView:
    from sqlalchemy import case, func

    r = _row(conn, rec_id)
    n, done = conn.execute(select(func.count(), func.sum(case((T.c.status == S.DONE, 1), else_=0)))
                           .where(T.c.recurrence_id == rec_id)).one()
    return RecurrenceView(r.id, r.content, r.rule_text, r.frequency, r.starts_on, r.ends_on,
                          int(n or 0), int(done or 0))


def recurrence_of(conn, task_id: int) -> tuple[RecurrenceView | None, str]:
    """The recurring duty a task is one period's task of, and that period's words; (None, "")
    for any other task."""
    from tracker.domain.recurrence import period_from_key

    row = conn.execute(select(T.c.recurrence_id, T.c.period).where(T.c.id == task_id)).first()
    if row is None or row.recurrence_id is None:
        return None, ""
    duty = _view(conn, row.recurrence_id)
    return duty, period_from_key(duty.frequency, row.period).words if row.period else ""


def current_instance(ctx: Context, rec_id: int):
    """The TaskView of the recurrence's instance a clerk acts on next: the first open one
    (by deadline), else the latest."""
    from tracker.services.query import get_task_view

    with ctx.read() as conn:
        rows = conn.execute(select(T.c.id, T.c.status).where(T.c.recurrence_id == rec_id)
                            .order_by(T.c.deadline_effective, T.c.id)).all()
        if not rows:
            raise NotFoundError("recurrence.unknown", id=rec_id)
        pick = next((i for i, st in rows if st == S.OPEN), rows[-1][0])
        return get_task_view(conn, pick, ctx.today)


def list_recurrences(ctx: Context) -> list[RecurrenceView]:
    with ctx.read() as conn:
        ids = [i for (i,) in conn.execute(select(R.c.id).order_by(R.c.id))]
        return [_view(conn, i) for i in ids]


def due_periods(rule: Recurrence, starts_on: dt.date, ends_on: dt.date | None,
                today: dt.date) -> list[tuple[Period, dt.date]]:
    """(period, written due date) of every instance a recurrence has on ``today``: its due
    dates from its start to the end of the period after today's, none of a period that
    begins after it was stopped."""
    from tracker.domain.recurrence import period_of

    through = period_of(rule.frequency, today).next().end
    return [(p, d) for p, d in rule.due_dates(starts_on, through)
            if ends_on is None or p.start <= ends_on]


def next_due(rule: Recurrence, today: dt.date) -> dt.date:
    """The first due date of ``rule`` on or after ``today``."""
    return rule.due_dates(today, today + dt.timedelta(days=400))[0][1]


def _made_until(ctx: Context) -> dt.date:
    """The day instances are made up to: today — but never past the real day, so that a look
    ahead (``--today 01/01/2099``, a typo or a what-if) writes no years of future periods'
    tasks into the register; it sees the duties' instances as far as they are made."""
    return min(ctx.today, dt.date.today())


def _make_instances(ctx: Context, conn, rows, *, batch: str | None = None) -> int:
    """Insert the missing instances of the recurrences ``rows``; returns how many."""
    from tracker.domain.recurrence import read_recurrence

    cal = ctx.calendar()
    made = 0
    for r in rows:
        rule = read_recurrence(r.rule_text)
        if rule is None:
            continue
        issued = conn.execute(select(D.c.issue_date).where(D.c.id == r.directive_id)).scalar_one()
        wanted = due_periods(rule, r.starts_on, r.ends_on, _made_until(ctx))
        have = {p for (p,) in conn.execute(select(T.c.period).where(T.c.recurrence_id == r.id))}
        for period, due in wanted:
            if period.key in have:
                continue
            words = instance_words(r.rule_text, period)
            values = dict(
                directive_id=r.directive_id, content=r.content, content_folded=fold(r.content),
                lead_unit_id=r.lead_unit_id, leader=r.leader, work_group=r.work_group,
                deadline=due, deadline_text=words, deadline_kind="exact",
                deadline_effective=cal.effective_deadline(due), original_deadline=due,
                original_deadline_text=words, status=S.OPEN, proof="", cancel_reason="",
                notes="", recurrence_id=r.id, period=period.key,
                assigned_on=instance_assigned_on(period.start, issued))
            # another writer made it first: the database skips it (no row comes back)
            task_id = conn.execute(_insert_new(conn).values(**values)
                                   .on_conflict_do_nothing(index_elements=["recurrence_id", "period"])
                                   .returning(T.c.id)).scalar()
            if task_id is None:
                continue
            history.record(conn, entity="task", entity_id=task_id, action="create",
                           by=ctx.user, new=r.content, batch=batch or history.new_batch())
            made += 1
    return made


def _insert_new(conn):
    """INSERT for the dialect at hand (both know ON CONFLICT DO NOTHING)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(T)


def bring_up_to_date(ctx: Context) -> int:
    """Make the instances every running recurrence lacks, up to the period after today's.
    Cheap when nothing is missing (one read); a store that cannot be written is left as
    it is (and a day past the real one makes nothing past it: ``_made_until``).  Returns
    how many instances were made.  A register looked at as of a past day
    (``ctx.as_of``: its duties as they stood, a later stop taken back) makes nothing."""
    if ctx.as_of is not None:
        return 0
    try:
        with ctx.read() as conn:
            if conn.execute(select(R.c.id).limit(1)).first() is None:
                return 0
    except (OperationalError, StoreError):
        return 0  # a store from before recurrences (read-only, not migrated): none
    from tracker.domain.recurrence import read_recurrence

    today = _made_until(ctx)
    with ctx.read() as conn:
        rows = conn.execute(select(R).where(or_(R.c.ends_on.is_(None),
                                                R.c.ends_on >= dt.date(today.year - 1, 1, 1)))).all()
        missing = []
        for r in rows:
            rule = read_recurrence(r.rule_text)
            if rule is None:
                continue
            have = {p for (p,) in conn.execute(select(T.c.period).where(T.c.recurrence_id == r.id))}
            if any(p.key not in have for p, _d in due_periods(rule, r.starts_on, r.ends_on, today)):
                missing.append(r)
    if not missing:
        return 0
    try:
        with ctx.session() as s:
            return _make_instances(ctx, s.connection(), missing)
    except (OperationalError, StoreError):  # read-only or locked: looked at as it is
        return 0


def stop_recurrence(ctx: Context, rec_id: int, *, on: dt.date, reason: str = "") -> RecurrenceView:
    """No instances for the periods that begin after ``on``: the recurrence ends that day,
    its open instances of later periods are cancelled (with ``reason``); done ones, and
    every instance of a period already begun, stay as they are.  A stop moved later reopens
    the instances an earlier stop cancelled that begin by the new day (those changed since
    stay as they are).  One change: the stop and its tasks, one history batch."""
    from tracker.domain.recurrence import read_recurrence
    from tracker.i18n import _
    from tracker.services.tasks import cancel_within, reopen_within

    reason = nfc(reason) or _("recurrence.stopped_reason", date=format_date(on))
    with ctx.session() as s:
        conn = s.connection()
        r = _row(conn, rec_id)
        if on < r.starts_on:  # (it would cancel every period's task, the one under way too)
            raise ValidationError("recurrence.stop_before_start", field="stop_on", on=format_date(on),
                                  start=format_date(r.starts_on))
        if r.ends_on == on:  # stopped that day already: nothing changes, nothing is recorded
            return _view(conn, rec_id)
        batch = history.new_batch()
        conn.execute(update(R).where(R.c.id == rec_id).values(
            ends_on=on, updated_at=history.now(), version=r.version + 1))
        history.record(conn, entity="recurrence", entity_id=rec_id, action="update",
                       field="ends_on", old=r.ends_on, new=on, by=ctx.user, batch=batch)
        rule = read_recurrence(r.rule_text)
        if rule is not None:
            for tid, key in conn.execute(select(T.c.id, T.c.period).where(
                    T.c.recurrence_id == rec_id, T.c.status == S.OPEN)).all():
                if _starts_after(rule, key, on):
                    cancel_within(ctx, conn, tid, reason=reason, batch=batch)
            if r.ends_on is not None and on > r.ends_on:
                for tid in _cancelled_by_a_stop(conn, rec_id, rule, after=r.ends_on, until=on):
                    reopen_within(ctx, conn, tid, batch=batch)
    with ctx.read() as conn:
        return _view(conn, rec_id)


def _cancelled_by_a_stop(conn, rec_id: int, rule: Recurrence, *, after: dt.date, until: dt.date) -> list[int]:
    """The duty's tasks of the periods beginning after ``after`` and by ``until`` that a stop
    of it cancelled and nothing changed since: their newest history is a stop's batch."""
    stops = {b for (b,) in conn.execute(select(H.c.batch).where(
        H.c.entity == "recurrence", H.c.entity_id == rec_id, H.c.field == "ends_on"))}
    out = []
    for tid, key in conn.execute(select(T.c.id, T.c.period).where(
            T.c.recurrence_id == rec_id, T.c.status == S.CANCELLED).order_by(T.c.id)).all():
        if not (_starts_after(rule, key, after) and not _starts_after(rule, key, until)):
            continue
        newest = conn.execute(select(H.c.batch).where(H.c.entity == "task", H.c.entity_id == tid)
                              .order_by(H.c.id.desc()).limit(1)).scalar()
        if newest in stops:
            out.append(tid)
    return out


def _starts_after(rule: Recurrence, key: str, day: dt.date) -> bool:
    from tracker.domain.recurrence import period_from_key

    return period_from_key(rule.frequency, key).start > day
