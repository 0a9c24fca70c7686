"""Fixed-width layout in terminal cells: the table and the word wrap behind the plain
report (mail bodies, cron output).  Imports nothing heavy."""
from __future__ import annotations

from dataclasses import dataclass

from tracker.reports.fmt import cell_len, fit, fit_pad, is_simple

GAP = "  "


@dataclass(frozen=True)
class Col:
    header: str                # may hold "\n": a header over several lines
    align: str = "l"           # "l" | "r"
    flex: bool = False         # gives up width (cutting its cells) when the line is too long
    min_width: int = 8
    max_width: int | None = None
    wrap: bool = False         # a cell too wide goes on over the lines below, not cut (a letter's
    #                            task text is read whole)
    keep: int = 0              # a flex column keeps this many cells while other columns' headers
    #                            can still go over more lines


def measure(cols: list[Col], rows, width: int, indent: str = "") -> list[int]:
    """Column widths for ``rows`` (any iterable of cell lists) in at most ``width`` cells
    where it can be: the flex columns give up width, the widest first, down to their
    minimum."""
    headers = [c.header.split("\n") for c in cols]
    widths = [max((cell_len(h) for h in hs), default=0) for hs in headers]
    cells = [0] * len(cols)  # the widest cell of each column
    # a column at a time: one of one-cell characters (nearly every Vietnamese column) is
    # measured by len()
    for i, column in enumerate(zip(*rows)):
        size = len if is_simple("".join(column)) else cell_len
        cells[i] = max(map(size, column))
        widths[i] = max(widths[i], cells[i])
    for i, col in enumerate(cols):
        if col.max_width is not None:
            widths[i] = min(widths[i], max(col.max_width, max(cell_len(h) for h in headers[i])))
    excess = cell_len(indent) + sum(widths) + len(GAP) * (len(cols) - 1) - width
    # too wide: the flex columns give up width, the widest first, down to their minimum (or
    # what they keep); then the other columns' headers go over more lines (``header_lines``),
    # each column down to its longest header word or its widest cell; then a flex column
    # gives up what it kept
    words = [max([cells[i], *(cell_len(w) for h in headers[i] for w in h.split())])
             for i in range(len(cols))]
    for floor in ([max(c.min_width, c.keep) if c.flex else widths[i] for i, c in enumerate(cols)],
                  [widths[i] if c.flex else words[i] for i, c in enumerate(cols)],
                  [c.min_width if c.flex else widths[i] for i, c in enumerate(cols)]):
        while excess > 0:
            room = [(widths[i] - floor[i], i) for i in range(len(cols)) if widths[i] > floor[i]]
            if not room:
                break
            _, i = max(room)
            widths[i] -= 1
            excess -= 1
    return widths


def header_lines(cols: list[Col], widths: list[int], indent: str = "",
                 rule: str = "-") -> list[str]:
    headers = [header_parts(c, w) for c, w in zip(cols, widths)]
    out = []
    depth = max(len(h) for h in headers)
    for level in range(depth):
        cells = []
        for h in headers:
            offset = depth - len(h)  # headers sit on the bottom line
            cells.append(h[level - offset] if level >= offset else "")
        out.append(row_line(cols, widths, cells, indent))
    out.append(rule_line(widths, indent, rule))
    return out


def header_parts(col: Col, width: int) -> list[str]:
    """A column's header as its lines in ``width`` cells: one wider than its column (one
    ``measure`` narrowed) goes over more lines, word by word; a flex column's is cut, as
    its cells are."""
    return [part for h in col.header.split("\n")
            for part in (wrap(h, width) if not col.flex and cell_len(h) > width else [h])]


def rule_line(widths: list[int], indent: str = "", rule: str = "-") -> str:
    return (indent + GAP.join(rule * w for w in widths)).rstrip()


def row_line(cols: list[Col], widths: list[int], cells: list[str], indent: str = "") -> str:
    return row_formatter(cols, widths, indent)(cells)


def row_formatter(cols: list[Col], widths: list[int], indent: str = ""):
    """A function laying out one row of cells in ``widths``: what ``fit_pad`` gives each
    cell, joined two spaces apart, trailing spaces removed.  Made once per table: a row of
    one-cell characters (nearly every Vietnamese row) is cut where too wide and padded by
    one ``str.format`` call."""
    aligns = [c.align for c in cols]
    template = (indent.replace("{", "{{").replace("}", "}}") + GAP.join(
        f"{{:{'<' if align == 'l' else '>'}{width}}}" if width > 0 else "{:.0}"
        for align, width in zip(aligns, widths)))
    pairs = list(zip(widths, aligns))

    def line(cells: list[str]) -> str:
        if not is_simple("".join(cells)):
            parts = [fit_pad(cell, w, a) for cell, (w, a) in zip(cells, pairs)]
            return (indent + GAP.join(parts)).rstrip()
        return template.format(*[cell if len(cell) <= w else fit(cell, w)
                                 for cell, w in zip(cells, widths)]).rstrip()

    return line


def row_lines(cols: list[Col], widths: list[int], line):
    """A function laying out one row as lines: one (``line``, the ``row_formatter``), or as
    many as its ``wrap`` columns' cells take — the other cells on the first."""
    wrapping = [i for i, c in enumerate(cols) if c.wrap]

    def lines(row: list[str]) -> list[str]:
        long = [i for i in wrapping if cell_len(row[i]) > widths[i]]
        if not long:
            return [line(row)]
        parts = {i: wrap(row[i], widths[i]) for i in long}
        return [line([(parts[i][k] if k < len(parts[i]) else "") if i in parts
                      else (cell if k == 0 else "") for i, cell in enumerate(row)])
                for k in range(max(len(p) for p in parts.values()))]

    return lines


def table(cols: list[Col], rows: list[list[str]], width: int, indent: str = "",
          rule: str = "-", footer: list[list[str]] | None = None) -> list[str]:
    """Lines of a table: header (bottom-aligned), a rule, the rows, then a rule and the
    footer rows if any.  Columns two spaces apart, trailing spaces removed."""
    footer = footer or []
    widths = measure(cols, rows + footer, width, indent)
    out = header_lines(cols, widths, indent, rule)
    line = row_formatter(cols, widths, indent)
    lines_of = row_lines(cols, widths, line)
    for row in rows:
        out.extend(lines_of(row))
    if footer:
        out.append(rule_line(widths, indent, rule))
        out.extend(line(row) for row in footer)
    return out


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Greedy word wrap by cells."""
    subsequent = indent if subsequent is None else subsequent
    lines: list[str] = []
    current = indent
    empty = True
    for word in text.split():
        candidate = current + ("" if empty else " ") + word
        if not empty and cell_len(candidate) > width:
            lines.append(current)
            current = subsequent + word
        else:
            current = candidate
        empty = False
    if not empty or not lines:
        lines.append(current.rstrip())
    return lines
