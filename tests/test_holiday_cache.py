"""The public holidays kept between runs (services.holiday_cache): a later process reads
them from the file instead of the ``holidays`` package, and gets the very same calendar."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from tracker.domain import calendar as C
from tracker.services import holiday_cache as H


@pytest.fixture
def kept(tmp_path, monkeypatch):
    """A fresh cache folder, and the domain's memory of worked-out years cleared before and
    after (as if a new process)."""
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path))
    before = C._year_store
    C.set_year_store(H.holiday_file())
    yield tmp_path
    C.set_year_store(before)


def test_a_later_run_reads_the_file_not_the_package(kept, monkeypatch):
    cal = C.WorkCalendar()
    first = [cal.day_off_name(dt.date(2021, 2, d)) for d in range(8, 20)]
    assert first[2] and "Tết" in first[2]  # 10/02/2021, 29 Tết: the package's answer
    files = list(kept.glob("holidays-vn-*.json"))
    assert len(files) == 1 and "vi|2021" in json.loads(files[0].read_text(encoding="utf-8"))
    C.set_year_store(H.holiday_file())  # a new process: nothing in memory, the file on disk

    def no_package(year, lang):
        raise AssertionError(f"asked the package for {year}")

    monkeypatch.setattr(C, "_package_year", no_package)
    assert [cal.day_off_name(dt.date(2021, 2, d)) for d in range(8, 20)] == first
    assert cal.effective_deadline(dt.date(2021, 2, 13)) == dt.date(2021, 2, 17)


def test_kept_years_are_the_packages_in_both_languages(kept):
    for lang in ("vi", "en"):
        for year in (2019, 2021, 2024, 2025):
            computed = C._package_year(year, lang)
            C._public_year(year, lang)  # keeps it
            C.set_year_store(H.holiday_file())
            again = C._public_year(year, lang)
            assert (again.holidays, again.swaps) == (computed.holidays, computed.swaps), (year, lang)


def test_a_broken_or_foreign_file_means_asking_the_package(kept):
    path = H.holiday_file().path
    for junk in ("not json", "[1, 2]", '{"vi|2021": {"holidays": {"x": 1}, "swaps": {}}}',
                 '{"vi|2021": 5}'):
        path.write_text(junk, encoding="utf-8")
        C.set_year_store(H.holiday_file())
        assert C._public_year(2021, "vi").holidays == C._package_year(2021, "vi").holidays
        kept_now = json.loads(path.read_text(encoding="utf-8"))
        assert "2021-02-10" in kept_now["vi|2021"]["holidays"]  # written again, whole


def test_another_package_version_is_another_file(kept, monkeypatch):
    C._public_year(2021, "vi")
    monkeypatch.setattr(H, "package_stamp", lambda: "0123456789ab")
    C.set_year_store(H.holiday_file())
    asked = []
    real = C._package_year
    monkeypatch.setattr(C, "_package_year", lambda y, lang: (asked.append(y), real(y, lang))[1])
    C._public_year(2021, "vi")
    assert asked == [2021] and len(list(kept.glob("holidays-vn-*.json"))) == 2


def test_a_folder_that_cannot_be_written_is_left_alone(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(blocker / "sub"))  # under a file: mkdir fails
    before = C._year_store
    try:
        C.set_year_store(H.holiday_file())
        assert C._public_year(2021, "vi").holidays == C._package_year(2021, "vi").holidays
        assert list(tmp_path.iterdir()) == [blocker]
    finally:
        C.set_year_store(before)


def test_an_empty_setting_keeps_nothing(monkeypatch):
    monkeypatch.setenv("TRACKER_CACHE_DIR", "")
    assert H.holiday_file() is None


def test_a_new_process_with_the_file_does_not_import_the_package(kept, tmp_path):
    """What the cache is for: a command that reads a deadline does not pay for the package."""
    C._public_year(2021, "vi")
    C._public_year(2020, "vi")
    C._public_year(2022, "vi")
    code = ("import sys, datetime as dt\n"
            "from tracker.services.context import Context\n"
            f"ctx = Context.open({str(tmp_path / 's.db')!r}, user='t', today=dt.date(2021, 6, 15), create=True)\n"
            "cal = ctx.calendar()\n"
            "print(cal.effective_deadline(dt.date(2021, 2, 13)), 'holidays' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**__import__("os").environ, "TRACKER_CACHE_DIR": str(kept)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2021-02-17", "False"]
