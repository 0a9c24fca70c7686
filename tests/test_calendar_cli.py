"""`tracker calendar …` and the deadline wiring of the task commands, through the real entry
point, on SQLite and (with TRACKER_TEST_PG_URL) PostgreSQL."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tracker.services import calendar as calendar_service
from tracker.services.errors import ValidationError
from tracker.services.history import entries

D = dt.date


def _json(result):
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def test_show_2021_lists_tet_and_gio_to(run):
    days = _json(run("calendar", "show", "2021", "--format", "json"))
    by_date = {d["date"]: d for d in days}
    tet = [d for d in days if "Tết Nguyên Đán" in d["name"] or d["name"] == "29 Tết"]
    assert [d["date"] for d in tet] == [f"2021-02-{n}" for n in range(10, 17)]
    assert by_date["2021-04-21"]["name"] == "Ngày Giỗ Tổ Hùng Vương"
    assert {d["kind"] for d in days} == {"off"} and {d["source"] for d in days} == {"holiday"}
    plain = run("calendar", "show", "2021", "--format", "plain")
    assert plain.code == 0
    assert "10/02/2021" in plain.stdout and "Thứ Tư" in plain.stdout
    assert "21/04/2021" in plain.stdout and "Giỗ Tổ Hùng Vương" in plain.stdout
    english = run("calendar", "show", "2021", "--format", "plain", lang="en")
    assert "Hung Kings' Commemoration Day" in english.stdout and "Wednesday" in english.stdout


def test_show_without_a_year_shows_this_one(run):
    """``tracker calendar show`` (what a clerk types first) is this year's — the run's today's."""
    assert _json(run("calendar", "show", "--format", "json")) == _json(
        run("calendar", "show", "2021", "--format", "json"))
    days = _json(run("--today", "10/01/2024", "calendar", "show", "--format", "json", today_=None))
    assert days and {d["date"][:4] for d in days} == {"2024"}


def test_show_with_weekends_and_package_swaps(run):
    days = _json(run("calendar", "show", "2024", "--weekends", "--format", "json"))
    kinds = {d["date"]: (d["kind"], d["source"]) for d in days}
    assert kinds["2024-05-04"] == ("work", "swap")  # Saturday worked for Monday 29/04
    assert kinds["2024-04-29"] == ("off", "holiday")
    assert kinds["2024-05-11"] == ("off", "weekend")
    assert len([d for d in days if d["source"] == "weekend"]) > 90


def test_add_off_add_workday_overrides_remove(run):
    r = run("calendar", "add-off", "08/02/2021", "Nghỉ bù theo Thông báo")
    assert r.code == 0 and "08/02/2021" in r.stderr
    r = run("calendar", "add-workday", "2021-02-20", "Làm bù cho ngày 08/02")
    assert r.code == 0
    days = {d["date"]: d for d in _json(run("calendar", "show", "2021", "--format", "json"))}
    assert days["2021-02-08"] == {"date": "2021-02-08", "weekday": 1,
                                  "name": "Nghỉ bù theo Thông báo", "kind": "off",
                                  "source": "override"}
    assert days["2021-02-20"]["kind"] == "work" and days["2021-02-20"]["source"] == "override"
    listed = _json(run("calendar", "overrides", "--format", "json"))
    assert [(d["date"], d["kind"]) for d in listed] == [("2021-02-08", "off"),
                                                       ("2021-02-20", "work")]
    # a second add replaces the first and says so
    r = run("calendar", "add-off", "08/02/2021", "Nghỉ bù (sửa tên)")
    assert r.code == 0 and "Nghỉ bù theo Thông báo" in r.stderr
    assert run("calendar", "remove", "20/02/2021").code == 0
    listed = _json(run("calendar", "overrides", "2021", "--format", "json"))
    assert [(d["date"], d["name"]) for d in listed] == [("2021-02-08", "Nghỉ bù (sửa tên)")]


def test_adding_what_is_already_so_warns(run):
    r = run("calendar", "add-off", "12/02/2021", "Tết")
    assert r.code == 0 and "Tết Nguyên Đán" in r.stderr
    r = run("calendar", "add-workday", "10/03/2021", "Thứ Tư", lang="en")
    assert r.code == 0 and "already a working day" in r.stderr


