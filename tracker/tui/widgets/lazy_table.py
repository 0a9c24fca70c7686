"""A table that shows a million rows without loading them.

Textual's ``DataTable`` holds every row in memory and takes seconds to build at 100k rows.
``LazyTable`` holds only the pages that are on (or near) the screen: it is a ``ScrollView``
whose virtual height is the row count, and ``render_line`` draws a row from a small
page cache, asking a :class:`RowSource` for missing pages (the way Toolong's ``LogLines``
reads a log file).

The table never knows where rows come from.  A source answers two questions — how many
rows, and the rows ``offset .. offset+limit`` — so the app can back it with SQL pages
(``LIMIT/OFFSET``, or keyset pages remembered by the source).  A new filter or sort is a
new source: :meth:`LazyTable.set_source` swaps it, keeps the cursor on the same row id
when the source can say where that row now is (``index_of``) or finds it in the first
window it fetches, and keeps the old rows on screen until the new ones are ready.

Fetching happens in thread workers (``fetch_in_thread=True``, the default) and the
results come back as messages, so a slow query never freezes the screen; a source that
is cheap (an in-memory list) can be read synchronously instead.

The table does not sort: a header click or ``s``/``S`` posts :class:`LazyTable.SortRequested`
and the app answers with a new source and :meth:`LazyTable.set_sort`.

Why one file of ~1,100 lines: almost all of it is the one widget, ``LazyTable``, whose cursor,
page cache, column layout and source swap read and write the same state; split, each part
would reach into the others'.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal, Protocol, runtime_checkable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.domain.dates import format_date
from tracker.i18n import _
from tracker.tui.bindings import localise_bindings

RowId = Hashable

# counts run here beside the first page's fetch (see LazyTable._load)
_COUNTING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lazy-table-count")
Align = Literal["left", "right", "center"]


# ---------------------------------------------------------------------------------------
# data model


@dataclass(frozen=True, slots=True)
class Row:
    """One row: a stable ``id`` (the cursor and the marks follow it), the cell values by
    column key, and an optional payload the app wants back (e.g. a plain task object)."""

    id: RowId
    values: Mapping[str, Any]
    data: Any = None


class RowSource(Protocol):
    """Where a table's rows come from.  Both methods may run in a worker thread."""

    def count(self) -> int:
        """How many rows there are."""
        ...

    def fetch(self, offset: int, limit: int) -> Sequence[Row]:
        """Rows ``offset`` .. ``offset + limit - 1`` in display order (fewer at the end)."""
        ...


@runtime_checkable
class LocatingRowSource(RowSource, Protocol):
    """A source that can say where a row is, so the cursor survives a new filter/sort
    even when the row moved far away (for SQL: count the rows that sort before it)."""

    def index_of(self, row_id: RowId) -> int | None:
        """Position of the row ``row_id`` in this source, or None if it is not there."""
        ...


