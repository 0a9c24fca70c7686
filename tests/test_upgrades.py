"""Upgrades: a store of every schema revision, with data in every table, upgraded to the
newest and checked row by row, downgraded and upgraded again — on SQLite and PostgreSQL;
models and migrations agree column by column; a failed migration leaves the store as it was.

The fixtures (``tests/data/upgrade/<revision>.db``) are made by the migrations themselves:
``tests/data/upgrade/make_fixtures.py`` (ARCHITECTURE, "Schema changes").
"""
from __future__ import annotations

import shutil
import sqlite3
import sys
import warnings
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select, text

HERE = Path(__file__).resolve().parent / "data" / "upgrade"
sys.path.insert(0, str(HERE))
import make_fixtures  # noqa: E402

REVISIONS = make_fixtures.revisions()


def test_every_revision_has_a_fixture():
    missing = [r for r in REVISIONS if not (HERE / f"{r}.db").exists()]
    assert not missing, f"run tests/data/upgrade/make_fixtures.py and commit {missing}"


def snapshot(conn) -> dict[str, dict]:
    """Every table's rows by primary key, and its columns and indexes."""
    meta = MetaData()
    with warnings.catch_warnings():  # (expression indexes are not reflected; compared apart)
        warnings.simplefilter("ignore")
        meta.reflect(conn)
    out = {}
    for name, table in meta.tables.items():
        if name == "alembic_version":
            continue
        pk = [c.name for c in table.primary_key.columns]
        rows = {tuple(r._mapping[k] for k in pk): dict(r._mapping)
                for r in conn.execute(select(table))}
        out[name] = {"columns": sorted(c.name for c in table.columns), "rows": rows}
    return out


def revision_of(conn) -> str:
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def same_rows(old: dict, new: dict, where: str) -> None:
    """Every row of ``old`` is in ``new`` with the same values in the columns both have."""
    assert set(old) <= set(new), f"{where}: tables lost: {set(old) - set(new)}"
    for name, table in old.items():
        got = new[name]
        assert set(table["columns"]) <= set(got["columns"]), f"{where}: {name} lost columns"
        assert set(got["rows"]) == set(table["rows"]), f"{where}: {name} rows differ"
        for key, row in table["rows"].items():
            for col, value in row.items():
                assert got["rows"][key][col] == value, f"{where}: {name} {key} {col}"


def load_into_pg(url: str, fixture: Path, revision: str) -> None:
    """The PostgreSQL store at ``revision`` holding the fixture's rows."""
    src = create_engine(f"sqlite:///{fixture}")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
        make_fixtures.alembic_to(conn, revision)
    with src.connect() as s, engine.begin() as conn:
        old = snapshot(s)
        meta = MetaData()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            meta.reflect(conn)
        for table in reversed(meta.sorted_tables):  # rows a migration seeded (known_name)
            if table.name in old:                     # give way to the fixture's own
                conn.execute(table.delete())
        for table in meta.sorted_tables:
            if table.name in old:
                conn.execute(table.insert(), list(old[table.name]["rows"].values()))
                if "id" in table.c:  # ids go on after the fixture's, as they would have
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                      f"(SELECT max(id) FROM {table.name}))"))
    src.dispose()
    engine.dispose()


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_store_of_each_revision_upgrades_keeping_every_row(revision, db_url, tmp_path):
    from tracker.services.context import Context
    from tracker.store.schema_version import HEAD

    fixture = HERE / f"{revision}.db"
    src = create_engine(f"sqlite:///{fixture}")
    with src.connect() as conn:
        before = snapshot(conn)
        assert all(t["rows"] for t in before.values()), "a fixture table is empty"
    src.dispose()
    if db_url.startswith("sqlite"):
        path = tmp_path / "old.db"
        shutil.copy(fixture, path)
        url = f"sqlite:///{path}"
    else:
        url = db_url
        load_into_pg(url, fixture, revision)
    engine = create_engine(url)
    try:
        ctx = Context.open(url, user="tester")  # the way every command opens a store
        ctx.close()
        with engine.connect() as conn:
            assert revision_of(conn) == HEAD
            upgraded = snapshot(conn)
        same_rows(before, upgraded, f"{revision} → {HEAD}")
        if db_url.startswith("sqlite") and revision != HEAD:  # the copy set aside first
            (backup,) = tmp_path.glob(f"old.db.before-{revision}-*.bak")
            bak = create_engine(f"sqlite:///{backup}")
            with bak.connect() as conn:
                assert snapshot(conn) == before
            bak.dispose()
        # down to the fixture's revision: its columns and rows exactly, then up again
        with engine.begin() as conn:
            make_fixtures.alembic_to(conn, revision, down=True)
        with engine.connect() as conn:
            assert revision_of(conn) == revision
            down = snapshot(conn)
        assert {n: t["columns"] for n, t in down.items()} == {n: t["columns"] for n, t in before.items()}
        same_rows(before, down, f"{HEAD} → {revision}")
        with engine.begin() as conn:
            make_fixtures.alembic_to(conn, "head")
        with engine.connect() as conn:
            again = snapshot(conn)
        # a table made after the fixture's revision is seeded anew by its migration: the
        # same rows, stamped with the moment of this second upgrade
        assert unstamped(again, before) == unstamped(upgraded, before)
        from tracker.store.db import integrity_problems

        assert integrity_problems(engine) == []
    finally:
        if not db_url.startswith("sqlite"):  # the next test's store: at head, whatever happened
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
                make_fixtures.alembic_to(conn, "head")
        engine.dispose()


