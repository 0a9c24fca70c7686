"""Click's own messages ("Usage:", "Missing option", …) in the interface language.

Click looks its words up through the standard ``gettext`` module at call time
(``gettext.gettext`` → ``gettext.dgettext``), so answering those two calls from our catalogue
translates them without locale files or environment changes.
"""
from __future__ import annotations

import gettext

from tracker import i18n

_installed = False
_orig_dgettext = gettext.dgettext
_orig_dngettext = gettext.dngettext


def _table() -> dict[str, str]:
    from tracker.i18n.core import CLICK_VI

    return CLICK_VI


def _dgettext(domain, message):
    if i18n.get_lang() == "vi":
        return _table().get(message, message)
    return _orig_dgettext(domain, message)


def _dngettext(domain, singular, plural, n):
    if i18n.get_lang() == "vi":
        text = singular if n == 1 else plural
        return _table().get(text, text)
    return _orig_dngettext(domain, singular, plural, n)


def install() -> None:
    global _installed
    if not _installed:
        gettext.dgettext = _dgettext
        gettext.dngettext = _dngettext
        _installed = True
