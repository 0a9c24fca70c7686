"""Tasks: the use cases that change one task.  Each is one transaction and writes its history
in that transaction; an update names the version it read (optimistic locking), so two clerks
editing one task get a conflict instead of a silent overwrite."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from tracker.domain import status as S
from tracker.domain.dates import DateError, format_date, parse_date
from tracker.domain.text import fold, nfc
from tracker.services import history
from tracker.services import units as unit_service
from tracker.services.context import Context
from tracker.services.directives import resolve as resolve_directive
from tracker.services.errors import ConflictError, NotFoundError, ValidationError
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


def read_deadline(ctx: Context, text, ref_date: dt.date | None, *, field: str = "--due") -> DeadlineValue:
    """Understand a deadline as people write it (DESIGN §4) — the one entry point the task
    commands and importers use.  Empty text means no deadline (ongoing)."""
    from tracker.domain.deadlines import DeadlineError, parse_deadline

    if isinstance(text, dt.date):
        text = format_date(text)
    words = nfc(text)
    if not words:
        return DeadlineValue(None, "", "ongoing", None)
    cal = ctx.calendar()
    try:
        d = parse_deadline(words, ref_date=ref_date, calendar=cal)
    except DeadlineError as exc:
        raise ValidationError("task.bad_deadline", field=field, value=words,
                              reason=_reason(exc)) from None
    for w in getattr(d, "warnings", ()) or ():
        ctx.warn("task.deadline_warning", value=words, warning=w)
    return DeadlineValue(d.date, d.text or words, d.kind,
                         cal.effective_deadline(d.date) if d.date else None)


def _reason(exc) -> str:
    from tracker.i18n import _

    key = getattr(exc, "reason", None) or getattr(exc, "key", None)
    return _(key) if key else str(exc)


def _date(value, field: str) -> dt.date:
    try:
        return parse_date(value)
    except DateError as exc:
        raise ValidationError(exc.reason, value=exc.text, field=field) from None


def _task_row(conn, task_id: int):
    row = conn.execute(select(T).where(T.c.id == task_id)).first()
    if row is None:
        raise NotFoundError("task.unknown", id=task_id)
    return row


def _check_version(row, expected_version: int | None) -> None:
    if expected_version is not None and row.version != expected_version:
        raise ConflictError("conflict.task", id=row.id, expected=expected_version,
                            actual=row.version)


@contextmanager
def _changing(ctx: Context, task_id: int, expected_version: int | None):
    """One change to one task: a transaction, the task's row as read, and the version check."""
    with ctx.session() as s:
        conn = s.connection()
        row = _task_row(conn, task_id)
        _check_version(row, expected_version)
        yield conn, row


def _write(conn, ctx: Context, row, values: dict, changes: dict | list, *, action: str = "update",
           batch: str | None = None) -> None:
    """Apply ``values`` to task ``row`` if nobody changed it since it was read; log ``changes``."""
    if not values:
        return
    values = dict(values, version=row.version + 1, updated_at=history.now())
    res = conn.execute(update(T).where(T.c.id == row.id, T.c.version == row.version).values(**values))
    if res.rowcount != 1:
        raise ConflictError("conflict.task", id=row.id, expected=row.version, actual="?")
    history.record_changes(conn, entity="task", entity_id=row.id, by=ctx.user,
                           changes=changes, action=action, batch=batch or history.new_batch())


def _directive_date(conn, directive_id: int) -> dt.date:
    return conn.execute(select(D.c.issue_date).where(D.c.id == directive_id)).scalar_one()


def _warn_before_directive(ctx: Context, deadline: DeadlineValue, directive_date: dt.date) -> None:
    if deadline.date and deadline.date < directive_date:
        ctx.warn("task.deadline_before_directive", deadline=format_date(deadline.date),
                 date=format_date(directive_date))


def _resolve_support(conn, support, lead_id: int) -> list[int]:
    ids: list[int] = []
    for name in support or ():
        name = nfc(name)
        if not name:
            continue
        uid = unit_service.resolve(conn, name).id
        if uid != lead_id and uid not in ids:
            ids.append(uid)
    return ids


def _support_codes(conn, task_id: int) -> list[str]:
    from tracker.store.tables import unit as U

    rows = conn.execute(select(U.c.code).join(TS, TS.c.unit_id == U.c.id)
                        .where(TS.c.task_id == task_id).order_by(TS.c.position)).all()
    return [r.code for r in rows]


SHORT_TEXT = 120  # leader, work group and key are VARCHAR(120) (PostgreSQL enforces it)


def _short(value: str | None, field: str) -> str | None:
    """``nfc(value)``, refused with a clear message when longer than its column allows."""
    if value is None:
        return None
    value = nfc(value)
    if len(value) > SHORT_TEXT:
        raise ValidationError("task.too_long", field=field, max=SHORT_TEXT, length=len(value))
    return value


