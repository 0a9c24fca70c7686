"""Reading the tables clerks and scripts hand us: CSV, XLSX, JSON and JSON Lines.

``open_table(path)`` returns a ``Table`` whose ``rows()`` yields ``(row_number, {header: value})``
one row at a time, so memory stays flat however long the file is.

Row numbers are what the user sees when they open the file: for CSV and XLSX the spreadsheet
row (the header is usually row 1, the first task row 2); for JSON Lines the line number; for a
JSON array the position of the element (1 = first).

What a file can be:
- CSV with any delimiter Excel writes (``,`` ``;`` tab ``|``; an Excel ``sep=`` line is
  honoured), in UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), or a
  Windows code page — Vietnamese cp1258 is recognised by its letters, Western cp1252 and
  Central European cp1250 by which reads without stray symbols (the two read the same letters
  when only their common bytes are there: said as cp1252), anything else is left to
  charset-normalizer — unless ``encoding`` is given.
- XLSX or Excel 97-2003 .xls (python-calamine): the first sheet or ``sheet``; a cell merged
  down over several rows gives each of them its value.
- JSON: an array of objects (streamed element by element) or objects one after another;
  JSON Lines: one object per line.
- ``-`` is standard input; its format is recognised from its first bytes.

Title rows above the header (``UBND THÀNH PHỐ ĐÔNG HÀ`` / ``DANH MỤC NHIỆM VỤ…``) are skipped:
the header is the row among the first few whose cells are most recognisable as headers.

A file that cannot be read at all raises ``ReadError``; problems with single rows (a cell
beyond the last header, a malformed JSON line) are collected in ``Table.problems`` and
reading goes on, so the user hears of every problem at once.

Why one file of ~1,100 lines: the four readers are subclasses of ``Table`` that share its
header picking, row numbering and problem collection, and the sniffing above them decides
which one a file gets; every caller imports from here.  The split along those seams
(``readers/{sniff,csv,xlsx,json}.py`` behind this module's names) is the next step, not yet
taken.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import operator
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from tracker.io.cells import unguard
from tracker.io.problems import Problem, ReadError, short

FORMATS = ("csv", "xlsx", "json", "jsonl")
SAMPLE_SIZE = 256 * 1024
HEADER_SEARCH_ROWS = 20
MAX_PROBLEMS = 1000
CSV_DELIMITERS = (",", ";", "\t", "|")

_EXTENSIONS = {
    ".csv": "csv", ".txt": "csv", ".tsv": "csv", ".tab": "csv",
    ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}

HeaderScore = Callable[[list[str]], int]

# Windows code page names people type, mapped to Python codecs.
_ENCODING_ALIASES = {
    "windows-1258": "cp1258", "win1258": "cp1258", "1258": "cp1258", "vn": "cp1258",
    "windows-1252": "cp1252", "win1252": "cp1252", "1252": "cp1252", "ansi": "cp1252",
    "utf8": "utf-8", "utf-8-bom": "utf-8-sig", "unicode": "utf-16",
}


# --------------------------------------------------------------------------- sources

class _Prefixed(io.RawIOBase):
    """A stream that first gives back bytes already read from it (to sniff stdin)."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n



# the JSON parser's words for what is wrong -> the catalogue's (the rest are shown as json says them)
_JSON_REASONS = {
    "Expecting value": "io.json.expecting_value",
    "Unterminated string starting at": "io.json.unterminated_string",
    "Expecting ',' delimiter": "io.json.expecting_comma",
    "Expecting ':' delimiter": "io.json.expecting_colon",
    "Expecting property name enclosed in double quotes": "io.json.expecting_name",
    "Extra data": "io.json.extra_data",
    "Invalid control character at": "io.json.control_character",
    "Invalid \\escape": "io.json.bad_escape",
    "Invalid \\uXXXX escape": "io.json.bad_escape",
}


def json_reason(exc: json.JSONDecodeError, *, line: bool = True) -> str:
    """What ``exc`` found wrong and where, in the interface's language: "thiếu dấu phẩy
    (dòng 3, cột 17)" (``line=False``: the column alone, for a JSON Lines line)."""
    from tracker.i18n import _

    key = _JSON_REASONS.get(exc.msg)
    words = _(key) if key else exc.msg
    where = (_("io.json.at_line_col", line=exc.lineno, col=exc.colno) if line
             else _("io.json.at_col", col=exc.colno))
    return f"{words} ({where})"

def _open_binary(source: str | os.PathLike, stdin: BinaryIO | None) -> tuple[str, BinaryIO, bytes, bool]:
    """(display name, binary stream positioned at 0, first bytes, whole file in sample?)."""
    if str(source) == "-":
        raw = stdin if stdin is not None else sys.stdin.buffer
        head = raw.read(SAMPLE_SIZE)
        complete = len(head) < SAMPLE_SIZE
        stream = io.BufferedReader(_Prefixed(head, raw), buffer_size=1 << 16)
        return "-", stream, head, complete
    path = Path(source)
    name = str(source)
    if not path.exists():
        raise ReadError("io.not_found", file=name)
    if path.is_dir():
        raise ReadError("io.is_directory", file=name)
    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise ReadError("io.unreadable", file=name, value=exc.strerror or str(exc)) from None
    head = stream.read(SAMPLE_SIZE)
    complete = len(head) < SAMPLE_SIZE
    stream.seek(0)
    return name, stream, head, complete


