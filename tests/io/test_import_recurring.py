"""A task sheet's recurring rows: "hằng tháng, trước ngày 20" makes a recurring duty (as
`task add` does), "… - tháng 05/2021" is that period's task; in the import's one transaction,
counted in its report, made once however often the sheet comes in (both engines).

Dates worked out by hand (today 15/06/2021, the directive of 05/01/2021): monthly by the 20th
from January 2021 to July (the month after today's) — 7 periods; quarterly by the 15th of the
quarter's last month, Q1 to Q3 — 3; half-yearly by 15/6 and 15/12 — 2021-H1 and H2, 2; yearly
by 31/12 — 2021 and 2022, 2.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from tracker.services.importing import import_files
from tracker.store.tables import recurrence as R
from tracker.store.tables import task as T

D = dt.date
HEADER = ("Mã nhiệm vụ,Số ký hiệu,Nội dung nhiệm vụ,Đơn vị chủ trì,Lãnh đạo phụ trách,Thời hạn,"
          "Trạng thái,Ngày hoàn thành,Tiến độ thực hiện\n")
MONTHLY = "Báo cáo tình hình kinh tế - xã hội tháng"
ROWS = [
    f",15/QĐ-UBND,{MONTHLY},TCKH,PCT Hoàng Nam,\"Báo cáo định kỳ hằng tháng, trước ngày 20\",,,",
    # January's and February's reports, each on its own row (a key names each)
    f"BC-01,15/QĐ-UBND,{MONTHLY},TCKH,PCT Hoàng Nam,\"Báo cáo định kỳ hằng tháng, trước ngày 20 - "
    "tháng 01/2021\",Đã hoàn thành,18/01/2021,",
    # 20/02/2021 is a Saturday: due by Monday the 22nd, done on the 25th: late
    f"BC-02,15/QĐ-UBND,{MONTHLY},TCKH,PCT Hoàng Nam,\"Báo cáo định kỳ hằng tháng, trước ngày 20 — "
    "tháng 02/2021\",Đã hoàn thành,25/02/2021,",
    ",15/QĐ-UBND,Báo cáo quý,QLDT,,\"hằng quý, trước ngày 15 của tháng cuối quý\",,,",
    ",15/QĐ-UBND,Báo cáo 6 tháng,QLDT,,\"6 tháng, trước 15/6 và 15/12\",,,",
    ",15/QĐ-UBND,Báo cáo năm,P5,,hằng năm trước 31/12,,,",
    "QH-01,15/QĐ-UBND,Lập quy hoạch phân khu,QLDT,,Quý II/2021,,,",
]


@pytest.fixture
def office2021(office):
    from tracker.services.directives import add_directive

    add_directive(office, "15/QĐ-UBND", type_code="QĐ", issuer="UBND thành phố", date="05/01/2021",
                  title="Quy chế chế độ báo cáo định kỳ")
    return office


def sheet(write, rows=ROWS, name="tasks.csv") -> str:
    return write(name, HEADER + "\n".join(rows) + "\n")


def periods(ctx) -> dict[str, list]:
    """content -> [(period, deadline, effective, status, done on)] of each recurrence."""
    with ctx.read() as conn:
        rows = conn.execute(select(R.c.content, T.c.period, T.c.deadline, T.c.deadline_effective,
                                   T.c.status, T.c.done_on)
                            .select_from(T.join(R, R.c.id == T.c.recurrence_id))
                            .order_by(R.c.id, T.c.period)).all()
    out: dict[str, list] = {}
    for content, *rest in rows:
        out.setdefault(content, []).append(tuple(rest))
    return out


def test_recurring_rows_make_duties_and_their_periods(office2021, write):
    ctx = office2021
    report = import_files(ctx, [sheet(write)])
    assert report.ok, [p.message() for p in report.problems]
    f = report.files[0]
    assert (f.rows, f.added, f.recurring, f.periods, f.unchanged) == (7, 3, 4, 12, 0)
    assert "4 nhiệm vụ định kỳ mới, 12 kỳ đã lập" in "\n".join(report.summary_lines())
    got = periods(ctx)
    assert got[MONTHLY] == [
        ("2021-01", D(2021, 1, 20), D(2021, 1, 20), "done", D(2021, 1, 18)),   # the sheet's row
        ("2021-02", D(2021, 2, 20), D(2021, 2, 22), "done", D(2021, 2, 25)),   # the sheet's row
        ("2021-03", D(2021, 3, 20), D(2021, 3, 22), "open", None),
        ("2021-04", D(2021, 4, 20), D(2021, 4, 20), "open", None),
        ("2021-05", D(2021, 5, 20), D(2021, 5, 20), "open", None),
        ("2021-06", D(2021, 6, 20), D(2021, 6, 21), "open", None),
        ("2021-07", D(2021, 7, 20), D(2021, 7, 20), "open", None),
    ]
    assert [p[:2] for p in got["Báo cáo quý"]] == [
        ("2021-Q1", D(2021, 3, 15)), ("2021-Q2", D(2021, 6, 15)), ("2021-Q3", D(2021, 9, 15))]
    assert [p[:2] for p in got["Báo cáo 6 tháng"]] == [
        ("2021-H1", D(2021, 6, 15)), ("2021-H2", D(2021, 12, 15))]
    assert [p[:3] for p in got["Báo cáo năm"]] == [
        ("2021", D(2021, 12, 31), D(2021, 12, 31)),
        ("2022", D(2022, 12, 31), D(2023, 1, 3))]  # Saturday; Monday 02/01/2023 New Year's
    with ctx.read() as conn:
        duty = conn.execute(select(R).where(R.c.content == MONTHLY)).one()
        # what `task add` stores: the rule as written, from the directive's date
        assert (duty.rule_text, duty.starts_on, duty.leader) == (
            "Báo cáo định kỳ hằng tháng, trước ngày 20", D(2021, 1, 5), "PCT Hoàng Nam")
        plain = conn.execute(select(T.c.deadline, T.c.recurrence_id)
                             .where(T.c.content == "Lập quy hoạch phân khu")).one()
        assert plain == (D(2021, 6, 30), None)


def test_the_same_sheet_again_changes_nothing(office2021, write):
    ctx = office2021
    path = sheet(write)
    assert import_files(ctx, [path]).ok
    before = periods(ctx)
    for update in (False, True):
        again = import_files(ctx, [path], update=update).files[0]
        assert (again.added, again.updated, again.skipped, again.recurring, again.periods,
                again.unchanged) == (0, 0, 0, 0, 0, 7)
    assert periods(ctx) == before


def test_a_dry_run_writes_nothing(office2021, write):
    from test_import import state

    ctx = office2021
    before = state(ctx)
    report = import_files(ctx, [sheet(write)], dry_run=True)
    assert report.ok and not report.committed
    assert report.files[0].recurring == 4
    assert state(ctx) == before


def test_a_duty_changed_in_the_sheet(office2021, write):
    ctx = office2021
    assert import_files(ctx, [sheet(write)]).ok
    moved = [ROWS[0].replace(",TCKH,", ",QLDT,")] + ROWS[1:]
    skipped = import_files(ctx, [sheet(write, moved, "moved.csv")])
    assert skipped.ok and skipped.files[0].skipped == 1
    assert [w.key for w in skipped.warnings] == ["import.differs"]
    updated = import_files(ctx, [sheet(write, moved, "moved.csv")], update=True)
    assert updated.ok and updated.files[0].updated == 1
    with ctx.read() as conn:
        from tracker.store.tables import unit as U

        lead = conn.execute(select(U.c.code).select_from(R.join(U, U.c.id == R.c.lead_unit_id))
                            .where(R.c.content == MONTHLY)).scalar()
    assert lead == "QLDT"  # the periods to come; the ones made stay with their unit
    # another rule is refused: the old duty is stopped first
    other = [ROWS[0].replace("trước ngày 20", "trước ngày 25")] + ROWS[1:]
    refused = import_files(ctx, [sheet(write, other, "other.csv")])
    assert not refused.ok and [p.key for p in refused.problems] == ["import.recurring_rule_differs"]
    assert refused.problems[0].row == 2


@pytest.mark.parametrize("row, key", [
    # a duty's row has no status of its own
    (f",15/QĐ-UBND,{MONTHLY},TCKH,,\"hằng tháng, trước ngày 20\",Đã hoàn thành,10/06/2021,",
     "import.recurring_status"),
    # dates that cannot be
    (",15/QĐ-UBND,Báo cáo 6 tháng,QLDT,,\"6 tháng, trước 31/6 và 15/12\",,,", "import.bad_deadline"),
    (",15/QĐ-UBND,Báo cáo quý,QLDT,,\"hằng quý - tháng 05/2021\",,,", "import.bad_deadline"),
    (",15/QĐ-UBND,Báo cáo quý,QLDT,,\"hằng quý - Quý V/2021\",,,", "import.bad_deadline"),
])
def test_bad_recurring_rows_write_nothing(office2021, write, row, key):
    from test_import import state

    ctx = office2021
    before = state(ctx)
    report = import_files(ctx, [sheet(write, [row])])
    assert not report.ok and [p.key for p in report.problems] == [key]
    assert report.problems[0].row == 2
    assert state(ctx) == before


def test_cells_a_duty_does_not_keep_are_said(office2021, write):
    row = (f"BC,15/QĐ-UBND,{MONTHLY},TCKH,,\"hằng tháng, trước ngày 20\",,,"
           "\"01/02/2021: đã gửi\"")
    report = import_files(office2021, [sheet(write, [row])])
    assert report.ok
    (warning,) = report.warnings
    assert warning.key == "import.recurring_cells_left" and warning.value == "Mã nhiệm vụ, Tiến độ thực hiện"


def test_a_period_with_its_task_already_is_refused(office2021, write):
    ctx = office2021
    assert import_files(ctx, [sheet(write)]).ok
    march = (f"BC-03,15/QĐ-UBND,{MONTHLY},TCKH,,\"Báo cáo định kỳ hằng tháng, trước ngày 20 - "
             "tháng 03/2021\",Đã hoàn thành,19/03/2021,")
    report = import_files(ctx, [sheet(write, [march], "march.csv")])
    assert not report.ok
    (problem,) = report.problems
    assert problem.key == "import.recurring_period_taken" and problem.value == "tháng 03/2021"


def test_an_export_reimported_is_unchanged_and_gives_the_duties_back(office2021, write, tmp_path):
    from tracker.services.context import Context
    from tracker.services.exporter import export
    from tracker.services.tasks import complete_task, extend_task

    ctx = office2021
    assert import_files(ctx, [sheet(write)]).ok
    march = next(p for p in _ids(ctx) if p[1] == "2021-03")[0]
    extend_task(ctx, march, to="31/03/2021", reason="Chờ số liệu")
    complete_task(ctx, next(p for p in _ids(ctx) if p[1] == "2021-04")[0], on=D(2021, 4, 19))
    for fmt in ("csv", "json", "xlsx"):
        path = tmp_path / f"tasks.{fmt}"
        export(ctx, "tasks", fmt, str(path), lang="vi")
        again = import_files(ctx, [str(path)], update=True).files[0]
        assert (again.added, again.updated, again.unchanged, again.recurring, again.periods) == (
            0, 0, again.rows, 0, 0), fmt
    # the whole office into an empty store: the same tasks, the duties made again
    for kind in ("units", "directives", "tasks"):
        export(ctx, kind, "json", str(tmp_path / f"{kind}.json"), lang="vi")
    other = Context.open(f"sqlite:///{tmp_path / 'other.db'}", user="tester", create=True,
                         today=ctx.today)
    try:
        report = import_files(other, [str(tmp_path / f"{k}.json") for k in ("units", "directives", "tasks")])
        assert report.ok and report.files[2].recurring == 4 and report.files[2].periods == 0
        export(other, "tasks", "json", str(tmp_path / "again.json"), lang="vi")
        first = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
        second = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
        assert second == first
        assert periods(other) == periods(ctx)
    finally:
        other.close()


def test_a_stopped_duty_stays_stopped_in_the_store_its_export_goes_to(office2021, write, tmp_path):
    """`recurrence stop` on 31/03/2021: the export says so on each of the duty's period tasks
    ("Ngày dừng định kỳ"), and an import of it into an empty store three months on makes the
    duty stopped — its periods those of the store it came from, none after the stop — while
    the duties that run on get their periods up to the one after that day."""
    from tracker.services.context import Context
    from tracker.services.exporter import export
    from tracker.services.recurrence import list_recurrences, stop_recurrence

    ctx = office2021
    assert import_files(ctx, [sheet(write)]).ok
    monthly = next(r for r in list_recurrences(ctx) if r.content == MONTHLY)
    stop_recurrence(ctx, monthly.id, on=D(2021, 3, 31))
    before = periods(ctx)[MONTHLY]
    assert [p[0] for p in before] == [f"2021-0{m}" for m in range(1, 8)]  # April on: cancelled
    for kind in ("units", "directives"):
        export(ctx, kind, "json", str(tmp_path / f"{kind}.json"), lang="vi")
    for fmt in ("json", "csv", "xlsx"):
        export(ctx, "tasks", fmt, str(tmp_path / f"tasks.{fmt}"), lang="vi")
        other = Context.open(f"sqlite:///{tmp_path / f'other-{fmt}.db'}", user="tester", create=True,
                             today=D(2021, 9, 15))
        try:
            report = import_files(other, [str(tmp_path / "units.json"), str(tmp_path / "directives.json"),
                                          str(tmp_path / f"tasks.{fmt}")])
            assert report.ok and not report.warnings, [p.message() for p in report.problems + report.warnings]
            duties = {r.content: r for r in list_recurrences(other)}
            assert duties[MONTHLY].ends_on == D(2021, 3, 31), fmt
            assert periods(other)[MONTHLY] == before, fmt  # nothing made after the stop
            assert periods(other)["Báo cáo quý"][-1][0] == "2021-Q4"  # (a duty running on)
            assert all(r.ends_on is None for c, r in duties.items() if c != MONTHLY)
        finally:
            other.close()
    # the export read back into its own store changes nothing, and says nothing
    again = import_files(ctx, [str(tmp_path / "tasks.csv")], update=True)
    assert again.ok and not again.warnings and again.files[0].unchanged == again.files[0].rows


def test_a_stop_date_an_import_does_not_apply_is_said(office2021, write):
    """A stored duty is stopped by `tracker recurrence stop` (which cancels the periods after
    it), not by a sheet: a stop date the sheet gives it is said, and the duty runs on; on a
    row that is no recurring duty's the date is said and left out; a date that is none is an
    error (nothing written)."""
    from tracker.services.recurrence import list_recurrences

    ctx = office2021
    assert import_files(ctx, [sheet(write)]).ok
    header = HEADER.rstrip("\n") + ",Ngày dừng định kỳ\n"
    rows = [ROWS[1] + ",30/06/2021", ROWS[-1] + ",30/06/2021"]
    report = import_files(ctx, [write("stop.csv", header + "\n".join(rows) + "\n")], update=True)
    assert report.ok
    assert [(p.key, p.row) for p in report.warnings] == [("import.recurrence_end_not_applied", 2),
                                                          ("import.recurrence_end_alone", 3)]
    assert "tracker recurrence stop" in report.warnings[0].message()
    assert all(r.ends_on is None for r in list_recurrences(ctx))
    bad = import_files(ctx, [write("bad.csv", header + ROWS[0] + ",sau Tết\n")])
    assert not bad.ok and [(p.key, p.row, p.value) for p in bad.problems] == [("import.bad_date", 2, "sau Tết")]


def _ids(ctx):
    with ctx.read() as conn:
        return conn.execute(select(T.c.id, T.c.period).where(T.c.recurrence_id.isnot(None))).all()


def test_the_task_form_and_the_import_read_the_same_words(office2021):
    """One reader: what `task add` (and the app's form) makes of the words, an import makes."""
    from tracker.services import tasks

    view = tasks.add_task(office2021, directive="15/QĐ-UBND", content="Báo cáo tuần", lead="TCKH",
                          due="hằng quý, trước ngày 15 của tháng cuối quý")
    assert view.deadline == D(2021, 3, 15)
    with office2021.read() as conn:
        assert conn.execute(select(R.c.rule_text, R.c.starts_on)).one() == (
            "hằng quý, trước ngày 15 của tháng cuối quý", D(2021, 1, 5))


def test_a_periods_row_without_a_key_is_that_periods_task(office2021, write):
    """Rows naming no key or id are matched by directive, content — and their period, which
    the duty's tasks do not share: imported again unchanged; a row saying a period made by the
    duty is done updates it (--update); two rows of one period are one too many."""
    ctx = office2021
    keyless = [ROWS[0], ROWS[1].replace("BC-01,", ",", 1), ROWS[2].replace("BC-02,", ",", 1)]
    assert import_files(ctx, [sheet(write, keyless)]).ok
    again = import_files(ctx, [sheet(write, keyless)]).files[0]
    assert (again.added, again.unchanged, again.skipped, again.periods) == (0, 3, 0, 0)
    march = (f",15/QĐ-UBND,{MONTHLY},TCKH,PCT Hoàng Nam,\"Báo cáo định kỳ hằng tháng, trước ngày 20 - "
             "tháng 03/2021\",Đã hoàn thành,19/03/2021,")
    skipped = import_files(ctx, [sheet(write, keyless + [march])])
    assert skipped.ok and skipped.files[0].skipped == 1 and skipped.files[0].added == 0
    updated = import_files(ctx, [sheet(write, keyless + [march])], update=True)
    assert updated.ok and updated.files[0].updated == 1
    assert periods(ctx)[MONTHLY][2] == ("2021-03", D(2021, 3, 20), D(2021, 3, 22), "done", D(2021, 3, 19))
    twice = import_files(ctx, [sheet(write, keyless + [march, march])])
    assert [p.key for p in twice.problems] == ["import.duplicate_row"]


def test_a_periods_task_moved_to_another_directive_is_assigned_again(office2021, write):
    """January's report moved by an update sheet to a plan of 10/01/2021: assigned that day
    (the start of its period, or its directive's date when later), as `task edit` does."""
    from tracker.services.directives import add_directive

    ctx = office2021
    assert import_files(ctx, [sheet(write)]).ok
    add_directive(ctx, "20/KH-UBND", type_code="KH", issuer="UBND thành phố", date="10/01/2021",
                  title="Kế hoạch báo cáo")

    def assigned() -> dt.date:
        with ctx.read() as conn:
            return conn.execute(select(T.c.assigned_on).where(T.c.ext_key == "BC-01")).scalar_one()

    assert assigned() == D(2021, 1, 5)  # its directive's date, after the period began
    moved = write("move.csv", "Mã nhiệm vụ,Số ký hiệu\nBC-01,20/KH-UBND\n")
    report = import_files(ctx, [moved], update=True)
    assert report.ok and report.files[0].updated == 1, [p.message() for p in report.problems]
    assert assigned() == D(2021, 1, 10)
