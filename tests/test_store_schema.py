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
