"""The errors a use case raises — ``NotFoundError``, ``ValidationError``, ``ConflictError``
(exit 1), ``UsageError`` (exit 2) — all under the one root ``tracker.errors.TrackerError``,
where they are defined: a catalogue key and the fields of its message, so the CLI and the app
can say it in the user's language; nothing here formats text."""
from __future__ import annotations

from tracker.errors import (  # noqa: F401  (the services' names for the root's kinds)
    ConflictError, NotFoundError, TrackerError, UsageError, ValidationError)


def within(value: str, most: int, field: str) -> str:
    """``value`` when its column can hold it; else refused naming the field and the size
    (PostgreSQL enforces VARCHAR sizes: an unchecked value ended in its error)."""
    if len(value) > most:
        raise ValidationError("task.too_long", field=field, max=most, length=len(value))
    return value
