"""Keeping the store safe: owner-only files and folders, a backup made while another program
writes, backups rotated, a restore that asks first and keeps the replaced file, and a check
that works on the very file it exists to check — damaged."""
from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

TRACKER = [sys.executable, "-m", "tracker"]
ROOT = Path(__file__).resolve().parents[1]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tracker(*args, env=None, input=None) -> subprocess.CompletedProcess:
    return subprocess.run([*TRACKER, *args], capture_output=True, text=True, input=input,
                          env={**os.environ, **(env or {})})


# -- owner-only -------------------------------------------------------------------------------

def test_paths_is_the_one_place_for_the_tools_folders(tmp_path, monkeypatch):
    from tracker import paths
    from tracker.cli.demo import demo_db_path
    from tracker.services import holiday_cache
    from tracker.store.db import default_db_path

    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    assert default_db_path() == tmp_path / "data" / "tracker.db" == paths.default_store()
    assert demo_db_path() == tmp_path / "data" / "demo.db"
    assert holiday_cache.cache_dir() == tmp_path / "cache"
    assert paths.backups_dir(tmp_path / "x" / "t.db") == tmp_path / "x" / "backups"
    monkeypatch.setenv("TRACKER_CACHE_DIR", "")
    assert holiday_cache.cache_dir() is None


def test_what_the_tool_creates_is_its_owners_only(tmp_path):
    """Stores (and their WAL), backups, caches, exports it names, and the folders it makes:
    0600 and 0700 — whatever the umask says."""
    old = os.umask(0o022)
    try:
        env = {"TRACKER_DATA_DIR": str(tmp_path / "data"), "TRACKER_CACHE_DIR": str(tmp_path / "cache")}
        r = tracker("init", "--sample", env=env)
        assert r.returncode == 0, r.stderr
        data = tmp_path / "data"
        store = data / "tracker.db"
        assert mode(data) == 0o700 and mode(store) == 0o600
        # a WAL file, while a connection holds it open
        con = sqlite3.connect(store)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("INSERT INTO calendar_override(day, kind, name) VALUES ('2031-01-01','off','x')")
        con.commit()
        assert mode(Path(f"{store}-wal")) == 0o600 and mode(Path(f"{store}-shm")) == 0o600
        con.close()
        r = tracker("db", "backup", "--keep", "3", env=env)
        assert r.returncode == 0, r.stderr
        copy = Path(r.stdout.strip())
        assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
        r = tracker("demo", "--no-app", env=env)
        assert r.returncode == 0 and mode(data / "demo.db") == 0o600
        cache = tmp_path / "cache"
        kept = list(cache.glob("holidays-vn-*.json"))
        assert kept and all(mode(k) == 0o600 for k in kept) and mode(cache) == 0o700
        out = tmp_path / "office"
        r = tracker("export", "--kind", "all", "-o", str(out), env=env)
        assert r.returncode == 0, r.stderr
        assert mode(out) == 0o700 and all(mode(f) == 0o600 for f in out.iterdir())
        r = tracker("--today", "15/06/2021", "report", "reminders", "--outdir", str(tmp_path / "rem"), env=env)
        assert r.returncode == 0, r.stderr
        assert mode(tmp_path / "rem") == 0o700
        assert all(mode(f) == 0o600 for f in (tmp_path / "rem").iterdir())
        one = tmp_path / "tasks.csv"
        assert tracker("export", "-o", str(one), env=env).returncode == 0 and mode(one) == 0o600
    finally:
        os.umask(old)


def test_the_services_make_stores_and_backups_private_without_the_cli(tmp_path):
    """Through the services alone (no umask set by the command): still 0600 / 0700."""
    from tracker.services.context import Context
    from tracker.services.safekeeping import backup

    old = os.umask(0o022)
    try:
        ctx = Context.open(str(tmp_path / "a" / "b" / "t.db"), create=True)
        ctx.close()
        assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
        assert mode(tmp_path / "a" / "b" / "t.db") == 0o600
        copy, _removed = backup(f"sqlite:///{tmp_path / 'a' / 'b' / 't.db'}")
        assert mode(copy) == 0o600 and mode(copy.parent) == 0o700
    finally:
        os.umask(old)


def test_an_existing_folder_keeps_its_permissions(tmp_path):
    from tracker.paths import private_dir

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    private_dir(shared / "mine")
    assert mode(shared) == 0o755 and mode(shared / "mine") == 0o700


# -- backups ---------------------------------------------------------------------------------