@pytest.mark.parametrize("args,needle,code", [
    (("calendar", "add-off", "30/02/2021", "x"), "30/02/2021", 2),  # a value not read: usage
    (("calendar", "add-off", "tuần sau", "x"), "tuần sau", 2),
    (("calendar", "add-workday", "06/03/2021", "  "), "", 1),  # refused: a failure
    (("calendar", "remove", "06/03/2021"), "06/03/2021", 1),
    (("calendar", "show", "21"), "21", 2),
    (("calendar", "show", "năm nay"), "năm nay", 2),
])
def test_bad_input_is_one_clear_message(run, args, needle, code):
    r = run(*args)
    assert r.code == code and len(r.stderr.strip().splitlines()) == 1
    assert needle in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""


# --- deadlines of tasks, as written and effective

def _task(run, *args):
    r = run("task", "add", *args)
    assert r.code == 0, r.stderr
    task_id = int(r.stdout.strip())
    return task_id, _json(run("task", "show", task_id, "--format", "json"))


def test_task_deadlines_keep_the_words_and_the_effective_date(run, office):
    _id, t = _task(run, "Báo cáo sơ kết", "--directive", "320-KL/TU", "--lead", "Phòng TC-KH",
                   "--due", "Quý II/2021")
    assert (t["deadline"], t["deadline_text"], t["deadline_effective"]) == (
        "2021-06-30", "Quý II/2021", "2021-06-30")
    # a deadline on a day off is met by the end of the next working day (Civil Code 148)
    _id, t = _task(run, "Rà soát hồ sơ", "--directive", "320-KL/TU", "--lead", "TNMT",
                   "--due", "trước ngày 13/02/2021")
    assert (t["deadline"], t["deadline_effective"]) == ("2021-02-13", "2021-02-17")
    assert t["deadline_text"] == "trước ngày 13/02/2021"
    # no diacritics, any case
    _id, t = _task(run, "Việc thường xuyên", "--directive", "320-KL/TU", "--lead", "QLDT",
                   "--due", "THUONG XUYEN")
    assert (t["deadline"], t["deadline_text"], t["timeliness"]) == (None, "THUONG XUYEN", "no_deadline")


def test_a_deadline_that_cannot_be_read_is_refused(run, office):
    r = run("task", "add", "Việc", "--directive", "320-KL/TU", "--lead", "TCKH",
            "--due", "Quý V/2021")
    assert r.code == 1 and "Quý V/2021" in r.stderr and "Traceback" not in r.stderr
    r = run("task", "add", "Việc", "--directive", "320-KL/TU", "--lead", "TCKH",
            "--due", "đầu tháng 7/2021", lang="en")
    assert r.code == 1 and "đầu tháng 7/2021" in r.stderr and "definite date" in r.stderr


def test_relative_deadlines_count_from_the_directive_and_extensions_from_today(run, office):
    # 67/KH-UBND is dated Friday 10/01/2020; 5 working days → Friday 17/01/2020
    task_id, t = _task(run, "Triển khai kế hoạch", "--directive", "67/KH-UBND", "--lead", "P5",
                       "--due", "trong vòng 05 ngày làm việc")
    assert t["deadline"] == "2020-01-17" and t["deadline_text"] == "trong vòng 05 ngày làm việc"
    # today is 15/06/2021 (Tuesday): "trong 10 ngày" → 25/06/2021
    r = run("task", "extend", task_id, "--to", "trong 10 ngày", "--reason", "Chờ ý kiến Sở")
    assert r.code == 0, r.stderr
    t = _json(run("task", "show", task_id, "--format", "json"))
    assert (t["deadline"], t["deadline_text"]) == ("2021-06-25", "trong 10 ngày")
    assert (t["original_deadline"], t["original_deadline_text"]) == (
        "2020-01-17", "trong vòng 05 ngày làm việc")


