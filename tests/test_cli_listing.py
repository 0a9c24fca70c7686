"""`task list` on a terminal shows a page and says how many more; piped, every format
streams the whole list (CSV and JSON through the export's own path); a closed pipe is no
error; off a terminal COLUMNS is honoured."""
import json
import os
import pty
import subprocess
import sys

import pytest


def _tasks(ctx, n):
    from tracker.services.tasks import add_task

    for i in range(n):
        add_task(ctx, directive="320-KL/TU", content=f"Việc số {i:03d}", lead="TCKH",
                 due=f"{1 + i % 28:02d}/07/2021")


def _tracker(db_url, *args, env=None):
    return [sys.executable, "-m", "tracker", "--db", db_url, "--today", "15/06/2021", *args]


def _on_terminal(argv, rows=40, cols=120):
    """Run ``argv`` with stdout on a pseudo-terminal; (its screen text, stderr, exit code)."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm", NO_COLOR="1")
    env.pop("COLUMNS", None)
    proc = subprocess.Popen(argv, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    err = proc.stderr.read().decode()
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace"), err, proc.returncode


def test_terminal_shows_a_page_and_how_many_more(office, db_url):
    _tasks(office, 35)
    screen, err, code = _on_terminal(_tracker(db_url, "task", "list"))
    assert code == 0
    shown = sum(1 for line in screen.splitlines() if "Việc số" in line)
    assert shown == 30
    assert "Còn 5 nhiệm vụ nữa (tổng 35)" in err and "--all" in err
    # --limit and --all show what they say, and no 'more' where nothing is left
    screen, err, _c = _on_terminal(_tracker(db_url, "task", "list", "--all"))
    assert sum(1 for line in screen.splitlines() if "Việc số" in line) == 35 and "Còn" not in err
    screen, err, _c = _on_terminal(_tracker(db_url, "task", "list", "--limit", "40"))
    assert sum(1 for line in screen.splitlines() if "Việc số" in line) == 35 and "Còn" not in err


def test_piped_every_format_lists_everything_in_the_sort_asked(office, run):
    _tasks(office, 35)
    for fmt in ("table", "plain"):
        out = run("task", "list", "--format", fmt).stdout
        assert sum(1 for line in out.splitlines() if "Việc số" in line) == 35
    # the machine formats come through the export's path, in the task list's sort
    rows = [json.loads(line) for line in run("task", "list", "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == 35 and "progress" in rows[0]
    deadlines = [r["deadline_effective"] for r in rows]
    assert deadlines == sorted(deadlines)
    desc = [json.loads(line)["deadline_effective"] for line in
            run("task", "list", "--format", "jsonl", "--desc").stdout.splitlines()]
    assert desc == sorted(deadlines, reverse=True)
    assert len(json.loads(run("task", "list", "--format", "json", "--limit", "7").stdout)) == 7
    by_id = [json.loads(line)["id"] for line in
             run("task", "list", "--format", "jsonl", "--sort", "id").stdout.splitlines()]
    assert by_id == sorted(by_id)
    csv_lines = run("task", "list", "--format", "csv", "--limit", "3").stdout.splitlines()
    assert len(csv_lines) == 4 and not csv_lines[0].startswith("\ufeff")


@pytest.fixture(scope="module")
def generated_store(tmp_path_factory):
    """A SQLite store of 3000 generated tasks (more output than a pipe holds)."""
    folder = tmp_path_factory.mktemp("gen")
    db = str(folder / "t.db")
    tracker = [sys.executable, "-m", "tracker", "--db", db]
    subprocess.run([*tracker, "dev", "generate", "3000", "-o", str(folder)], check=True,
                   capture_output=True)
    subprocess.run([*tracker, "init"], check=True, capture_output=True)
    subprocess.run([*tracker, "import", *(str(folder / f"{k}.csv") for k in
                                          ("units", "directives", "tasks"))],
                   check=True, capture_output=True)
    return db


@pytest.mark.parametrize("args", [("report", "overdue"), ("task", "list", "--format", "plain"),
                                  ("task", "list", "--format", "jsonl"), ("export", "--format", "csv")])
def test_a_closed_pipe_is_not_an_error(generated_store, args):
    cmd = " ".join(_tracker(generated_store, *args)) + " | head -1 >/dev/null; exit ${PIPESTATUS[0]}"
    res = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""


def test_off_a_terminal_columns_is_honoured(office, run):
    from tracker.services.tasks import add_task

    add_task(office, directive="320-KL/TU", lead="TCKH", due="01/07/2021",
             content="Rà soát, hoàn thiện hồ sơ quy hoạch phân khu đô thị " * 6)
    narrow = run("report", "overdue", env={"COLUMNS": "80"}, today_="01/08/2021").stdout
    wide = run("report", "overdue", env={"COLUMNS": "200"}, today_="01/08/2021").stdout
    unset = run("report", "overdue", env={"COLUMNS": None}, today_="01/08/2021").stdout
    assert max(map(len, narrow.splitlines())) <= 80
    assert max(map(len, unset.splitlines())) <= 100 < max(map(len, wide.splitlines()))



LONG = ("Xây dựng chương trình công tác năm 2020 của UBND Phường 1, trình UBND thành phố "
        "phê duyệt trước khi triển khai")


@pytest.mark.parametrize("cols", [80, 100, 160])
def test_a_terminal_of_80_columns_reads_the_list_whole(office, db_url, cols):
    """At 80 columns the content had 4 cells ('trìn/h'): the deadline, days and status now
    take their short forms (as in the app) and the leader goes, before the text is squeezed;
    from 160 columns everything is said in full."""
    from tracker.services.tasks import add_task, extend_task

    tid = add_task(office, directive="67/KH-UBND", content=LONG, lead="TCKH", due="20/06/2021",
                   leader="Phó Chủ tịch Hoàng Văn Lợi").id
    extend_task(office, tid, to="30/06/2021", reason="Chờ số liệu")
    add_task(office, directive="320-KL/TU", content="Báo cáo", lead="P5", due="01/06/2021")
    screen, err, code = _on_terminal(_tracker(db_url, "task", "list"), cols=cols)
    assert code == 0, err
    lines = [line.rstrip() for line in screen.splitlines() if line.strip()]
    assert max(map(len, lines)) <= cols
    words = " ".join(lines).split()
    for word in LONG.split():  # every word of the task's text, whole
        assert word in words, word
    assert ("Hoàng Văn Lợi" in screen) == (cols >= 120)
    assert ("Quá hạn" in screen) == (cols >= 160) and "✖" in screen
    assert ("quá 14 ngày" in screen) == (cols >= 160) and ("quá 14" in screen)


def test_directive_list_at_80_columns_keeps_the_title_readable(office, db_url):
    """At 80 columns the title had 5 cells ('phòng' / ','): the type and the issuer go and the
    counts' headers are shortened first."""
    from tracker.services.directives import add_directive

    title = "Triển khai các biện pháp phòng, chống dịch COVID-19 trong tình hình mới"
    add_directive(office, "81/KH-UBND", type_code="KH", issuer="UBND thành phố", date="28/05/2021",
                  title=title)
    screen, err, code = _on_terminal(_tracker(db_url, "directive", "list"), cols=80)
    assert code == 0, err
    lines = [line.rstrip() for line in screen.splitlines() if line.strip()]
    assert max(map(len, lines)) <= 80
    words = " ".join(lines).split()
    for word in title.split():
        assert word in words, word
    assert "Việc" in lines[0] and "Cơ quan ban hành" not in screen
    screen, _err, _code = _on_terminal(_tracker(db_url, "directive", "list"), cols=160)
    assert "Cơ quan ban hành" in screen and "UBND thành phố" in screen
