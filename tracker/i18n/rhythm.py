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
    "recurrence.unknown": ("Không có nhiệm vụ định kỳ số {id}", "No recurring duty {id}"),
    "recurrence.stopped_reason": ("Dừng định kỳ từ ngày {date}", "Recurrence stopped on {date}"),
    "recurrence.frequency.month": ("hằng tháng", "monthly"),
    "recurrence.frequency.quarter": ("hằng quý", "quarterly"),
    "recurrence.frequency.half_year": ("6 tháng", "half-yearly"),
    "recurrence.frequency.year": ("hằng năm", "yearly"),
    "help.recurrence": ("Nhiệm vụ định kỳ: xem, dừng", "Recurring duties: list, stop"),
    "help.recurrence.list": ("Liệt kê các nhiệm vụ định kỳ", "List the recurring duties"),
    "help.recurrence.stop": ("Dừng một nhiệm vụ định kỳ từ một ngày (giữ các kỳ đã làm)",
                             "Stop a recurring duty from a date (what is done stays)"),
    "help.opt.stop_on": ("Ngày dừng (các kỳ bắt đầu sau ngày này bị hủy)",
                         "The day it stops (periods beginning after it are cancelled)"),
    "help.opt.stop_reason": ("Lý do dừng", "Why it stops"),
    "recurrence.col.id": ("Số", "ID"),
    "recurrence.col.content": ("Nội dung", "Content"),
    "recurrence.col.rule": ("Định kỳ", "Rule"),
    "recurrence.col.starts": ("Từ ngày", "From"),
    "recurrence.col.ends": ("Đến ngày", "Until"),
    "recurrence.col.instances": ("Số kỳ", "Periods"),
    "recurrence.col.done": ("Đã xong", "Done"),
    "msg.recurrence_added": ("Đã thêm nhiệm vụ định kỳ {id} ({rule}); {count} kỳ đã lập.",
                             "Added recurring duty {id} ({rule}); {count} periods made."),
    "msg.recurrence_stopped": ("Đã dừng nhiệm vụ định kỳ {id} từ ngày {date}.",
                               "Recurring duty {id} stops on {date}."),
}
