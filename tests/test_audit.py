"""Who did what: `tracker audit` lists every change in the order it was made, and the
history it reads is append-only — no command edits or deletes it, and the database itself
refuses to (on both engines)."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, text

from tracker.store.tables import history as H


def _rows(ctx):
    with ctx.read() as conn:
        return [tuple(r) for r in conn.execute(select(H).order_by(H.c.id))]


def test_every_way_of_changing_the_store_only_adds_history(office, run, tmp_path):
    """Every command that changes something, one after another: after each, the history
    before it is still there, unchanged, and it grew."""
    steps = [
        ("unit", "add", "X9", "Phòng Thử nghiệm"),
        ("unit", "edit", "X9", "--name", "Phòng Thử nghiệm 2"),
        ("directive", "edit", "320-KL/TU", "--notes", "ghi chú"),
        ("task", "add", "Lập kế hoạch vốn", "--directive", "320-KL/TU", "--lead", "TCKH",
         "--due", "30/06/2021"),
        ("task", "note", "1", "Đang làm"),
        ("task", "edit", "1", "--lead", "TNMT"),
        ("task", "extend", "1", "--to", "31/12/2021", "--reason", "chờ vốn"),
        ("task", "undo", "1"),
        ("task", "done", "1", "--on", "10/06/2021"),
        ("task", "reopen", "1"),
        ("task", "cancel", "1", "--reason", "không còn cần"),
        ("calendar", "add-off", "03/09/2021", "Nghỉ bù"),
        ("calendar", "remove", "03/09/2021"),
    ]
    before = _rows(office)
    for args in steps:
        r = run(*args)
        assert r.code == 0, (args, r.stderr)
        after = _rows(office)
        assert after[:len(before)] == before, args  # nothing edited, nothing deleted
        assert len(after) > len(before), args       # and the change is recorded
        before = after
    f = tmp_path / "tasks.csv"
    f.write_text('ID,"Số, ký hiệu văn bản",Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\n'
                 "1,320-KL/TU,Lập kế hoạch vốn,QLDT,30/06/2021\n", encoding="utf-8")
    assert run("import", "--update", f).code == 0
    assert _rows(office)[:len(before)] == before


def test_the_database_refuses_to_edit_or_delete_history(office):
    from tracker.services.units import add_unit

    add_unit(office, "X9", "Phòng Thử nghiệm")
    for sql in ("UPDATE history SET by = 'someone else'", "DELETE FROM history"):
        with pytest.raises(Exception):
            with office.engine.begin() as conn:
                conn.execute(text(sql))
    assert _rows(office)


def test_audit_lists_every_change_in_order_with_who(office, run):
    assert run("unit", "add", "X9", "Phòng Thử nghiệm").code == 0
    r = run("task", "add", "Việc mới", "--directive", "320-KL/TU", "--lead", "TCKH",
            "--due", "30/06/2021")
    assert r.code == 0, r.stderr
    r = run("task", "note", "1", "Ghi của tester")
    assert r.code == 0, r.stderr
    r = run("audit", "--since", "01/01/2000", "--format", "json")
    assert r.code == 0, r.stderr
    rows = json.loads(r.stdout)
    with office.read() as conn:
        stored = conn.execute(select(H.c.id).order_by(H.c.at, H.c.id)).scalars().all()
    assert [x["id"] for x in rows] == stored  # every change, in order
    assert {"unit", "directive", "task"} <= {x["entity"] for x in rows}
    assert rows[-1]["action"] == "note" and rows[-1]["by"] == "tester"
    mine = json.loads(run("audit", "--since", "01/01/2000", "--user", "tester", "--format", "json").stdout)
    assert mine and all(x["by"] == "tester" for x in mine)
    assert json.loads(run("audit", "--since", "01/01/2000", "--user", "nobody", "--format", "json").stdout) == []
    later = (dt.date.today() + dt.timedelta(days=2)).strftime("%d/%m/%Y")
    r = run("audit", "--since", later)
    assert r.code == 0 and "Không có thay đổi nào" in r.stderr
    r = run("audit", "--since", "tuần sau", lang="en")
    assert r.code == 2 and "--since" in r.stderr and "not a date" in r.stderr
    r = run("audit", "--since", "01/01/2000")
    assert "tạo mới" in r.stdout and "nhiệm vụ #1" in r.stdout and "thay đổi." in r.stderr


def test_audit_pages_through_a_long_history_in_order(office):
    from tracker.services.history import audit
    from tracker.services.tasks import add_note, add_task

    t = add_task(office, content="Việc dài", directive="320-KL/TU", lead="TCKH", due="30/06/2021")
    for i in range(25):
        add_note(office, t.id, f"ghi {i}")
    all_ids = [e.id for e in audit(office, dt.date(2000, 1, 1))]
    paged = [e.id for e in audit(office, dt.date(2000, 1, 1), batch_size=4)]
    assert paged == all_ids and len(all_ids) == len(set(all_ids)) >= 26
    until_yesterday = list(audit(office, dt.date(2000, 1, 1), until=dt.date.today() - dt.timedelta(days=1)))
    assert until_yesterday == []


def test_a_long_audit_is_written_as_aligned_text_not_a_rich_table(office, run, monkeypatch):
    """`audit --since` over a year of a 100k store took 43 s: Rich measured every cell of a
    100k-row table before writing a line.  Past ``TABLE_ROWS`` rows the table format is the
    aligned text `task list` writes off a terminal (2 s for 100k), every row there."""
    import rich.table

    from tracker.cli import output
    from tracker.services.tasks import add_note, add_task

    t = add_task(office, content="Việc dài", directive="320-KL/TU", lead="TCKH", due="30/06/2021")
    for i in range(6):
        add_note(office, t.id, f"ghi {i}")
    short = run("audit", "--since", "01/01/2000")
    total = len(json.loads(run("audit", "--since", "01/01/2000", "--format", "json").stdout))
    monkeypatch.setattr(output, "TABLE_ROWS", 5)

    def no_table(*a, **k):
        raise AssertionError("a Rich table was built")

    monkeypatch.setattr(rich.table, "Table", no_table)
    long = run("audit", "--since", "01/01/2000")
    assert long.code == 0, long.stderr
    lines = long.stdout.splitlines()
    assert lines[0].split()[:2] == short.stdout.split()[:2]  # the same headers
    assert set(lines[1]) <= {"─", " "} and len(lines) == 2 + total
    assert "ghi 5" in long.stdout and f"{total} thay đổi" in long.stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_audit_says_every_change_in_words(office, run, lang):
    """A calendar change that moves a deadline, a calendar day removed, two spellings merged:
    the audit said 'action.calendar', 'deadline_effective', 'off: Nghỉ' — the code's names."""
    steps = [
        ("task", "add", "Lập kế hoạch vốn", "--directive", "320-KL/TU", "--lead", "TCKH",
         "--due", "18/06/2021", "--leader", "PCT Lê Văn A"),
        ("task", "add", "Việc hai", "--directive", "320-KL/TU", "--lead", "TCKH", "--leader", "PCT Trần Văn Bình",
         "--due", "30/06/2021"),
        ("calendar", "add-off", "18/06/2021", "Nghỉ đột xuất"),
        ("calendar", "remove", "18/06/2021"),
        ("names", "merge", "--kind", "leader", "PCT Trần Văn Bình", "PCT Lê Văn A"),
        ("task", "edit", "1", "--lead", "TNMT"),
        ("task", "add", "Báo cáo tháng", "--directive", "320-KL/TU", "--lead", "TCKH",
         "--due", "Báo cáo định kỳ hằng tháng, trước ngày 20"),
        ("recurrence", "stop", "1", "--on", "30/06/2021", "--reason", "Đã có phần mềm"),
    ]
    for args in steps:
        r = run(*args)
        assert r.code == 0, (args, r.stderr)
    out = run("audit", "--since", "01/01/2020", "--format", "plain", lang=lang).stdout
    assert " name #" not in out and " recurrence #" not in out and "_" not in out, out
    for raw in ("action.", "deadline_effective", "lead_unit_id", "  off: ", "  work: "):
        assert raw not in out, (raw, out)
    said = ("Hạn thực tế", "theo lịch mới", "gộp", "bỏ", "nghỉ: Nghỉ đột xuất", "sổ tên #",
            "việc định kỳ #") if lang == "vi" else (
        "Deadline met by", "calendar changed", "merged", "removed", "day off: Nghỉ đột xuất",
        "name register #", "recurring duty #")
    for words in said:
        assert words in out, (words, out)


