"""JSON (an array, one object a line) and JSON Lines (one object a line) through orjson: an
object per row, its keys the columns' fields in order; dates ISO; text UTF-8 as it is."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from tracker.io.writers import TableWriter


def _default(value: Any):
    """What orjson does not write itself: sets (as lists)."""
    if isinstance(value, (set, frozenset)):
        return list(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


class JsonWriter(TableWriter):
    def __init__(self, out, columns, *, lang="vi", lines=False):
        super().__init__(out, columns, lang=lang)
        self._lines = lines
        self._stream = self._target.stream
        if not lines:
            self._stream.write(b"[")

    def _write_rows(self, rows: Iterable[Sequence[Any]], n: int) -> None:
        fields, dumps = self.fields, orjson.dumps
        objects = [dumps(dict(zip(fields, row)), default=_default) for row in rows]
        if self._lines:
            self._stream.write(b"\n".join(objects) + b"\n")
        else:
            self._stream.write((b"\n" if self.count == 0 else b",\n") + b",\n".join(objects))
        self.count += n

    def _finish(self):
        if not self._lines:
            self._stream.write(b"\n]\n" if self.count else b"]\n")
