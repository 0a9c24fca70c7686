"""Keeping a store safe: checking it (even when damaged), backing it up while others write,
rotating backups, and putting one back.  SQLite files only for backup and restore (a
PostgreSQL server has pg_dump); the check works on both.

Nothing here opens a store through ``Context``: a damaged file cannot be opened that way, and
a check or a restore must not migrate what it looks at.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import TrackerError, WriteError
from tracker.services import history
from tracker.services.errors import UsageError
from tracker.store.db import (HEAD, StoreError, backup_sqlite, integrity_problems, lock_wait,
                              make_engine, read_uri, sqlite_lines, sqlite_path, typed_db,
                              where)

CHECK_LIMIT = 50  # SQLite's integrity check stops after this many findings


@dataclass
class CheckResult:
    """What ``check`` found: problems as (catalogue key, fields); ``damaged`` when the file
    cannot be trusted at all (restore it); ``backups`` newest first."""

    where: str
    problems: list[tuple[str, dict]] = field(default_factory=list)
    damaged: bool = False
    backups: list[Path] = field(default_factory=list)
    backups_dir: Path | None = None
    sqlite: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def backup_name(store: Path) -> str:
    return f"{store.stem}-{_stamp()}.db"


def _backup_pattern(store: Path) -> re.Pattern:
    return re.compile(re.escape(store.stem) + r"-\d{8}-\d{6}(?:-\d+)?\.db$")


def backups_of(store: Path, folder: Path | None = None) -> list[Path]:
    """The backups ``db backup`` made of ``store`` in ``folder`` (default: backups/ beside
    it), newest first — only files named the way it names them."""
    from tracker.paths import backups_dir

    folder = folder or backups_dir(store)
    if not folder.is_dir():
        return []
    pattern = _backup_pattern(store)
    found = [p for p in folder.iterdir() if pattern.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def _sqlite_store(url: str) -> Path:
    path = sqlite_path(url)
    if path is None:
        raise TrackerError("db.backup_not_sqlite")
    if not path.exists():
        raise StoreError("store.missing", path=str(path), db=typed_db(url))
    return path


def backup(url: str, target: Path | None = None, *, keep: int | None = None,
           overwrite: bool = False) -> tuple[Path, list[Path]]:
    """A consistent copy of the store (writers go on meanwhile), 0600; with ``keep`` the
    backups folder keeps only the newest ``keep`` of them.  A ``target`` that exists is
    refused unless ``overwrite`` (a typo could name another store, or any file).  Returns
    (copy, removed)."""
    from tracker.paths import backups_dir

    if keep is not None and keep < 1:
        raise UsageError("db.bad_keep", value=keep)
    if target is not None and Path(target).is_dir():
        raise UsageError("db.backup_is_folder", path=str(target))
    if target is not None and Path(target).is_file() and not overwrite:  # (a device, a FIFO: written into)
        raise UsageError("db.backup_exists", path=str(target))
    source = _sqlite_store(url)
    _must_be_a_store(source)
    if target is None:
        folder = backups_dir(source)
        target = folder / backup_name(source)
        n = 2
        while target.exists():
            target = folder / f"{source.stem}-{_stamp()}-{n}.db"
            n += 1
    if target.resolve() == source.resolve():
        raise TrackerError("db.backup_onto_itself")
    _must_be_sound(source)
    try:
        backup_sqlite(source, target)
    except sqlite3.Error as exc:
        from tracker.store.db import store_error

        raise store_error(exc, str(source)) from exc
    except OSError as exc:
        raise WriteError(target, exc) from None
    removed: list[Path] = []
    if keep is not None:
        for old in backups_of(source, target.parent)[keep:]:
            old.unlink()
            removed.append(old)
    return target, removed


def _must_be_sound(path: Path) -> None:
    """A damaged store is not backed up: its copy would be as damaged, and ``--keep`` would
    rotate the good backups away for it (a month of nights, and none is left).  SQLite's
    quick check reads every page (0.4 s at 100k tasks) — read-only, writers go on."""
    from tracker.store.db import lock_wait, read_uri, store_error

    try:
        con = sqlite3.connect(read_uri(path), uri=True, timeout=lock_wait())
        try:
            found = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        err = store_error(exc, str(path))
        if err.key != "store.damaged":
            raise err from exc
        found = [(str(exc),)]
    if found != [("ok",)]:
        raise StoreError("db.backup_damaged", path=str(path))


def _must_be_a_store(path: Path) -> None:
    """A readable tracker store, or the StoreError that says what it is instead."""
    from tracker.store.db import sqlite_refusal

    refusal = sqlite_refusal(path)
    if refusal is not None:
        raise refusal


def _file_problem(path: Path) -> tuple[str, dict] | None:
    """What stops ``path`` being read as a tracker store at all (None: it can be read).  A
    place that is no file to check (missing, a folder), another program's database or one
    held by another program is refused as opening it would be (``store.db.sqlite_refusal``)."""
    from tracker.store.db import sqlite_look, sqlite_refusal

    looked = sqlite_look(path)
    problem = looked[0]
    if problem is None:
        return None
    if problem in ("missing", "folder", "foreign", "locked"):  # (a locked store is not damaged)
        raise sqlite_refusal(path, looked=looked)
    if problem == "damaged":
        return ("check.malformed", {})
    return {"empty": ("check.empty_file", {}), "not_sqlite": ("check.not_a_database", {}),
            "no_store": ("check.no_store", {})}[problem]


def _raw_findings(path: Path) -> list[tuple[str, dict]]:
    """What can be said of a file SQLite calls malformed: shorter than its header says, and
    whatever SQLite's own integrity check still manages to report."""
    found: list[tuple[str, dict]] = []
    try:
        with open(path, "rb") as f:
            header = f.read(100)
        size = path.stat().st_size
    except OSError:
        return found
    if len(header) == 100 and header.startswith(b"SQLite format 3\x00"):
        page = int.from_bytes(header[16:18], "big")
        page = 65536 if page == 1 else page
        pages = int.from_bytes(header[28:32], "big")
        if pages and size < page * pages:
            found.append(("check.truncated", {"size": size, "expected": page * pages}))
    try:
        con = sqlite3.connect(read_uri(path), uri=True, timeout=lock_wait())
        try:
            for (msg,) in con.execute(f"PRAGMA integrity_check({CHECK_LIMIT})"):
                found.extend(("check.sqlite", {"detail": line}) for line in sqlite_lines(msg))
        finally:
            con.close()
    except sqlite3.Error:
        pass  # so damaged that SQLite cannot even check it
    return found


