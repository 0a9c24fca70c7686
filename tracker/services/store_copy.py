"""Copying a whole store into a new one — a SQLite file into a shared PostgreSQL database, or
back — with every row as it is: the same ids (a task is #12 in both), the whole history,
recurring duties with their start and stop, holidays, saved views, the names registers.

An export and an import move the register, not the store: they give new ids, leave the
history behind and make the duties again from their periods.  ``copy_store`` is the move.

The target is made (migrated to the same schema) when it is new; one that already holds
anything of an office is refused.  Rows are read table by table in the order their foreign
keys need, as they stood at one moment (others may go on writing), a few thousand at a time
(memory stays flat), and written in ONE transaction on the target: all of it or nothing.  A
column that points into its own table (a directive's parent) is set once every row of the
table is in.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import MetaData, func, insert, select, update

from tracker.errors import ConflictError, UsageError

CHUNK = 5000  # rows read and written at a time
# what a new store already holds (migration 0005 writes the names registers' first names):
# replaced by the source's own
SEEDED = {"known_name"}
# what a store holds, in the user's words (a task's notes, extensions and supporting units are
# the task's): the tables a refusal names, in this order
HELD = (("unit", "db.held.units"), ("directive", "db.held.directives"), ("task", "db.held.tasks"),
        ("recurrence", "db.held.duties"), ("calendar_override", "db.held.days"),
        ("saved_view", "db.held.views"), ("history", "db.held.history"))
PART_OF_TASK = {"extension", "progress_note", "task_support"}


@dataclass
class CopyReport:
    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied


def copy_store(source_url: str, target_url: str) -> CopyReport:
    """Every row of the store at ``source_url`` into the store at ``target_url`` (made when
    new; refused when it holds anything of an office).  A database failure on either side
    (a full disk, a lost connection) is said naming that store; the target keeps nothing."""
    from tracker.store.db import fix_sequence, open_engine, where

    if _same_place(source_url, target_url):
        raise UsageError("db.copy_onto_itself", path=where(target_url))
    source = open_engine(source_url)
    try:
        target = open_engine(target_url, create=True)
    except BaseException:
        source.dispose()
        raise
    report = CopyReport(where(source_url), where(target_url))
    try:
        with _said_at(report.source):
            read_meta = _tables(source)
        with _said_at(report.target):
            write_meta = _tables(target)
        with _said_at(report.source):
            src = source.connect()
        with src, _said_at(report.target), target.begin() as dst:
            with _said_at(report.source):
                _one_moment(src)
            held = {t.name: n for t in write_meta.sorted_tables if t.name not in SEEDED
                    and (n := dst.execute(select(func.count()).select_from(t)).scalar_one())}
            if held:
                raise ConflictError("db.copy_target_not_empty", path=report.target,
                                    held=held_words(held))
            for name in SEEDED:
                dst.execute(write_meta.tables[name].delete())
            for table in read_meta.sorted_tables:
                report.rows[table.name] = _copy_table(src, dst, table, write_meta.tables[table.name],
                                                      report.source)
                if "id" in table.c:
                    fix_sequence(dst, table.name)
    finally:
        source.dispose()
        target.dispose()
    return report


def held_words(held: dict[str, int]) -> str:
    """What a store holds (rows by table) as the user counts it: "1 đơn vị, 3 văn bản, 12
    nhiệm vụ, 40 dòng nhật ký" — never a table's name."""
    from tracker.i18n import _, get_lang
    from tracker.reports.fmt import fmt_int

    lang = get_lang()
    said = [_(key, count=fmt_int(held[table], lang)) for table, key in HELD if held.get(table)]
    named = {table for table, _key in HELD} | PART_OF_TASK
    other = sum(n for table, n in held.items() if table not in named)
    if other:
        said.append(_("db.held.other", count=fmt_int(other, lang)))
    return ", ".join(said)


def _one_moment(conn) -> None:
    """Every table read as it stood at one moment, while other programs go on writing (a
    task cannot come without its directive because it was added between the two tables)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN")  # (the driver itself begins only before a write)
    else:
        conn.execution_options(isolation_level="REPEATABLE READ")
        conn.begin()


def _tables(engine) -> MetaData:
    """The store's tables as the database itself describes them (every column, whatever the
    read paths use), without Alembic's own."""
    import warnings

    from sqlalchemy.exc import SAWarning

    meta = MetaData()
    with warnings.catch_warnings():  # (indexes on expressions: not needed to copy rows)
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
        meta.reflect(bind=engine)
    meta.remove(meta.tables["alembic_version"])
    return meta


@contextmanager
def _said_at(where: str) -> Iterator[None]:
    """A database failure in here is said as one line naming ``where`` (never the SQL)."""
    from sqlalchemy.exc import DBAPIError

    from tracker.store.db import store_error

    try:
        yield
    except DBAPIError as exc:
        raise store_error(exc, where) from exc


def _copy_table(src, dst, table, out, source: str) -> int:
    """One table's rows, read from ``src`` a chunk at a time and written to ``dst``."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == table.name]
    key = list(table.primary_key.columns) or list(table.c)
    with _said_at(source):
        rows = src.execution_options(stream_results=True, yield_per=CHUNK).execute(select(table).order_by(*key))
        chunks = rows.mappings().partitions(CHUNK)
    later: list[dict] = []  # (the column into its own table, once every row is in)
    count = 0
    while True:
        with _said_at(source):
            chunk = next(chunks, None)
        if chunk is None:
            break
        values = [dict(r) for r in chunk]
        if own:
            for v in values:
                if any(v[c] is not None for c in own):
                    later.append({"_id": v["id"], **{c: v[c] for c in own}})
                    v.update({c: None for c in own})
        dst.execute(insert(out), values)
        count += len(values)
    for v in later:
        dst.execute(update(out).where(out.c.id == v["_id"]).values({c: v[c] for c in own}))
    return count


def _same_place(a: str, b: str) -> bool:
    from sqlalchemy.engine import make_url

    from tracker.store.db import sqlite_path

    pa, pb = sqlite_path(a), sqlite_path(b)
    if pa is not None and pb is not None:
        return pa.resolve() == pb.resolve()
    return make_url(a) == make_url(b)
