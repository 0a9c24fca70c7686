"""A recurring duty's instance is assigned at the start of its period (or on its directive's
date when that is later), in every report by period: a monthly report owed under a 2020
directive is work of each month of 2021 it is due in (issue 18: "the rates count each due
instance like any dated task")."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

D = dt.date


def _office(ctx):
    from tracker.services import tasks
    from tracker.services.directives import add_directive
    from tracker.services.recurrence import add_recurring_task
    from tracker.services.units import add_unit

    add_unit(ctx, "TCKH", "Phòng Tài chính - Kế hoạch")
    add_directive(ctx, "45/KH-UBND", type_code="KH", issuer="UBND TP", date="15/03/2020",
                  title="Kế hoạch báo cáo kinh tế - xã hội")
    # today is 15/06/2021: its periods from March 2020 to July 2021 (the one after today's)
    add_recurring_task(ctx, directive="45/KH-UBND", content="Báo cáo tình hình kinh tế - xã hội",
                       lead="TCKH", due="Báo cáo định kỳ hằng tháng, trước ngày 20")
    # a plain task of the same directive stays assigned on the directive's date
    tasks.add_task(ctx, directive="45/KH-UBND", content="Rà soát quy hoạch", lead="TCKH",
                   due="30/06/2021")


def _assigned(ctx) -> dict[str, D]:
    from tracker.store.tables import task as T

    with ctx.read() as conn:
        return dict(conn.execute(select(T.c.period, T.c.assigned_on)
                                 .where(T.c.period.isnot(None))).all())


def test_the_year_by_assigned_date_counts_its_instances(ctx, run):
    _office(ctx)
    assert _assigned(ctx)["2020-03"] == D(2020, 3, 15)  # not before its directive
    assert _assigned(ctx)["2021-05"] == D(2021, 5, 1)
    res = run("report", "summary", "--period", "năm 2021", "--format", "json")
    assert res.code == 0, res.stderr
    totals = json.loads(res.stdout)["totals"]
    assert totals["assigned"] == 7  # January to July 2021; the plain task is of 2020
    assert (totals["done_on_time"], totals["open_on_time"], totals["open_overdue"]) == (0, 2, 5)
    res = run("report", "summary", "--period", "năm 2020", "--format", "json")
    assert json.loads(res.stdout)["totals"]["assigned"] == 10 + 1  # March-December 2020 + the plain one


def test_the_monthly_review_counts_each_instance_in_its_month(ctx, run):
    _office(ctx)
    res = run("report", "backlog", "--period", "tháng 5/2021", "--format", "json")
    assert res.code == 0, res.stderr
    (row,) = [r for r in json.loads(res.stdout)["rows"] if r["by"] == "unit"]
    # at the start of May: March 2020 to April 2021 (14) and the plain task, not May's,
    # June's or July's; May's assigned in May; at its end June's and July's still to come
    assert row["start_open"] == 14 + 1
    assert row["start_overdue"] == 14
    assert row["assigned"] == 1
    assert (row["end_open"], row["end_overdue"]) == (16, 15)


def test_a_new_directive_date_moves_its_instances(ctx, run):
    from tracker.services.directives import add_directive, edit_directive
    from tracker.services.tasks import edit_task

    _office(ctx)
    before = _assigned(ctx)
    edit_directive(ctx, "45/KH-UBND", issue_date="10/05/2021")
    got = _assigned(ctx)
    assert {k for k, v in got.items() if v == D(2021, 5, 10)} == {k for k in got if k <= "2021-05"}
    assert (got["2021-06"], got["2021-07"]) == (D(2021, 6, 1), D(2021, 7, 1))
    edit_directive(ctx, "45/KH-UBND", issue_date="15/03/2020")
    assert _assigned(ctx) == before
    # an instance moved to a directive issued after its period began: assigned on that date
    from tracker.store.tables import task as T

    add_directive(ctx, "60/KH-UBND", type_code="KH", issuer="UBND TP", date="12/06/2021",
                  title="Kế hoạch mới")
    with ctx.read() as conn:
        june = conn.execute(select(T.c.id).where(T.c.period == "2021-06")).scalar_one()
    edit_task(ctx, june, directive="60/KH-UBND")
    assert _assigned(ctx)["2021-06"] == D(2021, 6, 12)