def add_task(ctx: Context, *, directive: str, content: str, lead: str, support=(),
             due=None, leader: str = "", group: str = "", notes: str = "",
             ext_key: str | None = None) -> TaskView:
    from tracker.store.models import Task

    content = nfc(content)
    if not content:
        raise ValidationError("task.content_required")
    if isinstance(due, str):
        from tracker.services import recurrence

        if recurrence.read_rule(due) is not None:  # "hằng tháng, trước ngày 20"
            added = recurrence.add_recurring_task(
                ctx, directive=directive, content=content, lead=lead, due=due,
                leader=leader, group=group)
            return recurrence.current_instance(ctx, added.id)
    leader, group = _short(leader, "--leader"), _short(group, "--group")
    ext_key = _short(ext_key, "ext_key")
    with ctx.session() as s:
        conn = s.connection()
        directive_id = resolve_directive(conn, directive)
        lead_unit = unit_service.resolve(conn, lead)
        support_ids = _resolve_support(conn, support, lead_unit.id)
        ddate = _directive_date(conn, directive_id)
        deadline = read_deadline(ctx, due, ddate)
        _warn_before_directive(ctx, deadline, ddate)
        t = Task(directive_id=directive_id, ext_key=ext_key or None, content=content,
                 content_folded=fold(content), lead_unit_id=lead_unit.id, leader=nfc(leader),
                 work_group=nfc(group), deadline=deadline.date, deadline_text=deadline.text,
                 deadline_kind=deadline.kind, deadline_effective=deadline.effective,
                 original_deadline=deadline.date, original_deadline_text=deadline.text,
                 notes=nfc(notes))
        s.add(t)
        s.flush()
        if support_ids:
            conn.execute(insert(TS), [{"task_id": t.id, "unit_id": u, "position": i}
                                      for i, u in enumerate(support_ids)])
        history.record(conn, entity="task", entity_id=t.id, action="create", by=ctx.user,
                       new=content, batch=history.new_batch())
        return get_task_view(conn, t.id, ctx.today)


def edit_task(ctx: Context, task_id: int, *, expected_version: int | None = None,
              content: str | None = None, lead: str | None = None, support=None,
              due=None, leader: str | None = None, group: str | None = None,
              notes: str | None = None, directive: str | None = None) -> TaskView:
    """Correct a task's fields.  Changing ``due`` here corrects the entry (the original deadline
    moves too while there is no extension); to grant more time use ``extend_task``."""
    leader, group = _short(leader, "--leader"), _short(group, "--group")
    with _changing(ctx, task_id, expected_version) as (conn, row):
        values, changes = {}, {}
        if content is not None:
            content = nfc(content)
            if not content:
                raise ValidationError("task.content_required")
            if content != row.content:
                values.update(content=content, content_folded=fold(content))
                changes["content"] = (row.content, content)
        for name, col in (("leader", "leader"), ("group", "work_group"), ("notes", "notes")):
            value = locals()[name]
            if value is not None and nfc(value) != getattr(row, col):
                values[col] = nfc(value)
                changes[name] = (getattr(row, col), nfc(value))
        if directive is not None:
            did = resolve_directive(conn, directive)
            if did != row.directive_id:
                values["directive_id"] = did
                changes["directive"] = (row.directive_id, did)
        lead_id = row.lead_unit_id
        if lead is not None:
            lead_id = unit_service.resolve(conn, lead).id
            if lead_id != row.lead_unit_id:
                values["lead_unit_id"] = lead_id
                changes["lead"] = (_unit_code(conn, row.lead_unit_id), _unit_code(conn, lead_id))
        if due is not None:
            ddate = _directive_date(conn, values.get("directive_id", row.directive_id))
            deadline = read_deadline(ctx, due, ddate)
            _warn_before_directive(ctx, deadline, ddate)
            if (deadline.date, deadline.text) != (row.deadline, row.deadline_text):
                values.update(deadline=deadline.date, deadline_text=deadline.text,
                              deadline_kind=deadline.kind, deadline_effective=deadline.effective)
                changes["deadline"] = (row.deadline_text or row.deadline, deadline.text)
                extended = conn.execute(select(E.c.id).where(E.c.task_id == row.id)).first()
                if not extended:
                    values.update(original_deadline=deadline.date,
                                  original_deadline_text=deadline.text)
        if support is not None:
            new_ids = _resolve_support(conn, support, lead_id)
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
        return get_task_view(conn, row.id, ctx.today)


def _unit_code(conn, unit_id: int) -> str:
    from tracker.store.tables import unit as U

    return conn.execute(select(U.c.code).where(U.c.id == unit_id)).scalar_one()


def complete_task(ctx: Context, task_id: int, *, on=None, proof: str = "",
                  expected_version: int | None = None) -> TaskView:
    done_on = _date(on, "on") if on else ctx.today
    if done_on > ctx.today:
        raise ValidationError("task.done_in_future", date=format_date(done_on),
                              today=format_date(ctx.today))
    with _changing(ctx, task_id, expected_version) as (conn, row):
        if row.status == S.DONE:
            raise ValidationError("task.already_done", id=task_id, date=format_date(row.done_on))
        if row.status == S.CANCELLED:
            raise ValidationError("task.is_cancelled", id=task_id)
        values = {"status": S.DONE, "done_on": done_on}
        changes = {"status": (row.status, S.DONE), "done_on": (row.done_on, done_on)}
        if proof:
            values["proof"] = nfc(proof)
            changes["proof"] = (row.proof, nfc(proof))
        _write(conn, ctx, row, values, changes, action="done")
        return get_task_view(conn, row.id, ctx.today)


