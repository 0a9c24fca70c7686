"""Task tables in a directive (issue 16): ``STT | Nội dung | Cơ quan chủ trì | Cơ quan phối
hợp | Thời gian hoàn thành | Sản phẩm`` and their variants.

A table is a task table when one of its first rows names a content column and a lead or a
deadline column.  Under it, a row with content is a task; a row whose cells all say the same
(a section merged across the table) or that has content but neither lead nor deadline while
its number is a Roman numeral or a capital letter is a section heading, not a task.  Merged
cells come in every grid cell they cover (the readers see to it), so a lead merged down over
several rows leads each of them.
"""
from __future__ import annotations

import datetime as dt
import re

from tracker.domain.calendar import WorkCalendar
from tracker.domain.extract import ProposedTask, Source, TableRow
from tracker.domain.extract_deadlines import read_deadline_cell
from tracker.domain.text import fold
from tracker.domain.unitmatch import split_units

# column kind -> folded header words (first match wins, longer first)
_COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("support", ("co quan phoi hop", "don vi phoi hop", "phoi hop")),
    ("lead", ("co quan chu tri", "don vi chu tri", "chu tri", "co quan thuc hien",
              "don vi thuc hien", "co quan, don vi thuc hien", "trach nhiem thuc hien",
              "don vi thuc hien chinh", "co quan tham muu")),
    ("deadline", ("thoi gian hoan thanh", "thoi han hoan thanh", "thoi gian thuc hien",
                  "thoi han", "thoi gian", "tien do", "han hoan thanh")),
    ("product", ("san pham", "ket qua dau ra", "hinh thuc van ban")),
    ("content", ("noi dung cong viec", "noi dung nhiem vu", "ten nhiem vu", "nhiem vu",
                 "noi dung", "cong viec", "de an", "ten de an")),
    ("number", ("stt", "so tt", "tt")),
]
_SECTION_NO = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?$")


def _column_kind(cell: str) -> str | None:
    f = fold(cell).strip(" .:*")
    if not f:
        return None
    for kind, words in _COLUMNS:
        for w in words:
            if f == w or f.startswith(w + " ") or (kind != "number" and w in f and len(f) < 60):
                return kind
    return None


def _header(rows: list[TableRow]) -> tuple[int, dict[str, int]] | None:
    for i, r in enumerate(rows[:4]):
        cols: dict[str, int] = {}
        for j, c in enumerate(r.cells):
            k = _column_kind(c)
            if k and k not in cols:
                cols[k] = j
        if "content" in cols and ("lead" in cols or "deadline" in cols):
            return i, cols
    return None


def table_tasks(source: Source, doc_date: dt.date | None,
                calendar: WorkCalendar | None) -> list[ProposedTask]:
    tasks: list[ProposedTask] = []
    by_table: dict[int, list[TableRow]] = {}
    for r in source.rows:
        by_table.setdefault(r.table, []).append(r)
    for rows in by_table.values():
        found = _header(rows)
        if not found:
            continue
        at, cols = found
        for r in rows[at + 1:]:
            task = _row_task(r, cols, doc_date, calendar)
            if task:
                tasks.append(task)
    return tasks


def _cell(r: TableRow, cols: dict[str, int], kind: str) -> str:
    j = cols.get(kind)
    return r.cells[j].strip() if j is not None and j < len(r.cells) else ""


def _row_task(r: TableRow, cols, doc_date, calendar) -> ProposedTask | None:
    cells = [c for c in r.cells if c.strip()]
    if not cells or len(set(cells)) == 1 and len(r.cells) > 2:
        return None  # a section row merged across the table, or an empty one
    content = _cell(r, cols, "content")
    if not content or re.fullmatch(r"\(?\d+\)?", content):
        return None  # the (1) (2) (3) row under a header
    if fold(content) == fold(r.cells[cols["content"]]) and _column_kind(content) == "content":
        return None  # the header repeated on a new page
    lead_cell = _cell(r, cols, "lead")
    dl_cell = _cell(r, cols, "deadline")
    number = _cell(r, cols, "number")
    if not lead_cell and not dl_cell and (not number or _SECTION_NO.match(number)):
        return None  # a section heading row
    leads = split_units(lead_cell)
    support = split_units(_cell(r, cols, "support"))
    problems: list[tuple[str, dict]] = []
    lead = leads[0] if leads else None
    if len(leads) > 1:
        support = [*leads[1:], *[s for s in support if s not in leads]]
        problems.append(("extract.several_leads", {"units": ", ".join(leads)}))
    dl = read_deadline_cell(dl_cell, doc_date, calendar)
    if dl.problem:
        problems.append(dl.problem)
    text = " ".join(content.split())
    return ProposedTask(text=text, lead=lead, support=support, deadline_text=dl.text,
                        deadline=dl.date, deadline_kind=dl.kind,
                        product=" ".join(_cell(r, cols, "product").split()),
                        start=r.start, end=r.end, form="table", confidence=0.95,
                        problems=problems)
