"""The services' edge of the rulebook (``tracker.domain.rules``): problems become a refusal
(the first error, as a ``ValidationError``) and warnings (``ctx.warn``), and a refusal the
services raise for their own reasons (a deadline that cannot be read, a directive that does
not exist) becomes a problem, so a live check can show it under its field."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.domain.rules import ERROR, Problem
from tracker.errors import TrackerError
from tracker.services.errors import ValidationError


@dataclass(frozen=True)
class Refusal(Problem):
    """A problem that is a service's own refusal (a directive or unit not found, a deadline
    that cannot be read): ``enforce`` raises the error itself, of its own class."""

    error: TrackerError | None = field(default=None, compare=False)


class FieldWord:
    """A field's name as the user reads it (``leader`` → "Lãnh đạo phụ trách"), put in a
    message when it is shown, in the language of that moment."""

    _KEYS = {"on": "col.done_on", "deadline": "col.deadline", "extension": "col.deadline"}

    def __init__(self, name: str) -> None:
        self.name = name

    def __format__(self, spec: str) -> str:
        from tracker.i18n import _, catalog

        key = self._KEYS.get(self.name, f"col.{self.name}")
        return format(_(key) if key in catalog() else self.name, spec)

    __str__ = lambda self: format(self, "")  # noqa: E731

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    __hash__ = None


class Said:
    """A warning's message put in another message ("#2 (P5): …", "tệp, dòng 7: …"), in the
    language of the moment it is shown (as ``FieldWord`` puts a field's name)."""

    def __init__(self, key: str, fields: dict) -> None:
        self.key, self.fields = key, fields

    def __format__(self, spec: str) -> str:
        from tracker.i18n import _

        return format(_(self.key, **self.fields), spec)

    __str__ = lambda self: format(self, "")  # noqa: E731


def _fields(p: Problem, extra: dict) -> dict:
    fields = p.fields(**extra)
    if isinstance(fields.get("field"), str):
        fields["field"] = FieldWord(fields["field"])
    return fields


def enforce(ctx, problems: Iterable[Problem], **extra) -> None:
    """Refuse the change on its first error (``extra``: placeholders the rule cannot know,
    such as the task's ``id``); say every warning on ``ctx``."""
    problems = list(problems)
    for p in problems:
        if isinstance(p, Refusal) and p.error is not None:
            raise p.error
        if p.severity == ERROR:
            raise ValidationError(p.key, **_fields(p, extra))
    for p in problems:
        ctx.warn(p.key, **_fields(p, extra))


def as_problem(error: TrackerError, fld: str) -> Refusal:
    """A service's refusal as a problem of field ``fld`` (for a live check)."""
    return Refusal(error.key, fld, error.fields.get("value", error.fields.get("text")), ERROR,
                   tuple(error.fields.items()), error)


def message(problem: Problem, **extra) -> str:
    """A problem in the user's language."""
    from tracker.i18n import _

    return _(problem.key, **_fields(problem, extra))


def read_day(ctx, value, fld: str):
    """A date typed by the user (``--on``, ``--as-of``): read by the rulebook's one date
    reading (a two-digit year is a warning), refused in the user's words when unreadable."""
    from tracker.domain.rules import read_date

    day, problems = read_date(value, fld, today=ctx.today)
    enforce(ctx, problems)
    return day
