"""The backlog review as a workbook (a sheet by unit, a sheet by leader) and as a paper
for the review meeting (Decree 30/2020 layout, the helpers of ``reports.docx``)."""
from __future__ import annotations

from typing import BinaryIO

from tracker.i18n import t
from tracker.reports.backlog import COLUMNS, BacklogReport
from tracker.reports.backlog_text import _title_lines, behind_sentence, period_name
from tracker.reports.fmt import fmt_int
from tracker.reports.xlsx import save


def write_backlog_xlsx(report: BacklogReport, out: BinaryIO | str, lang: str = "vi") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    first = True
    for key, rows in (("report.by.unit", report.by_unit), ("report.by.leader", report.by_leader)):
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = t(key, lang=lang)[:31]
        titles = _title_lines(report, lang)
        for line in titles:
            ws.append([line])
        ws["A1"].font = Font(bold=True)
        ws.append([])
        heads = [t(key, lang=lang)] + [t(f"backlog.col.{c}", lang=lang).replace("\n", " ")
                                       for c in COLUMNS]
        ws.append(heads)
        # (rows counted, not asked of ws.max_row, which looks at every cell: reports.xlsx)
        header_row = len(titles) + 2
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center")
        for r in rows:
            ws.append([r.label or t("report.none_value", lang=lang)] + r.values())
        ws.append([t("report.total_row", lang=lang)] + report.total.values())
        for cell in ws[header_row + len(rows) + 1]:
            cell.font = Font(bold=True)
        ws.column_dimensions["A"].width = 36
        ws.append([])
        ws.append([behind_sentence(report, lang)])
    save(wb, out)


def write_backlog_docx(report: BacklogReport, out: BinaryIO | str, lang: str = "vi",
                       paper=None) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm, Pt

    from tracker.reports import docx as D

    paper = paper or D.Paper()
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = D.FONT
    style.font.size = Pt(D.BODY_PT)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    D._page_number_header(section)
    D._heading_block(doc, paper, paper.date or report.today, lang)
    D._para(doc, t("report.paper.kind", lang=lang), bold=True, before=18)
    _title, period, *_rest = _title_lines(report, lang)
    # (the kind above says "BÁO CÁO": the subject names what is reported, not the kind again)
    D._para(doc, paper.subject or t("report.paper.subject_backlog", lang=lang,
                                    period=period_name(report, lang)), bold=True)
    D._para(doc, period, italic=True)
    D._rule(doc, 4.0, 16.5)
    body = dict(size=D.BODY_PT, align="justify", indent_first=1.27, before=6)
    for n, (key, rows) in enumerate((("report.by.unit", report.by_unit),
                                     ("report.by.leader", report.by_leader)), 1):
        D._para(doc, f"{D._ROMAN[n - 1]}. " + t("backlog.section", lang=lang,
                by=t(key, lang=lang).lower()).upper(), bold=True, align="justify",
                indent_first=1.27, before=6)
        heads = [t("report.col.no", lang=lang), t(key, lang=lang)] + [
            t(f"backlog.col.{c}", lang=lang) for c in COLUMNS]
        table = doc.add_table(rows=1, cols=len(heads))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, head in zip(table.rows[0].cells, heads):
            D._cell(cell, head, size=D.TABLE_PT - 1, bold=True, align="center")
        for i, r in enumerate(rows, 1):
            cells = table.add_row().cells
            D._cell(cells[0], str(i), align="center")
            D._cell(cells[1], r.label or t("report.none_value", lang=lang))
            for cell, v in zip(cells[2:], r.values()):
                D._cell(cell, fmt_int(v, lang), align="right")
        cells = table.add_row().cells
        D._cell(cells[0].merge(cells[1]), t("report.total_row", lang=lang), bold=True,
                align="center")
        for cell, v in zip(cells[2:], report.total.values()):
            D._cell(cell, fmt_int(v, lang), bold=True, align="right")
        D._widths(table, [0.8, 4.6] + [1.59] * 7)
        D._tight_cells(table)
        D._repeat_header(table.rows[0])
        D._keep_rows_whole(table)
    D._para(doc, behind_sentence(report, lang), **body)
    D._para(doc, t("backlog.legend", lang=lang), size=12, italic=True, align="justify", before=3)
    D._para(doc, "", before=6)
    D._signature_block(doc, paper, lang)
    save(doc, out)
