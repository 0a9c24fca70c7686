"""The working-day calendar (DESIGN §4).

Days off are Saturdays, Sundays and Vietnam's public holidays, changed by a user-editable
override table (the government's yearly swaps: a Monday off, a Saturday worked).  A
deadline that falls on a day off keeps its written date and is met by the end of the next
working day (Civil Code art. 148): ``effective_deadline`` gives that date.

Where the holidays come from — the ``holidays`` package (``country_holidays("VN",
language="vi")``), which knows the lunar dates:

* the statutory days of the Labour Code 2019 art. 112: Tết Dương lịch (1/1), Tết Nguyên
  đán (five days), Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5, Quốc khánh (2/9 and, since
  2021, the day before or after it);
* its observed rule, which is how the government lays out Tết for civil servants each year:
  a Tết day falling on a Saturday moves to the working day before, on a Sunday to the one
  after; a fixed holiday on a weekend gets a ``(nghỉ bù)`` day.  For 2021 this gives
  10/02 (29 Tết) – 16/02/2021 (mùng 5) — exactly the seven days the 2021 decision gave
  civil servants for Tết Tân Sửu — and Giỗ Tổ on 21/04/2021;
* the swaps the government announced for some years (2018–19, 2024, 2025, …): the day
  given off is a holiday named ``Ngày nghỉ (thay cho ngày …)`` and the Saturday worked in
  exchange is a working day here (the package's ``weekend_workdays``).

Any year the package does not match the government's notice (a swap it does not know yet)
is put right with the override table: ``OFF`` adds a day off, ``WORK`` makes a day a
working day (``tracker calendar add-off`` / ``add-workday``).  Overrides always win.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

OFF, WORK = "off", "work"
KINDS = (OFF, WORK)

HOLIDAY, OVERRIDE, WEEKEND, SWAP = "holiday", "override", "weekend", "swap"

_PACKAGE_LANG = {"vi": "vi", "en": "en_US"}


@dataclass(frozen=True)
class _Year:
    holidays: dict[dt.date, str]  # public holidays in the year, named in the language asked
    swaps: dict[dt.date, dt.date]  # Saturday worked -> the day off it was swapped for


# Where worked-out years are kept between runs: an object with ``get(year, lang)`` →
# (holidays, swaps) or None, and ``put(year, lang, holidays, swaps)``.  The services layer
# gives one backed by a file (``services.holiday_cache``); without one, the package is asked.
_year_store = None


def set_year_store(store) -> None:
    """Keep worked-out years in ``store`` (None: keep nothing) from now on."""
    global _year_store
    _year_store = store
    _public_year.cache_clear()


def has_year_store() -> bool:
    return _year_store is not None


@lru_cache(maxsize=128)
def _public_year(year: int, lang: str = "vi") -> _Year:
    store = _year_store
    if store is not None:
        kept = store.get(year, lang)
        if kept is not None:
            return _Year(*kept)
    found = _package_year(year, lang)
    if store is not None:
        store.put(year, lang, found.holidays, found.swaps)
    return found


def _package_year(year: int, lang: str) -> _Year:
    """The year as the ``holidays`` package gives it."""
    import holidays  # imported on first use: it costs start-up time

    package_lang = _PACKAGE_LANG.get(lang, "vi")
    # A swap announced for one year may use a Saturday of the year before or after
    # (31/12/2018 off for 05/01/2019 worked), so read the neighbours too.
    years = [year - 1, year, year + 1]
    try:
        named = holidays.country_holidays("VN", years=years, language=package_lang)
    except (NotImplementedError, KeyError, ValueError):  # pragma: no cover - old package
        named = holidays.country_holidays("VN", years=years)
    vi = named if package_lang == "vi" else holidays.country_holidays("VN", years=years,
                                                                      language="vi")
    days = {d: name for d, name in sorted(named.items()) if d.year == year}
    swaps: dict[dt.date, dt.date] = {}
    for worked in sorted(getattr(vi, "weekend_workdays", ()) or ()):
        if worked.year != year:
            continue
        written = worked.strftime("%d/%m/%Y")
        for off, name in vi.items():
            if written in name:
                swaps[worked] = off
                break
        else:
            swaps[worked] = worked
    return _Year(days, swaps)


def weekend_key(day: dt.date) -> str:
    """The catalogue key naming a Saturday or a Sunday (the edges say it)."""
    return "calendar.saturday" if day.weekday() == 5 else "calendar.sunday"


@dataclass
class WorkCalendar:
    """``overrides`` maps a date to (OFF|WORK, name)."""

    overrides: dict[dt.date, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for day, (kind, _name) in self.overrides.items():
            if kind not in KINDS:
                raise ValueError(f"calendar.bad_kind: {day} {kind!r}")

    def day_off_name(self, day: dt.date, lang: str = "vi") -> str | None:
        """Why ``day`` is off — the holiday's or the override's name; "" for a plain Saturday
        or Sunday (the edges name it: ``weekend_key``) — or None for a working day."""
        if day in self.overrides:
            kind, name = self.overrides[day]
            return name if kind == OFF else None
        public = _public_year(day.year, lang)
        name = public.holidays.get(day)
        if name:
            return name
        if day.weekday() >= 5 and day not in public.swaps:
            return ""
        return None

    def swapped_for(self, day: dt.date) -> dt.date | None:
        """The day off a worked Saturday was swapped for (the government's swaps)."""
        return _public_year(day.year).swaps.get(day)

    def is_day_off(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day][0] == OFF
        public = _public_year(day.year)
        if day in public.holidays:
            return True
        return day.weekday() >= 5 and day not in public.swaps

    def effective_deadline(self, day: dt.date | None) -> dt.date | None:
        """The day by whose end a deadline written as ``day`` is met: ``day`` itself, or the
        first working day after it when it is a day off (Civil Code art. 148)."""
        if day is None:
            return None
        guard = 0
        while self.is_day_off(day) and guard < 60:  # no run of days off is this long
            day += dt.timedelta(days=1)
            guard += 1
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (start itself not counted); a negative ``n``
        counts back.  ``n == 0`` gives ``start``."""
        step = dt.timedelta(days=1 if n >= 0 else -1)
        day = start
        counted = 0
        while counted < abs(n):
            day += step
            if not self.is_day_off(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if not self.is_day_off(day):
                count += 1
        return count

    def days_off(self, year: int, include_weekends: bool = False,
                 lang: str = "vi") -> list[tuple[dt.date, str, str]]:
        """(date, name, source) for each day off in ``year``; source is 'holiday',
        'override' or 'weekend' (a weekend's name is "": the edges name it, ``weekend_key``)."""
        public = _public_year(year, lang)
        out: dict[dt.date, tuple[str, str]] = {}
        for d, name in public.holidays.items():
            out[d] = (name, HOLIDAY)
        if include_weekends:
            d = dt.date(year, 1, 1)
            while d.year == year:
                if d.weekday() >= 5 and d not in out and d not in public.swaps:
                    out[d] = ("", WEEKEND)
                d += dt.timedelta(days=1)
        for d, (kind, name) in self.overrides.items():
            if d.year != year:
                continue
            if kind == OFF:
                out[d] = (name, OVERRIDE)
            else:
                out.pop(d, None)
        return [(d, name, src) for d, (name, src) in sorted(out.items())]

    def weekend_workdays(self, year: int, lang: str = "vi") -> list[tuple[dt.date, str, str]]:
        """(date, name, source) for each Saturday or Sunday worked in ``year``: the
        government's swaps the package knows (source 'swap') and the user's overrides
        (source 'override').  A swap's name is "": the edges say it from ``swapped_for``."""
        public = _public_year(year, lang)
        out: dict[dt.date, tuple[str, str]] = {}
        for worked in public.swaps:
            out[worked] = ("", SWAP)
        for d, (kind, name) in self.overrides.items():
            if d.year != year:
                continue
            if kind == WORK:
                out[d] = (name, OVERRIDE)
            else:
                out.pop(d, None)
        return [(d, name, src) for d, (name, src) in sorted(out.items())
                if d.weekday() >= 5 or src == OVERRIDE]
