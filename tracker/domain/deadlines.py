"""Deadlines as Vietnamese administrative documents write them (DESIGN §4).

``parse_deadline`` turns the words of a deadline into a date (or none, for ongoing work),
keeping the words as written.  Forms understood:

* exact — ``30/06/2021``, ``30-6-2021``, ``2021-06-30``, ``ngày 30 tháng 6 năm 2021``,
  ``trước ngày 10/12/2023``, ``chậm nhất ngày 30-6`` / ``trước 15/3`` (year from the
  reference date), ``trước 14 giờ, ngày 05/12/2017`` (the hour is kept as written);
* periods, which mean their last day — ``tháng 6/2021``, ``trong tháng 11/2019``,
  ``Quý II/2021``, ``quý 2 năm 2021``, ``6 tháng đầu năm 2021``, ``6 tháng cuối năm``,
  ``năm 2021``, ``cuối năm 2021``, ``giai đoạn 2021-2025``; ``trước`` a period means the
  day before it starts (``trước quý IV/2021`` → 30/09/2021);
* relative, counted from the reference date (the directive's date) or from a date the
  text gives — ``trong 10 ngày``, ``trong vòng 05 ngày làm việc`` (working days, by the
  calendar), ``trong 02 tuần``, ``trong 03 tháng``, ``15 ngày kể từ ngày 01/3/2021``;
  a period in days ends ``n`` days after the start, in months on the same day of the last
  month (or that month's last day) — Civil Code art. 147–148;
* ongoing — ``thường xuyên``, ``hằng năm``/``hàng năm``, ``định kỳ hằng quý``,
  ``ngày 20 hằng tháng`` (no single date; the period is kept for reminders).

Case, diacritics, NFC/NFD, extra spaces and look-alike dashes/spaces do not matter: the
text is matched in its folded form (``tracker.domain.text.fold_map``) and phrases are cut
from the words as written.  A year written without the month/day (``30/6``, ``quý I``) is
taken from the reference date; when that would fall before the reference date the next
year is taken, with a warning.  Anything else is a ``DeadlineError`` quoting the text:
the parser never guesses.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from tracker.domain.calendar import WorkCalendar
from tracker.errors import TrackerError
from tracker.domain.dates import DateError, format_date, parse_date
from tracker.domain.text import fold, fold_map, nfc

EXACT, PERIOD, RELATIVE, ONGOING = "exact", "period", "relative", "ongoing"
KINDS = (EXACT, PERIOD, RELATIVE, ONGOING)
PERIODS = ("day", "week", "month", "quarter", "half_year", "year")


class DeadlineError(TrackerError, ValueError):
    """A deadline that cannot be read.  ``text`` is what was given, ``reason`` (= ``key``) a
    catalogue key (``deadline.*``); ``fields`` extra details.  Its ``message()`` is the
    whole sentence — the reason framed by ``deadline.error`` with the text quoted."""

    frame = "deadline.error"

    def __init__(self, text: str, reason: str = "deadline.unreadable", **fields):
        super().__init__(reason, text=text, **fields)
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class Deadline:
    """A deadline as written and as understood.

    ``date`` is the written date (None for ongoing); the day-off shift of Civil Code art. 148
    is not applied here — that is ``WorkCalendar.effective_deadline``.  ``warnings`` are
    what the user should be told, as (catalogue key, its fields as pairs) — the edges say
    them; ``warning_keys`` the keys alone.  ``phrase`` is the part of ``text`` that gave the
    date; ``others`` the further deadline phrases the text contains (ignored, with a
    warning)."""

    date: dt.date | None
    kind: str
    text: str
    hour: str | None = None
    period: str | None = None
    warnings: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()
    warning_keys: tuple[str, ...] = ()
    phrase: str = ""
    others: tuple[str, ...] = ()
    amount: int | None = None  # relative: how many units
    unit: str | None = None  # relative: 'day' | 'working_day' | 'week' | 'month' | 'year' | 'hour'
    counted_from: dt.date | None = None  # relative: the start it was counted from
    start: dt.date | None = None  # period: its first day (exact: the date itself)


# --------------------------------------------------------------------------- patterns
# All patterns run over the folded text: lower case, no diacritics, đ→d, one space.  A year
# glued to a letter ("30/6/2021abc", a Tab lost while typing) is no date: it says nothing.

_Y = r"(?P<y>\d{1,5})"
_OPT_YEAR = r"(?:\s*(?:[/\-.]|,?\s*nam)\s*(?P<y>\d{1,5})(?!\s*[/\-]\s*\d)(?![a-z]))?"
_PFX = r"(?:(?P<pfx>trong|cuoi|het|den|truoc|dau|giua|ca|vao)\s+)?"
_DAY_WORDS = ("ngay", "truoc", "nhat", "han", "chot", "vao", "den", "la", "xong", "thanh")

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # ongoing, day of every month / quarter
    ("recurring_day", re.compile(
        r"\bngay\s+(?P<d>\d{1,2})(?:\s*[/\-]\s*(?P<m>\d{1,2}))?\s+(?:hang|moi)\s+(?P<per>thang|nam|quy)\b")),
    ("recurring_quarter_day", re.compile(
        r"\bngay\s+(?P<d>\d{1,2})\s+(?:cua\s+)?thang\s+cuoi\s+(?:cua\s+)?(?:moi\s+|hang\s+)?quy\b")),
    ("ongoing_every", re.compile(
        r"\b(?:dinh\s+ky\s+)?(?:hang|moi)\s+(?P<per>nam|quy|thang|tuan|ngay)\b")),
    ("ongoing_months", re.compile(
        r"\b(?:dinh\s+ky\s+(?P<n1>\d{1,2}|sau|ba)\s+thang(?:\s+(?:mot|1)\s+lan)?"
        r"|(?P<n2>\d{1,2}|sau|ba)\s+thang\s+(?:mot|1)\s+lan)\b")),
    ("ongoing_plain", re.compile(
        r"\b(?:thuong\s+xuyen|lien\s+tuc|dinh\s+ky|khong\s+(?:co\s+)?thoi\s+han)\b")),
    # relative
    ("relative", re.compile(
        r"\b(?:(?:cham\s+nhat|toi\s+da|khong\s+qua)\s+)?"
        r"(?:trong\s+vong|trong\s+thoi\s+han|trong\s+thoi\s+gian|trong\s+khoang|trong"
        r"|thoi\s+han|sau|toi\s+da|khong\s+qua)\s+"
        r"(?P<n>\d{1,3})\s*(?P<u>ngay\s+lam\s+viec|ngay|tuan\s+le|tuan|thang|nam|gio)\b"
        r"(?!\s*(?:dau|cuoi)\s+nam)(?!\s*[/\-]?\s*\d)")),
    ("relative_from", re.compile(
        r"\b(?P<n>\d{1,3})\s*(?P<u>ngay\s+lam\s+viec|ngay|tuan\s+le|tuan|thang|nam|gio)"
        r"(?=\s*,?\s*\(?\s*(?:ke\s+tu|tinh\s+tu)\b)")),
    ("trong_ngay", re.compile(r"\btrong\s+ngay\b(?!\s*\d)(?!\s+(?:lam|le|nghi))")),
    # periods
    ("half_year", re.compile(
        r"\b" + _PFX + r"(?P<n>\d{1,2}|sau|chin|ba)\s+thang\s+(?P<side>dau|cuoi)\s+nam"
        r"(?:\s*[/\-]?\s*(?P<y>\d{1,5})\b|\s+(?P<rel>nay|sau|toi))?")),
    ("half", re.compile(
        r"\b" + _PFX + r"nua\s+(?P<side>dau|cuoi)\s+nam(?:\s*[/\-]?\s*(?P<y>\d{1,5})\b|\s+(?P<rel>nay|sau|toi))?")),
    # two months or quarters, the work due by the end of the later: "tháng 6 - 7/2021",
    # "tháng 6 và tháng 7", "tháng 11/2021 - 02/2022", "quý II-III/2021", "quý III, IV năm 2021"
    ("month_span", re.compile(
        r"\b" + _PFX + r"thang\s+(?P<m1>\d{1,2})(?:\s*/\s*(?P<y1>\d{4}))?\s*(?:-|den|toi|va|,)\s*"
        r"(?:thang\s+)?(?P<m>\d{1,2})\b(?!\s*[/\-]\s*\d{1,2}\s*[/\-])" + _OPT_YEAR)),
    ("quarter_span", re.compile(
        r"\b" + _PFX + r"(?P<qw>quy\s*)(?P<q1>iv|i{1,3}|[1-4])(?:\s*/\s*(?P<y1>\d{4}))?\s*(?:-|den|toi|va|,)\s*"
        r"(?:quy\s*)?(?P<q>iv|i{1,3}|[1-4])\b" + _OPT_YEAR)),
    ("quarter", re.compile(
        r"\b" + _PFX + r"(?P<qw>quy\s*|q\.?\s*)(?P<q>iv|v|i{1,3}|\d{1,2})\b" + _OPT_YEAR)),
    ("month", re.compile(
        r"\b" + _PFX + r"thang\s+(?P<m>\d{1,2})\b(?!\s*[/\-]\s*\d{1,2}\b\s*[/\-])" + _OPT_YEAR)),
    # two days, the work due by the later: "01/01/2021 - 31/03/2021", "1/1 đến 31/3/2021",
    # "từ ngày 01/01/2021 đến ngày 31/03/2021" (the later written in full)
    ("day_span", re.compile(
        r"(?<![\d/.\-])(?P<d1>\d{1,2})\s*[/.\-]\s*(?P<m1>\d{1,2})(?:\s*[/.\-]\s*(?P<y1>\d{4}))?"
        r"\s*(?:-|\u2013|den|toi)\s*(?:ngay\s+)?"
        r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})(?![\d/a-z])")),
    ("span", re.compile(r"\b(?:giai\s+doan|nam|cac\s+nam)\s+(?P<y1>\d{4})\s*-\s*(?P<y>\d{1,5})\b")),
    ("year", re.compile(
        r"\b" + _PFX + r"nam\s+(?P<y>\d{1,5})\b(?!\s*[/\-]\s*\d)")),
    ("year_words", re.compile(
        r"\b(?P<pfx>trong|cuoi|het|ca|den|truoc)\s+nam\b(?:\s+(?P<rel>nay|sau|toi))?"
        r"(?!\s*(?:\d|ngay|tuan|thang|nam|hoc|truoc|qua|tai|ke|ngan|du))")),
    ("month_year", re.compile(r"(?<![\d/.\-])(?P<m>\d{1,2})\s*[/\-]\s*(?P<y>\d{4})(?![\d/\-a-z])")),
    # exact dates
    ("iso", re.compile(r"(?<![\d/.\-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/.\-a-z])")),
    ("dmy", re.compile(
        r"(?<![\d/.\-])(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{1,5})(?![\d/a-z])")),
    ("words", re.compile(
        r"\b(?:ngay\s+)?(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\b(?:\s*,?\s*nam\s+(?P<y>\d{1,5})\b)?")),
    ("dm", re.compile(
        r"(?:" + "|".join(rf"(?<=\b{w} )" for w in _DAY_WORDS) + r"|(?<=: )|^)"
        r"(?P<d>\d{1,2})\s*[/\-]\s*(?P<m>\d{1,2})(?![\d%])(?!\s*[/.\-]\s*\d)"
        r"(?!\s*(?:ngay|tuan|thang|nam)\b)")),
    # an hour, kept beside an exact date
    ("hour", re.compile(
        r"\b(?P<h>\d{1,2})\s*(?:gio|h|:)\s*(?P<min>\d{2})?(?:\s*phut)?(?:\s+(?:sang|chieu|toi))?(?![\w/])")),
]
_PRIORITY = {name: i for i, (name, _) in enumerate(_PATTERNS)}
_PLAIN_DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}|\d{4}-\d{1,2}-\d{1,2}")

# A date that opens a range or follows "sau" is a start, not a deadline.
_START_BEFORE = re.compile(r"(?:(?<!thu )\btu|\bbat\s+dau\s+tu|\bbat\s+dau|\bsau|\bke\s+tu|\btinh\s+tu)\s+(?:ngay\s+)?$")
# A date right after a document number is that document's date, not a deadline.
_CITATION_BEFORE = re.compile(r"\bso\s*:?\s*\d[\w/.\-]*\s*,?\s*(?:ban\s+hanh\s+)?ngay\s+$")
_SPANS = ("span", "month_span", "quarter_span")  # (a "từ" before one opens the span it is)
_DATED = ("iso", "dmy", "words", "dm", "month", "month_year", "quarter", "half_year", "half",
          "year", "span", "month_span", "quarter_span")
# After a relative period: what it is counted from.
_ANCHOR = re.compile(r"\s*,?\s*\(?\s*(?:ke\s+tu|tinh\s+tu|tu)\s+(?:ngay\s+|thoi\s+diem\s+)?")
_ANCHOR_DATE = re.compile(
    r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{1,5})(?![\d/])"
    r"|(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})\s*,?\s*nam\s+(?P<y2>\d{1,5})\b")
_ANCHOR_REF = re.compile(r"(?:van\s+ban\s+)?(?:duoc\s+)?(?:ky|ban\s+hanh|co\s+hieu\s+luc|hieu\s+luc)\b")
_ANCHOR_RECEIPT = re.compile(r"(?:nhan\s+duoc|nhan|tiep\s+nhan)\b")

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_NUM_WORDS = {"ba": 3, "sau": 6, "chin": 9}
_UNITS = {"ngay": "day", "ngay lam viec": "working_day", "tuan": "week", "tuan le": "week",
          "thang": "month", "nam": "year", "gio": "hour"}
_EVERY = {"nam": "year", "quy": "quarter", "thang": "month", "tuan": "week", "ngay": "day"}
_VAGUE = ("dau", "giua")


@dataclass
class _Found:
    start: int
    end: int
    name: str
    m: re.Match


@dataclass
class _Reading:
    date: dt.date | None
    kind: str
    period: str | None = None
    hourless: bool = True
    amount: int | None = None
    unit: str | None = None
    counted_from: dt.date | None = None
    start: dt.date | None = None
    end: int | None = None  # a reading that consumed more text than its match (an anchor)
    warnings: tuple[tuple[str, dict], ...] = ()


# --------------------------------------------------------------------------- helpers

def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1) + relativedelta(day=31)  # (day=31: the month's last day)


def _add_months(day: dt.date, months: int) -> dt.date:
    """``months`` later, on the same day or the month's last (31/1 + 1 month = 28/2)."""
    return day + relativedelta(months=months)


