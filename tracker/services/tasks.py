"""Tasks: the use cases that change one task.  Each is one transaction and writes its history
in that transaction; an update names the version it read (optimistic locking), so two clerks
editing one task get a conflict instead of a silent overwrite.

(Over 600 lines on purpose: every change to one task — add, edit, complete, extend,
cancel, reopen, note, undo — plans against the rulebook and writes the same way here, so a
rule about a task's life is found and changed in one module.)"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from tracker.domain import rules
from tracker.domain import status as S
from tracker.domain.dates import format_date
from tracker.domain.text import fold, nfc
from tracker.services import history, names
from tracker.services import units as unit_service
from tracker.services.context import Context
from tracker.services.directives import resolve as resolve_directive
from tracker.errors import TrackerError
from tracker.services.errors import ConflictError, NotFoundError, ValidationError
from tracker.services.rulebook import as_problem, enforce
from tracker.services.query import TaskView, get_task_view
from tracker.store.tables import directive as D
from tracker.store.tables import extension as E
from tracker.store.tables import progress_note as PN
from tracker.store.tables import task as T
from tracker.store.tables import task_support as TS


@dataclass(frozen=True)
class DeadlineValue:
    date: dt.date | None
    text: str
    kind: str
    effective: dt.date | None


DEADLINE_TEXT = 255  # deadline_text and its twins are VARCHAR(255)


def read_deadline(ctx: Context, text, ref_date: dt.date | None, *, field: str = "deadline",
                  problems: list | None = None) -> DeadlineValue:
    """Understand a deadline as people write it (DESIGN §4) — the one entry point the task
    commands and importers use.  Empty text means no deadline (ongoing).  The reader's
    warnings go to ``problems`` when given (a check), else to ``ctx.warn``."""
    from tracker.domain.deadlines import DeadlineError, parse_deadline

    if isinstance(text, dt.date):
        text = format_date(text)
    words = nfc(text)
    if not words:
        return DeadlineValue(None, "", "ongoing", None)
    if len(words) > DEADLINE_TEXT:  # kept as written, in a VARCHAR(255) (PostgreSQL enforces it)
        raise ValidationError("task.too_long", field=field, max=DEADLINE_TEXT, length=len(words))
    cal = ctx.calendar()
    try:
        d = parse_deadline(words, ref_date=ref_date, calendar=cal)
    except DeadlineError as exc:
        raise ValidationError("task.bad_deadline", field=field, value=words,
                              reason=_reason(exc)) from None
    from tracker.i18n import _

    for key, said in d.warnings:
        w = _(key, **dict(said))
        if problems is None:
            ctx.warn("task.deadline_warning", value=words, warning=w)
        else:
            problems.append(rules.Problem("task.deadline_warning", "deadline", words, rules.WARNING,
                                          (("value", words), ("warning", w))))
    return DeadlineValue(d.date, d.text or words, d.kind,
                         cal.effective_deadline(d.date) if d.date else None)


def _reason(exc) -> str:
    from tracker.i18n import _

    key = getattr(exc, "reason", None) or getattr(exc, "key", None)
    return _(key) if key else str(exc)


def _task_row(conn, task_id: int):
    row = conn.execute(select(T).where(T.c.id == task_id)).first()
    if row is None:
        raise NotFoundError("task.unknown", id=task_id)
    return row


def _check_version(conn, row, expected_version: int | None) -> None:
    if expected_version is not None and row.version != expected_version:
        raise _conflict(conn, row.id, expected_version)


def _conflict(conn, task_id: int, expected: int) -> ConflictError:
    """The refusal of a change made from a stale view, naming the change it would overwrite:
    who made it, when, to what, and the version it made."""
    from tracker.store.tables import history as H

    actual = conn.execute(select(T.c.version).where(T.c.id == task_id)).scalar()
    last = conn.execute(select(H.c.by, H.c.at, H.c.batch).where(
        H.c.entity == "task", H.c.entity_id == task_id).order_by(H.c.id.desc()).limit(1)).first()
    if last is None:
        return ConflictError("conflict.task", id=task_id, expected=expected, actual=actual)
    fields = [r.field for r in conn.execute(select(H.c.field).where(
        H.c.entity == "task", H.c.entity_id == task_id, H.c.batch == last.batch)
        .order_by(H.c.id))] if last.batch else []
    what = ", ".join(dict.fromkeys(history.field_words(f) for f in fields if f)) or "-"
    at = history.shown(last.at)
    return ConflictError("conflict.task_by", id=task_id, expected=expected, actual=actual,
                         by=last.by, at=at.strftime("%H:%M %d/%m/%Y"), what=what)


def _lock_task(conn, task_id: int) -> None:
    """Take the task's write lock before reading it, so the row read is the row written: a
    change that names no version (a note or ``done`` from a script) waits for a change in
    progress to commit, then applies to what it left, instead of failing as a conflict.  On
    PostgreSQL the row's lock (other tasks stay free); on SQLite the store's write lock,
    waited for up to the busy timeout."""
    conn.execute(update(T).where(T.c.id == task_id).values(version=T.c.version))


@contextmanager
def _changing(ctx: Context, task_id: int, expected_version: int | None):
    """One change to one task: a transaction, the task's row as read under its write lock,
    and the version check (a stale view is refused, never overwritten)."""
    with ctx.session() as s:
        conn = s.connection()
        yield conn, read_locked(conn, task_id, expected_version)


def read_locked(conn, task_id: int, expected_version: int | None = None):
    """Task ``task_id``'s row read under its write lock, in the caller's transaction; a
    stale ``expected_version`` is refused (``ConflictError``), a missing task too."""
    _lock_task(conn, task_id)
    row = _task_row(conn, task_id)
    _check_version(conn, row, expected_version)
    return row


def _write(conn, ctx: Context, row, values: dict, changes: dict | list, *, action: str = "update",
           batch: str | None = None) -> None:
    """Apply ``values`` to task ``row`` if nobody changed it since it was read; log ``changes``."""
    if not values:
        return
    values = dict(values, version=row.version + 1, updated_at=history.now())
    res = conn.execute(update(T).where(T.c.id == row.id, T.c.version == row.version).values(**values))
    if res.rowcount != 1:  # (not met under _changing's lock; kept as the last guard)
        raise _conflict(conn, row.id, row.version)
    history.record_changes(conn, entity="task", entity_id=row.id, by=ctx.user,
                           changes=changes, action=action, batch=batch or history.new_batch())
    if "directive_id" in values and row.period is not None:  # an instance under another date
        from tracker.services.recurrence import reassign_instances

        reassign_instances(conn, task_id=row.id)


def _directive_date(conn, directive_id: int) -> dt.date:
    return conn.execute(select(D.c.issue_date).where(D.c.id == directive_id)).scalar_one()


SHORT_TEXT = rules.SHORT_TEXT  # leader, work group and key (the rulebook says how long)


def _support_codes(conn, task_id: int) -> list[str]:
    from tracker.store.tables import unit as U

    rows = conn.execute(select(U.c.code).join(TS, TS.c.unit_id == U.c.id)
                        .where(TS.c.task_id == task_id).order_by(TS.c.position)).all()
    return [r.code for r in rows]


# --- plans: what a change would do and the rulebook's problems with it ------------------
# Every writer below asks its plan, refuses on the first error and says the warnings; the
# app's live checks (``check_task``, ``check_change``) ask the very same plans and show the
# problems under the fields, so ✓ in a form means the save will pass.

@dataclass
class TaskPlan:
    """A new task's fields, or an edit's, as the store would take them."""

    problems: list
    directive_id: int | None = None
    directive_date: dt.date | None = None
    lead: object | None = None  # UnitEntry
    support: rules.SupportReading | None = None
    deadline: DeadlineValue | None = None
    # a new task's recurring words ("hằng quý, trước ngày 15 của tháng cuối quý"): how often,
    # the next due date as written and the day it is met by — the save makes a recurring duty
    recurring: tuple[str, dt.date, dt.date] | None = None


def plan_task(ctx: Context, conn, *, row=None, directive: str | None = None, content: str | None = None,
              lead: str | None = None, support=None, due=None, leader: str | None = None,
              group: str | None = None, ext_key: str | None = None) -> TaskPlan:
    """The problems of a task's fields (``row``: the task being edited; a field left None is
    not changed)."""
    problems: list = []
    if content is not None:
        problems += rules.check_content(nfc(content))
    for fld, value in (("leader", leader), ("group", group), ("key", ext_key)):
        if value is not None:
            problems += rules.check_short_text(nfc(value), fld)
    plan = TaskPlan(problems, directive_id=row.directive_id if row is not None else None)
    if directive is not None:
        try:
            plan.directive_id = resolve_directive(conn, directive)
        except TrackerError as error:
            problems.append(as_problem(error, "directive"))
            plan.directive_id = None
    if plan.directive_id is not None:
        plan.directive_date = _directive_date(conn, plan.directive_id)
    lead_id = row.lead_unit_id if row is not None else None
    if lead is not None:
        try:
            plan.lead = unit_service.resolve(conn, lead)
            lead_id = plan.lead.id
        except TrackerError as error:
            problems.append(as_problem(error, "lead"))
            lead_id = None
    if support is not None:
        entries = unit_service.entries_of(conn)
        from tracker.domain.unitmatch import match_unit, split_units

        # ("P2, Phường 1" in one --support: two units, as a form's field or a sheet's cell)
        names = [part for n in support for part in split_units(nfc(n))]
        plan.support = rules.read_support(names, lambda n: match_unit(n, entries),
                                          unit_service.kinds_of(conn), lead_id=lead_id,
                                          by_id={e.id: e for e in entries})
        problems += plan.support.problems
    if (row is not None and isinstance(due, str) and nfc(due).strip() == (row.deadline_text or "")
            and plan.directive_id == row.directive_id):
        # the words the task has (a form sends every field back): its deadline as it stands,
        # not read again — a recurring duty's period ("hằng tháng - tháng 07/2021") reads as
        # the duty's rule, which an edit refuses, so its other fields could not be corrected
        plan.deadline = DeadlineValue(row.deadline, row.deadline_text or "",
                                      row.deadline_kind or "", row.deadline_effective)
        due = None
    if due is not None and isinstance(due, str):
        recurring = _recurring_plan(ctx, due, problems)
        if row is None:
            plan.recurring = recurring
        else:
            problems += rules.check_recurring_on_edit(nfc(due), recurring is not None)
    if due is not None and plan.recurring is None and not _refused(problems, "deadline"):
        try:
            plan.deadline = read_deadline(ctx, due, plan.directive_date, problems=problems)
        except TrackerError as error:
            problems.append(as_problem(error, "deadline"))
        else:
            problems += rules.check_deadline(plan.deadline.date, plan.directive_date)
            if row is not None and plan.deadline.date != row.deadline:
                problems += _edit_in_force(conn, row, plan.deadline.date)
    elif row is not None and directive is not None and plan.directive_date is not None:
        if plan.directive_id != row.directive_id:  # the deadline kept, against the new directive
            problems += rules.check_deadline(row.deadline, plan.directive_date)
    if plan.recurring is not None:  # (what a duty does not keep: said as the form is filled)
        given = {"support": plan.support is not None and plan.support.ids, "key": nfc(ext_key or "").strip()}
        problems += rules.check_duty_fields(f for f, v in given.items() if v)
    if row is not None and plan.directive_date is not None and plan.directive_id != row.directive_id:
        problems += rules.check_state(row.status, row.done_on, directive_date=plan.directive_date,
                                      today=ctx.today, cancel_reason=row.cancel_reason)
    if plan.lead is not None or plan.support is not None:
        problems += rules.check_units_active(row.status if row is not None else S.OPEN, plan.lead,
                                             plan.support.units if plan.support is not None else ())
    if plan.recurring is None and plan.directive_id is not None and not rules.errors(problems):
        problems += _given_already(conn, plan, row, content, lead_id)
    return plan


def _given_already(conn, plan: TaskPlan, row, content: str | None, lead_id: int | None) -> list:
    """A task its directive has already given the same lead unit — the same words (without
    diacritics or case), the same deadline (in force, or first given), not cancelled: a
    second copy (a form saved twice, a script run again, an edit that makes one task another)
    is refused, naming the first.  The same words with another deadline are another task (a
    report due every quarter).  An edit that leaves a task's directive, unit, words and
    deadline as they were is not asked (a pair an old sheet brought in can still be edited)."""
    if row is not None:
        content = row.content if content is None else content
        if row.status == S.CANCELLED:
            return []
    if not content or lead_id is None:
        return []
    folded = fold(nfc(content))
    day = plan.deadline.date if plan.deadline is not None else row.deadline if row is not None else None
    if row is not None and (plan.directive_id, lead_id, folded, day) == (
            row.directive_id, row.lead_unit_id, row.content_folded, row.deadline):
        return []
    same_day = (T.c.deadline.is_(None) & T.c.original_deadline.is_(None) if day is None
                else (T.c.deadline == day) | (T.c.original_deadline == day))
    same = conn.execute(select(T.c.id).where(
        T.c.directive_id == plan.directive_id, T.c.lead_unit_id == lead_id, T.c.content_folded == folded,
        T.c.status != S.CANCELLED, same_day, T.c.id != (row.id if row is not None else 0)).limit(1)).scalar()
    return [] if same is None else [rules.Problem("task.given_already", "content", content, rules.ERROR,
                                                  (("same", same),))]


def _edit_in_force(conn, row, deadline: dt.date | None) -> list:
    """An extended task's deadline is changed by another extension, not an edit: the
    rulebook's deadline in force (``rules.check_in_force``: the last extension's date) —
    an edit around it would leave an extension that never took effect, without a reason."""
    extended_to = conn.execute(select(E.c.new_deadline).where(E.c.task_id == row.id)
                               .order_by(E.c.id.desc()).limit(1)).scalar()
    return [rules.Problem("task.deadline_extended", "deadline", p.value, p.severity,
                          (("id", row.id), ("extended_to", format_date(extended_to))))
            for p in rules.check_in_force(deadline, extended_to)]


def _recurring_plan(ctx: Context, due: str, problems: list) -> tuple | None:
    """A new task's recurring words as ``add_task`` reads them (``services.recurrence``):
    (frequency, next due date, the day it is met by), or None."""
    from tracker.services import recurrence

    try:
        rule = recurrence.read_rule(due)
    except TrackerError as error:
        problems.append(as_problem(error, "deadline"))
        return None
    if rule is None:
        return None
    day = recurrence.next_due(rule, ctx.today)
    return rule.frequency, day, ctx.calendar().effective_deadline(day)


def _refused(problems: list, fld: str) -> bool:
    return any(p.field == fld and p.severity == rules.ERROR for p in problems)


def check_task(ctx: Context, task_id: int | None = None, **fields) -> TaskPlan:
    """The live check of the task form: ``plan_task`` on a read connection (writes nothing,
    warns nothing on ``ctx``)."""
    with ctx.read() as conn:
        row = _task_row(conn, task_id) if task_id is not None else None
        return plan_task(ctx, conn, row=row, **fields)


def plan_completion(ctx: Context, conn, row, *, on=None, proof: str = "") -> tuple[dt.date | None, list]:
    """(done date, problems) of marking ``row`` done on ``on`` (default today)."""
    problems: list = []
    done_on = ctx.today
    if on:
        done_on, problems = rules.read_date(on, "on", today=ctx.today)
    if done_on is not None:
        problems += rules.check_completion(done_on, status=row.status, today=ctx.today,
                                           directive_date=_directive_date(conn, row.directive_id),
                                           was_done_on=row.done_on)
    return done_on, problems


def plan_extension(ctx: Context, conn, row, *, to, reason: str) -> tuple[DeadlineValue | None, list]:
    """(new deadline, problems) of extending ``row`` to ``to`` (words counted from today)."""
    read: list = []
    deadline = None
    try:
        deadline = read_deadline(ctx, to, ctx.today, field="extension", problems=read)
    except TrackerError as error:
        read.append(as_problem(error, "extension"))
    ext = rules.check_extension(deadline.date if deadline else None, in_force=row.deadline,
                                status=row.status, reason=nfc(reason), words=nfc(str(to or "")))
    if deadline is None:  # unreadable: said once, by the reader
        ext = [p for p in ext if p.field != "extension"]
    return deadline, ([p for p in ext if p.field != "extension"] + read
                      + [p for p in ext if p.field == "extension"])


def plan_cancel(ctx: Context, conn, row, *, reason: str) -> tuple[None, list]:
    return None, rules.check_cancel(nfc(reason), status=row.status)


def plan_reopen(ctx: Context, conn, row) -> tuple[None, list]:
    return None, rules.check_reopen(row.status)


def plan_note(ctx: Context, conn, row, *, text: str, percent: int | None = None, on=None) -> tuple[dt.date | None, list]:
    problems = rules.check_note(nfc(text), percent, status=row.status)
    day = ctx.today
    if on:
        day, said = rules.read_date(on, "note_on", today=ctx.today)  # (the note's day, not the done date "on" names)
        problems += said
    if day is not None:
        problems += rules.check_note_day(day, directive_date=_directive_date(conn, row.directive_id),
                                         today=ctx.today)
    return day, problems


def plan_edit(ctx: Context, conn, row, notes: str | None = None, **fields) -> tuple[TaskPlan, list]:
    plan = plan_task(ctx, conn, row=row, **fields)  # (a task's notes meet no rule)
    return plan, plan.problems


PLANS = {"done": plan_completion, "extend": plan_extension, "cancel": plan_cancel,
         "reopen": plan_reopen, "note": plan_note, "edit": plan_edit}


def check_change(ctx: Context, action: str, task_ids, **fields) -> dict[int, tuple]:
    """The live check of a change to one task or several (the app's done, extend, cancel,
    reopen, note and reassign forms): task id → (what the change would set — the done date,
    the new deadline, the edit's plan — and the problems the save would meet)."""
    plan = PLANS[action]
    out: dict[int, tuple] = {}
    with ctx.read() as conn:
        for task_id in task_ids:
            try:
                row = _task_row(conn, task_id)
            except TrackerError as error:
                out[task_id] = (None, [as_problem(error, "task")])
                continue
            out[task_id] = plan(ctx, conn, row, **fields)
    return out


# --- the writers ------------------------------------------------------------------------


def add_task(ctx: Context, *, directive: str, content: str, lead: str, support=(),
             due=None, leader: str = "", group: str = "", notes: str = "",
             ext_key: str | None = None) -> TaskView:
    """A new task — or, for recurring words ("hằng tháng, trước ngày 20"), a recurring duty
    with its periods' tasks: the view of the one a clerk acts on next."""
    with ctx.session() as s:
        conn = s.connection()
        added = add_task_within(ctx, conn, directive=directive, content=content, lead=lead,
                                support=support, due=due, leader=leader, group=group,
                                notes=notes, ext_key=ext_key, batch=history.new_batch())
        if added.task_id is not None:
            return get_task_view(conn, added.task_id, ctx.today)
    from tracker.services import recurrence

    return recurrence.current_instance(ctx, added.recurrence_id)


@dataclass(frozen=True)
class Added:
    """What ``add_task_within`` made: a task, or a recurring duty (its periods' tasks made
    with it)."""

    task_id: int | None = None
    recurrence_id: int | None = None


def add_task_within(ctx: Context, conn, *, directive: str, content: str, lead: str, support=(),
                    due=None, leader: str = "", group: str = "", notes: str = "",
                    ext_key: str | None = None, batch: str | None = None,
                    starts_on: dt.date | None = None) -> Added:
    """A new task planned and written in the caller's transaction — ``add_task``'s, or a
    document's extraction recording its directive and tasks together: the rulebook's
    problems (``plan_task``) refuse it on the first error and say the warnings; the leader is
    the register's spelling.  Recurring words make a recurring duty from the directive's date
    (``starts_on``: another day) and its periods' tasks up to the next period."""
    content = nfc(content)
    plan = plan_task(ctx, conn, directive=directive, content=content, lead=lead,
                     support=support or (), due=due if due is not None else "", leader=leader,
                     group=group, ext_key=ext_key)
    if plan.recurring is not None and nfc(notes or "").strip():
        plan.problems += rules.check_duty_fields(["notes"])
    enforce(ctx, plan.problems)
    leader = names.settle(ctx, conn, names.LEADER, leader)  # the register's spelling
    if plan.recurring is not None:
        from tracker.services import recurrence

        rec_id = recurrence.create_recurrence(
            ctx, conn, directive_id=plan.directive_id, content=content, lead_unit_id=plan.lead.id,
            leader=leader, group=group, rule_text=nfc(due), rule=recurrence.read_rule(due),
            starts_on=starts_on, batch=batch)
        recurrence.make_instances(ctx, conn, [rec_id], batch=batch)
        return Added(recurrence_id=rec_id)
    deadline = plan.deadline
    task_id = conn.execute(insert(T).values(
        directive_id=plan.directive_id, ext_key=nfc(ext_key) or None if ext_key else None,
        content=content, content_folded=fold(content), lead_unit_id=plan.lead.id,
        leader=nfc(leader), work_group=nfc(group), deadline=deadline.date,
        deadline_text=deadline.text, deadline_kind=deadline.kind,
        deadline_effective=deadline.effective, original_deadline=deadline.date,
        original_deadline_text=deadline.text, notes=nfc(notes))).inserted_primary_key[0]
    if plan.support.ids:
        conn.execute(insert(TS), [{"task_id": task_id, "unit_id": u, "position": i}
                                  for i, u in enumerate(plan.support.ids)])
    history.record(conn, entity="task", entity_id=task_id, action="create", by=ctx.user,
                   new=content, batch=batch)
    return Added(task_id=task_id)


def edit_task(ctx: Context, task_id: int, *, expected_version: int | None = None,
              content: str | None = None, lead: str | None = None, support=None,
              due=None, leader: str | None = None, group: str | None = None,
              notes: str | None = None, directive: str | None = None) -> TaskView:
    """Correct a task's fields.  Changing ``due`` here corrects the entry (the original deadline
    moves too while there is no extension); to grant more time use ``extend_task``."""
    with _changing(ctx, task_id, expected_version) as (conn, row):
        _edit(conn, ctx, row, content=content, lead=lead, support=support, due=due, leader=leader,
              group=group, notes=notes, directive=directive)
        return get_task_view(conn, row.id, ctx.today)


def _edit(conn, ctx: Context, row, *, content: str | None = None, lead: str | None = None, support=None,
          due=None, leader: str | None = None, group: str | None = None, notes: str | None = None,
          directive: str | None = None) -> None:
    plan = plan_task(ctx, conn, row=row, directive=directive, content=content, lead=lead,
                     support=support, due=due, leader=leader, group=group)
    enforce(ctx, plan.problems, id=row.id)
    leader = names.settle(ctx, conn, names.LEADER, leader)  # the register's spelling
    values, changes = {}, {}
    if content is not None:
        content = nfc(content)
        if content != row.content:
            values.update(content=content, content_folded=fold(content))
            changes["content"] = (row.content, content)
    for name, col in (("leader", "leader"), ("group", "work_group"), ("notes", "notes")):
        value = locals()[name]
        if value is not None and nfc(value) != getattr(row, col):
            values[col] = nfc(value)
            changes[name] = (getattr(row, col), nfc(value))
    if directive is not None and plan.directive_id != row.directive_id:
        values["directive_id"] = plan.directive_id
        changes["directive"] = (row.directive_id, plan.directive_id)
    lead_id = row.lead_unit_id
    if plan.lead is not None:
        lead_id = plan.lead.id
        if lead_id != row.lead_unit_id:
            values["lead_unit_id"] = lead_id
            changes["lead"] = (_unit_code(conn, row.lead_unit_id), _unit_code(conn, lead_id))
    if plan.deadline is not None:
        deadline = plan.deadline
        if (deadline.date, deadline.text) != (row.deadline, row.deadline_text):
            values.update(deadline=deadline.date, deadline_text=deadline.text,
                          deadline_kind=deadline.kind, deadline_effective=deadline.effective)
            changes["deadline"] = (row.deadline_text or row.deadline, deadline.text)
            extended = conn.execute(select(E.c.id).where(E.c.task_id == row.id)).first()
            if not extended:
                values.update(original_deadline=deadline.date,
                              original_deadline_text=deadline.text)
    if plan.support is None and lead_id != row.lead_unit_id:
        # the new lead leaves the supporting units (a lead never supports itself, as
        # rules.read_support says of a new list)
        old_codes = _support_codes(conn, row.id)
        if conn.execute(delete(TS).where(TS.c.task_id == row.id, TS.c.unit_id == lead_id)).rowcount:
            changes["support"] = (old_codes, _support_codes(conn, row.id))
    if plan.support is not None:
        new_ids = plan.support.ids
        old_codes = _support_codes(conn, row.id)
        conn.execute(delete(TS).where(TS.c.task_id == row.id))
        if new_ids:
            conn.execute(insert(TS), [{"task_id": row.id, "unit_id": u, "position": i}
                                      for i, u in enumerate(new_ids)])
        new_codes = _support_codes(conn, row.id)
        if new_codes != old_codes:
            changes["support"] = (old_codes, new_codes)
            values.setdefault("updated_at", history.now())
    _write(conn, ctx, row, values, changes)


def _unit_code(conn, unit_id: int) -> str:
    from tracker.store.tables import unit as U

    return conn.execute(select(U.c.code).where(U.c.id == unit_id)).scalar_one()


def complete_task(ctx: Context, task_id: int, *, on=None, proof: str = "",
                  expected_version: int | None = None) -> TaskView:
    with _changing(ctx, task_id, expected_version) as (conn, row):
        _complete(conn, ctx, row, on=on, proof=proof)
        return get_task_view(conn, row.id, ctx.today)


def complete_within(ctx: Context, conn, task_id: int, *, on=None, proof: str = "",
                    batch: str | None = None) -> None:
    """``complete_task`` in the caller's transaction (a programme's item done when its sheet
    is imported)."""
    _complete(conn, ctx, read_locked(conn, task_id), on=on, proof=proof, batch=batch)


def _complete(conn, ctx: Context, row, *, on, proof: str, batch: str | None = None) -> None:
    done_on, problems = plan_completion(ctx, conn, row, on=on)
    enforce(ctx, problems, id=row.id)
    values = {"status": S.DONE, "done_on": done_on}
    changes = {"status": (row.status, S.DONE), "done_on": (row.done_on, done_on)}
    if proof:
        values["proof"] = nfc(proof)
        changes["proof"] = (row.proof, nfc(proof))
    _write(conn, ctx, row, values, changes, action="done", batch=batch)


def reopen_task(ctx: Context, task_id: int, *, expected_version: int | None = None) -> TaskView:
    with _changing(ctx, task_id, expected_version) as (conn, row):
        _reopen(conn, ctx, row)
        return get_task_view(conn, row.id, ctx.today)


def cancel_task(ctx: Context, task_id: int, *, reason: str,
                expected_version: int | None = None) -> TaskView:
    with _changing(ctx, task_id, expected_version) as (conn, row):
        _cancel(conn, ctx, row, nfc(reason))
        return get_task_view(conn, row.id, ctx.today)


def cancel_within(ctx: Context, conn, task_id: int, *, reason: str, batch: str) -> None:
    """``cancel_task`` inside a change of the caller's (a recurring duty stopped: its periods'
    tasks cancelled in its transaction, under its history batch)."""
    _cancel(conn, ctx, read_locked(conn, task_id), nfc(reason), batch)


def reopen_within(ctx: Context, conn, task_id: int, *, batch: str) -> None:
    """``reopen_task`` inside a change of the caller's (a duty's stop moved later)."""
    _reopen(conn, ctx, read_locked(conn, task_id), batch)


def _reopen(conn, ctx: Context, row, batch: str | None = None) -> None:
    enforce(ctx, plan_reopen(ctx, conn, row)[1], id=row.id)
    values = {"status": S.OPEN, "done_on": None, "cancel_reason": ""}
    changes = {"status": (row.status, S.OPEN)}
    if row.done_on:
        changes["done_on"] = (row.done_on, None)
    if row.cancel_reason:
        changes["cancel_reason"] = (row.cancel_reason, "")
    _write(conn, ctx, row, values, changes, action="reopen", batch=batch)


def _cancel(conn, ctx: Context, row, reason: str, batch: str | None = None) -> None:
    enforce(ctx, plan_cancel(ctx, conn, row, reason=reason)[1], id=row.id)
    _write(conn, ctx, row, {"status": S.CANCELLED, "cancel_reason": reason},
           {"status": (row.status, S.CANCELLED), "cancel_reason": (row.cancel_reason, reason)},
           action="cancel", batch=batch)


def extend_task(ctx: Context, task_id: int, *, to, reason: str,
                expected_version: int | None = None) -> TaskView:
    """Grant more time: a new deadline with a reason.  The original deadline and every earlier
    extension are kept."""
    with _changing(ctx, task_id, expected_version) as (conn, row):
        _extend(conn, ctx, row, to=to, reason=reason)
        return get_task_view(conn, row.id, ctx.today)


def _extend(conn, ctx: Context, row, *, to, reason: str) -> None:
    reason = nfc(reason)
    # a relative extension ("trong 10 ngày") counts from today
    deadline, problems = plan_extension(ctx, conn, row, to=to, reason=reason)
    enforce(ctx, problems, id=row.id)
    conn.execute(insert(E).values(
        task_id=row.id, old_deadline=row.deadline, old_deadline_text=row.deadline_text,
        new_deadline=deadline.date, new_deadline_text=deadline.text, reason=reason,
        at=history.now(), by=ctx.user))
    _write(conn, ctx, row,
           {"deadline": deadline.date, "deadline_text": deadline.text,
            "deadline_kind": deadline.kind, "deadline_effective": deadline.effective},
           {"deadline": (row.deadline_text or row.deadline, deadline.text),
            "extension_reason": (None, reason)},
           action="extend")


def add_note(ctx: Context, task_id: int, text: str, *, percent: int | None = None,
             on=None, expected_version: int | None = None) -> TaskView:
    with _changing(ctx, task_id, expected_version) as (conn, row):
        _note(conn, ctx, row, text=text, percent=percent, on=on)
        return get_task_view(conn, row.id, ctx.today)


def _note(conn, ctx: Context, row, *, text: str, percent: int | None = None, on=None) -> None:
    text = nfc(text)
    day, problems = plan_note(ctx, conn, row, text=text, percent=percent, on=on)
    enforce(ctx, problems, id=row.id)
    conn.execute(insert(PN).values(task_id=row.id, on=day, text=text, percent=percent,
                                   by=ctx.user, at=history.now()))
    # a note changes the task's record, so it bumps the version like any edit
    _write(conn, ctx, row, {"updated_at": history.now()},
           {"note": (None, history.note_words(text, percent))},
           action="note")


def change_within(ctx: Context, conn, action: str, task_id: int, **fields) -> TaskView:
    """One change (``done``, ``extend``, ``cancel``, ``reopen``, ``note``, ``edit``, ``undo``)
    to task ``task_id`` in the caller's transaction — the very change the single commands
    make — and the task as it then stands: several tasks changed all together
    (``services.bulk.change_all``)."""
    row = read_locked(conn, task_id)
    if action == "done":
        _complete(conn, ctx, row, on=fields.get("on"), proof=fields.get("proof") or "")
    elif action == "cancel":
        _cancel(conn, ctx, row, nfc(fields["reason"]))
    elif action == "reopen":
        _reopen(conn, ctx, row)
    elif action == "undo":
        take_back(ctx, conn, row)
    else:
        {"extend": _extend, "note": _note, "edit": _edit}[action](conn, ctx, row, **fields)
    return get_task_view(conn, task_id, ctx.today)

# --- undo ---------------------------------------------------------------------------------
# An undo is itself a change: it writes history rows (action "undo", batch "undo:<batch>")
# and never deletes any.  It reverts the newest change of the task that is not an undo and
# has not been undone, so pressing undo twice walks two changes back.

_PLAIN = {"content": "content", "leader": "leader", "group": "work_group", "notes": "notes",
          "proof": "proof", "cancel_reason": "cancel_reason", "status": "status"}


def undo_target(hist) -> tuple[list, str | None]:
    """What undo would take back in a task's history (oldest first): the rows of its newest
    change that is neither an undo nor undone — and the refusal's key when there is none
    (``task.nothing_to_undo``) or it is the task's creation (``task.cannot_undo_create``).
    The app shows it before asking; ``undo_last_change`` takes it back."""
    undone = {h.batch[5:] for h in hist if h.action == "undo" and (h.batch or "").startswith("undo:")}
    target = next((h.batch for h in reversed(hist)
                   if h.action != "undo" and h.batch and h.batch not in undone), None)
    if target is None:
        return [], "task.nothing_to_undo"
    rows = [h for h in hist if h.batch == target]
    return rows, ("task.cannot_undo_create" if rows[0].action == "create" else None)


def undo_last_change(ctx: Context, task_id: int, *, expected_version: int | None = None) -> TaskView:
    with _changing(ctx, task_id, expected_version) as (conn, row):
        take_back(ctx, conn, row)
        return get_task_view(conn, row.id, ctx.today)


def take_back(ctx: Context, conn, row) -> list:
    """Take back the newest change of the task ``row`` (read under its write lock) in the
    caller's transaction — ``undo_last_change`` for one task, ``services.bulk.undo_many``
    for several in one — and return the history rows it took back; refused with a
    ``ValidationError`` (it may have written part of the undo first: the caller's
    transaction is rolled back)."""
    from tracker.services.history import entries

    task_id = row.id
    rows, refused = undo_target(entries(conn, "task", task_id))
    if refused:
        raise ValidationError(refused, id=task_id)
    action = rows[0].action
    values: dict = {}
    changes: list[tuple[str, tuple]] = []
    for h in rows:
        current = None
        if h.field in _PLAIN:
            col = _PLAIN[h.field]
            current = getattr(row, col)
            values[col] = h.old if h.old is not None else ""
            if h.field == "content":
                values["content_folded"] = fold(values["content"])
        elif h.field == "done_on":
            current = row.done_on
            values["done_on"] = dt.date.fromisoformat(h.old) if h.old else None
        elif h.field == "lead":
            from tracker.store.tables import unit as U

            current = _unit_code(conn, row.lead_unit_id)
            values["lead_unit_id"] = conn.execute(select(U.c.id).where(U.c.code == h.old)).scalar_one()
        elif h.field in ("lead_unit_id", "directive_id"):  # (as imports before wrote them: ids)
            current = getattr(row, h.field)
            values[h.field] = int(h.old)
        elif h.field in ("work_group", "ext_key"):  # (… and these by their column's name)
            current = getattr(row, h.field)
            values[h.field] = h.old if h.old is not None or h.field == "ext_key" else ""
        elif h.field == "directive":
            current = row.directive_id
            values["directive_id"] = int(h.old)
        elif h.field == "support":
            current = ", ".join(_support_codes(conn, row.id))
            codes = [c.strip() for c in (h.old or "").split(",") if c.strip()]
            conn.execute(delete(TS).where(TS.c.task_id == row.id))
            if codes:
                ids = [unit_service.resolve(conn, c).id for c in codes]
                conn.execute(insert(TS), [{"task_id": row.id, "unit_id": u, "position": i}
                                          for i, u in enumerate(ids)])
            values.setdefault("updated_at", history.now())
        elif h.field == "deadline" and action == "extend":
            last = conn.execute(select(E).where(E.c.task_id == row.id)
                                .order_by(E.c.id.desc()).limit(1)).first()
            if last is not None:
                conn.execute(delete(E).where(E.c.id == last.id))
                current = row.deadline_text
                values.update(deadline=last.old_deadline, deadline_text=last.old_deadline_text,
                              deadline_effective=ctx.calendar().effective_deadline(last.old_deadline),
                              deadline_kind=("exact" if last.old_deadline else "ongoing"))
        elif h.field == "deadline":
            current = row.deadline_text
            d = read_deadline(ctx, h.old or "", _directive_date(conn, row.directive_id))
            values.update(deadline=d.date, deadline_text=d.text, deadline_kind=d.kind,
                          deadline_effective=d.effective)
            if not conn.execute(select(E.c.id).where(E.c.task_id == row.id)).first():
                values.update(original_deadline=d.date, original_deadline_text=d.text)
        elif h.field == "original_deadline":  # (an import that gave it)
            current = row.original_deadline_text
            d = read_deadline(ctx, h.old or "", _directive_date(conn, row.directive_id))
            values.update(original_deadline=d.date, original_deadline_text=d.text)
        elif h.field == "key":  # (an import that gave it)
            current = row.ext_key
            values["ext_key"] = h.old or None
        elif h.field in ("note", "extension"):  # one row each: the newest one goes
            tbl = PN if h.field == "note" else E
            words = PN.c.text if h.field == "note" else E.c.new_deadline_text
            last = conn.execute(select(tbl.c.id, words).where(tbl.c.task_id == row.id)
                                .order_by(tbl.c.id.desc()).limit(1)).first()
            if last is not None:
                conn.execute(delete(tbl).where(tbl.c.id == last.id))
                current = last[1]
            values.setdefault("updated_at", history.now())
        else:  # e.g. extension_reason: reverted with its extension
            continue
        changes.append((h.field, (current, h.old)))  # (several notes: a row each)
    if not changes:  # nothing it knows how to take back: say so, claim nothing
        raise ValidationError("task.cannot_undo", id=task_id,
                              fields=", ".join(dict.fromkeys(history.field_words(h.field) for h in rows)))
    _undo_allowed(ctx, conn, row, values, task_id)
    _write(conn, ctx, row, values, changes, action="undo", batch=f"undo:{rows[0].batch}")
    return rows


def _undo_allowed(ctx: Context, conn, row, values: dict, task_id: int) -> None:
    """An undo must not leave a state the rulebook forbids (a task done before its directive
    was issued, or in the future, or done without a date; cancelled without a reason; no
    content): refused, saying which rule, instead."""
    after = {c: values.get(c, getattr(row, c)) for c in ("status", "done_on", "cancel_reason",
                                                          "directive_id", "content")}
    problems = rules.check_state(after["status"], after["done_on"], today=ctx.today,
                                 directive_date=_directive_date(conn, after["directive_id"]),
                                 cancel_reason=after["cancel_reason"])
    if "content" in values:
        problems += rules.check_content(after["content"])
    first = next((p for p in problems if p.is_error), None)
    if first is not None:
        from tracker.services.rulebook import message

        raise ValidationError("rules.undo_refused", id=task_id, reason=message(first, id=task_id))
