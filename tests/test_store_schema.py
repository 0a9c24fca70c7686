"""The light Core mirror matches the SQLModel schema; the head constant matches migrations;
migrations create exactly the models' tables."""
from sqlalchemy import inspect

from tracker.store import tables
from tracker.store.schema_version import HEAD


def test_light_tables_mirror_models():
    from sqlmodel import SQLModel

    import tracker.store.models  # noqa: F401

    full = SQLModel.metadata.tables
    for name, light in tables.metadata.tables.items():
        assert name in full, name
        for col in light.columns:
            assert col.name in full[name].c, f"{name}.{col.name}"
            assert type(col.type)._type_affinity is type(full[name].c[col.name].type)._type_affinity, \
                f"{name}.{col.name}: {col.type} vs {full[name].c[col.name].type}"
    assert set(full) == set(tables.metadata.tables)


def test_head_constant_matches_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from tracker.store.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD
    # PostgreSQL keeps the revision in alembic_version.version_num, a VARCHAR(32)
    too_long = [r.revision for r in script.walk_revisions() if len(r.revision) > 32]
    assert not too_long


def test_migrations_build_the_models_schema(ctx):
    from sqlmodel import SQLModel

    import tracker.store.models  # noqa: F401

    insp = inspect(ctx.engine)
    names = set(insp.get_table_names()) - {"alembic_version"}
    assert names == set(SQLModel.metadata.tables)
    for name, table in SQLModel.metadata.tables.items():
        cols = {c["name"] for c in insp.get_columns(name)}
        assert cols == {c.name for c in table.columns}, name
    # the same indexes, each on the same columns and expressions
    from sqlalchemy import text
    from sqlalchemy.schema import CreateIndex

    def squeeze(sql: str) -> str:
        return " ".join(sql.replace('"', "").split())

    with ctx.engine.connect() as conn:
        for name, table in SQLModel.metadata.tables.items():
            wanted = {i.name: squeeze(str(CreateIndex(i).compile(ctx.engine))) for i in table.indexes}
            if ctx.engine.dialect.name == "sqlite":
                made = dict(conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                              "AND tbl_name = :t AND sql IS NOT NULL"), {"t": name}).all())
                assert {k: squeeze(v) for k, v in made.items()} == wanted, name
            else:
                made = {r[0] for r in conn.execute(text(
                    "SELECT indexname FROM pg_indexes WHERE tablename = :t AND schemaname = current_schema() "
                    "AND indexname NOT IN (SELECT conname FROM pg_constraint)"), {"t": name})}  # (keys, uniques)
                assert made == set(wanted), name


def test_status_filters_and_counts_read_the_status_index_alone(sqlite_url):
    """Done on time / late and overdue are answered from ix_task_status_deadline_sort alone
    (no row of the task table read) — the index the import keeps up instead of two."""
    import datetime as dt

    from sqlalchemy import func, select

    from tracker.domain import status as S
    from tracker.store.db import open_engine
    from tracker.store.status_sql import is_overdue_expr, timeliness_where
    from tracker.store.tables import task as T

    engine = open_engine(sqlite_url)
    today = dt.date(2021, 6, 15)
    queries = [select(func.count()).select_from(T).where(timeliness_where([key], today))
               for key in (S.DONE_ON_TIME, S.DONE_LATE, S.OPEN_OVERDUE)]
    queries.append(select(T.c.id).where(is_overdue_expr(today)))
    with engine.connect() as conn:
        for query in queries:
            sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
            plan = " ".join(row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "COVERING INDEX ix_task_status_deadline_sort" in plan, (sql, plan)
    engine.dispose()


def test_sqlite_pragmas(sqlite_url):
    from sqlalchemy import text

    from tracker.store.db import open_engine

    engine = open_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_history_is_append_only_in_the_database(office):
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from tracker.services import tasks

    tasks.add_task(office, directive="67/KH-UBND", content="X", lead="TCKH")
    for stmt in ("UPDATE history SET by = 'someone else'", "DELETE FROM history"):
        with pytest.raises(DBAPIError) as exc:
            with office.engine.begin() as conn:
                conn.execute(text(stmt))
        assert "append-only" in str(exc.value)