def _year(text: str, raw: str | None) -> int | None:
    if raw is None:
        return None
    if len(raw) != 4:
        raise DeadlineError(text, "deadline.bad_year")
    y = int(raw)
    if y < 1900 or y > 2200:
        raise DeadlineError(text, "deadline.bad_year")
    return y


def _month(text: str, raw: str) -> int:
    m = int(raw)
    if not 1 <= m <= 12:
        raise DeadlineError(text, "deadline.bad_month")
    return m


def _need_ref(text: str, ref: dt.date | None) -> dt.date:
    if ref is None:
        raise DeadlineError(text, "deadline.needs_ref_date")
    return ref


def _date_of(text: str, d: str, m: str, y: str | None, ref: dt.date | None,
             phrase: str) -> tuple[dt.date, tuple]:
    """A day and month, with the year as written or taken from ``ref``.  A two-digit year
    (``30/6/21``) is read in this century, with a warning (``domain.rules``)."""
    if y is not None and len(y) == 2:
        from tracker.domain.rules import check_typed_year

        said = check_typed_year(phrase, y, "deadline")[0]
        year = dict(said.params)["year"]
        return _make_date(text, int(d), int(m), year), ((said.key, said.fields()),)
    year = _year(text, y)
    warnings: tuple = ()
    if year is None:
        ref = _need_ref(text, ref)
        year = ref.year
        candidate = _make_date(text, int(d), int(m), year)
        if candidate < ref:
            year += 1
            warnings = (("deadline.year_next", {"phrase": phrase, "year": year,
                                                "ref": format_date(ref)}),)
        else:
            return candidate, warnings
    return _make_date(text, int(d), int(m), year), warnings


