"""The monthly and quarterly review and the Monday briefing against figures counted by hand
from the sample office's own files — not by the code under test.

How the figures are counted (``HandOffice`` below: plain csv/openpyxl reading, no import of
tracker's deadline reader, calendar, recurrence or status rule):

- sample_data/tasks.csv: each row's deadline read from the words as written, with the forms
  the sample uses ("trước ngày 30/6/2021", "trong tháng 3/2020", "Quý II/2021", "6 tháng đầu
  năm 2021", "năm 2021", "trong 10 ngày" and "trong 05 ngày làm việc" from the directive's
  date, a date after an extension, "thường xuyên": none); the day a deadline is met is the
  first working day from it — Saturdays, Sundays and the days off below, as the government
  announced them; status, done date from their columns; the lead unit by the names of
  units.csv;
- a recurring duty's row (its rule in RULES, each period's date worked out by hand) has a
  task for every period from its directive's date to the period after today's (15/06/2021):
  the period's own row ("… - tháng 01/2021") when the sheet has one, else an open task due by
  the rule's date; each is assigned on the first day of its period, or on its directive's
  date when that is later (May's report is work assigned in May);
- sample_data/programme.xlsx: each item under its group, due by the end of the last quarter
  marked on its row (else its group's), or of 2021 for an all-year group; done on its date.

Then each report's definition, in plain Python: ``backlog`` — outstanding on a day: assigned
by then (on its directive's date; a duty's period at its start, as above), with a deadline, not cancelled, not done by then; overdue then:
outstanding and the deadline met-by day before it; assigned in the period; done in it on time
or late — and ``week`` — open tasks due this week or the next, open tasks due last week, tasks
done last week.  The totals are also written out literally, as counted on 15/06/2021.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
D = dt.date
TODAY = D(2021, 6, 15)
ONE = dt.timedelta(days=1)

# Days off other than weekends (the Labour Code's holidays, Tết and the government's swaps)
DAYS_OFF = {
    D(2019, 1, 1), *(D(2019, 2, d) for d in range(4, 9)), D(2019, 4, 15), D(2019, 4, 29),
    D(2019, 4, 30), D(2019, 5, 1), D(2019, 9, 2),
    D(2020, 1, 1), *(D(2020, 1, d) for d in (23, 24, 27, 28, 29)), D(2020, 4, 2), D(2020, 4, 30),
    D(2020, 5, 1), D(2020, 9, 2),
    D(2021, 1, 1), *(D(2021, 2, d) for d in (10, 11, 12, 15, 16)), D(2021, 4, 21), D(2021, 4, 30),
    D(2021, 5, 3), D(2021, 9, 2), D(2021, 9, 3),
    D(2022, 1, 3), *(D(2022, 2, d) for d in (1, 2, 3, 4)), D(2022, 1, 31), D(2022, 4, 11),
    D(2022, 5, 2), D(2022, 5, 3), D(2022, 9, 1), D(2022, 9, 2),
}
WORKED_SATURDAYS = {D(2019, 1, 5), D(2019, 5, 4)}


def day_off(day: D) -> bool:
    return (day.weekday() >= 5 and day not in WORKED_SATURDAYS) or day in DAYS_OFF


def met_by(day: D | None) -> D | None:
    while day is not None and day_off(day):
        day += ONE
    return day


def working_days_after(start: D, n: int) -> D:
    day = start
    while n:
        day += ONE
        if not day_off(day):
            n -= 1
    return day


def month_end(y: int, m: int) -> D:
    return D(y + m // 12, m % 12 + 1, 1) - ONE


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
# each recurring rule of the sample: how often (months in a period) and its date in a period
RULES = {
    "hằng tháng": (1, lambda y, p: month_end(y, p)),
    "Báo cáo định kỳ hằng tháng, trước ngày 20": (1, lambda y, p: D(y, p, 20)),
    "ngày 25 hằng tháng": (1, lambda y, p: D(y, p, 25)),
    "định kỳ hằng quý": (3, lambda y, p: month_end(y, 3 * p)),
    "hằng quý, trước ngày 15 của tháng cuối quý": (3, lambda y, p: D(y, 3 * p, 15)),
    "6 tháng, trước 15/6 và 15/12": (6, lambda y, p: D(y, 6 * p, 15)),
    "hằng năm, trước ngày 05/12": (12, lambda y, p: D(y, 12, 5)),
}


def period_start(months: int, year: int, n: int) -> D:
    """The first day of the n-th period of ``months`` months in ``year``."""
    return D(year, (n - 1) * months + 1, 1)


def period_of(months: int, words: str) -> tuple[int, int]:
    """(year, number) of the period an instance's words name."""
    m = re.fullmatch(r"tháng (\d+)/(\d{4})|Quý ([IV]+)/(\d{4})|6 tháng (đầu|cuối) năm (\d{4})|năm (\d{4})", words)
    if m.group(1):
        return int(m.group(2)), int(m.group(1))
    if m.group(3):
        return int(m.group(4)), ROMAN[m.group(3)]
    if m.group(5):
        return int(m.group(6)), 1 if m.group(5) == "đầu" else 2
    return int(m.group(7)), 1


