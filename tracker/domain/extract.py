"""Reading a directive: its header, the documents it cites and the tasks it assigns
(issue 16).  Pure: text and tables in, a proposal out; the unit register, the store and the
files are the services' and readers' business.

A reader hands over ``Block``s — paragraphs and tables (rows of cells, merged cells given in
every grid cell they cover).  ``assemble`` lays them out as one text (a table row as its
cells joined by `` | ``) so that every task keeps the span it came from.

The tasks are read by ``domain.extract_tasks`` (running text) and ``domain.extract_tables``
(task tables).
"""
from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass, field

from tracker.domain.calendar import WorkCalendar
from tracker.domain.citations import Citation, distinct_citations, find_citations
from tracker.domain.docnumbers import DocHeader, parse_header
from tracker.domain.text import fold, nfc

TABLE_SEP = " | "


@dataclass(frozen=True)
class Block:
    """A paragraph (``rows`` empty) or a table (``text`` empty)."""

    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class TableRow:
    table: int  # which table of the document (0-based)
    row: int  # which row of it
    cells: tuple[str, ...]
    start: int  # where the row's line stands in the assembled text
    end: int


@dataclass
class Source:
    """The document as one text, its tables' rows placed in it."""

    text: str
    rows: list[TableRow] = field(default_factory=list)
    tables: int = 0


@dataclass
class ProposedTask:
    text: str
    lead: str | None  # as written: 'Sở Tài nguyên và Môi trường', 'UBND các phường'
    support: list[str]
    deadline_text: str = ""  # as written: 'hoàn thành trước ngày 10/12/2023'
    deadline: dt.date | None = None
    deadline_kind: str = ""  # exact | period | relative | ongoing ('' none given)
    product: str = ""
    start: int = 0  # the span in Source.text it came from
    end: int = 0
    form: str = ""  # giao | request | unit_colon | unit_lead | heading | table
    confidence: float = 0.0
    problems: list[tuple[str, dict]] = field(default_factory=list)  # (catalogue key, fields)


@dataclass
class Proposal:
    source: Source
    header: DocHeader
    type_code: str | None
    title: str
    signer: str
    citations: list[Citation]
    tasks: list[ProposedTask]
    problems: list[tuple[str, dict]] = field(default_factory=list)


# --------------------------------------------------------------------------- text

_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\u200b\u200c\u200d\ufeff]")
_TAG = re.compile(r"<(?:/?(?:p|div|br|li|tr|h\d)\b[^>]*)>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]{1,200}>")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5});")
_END_PUNCT = tuple(".;:!?)\"”»/")


