"""The register as it stood at the end of a past day, rebuilt from history (``--as-of``).

Tasks recorded after that day are absent, and progress notes written after it; every change
made after it is taken back, newest first, to the value it replaced (status, done date, proof,
cancel reason, content, leader, group, lead unit — the history rows every writer keeps); a
deadline extended after it is the deadline the first later extension replaced (its effective
date worked out again by the calendar); extensions granted after it are absent.  So a task
done later is still open that day, and a review rerun months on gives the figures it gave
that day.  Supporting units changed after it are the ones the first later change replaced.

How the reads see it: on one connection, temporary tables named ``task``, ``task_support``,
``extension``, ``progress_note`` and ``recurrence`` (a duty stopped after the day runs on)
hold the rebuilt rows.  Both SQLite and PostgreSQL look a table name up in the temporary
schema first, so every query of the read paths (lists, counts, reports, the export) runs
unchanged on the register of that day.  ``Context.read()`` hands that connection
out while ``ctx.as_of`` is set; nothing is written to the store.

History times are kept in UTC; a day is the clerk's, on this computer's clock (a change made
at 06:00 in Hà Nội, 23:00 UTC the evening before, belongs to the morning's day).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import text

_PLAIN = {"status": "status", "proof": "proof", "cancel_reason": "cancel_reason",
          "content": "content", "leader": "leader", "group": "work_group",
          "work_group": "work_group", "notes": "notes"}


def build_as_of(conn, day: dt.date, calendar) -> None:
    """Make the temporary ``task``, ``task_support``, ``extension``, ``progress_note`` and
    ``recurrence`` tables of the register at the end of ``day`` on ``conn``."""
    from tracker.domain.text import fold

    from tracker.services.history import day_starts

    end = day_starts(day + dt.timedelta(days=1))
    schema = "main" if conn.dialect.name == "sqlite" else conn.execute(
        text("SELECT current_schema()")).scalar()
    conn.execute(text(f"CREATE TEMPORARY TABLE task AS SELECT * FROM {schema}.task "
                      "WHERE created_at < :end"), {"end": end})
    conn.execute(text(f"CREATE TEMPORARY TABLE extension AS SELECT * FROM {schema}.extension "
                      "WHERE at < :end"), {"end": end})
    conn.execute(text(f"CREATE TEMPORARY TABLE progress_note AS SELECT * FROM {schema}.progress_note "
                      "WHERE at < :end"), {"end": end})
    conn.execute(text(f"CREATE TEMPORARY TABLE task_support AS SELECT * FROM {schema}.task_support "
                      "WHERE task_id IN (SELECT id FROM task)"))
    # recurring duties: those made by then, a stop made after it taken back (the export's
    # "Ngày dừng định kỳ" of that day)
    conn.execute(text(f"CREATE TEMPORARY TABLE recurrence AS SELECT * FROM {schema}.recurrence "
                      "WHERE created_at < :end"), {"end": end})
    stops = conn.execute(text(
        f"SELECT entity_id, old FROM {schema}.history WHERE entity = 'recurrence' AND field = 'ends_on' "
        "AND at >= :end ORDER BY at DESC, id DESC"), {"end": end}).all()
    for rec_id, old in stops:  # newest first: the last one written is that day's
        conn.execute(text("UPDATE recurrence SET ends_on = :v WHERE id = :id"),
                     {"v": dt.date.fromisoformat(old) if old else None, "id": rec_id})
    units = dict(conn.execute(text(f"SELECT code, id FROM {schema}.unit")).all())
    later = conn.execute(text(
        f"SELECT entity_id, field, old FROM {schema}.history WHERE entity = 'task' "
        "AND at >= :end AND action <> 'create' ORDER BY at DESC, id DESC"), {"end": end}).all()
    for task_id, field, old in later:  # newest first: the last one written is that day's
        if field in _PLAIN:
            value = old if old is not None else ""
            conn.execute(text(f"UPDATE task SET {_PLAIN[field]} = :v WHERE id = :id"),
                         {"v": value, "id": task_id})
            if field == "content":
                conn.execute(text("UPDATE task SET content_folded = :v WHERE id = :id"),
                             {"v": fold(value), "id": task_id})
        elif field == "done_on":
            conn.execute(text("UPDATE task SET done_on = :v WHERE id = :id"),
                         {"v": dt.date.fromisoformat(old) if old else None, "id": task_id})
        elif field == "lead" and old in units:
            conn.execute(text("UPDATE task SET lead_unit_id = :v WHERE id = :id"),
                         {"v": units[old], "id": task_id})
        elif field == "support":  # the codes as history keeps them: "TCKH, QLDT"
            conn.execute(text("DELETE FROM task_support WHERE task_id = :id"), {"id": task_id})
            codes = [c for c in (old or "").split(", ") if c in units]
            if codes:
                conn.execute(text("INSERT INTO task_support (task_id, unit_id, position) "
                                  "VALUES (:id, :unit, :pos)"),
                             [{"id": task_id, "unit": units[c], "pos": i} for i, c in enumerate(codes)])
    # deadlines extended after the day: the deadline the first later extension replaced
    firsts = conn.execute(text(
        f"SELECT e.task_id, e.old_deadline, e.old_deadline_text FROM {schema}.extension e "
        f"WHERE e.at >= :end AND e.id = (SELECT min(x.id) FROM {schema}.extension x "
        "WHERE x.task_id = e.task_id AND x.at >= :end)"), {"end": end}).all()
    for task_id, old, old_text in firsts:
        if isinstance(old, str):
            old = dt.date.fromisoformat(old)
        conn.execute(text("UPDATE task SET deadline = :d, deadline_text = :t, "
                          "deadline_effective = :e WHERE id = :id"),
                     {"d": old, "t": old_text or "", "id": task_id,
                      "e": calendar.effective_deadline(old) if old else None})


def check_as_of(ctx, day: dt.date) -> None:
    """``--as-of DAY`` as a command takes it: a day after today is refused (the register of a
    day to come is not kept; it was shown as today's, its tasks "overdue" by years); a day
    before the store's first change is said — the register held nothing yet then (the store
    was set up later, or loaded with an import: its history starts there)."""
    from sqlalchemy import func, select

    from tracker.domain.dates import format_date
    from tracker.services.errors import UsageError
    from tracker.services.history import shown
    from tracker.store.tables import history as H

    today = max(ctx.today, dt.date.today())  # (a --today in the past may look at days since)
    if day > today:
        raise UsageError("asof.after_today", day=format_date(day), today=format_date(today))
    with ctx.read() as conn:
        first = conn.execute(select(func.min(H.c.at))).scalar()
    if first is not None and day < shown(first).date():
        ctx.warn("asof.before_history", day=format_date(day), first=format_date(shown(first).date()))