def deadline(words: str, issued: D) -> D | None:
    """A task row's deadline from its words (the forms the sample writes)."""
    words = words.strip()
    if words == "thường xuyên":
        return None
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})$", words)
    if m:  # "trước ngày 30/6/2021", "chậm nhất ngày …", "trước 14 giờ, ngày …", a date
        return D(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"trong tháng (\d+)/(\d{4})", words)
    if m:
        return month_end(int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"Quý ([IV]+)/(\d{4})", words)
    if m:
        return month_end(int(m.group(2)), 3 * ROMAN[m.group(1)])
    m = re.fullmatch(r"6 tháng (đầu|cuối) năm (\d{4})", words)
    if m:
        return month_end(int(m.group(2)), 6 if m.group(1) == "đầu" else 12)
    m = re.fullmatch(r"năm (\d{4})", words)
    if m:
        return D(int(m.group(1)), 12, 31)
    m = re.fullmatch(r"trong (\d+) ngày làm việc", words)
    if m:
        return working_days_after(issued, int(m.group(1)))
    m = re.fullmatch(r"trong (\d+) ngày", words)
    if m:
        return issued + dt.timedelta(days=int(m.group(1)))
    raise AssertionError(f"a deadline the hand count does not read: {words!r}")


def day(text: str) -> D | None:
    if not text:
        return None
    d, m, y = (int(p) for p in text.split("/"))
    return D(y, m, d)


