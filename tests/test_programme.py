"""The work programme: the office's sheet (group headings as rows, quarter columns marked
x) imported into a directive, counted by group and by quarter (both engines)."""
from __future__ import annotations

import datetime as dt

import pytest

SHEET = """CHƯƠNG TRÌNH CÔNG TÁC NĂM 2021,,,,,,,,
TT,Nội dung công việc,Cơ quan chủ trì,Lãnh đạo phụ trách,Cả năm,Quý I,Quý II,Quý III,Quý IV
1,Công tác kinh tế - ngân sách,,,x,,,,
,Điều hành thu ngân sách,TCKH,PCT Hoàng Nam,,,,,
,Giải ngân vốn đầu tư công,TCKH,PCT Hoàng Nam,,,,,
2,Công tác quy hoạch đô thị,,,,,x,x,
,Lập quy hoạch phân khu,QLDT,Chủ tịch Hồ Sỹ Trình,,,,,
,Rà soát đất công,QLDT,Chủ tịch Hồ Sỹ Trình,,,x,,
10,Công tác cải cách hành chính,,,,,,,X
,Báo cáo cải cách hành chính,P5,PCT Hoàng Nam,,,,,
"""


@pytest.fixture
def programme(office, tmp_path):
    from tracker.services.directives import add_directive
    from tracker.services.programme import import_programme

    add_directive(office, "01/CTr-UBND", type_code="CTr", issuer="UBND thành phố",
                  date="05/01/2021", title="Chương trình công tác năm 2021")
    path = tmp_path / "ctr.csv"
    path.write_text(SHEET, encoding="utf-8")
    assert import_programme(office, str(path), directive="01/CTr-UBND", year=2021)[:3] == (3, 5, 0)
    return office


def test_items_take_their_group_and_its_quarters(programme):
    from tracker.services.query import TaskFilter, list_tasks

    got = {t.content: (t.group, t.deadline) for t in list_tasks(programme, TaskFilter(),
                                                                 sort="id")}
    assert got == {
        "Điều hành thu ngân sách": ("1. Công tác kinh tế - ngân sách", dt.date(2021, 12, 31)),
        "Giải ngân vốn đầu tư công": ("1. Công tác kinh tế - ngân sách", dt.date(2021, 12, 31)),
        # the group's quarters II and III: due by the end of the last
        "Lập quy hoạch phân khu": ("2. Công tác quy hoạch đô thị", dt.date(2021, 9, 30)),
        # marked on its own row: quarter II
        "Rà soát đất công": ("2. Công tác quy hoạch đô thị", dt.date(2021, 6, 30)),
        "Báo cáo cải cách hành chính": ("10. Công tác cải cách hành chính",
                                        dt.date(2021, 12, 31)),
    }


def test_report_by_group_and_quarter(programme):
    from tracker.services.programme import group_order, programme_report

    programme.today = dt.date(2021, 7, 15)
    r = programme_report(programme, directive="01/CTr-UBND")
    assert (r.groups, r.year_round_groups, r.items) == (3, 1, 5)
    assert sorted(r.by_group, key=group_order)[-1].startswith("10.")
    assert {q: (c.assigned, c.open_overdue) for q, c in r.by_quarter.items()} == {
        0: (2, 0), 2: (1, 1), 3: (1, 0), 4: (1, 0)}