def check(url: str) -> CheckResult:
    """The store's integrity: SQLite's own check, foreign keys, our rules, the schema
    revision — on a damaged file too (it is read, never opened for writing or migrated)."""
    path = sqlite_path(url)
    result = CheckResult(where=where(url), sqlite=path is not None)
    if path is not None:
        from tracker.paths import backups_dir

        if not path.exists():
            raise StoreError("store.missing", path=str(path), db=typed_db(url))
        result.backups_dir = backups_dir(path)
        result.backups = backups_of(path)
        problem = _file_problem(path)
        if problem is not None:
            result.problems.append(problem)
            if problem[0] == "check.malformed":
                result.problems.extend(_raw_findings(path))
            result.damaged = problem[0] != "check.no_store"
            return result
    engine = make_engine(url, read_only=True)
    try:
        result.problems.extend(integrity_problems(engine))
    except Exception as exc:  # the check itself tripped over the damage
        from tracker.store.db import store_error

        err = store_error(exc, result.where)
        if err.key == "store.damaged" or (path is not None and err.key != "store.locked"):
            result.problems.append(("check.malformed", {}))
            result.problems.extend(_raw_findings(path) if path is not None else [])
            result.damaged = True
        else:
            raise err from exc
    finally:
        engine.dispose()
    result.damaged = result.damaged or any(k == "check.sqlite" for k, _f in result.problems)
    return result


@dataclass(frozen=True)
class RestorePlan:
    store: Path
    backup: Path
    aside: Path
    store_summary: tuple[int, str] | None  # (tasks, last change) of the store, None: unreadable
    backup_summary: tuple[int, str]


