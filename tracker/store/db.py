"""Engine and connection set-up, migrations on start, backup and integrity check (DESIGN §7).

Kept free of SQLModel and Alembic at import time: the nightly report opens the store through
here and must start fast.  Alembic is imported only when the schema is behind.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from tracker.store.schema_version import HEAD

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


class StoreError(Exception):
    """A store problem a user can act on; ``key`` is a catalogue key."""

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key = key
        self.fields = fields


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("tracker", appauthor=False)) / "tracker.db"


def resolve_url(db: str | None) -> str:
    """A SQLAlchemy URL from ``--db`` / ``TRACKER_DB`` (a path or a URL) or the default file."""
    value = db or os.environ.get("TRACKER_DB") or ""
    if not value:
        path = default_db_path()
        return f"sqlite:///{path}"
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        engine = value.split("://", 1)[0].split("+", 1)[0].lower()
        if engine not in ("sqlite", "postgresql"):  # MySQL and others: said, not half-tried
            raise StoreError("store.unsupported_engine", engine=engine)
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    # a new store's pages: 8 KiB (a no-op on a store that has any; before WAL, which fixes it)
    cur.execute("PRAGMA page_size=8192")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise StoreError("store.driver_missing", driver=exc.name or "psycopg") from None


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:
        return None


def backup_before_migration(url: str, revision: str | None) -> Path | None:
    path = sqlite_path(url)
    if path is None or not path.exists() or path.stat().st_size == 0 or revision is None:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    backup_sqlite(path, target)
    return target


def migrate(engine: Engine, url: str) -> str | None:
    """Bring the schema to HEAD (copying a SQLite file aside first). Returns the old revision."""
    from alembic import command
    from alembic.config import Config

    old = current_revision(engine)
    if old == HEAD:
        return old
    backup_before_migration(url, old)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return old


def open_engine(url: str, *, auto_migrate: bool = True) -> Engine:
    """An engine whose schema is at HEAD (migrating it when behind)."""
    engine = make_engine(url)
    try:
        rev = current_revision(engine)
        if rev != HEAD:
            if not auto_migrate:
                raise StoreError("store.not_migrated", revision=rev or "-", head=HEAD)
            migrate(engine, url)
    except StoreError:
        raise
    except Exception as exc:  # cannot connect, permission denied, not a database …
        raise StoreError("store.cannot_open", url=safe_url(url), error=str(exc).splitlines()[0]) from exc
    return engine


def safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def backup_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite file (the online backup API; WAL-safe)."""
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    shutil.move(str(tmp), str(target))
    return target


def integrity_problems(engine: Engine) -> list[str]:
    """Problems found by the engine's own checks (empty list: all good)."""
    problems: list[str] = []
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            for (msg,) in conn.execute(text("PRAGMA integrity_check")):
                if msg != "ok":
                    problems.append(msg)
            for row in conn.execute(text("PRAGMA foreign_key_check")):
                problems.append(f"foreign key: table {row[0]} rowid {row[1]} -> {row[2]}")
        else:
            conn.execute(text("SELECT 1"))
        # rules of our own: a done task has a done date; a task's lead unit exists
        bad_done = conn.execute(text(
            "SELECT count(*) FROM task WHERE status = 'done' AND done_on IS NULL")).scalar()
        if bad_done:
            problems.append(f"{bad_done} done task(s) without a done date")
        bad_status = conn.execute(text(
            "SELECT count(*) FROM task WHERE status NOT IN ('open','done','cancelled')")).scalar()
        if bad_status:
            problems.append(f"{bad_status} task(s) with an unknown status")
    rev = current_revision(engine)
    if rev != HEAD:
        problems.append(f"schema revision {rev} is not the current {HEAD}")
    return problems
