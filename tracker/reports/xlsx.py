"""Excel workbooks of the summary (and of the overdue list), for the clerk who pastes
figures into a report or sends a table to a unit.  Rates are real numbers with a
percentage format, so Excel shows them in the reader's locale (85,7% on a Vietnamese
Windows).  openpyxl is imported here only, never on the report's plain path."""
from __future__ import annotations

from typing import BinaryIO

from tracker.i18n import t
from tracker.reports import words as w
from tracker.reports.data import COUNT_KEYS, OverdueReport, SummaryReport
from tracker.reports.machine import safe_cell

_PCT = "0.0%"


# Rows are counted as they are appended, never asked of ``ws.max_row``: openpyxl works
# that out by looking at every cell written so far, so asking it once a row made an
# 11 000-task sheet take 40 s (tests/reports/test_xlsx_speed.py).


def _title_rows(ws, lines: list[str], bold_first: bool = True) -> int:
    """The title lines and a blank row; returns the number of the last row written."""
    from openpyxl.styles import Font

    for i, text in enumerate(lines):
        ws.append([text])
        if i == 0 and bold_first:
            ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.append([])
    return len(lines) + 1


def _header(ws, heads: list[str], row: int) -> int:
    """The header row, written as row ``row`` (the next one); returns ``row``."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    ws.append(heads)
    thin = Side(style="thin")
    for col in range(1, len(heads) + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    return row


def summary_workbook(report: SummaryReport, lang: str = "vi"):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = t("report.by." + report.by, lang=lang)[:31]
    top = _title_rows(ws, [w.summary_title(lang), w.period_line(report, lang),
                           w.as_of(report, lang)]
                      + ([w.filters_line(report.filters, lang)] if report.filters else []))
    heads = [w.by_label(report.by, lang)] + [
        w.header(k, lang, one_line=True) for k in w.COUNT_COLS + w.RATE_COLS]
    header_row = _header(ws, heads, top + 1)

    def counts_row(label, counts):
        d = counts.as_dict()
        return [safe_cell(label)] + [d[k] for k in COUNT_KEYS] + [
            counts.completion_rate, counts.late_share]

    for row in report.rows:
        ws.append(counts_row(w.row_label(row.label, lang), row.counts))
    ws.append(counts_row(t("report.total_row", lang=lang), report.totals))
    last = header_row + len(report.rows) + 1
    for cell in ws[last]:
        cell.font = Font(bold=True)
    rate_cols = (len(heads) - 1, len(heads))
    for r in range(header_row + 1, last + 1):
        for c in rate_cols:
            ws.cell(row=r, column=c).number_format = _PCT
    ws.column_dimensions["A"].width = 40
    for c in range(2, len(heads) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    ws.row_dimensions[header_row].height = 32
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    ws.append([])
    ws.append([t("report.summary.legend", lang=lang)])
    return wb


def _task_sheet(ws, lines, lang: str, due_soon: bool, top: int = 0) -> None:
    """The task table under ``top`` rows already written."""
    from openpyxl.utils import get_column_letter

    keys = ("report.col.id", "report.col.unit", "report.col.directive", "report.col.content",
            "report.col.deadline", "report.col.deadline_text",
            "report.col.days_left" if due_soon else "report.col.days_overdue",
            "report.col.extensions", "report.col.leader")
    header_row = _header(ws, [w.header(k, lang, one_line=True) for k in keys], top + 1)
    row = header_row
    for ln in lines:
        ws.append([ln.task_id, safe_cell(ln.unit), safe_cell(ln.directive), safe_cell(ln.content),
                   ln.deadline, safe_cell(ln.deadline_text),
                   ln.days_left if due_soon else ln.days_overdue, ln.extensions,
                   safe_cell(ln.leader)])
        row += 1
        ws.cell(row=row, column=5).number_format = "DD/MM/YYYY"
    for c, width in enumerate((8, 30, 18, 60, 12, 20, 10, 8, 24), 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)


def overdue_workbook(report: OverdueReport, lang: str = "vi"):
    """Sheet 1: the overdue tasks, worst unit first; sheet 2: the tasks due soon."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = t("report.reminder.overdue", lang=lang)[:31]
    top = _title_rows(ws, [w.overdue_title(lang), w.as_of(report, lang),
                           w.overdue_total(report, lang)])
    _task_sheet(ws, report.lines(), lang, due_soon=False, top=top)
    soon = wb.create_sheet(t("report.due_soon.title", lang=lang,
                             days=report.within_days)[:31])
    _task_sheet(soon, report.due_soon, lang, due_soon=True)
    return wb


def write_summary_xlsx(report: SummaryReport, out: BinaryIO | str, lang: str = "vi") -> None:
    save(summary_workbook(report, lang), out)


def write_overdue_xlsx(report: OverdueReport, out: BinaryIO | str, lang: str = "vi") -> None:
    save(overdue_workbook(report, lang), out)


def save(document, out: BinaryIO | str) -> None:
    """An openpyxl workbook or a python-docx document into ``out`` (a path or a binary
    stream).  Into a stream its zip is made in memory and written at once: a stream that
    fails (stdout on a full disk) leaves no zip half-made behind, which Python would try to
    finish when it goes ("Exception ignored in: ZipFile.__del__ … OSError")."""
    if not hasattr(out, "write"):
        document.save(out)
        return
    import io

    whole = io.BytesIO()
    document.save(whole)
    out.write(whole.getbuffer())
