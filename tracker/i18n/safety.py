"""Catalogue part (branch `safety`, issue 15): the store under mistakes — missing, locked,
read-only, damaged — its check, backups and restore, and the audit of changes."""

MESSAGES: dict[str, tuple[str, str]] = {
    # -- opening the store ---------------------------------------------------------------
    "store.missing": (
        "Không có kho dữ liệu ở {path}. Kiểm tra lại đường dẫn (--db / TRACKER_DB), "
        "hoặc tạo kho mới: tracker --db {db} init",
        "There is no store at {path}. Check the path (--db / TRACKER_DB), "
        "or create one: tracker --db {db} init"),
    "store.missing_default": (
        "Chưa có kho dữ liệu ({path}). Tạo kho mới: tracker init — hoặc xem thử văn phòng mẫu: "
        "tracker demo. Kho ở nơi khác: --db / TRACKER_DB.",
        "There is no store yet ({path}). Create one: tracker init — or try the sample office: "
        "tracker demo. A store elsewhere: --db / TRACKER_DB."),
    "store.empty": (
        "{path} không chứa kho dữ liệu của tracker. Kiểm tra lại đường dẫn, "
        "hoặc tạo kho ở đó: tracker --db {db} init",
        "{path} holds no tracker store. Check the path, "
        "or create one there: tracker --db {db} init"),
    # (where a password goes in a store's URL a command shows: the person fills it in)
    "store.password_word": ("MẬT_KHẨU", "PASSWORD"),
    "store.folder": (
        "{path} là một thư mục, không phải tệp kho dữ liệu. Kiểm tra lại đường dẫn "
        "(--db / TRACKER_DB): hãy chỉ tới tệp kho, ví dụ {path}/tracker.db",
        "{path} is a folder, not a store file. Check the path (--db / TRACKER_DB): "
        "name the store's file, e.g. {path}/tracker.db"),
    "store.foreign": (
        "{path} là cơ sở dữ liệu SQLite của chương trình khác (có bảng {tables}), không phải "
        "kho tracker: không đọc và không ghi gì vào đó. Kiểm tra lại đường dẫn (--db / "
        "TRACKER_DB), hoặc tạo kho ở tệp mới: tracker --db TỆP_MỚI init",
        "{path} is another program's SQLite database (tables {tables}), not a tracker store: "
        "nothing is read from it or written to it. Check the path (--db / TRACKER_DB), or "
        "create a store in a new file: tracker --db NEW_FILE init"),
    "store.not_sqlite": (
        "{path} không phải kho dữ liệu của tracker: tệp không phải cơ sở dữ liệu SQLite. Kiểm tra "
        "lại đường dẫn (--db / TRACKER_DB). Nếu đúng là tệp kho mà phần đầu đã bị hỏng: tracker db check",
        "{path} is not a tracker store: the file is not a SQLite database. Check the path (--db / "
        "TRACKER_DB). If it is the store and its beginning was damaged: tracker db check"),
    "store.cannot_create": ("Không tạo được kho dữ liệu {path}: {error}",
                            "Cannot create the store {path}: {error}"),
    "store.locked": (
        "Một chương trình khác đang ghi vào kho dữ liệu {path}; đã chờ mà chưa xong. "
        "Chưa có gì bị mất hay thay đổi: hãy thử lại sau ít phút.",
        "Another program is writing to the store {path}; waited, but it is not done. "
        "Nothing was lost or changed: try again in a moment."),
    "store.read_only": (
        "Kho dữ liệu {path} chỉ cho phép đọc (quyền của tệp hoặc thư mục): không ghi được, "
        "chưa có gì thay đổi.",
        "The store {path} is read-only (file or folder permissions): nothing can be written, "
        "nothing was changed."),
    "store.read_only_behind": (
        "Kho dữ liệu {path} chỉ cho phép đọc và đang ở bản {revision}, cần {head}: "
        "người có quyền ghi hãy chạy tracker db migrate.",
        "The store {path} is read-only and at schema {revision}, not {head}: "
        "someone who may write it should run tracker db migrate."),
    "db.backup_damaged": (
        "Kho dữ liệu {path} bị hỏng: không sao lưu (bản sao sẽ hỏng như kho), các bản sao lưu cũ "
        "được giữ nguyên. Xem chi tiết và cách khôi phục: tracker db check",
        "The store {path} is damaged: not backed up (the copy would be as damaged); the older "
        "backups are kept. See what is wrong and how to restore: tracker db check"),
    "store.damaged": (
        "Kho dữ liệu {path} bị hỏng (không đọc được như một cơ sở dữ liệu). "
        "Xem chi tiết và cách khôi phục: tracker db check",
        "The store {path} is damaged (it cannot be read as a database). "
        "For what is wrong and how to restore it: tracker db check"),
    "store.write_failed": (
        "Không ghi được vào kho dữ liệu {path}: ổ đĩa từ chối ghi (đầy, giới hạn kích thước tệp hoặc "
        "ổ lỗi). Chưa có gì được ghi.",
        "Could not write to the store {path}: the disk refused the write (full, a file-size limit "
        "or a failing disk). Nothing was written."),
    "store.disk_full": ("Ổ đĩa chứa kho dữ liệu {path} đã đầy: chưa có gì được ghi.",
                        "The disk holding the store {path} is full: nothing was written."),
    "store.unreachable": ("Không kết nối được tới kho dữ liệu {url}: {error}",
                          "Cannot reach the store {url}: {error}"),
    "store.failed": ("Kho dữ liệu {path} báo lỗi: {error}. Chưa có gì thay đổi.",
                     "The store {path} reported an error: {error}. Nothing was changed."),
    "store.reason.no_folder": ("thư mục {folder} không tồn tại", "the folder {folder} does not exist"),
    "store.reason.folder_closed": ("không có quyền vào thư mục {folder}",
                                   "no permission to enter the folder {folder}"),
    "store.reason.file_closed": ("không có quyền đọc tệp", "no permission to read the file"),
    "store.reason.login": ("sai tên đăng nhập hoặc mật khẩu", "wrong user name or password"),
    "store.reason.no_password": (
        "máy chủ cần mật khẩu mà URL không có (ghi vào URL: postgresql://TÊN:MẬT_KHẨU@MÁY/KHO, "
        "hoặc đặt PGPASSWORD hay ~/.pgpass)",
        "the server asks for a password and the URL has none (put it in the URL: "
        "postgresql://NAME:PASSWORD@HOST/DB, or set PGPASSWORD or ~/.pgpass)"),
    "store.reason.no_database": ("máy chủ không có cơ sở dữ liệu này", "the server has no such database"),
    "store.reason.no_host": ("không tìm thấy máy chủ có tên này (tên máy trong URL có đúng không?)",
                             "no server has this name (is the host in the URL right?)"),
    "store.reason.ssl": ("máy chủ trả lời nhưng không thỏa điều kiện mã hóa (SSL) mà URL đòi (sslmode=…): "
                         "máy chủ chưa bật SSL, hoặc chứng chỉ không khớp — hỏi người quản trị, hoặc sửa sslmode",
                         "the server answered but not with the encryption (SSL) the URL requires (sslmode=…): "
                         "SSL is off on the server, or its certificate does not match — ask the administrator, or change sslmode"),
    "store.reason.bad_port": ("cổng trong URL không phải một cổng (từ 1 đến 65535; PostgreSQL thường dùng 5432)",
                              "the port in the URL is not a port (1 to 65535; PostgreSQL usually listens on 5432)"),
    "store.reason.no_server": ("máy chủ không trả lời (PostgreSQL đã chạy chưa? địa chỉ, cổng có đúng không?)",
                               "the server does not answer (is PostgreSQL running? are host and port right?)"),
    "store.reason.unknown": ("không mở được tệp", "the file cannot be opened"),
    "tui.form.retry_locked": ("Biểu mẫu vẫn giữ nguyên những gì đã nhập: nhấn Ctrl+S để thử lại.",
                              "The form keeps what you typed: press Ctrl+S to try again."),
    "import.help.create": ("Tạo kho dữ liệu mới nếu chưa có (lần nhập đầu tiên)",
                           "Create the store if there is none yet (a first import)"),
    # -- db check ------------------------------------------------------------------------
    "check.sqlite": ("SQLite: {detail}", "SQLite: {detail}"),
    "check.foreign_key": ("Bảng {table}, dòng {rowid}: trỏ tới {parent} không còn tồn tại",
                          "Table {table}, row {rowid}: points to a missing {parent}"),
    "check.done_without_date": ("{count} nhiệm vụ đã hoàn thành mà không có ngày hoàn thành",
                                "{count} done task(s) without a done date"),
    "check.unknown_status": ("{count} nhiệm vụ có trạng thái lạ", "{count} task(s) with an unknown status"),
    "check.revision": ("Cấu trúc kho ở bản {revision}, bản hiện hành là {head} (tracker db migrate)",
                       "The schema is at {revision}, the current one is {head} (tracker db migrate)"),
    "check.not_a_database": ("Tệp không phải cơ sở dữ liệu SQLite, hoặc phần đầu tệp đã bị hỏng.",
                             "The file is not a SQLite database, or its header is damaged."),
    "check.malformed": ("Các trang dữ liệu trong tệp bị hỏng: SQLite không đọc được chúng.",
                        "The file's pages are damaged: SQLite cannot read them."),
    "check.truncated": ("Tệp bị cắt cụt: dài {size} byte, phần đầu tệp ghi {expected} byte.",
                        "The file is cut short: {size} bytes where its header says {expected}."),
    "check.empty_file": ("Tệp rỗng: không chứa dữ liệu nào.", "The file is empty: it holds no data."),
    "check.no_store": ("Tệp là cơ sở dữ liệu SQLite nhưng không chứa kho của tracker.",
                       "The file is a SQLite database but holds no tracker store."),
    "check.damaged_head": ("Kho dữ liệu {path} bị hỏng:", "The store {path} is damaged:"),
    "check.problems_head": ("Kho dữ liệu {path} có {count} vấn đề:", "The store {path} has {count} problem(s):"),
    "check.more": ("… và {count} vấn đề khác", "… and {count} more"),
    "check.restore_from": (
        "Khôi phục từ bản sao lưu mới nhất: tracker --db {path} db restore {backup}",
        "Restore from the newest backup: tracker --db {path} db restore {backup}"),
    "check.other_backups": ("Các bản sao lưu khác ({count}) ở {folder}",
                            "Other backups ({count}) are in {folder}"),
    "check.no_backup": (
        "Không thấy bản sao lưu nào ở {folder}. Nếu có bản sao ở nơi khác: "
        "tracker --db {path} db restore TỆP. Đừng ghi thêm vào kho này; sao chép tệp sang "
        "nơi khác trước khi thử sửa (sqlite3 {path} \".recover\").",
        "No backup found in {folder}. With a copy elsewhere: tracker --db {path} db restore FILE. "
        "Write nothing more to this store; copy the file somewhere before trying a repair "
        "(sqlite3 {path} \".recover\")."),
    "check.pg_hint": ("Với PostgreSQL: khôi phục bằng pg_restore từ bản pg_dump gần nhất.",
                      "On PostgreSQL: restore with pg_restore from the latest pg_dump."),
    # -- db backup / restore -------------------------------------------------------------
    "help.db.restore": (
        "Thay kho dữ liệu bằng một bản sao lưu (giữ lại tệp cũ bên cạnh)\n\n"
        "TỆP: tệp sao lưu để khôi phục, vd. backups/tracker-20261206-234500.db (tracker db "
        "backup ghi vào thư mục backups/ bên cạnh kho).",
        "Replace the store with a backup (the replaced file is kept aside)\n\n"
        "FILE: the backup file to restore, e.g. backups/tracker-20261206-234500.db (tracker db "
        "backup writes into backups/ beside the store)."),
    "db.backup_exists": (
        "“{path}” đã có: không ghi đè (có thể là một kho khác, hay một tệp cần giữ). Ghi tên tệp khác, "
        "bỏ trống để ghi vào thư mục backups/ bên cạnh kho, hoặc thêm --overwrite nếu muốn thay tệp đó.",
        "“{path}” exists: not overwritten (it may be another store, or a file to keep). Give another name, "
        "leave it out to write into the backups/ folder beside the store, or add --overwrite to replace it."),
    "db.help.overwrite": ("Ghi đè TỆP nếu đã có (vd. cron sao lưu vào cùng một tên mỗi đêm)",
                          "Replace FILE if it exists (e.g. a nightly cron writing to one name)"),
    "db.backup_is_folder": (
        "“{path}” là một thư mục: hãy ghi tên tệp sao lưu (vd. {path}/tracker-sao-luu.db), "
        "hoặc bỏ trống để ghi vào thư mục backups/ bên cạnh kho.",
        "“{path}” is a folder: give the backup file's name (e.g. {path}/tracker-backup.db), "
        "or nothing to write it into backups/ beside the store."),
    "db.restore_is_folder": (
        "“{path}” là một thư mục: hãy ghi tên tệp sao lưu cần khôi phục (vd. "
        "{path}/tracker-20261206-234500.db).",
        "“{path}” is a folder: give the name of the backup file to restore (e.g. "
        "{path}/tracker-20261206-234500.db)."),
    "db.help.keep": ("Chỉ giữ N bản sao lưu mới nhất trong thư mục sao lưu",
                     "Keep only the newest N backups in the backups folder"),
    "db.help.quiet": ("Không in gì khi thành công (cho cron)", "Print nothing on success (for cron)"),
    "db.help.yes": ("Không hỏi lại", "Do not ask for confirmation"),
    "db.bad_keep": ("--keep phải từ 1 trở lên (nhận được {value}).", "--keep must be 1 or more (got {value})."),
    "db.rotated": ("Đã xoá {count} bản sao lưu cũ, giữ {keep} bản mới nhất.",
                   "Removed {count} old backup(s), kept the newest {keep}."),
    "db.restore_not_sqlite": ("Chỉ khôi phục được kho SQLite; với PostgreSQL dùng pg_restore.",
                              "Only a SQLite store can be restored this way; on PostgreSQL use pg_restore."),
    "db.restore_no_file": ("Không có tệp sao lưu {path}.", "There is no backup file {path}."),
    "db.restore_bad_backup": ("{path} không dùng để khôi phục được: {reason}",
                              "{path} cannot be restored from: {reason}"),
    "db.restore_newer": ("bản sao lưu ở cấu trúc {revision}, mới hơn bản phần mềm này biết ({head})",
                         "the backup is at schema {revision}, newer than this program knows ({head})"),
    "db.restore_file_foreign": ("đó là cơ sở dữ liệu SQLite của chương trình khác (có bảng {tables}), không phải bản sao lưu "
                          "của tracker (tracker db backup, thư mục backups/ bên cạnh kho)",
                          "it is another program's SQLite database (tables {tables}), not a tracker backup "
                          "(tracker db backup, the backups/ folder beside the store)"),
    "db.restore_file_not_sqlite": ("tệp không phải cơ sở dữ liệu SQLite (một bảng tính, một tệp nén?)",
                             "the file is not a SQLite database (a sheet, an archive?)"),
    "db.restore_file_no_store": ("tệp SQLite trống, không có kho nào trong đó", "the SQLite file is empty: no store in it"),
    "db.restore_onto_itself": ("Tệp sao lưu chính là kho dữ liệu.", "The backup is the store itself."),
    "db.restore_in_use": (
        "Một chương trình khác đang mở kho dữ liệu {path} (ứng dụng, lệnh đang chạy): "
        "đóng nó rồi thử lại. Chưa có gì thay đổi.",
        "Another program has the store {path} open (the app, a running command): "
        "close it and try again. Nothing was changed."),
    "db.restore_confirm": (
        "Thay kho dữ liệu {path} ({now}) bằng bản sao lưu {backup} ({then})? "
        "Tệp hiện tại sẽ được giữ lại ở {aside}.",
        "Replace the store {path} ({now}) with the backup {backup} ({then})? "
        "The current file will be kept as {aside}."),
    "db.restore_counts": ("{tasks} nhiệm vụ, thay đổi cuối {last}", "{tasks} tasks, last change {last}"),
    "db.restore_unreadable": ("không đọc được", "unreadable"),
    "db.restored": ("Đã khôi phục {path} từ {backup}. Tệp cũ được giữ ở {aside}.",
                    "Restored {path} from {backup}. The old file is kept as {aside}."),
    "db.restore_cancelled": ("Đã hủy: kho dữ liệu giữ nguyên.", "Cancelled: the store is unchanged."),
    "db.restore_needs_yes": ("Không có ai trả lời câu hỏi: để khôi phục từ một tập lệnh, thêm --yes.",
                             "No one answered the question: to restore from a script, add --yes."),
    "help.db.copy": (
        "Chép cả kho dữ liệu sang một kho mới (vd. từ tệp SQLite sang PostgreSQL dùng chung): "
        "giữ nguyên mã số, lịch sử, nhiệm vụ định kỳ",
        "Copy the whole store into a new one (e.g. a SQLite file into a shared PostgreSQL): "
        "ids, history and recurring duties kept"),
    "help.db.copy_short": ("Chép cả kho sang một kho mới (SQLite ↔ PostgreSQL)",
                           "Copy the whole store into a new one (SQLite ↔ PostgreSQL)"),
    "db.metavar.target": ("ĐÍCH", "TARGET"),
    "db.copied": (
        "Đã chép kho {source} sang {target}: {units} đơn vị, {directives} văn bản, {tasks} nhiệm vụ, "
        "{duties} nhiệm vụ định kỳ, {history} dòng nhật ký (giữ nguyên mã số). "
        "Dùng kho mới: tracker --db {db} … hoặc đặt TRACKER_DB.",
        "Copied the store {source} to {target}: {units} units, {directives} directives, {tasks} tasks, "
        "{duties} recurring duties, {history} history rows (ids kept). "
        "Use the new store: tracker --db {db} … or set TRACKER_DB."),
    "db.copy_onto_itself": ("Kho đích chính là kho đang dùng ({path}).",
                            "The target is the store itself ({path})."),
    "db.copy_target_not_empty": (
        "Kho đích {path} đã có dữ liệu: {held}. Chỉ chép được vào một kho mới hoặc trống, nên chưa "
        "ghi gì. Chép sang một tệp chưa có (vd. tracker db copy kho-moi.db) hoặc một cơ sở dữ liệu "
        "PostgreSQL trống.",
        "The target store {path} already holds data: {held}. A store is copied only into a new or "
        "empty one, so nothing was written. Copy to a file that does not exist yet (e.g. tracker db "
        "copy new-store.db) or to an empty PostgreSQL database."),
    "db.held.units": ("{count} đơn vị", "{count:# unit|# units}"),
    "db.held.directives": ("{count} văn bản", "{count:# directive|# directives}"),
    "db.held.tasks": ("{count} nhiệm vụ", "{count:# task|# tasks}"),
    "db.held.duties": ("{count} nhiệm vụ định kỳ", "{count:# recurring duty|# recurring duties}"),
    "db.held.days": ("{count} ngày nghỉ hoặc làm bù trong lịch", "{count:# calendar day|# calendar days} off or worked"),
    "db.held.views": ("{count} bộ lọc đã lưu", "{count:# saved view|# saved views}"),
    "db.held.history": ("{count} dòng nhật ký thay đổi", "{count:# history row|# history rows}"),
    "db.held.other": ("{count} dòng dữ liệu khác", "{count:# other row|# other rows}"),
    # -- audit ---------------------------------------------------------------------------
    "help.audit": ("Ai đã thay đổi gì, theo thứ tự thời gian (nhật ký thay đổi)",
                   "Who changed what, in order (the change log)"),
    "audit.help.since": ("Từ ngày (dd/mm/yyyy); mặc định: 7 ngày tính đến hôm nay (hoặc đến --until)",
                         "From this day (dd/mm/yyyy); by default the 7 days up to today (or to --until)"),
    "audit.help.until": ("Đến hết ngày (dd/mm/yyyy)", "Up to and including this day (dd/mm/yyyy)"),
    "audit.help.user": ("Chỉ những thay đổi của người này", "Only this person's changes"),
    "audit.col.at": ("Lúc", "At"),
    "audit.col.by": ("Người", "By"),
    "audit.col.record": ("Bản ghi", "Record"),
    "audit.col.action": ("Việc", "Action"),
    "audit.col.field": ("Trường", "Field"),
    "audit.col.old": ("Cũ", "Old"),
    "audit.col.new": ("Mới", "New"),
    "audit.none_plain": ("Không có thay đổi nào trong khoảng đã chọn.", "No changes in that time."),
    "audit.count": ("{count} thay đổi.", "{count} change(s)."),
    "audit.none_recent": ("Không có thay đổi nào trong {days} ngày, từ {since}; xem xa hơn: --since NGÀY.",
                          "No changes in the {days} days from {since}; further back: --since DATE."),
    "audit.count_recent": ("{count} thay đổi trong {days} ngày, từ {since}; xem xa hơn: --since NGÀY.",
                           "{count} change(s) in the {days} days from {since}; further back: --since DATE."),
    "audit.entity.task": ("nhiệm vụ", "task"),
    "audit.entity.directive": ("văn bản", "directive"),
    "audit.entity.unit": ("đơn vị", "unit"),
    "audit.entity.calendar": ("lịch", "calendar"),
    "audit.entity.name": ("sổ tên", "name register"),
    "audit.entity.recurrence": ("việc định kỳ", "recurring duty"),
    # -- unit names ----------------------------------------------------------------------
    "unit.name_taken": (
        "“{text}” đã là {what} của đơn vị {code} ({name}): mỗi mã, tên và tên gọi khác chỉ "
        "thuộc một đơn vị.",
        "“{text}” is already the {what} of unit {code} ({name}): each code, name and alias "
        "belongs to one unit only."),
    "unit.what.code": ("mã", "code"),
    "unit.what.name": ("tên", "name"),
    "unit.what.alias": ("tên gọi khác", "alias"),
    "import.unit_name_taken": (
        "{file}, dòng {row}, cột \"{column}\": \"{value}\" đã là {what} của đơn vị {owner}; "
        "mỗi mã, tên và tên gọi khác chỉ thuộc một đơn vị.",
        "{file}, row {row}, column \"{column}\": \"{value}\" is already the {what} of unit {owner}; "
        "each code, name and alias belongs to one unit only."),
    "import.blank": ("(trống)", "(blank)"),
    "import.task_changed": (
        "{file}, dòng {row}: nhiệm vụ #{task} — {what}.",
        "{file}, row {row}: task #{task} — {what}."),
    "import.more_changed": (
        "{file}: và {count} nhiệm vụ khác được cập nhật (xem tracker audit, tracker task history).",
        "{file}: and {count:# other task|# other tasks} updated (see tracker audit, tracker task history)."),
    "import.more_changing": (
        "{file}: và {count} nhiệm vụ khác sẽ được cập nhật.",
        "{file}: and {count:# other task|# other tasks} to be updated."),
    "import.lead_changed": (
        "{file}, dòng {row}: nhiệm vụ #{task} đổi đơn vị chủ trì {old} → {new}.",
        "{file}, row {row}: task #{task} changes its lead unit {old} → {new}."),
}