def clean_text(text: str) -> str:
    """The text as a clerk would have typed it: NFC, HTML tags and entities of a page copied
    from the web read, odd spaces made plain, a sentence broken over lines by a page joined
    again (a line that does not end a sentence, followed by one that starts in lower case)."""
    text = unicodedata.normalize("NFC", text or "")
    if _ENTITY.search(text) or _TAG.search(text):
        text = _TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
        text = html.unescape(text)
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _ODD_SPACES.sub(" ", text)
    lines = [re.sub(r" {2,}", " ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if (out and ln and out[-1] and ln[0].islower() and not out[-1].endswith(_END_PUNCT)
                and TABLE_SEP not in ln and TABLE_SEP not in out[-1]):
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return nfc_lines("\n".join(out))


def nfc_lines(text: str) -> str:
    return "\n".join(nfc(ln) for ln in text.split("\n"))


_SIDE_BY_SIDE = re.compile(r" {3,}")
_PIPE_ROW = re.compile(r"^\|?(?:[^|\n]*\|){2,}[^|\n]*\|?$")


def assemble(blocks: list[Block]) -> Source:
    """One text from the blocks; a table row becomes one line of cells joined by `` | ``
    (new lines inside a cell become spaces there, and stay in the row's cells)."""
    parts: list[str] = []
    rows: list[TableRow] = []
    pos = 0
    table_no = 0
    for b in blocks:
        if b.is_table:
            for r, cells in enumerate(b.rows):
                cells = tuple(nfc_lines(c.replace("\r", "\n")).strip() for c in cells)
                line = TABLE_SEP.join(nfc(c.replace("\n", " ")) for c in cells)
                rows.append(TableRow(table_no, r, cells, pos, pos + len(line)))
                parts.append(line)
                pos += len(line) + 1
            table_no += 1
            continue
        for line in clean_text(b.text).split("\n"):
            parts.append(line)
            pos += len(line) + 1
    return Source("\n".join(parts), rows, table_no)


def from_text(text: str) -> Source:
    """A plain text read (``text_blocks``) and assembled."""
    return assemble(text_blocks(text))


def text_blocks(text: str) -> list[Block]:
    """A plain text's blocks (a .txt file's, as the reader of files gives them): lines of
    cells between ``|`` (or tabs) are a table; after "Nơi nhận", a line laid out in two
    columns is its two parts."""
    raw = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    para: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush_para():
        if para:
            blocks.append(Block(text="\n".join(para)))
            para.clear()

    def flush_table():
        if table:
            blocks.append(Block(rows=tuple(table)))
            table.clear()

    closing = False  # from "Nơi nhận": the addressees and the signature, side by side in a copy
    for line in raw.split("\n"):
        s = line.strip()
        closing = closing or (s[:1] in "Nn" and _NOI_NHAN.match(fold(s[:12])) is not None)
        if closing and _SIDE_BY_SIDE.search(s):  # ("- Lưu: VT.      Hoàng Văn Lợi": two lines)
            flush_table()
            para.extend(_SIDE_BY_SIDE.split(s))
            continue
        cells = None
        if s.count("\t") >= 2:
            cells = tuple(c.strip() for c in s.split("\t"))
        elif _PIPE_ROW.match(s) and s.count("|") >= 3:
            inner = s.removeprefix("|")
            inner = inner.removesuffix("|")
            cells = tuple(c.strip() for c in inner.split("|"))
            if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                continue  # a Markdown rule under the header
        if cells is not None:
            flush_para()
            table.append(cells)
        else:
            flush_table()
            para.append(line)
    flush_para()
    flush_table()
    return blocks


# --------------------------------------------------------------------------- header

_ROLE = re.compile(
    r"^(?:(?:tm|kt|tl|q|ttl|tuq)\.?\s+[^\n]*?\s*)?(?:pho\s+)?(?:chu tich|giam doc|chanh van phong"
    r"|bo truong|thu truong|thu tuong|bi thu|truong ban|truong phong|chu nhiem|cuc truong"
    r"|tong giam doc|chanh thanh tra)(?:\s+[^\n]*)?$")
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")
_NOI_NHAN = re.compile(r"^\s*noi nhan\s*:?")
_EMPHASIS = " \t*_"  # a copy from the web or Markdown: **TM. ỦY BAN NHÂN DÂN … CHỦ TỊCH**


def find_signer(lines: list[str]) -> str:
    """The signer's name: the line of a name under the last signing role (KT. CHỦ TỊCH /
    PHÓ CHỦ TỊCH / Nguyễn Văn A)."""
    found = ""
    lines = [line.strip(_EMPHASIS) for line in lines]
    for i, line in enumerate(lines):
        f = fold(line).strip()
        if not f or len(f) > 60 or not _ROLE.match(f) or line != line.upper():
            continue
        for nxt in lines[i + 1:i + 6]:
            n = nxt.strip(" .|")
            if not n:
                continue
            nf = fold(n)
            if _ROLE.match(nf) or n == n.upper():
                continue
            if _NAME.match(n) and "noi nhan" not in nf:
                found = n
                break
    return found


def _type_code(header: DocHeader) -> str | None:
    if header.number and header.number.type_code:
        return header.number.type_code
    if header.type_name:
        from tracker.domain.docnumbers import TYPE_NAMES

        f = fold(header.type_name).strip()
        for code, (vi, _en) in TYPE_NAMES.items():
            if f.startswith(fold(vi)):
                return code
    return None


def _header_text(text: str) -> str:
    """The first lines, a web copy's ``a | b`` layout cells each on a line."""
    lines = []
    for line in text.split("\n")[:60]:
        lines.extend(p.strip() for p in line.split("|"))
    return "\n".join(lines)


# --------------------------------------------------------------------------- the reader

def extract(source: Source, *, ref_date: dt.date | None = None,
            calendar: WorkCalendar | None = None) -> Proposal:
    """Read ``source``: header, citations, tasks.  ``ref_date`` stands in for a date the
    document does not give (relative deadlines are counted from the document's date)."""
    from tracker.domain.extract_tables import table_tasks
    from tracker.domain.extract_tasks import drop_repeats, text_tasks

    text = source.text
    header = parse_header(_header_text(text))
    doc_date = header.date or ref_date
    lines = text.split("\n")
    problems: list[tuple[str, dict]] = []
    if header.date is None:
        problems.append(("extract.no_date", {}))
    body_end = len(text)
    pos = 0
    for line in lines:
        if _NOI_NHAN.match(fold(line)) and pos > len(text) // 4:
            body_end = pos
            break
        pos += len(line) + 1
    signer = find_signer(lines)
    citations = distinct_citations(find_citations(text))
    code = _type_code(header)
    if code == "BC":  # a report tells what was done; it assigns nothing
        tasks: list[ProposedTask] = []
        problems.append(("extract.report_no_tasks", {}))
    else:
        tasks = text_tasks(source, body_end, doc_date, calendar)
        tasks.extend(table_tasks(source, doc_date, calendar))
    tasks.sort(key=lambda t: t.start)
    tasks = drop_repeats(tasks)
    title = header.summary or ""
    return Proposal(source=source, header=header, type_code=_type_code(header), title=title,
                    signer=signer, citations=citations, tasks=tasks, problems=problems)
