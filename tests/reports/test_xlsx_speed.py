"""A workbook of thousands of tasks is written in time linear in its rows: the sheets count
their rows, never asking openpyxl's ``max_row`` (which looks at every cell written so far)
once a row — at 11 000 overdue tasks that took 40 s of a 43 s report."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from report_samples import TODAY, build_overdue_report, summary_report
from tracker.reports import xlsx
from tracker.reports.backlog import BacklogReport, BacklogRow
from tracker.reports.backlog_files import write_backlog_xlsx
from tracker.reports.data import TaskLine


def _lines(n: int) -> list[TaskLine]:
    units = [f"UBND Phường {i}" for i in range(1, 8)]
    return [TaskLine(task_id=i, unit=units[i % 7], directive=f"{i}/TB-UBND",
                     content=f"Nhiệm vụ {i}", deadline=TODAY - dt.timedelta(days=1 + i % 300),
                     deadline_text="Quý I/2021", days_overdue=1 + i % 300, leader="PCT A")
            for i in range(1, n + 1)]


@pytest.fixture
def max_row_calls(monkeypatch):
    """How many times the workbook code asks a sheet its ``max_row``."""
    calls = []
    original = Worksheet.max_row

    def counted(ws):
        calls.append(1)
        return original.fget(ws)

    monkeypatch.setattr(Worksheet, "max_row", property(counted))
    return calls


def _calls_for(n: int, calls: list) -> int:
    calls.clear()
    xlsx.overdue_workbook(build_overdue_report(_lines(n), TODAY, due_soon=_lines(n)[:n // 2]))
    return len(calls)


def test_overdue_workbook_does_not_ask_max_row_per_row(max_row_calls):
    # (a sheet asking once a row: 30 calls for 20 rows, 300 for 200)
    assert _calls_for(200, max_row_calls) == _calls_for(20, max_row_calls)


def test_summary_and_backlog_workbooks_do_not_ask_max_row(max_row_calls, monkeypatch):
    import tracker.reports.backlog_files as backlog_files

    kept = []
    monkeypatch.setattr(backlog_files, "save", lambda wb, out: kept.append(wb))  # (not saved)
    rows = tuple(BacklogRow(f"Đơn vị {i}", *(i,) * 7) for i in range(30))
    report = BacklogReport(today=TODAY, start=dt.date(2021, 1, 1), end=dt.date(2021, 3, 31),
                           period_label="Quý I/2021", by_unit=rows, by_leader=rows[:5],
                           total=BacklogRow("", *(1,) * 7))
    write_backlog_xlsx(report, "unused.xlsx")
    xlsx.summary_workbook(summary_report())
    assert max_row_calls == []
    by_unit = kept[0].worksheets[0]
    head = next(r for r in range(1, 10) if by_unit.cell(row=r, column=2).value)
    assert by_unit.cell(row=head, column=1).font.b          # the header row bold
    assert not by_unit.cell(row=head + 1, column=1).font.b
    assert by_unit.cell(row=head + 31, column=1).value == "Tổng cộng"
    assert by_unit.cell(row=head + 31, column=1).font.b     # and the total row


def test_overdue_rows_keep_their_date_format(tmp_path):
    """Counting the rows puts each date format on its own row, none on a title or header."""
    path = tmp_path / "o.xlsx"
    xlsx.write_overdue_xlsx(build_overdue_report(_lines(50), TODAY, due_soon=_lines(3)), path)
    for ws in openpyxl.load_workbook(path).worksheets:
        dated = [r for r in range(1, ws.max_row + 1)
                 if ws.cell(row=r, column=5).number_format == "DD/MM/YYYY"]
        tasks = [r for r in range(1, ws.max_row + 1)
                 if isinstance(ws.cell(row=r, column=5).value, dt.datetime)]
        assert dated == tasks and len(tasks) in (50, 3)
        head = tasks[0] - 1
        assert ws.cell(row=head, column=1).font.bold
        assert ws.freeze_panes == f"A{head + 1}"
