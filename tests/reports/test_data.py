"""Report data: the partition of counts, rates from the one status rule, totals, and
the worst-first order of the overdue report."""
from __future__ import annotations

import datetime as dt

import pytest

from report_samples import TODAY, build_overdue_report, overdue_report
from tracker.domain.status import rates
from tracker.reports.data import (
    BY_UNIT, Counts, OverdueGroup, SummaryReport, SummaryRow, TaskLine)


def test_counts_partition_and_rates_come_from_the_status_rule():
    c = Counts(done_on_time=40, done_late=6, open_on_time=10, open_overdue=4, no_deadline=3,
               cancelled=1)
    assert c.assigned == 64
    assert c.done == 46 and c.open == 14 and c.fallen_due == 50
    assert (c.completion_rate, c.late_share) == rates(40, 6, 4)
    assert c.completion_rate == pytest.approx(46 / 50)
    assert c.late_share == pytest.approx(6 / 46)
    d = c.as_dict()
    assert d["assigned"] == 64 and d["cancelled"] == 1 and len(d) == 7


def test_rates_undefined_when_nothing_fell_due():
    c = Counts(open_on_time=3, no_deadline=2)
    assert c.completion_rate is None and c.late_share is None
    c = Counts(open_overdue=2)
    assert c.completion_rate == 0.0 and c.late_share is None


def test_totals_are_the_sum_of_rows():
    rows = (SummaryRow("a", "A", Counts(1, 2, 3, 4, 5, 6)),
            SummaryRow("b", "B", Counts(10, 20, 30, 40, 50, 60)))
    r = SummaryReport(by=BY_UNIT, today=TODAY, rows=rows)
    assert r.totals == Counts(11, 22, 33, 44, 55, 66)
    assert r.totals.assigned == 21 + 210


def test_totals_given_by_the_query_are_kept():
    rows = (SummaryRow("a", "A", Counts(1, 0, 0, 0)),)
    r = SummaryReport(by=BY_UNIT, today=TODAY, rows=rows, totals=Counts(5, 0, 0, 0))
    assert r.totals.done_on_time == 5


def test_unknown_breakdown_is_refused():
    with pytest.raises(ValueError):
        SummaryReport(by="colour", today=TODAY, rows=())


def test_overdue_groups_worst_first_and_longest_first_inside():
    r = overdue_report()
    assert [g.unit for g in r.groups] == [
        # two tasks each: the longer overdue first; then the unit with one task
        "Phòng Tài chính - Kế hoạch", "UBND Phường 5", "Phòng Quản lý đô thị"]
    assert [ln.task_id for ln in r.groups[1].lines] == [44, 7]
    assert r.total_overdue == 5 and r.unit_count == 3 and r.due_soon_total == 2
    assert [ln.task_id for ln in r.due_soon] == [51, 52]
    assert r.due_soon[0].days_left == 0 and r.due_soon[1].days_left == 5
    assert not r.is_empty
    assert [ln.task_id for ln in r.lines()] == [12, 15, 44, 7, 31]


def test_group_counts_beyond_the_listed_lines():
    line = TaskLine(1, "U", "1/KH-UBND", "x", dt.date(2021, 1, 1), days_overdue=9)
    g = OverdueGroup("U", (line,), count=4, max_days=30)
    assert g.hidden == 3 and g.max_days == 30
    g = OverdueGroup("U", (line,))
    assert g.count == 1 and g.max_days == 9 and g.hidden == 0


def test_empty_overdue_report():
    r = build_overdue_report([], TODAY)
    assert r.is_empty and r.unit_count == 0 and r.total_overdue == 0
