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
    # --- the command line's words --------------------------------------------------------
    "store.unsupported_engine": (
        "Không dùng được cơ sở dữ liệu “{engine}”: chỉ hỗ trợ SQLite (một tệp) và PostgreSQL "
        "(postgresql://…).",
        "The “{engine}” database is not supported: only SQLite (a file) and PostgreSQL "
        "(postgresql://…)."),
    "directive.unknown_type": (
        "Không có loại văn bản “{code}”. Các mã theo Nghị định 30/2020/NĐ-CP: {state}; "
        "văn bản của Đảng thêm: {party}; công văn không ghi mã.",
        "No document type “{code}”. The codes of Decree 30/2020/NĐ-CP: {state}; Party "
        "documents add: {party}; an official letter has no code."),
    "export.xls_not_written": (
        "Không ghi được tệp Excel 97-2003 (.xls) “{file}”: hãy đặt tên .xlsx (Excel mở được).",
        "“{file}”: Excel 97-2003 files (.xls) are not written; name it .xlsx (Excel opens it)."),
    "export.unknown_suffix": (
        "Không biết ghi “{file}” theo định dạng nào (đuôi {suffix}): dùng {known} hoặc --format.",
        "Which format is “{file}” (ending {suffix})? Use {known} or --format."),
    "export.suffix_mismatch": (
        "“{file}” mang đuôi {suffix} nhưng --format là {fmt}: đổi tên tệp hoặc bỏ --format.",
        "“{file}” ends in {suffix} but --format is {fmt}: rename the file or drop --format."),
    "import.units_never_imported": (
        "{file}: chưa có đơn vị nào trong kho, nên {names} tên đơn vị ở {rows} dòng đều chưa "
        "biết. Hãy nhập tệp đơn vị trước, hoặc nhập cả ba tệp (đơn vị, văn bản, nhiệm vụ) cùng lúc.",
        "{file}: the store has no units yet, so the {names} unit names on {rows} rows are all "
        "unknown. Import the units first, or import the three files (units, directives, tasks) "
        "together."),
    # --- the app ------------------------------------------------------------------------
    "tui.picker.title": ("Chọn tệp để nhập", "Choose the files to import"),
    "tui.picker.keys": ("Enter: lấy tệp · Space: đánh dấu nhiều tệp · Backspace: lên thư mục trên · Esc: thôi",
                        "Enter: take the file · Space: mark several · Backspace: folder up · Esc: cancel"),
    "tui.picker.recent": ("Tệp nhập gần đây", "Recently imported"),
    "tui.picker.marked": ("Đã đánh dấu {n}: {names} (Enter trên một tệp: lấy tất cả)",
                          "{n} marked: {names} (Enter on a file: take them all)"),
    "tui.key.pick_file": ("Chọn tệp", "Choose files"),
    "tui.key.folder_up": ("Lên thư mục trên", "Folder up"),
    "tui.form.refused": ("Chưa lưu", "Not saved"),
    "desk.export.bad_suffix": (
        "“{file}”: báo cáo này ghi được ra {known} (theo đuôi tệp), không ra {suffix}.",
        "“{file}”: this report is written as {known} (by the file's ending), not {suffix}."),
    "tui.export.title.tasks": ("Xuất danh sách nhiệm vụ đang lọc", "Export the filtered task list"),
    "tui.export.title.overdue": ("Xuất danh sách quá hạn", "Export the overdue list"),
    "tui.export.title.summary": ("Xuất bảng theo đơn vị, {period}", "Export the units scorecard, {period}"),
    "tui.export.file": ("Ghi ra tệp", "Write to"),
    "tui.export.as_of": ("Tính đến ngày", "As of"),
    "tui.export.as_of.now": ("để trống: sổ theo dõi hiện nay; một ngày: như tại cuối ngày đó, dựng lại từ lịch sử",
                             "blank: the register now; a day: as it stood at its end, rebuilt from history"),
    "tui.export.as_of.day": ("sổ theo dõi như tại cuối ngày {date} (việc xong, gia hạn, tiến độ sau đó chưa có)",
                             "the register as it stood at the end of {date} (later completions, extensions, notes not yet)"),
    "tui.export.replaces": ("Tệp này đã có: Lưu sẽ ghi đè lên nó (đổi tên để giữ tệp cũ)",
                            "This file exists: Save writes over it (change the name to keep it)"),
    "tui.export.formats": ("Định dạng theo đuôi tệp: {known}", "The file's ending picks the format: {known}"),
    "tui.export.done": ("Đã ghi {rows} dòng ra {path}", "{rows} rows written to {path}"),
    "tui.export.save": ("Ghi tệp", "Write"),
    "tui.key.export": ("Xuất ra tệp", "Export to a file"),
    "tui.cmd.export_overdue": ("Xuất danh sách quá hạn (XLSX, CSV, DOCX)", "Export the overdue list (XLSX, CSV, DOCX)"),
    "tui.cmd.export_tasks": ("Xuất danh sách đang lọc (XLSX, CSV)", "Export the filtered list (XLSX, CSV)"),
    "tui.cmd.export_summary": ("Xuất bảng theo đơn vị của kỳ đang xem (XLSX, CSV, DOCX có chữ ký)",
                               "Export the units scorecard of the period on screen (XLSX, CSV, signed DOCX)"),
    "tui.cmd.preview_overdue": ("Xem trước báo cáo quá hạn hằng đêm", "Preview the nightly overdue report"),
    "tui.cmd.export.help": ("Ghi ra tệp, không rời ứng dụng", "Written to a file without leaving the app"),
    "tui.cmd.preview.help": ("Đọc trước thư báo cáo mà lệnh chạy hằng đêm gửi đi",
                             "Read the report the nightly job mails, before it goes"),
    "tui.preview.title": ("Báo cáo quá hạn hằng đêm (như thư gửi đi) — Esc: đóng",
                          "The nightly overdue report (as mailed) — Esc: close"),
    "tui.today.welcome": (
        "Kho dữ liệu còn trống. Bắt đầu bằng một trong các cách:\n"
        "  i  nhập tệp đơn vị, văn bản, nhiệm vụ (Ctrl+O chọn cả ba tệp)\n"
        "  3  sang Văn bản, N ghi văn bản chỉ đạo, rồi n giao nhiệm vụ\n"
        "  q  thoát rồi chạy  tracker demo  để xem thử một văn phòng mẫu",
        "The store is empty. Start in one of these ways:\n"
        "  i  import units, directives and tasks (Ctrl+O picks all three)\n"
        "  3  go to Directives, N to record a directive, then n to assign tasks\n"
        "  q  quit and run  tracker demo  to look around a sample office"),
    "tui.key.copy_rows": ("Chép các dòng", "Copy the rows"),
    "tui.copied_rows": ("Đã chép {n} nhiệm vụ (dán vào Excel hoặc văn bản). Thoát: q",
                        "{n:# task|# tasks} copied (paste into Excel or a document). Quit: q"),
}
