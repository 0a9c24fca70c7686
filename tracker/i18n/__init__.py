"""The one catalogue of user-visible strings.

Every string a user can read goes through ``_("key", **fields)``.  The catalogue is
split into parts by area (``core``, ``domain``, ``io``, ``reports``, ``tui``) only so
that several people can edit it without colliding; the parts form one namespace and a
test checks that no key is defined twice and that every key has both languages with
the same ``{placeholders}``.

Each part is a module with ``MESSAGES: dict[str, tuple[str, str]]`` = key -> (vi, en).
"""
from __future__ import annotations

import importlib
import os

LANGS = ("vi", "en")
PARTS = ("core", "domain", "io", "reports", "tui", "rhythm")

_lang = "vi"
_catalog: dict[str, tuple[str, str]] | None = None


def normalise_lang(value: str | None) -> str:
    value = (value or "").strip().lower()[:2]
    return value if value in LANGS else "vi"


def set_lang(lang: str | None) -> None:
    global _lang
    _lang = normalise_lang(lang)


def get_lang() -> str:
    return _lang


def lang_from_env() -> str:
    return normalise_lang(os.environ.get("TRACKER_LANG"))


def load_parts() -> dict[str, dict[str, tuple[str, str]]]:
    """Every part's messages by part name (used by the catalogue test)."""
    parts = {}
    for name in PARTS:
        try:
            mod = importlib.import_module(f"tracker.i18n.{name}")
        except ModuleNotFoundError as exc:  # a part that does not exist yet
            if exc.name != f"tracker.i18n.{name}":
                raise
            continue
        parts[name] = mod.MESSAGES
    return parts


def catalog() -> dict[str, tuple[str, str]]:
    global _catalog
    if _catalog is None:
        merged: dict[str, tuple[str, str]] = {}
        for messages in load_parts().values():
            merged.update(messages)
        _catalog = merged
    return _catalog


def _(key: str, /, **fields) -> str:
    """The message ``key`` in the current language, formatted with ``fields``."""
    entry = catalog().get(key)
    if entry is None:
        # A missing key is a bug; show the key rather than crash a user's command.
        text = key
    else:
        text = entry[0] if _lang == "vi" else entry[1]
    if fields:
        try:
            return text.format(**fields)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def t(key: str, /, lang: str | None = None, **fields) -> str:
    """Like ``_`` but in an explicit language (None: the current one)."""
    if lang is None:
        return _(key, **fields)
    global _lang
    saved = _lang
    _lang = normalise_lang(lang)
    try:
        return _(key, **fields)
    finally:
        _lang = saved