@pytest.fixture
def office(tmp_path) -> Path:
    db = tmp_path / "store" / "tracker.db"
    r = tracker("--db", str(db), "--today", "15/06/2021", "init", "--sample")
    assert r.returncode == 0, r.stderr
    return db


def test_a_backup_is_consistent_while_another_program_writes(office, tmp_path):
    """A writer adds notes in its own transactions while backups are taken: every copy
    passes the integrity check and holds whole transactions only (each adds a note and its
    history row together)."""
    from tracker.services.safekeeping import backup, check

    url = f"sqlite:///{office}"
    stop = threading.Event()
    written = []

    def writer():
        con = sqlite3.connect(office, timeout=10)
        i = 0
        while not stop.is_set():
            with con:
                con.execute("INSERT INTO progress_note(task_id, \"on\", text, percent, \"by\", at) "
                            "VALUES (2, '2021-06-01', ?, NULL, 'w', '2021-06-01 00:00:00')", (f"n{i}",))
                con.execute("INSERT INTO history(entity, entity_id, action, field, old, new, at, \"by\") "
                            "VALUES ('task', 2, 'note', 'note', NULL, ?, '2021-06-01 00:00:00', 'w')", (f"n{i}",))
            written.append(i)
            i += 1
        con.close()

    t = threading.Thread(target=writer)
    t.start()
    copies = []
    try:
        while len(written) < 5:
            time.sleep(0.01)
        for n in range(5):
            copy, _ = backup(url, tmp_path / f"copy{n}.db")
            copies.append(copy)
    finally:
        stop.set()
        t.join()
    assert len(written) > 5
    for copy in copies:
        assert check(f"sqlite:///{copy}").ok
        con = sqlite3.connect(copy)
        notes = con.execute("SELECT count(*) FROM progress_note WHERE \"by\" = 'w'").fetchone()[0]
        hist = con.execute("SELECT count(*) FROM history WHERE \"by\" = 'w'").fetchone()[0]
        con.close()
        assert notes == hist  # no half transaction
        assert not Path(f"{copy}-wal").exists()  # one file


def test_backup_keep_rotates_only_its_own_files(office):
    folder = office.parent / "backups"
    folder.mkdir(mode=0o700)
    (folder / "notes.txt").write_text("mine")  # not a backup: never removed
    made = []
    for _ in range(4):
        r = tracker("--db", str(office), "db", "backup", "--keep", "2")
        assert r.returncode == 0, r.stderr
        made.append(Path(r.stdout.strip()))
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([made[-2].name, made[-1].name, "notes.txt"])
    assert "giữ 2 bản mới nhất" in r.stderr
    r = tracker("--db", str(office), "db", "backup", "--keep", "0")
    assert r.returncode == 2


def test_a_damaged_store_is_not_backed_up_and_its_good_backups_stay(office):
    """The nightly `db backup --keep 1` of a store with a damaged page copied it, exit 0, and
    removed the last good backup for it (a month of such nights and none is left; `db check`
    then pointed at a damaged copy).  Now it refuses, exit 1, and keeps every backup."""
    r = tracker("--db", str(office), "db", "backup", "--keep", "1")
    assert r.returncode == 0, r.stderr
    good = Path(r.stdout.strip())
    con = sqlite3.connect(office)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'task'").fetchone()[0]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(office, "r+b") as f:  # a page of the task table scrambled
        f.seek((root + 3) * size + 100)
        f.write(b"\xff" * 2000)
    time.sleep(1.1)  # (a backup's name has the second it was made)
    for lang, says in (("vi", "bị hỏng: không sao lưu"), ("en", "is damaged: not backed up")):
        r = tracker("--db", str(office), "--lang", lang, "db", "backup", "--keep", "1", "--quiet")
        assert r.returncode == 1 and says in r.stderr and not r.stdout, r.stderr
    assert sorted((office.parent / "backups").iterdir()) == [good]


