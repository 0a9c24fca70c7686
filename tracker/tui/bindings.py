"""Key bindings whose words come from the catalogue.

Textual reads ``BINDINGS`` when a class is created, before the user's language is known,
so classes write catalogue keys (``"tui.key.mark"``) as descriptions and each instance
swaps them for the current language's words when it is built.
"""
from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from tracker.i18n import _


def _words(text: str) -> str:
    return _(text) if text.startswith("tui.") else text


def localise_bindings(node: DOMNode) -> None:
    """Translate the descriptions and tooltips of ``node``'s own bindings in place."""
    bindings_map = node._bindings  # per-instance copy of the class bindings
    for key, bindings in list(bindings_map.key_to_bindings.items()):
        bindings_map.key_to_bindings[key] = [
            replace(b, description=_words(b.description), tooltip=_words(b.tooltip))
            for b in bindings
        ]
