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
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from tracker.domain.dates import format_date
from tracker.io.cells import cell_text, format_extensions, format_notes, guard, join_list

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


class XlsxWriter(TableWriter):
    def __init__(self, out, columns, *, lang="vi", sheet_title="Sheet1"):
        super().__init__(out, columns, lang=lang)
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        self._Cell = WriteOnlyCell
        self._illegal = ILLEGAL_CHARACTERS_RE
        self._wb = Workbook(write_only=True)
        ws = self._wb.create_sheet(title=_sheet_title(sheet_title))
        self._ws = ws
        for i, col in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.xlsx_width
        ws.freeze_panes = "A2"
        self._last_col = get_column_letter(max(1, len(self.columns)))
        bold = Font(bold=True)
        wrap = Alignment(wrap_text=True, vertical="top")
        header = []
        for col in self.columns:
            cell = WriteOnlyCell(ws, value=col.header)
            cell.font = bold
            cell.alignment = wrap
            cell.data_type = "s"
            header.append(cell)
        ws.append(header)
        self._date_format = "dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd"
        self._date_cols = {i for i, c in enumerate(self.columns) if c.type == "date"}

    def _cell(self, col: Column, value: Any):
        if value is None or value == "":
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            if isinstance(value, dt.datetime) and value.time() == dt.time(0):
                value = value.date()
            cell = self._Cell(self._ws, value=value)
            cell.number_format = self._date_format if isinstance(value, dt.date) and not isinstance(value, dt.datetime) \
                else self._date_format + " hh:mm"
            return cell
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return value
        text = value if isinstance(value, str) else _text_value(col, value, self.lang)
        if self._illegal.search(text):
            text = self._illegal.sub("", text)
        if len(text) > XLSX_MAX_CELL:
            text = text[: XLSX_MAX_CELL - 1] + "…"
        if text[:1] == "=":
            cell = self._Cell(self._ws, value=text)
            cell.data_type = "s"  # text, never a formula
            return cell
        return text

    def write(self, row):
        cell = self._cell
        self._ws.append([cell(c, row.get(c.field)) for c in self.columns])
        self.count += 1

    def _finish(self):
        self._ws.auto_filter.ref = f"A1:{self._last_col}{self.count + 1}"
        self._wb.save(self._target.stream)


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
