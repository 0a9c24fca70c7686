"""A paper to sign: the period report laid out as Decree 30/2020/NĐ-CP (Phụ lục I) asks.

- A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 13–14 pt.
- Top: the issuing body (upper case, bold, a short rule under it) and the number line
  ``Số: …/BC-UBND`` on the left; the national motto block (``CỘNG HÒA XÃ HỘI CHỦ NGHĨA
  VIỆT NAM`` / ``Độc lập - Tự do - Hạnh phúc`` with a rule as long as the motto) and the
  italic place-and-date line on the right (a day below 10 and the months 1, 2 take a 0).
- The kind ``BÁO CÁO`` and the summary (trích yếu) centred in bold, a short rule below.
- Body 14 pt, justified, first line indented 1.27 cm, 6 pt between paragraphs: the
  government's sentence of counts, the summary table, the overdue tasks by unit.
- ``Nơi nhận:`` (bold italic 12 pt, list 11 pt) beside the signature block.
- Page numbers centred in the header from the second page.

The clerk opens it in Word, adjusts, signs.  python-docx is imported here only.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import BinaryIO

from tracker.i18n import t
from tracker.reports import words as w
from tracker.reports.data import OverdueReport, SummaryReport
from tracker.reports.docx_rows import LongTable, save_streaming
from tracker.reports.fmt import fmt_date, fmt_int, paper_day_month

FONT = "Times New Roman"
BODY_PT = 14
HEAD_PT = 13
TABLE_PT = 11
_ROMAN = ("I", "II", "III", "IV", "V", "VI")


@dataclass
class Paper:
    """What goes around the figures.  Empty fields take the catalogue's defaults;
    an empty ``number`` leaves room to write the number by hand after registration."""

    number: str = ""
    symbol: str = "BC-UBND"
    date: dt.date | None = None          # None: the report's "today"
    place: str = ""
    issuer: str = ""                     # lines separated by "\n"
    issuer_parent: str = ""              # the superior body, if any (regular weight)
    subject: str = ""                    # trích yếu
    recipients: tuple[str, ...] = ()
    sign_authority: str = ""             # "TM. ỦY BAN NHÂN DÂN"
    sign_title: str = ""                 # "CHỦ TỊCH"
    signer: str = ""
    intro: str = ""                      # the opening paragraph, when not the report's own


# "Số:" (or "No.:") typed before a number: the number line writes its own
_NUMBER_WORD = re.compile(r"(?i)\s*(?:số|so|no\.?)(?:\s*:\s*|\s+)")


def number_parts(number: str, symbol: str) -> tuple[str, str]:
    """(number, symbol) of the paper's number as typed: a bare ``45`` takes the paper's
    symbol (``45``, ``BC-UBND``); one given whole keeps its own (``45/BC-UBND``,
    ``Số: 45/BC-UBND`` and ``45/2021/BC-UBND`` are written once, never ``45/BC-UBND/BC-UBND``),
    a "Số:" typed before it left to the number line."""
    from tracker.domain.text import nfc

    text = nfc(number)
    m = _NUMBER_WORD.match(text + " ")
    if m:
        text = text[m.end():]
    own, _slash, rest = text.partition("/")
    return own.strip(), rest.strip() or symbol


def number_line(paper: Paper, lang: str = "vi") -> str:
    number, symbol = number_parts(paper.number, paper.symbol)
    return t("report.paper.number", lang=lang, number=number or "\u00a0" * 6, symbol=symbol)


# how a signer's title is typed before the name (folded, the words' dots and colons
# dropped): a vice-chairman signs for the chairman (Decree 30/2020, Phụ lục I: "KT." before
# the chairman's title, the signer's own title below it), the chairman as chairman
_VICE = (("pct",), ("p", "ct"), ("pho", "chu", "tich"), ("pho", "ct"))
_CHAIR = (("ct",), ("chu", "tich"))
_BODY = (("ubnd", "thanh", "pho"), ("ubnd", "tp"), ("ubnd",))


def _after(words: list[str], forms) -> list[str] | None:
    """``words`` after the first of ``forms`` they begin with; None when none."""
    for form in forms:
        if tuple(words[:len(form)]) == form:
            return words[len(form):]
    return None


def signature_lines(paper: Paper, lang: str = "vi") -> tuple[list[str], str]:
    """The signature block's title lines and the name under them.  A signer typed with a
    title is signed as Decree 30 writes it: "PCT Hoàng Văn Lợi" (or "Phó Chủ tịch …") as
    TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Hoàng Văn Lợi; "Chủ tịch Hồ Sỹ
    Trình" (or "CT …") as TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Hồ Sỹ Trình.  A name without a
    title signs as chairman, as before; ``sign_authority`` and ``sign_title`` given win."""
    from tracker.domain.text import fold, nfc

    signer = nfc(paper.signer)
    raw = signer.split()
    # each typed word's folded pieces ("P.CT" → p, ct), and which typed word each came from
    words = [re.sub(r"[.:,]", " ", fold(x)).split() for x in raw]
    pieces = [p for ps in words for p in ps]
    owner = [i for i, ps in enumerate(words) for _p in ps]
    vice = False
    for forms, is_vice in ((_VICE, True), (_CHAIR, False)):
        rest = _after(pieces, forms)
        if rest is not None:  # (a title alone: its lines, the name left to the pen)
            body = _after(rest, _BODY)  # ("PCT UBND thành phố Hoàng Văn Lợi")
            rest = rest if body is None else body
            signer = " ".join(raw[owner[len(pieces) - len(rest)]:]) if rest else ""
            vice = is_vice
            break
    authority = paper.sign_authority or t("report.paper.sign_authority", lang=lang)
    if paper.sign_title:
        titles = [paper.sign_title]
    elif vice:
        titles = [t("report.paper.sign_for_chair", lang=lang),
                  t("report.paper.sign_title_vice", lang=lang)]
    else:
        titles = [t("report.paper.sign_title", lang=lang)]
    return [authority, *titles], signer


def date_line(paper: Paper, day: dt.date, lang: str = "vi") -> str:
    d, m = paper_day_month(day)
    return t("report.paper.place_date", lang=lang,
             place=paper.place or t("report.paper.place", lang=lang),
             day=d, month=m, year=day.year)


# --------------------------------------------------------------------------- helpers

# Schema order of the property elements we add (Word rejects out-of-order children).
_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
_TRPR_ORDER = ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
               "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del",
               "trPrChange")
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")


def _put(parent, tag: str, order: tuple[str, ...], attrs: dict | None = None):
    """Add child ``w:tag`` to ``parent`` at its place in the schema ``order``
    (replacing one already there)."""
    from docx.oxml.ns import qn

    old = parent.find(qn(f"w:{tag}"))
    if old is not None:
        parent.remove(old)
    el = parent.makeelement(qn(f"w:{tag}"), {qn(f"w:{k}"): v for k, v in (attrs or {}).items()})
    successors = [f"w:{t}" for t in order[order.index(tag) + 1:]]
    parent.insert_element_before(el, *successors)
    return el


def _font(run, size=BODY_PT, bold=False, italic=False):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    return run


def _para(container, text="", size=BODY_PT, bold=False, italic=False, align="center",
          before=0, after=0, indent_first=None, line=None):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    p = container.add_paragraph()
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT,
                   "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if indent_first is not None:
        fmt.first_line_indent = Cm(indent_first)
    if line is not None:
        fmt.line_spacing = line
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _first_para(cell, text, size=HEAD_PT, bold=False, italic=False, align="center"):
    """Write into a table cell's existing first paragraph (a new cell has one)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = cell.paragraphs[0]
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _rule(container, width_cm: float, box_cm: float):
    """A short solid rule, centred in a box ``box_cm`` wide: an empty 2 pt paragraph with a
    bottom border, narrowed by indents."""
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    p = _para(container, size=2, before=1)
    side = max(0.0, (box_cm - width_cm) / 2)
    p.paragraph_format.left_indent = Cm(side)
    p.paragraph_format.right_indent = Cm(side)
    p.paragraph_format.line_spacing = Pt(2)
    border = _put(p._p.get_or_add_pPr(), "pBdr", _PPR_ORDER)
    border.append(border.makeelement(qn("w:bottom"), {
        qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1", qn("w:color"): "000000"}))
    return p


def _no_borders(table):
    from docx.oxml.ns import qn

    borders = _put(table._tbl.tblPr, "tblBorders", _TBLPR_ORDER)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"}))


def _widths(table, widths_cm):
    from docx.shared import Cm

    # Word reads the cells' widths, LibreOffice the grid's: set both
    table.autofit = False
    for col, width in zip(table.columns, widths_cm):
        col.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def _tight_cells(table, cm: float = 0.08):
    """Narrow left/right cell margins, so figures fit columns a page wide."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    mar = _put(table._tbl.tblPr, "tblCellMar", _TBLPR_ORDER)
    for edge in ("left", "right"):
        mar.append(mar.makeelement(qn(f"w:{edge}"), {qn("w:w"): str(int(Cm(cm).twips)),
                                                     qn("w:type"): "dxa"}))


def _repeat_header(row):
    """The header row repeats on every page; no row breaks across a page."""
    _put(row._tr.get_or_add_trPr(), "tblHeader", _TRPR_ORDER, {"val": "true"})


def _keep_rows_whole(table):
    for row in table.rows:
        _put(row._tr.get_or_add_trPr(), "cantSplit", _TRPR_ORDER, {"val": "true"})


def _cell(cell, text, size=TABLE_PT, bold=False, italic=False, align="left"):
    from docx.enum.table import WD_ALIGN_VERTICAL

    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    return _first_para(cell, text, size=size, bold=bold, italic=italic, align=align)


def _placeholder_row(row, styles, merged: bool = False):
    """``row`` laid out for a long table's body: each cell (one across the row when
    ``merged``) styled by its ``_cell`` options and holding a placeholder run."""
    cells = [row.cells[0].merge(row.cells[-1])] if merged else row.cells
    for cell, style in zip(cells, styles):
        _cell(cell, "x", **style)
    return row


def _page_number_header(section):
    """PAGE field centred in the header, from the second page (Decree 30: page numbers at
    the top centre, not on the first page)."""
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = _font(p.add_run(), HEAD_PT)  # one run per field part, as Word writes them
        if kind:
            el = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        else:
            el = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            el.text = text
        run._r.append(el)


# --------------------------------------------------------------------------- document

_LEFT_CM, _RIGHT_CM = 6.0, 10.5


def _heading_block(doc, paper: Paper, day: dt.date, lang: str):
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    _widths(table, (_LEFT_CM, _RIGHT_CM))
    left, right = table.cell(0, 0), table.cell(0, 1)

    issuer = (paper.issuer or t("report.paper.issuer", lang=lang)).split("\n")
    first = True
    if paper.issuer_parent:
        _first_para(left, paper.issuer_parent.upper(), size=HEAD_PT)
        first = False
    for line in issuer:
        if first:
            _first_para(left, line.upper(), size=HEAD_PT, bold=True)
            first = False
        else:
            _para(left, line.upper(), size=HEAD_PT, bold=True)
    _rule(left, 2.2, _LEFT_CM)

    _first_para(right, t("report.paper.motto_state", lang=lang), size=HEAD_PT, bold=True)
    _para(right, t("report.paper.motto", lang=lang), size=BODY_PT, bold=True)
    _rule(right, 6.1, _RIGHT_CM)

    _first_para(table.cell(1, 0), number_line(paper, lang), size=HEAD_PT)
    _first_para(table.cell(1, 1), date_line(paper, day, lang), size=BODY_PT, italic=True)
    for cell in (table.cell(1, 0), table.cell(1, 1)):
        from docx.shared import Pt

        cell.paragraphs[0].paragraph_format.space_before = Pt(6)
    return table


def _summary_table(doc, report: SummaryReport, lang: str, longs: list[LongTable]):
    from docx.enum.table import WD_TABLE_ALIGNMENT

    heads = [w.by_label(report.by, lang)] + [
        w.header(k, lang) for k in w.COUNT_COLS + w.RATE_COLS]
    table = doc.add_table(rows=1, cols=len(heads) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # headers a point smaller than the figures: nine columns share 16.5 cm
    _cell(table.rows[0].cells[0], t("report.col.no", lang=lang), size=TABLE_PT - 1, bold=True,
          align="center")
    for cell, head in zip(table.rows[0].cells[1:], heads):
        _cell(cell, head, size=TABLE_PT - 1, bold=True, align="center")

    def rows():
        for i, row in enumerate(report.rows, 1):
            yield "row", [str(i), w.row_label(row.label, lang)] + w.count_cells(row.counts, lang)

    body = LongTable(table, rows())
    body.kind("row", _placeholder_row(table.add_row(), [dict(align="center"), {}] + [
        dict(align="right")] * (len(heads) - 1)))
    cells = table.add_row().cells
    total = cells[0].merge(cells[1])
    _cell(total, t("report.total_row", lang=lang), bold=True, align="center")
    for cell, value in zip(cells[2:], w.count_cells(report.totals, lang)):
        _cell(cell, value, bold=True, align="right")
    _widths(table, [0.75, 3.0] + [1.4] * 7 + [1.45, 1.45])
    _tight_cells(table)
    _repeat_header(table.rows[0])
    _keep_rows_whole(table)
    body.close(len(longs))
    longs.append(body)
    return table


def _overdue_table(doc, report: OverdueReport, lang: str, longs: list[LongTable]):
    from docx.enum.table import WD_TABLE_ALIGNMENT

    keys = ("report.col.no", "report.col.content", "report.col.directive", "report.col.deadline",
            "report.col.days_overdue", "report.col.extensions", "report.col.leader")
    table = doc.add_table(rows=1, cols=len(keys))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, key in zip(table.rows[0].cells, keys):
        _cell(cell, w.header(key, lang), bold=True, align="center")

    def rows():
        n = 0
        for gi, group in enumerate(report.groups, 1):
            yield "unit", (f"{gi}. {w.group_heading(group, lang)}",)
            for ln in group.lines:
                n += 1
                deadline = fmt_date(ln.deadline)
                if ln.deadline_text and ln.deadline_text != deadline:
                    deadline = f"{deadline}\n({ln.deadline_text})"
                yield "task", (str(n), ln.content, ln.directive, deadline,
                               fmt_int(ln.days_overdue, lang),
                               fmt_int(ln.extensions, lang) if ln.extensions else "", ln.leader)
            if group.hidden:
                yield "more", (t("report.overdue.more", lang=lang,
                                 count=fmt_int(group.hidden, lang)),)

    body = LongTable(table, rows())
    unit = _placeholder_row(table.add_row(), [dict(bold=True)], merged=True)
    unit.cells[0].paragraphs[0].paragraph_format.keep_with_next = True  # never alone at a foot
    body.kind("unit", unit)
    body.kind("task", _placeholder_row(table.add_row(), [
        dict(align="center"), {}, {}, dict(align="center"), dict(align="right"),
        dict(align="right"), {}]))
    body.kind("more", _placeholder_row(table.add_row(), [dict(italic=True)], merged=True))
    _widths(table, [0.9, 6.0, 2.5, 2.3, 1.3, 1.1, 2.4])
    _tight_cells(table)
    _repeat_header(table.rows[0])
    _keep_rows_whole(table)
    body.close(len(longs))
    longs.append(body)
    return table


def _signature_block(doc, paper: Paper, lang: str):
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (8.0, 8.5))
    left, right = table.cell(0, 0), table.cell(0, 1)
    _first_para(left, t("report.paper.recipients", lang=lang), size=12, bold=True, italic=True,
                align="left")
    recipients = paper.recipients or tuple(
        t("report.paper.recipients_default", lang=lang).split("\n"))
    for r in recipients:
        _para(left, f"- {r}", size=11, align="left")
    titles, signer = signature_lines(paper, lang)
    _first_para(right, titles[0], size=BODY_PT, bold=True)
    for title in titles[1:]:
        _para(right, title, size=BODY_PT, bold=True)
    for _ in range(4):
        _para(right, "", size=BODY_PT)
    p = _para(right, signer, size=BODY_PT, bold=True)
    p.paragraph_format.space_before = Pt(12)
    return table


def _due_soon_table(doc, report: OverdueReport, lang: str, longs: list[LongTable]):
    from docx.enum.table import WD_TABLE_ALIGNMENT

    keys = ("report.col.no", "report.col.content", "report.col.directive", "report.col.deadline",
            "report.col.days_left", "report.col.leader")
    table = doc.add_table(rows=1, cols=len(keys))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, key in zip(table.rows[0].cells, keys):
        _cell(cell, w.header(key, lang), bold=True, align="center")

    def rows():
        for n, ln in enumerate(report.due_soon, 1):
            yield "task", (str(n), ln.content, ln.directive, fmt_date(ln.deadline),
                           w.days_left_text(ln, lang), ln.leader)

    body = LongTable(table, rows())
    body.kind("task", _placeholder_row(table.add_row(), [
        dict(align="center"), {}, {}, dict(align="center"), dict(align="right"), {}]))
    _widths(table, [0.9, 7.3, 2.6, 2.3, 1.4, 2.0])
    _tight_cells(table)
    _repeat_header(table.rows[0])
    _keep_rows_whole(table)
    body.close(len(longs))
    longs.append(body)
    return table


def build_document(summary: SummaryReport | None = None, overdue: OverdueReport | None = None,
                   paper: Paper | None = None, lang: str = "vi", *, due_soon: bool = False):
    """The python-docx Document of the report (either part may be left out) and its long
    tables, whose body rows ``write_docx`` writes while saving; with ``due_soon`` the
    overdue part is followed by the tasks falling due."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    if summary is None and overdue is None:
        raise ValueError("nothing to put on paper")
    paper = paper or Paper()
    today = (summary or overdue).today
    day = paper.date or today

    doc = Document()
    longs: list[LongTable] = []
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _page_number_header(section)
    _heading_block(doc, paper, day, lang)

    period = w.period_text(summary, lang) if summary is not None else fmt_date(today)
    if summary is not None and summary.period_label:
        period = w.period_label(summary.period_label, summary.period_from, summary.period_to,
                                lang)
    _para(doc, t("report.paper.kind", lang=lang), size=BODY_PT, bold=True, before=18)
    if summary is not None:
        subject = t("report.paper.subject", lang=lang, period=period)
        intro = t("report.paper.intro_basis", lang=lang, period=period, date=fmt_date(today),
                  basis=w.basis_text(summary, lang))
    else:  # the overdue list alone
        subject = t("report.paper.subject_overdue", lang=lang, date=fmt_date(today))
        intro = t("report.paper.intro_overdue", lang=lang, date=fmt_date(today))
    _para(doc, paper.subject or subject, size=BODY_PT, bold=True)
    _rule(doc, 4.0, 16.5)

    body = dict(size=BODY_PT, align="justify", indent_first=1.27, before=6)
    _para(doc, paper.intro or intro, **{**body, "before": 12})
    parts = iter(_ROMAN)

    def section(title: str):
        _para(doc, f"{next(parts)}. {title}", size=BODY_PT, bold=True, align="justify",
              indent_first=1.27, before=6)

    if summary is not None:
        section(t("report.paper.section_summary", lang=lang))
        if summary.rows:
            _para(doc, w.summary_sentence(summary.totals, lang), **body)
            _para(doc, t("report.paper.table_summary", lang=lang,
                         by=w.by_label(summary.by, lang).lower()),
                  size=BODY_PT, italic=True, before=6, after=3)
            _summary_table(doc, summary, lang, longs)
            _para(doc, t("report.summary.legend", lang=lang), size=12, italic=True,
                  align="justify", before=3)
        else:
            _para(doc, t("report.summary.empty", lang=lang), **body)
    if overdue is not None:
        section(t("report.paper.section_overdue", lang=lang))
        if overdue.is_empty:
            none = ("report.paper.overdue_none_min_days" if overdue.min_days > 1
                    else "report.paper.overdue_none")
            _para(doc, t(none, lang=lang, date=fmt_date(overdue.today),
                         min_days=fmt_int(overdue.min_days, lang)), **body)
        else:
            # (under a period's table, whose overdue column counts that period's tasks only:
            # this list is every overdue task, and says so)
            _para(doc, t("report.paper.overdue_intro" if summary is None else "report.paper.overdue_intro_period",
                         lang=lang, date=fmt_date(overdue.today),
                         count=fmt_int(overdue.total_overdue, lang),
                         units=fmt_int(overdue.unit_count, lang)), **body, after=3)
            _overdue_table(doc, overdue, lang, longs)
        if due_soon and overdue.due_soon:
            section(t("report.paper.section_due_soon", lang=lang, days=overdue.within_days))
            _due_soon_table(doc, overdue, lang, longs)
        if not overdue.is_empty or (due_soon and overdue.due_soon):
            _para(doc, t("report.paper.closing", lang=lang), **body)
    _para(doc, "", before=6)
    _signature_block(doc, paper, lang)
    return doc, longs


def write_docx(out: BinaryIO | str, summary: SummaryReport | None = None,
               overdue: OverdueReport | None = None, paper: Paper | None = None,
               lang: str = "vi", *, due_soon: bool = False) -> None:
    doc, longs = build_document(summary, overdue, paper, lang, due_soon=due_soon)
    save_streaming(doc, out, longs)