# --------------------------------------------------------------------------- sniffing

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls / .doc (Office 97-2003)
_BINARY_MAGICS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf",
                  b"Rar!", b"SQLite format 3")
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13}))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(head: bytes) -> bool:
    """Bytes a text file never has: NUL, or more than a trace of other control bytes."""
    if any(head.startswith(m) for m in _BINARY_MAGICS):
        return True
    sample = head[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(sample) // 100)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM shows as ASCII with every other byte NUL."""
    sample = head[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _vietnamese_letters() -> frozenset[str]:
    tones = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
    vowels = "aăâeêioôơuưy"
    letters = {"đ", "Đ"}
    for v in vowels:
        for t in tones:
            ch = unicodedata.normalize("NFC", v + t)
            letters.add(ch)
            letters.add(ch.upper())
    return frozenset(ch for ch in letters if len(ch) == 1 and not ch.isascii())


_VI_LETTERS = _vietnamese_letters()
# bytes whose meaning differs between cp1258 and cp1252: Ă Đ Ơ Ư ă đ ơ ư ₫ and the tone marks
_CP1258_ONLY = frozenset(b"\xc3\xcc\xd0\xd2\xd5\xdd\xde\xe3\xec\xf0\xf2\xf5\xfd\xfe")
# cp1258 writes a tone as a mark byte after its vowel (a, ê, ơ…), where Western text has
# letters (ì ò Ì Ò Þ) that seldom follow a vowel
_TONE_ON_VOWEL = re.compile(rb"[aeiouyAEIOUY\xc2\xc3\xca\xd4\xd5\xdd\xe2\xe3\xea\xf4\xf5\xfd]"
                            rb"[\xcc\xec\xd2\xde\xf2]")


def _is_vietnamese_cp1258(sample: bytes) -> bool:
    # (a tone mark on a vowel too: "Mã" saved by a Western Windows is M a ã, where cp1258
    # would read the byte of ã as ă — its ã is a, then the tilde's mark)
    if not any(b in _CP1258_ONLY for b in sample) or not _TONE_ON_VOWEL.search(sample):
        return False
    try:
        text = unicodedata.normalize("NFC", sample.decode("cp1258"))
    except UnicodeDecodeError:
        return False
    non_ascii = [ch for ch in text if not ch.isascii() and ch.isalpha()]
    if len(non_ascii) < 3:
        return False
    vi = sum(1 for ch in non_ascii if ch in _VI_LETTERS)
    return vi / len(non_ascii) >= 0.9


# the punctuation of Western text beside letters ("l’an", “Quỹ”, ¿Qué?): no sign of a wrong page
_PUNCTUATION = frozenset("“”‘’„‚‹›«»–—…•·°€™©®§¶±¡¿")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _odd_marks(text: str) -> int:
    """Signs a text was read in the wrong code page: a symbol inside or against a word
    (``za¿ó³æ``: Polish read as Western; ``£ód``) and a tone mark left over that went with no
    letter (Vietnamese read as something else)."""
    odd = 0
    for m in _NOT_ASCII.finditer(text):
        i, ch = m.start(), m.group()
        if ch.isalpha() or ch.isspace() or ch in _PUNCTUATION:
            continue
        if unicodedata.combining(ch):
            odd += 1
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isalpha() or after.isalpha():
            odd += 1
    return odd


def _windows_code_page(sample: bytes) -> str | None:
    """The Windows code page of a text this office meets, when its bytes tell: Vietnamese
    (cp1258: a tone mark on a vowel), Western (cp1252) or Central European (cp1250) — the one whose
    reading leaves the fewest signs of a wrong page (``_odd_marks``); on a tie the Western
    page, since the two then read the same letters (only the bytes where they differ could
    tell them apart).  None for anything else (Cyrillic, Greek…: most letters outside
    ASCII; UTF-8 with a stray byte: symbols all over), left to charset-normalizer — which, on a few lines, took Western text for Baltic
    (cp1257: "crème" → "črčme") or DOS pages (cp775)."""
    high = sum(b >= 0x80 for b in sample)
    ascii_letters = sum(65 <= b <= 90 or 97 <= b <= 122 for b in sample)
    latin = high <= 0.4 * (high + ascii_letters)  # (a Latin text is mostly ASCII letters)
    readings = []
    for rank, codec in enumerate(("cp1258", "cp1252", "cp1250")):
        try:
            text = unicodedata.normalize("NFC", sample.decode(codec))
        except UnicodeDecodeError:
            continue
        if codec == "cp1258":
            if not _TONE_ON_VOWEL.search(sample):  # (Vietnamese: a tone mark on a vowel)
                continue
        elif not latin:
            continue
        readings.append((_odd_marks(text), rank, codec))
    best = min(readings, default=None)
    # read cleanly, or it is none of them (UTF-8 with a stray byte: its letters as symbols)
    return best[2] if best is not None and best[0] <= 0.1 * high else None


def _valid_utf8(sample: bytes, complete: bool) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def normalise_encoding(name: str, *, file: str = "") -> str:
    key = name.strip().lower().replace("_", "-")
    key = _ENCODING_ALIASES.get(key, key)
    try:
        info = codecs.lookup(key)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):  # (base64, rot13: no text)
        raise ReadError("io.unknown_encoding", file=file, value=name,
                        expected="utf-8, utf-16, cp1258, cp1252")
    return info.name


def detect_encoding(head: bytes, complete: bool = False, *, file: str = "") -> str:
    """The codec to read text bytes with (BOM first, then UTF-8, the Windows code pages of
    Vietnamese and Latin text, charset-normalizer for the rest)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16
    if _looks_binary(head):
        raise ReadError("io.binary", file=file, expected="CSV, XLSX, JSON")
    if _valid_utf8(head, complete):
        return "utf-8"
    if _is_vietnamese_cp1258(head):
        return "cp1258"
    page = _windows_code_page(head[:65536])
    if page is not None:
        return page
    from charset_normalizer import from_bytes

    matches = from_bytes(head[:65536])
    best = matches.best()
    if best is None:
        raise ReadError("io.bad_encoding", file=file, row=1, value="?",
                        expected="utf-8, utf-16, cp1258, cp1252")
    # Short Western text fits several code pages equally well; Windows here means cp1252.
    for m in matches:
        if (m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01
                and m.coherence >= best.coherence - 0.01):
            return "cp1252"
    return codecs.lookup(best.encoding).name


def sniff_format(head: bytes, name: str = "") -> str:
    """csv | xlsx | json | jsonl from the file name, else from the first bytes."""
    if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):  # (OLE: Excel 97-2003)
        return "xlsx"
    ext = Path(name).suffix.lower() if name and name != "-" else ""
    fmt = _EXTENSIONS.get(ext)
    if fmt:
        return fmt
    text = head.lstrip(codecs.BOM_UTF8)[:4096]
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            try:
                text = head[2:4096].decode("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be",
                                           errors="ignore").encode("utf-8")
            except Exception:
                text = b""
    stripped = text.lstrip()
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        first_line = stripped.split(b"\n", 1)[0].strip()
        return "jsonl" if first_line.endswith(b"}") else "json"
    return "csv"


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV header line: the candidate seen most often outside quotes."""
    line = _first_logical_line(text)
    counts = {d: 0 for d in CSV_DELIMITERS}
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(CSV_DELIMITERS, key=lambda d: (counts[d], -CSV_DELIMITERS.index(d)))
    return best if counts[best] else ","


def _first_logical_line(text: str) -> str:
    """The first non-blank line, joined over newlines inside quotes."""
    out: list[str] = []
    quoted = False
    started = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch in "\r\n" and not quoted:
            if started and "".join(out).strip(" ,;\t|\ufeff"):
                break
            out.clear()
            started = False
            continue
        out.append(ch)
        started = True
    return "".join(out)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (Excel column names)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --------------------------------------------------------------------------- tables

class Table:
    """One sheet of rows.  Iterate ``rows()`` once; close when done (or use ``with``)."""

    format = ""

    def __init__(self, name: str):
        self.name = name
        self.headers: list[str] = []
        self.header_row = 1
        self.encoding: str | None = None
        self.delimiter: str | None = None
        self.sheet: str | None = None
        self.problems: list[Problem] = []
        self.keys: list[str] | None = None
        self.problem_count = 0
        self.rows_read = 0
        self._closers: list[Callable[[], None]] = []

    # problems found while reading single rows: kept up to MAX_PROBLEMS, all counted
    def add_problem(self, key: str, *, row: int | None = None, column: str = "", value: Any = "",
                    expected: str = "", **extra: Any) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(key, file=self.name, row=row, column=column,
                                         value=short(value), expected=expected, extra=extra))

    def use_keys(self, mapping: dict[str, str]) -> None:
        """Key the rows of a CSV/XLSX table by ``mapping[header]`` instead of the header
        (headers not in it keep their own name) — saves the caller re-keying every row."""
        self.keys = [mapping.get(h, h) if h else h for h in self.headers]

    def cell_ref(self, header: str, row: int | None) -> str:
        """Where a cell is, as a spreadsheet user would say it (``D12``); '' for JSON."""
        if self.format not in ("csv", "xlsx") or row is None:
            return ""
        try:
            return f"{column_letter(self.headers.index(header))}{row}"
        except ValueError:
            return ""

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        raise NotImplementedError

    def _take_header(self, buffered: list[list[str]], header_score) -> None:
        """Of the first rows of a sheet (CSV or XLSX), find the header row (title rows above it
        are skipped), check its names, and keep the rows below it for ``rows``."""
        idx = _pick_header(buffered, header_score)
        headers = [_clean_header(c) for c in buffered[idx]]
        # a header of two rows (a cell merged down over both, or a group label merged over
        # its columns, 'Văn bản đến' over 'Số, ký hiệu | Ngày tháng | Tác giả'): an empty or
        # unknown cell takes the known name above or below it
        for other in (idx - 1, idx + 1):
            if 0 <= other < len(buffered) and header_score is not None and \
                    header_score([_clean_header(c) for c in buffered[other]]) >= 1:
                names = [_clean_header(c) for c in buffered[other]]
                filled = False
                for j, name in enumerate(names):
                    if name and (j >= len(headers) or not headers[j]
                                 or not header_score([headers[j]])) and header_score([name]) >= 1:
                        headers.extend([""] * (j + 1 - len(headers)))
                        headers[j] = name
                        filled = True
                if filled and other == idx + 1:
                    idx += 1
        self.header_row = idx + 1
        while headers and not headers[-1]:
            headers.pop()
        _check_headers(self, headers)
        self.headers = headers
        rest = buffered[idx + 1:]
        if rest and _numbering_row(rest[0]):
            rest = rest[1:]  # the (1) (2) (3) … row printed under a register's header
            self.header_row = idx + 2
        self._pending = rest

    def close(self) -> None:
        while self._closers:
            try:
                self._closers.pop()()
            except Exception:
                pass

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __iter__(self):
        return self.rows()


