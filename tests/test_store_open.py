"""Opening the store: created and migrated on first use, copied aside before a migration,
clear errors for what cannot be opened."""
import sqlite3

import pytest
from sqlalchemy import text

from tracker.store.db import (StoreError, backup_before_migration, current_revision, open_engine,
                              resolve_url)
from tracker.store.schema_version import HEAD


def test_new_file_is_created_at_head(tmp_path):
    url = resolve_url(str(tmp_path / "sub" / "new.db"))
    engine = open_engine(url, create=True)
    assert current_revision(engine) == HEAD
    assert (tmp_path / "sub" / "new.db").exists()


def test_new_store_has_8k_pages_and_an_older_store_keeps_its_own(tmp_path):
    url = resolve_url(str(tmp_path / "new.db"))
    engine = open_engine(url, create=True)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 8192
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
    old = tmp_path / "old.db"  # a file made before: 4 KiB pages, already in WAL (no tables:
    raw = sqlite3.connect(old)  # another program's tables would be refused)
    raw.execute("PRAGMA page_size=4096")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.close()
    assert old.stat().st_size > 0
    engine = open_engine(resolve_url(str(old)), create=True)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 4096
        assert conn.exec_driver_sql("SELECT count(*) FROM task").scalar() == 0
    engine.dispose()


def test_existing_store_is_copied_aside_before_migrating(tmp_path):
    path = tmp_path / "t.db"
    url = resolve_url(str(path))
    engine = open_engine(url, create=True)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO calendar_override(day, kind, name) VALUES ('2021-01-04','off','x')"))
    engine.dispose()
    copy = backup_before_migration(url, "0000_old")
    assert copy is not None and copy.exists() and "before-0000_old" in copy.name
    rows = sqlite3.connect(copy).execute("select name from calendar_override").fetchall()
    assert rows == [("x",)]


def test_postgres_plain_url_gets_psycopg_driver():
    assert resolve_url("postgresql://u:p@h/db").startswith("postgresql+psycopg://")


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as exc:
        open_engine(resolve_url(str(bad)))
    assert exc.value.key == "store.not_sqlite"


def test_cli_reports_unopenable_store_without_traceback(tmp_path, make_run):
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"garbage" * 100)
    r = make_run(str(bad))("task", "list")
    assert r.code == 1 and "bị hỏng" in r.stderr and "db check" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_store_at_the_first_revision_is_upgraded_with_a_copy_aside(tmp_path):
    """Migrations run on start: a store left at 0001 is copied aside, then upgraded."""
    from alembic import command
    from alembic.config import Config

    from tracker.store.db import MIGRATIONS_DIR, make_engine

    path = tmp_path / "old.db"
    url = resolve_url(str(path))
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_initial")
    engine.dispose()
    engine = open_engine(url)
    assert current_revision(engine) == HEAD
    assert list(tmp_path.glob("old.db.before-0001_initial-*.bak"))
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='index'"))]
    assert "ix_task_status_done" not in names  # (0004 folded it into the status index)
    assert "ix_task_status_deadline_sort" in names
