"""Writing tables: CSV that opens cleanly in Excel, XLSX, JSON and JSON Lines — row by row.

- CSV: UTF-8 with a BOM (Excel otherwise reads UTF-8 as the local code page), CRLF, cells
  that start with ``= + - @`` (or tab/CR) guarded with an apostrophe against formula
  injection (``cells.guard``; the importer undoes it).  Dates are dd/mm/yyyy in Vietnamese
  and ISO in English — an English Excel reads 05/06/2021 as 6 May.
- XLSX: openpyxl write-only (streams to a temporary file), bold header row, frozen panes,
  auto-filter, real dates shown dd/mm/yyyy, column widths; text is always text (a cell
  starting with ``=`` is never a formula).
- JSON: an array written element by element; JSON Lines: one object per line.  Dates ISO.

Files are written beside the target and renamed into place when complete, so a failed
export never leaves half a file behind.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from tracker.domain.dates import format_date
from tracker.io.cells import cell_text, format_extensions, format_notes, guard, join_list
from tracker.io.readers import column_letter

FORMATS = ("csv", "xlsx", "json", "jsonl")
XLSX_MAX_CELL = 32767

# default column widths (characters) by type, for XLSX
_WIDTHS = {"date": 12, "int": 8, "list": 30, "notes": 50, "extensions": 36, "text": 24}
_WIDE_FIELDS = {"content": 60, "title": 50, "directive_title": 40, "name": 40, "proof": 36,
                "aliases": 30, "issuer": 20, "directive_issuer": 20, "lead": 30, "support": 30,
                "deadline_text": 22, "number": 18, "directive": 18, "progress": 50}


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    type: str = "text"  # text | date | int | bool | list | notes | extensions
    width: int | None = None

    @property
    def xlsx_width(self) -> int:
        if self.width:
            return self.width
        base = _WIDE_FIELDS.get(self.field, _WIDTHS.get(self.type, 20))
        return max(base, min(len(self.header) + 2, 40))


def format_for_path(path: str | os.PathLike | None, default: str = "csv") -> str:
    if path is None or str(path) == "-":
        return default
    ext = Path(str(path)).suffix.lower()
    return {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".jsonl": "jsonl",
            ".ndjson": "jsonl"}.get(ext, default)


def _json_default(value: Any):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(type(value).__name__)


def _text_value(col: Column, value: Any, lang: str) -> str:
    """A value as a CSV cell shows it."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)) and not isinstance(value, str):
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_date(day) if lang == "vi" else day.isoformat()
    if col.type == "notes" and isinstance(value, list):
        return format_notes([(_as_date(n.get("on")), n.get("text", ""), n.get("percent"))
                             if isinstance(n, dict) else (None, str(n), None) for n in value])
    if col.type == "extensions" and isinstance(value, list):
        return format_extensions([(cell_text(e.get("from")), cell_text(e.get("to")),
                                   cell_text(e.get("reason")))
                                  if isinstance(e, dict) else ("", str(e), "") for e in value])
    if isinstance(value, (list, tuple)):
        return join_list([cell_text(v) for v in value])
    if isinstance(value, bool):
        return "1" if value else "0"
    return cell_text(value)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


class _Target:
    """Where bytes go: a path (written to ``.part`` and renamed at the end), stdout, or a
    binary stream the caller owns."""

    def __init__(self, out: str | os.PathLike | BinaryIO | None):
        self.path: Path | None = None
        self.part: Path | None = None
        self.owned = False
        if out is None or (isinstance(out, str) and out == "-"):
            self.stream: BinaryIO = sys.stdout.buffer
        elif isinstance(out, (str, os.PathLike)):
            self.path = Path(out)
            self.part = self.path.with_name(self.path.name + ".part")
            self.stream = open(self.part, "wb")
            self.owned = True
        else:
            self.stream = out

    def commit(self) -> None:
        if self.owned:
            self.stream.close()
            os.replace(self.part, self.path)
        else:
            self.stream.flush()

    def abort(self) -> None:
        if self.owned:
            try:
                self.stream.close()
            finally:
                try:
                    os.unlink(self.part)
                except OSError:
                    pass


