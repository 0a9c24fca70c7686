"""Catalogue part: reports (the overdue report, the period summary, reminders, papers)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- overdue report
    "report.overdue.title": ("BÁO CÁO NHIỆM VỤ QUÁ HẠN", "OVERDUE TASKS"),
    "report.as_of": ("Tính đến ngày {date}", "As of {date}"),
    "report.overdue.total": (
        "Tổng cộng: {count} nhiệm vụ quá hạn tại {units} đơn vị; "
        "{soon} nhiệm vụ đến hạn trong {days} ngày tới.",
        "Total: {count:# overdue task|# overdue tasks} in {units:# unit|# units}; "
        "{soon:# task falls|# tasks fall} due in the next {days:# day|# days}."),
    "report.overdue.none": (
        "Không có nhiệm vụ quá hạn; {soon} nhiệm vụ đến hạn trong {days} ngày tới.",
        "Nothing is overdue; {soon:# task falls|# tasks fall} due in the next {days:# day|# days}."),
    # (--min-days N: the report lists only tasks N days or more overdue, and says so)
    "report.overdue.total_min_days": (
        "Tổng cộng: {count} nhiệm vụ quá hạn từ {min_days} ngày trở lên tại {units} đơn vị; "
        "{soon} nhiệm vụ đến hạn trong {days} ngày tới.",
        "Total: {count:# task|# tasks} overdue by {min_days} days or more in {units:# unit|# units}; "
        "{soon:# task falls|# tasks fall} due in the next {days:# day|# days}."),
    "report.overdue.none_min_days": (
        "Không có nhiệm vụ quá hạn từ {min_days} ngày trở lên; {soon} nhiệm vụ đến hạn trong "
        "{days} ngày tới.",
        "Nothing is overdue by {min_days} days or more; {soon:# task falls|# tasks fall} due in "
        "the next {days:# day|# days}."),
    "report.overdue.group": (
        "{unit}: {count} nhiệm vụ quá hạn, lâu nhất {days} ngày",
        "{unit}: {count} overdue, longest {days:# day|# days}"),
    "report.overdue.more": ("... và {count} nhiệm vụ quá hạn khác",
                            "... and {count:# more overdue task|# more overdue tasks}"),
    "report.due_soon.title": ("SẮP ĐẾN HẠN (trong {days} ngày tới)",
                              "DUE SOON (next {days:# day|# days})"),
    "report.due_soon.none": ("Không có nhiệm vụ đến hạn trong {days} ngày tới.",
                             "Nothing falls due in the next {days:# day|# days}."),
    "report.due_soon.more": ("... và {count} nhiệm vụ khác", "... and {count} more"),
    "report.due_today": ("hôm nay", "today"),
    # ---- filters shown under a title
    "report.filter.unit": ("Đơn vị", "Unit"),
    "report.filter.leader": ("Lãnh đạo", "Leader"),
    "report.filter.issuer": ("Cơ quan ban hành", "Issuer"),
    "report.filter.directive": ("Văn bản", "Directive"),
    "report.filter.min_days": ("Quá hạn từ (ngày)", "Overdue at least (days)"),
    # ---- columns ("\n" splits a header over two lines; one line where that is better)
    "report.col.no": ("TT", "No."),
    "report.col.id": ("Mã", "ID"),
    "report.col.unit": ("Đơn vị chủ trì", "Lead unit"),
    "report.col.directive": ("Văn bản", "Directive"),
    "report.col.content": ("Nội dung nhiệm vụ", "Task"),
    "report.col.deadline": ("Thời hạn", "Deadline"),
    "report.col.deadline_text": ("Hạn ghi\ntrong văn bản", "Deadline\nas written"),
    "report.col.days_overdue": ("Quá\n(ngày)", "Days\nlate"),
    "report.col.days_left": ("Còn\n(ngày)", "Days\nleft"),
    "report.col.extensions": ("Gia\nhạn", "Ext."),
    "report.col.leader": ("Lãnh đạo\nphụ trách", "Leader\nin charge"),
    "report.col.assigned": ("Tổng\nsố", "Total"),
    "report.col.done_on_time": ("HT\nđúng hạn", "Done\non time"),
    "report.col.done_late": ("HT\nquá hạn", "Done\nlate"),
    "report.col.open_on_time": ("Chưa HT\ntrong hạn", "Open\non time"),
    "report.col.open_overdue": ("Chưa HT\nquá hạn", "Open\noverdue"),
    "report.col.no_deadline": ("Thường\nxuyên", "Ongoing"),
    "report.col.cancelled": ("Đã\nhủy", "Can-\ncelled"),
    "report.col.completion": ("Tỷ lệ\nHT", "Compl.\nrate"),
    "report.col.late_share": ("Tỷ lệ\nHT trễ", "Late\nshare"),
    "report.by.unit": ("Đơn vị chủ trì", "Lead unit"),
    "report.by.issuer": ("Cơ quan ban hành", "Issuer"),
    "report.by.directive": ("Văn bản chỉ đạo", "Directive"),
    "report.by.leader": ("Lãnh đạo phụ trách", "Leader in charge"),
    "report.by.group": ("Nhóm công việc", "Work group"),
    "report.by.month": ("Tháng", "Month"),
    "report.total_row": ("Tổng cộng", "Total"),
    "report.none_value": ("(chưa xác định)", "(none)"),
    # ---- summary
    "report.summary.title": ("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "PROGRESS ON ASSIGNED TASKS"),
    "report.summary.period": ("Kỳ báo cáo: {period}", "Period: {period}"),
    "report.summary.period_range": ("từ ngày {start} đến ngày {end}", "{start} to {end}"),
    "report.summary.period_from": ("từ ngày {start}", "from {start}"),
    "report.summary.period_to": ("đến ngày {end}", "up to {end}"),
    "report.summary.period_all": ("toàn bộ", "all time"),
    # a whole period's name (the Vietnamese as domain.recurrence.Period.words and
    # domain.periods.period_name write it: tests/reports/test_period_words.py holds them equal)
    "report.period.month": ("tháng {month}/{year}", "{month} {year}"),
    "report.period.month_names": ("01|02|03|04|05|06|07|08|09|10|11|12",
                                  "January|February|March|April|May|June|July|August|September"
                                  "|October|November|December"),
    "report.period.quarter": ("Quý {quarter}/{year}", "Q{quarter} {year}"),
    "report.period.quarter_names": ("I|II|III|IV", "1|2|3|4"),
    "report.period.half_first": ("6 tháng đầu năm {year}", "first half of {year}"),
    "report.period.half_second": ("6 tháng cuối năm {year}", "second half of {year}"),
    "report.period.year": ("năm {year}", "{year}"),
    "report.period.first_months": ("{months} tháng đầu năm {year}", "first {months} months of {year}"),
    "report.period.last_months": ("{months} tháng cuối năm {year}", "last {months} months of {year}"),
    "report.summary.assigned": ("Tổng số {count} nhiệm vụ được giao",
                                "{count:# task|# tasks} assigned"),
    "report.summary.done": ("đã hoàn thành {done} (đúng hạn: {on_time}, quá hạn: {late})",
                            "{done} done ({on_time} on time, {late} late)"),
    "report.summary.open": ("chưa hoàn thành {open} (trong hạn: {on_time}, quá hạn: {overdue})",
                            "{open} open ({on_time} on time, {overdue} overdue)"),
    "report.summary.no_deadline": ("thường xuyên, không thời hạn: {count}",
                                   "{count} ongoing (no deadline)"),
    "report.summary.cancelled": ("đã hủy: {count}", "{count} cancelled"),
    "report.summary.rates": (
        "Tỷ lệ hoàn thành {completion}; tỷ lệ hoàn thành quá hạn {late}.",
        "Completion rate {completion}; late share {late}."),
    "report.summary.legend": (
        "HT: hoàn thành. Tỷ lệ HT = đã hoàn thành / (đã hoàn thành + chưa hoàn thành quá "
        "hạn); tỷ lệ HT trễ = hoàn thành quá hạn / đã hoàn thành. Nhiệm vụ thường xuyên "
        "và đã hủy không tính vào tỷ lệ.",
        "Completion rate = done / (done + open overdue); late share = done late / done. "
        "Ongoing and cancelled tasks are left out of both rates."),
    "report.summary.empty": ("Không có nhiệm vụ trong kỳ.", "No tasks in the period."),
    # ---- reminders
    "report.reminder.title": ("DANH SÁCH NHIỆM VỤ CẦN ĐÔN ĐỐC", "TASKS TO FOLLOW UP"),
    "report.reminder.to": ("Kính gửi: {unit}", "To: {unit}"),
    "report.reminder.intro": (
        "Tính đến ngày {date}, đơn vị có {overdue} nhiệm vụ quá hạn và {soon} nhiệm vụ "
        "đến hạn trong {days} ngày tới. Đề nghị đơn vị khẩn trương thực hiện và báo cáo "
        "kết quả.",
        "As of {date}, your unit has {overdue:# overdue task|# overdue tasks} and "
        "{soon:# task|# tasks} falling due in the next {days:# day|# days}. Please complete them "
        "and report the results."),
    "report.reminder.overdue": ("NHIỆM VỤ QUÁ HẠN", "OVERDUE"),
    "report.reminder.subject": ("Đôn đốc thực hiện nhiệm vụ quá hạn, sắp đến hạn của {unit}",
                                "Follow-up of overdue and due tasks: {unit}"),
    "report.reminder.line": ("{unit}: {overdue} quá hạn, {soon} sắp đến hạn -> {path}",
                             "{unit}: {overdue} overdue, {soon} due soon -> {path}"),
    # ---- the paper (Decree 30/2020/NĐ-CP layout)
    "report.paper.motto_state": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 "SOCIALIST REPUBLIC OF VIETNAM"),
    "report.paper.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.paper.number": ("Số: {number}/{symbol}", "No.: {number}/{symbol}"),
    "report.paper.place_date": ("{place}, ngày {day} tháng {month} năm {year}",
                                "{place}, {day}/{month}/{year}"),
    "report.paper.kind": ("BÁO CÁO", "REPORT"),
    "report.paper.subject": ("Tình hình thực hiện nhiệm vụ {period}",
                             "Progress on assigned tasks, {period}"),
    "report.paper.subject_backlog": ("Kết quả rà soát công việc tồn đọng {period}",
                                     "Backlog review, {period}"),
    "report.paper.subject_overdue": ("Các nhiệm vụ quá hạn, tính đến ngày {date}",
                                     "Overdue tasks as of {date}"),
    "report.paper.intro_overdue": (
        "Ủy ban nhân dân thành phố thông báo các nhiệm vụ được giao đã quá hạn mà chưa hoàn "
        "thành, tính đến ngày {date}, như sau:",
        "The People's Committee lists the assigned tasks past their deadline and not yet "
        "done, as of {date}:"),
    "report.paper.issuer": ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÔNG HÀ",
                            "PEOPLE'S COMMITTEE\nOF DONG HA CITY"),
    "report.paper.place": ("Đông Hà", "Dong Ha"),
    "report.paper.intro": (
        "Ủy ban nhân dân thành phố báo cáo tình hình thực hiện các nhiệm vụ được giao "
        "{period}, số liệu tính đến ngày {date}, như sau:",
        "The People's Committee reports on the tasks assigned {period}, as of {date}:"),
    "report.paper.section_summary": ("TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "PROGRESS ON ASSIGNED TASKS"),
    "report.paper.section_overdue": ("CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH",
                                     "OVERDUE TASKS NOT YET DONE"),
    "report.paper.section_due_soon": ("CÁC NHIỆM VỤ SẮP ĐẾN HẠN (trong {days} ngày tới)",
                                      "TASKS FALLING DUE (next {days:# day|# days})"),
    "report.paper.table_summary": ("Bảng 1. Kết quả thực hiện nhiệm vụ theo {by}",
                                   "Table 1. Results by {by}"),
    "report.paper.overdue_intro": (
        "Tính đến ngày {date}, còn {count} nhiệm vụ quá hạn chưa hoàn thành tại {units} đơn vị:",
        "As of {date}, {count:# overdue task remains|# overdue tasks remain} open in {units:# unit|# units}:"),
    "report.paper.overdue_intro_period": (
        "Tính đến ngày {date}, còn {count} nhiệm vụ quá hạn chưa hoàn thành tại {units} đơn vị (mọi nhiệm vụ "
        "đang theo dõi, không riêng các nhiệm vụ giao trong kỳ báo cáo):",
        "As of {date}, {count:# overdue task remains|# overdue tasks remain} open in {units:# unit|# units} "
        "(every task followed, not only those assigned in the period):"),
    "report.paper.overdue_none_min_days": (
        "Tính đến ngày {date}, không có nhiệm vụ quá hạn từ {min_days} ngày trở lên.",
        "As of {date}, nothing is overdue by {min_days} days or more."),
    "report.paper.overdue_none": ("Tính đến ngày {date}, không có nhiệm vụ quá hạn.",
                                  "As of {date}, nothing is overdue."),
    "report.paper.closing": (
        "Đề nghị các cơ quan, đơn vị có nhiệm vụ quá hạn khẩn trương thực hiện, báo cáo kết "
        "quả về Ủy ban nhân dân thành phố (qua Văn phòng HĐND và UBND thành phố) để tổng "
        "hợp, theo dõi./.",
        "Units with overdue tasks are asked to complete them without delay and report the "
        "results to the People's Committee (through its Office)./."),
    "report.paper.recipients": ("Nơi nhận:", "Recipients:"),
    "report.paper.recipients_default": (
        "TT. Thành ủy;\nTT. HĐND thành phố;\nChủ tịch, các PCT UBND thành phố;\n"
        "Các phòng, ban, ngành;\nCVP, PCVP;\nLưu: VT.",
        "Standing Committee of the City Party Committee;\nStanding Committee of the City "
        "People's Council;\nChairman and Vice Chairmen;\nDepartments and units;\n"
        "Office heads;\nArchive."),
    "report.paper.archive": ("Lưu: VT.", "Archive."),
    "report.paper.sign_authority": ("TM. ỦY BAN NHÂN DÂN", "ON BEHALF OF THE PEOPLE'S COMMITTEE"),
    "report.paper.sign_title": ("CHỦ TỊCH", "CHAIRMAN"),
    # a vice-chairman signs for the chairman (Decree 30: "KT." before the chairman's title)
    "report.paper.sign_for_chair": ("KT. CHỦ TỊCH", "FOR THE CHAIRMAN"),
    "report.paper.sign_title_vice": ("PHÓ CHỦ TỊCH", "VICE CHAIRMAN"),
    # ---- terminal niceties
    "report.bar.legend": ("█ đúng hạn  █ hoàn thành trễ  █ đang làm  █ quá hạn",
                          "█ done on time  █ done late  █ open  █ overdue"),
    # ---- errors
    "report.error.bad_number": ("Số ngày và số dòng phải là số dương",
                                "Days and row counts must be positive numbers"),
    "report.error.bad_by": ("Không có cách tổng hợp «{value}»; chọn một trong: {keys}",
                            "No breakdown “{value}”; choose one of: {keys}"),
    "report.error.bad_basis": ("Không có căn cứ «{value}»; chọn một trong: {keys}",
                               "No basis “{value}”; choose one of: {keys}"),
    "report.error.ongoing_period": ("không phải một kỳ có ngày cụ thể",
                                    "not a period with dates"),
    "report.error.suffix_not_written": (
        "Báo cáo này không ghi được thành tệp “{file}” (đuôi {suffix}): đặt đuôi là một trong {known}.",
        "This report cannot be written as “{file}” (ending {suffix}): end its name in one of {known}."),
    "report.error.period_and_range": (
        "--period đã là cả kỳ báo cáo (từ ngày đầu đến ngày cuối): bỏ {option}, hoặc bỏ --period "
        "và dùng --from/--to.",
        "--period is the whole reporting period (its first day to its last): drop {option}, or drop "
        "--period and use --from/--to."),
    "report.error.from_after_to": ("Ngày bắt đầu {start} sau ngày kết thúc {end}",
                                   "The start {start} is after the end {end}"),
    "report.error.needs_output": (
        "Định dạng {fmt} là tệp nhị phân: dùng --output TỆP hoặc chuyển hướng đầu ra",
        "The {fmt} format is a binary file: use --output FILE or redirect the output"),
    "report.msg.written": ("Đã ghi {path}", "Wrote {path}"),
    "report.msg.reminders_done": ("{count} đơn vị có nhiệm vụ cần đôn đốc; tệp trong {outdir}",
                                  "{count:# unit has|# units have} tasks to chase; files in {outdir}"),
    # ---- command help
    "report.help.overdue": (
        "Nhiệm vụ quá hạn theo đơn vị chủ trì và nhiệm vụ sắp đến hạn (việc chạy hằng đêm)",
        "Overdue tasks by lead unit and tasks falling due soon (the nightly job)"),
    "report.help.summary": (
        "Tổng hợp tình hình thực hiện nhiệm vụ trong một kỳ (đúng hạn, quá hạn, tỷ lệ)",
        "The period review: done on time, late, open, overdue, rates"),
    "report.help.reminders": (
        "Mỗi đơn vị một tệp danh sách nhiệm vụ quá hạn và sắp đến hạn, để gửi đôn đốc",
        "One file per unit with its overdue and due-soon tasks, ready to send"),
    "report.help.opt.unit": ("Chỉ đơn vị chủ trì này (lặp lại được)", "Only this lead unit (repeatable)"),
    "report.help.opt.leader": ("Chỉ nhiệm vụ của lãnh đạo phụ trách này (một phần tên)",
                               "Only tasks of this leader in charge (part of the name)"),
    "report.help.opt.issuer": ("Chỉ văn bản của cơ quan ban hành này (một phần tên)",
                               "Only directives of this issuer (part of the name)"),
    "report.help.opt.directive": ("Chỉ nhiệm vụ của văn bản này (số, số@ngày hoặc mã; lặp lại được)",
                                  "Only tasks of this directive (number, number@date or id; repeatable)"),
    "report.help.opt.min_days": ("Chỉ nhiệm vụ quá hạn từ N ngày trở lên",
                                 "Only tasks overdue by N days or more"),
    "report.help.opt.within": ("Mục sắp đến hạn: trong N ngày tới", "Due-soon section: the next N days"),
    "report.metavar.period": ("KỲ", "PERIOD"),
    "report.help.opt.limit": ("Liệt kê tối đa N nhiệm vụ mỗi đơn vị (số đếm vẫn đủ)",
                              "List at most N tasks per unit (counts stay whole)"),
    "report.help.opt.format": ("Định dạng: text (bảng màu trên terminal, chữ thường khi không), "
                               "csv, json, jsonl, markdown, xlsx, docx; mặc định: theo đuôi tệp -o "
                               "(.csv, .md, .xlsx…), không thì text",
                               "Format: text (colour on a terminal, plain otherwise), csv, json, "
                               "jsonl, markdown, xlsx, docx; default: the -o file's extension "
                               "(.csv, .md, .xlsx…), else text"),
    "report.help.opt.week_format": ("Định dạng: text hoặc markdown; mặc định: theo đuôi tệp -o (.md), "
                                    "không thì text",
                                    "Format: text or markdown; default: the -o file's extension (.md), "
                                    "else text"),
    "report.help.opt.plain": ("Chữ thường cố định độ rộng, không màu (như khi gửi thư)",
                              "Plain fixed-width text without colour (as mailed)"),
    "report.help.opt.week_plain": ("Chữ thường, không màu — bản giao ban luôn là chữ thường; nhận tùy chọn này "
                                   "để dòng lệnh cron dùng chung với các báo cáo khác",
                                   "Plain text without colour — the week's report always is; taken so a cron "
                                   "line may pass the other reports' options"),
    "report.help.opt.width": ("Độ rộng dòng của chữ thường (mặc định 100). Câu chữ "
                              "xuống dòng theo N; bảng không hẹp hơn mức các cột của nó cần "
                              "(bảng tổng hợp, danh sách quá hạn: khoảng 65-80): N nhỏ hơn thì "
                              "bảng rộng đúng mức ấy",
                              "Line width of plain text (default 100). Sentences "
                              "wrap at N; a table is never narrower than its columns need (the "
                              "summary, the overdue list: about 65-80): below that it takes "
                              "just that width"),
    "report.help.opt.output": ("Ghi vào tệp này thay cho đầu ra chuẩn",
                               "Write to this file instead of standard output"),
    "report.help.opt.fail_on_overdue": ("Thoát với mã 3 khi có nhiệm vụ quá hạn",
                                        "Exit with status 3 when anything is overdue"),
    "report.help.opt.quiet_if_none": ("Không in gì khi không có nhiệm vụ quá hạn",
                                      "Print nothing when nothing is overdue"),
    "report.help.opt.from": ("Từ ngày, hoặc đầu kỳ: 01/01/2021, Quý I/2021, năm 2020",
                             "From this day, or the start of a period: 01/01/2021, Quý I/2021"),
    "report.help.opt.to": ("Đến ngày, hoặc cuối kỳ: 31/03/2021, Quý I/2021, năm 2020",
                           "Up to this day, or the end of a period: 31/03/2021, Quý I/2021"),
    "report.help.opt.period": ("Cả một kỳ: Quý I/2021, tháng 3/2021, 6 tháng đầu năm 2021, năm 2020; "
                               "hoặc tính từ hôm nay: tháng trước, quý này, năm ngoái, tuần trước",
                               "A whole period: Quý I/2021, tháng 3/2021, 6 tháng đầu năm 2021; "
                               "or from today: tháng trước (last month), quý này (this quarter)"),
    "report.help.opt.by": ("Tổng hợp theo (không cần dấu): đơn vị, cơ quan ban hành, văn bản, lãnh đạo, "
                           "nhóm, tháng — hoặc unit, issuer, directive, leader, group, month",
                           "Break down by: unit, issuer, directive, leader, group, month"),
    "report.metavar.by": ("THEO", "BY"),
    "report.metavar.basis": ("CĂN_CỨ", "BASIS"),
    "report.help.opt.basis": ("Nhiệm vụ thuộc kỳ theo: ngày giao — assigned (ngày văn bản giao; việc "
                              "định kỳ: ngày đầu kỳ của nó) — hoặc thời hạn — deadline",
                              "A task belongs to the period by: assigned (the directive's date; "
                              "a recurring duty's period: its first day) or deadline"),
    "report.help.opt.no_bars": ("Không vẽ thanh biểu đồ trên terminal", "No bars on a terminal"),
    "report.help.opt.number": ("Số văn bản trên giấy (để trống để ghi tay)",
                               "The paper's number (blank: written by hand)"),
    "report.help.opt.signer": ("Người ký trên giấy", "Who signs the paper"),
    "report.help.opt.outdir": ("Thư mục ghi các tệp nhắc việc", "Folder for the reminder files"),
    "report.help.opt.docx": ("Ghi thêm bản .docx cho mỗi đơn vị", "Also write a .docx per unit"),
}
