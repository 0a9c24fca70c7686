"""Strings of the clerk's desk (issue 17): listings a page at a time, closer matches, the
app's small-terminal and first-run words.  key -> (vi, en)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- task list: a page on a terminal ---------------------------------------------
    "list.more": (
        "Còn {more} nhiệm vụ nữa (tổng {total}). Xem hết: --all; trang khác: --limit N; "
        "ra tệp: --format csv > tệp.csv",
        "{more} more tasks (of {total}). All of them: --all; more at once: --limit N; "
        "to a file: --format csv > file.csv"),
    "help.opt.all": ("In mọi nhiệm vụ khớp bộ lọc, kể cả trên màn hình",
                     "List every matching task, on a terminal too"),
}
