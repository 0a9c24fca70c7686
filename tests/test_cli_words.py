"""The command line speaks the user's words and its closest matches help (issue 17)."""
import re

import pytest


def test_directive_closest_by_letters_and_digits(office, run):
    r = run("directive", "show", "320 kl/tu")
    assert r.code == 1 and "Gần nhất: 320-KL/TU@04/12/2019" in r.stderr
    r = run("directive", "show", "67/KH-UBNX")
    assert "67/KH-UBND@10/01/2020" in r.stderr


def test_lead_like_a_department_suggests_departments(office, run):
    r = run("task", "add", "X", "--directive", "320-KL/TU", "--lead", "Phòng Ma")
    assert r.code == 1
    hint = r.stderr.split("Gần nhất:", 1)[1]
    assert "Phòng" in hint and "Phường 5" not in hint


def test_unknown_import_header_names_the_nearest_column(office, run, tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("Số ký hiệu,Nội dung,Đơn vị chủ trì,Ghi chu them\n320-KL/TU,Việc,TCKH,x\n",
                 encoding="utf-8")
    r = run("import", "--dry-run", "--kind", "tasks", f)
    assert 'không biết cột "Ghi chu them"; có phải là: Ghi chú?' in r.stderr
    assert "Lý do hủy" not in r.stderr  # not the whole list of columns


@pytest.mark.parametrize("args,words", [
    (["-o", "{d}/x.xls"], "Excel 97-2003"),
    (["-o", "{d}/x.txt"], "đuôi .txt"),
    (["-o", "{d}/x.csv", "--format", "xlsx"], "--format là xlsx"),
])
def test_export_writes_what_the_name_says_or_refuses(office, run, tmp_path, args, words):
    out = tmp_path / "out"
    out.mkdir()
    r = run("export", *[a.format(d=out) for a in args])
    assert r.code == 2 and words in r.stderr
    assert list(out.iterdir()) == []
    assert run("export", "--kind", "units", "-o", out / "u.xlsx").code == 0
    assert (out / "u.xlsx").read_bytes()[:2] == b"PK"


def test_messages_name_options_and_no_click_type_names(office, run):
    from tracker.services.tasks import add_task

    t = add_task(office, directive="320-KL/TU", content="Việc", lead="TCKH", due="30/06/2021")
    r = run("task", "done", t.id, "--on", "31/02/2021")
    # the field in the user's words: the option typed or its name, never the code's "on:"
    assert r.code == 1 and "ngày “31/02/2021” không tồn tại" in r.stderr
    assert "Lỗi: on:" not in r.stderr and ("--on:" in r.stderr or "Ngày hoàn thành:" in r.stderr)
    r = run("task", "list", "--due-before", "31/02/2021")
    assert "--due-before: ngày" in r.stderr
    r = run("task", "note", t.id, "x", "--percent", "abc")
    assert r.code == 2 and "'abc' không phải là số" in r.stderr and "integer" not in r.stderr


def test_only_sqlite_and_postgresql(make_run):
    r = make_run("mysql://u:p@localhost/office")("task", "list")
    assert r.code == 1 and "chỉ hỗ trợ SQLite" in r.stderr and "PostgreSQL" in r.stderr
    assert "pip install" not in r.stderr


def test_unknown_type_code_refused_with_the_known_ones(office, run):
    r = run("directive", "add", "1/ZZ-UBND", "--type", "ZZ", "--issuer", "UBND thành phố",
            "--date", "01/03/2021", "--title", "Thử")
    assert r.code == 1 and "“ZZ”" in r.stderr and "QĐ" in r.stderr and "KL" in r.stderr
    assert "1/ZZ-UBND" not in run("directive", "list").stdout
    ok = run("directive", "add", "2/QD-UBND", "--type", "qd", "--issuer", "UBND thành phố",
             "--date", "01/03/2021", "--title", "Thử")
    assert ok.code == 0
    assert run("directive", "show", "2/QD-UBND", lang="en").stdout.count("QĐ") >= 1
    r = run("directive", "edit", "2/QD-UBND", "--type", "XY")
    assert r.code == 1 and "“XY”" in r.stderr


def test_a_deadline_that_cannot_be_read_names_the_option_typed(run, office):
    """The services name the field ("deadline", "extension"); the command line says the
    option the person typed (--due, --to), the app the field's words."""
    r = run("task", "add", "Việc", "--directive", "67/KH-UBND", "--lead", "TCKH", "--due", "trước ngày bla")
    assert r.code == 1 and "--due: " in r.stderr and "----" not in r.stderr
    added = run("task", "add", "Việc", "--directive", "67/KH-UBND", "--lead", "TCKH", "--due", "30/12/2021")
    tid = re.search(r"#(\d+)", added.stdout + added.stderr).group(1)
    r = run("task", "extend", tid, "--to", "bla", "--reason", "x")
    assert r.code == 1 and "--to: " in r.stderr and "----" not in r.stderr, r.stderr


def test_a_mistyped_option_is_answered_in_vietnamese_with_its_nearest(office, run):
    """Click's "Did you mean …?" in the interface language, not English beside Vietnamese."""
    r = run("task", "add", "--note", "x")
    assert r.code == 2 and "Không có tùy chọn '--note'. Có phải là '--notes'?" in r.stderr
    assert "Did you mean" not in r.stderr
    r = run("task", "list", "--du-before", "30/06/2021")
    assert r.code == 2 and "Có phải là" in r.stderr and "Did you mean" not in r.stderr


def test_a_notes_day_that_is_none_is_named_as_the_notes(office, run):
    """`task note --on 31/2/2021`: the note's day, not the done date ("Ngày hoàn thành")."""
    from tracker.services.tasks import add_task

    t = add_task(office, directive="320-KL/TU", content="Việc", lead="TCKH", due="30/06/2021")
    r = run("task", "note", t.id, "Đã họp", "--on", "31/2/2021")
    assert r.code == 1 and "Ngày ghi tiến độ: ngày “31/2/2021” không tồn tại." in r.stderr
    assert "Ngày hoàn thành" not in r.stderr