def _summary(path: Path) -> tuple[int, str] | None:
    try:
        con = sqlite3.connect(read_uri(path), uri=True, timeout=lock_wait())
        try:
            tasks = con.execute("SELECT count(*) FROM task").fetchone()[0]
            last = con.execute("SELECT max(at) FROM history").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return None
    if not last:
        return tasks, "-"
    try:  # (as every date is shown: dd/mm/yyyy, with the time of day)
        return tasks, history.shown(dt.datetime.fromisoformat(str(last))).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return tasks, str(last)[:16]


def plan_restore(url: str, backup_file: Path) -> RestorePlan:
    """What ``restore`` would do, checked before anything is touched: the backup is a
    sound tracker store this program can read."""
    store = sqlite_path(url)
    if store is None:
        raise TrackerError("db.restore_not_sqlite")
    backup_file = Path(backup_file)
    if backup_file.is_dir():
        raise UsageError("db.restore_is_folder", path=str(backup_file))
    if not backup_file.is_file():
        raise TrackerError("db.restore_no_file", path=str(backup_file))
    if store.exists() and backup_file.resolve() == store.resolve():
        raise TrackerError("db.restore_onto_itself")
    from tracker.store.db import sqlite_file_problem, sqlite_refusal, sqlite_writable

    if sqlite_file_problem(store) == "folder":  # a folder is not set aside for a backup
        raise sqlite_refusal(store)
    if store.exists() and not sqlite_writable(store):  # a file made read-only stays as it is
        raise StoreError("store.read_only", path=str(store))
    from tracker.store.db import sqlite_look

    problem, tables = sqlite_look(backup_file)
    if problem in ("foreign", "not_sqlite", "no_store"):  # (the file given, not --db, is wrong)
        from tracker.i18n import _

        raise TrackerError("db.restore_bad_backup", path=str(backup_file),
                           reason=_(f"db.restore_file_{problem}", tables=", ".join(tables[:5])))
    found = check(f"sqlite:///{backup_file.resolve()}")
    bad = [(k, f) for k, f in found.problems if k != "check.revision"]
    if bad:
        from tracker.i18n import _

        raise TrackerError("db.restore_bad_backup", path=str(backup_file), reason=_(bad[0][0], **bad[0][1]))
    rev = _revision(backup_file)
    if rev is not None and not _known_revision(rev):
        from tracker.i18n import _

        raise TrackerError("db.restore_bad_backup", path=str(backup_file),
                           reason=_("db.restore_newer", revision=rev, head=HEAD))
    aside = store.with_name(f"{store.name}.replaced-{_stamp()}")
    summary = _summary(backup_file)
    return RestorePlan(store, backup_file, aside, _summary(store) if store.exists() else None,
                       summary or (0, "-"))


def _revision(path: Path) -> str | None:
    con = sqlite3.connect(read_uri(path), uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def _known_revision(rev: str) -> bool:
    from tracker.store.db import MIGRATIONS_DIR

    return any(p.name.startswith(rev) for p in (MIGRATIONS_DIR / "versions").glob("*.py"))


def restore(plan: RestorePlan) -> Path:
    """Put the backup in the store's place; the replaced file (and its WAL) is kept aside as
    ``plan.aside``.  Refused while another program has the store open."""
    store = plan.store
    wal, shm = Path(f"{store}-wal"), Path(f"{store}-shm")
    try:
        if store.exists():
            _take_sole_use(store)
            os.replace(store, plan.aside)
            if wal.exists():
                os.replace(wal, Path(f"{plan.aside}-wal"))
            shm.unlink(missing_ok=True)
        backup_sqlite(plan.backup, store)
    except OSError as exc:
        raise WriteError(store, exc) from None
    return plan.aside


def _take_sole_use(store: Path) -> None:
    """Make sure no other program has the store open: leaving WAL needs every other
    connection gone (and folds the WAL into the file, so the file set aside is whole).  A
    damaged file cannot be asked; it is set aside as it is, WAL and all."""
    try:
        con = sqlite3.connect(store, timeout=min(lock_wait(), 2.0))
    except sqlite3.Error:
        return
    try:
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise TrackerError("db.restore_in_use", path=str(store)) from None
        return
    except sqlite3.DatabaseError:
        return
    finally:
        con.close()
    if str(mode).lower() != "delete":
        raise TrackerError("db.restore_in_use", path=str(store))