def reopen_task(ctx: Context, task_id: int, *, expected_version: int | None = None) -> TaskView:
    with _changing(ctx, task_id, expected_version) as (conn, row):
        if row.status == S.OPEN:
            raise ValidationError("task.already_open", id=task_id)
        values = {"status": S.OPEN, "done_on": None, "cancel_reason": ""}
        changes = {"status": (row.status, S.OPEN)}
        if row.done_on:
            changes["done_on"] = (row.done_on, None)
        if row.cancel_reason:
            changes["cancel_reason"] = (row.cancel_reason, "")
        _write(conn, ctx, row, values, changes, action="reopen")
        return get_task_view(conn, row.id, ctx.today)


def cancel_task(ctx: Context, task_id: int, *, reason: str,
                expected_version: int | None = None) -> TaskView:
    reason = nfc(reason)
    if not reason:
        raise ValidationError("task.reason_required")
    with _changing(ctx, task_id, expected_version) as (conn, row):
        if row.status == S.CANCELLED:
            raise ValidationError("task.is_cancelled", id=task_id)
        if row.status == S.DONE:
            raise ValidationError("task.cancel_done", id=task_id)
        _write(conn, ctx, row, {"status": S.CANCELLED, "cancel_reason": reason},
               {"status": (row.status, S.CANCELLED), "cancel_reason": (row.cancel_reason, reason)},
               action="cancel")
        return get_task_view(conn, row.id, ctx.today)


def extend_task(ctx: Context, task_id: int, *, to, reason: str,
                expected_version: int | None = None) -> TaskView:
    """Grant more time: a new deadline with a reason.  The original deadline and every earlier
    extension are kept."""
    reason = nfc(reason)
    if not reason:
        raise ValidationError("task.reason_required")
    with _changing(ctx, task_id, expected_version) as (conn, row):
        if row.status == S.DONE:
            raise ValidationError("task.extend_done", id=task_id)
        if row.status == S.CANCELLED:
            raise ValidationError("task.is_cancelled", id=task_id)
        # a relative extension ("trong 10 ngày") counts from today
        deadline = read_deadline(ctx, to, ctx.today, field="--to")
        if deadline.date is None:
            raise ValidationError("task.extend_needs_date", value=nfc(str(to)))
        if row.deadline and deadline.date <= row.deadline:
            raise ValidationError("task.extend_not_later", new=format_date(deadline.date),
                                  old=format_date(row.deadline))
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
        return get_task_view(conn, row.id, ctx.today)


def add_note(ctx: Context, task_id: int, text: str, *, percent: int | None = None,
             on=None, expected_version: int | None = None) -> TaskView:
    text = nfc(text)
    if not text:
        raise ValidationError("task.note_required")
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError("task.bad_percent", value=percent)
    day = _date(on, "on") if on else ctx.today
    with _changing(ctx, task_id, expected_version) as (conn, row):
        conn.execute(insert(PN).values(task_id=row.id, on=day, text=text, percent=percent,
                                       by=ctx.user, at=history.now()))
        # a note changes the task's record, so it bumps the version like any edit
        _write(conn, ctx, row, {"updated_at": history.now()},
               {"note": (None, f"{text}" + (f" ({percent}%)" if percent is not None else ""))},
               action="note")
        return get_task_view(conn, row.id, ctx.today)


# --- undo ---------------------------------------------------------------------------------
# An undo is itself a change: it writes history rows (action "undo", batch "undo:<batch>")
# and never deletes any.  It reverts the newest change of the task that is not an undo and
# has not been undone, so pressing undo twice walks two changes back.

_PLAIN = {"content": "content", "leader": "leader", "group": "work_group", "notes": "notes",
          "proof": "proof", "cancel_reason": "cancel_reason", "status": "status"}


def undo_last_change(ctx: Context, task_id: int, *, expected_version: int | None = None) -> TaskView:
    from tracker.services.history import entries
    with _changing(ctx, task_id, expected_version) as (conn, row):
        hist = entries(conn, "task", task_id)
        undone = {h.batch[5:] for h in hist if h.action == "undo" and (h.batch or "").startswith("undo:")}
        target = next((h.batch for h in reversed(hist)
                       if h.action != "undo" and h.batch and h.batch not in undone), None)
        if target is None:
            raise ValidationError("task.nothing_to_undo", id=task_id)
        rows = [h for h in hist if h.batch == target]
        action = rows[0].action
        if action == "create":
            raise ValidationError("task.cannot_undo_create", id=task_id)
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
        _write(conn, ctx, row, values, changes, action="undo", batch=f"undo:{target}")
        return get_task_view(conn, row.id, ctx.today)