def _make_date(text: str, d: int, m: int, y: int) -> dt.date:
    # the checks are parse_date's: one place decides what an impossible date is
    try:
        return parse_date(f"{d:02d}/{m:02d}/{y:04d}")
    except DateError as exc:
        raise DeadlineError(text, "deadline.impossible_date" if exc.reason == "date.impossible"
                            else "deadline.unreadable") from None


def _period_year(text: str, y: str | None, rel: str | None, ref: dt.date | None,
                 end_of: "callable", phrase: str) -> tuple[dt.date, tuple]:
    """The last day of a period whose year is written, relative (``năm nay/sau``) or missing."""
    year = _year(text, y)
    if year is not None:
        return end_of(year), ()
    ref = _need_ref(text, ref)
    if rel in ("sau", "toi"):
        return end_of(ref.year + 1), ()
    if rel == "nay":
        return end_of(ref.year), ()
    end = end_of(ref.year)
    if end < ref:
        end = end_of(ref.year + 1)
        return end, (("deadline.year_next", {"phrase": phrase, "year": end.year,
                                             "ref": format_date(ref)}),)
    return end, ()


def _number(raw: str) -> int:
    return _NUM_WORDS[raw] if raw in _NUM_WORDS else int(raw)


# --------------------------------------------------------------------------- the parser

