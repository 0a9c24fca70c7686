"""What the global options and the environment say, resolved once for a run.

``Settings.resolve(db=, today=, lang=, user=, debug=)`` takes the flags (None: not given) and
falls back to the environment — ``TRACKER_DB``, ``TRACKER_TODAY``, ``TRACKER_LANG``,
``TRACKER_USER``, ``TRACKER_DEBUG`` — then to the defaults: the user's store
(``tracker.paths``), the real date, Vietnamese, the login name.  The day is parsed here and
nowhere else; a day that cannot be read is a ``SettingError`` (exit 2).  The CLI's ``State``,
``services.context.Context.open`` and the app take the object; nothing below reads these
variables again.

``TRACKER_LANG`` is read as a locale is written, in any case and spacing (``en``, ``EN``,
``en_US.UTF-8``, ``vi_VN``); a language we do not speak (``fr``) is Vietnamese — the
environment of a cron job must not stop it (a ``--lang`` typed by hand is Click's to refuse).
``TRACKER_LOCK_WAIT`` (seconds a write waits for another program's lock, 10 by default) is
checked here like the day: a value that is no number of seconds is a ``SettingError`` naming
the variable; ``store.db.lock_wait`` reads it when it connects.

The caches' folder comes from ``tracker.paths.cache_dir`` (``TRACKER_CACHE_DIR``), the folder
module's own rule, and is carried here so the run has one object to ask.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.errors import EXIT_USAGE, TrackerError

ENV_DB = "TRACKER_DB"
ENV_TODAY = "TRACKER_TODAY"
ENV_LANG = "TRACKER_LANG"
ENV_USER = "TRACKER_USER"
ENV_DEBUG = "TRACKER_DEBUG"
ENV_LOCK_WAIT = "TRACKER_LOCK_WAIT"
LANGS = ("vi", "en")
LOCK_WAIT_SECONDS = 10.0  # how long a write waits for another program's lock by default


class SettingError(TrackerError):
    """A flag or environment variable that cannot be read (a usage error: exit 2)."""

    exit_code = EXIT_USAGE


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a container, a service): say so
        return "unknown"


def _name(text: str | None) -> str:
    """A user's name as history keeps it (NFC, one line, single spaces); '' for a blank one
    (then the login name is the user's, as when none is given)."""
    from tracker.domain.text import nfc

    return nfc(text)[:120] if text else ""


def parse_today(text: str, name: str = ENV_TODAY) -> dt.date:
    """``--today`` / ``TRACKER_TODAY`` as a date (dd/mm/yyyy or yyyy-mm-dd); one that cannot
    be read is refused naming ``name`` (the flag or the variable it came from) in the words
    every date option is refused in."""
    from tracker.domain.dates import DateError, parse_date

    try:
        return parse_date(text)
    except DateError as exc:
        raise SettingError(exc.reason, value=exc.text, field=name) from None


def env_db() -> str | None:
    """The store named by ``TRACKER_DB`` (a path or URL), None when unset or empty."""
    return os.environ.get(ENV_DB) or None


def read_lang(text: str | None) -> str | None:
    """The language a ``TRACKER_LANG`` value names — ``en``, ``EN``, `` en``, ``en_US.UTF-8``,
    ``vi-VN``, ``en@euro`` — or None when it names none we speak."""
    value = (text or "").strip().lower()
    for sep in ".@_-":
        value = value.split(sep, 1)[0]
    return value if value in LANGS else None


def env_lang() -> str:
    """``TRACKER_LANG`` when it names a language we speak, else Vietnamese."""
    return read_lang(os.environ.get(ENV_LANG)) or "vi"


def parse_lock_wait(text: str) -> float:
    """``TRACKER_LOCK_WAIT`` as seconds: a number 0 or more (``10``, ``0.5``, ``0,5``)."""
    import math

    try:
        seconds = float(text.strip().replace(",", "."))
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise SettingError("error.bad_lock_wait", variable=ENV_LOCK_WAIT, value=text)
    return seconds


def env_lock_wait() -> float:
    """``TRACKER_LOCK_WAIT`` in seconds, the default when unset or blank; a value that is no
    number of seconds is a ``SettingError``."""
    text = os.environ.get(ENV_LOCK_WAIT) or ""
    return parse_lock_wait(text) if text.strip() else LOCK_WAIT_SECONDS


@dataclass(frozen=True)
class Settings:
    db: str | None = None  # a path or URL; None: the user's default store
    today: dt.date = field(default_factory=dt.date.today)
    today_given: bool = False  # whether --today / TRACKER_TODAY said the day
    lang: str = "vi"
    user: str = "unknown"
    debug: bool = False
    cache_dir: Path | None = None
    lock_wait: float = LOCK_WAIT_SECONDS

    @classmethod
    def resolve(cls, *, db: str | None = None, today: str | dt.date | None = None,
                lang: str | None = None, user: str | None = None,
                debug: bool | None = None) -> "Settings":
        """Flags first, then the environment, then the defaults."""
        from tracker.paths import cache_dir

        if db is not None and not db.strip():  # (`--db "$STORE"` with the variable unset)
            raise SettingError("error.empty_db")
        db = db or env_db()
        if isinstance(today, dt.date):
            day, given = today, True
        else:
            text, name = (today, "--today") if today else (os.environ.get(ENV_TODAY) or "", ENV_TODAY)
            day, given = (parse_today(text, name), True) if text.strip() else (dt.date.today(), False)
        lang = lang if lang in LANGS else env_lang()
        user = _name(user) or _name(os.environ.get(ENV_USER)) or _login()
        if debug is None:
            debug = os.environ.get(ENV_DEBUG) == "1"
        return cls(db=db, today=day, today_given=given, lang=lang, user=user, debug=debug,
                   cache_dir=cache_dir(), lock_wait=env_lock_wait())

    def but(self, **changes) -> "Settings":
        """The same settings with some changed (the demo's store and day)."""
        if "today" in changes and "today_given" not in changes:
            changes["today_given"] = True
        return replace(self, **changes)
