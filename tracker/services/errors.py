"""The errors a use case raises, under the one root ``tracker.errors.TrackerError``: a
catalogue key and the fields of its message, so the CLI and the app can say it in the user's
language; nothing here formats text."""
from __future__ import annotations

from tracker.errors import EXIT_FAILURE, EXIT_USAGE, TrackerError


class NotFoundError(TrackerError):
    """What was named is not in the store (exit 1)."""

    exit_code = EXIT_FAILURE


class ValidationError(TrackerError):
    """A value a rule refuses (exit 1)."""

    exit_code = EXIT_FAILURE


class UsageError(TrackerError):
    """Wrong use of a command's options (exit 2)."""

    exit_code = EXIT_USAGE


class ConflictError(TrackerError):
    """Someone else changed the record since it was read."""
