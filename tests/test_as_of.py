"""--as-of: the register of a past day rebuilt from history equals a store replayed from
that history up to that day (the year-end review written then, and rerun months on, give
the same figures)."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

D = dt.date
DAY_ONE = dt.datetime(2021, 3, 1, 3, 0)    # what the register saw by 01/03/2021
DAY_TWO = dt.datetime(2021, 5, 3, 3, 0)    # what happened after it


def _office(ctx):
    from tracker.services.directives import add_directive
    from tracker.services.units import add_unit

    add_unit(ctx, "TCKH", "Phòng Tài chính - Kế hoạch")
    add_unit(ctx, "QLDT", "Phòng Quản lý đô thị")
    add_directive(ctx, "67/KH-UBND", type_code="KH", issuer="UBND thành phố", date="10/01/2021",
                  title="Kế hoạch 67")


def _at(monkeypatch, when):
    from tracker.services import history

    monkeypatch.setattr(history, "now", lambda: when)


def _first_day(ctx, monkeypatch):
    """Everything done by 01/03/2021 (history and creation times set to that day)."""
    from tracker.services.tasks import add_note, add_task, complete_task, extend_task
    from tracker.store.tables import task as T

    _at(monkeypatch, DAY_ONE)
    ids = [add_task(ctx, directive="67/KH-UBND", content=f"Việc {n}", lead=lead, due=due,
                    leader=leader).id
           for n, lead, due, leader in ((1, "TCKH", "15/03/2021", "PCT Hoàng Nam"),
                                        (2, "TCKH", "31/01/2021", "PCT Hoàng Nam"),
                                        (3, "QLDT", "15/02/2021", "Chủ tịch Hồ Sỹ Trình"),
                                        (4, "QLDT", "thường xuyên", "Chủ tịch Hồ Sỹ Trình"))]
    complete_task(ctx, ids[1], on=D(2021, 2, 5))
    extend_task(ctx, ids[0], to="20/03/2021", reason="Chờ số liệu")
    add_note(ctx, ids[0], "Đã lấy ý kiến các phòng", percent=40, on=D(2021, 2, 20))
    with ctx.engine.begin() as conn:
        conn.execute(update(T).values(created_at=DAY_ONE))
    return ids


def _figures(ctx):
    from tracker.reports.queries import overdue_report, summary_counts
    from tracker.services.query import TaskFilter, list_tasks

    counts = {k: v.as_dict() for k, v in summary_counts(ctx, by="leader").items()}
    overdue = overdue_report(ctx)
    listed = [(t.id, t.content, t.status, t.deadline, t.lead, t.leader, t.support)
              for t in list_tasks(ctx, TaskFilter(), sort="id")]
    return (counts, [(g.unit, [(ln.task_id, ln.deadline, ln.days_overdue, ln.extensions)
                               for ln in g.lines]) for g in overdue.groups], listed)


def _two_stores(db_url, tmp_path, monkeypatch):
    """The store as it is now (the first day's work, then more) and the store replayed from
    that history up to 01/03/2021; returns (now, replay, the first day's task ids)."""
    from tracker.services.context import Context
    from tracker.services.tasks import (
        add_note, add_task, cancel_task, complete_task, edit_task, extend_task, reopen_task)

    now = Context.open(db_url, user="tester", today=D(2021, 3, 1))
    _office(now)
    ids = _first_day(now, monkeypatch)
    _at(monkeypatch, DAY_TWO)
    now.today = D(2021, 5, 3)
    complete_task(now, ids[0], on=D(2021, 4, 2))                      # done later (late)
    extend_task(now, ids[2], to="30/04/2021", reason="Chờ ý kiến Sở")  # extended later
    edit_task(now, ids[2], leader="PCT Hoàng Nam", lead="TCKH", support=["QLDT"])  # moved later
    reopen_task(now, ids[1])                                          # reopened later
    cancel_task(now, ids[3], reason="Không còn cần")                  # cancelled later
    add_note(now, ids[2], "Đã trình Sở", on=D(2021, 4, 20))           # noted later
    add_task(now, directive="67/KH-UBND", content="Việc 5", lead="QLDT", due="20/04/2021")

    replay = Context.open(f"sqlite:///{tmp_path / 'replay.db'}", user="tester", create=True,
                          today=D(2021, 3, 1))
    _office(replay)
    _first_day(replay, monkeypatch)
    return now, replay, ids


def test_as_of_equals_the_store_replayed_to_that_day(db_url, tmp_path, monkeypatch):
    now, replay, ids = _two_stores(db_url, tmp_path, monkeypatch)
    now.look_as_of(D(2021, 3, 1))
    try:
        assert _figures(now) == _figures(replay)
        counts, overdue, listed = _figures(now)
        # by hand: on 01/03 task 1 open on time, 2 done on time, 3 overdue, 4 ongoing; task
        # 3's 15/02 fell in Tết (10-16/02/2021): due by the 17th, 12 days late on 01/03
        assert [row[2] for row in listed] == ["open", "done", "open", "open"]
        assert overdue == [("Phòng Quản lý đô thị", [(ids[2], D(2021, 2, 17), 12, 0)])]
    finally:
        now.close()
        replay.close()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_as_of_is_the_replayed_stores_export(db_url, tmp_path, monkeypatch, make_run, fmt):
    """`tracker export --as-of 01/03/2021` writes what an export of the store replayed to that
    day writes: tasks, deadlines, extensions and progress notes as they stood (the task list's
    --as-of streams through the same path)."""
    now, replay, ids = _two_stores(db_url, tmp_path, monkeypatch)
    now.close()
    replay.close()
    then = make_run(db_url)("export", "--as-of", "01/03/2021", "--format", fmt)
    assert then.code == 0, then.stderr
    replayed = make_run(f"sqlite:///{tmp_path / 'replay.db'}", today="01/03/2021")("export", "--format", fmt)
    assert replayed.code == 0, replayed.stderr
    assert then.stdout == replayed.stdout
    assert "Chờ số liệu" in then.stdout and "Chờ ý kiến Sở" not in then.stdout
    assert "Đã lấy ý kiến" in then.stdout and "Đã trình Sở" not in then.stdout
    listed = make_run(db_url)("task", "list", "--as-of", "01/03/2021", "--sort", "id", "--format", fmt)
    assert listed.stdout.replace("\ufeff", "") == then.stdout.replace("\ufeff", "")
    # today's export is another
    assert make_run(db_url)("export", "--format", fmt).stdout != then.stdout


def test_export_as_of_is_for_tasks(office, run, tmp_path):
    res = run("export", "--kind", "units", "--as-of", "01/03/2021")
    assert res.code == 2 and "--as-of" in res.stderr
    res = run("export", "--as-of", "31/02/2021")  # (as `task list --as-of` says it)
    assert res.code == 2 and "31/02/2021" in res.stderr and "--as-of" in res.stderr


def test_a_task_filter_is_not_dropped_from_another_kind_of_export(office, run):
    """`export --kind directives --issuer "Tỉnh ủy"` wrote every directive, the filter dropped
    unsaid; `export directives` (the kind as a word, as people write it) was refused."""
    res = run("export", "--kind", "directives", "--issuer", "Tỉnh ủy", "--search", "x")
    assert res.code == 2 and "--search, --issuer" in res.stderr and res.stdout == "", res.stderr
    assert run("export", "units", "--unit", "TCKH").code == 2
    by_word = run("export", "directives", "--format", "json")
    assert by_word.code == 0, by_word.stderr
    assert by_word.stdout == run("export", "--kind", "directives", "--format", "json").stdout
    assert "67/KH-UBND" in by_word.stdout
    res = run("export", "directives", "--kind", "units")
    assert res.code == 2 and "directives" in res.stderr and "units" in res.stderr


def test_as_of_option_on_reports_and_lists(office, run):
    from tracker.services.tasks import add_task

    add_task(office, directive="67/KH-UBND", content="Việc mới", lead="TCKH", due="30/06/2021")
    res = run("report", "summary", "--plain", "--as-of", "01/01/2020")
    assert res.code == 0, res.stderr
    assert "01/01/2020" in res.stdout and "303" not in res.stdout
    res = run("task", "list", "--format", "json", "--as-of", "01/01/2020")
    assert res.code == 0, res.stderr
    assert res.stdout.strip() in ("[]", "")
    res = run("report", "overdue", "--as-of", "31/02/2021")
    assert res.code == 2 and "31/02/2021" in res.stderr


@pytest.mark.parametrize("unused", [None])
def test_writes_never_see_the_temporary_tables(office, unused):
    from tracker.services.tasks import add_task

    office.look_as_of(D(2019, 1, 1))
    with office.read() as conn:
        from sqlalchemy import func, select

        from tracker.store.tables import task as T

        assert conn.execute(select(func.count()).select_from(T)).scalar() == 0
    t = add_task(office, directive="67/KH-UBND", content="Việc", lead="TCKH", due="30/06/2021")
    assert t.id == 1


def test_a_duty_stopped_after_the_day_runs_on_as_of_it(db_url, monkeypatch):
    """A recurring duty stopped on 03/05/2021 (from 31/03/2021): as of 01/03/2021 its period
    tasks say no stop (the export's "Ngày dừng định kỳ" blank), as of a day after, they say
    31/03/2021; and a register looked at as of a past day makes no period's task."""
    import io
    import json

    from tracker.services.context import Context
    from tracker.services.exporter import export
    from tracker.services.recurrence import bring_up_to_date, list_recurrences, stop_recurrence
    from tracker.services.tasks import add_task
    from tracker.store.tables import recurrence as R
    from tracker.store.tables import task as T

    ctx = Context.open(db_url, user="tester", today=D(2021, 3, 1), create=True)
    try:
        _office(ctx)
        _at(monkeypatch, DAY_ONE)
        add_task(ctx, directive="67/KH-UBND", content="Báo cáo tháng", lead="TCKH",
                 due="hằng tháng, trước ngày 20")
        with ctx.engine.begin() as conn:
            conn.execute(update(T).values(created_at=DAY_ONE))
            conn.execute(update(R).values(created_at=DAY_ONE))
        _at(monkeypatch, DAY_TWO)
        ctx.today = D(2021, 5, 3)
        stop_recurrence(ctx, list_recurrences(ctx)[0].id, on=D(2021, 3, 31))

        def stops(day):
            with ctx.as_it_stood(day) as past:
                assert bring_up_to_date(past) == 0
                buf = io.BytesIO()
                export(past, "tasks", "jsonl", buf)
                return {json.loads(line)["recurrence_ends"] for line in buf.getvalue().splitlines()}

        assert stops(D(2021, 3, 1)) == {None}
        assert stops(D(2021, 5, 3)) == {"2021-03-31"}
    finally:
        ctx.close()


def test_a_day_is_the_clerk_s_day(office, monkeypatch):
    """A task done at 06:00 on 16/06 in Hà Nội (23:00 UTC on the 15th) was done as of the
    16th, not the 15th: as-of days are the clerk's, on this computer's clock (they were UTC's)."""
    import time

    from tracker.services.query import get_task
    from tracker.services.tasks import add_task, complete_task

    monkeypatch.setenv("TZ", "ICT-7")
    time.tzset()
    try:
        _at(monkeypatch, dt.datetime(2021, 6, 1, 2, 0))
        t = add_task(office, directive="67/KH-UBND", content="Việc sáng sớm", lead="TCKH", due="30/06/2021")
        with office.engine.begin() as conn:
            from tracker.store.tables import task as T

            conn.execute(update(T).values(created_at=dt.datetime(2021, 6, 1, 2, 0)))
        _at(monkeypatch, dt.datetime(2021, 6, 15, 23, 0))  # 06:00 on 16/06 in Hà Nội
        complete_task(office, t.id, on=D(2021, 6, 15))
        with office.as_it_stood(D(2021, 6, 15)) as past:
            assert get_task(past, t.id).task.status == "open"
        with office.as_it_stood(D(2021, 6, 16)) as past:
            assert get_task(past, t.id).task.status == "done"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_an_as_of_day_to_come_is_refused_and_one_before_the_history_said(office, run):
    """`--as-of 01/01/2030` showed the register of today as that day's (tasks overdue by
    years); `--as-of` a day before the store's first change showed an empty register without
    a word ('no overdue task'), as though the office had none."""
    later = dt.date.today() + dt.timedelta(days=400)  # (after the clock's today and --today's)
    for args in (("report", "overdue"), ("task", "list"), ("export", "--format", "csv")):
        res = run(*args, "--as-of", later.strftime("%d/%m/%Y"))
        assert res.code == 2 and f"--as-of {later:%d/%m/%Y} ở sau hôm nay" in res.stderr, (args, res.stderr)
        res = run(*args, "--as-of", "01/01/2020")  # (the history starts now, on this clock)
        assert res.code == 0 and "Sổ bắt đầu ghi từ" in res.stderr and "đến hết 01/01/2020" in res.stderr, res.stderr
    res = run("report", "overdue", "--as-of", "15/06/2021", env={"TRACKER_TODAY": ""})
    assert res.code == 0
