"""The one root of the errors a user can cause, and their exit codes.

Every error the tool reports in words is a ``TrackerError``: a catalogue key, the fields of
its message, and the exit code the command ends with.  The layers raise their own kinds
under it —

- ``tracker.store.db.StoreError``: the store cannot be opened, written or trusted (exit 1);
- ``tracker.io.problems.ReadError``: a file cannot be read at all (exit 1);
- ``tracker.domain``: ``DateError``, ``DeadlineError``, ``DocNumberError`` — what was typed
  cannot be read (exit 1; they stay ``ValueError`` too);
- the use cases' kinds, defined here and given to the services by
  ``tracker.services.errors``: ``NotFoundError``, ``ValidationError``, ``ConflictError``
  (exit 1) and ``UsageError`` (a command used wrongly, exit 2);
- ``WriteError``: a file the system would not write (an export, a report, a backup: a folder
  missing, no permission, a full disk), its reason in the user's words (exit 1).

Nothing here formats text: the key and fields travel up, and the edges (the CLI's one
handler, the app) say them in the user's language through ``message()``.  A leaf module:
it imports nothing of ours when imported (the catalogue only when a message is asked for),
so every layer, the domain included, may raise under it.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1  # a failure: bad data, a missing record, a store in trouble
EXIT_USAGE = 2  # a command used wrongly (Click's own usage errors exit 2 as well)


class TrackerError(Exception):
    """``key``: a catalogue key; ``fields``: the values its message names.  ``frame``: a
    catalogue key whose message wraps this one's (given as ``reason``, besides ``fields``)."""

    exit_code = EXIT_FAILURE
    frame: str | None = None

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key = key
        self.fields = fields

    def message(self, lang: str | None = None) -> str:
        """The sentence for the user, in ``lang`` (default: the interface language)."""
        from tracker.i18n import t

        said = t(self.key, lang=lang, **self.fields)
        if self.frame:
            return t(self.frame, lang=lang, **{**self.fields, "reason": said})
        return said

    def __str__(self) -> str:  # readable in logs and test failures
        try:
            return self.message()
        except Exception:  # noqa: BLE001 - a broken catalogue must not hide the error
            return f"{self.key} {self.fields!r}"


# The kinds a use case raises (``tracker.services.errors`` gives them to the services; they
# live here so that reports and io, below the services, can raise them too).

class NotFoundError(TrackerError):
    """What was named is not in the store (exit 1)."""


class ValidationError(TrackerError):
    """A value a rule refuses (exit 1)."""


class UsageError(TrackerError):
    """Wrong use of a command's options (exit 2)."""

    exit_code = EXIT_USAGE


class ConflictError(TrackerError):
    """Someone else changed the record since it was read (exit 1)."""


class WriteError(TrackerError):
    """A file the operating system would not write (exit 1): "Không ghi được {path}: {reason}",
    the reason in the user's words for the common ones (a folder missing, no permission, a
    full or read-only disk), else the system's own."""

    frame = "io.cannot_write"
    REASONS = {"ENOENT": "os.no_folder", "EACCES": "os.no_permission", "EPERM": "os.no_permission",
               "ENOSPC": "os.disk_full", "EDQUOT": "os.disk_full", "EROFS": "os.read_only",
               "EISDIR": "os.is_folder", "ENOTDIR": "os.not_a_folder", "EFBIG": "os.too_big"}

    def __init__(self, path, exc: OSError):
        import errno
        import os

        code = errno.errorcode.get(exc.errno or 0, "")
        folder = os.path.dirname(os.path.abspath(path)) or "/"
        key = self.REASONS.get(code, "os.other")
        if key == "os.no_folder" and os.path.isdir(folder):
            key = "os.other"  # (a folder that takes no new file, such as /proc: the system's words)
        super().__init__(key, path=str(path), folder=folder, error=exc.strerror or type(exc).__name__)
