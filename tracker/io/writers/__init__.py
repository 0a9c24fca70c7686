"""Writing tables: CSV that opens cleanly in Excel, XLSX, JSON and JSON Lines.

- CSV (``csv_writer``): the ``csv`` module; UTF-8 with a BOM (Excel otherwise reads UTF-8 as
  the local code page), CRLF, cells that start with ``= + - @`` (or tab/CR) guarded with an
  apostrophe against formula injection (``cells.guard``; the importer undoes it).  Dates are
  dd/mm/yyyy in Vietnamese and ISO in English — an English Excel reads 05/06/2021 as 6 May.
- JSON and JSON Lines (``json_writer``): orjson, an object per row; dates ISO.
- XLSX (``xlsx_writer``): one sheet streamed into the zip — bold frozen header row, an
  auto-filter, real dates shown dd/mm/yyyy, column widths; text is always text.

Rows come one at a time (``write``, a dict per row) or a batch at a time, column by column
(``write_batch``, the export's path); either way each writer turns a row's values, in the
columns' order, into its bytes in one place (``_write_rows``).  Values that repeat down a
column (dates, names, statuses) are converted once each (``Memo``).

Files are written beside the target and renamed into place when complete, so a failed
export never leaves half a file behind (``paths.WholeFile``: a link is followed, a device or
a FIFO is written directly, a file that exists keeps its permissions).
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from tracker.domain.dates import format_date
from tracker.errors import WriteError
from tracker.io.cells import cell_text, format_extensions, format_notes, join_list
from tracker.paths import WholeFile

FORMATS = ("csv", "xlsx", "json", "jsonl")

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


class Memo(dict):
    """value -> what ``make`` gives for it, made once per distinct value (dates, names and
    words repeat down a column)."""

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


def text_value(col: Column, value: Any, lang: str) -> str:
    """A value as a sheet's cell shows it in words (CSV; XLSX for what is not a date or number)."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        return format_date(day) if lang == "vi" else day.isoformat()
    if col.type == "notes" and isinstance(value, list):
        return format_notes([(_as_date(n.get("on")), n.get("text", ""), n.get("percent"))
                             if isinstance(n, dict) else (None, str(n), None) for n in value])
    if col.type == "extensions" and isinstance(value, list):
        return format_extensions([(cell_text(e.get("from")), cell_text(e.get("to")), cell_text(e.get("reason")))
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


@contextmanager
def written(path: str | os.PathLike, mode: str = "wb", **open_args):
    """A file written whole or not at all (a report's, a reminder's): the stream of
    ``path.part``, renamed to ``path`` when the block ends, removed if it fails — as
    ``_Target`` does for the table writers; links, devices and permissions as
    ``paths.WholeFile`` says.  A file the system will not write (a folder missing, no
    permission, a full disk) is said as such (``WriteError``)."""
    whole = WholeFile(path)
    try:
        with whole.open(mode, **open_args) as out:
            yield out
        whole.commit()
    except BaseException as exc:
        whole.discard()
        _say_refusal(path, exc)
        raise


def _say_refusal(path, exc: BaseException) -> None:
    """The ``WriteError`` for a file the system would not write, raised (a folder missing,
    no permission, a full disk); anything else is left to the caller — a broken pipe too
    (``-o /dev/stdout | head``: the reader left, which the CLI lets go quietly)."""
    if path is not None and isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
        raise WriteError(path, exc) from None


class _Target:
    """Where bytes go: a path (through ``paths.WholeFile``: a ``.part`` renamed at the end,
    a device written directly), stdout, or a binary stream the caller owns."""

    def __init__(self, out: str | os.PathLike | BinaryIO | None):
        self.path: Path | None = None
        self.owned = False
        if out is None or (isinstance(out, str) and out == "-"):
            self.stream: BinaryIO = sys.stdout.buffer
        elif isinstance(out, (str, os.PathLike)):
            self.path = Path(out)
            self.file = WholeFile(self.path)
            try:
                self.stream = self.file.open("wb")
            except OSError as exc:  # a folder missing, no permission, a full disk: said, nothing left
                _say_refusal(self.path, exc)
                raise
            self.owned = True
        else:
            self.stream = out

    def commit(self) -> None:
        if self.owned:
            try:
                self.stream.close()
                self.file.commit()
            except OSError as exc:  # the disk filled at the end…
                self.abort()
                _say_refusal(self.path, exc)
                raise
        else:
            self.stream.flush()

    def abort(self) -> None:
        if self.owned:
            try:
                self.stream.close()
            except OSError:  # (what was left in the buffer could not go either)
                pass
            finally:
                self.file.discard()


class TableWriter:
    """Write rows (dicts keyed by field, or batches of columns); ``close()`` finishes the
    file, ``abort()`` removes it.  Use as a context manager."""

    def __init__(self, out, columns: list[Column], *, lang: str = "vi"):
        self.columns = list(columns)
        self.fields = [c.field for c in self.columns]
        self.lang = lang
        self.count = 0
        self._target = _Target(out)
        self._closed = False

    def write(self, row: dict[str, Any]) -> None:
        self._write_rows([[row.get(f) for f in self.fields]], 1)

    def write_many(self, rows: Iterable[dict[str, Any]]) -> int:
        for row in rows:
            self.write(row)
        return self.count

    def write_batch(self, columns: Sequence[Sequence[Any]]) -> None:
        """Write a batch of rows given column by column: ``columns[i]`` holds the values of
        ``self.columns[i]``, all of the same length — the same bytes as ``write`` row by row."""
        if len(columns) != len(self.columns):
            raise ValueError(f"{len(columns)} columns given, {len(self.columns)} expected")
        n = len(columns[0]) if columns else 0
        if any(len(v) != n for v in columns):
            raise ValueError("columns of different lengths")
        if n:
            self._write_columns(columns, n)

    def _write_columns(self, columns: Sequence[Sequence[Any]], n: int) -> None:
        self._write_rows(zip(*columns), n)

    def _write_rows(self, rows: Iterable[Sequence[Any]], n: int) -> None:
        """Write ``n`` rows, each its values in the columns' order."""
        raise NotImplementedError

    def _finish(self) -> None:
        pass

    def close(self) -> None:
        if self._closed:
            return
        try:
            self._finish()
        except BaseException as exc:
            self._fail(exc)
            raise
        self._closed = True
        self._target.commit()

    def abort(self) -> None:
        if not self._closed:
            self._closed = True
            self._stop()
            self._target.abort()

    def _fail(self, exc: BaseException) -> None:
        """Let go of everything and remove the file; the system's refusal (the disk filled,
        part-way) is said as such (``WriteError``), anything else left to the caller."""
        self.abort()
        _say_refusal(self._target.path, exc)

    def _stop(self) -> None:
        """Let go of any helper (a thread) before the file is removed."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self._fail(exc)


def open_writer(fmt: str, out, columns: list[Column], *, lang: str = "vi", delimiter: str = ",",
                bom: bool = True, sheet_title: str = "Sheet1") -> TableWriter:
    """A writer for ``fmt`` (rows: dicts keyed by the columns' fields, or batches of columns)."""
    fmt = fmt.lower()
    if fmt == "csv":
        from tracker.io.writers.csv_writer import CsvWriter

        return CsvWriter(out, columns, lang=lang, delimiter=delimiter, bom=bom)
    if fmt == "xlsx":
        from tracker.io.writers.xlsx_writer import XlsxWriter

        return XlsxWriter(out, columns, lang=lang, sheet_title=sheet_title)
    if fmt in ("json", "jsonl"):
        from tracker.io.writers.json_writer import JsonWriter

        return JsonWriter(out, columns, lang=lang, lines=fmt == "jsonl")
    raise ValueError(f"unknown format {fmt!r}")
