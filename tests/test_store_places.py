"""What a place named by --db is before it becomes or opens as a store: the sample office goes
only into a blank store, a folder is said to be a folder, another program's SQLite database is
refused — by every command, exit 1, nothing written."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNITS_CSV = str(ROOT / "sample_data" / "units.csv")


def _units(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM unit").fetchone()[0]
    finally:
        con.close()


# -- init --sample: only into a store holding nothing ------------------------------------------

def test_init_sample_is_refused_on_a_store_with_records_and_nothing_is_added(tmp_path, make_run):
    db = tmp_path / "real.db"
    run = make_run(str(db))
    assert run("init").code == 0
    assert run("unit", "add", "ABC", "Phòng ABC").code == 0
    r = run("init", "--sample")
    assert r.code == 1, r
    assert "đã có dữ liệu (1 đơn vị, 0 văn bản, 0 nhiệm vụ)" in r.stderr
    assert "tracker demo" in r.stderr and "--db" in r.stderr
    assert "Đã nạp" not in r.stderr and "sẵn sàng" not in r.stderr
    assert _units(db) == 1
    r = run("init", "--sample", lang="en")
    assert r.code == 1 and "already holds records (1 unit, 0 directives, 0 tasks)" in r.stderr
    r = run("demo", "--no-app")  # the demo on a store with records but no tasks: same rule
    assert r.code == 1 and "tracker demo" in r.stderr
    assert _units(db) == 1
    r = run("init")  # init without --sample still opens (and upgrades) the store
    assert r.code == 0 and "sẵn sàng" in r.stderr
    assert _units(db) == 1


def test_init_sample_twice_says_so_the_second_time(tmp_path, make_run):
    db = tmp_path / "sample.db"
    run = make_run(str(db))
    r = run("init", "--sample")
    assert r.code == 0 and "Đã nạp văn phòng mẫu: 31 đơn vị" in r.stderr, r
    before = db.stat().st_mtime_ns, _units(db)
    r = run("init", "--sample")
    assert r.code == 1 and "Đã nạp" not in r.stderr
    assert "đã có dữ liệu (31 đơn vị, 38 văn bản" in r.stderr
    assert (db.stat().st_mtime_ns, _units(db)) == before
    r = run("demo", "--no-app")  # the demo on its own store opens it, as before
    assert r.code == 0, r


def test_the_sample_rule_is_the_services(ctx, office):
    from tracker.errors import ConflictError
    from tracker.services.query import count_tasks
    from tracker.services.sample import load_sample
    from tracker.services.units import list_units

    units = len(list_units(ctx))
    with pytest.raises(ConflictError) as exc:
        load_sample(ctx)
    assert exc.value.key == "io.demo.store_not_blank" and exc.value.exit_code == 1
    assert len(list_units(ctx)) == units and count_tasks(ctx) == 0


# -- a folder -----------------------------------------------------------------------------------

FOLDER_COMMANDS = [("db", "check"), ("task", "list"), ("unit", "list"), ("init",),
                   ("init", "--sample"), ("demo", "--no-app"), ("import", "--create", UNITS_CSV),
                   ("import", UNITS_CSV), ("db", "backup"), ("db", "migrate"),
                   ("report", "overdue", "--quiet-if-none")]


@pytest.mark.parametrize("argv", FOLDER_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_folder_is_said_to_be_a_folder_by_every_command(tmp_path, make_run, argv):
    folder = tmp_path / "somedir"
    folder.mkdir()
    r = make_run(str(folder))(*argv)
    assert r.code == 1, r
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{folder} là một thư mục, không phải tệp kho dữ liệu" in lines[0]
    assert "hỏng" not in r.stderr and ".recover" not in r.stderr
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["somedir"]


def test_a_folder_in_english_and_as_a_restore_target(tmp_path, make_run):
    folder = tmp_path / "somedir"
    folder.mkdir()
    r = make_run(str(folder))("task", "list", lang="en")
    assert r.code == 1 and f"{folder} is a folder, not a store file" in r.stderr
    good = tmp_path / "good.db"
    assert make_run(str(good))("init").code == 0
    r = make_run(str(folder))("db", "restore", str(good), input="y\n")
    assert r.code == 1 and "là một thư mục" in r.stderr
    assert folder.is_dir() and list(folder.iterdir()) == []


# -- another program's SQLite database ---------------------------------------------------------

FOREIGN_COMMANDS = [("init",), ("init", "--sample"), ("demo", "--no-app"),
                    ("import", "--create", UNITS_CSV), ("task", "list"), ("db", "check"),
                    ("db", "migrate"), ("db", "backup")]


@pytest.mark.parametrize("argv", FOREIGN_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_another_programs_database_is_refused_and_left_as_it_was(tmp_path, make_run, argv):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT)")
    con.execute("CREATE TABLE albums (id INTEGER)")
    con.execute("INSERT INTO songs (title) VALUES ('x')")
    con.commit()
    con.close()
    before = other.read_bytes()
    r = make_run(str(other))(*argv)
    assert r.code == 1, r
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert (f"{other} là cơ sở dữ liệu SQLite của chương trình khác (có bảng albums, songs), "
            "không phải kho tracker") in lines[0]
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]  # no -wal, no backup


def test_another_programs_database_in_english(tmp_path, make_run):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.close()
    r = make_run(str(other))("init", lang="en")
    assert r.code == 1 and "is another program's SQLite database (tables notes)" in r.stderr


def test_a_database_holding_no_tables_may_become_a_store(tmp_path, make_run):
    blank = tmp_path / "blank.sqlite"
    con = sqlite3.connect(blank)
    con.execute("PRAGMA user_version = 1")  # a header and a page, no table
    con.close()
    assert blank.stat().st_size > 0
    run = make_run(str(blank))
    assert run("task", "list").code == 1  # not a store yet: made only on purpose
    assert run("init").code == 0
    assert run("unit", "add", "ABC", "Phòng ABC").code == 0 and _units(blank) == 1
