"""The backlog review and the Monday briefing against figures counted by hand on a small
office (both engines)."""
from __future__ import annotations

import datetime as dt

D = dt.date


def _office(ctx):
    """Tasks whose every date is known (today 15/06/2021, the review is May 2021):

    TCKH  a  320-KL/TU (04/12/2019)  due 30/04/2021  done 10/05/2021  -> open at start, done late in May;
             not overdue at the start: 30/04 and 01/05 are holidays, 02/05 a Sunday and
             03/05 the day off in lieu, so it was due by the end of Tuesday 04/05
    TCKH  b  320-KL/TU               due 31/05/2021  open             -> open at start and end, not overdue at end (due on the 31st)
    TCKH  c  320-KL/TU               due 15/04/2021  open             -> overdue at start and at end
    QLDT  d  67/KH-UBND (10/01/2020) due 20/05/2021  open             -> open at start, overdue at end (grew 0 -> 1)
    QLDT  e  67/KH-UBND              due 25/05/2021  done 20/05/2021  -> open at start, done on time in May
    P5    f  05/KH-UBND (05/05/2021) due 28/05/2021  done 28/05/2021  -> assigned in May, done on time
    P5    g  05/KH-UBND              due 30/06/2021  open             -> assigned in May, open at end
    P5    h  05/KH-UBND              cancelled                         -> not counted
    P5    i  05/KH-UBND              ongoing                           -> not counted
    """
    from tracker.services.directives import add_directive
    from tracker.services.tasks import add_task, cancel_task, complete_task

    add_directive(ctx, "05/KH-UBND", type_code="KH", issuer="UBND thành phố", date="05/05/2021",
                  title="Kế hoạch tháng 5")
    made = {}
    for key, directive, lead, due, leader in (
            ("a", "320-KL/TU", "TCKH", "30/04/2021", "PCT Hoàng Nam"),
            ("b", "320-KL/TU", "TCKH", "31/05/2021", "PCT Hoàng Nam"),
            ("c", "320-KL/TU", "TCKH", "15/04/2021", "PCT Hoàng Nam"),
            ("d", "67/KH-UBND", "QLDT", "20/05/2021", "Chủ tịch Hồ Sỹ Trình"),
            ("e", "67/KH-UBND", "QLDT", "25/05/2021", "Chủ tịch Hồ Sỹ Trình"),
            ("f", "05/KH-UBND", "P5", "28/05/2021", "PCT Hoàng Nam"),
            ("g", "05/KH-UBND", "P5", "30/06/2021", "PCT Hoàng Nam"),
            ("h", "05/KH-UBND", "P5", "30/06/2021", "PCT Hoàng Nam"),
            ("i", "05/KH-UBND", "P5", "thường xuyên", "PCT Hoàng Nam")):
        made[key] = add_task(ctx, directive=directive, content=f"Việc {key}", lead=lead,
                             due=due, leader=leader).id
    complete_task(ctx, made["a"], on=D(2021, 5, 10))
    complete_task(ctx, made["e"], on=D(2021, 5, 20))
    complete_task(ctx, made["f"], on=D(2021, 5, 28))
    cancel_task(ctx, made["h"], reason="Không còn cần")
    return made


def test_backlog_of_may_counted_by_hand(office):
    from tracker.reports.backlog import backlog_report

    _office(office)
    r = backlog_report(office, start=D(2021, 5, 1), end=D(2021, 5, 31), period_label="tháng 5/2021")
    by_unit = {row.label: row.values() for row in r.by_unit}
    # start_open, start_overdue, assigned, done_on_time, done_late, end_open, end_overdue
    assert by_unit == {
        "Phòng Tài chính - Kế hoạch": [3, 1, 0, 0, 1, 2, 1],
        "Phòng Quản lý đô thị": [2, 0, 0, 1, 0, 1, 1],
        "UBND Phường 5": [0, 0, 2, 1, 0, 1, 0],
    }
    assert r.total.values() == [5, 1, 2, 2, 1, 4, 2]
    assert {row.label: row.values() for row in r.by_leader} == {
        "Chủ tịch Hồ Sỹ Trình": [2, 0, 0, 1, 0, 1, 1],
        "PCT Hoàng Nam": [3, 1, 2, 1, 1, 3, 1],
    }
    assert [row.label for row in r.behind] == ["Phòng Quản lý đô thị"]


