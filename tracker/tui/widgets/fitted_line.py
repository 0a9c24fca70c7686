"""A line of parts joined by " · " that gives way part by part instead of being cut: what
must be read is always shown (wrapping onto a second line if it has to), the rest only
when it fits on the first (the Units screen's period line and its totals at 80 columns)."""
from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static

JOIN = " · "


def fit_parts(needed: list[str], optional: list[str], width: int) -> str:
    """``needed`` joined, a part going down a line when the line has no room for it (a part
    is never broken unless it is wider than a line), then each of ``optional`` in turn while
    the last line has room (every part on one line when ``width`` is 0: not laid out yet)."""
    lines: list[str] = []
    for part in needed:
        longer = f"{lines[-1]}{JOIN}{part}" if lines else part
        if lines and (width <= 0 or cell_len(longer) <= width):
            lines[-1] = longer
        else:
            lines.append(part)
    for part in optional:
        longer = f"{lines[-1]}{JOIN}{part}" if lines else part
        if width > 0 and cell_len(longer) > width:
            break
        lines[-1:] = [longer]
    return "\n".join(lines)


class FittedLine(Static):
    """``show(needed, optional)``; laid out again on every resize."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._needed: list[str] = []
        self._optional: list[str] = []

    def show(self, needed: list[str], optional: list[str] = ()) -> None:
        self._needed, self._optional = list(needed), list(optional)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        self.update(fit_parts(self._needed, self._optional, self.content_region.width))
