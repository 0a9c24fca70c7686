"""What the operations over many rows share (imports and exports), one change made to
several tasks (``change_many``), and the undo of several tasks' newest changes together
(``plan_undo_many``, ``undo_many``)."""
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
    from tracker.errors import TrackerError
    from tracker.store.db import StoreError

    change = getattr(tasks, _CHANGES[action])
    result = BulkResult()
    for task_id, version in targets:
        try:
            result.changed.append(change(ctx, task_id, expected_version=version, **fields))
        except StoreError:
            raise  # the store in trouble (locked, read-only) refuses no one task: all stop
        except TrackerError as error:
            result.refused.append((task_id, error))
    return result


def change_all(ctx, action: str, task_ids, **fields) -> BulkResult:
    """One change to every task of ``task_ids`` or to none (a command given several: `tracker
    task done 12 15 18`): each is checked first by the rules the change meets
    (``tasks.check_change``, the app's live check); one refused, none is changed, and the
    result lists every refusal with its error.  Then all are made in ONE transaction
    (``tasks.change_within``, each task's lock taken in the order of their ids, so two such
    commands never wait on each other in a circle): another writer's change to one of them
    meanwhile — the rules then refuse it — takes back the others too, and says which."""
    from tracker.domain.rules import errors
    from tracker.errors import TrackerError
    from tracker.services.rulebook import enforce
    from tracker.services.tasks import change_within, check_change
    from tracker.store.db import StoreError

    refused = []
    for task_id, (_value, problems) in check_change(ctx, action, task_ids, **fields).items():
        try:
            enforce(ctx, errors(problems), id=task_id)
        except TrackerError as error:
            refused.append((task_id, error))
    if refused:
        return BulkResult(refused=refused)
    views = {}
    with ctx.session() as s:
        conn = s.connection()
        for task_id in sorted(dict.fromkeys(task_ids)):
            try:
                with conn.begin_nested():  # (a refusal takes back its own part, and the rest is tried)
                    views[task_id] = change_within(ctx, conn, action, task_id, **fields)
            except StoreError:
                raise
            except TrackerError as error:  # (changed meanwhile by another program)
                refused.append((task_id, error))
        if refused:  # none is kept
            s.rollback()
            return BulkResult(refused=refused)
    return BulkResult(changed=[views[t] for t in dict.fromkeys(task_ids)])


# --- undo on several tasks (the app's marked rows) ------------------------------------------


@dataclass(frozen=True)
class UndoOffer:
    """What undo would take back on one task: the history rows of its newest change (oldest
    first) and the version it was read at — or the error saying why it cannot."""

    task_id: int
    version: int | None = None
    content: str = ""
    rows: tuple = ()
    refused: Exception | None = None


def _take_back_each(ctx, conn, targets) -> tuple[list[UndoOffer], list]:
    """Each of ``targets`` — (task id, version read or None) — taken back in ``conn``'s
    transaction through the one undo (``services.tasks.take_back``): the offers, and the
    views of the tasks as they stand after it."""
    from tracker.errors import TrackerError
    from tracker.services import tasks
    from tracker.services.query import get_task_view

    offers, views = [], []
    for task_id, version in targets:
        try:
            row = tasks.read_locked(conn, task_id, version)
        except TrackerError as error:
            offers.append(UndoOffer(task_id, refused=error))
            continue
        try:
            rows = tasks.take_back(ctx, conn, row)
        except TrackerError as error:
            offers.append(UndoOffer(task_id, row.version, row.content, refused=error))
            continue
        offers.append(UndoOffer(task_id, row.version, row.content, tuple(rows)))
        views.append(get_task_view(conn, task_id, ctx.today))
    return offers, views


def plan_undo_many(ctx, task_ids) -> list[UndoOffer]:
    """What undo would take back on each task of ``task_ids`` (the app shows it before
    asking): found by taking each change back in a transaction that is then rolled back,
    so what is offered is what the undo does, and a task refused is refused for the reason
    the undo would give (nothing left to undo, its creation, a state the rules forbid)."""
    with ctx.session() as s:
        offers, _views = _take_back_each(ctx, s.connection(), [(t, None) for t in task_ids])
        s.rollback()  # a preview: nothing is kept
    return offers


def undo_many(ctx, targets) -> BulkResult:
    """Take back the newest change of each of ``targets`` — (task id, version read) — in one
    transaction: every one of them, or, when any is refused (changed since it was read,
    nothing left to undo, a state the rules forbid), none — ``refused`` then names each
    task refused and why, and ``changed`` is empty."""
    with ctx.session() as s:
        offers, views = _take_back_each(ctx, s.connection(), targets)
        refused = [(o.task_id, o.refused) for o in offers if o.refused is not None]
        if refused:
            s.rollback()
            return BulkResult(refused=refused)
    return BulkResult(changed=views)
