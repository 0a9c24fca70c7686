"""`tracker db copy TARGET`: the whole store into a new one — a SQLite file into PostgreSQL
(when TRACKER_TEST_PG_URL is set) or another SQLite file — every row as it was: the same ids,
the history, a stopped duty still stopped, holidays, saved views, the names registers."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import MetaData, create_engine, select

# (indexes on expressions are not reflected: the rows are what is compared)
pytestmark = pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")


@pytest.fixture
def source(tmp_path, make_run):
    """The sample office, and more of what a store keeps: a duty stopped, a holiday, a saved
    view, a directive whose parent came after it (a higher id)."""
    from tracker.services.context import Context
    from tracker.services.views import save_view

    url = f"sqlite:///{tmp_path / 'source.db'}"
    run = make_run(url)
    assert run("init", "--sample").code == 0
    assert run("recurrence", "stop", "4", "--on", "30/04/2021", "--reason", "Gộp vào báo cáo quý").code == 0
    assert run("calendar", "add-off", "03/09/2021", "Nghỉ bù Quốc khánh").code == 0
    for number, date in (("7/KH-UBND", "05/02/2021"), ("9/QĐ-UBND", "06/02/2021")):
        assert run("directive", "add", number, "--type", number.split("/")[1][:2], "--issuer", "UBND thành phố",
                   "--date", date, "--title", f"Văn bản {number}").code == 0
    assert run("directive", "edit", "7/KH-UBND", "--parent", "9/QĐ-UBND").code == 0
    ctx = Context.open(url, user="tester", today=dt.date(2021, 6, 15))
    save_view(ctx, "Quá hạn của TCKH", {"units": ["TCKH"], "timeliness": ["open_overdue"]})
    ctx.close()
    return url


def rows_of(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, as the database gives them back, in key order."""
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(bind=engine, only=lambda name, _m: name != "alembic_version")
    with engine.connect() as conn:
        out = {t.name: [tuple(r) for r in conn.execute(select(t).order_by(*(t.primary_key.columns or t.c)))]
               for t in meta.sorted_tables}
    engine.dispose()
    return out


def test_a_copy_holds_every_row_with_its_id(source, db_url, make_run):
    from tracker.services.store_copy import copy_store

    report = copy_store(source, db_url)
    before, after = rows_of(source), rows_of(db_url)
    assert set(before) == set(after)
    for table in before:
        assert after[table] == before[table], table
    assert report.rows["task"] == len(before["task"]) == 366
    assert len(before["saved_view"]) == 1 and len(before["calendar_override"]) == 1
    # the same register: the nightly report reads the same, the stopped duty stays stopped
    old, new = make_run(source), make_run(db_url)
    assert new("report", "overdue").stdout == old("report", "overdue").stdout
    listed = new("recurrence", "list").stdout
    assert "30/04/2021" in listed
    # the new store goes on: the next task gets the next id (PostgreSQL's sequences moved on)
    added = new("task", "add", "--directive", "12/QĐ-UBND", "--lead", "TCKH", "--due", "30/06/2021",
                "Việc sau khi chép")
    assert added.code == 0, added.stderr
    assert f"#{max(r[0] for r in before['task']) + 1}" in added.stdout + added.stderr


def test_the_command_says_what_it_copied(source, db_url, make_run):
    import re
    import shlex

    from sqlalchemy.engine import make_url

    res = make_run(source)("db", "copy", db_url)
    assert res.code == 0, res.stderr
    assert "366 nhiệm vụ" in res.stderr and "8 nhiệm vụ định kỳ" in res.stderr and "giữ nguyên mã số" in res.stderr
    # "use the new store: tracker --db X …": X can be typed — never the password, nor its ***
    typed = shlex.split(re.search(r"tracker --db ('[^']*'|\S+) …", res.stderr).group(1))[0]
    target = make_url(db_url)
    assert (typed == target.database if db_url.startswith("sqlite")
            else typed == target.render_as_string(hide_password=True).replace(":***@", ":MẬT_KHẨU@")
            if target.password else make_url(typed) == target)
    assert not target.password or f":{target.password}@" not in res.stderr  # (the user may share its words)


def test_a_target_holding_an_office_is_refused_and_nothing_written(source, db_url, make_run):
    target = make_run(db_url)
    assert target("unit", "add", "TCKH", "Phòng Tài chính - Kế hoạch").code == 0
    before = rows_of(db_url)
    res = make_run(source)("db", "copy", db_url)
    # a failure about what the target holds (exit 1, not a usage error), said in the clerk's
    # words — what is there and what to do — never the tables' names
    assert res.code == 1, res.stderr
    assert "đã có dữ liệu: 1 đơn vị, 1 dòng nhật ký thay đổi." in res.stderr
    assert "nên chưa ghi gì" in res.stderr and "tracker db copy kho-moi.db" in res.stderr
    assert not any(name in res.stderr for name in ("history", "unit ", "task_support"))
    assert rows_of(db_url) == before
    res = make_run(source)("db", "copy", db_url, lang="en")
    assert res.code == 1 and "already holds data: 1 unit, 1 history row." in res.stderr


def test_a_store_is_not_copied_onto_itself(source, make_run, tmp_path):
    res = make_run(source)("db", "copy", str(tmp_path / "." / "source.db"))
    assert res.code == 2 and "chính là kho đang dùng" in res.stderr


def test_a_write_the_disk_refuses_is_said_so_and_the_target_keeps_nothing(source, tmp_path, make_run):
    """A full disk or a file-size limit mid-copy: one line naming the target and what went
    wrong — not "damaged, run db check", which SQLite's "disk I/O error" used to become."""
    import resource
    import subprocess
    import sys

    target = tmp_path / "target.db"
    assert make_run(str(target))("init").code == 0
    before = rows_of(f"sqlite:///{target}")

    def small_files():  # (the copy's first writes go to the WAL, which may not pass 150 kB)
        resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))

    res = subprocess.run([sys.executable, "-m", "tracker", "--db", source.removeprefix("sqlite:///"),
                          "db", "copy", str(target)], capture_output=True, text=True, preexec_fn=small_files)
    assert res.returncode == 1, res
    assert str(target) in res.stderr and "ổ đĩa từ chối ghi" in res.stderr and "hỏng" not in res.stderr
    assert rows_of(f"sqlite:///{target}") == before