def test_backlog_command_names_the_units_behind(office, run):
    _office(office)
    res = run("report", "backlog", "--period", "tháng 5/2021", "--plain")
    assert res.code == 0, res.stderr
    assert "Phòng Quản lý đô thị (từ 0 lên 1)" in res.stdout
    res = run("report", "backlog", "--period", "tháng 5/2021", "--format", "json")
    import json

    data = json.loads(res.stdout)
    assert data["behind"] == ["Phòng Quản lý đô thị"]


def test_the_monthly_cron_line_asks_for_last_month(office, run):
    """`--period "tháng trước"` (run on the 1st of June: May) is May, by every face."""
    _office(office)
    by_name = run("report", "backlog", "--period", "tháng 5/2021", "--format", "json", today_="01/06/2021")
    last = run("report", "backlog", "--period", "tháng trước", "--format", "json", today_="01/06/2021")
    assert last.code == 0, last.stderr
    assert last.stdout == by_name.stdout and "Phòng Quản lý đô thị" in last.stdout


def test_week_of_the_24th_of_may_counted_by_hand(office):
    from tracker.reports.week import week_report

    _office(office)
    # the week of Monday 24/05/2021 (24–30/05): nothing open falls due in it (f, due on
    # the 28th, is done); d, due Thursday 20/05 and still open, became overdue last week;
    # e was done on 20/05 (last week); b falls due next week (Monday 31/05)
    office.today = D(2021, 5, 24)
    r = week_report(office)
    assert r.monday == D(2021, 5, 24)
    rows = {row.leader: row.values() for row in r.rows}
    # due_this_week, due_next_week, became_overdue, done_last_week
    assert rows == {"Chủ tịch Hồ Sỹ Trình": [0, 0, 1, 1],
                    "PCT Hoàng Nam": [0, 1, 0, 0]}
    assert [i.content for i in r.became_overdue] == ["Việc d"]
    # the week of 17–23/05: d falls due in it; a was done on 10/05, the week before
    r = week_report(office, day=D(2021, 5, 19))
    rows = {row.leader: row.values() for row in r.rows}
    assert rows == {"Chủ tịch Hồ Sỹ Trình": [1, 0, 0, 0],
                    "PCT Hoàng Nam": [0, 0, 0, 1]}


def test_backlog_paper_and_workbook(office, tmp_path):
    import docx as python_docx
    from openpyxl import load_workbook

    from tracker.reports.backlog import backlog_report
    from tracker.reports.backlog_files import write_backlog_docx, write_backlog_xlsx

    _office(office)
    r = backlog_report(office, start=D(2021, 5, 1), end=D(2021, 5, 31), period_label="tháng 5/2021")
    write_backlog_docx(r, tmp_path / "b.docx")
    doc = python_docx.Document(str(tmp_path / "b.docx"))
    by_unit = doc.tables[1]
    rows = [[c.text for c in row.cells] for row in by_unit.rows]
    assert rows[1][1:] == ["Phòng Quản lý đô thị", "2", "0", "0", "1", "0", "1", "1"]
    assert rows[-1][2:] == ["5", "1", "2", "2", "1", "4", "2"]
    assert any("Phòng Quản lý đô thị (từ 0 lên 1)" in p.text for p in doc.paragraphs)
    write_backlog_xlsx(r, tmp_path / "b.xlsx")
    ws = load_workbook(tmp_path / "b.xlsx").worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert ["UBND Phường 5", 0, 0, 2, 1, 0, 1, 0] in values
