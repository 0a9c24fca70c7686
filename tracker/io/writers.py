"""Writing tables: CSV that opens cleanly in Excel, XLSX, JSON and JSON Lines — row by row.

- CSV: UTF-8 with a BOM (Excel otherwise reads UTF-8 as the local code page), CRLF, cells
  that start with ``= + - @`` (or tab/CR) guarded with an apostrophe against formula
  injection (``cells.guard``; the importer undoes it).  Dates are dd/mm/yyyy in Vietnamese
  and ISO in English — an English Excel reads 05/06/2021 as 6 May.
- XLSX: the sheet's XML streamed into the zip (compressed in a thread of its own), bold
  header row, frozen panes, auto-filter, real dates shown dd/mm/yyyy, column widths; text is
  always text (a cell starting with ``=`` is never a formula).
- JSON: an array written element by element; JSON Lines: one object per line.  Dates ISO.

Rows come one at a time (``write``, a dict per row) or a batch at a time, column by column
(``write_batch``, the export's hot path): each writer then formats a whole column with
C-level loops, makes a value that repeats once, and builds each row with one generated
f-string — the same bytes, several times faster.

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
from collections.abc import Iterable, Sequence
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

    def write_batch(self, columns: Sequence[Sequence[Any]]) -> None:
        """Write a batch of rows given column by column: ``columns[i]`` holds the values of
        ``self.columns[i]``, all of the same length.  The bytes are exactly those ``write``
        gives for the same rows; the writers below format a whole column at a time (the
        export's hot path)."""
        fields = [c.field for c in self.columns]
        for values in zip(*columns):
            self.write(dict(zip(fields, values)))

    def _write_batch_rows(self, columns: Sequence[Sequence[Any]]) -> int:
        """How many rows ``columns`` hold (checked to be the same for every column)."""
        if len(columns) != len(self.columns):
            raise ValueError(f"{len(columns)} columns given, {len(self.columns)} expected")
        n = len(columns[0]) if columns else 0
        if any(len(v) != n for v in columns):
            raise ValueError("columns of different lengths")
        return n

    def _finish(self) -> None:
        pass

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._finish()
        except BaseException:
            self._stop()
            self._target.abort()
            raise
        self._target.commit()

    def abort(self) -> None:
        if not self._closed:
            self._closed = True
            self._stop()
            self._target.abort()

    def _stop(self) -> None:
        """Let go of any helper (a thread) before the file is removed."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abort()


_GUARDED = frozenset("=+-@\t\r'")
# finds a cell (but the first) starting with a guarded character in cells joined by newlines
# (a newline inside a cell may give a false alarm, never a miss); a literal first character
# makes the scan fast
_GUARD_SCAN = re.compile("\n[=+\\-@\t\r']")
_JSON_ESCAPED = re.compile('["\\\\\x00-\x1f]')  # what the JSON encoder escapes in a string
_NONE = type(None)
_CHUNK = 1000  # rows of a batch made into text at a time


def _fstring(params: Sequence[str], consts: dict[str, str], body: str):
    """A function of ``params`` returning the f-string ``body``, whose fields name only
    ``params`` and ``consts`` (bound once, as closure cells).  Generated once per row shape:
    a row of a batch is then one call, without str.format's parsing (about twice as fast)."""
    namespace: dict[str, Any] = {}
    exec(f"def make({', '.join(consts)}):\n    return lambda {', '.join(params)}: f'{body}'\n", namespace)
    return namespace["make"](**consts)


def _joiner(pieces: Sequence[str]):
    """f(v0, …, vn-1) -> pieces[0] + v0 + pieces[1] + … + vn-1 + pieces[n] for text values."""
    n = len(pieces) - 1
    return _fstring([f"v{i}" for i in range(n)], {f"p{i}": p for i, p in enumerate(pieces)},
                    "".join(f"{{p{i}}}{{v{i}}}" for i in range(n)) + f"{{p{n}}}")


class Memo(dict):
    """value -> what ``make`` gives for it, made once per distinct value (dates, names and
    words repeat down a column)."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


class _Background:
    """Hands chunks of bytes to ``sink`` in a thread of its own, a few at a time (memory
    stays flat).  zlib and file writes release the GIL, so an XLSX sheet is compressed on
    the second core while the next rows are formatted.  The sink's error is raised by the
    next ``put`` or by ``close``."""

    def __init__(self, sink, depth: int = 4):
        import queue
        import threading

        self._queue: queue.Queue = queue.Queue(depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(sink,), name="tracker-writer", daemon=True)
        self._thread.start()

    def _run(self, sink) -> None:
        while True:
            data = self._queue.get()
            if data is None:
                return
            if self._error is None:  # after an error the chunks are dropped (put never blocks)
                try:
                    sink(data)
                except BaseException as exc:  # raised in the writer's thread
                    self._error = exc

    def put(self, data: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(data)

    def close(self) -> None:
        """Wait until every chunk is written (raising the sink's error)."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error


class CsvWriter(TableWriter):
    def __init__(self, out, columns, *, lang="vi", delimiter=",", bom=True):
        super().__init__(out, columns, lang=lang)
        self._text = io.TextIOWrapper(self._target.stream, encoding="utf-8-sig" if bom else "utf-8",
                                      newline="", write_through=False)
        self._csv = csv.writer(self._text, delimiter=delimiter, lineterminator="\r\n")
        self._csv.writerow([guard(c.header) for c in self.columns])
        self._convert = [(c.field, self._converter(c)) for c in self.columns]
        # write_batch joins cells itself: the csv module's QUOTE_MINIMAL (a cell holding the
        # delimiter, a quote, CR or LF is quoted) for rows of two cells or more
        self._delimiter = delimiter
        self._fast = len(self.columns) > 1 and len(delimiter) == 1 and delimiter not in '"\r\n'
        self._memos: list[Memo | None] = [None] * len(self.columns)

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

    def _column_cells(self, i: int, values) -> list[str]:
        """Column ``i``'s cells as ``write`` gives them one by one (quoted), a column at a time."""
        types = set(map(type, values))
        if types == {str}:
            head = values[:64]
            if len(set(head)) * 4 <= len(head):  # few distinct values: each one made once
                return list(map(self._memo(i).__getitem__, values))
            if values[0][:1] in _GUARDED or _GUARD_SCAN.search("\n".join(values)):
                texts = ["'" + v if v and v[0] in _GUARDED else v for v in values]
            else:
                texts = values
        elif types == {int}:
            texts = list(map(str, values))
        elif types <= {dt.date, _NONE}:
            return list(map(self._memo(i).__getitem__, values))
        else:
            texts = list(map(self._convert[i][1], values))
        joined, d = "".join(texts), self._delimiter
        if d in joined or '"' in joined or "\n" in joined or "\r" in joined:
            # QUOTE_MINIMAL: a cell holding one of them in quotes, its quotes doubled
            return ['"' + v.replace('"', '""') + '"' if d in v or '"' in v or "\n" in v or "\r" in v
                    else v for v in texts]
        return list(texts)

    def _memo(self, i: int) -> Memo:
        """Column ``i``'s cells by value, a few thousand at most."""
        memo = self._memos[i]
        if memo is None or len(memo) > 4096:
            convert, d = self._convert[i][1], self._delimiter

            def cell(value):
                v = convert(value)
                return '"' + v.replace('"', '""') + '"' if d in v or '"' in v or "\n" in v or "\r" in v else v

            memo = self._memos[i] = Memo(cell)
        return memo

    def write_batch(self, columns):
        n = self._write_batch_rows(columns)
        if not n:
            return
        if not self._fast:  # a dialect the fast path does not cover: the csv module
            super().write_batch(columns)
            return
        cells = [self._column_cells(i, values) for i, values in enumerate(columns)]
        for i in range(0, n, _CHUNK):  # a few MB of text at a time
            j = i + _CHUNK
            self._text.write("\r\n".join(map(self._delimiter.join, zip(*[c[i:j] for c in cells]))) + "\r\n")
        self.count += n

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
        self._makers: dict[tuple[bool, ...], Any] = {}  # write_batch's row makers
        self._memos: list[Memo | None] = [None] * len(self._fields)
        self._unique: set[int] = set()  # columns whose values hardly repeat
        # the C encoder JSONEncoder.encode makes on every call (indent None), made once
        make, e = getattr(json.encoder, "c_make_encoder", None), self._encoder
        try:
            self._c_encoder = make({}, e.default, json.encoder.encode_basestring, e.indent, e.key_separator,
                                   e.item_separator, e.sort_keys, e.skipkeys, e.allow_nan) if make else None
        except TypeError:  # another Python's signature: JSONEncoder.encode then
            self._c_encoder = None
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

    def _column_json(self, i: int, values) -> tuple[Sequence[str], bool]:
        """Each value as the encoder writes it inside an object (no indent: a value's text
        does not depend on where it stands), or (True) text needing only its quotes."""
        types = set(map(type, values))
        text = json.encoder.encode_basestring  # what the encoder uses with ensure_ascii=False
        if types <= {str, _NONE}:
            head = values[:64]
            if (_NONE in types and i not in self._unique) or len(set(head)) * 4 <= len(head):
                # values that repeat (names, words, dates): each one made once
                memo = self._memos[i]
                if memo is None or len(memo) > 4096:
                    memo = self._memos[i] = Memo(lambda v: "null" if v is None else text(v))
                known = len(memo)
                texts = list(map(memo.__getitem__, values))
                if len(memo) - known > len(values) // 2:  # they hardly repeat: not again
                    self._unique.add(i)
                return texts, False
            if _NONE not in types:
                if not _JSON_ESCAPED.search("".join(values)):
                    return values, True
                return list(map(text, values)), False
            return ["null" if v is None else text(v) for v in values], False
        if types == {int}:
            return list(map(int.__repr__, values)), False
        encode = self._encode
        if types == {list}:
            return [encode(v) if v else "[]" for v in values], False
        return list(map(encode, values)), False

    def _encode(self, value) -> str:
        """``self._encoder.encode(value)``, without making a new C encoder per call."""
        if self._c_encoder is None:
            return self._encoder.encode(value)
        return "".join(self._c_encoder(value, 0))

    def _row_maker(self, quoted: tuple[bool, ...]):
        """f(value texts…) -> one object's text (with its separator), ``quoted`` values in quotes."""
        maker = self._makers.get(quoted)
        if maker is None:
            pieces, before = [], "{" if self._lines else ",\n{"
            for field, q in zip(self._fields, quoted):
                pieces.append(before + json.encoder.encode_basestring(field) + (': "' if q else ": "))
                before = '", ' if q else ", "
            pieces.append(('"' if quoted[-1] else "") + ("}\n" if self._lines else "}"))
            maker = self._makers[quoted] = _joiner(pieces)
        return maker

    def write_batch(self, columns):
        n = self._write_batch_rows(columns)
        if not n:
            return
        if not self._fields:
            super().write_batch(columns)
            return
        texts, quoted = zip(*map(self._column_json, range(len(columns)), columns))
        make = self._row_maker(quoted)
        for i in range(0, n, _CHUNK):  # a few MB of text at a time
            j = i + _CHUNK
            text = "".join(map(make, *[t[i:j] for t in texts]))
            if not self._lines and self.count == 0 and i == 0:
                text = text[1:]  # the first object follows "[" and a newline, no comma
            self._stream.write(text.encode("utf-8"))
        self.count += n

    def _finish(self):
        if not self._lines:
            self._stream.write(b"\n]\n" if self.count else b"]\n")


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SCAN = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # _xml changes the text
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
        self._serials = Memo(lambda day: (day - _EXCEL_EPOCH).days)
        self._tail_memos: list[Memo | None] = [None] * len(self.columns)
        self._makers: dict[tuple, Any] = {}  # write_batch's row makers by the columns' shape
        self._out = _Background(self._sheet.write)  # the sheet is compressed in a thread

    def _put(self, text: str, flush: bool = False) -> None:
        self._buffer.append(text)
        if flush or len(self._buffer) >= 512:
            self._out.put("".join(self._buffer).encode("utf-8"))
            self._buffer.clear()

    def _stop(self) -> None:
        """The thread ended and the zip let go of (the file is being removed: a write error
        does not matter any more)."""
        for step in (self._out.close, self._sheet.close, self._zip.close):
            try:
                step()
            except Exception:
                pass

    def _cell(self, ref: str, n: int, value, col: Column) -> str:
        """One cell's XML ('' for an empty cell, which is left out)."""
        if value is None or value == "":
            return ""
        kind = type(value)
        if kind is str:
            return f'<c r="{ref}{n}" t="inlineStr"><is><t xml:space="preserve">{_xml(value)}</t></is></c>'
        if kind is int or kind is float:
            return f'<c r="{ref}{n}"><v>{value}</v></c>'
        if kind is bool:
            return f'<c r="{ref}{n}" t="b"><v>{int(value)}</v></c>'
        if kind is dt.date or kind is dt.datetime:
            day = value.date() if kind is dt.datetime else value
            return f'<c r="{ref}{n}" s="1"><v>{self._serials[day]}</v></c>'
        text = _text_value(col, value, self.lang)
        if text:
            return f'<c r="{ref}{n}" t="inlineStr"><is><t xml:space="preserve">{_xml(text)}</t></is></c>'
        return ""

    def write(self, row):
        n = self.count + 2
        get = row.get
        cells = "".join([self._cell(ref, n, get(fld), col) for fld, ref, col in self._convert])
        self._put(f'<row r="{n}">{cells}</row>')
        self.count += 1

    def _column_xml(self, i: int, rows: range, values) -> tuple[Sequence, str, bool]:
        """(texts, kind, some empty) of column ``i`` for ``_row_maker``: ``kind`` "s" inline
        text, "t" a cell's end after its reference (remembered for values that repeat: dates,
        names, words), "n" a number, "x" cells as ``_cell`` gives them one by one."""
        types = set(map(type, values))
        if types == {str}:
            head = values[:64]
            if len(set(head)) * 4 <= len(head):  # few distinct values: each one made once
                return list(map(self._tails(i).__getitem__, values)), "t", "" in values
            joined = "".join(values)
            if not _XML_SCAN.search(joined) and (len(joined) <= XLSX_MAX_CELL
                                                 or max(map(len, values)) <= XLSX_MAX_CELL):
                return values, "s", "" in values
            texts = list(map(_xml, values))
            if texts.count("") == values.count(""):  # an empty cell is one with no text given
                return texts, "s", "" in values
        elif types == {int}:
            return values, "n", False
        elif types <= {dt.date, _NONE}:
            return list(map(self._tails(i).__getitem__, values)), "t", None in values
        ref, col = self._refs[i], self.columns[i]
        return [self._cell(ref, n, v, col) for n, v in zip(rows, values)], "x", False

    def _tails(self, i: int) -> Memo:
        """Column ``i``'s cell ends by value ('' for an empty cell), a few thousand at most."""
        memo = self._tail_memos[i]
        if memo is None or len(memo) > 4096:
            memo = self._tail_memos[i] = Memo(self._tail)
        return memo

    def _tail(self, value) -> str:
        """A cell's XML after ``<c r="A2`` ('' when the cell is left out)."""
        if value is None or value == "":
            return ""
        if type(value) is str:
            return f'" t="inlineStr"><is><t xml:space="preserve">{_xml(value)}</t></is></c>'
        return f'" s="1"><v>{self._serials[value]}</v></c>'  # a date

    def _row_maker(self, shape: tuple[tuple[str, bool], ...]):
        """f(row number text, column texts…) -> the row's XML, for columns of ``shape``
        (kind, some empty) as ``_column_xml`` gives them."""
        maker = self._makers.get(shape)
        if maker is None:
            s1, s2 = '" t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>"
            n1, n2 = '"><v>', "</v></c>"
            consts = {"e": ""}
            parts: list = ['<row r="', ("n",), '">']  # text, or (an expression,)
            for i, ((kind, empty), ref) in enumerate(zip(shape, self._refs)):
                a = consts[f"a{i}"] = f'<c r="{ref}'
                if kind == "x":
                    parts.append((f"v{i}",))
                elif kind == "t":
                    parts += [(f"a{i} + n + v{i} if v{i} else e",)] if empty else [a, ("n",), (f"v{i}",)]
                else:
                    head, tail = (s1, s2) if kind == "s" else (n1, n2)
                    consts[f"h{i}"], consts[f"t{i}"] = head, tail
                    parts += ([(f"a{i} + n + h{i} + v{i} + t{i} if v{i} else e",)] if empty
                              else [a, ("n",), head, (f"v{i}",), tail])
            parts.append("</row>")
            body = []
            for part in parts:  # text next to text is one piece
                if isinstance(part, str) and body and isinstance(body[-1], str):
                    body[-1] += part
                else:
                    body.append(part)
            fields = []
            for k, part in enumerate(body):
                if isinstance(part, str):
                    consts[f"p{k}"] = part
                    fields.append(f"{{p{k}}}")
                else:
                    fields.append(f"{{{part[0]}}}")
            maker = self._makers[shape] = _fstring(["n"] + [f"v{i}" for i in range(len(shape))],
                                                   consts, "".join(fields))
        return maker

    def write_batch(self, columns):
        n = self._write_batch_rows(columns)
        if not n:
            return
        rows = range(self.count + 2, self.count + 2 + n)
        texts, shape = [], []
        for i, values in enumerate(columns):
            t, kind, empty = self._column_xml(i, rows, values)
            texts.append(t)
            shape.append((kind, empty))
        make, numbers = self._row_maker(tuple(shape)), list(map(str, rows))
        for i in range(0, n, _CHUNK):  # a few MB of XML at a time
            j = i + _CHUNK
            self._put("".join(map(make, numbers[i:j], *[t[i:j] for t in texts])), flush=True)
        self.count += n

    def _finish(self):
        last = self._refs[-1] if self._refs else "A"
        self._put(f'</sheetData><autoFilter ref="A1:{last}{self.count + 1}"/>'
                  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                  "</worksheet>", flush=True)
        self._out.close()
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
