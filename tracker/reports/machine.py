"""Formats for machines: CSV, JSON and JSON Lines.

Keys are stable English names whatever the interface language; dates are ISO; rates are
fractions (null when nothing has fallen due).  JSON Lines are written one object per
task as they come, so a large report streams instead of being built in memory.  CSV
cells that a spreadsheet would run as a formula are defused (DESIGN §9)."""
from __future__ import annotations

import csv
import json
from typing import Iterable, TextIO

import orjson

from tracker.reports.data import COUNT_KEYS, Counts, OverdueReport, SummaryReport, TaskLine

OVERDUE, DUE_SOON = "overdue", "due_soon"
TASK_FIELDS = ("section", "task_id", "unit", "directive", "directive_date", "issuer", "content",
               "deadline", "deadline_text", "days_overdue", "extensions", "leader")
SUMMARY_FIELDS = ("kind", "by", "key", "label") + COUNT_KEYS + ("completion_rate", "late_share")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A CSV cell a spreadsheet will show as text: a leading = + - @ tab or CR gets a '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _rate(value: float | None):
    return None if value is None else round(value, 6)


def task_dict(line: TaskLine, section: str = OVERDUE) -> dict:
    return {
        "section": section,
        "task_id": line.task_id,
        "unit": line.unit,
        "directive": line.directive,
        "directive_date": line.directive_date.isoformat() if line.directive_date else None,
        "issuer": line.issuer,
        "content": line.content,
        "deadline": line.deadline.isoformat(),
        "deadline_text": line.deadline_text,
        "days_overdue": line.days_overdue,
        "extensions": line.extensions,
        "leader": line.leader,
    }


def counts_dict(counts: Counts) -> dict:
    d = counts.as_dict()
    d["completion_rate"] = _rate(counts.completion_rate)
    d["late_share"] = _rate(counts.late_share)
    return d


def _filters(filters) -> dict:
    return {key.rsplit(".", 1)[-1]: value for key, value in filters}


def overdue_tasks(report: OverdueReport):
    """(section, line) for every line of the report, overdue first."""
    for line in report.lines():
        yield OVERDUE, line
    for line in report.due_soon:
        yield DUE_SOON, line


# --------------------------------------------------------------------------- overdue


def write_overdue_jsonl(tasks: Iterable[tuple[str, TaskLine]], out: TextIO) -> int:
    """One JSON object per line, written as the tasks arrive; returns how many."""
    n = 0
    for section, line in tasks:
        out.write(_json_line(task_dict(line, section)))
        n += 1
    return n


def _json_line(obj: dict) -> str:
    """One JSON Lines line, written as ``tracker export`` writes its lines (orjson: compact,
    UTF-8 as it is)."""
    return orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE).decode()


def write_overdue_csv(tasks: Iterable[tuple[str, TaskLine]], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TASK_FIELDS)
    n = 0
    for section, line in tasks:
        d = task_dict(line, section)
        writer.writerow([safe_cell("" if d[f] is None else d[f]) for f in TASK_FIELDS])
        n += 1
    return n


def overdue_json(report: OverdueReport) -> dict:
    return {
        "report": "overdue",
        "today": report.today.isoformat(),
        "within_days": report.within_days,
        "filters": _filters(report.filters),
        "total_overdue": report.total_overdue,
        "unit_count": report.unit_count,
        "due_soon_total": report.due_soon_total,
        "groups": [
            {"unit": g.unit, "count": g.count, "max_days": g.max_days,
             "tasks": [task_dict(ln) for ln in g.lines]}
            for g in report.groups
        ],
        "due_soon": [task_dict(ln, DUE_SOON) for ln in report.due_soon],
    }


def write_overdue_json(report: OverdueReport, out: TextIO) -> None:
    json.dump(overdue_json(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


# --------------------------------------------------------------------------- summary


def summary_rows(report: SummaryReport):
    """Flat dicts: one per row, then the totals (kind='total')."""
    for row in report.rows:
        yield {"kind": "row", "by": report.by, "key": row.key, "label": row.label,
               **counts_dict(row.counts)}
    yield {"kind": "total", "by": report.by, "key": "", "label": "", **counts_dict(report.totals)}


def summary_json(report: SummaryReport) -> dict:
    return {
        "report": "summary",
        "by": report.by,
        "today": report.today.isoformat(),
        "period": {
            "from": report.period_from.isoformat() if report.period_from else None,
            "to": report.period_to.isoformat() if report.period_to else None,
            "label": report.period_label,
            "basis": report.basis,
        },
        "filters": _filters(report.filters),
        "rows": [{"key": r.key, "label": r.label, **counts_dict(r.counts)} for r in report.rows],
        "totals": counts_dict(report.totals),
    }


def write_summary_json(report: SummaryReport, out: TextIO) -> None:
    json.dump(summary_json(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_summary_jsonl(report: SummaryReport, out: TextIO) -> None:
    for row in summary_rows(report):
        out.write(_json_line(row))


def write_summary_csv(report: SummaryReport, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_FIELDS)
    for row in summary_rows(report):
        writer.writerow([safe_cell("" if row[f] is None else row[f]) for f in SUMMARY_FIELDS])