class TableWriter:
    """Write rows (dicts keyed by field) one at a time; ``close()`` finishes the file,
    ``abort()`` removes it.  Use as a context manager."""

    def __init__(self, out, columns: list[Column], *, lang: str = "vi"):
        self.columns = list(columns)
        self.lang = lang
        self.count = 0
        self._target = _Target(out)
        self._closed = False

    def write(self, row: dict[str, Any]) -> None:
        raise NotImplementedError

    def write_many(self, rows: Iterable[dict[str, Any]]) -> int:
        for row in rows:
            self.write(row)
        return self.count

    def _finish(self) -> None:
        pass

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._finish()
        except BaseException:
            self._target.abort()
            raise
        self._target.commit()

    def abort(self) -> None:
        if not self._closed:
            self._closed = True
            self._target.abort()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abort()


_GUARDED = frozenset("=+-@\t\r'")


class CsvWriter(TableWriter):
    def __init__(self, out, columns, *, lang="vi", delimiter=",", bom=True):
        super().__init__(out, columns, lang=lang)
        self._text = io.TextIOWrapper(self._target.stream, encoding="utf-8-sig" if bom else "utf-8",
                                      newline="", write_through=False)
        self._csv = csv.writer(self._text, delimiter=delimiter, lineterminator="\r\n")
        self._csv.writerow([guard(c.header) for c in self.columns])
        self._convert = [(c.field, self._converter(c)) for c in self.columns]

    def _converter(self, col: Column):
        """value -> cell text for one column (dates remembered: they repeat)."""
        lang = self.lang
        dates: dict = {}

        def text_(value):
            if value is None:
                return ""
            if type(value) is str:
                return "'" + value if value and value[0] in _GUARDED else value
            if type(value) is int:
                return str(value)
            return guard(_text_value(col, value, lang))

        if col.type != "date":
            return text_

        def date_(value):
            if value is None or type(value) is str:
                return text_(value)
            hit = dates.get(value)
            if hit is None:
                hit = dates[value] = _text_value(col, value, lang)
            return hit

        return date_

    def write(self, row):
        get = row.get
        self._csv.writerow([conv(get(f)) for f, conv in self._convert])
        self.count += 1

    def _finish(self):
        self._text.flush()
        self._text.detach()