class HandOffice:
    """The sample office's tasks as (unit, leader, assigned on, met by, status, done on)."""

    def __init__(self):
        units = {}
        with open(SAMPLE / "units.csv", encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                for written in (r["Mã đơn vị"], r["Tên đơn vị"], *r["Tên viết tắt"].split("; ")):
                    units[written] = r["Tên đơn vị"]
        self.tasks: list[tuple] = []
        duties, periods = [], {}
        with open(SAMPLE / "tasks.csv", encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                words, issued = r["Thời hạn"], day(r["Ngày ban hành"])
                unit, leader = units[r["Đơn vị chủ trì"]], r["Lãnh đạo phụ trách"]
                status = {"Đã hoàn thành": "done", "Không thực hiện": "cancelled"}.get(r["Trạng thái"], "open")
                if words in RULES:  # a recurring duty's row
                    duties.append((r["Nội dung nhiệm vụ"], words, issued, unit, leader))
                    continue
                rule = next((w for w in RULES if words.startswith(w + " - ")), None)
                if rule is not None:  # one period's row
                    months, due = RULES[rule]
                    year, n = period_of(months, words[len(rule) + 3:])
                    periods[(r["Nội dung nhiệm vụ"], year, n)] = True
                    when = due(year, n)
                    issued = max(issued, period_start(months, year, n))
                else:
                    when = deadline(words, issued)
                self.tasks.append((unit, leader, issued, met_by(when), status, day(r["Ngày hoàn thành"])))
        # each duty's periods the sheet does not give: open, made by the duty, up to the
        # period after today's
        for content, words, issued, unit, leader in duties:
            months, due = RULES[words]
            year, n = issued.year, (issued.month - 1) // months + 1
            last = (TODAY.year, (TODAY.month - 1) // months + 2)
            last = (last[0] + 1, 1) if last[1] > 12 // months else last
            while (year, n) <= last:
                if due(year, n) >= issued and (content, year, n) not in periods:
                    assigned = max(issued, period_start(months, year, n))
                    self.tasks.append((unit, leader, assigned, met_by(due(year, n)), "open", None))
                year, n = (year + 1, 1) if n == 12 // months else (year, n + 1)
        self._programme(units)

    def _programme(self, units):
        from openpyxl import load_workbook

        sheet = load_workbook(SAMPLE / "programme.xlsx", read_only=True).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        head = next(i for i, r in enumerate(rows) if r and r[0] == "TT")
        col = {h: i for i, h in enumerate(rows[head])}
        quarters = ("Quý I", "Quý II", "Quý III", "Quý IV")
        issued = D(2021, 1, 11)  # 02/CTr-UBND of 11/01/2021 (directives.csv)
        group = ()
        for r in rows[head + 1:]:
            marked = tuple(q for q, h in enumerate(quarters, start=1) if r[col[h]] == "x")
            if not r[col["Cơ quan chủ trì"]]:  # a group's heading: all year, or its quarters
                group = () if r[col["Cả năm"]] == "x" else marked
                continue
            last = max(marked or group or (4,))
            done = r[col["Ngày hoàn thành"]]
            done = done.date() if isinstance(done, dt.datetime) else done
            self.tasks.append((units[r[col["Cơ quan chủ trì"]]], r[col["Lãnh đạo phụ trách"]], issued,
                               met_by(month_end(2021, 3 * last)), "done" if done else "open", done))

    def backlog(self, start: D, end: D, by: int) -> dict[str, tuple]:
        """by: 0 the lead unit, 1 the leader."""
        out: dict[str, Counter] = defaultdict(Counter)
        for t in self.tasks:
            unit_or_leader, issued, met, status, done = t[by], t[2], t[3], t[4], t[5]
            if met is None or status == "cancelled" or issued > end:
                continue

            def open_on(d):
                return issued <= d and not (status == "done" and done <= d)

            c = out[unit_or_leader]
            c["start_open"] += open_on(start - ONE)
            c["start_overdue"] += open_on(start - ONE) and met < start
            c["assigned"] += start <= issued <= end
            finished = status == "done" and start <= done <= end
            c["done_on_time"] += finished and done <= met
            c["done_late"] += finished and done > met
            c["end_open"] += open_on(end)
            c["end_overdue"] += open_on(end) and met < end
        return {k: tuple(c[f] for f in BACKLOG) for k, c in out.items() if any(c.values())}

    def week(self, monday: D) -> dict[str, tuple]:
        out: dict[str, Counter] = defaultdict(Counter)
        for _unit, leader, _issued, met, status, done in self.tasks:
            if met is None:
                continue
            c = out[leader]
            is_open = status == "open"
            c["due_this_week"] += is_open and monday <= met <= monday + 6 * ONE
            c["due_next_week"] += is_open and monday + 7 * ONE <= met <= monday + 13 * ONE
            c["became_overdue"] += is_open and monday - 7 * ONE <= met < monday
            c["done_last_week"] += status == "done" and monday - 7 * ONE <= done < monday
        return {k: tuple(c[f] for f in WEEK) for k, c in out.items() if any(c.values())}


BACKLOG = ("start_open", "start_overdue", "assigned", "done_on_time", "done_late", "end_open", "end_overdue")
WEEK = ("due_this_week", "due_next_week", "became_overdue", "done_last_week")


def total(rows: dict[str, tuple]) -> tuple:
    return tuple(sum(col) for col in zip(*rows.values()))


@pytest.fixture(scope="module")
def hand():
    return HandOffice()


@pytest.fixture
def sample(run):
    res = run("init", "--sample")
    assert res.code == 0, res.stderr
    return run


# (period, first day, last day, totals as counted: start open, start overdue, assigned, done
# on time, done late, end open, end overdue)
PERIODS = [
    ("tháng 5/2021", D(2021, 5, 1), D(2021, 5, 31), (145, 30, 19, 18, 2, 144, 34)),
    ("Quý I/2021", D(2021, 1, 1), D(2021, 3, 31), (44, 22, 115, 43, 4, 112, 26)),
]


@pytest.mark.parametrize("period, start, end, totals", PERIODS)
def test_backlog_review_matches_the_hand_count(hand, sample, period, start, end, totals):
    res = sample("report", "backlog", "--period", period, "--format", "json")
    assert res.code == 0, res.stderr
    got = json.loads(res.stdout)
    assert (got["from"], got["to"]) == (start.isoformat(), end.isoformat())
    for by, index in (("unit", 0), ("leader", 1)):
        rows = {r["key"]: tuple(r[f] for f in BACKLOG) for r in got["rows"] if r["by"] == by}
        assert rows == hand.backlog(start, end, index), by
    assert total(hand.backlog(start, end, 0)) == totals
    # the units that fell behind: their overdue backlog grew over the period
    behind = {k for k, v in hand.backlog(start, end, 0).items() if v[6] > v[1]}
    assert set(got["behind"]) == behind


# (the Monday, totals as counted: due this week, due next week, became overdue, done last week)
WEEKS = [
    (D(2021, 6, 14), (3, 8, 0, 0)),
    (D(2021, 5, 24), (3, 1, 1, 4)),
]


@pytest.mark.parametrize("monday, totals", WEEKS)
def test_monday_briefing_matches_the_hand_count(hand, sample, monday, totals):
    res = sample("report", "week", "--week", monday.strftime("%d/%m/%Y"), "--format", "markdown")
    assert res.code == 0, res.stderr
    rows = {}
    for line in res.stdout.splitlines():  # "| leader | 3 | 8 | 0 | 0 |"
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and all(c.isdigit() for c in cells[1:]):
            rows[cells[0]] = tuple(int(c) for c in cells[1:])
    counted = hand.week(monday)
    assert rows == {**counted, "Tổng cộng": total(counted)}
    assert total(counted) == totals


def test_the_hand_count_reads_every_task_the_store_holds(hand, sample):
    """The hand count's tasks are the store's: as many, and the same days they are met by."""
    res = sample("task", "list", "--all", "--format", "json")
    tasks = json.loads(res.stdout)
    assert len(hand.tasks) == len(tasks) == 366
    stored = Counter(t["deadline_effective"] for t in tasks)
    counted = Counter(t[3].isoformat() if t[3] else None for t in hand.tasks)
    assert stored == counted
