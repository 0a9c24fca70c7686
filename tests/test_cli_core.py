"""The core commands used the way a clerk would, through the real entry point."""
import json

import pytest

EXPECTED_KEYS = {"id", "directive", "content", "lead", "support", "leader", "group", "deadline",
                 "deadline_text", "original_deadline", "extensions", "status", "done_on",
                 "timeliness", "days_overdue"}


def _setup(run):
    assert run("init").code == 0
    assert run("unit", "add", "TCKH", "Phòng Tài chính - Kế hoạch", "--alias", "TC-KH").code == 0
    assert run("unit", "add", "QLDT", "Phòng Quản lý đô thị", "--alias", "QLĐT").code == 0
    assert run("unit", "add", "P5", "UBND Phường 5", "--kind", "ward").code == 0
    r = run("directive", "add", "320-KL/TU", "--type", "KL", "--issuer", "Tỉnh ủy",
            "--date", "04/12/2019", "--title", "Kết luận về phát triển đô thị")
    assert r.code == 0, r.stderr


def _task_count(run) -> int:
    return len(json.loads(run("task", "list", "--format", "json").stdout))


def test_clerk_flow(run):
    _setup(run)
    r = run("task", "add", "Lập quy hoạch phân khu", "--directive", "320-KL/TU",
            "--lead", "phong tai chinh", "--support", "QLĐT", "--due", "30/06/2021",
            "--leader", "Phó Chủ tịch Lê Văn A")
    assert r.code == 0, r.stderr
    tid = int(r.stdout.strip())
    # the lead unit as "phong tai chinh" was read
    assert f"Đã giao nhiệm vụ #{tid} cho TCKH (Phòng Tài chính - Kế hoạch), hạn 30/06/2021" in r.stderr
    r2 = run("task", "add", "Báo cáo tiến độ", "--directive", "320-KL/TU", "--lead", "P5",
             "--due", "01/06/2021")
    tid2 = int(r2.stdout)
    data = json.loads(run("task", "list", "--format", "json").stdout)
    assert {d["id"] for d in data} == {tid, tid2}
    first = next(d for d in data if d["id"] == tid)
    assert EXPECTED_KEYS <= set(first)
    assert first["lead"] == "TCKH" and first["support"] == ["QLDT"]
    assert first["deadline"] == "2021-06-30" and first["directive"] == "320-KL/TU"
    # overdue by unit and timeliness
    over = json.loads(run("task", "list", "--timeliness", "open_overdue", "--format", "json").stdout)
    assert [d["id"] for d in over] == [tid2] and over[0]["days_overdue"] == 14
    r = run("task", "extend", tid2, "--to", "15/07/2021", "--reason", "Chờ số liệu")
    assert r.code == 0, r.stderr
    r = run("task", "done", tid, "--on", "10/06/2021", "--proof", "Tờ trình 45/TTr-TCKH")
    assert r.code == 0
    r = run("task", "note", tid2, "Đã hoàn thành 50%", "--percent", "50")
    assert r.code == 0
    shown = run("task", "show", tid2).stdout
    assert "Chờ số liệu" in shown and "01/06/2021" in shown and "15/07/2021" in shown
    hist = json.loads(run("task", "history", tid2, "--format", "json").stdout)
    assert [h["action"] for h in hist] == ["create", "extend", "extend", "note"]
    assert hist[1]["field"] == "deadline" and hist[1]["new"] == "15/07/2021"
    # read by a clerk: the fields and values in words, as the app shows them (JSON keeps codes)
    done = run("task", "history", tid, "--format", "plain").stdout
    assert "Trạng thái" in done and "Đã hoàn thành" in done and "10/06/2021" in done
    assert "status" not in done and "done_on" not in done and "2021-06-10" not in done
    # cancel
    r3 = run("task", "add", "Việc bỏ", "--directive", "320-KL/TU", "--lead", "P5")
    tid3 = int(r3.stdout)
    assert run("task", "cancel", tid3, "--reason", "Trùng nhiệm vụ khác").code == 0
    by_unit = json.loads(run("task", "list", "--unit", "P5", "--format", "json").stdout)
    assert {d["timeliness"] for d in by_unit} == {"open_on_time", "cancelled"}
    # the table and plain formats read well, with no colour codes off a terminal
    for fmt in ("table", "plain", "csv"):
        out = run("task", "list", "--format", fmt).stdout
        assert "\x1b[" not in out and "Lập quy hoạch phân khu" in out
    assert run("unit", "list").code == 0 and "Phòng Quản lý đô thị" in run("unit", "list").stdout
    assert "320-KL/TU" in run("directive", "list").stdout
    assert "Lập quy hoạch phân khu" in run("directive", "show", "320-KL/TU").stdout