class ListRowSource:
    """A source over rows already in memory (small lists, tests)."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self._rows = list(rows)
        self._index: dict[RowId, int] | None = None

    def count(self) -> int:
        return len(self._rows)

    def fetch(self, offset: int, limit: int) -> list[Row]:
        return self._rows[offset: offset + limit]

    def index_of(self, row_id: RowId) -> int | None:
        if self._index is None:
            self._index = {row.id: i for i, row in enumerate(self._rows)}
        return self._index.get(row_id)


CellFormat = Callable[[Any, Row], str]
CellStyle = Callable[[Any, Row], "str | Style | None"]


@dataclass(frozen=True)
class Column:
    """How one column looks.

    ``width`` is the fixed width in cells, or the minimum when ``flex`` > 0: flexible
    columns share the width left over in proportion to ``flex``.  ``format`` turns a value
    into text (default: dates as dd/mm/yyyy, None as blank).  ``style`` returns a Rich
    style for a cell (a string may use theme variables, e.g. ``"bold $error"``); colour
    must never be the only signal, so pair it with a word or symbol in ``format``.
    ``min_table_width`` hides the column when the table is narrower than that.
    ``min_width``: how far a flexible column gives way when the table is narrower than all
    the columns' widths (it shortens first; past that the table scrolls sideways, ←/→,
    so every column stays reachable).
    """

    key: str
    label: str
    width: int = 10
    flex: int = 0
    align: Align = "left"
    format: CellFormat | None = None
    style: CellStyle | None = None
    sortable: bool = True
    min_table_width: int = 0
    min_width: int = 0


def default_format(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)


def fit(text: str, width: int, align: Align = "left") -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if "\n" in text or "\t" in text:
        text = text.replace("\n", " ").replace("\t", " ")
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    pad = width - length
    if not pad:
        return text
    if align == "right":
        return " " * pad + text
    if align == "center":
        left = pad // 2
        return " " * left + text + " " * (pad - left)
    return text + " " * pad


@dataclass(frozen=True)
class _Placed:
    column: Column
    x: int
    width: int


@dataclass
class _Layout:
    width: int = -1  # the available width it was computed for
    placed: list[_Placed] = field(default_factory=list)
    total: int = 0  # cells the row needs (>= available width when it fits)


GUTTER = 3  # cursor sign, mark sign, space
CURSOR_SIGN = "▸"
MARK_SIGN = "✓"
SORT_ASC, SORT_DESC = "▲", "▼"


# ---------------------------------------------------------------------------------------
# the widget


class LazyTable(ScrollView, can_focus=True, inherit_bindings=False):
    """A scrolling table over a :class:`RowSource`, with a row cursor and marks."""

    BINDINGS = [
        Binding("up", "cursor_up", "tui.key.up", show=False),
        Binding("down", "cursor_down", "tui.key.down", show=False),
        Binding("pageup", "page_up", "tui.key.page_up", show=False),
        Binding("pagedown", "page_down", "tui.key.page_down", show=False),
        Binding("home", "first", "tui.key.first", show=False),
        Binding("end", "last", "tui.key.last", show=False),
        Binding("left", "scroll_left", "tui.key.left", show=False),
        Binding("right", "scroll_right", "tui.key.right", show=False),
        Binding("enter", "activate", "tui.key.open", id="table.open"),
        Binding("space", "toggle_mark", "tui.key.mark", id="table.mark"),
        Binding("s", "sort_next", "tui.key.sort", id="table.sort"),
        Binding("S", "sort_reverse", "tui.key.sort_reverse", show=False, id="table.sort_reverse"),
    ]

    COMPONENT_CLASSES = {
        "lazy-table--header",
        "lazy-table--header-sorted",
        "lazy-table--cursor",
        "lazy-table--marked",
        "lazy-table--even-row",
        "lazy-table--placeholder",
        "lazy-table--gutter",
    }

    DEFAULT_CSS = """
    LazyTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        & > .lazy-table--header {
            background: $panel;
            color: $foreground;
            text-style: bold;
        }
        & > .lazy-table--header-sorted {
            background: $panel;
            color: $accent;
            text-style: bold;
        }
        & > .lazy-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .lazy-table--marked {
            background: $secondary 25%;
            text-style: bold;
        }
        & > .lazy-table--even-row {
            background: $surface-lighten-1 40%;
        }
        & > .lazy-table--placeholder {
            color: $text-muted;
        }
        & > .lazy-table--gutter {
            color: $accent;
            text-style: bold;
        }
        &:focus > .lazy-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        &:ansi > .lazy-table--header {
            background: ansi_default;
            color: ansi_default;
            text-style: bold underline;
        }
    }
    """

    # -- messages ------------------------------------------------------------------------

    class _TableMessage(Message):
        def __init__(self, table: LazyTable) -> None:
            super().__init__()
            self.table = table

        @property
        def control(self) -> LazyTable:
            return self.table

    class CursorMoved(_TableMessage):
        """The cursor is on another row (``row`` is None until its page has arrived; a
        second message follows when it does)."""

        def __init__(self, table: LazyTable, index: int, row: Row | None) -> None:
            super().__init__(table)
            self.index = index
            self.row = row
            self.row_id = row.id if row is not None else None

    class RowActivated(_TableMessage):
        """Enter (or a double click) on a row."""

        def __init__(self, table: LazyTable, index: int, row: Row) -> None:
            super().__init__(table)
            self.index = index
            self.row = row
            self.row_id = row.id

    class MarksChanged(_TableMessage):
        """The set of marked row ids changed."""

        def __init__(self, table: LazyTable, marked: frozenset) -> None:
            super().__init__(table)
            self.marked = marked

    class SortRequested(_TableMessage):
        """The user asked for another order; answer with a new source and ``set_sort``."""

        def __init__(self, table: LazyTable, column_key: str, descending: bool) -> None:
            super().__init__(table)
            self.column_key = column_key
            self.descending = descending

    class SourceLoaded(_TableMessage):
        """A source (new, or reloaded) has been counted and its first window is on screen."""

        def __init__(self, table: LazyTable, count: int) -> None:
            super().__init__(table)
            self.count = count

    class FetchFailed(_TableMessage):
        """The source raised; the rows it should have given stay blank."""

        def __init__(self, table: LazyTable, error: BaseException) -> None:
            super().__init__(table)
            self.error = error

    # private: worker results, handled by the table itself
    class _Loaded(Message, bubble=False):
        def __init__(self, generation: int, count: int, cursor: int, top: int,
                     blocks: list[tuple[int, list[Row]]], error: BaseException | None,
                     counted: bool = True, provisional: bool = False) -> None:
            super().__init__()
            self.counted = counted
            # rows to show before the count is known (the count comes in a second message)
            self.provisional = provisional
            self.generation = generation
            self.count = count
            self.cursor = cursor
            self.top = top
            self.blocks = blocks  # (first page, rows from that page on)
            self.error = error

    class _Fetched(Message, bubble=False):
        def __init__(self, generation: int, first_page: int, pages: int,
                     rows: Sequence[Row] | None, error: BaseException | None) -> None:
            super().__init__()
            self.generation = generation
            self.first_page = first_page
            self.pages = pages
            self.rows = rows
            self.error = error

    # -- construction --------------------------------------------------------------------

    def __init__(
        self,
        columns: Sequence[Column],
        source: RowSource | None = None,
        *,
        page_size: int = 100,
        cached_pages: int = 64,
        fetch_in_thread: bool = True,
        zebra_stripes: bool = False,
        can_mark: bool = True,
        can_open: bool = True,
        can_sort: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        localise_bindings(self)
        self._columns: list[Column] = list(columns)
        self.page_size = max(1, page_size)
        self.fetch_in_thread = fetch_in_thread
        self.zebra_stripes = zebra_stripes
        self.can_mark, self.can_open, self.can_sort = can_mark, can_open, can_sort
        self._source: RowSource | None = None
        self._generation = 0
        self._count = 0
        self._loading = False
        self._pages: LRUCache[int, Sequence[Row]] = LRUCache(max(4, cached_pages))
        self._pending: set[int] = set()
        self._failed: set[int] = set()
        self._cursor = 0
        self._cursor_id: RowId | None = None
        self._announced: tuple[int, RowId | None] | None = None
        self._marked: set[RowId] = set()
        self._sort_key: str | None = None
        self._sort_descending = False
        self._layout = _Layout()
        self._strips: LRUCache[tuple, Strip] = LRUCache(512)
        self._styles: dict[Any, Style] = {}
        self._pending_source = source
        self._ready = False

    def on_mount(self) -> None:
        # (ScrollView's own on_mount runs too: Textual calls each class's handler)
        self._ready = True
        if self._pending_source is not None:
            source, self._pending_source = self._pending_source, None
            self.set_source(source)

    # -- public state --------------------------------------------------------------------

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._layout = _Layout()
        self._clear_render_caches()
        self.refresh()

    @property
    def source(self) -> RowSource | None:
        return self._source

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def is_loading(self) -> bool:
        """True while a new or reloaded source is being counted."""
        return self._loading

    @property
    def cursor_index(self) -> int:
        return self._cursor

    @property
    def cursor_row(self) -> Row | None:
        return self.row_at(self._cursor) if self._count else None

    @property
    def cursor_id(self) -> RowId | None:
        row = self.cursor_row
        return row.id if row is not None else self._cursor_id

    @property
    def marked(self) -> frozenset:
        return frozenset(self._marked)

    @property
    def sort_key(self) -> str | None:
        return self._sort_key

    @property
    def sort_descending(self) -> bool:
        return self._sort_descending

    @property
    def cached_row_count(self) -> int:
        """Rows held in memory now (for tests and the bench)."""
        pages = self._pages
        return sum(len(pages.get(key) or ()) for key in list(pages.keys()))

    def row_at(self, index: int) -> Row | None:
        """The row at ``index`` if its page is in memory (never fetches)."""
        rows = self._pages.get(index // self.page_size)
        if rows is None:
            return None
        offset = index % self.page_size
        return rows[offset] if offset < len(rows) else None

    # -- sources -------------------------------------------------------------------------

    def set_source(self, source: RowSource, *, keep_cursor: bool = True,
                   cursor_id: RowId | None = None, keep_position: bool = True) -> None:
        """Show rows from ``source``.  With ``keep_cursor`` the cursor stays on the same
        row id if the new source has it, else on the same position (clamped) — or, without
        ``keep_position`` (other rows: a new filter), on the first row.
        ``cursor_id`` puts the cursor on that row instead (a row just added), when the
        source has it."""
        if not self._ready:
            self._pending_source = source
            return
        anchor_id = self.cursor_id if (keep_cursor and self._source is not None) else None
        if cursor_id is not None:
            anchor_id = cursor_id
        anchor_index = self._cursor if (keep_cursor and keep_position) else 0
        screen_offset = max(0, self._cursor - int(self.scroll_y)) if keep_cursor else 0
        self._generation += 1
        self._source = source
        self._loading = True
        self._pending.clear()
        self._failed.clear()
        job = partial(self._load, self._generation, source, anchor_id, anchor_index,
                      screen_offset, self._body_height())
        if self.fetch_in_thread:
            self.run_worker(job, thread=True, group="lazy-table-load", exclusive=True,
                            exit_on_error=False)
        else:
            self._on_loaded(job())
        self.refresh()

    def reload(self, cursor_id: RowId | None = None) -> None:
        """Count and fetch the current source again (the store changed), keeping the
        cursor on its row (or moving it to ``cursor_id``, see :meth:`set_source`)."""
        if self._source is not None:
            self.set_source(self._source, cursor_id=cursor_id)

    def set_sort(self, column_key: str | None, descending: bool = False) -> None:
        """Show which column the rows are sorted by (the source does the sorting)."""
        self._sort_key = column_key
        self._sort_descending = descending
        self._clear_render_caches()
        self.refresh()

    def _load(self, generation: int, source: RowSource, anchor_id: RowId | None,
              anchor_index: int, screen_offset: int, body_height: int) -> _Loaded:
        """Count, find the anchor row, fetch the window around it.  May run in a thread;
        there the count runs beside the first fetch (a filtered count and a filtered page
        scan the same rows: side by side they take the time of one)."""
        counting = _COUNTING.submit(source.count) if self.fetch_in_thread else None
        blocks: list[tuple[int, list[Row]]] = []
        index: int | None = None
        error: BaseException | None = None
        try:
            if anchor_id is not None and isinstance(source, LocatingRowSource):
                index = source.index_of(anchor_id)
            if counting is not None:  # fetch the window we expect while the count runs
                guess = index if index is not None else anchor_index
                guess_top = max(0, guess - min(screen_offset, max(0, body_height - 1)))
                blocks.append(self._fetch_window(source, guess_top, body_height, None))
                self._show_before_count(generation, counting, blocks[0], guess, guess_top)
        except Exception as exc:
            error = exc
        try:
            count = max(0, int(counting.result() if counting is not None else source.count()))
        except Exception as exc:  # the source failed: report it, keep the old rows
            message = self._Loaded(generation, 0, 0, 0, [], exc, counted=False)
            if self.fetch_in_thread:
                self.post_message(message)
            return message
        cursor = index if index is not None else min(anchor_index, max(0, count - 1))
        top = self._top_for(cursor, screen_offset, body_height, count)
        if error is None and count:
            try:
                if not self._covers(blocks, top, body_height, count):
                    blocks.append(self._fetch_window(source, top, body_height, count))
                if index is None and anchor_id is not None:
                    # the source cannot say where the row went: it may still be near its
                    # old place (a refresh), or near the top (a narrower filter)
                    found = self._find(anchor_id, blocks)
                    if found is None and not self._covers(blocks, 0, body_height, count):
                        blocks.append(self._fetch_window(source, 0, body_height, count))
                        found = self._find(anchor_id, blocks)
                    if found is not None:
                        cursor = found
                        top = self._top_for(cursor, screen_offset, body_height, count)
            except Exception as exc:
                error = exc
        message = self._Loaded(generation, count, cursor, top,
                               blocks if error is None else [], error)
        if self.fetch_in_thread:
            self.post_message(message)
        return message

    def _show_before_count(self, generation: int, counting, block, guess: int,
                           guess_top: int) -> None:
        """Post the window just fetched before the count is known: a search's first page
        often comes back long before its count (a scan of every task at 1M), and the
        clerk should see rows as they type.  The counted message follows and replaces it."""
        if not self.fetch_in_thread or counting.done():
            return
        first_page, rows = block
        start = first_page * self.page_size
        if not rows and start:
            return  # nothing at the guessed place: wait for the count
        known = start + len(rows)  # rows known to exist (all of them when the page ran short)
        cursor = min(guess, max(0, known - 1))
        top = min(guess_top, cursor)
        self.post_message(self._Loaded(generation, known, cursor, top, [block], None,
                                       provisional=True))

    def _fetch_window(self, source: RowSource, top: int, body_height: int,
                      count: int | None) -> tuple[int, list[Row]]:
        """The pages holding rows ``top`` .. one screen below the screen at ``top``
        (``count`` None: not known yet)."""
        first_page = top // self.page_size
        end = top + 2 * body_height if count is None else min(count, top + 2 * body_height)
        last_page = max(first_page, (end - 1) // self.page_size)
        rows = list(source.fetch(first_page * self.page_size,
                                 (last_page - first_page + 1) * self.page_size))
        return first_page, rows

    def _covers(self, blocks: list[tuple[int, list[Row]]], top: int, body_height: int,
                count: int) -> bool:
        """Whether the fetched blocks hold every row of the screen starting at ``top``."""
        size = self.page_size
        spans = [(p * size, p * size + len(rows)) for p, rows in blocks]
        return all(any(a <= i < b for a, b in spans)
                   for i in range(top, min(count, top + body_height)))

    def _find(self, row_id: RowId, blocks: list[tuple[int, list[Row]]]) -> int | None:
        for first_page, rows in blocks:
            for i, row in enumerate(rows):
                if row.id == row_id:
                    return first_page * self.page_size + i
        return None

    @staticmethod
    def _top_for(cursor: int, screen_offset: int, body_height: int, count: int) -> int:
        top = cursor - min(screen_offset, max(0, body_height - 1))
        return max(0, min(top, count - body_height))

    def on_lazy_table__loaded(self, message: _Loaded) -> None:
        message.stop()
        self._on_loaded(message)

    def _on_loaded(self, message: _Loaded) -> None:
        if message.generation != self._generation:
            return  # a newer source was set meanwhile
        self._loading = False
        if message.error is not None:
            self._report_failure(message.error)
            if not message.counted:
                self.refresh()
                return
        self._count = message.count
        self._pages.clear()
        self._clear_render_caches()
        if message.error is None:
            for first_page, rows in message.blocks:
                self._store_rows(first_page, rows, min_pages=0)
        elif self._count:  # the window failed: do not ask again until the next load
            height = self._body_height()
            last = (min(self._count, message.top + 2 * height) - 1) // self.page_size
            self._failed.update(range(message.top // self.page_size, last + 1))
        self._cursor = message.cursor
        self._update_virtual_size()
        self.scroll_to(y=message.top, animate=False, force=True)
        self._remember_cursor()
        self.refresh()
        if not message.provisional:  # the count shown is the real one
            self.post_message(self.SourceLoaded(self, self._count))
        self._announce_cursor(force=True)

    # -- paging --------------------------------------------------------------------------

    def _store_rows(self, first_page: int, rows: Sequence[Row], min_pages: int) -> None:
        size = self.page_size
        pages = max(min_pages, (len(rows) + size - 1) // size)
        for n in range(pages):
            self._pages[first_page + n] = rows[n * size: (n + 1) * size]

    def _wanted_pages(self) -> range:
        """Pages for the rows on screen plus one screen either way."""
        if not self._count:
            return range(0)
        height = self._body_height()
        top = int(self.scroll_y)
        first = max(0, top - height)
        last = min(self._count, top + 2 * height) - 1
        return range(first // self.page_size, last // self.page_size + 1)

    def _request_pages(self) -> None:
        if self._source is None or self._loading:
            return
        wanted = self._wanted_pages()
        missing = [p for p in wanted
                   if p not in self._pages and p not in self._pending and p not in self._failed]
        if not missing:
            return
        # pages on screen first, then the ones either side; contiguous runs in one fetch
        top_page = int(self.scroll_y) // self.page_size
        runs: list[list[int]] = []
        for page in missing:
            if runs and runs[-1][-1] == page - 1:
                runs[-1].append(page)
            else:
                runs.append([page])
        runs.sort(key=lambda run: abs(run[0] - top_page))
        for run in runs:
            self._pending.update(run)
            job = partial(self._fetch, self._generation, self._source, run[0], len(run))
            if self.fetch_in_thread:
                self.run_worker(job, thread=True, group="lazy-table-fetch", exit_on_error=False)
            else:
                self._on_fetched(job())

    def _fetch(self, generation: int, source: RowSource, first_page: int,
               pages: int) -> _Fetched:
        try:
            rows = list(source.fetch(first_page * self.page_size, pages * self.page_size))
            message = self._Fetched(generation, first_page, pages, rows, None)
        except Exception as error:
            message = self._Fetched(generation, first_page, pages, None, error)
        if self.fetch_in_thread:
            self.post_message(message)
        return message

    def on_lazy_table__fetched(self, message: _Fetched) -> None:
        message.stop()
        self._on_fetched(message)

    def _on_fetched(self, message: _Fetched) -> None:
        if message.generation != self._generation:
            return
        run = range(message.first_page, message.first_page + message.pages)
        self._pending.difference_update(run)
        if message.error is not None or message.rows is None:
            self._failed.update(run)
            self._report_failure(message.error or RuntimeError())
            return
        self._store_rows(message.first_page, message.rows, min_pages=message.pages)
        self.refresh()
        self._announce_cursor()

    def _report_failure(self, error: BaseException) -> None:
        self.post_message(self.FetchFailed(self, error))
        self.notify(_("tui.table.fetch_failed", error=error), severity="error")

    # -- cursor and marks ----------------------------------------------------------------

    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def move_cursor(self, index: int, *, scroll: bool = True) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        if not self._count:
            return
        index = max(0, min(index, self._count - 1))
        self._cursor = index
        if scroll:
            self._scroll_cursor_into_view()
        self._remember_cursor()
        self.refresh()
        self._announce_cursor()

    def _scroll_cursor_into_view(self) -> None:
        height = self._body_height()
        top = int(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, force=True)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False, force=True)

    def _remember_cursor(self) -> None:
        row = self.row_at(self._cursor)
        if row is not None:
            self._cursor_id = row.id

    def _announce_cursor(self, force: bool = False) -> None:
        """Post CursorMoved when the cursor's (index, row) pair changed."""
        row = self.row_at(self._cursor) if self._count else None
        state = (self._cursor, row.id if row is not None else None)
        if force or state != self._announced:
            if row is not None:
                self._cursor_id = row.id
            self._announced = state
            self.post_message(self.CursorMoved(self, self._cursor, row))

    def toggle_mark(self, row_id: RowId) -> None:
        if row_id in self._marked:
            self._marked.discard(row_id)
        else:
            self._marked.add(row_id)
        self._marks_changed()

    def set_marks(self, row_ids) -> None:
        self._marked = set(row_ids)
        self._marks_changed()

    def clear_marks(self) -> None:
        if self._marked:
            self._marked.clear()
            self._marks_changed()

    def _marks_changed(self) -> None:
        self._clear_render_caches()
        self.refresh()
        self.post_message(self.MarksChanged(self, frozenset(self._marked)))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Keys for what this table does not offer are neither shown nor run (False;
        None would show them greyed out)."""
        if action == "toggle_mark" and not self.can_mark:
            return False
        if action == "activate" and not self.can_open:
            return False
        if action in ("sort_next", "sort_reverse") and not self.can_sort:
            return False
        return True

    # -- actions -------------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_page_down(self) -> None:
        height = self._body_height()
        self.scroll_to(y=int(self.scroll_y) + height, animate=False, force=True)
        self.move_cursor(self._cursor + height)

    def action_page_up(self) -> None:
        height = self._body_height()
        self.scroll_to(y=int(self.scroll_y) - height, animate=False, force=True)
        self.move_cursor(self._cursor - height)

    def action_first(self) -> None:
        self.scroll_to(y=0, animate=False, force=True)
        self.move_cursor(0)

    def action_last(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)
        self.move_cursor(self._count - 1)

    def action_activate(self) -> None:
        row = self.cursor_row
        if row is not None:
            self.post_message(self.RowActivated(self, self._cursor, row))

    def action_toggle_mark(self) -> None:
        row = self.cursor_row
        if row is None:
            return
        self.toggle_mark(row.id)
        self.move_cursor(self._cursor + 1)

    def action_scroll_right(self) -> None:
        """Scroll sideways to the next column."""
        x = int(self.scroll_x)
        target = next((p.x - GUTTER for p in self._placed() if p.x - GUTTER > x),
                      self.max_scroll_x)
        self.scroll_to(x=min(target, self.max_scroll_x), animate=False, force=True)

    def action_scroll_left(self) -> None:
        """Scroll sideways to the previous column."""
        x = int(self.scroll_x)
        starts = [p.x - GUTTER for p in self._placed() if p.x - GUTTER < x]
        self.scroll_to(x=starts[-1] if starts else 0, animate=False, force=True)

    def _sortable(self) -> list[Column]:
        return [p.column for p in self._placed() if p.column.sortable]

    def action_sort_next(self) -> None:
        """Sort by the next sortable column (ascending)."""
        keys = [c.key for c in self._sortable()]
        if not keys:
            return
        if self._sort_key in keys:
            key = keys[(keys.index(self._sort_key) + 1) % len(keys)]
        else:
            key = keys[0]
        self.post_message(self.SortRequested(self, key, False))

    def action_sort_reverse(self) -> None:
        """Reverse the current order (or sort by the first column, descending)."""
        keys = [c.key for c in self._sortable()]
        if not keys:
            return
        key = self._sort_key if self._sort_key in keys else keys[0]
        descending = not self._sort_descending if self._sort_key == key else True
        self.post_message(self.SortRequested(self, key, descending))

    # -- mouse ---------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        x = offset.x + int(self.scroll_x)
        if offset.y == 0:
            if offset.x < GUTTER:
                return
            column = self._column_at(x)
            if column is not None and column.sortable and self.can_sort:
                descending = (not self._sort_descending) if self._sort_key == column.key else False
                self.post_message(self.SortRequested(self, column.key, descending))
            event.stop()
            return
        index = int(self.scroll_y) + offset.y - 1
        if not 0 <= index < self._count:
            return
        event.stop()
        if offset.x < GUTTER and self.can_mark:
            row = self.row_at(index)
            if row is not None:
                self.toggle_mark(row.id)
            return
        self.move_cursor(index, scroll=False)
        if event.chain >= 2 and self.can_open:  # a double click opens the row, like Enter
            self.action_activate()

    def _column_at(self, x: int) -> Column | None:
        for placed in self._placed():
            if placed.x <= x < placed.x + placed.width + 1:
                return placed.column
        return None

    # -- layout --------------------------------------------------------------------------

    def _available_width(self) -> int:
        return max(0, self.scrollable_content_region.width)

    def _placed(self) -> list[_Placed]:
        width = self._available_width()
        if self._layout.width != width:
            self._layout = self._compute_layout(width)
            self._clear_render_caches()
        return self._layout.placed

    def _compute_layout(self, available: int) -> _Layout:
        shown = [c for c in self._columns if c.min_table_width <= available]
        separators = len(shown)  # one space after each column
        minimum = GUTTER + separators + sum(max(1, c.width) for c in shown)
        spare = max(0, available - minimum)
        flex_total = sum(c.flex for c in shown if c.flex > 0)
        widths = []
        given = 0
        flexible = [i for i, c in enumerate(shown) if c.flex > 0]
        for i, column in enumerate(shown):
            width = max(1, column.width)
            if column.flex > 0 and flex_total:
                extra = spare * column.flex // flex_total
                given += extra
                width += extra
            widths.append(width)
        if flexible and spare > given:  # rounding left-overs go to the last flexible one
            widths[flexible[-1]] += spare - given
        short = minimum - available  # narrower than every column: flexible ones give way
        for i in flexible:
            if short <= 0:
                break
            give = min(short, widths[i] - max(1, shown[i].min_width or widths[i]))
            widths[i] -= give
            short -= give
        placed = []
        x = GUTTER
        for column, width in zip(shown, widths):
            placed.append(_Placed(column, x, width))
            x += width + 1
        return _Layout(available, placed, max(x, available))

    def _update_virtual_size(self) -> None:
        self._placed()
        minimum = self._layout.total
        width = minimum if minimum > self._available_width() else 0
        size = Size(width, self._count + 1)
        if self.virtual_size != size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_cursor_into_view()

    # -- rendering -----------------------------------------------------------------------

    def _clear_render_caches(self) -> None:
        self._strips.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._clear_render_caches()

    def _resolve_style(self, spec: Any) -> Style | None:
        """A Rich style from a callback's answer; ``$name`` words are theme colours."""
        if spec is None or isinstance(spec, Style):
            return spec
        style = self._styles.get(spec)
        if style is None:
            text = str(spec)
            if "$" in text:
                text = " ".join(self._theme_word(word) for word in text.split())
            try:
                style = Style.parse(text) if text.strip() else Style()
            except Exception:
                style = Style()
            self._styles[spec] = style
        return style

    def _theme_word(self, word: str) -> str:
        if not word.startswith("$"):
            return word
        variables = self.app.get_css_variables()
        try:
            color = Color.parse(variables[word[1:]])
        except Exception:
            return ""
        if color.a < 1:  # Rich has no alpha: mix onto the table's background
            background = self.styles.background
            if background.a == 0:
                background = Color.parse(variables.get("surface", "#000000"))
            color = background.blend(color.with_alpha(1.0), color.a)
        return color.hex6

    def render_lines(self, crop):
        self._update_virtual_size()
        self._request_pages()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x = int(self.scroll_x)
        base = self.rich_style
        if y == 0:
            strip = self._header_strip()
        else:
            index = int(self.scroll_y) + y - 1
            if index >= self._count:
                if y == 1 and (self._loading or not self._count):
                    key = "tui.table.loading" if (self._loading or self._source is None) else "tui.table.empty"
                    style = self.get_component_rich_style("lazy-table--placeholder")
                    return Strip([Segment(" " * GUTTER + _(key), base + style)]).adjust_cell_length(width, base)
                return Strip.blank(width, base)
            strip = self._row_strip(index)
        if not scroll_x:
            return strip.crop_extend(0, width, base)
        # the cursor/mark signs stay put; the columns slide under them
        return Strip.join([strip.crop(0, GUTTER),
                           strip.crop_extend(GUTTER + scroll_x, scroll_x + width, base)])

    def _header_strip(self) -> Strip:
        placed = self._placed()
        key = ("header", self._layout.width, self._sort_key, self._sort_descending)
        strip = self._strips.get(key)
        if strip is not None:
            return strip
        header = self.get_component_rich_style("lazy-table--header")
        sorted_style = self.get_component_rich_style("lazy-table--header-sorted")
        segments = [Segment(" " * GUTTER, header)]
        for p in placed:
            label = p.column.label
            style = header
            if p.column.key == self._sort_key:
                arrow = SORT_DESC if self._sort_descending else SORT_ASC
                label = f"{label} {arrow}" if p.column.align != "right" else f"{arrow} {label}"
                style = sorted_style
            segments.append(Segment(fit(label, p.width, p.column.align), style))
            segments.append(Segment(" ", header))
        strip = Strip(segments).extend_cell_length(self._layout.total, header)
        self._strips[key] = strip
        return strip

    def _row_strip(self, index: int) -> Strip:
        placed = self._placed()
        row = self.row_at(index)
        is_cursor = index == self._cursor
        if row is None:
            key = ("placeholder", index, is_cursor, self._layout.width)
        else:
            key = (self._generation, index, row.id, is_cursor, row.id in self._marked,
                   self.has_focus, self._layout.width)
        strip = self._strips.get(key)
        if strip is not None:
            return strip

        base = self.rich_style
        if self.zebra_stripes and index % 2:
            base = base + self.get_component_rich_style("lazy-table--even-row")
        cursor_style = self.get_component_rich_style("lazy-table--cursor") if is_cursor else None
        gutter_style = base + self.get_component_rich_style("lazy-table--gutter")
        if cursor_style is not None:
            gutter_style = gutter_style + cursor_style

        if row is None:
            style = base + self.get_component_rich_style("lazy-table--placeholder")
            if cursor_style is not None:
                style = style + cursor_style
            sign = CURSOR_SIGN if is_cursor else " "
            strip = Strip([Segment(f"{sign}  ", gutter_style), Segment("…", style)])
            strip = strip.extend_cell_length(self._layout.total, style)
            self._strips[key] = strip
            return strip

        marked = row.id in self._marked
        row_style = base
        if marked:
            row_style = row_style + self.get_component_rich_style("lazy-table--marked")
        if cursor_style is not None:
            row_style = row_style + cursor_style
        segments = [Segment(
            (CURSOR_SIGN if is_cursor else " ") + (MARK_SIGN if marked else " ") + " ",
            gutter_style if not marked else gutter_style + Style(bold=True))]
        values = row.values
        for p in placed:
            column = p.column
            value = values.get(column.key)
            text = column.format(value, row) if column.format else default_format(value)
            style = row_style
            if column.style is not None:
                cell = self._resolve_style(column.style(value, row))
                if cell is not None:
                    style = base + cell
                    if marked:
                        style = style + self.get_component_rich_style("lazy-table--marked")
                    if cursor_style is not None:
                        style = style + cursor_style
            segments.append(Segment(fit(text, p.width, column.align), style))
            segments.append(Segment(" ", row_style))
        strip = Strip(segments).extend_cell_length(self._layout.total, row_style)
        self._strips[key] = strip
        return strip
