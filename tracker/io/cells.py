"""Cell values in and out of files: text, lists of units, dated notes, extensions, and the
CSV guard against formula injection.

Cells arrive as str (CSV), str/int/float/date (XLSX) or any JSON value; everything here
accepts all of them.  What goes into the store is made NFC by the import service.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tracker.domain.dates import DateError, format_date, parse_date

# A CSV cell starting with one of these is run as a formula by spreadsheet programs
# (OWASP "CSV injection"); tab and CR start DDE payloads in some versions.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_GUARD = "'"

_LIST_SPLIT = re.compile(r"\s*(?:[;\n\r]|,(?!\d))\s*")
_NOTE_LINE = re.compile(r"^\s*(?:[-•+*]\s*)?(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}-\d{2}-\d{2})\s*[:\-–]\s*(.*)$")
_EXTENSION_LINE = re.compile(r"^\s*(.*?)\s*(?:→|->|=>)\s*(.*?)\s*(?::\s+(.*))?$")
# two extensions typed on one line of a cell (Excel wants Alt+Enter for a new line, so a clerk
# writes "a → b: lý do; b → c: lý do"): a ";" followed by another "… → …" before any ":"
_NEXT_EXTENSION = re.compile(r"\s*;\s*(?=[^;:]*?(?:→|->|=>))")
# an export's "A → B: lý do" saved by Excel in a Windows code page without "→" (cp1258:
# Vietnamese Windows' "CSV (Comma delimited)") comes back "A ? B: lý do": a "?" between
# spaces, before any ":" and with no other arrow on the line, is that arrow
_LOST_ARROW = re.compile(r"^\s*([^:?→]+?)\s+\?\s+([^:?→]+?)\s*(?::\s+(.*))?$")
_PERCENT = re.compile(r"^\s*\((\d{1,3})\s*%\)\s*")
# a whole number as an Excel number format leaves it in a CSV: "12", "12.0", "12,00" (two
# decimals at most: "1.000" may be a thousand written with a Vietnamese thousands dot)
_WHOLE = re.compile(r"(\d+)(?:[.,]0{1,2})?")


def guard(text: str) -> str:
    """A CSV cell that a spreadsheet will show as text, never run as a formula.

    Cells that start with a formula trigger get a leading apostrophe; cells that already
    start with one get another, so ``unguard`` gives back exactly what was written."""
    if text and (text[0] in FORMULA_TRIGGERS or text[0] == _GUARD):
        return _GUARD + text
    return text


def unguard(text: str) -> str:
    """Undo ``guard`` (for cells read from CSV)."""
    if len(text) > 1 and text[0] == _GUARD and (text[1] in FORMULA_TRIGGERS or text[1] == _GUARD):
        return text[1:]
    return text


def cell_text(value: Any) -> str:
    """A cell as text ('' for empty); dates as dd/mm/yyyy, whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return format_date(value.date())
        return f"{format_date(value.date())} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(v) for v in value)
    return str(value)


def cell_whole_number(value: Any) -> int | None:
    """A cell holding a whole number (an id): an int, a whole float (XLSX), or text a number
    format left behind ("12.0", "12,00"); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    m = _WHOLE.fullmatch(cell_text(value).strip())
    return int(m.group(1)) if m else None


def cell_date(value: Any) -> dt.date | None:
    """A date cell: a real date (XLSX/JSON) or text dd/mm/yyyy or ISO.  Raises DateError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value).strip()
    if not text:
        return None
    if "T" in text[:11] and len(text) >= 10 and text[4] == "-":  # ISO datetime from JSON
        text = text[:10]
    return parse_date(text)


def split_list(value: Any) -> list[str]:
    """Several names in one cell, separated by ';', ',' or new lines (a JSON list as is).
    A comma followed by a digit is kept ('Phường 1, 2' is rare; '1,5 tỷ' is not a list)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items = [cell_text(v).strip() for v in value]
    else:
        items = _LIST_SPLIT.split(cell_text(value))
    return [i.strip(" .") for i in items if i and i.strip(" .")]


def join_list(items: list[str]) -> str:
    return "; ".join(items)


def parse_notes(value: Any) -> list[tuple[dt.date | None, str, int | None]]:
    """Progress notes in one cell, one per line: ``15/03/2021: Đã xây dựng dự thảo``;
    ``(60%)`` after the colon is the percent done.  Lines without a date continue the
    previous note; a cell without any date is one undated note."""
    if value is None:
        return []
    if isinstance(value, list):  # JSON: [{"on": "2021-03-15", "text": "...", "percent": 60}]
        out = []
        for item in value:
            if isinstance(item, dict):
                on = cell_date(item.get("on") or item.get("date"))
                pct = item.get("percent")
                out.append((on, str(item.get("text") or "").strip(),
                            int(pct) if pct not in (None, "") else None))
            else:
                out.extend(parse_notes(item))
        return out
    notes: list[list] = []
    for line in cell_text(value).splitlines():
        if not line.strip():
            continue
        m = _NOTE_LINE.match(line)
        on = None
        if m:
            try:
                on = parse_date(m.group(1))
            except DateError:
                on = None
        if on is not None:
            text = m.group(2).strip()
            pct = None
            pm = _PERCENT.match(text)
            if pm and int(pm.group(1)) <= 100:
                pct = int(pm.group(1))
                text = text[pm.end():].strip()
            notes.append([on, text, pct])
        elif notes:
            notes[-1][1] = (notes[-1][1] + "\n" + line.strip()).strip()
        else:
            notes.append([None, line.strip(), None])
    return [(n[0], n[1], n[2]) for n in notes]


def format_notes(notes: list[tuple[dt.date | None, str, int | None]]) -> str:
    lines = []
    for on, text, pct in notes:
        head = f"{format_date(on)}: " if on else ""
        mid = f"({pct}%) " if pct is not None else ""
        lines.append(f"{head}{mid}{text}")
    return "\n".join(lines)


def parse_extensions(value: Any) -> list[tuple[str, str, str]]:
    """Extensions in one cell, one per line: ``30/06/2021 → 30/09/2021: lý do`` —
    (old deadline as written, new deadline as written, reason); on one line, ";" parts each
    with its own arrow are as many extensions.  JSON: a list of objects with
    ``from``/``to``/``reason`` (or ``old``/``new``)."""
    if value is None:
        return []
    out: list[tuple[str, str, str]] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                old = item.get("from", item.get("old", item.get("old_deadline_text", item.get("old_deadline"))))
                new = item.get("to", item.get("new", item.get("new_deadline_text", item.get("new_deadline"))))
                out.append((cell_text(old).strip(), cell_text(new).strip(),
                            cell_text(item.get("reason")).strip()))
            else:
                out.extend(parse_extensions(item))
        return out
    lines = cell_text(value).splitlines()
    for line in (part for whole in lines for part in _NEXT_EXTENSION.split(whole)):
        if not line.strip():
            continue
        m = _EXTENSION_LINE.match(line)
        if not (m and m.group(2)):
            m = _LOST_ARROW.match(line)
        if m and m.group(2):
            out.append((m.group(1).strip(), m.group(2).strip(), (m.group(3) or "").strip()))
        else:  # the new deadline alone ("30/06/2021: lý do"): it moved the one in force
            new, _colon, reason = line.partition(": ")
            out.append(("", new.strip(), reason.strip()))
    return out


def format_extensions(items: list[tuple[str, str, str]]) -> str:
    lines = []
    for old, new, reason in items:
        line = f"{old} → {new}"
        if reason:
            line += f": {reason}"
        lines.append(line)
    return "\n".join(lines)
