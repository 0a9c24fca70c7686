"""Errors a user can cause.  Each carries a catalogue key and the fields of its message, so
the CLI and the app can say it in the user's language; nothing here formats text."""
from __future__ import annotations


class TrackerError(Exception):
    exit_code = 1

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key = key
        self.fields = fields

    def message(self) -> str:
        from tracker.i18n import _

        return _(self.key, **self.fields)

    def __str__(self) -> str:  # readable in logs and test failures
        return self.message()


class NotFoundError(TrackerError):
    pass


class ValidationError(TrackerError):
    pass


class UsageError(TrackerError):
    """Wrong use of a command's options (exit 2)."""

    exit_code = 2


class ConflictError(TrackerError):
    """Someone else changed the record since it was read."""


def within(value: str, most: int, field: str) -> str:
    """``value`` when its column can hold it; else refused naming the field and the size
    (PostgreSQL enforces VARCHAR sizes: an unchecked value ended in its error)."""
    if len(value) > most:
        raise ValidationError("task.too_long", field=field, max=most, length=len(value))
    return value
