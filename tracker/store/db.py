"""Engine and connection set-up, migrations on start, backup and integrity check (DESIGN §7).

Kept free of SQLModel and Alembic at import time: the nightly report opens the store through
here and must start fast.  Alembic is imported only when the schema is behind.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from tracker.errors import TrackerError
from tracker.store.schema_version import HEAD



def _migrations_dir() -> Path:
    """The Alembic folder, shipped as the package ``tracker.migrations`` (the top-level
    ``migrations/`` of the source tree): found where the package is installed, wheel or
    editable.  ``find_spec`` only locates it — nothing of Alembic is imported here."""
    import importlib.util

    spec = importlib.util.find_spec("tracker.migrations")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("tracker.migrations is not installed with tracker")
    return Path(next(iter(spec.submodule_search_locations)))


MIGRATIONS_DIR = _migrations_dir()


class StoreError(TrackerError):
    """A store problem a user can act on (missing, locked, read-only, damaged, too new):
    a catalogue key and its fields, exit 1 — never the SQL."""


def lock_wait() -> float:
    """How long a write waits for another program's lock before saying so (seconds):
    ``TRACKER_LOCK_WAIT``, read by the settings' rule.  A run's ``Settings.resolve`` has
    already refused a value that is no number of seconds, naming the variable; a store opened
    without it (a library call, a test) waits the default rather than fail in a connect hook."""
    from tracker.settings import LOCK_WAIT_SECONDS, SettingError, env_lock_wait

    try:
        return env_lock_wait()
    except SettingError:
        return LOCK_WAIT_SECONDS


def default_db_path() -> Path:
    from tracker.paths import default_store

    return default_store()


def resolve_url(db: str | None) -> str:
    """A SQLAlchemy URL from ``--db`` / ``TRACKER_DB`` (a path or a URL) or the default file."""
    from tracker.settings import env_db

    value = db or env_db() or ""
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
        try:
            make_url(value)
        except ValueError:  # (the one part SQLAlchemy reads as a number: "host:abc", "host:")
            raise StoreError("store.unreachable", url=safe_url(value),
                             error=_said("store.reason.bad_port")) from None
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def where(url: str) -> str:
    """The store as a user names it: a file's path, else the URL without its password."""
    path = sqlite_path(url)
    return str(path) if path is not None else safe_url(url)