@pytest.fixture
def vietnam_clock(monkeypatch):
    """This process's clock set to Việt Nam's (UTC+7, as a POSIX zone: no tz database needed)."""
    import time

    monkeypatch.setenv("TZ", "ICT-7")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_the_clerk_s_clock_and_days_the_clerk_s_days(office, run, vietnam_clock):
    """The store keeps each change's moment in UTC; a clerk in Hà Nội who saved at 18:01 read
    11:01 in `audit`, `task history` and the app, and `audit --since 15/06` left out what was
    done before 07:00 that morning.  Now every time is shown at this computer's clock, and
    days are the clerk's days."""
    from tracker.services import history
    from tracker.services.tasks import add_task

    t = add_task(office, content="Việc buổi sáng", directive="320-KL/TU", lead="TCKH", due="30/06/2021")
    early = dt.datetime(2021, 6, 14, 20, 30)  # UTC: 03:30 on 15/06 in Hà Nội
    with office.engine.begin() as conn:
        history.record(conn, entity="task", entity_id=t.id, action="note", field="progress",
                       new="Ghi lúc rạng sáng", by="lan", at=early)
    r = run("audit", "--since", "15/06/2021", "--until", "15/06/2021", "--format", "json")
    assert r.code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [x["at"] for x in rows] == ["2021-06-15 03:30:00+07:00"]  # its day and time in Hà Nội
    r = run("audit", "--since", "14/06/2021", "--until", "14/06/2021", "--format", "json")
    assert json.loads(r.stdout) == []
    r = run("audit", "--since", "15/06/2021", "--until", "15/06/2021")
    assert "15/06/2021 03:30:00" in r.stdout
    r = run("task", "history", str(t.id))
    assert "15/06/2021 03:30" in r.stdout and "14/06/2021 20:30" not in r.stdout
    with office.read() as conn:
        created = conn.execute(select(H.c.at).where(H.c.action == "create", H.c.entity_id == t.id,
                                                    H.c.entity == "task")).scalar_one()
    assert f"{created + dt.timedelta(hours=7):%d/%m/%Y %H:%M}" in r.stdout


