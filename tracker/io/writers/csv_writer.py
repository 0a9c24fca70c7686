"""CSV through the ``csv`` module: a BOM, CRLF, every cell that could start a formula guarded
with an apostrophe (``cells.guard``), dates in the language's form.  A column's values are
converted to cell text a batch at a time; a value that repeats (a date, a unit's name, a
status) is converted once (``Memo``)."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import Any

from tracker.io.cells import FORMULA_TRIGGERS, guard
from tracker.io.writers import Column, Memo, TableWriter, text_value

MEMO_MAX = 4096  # distinct values a column remembers (then it starts again)
_GUARDED_STARTS = (*FORMULA_TRIGGERS, "'")  # a text cell starting so is changed by ``guard``


class CsvWriter(TableWriter):
    def __init__(self, out, columns, *, lang="vi", delimiter=",", bom=True):
        super().__init__(out, columns, lang=lang)
        if bom:  # (written here: "utf-8-sig" would encode every row through a Python codec)
            self._target.stream.write(codecs.BOM_UTF8)
        self._text = io.TextIOWrapper(self._target.stream, encoding="utf-8", newline="", write_through=False)
        self._csv = csv.writer(self._text, delimiter=delimiter, lineterminator="\r\n")
        self._csv.writerow([guard(c.header) for c in self.columns])
        self._cells = [self._cell_of(c) for c in self.columns]
        self._memos: list[Memo] = [Memo(cell) for cell in self._cells]

    def _cell_of(self, col: Column):
        """value -> its cell's text, guarded against formulas."""
        lang = self.lang

        def cell(value: Any) -> str:
            if value is None:
                return ""
            if type(value) is str:
                return guard(value)
            if type(value) is int:
                return str(value)
            return guard(text_value(col, value, lang))

        return cell

    def _column(self, i: int, values: Sequence[Any]) -> Sequence[str]:
        """Column ``i``'s cells: a column of text no cell of which ``guard`` changes (most:
        contents, results) as it is; values that repeat (dates, names, words) converted once
        each."""
        if set(map(type, values)) == {str} and not any(map(str.startswith, values, repeat(_GUARDED_STARTS))):
            return values
        if repeats(values):
            memo = self._memos[i]
            if len(memo) > MEMO_MAX:
                memo.clear()
            try:
                return list(map(memo.__getitem__, values))
            except TypeError:  # a list further down the column
                pass
        return list(map(self._cells[i], values))

    def _write_columns(self, columns: Sequence[Sequence[Any]], n: int) -> None:
        self._csv.writerows(zip(*[self._column(i, values) for i, values in enumerate(columns)]))
        self.count += n

    def _write_rows(self, rows: Iterable[Sequence[Any]], n: int) -> None:
        cells = self._cells
        self._csv.writerows([[cell(v) for cell, v in zip(cells, row)] for row in rows])
        self.count += n

    def _finish(self):
        self._text.flush()
        self._text.detach()


def repeats(values: Sequence[Any]) -> bool:
    """Whether a column's values repeat enough to convert each once (judged by its head;
    dates always do).  Values that cannot be remembered (lists) never."""
    head = values[:64]
    try:
        distinct = set(head)
    except TypeError:
        return False
    return len(distinct) * 4 <= len(head) or {type(v) for v in distinct} <= _DATES


_DATES = {dt.date, type(None)}
