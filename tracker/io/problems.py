"""Problems found in a file: each names the file, row, column, the value and what was expected.

A ``Problem`` is one message (a catalogue key and its fields); a ``ReadError`` is a problem
that stops reading the file at all (empty, binary, unreadable), raised as a ``TrackerError``
(``tracker.errors``) so the CLI prints it in the user's language and exits 1.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.errors import TrackerError


# a name matching nothing, whose message lists the closest names in ``expected``: when none is
# close, the message says so instead of "closest: " and nothing (its key stays the same)
NOTHING_CLOSE = {"import.unknown_unit": "import.unknown_unit_none",
                 "import.unknown_directive": "import.unknown_directive_none",
                 "import.unknown_parent": "import.unknown_parent_none"}

# stand-ins for where a problem is, while its message is cut after it (private-use characters)
_WHERE = {"file": "\ue000", "row": "\ue001", "column": "\ue002"}


@dataclass(frozen=True)
class Problem:
    key: str
    file: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    expected: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # "error" rejects the row (and so the import); "warning" is reported but not fatal
    severity: str = "error"

    @property
    def fields(self) -> dict[str, Any]:
        return {"file": self.file, "row": "" if self.row is None else self.row,
                "column": self.column, "value": self.value, "expected": self.expected,
                **self.extra}

    def message(self, located: bool = True) -> str:
        """The problem in the user's language.  ``located=False``: without the file, row and
        column it starts with ("tệp.csv, dòng 12, cột "Thời hạn": …"), for a table that shows
        them in columns of their own."""
        from tracker.i18n import _

        key = NOTHING_CLOSE.get(self.key, self.key) if not self.expected else self.key
        if located:
            return self._with_cell(_(key, **self.fields))
        # the catalogue's messages start with where: "{file}[, row {row}[, column {column}]]: "
        text = _(key, **{**self.fields, **_WHERE})
        cut = text.find(": ")
        if not text.startswith(_WHERE["file"]) or cut < 0:
            return _(key, **self.fields)
        rest = text[cut + 2:]
        for name, mark in _WHERE.items():
            rest = rest.replace(mark, str(self.fields[name]))
        return rest

    def _with_cell(self, text: str) -> str:
        """The cell a spreadsheet user looks for (``D12``), after the column the message
        names: 'dòng 12, cột "Thời hạn" (ô D12): …'."""
        from tracker.i18n import _

        cell = self.extra.get("cell")
        quoted = f'"{self.column}"'
        if not cell or not self.column or quoted not in text:
            return text
        return text.replace(quoted, f"{quoted} ({_('io.cell', cell=cell)})", 1)

    def as_dict(self) -> dict[str, Any]:
        """Plain form for ``--format json`` reports and tests."""
        return {"key": self.key, "severity": self.severity, "file": self.file, "row": self.row,
                "column": self.column, "value": self.value, "expected": self.expected,
                **self.extra}


def short(value: Any, width: int = 60) -> str:
    """A value as it can be shown in a one-line message."""
    text = "" if value is None else str(value)
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return text if len(text) <= width else text[: width - 1] + "…"


class ReadError(TrackerError):
    """A file that cannot be read at all.  ``problem`` carries file/row/column/value/expected."""

    def __init__(self, key: str, *, file: str = "", row: int | None = None, column: str = "",
                 value: Any = "", expected: str = "", **extra: Any):
        self.problem = Problem(key, file=file, row=row, column=column, value=short(value),
                               expected=expected, extra=extra)
        super().__init__(key, **self.problem.fields)
