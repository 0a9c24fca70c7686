"""What the operations over many rows share (imports and exports), and one change made to
several tasks (``change_many``)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector waits while many rows go by.  Rows make millions of short-lived
    tuples, lists and dicts and no cycles; the collector kept walking them (and an import's
    growing memos) — a tenth of an export's time, a quarter of an import's.  Reference counting
    still frees all they make; the collector is left as it was found (a process forked inside
    inherits the pause)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- one change to several tasks (the app's marked rows) -----------------------------------

_CHANGES = {"done": "complete_task", "extend": "extend_task", "cancel": "cancel_task",
            "reopen": "reopen_task", "note": "add_note", "edit": "edit_task",
            "undo": "undo_last_change"}


@dataclass
class BulkResult:
    """What a change to several tasks did: the tasks changed (their views) and the ones the
    rules refused, each with the error saying why."""

    changed: list = field(default_factory=list)
    refused: list[tuple[int, Exception]] = field(default_factory=list)


def change_many(ctx, action: str, targets, **fields) -> BulkResult:
    """Apply one change (``done``, ``extend``, ``cancel``, ``reopen``, ``note``, ``edit``,
    ``undo``) to each of ``targets`` — (task id, version read or None) — each in a
    transaction of its own through the same service a single change uses, so the same rules
    decide; a task refused does not stop the others.  Warnings go to ``ctx.warn``."""
    from tracker.services import tasks
    from tracker.services.errors import TrackerError

    change = getattr(tasks, _CHANGES[action])
    result = BulkResult()
    for task_id, version in targets:
        try:
            result.changed.append(change(ctx, task_id, expected_version=version, **fields))
        except TrackerError as error:
            result.refused.append((task_id, error))
    return result
