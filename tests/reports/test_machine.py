"""CSV, JSON and JSON Lines: stable keys, ISO dates, fractions for rates, defused
formulas, and JSON Lines written as the rows arrive."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

from report_samples import TODAY, overdue_report, summary_report
from tracker.reports import machine
from tracker.reports.data import TaskLine


def test_overdue_csv_round_trip():
    out = io.StringIO()
    n = machine.write_overdue_csv(machine.overdue_tasks(overdue_report()), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) == 7
    assert [r["section"] for r in rows] == ["overdue"] * 5 + ["due_soon"] * 2
    first = rows[0]
    assert first["task_id"] == "12" and first["unit"] == "Phòng Tài chính - Kế hoạch"
    assert first["deadline"] == "2020-12-31" and first["deadline_text"] == "trong tháng 12/2020"
    assert first["days_overdue"] == "74" and first["extensions"] == "1"
    assert rows[-1]["days_overdue"] == "-5"


def test_csv_defuses_formulas():
    line = TaskLine(1, "=HYPERLINK(\"http://x\")", "@SUM(1)", "+1+1", dt.date(2021, 3, 1),
                    leader="-2+3", days_overdue=14)
    out = io.StringIO()
    machine.write_overdue_csv([("overdue", line)], out)
    row = list(csv.DictReader(io.StringIO(out.getvalue())))[0]
    assert row["unit"].startswith("'=") and row["directive"] == "'@SUM(1)"
    assert row["content"] == "'+1+1" and row["leader"] == "'-2+3"
    assert row["days_overdue"] == "14"  # numbers are left alone


def test_overdue_json():
    data = json.loads(_text(machine.write_overdue_json, overdue_report(
        filters=(("report.filter.unit", "UBND Phường 5"),))))
    assert data["report"] == "overdue" and data["today"] == TODAY.isoformat()
    assert data["filters"] == {"unit": "UBND Phường 5"}
    assert data["total_overdue"] == 5 and data["unit_count"] == 3 and data["due_soon_total"] == 2
    assert [g["unit"] for g in data["groups"]][0] == "Phòng Tài chính - Kế hoạch"
    assert data["groups"][1]["tasks"][0]["task_id"] == 44
    assert data["due_soon"][0]["section"] == "due_soon"


def test_jsonl_streams_one_line_per_task_as_they_come():
    out = io.StringIO()
    seen = []

    def tasks():
        for item in machine.overdue_tasks(overdue_report()):
            # every task already yielded is on the stream before the next is asked for
            assert out.getvalue().count("\n") == len(seen)
            seen.append(item)
            yield item

    n = machine.write_overdue_jsonl(tasks(), out)
    lines = out.getvalue().splitlines()
    assert n == len(lines) == 7
    assert json.loads(lines[2])["content"].startswith("Lập danh sách")
    assert "\\u" not in lines[0]  # Vietnamese kept readable


def test_summary_csv_and_json():
    r = summary_report()
    rows = list(csv.DictReader(io.StringIO(_text(machine.write_summary_csv, r))))
    assert [x["kind"] for x in rows] == ["row"] * 4 + ["total"]
    assert rows[1]["label"] == "Phòng Quản lý đô thị" and rows[1]["assigned"] == "49"
    assert float(rows[1]["completion_rate"]) == round(34 / 40, 6)
    assert rows[3]["completion_rate"] == "" and rows[3]["late_share"] == ""
    assert rows[-1]["assigned"] == "138"

    data = json.loads(_text(machine.write_summary_json, r))
    assert data["by"] == "unit" and data["period"] == {
        "from": "2021-01-01", "to": "2021-03-31", "label": "Quý I/2021", "basis": "assigned"}
    assert data["totals"]["open_overdue"] == 12 and data["rows"][3]["completion_rate"] is None

    lines = _text(machine.write_summary_jsonl, r).splitlines()
    assert len(lines) == 5 and json.loads(lines[-1])["kind"] == "total"


def _text(writer, report) -> str:
    out = io.StringIO()
    writer(report, out)
    return out.getvalue()