def test_changing_the_calendar_recomputes_open_tasks(run, office):
    on_tet, _t = _task(run, "Việc A", "--directive", "320-KL/TU", "--lead", "TCKH",
                       "--due", "13/02/2021")
    counted, _t = _task(run, "Việc B", "--directive", "67/KH-UBND", "--lead", "TCKH",
                        "--due", "trong vòng 05 ngày làm việc")
    done, _t = _task(run, "Việc C", "--directive", "320-KL/TU", "--lead", "TCKH",
                     "--due", "13/02/2021")
    assert run("task", "done", done, "--on", "16/02/2021").code == 0

    # the government makes Saturday 13/02/2021 a working day
    r = run("calendar", "add-workday", "13/02/2021", "Làm bù")
    assert r.code == 0 and ("1 " in r.stderr)
    t = _json(run("task", "show", on_tet, "--format", "json"))
    assert (t["deadline"], t["deadline_effective"]) == ("2021-02-13", "2021-02-13")
    # done tasks keep the deadline they were judged by
    assert _json(run("task", "show", done, "--format", "json"))["deadline_effective"] == "2021-02-17"

    # a day off inside a working-day count moves the count: 15/01/2020 off → Monday 20/01
    assert run("calendar", "add-off", "15/01/2020", "Nghỉ đột xuất").code == 0
    t = _json(run("task", "show", counted, "--format", "json"))
    assert (t["deadline"], t["deadline_effective"], t["original_deadline"]) == (
        "2020-01-20", "2020-01-20", "2020-01-20")

    # removing the override puts the public calendar back
    assert run("calendar", "remove", "13/02/2021").code == 0
    t = _json(run("task", "show", on_tet, "--format", "json"))
    assert t["deadline_effective"] == "2021-02-17"


def test_recompute_is_in_the_history_and_bumps_the_version(ctx, office):
    from tracker.services.tasks import add_task

    t = add_task(ctx, directive="320-KL/TU", content="Việc", lead="TCKH", due="13/02/2021")
    assert t.deadline_effective == D(2021, 2, 17)
    change = calendar_service.add_workday(ctx, D(2021, 2, 13), "Làm bù")
    assert change.tasks_updated == 1 and change.previous is None
    with ctx.read() as conn:
        rows = [e for e in entries(conn, "task", t.id) if e.action == "calendar"]
        assert [(e.field, e.old, e.new) for e in rows] == [
            ("deadline_effective", "2021-02-17", "2021-02-13")]
        assert [e.action for e in entries(conn, "calendar", 20210213)] == ["create"]
    from tracker.services.query import get_task

    assert get_task(ctx, t.id).task.version == t.version + 1
    # the context's calendar is the new one
    assert not ctx.calendar().is_day_off(D(2021, 2, 13))


def test_recompute_all_fixes_stale_effective_dates(ctx, office):
    from sqlalchemy import update

    from tracker.services.query import get_task
    from tracker.services.tasks import add_task
    from tracker.store.tables import task as T

    t = add_task(ctx, directive="320-KL/TU", content="Việc", lead="TCKH", due="30/04/2021")
    assert t.deadline_effective == D(2021, 5, 4)
    with ctx.engine.begin() as conn:  # as if written before the package knew 03/05/2021
        conn.execute(update(T).where(T.c.id == t.id).values(deadline_effective=D(2021, 5, 3)))
    assert calendar_service.recompute_deadlines(ctx) == 1
    assert get_task(ctx, t.id).task.deadline_effective == D(2021, 5, 4)
    assert calendar_service.recompute_deadlines(ctx) == 0


def test_service_validation(ctx):
    with pytest.raises(ValidationError) as info:
        calendar_service.add_day_off(ctx, "31/02/2021", "x")
    assert info.value.key == "date.impossible"
    with pytest.raises(ValidationError) as info:
        calendar_service.add_workday(ctx, "06/03/2021", "")
    assert info.value.key == "calendar.name_required"
    with pytest.raises(ValidationError) as info:
        calendar_service.show_year(ctx, 99)
    assert info.value.key == "calendar.bad_year"
    with pytest.raises(ValidationError):
        calendar_service.remove_override(ctx, "06/03/2021")
    assert calendar_service.list_overrides(ctx) == []