class JsonWriter(TableWriter):
    """A JSON array, one element per line, written as rows come (memory stays flat)."""

    def __init__(self, out, columns, *, lang="vi", lines=False, shaped=False):
        super().__init__(out, columns, lang=lang)
        self._lines = lines
        # shaped: the caller's dicts already hold exactly the columns, in order
        self._shaped = shaped
        self._stream = self._target.stream
        self._fields = [c.field for c in self.columns]
        self._encoder = json.JSONEncoder(ensure_ascii=False, default=_json_default)
        if not lines:
            self._stream.write(b"[")

    def write(self, row):
        obj = row if self._shaped else {f: row.get(f) for f in self._fields}
        data = self._encoder.encode(obj).encode("utf-8")
        if self._lines:
            self._stream.write(data + b"\n")
        else:
            self._stream.write((b"\n" if self.count == 0 else b",\n") + data)
        self.count += 1

    def _finish(self):
        if not self._lines:
            self._stream.write(b"\n]\n" if self.count else b"]\n")


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _xml(text: str) -> str:
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub("", text)
    if len(text) > XLSX_MAX_CELL:
        text = text[: XLSX_MAX_CELL - 1] + "…"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class XlsxWriter(TableWriter):
    """An XLSX workbook of one sheet, its XML written straight into the zip as rows come
    (openpyxl's write-only mode takes ~10x longer at 100k rows).  Text is inline strings —
    never formulas —, dates are date serials styled dd/mm/yyyy (ISO in English), the header
    row is bold and frozen, columns have widths and the header an auto-filter.  The files
    open in Excel, LibreOffice and openpyxl (the tests read them back with openpyxl)."""

    def __init__(self, out, columns, *, lang="vi", sheet_title="Sheet1"):
        super().__init__(out, columns, lang=lang)
        import zipfile

        self._zip = zipfile.ZipFile(self._target.stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._title = _sheet_title(sheet_title)
        self._refs = [column_letter(i) for i in range(len(self.columns))]
        self._date_format = "dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd"
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._buffer: list[str] = []
        widths = "".join(f'<col min="{i}" max="{i}" width="{c.xlsx_width}" customWidth="1"/>'
                         for i, c in enumerate(self.columns, start=1))
        self._put(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
            'sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f"<cols>{widths}</cols><sheetData>")
        header = "".join(f'<c r="{ref}1" s="2" t="inlineStr"><is><t xml:space="preserve">{_xml(c.header)}'
                         f"</t></is></c>" for ref, c in zip(self._refs, self.columns))
        self._put(f'<row r="1">{header}</row>')
        self._convert = [(c.field, ref, c) for c, ref in zip(self.columns, self._refs)]
        self._serials: dict[dt.date, int] = {}

    def _put(self, text: str) -> None:
        self._buffer.append(text)
        if len(self._buffer) >= 512:
            self._sheet.write("".join(self._buffer).encode("utf-8"))
            self._buffer.clear()

    def write(self, row):
        n = self.count + 2
        get = row.get
        cells = []
        for fld, ref, col in self._convert:
            value = get(fld)
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is str:
                cells.append(f'<c r="{ref}{n}" t="inlineStr"><is><t xml:space="preserve">{_xml(value)}</t></is></c>')
            elif kind is int or kind is float:
                cells.append(f'<c r="{ref}{n}"><v>{value}</v></c>')
            elif kind is bool:
                cells.append(f'<c r="{ref}{n}" t="b"><v>{int(value)}</v></c>')
            elif kind is dt.date or kind is dt.datetime:
                day = value.date() if kind is dt.datetime else value
                serial = self._serials.get(day)
                if serial is None:
                    serial = self._serials[day] = (day - _EXCEL_EPOCH).days
                cells.append(f'<c r="{ref}{n}" s="1"><v>{serial}</v></c>')
            else:
                text = _text_value(col, value, self.lang)
                if text:
                    cells.append(f'<c r="{ref}{n}" t="inlineStr"><is><t xml:space="preserve">{_xml(text)}</t></is></c>')
        self._put(f'<row r="{n}">{"".join(cells)}</row>')
        self.count += 1

    def _finish(self):
        last = self._refs[-1] if self._refs else "A"
        self._put(f'</sheetData><autoFilter ref="A1:{last}{self.count + 1}"/>'
                  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                  "</worksheet>")
        self._sheet.write("".join(self._buffer).encode("utf-8"))
        self._buffer.clear()
        self._sheet.close()
        z = self._zip
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   "</Relationships>")
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                   "</Relationships>")
        title = _xml(self._title).replace('"', "&quot;")
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets>'
                   f'<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
                   f"'{title.replace(chr(39), chr(39) * 2)}'!$A$1:${last}${self.count + 1}</definedName></definedNames>"
                   "</workbook>")
        z.writestr("xl/styles.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{self._date_format}"/></numFmts>'
                   '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
                   '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
                   '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                   '<fill><patternFill patternType="gray125"/></fill></fills>'
                   '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                   '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                   '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                   '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
                   '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
                   '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
                   '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                   "</styleSheet>")
        z.close()


def _sheet_title(title: str) -> str:
    for ch in '[]:*?/\\':
        title = title.replace(ch, " ")
    return (title.strip() or "Sheet1")[:31]


def open_writer(fmt: str, out, columns: list[Column], *, lang: str = "vi", delimiter: str = ",",
                bom: bool = True, sheet_title: str = "Sheet1", shaped: bool = False) -> TableWriter:
    """A writer for ``fmt``.  ``shaped``: JSON rows are dicts with exactly ``columns``' fields
    in order (written as they are)."""
    fmt = fmt.lower()
    if fmt == "csv":
        return CsvWriter(out, columns, lang=lang, delimiter=delimiter, bom=bom)
    if fmt == "xlsx":
        return XlsxWriter(out, columns, lang=lang, sheet_title=sheet_title)
    if fmt == "json":
        return JsonWriter(out, columns, lang=lang, shaped=shaped)
    if fmt == "jsonl":
        return JsonWriter(out, columns, lang=lang, lines=True, shaped=shaped)
    raise ValueError(f"unknown format {fmt!r}")


def write_table(rows: Iterable[dict[str, Any]], fmt: str, out, columns: list[Column], **kw) -> int:
    """Write every row; returns how many.  On an error the partial file is removed."""
    with open_writer(fmt, out, columns, **kw) as writer:
        writer.write_many(rows)
    return writer.count
