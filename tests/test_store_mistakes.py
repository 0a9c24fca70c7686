"""The store under an admin's mistakes: a wrong path, an empty file, another program holding
the write lock, a read-only file or folder, a damaged file — each told in one line in the
interface language, never SQL, and nothing created or written by accident.

Permissions do not bind root: the read-only cases run their commands as an unprivileged
user (``setpriv``) when the tests run as root."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import store_sweep
from store_sweep import LEAKS, SWEEP, command_sets, prepare_out, sweep

ROOT = Path(__file__).resolve().parents[1]
TRACKER = [sys.executable, "-m", "tracker"]
NOBODY = 65534


def tracker(*args, env=None, **kw) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*TRACKER, *args], capture_output=True, text=True, env=full_env,
                          cwd=kw.pop("cwd", None), **kw)


def leaks(text: str) -> list[str]:
    return [w for w in LEAKS if w in text]


# -- a store is created only on purpose ------------------------------------------------------

@pytest.mark.parametrize("argv", [("report", "overdue", "--quiet-if-none"), ("task", "list"),
                                  ("unit", "list"), ("db", "check"), ("db", "backup"),
                                  ("audit", "--since", "01/01/2021")])
def test_a_mistyped_path_is_refused_and_nothing_is_made(tmp_path, argv):
    """The nightly job with a mistyped TRACKER_DB: one line naming the path and how to make a
    store, exit 1 — not an empty store and a clean report forever."""
    db = tmp_path / "srv" / "trackr" / "tracker.db"
    r = tracker(*argv, env={"TRACKER_DB": str(db)})
    assert r.returncode == 1, r
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and "tracker --db" in lines[0] and "init" in lines[0]
    assert not (tmp_path / "srv").exists()
    assert r.stdout == ""


def test_a_missing_store_in_english_too(tmp_path):
    r = tracker("--lang", "en", "task", "list", env={"TRACKER_DB": str(tmp_path / "x.db")})
    assert r.returncode == 1 and r.stderr.startswith("Error: There is no store at ")
    assert not (tmp_path / "x.db").exists()


def test_an_empty_file_or_a_foreign_database_is_not_a_store_and_stays_untouched(tmp_path, make_run):
    import sqlite3

    empty = tmp_path / "empty.db"
    empty.touch()
    r = make_run(str(empty))("task", "list")
    assert r.code == 1 and "không chứa kho dữ liệu" in r.stderr and "init" in r.stderr
    assert empty.stat().st_size == 0  # refusing wrote nothing (not even a header)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.close()
    before = other.read_bytes()
    r = make_run(str(other))("report", "overdue", "--quiet-if-none")
    assert r.code == 1 and "của chương trình khác (có bảng notes)" in r.stderr
    assert other.read_bytes() == before and not Path(f"{other}-wal").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_sheet_named_as_the_store_is_not_called_a_damaged_store(tmp_path, make_run, lang):
    """`tracker --db tasks.csv import …` (the file where the store goes): no SQLite file at
    all is first of all a mistyped path — said so, with `db check` for a store whose header
    broke; the file stays as it was."""
    sheet = tmp_path / "tasks.csv"
    sheet.write_text("Văn bản,Nội dung,Chủ trì\n67/KH-UBND,Rà soát,TCKH\n", encoding="utf-8")
    before = sheet.read_bytes()
    r = make_run(str(sheet))("--lang", lang, "import", str(sheet))
    said = {"vi": ("không phải kho dữ liệu của tracker", "Kiểm tra lại đường dẫn (--db / TRACKER_DB)"),
            "en": ("is not a tracker store", "Check the path (--db / TRACKER_DB)")}[lang]
    assert r.code == 1 and all(s in r.stderr for s in said) and "tracker db check" in r.stderr, r.stderr
    assert "bị hỏng (không đọc được" not in r.stderr and "is damaged (" not in r.stderr
    assert sheet.read_bytes() == before and not Path(f"{sheet}-wal").exists()


def test_the_app_refuses_a_missing_store_too(tmp_path):
    from tracker.store.db import StoreError
    from tracker.tui.app import make_app

    with pytest.raises(StoreError) as exc:
        make_app(db=str(tmp_path / "none.db"))
    assert exc.value.key == "store.missing"
    assert not (tmp_path / "none.db").exists()


def test_init_demo_and_import_create_create_and_others_do_not(tmp_path):
    sample = ROOT / "sample_data"
    a, b, c, d = (tmp_path / n / "tracker.db" for n in "abcd")
    assert tracker("--db", str(a), "init").returncode == 0 and a.exists()
    r = tracker("--db", str(b), "demo", "--no-app")
    assert r.returncode == 0 and b.exists(), r.stderr
    r = tracker("--db", str(c), "import", str(sample / "units.csv"))
    assert r.returncode == 1 and not c.parent.exists() and "init" in r.stderr
    r = tracker("--db", str(c), "import", "--create", str(sample / "units.csv"))
    assert r.returncode == 0 and c.exists(), r.stderr
    r = tracker("--db", str(d), "import", "--create", "--dry-run", str(sample / "units.csv"))
    assert r.returncode == 1 and not d.exists()  # a dry run makes nothing


# -- every command against a locked, a read-only and a damaged store -------------------------

@pytest.fixture(scope="module")
def office_store(tmp_path_factory) -> Path:
    """The sample office, with a note on task 2 (something to undo) and a day off."""
    folder = tmp_path_factory.mktemp("office")
    db = folder / "tracker.db"
    r = tracker("--db", str(db), "--today", "15/06/2021", "init", "--sample")
    assert r.returncode == 0, r.stderr
    for args in (("task", "note", "2", "Bắt đầu"), ("calendar", "add-off", "03/09/2021", "Nghỉ")):
        r = tracker("--db", str(db), "--today", "15/06/2021", *args)
        assert r.returncode == 0, r.stderr
    return db


def fresh_copy(store: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "tracker.db"
    shutil.copyfile(store, target)
    return target


def test_the_sweep_covers_every_command():
    from tracker.cli.main import build_cli

    covered = {argv[:2] if argv[0] in {"unit", "directive", "task", "calendar", "report", "db", "dev", "names",
                                                  "programme", "recurrence"}
               else argv[:1] for argv, _e in SWEEP}
    missing = command_sets(build_cli()) - covered
    assert not missing, f"add these commands to tests/store_sweep.py SWEEP: {sorted(missing)}"


def _check_no_leaks(results):
    for r in results:
        said = r["stdout"] + r["stderr"]
        assert not leaks(said), (r["argv"], leaks(said), said[-500:])
        assert r["code"] in (0, 1, 2), r


class LockHolder:
    """Another program holding the store's write lock (BEGIN IMMEDIATE), as `sqlite3` would."""

    def __init__(self, db: Path):
        code = ("import sqlite3, sys\n"
                f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
                "c.execute('BEGIN IMMEDIATE')\n"
                "c.execute(\"INSERT INTO calendar_override(day, kind, name) VALUES ('2031-01-01', 'off', 'x')\")\n"
                "print('held', flush=True)\n"
                "sys.stdin.read()\n")
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "held"

    def release(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_on_a_locked_store(office_store, tmp_path, lang):
    db = fresh_copy(office_store, tmp_path / "store")
    out = str(tmp_path / "out")
    prepare_out(out)
    backup = tracker("--db", str(db), "db", "backup", str(tmp_path / "b.db"))
    assert backup.returncode == 0
    holder = LockHolder(db)
    try:
        started = time.perf_counter()
        results = sweep(str(db), out, lang=lang, env={"TRACKER_LOCK_WAIT": "0.3"},
                        backup=str(tmp_path / "b.db"))
        took = time.perf_counter() - started
    finally:
        holder.release()
    _check_no_leaks(results)
    locked = "đang ghi vào kho dữ liệu" if lang == "vi" else "Another program is writing"
    in_use = "đang mở kho dữ liệu" if lang == "vi" else "has the store"
    for r in results:
        if r["effect"] == "write":
            assert r["code"] == 1, r
            assert locked in r["stderr"] or in_use in r["stderr"], r
            assert len(r["stderr"].strip().splitlines()) == 1, r  # one line
        elif r["effect"] == "read":
            assert r["code"] == 0, r  # readers are not held up by a writer (WAL)
    assert took < 60  # each write waited its bounded time, not forever
    # nothing was lost: the holder's own change is not ours to see, ours were refused whole
    import sqlite3

    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM unit WHERE code IN ('X8', 'X9')").fetchone()[0] == 0
    con.close()


def test_a_store_held_whole_by_another_program_is_locked_not_damaged(office_store, tmp_path):
    """A program holding the file whole (``locking_mode=EXCLUSIVE``: readers wait too): `db
    check` called the store damaged and pointed at a restore; every command waited twice its
    lock wait.  Now each says the store is locked, after one wait."""
    db = fresh_copy(office_store, tmp_path / "store")
    code = ("import sqlite3, sys\n"
            f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
            "c.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "c.execute(\"INSERT INTO calendar_override(day, kind, name) VALUES ('2031-01-01', 'off', 'x')\")\n"
            "print('held', flush=True)\n"
            "sys.stdin.read()\n")
    free = fresh_copy(office_store, tmp_path / "free")
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for args in (("db", "check"), ("task", "list"), ("report", "overdue")):
            started = time.perf_counter()
            assert tracker("--db", str(free), *args).returncode == 0
            alone = time.perf_counter() - started  # Python's start and the command, on this machine now
            started = time.perf_counter()
            r = tracker("--db", str(db), *args, env={"TRACKER_LOCK_WAIT": "2"})
            took = time.perf_counter() - started
            assert r.returncode == 1 and "đang ghi vào kho dữ liệu" in r.stderr, (args, r.stderr)
            assert "hỏng" not in r.stderr and "restore" not in r.stderr, r.stderr
            # one wait of 2 s, not two (measured against the command's own time: a busy
            # machine's slower start is no wait)
            assert took - alone < 3.0, (args, took, alone)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert tracker("--db", str(db), "db", "check").returncode == 0  # sound, once let go


def test_a_locked_write_waits_its_bounded_time_then_succeeds_when_freed(office_store, tmp_path):
    """A lock released within the wait: the write waits its turn and succeeds."""
    db = fresh_copy(office_store, tmp_path / "store")
    holder = LockHolder(db)
    proc = subprocess.Popen([*TRACKER, "--db", str(db), "task", "note", "2", "chờ lượt"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TRACKER_LOCK_WAIT": "20"})
    time.sleep(1.0)
    holder.release()
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err


def _as_plain_user(folder: Path) -> list[str]:
    """The prefix that runs a command as a user file permissions bind ([] when we are one)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tried")
    for p in [folder, *folder.rglob("*")]:
        os.chown(p, NOBODY, NOBODY)
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def _readonly_sweep(db: Path, out: Path, lang: str, backup: Path | None = None) -> list[dict]:
    prefix = _as_plain_user(db.parent)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests"), "TRACKER_CACHE_DIR": "",
           "HOME": str(out)}
    res = subprocess.run([*prefix, sys.executable, str(Path(store_sweep.__file__)), str(db), str(out),
                          lang, str(backup or out / "none.db")],
                         capture_output=True, text=True, env=env, cwd=str(out))
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout)


def _world_writable_out(tmp: Path) -> Path:
    out = Path(tempfile.mkdtemp(prefix="tracker-sweep-", dir=tmp))
    prepare_out(str(out))
    for p in [out, *out.rglob("*")]:
        os.chmod(p, 0o777 if p.is_dir() else 0o666)
    os.chmod(tmp, 0o755)
    return out


@pytest.mark.parametrize("closed", ["file", "folder"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_on_a_read_only_store(office_store, tmp_path, closed, lang):
    """A read-only file, or a file in a read-only folder: reading works (lists, reports,
    exports), writing says in one line that the store is read-only — never SQL."""
    base = Path(tempfile.mkdtemp(prefix="tracker-ro-"))
    try:
        os.chmod(base, 0o755)
        db = fresh_copy(office_store, base / "store")
        out = _world_writable_out(base)
        shutil.copyfile(db, out / "b.db")
        os.chmod(out / "b.db", 0o644)
        prefix_needed = os.geteuid() == 0
        if prefix_needed:
            _as_plain_user(db.parent)
        os.chmod(db, 0o444)
        if closed == "folder":
            os.chmod(db.parent, 0o555)
        results = _readonly_sweep(db, out, lang, out / "b.db")
    finally:
        for p in [base, *base.rglob("*")]:
            if p.is_dir():
                os.chmod(p, 0o755)
        shutil.rmtree(base, ignore_errors=True)
    _check_no_leaks(results)
    said = "chỉ cho phép đọc" if lang == "vi" else "read-only"
    by = {tuple(r["argv"]): r for r in results}
    assert by[("task", "list")]["code"] == 0 and "320-KL/TU" in by[("task", "list")]["stdout"]
    for r in results:
        if r["effect"] == "write":
            assert r["code"] == 1 and said in r["stderr"], r
            assert len(r["stderr"].strip().splitlines()) == 1, r
        elif r["effect"] == "read" and r["argv"][0] != "init":
            assert r["code"] == 0, r


def _damage(db: Path, how: str) -> None:
    data = bytearray(db.read_bytes())
    if how == "truncated":
        db.write_bytes(bytes(data[: len(data) // 3]))
    elif how == "header":
        data[0:16] = b"not a database!!"
        db.write_bytes(bytes(data))
    else:  # pages garbled in the middle
        import random

        rng = random.Random(15)
        page = 8192
        for start in range(page * 3, len(data) - page, page * 5):
            for i in range(start + 64, start + 600):
                data[i] = rng.randrange(256)
        db.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "header", "garbled"])
def test_every_command_on_a_damaged_store(office_store, tmp_path, how):
    db = fresh_copy(office_store, tmp_path / "store")
    good = tmp_path / "good.db"
    shutil.copyfile(db, good)
    _damage(db, how)
    out = str(tmp_path / "out")
    prepare_out(out)
    results = sweep(str(db), out, lang="vi", backup=str(good))
    _check_no_leaks(results)
    by = {tuple(r["argv"][:2]): r for r in results}
    failed = 0
    for r in results:
        if r["argv"][:2] in (["db", "check"], ["db", "restore"]) or r["effect"] == "none":
            continue
        if how == "garbled" and r["code"] == 0:
            continue  # pages in the middle: a command that never reads them does its work
        assert r["code"] == 1 and "bị hỏng" in r["stderr"] and "tracker db check" in r["stderr"], r
        failed += 1
    assert failed >= (5 if how == "garbled" else 30)
    check = by[("db", "check")]
    assert check["code"] == 1 and "bị hỏng" in check["stdout"]
    restore = by[("db", "restore")]  # last: a sound backup puts the office back
    assert restore["code"] == 0, restore
    assert tracker("--db", str(db), "db", "check").returncode == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_held_lock_on_either_engine_is_one_line_and_nothing_changes(office, db_url, run, lang):
    """Another program in the middle of a write (SQLite: BEGIN IMMEDIATE; PostgreSQL: a table
    lock): a write waits its bounded time, then says so in one line; nothing was written."""
    from tracker.services.tasks import add_task

    t = add_task(office, content="Lập kế hoạch vốn", directive="320-KL/TU", lead="TCKH", due="30/06/2021")
    if office.dialect == "sqlite":
        holder = LockHolder(Path(db_url.split("///", 1)[1]))
        release = holder.release
    else:
        from sqlalchemy import create_engine

        other = create_engine(db_url)
        conn = other.connect()
        tx = conn.begin()
        conn.exec_driver_sql("LOCK TABLE task IN EXCLUSIVE MODE")

        def release():
            tx.rollback()
            conn.close()
            other.dispose()
    try:
        r = run("task", "note", t.id, "Đang làm", lang=lang, env={"TRACKER_LOCK_WAIT": "0.5"})
        listed = run("task", "list", lang=lang, env={"TRACKER_LOCK_WAIT": "0.5"})
    finally:
        release()
    said = "đang ghi vào kho dữ liệu" if lang == "vi" else "Another program is writing"
    assert r.code == 1 and said in r.stderr and len(r.stderr.strip().splitlines()) == 1, r
    assert not leaks(r.stderr + r.stdout)
    assert listed.code == 0 and "Lập kế hoạch vốn" in listed.stdout  # reading goes on
    from tracker.services.query import get_task

    assert get_task(office, t.id).notes == ()


def test_a_server_that_cannot_be_reached_is_one_line(tmp_path, make_run):
    r = make_run("postgresql://someone:secret@127.0.0.1:1/tracker")("task", "list")
    assert r.code == 1 and "máy chủ không trả lời" in r.stderr and "secret" not in r.stderr
    assert not leaks(r.stderr)


def test_a_mistyped_host_or_port_is_said_in_the_users_words(make_run):
    """A host no resolver knows and a port past 65535 came out as the driver said them
    ("failed to resolve host 'nohost.invalid': [Errno -2] Name or service not known",
    "connection is bad: invalid port number")."""
    from tracker.store.db import store_error

    err = store_error(OSError("failed to resolve host 'nohost.invalid': [Errno -2] Name or service "
                              "not known"), "postgresql://someone:***@nohost.invalid/tracker")
    assert err.key == "store.unreachable" and "không tìm thấy máy chủ có tên này" in err.message()
    r = make_run("postgresql://someone:secret@127.0.0.1:99999/tracker")("task", "list")
    assert r.code == 1 and "cổng trong URL không phải một cổng" in r.stderr, r.stderr
    assert "invalid port" not in r.stderr and "secret" not in r.stderr and not leaks(r.stderr)


@pytest.mark.parametrize("url", ["postgresql://someone:secret@127.0.0.1:abc/tracker",
                                 "postgresql://someone:secret@127.0.0.1:/tracker"])
def test_a_port_that_is_no_number_is_said_not_a_crash(make_run, url):
    """`--db postgresql://…@host:abc/db` ended in "Lỗi không mong đợi (ValueError: invalid
    literal for int() …)": SQLAlchemy reads the port as a number before any driver looks."""
    r = make_run(url)("task", "list")
    assert r.code == 1 and "cổng trong URL không phải một cổng" in r.stderr, r.stderr
    assert "ValueError" not in r.stderr and "không mong đợi" not in r.stderr
    assert "secret" not in r.stderr and not leaks(r.stderr)


def test_a_password_the_server_wants_and_the_url_lacks_is_said(make_run):
    """"fe_sendauth: no password supplied" was said as a server that does not answer."""
    from tracker.store.db import store_error

    err = store_error(OSError('connection failed: connection to server at "127.0.0.1", port 5432 '
                              'failed: fe_sendauth: no password supplied'),
                      "postgresql://clerk@127.0.0.1/tracker")
    assert err.key == "store.unreachable" and "máy chủ cần mật khẩu mà URL không có" in err.message()
    assert "PGPASSWORD" in err.message("en") and "no password supplied" not in err.message("en")


def test_a_server_without_the_ssl_the_url_requires_is_said(make_run):
    """`?sslmode=require` against a server with SSL off was said as a server that does not
    answer (PostgreSQL not running? the address?): it answered."""
    from tracker.store.db import store_error

    err = store_error(OSError('connection failed: connection to server at "127.0.0.1", port 5432 '
                              'failed: server does not support SSL, but SSL was required'),
                      "postgresql://clerk@127.0.0.1/tracker?sslmode=require")
    assert err.key == "store.unreachable" and "mã hóa (SSL)" in err.message()
    assert "không trả lời" not in err.message() and "sslmode" in err.message("en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_after_every_command_the_history_speaks_words(office_store, tmp_path, lang):
    """Every command of the sweep, on a healthy store: then each history row's field reads in
    words (a calendar day's is its date) — no column's name reaches the audit or the app."""
    import datetime as dt

    from tracker.services.context import Context
    from tracker.services.history import audit, field_words

    db = fresh_copy(office_store, tmp_path / "healthy")
    prepare_out(str(tmp_path / "out"))
    sweep(str(db), str(tmp_path / "out"), lang=lang)  # (their exits: the tests above)
    # and a day off that moves deadlines (the sample's duties fall due on Sunday 20/06/2021)
    r = tracker("--db", str(db), "--today", "15/06/2021", "calendar", "add-off", "21/06/2021", "Nghỉ")
    assert r.returncode == 0 and "Đã cập nhật hạn" in r.stderr, r.stderr
    ctx = Context.open(f"sqlite:///{db}", user="x", today=dt.date(2021, 6, 15))
    try:
        raw = {e.field for e in audit(ctx, dt.date(2000, 1, 1))
               if e.field and field_words(e.field) == e.field and not re.fullmatch(r"\d\d/\d\d/\d{4}", e.field)}
    finally:
        ctx.close()
    assert not raw, sorted(raw)


def test_a_first_run_is_told_how_to_start(tmp_path):
    """A new user's first command, before any store: it named the long default path in
    `tracker --db /home/…/tracker.db init`; a first run is told `tracker init`, or `tracker
    demo` to look around first.  A mistyped --db is still told its path."""
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "TRACKER_DB": ""}
    r = tracker("task", "list", env=env)
    assert r.returncode == 1 and "tracker init" in r.stderr and "tracker demo" in r.stderr, r.stderr
    assert "--db " + str(tmp_path) not in r.stderr
    r = tracker("--db", str(tmp_path / "typo.db"), "task", "list", env=env)
    assert r.returncode == 1 and f"--db {tmp_path / 'typo.db'} init" in r.stderr, r.stderr