def test_a_bad_row_writes_nothing(office, tmp_path):
    from tracker.services.directives import add_directive
    from tracker.services.errors import ValidationError
    from tracker.services.programme import import_programme
    from tracker.services.query import TaskFilter, count_tasks

    add_directive(office, "01/CTr-UBND", type_code="CTr", issuer="UBND thành phố",
                  date="05/01/2021", title="Chương trình công tác năm 2021")
    path = tmp_path / "ctr.csv"
    path.write_text(SHEET.replace(",P5,", ",Phòng Không Có,"), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        import_programme(office, str(path), directive="01/CTr-UBND", year=2021)
    assert err.value.fields["row"] == 10
    assert count_tasks(office, TaskFilter()) == 0


def test_programme_commands(office, run, tmp_path):
    from tracker.services.directives import add_directive

    add_directive(office, "01/CTr-UBND", type_code="CTr", issuer="UBND thành phố",
                  date="05/01/2021", title="Chương trình công tác năm 2021")
    path = tmp_path / "ctr.csv"
    path.write_text(SHEET, encoding="utf-8")
    res = run("programme", "import", str(path), "--directive", "01/CTr-UBND", "--year", "2021")
    assert res.code == 0, res.stderr
    assert "5 nội dung trong 3 nhóm công việc — thêm 5, không đổi 0" in res.stderr
    # a second time: nothing added, and why — the items are there (as other imports say it)
    res = run("programme", "import", str(path), "--directive", "01/CTr-UBND", "--year", "2021")
    assert res.code == 0, res.stderr
    assert "thêm 0, không đổi 5 (nội dung đã có trong văn bản 01/CTr-UBND)" in res.stderr
    res = run("programme", "import", str(path), "--directive", "01/CTr-UBND", "--year", "2021", lang="en")
    assert "added 0, unchanged 5 (items 01/CTr-UBND has already)" in res.stderr
    res = run("programme", "report", "--directive", "01/CTr-UBND")
    assert res.code == 0, res.stderr
    assert "3 nhóm công việc (1 nhóm xuyên suốt cả năm, 2 nhóm theo quý) với 5 nội dung" \
        in res.stdout
    assert res.stdout.index("2. Công tác quy") < res.stdout.index("10. Công tác cải")


def test_the_signature_below_the_sheet_is_no_group(office, run, tmp_path):
    from tracker.services.directives import add_directive

    add_directive(office, "01/CTr-UBND", type_code="CTr", issuer="UBND thành phố",
                  date="05/01/2021", title="Chương trình công tác năm 2021")
    path = tmp_path / "ctr.csv"
    path.write_text(SHEET + ",,,,,,,,\n,Người lập biểu,,KT. CHỦ TỊCH,,,,,\n,,,PHÓ CHỦ TỊCH,,,,,\n", encoding="utf-8")
    res = run("programme", "import", str(path), "--directive", "01/CTr-UBND", "--year", "2021")
    assert res.code == 0, res.stderr
    assert "5 nội dung trong 3 nhóm công việc — thêm 5, không đổi 0" in res.stderr


def test_the_year_is_the_one_the_directive_s_title_names(office, run, tmp_path):
    """`--year` was required even when the directive is "Chương trình công tác năm 2021": now
    the title's year is taken (and said), and a title naming none asks for --year, writing
    nothing."""
    from sqlalchemy import func, select

    from tracker.services.directives import add_directive
    from tracker.store.tables import task as T

    add_directive(office, "01/CTr-UBND", type_code="CTr", issuer="UBND thành phố",
                  date="28/12/2020", title="Chương trình công tác năm 2021 của UBND thành phố")
    add_directive(office, "02/CTr-UBND", type_code="CTr", issuer="UBND thành phố",
                  date="05/01/2021", title="Chương trình công tác của UBND thành phố")
    path = tmp_path / "ctr.csv"
    path.write_text(SHEET, encoding="utf-8")
    res = run("programme", "import", str(path), "--directive", "02/CTr-UBND")
    assert res.code == 2 and "02/CTr-UBND" in res.stderr and "--year" in res.stderr
    with office.read() as conn:
        assert conn.execute(select(func.count()).select_from(T)).scalar() == 0
    res = run("programme", "import", str(path), "--directive", "01/CTr-UBND")
    assert res.code == 0, res.stderr
    assert "Năm của chương trình: 2021, theo tiêu đề văn bản 01/CTr-UBND" in res.stderr
    with office.read() as conn:  # the quarters of 2021, not of the year it was issued in
        due = dict(conn.execute(select(T.c.content, T.c.deadline)).all())
    assert due["Rà soát đất công"] == dt.date(2021, 6, 30)  # (its Quý II)
    res = run("programme", "import", str(path), "--directive", "02/CTr-UBND", "--year", "2022")
    assert res.code == 0 and "theo tiêu đề" not in res.stderr


def test_an_item_is_a_task_added_by_hand(office, run, tmp_path):
    """The programme's items were written rows of their own: the leader stored as typed ("pct
    hoang", beside the register's "PCT Hoàng Văn Lợi" — a report by leader counted him twice),
    a likely misspelling and a ward no longer active not said. Now task add's path: the
    register's spelling, each warning naming the sheet's row; an item done on the sheet is
    completed by task done's rules."""
    from tracker.services.directives import add_directive
    from tracker.services.tasks import add_task

    add_task(office, directive="67/KH-UBND", content="Việc có lãnh đạo", lead="TCKH", leader="PCT Hoàng Văn Lợi")
    add_directive(office, "01/CTr-UBND", type_code="CTr", issuer="UBND thành phố",
                  date="05/01/2021", title="Chương trình công tác năm 2021")
    assert run("unit", "edit", "P5", "--inactive").code == 0
    path = tmp_path / "ctr.csv"
    path.write_text("TT,Nội dung công việc,Cơ quan chủ trì,Lãnh đạo phụ trách,Cả năm,Quý I,Quý II,Quý III,"
                    "Quý IV,Ngày hoàn thành,Kết quả\n"
                    "1,Công tác chung,,,x,,,,,,\n"
                    ",Điều hành thu ngân sách,TCKH,pct hoang,,x,,,,20/03/2021,Báo cáo 12/BC-TCKH\n"
                    ",Báo cáo cải cách hành chính,P5,PCT Hoàng Văn Long,,,,x,,,\n", encoding="utf-8")
    res = run("programme", "import", str(path), "--directive", "01/CTr-UBND", "--year", "2021")
    assert res.code == 0, res.stderr
    assert "dòng 4: P5 (UBND Phường 5) đã ngừng hoạt động" in res.stderr, res.stderr
    assert "dòng 4: «PCT Hoàng Văn Long» là lãnh đạo phụ trách mới, gần giống PCT Hoàng Văn Lợi" in res.stderr
    import json

    got = {t["content"]: t for t in json.loads(run("task", "list", "--directive", "01/CTr-UBND",
                                                   "--format", "json").stdout)}
    done = got["Điều hành thu ngân sách"]
    assert done["leader"] == "PCT Hoàng Văn Lợi" and done["done_on"] == "2021-03-20", done
    assert done["timeliness"] == "done_on_time"
