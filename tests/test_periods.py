"""The period rule: the Python form and its SQL twin answer alike, on both engines."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import and_, select, true

from tracker.domain.periods import (ASSIGNED, BASES, DEADLINE, in_period, instance_assigned_on,
                                    period_name, period_range)

D = dt.date
DAYS = (None, D(2020, 12, 31), D(2021, 1, 1), D(2021, 6, 30), D(2021, 12, 31), D(2022, 1, 1))
RANGES = ((None, None), (D(2021, 1, 1), D(2021, 12, 31)), (D(2021, 1, 1), None),
          (None, D(2021, 6, 30)))


def test_in_period_by_basis():
    assert in_period(ASSIGNED, D(2020, 1, 10), D(2021, 6, 18), D(2021, 1, 1), D(2021, 12, 31)) is False
    assert in_period(DEADLINE, D(2020, 1, 10), D(2021, 6, 18), D(2021, 1, 1), D(2021, 12, 31)) is True
    assert in_period(DEADLINE, D(2020, 1, 10), None, D(2021, 1, 1), D(2021, 12, 31)) is False
    with pytest.raises(ValueError):
        in_period("issued", D(2020, 1, 1), None, None, None)


def test_period_range_forms():
    today = D(2021, 6, 15)
    assert period_range("Quý II/2021", today) == (D(2021, 4, 1), D(2021, 6, 30))
    assert period_range("2020", today) == (D(2020, 1, 1), D(2020, 12, 31))
    assert period_range("6 tháng đầu năm 2021", today) == (D(2021, 1, 1), D(2021, 6, 30))
    # two days: the span (it was its first day alone, or its last, as the words fell)
    for typed in ("01/01/2021-31/03/2021", "từ 01/01/2021 đến 31/03/2021", "01/01 - 31/03/2021"):
        assert period_range(typed, today) == (D(2021, 1, 1), D(2021, 3, 31)), typed
    assert period_range("15/03/2021", today) == (D(2021, 3, 15), D(2021, 3, 15))
    assert period_range("từ tháng 1 đến tháng 3/2021", today) == (D(2021, 1, 1), D(2021, 3, 31))


@pytest.mark.parametrize("typed, name", [
    ("quy 2", "Quý II/2021"), ("Q2/2021", "Quý II/2021"), ("quý IV/2020", "Quý IV/2020"),
    ("tháng 5", "tháng 05/2021"), ("thang 2/2024", "tháng 02/2024"), ("2020", "năm 2020"),
    ("6 tháng đầu năm", "6 tháng đầu năm 2021"), ("6 thang cuoi nam 2020", "6 tháng cuối năm 2020"),
    ("9 tháng đầu năm 2021", "9 tháng đầu năm 2021"), ("3 tháng cuối năm 2021", "Quý IV/2021"),
    ("15/03/2021", None)])
def test_a_whole_period_is_named_in_an_office_s_words_however_typed(typed, name):
    """What a report's heading and its signed paper call the period: the words a recurring
    task's deadline writes (``Period.words``), not the clerk's "quy 2"."""
    assert period_name(*period_range(typed, D(2021, 6, 15))) == name


@pytest.mark.parametrize("typed, name", [
    ("tháng trước", "tháng 05/2021"), ("THANG NAY", "tháng 06/2021"), ("quý trước", "Quý I/2021"),
    ("quý này", "Quý II/2021"), ("năm ngoái", "năm 2020"), ("năm trước", "năm 2020"),
    ("năm nay", "năm 2021"), ("last month", "tháng 05/2021"), ("this quarter", "Quý II/2021")])
def test_a_period_named_from_today_as_a_monthly_cron_job_asks(typed, name):
    """`report backlog --period "tháng trước"` on the 1st of each month (the month just ended)
    was refused: the cron line had to compute the month in the shell."""
    assert period_name(*period_range(typed, D(2021, 6, 15))) == name


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)))
def test_the_period_before_ends_the_day_before_this_one_starts(today):
    for unit in ("tuần", "tháng", "quý", "năm"):
        (start, end), (last_start, last_end) = (period_range(f"{unit} này", today),
                                                period_range(f"{unit} trước", today))
        assert start <= today <= end and last_end == start - dt.timedelta(days=1)
        assert (end - start).days == 6 if unit == "tuần" else period_name(start, end) is not None
        assert last_start.weekday() == 0 if unit == "tuần" else last_start.day == 1


def test_a_report_over_two_months_or_quarters_counts_both():
    assert period_range("tháng 6-7/2021", D(2021, 6, 15)) == (D(2021, 6, 1), D(2021, 7, 31))
    assert period_range("Quý II-III/2021", D(2021, 6, 15)) == (D(2021, 4, 1), D(2021, 9, 30))
    assert period_range("giai đoạn 2021-2025", D(2021, 6, 15)) == (D(2021, 1, 1), D(2025, 12, 31))


def test_a_span_that_is_no_whole_period_has_no_name():
    assert period_name(D(2021, 1, 1), D(2021, 6, 15)) is None
    assert period_name(D(2021, 2, 1), D(2021, 4, 30)) is None  # (three months, no quarter)
    assert period_name(D(2021, 12, 1), D(2022, 1, 31)) is None
    assert period_name(None, D(2021, 6, 30)) is None


def test_an_instance_is_assigned_at_the_start_of_its_period():
    # a monthly report of a 2020 directive due in May 2021 is work assigned in May 2021
    assert instance_assigned_on(D(2021, 5, 1), D(2020, 1, 10)) == D(2021, 5, 1)
    # the period of the directive's own month: not before the directive was issued
    assert instance_assigned_on(D(2020, 1, 1), D(2020, 1, 10)) == D(2020, 1, 10)
    may = instance_assigned_on(D(2021, 5, 1), D(2020, 1, 10))
    assert in_period(ASSIGNED, may, D(2021, 5, 20), D(2021, 1, 1), D(2021, 12, 31)) is True
    assert in_period(ASSIGNED, may, D(2021, 5, 20), D(2021, 4, 1), D(2021, 4, 30)) is False


def test_sql_twin_agrees(ctx):
    from tracker.store.period_sql import period_where
    from tracker.store.tables import directive as Dt
    from tracker.store.tables import task as T
    from tracker.services import tasks
    from tracker.services.directives import add_directive
    from tracker.services.recurrence import add_recurring_task
    from tracker.services.units import add_unit

    add_unit(ctx, "A", "Phòng A")
    cases = {}
    for i, (ddate, deadline) in enumerate(itertools.product(DAYS[1:], DAYS)):
        number = f"{i + 1}/KH-UBND"
        add_directive(ctx, number, type_code="KH", issuer="UBND TP", date=ddate.strftime("%d/%m/%Y"), title="Kế hoạch")
        due = "thường xuyên" if deadline is None else deadline.strftime("%d/%m/%Y")
        tid = tasks.add_task(ctx, directive=number, content=f"Việc {i}", lead="A", due=due).id
        cases[tid] = (ddate, deadline)
    # recurring duties' instances: assigned at the start of their period, or on their
    # directive's date when later (a yearly duty of a directive of 31/12/2019: its 2019's
    # on that day, its 2020's on 1/1/2020; the first of a directive of 30/06/2021 is July's)
    for n, ddate in (("90/KH-UBND", D(2020, 12, 31)), ("91/KH-UBND", D(2021, 6, 30)),
                     ("92/KH-UBND", D(2019, 12, 31))):
        add_directive(ctx, n, type_code="KH", issuer="UBND TP", date=ddate.strftime("%d/%m/%Y"), title="Kế hoạch")
        add_recurring_task(ctx, directive=n, content=f"Báo cáo tháng {n}", lead="A",
                           due="Báo cáo định kỳ hằng tháng, trước ngày 20")
    add_recurring_task(ctx, directive="92/KH-UBND", content="Báo cáo năm", lead="A",
                       due="hằng năm trước 31/12")
    with ctx.read() as conn:
        rows = conn.execute(select(T.c.id, T.c.deadline_effective, T.c.assigned_on, Dt.c.issue_date)
                            .select_from(T.join(Dt, Dt.c.id == T.c.directive_id))).all()
        effective = {r.id: r.deadline_effective for r in rows}
        assigned = {r.id: r.assigned_on or r.issue_date for r in rows}
        instances = {r.id: r.assigned_on for r in rows if r.assigned_on is not None}
        assert len(instances) == 7 + 1 + 19 + 4  # (up to July 2021: today is 15/06/2021)
        assert {D(2019, 12, 31), D(2020, 1, 1), D(2021, 1, 1), D(2021, 7, 1),
                D(2022, 1, 1)} <= set(instances.values())
        for basis, (start, end) in itertools.product(BASES, RANGES):
            conds = period_where(basis, start, end)
            q = (select(T.c.id).select_from(T.join(Dt, Dt.c.id == T.c.directive_id))
                 .where(and_(true(), *conds)))
            got = {r.id for r in conn.execute(q)}
            want = {r.id for r in rows if in_period(basis, assigned[r.id], effective[r.id], start, end)}
            assert got == want, (basis, start, end)
        # the instances of 2021 of the 2019 and 2020 directives are in 2021 by assigned date
        year = set(conn.execute(select(T.c.id).select_from(T.join(Dt, Dt.c.id == T.c.directive_id))
                                .where(and_(*period_where(ASSIGNED, D(2021, 1, 1), D(2021, 12, 31)))))
                   .scalars())
        assert {t for t, day in instances.items() if day.year == 2021} <= year


@pytest.mark.parametrize("typed,first,last", [
    ("6 tháng năm 2021", dt.date(2021, 1, 1), dt.date(2021, 6, 30)),
    ("9 tháng năm 2021", dt.date(2021, 1, 1), dt.date(2021, 9, 30)),
    ("6 tháng 2021", dt.date(2021, 1, 1), dt.date(2021, 6, 30)),
    ("Sáu tháng năm 2021", dt.date(2021, 1, 1), dt.date(2021, 6, 30)),
])
def test_the_half_year_report_s_name_is_the_first_months(typed, first, last):
    """'báo cáo 6 tháng năm 2021' names the first half year: it was read as the whole year
    ('năm 2021' found, '6 tháng' dropped without a word)."""
    assert period_range(typed, dt.date(2021, 6, 15)) == (first, last)
