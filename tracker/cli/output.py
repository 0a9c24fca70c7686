"""Output for every listing command: one set of ``--format`` options, one renderer.

table: a Rich table (colour on a terminal only); plain: aligned text without borders;
csv / json / jsonl for machines (JSON streamed row by row).  Data goes to stdout, messages
to stderr.
"""
from __future__ import annotations

import itertools
import json
import os
import sys
from dataclasses import dataclass
from typing import Callable, Iterable

import click

from tracker.cli.params import DUE_BOUND
from tracker.i18n import _

FORMATS = ("table", "plain", "csv", "json", "jsonl")


def format_option(default: str = "table", formats=FORMATS, help_key: str = "help.opt.format"):
    return click.option("--format", "fmt", type=click.Choice(list(formats)), default=default,
                        show_default=True, help=_(help_key))


def task_filter_options(f):
    """The task list's filters, shared by `task list` and `export`: the command receives
    them as ``filters`` (a dict for ``task_filter``)."""
    options = [
        click.option("--unit", "units", multiple=True, metavar=_("help.metavar.unit"),
                     help=_("help.opt.unit_filter")),
        click.option("--any-role", is_flag=True, help=_("help.opt.any_role")),
        click.option("--directive", "directives", multiple=True, metavar=_("help.metavar.ref"),
                     help=_("help.opt.directive_filter")),
        click.option("--timeliness", "timeliness", multiple=True, metavar=_("help.metavar.timeliness"),
                     help=_("help.opt.timeliness")),
        click.option("--status", "statuses", multiple=True, metavar=_("help.metavar.status"),
                     help=_("help.opt.status")),
        click.option("--due-before", type=DUE_BOUND, metavar=_("help.metavar.date"), help=_("help.opt.due_before")),
        click.option("--due-after", type=DUE_BOUND, metavar=_("help.metavar.date"), help=_("help.opt.due_after")),
        click.option("--search", default="", metavar=_("help.metavar.words"), help=_("help.opt.search")),
        click.option("--leader", default="", metavar=_("help.metavar.name"), help=_("help.opt.leader_filter")),
        click.option("--issuer", default="", metavar=_("help.metavar.name"), help=_("help.opt.issuer_filter")),
    ]
    names = ("units", "any_role", "directives", "timeliness", "statuses", "due_before",
             "due_after", "search", "leader", "issuer")

    import functools

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        kwargs["filters"] = {n: kwargs.pop(n) for n in names}
        return f(*args, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def task_filter(ctx, filters: dict):
    """A services TaskFilter from the options of ``task_filter_options``."""
    from tracker.services.query import resolve_filter

    f = dict(filters)
    return resolve_filter(ctx, units=f["units"], directives=f["directives"],
                          timeliness=f["timeliness"], status=f["statuses"],
                          due_before=f["due_before"], due_after=f["due_after"],
                          search=f["search"], leader=f["leader"], issuer=f["issuer"],
                          unit_role="any" if f["any_role"] else "lead")


@dataclass
class Col:
    key: str  # catalogue key of the header
    get: Callable[[object], object]
    justify: str = "left"
    style: Callable[[object], str] | None = None  # rich style for the cell (table only)
    max_width: int | None = None
    no_wrap: bool = False
    # a table narrower than its columns (``fit_columns``): where a wrapping column would have
    # fewer than ``wants`` cells, the cells' shorter form (``short``) is shown, then the
    # columns that may go are left out, the highest ``drop`` first (0: never); a wrapping
    # column never has fewer than ``min_width``
    min_width: int | None = None
    wants: int | None = None
    short: Callable[[object], object] | None = None
    short_key: str | None = None  # the header over the shorter form ("": none)
    drop: int = 0


def colour_allowed() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def console(stderr: bool = False):
    """A Rich console: colour and styles on a terminal only (and never with NO_COLOR);
    off a terminal plain text, ``COLUMNS`` wide when set, else 160 so rows are not folded for
    mail or files."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty() and not os.environ.get("NO_COLOR"):
        return Console(stderr=stderr, highlight=False, soft_wrap=False)
    return Console(stderr=stderr, force_terminal=False, no_color=True, color_system=None,
                   highlight=False, width=terminal_width(160), soft_wrap=False, legacy_windows=False)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (=, +, -, @, tab, CR at the start of a cell)."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


TABLE_ROWS = 1000  # more rows than this are written as aligned text (see ``emit``)


def emit(items: Iterable, cols: list[Col], fmt: str, *, as_dict: Callable[[object], dict] | None = None,
         title: str | None = None, empty_key: str = "msg.no_rows") -> int:
    """Write ``items`` in ``fmt``; returns how many were written."""
    out = sys.stdout
    n = 0
    if fmt in ("json", "jsonl"):
        to_dict = as_dict or (lambda it: {c.key: c.get(it) for c in cols})
        if fmt == "jsonl":
            for it in items:
                out.write(json.dumps(to_dict(it), ensure_ascii=False, default=str) + "\n")
                n += 1
        else:
            out.write("[")
            for it in items:
                out.write(("\n" if n == 0 else ",\n") + json.dumps(to_dict(it), ensure_ascii=False,
                                                                    default=str))
                n += 1
            out.write("\n]\n" if n else "]\n")
        return n
    if fmt == "csv":
        import csv

        w = csv.writer(out, lineterminator="\n")
        w.writerow([_(c.key) for c in cols])
        for it in items:
            w.writerow([csv_safe(_cell(c.get(it))) for c in cols])
            n += 1
        return n
    items = iter(items)
    head = list(itertools.islice(items, TABLE_ROWS + 1))
    if fmt == "plain" or len(head) > TABLE_ROWS:
        # (a table of thousands of rows — `audit` over a year — took Rich 40 s per 100k: as
        # aligned text a row at a time, the look of `task list` off a terminal)
        return stream_plain(itertools.chain(head, items), cols, rule=fmt == "table", empty_key=empty_key)
    items = head
    n = len(items)
    if n == 0:
        if empty_key:  # ("": the command says it itself)
            click.echo(_(empty_key), err=True)
        return 0
    from rich import box
    from rich.table import Table

    con = console()
    cols = fit_columns(cols, items, con.width)
    rows = [[_cell(c.get(it)) for c in cols] for it in items]
    styles = [[(c.style(it) if c.style else "") for c in cols] for it in items]
    table = Table(title=title, box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False,
                  expand=False, show_edge=False)
    for c in cols:
        table.add_column(_(c.key) if c.key else "", justify=c.justify, max_width=c.max_width,
                         no_wrap=c.no_wrap, min_width=c.min_width, overflow="fold")
    for r, st in zip(rows, styles or [[]] * n):
        table.add_row(*[f"[{s}]{_esc(v)}[/]" if s else _esc(v) for v, s in zip(r, st or [""] * len(r))])
    con.print(table)
    return n


def fit_columns(cols: list[Col], items: list, width: int) -> list[Col]:
    """The columns a table of ``items`` shows ``width`` cells wide: all of them where each
    wrapping column has the cells it ``wants`` (the others take their widest cell); else the
    shorter forms of the cells that have one; then, while it does not fit, the columns that
    may go, the highest ``drop`` first."""
    from dataclasses import replace

    from rich.cells import cell_len

    def needed(cs: list[Col]) -> int:
        total = 3 * (len(cs) - 1)  # (between columns: a cell of padding either side of the rule's)
        for c in cs:
            header = _(c.key) if c.key else ""
            widest = max([cell_len(header), *(cell_len(_cell(c.get(it))) for it in items)])
            wants = c.wants or c.min_width
            total += min(widest, wants) if wants and not c.no_wrap else widest
        return total

    if needed(cols) <= width:
        return cols
    cols = [replace(c, get=c.short, short=None, key=c.key if c.short_key is None else c.short_key)
            if c.short else c for c in cols]
    while needed(cols) > width and any(c.drop for c in cols):
        last = max((c for c in cols if c.drop), key=lambda c: c.drop)
        cols = [c for c in cols if c is not last]
    return cols


def stream_plain(items: Iterable, cols: list[Col], *, rule: bool = False, first: int = 500,
                 empty_key: str = "msg.no_rows") -> int:
    """Write ``items`` as aligned text a row at a time (memory stays flat): the column widths
    are those of the first ``first`` rows (a longer cell further down pushes its line, it is
    never cut).  ``rule``: a line under the header, as the table format draws it."""
    from rich.cells import cell_len

    out = sys.stdout
    items = iter(items)
    head = [[_cell(c.get(it)) for c in cols] for it in itertools.islice(items, first)]
    if not head:
        if empty_key:  # ("": the command says it itself)
            click.echo(_(empty_key), err=True)
        return 0
    headers = [_(c.key) for c in cols]
    widths = [max(cell_len(h), *(cell_len(r[i]) for r in head)) for i, h in enumerate(headers)]
    right = [c.justify == "right" for c in cols]

    def line(vals):
        parts = []
        for v, w, r in zip(vals, widths, right):
            pad = " " * max(0, w - cell_len(v))
            parts.append(pad + v if r else v + pad)
        return "  ".join(parts).rstrip() + "\n"

    out.write(line(headers))
    if rule:
        out.write("  ".join("─" * w for w in widths) + "\n")
    n = 0
    for r in head:
        out.write(line(r))
        n += 1
    for it in items:
        out.write(line([_cell(c.get(it)) for c in cols]))
        n += 1
    return n


def terminal_width(default: int = 100) -> int:
    """How wide to lay text out: the terminal's width, or off a terminal ``COLUMNS`` when it
    is set (mail and files otherwise get ``default``)."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((default, 24)).columns
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return default


def echo_fields(rows: list[tuple[str, str]]) -> None:
    """A record as "name  value" lines (the empty ones left out), names aligned; on a
    terminal a long value wraps under itself, not under the names (`task show`, `directive
    show` at 80 columns).  Off a terminal one line each, for grep and mail."""
    import textwrap

    rows = [(k, v) for k, v in rows if v]
    width = max((len(k) for k, _v in rows), default=0)
    room = terminal_width() - width - 2 if sys.stdout.isatty() else 0
    for k, v in rows:
        lines = textwrap.wrap(v, room) if room >= 20 else [v]
        click.echo(f"{k.ljust(width)}  " + ("\n" + " " * (width + 2)).join(lines or [v]))


def _esc(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def say(message: str) -> None:
    """A message for the person (stderr), never mixed into data on stdout."""
    click.echo(message, err=True)


def print_warnings(ctx) -> None:
    for key, fields in getattr(ctx, "warnings", []):
        click.secho(_("warning.prefix", message=_(key, **fields)), fg="yellow", err=True)
    if getattr(ctx, "warnings", None):
        ctx.warnings.clear()
