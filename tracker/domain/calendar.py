"""The working-day calendar (DESIGN §4).

Days off are Saturdays, Sundays and Vietnam's public holidays (the ``holidays`` package
knows the lunar ones: Tết, Giỗ Tổ), changed by a user-editable override table (the
government's yearly swaps: a Monday off, a Saturday worked).  A deadline that falls on a
day off keeps its written date and is met by the end of the next working day (Civil Code
art. 148): ``effective_deadline`` gives that date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

OFF, WORK = "off", "work"


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[dt.date, str]:
    import holidays  # imported on first use: it costs start-up time

    try:
        vn = holidays.country_holidays("VN", years=[year], language="vi")
    except Exception:  # pragma: no cover - older package without the vi language
        vn = holidays.country_holidays("VN", years=[year])
    return {d: name for d, name in sorted(vn.items())}


@dataclass
class WorkCalendar:
    """``overrides`` maps a date to (OFF|WORK, name)."""

    overrides: dict[dt.date, tuple[str, str]] = field(default_factory=dict)

    def day_off_name(self, day: dt.date) -> str | None:
        """Why ``day`` is off (holiday name, 'Thứ Bảy', …), or None for a working day."""
        if day in self.overrides:
            kind, name = self.overrides[day]
            return name if kind == OFF else None
        name = _public_holidays(day.year).get(day)
        if name:
            return name
        if day.weekday() == 5:
            return "Thứ Bảy"
        if day.weekday() == 6:
            return "Chủ nhật"
        return None

    def is_day_off(self, day: dt.date) -> bool:
        return self.day_off_name(day) is not None

    def effective_deadline(self, day: dt.date | None) -> dt.date | None:
        """The day by whose end a deadline written as ``day`` is met."""
        if day is None:
            return None
        guard = 0
        while self.is_day_off(day) and guard < 60:
            day += dt.timedelta(days=1)
            guard += 1
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (start itself not counted)."""
        day = start
        counted = 0
        while counted < n:
            day += dt.timedelta(days=1)
            if not self.is_day_off(day):
                counted += 1
        return day

    def days_off(self, year: int, include_weekends: bool = False) -> list[tuple[dt.date, str, str]]:
        """(date, name, source) for each day off in ``year``; source is 'holiday',
        'override' or 'weekend'."""
        out: dict[dt.date, tuple[str, str]] = {}
        for d, name in _public_holidays(year).items():
            out[d] = (name, "holiday")
        if include_weekends:
            d = dt.date(year, 1, 1)
            while d.year == year:
                if d.weekday() >= 5 and d not in out:
                    out[d] = (self.day_off_name(d) or "", "weekend")
                d += dt.timedelta(days=1)
        for d, (kind, name) in self.overrides.items():
            if d.year != year:
                continue
            if kind == OFF:
                out[d] = (name, "override")
            else:
                out.pop(d, None)
        return [(d, name, src) for d, (name, src) in sorted(out.items())]