# deadline words whose date does not depend on the directive's date: every date has a year
# and nothing is counted from the directive ("trong 10 ngày", "trong vòng 05 ngày làm việc")
_HAS_YEAR = re.compile(r"(?<!\d)(19|20|21)\d\d(?!\d)")
_RELATIVE = re.compile(r"\btrong\s*(vong\s*)?\d|\d+\s*(ngay|tuan|thang|nam)\b(?!\s*\d)|ke tu|ngay lam viec|\bhang\b"
                       r"|\bdinh ky\b")


def names_its_date(words: str) -> bool:
    """Whether deadline words give their date whole — read the same from any directive's
    date ("30/06/2021", "Quý III/2021"; not "30/6", "trong 10 ngày")."""
    return bool(_HAS_YEAR.search(words)) and not _RELATIVE.search(fold(words))


def parse_deadline(text: str | dt.date | None, ref_date: dt.date | None = None,
                   calendar: WorkCalendar | None = None) -> Deadline:
    """Read a deadline as people write it.  ``ref_date`` is the date relative deadlines and
    year-less dates are counted from (the directive's date); ``calendar`` counts working
    days (default: weekends and public holidays, no overrides).

    Raises ``DeadlineError`` (a ValueError) with a ``deadline.*`` reason when the text
    cannot be read: empty, no deadline in it, a date that does not exist, quarter V, year
    0021, a relative deadline or a year-less date with no ``ref_date``, a vague phrase
    (``đầu tháng 7``), or only a start date (``sau ngày 30/6``)."""
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        return Deadline(date=text, kind=EXACT, text=format_date(text), phrase=format_date(text),
                        start=text)
    written = nfc(text)
    if not written:
        raise DeadlineError(written, "deadline.empty")
    if _PLAIN_DATE.fullmatch(written):  # the common case in spreadsheets: no words at all
        try:
            day = parse_date(written)
            return Deadline(date=day, kind=EXACT, text=written, phrase=written, start=day)
        except DateError:
            pass  # the full reading below says what is wrong with it
    folded, where, found = _analyse(written)

    def cut(a: int, b: int) -> str:
        return written[where[a]: where[b - 1] + 1] if b > a else ""

    hours = [f for f in found if f.name == "hour"]
    candidates = [f for f in found if f.name != "hour"]
    cal = calendar if calendar is not None else WorkCalendar()

    first: tuple[_Found, _Reading] | None = None
    others: list[str] = []
    warnings: list[tuple[str, dict]] = []
    skipped_start = False
    consumed_to = -1
    for f in candidates:
        if f.start < consumed_to:
            continue
        before = folded[:f.start]
        if f.name in _DATED and _CITATION_BEFORE.search(before):
            continue  # "Kế hoạch số 67/KH-HĐND ngày 16/11/2020": a document's date
        if f.name in _DATED and f.name not in _SPANS and not f.m.groupdict().get("pfx") \
                and _START_BEFORE.search(before):  # ("từ tháng 6 đến tháng 12/2021" is a span, not a start)
            skipped_start = True
            continue
        phrase = cut(f.start, f.end)
        try:
            reading = _read(written, folded, f, ref_date, cal, phrase)
        except DeadlineError:
            if first is None:
                raise
            others.append(phrase)
            continue
        if reading.end is not None:
            consumed_to = reading.end
            phrase = cut(f.start, reading.end)
        if first is None:
            first = (f, reading)
            first_phrase = phrase
            warnings.extend(reading.warnings)
        elif (reading.date, reading.period if reading.date is None else None) != (
                first[1].date, first[1].period if first[1].date is None else None):
            others.append(phrase)
    if first is None:
        if skipped_start:
            raise DeadlineError(written, "deadline.start_only")
        raise DeadlineError(written, "deadline.unreadable")
    f, reading = first
    hour = None
    if reading.kind == EXACT and hours:
        near = min(hours, key=lambda h: min(abs(h.end - f.start), abs(f.end - h.start)))
        if min(abs(near.end - f.start), abs(f.end - near.start)) <= 12 and _valid_hour(near.m):
            hour = cut(near.start, near.end)
    for other in others:
        warnings.append(("deadline.second_ignored", {"other": other}))
    return Deadline(
        date=reading.date, kind=reading.kind, text=written, hour=hour, period=reading.period,
        warnings=tuple((k, tuple(v.items())) for k, v in warnings),
        warning_keys=tuple(k for k, _v in warnings),
        phrase=first_phrase, others=tuple(others), amount=reading.amount, unit=reading.unit,
        counted_from=reading.counted_from, start=reading.start,
    )


