"""The status rule's Python form and SQL form give the same answers (DESIGN §3)."""
import datetime as dt

import pytest
from sqlalchemy import insert, select

from tracker.domain import status as S
from tracker.store.status_sql import days_overdue_expr, timeliness_expr, timeliness_where
from tracker.store.tables import directive as D, task as T, unit as U

TODAY = dt.date(2021, 6, 15)
d = dt.date

# (status, deadline in force, done_on, expected timeliness, expected days overdue)
CASES = [
    ("open", d(2021, 6, 15), None, S.OPEN_ON_TIME, 0),        # the deadline day itself
    ("open", d(2021, 6, 14), None, S.OPEN_OVERDUE, 1),        # one day past
    ("open", d(2021, 6, 16), None, S.OPEN_ON_TIME, 0),
    ("open", d(2020, 12, 31), None, S.OPEN_OVERDUE, 166),
    ("open", None, None, S.NO_DEADLINE, 0),                   # ongoing
    ("done", d(2021, 6, 10), d(2021, 6, 10), S.DONE_ON_TIME, 0),  # done on the day
    ("done", d(2021, 6, 10), d(2021, 6, 11), S.DONE_LATE, 0),
    ("done", d(2021, 6, 10), d(2021, 5, 1), S.DONE_ON_TIME, 0),
    ("done", d(2021, 7, 1), d(2021, 6, 14), S.DONE_ON_TIME, 0),   # done before a future deadline
    ("done", None, d(2021, 6, 1), S.NO_DEADLINE, 0),
    ("cancelled", d(2021, 1, 1), None, S.CANCELLED_KEY, 0),   # cancelled leaves every rate
    ("cancelled", None, None, S.CANCELLED_KEY, 0),
    # an extension moves the deadline in force: overdue by the original, on time by the new
    ("open", d(2021, 6, 30), None, S.OPEN_ON_TIME, 0),
    ("done", d(2021, 6, 30), d(2021, 6, 20), S.DONE_ON_TIME, 0),
]


def test_python_form_table():
    for status, deadline, done_on, expected, days in CASES:
        assert S.timeliness(status, deadline, done_on, TODAY) == expected, (status, deadline, done_on)
        assert S.days_overdue(status, deadline, TODAY) == days


def _load(conn):
    conn.execute(insert(U).values(id=1, code="U", name="U", name_folded="u", kind="other",
                                  aliases="", aliases_folded="", active=True))
    conn.execute(insert(D).values(id=1, number="1/KH-UBND", number_key="1/kh-ubnd", type_code="KH",
                                  issuer="UBND", issue_date=d(2021, 1, 1), title="t", title_folded="t",
                                  signer="", notes="", version=1))
    import datetime
    now = datetime.datetime(2021, 1, 1)
    for i, (status, deadline, done_on, _e, _d) in enumerate(CASES, start=1):
        conn.execute(insert(T).values(
            id=i, directive_id=1, content=f"c{i}", content_folded=f"c{i}", lead_unit_id=1, leader="",
            work_group="", deadline=deadline, deadline_text="", deadline_kind="exact",
            deadline_effective=deadline, original_deadline=deadline, original_deadline_text="",
            status=status, done_on=done_on, proof="", cancel_reason="", notes="",
            created_at=now, updated_at=now, version=1))


def test_sql_form_agrees_with_python(ctx):
    with ctx.engine.begin() as conn:
        _load(conn)
    with ctx.engine.connect() as conn:
        rows = conn.execute(select(T.c.id, timeliness_expr(TODAY).label("k"),
                                   days_overdue_expr(TODAY, ctx.dialect).label("n"))
                            .order_by(T.c.id)).all()
    assert len(rows) == len(CASES)
    for (tid, key, days), (status, deadline, done_on, expected, exp_days) in zip(rows, CASES):
        py = S.timeliness(status, deadline, done_on, TODAY)
        assert key == py == expected, (tid, status, deadline, done_on)
        assert int(days) == S.days_overdue(status, deadline, TODAY) == exp_days


@pytest.mark.parametrize("key", S.TIMELINESS)
def test_sargable_filter_selects_same_rows_as_case(ctx, key):
    with ctx.engine.begin() as conn:
        _load(conn)
    with ctx.engine.connect() as conn:
        by_where = {r[0] for r in conn.execute(select(T.c.id).where(timeliness_where([key], TODAY)))}
        by_case = {r[0] for r in conn.execute(select(T.c.id).where(timeliness_expr(TODAY) == key))}
    expected = {i for i, c in enumerate(CASES, start=1) if c[3] == key}
    assert by_where == by_case == expected


def test_rates():
    assert S.rates(6, 1, 1) == (7 / 8, 1 / 7)
    assert S.rates(0, 0, 0) == (None, None)
    assert S.rates(0, 0, 3) == (0.0, None)


# --- property: random tasks, random today, both engines (issue 15) -------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_days = st.dates(min_value=d(2019, 1, 1), max_value=d(2023, 12, 31))
_tasks = st.lists(st.tuples(st.sampled_from(["open", "done", "cancelled"]),
                            st.one_of(st.none(), _days),  # deadline in force (None: ongoing)
                            _days),                       # done on (used when done)
                  min_size=1, max_size=40)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(tasks=_tasks, today=_days)
def test_python_and_sql_rules_agree_on_random_tasks(ctx, tasks, today):
    """The Python rule and its SQL twin give every random task the same timeliness and days
    overdue, and the sargable filter selects exactly the rows the CASE names."""
    from sqlalchemy import delete

    now = dt.datetime(2021, 1, 1)
    with ctx.engine.begin() as conn:
        conn.execute(delete(T))
        if conn.execute(select(U.c.id)).first() is None:
            conn.execute(insert(U).values(id=1, code="U", name="U", name_folded="u", kind="other",
                                          aliases="", aliases_folded="", active=True))
            conn.execute(insert(D).values(id=1, number="1/KH-UBND", number_key="1/kh-ubnd", type_code="KH",
                                          issuer="UBND", issue_date=d(2019, 1, 1), title="t",
                                          title_folded="t", signer="", notes="", version=1))
        conn.execute(insert(T), [dict(
            id=i, directive_id=1, content=f"c{i}", content_folded=f"c{i}", lead_unit_id=1, leader="",
            work_group="", deadline=deadline, deadline_text="", deadline_kind="exact",
            deadline_effective=deadline, original_deadline=deadline, original_deadline_text="",
            status=status, done_on=done_on if status == "done" else None, proof="", cancel_reason="",
            notes="", created_at=now, updated_at=now, version=1)
            for i, (status, deadline, done_on) in enumerate(tasks, start=1)])
    with ctx.engine.connect() as conn:
        rows = dict((r[0], (r[1], int(r[2] or 0))) for r in conn.execute(select(
            T.c.id, timeliness_expr(today), days_overdue_expr(today, ctx.dialect))))
        for key in S.TIMELINESS:
            by_where = {r[0] for r in conn.execute(select(T.c.id).where(timeliness_where([key], today)))}
            assert by_where == {i for i, (k, _n) in rows.items() if k == key}, key
    for i, (status, deadline, done_on) in enumerate(tasks, start=1):
        done_on = done_on if status == "done" else None
        assert rows[i] == (S.timeliness(status, deadline, done_on, today),
                           S.days_overdue(status, deadline, today)), (status, deadline, done_on, today)
