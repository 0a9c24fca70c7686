"""Remembered answers of pure calls, by their arguments.

A sheet of a hundred thousand tasks names a few hundred units, directives, deadlines and
statuses, over and over.  The row path (``rows.py``) reads each part of a row — the lead unit,
the supporting units, the deadline, the completion — with a pure function of that part's
cells, returning its value and its problems (without the row's number).  ``Memo`` wraps such
a function: the first row with a set of cells pays for it, every later one looks it up.  The
answers are immutable (tuples, frozen dataclasses), so rows may share them.

There is one path: a remembered answer is the answer the function gave, problems included,
so a row with a bad cell is reported the same whether it came first or ten-thousandth.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

A = TypeVar("A")


class Memo(Generic[A]):
    """``memo(*cells)`` is ``compute(*cells)``, remembered (up to ``limit`` sets of cells).

    Cells that cannot be a key (a JSON list or object) are computed each time."""

    __slots__ = ("compute", "limit", "answers", "calls")

    def __init__(self, compute: Callable[..., A], limit: int = 100_000):
        self.compute = compute
        self.limit = limit
        self.answers: dict[tuple, A] = {}
        self.calls = 0  # how many times ``compute`` ran (for the tests)

    def __call__(self, *cells: Hashable) -> A:
        try:
            return self.answers[cells]  # (nearly every call: the few lines a hit costs)
        except KeyError:
            pass
        except TypeError:  # unhashable cells
            self.calls += 1
            return self.compute(*cells)
        self.calls += 1
        hit = self.compute(*cells)
        if len(self.answers) < self.limit:
            self.answers[cells] = hit
        return hit

    def forget(self) -> None:
        """Drop every answer (what they were looked up in has changed)."""
        self.answers.clear()