def test_a_backup_gives_up_on_a_lock_after_the_lock_wait(office, tmp_path):
    """The copy itself (SQLite's backup API) retried a store held whole by another program for
    as long as it was held — the nightly backup hung the whole night; it gives up after
    TRACKER_LOCK_WAIT, as every command does."""
    code = ("import sqlite3, sys, time\n"
            "from tracker.store.db import backup_sqlite\n"
            f"holder = sqlite3.connect({str(office)!r}, isolation_level=None)\n"
            "holder.execute('PRAGMA locking_mode=EXCLUSIVE')\n"
            "holder.execute('BEGIN EXCLUSIVE')\n"
            "holder.execute(\"INSERT INTO calendar_override(day, kind, name) VALUES ('2031-01-01', 'off', 'x')\")\n"
            "started = time.monotonic()\n"
            "try:\n"
            f"    backup_sqlite(__import__('pathlib').Path({str(office)!r}), "
            f"__import__('pathlib').Path({str(tmp_path / 'b.db')!r}))\n"
            "except sqlite3.OperationalError as exc:\n"
            "    print('gave up', round(time.monotonic() - started, 1), exc)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                       env={**os.environ, "TRACKER_LOCK_WAIT": "0.5"})
    said = r.stdout.split()
    assert said[:2] == ["gave", "up"] and float(said[2]) < 3 and "locked" in r.stdout, (r.stdout, r.stderr)


def test_restore_asks_first_and_keeps_the_replaced_file(office, tmp_path):
    r = tracker("--db", str(office), "db", "backup", str(tmp_path / "b.db"))
    assert r.returncode == 0
    assert tracker("--db", str(office), "--today", "15/06/2021", "task", "note", "2", "sau sao lưu").returncode == 0
    r = tracker("--db", str(office), "db", "restore", str(tmp_path / "b.db"), input="n\n")
    # (the sample office: 335 tasks from its task sheet, 31 from its work programme)
    assert r.returncode == 1 and "giữ nguyên" in r.stderr and "366 nhiệm vụ" in r.stderr
    assert not list(office.parent.glob("tracker.db.replaced-*"))
    r = tracker("--db", str(office), "--lang", "en", "db", "restore", str(tmp_path / "b.db"), input="y\n")
    assert r.returncode == 0, r.stderr
    aside = list(office.parent.glob("tracker.db.replaced-*"))
    assert len(aside) == 1 and aside[0].name in r.stderr
    notes = lambda p: sqlite3.connect(p).execute(
        "SELECT count(*) FROM progress_note WHERE text = 'sau sao lưu'").fetchone()[0]
    assert notes(office) == 0 and notes(aside[0]) == 1  # the store is the backup; nothing lost
    assert mode(office) == 0o600
    assert tracker("--db", str(office), "db", "check").returncode == 0


def test_looking_at_a_backup_leaves_it_as_it_was(office):
    """A backup is one file: `db restore`'s check of it (even answered "no") and `db check`
    on it opened it as a store is opened — turned into WAL, with -wal and -shm files left
    beside it in the backups folder (where the newest file by time was then the -shm)."""
    assert tracker("--db", str(office), "db", "backup").returncode == 0
    folder = office.parent / "backups"
    (copy,) = folder.iterdir()
    before = copy.read_bytes()
    r = tracker("--db", str(office), "db", "restore", str(copy), input="n\n")
    assert r.returncode == 1 and "giữ nguyên" in r.stderr
    assert tracker("--db", str(copy), "db", "check").returncode == 0
    assert list(folder.iterdir()) == [copy] and copy.read_bytes() == before
    assert sqlite3.connect(copy).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_restore_from_a_script_without_yes_says_how(office, tmp_path):
    """Off a terminal, without --yes, restore printed its question and Click's "Đã dừng."
    with no hint; the question's last change read "2026-12-07 00:21" where every date is
    dd/mm/yyyy."""
    import re

    assert tracker("--db", str(office), "db", "backup", str(tmp_path / "b.db")).returncode == 0
    r = tracker("--db", str(office), "db", "restore", str(tmp_path / "b.db"), input="")
    assert r.returncode == 1 and "thêm --yes" in r.stderr and "giữ nguyên" in r.stderr, r.stderr
    assert re.search(r"thay đổi cuối \d\d/\d\d/\d{4} \d\d:\d\d", r.stderr), r.stderr
    assert not list(office.parent.glob("tracker.db.replaced-*"))


def test_restore_refuses_a_damaged_backup_and_a_store_in_use(office, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"x" * 10000)
    r = tracker("--db", str(office), "db", "restore", "--yes", str(bad))
    assert r.returncode == 1 and "không dùng để khôi phục được" in r.stderr
    good = tmp_path / "good.db"
    assert tracker("--db", str(office), "db", "backup", str(good)).returncode == 0
    con = sqlite3.connect(office)  # the app, say, with the store open
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("SELECT count(*) FROM task").fetchone()
    try:
        r = tracker("--db", str(office), "db", "restore", "--yes", str(good),
                    env={"TRACKER_LOCK_WAIT": "0.2"})
    finally:
        con.close()
    assert r.returncode == 1 and "đang mở kho dữ liệu" in r.stderr
    assert not list(office.parent.glob("tracker.db.replaced-*"))


# -- db check --------------------------------------------------------------------------------

def test_check_says_what_is_wrong_and_how_to_restore(office):
    r = tracker("--db", str(office), "db", "backup")
    newest = r.stdout.strip()
    data = office.read_bytes()
    office.write_bytes(data[: len(data) // 2])  # cut short, as a full disk or a bad copy does
    r = tracker("--db", str(office), "db", "check")
    assert r.returncode == 1
    assert "bị hỏng" in r.stdout and "bị cắt cụt" in r.stdout
    assert f"db restore {newest}" in r.stdout
    r = tracker("--db", str(office), "--lang", "en", "db", "check")
    assert "cut short" in r.stdout and "Restore from the newest backup" in r.stdout


def test_check_on_a_file_that_is_not_a_database_without_backups(tmp_path):
    junk = tmp_path / "tracker.db"
    junk.write_bytes(b"\x00garbage" * 1000)
    r = tracker("--db", str(junk), "db", "check")
    assert r.returncode == 1 and "không phải cơ sở dữ liệu SQLite" in r.stdout
    assert "Không thấy bản sao lưu nào" in r.stdout and ".recover" in r.stdout
    assert junk.read_bytes() == b"\x00garbage" * 1000  # looked at, never written


def test_check_reports_broken_rules_in_a_sound_file(office):
    con = sqlite3.connect(office)
    con.execute("UPDATE task SET done_on = NULL WHERE status = 'done' AND id = 1")
    con.commit()
    con.close()
    r = tracker("--db", str(office), "db", "check")
    assert r.returncode == 1 and "1 nhiệm vụ đã hoàn thành mà không có ngày" in r.stdout
    assert "bị hỏng" not in r.stdout  # a rule broken is not damage


def test_check_on_both_engines(ctx, db_url, make_run):
    r = make_run(db_url)("db", "check")
    assert r.code == 0 and "toàn vẹn" in r.stderr


def test_the_readme_nightly_backup_line_runs_as_cron_runs_it(office, tmp_path):
    """The README's crontab backup line under cron's bare environment: silent (no mail),
    a private copy in backups/, and a mistyped TRACKER_DB mails one line, creating nothing."""
    sys.path.insert(0, str(ROOT / "tests" / "reports"))
    from test_cron import crontab_from_readme, run_as_cron

    env, command = crontab_from_readme("db backup")
    assert "--keep" in command
    env["TRACKER_DB"] = str(office)
    res = run_as_cron(command, env, tmp_path)
    assert res.returncode == 0 and res.stdout == b"" and res.stderr == b"", res.stderr
    made = list((office.parent / "backups").glob("tracker-*.db"))
    assert len(made) == 1 and mode(made[0]) == 0o600
    env["TRACKER_DB"] = str(tmp_path / "srv" / "trackr" / "tracker.db")
    res = run_as_cron(command, env, tmp_path)
    assert res.returncode == 1 and len(res.stderr.decode().strip().splitlines()) == 1
    assert not (tmp_path / "srv").exists()


def test_a_backup_onto_a_file_that_exists_is_refused_unless_overwrite(run, db_url, tmp_path):
    """`db backup bigcopy.db` replaced a 100k-task store with the backup of a small one, and
    `db backup notes.txt` a text file, without a word."""
    if not db_url.startswith("sqlite"):
        pytest.skip("backups are of SQLite stores")
    assert run("init").code == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("important notes", encoding="utf-8")
    r = run("db", "backup", notes)
    assert r.code == 2 and "đã có: không ghi đè" in r.stderr and "--overwrite" in r.stderr, r.stderr
    assert notes.read_text(encoding="utf-8") == "important notes"
    r = run("db", "backup", notes, "--overwrite")
    assert r.code == 0 and notes.read_bytes().startswith(b"SQLite format 3"), r.stderr


def test_restoring_from_a_file_that_is_no_backup_names_that_file(run, db_url, tmp_path):
    """`db restore other.sqlite` said to check --db / TRACKER_DB: the file given was wrong."""
    if not db_url.startswith("sqlite"):
        pytest.skip("restores are of SQLite stores")
    assert run("init").code == 0
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    sheet = tmp_path / "x.csv"
    sheet.write_text("a,b\n", encoding="utf-8")
    for path, words in ((other, "chương trình khác (có bảng x)"), (sheet, "không phải cơ sở dữ liệu SQLite")):
        r = run("db", "restore", "--yes", path)
        assert r.code == 1 and f"{path} không dùng để khôi phục được" in r.stderr and words in r.stderr, r.stderr
        assert "--db" not in r.stderr and "TRACKER_DB" not in r.stderr
