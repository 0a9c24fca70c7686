"""Catalogue part: the office's rhythm (branch rhythm) — recurring duties, the backlog
review and the Monday briefing."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- recurring duties
    "recurrence.bad_date": ("ngày trong kỳ định kỳ không có thật",
                            "a date in the recurrence does not exist"),
    "recurrence.half_dates": ("định kỳ 6 tháng cần một hạn trong mỗi nửa năm (ví dụ 15/6 và 15/12)",
                              "a half-yearly duty needs one date in each half (e.g. 15/6 and 15/12)"),
    "recurrence.year_dates": ("định kỳ hằng năm chỉ có một hạn (ví dụ 31/12)",
                              "a yearly duty has one date (e.g. 31/12)"),
    "recurrence.not_recurring": ("\"{value}\" không phải là hạn định kỳ (hằng tháng, hằng quý, "
                                 "6 tháng, hằng năm)",
                                 "\"{value}\" is not a recurring deadline (monthly, quarterly, "
                                 "half-yearly, yearly)"),
    # (not a problem: the import summary's line for a sheet with recurring duties)
    "import.recurring_summary": ("{file}: {duties} nhiệm vụ định kỳ mới, {periods} kỳ đã lập.",
                                 "{file}: {duties:# new recurring duty|# new recurring duties}, {periods:# period|# periods} made."),
    "recurrence.bad_period": ("kỳ không có thật (tháng 1–12, quý I–IV)",
                              "a period that does not exist (months 1–12, quarters I–IV)"),
    "recurrence.period_mismatch": ("kỳ ghi sau dấu \"-\" không cùng nhịp với định kỳ (ví dụ "
                                   "\"hằng tháng, trước ngày 20 - tháng 05/2021\")",
                                   "the period after the \"-\" is not of the rule's rhythm (e.g. "
                                   "\"hằng tháng, trước ngày 20 - tháng 05/2021\")"),
    "recurrence.unknown": ("Không có nhiệm vụ định kỳ số {id}", "No recurring duty {id}"),
    "recurrence.stop_before_start": (
        "Dừng từ ngày {on} là trước ngày bắt đầu định kỳ ({start}): chọn một ngày từ {start} trở đi.",
        "Stopping on {on} is before the duty starts ({start}): choose a day from {start} on."),
    "recurrence.stopped_reason": ("Dừng định kỳ từ ngày {date}", "Recurrence stopped on {date}"),
    "recurrence.frequency.month": ("hằng tháng", "monthly"),
    "recurrence.frequency.quarter": ("hằng quý", "quarterly"),
    "recurrence.frequency.half_year": ("6 tháng", "half-yearly"),
    "recurrence.frequency.year": ("hằng năm", "yearly"),
    "help.recurrence": ("Nhiệm vụ định kỳ: xem, dừng", "Recurring duties: list, stop"),
    "help.recurrence.list": ("Liệt kê các nhiệm vụ định kỳ", "List the recurring duties"),
    "help.recurrence.stop": ("Dừng một nhiệm vụ định kỳ từ một ngày (giữ các kỳ đã làm)",
                             "Stop a recurring duty from a date (what is done stays)"),
    "help.opt.stop_on": ("Ngày dừng (các kỳ bắt đầu sau ngày này bị hủy); mặc định: hôm nay",
                         "The day it stops (periods beginning after it are cancelled); default: today"),
    "help.opt.stop_reason": ("Lý do dừng", "Why it stops"),
    "recurrence.col.id": ("Số", "ID"),
    "recurrence.col.content": ("Nội dung", "Content"),
    "recurrence.col.rule": ("Định kỳ", "Rule"),
    "recurrence.col.starts": ("Từ ngày", "From"),
    "recurrence.col.ends": ("Đến ngày", "Until"),
    "recurrence.col.instances": ("Số kỳ", "Periods"),
    "recurrence.col.done": ("Đã xong", "Done"),
    # a period's task, shown with its duty (the app's detail, `task show`)
    "recurrence.of_task": ("số {id} · kỳ {period}", "no. {id} · period {period}"),
    "recurrence.stopped_on": ("đang dừng từ {date}", "stopped on {date}"),
    "recurrence.stop_with": ("dừng: tracker recurrence stop {id} --on NGÀY", "stop: tracker recurrence stop {id} --on DATE"),
    "msg.recurrence_added": ("Đã thêm nhiệm vụ định kỳ {id} ({rule}); {count} kỳ đã lập.",
                             "Added recurring duty {id} ({rule}); {count} periods made."),
    "msg.recurrence_stopped": ("Đã dừng nhiệm vụ định kỳ {id} từ ngày {date}.",
                               "Recurring duty {id} stops on {date}."),
}
MESSAGES.update({
    # ---- the backlog review (report backlog)
    "backlog.title": ("BÁO CÁO RÀ SOÁT CÔNG VIỆC TỒN ĐỌNG", "BACKLOG REVIEW"),
    "backlog.period": ("Kỳ: {period}", "Period: {period}"),
    "backlog.section": ("Theo {by}", "By {by}"),
    "backlog.col.start_open": ("Tồn\nđầu kỳ", "Open at\nstart"),
    "backlog.col.start_overdue": ("Quá hạn\nđầu kỳ", "Overdue\nat start"),
    "backlog.col.assigned": ("Giao\ntrong kỳ", "Assigned"),
    "backlog.col.done_on_time": ("Xong\nđúng hạn", "Done\non time"),
    "backlog.col.done_late": ("Xong\nquá hạn", "Done\nlate"),
    "backlog.col.end_open": ("Tồn\ncuối kỳ", "Open at\nend"),
    "backlog.col.end_overdue": ("Quá hạn\ncuối kỳ", "Overdue\nat end"),
    "backlog.behind": ("Đơn vị chậm tiến độ (số việc quá hạn tăng trong kỳ, {count}): {units}.",
                       "Units that fell behind (overdue backlog grew, {count}): {units}."),
    "backlog.behind_unit": ("{unit} (từ {start} lên {end})", "{unit} ({start} to {end})"),
    "backlog.behind_none": ("Không đơn vị nào để số việc quá hạn tăng trong kỳ.",
                            "No unit's overdue backlog grew in the period."),
    "backlog.legend": (
        "Tồn: nhiệm vụ có thời hạn đã giao mà chưa hoàn thành vào ngày đó (đầu kỳ: cuối ngày "
        "trước kỳ); quá hạn: tồn mà đã qua thời hạn; giao trong kỳ theo ngày văn bản (việc "
        "định kỳ: ngày đầu kỳ của nó); hoàn thành trong kỳ theo ngày hoàn thành.",
        "Open: dated tasks assigned and not done by that day (at start: the end of the day "
        "before); overdue: open and past the deadline; assigned by the directive's date (a "
        "recurring duty's period: its first day); done by the day done."),
    "report.help.backlog": ("Rà soát công việc tồn đọng của một kỳ (tháng, quý) theo đơn vị và "
                            "lãnh đạo", "Backlog review of a period (month, quarter) by unit "
                            "and leader"),
})
MESSAGES.update({
    # ---- the Monday briefing (report week)
    "week.title": ("GIAO BAN ĐẦU TUẦN - TIẾN ĐỘ NHIỆM VỤ THEO LÃNH ĐẠO PHỤ TRÁCH",
                   "MONDAY BRIEFING - TASKS BY LEADER IN CHARGE"),
    "week.period": ("Tuần từ ngày {start} đến ngày {end}", "Week of {start} to {end}"),
    "week.col.due_this_week": ("Đến hạn\ntuần này", "Due\nthis week"),
    "week.col.due_next_week": ("Đến hạn\ntuần sau", "Due\nnext week"),
    "week.col.became_overdue": ("Quá hạn mới\n(tuần trước)", "Newly overdue\n(last week)"),
    "week.col.done_last_week": ("Hoàn thành\ntuần trước", "Done\nlast week"),
    "week.list.became_overdue": ("Quá hạn từ thứ Hai tuần trước:", "Overdue since last Monday:"),
    "week.list.due_this_week": ("Đến hạn trong tuần này:", "Due this week:"),
    "week.item": ("#{id} hạn {deadline} - {unit}: {content} ({directive}; {leader})",
                  "#{id} due {deadline} - {unit}: {content} ({directive}; {leader})"),
    "report.help.week": ("Giao ban đầu tuần: theo lãnh đạo phụ trách, việc đến hạn tuần này và "
                         "tuần sau, quá hạn mới, hoàn thành tuần trước",
                         "Monday briefing: by leader, due this week and next, newly overdue, "
                         "done last week"),
    "report.help.opt.week": ("Một ngày trong tuần cần xem (mặc định: hôm nay)",
                             "A day in the week to show (default: today)"),
})
MESSAGES.update({
    # ---- --as-of
    "report.help.opt.as_of": ("Sổ theo dõi như tại cuối ngày này, dựng lại từ lịch sử "
                              "(việc hoàn thành sau đó tính là còn mở, gia hạn sau đó chưa có, "
                              "việc giao sau đó không có)",
                              "The register as it stood at the end of that day, rebuilt from "
                              "history (done later: still open; extended later: not yet; "
                              "recorded later: absent)"),
})
MESSAGES.update({
    # ---- the work programme
    "help.programme": ("Chương trình công tác năm: nhập từ bảng, báo cáo theo nhóm và quý",
                       "The year's work programme: import the sheet, count by group and quarter"),
    "help.programme.import": ("Nhập chương trình công tác từ bảng (dòng tiêu đề nhóm, cột quý "
                              "đánh dấu x) vào một văn bản",
                              "Import a work programme sheet (group heading rows, quarter "
                              "columns marked x) into a directive"),
    "help.programme.report": ("Kết quả thực hiện chương trình theo nhóm và theo quý",
                              "Progress on the programme by group and by quarter"),
    "help.programme.opt.year": ("Năm của chương trình (mặc định: năm ghi trong tiêu đề văn bản)",
                                "The programme's year (default: the year the directive's title names)"),
    "programme.year_from_title": ("Năm của chương trình: {year}, theo tiêu đề văn bản {directive} "
                                  "(năm khác: --year NĂM).",
                                  "The programme's year: {year}, as the title of {directive} says "
                                  "(another year: --year YEAR)."),
    "programme.year_unknown": ("Tiêu đề văn bản {directive} không ghi năm của chương trình (\"{title}\"): "
                               "cho biết năm bằng --year NĂM.",
                               "The title of {directive} names no year for the programme (\"{title}\"): "
                               "give it with --year YEAR."),
    "help.programme.opt.sheet": ("Trang tính (mặc định: trang đầu)", "Sheet (default: the first)"),
    "programme.imported": ("{path}: {items} nội dung trong {groups} nhóm công việc — thêm {added}, "
                           "không đổi {unchanged} (nội dung đã có trong văn bản {directive}).",
                           "{path}: {items:# item|# items} in {groups:# group|# groups} — added "
                           "{added}, unchanged {unchanged} (items {directive} has already)."),
    "programme.title": ("KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC", "WORK PROGRAMME PROGRESS"),
    "programme.totals": ("{groups} nhóm công việc ({year_round} nhóm xuyên suốt cả năm, "
                         "{quarterly} nhóm theo quý) với {items} nội dung công việc.",
                         "{groups} groups ({year_round} all year, {quarterly} by quarter), "
                         "{items} items."),
    "programme.quarter": ("Quý", "Quarter"),
    "programme.all_year": ("Cả năm", "All year"),
    "programme.missing_column": ("{file}: thiếu cột \"{column}\"", "{file}: no \"{column}\" column"),
    "programme.item_before_group": ("{file}, dòng {row}: nội dung công việc trước dòng tiêu đề "
                                    "nhóm đầu tiên",
                                    "{file}, row {row}: an item before the first group heading"),
    "programme.row_problem": ("{file}, dòng {row}: {error}", "{file}, row {row}: {error}"),
})
MESSAGES["programme.quarter_n"] = ("Quý {n}", "Quarter {n}")
MESSAGES["recurrence.preview"] = ("định kỳ {every}, kỳ tới hạn {date}",
                                  "recurring {every}, next due {date}")
MESSAGES.update({
    "import.help.epilog": (
        "Thời hạn định kỳ — \"hằng tháng, trước ngày 20\", \"hằng quý, trước ngày 15 của tháng "
        "cuối quý\", \"6 tháng, trước 15/6 và 15/12\", \"hằng năm trước 31/12\" — lập một nhiệm "
        "vụ định kỳ như tracker task add: mỗi kỳ một nhiệm vụ, lập đến hết kỳ sau kỳ hiện tại. "
        "Dòng có thời hạn \"… - tháng 05/2021\" là nhiệm vụ của kỳ đó (như tệp xuất ghi). Nhập lại "
        "cùng tệp không lập trùng.",
        "Recurring deadlines — \"hằng tháng, trước ngày 20\", \"hằng quý, trước ngày 15 của tháng "
        "cuối quý\", \"6 tháng, trước 15/6 và 15/12\", \"hằng năm trước 31/12\" — make a recurring "
        "duty as tracker task add does: a task per period, made up to the end of the period after "
        "the current one. A row whose deadline reads \"… - tháng 05/2021\" is that period's task "
        "(as exports write it). The same file imported again makes nothing twice."),
    "io.demo.help.epilog": (
        "Văn phòng mẫu (sample_data/): 31 đơn vị, 38 văn bản, các nhiệm vụ với tiến độ, gia hạn, "
        "kết quả; 8 báo cáo định kỳ (hằng tháng, hằng quý, 6 tháng, hằng năm) với các kỳ đã qua; "
        "Chương trình công tác năm 2021 (programme.xlsx, 13 nhóm công việc) — tính đến ngày "
        "15/06/2021.",
        "The sample office (sample_data/): 31 units, 38 directives, tasks with progress notes, "
        "extensions and results; 8 recurring reports (monthly, quarterly, half-yearly, yearly) "
        "with their past periods; the 2021 work programme (programme.xlsx, 13 groups) — as of "
        "15/06/2021."),
})