def _valid_hour(m: re.Match) -> bool:
    h = int(m.group("h"))
    mins = m.group("min")
    if m.group(0).lstrip("0123456789 ").startswith(":") and mins is None:
        return False
    return 0 <= h <= 24 and (mins is None or int(mins) < 60)


@lru_cache(maxsize=4096)
def _analyse(written: str) -> tuple[str, list[int], list[_Found]]:
    """The folded text, where each of its characters came from, and the phrases found —
    remembered, as an import reads the same few deadline phrases over and over."""
    folded, where = fold_map(written)
    return folded, where, _scan(folded)


def _scan(folded: str) -> list[_Found]:
    """Every phrase the patterns find, overlaps resolved: leftmost first, then the longest,
    then the earlier pattern."""
    hits: list[_Found] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                hits.append(_Found(m.start(), m.end(), name, m))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), _PRIORITY[h.name]))
    chosen: list[_Found] = []
    for h in hits:
        if any(h.start < c.end and c.start < h.end for c in chosen):
            continue
        chosen.append(h)
    chosen.sort(key=lambda h: h.start)
    return chosen


def _read(text: str, folded: str, f: _Found, ref: dt.date | None, cal: WorkCalendar,
          phrase: str) -> _Reading:
    m, name = f.m, f.name
    g = m.groupdict()
    pfx = g.get("pfx")
    if pfx in _VAGUE:
        raise DeadlineError(text, "deadline.vague")

    if name == "recurring_day":
        per = _EVERY[g["per"]]
        return _Reading(None, ONGOING, period=per)
    if name == "recurring_quarter_day":
        return _Reading(None, ONGOING, period="quarter")
    if name == "ongoing_every":
        return _Reading(None, ONGOING, period=_EVERY[g["per"]])
    if name == "ongoing_months":
        n = _number(g["n1"] or g["n2"])
        return _Reading(None, ONGOING, period={1: "month", 3: "quarter", 6: "half_year",
                                               12: "year"}.get(n))
    if name == "ongoing_plain":
        return _Reading(None, ONGOING)

    if name in ("relative", "relative_from"):
        return _relative(text, folded, f, ref, cal)
    if name == "trong_ngay":
        ref = _need_ref(text, ref)
        return _Reading(ref, RELATIVE, amount=0, unit="day", counted_from=ref)

    if name in ("half_year", "half"):
        months = 6 if name == "half" else _number(g["n"])
        if g["side"] == "dau":
            if not 1 <= months <= 11:
                raise DeadlineError(text, "deadline.bad_month")
            end_of = lambda y: _last_day(y, months)  # noqa: E731
            start_of = lambda y: dt.date(y, 1, 1)  # noqa: E731
        else:
            if not 1 <= months <= 11:
                raise DeadlineError(text, "deadline.bad_month")
            end_of = lambda y: dt.date(y, 12, 31)  # noqa: E731
            start_of = lambda y: dt.date(y, 13 - months, 1)  # noqa: E731
        return _period(text, g, ref, end_of, start_of, "half_year" if months == 6 else None,
                       phrase)
    if name == "quarter":
        if g["qw"].startswith("q") and not g["qw"].startswith("quy") and g["y"] is None:
            raise DeadlineError(text, "deadline.needs_year")
        q = _ROMAN.get(g["q"]) if not g["q"].isdigit() else int(g["q"])
        if q is None or not 1 <= q <= 4:
            raise DeadlineError(text, "deadline.bad_quarter")
        return _period(text, g, ref, lambda y: _last_day(y, 3 * q),
                       lambda y: dt.date(y, 3 * q - 2, 1), "quarter", phrase)
    if name in ("month_span", "quarter_span"):
        # the later's last day; the earlier's first, in its own year when written ("11/2021 - 02/2022")
        if name == "month_span":
            first, last, months = _month(text, g["m1"]), _month(text, g["m"]), 1
        else:
            first, last, months = (_ROMAN.get(v) if not v.isdigit() else int(v) for v in (g["q1"], g["q"], "3"))
        y1 = _year(text, g["y1"])
        if y1 is not None and g["y"] is None:
            g = {**g, "y": g["y1"]}
        reading = _period(text, g, ref, lambda y: _last_day(y, months * last),
                          lambda y: dt.date(y1 or y, months * (first - 1) + 1, 1), name[:-5], phrase)
        if reading.start is not None and reading.start > reading.date:
            raise DeadlineError(text, "deadline.span_backwards")
        return reading
    if name in ("month", "month_year"):
        mo = _month(text, g["m"])
        return _period(text, g, ref, lambda y: _last_day(y, mo), lambda y: dt.date(y, mo, 1),
                       "month", phrase)
    if name == "span":
        y1, y2 = _year(text, g["y1"]), _year(text, g["y"])
        if y2 < y1:
            raise DeadlineError(text, "deadline.unreadable")
        return _Reading(dt.date(y2, 12, 31), PERIOD, period="year", start=dt.date(y1, 1, 1))
    if name in ("year", "year_words"):
        return _period(text, g, ref, lambda y: dt.date(y, 12, 31), lambda y: dt.date(y, 1, 1),
                       "year", phrase)

    if name == "day_span":  # the later day; the earlier one (in the later's year unless written) starts it
        last, warnings = _date_of(text, g["d"], g["m"], g["y"], ref, phrase)
        first = _make_date(text, int(g["d1"]), int(g["m1"]), _year(text, g["y1"]) or last.year)
        if first > last and g["y1"] is None:  # "01/12 - 31/01/2022": December of the year before
            first = _make_date(text, first.day, first.month, last.year - 1)
        if first > last:
            raise DeadlineError(text, "deadline.span_backwards")
        return _Reading(last, EXACT, warnings=warnings, start=first)
    if name == "iso":
        day = _make_date(text, int(g["d"]), int(g["m"]), _year(text, g["y"]))
        return _Reading(day, EXACT, start=day)
    if name in ("dmy", "words", "dm"):
        day, warnings = _date_of(text, g["d"], g["m"], g.get("y"), ref, phrase)
        return _Reading(day, EXACT, warnings=warnings, start=day)
    raise DeadlineError(text, "deadline.unreadable")  # pragma: no cover - every name handled


