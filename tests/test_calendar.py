"""The working-day calendar: weekends, Vietnam's public holidays from the ``holidays``
package (Vietnamese names), the government's swaps, the user's overrides, and the day-off
shift of Civil Code art. 148."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.calendar import OFF, WORK, WorkCalendar
from tracker.services.calendar import _named, day_off_name

D = dt.date


def _range(a: dt.date, b: dt.date) -> list[dt.date]:
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def test_tet_2021_for_civil_servants_is_10_to_16_february():
    # The 2021 decision gave civil servants 7 days for Tết Tân Sửu: Wednesday 10/02 (29 Tết)
    # to Tuesday 16/02/2021 (mùng 5).  The package's statutory days plus its observed rule
    # give exactly that, with Vietnamese names.
    cal = WorkCalendar()
    tet = [(d, n) for d, n, src in cal.days_off(2021) if D(2021, 2, 1) <= d <= D(2021, 2, 28)]
    assert [d for d, _ in tet] == _range(D(2021, 2, 10), D(2021, 2, 16))
    names = dict(tet)
    assert names[D(2021, 2, 12)] == "Tết Nguyên Đán"
    assert names[D(2021, 2, 10)] == "29 Tết"
    assert all(cal.is_day_off(d) for d in _range(D(2021, 2, 10), D(2021, 2, 16)))
    assert not cal.is_day_off(D(2021, 2, 9)) and not cal.is_day_off(D(2021, 2, 17))


def test_gio_to_2021_is_21_april():
    cal = WorkCalendar()
    assert cal.day_off_name(D(2021, 4, 21)) == "Ngày Giỗ Tổ Hùng Vương"
    assert cal.day_off_name(D(2021, 4, 21), lang="en") == "Hung Kings' Commemoration Day"


def test_2021_days_off_in_full():
    cal = WorkCalendar()
    holidays = [d for d, _n, src in cal.days_off(2021)]
    assert holidays == [D(2021, 1, 1), *_range(D(2021, 2, 10), D(2021, 2, 16)), D(2021, 4, 21),
                        D(2021, 4, 30), D(2021, 5, 1), D(2021, 5, 3), D(2021, 9, 2),
                        D(2021, 9, 3)]
    # 104 weekend days, three of which are already holidays (13–14/02, 01/05)
    everything = cal.days_off(2021, include_weekends=True)
    assert len(everything) == 14 + 104 - 3
    assert {src for _d, _n, src in everything} == {"holiday", "weekend"}


def test_other_years_match_the_governments_notices():
    cal = WorkCalendar()
    off = {d for d, _n, _s in cal.days_off(2023)}
    assert set(_range(D(2023, 1, 20), D(2023, 1, 26))) <= off  # Tết Quý Mão
    assert {D(2023, 5, 2), D(2023, 5, 3), D(2023, 9, 1), D(2023, 9, 4)} <= off
    off = {d for d, _n, _s in cal.days_off(2024)}
    assert set(_range(D(2024, 2, 8), D(2024, 2, 14))) <= off  # Tết Giáp Thìn


def test_swaps_the_package_knows():
    # 2024: Monday 29/04 off, Saturday 04/05 worked in exchange
    cal = WorkCalendar()
    assert cal.is_day_off(D(2024, 4, 29))
    assert not cal.is_day_off(D(2024, 5, 4)) and cal.day_off_name(D(2024, 5, 4)) is None
    assert cal.weekend_workdays(2024) == [(D(2024, 5, 4), "", "swap")]  # the edges name it
    assert cal.swapped_for(D(2024, 5, 4)) == D(2024, 4, 29)
    assert _named(cal, D(2024, 5, 4), "", "swap", "vi") == "Làm việc bù cho ngày nghỉ 29/04/2024"
    # a swap across the new year: 31/12/2018 off, Saturday 05/01/2019 worked
    assert cal.is_day_off(D(2018, 12, 31)) and not cal.is_day_off(D(2019, 1, 5))
    (day, name, src), *_rest = cal.weekend_workdays(2019, lang="en")
    assert (day, _named(cal, day, name, src, "en")) == (
        D(2019, 1, 5), "Working day in exchange for the day off on 31/12/2018")
    assert D(2024, 5, 4) not in {d for d, _n, _s in cal.days_off(2024, include_weekends=True)}


def test_weekends_are_named():
    cal = WorkCalendar()
    assert cal.day_off_name(D(2021, 3, 6)) == ""  # the domain gives no words of ours
    assert day_off_name(cal, D(2021, 3, 6), "vi") == "Thứ Bảy"
    assert day_off_name(cal, D(2021, 3, 7), "vi") == "Chủ nhật"
    assert day_off_name(cal, D(2021, 3, 6), lang="en") == "Saturday"
    assert day_off_name(cal, D(2021, 3, 8)) is None
    assert day_off_name(cal, D(2021, 4, 21), "vi") == "Ngày Giỗ Tổ Hùng Vương"
    assert {_named(cal, d, n, s, "en") for d, n, s in cal.days_off(2021, include_weekends=True)
            if s == "weekend"} == {"Saturday", "Sunday"}


def test_overrides_win():
    monday, saturday = D(2021, 3, 8), D(2021, 3, 6)
    cal = WorkCalendar({monday: (OFF, "Nghỉ bù theo thông báo"), saturday: (WORK, "Làm bù"),
                        D(2021, 9, 3): (WORK, "Đi làm")})
    assert cal.is_day_off(monday) and cal.day_off_name(monday) == "Nghỉ bù theo thông báo"
    assert not cal.is_day_off(saturday) and cal.day_off_name(saturday) is None
    listed = cal.days_off(2021)
    assert (monday, "Nghỉ bù theo thông báo", "override") in listed
    assert D(2021, 9, 3) not in [d for d, _n, _s in listed]
    assert (saturday, "Làm bù", "override") in cal.weekend_workdays(2021)
    assert cal.effective_deadline(D(2021, 3, 7)) == monday + dt.timedelta(days=1)


def test_a_bad_override_kind_is_refused():
    with pytest.raises(ValueError):
        WorkCalendar({D(2021, 3, 8): ("holiday", "x")})


def test_effective_deadline_civil_code_148():
    cal = WorkCalendar()
    assert cal.effective_deadline(None) is None
    assert cal.effective_deadline(D(2021, 6, 30)) == D(2021, 6, 30)  # a Wednesday
    assert cal.effective_deadline(D(2021, 7, 3)) == D(2021, 7, 5)  # Saturday → Monday
    assert cal.effective_deadline(D(2021, 2, 13)) == D(2021, 2, 17)  # inside Tết
    # 30/4 (Fri), 1/5 (Sat), 2/5 (Sun), 3/5 (day off in lieu) → Tuesday 04/05/2021
    assert cal.effective_deadline(D(2021, 4, 30)) == D(2021, 5, 4)


def test_working_day_arithmetic():
    cal = WorkCalendar()
    assert cal.add_working_days(D(2020, 12, 4), 0) == D(2020, 12, 4)
    assert cal.add_working_days(D(2020, 12, 4), 1) == D(2020, 12, 7)
    assert cal.add_working_days(D(2021, 2, 9), 1) == D(2021, 2, 17)
    assert cal.add_working_days(D(2021, 2, 17), -1) == D(2021, 2, 9)
    assert cal.working_days_between(D(2021, 2, 9), D(2021, 2, 17)) == 1
    assert cal.working_days_between(D(2021, 2, 17), D(2021, 2, 9)) == -1


years = st.integers(min_value=2000, max_value=2040)
days = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@settings(deadline=None)
@given(days, st.integers(min_value=1, max_value=60))
def test_adding_working_days_never_lands_on_a_day_off(start, n):
    cal = WorkCalendar()
    end = cal.add_working_days(start, n)
    assert not cal.is_day_off(end)
    assert end > start
    assert cal.working_days_between(start, end) == n
    # counting back lands on the last working day on or before the start
    back = cal.add_working_days(end, -n)
    assert back <= start and not cal.is_day_off(back)
    assert all(cal.is_day_off(d) for d in _range(back + dt.timedelta(days=1), start))


@settings(deadline=None)
@given(days)
def test_effective_deadline_is_the_first_working_day_on_or_after(day):
    cal = WorkCalendar()
    eff = cal.effective_deadline(day)
    assert eff >= day and not cal.is_day_off(eff)
    assert all(cal.is_day_off(d) for d in _range(day, eff - dt.timedelta(days=1)))
    assert (eff == day) == (not cal.is_day_off(day))


@settings(deadline=None)
@given(st.integers(min_value=2007, max_value=2040))  # Giỗ Tổ is a day off since 2007
def test_every_year_has_tet_and_gio_to(year):
    names = [n for _d, n, _s in WorkCalendar().days_off(year)]
    assert "Tết Nguyên Đán" in names and "Ngày Giỗ Tổ Hùng Vương" in names
    assert "Quốc khánh" in names and "Tết Dương lịch" in names
