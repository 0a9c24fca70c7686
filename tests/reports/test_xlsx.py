"""Workbooks read back with openpyxl: numbers stay numbers, rates carry a % format."""
from __future__ import annotations

import datetime as dt

import openpyxl

from report_samples import overdue_report, summary_report
from tracker.reports import xlsx


def _rows(ws):
    return [r for r in ws.iter_rows(values_only=True)]


def test_summary_workbook(tmp_path):
    path = tmp_path / "s.xlsx"
    xlsx.write_summary_xlsx(summary_report(), path, "vi")
    ws = openpyxl.load_workbook(path).active
    rows = _rows(ws)
    head = next(i for i, r in enumerate(rows) if r[0] == "Đơn vị chủ trì")
    assert rows[head][1:4] == ("Tổng số", "HT đúng hạn", "HT quá hạn")
    body = rows[head + 1: head + 6]
    assert body[1][:8] == ("Phòng Quản lý đô thị", 49, 25, 9, 7, 6, 2, 0)
    assert body[1][8] == 34 / 40 and abs(body[1][9] - 9 / 34) < 1e-12
    assert body[3][8] is None                      # nothing fell due: no rate
    assert body[4][0] == "Tổng cộng" and body[4][1] == 138
    assert ws.cell(row=head + 2, column=9).number_format == "0.0%"
    assert ws.cell(row=head + 6, column=1).font.bold  # rows are 1-based


def test_overdue_workbook(tmp_path):
    path = tmp_path / "o.xlsx"
    xlsx.write_overdue_xlsx(overdue_report(), path, "en")
    wb = openpyxl.load_workbook(path)
    overdue, soon = wb.worksheets
    rows = _rows(overdue)
    head = next(i for i, r in enumerate(rows) if r[0] == "ID")
    tasks = rows[head + 1:]
    assert [r[0] for r in tasks] == [12, 15, 44, 7, 31]
    assert tasks[0][4] == dt.datetime(2020, 12, 31) and tasks[0][6] == 74
    rows = _rows(soon)
    assert rows[0][6] == "Days left" and [r[6] for r in rows[1:]] == [0, 5]
