"""The one catalogue of user-visible strings.

Every string a user can read goes through ``_("key", **fields)``.  The catalogue is
split into parts by area (``core``, ``domain``, ``io``, ``reports``, ``tui``) only so
that several people can edit it without colliding; the parts form one namespace and a
test checks that no key is defined twice and that every key has both languages with
the same ``{placeholders}``.

Each part is a module with ``MESSAGES: dict[str, tuple[str, str]]`` = key -> (vi, en).

The language is the process's (``set_lang``, once at start) unless a thread or task says
otherwise for itself (``use_lang``, a ``ContextVar``); ``t(key, lang=)`` asks in one language
without changing either.  English counts take plural forms in the message itself:
``{n:# row|# rows}`` (``1 row``, ``2 rows``); Vietnamese has none (``{n} dòng``).
"""
from __future__ import annotations

import importlib
import string
from contextlib import contextmanager
from contextvars import ContextVar

LANGS = ("vi", "en")
PARTS = ("core", "domain", "io", "reports", "tui", "rules", "names", "extract", "safety", "desk", "rhythm")

# The process's language (set once at start from --lang / TRACKER_LANG), and a per-context
# override (``use_lang``): a thread or task that speaks another language sets it for itself
# only, so the app's workers never see a language swapped under them.  A thread starts with
# no override (thread pools do not copy contexts) and speaks the process's language.
_default = "vi"
_override: ContextVar[str | None] = ContextVar("tracker_lang", default=None)
_catalog: dict[str, tuple[str, str]] | None = None


def normalise_lang(value: str | None) -> str:
    value = (value or "").strip().lower()[:2]
    return value if value in LANGS else "vi"


def set_lang(lang: str | None) -> None:
    """The process's language (the CLI and the app set it once, from --lang)."""
    global _default
    _default = normalise_lang(lang)


def get_lang() -> str:
    return _override.get() or _default


@contextmanager
def use_lang(lang: str | None):
    """Speak ``lang`` inside the block — in this thread or task only."""
    token = _override.set(normalise_lang(lang) if lang else None)
    try:
        yield
    finally:
        _override.reset(token)


def load_parts() -> dict[str, dict[str, tuple[str, str]]]:
    """Every part's messages by part name (used by the catalogue test)."""
    parts = {}
    for name in PARTS:
        parts[name] = importlib.import_module(f"tracker.i18n.{name}").MESSAGES
    return parts


def catalog() -> dict[str, tuple[str, str]]:
    global _catalog
    if _catalog is None:
        merged: dict[str, tuple[str, str]] = {}
        for messages in load_parts().values():
            merged.update(messages)
        _catalog = merged
    return _catalog


class _PluralFormatter(string.Formatter):
    """``{n:# row|# rows}``: the first form for one, the second otherwise, ``#`` standing
    for the value (English needs it; Vietnamese writes ``{n} dòng``)."""

    def format_field(self, value, format_spec: str):
        if "|" in format_spec:
            one, _sep, other = format_spec.partition("|")
            form = one if str(value).strip() in ("1", "-1") else other
            return form.replace("#", str(value))
        return super().format_field(value, format_spec)


_plural = _PluralFormatter()


def _text(key: str, lang: str, fields: dict) -> str:
    entry = catalog().get(key)
    if entry is None:
        # A missing key is a bug; show the key rather than crash a user's command.
        text = key
    else:
        text = entry[0] if lang == "vi" else entry[1]
    if fields:
        try:
            if "|" in text:
                return _plural.format(text, **fields)
            return text.format(**fields)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def _(key: str, /, **fields) -> str:
    """The message ``key`` in the current language, formatted with ``fields``."""
    return _text(key, get_lang(), fields)


def t(key: str, /, lang: str | None = None, **fields) -> str:
    """Like ``_`` but in an explicit language (None: the current one)."""
    return _text(key, get_lang() if lang is None else normalise_lang(lang), fields)


def field_label(code: str) -> str:
    """A field named in an error the way a form or filter bar names it (``--due`` →
    "Thời hạn"): the command line's option names are no words for the app."""
    key = "field." + code.lstrip("-").replace("-", "_")
    return _(key) if key in catalog() else code