def _period(text: str, g: dict, ref: dt.date | None, end_of, start_of, period: str | None,
            phrase: str) -> _Reading:
    pfx = g.get("pfx")
    if pfx == "truoc":
        # "trước quý IV/2021": before the period starts
        first, warnings = _period_year(text, g.get("y"), g.get("rel"), ref, start_of, phrase)
        return _Reading(first - dt.timedelta(days=1), PERIOD, period=period, warnings=warnings)
    last, warnings = _period_year(text, g.get("y"), g.get("rel"), ref, end_of, phrase)
    return _Reading(last, PERIOD, period=period, warnings=warnings, start=start_of(last.year))


def _relative(text: str, folded: str, f: _Found, ref: dt.date | None,
              cal: WorkCalendar) -> _Reading:
    n = int(f.m.group("n"))
    unit = _UNITS[re.sub(r"\s+", " ", f.m.group("u"))]
    warnings: tuple = ()
    end = None
    start = None
    a = _ANCHOR.match(folded, f.end)
    if a:
        d = _ANCHOR_DATE.match(folded, a.end())
        if d:
            gd = d.groupdict()
            start = _make_date(text, int(gd["d"] or gd["d2"]), int(gd["m"] or gd["m2"]),
                               _year(text, gd["y"] or gd["y2"]))
            end = d.end()
        elif _ANCHOR_RECEIPT.match(folded, a.end()):
            start = _need_ref(text, ref)
            warnings = (("deadline.counted_from_ref", {"ref": format_date(start)}),)
        elif _ANCHOR_REF.match(folded, a.end()):
            start = _need_ref(text, ref)
    if start is None:
        start = _need_ref(text, ref)
    if n <= 0:
        raise DeadlineError(text, "deadline.unreadable")
    if unit == "day":
        day = start + dt.timedelta(days=n)
    elif unit == "working_day":
        day = cal.add_working_days(start, n)
    elif unit == "week":
        day = start + dt.timedelta(weeks=n)
    elif unit == "month":
        day = _add_months(start, n)
    elif unit == "year":
        day = _add_months(start, 12 * n)
    else:  # hours: the window ends on the day the last hour falls in
        day = start + dt.timedelta(days=-(-n // 24))
    return _Reading(day, RELATIVE, amount=n, unit=unit, counted_from=start, end=end,
                    warnings=warnings)
