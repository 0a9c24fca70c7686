"""Plain calendar dates as people type them: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, ISO — and as
documents write them, "ngày 10/6/2021", "ngày 10 tháng 6 năm 2021"."""
from __future__ import annotations

import datetime as dt
import re

from tracker.errors import TrackerError

_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
# (read without marks or case) "ngày 10/6/2021", "ngày 10 tháng 6 năm 2021"
_DAY_WORD = re.compile(r"^\s*ngay\s+")
_LONG = re.compile(r"^(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\s*$")


class DateError(TrackerError, ValueError):
    """A date that cannot be read; ``text`` is what was given, ``reason`` (= ``key``) a
    catalogue key whose message names ``value`` (and ``field``, which the caller knows:
    "" here)."""

    def __init__(self, text: str, reason: str = "date.malformed"):
        super().__init__(reason, value=text, field="")
        self.text = text
        self.reason = reason


def parse_date(text: str | dt.date | None) -> dt.date:
    """Read a date written as dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd.

    Raises DateError with reason ``date.malformed`` or ``date.impossible`` (31/02/2021)."""
    if type(text) is str:
        hit = _PARSED.get(text)
        if hit is not None:
            return hit
    elif isinstance(text, dt.datetime):
        return text.date()
    elif isinstance(text, dt.date):
        return text
    value = _parse_date(text)
    if type(text) is str and len(_PARSED) < 20_000:
        _PARSED[text] = value
    return value


_PARSED: dict[str, dt.date] = {}  # dates as written, read once (an import repeats them)


def _parse_date(text: str | None) -> dt.date:
    raw = (text or "").strip()
    m = _ISO.match(raw)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DMY.match(raw) or _in_words(raw)
        if not m:
            raise DateError(raw, "date.malformed")
        d, mo, y = (int(g) for g in m.groups())
    if y < 1900 or y > 2200:
        raise DateError(raw, "date.impossible")
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise DateError(raw, "date.impossible") from None


def _in_words(raw: str):
    """A date as a document writes it ("ngày 10/6/2021", "ngày 10 tháng 6 năm 2021"): the
    day, month and year matched, or None."""
    from tracker.domain.text import fold

    folded = fold(raw)
    said = _DAY_WORD.match(folded)
    rest = folded[said.end():] if said else folded
    return (_DMY.match(rest) if said else None) or _LONG.match(rest)


def format_date(value: dt.date | None) -> str:
    """dd/mm/yyyy, or '' for no date."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
