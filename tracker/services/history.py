"""The append-only change history: written in the same transaction as the change."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert, select

from tracker.store.tables import history as H


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def new_batch() -> str:
    """An id shared by the history rows of one change (so the change can be undone whole)."""
    import uuid

    return uuid.uuid4().hex[:16]


def now() -> dt.datetime:
    """The moment a change is stamped with: UTC, kept without its zone (every stamp in the
    store is one of these; ``shown`` turns it into this computer's time)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def shown(at: dt.datetime | None) -> dt.datetime | None:
    """A stored moment as this computer's clock reads it (with its offset): what every table,
    screen and message shows — a clerk in Hà Nội who saved at 18:01 reads 18:01, not the
    11:01 UTC the store keeps."""
    if at is None:
        return None
    return at.replace(tzinfo=dt.timezone.utc).astimezone()


def day_starts(day: dt.date) -> dt.datetime:
    """The stored moment (UTC) at which ``day`` begins on this computer's clock: a question
    by days ("changes since 01/12") asks for the clerk's days, not UTC's."""
    return dt.datetime.combine(day, dt.time.min).astimezone(dt.timezone.utc).replace(tzinfo=None)


def record(conn, *, entity: str, entity_id: int, action: str, by: str, field: str = "",
           old=None, new=None, batch: str | None = None, at: dt.datetime | None = None) -> None:
    conn.execute(insert(H).values(
        entity=entity, entity_id=entity_id, action=action, field=field,
        old=_text(old), new=_text(new), at=at or now(), by=by, batch=batch))


def record_changes(conn, *, entity: str, entity_id: int, by: str, changes: dict | list,
                   action: str = "update", batch: str | None = None) -> None:
    """One history row per changed field; ``changes`` maps field -> (old, new), or is a
    list of (field, (old, new)) where a field has several rows."""
    at = now()
    rows = [dict(entity=entity, entity_id=entity_id, action=action, field=f,
                 old=_text(o), new=_text(n), at=at, by=by, batch=batch)
            for f, (o, n) in (changes.items() if isinstance(changes, dict) else changes)]
    if rows:
        conn.execute(insert(H), rows)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: dt.datetime
    by: str
    action: str
    field: str
    old: str | None
    new: str | None
    batch: str | None = None


# a task's stored column -> the field a change of it is recorded under (``edit_task``'s
# words, which the importer writes too; imports before it wrote the column's own name)
FIELD_OF_COLUMN = {"directive_id": "directive", "lead_unit_id": "lead", "work_group": "group",
                   "ext_key": "key", "ends_on": "stop_on"}


def note_words(text: str, percent: int | None) -> str:
    """A progress note as its history row says it (``task note``, an import's line, alike)."""
    return text + (f" ({percent}%)" if percent is not None else "")


def field_words(field: str) -> str:
    """A history row's field in the interface's words (never the code's name), for the app
    and the commands alike."""
    from tracker.i18n import _

    field = FIELD_OF_COLUMN.get(field, field)
    for key in (f"tui.field.{field}", f"col.{field}"):
        words = _(key)
        if words != key:
            return words
    return field


def _is_day(field: str | None) -> bool:
    """Whether a history row's field is a day (a calendar row's: "18/06/2021")."""
    from tracker.domain.dates import DateError, parse_date

    try:
        return bool(field) and parse_date(field) is not None
    except (DateError, ValueError):
        return False


def value_words(field: str | None, value: str | None) -> str:
    """A history row's old/new value as the clerk reads it: a status in words, a stored
    ISO date as dd/mm/yyyy."""
    if not value:
        return ""
    if field == "aliases":  # (a register's spellings, stored "|"-joined)
        return ", ".join(a for a in value.split("|") if a)
    kind, sep, name = value.partition(": ")
    if sep and kind in ("off", "work") and _is_day(field):  # a calendar day's: "off: Nghỉ bù"
        from tracker.i18n import _

        return f"{_(f'calendar.kind.{kind}')}: {name}"
    if field == "status":
        from tracker.i18n import _

        key = f"status.{value}"
        words = _(key)
        return value if words == key else words
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        from tracker.domain.dates import format_date

        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return value


def entries(conn, entity: str, entity_id: int) -> list[HistoryEntry]:
    rows = conn.execute(select(H).where(H.c.entity == entity, H.c.entity_id == entity_id)
                        .order_by(H.c.id)).all()
    return [HistoryEntry(r.id, r.at, r.by, r.action, r.field, r.old, r.new, r.batch) for r in rows]


@dataclass(frozen=True)
class AuditEntry:
    """One history row of any record, for ``tracker audit``."""

    id: int
    at: dt.datetime
    by: str
    entity: str
    entity_id: int
    action: str
    field: str
    old: str | None
    new: str | None
    batch: str | None


def audit(ctx, since: dt.date, *, until: dt.date | None = None, user: str | None = None,
          batch_size: int = 2000):
    """Every change in the store from the day ``since`` (to the day ``until``, inclusive:
    days of this computer's clock), in the order it was made (time, then the order
    written), optionally only ``user``'s.  Streamed in batches by id, so a long history
    never sits in memory whole.  Reads only: nothing edits or deletes history."""
    q = select(H).where(H.c.at >= day_starts(since))
    if until is not None:
        q = q.where(H.c.at < day_starts(until + dt.timedelta(days=1)))
    if user:
        q = q.where(H.c.by == user)
    last: tuple | None = None
    with ctx.read() as conn:
        while True:
            page = q
            if last is not None:  # keyset paging on (at, id): the order the changes were made
                page = page.where((H.c.at > last[0]) | ((H.c.at == last[0]) & (H.c.id > last[1])))
            rows = conn.execute(page.order_by(H.c.at, H.c.id).limit(batch_size)).all()
            for r in rows:
                yield AuditEntry(r.id, r.at, r.by, r.entity, r.entity_id, r.action, r.field, r.old,
                                 r.new, r.batch)
            if len(rows) < batch_size:
                return
            last = (rows[-1].at, rows[-1].id)