def test_0007_gives_the_stored_instances_their_assigned_day(db_url, tmp_path):
    """A store of 0006 upgraded: each recurring duty's instance is assigned at the start of
    its period, or on its directive's date when that is later; every other task keeps
    NULL (its directive's date)."""
    import datetime as dt

    fixture = tmp_path / "0006.db"
    shutil.copy(HERE / "0006_recurrence.db", fixture)
    db = sqlite3.connect(fixture)
    # directive 2 is of 10/01/2020, directive 1 of 04/12/2019; task 2 is 2021-Q1's
    cols = [r[1] for r in db.execute("PRAGMA table_info(task)")]
    row = dict(zip(cols, db.execute("SELECT * FROM task WHERE id = 2").fetchone()))
    extra = {10: (2, "2020-01"), 11: (2, "2021-H2"), 12: (1, "2021"), 13: (2, "2021-05"),
             14: (1, "2019-Q4")}
    for tid, (did, key) in extra.items():
        values = dict(row, id=tid, directive_id=did, period=key)
        db.execute(f"INSERT INTO task ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                   list(values.values()))
    db.commit()
    db.close()
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{fixture}"
    else:
        url = db_url
        load_into_pg(url, fixture, "0006_recurrence")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            make_fixtures.alembic_to(conn, "0007_assigned_on")
        with engine.connect() as conn:
            got = dict(conn.execute(text("SELECT id, assigned_on FROM task")).all())
        got = {k: dt.date.fromisoformat(v) if isinstance(v, str) else v for k, v in got.items()}
        d = dt.date
        assert got == {1: None, 3: None, 2: d(2021, 1, 1), 10: d(2020, 1, 10), 11: d(2021, 7, 1),
                       12: d(2021, 1, 1), 13: d(2021, 5, 1), 14: d(2019, 12, 4)}
    finally:
        if not db_url.startswith("sqlite"):
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
                make_fixtures.alembic_to(conn, "head")
        engine.dispose()


def unstamped(snap: dict, fixture: dict) -> dict:
    """``snap`` without the ``created_at`` of tables the fixture did not have."""
    out = {}
    for name, table in snap.items():
        if name in fixture:
            out[name] = table
        else:
            out[name] = {"columns": table["columns"],
                         "rows": {k: {c: v for c, v in r.items() if c != "created_at"}
                                  for k, r in table["rows"].items()}}
    return out


def test_models_and_migrations_agree(ctx):
    """Alembic's own comparison of the migrated store with the models: types, nullability,
    server defaults, foreign keys, unique constraints and indexes; and the primary keys."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect
    from sqlmodel import SQLModel

    import tracker.store.models  # noqa: F401

    with ctx.engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # expression indexes: test_store_schema compares them
        mc = MigrationContext.configure(conn, opts={"compare_type": True,
                                                    "compare_server_default": True})
        diff = compare_metadata(mc, SQLModel.metadata)
        insp = inspect(conn)
        for name, table in SQLModel.metadata.tables.items():
            pk = insp.get_pk_constraint(name)["constrained_columns"]
            assert pk == [c.name for c in table.primary_key.columns], name
    assert diff == []


def test_the_comparison_sees_a_model_that_drifted(ctx):
    """The comparison above can fail: a nullability and a type changed in a copy of the models
    are both reported."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import tracker.store.models  # noqa: F401

    drifted = MetaData()
    for table in SQLModel.metadata.tables.values():
        table.to_metadata(drifted)
    drifted.tables["task"].c.leader.nullable = True
    drifted.tables["saved_view"].c.name.type.length = 60
    with ctx.engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mc = MigrationContext.configure(conn, opts={"compare_type": True,
                                                    "compare_server_default": True})
        found = {(d[0][0], d[0][3]) if isinstance(d, list) else (d[0],) for d in compare_metadata(mc, drifted)}
    assert ("modify_nullable", "leader") in found
    assert ("modify_type", "name") in found


FAILING = '''
import sqlalchemy as sa
from alembic import op

revision = "9999_fails"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("task", sa.Column("half_done", sa.Integer(), nullable=True))
    op.execute("UPDATE task SET half_done = 1, leader = 'đổi giữa chừng'")
    with op.batch_alter_table("unit") as batch:
        batch.alter_column("name", type_=sa.String(300))
    op.execute("DELETE FROM progress_note")
    raise RuntimeError("a migration that breaks half way")


def downgrade() -> None:
    pass
'''


def test_a_failed_migration_leaves_the_store_as_it_was(db_url, tmp_path, monkeypatch):
    from tracker.services.context import Context
    from tracker.store import db as store_db
    from tracker.store.db import StoreError
    from tracker.store.schema_version import HEAD

    migrations = tmp_path / "migrations"
    shutil.copytree(store_db.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9999_fails.py").write_text(FAILING.format(head=HEAD))
    if db_url.startswith("sqlite"):
        path = tmp_path / "store.db"
        shutil.copy(HERE / f"{HEAD}.db", path)
        url = f"sqlite:///{path}"
    else:
        url = db_url
        load_into_pg(url, HERE / f"{HEAD}.db", HEAD)
    engine = create_engine(url)
    with engine.connect() as conn:
        before = snapshot(conn)
    if url.startswith("sqlite"):
        dump_before = list(sqlite3.connect(path).iterdump())
    monkeypatch.setattr(store_db, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(store_db, "HEAD", "9999_fails")
    with pytest.raises(StoreError):
        Context.open(url, user="tester")
    with engine.connect() as conn:
        assert revision_of(conn) == HEAD
        assert snapshot(conn) == before
    if url.startswith("sqlite"):
        assert list(sqlite3.connect(path).iterdump()) == dump_before
    engine.dispose()
