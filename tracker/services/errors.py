"""The errors a use case raises — ``NotFoundError``, ``ValidationError``, ``ConflictError``
(exit 1), ``UsageError`` (exit 2) — all under the one root ``tracker.errors.TrackerError``,
where they are defined: a catalogue key and the fields of its message, so the CLI and the app
can say it in the user's language; nothing here formats text."""
from __future__ import annotations

from tracker.errors import (  # noqa: F401  (the services' names for the root's kinds)
    ConflictError, NotFoundError, TrackerError, UsageError, ValidationError)