@pytest.mark.parametrize("args,key_vi,key_en,code", [
    (["task", "add", "X", "--directive", "320-KL/TU", "--lead", "Phòng Nội vụ"],
     "Không có đơn vị", "No unit", 1),
    (["task", "add", "X", "--directive", "999/QĐ-UBND", "--lead", "TCKH"],
     "Không có văn bản", "No directive", 1),
    (["task", "add", "X", "--directive", "320-KL/TU", "--lead", "TCKH", "--due", "31/02/2021"],
     "31/02/2021", "31/02/2021", 1),
    (["task", "add", "X", "--directive", "320-KL/TU", "--lead", "TCKH", "--due", "hôm nào đó"],
     "hôm nào đó", "hôm nào đó", 1),
    (["task", "add", "   ", "--directive", "320-KL/TU", "--lead", "TCKH"],
     "không được để trống", "cannot be empty", 1),
    (["task", "list", "--timeliness", "late"], "late", "late", 2),
    (["task", "list", "--due-before", "2021-13-01"], "2021-13-01", "2021-13-01", 2),
    (["task", "done", "77"], "#77", "#77", 1),
    (["task", "done", "abc"], "abc", "abc", 2),
])
def test_bad_input_one_sentence_no_traceback_nothing_written(run, args, key_vi, key_en, code):
    _setup(run)
    before = _task_count(run)
    for lang, needle in (("vi", key_vi), ("en", key_en)):
        r = run(*args, lang=lang)
        assert r.code == code, (r.code, r.stderr)
        assert needle in r.stderr
        assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert _task_count(run) == before


def test_done_in_future_and_extend_done(run):
    _setup(run)
    tid = int(run("task", "add", "X", "--directive", "320-KL/TU", "--lead", "TCKH").stdout)
    r = run("task", "done", tid, "--on", "20/06/2021")
    assert r.code == 1 and "sau hôm nay" in r.stderr
    assert run("task", "done", tid).code == 0
    r = run("task", "extend", tid, "--to", "31/12/2021", "--reason", "x", lang="en")
    assert r.code == 1 and "is done and cannot be extended" in r.stderr


def test_deadline_before_directive_warns(run):
    _setup(run)
    r = run("task", "add", "X", "--directive", "320-KL/TU", "--lead", "TCKH", "--due", "01/12/2019")
    assert r.code == 0 and "Lưu ý" in r.stderr


def test_debug_shows_traceback(run):
    _setup(run)
    r = run("--debug", "task", "done", "77")
    assert r.code == 1 and "Traceback" in r.stderr


def test_today_and_lang_from_environment(db_url, make_run):
    run = make_run(db_url, today=None)
    _setup(run)
    run("task", "add", "X", "--directive", "320-KL/TU", "--lead", "TCKH", "--due", "30/06/2021")
    r = run("task", "list", "--format", "json", env={"TRACKER_TODAY": "01/07/2021"})
    assert json.loads(r.stdout)[0]["timeliness"] == "open_overdue"
    r = run("task", "list", "--format", "json", env={"TRACKER_TODAY": "30/06/2021"})
    assert json.loads(r.stdout)[0]["timeliness"] == "open_on_time"


def test_every_command_has_help_in_both_languages(run):
    from tracker.cli.main import COMMANDS, _module_exists

    for lang in ("vi", "en"):
        r = run("--help", lang=lang)
        assert r.code == 0
        for name, (target, _k) in COMMANDS.items():
            if not _module_exists(target):
                continue
            r = run(name, "--help", lang=lang)
            assert r.code == 0, (name, r.stderr)
            assert ("Cách dùng" if lang == "vi" else "Usage") in r.stdout


def test_db_commands(run, db_url, tmp_path):
    _setup(run)
    r = run("db", "check")
    assert r.code == 0, r.stdout + r.stderr
    path = run("db", "path").stdout.strip()
    assert path
    if db_url.startswith("sqlite"):
        target = tmp_path / "copy.db"
        r = run("db", "backup", str(target))
        assert r.code == 0 and target.exists()
        import sqlite3

        n = sqlite3.connect(target).execute("select count(*) from unit").fetchone()[0]
        assert n == 3
    else:
        assert run("db", "backup").code == 1
    assert run("db", "migrate").code == 0


