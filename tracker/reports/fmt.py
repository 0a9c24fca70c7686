"""Small formatting rules shared by every renderer: numbers, percentages, dates and the
width of text in terminal cells (Vietnamese NFD marks take no cell, CJK takes two)."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from tracker.domain.dates import format_date

# Characters that certainly take exactly one cell: printable ASCII, Latin-1 and the Latin
# extensions (every precomposed Vietnamese letter lives in U+00C0–U+01B0 and
# U+1EA0–U+1EF9), general punctuation.  Anything else goes to rich's tables.
_NOT_SIMPLE = re.compile(
    "[^\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u1e00-\u1eff"
    "\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2190-\u21ff\u2500-\u25fc]")


def is_simple(text: str) -> bool:
    """Whether every character of ``text`` takes exactly one cell (so len() is its width)."""
    return _NOT_SIMPLE.search(text) is None


def cell_len(text: str) -> int:
    """Cells ``text`` takes on a terminal (or in a fixed-width mail)."""
    if _NOT_SIMPLE.search(text) is None:
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def _char_cells(ch: str) -> int:
    if _NOT_SIMPLE.match(ch) is None:
        return 1
    from rich.cells import get_character_cell_size

    return get_character_cell_size(ch)


def fit(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``width`` cells, ending in ``ellipsis`` when cut.
    Never splits a letter from its combining marks."""
    if width <= 0:
        return ""
    simple = _NOT_SIMPLE.search(text) is None
    if (len(text) if simple else cell_len(text)) <= width:
        return text
    room = width - cell_len(ellipsis)
    if simple:  # one character, one cell
        return text[:max(0, room)].rstrip() + ellipsis
    out: list[str] = []
    used = 0
    for ch in text:
        w = _char_cells(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ellipsis


def fit_pad(text: str, width: int, align: str = "l") -> str:
    """``text`` cut to ``width`` cells and padded to exactly ``width``."""
    if _NOT_SIMPLE.search(text) is None:  # the common case, without measuring twice
        n = len(text)
        if n > width:
            text = fit(text, width)
            n = cell_len(text)
    else:
        text = fit(text, width)
        n = cell_len(text)
    gap = width - n
    if gap <= 0:
        return text
    return text + " " * gap if align == "l" else " " * gap + text


def pad(text: str, width: int, align: str = "l") -> str:
    gap = width - cell_len(text)
    if gap <= 0:
        return text
    return text + " " * gap if align == "l" else " " * gap + text


@lru_cache(maxsize=4096)  # a long report says the same counts and days again and again
def fmt_int(value: int, lang: str = "vi") -> str:
    """21914 → '21.914' (vi) or '21,914' (en)."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "vi" else text


def fmt_percent(fraction: float | None, lang: str = "vi", digits: int = 1,
                none: str = "-") -> str:
    """0.857142 → '85,7%' (vi) or '85.7%' (en); None (nothing fallen due) → ``none``.

    Rounds half away from zero on the decimal value, as people do by hand (Python's
    round() works on the binary value: 0.5125 → 51.2 instead of 51.3)."""
    if fraction is None:
        return none
    from decimal import ROUND_HALF_UP, Decimal

    value = (Decimal(repr(fraction)) * 100).quantize(Decimal(1).scaleb(-digits),
                                                     rounding=ROUND_HALF_UP)
    text = f"{value:.{digits}f}"
    if lang == "vi":
        text = text.replace(".", ",")
    return text + "%"


@lru_cache(maxsize=4096)  # 30k overdue lines share a few hundred deadlines
def fmt_date(value: dt.date | None) -> str:
    return format_date(value)


def paper_day_month(value: dt.date) -> tuple[str, str]:
    """Day and month as Decree 30/2020 writes them in the place-and-date line: a day
    below 10 and the months 1 and 2 take a leading zero, other months do not
    ("ngày 04 tháng 02", "ngày 15 tháng 3")."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"{value.day:02d}", month
