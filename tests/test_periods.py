"""The period rule: the Python form and its SQL twin answer alike, on both engines."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import and_, select, true

from tracker.domain.periods import ASSIGNED, BASES, DEADLINE, in_period, period_range

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


def test_sql_twin_agrees(ctx):
    from tracker.store.period_sql import period_where
    from tracker.store.tables import directive as Dt
    from tracker.store.tables import task as T
    from tracker.services import tasks
    from tracker.services.directives import add_directive
    from tracker.services.units import add_unit

    add_unit(ctx, "A", "Phòng A")
    cases = {}
    for i, (ddate, deadline) in enumerate(itertools.product(DAYS[1:], DAYS)):
        number = f"{i + 1}/KH-UBND"
        add_directive(ctx, number, type_code="KH", issuer="UBND TP", date=ddate.strftime("%d/%m/%Y"), title="Kế hoạch")
        due = "thường xuyên" if deadline is None else deadline.strftime("%d/%m/%Y")
        tid = tasks.add_task(ctx, directive=number, content=f"Việc {i}", lead="A", due=due).id
        cases[tid] = (ddate, deadline)
    with ctx.read() as conn:
        effective = dict(conn.execute(select(T.c.id, T.c.deadline_effective)).all())
        for basis, (start, end) in itertools.product(BASES, RANGES):
            conds = period_where(basis, start, end)
            q = (select(T.c.id).select_from(T.join(Dt, Dt.c.id == T.c.directive_id))
                 .where(and_(true(), *conds)))
            got = {r.id for r in conn.execute(q)}
            want = {tid for tid, (ddate, _d) in cases.items()
                    if in_period(basis, ddate, effective[tid], start, end)}
            assert got == want, (basis, start, end)
