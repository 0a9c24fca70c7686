"""Widgets of the full-screen app."""
from tracker.tui.widgets.lazy_table import (
    Column,
    LazyTable,
    ListRowSource,
    LocatingRowSource,
    Row,
    RowSource,
)

__all__ = ["Column", "LazyTable", "ListRowSource", "LocatingRowSource", "Row", "RowSource"]
