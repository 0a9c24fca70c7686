"""Completion for the issuer and leader fields from their registers (services.names), as
unit fields complete from the unit register: typed without diacritics, the register's own
spelling offered (Tab or → takes it)."""
from __future__ import annotations

from textual.widgets import Input

from tracker.tui.widgets.filter_bar import FoldingSuggester


def complete_from_register(screen, input_id: str, kind: str) -> None:
    """Give ``#input_id`` the names of the ``kind`` register (read in a worker) before the
    choices it already had."""
    widget = screen.query_one(f"#{input_id}", Input)
    if not isinstance(widget.suggester, FoldingSuggester):
        widget.suggester = FoldingSuggester()
    suggester = widget.suggester

    def read() -> None:
        try:
            names = screen.app.backend.register_names(kind)
        except Exception:  # noqa: BLE001 - completion is a convenience; the field works without
            return
        screen.app.call_from_thread(suggester.add_choices, names)

    screen.run_worker(read, thread=True, group=f"complete-{input_id}", exit_on_error=False)
