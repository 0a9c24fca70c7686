"""A table's columns: its headers mapped to fields, a row's cells by field, and where a cell
is when a problem names it (file, row, the file's own header, ``D12``).

``clean`` is the text of a cell as the store keeps it (NFC, single spaces), quick for text
already in that form: it runs on most cells of every row.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from tracker.domain.text import nfc
from tracker.io.cells import cell_text
from tracker.io.headers import DERIVED, ColumnMap, field_for, importable, label
from tracker.io.problems import Problem, short

def clean(value: Any) -> str:
    """``nfc(cell_text(value))`` (the cells that repeat — units, statuses, deadlines — are
    read once each by the row path's memos: ``importing.memo``)."""
    return nfc(value if type(value) is str else cell_text(value))


class Columns:
    """A table's headers mapped to fields, refreshed when a JSON file shows new keys."""

    def __init__(self, table, kind: str, cmap: ColumnMap):
        self.table = table
        self.kind = kind
        self.fields: dict[str, str] = dict(cmap.fields)  # header -> field
        self.update_only = list(cmap.update_only)  # (a task sheet by id/key: see ColumnMap)
        self.known = set(table.headers)
        self.present = set(self.fields.values())
        # rows keyed by field already: CSV/XLSX are re-keyed by the reader; JSON usually is
        if table.format in ("csv", "xlsx"):
            table.use_keys(self.fields)
            self.identity = True
        else:
            self.identity = all(h == f for h, f in self.fields.items())

    def stale(self) -> bool:
        """Whether the table has shown headers since the last ``refresh`` (JSON keys)."""
        return len(self.table.headers) != len(self.known)

    def refresh(self, row: int) -> list[Problem]:
        """Take in the headers a JSON file showed by ``row``; an unknown one is a problem."""
        problems: list[Problem] = []
        if not self.stale():
            return problems
        for h in self.table.headers:
            if h in self.known:
                continue
            self.known.add(h)
            fld = field_for(h, self.kind)
            if fld is None:
                problems.append(Problem("import.unknown_header_any", file=self.table.name, row=row,
                                  column=h, value=h, expected=", ".join(
                                      label(self.kind, f) for f in importable(self.kind))))
            elif fld not in DERIVED[self.kind] and fld not in self.present:
                self.fields[h] = fld
                self.present.add(fld)
                if h != fld:
                    self.identity = False
        return problems

    def pick(self, row: dict) -> dict[str, Any]:
        """field -> raw value of the fields this table has (absent cells: None)."""
        if self.identity:
            return row
        return {f: row.get(h) for h, f in self.fields.items()}

    def header(self, fld: str) -> str:
        """The file's own header for a field (the catalogue's label when it has none)."""
        for h, f in self.fields.items():
            if f == fld:
                return h
        return label(self.kind, fld)

    def problem(self, key: str, row: int | None, fld: str = "", value: Any = "", expected: str = "",
                severity: str = "error", **extra: Any) -> Problem:
        """A problem at a row's cell, named as the clerk sees it: the file's header and,
        in a sheet, the cell's place (``D12``)."""
        return self.at_column(key, row, self.header(fld) if fld else "", value, expected, severity, **extra)

    def at_column(self, key: str, row: int | None, column: str, value: Any = "", expected: str = "",
                  severity: str = "error", **extra: Any) -> Problem:
        """A problem at a row's cell under the file's header ``column``."""
        ref = self.table.cell_ref(column, row) if column else ""
        if ref:
            extra.setdefault("cell", ref)
        return Problem(key, file=self.table.name, row=row, column=column, value=short(value),
                       expected=expected, severity=severity, extra=extra)


def filled(value: Any) -> bool:
    """Whether a cell holds something (not None, not blank text)."""
    return value is not None and (type(value) is not str or bool(value.strip()))


class BelowTheTable:
    """The lines below a table — a sheet's signature block ("Người lập biểu … Chánh Văn
    phòng", "Nơi nhận: …"), a note — are no rows of it: from a blank line after the last row
    read to the end, rows of at most ``CELLS`` cells that are not ``whole`` (lack what a row
    of the sheet must have) are left out, said in one warning (``problem``).  Such rows with
    a row after them, or right under a row, are read as any row: their problems are said."""

    CELLS = 2  # (a signature line: a title and a name, left and right)

    def __init__(self, cols: Columns, whole: Callable[[dict], bool]):
        self.cols = cols
        self.whole = whole
        self.held: list[tuple[int, dict]] = []

    def rows(self, table, said: Callable[[list[Problem]], None]) -> Iterator[tuple[int, dict]]:
        """The table's rows as (row, cells by field), but the lines below it; ``said`` gets
        the problems of the headers a JSON file shows as it goes (``Columns.refresh``)."""
        cols, held, last = self.cols, self.held, None
        for number, raw in table.rows():
            if cols.stale():
                said(cols.refresh(number))
            cells = cols.pick(raw)
            if (last is not None and (held or number > last + 1) and not self.whole(cells)
                    and sum(1 for v in cells.values() if filled(v)) <= self.CELLS):
                held.append((number, cells))
                continue
            if held:  # (a row after them: they were the table's)
                yield from held
                held.clear()
            yield number, cells
            last = number

    def problem(self) -> Problem | None:
        """The warning for the lines left out below the table (None: there were none)."""
        if not self.held:
            return None
        first, last = self.held[0][0], self.held[-1][0]
        words = next((str(v).strip() for v in self.held[0][1].values() if filled(v)), "")
        key = "import.below_table" if first == last else "import.below_table_rows"
        return self.cols.at_column(key, first, "", words, "", "warning", last=last,
                                   count=len(self.held))