def _clean_header(value: Any) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value).replace("\ufeff", ""))
    return " ".join(text.split())


def _numbering_row(cells) -> bool:
    """A row of column numbers only: (1) (2) (3) … or 1 2 3 …"""
    vals = [str(c).strip() for c in cells if c is not None and str(c).strip()]
    if len(vals) < 3:
        return False
    nums = []
    for v in vals:
        m = re.fullmatch(r"\(?(\d{1,2})\)?(?:\.0)?", v)
        if not m:
            return False
        nums.append(int(m.group(1)))
    return nums == list(range(nums[0], nums[0] + len(nums)))


def _pick_header(records: list[list[Any]], score: HeaderScore | None) -> int:
    """Index of the header among the first records: the most recognisable one (ties: first),
    else the first non-blank record."""
    first = next((i for i, r in enumerate(records) if any(_clean_header(c) for c in r)), 0)
    if score is None:
        return first
    best, best_score = first, 1
    for i, rec in enumerate(records):
        s = score([_clean_header(c) for c in rec])
        if s > best_score:
            best, best_score = i, s
    return best


def _check_headers(table: Table, headers: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        if not h:
            continue
        if h in seen:
            raise ReadError("io.duplicate_header", file=table.name, row=table.header_row,
                            column=h, value=f"{column_letter(seen[h])}, {column_letter(i)}")
        seen[h] = i


class CsvTable(Table):
    format = "csv"

    def __init__(self, name: str, stream: BinaryIO, head: bytes, complete: bool, *,
                 encoding: str | None, delimiter: str | None, header_score: HeaderScore | None):
        super().__init__(name)
        self._closers.append(stream.close)
        self._path = name if name != "-" else None
        if encoding:
            codec = normalise_encoding(encoding, file=name)
            if codec == "utf-8" and head.startswith(codecs.BOM_UTF8):
                codec = "utf-8-sig"
        else:
            codec = detect_encoding(head, complete, file=name)
        self.encoding = codec
        text_head = head.decode(codec, errors="replace") if head else ""
        if not text_head.strip("\ufeff \t\r\n,;|"):
            raise ReadError("io.empty", file=name)
        if "\x00" in text_head[:65536]:
            raise ReadError("io.binary", file=name, expected="CSV, XLSX, JSON")
        self._text = io.TextIOWrapper(stream, encoding=codec, newline="", errors="strict")
        skip_sep_line = False
        first = _first_logical_line(text_head).lstrip("\ufeff")
        if delimiter:
            self.delimiter = "\t" if delimiter in ("\\t", "tab") else delimiter
        elif first.lower().startswith("sep=") and len(first.strip()) in (4, 5):
            self.delimiter = first.strip()[4:] or ","
            skip_sep_line = True
        else:
            self.delimiter = sniff_delimiter(text_head.lstrip("\ufeff"))
        if csv.field_size_limit() < 64 * 1024 * 1024:
            csv.field_size_limit(64 * 1024 * 1024)
        self._reader = csv.reader(self._text, delimiter=self.delimiter)
        self._record = 0  # records read so far = the spreadsheet row of the last one
        if skip_sep_line:
            self._next()
            self._record = 0  # Excel hides the sep= line: the header is still row 1
        buffered: list[list[str]] = []
        for _ in range(HEADER_SEARCH_ROWS):
            rec = self._next()
            if rec is None:
                break
            buffered.append(rec)
        if not any(any(c.strip() for c in r) for r in buffered):
            raise ReadError("io.empty", file=name)
        self._take_header(buffered, header_score)

    def _next(self) -> list[str] | None:
        try:
            rec = next(self._reader)
        except StopIteration:
            return None
        except UnicodeDecodeError as exc:
            line = _bad_line(self._path, self.encoding) if self._path else None
            raise ReadError("io.bad_encoding", file=self.name, row=line or self._record + 1,
                            value=_hex(exc),
                            expected=self.encoding or "") from None
        except csv.Error as exc:
            raise ReadError("io.csv_malformed", file=self.name, row=self._record + 1,
                            value=str(exc)) from None
        self._record += 1
        return rec

    def cell_batches(self, size: int, first: int | None = None) -> Iterator[tuple[list[int], list[list]]]:
        """The rows ``size`` at a time (``first`` in the first batch) as (row numbers, cells):
        each row's cells a list as wide as the header, in its order (``keys``), None where the
        row stopped short; blank rows left out, and cells past the header or under a blank
        header reported as ``rows`` does.  ``as_values`` makes a row of it what ``rows`` would
        have given."""
        headers = self.keys or self.headers
        width = len(headers)
        unnamed = [i for i, h in enumerate(headers) if not h]
        row = self.header_row
        # each record tagged with its count (zip asks the reader first: where the reader
        # fails, the count says how many records came before — the row of the problem)
        counted = itertools.count(1)
        records = zip(itertools.chain(self._pending, self._reader), counted)
        self._pending = []
        wanted = first or size
        numbers: list[int] = []
        batch: list[list] = []
        first_cells = operator.itemgetter(0)
        try:  # a bad byte or a broken quote stops the reading (the loop's body raises neither)
            while True:
                taken = list(map(first_cells, itertools.islice(records, wanted - len(batch))))
                if not taken:
                    break
                joined = list(map("".join, taken))
                if (not unnamed and all(map(str.strip, joined)) and "'" not in "".join(joined)
                        and set(map(len, taken)) == {width}):
                    # the common batch (no blank, ragged or guarded row): taken as it is
                    numbers += range(row + 1, row + 1 + len(taken))
                    batch += taken
                    row += len(taken)
                else:
                    for cells, text in zip(taken, joined):
                        row += 1
                        if not text.strip():
                            continue
                        if len(cells) != width or unnamed:
                            cells = self._fit(cells, row, width, unnamed)
                        if "'" in text:  # undo the writer's guard against formula injection
                            cells = [unguard(c) if c and c[:1] == "'" else c for c in cells]
                        numbers.append(row)
                        batch.append(cells)
                if len(batch) >= wanted:
                    self.rows_read += len(batch)
                    yield numbers, batch
                    numbers, batch, wanted = [], [], size
        except UnicodeDecodeError as exc:
            line = _bad_line(self._path, self.encoding) if self._path else None
            raise ReadError("io.bad_encoding", file=self.name, row=line or self.header_row + next(counted),
                            value=_hex(exc), expected=self.encoding or "") from None
        except csv.Error as exc:
            raise ReadError("io.csv_malformed", file=self.name, row=self.header_row + next(counted),
                            value=str(exc)) from None
        if batch:
            self.rows_read += len(batch)
            yield numbers, batch

    def _fit(self, cells: list[str], row: int, width: int, unnamed: list[int]) -> list:
        """A row's cells cut or padded to the header's width (problems for what is cut off
        or stands under no header; those cells become None)."""
        if len(cells) > width:
            extra = [(i, c) for i, c in enumerate(cells[width:], start=width) if c.strip()]
            if extra:
                i, c = extra[0]
                self.add_problem("io.extra_cells", row=row, column=column_letter(i), value=c,
                                 expected=str(width))
            cells = cells[:width]
        else:
            cells = cells + [None] * (width - len(cells))
        for i in unnamed:
            c = cells[i]
            if c is not None and c.strip():
                self.add_problem("io.unnamed_column", row=row, column=column_letter(i), value=c)
            cells[i] = None
        return cells

    def as_values(self, cells: list) -> dict[str, Any]:
        """A row of ``cell_batches`` keyed as ``rows`` keys it."""
        return {k: c for k, c in zip(self.keys or self.headers, cells) if c is not None}

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        keys = self.keys or self.headers
        for numbers, batch in self.cell_batches(256):
            for number, cells in zip(numbers, batch):
                # (a row as wide as the header, nearly every one: no cell to leave out)
                yield number, dict(zip(keys, cells)) if None not in cells else self.as_values(cells)


def _hex(exc: UnicodeDecodeError) -> str:
    return " ".join(f"0x{b:02X}" for b in exc.object[exc.start:exc.end])


def _bad_line(path: str, codec: str | None) -> int | None:
    """The line of a file on which its first undecodable byte stands (errors only)."""
    if not codec or codec.startswith("utf-16") or codec.startswith("utf-32"):
        return None
    try:
        with open(path, "rb") as f:
            for number, line in enumerate(f, start=1):
                try:
                    line.decode(codec)
                except UnicodeDecodeError:
                    return number
    except OSError:
        return None
    return None


def _xlsx_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date()
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


class XlsxTable(Table):
    """An Excel workbook's sheet — XLSX, or Excel 97-2003 .xls, which offices still keep —
    read with calamine (Rust): seven times quicker than openpyxl over a sheet (100k rows: 2.9 s
    against 21.5 s), and the merged cells come with it."""

    format = "xlsx"

    def __init__(self, name: str, stream: BinaryIO, *, sheet: str | None,
                 header_score: HeaderScore | None, old: bool = False):
        super().__init__(name)
        from python_calamine import CalamineWorkbook

        what, key = ("XLS", "io.xls_invalid") if old else ("XLSX", "io.xlsx_invalid")
        if not stream.seekable():
            data = stream.read()
            stream.close()
            stream = io.BytesIO(data)
        self._closers.append(stream.close)
        try:
            wb = CalamineWorkbook.from_filelike(stream)
            if sheet and sheet not in wb.sheet_names:
                raise ReadError("io.sheet_not_found", file=name, value=sheet, expected=", ".join(wb.sheet_names))
            ws = wb.get_sheet_by_name(sheet) if sheet else wb.get_sheet_by_index(0)
            merged = ws.merged_cell_ranges or ()
            start = ws.start
            rows = ws.iter_rows()
        except ReadError:
            self.close()
            raise
        except Exception as exc:  # calamine's one error kind, or a workbook it cannot make out
            self.close()
            raise ReadError(key, file=name, value=short(str(exc)), expected=what) from None
        self._closers.append(getattr(wb, "close", lambda: None))
        self.sheet = ws.name
        # rows come from the sheet's first row, cells from its first used column: put those
        # columns back, so a cell's letter is the sheet's; an empty cell is None, as elsewhere
        pad = (None,) * (start[1] if start else 0)
        self._iter = ((*pad, *[None if c == "" else c for c in r]) for r in rows)
        # cells merged down over the rows below (one directive for its tasks): first row
        # (1-based) -> [(column, last row)]
        self._merged_down: dict[int, list[tuple[int, int]]] = {}
        for (r1, c1), (r2, _c2) in merged:
            if r2 > r1:
                self._merged_down.setdefault(r1 + 1, []).append((c1, r2 + 1))
        buffered: list[tuple] = []
        for rec in self._iter:
            buffered.append(rec)
            if len(buffered) >= HEADER_SEARCH_ROWS:
                break
        if not any(any(_clean_header(c) for c in r) for r in buffered):
            self.close()
            raise ReadError("io.empty", file=name)
        self._take_header(buffered, header_score)

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        headers = self.keys or self.headers
        width = len(headers)
        row = self.header_row
        pending = self._pending
        self._pending = []

        def records():
            yield from pending
            yield from self._iter

        # a cell merged down over the rows below it (one directive for several tasks, as
        # sheets are often laid out): those rows take its value, as the clerk reads them
        merged, carried = self._merged_down, {}
        for cells in records():
            row += 1
            if merged and any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
                # (a blank row stays blank, merged cells or not)
                if carried:
                    for col, (last, value) in list(carried.items()):
                        if row > last:
                            del carried[col]
                        elif col >= len(cells):
                            cells = (*cells, *(None,) * (col - len(cells)), value)
                        elif cells[col] is None:
                            cells = (*cells[:col], value, *cells[col + 1:])
                for col, last in merged.get(row, ()):
                    if col < len(cells) and cells[col] is not None:
                        carried[col] = (last, cells[col])
            values: dict[str, Any] = {}
            blank = True
            for i, c in enumerate(cells):
                if c is None or (isinstance(c, str) and not c.strip()):
                    continue
                blank = False
                if i >= width or not headers[i]:
                    key = "io.extra_cells" if i >= width else "io.unnamed_column"
                    self.add_problem(key, row=row, column=column_letter(i), value=c,
                                     expected=str(width))
                    continue
                values[headers[i]] = _xlsx_value(c)
            if blank:
                continue
            self.rows_read += 1
            yield row, values


_WS = re.compile(r"[ \t\n\r]*")


class JsonTable(Table):
    """A JSON array of objects, streamed element by element with ``raw_decode`` (no new
    dependency); or objects written one after another.  ``headers`` grows as keys appear."""

    format = "json"
    CHUNK = 1 << 16

    def __init__(self, name: str, stream: BinaryIO, head: bytes, complete: bool, *,
                 encoding: str | None):
        super().__init__(name)
        self._closers.append(stream.close)
        codec = normalise_encoding(encoding, file=name) if encoding else detect_encoding(head, complete, file=name)
        if codec == "utf-8" and head.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        self.encoding = codec
        self._text = io.TextIOWrapper(stream, encoding=codec, errors="strict")
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._fill()
        self._skip_ws()
        if self._pos >= len(self._buf):
            raise ReadError("io.empty", file=name)
        self._array = self._buf[self._pos] == "["
        if self._array:
            self._pos += 1
        elif self._buf[self._pos] != "{":
            raise ReadError("io.json_invalid", file=name, row=1, value=self._buf[self._pos:self._pos + 20],
                            expected="[ {…}, … ]")
        self._first = self._peek_first()

    def _fill(self, at_least: int = 0) -> bool:
        if self._eof:
            return False
        try:
            chunk = self._text.read(max(self.CHUNK, at_least))
        except UnicodeDecodeError as exc:
            raise ReadError("io.bad_encoding", file=self.name, value=_hex(exc),
                            expected=self.encoding or "utf-8") from None
        if not chunk:
            self._eof = True
            return False
        if self._pos:
            self._buf = self._buf[self._pos:] + chunk
            self._pos = 0
        else:
            self._buf += chunk
        return True

    def _skip_ws(self) -> None:
        while True:
            self._pos = _WS.match(self._buf, self._pos).end()
            if self._pos < len(self._buf) or not self._fill():
                return

    def _peek_first(self):
        """Decode the first element now, so ``headers`` is known before ``rows()``."""
        self._skip_ws()
        if self._pos < len(self._buf) and self._array and self._buf[self._pos] == "]":
            return None
        if self._pos >= len(self._buf):
            return None
        obj = self._decode(1)
        if isinstance(obj, dict):
            self.headers = [str(k) for k in obj]
        return (obj,)

    def _decode(self, index: int):
        decoder = _DECODER
        while True:
            try:
                obj, end = decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._fill(len(self._buf)):
                    continue
                raise ReadError("io.json_invalid", file=self.name, row=index,
                                value=json_reason(exc),
                                expected="JSON") from None
            except RecursionError:  # nested past the parser's depth: a value no column holds
                from tracker.i18n import _

                raise ReadError("io.json_invalid", file=self.name, row=index,
                                value=_("io.json.too_deep"), expected="JSON") from None
            if end >= len(self._buf) and not self._eof and self._fill():
                continue  # a number or literal may go on in the next chunk
            self._pos = end
            return obj

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        if self._first is None:
            return
        known = set(self.headers)
        index = 0
        pending = self._first
        self._first = None
        while True:
            if pending is not None:
                obj = pending[0]
                pending = None
            else:
                self._skip_ws()
                if self._pos >= len(self._buf):
                    if self._array:
                        raise ReadError("io.json_invalid", file=self.name, row=index + 1,
                                        value="EOF", expected="]")
                    return
                ch = self._buf[self._pos]
                if self._array:
                    if ch == "]":
                        self._pos += 1
                        self._skip_ws()
                        if self._pos < len(self._buf):
                            raise ReadError("io.json_invalid", file=self.name, row=index + 1,
                                            value=self._buf[self._pos:self._pos + 20], expected="EOF")
                        return
                    if ch != ",":
                        raise ReadError("io.json_invalid", file=self.name, row=index + 1,
                                        value=self._buf[self._pos:self._pos + 20], expected=", ]")
                    self._pos += 1
                    self._skip_ws()
                obj = self._decode(index + 1)
            index += 1
            if not isinstance(obj, dict):
                self.add_problem("io.json_not_object", row=index, value=json.dumps(obj, ensure_ascii=False)[:60],
                                 expected="{…}")
                continue
            for k in obj:
                if k not in known:
                    known.add(k)
                    self.headers.append(str(k))
            self.rows_read += 1
            yield index, obj
            if self._pos > self.CHUNK:
                self._buf = self._buf[self._pos:]
                self._pos = 0


_DECODER = json.JSONDecoder()


class JsonLinesTable(Table):
    format = "jsonl"

    def __init__(self, name: str, stream: BinaryIO, head: bytes, complete: bool, *,
                 encoding: str | None):
        super().__init__(name)
        self._closers.append(stream.close)
        codec = normalise_encoding(encoding, file=name) if encoding else detect_encoding(head, complete, file=name)
        if codec == "utf-8" and head.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        self.encoding = codec
        self._text = io.TextIOWrapper(stream, encoding=codec, errors="strict")
        # the rest of a UTF-8 file can be read as bytes, which orjson takes as they are (no
        # text made first): where the stream can seek back to where the text got to, and
        # lines end in \n (a lone \r ends a line only for the text reader)
        self._bytes = (stream if codec in ("utf-8", "utf-8-sig") and stream.seekable()
                       and b"\r" not in head.replace(b"\r\n", b"") else None)
        self._line = 0
        self._first = None
        while True:
            line = self._readline()
            if line is None:
                raise ReadError("io.empty", file=name)
            if line.strip():
                self._first = (self._line, line)
                break
        try:
            obj = json.loads(self._first[1])
            if isinstance(obj, dict):
                self.headers = [str(k) for k in obj]
        except (json.JSONDecodeError, RecursionError):  # (reported when its row is read)
            pass

    def _readline(self) -> str | None:
        try:
            line = self._text.readline()
        except UnicodeDecodeError as exc:
            raise ReadError("io.bad_encoding", file=self.name, row=self._line + 1,
                            value=_hex(exc),
                            expected=self.encoding or "utf-8") from None
        if not line:
            return None
        self._line += 1
        return line

    def _decoded(self, line: bytes, number: int) -> str:
        """A line read as bytes, as text (a bad byte: the file's encoding is wrong there)."""
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReadError("io.bad_encoding", file=self.name, row=number, value=_hex(exc),
                            expected=self.encoding or "utf-8") from None

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for numbers, objs in self.object_batches(256):
            yield from zip(numbers, objs)

    def object_batches(self, size: int, first: int | None = None) -> Iterator[tuple[list[int], list[dict]]]:
        """The objects ``size`` at a time (``first`` in the first batch) as (line numbers,
        objects), blank and broken lines left out (broken ones reported).  A batch ends
        early before an object that shows a key not seen before: ``headers`` has grown by
        the time that object's batch comes."""
        import orjson

        known = set(self.headers)
        fast, loads = orjson.loads, json.loads
        head = self._first
        self._first = None

        def lines():
            if head is not None:
                yield head
            number = self._line
            source = self._text
            if self._bytes is not None:  # on from where the text got to, as bytes
                self._bytes.seek(self._text.tell())  # (a byte offset: UTF-8 keeps no state)
                self._text.detach()
                source = self._bytes
            try:  # the file's own line iterator: much quicker than a readline() call a line
                for number, line in enumerate(source, start=number + 1):
                    yield number, line
            except UnicodeDecodeError as exc:
                raise ReadError("io.bad_encoding", file=self.name, row=number + 1, value=_hex(exc),
                                expected=self.encoding or "utf-8") from None
            finally:
                self._line = number

        def parsed(number, line):
            """The object on one line; None for a blank line or a problem (reported)."""
            if not line.strip():
                return None
            try:  # orjson: twice the standard parser's speed, and as strict
                obj = fast(line)
                if type(obj) is dict and float in map(type, obj.values()):
                    obj = loads(line)  # orjson reads an integer past 64 bits as a float
            except ValueError:  # … but for NaN and Infinity, which the standard one takes
                if type(line) is bytes:
                    line = self._decoded(line, number)
                    if not line.strip():  # blank but for spaces beyond ASCII
                        return None
                try:  # (without the line's end: a line cut short is wrong at its last column)
                    obj = loads(line.rstrip("\r\n"))
                except json.JSONDecodeError as exc:  # its words say what is wrong
                    self.add_problem("io.jsonl_invalid", row=number, value=json_reason(exc, line=False),
                                     expected="JSON")
                    return None
                except RecursionError:  # nested past the parser's depth
                    from tracker.i18n import _

                    self.add_problem("io.jsonl_invalid", row=number, value=_("io.json.too_deep"),
                                     expected="JSON")
                    return None
            if not isinstance(obj, dict):
                if type(line) is bytes:
                    line = self._decoded(line, number)
                self.add_problem("io.jsonl_not_object", row=number, value=line.strip()[:60],
                                 expected="{…}")
                return None
            return obj

        numbers: list[int] = []
        batch: list[dict] = []
        wanted = first or size
        pairs = lines()
        line_of, number_of = operator.itemgetter(1), operator.itemgetter(0)
        while True:
            chunk = list(itertools.islice(pairs, wanted - len(batch)))
            if not chunk:
                break
            try:  # the lines of a chunk parsed in C, and looked over in C
                objs = list(map(fast, map(line_of, chunk)))
            except ValueError:  # a blank or broken line among them
                objs = None
            if (objs is not None and set(map(type, objs)) == {dict}
                    and float not in set(map(type, itertools.chain.from_iterable(map(dict.values, objs))))
                    and all(map(known.issuperset, objs))):
                # the common chunk (objects of known keys, no float): taken as it is
                numbers += map(number_of, chunk)
                batch += objs
                self.rows_read += len(objs)
            else:  # line by line: problems reported, a batch ends before an object with a new key
                for number, line in chunk:
                    obj = parsed(number, line)
                    if obj is None:
                        continue
                    if len(obj) != len(known) or not known.issuperset(obj):
                        if any(k not in known for k in obj):
                            if batch:
                                yield numbers, batch
                                numbers, batch, wanted = [], [], size
                            for k in obj:
                                if k not in known:
                                    known.add(k)
                                    self.headers.append(str(k))
                    self.rows_read += 1
                    numbers.append(number)
                    batch.append(obj)
            if len(batch) >= wanted:
                yield numbers, batch
                numbers, batch, wanted = [], [], size
        if batch:
            yield numbers, batch


# --------------------------------------------------------------------------- entry point

def open_table(source: str | os.PathLike, *, fmt: str | None = None, encoding: str | None = None,
               sheet: str | None = None, delimiter: str | None = None,
               header_score: HeaderScore | None | bool = True,
               stdin: BinaryIO | None = None) -> Table:
    """Open ``source`` (a path or ``-``) as a Table.  ``fmt`` forces the format;
    ``header_score`` finds the header below title rows (True: the import header names)."""
    if header_score is True:
        from tracker.io.headers import header_score as default_score

        header_score = default_score
    elif header_score is False:
        header_score = None
    name, stream, head, complete = _open_binary(source, stdin)
    try:
        if not head:
            raise ReadError("io.empty", file=name)
        if fmt:
            fmt = fmt.lower()
            if fmt not in FORMATS:
                raise ReadError("io.unknown_format", file=name, value=fmt, expected=", ".join(FORMATS))
        else:
            fmt = sniff_format(head, name)
        if fmt == "xlsx":
            old = head.startswith(_OLE_MAGIC)
            if not old and not head.startswith(_ZIP_MAGIC):
                raise ReadError("io.xlsx_invalid", file=name, value=short(head[:16]), expected="XLSX")
            return XlsxTable(name, stream, sheet=sheet, header_score=header_score, old=old)
        if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
            raise ReadError("io.binary", file=name, expected=fmt.upper())
        if fmt == "json":
            return JsonTable(name, stream, head, complete, encoding=encoding)
        if fmt == "jsonl":
            return JsonLinesTable(name, stream, head, complete, encoding=encoding)
        return CsvTable(name, stream, head, complete, encoding=encoding, delimiter=delimiter,
                        header_score=header_score)
    except BaseException:
        stream.close()
        raise