def test_usage_errors_speak_the_interface_language(run):
    r = run("task", "add")
    assert r.code == 2 and "Thiếu tham số" in r.stderr and "Cách dùng" in r.stderr
    r = run("task", "add", lang="en")
    assert r.code == 2 and "Missing argument" in r.stderr
    r = run("task", "list", "--sort", "late")
    assert r.code == 2 and "không thuộc các giá trị" in r.stderr
    r = run("task", "list", "--status", "late")  # (read by the one reader of status words)
    assert r.code == 2 and "Trạng thái “late” không có" in r.stderr


def test_units_listed_in_vietnamese_order_numbers_by_value(run):
    run("init")
    for code, name in (("PDG", "UBND Phường Đông Giang"), ("P10", "UBND Phường 10"),
                       ("P2", "UBND Phường 2"), ("P1", "UBND Phường 1")):
        run("unit", "add", code, name, "--kind", "ward")
    names = [u["name"] for u in json.loads(run("unit", "list", "--format", "json").stdout)]
    assert names == ["UBND Phường 1", "UBND Phường 2", "UBND Phường 10", "UBND Phường Đông Giang"]


@pytest.mark.parametrize("typed, key", [
    ("open_overdue", "open_overdue"), ("quá hạn", "open_overdue"), ("Qua han", "open_overdue"),
    ("✖ Quá hạn", "open_overdue"), ("overdue", "open_overdue"), ("open overdue", "open_overdue"),
    ("trong hạn", "open_on_time"), ("Chưa hoàn thành, trong hạn", "open_on_time"),
    ("xong đúng hạn", "done_on_time"), ("Hoàn thành đúng hạn", "done_on_time"),
    ("xong quá hạn", "done_late"), ("xong trễ hạn", "done_late"), ("done late", "done_late"),
    ("thường xuyên", "no_deadline"), ("đã hủy", "cancelled"),
])
def test_timeliness_filter_reads_the_words_a_list_shows(run, typed, key):
    """A clerk types back what the list's column shows ('Quá hạn'), with or without marks,
    in either language; the key still works."""
    _setup(run)
    run("task", "add", "Quá hạn", "--directive", "320-KL/TU", "--lead", "TCKH", "--due", "01/06/2021")
    run("task", "add", "Trong hạn", "--directive", "320-KL/TU", "--lead", "TCKH", "--due", "30/06/2021")
    late = int(run("task", "add", "Xong muộn", "--directive", "320-KL/TU", "--lead", "TCKH",
                   "--due", "01/06/2021").stdout)
    run("task", "done", late, "--on", "05/06/2021")
    on_time = int(run("task", "add", "Xong", "--directive", "320-KL/TU", "--lead", "TCKH",
                      "--due", "30/06/2021").stdout)
    run("task", "done", on_time, "--on", "05/06/2021")
    run("task", "add", "Thường xuyên", "--directive", "320-KL/TU", "--lead", "TCKH", "--due", "thường xuyên")
    gone = int(run("task", "add", "Hủy", "--directive", "320-KL/TU", "--lead", "TCKH").stdout)
    run("task", "cancel", gone, "--reason", "Không còn phù hợp")
    r = run("task", "list", "--timeliness", typed, "--format", "json")
    assert r.code == 0, r.stderr
    assert [d["timeliness"] for d in json.loads(r.stdout)] == [key]


def test_status_filter_reads_words_and_a_wrong_one_names_the_choices(run):
    _setup(run)
    tid = int(run("task", "add", "X", "--directive", "320-KL/TU", "--lead", "TCKH").stdout)
    run("task", "add", "Y", "--directive", "320-KL/TU", "--lead", "TCKH")
    run("task", "done", tid, "--on", "05/06/2021")
    for typed in ("done", "Đã hoàn thành", "da hoan thanh"):
        r = run("task", "list", "--status", typed, "--format", "json")
        assert [d["id"] for d in json.loads(r.stdout)] == [tid], typed
    r = run("task", "list", "--status", "xong rồi")
    assert r.code == 2 and "Đang thực hiện (open), Đã hoàn thành (done), Không thực hiện (cancelled)" in r.stderr
    r = run("task", "list", "--timeliness", "đúng hạn")
    assert r.code == 2 and "Quá hạn (open_overdue)" in r.stderr and "Xong đúng hạn (done_on_time)" in r.stderr
    r = run("export", "--status", "đã hủy", "--format", "json", "-o", "-")
    assert r.code == 0, r.stderr