def typed_db(url: str) -> str:
    """The store as a command we print names it after ``--db``, ready to be copied and run —
    and never with its password (``where``'s ``***`` cannot be run): a file's path, or a URL
    without a password, as it is (quoted for the shell where needed); a URL with a password
    ``"$TRACKER_DB"`` when that variable names this store, else the URL with a placeholder
    where the password goes (``…clerk:MẬT_KHẨU@host/db``), to be filled in."""
    import shlex

    from tracker.settings import env_db

    path = sqlite_path(url)
    if path is not None:
        return shlex.quote(str(path))
    u = make_url(url)
    secret_query = any(k.lower() in _SECRET_PARAMS for k in u.query)
    if not u.password and not secret_query:
        return shlex.quote(u.render_as_string(hide_password=False))
    given = env_db()
    if given:
        try:
            if make_url(resolve_url(given)) == u:
                return '"$TRACKER_DB"'
        except Exception:  # noqa: BLE001 - a variable naming no store: not this one
            pass
    from tracker.i18n import _

    return shlex.quote(_rendered(u, _("store.password_word")))


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    # a new store's pages: 8 KiB (a no-op on a store that has any; before WAL, which fixes it)
    cur.execute("PRAGMA page_size=8192")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(lock_wait() * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_read_pragmas(dbapi_conn, _record):
    """A connection that only reads: nothing that would write the file (a backup, kept in
    one file, is not turned into WAL and left with files beside it by a look at it)."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(lock_wait() * 1000)}")
    cur.close()


def sqlite_writable(path: Path) -> bool:
    """Whether this user may write the store file and make its WAL files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _read_only_uri(path: Path) -> str:
    """A read-only store opens for reading: ``mode=ro`` where SQLite can keep its shared
    memory file beside it, else ``immutable`` (a folder nobody here may write into holds
    no WAL being written either)."""
    from urllib.parse import quote

    shm = Path(str(path) + "-shm")
    can_share = os.access(path.parent, os.W_OK) or (shm.exists() and os.access(shm, os.W_OK))
    return f"file:{quote(str(path))}?" + ("mode=ro" if can_share else "immutable=1")


def read_uri(path: Path) -> str:
    """A URI that opens ``path`` for reading only, whatever this user may write beside it."""
    from urllib.parse import quote

    if sqlite_writable(path):
        return f"file:{quote(str(path))}?mode=ro"
    return _read_only_uri(path)


def make_engine(url: str, *, create: bool = False, read_only: bool = False) -> Engine:
    """An engine on ``url``.  A SQLite file is made (0600, in a 0700 folder) only when
    ``create``; one this user cannot write, or any with ``read_only`` (``db check``), opens
    read-only."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        args = {"timeout": lock_wait(), "check_same_thread": False}
        if path is not None and create:
            from tracker.paths import private_file

            try:
                private_file(path)
            except OSError as exc:
                raise StoreError("store.cannot_create", path=str(path),
                                 error=exc.strerror or type(exc).__name__) from None
        if path is not None and path.exists() and (read_only or not sqlite_writable(path)):
            import sqlite3

            uri = read_uri(path)
            engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
                uri, uri=True, **args))
            event.listen(engine, "connect", _sqlite_read_pragmas)
            return engine
        engine = create_engine(url, connect_args=args)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        # a write waits for another's row or table lock a bounded time, as on SQLite
        engine = create_engine(url, pool_pre_ping=True, connect_args={
            "options": f"-c lock_timeout={int(lock_wait() * 1000)}"})
    except ModuleNotFoundError as exc:
        raise StoreError("store.driver_missing", driver=exc.name or "psycopg") from None
    return engine


# SQLite's extended codes for a write the disk refused (full, a file-size limit, a failing
# disk): its message is the same "disk I/O error" as a damaged file's, the fix is not
_WRITE_FAILURES = {"SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_TRUNCATE"}


def store_error(exc: BaseException, where: str = "") -> StoreError:
    """What a database failure means for a user, in one catalogue line: never the SQL, its
    parameters or a library's URL."""
    if isinstance(exc, StoreError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    text_ = str(orig).strip()
    low = text_.lower()
    state = getattr(orig, "sqlstate", None) or ""
    if ("database is locked" in low or "database table is locked" in low
            or "lock timeout" in low or state == "55P03"):
        return StoreError("store.locked", path=where)
    if "readonly database" in low or "read-only" in low or state == "25006":
        return StoreError("store.read_only", path=where)
    if getattr(orig, "sqlite_errorname", "") in _WRITE_FAILURES:  # (before "disk I/O error": not damage)
        return StoreError("store.write_failed", path=where)
    if ("not a database" in low or "malformed" in low or "disk i/o error" in low
            or "database corrupt" in low):
        return StoreError("store.damaged", path=where)
    if "unable to open database file" in low:
        return StoreError("store.cannot_open", url=where, error=_reason_unopenable(where))
    if "database or disk is full" in low or state == "53100":
        return StoreError("store.disk_full", path=where)
    if "authentication failed" in low or state == "28P01":
        return StoreError("store.unreachable", url=where, error=_said("store.reason.login"))
    if "no password supplied" in low:  # (the server asks for one; the URL and libpq have none)
        return StoreError("store.unreachable", url=where, error=_said("store.reason.no_password"))
    if "database" in low and "does not exist" in low or state == "3D000":
        return StoreError("store.unreachable", url=where, error=_said("store.reason.no_database"))
    if "resolve host" in low or "translate host name" in low or "name or service not known" in low:
        return StoreError("store.unreachable", url=where, error=_said("store.reason.no_host"))
    if "ssl" in low and ("does not support" in low or "required" in low or "certificate" in low):
        # (before "could not connect": it is said there too, but the server did answer)
        return StoreError("store.unreachable", url=where, error=_said("store.reason.ssl"))
    if "invalid port" in low:
        return StoreError("store.unreachable", url=where, error=_said("store.reason.bad_port"))
    if state.startswith("08") or "could not connect" in low or "connection" in low and (
            "refused" in low or "failed" in low or "timeout" in low):
        return StoreError("store.unreachable", url=where, error=_said("store.reason.no_server"))
    first = text_.splitlines()[0] if text_ else type(orig).__name__
    return StoreError("store.failed", path=where, error=first[:200])


def _said(key: str) -> str:
    from tracker.i18n import _

    return _(key)


def _reason_unopenable(where: str) -> str:
    from tracker.i18n import _

    path = Path(where)
    folder = path.parent
    if not folder.exists():
        return _("store.reason.no_folder", folder=str(folder))
    if not os.access(folder, os.X_OK | os.R_OK):
        return _("store.reason.folder_closed", folder=str(folder))
    if path.exists() and not os.access(path, os.R_OK):
        return _("store.reason.file_closed")
    return _("store.reason.unknown")


def current_revision(engine: Engine) -> str | None:
    """The schema revision the store is at; None when it holds no store (no revision
    table).  A store that cannot be read raises."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:
        orig = getattr(exc, "orig", exc)
        low = str(orig).lower()
        if ("no such table" in low or getattr(orig, "sqlstate", None) == "42P01"
                or 'relation "alembic_version" does not exist' in low):
            return None
        raise


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
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:  # PostgreSQL: DDL is transactional
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        return old
    # SQLite's driver would run each DDL statement outside any transaction, so a migration
    # failing half way left a half-migrated file: begin one ourselves, all or nothing
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        with conn.begin():  # (alembic sees a transaction and leaves it to us)
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
    return old


def sqlite_file_problem(path: Path) -> str | None:
    """What stops ``path`` being opened as a tracker store, found without writing to it:
    "missing", "folder" (a directory, not a file), "empty" (no bytes), "not_sqlite" (no
    SQLite header), "damaged" (SQLite's own pages unreadable), "locked" (another program holds
    it, even from readers, past the lock wait), "no_store" (a SQLite database holding no
    tables), "foreign" (another program's database: tables, none of them ours); None when it
    looks like a store (or cannot be read here — opening it will say why)."""
    return sqlite_look(path)[0]


def sqlite_look(path: Path) -> tuple[str | None, list[str]]:
    """``sqlite_file_problem`` and, for "foreign", the database's tables (one look: under a
    lock it waits its time once)."""
    import sqlite3

    if path.is_dir():
        return "folder", []
    try:
        if path.stat().st_size == 0:
            return "empty", []
    except FileNotFoundError:
        return "missing", []
    except OSError:
        return None, []
    try:
        con = sqlite3.connect(read_uri(path), uri=True, timeout=lock_wait())
    except sqlite3.Error:
        return None, []
    try:
        tables = [name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")]
    except sqlite3.DatabaseError as exc:
        low = str(exc).lower()
        if "not a database" in low:
            return "not_sqlite", []
        if "locked" in low:  # (another program holds it whole: it waited its time already)
            return "locked", []
        return ("damaged" if "malformed" in low else None), []
    finally:
        con.close()
    if "alembic_version" in tables:
        return None, []
    return ("foreign" if tables else "no_store"), tables


def sqlite_refusal(path: Path, *, create: bool = False,
                   looked: tuple[str | None, list[str]] | None = None) -> StoreError | None:
    """The one rule for a SQLite place, looked at read-only (refusing writes nothing): why
    ``path`` cannot be opened as a store — or, with ``create``, made into one (only a new or
    empty file, or a database holding no tables, becomes a store; a tracker store is opened
    and upgraded).  None when it may be opened.  ``looked``: ``sqlite_look(path)`` already
    taken."""
    problem, tables = looked if looked is not None else sqlite_look(path)
    where_ = str(path)
    if problem == "folder":
        return StoreError("store.folder", path=where_)
    if problem == "foreign":
        shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        return StoreError("store.foreign", path=where_, tables=shown)
    if problem == "not_sqlite":  # (a mistyped --db naming a sheet, far likelier than a broken header)
        return StoreError("store.not_sqlite", path=where_)
    if problem == "damaged":
        return StoreError("store.damaged", path=where_)
    if problem == "locked":  # (said now: opening it would wait as long again)
        return StoreError("store.locked", path=where_)
    if create:
        return None
    if problem == "missing":
        if Path(path) == default_db_path():  # (a first run: no --db, no TRACKER_DB yet)
            return StoreError("store.missing_default", path=where_)
        return StoreError("store.missing", path=where_, db=typed_db(f"sqlite:///{path}"))
    if problem in ("empty", "no_store"):
        return StoreError("store.empty", path=where_, db=typed_db(f"sqlite:///{path}"))
    return None


def open_engine(url: str, *, auto_migrate: bool = True, create: bool = False) -> Engine:
    """An engine whose schema is at HEAD (migrating it when behind).  A missing or empty
    store is made only when ``create`` (``init``, ``demo``, ``import --create``); otherwise
    it is refused naming the place and how to make one.  A folder, another program's
    database or a damaged file is refused either way (``sqlite_refusal``)."""
    where_ = where(url)
    path = sqlite_path(url)
    if path is not None:
        refusal = sqlite_refusal(path, create=create)
        if refusal is not None:
            raise refusal
    engine = make_engine(url, create=create)
    try:
        rev = current_revision(engine)
        if rev is None and not create:
            raise StoreError("store.empty", path=where_, db=typed_db(url))
        if rev != HEAD:
            if path is not None and path.exists() and not sqlite_writable(path):
                raise StoreError("store.read_only_behind", path=where_, revision=rev or "-", head=HEAD)
            if not auto_migrate:
                raise StoreError("store.not_migrated", revision=rev or "-", head=HEAD)
            migrate(engine, url)
    except StoreError:
        engine.dispose()
        raise
    except Exception as exc:  # cannot connect, permission denied, not a database …
        engine.dispose()
        raise store_error(exc, where_) from exc
    return engine


def fix_sequence(conn, table_name: str) -> None:
    """PostgreSQL: after rows went in with their own ids, move the table's id sequence past
    them (SQLite's rowid follows by itself)."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                      f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table_name}), false)"))


_SECRET_PARAMS = ("password", "sslpassword")  # (libpq takes a password in the query too)


def _rendered(u, shown: str = "***") -> str:
    """URL ``u`` as text, its passwords — after ``user:``, and in its query (``?password=…``)
    — shown as ``shown``."""
    mark = "TRACKERHIDDEN"  # (a word the URL's quoting leaves as it is)
    hidden = {k: mark for k in u.query if k.lower() in _SECRET_PARAMS}
    text = (u.update_query_dict(hidden) if hidden else u).render_as_string(hide_password=True)
    return text.replace(":***@", f":{shown}@", 1).replace(mark, shown)


def safe_url(url: str) -> str:
    """``url`` without its password (``***``), in the query too — one SQLAlchemy cannot read
    too."""
    import re

    try:
        return _rendered(make_url(url))
    except Exception:
        url = re.sub(r"([?&](?:ssl)?password=)[^&]*", r"\1***", url, flags=re.IGNORECASE)
        return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url, count=1)


def backup_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy of a live SQLite file (the online backup API: one read snapshot, so
    writers go on meanwhile in WAL), whole or not at all as ``paths.WholeFile`` says: a new
    copy is its owner's only (0600, folders 0700), a file replaced keeps its permissions, a
    link is followed.  Onto a device or a FIFO (``/dev/stdout``) the copy is made in a
    private temporary file (SQLite writes files only) and its bytes poured in."""
    import shutil
    import tempfile

    from tracker.paths import WholeFile, private_dir

    whole = WholeFile(target)
    if whole.part is None:
        with whole.open("wb") as out, tempfile.TemporaryDirectory(prefix="tracker-") as folder:
            aside = Path(folder) / "backup.db"
            _sqlite_copy(source, aside)
            with open(aside, "rb") as copy:
                shutil.copyfileobj(copy, out, 1 << 20)
        return target
    private_dir(whole.target.parent)
    whole.open("wb").close()  # (0600 before SQLite opens it)
    try:
        _sqlite_copy(source, whole.part)
        whole.commit()
    except BaseException:
        whole.discard()
        raise
    return target


def _sqlite_copy(source: Path, into: Path) -> None:
    import sqlite3
    import time

    wait = lock_wait()
    given_up = time.monotonic() + wait

    def waited(status: int, _remaining: int, _total: int) -> None:
        # (the backup API retries a locked source for as long as the lock is held — a whole
        # night, for the cron job: it gives up after the lock wait, as every command does)
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > given_up:
            raise sqlite3.OperationalError("database is locked")

    src = sqlite3.connect(read_uri(source), uri=True, timeout=wait)
    try:
        dst = sqlite3.connect(into)
        try:
            src.backup(dst, progress=waited, sleep=0.1)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one file, nothing beside it
        finally:
            dst.close()
    finally:
        src.close()


def sqlite_lines(message: str) -> list[str]:
    """The findings in one row of SQLite's integrity check (which may hold several lines)."""
    return [line.strip() for line in str(message).splitlines()
            if line.strip() and line.strip() != "ok" and not line.startswith("***")]


def integrity_problems(engine: Engine) -> list[tuple[str, dict]]:
    """Problems found by the engine's own checks and by our rules, as catalogue keys and
    their fields (empty list: all good)."""
    problems: list[tuple[str, dict]] = []
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            for (msg,) in conn.execute(text("PRAGMA integrity_check(50)")):
                problems.extend(("check.sqlite", {"detail": line}) for line in sqlite_lines(msg))
            for row in conn.execute(text("PRAGMA foreign_key_check")):
                problems.append(("check.foreign_key", {"table": row[0], "rowid": row[1],
                                                       "parent": row[2]}))
        else:
            conn.execute(text("SELECT 1"))
        # rules of our own: a done task has a done date; a status is one we know
        bad_done = conn.execute(text(
            "SELECT count(*) FROM task WHERE status = 'done' AND done_on IS NULL")).scalar()
        if bad_done:
            problems.append(("check.done_without_date", {"count": bad_done}))
        bad_status = conn.execute(text(
            "SELECT count(*) FROM task WHERE status NOT IN ('open','done','cancelled')")).scalar()
        if bad_status:
            problems.append(("check.unknown_status", {"count": bad_status}))
    rev = current_revision(engine)
    if rev != HEAD:
        problems.append(("check.revision", {"revision": rev or "-", "head": HEAD}))
    return problems


def refuse_if_damaged(engine) -> None:
    """A record the user named was not found: on SQLite, make sure damage is not the reason
    (a damaged page can hide rows without an error).  Run only on that rare path: a quick
    check reads the whole file."""
    if engine.dialect.name != "sqlite":
        return
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as conn:
            verdict = conn.exec_driver_sql("PRAGMA quick_check(1)").scalar()
    except DBAPIError:
        verdict = "damaged"
    if verdict != "ok":
        raise StoreError("store.damaged", path=where(engine.url.render_as_string(hide_password=True)))
