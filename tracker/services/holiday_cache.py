"""Vietnam's public holidays kept between runs, in a small JSON file in the user's cache
folder: reading them from the ``holidays`` package costs a process about 0.1 s (importing
its country modules, working out the lunar dates), paid before the first deadline a
command reads — an import's first batch, ``task add``, the app's first deadline.

The domain asks through ``tracker.domain.calendar.set_year_store``; nothing here decides
what a holiday is.  The file is named after the package's version, so an upgraded package
is asked again.  Anything wrong with the file (missing, unreadable, not ours) means asking
the package; a file that cannot be written is left alone.  ``TRACKER_CACHE_DIR`` names the
folder (empty: keep nothing)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The folder the cache lives in (None: keep nothing)."""
    from tracker.paths import cache_dir as kept_in

    return kept_in()


def package_stamp() -> str | None:
    """A short name for the installed ``holidays`` package's version, found without
    importing it (None: no such package)."""
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        text = (Path(next(iter(spec.submodule_search_locations))) / "version.py").read_bytes()
    except OSError:
        return None
    return hashlib.sha1(text).hexdigest()[:12]


class HolidayFile:
    """``get(year, lang)`` → (holidays, swaps) kept before, or None; ``put`` keeps them."""

    def __init__(self, folder: Path, stamp: str):
        self.path = folder / f"holidays-vn-{stamp}.json"
        self._years: dict[str, dict] | None = None

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, year: int, lang: str):
        if self._years is None:
            self._years = self._read()
        kept = self._years.get(f"{lang}|{year}")
        try:
            holidays = {dt.date.fromisoformat(d): str(name) for d, name in kept["holidays"].items()}
            swaps = {dt.date.fromisoformat(a): dt.date.fromisoformat(b) for a, b in kept["swaps"].items()}
        except (TypeError, KeyError, AttributeError, ValueError):
            return None
        return holidays, swaps

    def put(self, year: int, lang: str, holidays: dict, swaps: dict) -> None:
        entry = {"holidays": {d.isoformat(): name for d, name in holidays.items()},
                 "swaps": {a.isoformat(): b.isoformat() for a, b in swaps.items()}}
        years = self._read()  # what other runs kept meanwhile stays
        years[f"{lang}|{year}"] = entry
        self._years = years
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            from tracker.paths import private_dir, private_opener

            private_dir(self.path.parent)
            with open(tmp, "w", encoding="utf-8", opener=private_opener) as out:
                out.write(json.dumps(years, ensure_ascii=False, sort_keys=True))
            os.replace(tmp, self.path)
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass


def holiday_file() -> HolidayFile | None:
    folder, stamp = cache_dir(), package_stamp()
    if folder is None or stamp is None:
        return None
    return HolidayFile(folder, stamp)