def test_task_show_gives_the_date_a_deadline_in_words_means(office, run):
    """An extension to "tháng 7" or "quý III" is shown with the date it means, as the app's
    detail shows it (one rule: ``words.as_written``) — read a year later, "tháng 7" alone
    does not say which July; so is an original deadline in words."""
    from tracker.services.tasks import add_task

    t = add_task(office, directive="320-KL/TU", content="Lập đề án", lead="TCKH", due="Quý II/2021")
    assert run("task", "extend", t.id, "--to", "tháng 7", "--reason", "Chờ số liệu").code == 0
    assert run("task", "extend", t.id, "--to", "quý III", "--reason", "Chờ vốn").code == 0
    shown = run("task", "show", t.id).stdout
    assert "Quý II/2021 (30/06/2021) → tháng 7 (31/07/2021)  (Chờ số liệu)" in shown
    assert "tháng 7 (31/07/2021) → quý III (30/09/2021)  (Chờ vốn)" in shown
    assert "Quý II/2021 (30/06/2021)" in next(line for line in shown.splitlines() if line.startswith("Hạn ban đầu"))


def test_an_edit_that_says_nothing_or_contradicts_itself_is_refused(run):
    """`task edit 2 --no-support --support P2` dropped P2 and said "saved"; `task edit 2`
    with no option said "saved" having changed nothing."""
    _setup(run)
    tid = run("task", "add", "Rà soát", "--directive", "320-KL/TU", "--lead", "TCKH", "--support", "QLDT").stdout.strip()
    history = run("task", "history", tid).stdout
    for args, needle in (((tid, "--no-support", "--support", "P5"), "--support và --no-support trái nhau"),
                         ((tid,), "Chưa có gì để sửa")):
        r = run("task", "edit", *args)
        assert r.code == 2 and needle in r.stderr and "Đã lưu" not in r.stdout, r.stderr
    assert run("task", "history", tid).stdout == history
    assert json.loads(run("task", "show", tid, "--format", "json").stdout)["support"] == ["QLDT"]


def test_a_group_s_help_names_each_command_whole_at_80_columns(run):
    """`db --help` cut `copy`'s line to "(vd. từ tệp SQLite sang..."."""
    for lang in ("vi", "en"):
        out = run("db", "--help", lang=lang, env={"COLUMNS": "80"}).stdout
        line = next(x for x in out.splitlines() if x.strip().startswith("copy"))
        assert "..." not in line and "PostgreSQL" in line, line


def test_dev_generate_s_next_step_names_the_store_it_was_given(run, db_url, tmp_path):
    """Run as printed, `tracker import --create generated/…` went into the default store,
    not the one `dev generate` was given with --db."""
    import shlex

    from tracker.store.db import sqlite_path

    r = run("dev", "generate", "5", "-o", tmp_path / "gen")
    assert r.code == 0, r.stderr
    line = next(x for x in r.stderr.splitlines() if "import --create" in x)
    words = shlex.split(line.split(":", 1)[1])
    store = sqlite_path(db_url)
    assert words[:3] == ["tracker", "--db", str(store) if store else words[2]], line
    if store is None:  # (a URL: its password never printed)
        assert "***" not in line


def test_one_refusal_for_several_tasks_is_said_once_naming_each(run):
    """`task edit 67 199 219 --lead DH` said the same 'no unit DH' three times over."""
    _setup(run)
    ids = [run("task", "add", f"Việc {i}", "--directive", "320-KL/TU", "--lead", "TCKH").stdout.strip()
           for i in range(3)]
    r = run("task", "edit", *ids, "--lead", "DH")
    assert r.code == 1
    lines = [x for x in r.stderr.splitlines() if "Không có đơn vị “DH”" in x]
    assert lines == [x for x in lines if x.startswith(f"Lỗi: #{ids[0]}, #{ids[1]}, #{ids[2]}: ")] and len(lines) == 1, r.stderr


def test_init_on_a_store_in_use_gives_no_first_step(run):
    """`init` on a store holding an office still said "next: tracker unit add TCKH …"."""
    assert "tracker unit add" in run("init").stderr
    _setup(run)
    r = run("init")
    assert r.code == 0 and "tracker unit add" not in r.stderr, r.stderr
