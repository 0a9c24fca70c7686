"""Strings of the full-screen app (tracker.tui): key -> (vietnamese, english)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the lazy table -------------------------------------------------------------
    "tui.table.loading": ("Đang tải…", "Loading…"),
    "tui.table.empty": ("Không có dòng nào", "No rows"),
    "tui.table.fetch_failed": ("Không đọc được dữ liệu: {error}", "Could not read the data: {error}"),
    "tui.key.open": ("Mở", "Open"),
    "tui.key.mark": ("Đánh dấu", "Mark"),
    "tui.key.sort": ("Sắp xếp", "Sort"),
    "tui.key.sort_reverse": ("Đảo chiều sắp xếp", "Reverse sort"),
    "tui.key.up": ("Lên", "Up"),
    "tui.key.down": ("Xuống", "Down"),
    "tui.key.page_up": ("Trang trước", "Page up"),
    "tui.key.page_down": ("Trang sau", "Page down"),
    "tui.key.first": ("Dòng đầu", "First row"),
    "tui.key.last": ("Dòng cuối", "Last row"),
    "tui.key.left": ("Sang trái", "Scroll left"),
    "tui.key.right": ("Sang phải", "Scroll right"),
}