def test_audit_alone_shows_the_last_seven_days(office, run):
    """`tracker audit` alone (it refused without --since) lists the week up to today, and says
    which days those are and how to see further back."""
    from tracker.services import history
    from tracker.services.tasks import add_task

    t = add_task(office, content="Việc mới giao", directive="320-KL/TU", lead="TCKH", due="30/06/2021")
    with office.engine.begin() as conn:  # (the runner's today is 15/06/2021)
        for day, words in ((dt.datetime(2021, 6, 9, 12), "trong tuần"), (dt.datetime(2021, 6, 8, 12), "tuần trước"),
                           (dt.datetime(2021, 6, 16, 12), "ngày mai")):
            history.record(conn, entity="task", entity_id=t.id, action="note", field="progress",
                           new=words, by="lan", at=day)
    r = run("audit")
    assert r.code == 0, r.stderr
    assert "trong tuần" in r.stdout and "tuần trước" not in r.stdout
    # the seven days are those up to today: not what was stamped after it (the task's creation
    # now, and a note of the day after, seen from a --today in the past)
    assert "ngày mai" not in r.stdout and "Việc mới giao" not in r.stdout
    assert "trong 7 ngày, từ 09/06/2021" in r.stderr and "--since" in r.stderr
    r = run("audit", "--until", "08/06/2021", "--format", "plain")
    assert "tuần trước" in r.stdout and "từ 02/06/2021" in r.stderr
    r = run("audit", "--until", "01/06/2021")
    assert r.code == 0 and r.stdout == "" and "Không có thay đổi nào trong 7 ngày, từ 26/05/2021" in r.stderr


def test_on_a_narrow_terminal_each_change_is_on_its_own_lines_with_who(office, db_url):
    """At 80 columns the audit left out who made each change and cut the values mid-word
    ('31/10/20', 'kỳ họp t'): there each change is its lines — when, who, what, then the
    field from old to new, wrapped at words."""
    import os
    import pty
    import subprocess
    import sys

    from tracker.services.tasks import add_task, extend_task

    t = add_task(office, directive="67/KH-UBND", content="Rà soát quy hoạch phân khu đô thị", lead="TCKH",
                 due="30/06/2021")
    extend_task(office, t.id, to="31/10/2021", reason="Theo Thông báo 95/TB-UBND của UBND thành phố về việc gia hạn")
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", "TRACKER_DB": db_url, "TRACKER_USER": "lan"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "--today", "15/06/2021", "audit",
                             "--since", "01/01/2000"], stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(master)
    lines = out.decode("utf-8").replace("\r", "").splitlines()
    assert proc.returncode == 0 and all(len(x) <= 80 for x in lines), lines
    head = next(i for i, x in enumerate(lines) if f"nhiệm vụ #{t.id} · gia hạn" in x)
    assert " · tester · " in lines[head]  # (who: the office fixture's user)
    assert lines[head + 1].strip().startswith("Thời hạn:") and "31/10/2021" in lines[head + 1]
    reason = " ".join(x.strip() for x in lines[head + 3:head + 5])
    assert "về việc gia hạn" in reason, lines
