"""User-visible strings of the rulebook (``tracker.domain.rules``) and of the ways in that
translate its problems (branch ``rulebook``).  key -> (Vietnamese, English)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the rules themselves (the services' and the app's words)
    "task.note_in_future": ("Ngày ghi tiến độ {date} ở sau hôm nay ({today}).",
                            "The note's day {date} is after today ({today})."),
    "task.note_before_directive": ("Ngày ghi tiến độ {date} ở trước ngày ban hành văn bản ({directive_date}).",
                                   "The note's day {date} is before the directive was issued ({directive_date})."),
    "task.note_on_cancelled": ("Nhiệm vụ #{id} đã hủy: tiến độ vẫn được ghi; nếu việc vẫn phải làm, mở lại nhiệm vụ.",
                               "Task #{id} is cancelled: the note is kept; if the work is still to be done, reopen it."),
    "import.note_in_future": ("{file}, dòng {row}, cột \"{column}\": tiến độ ghi ngày {value}, sau hôm nay ({expected}).",
                              "{file}, row {row}, column \"{column}\": a note dated {value}, after today ({expected})."),
    "import.note_before_directive": ("{file}, dòng {row}, cột \"{column}\": tiến độ ghi ngày {value}, trước ngày ban hành "
                                     "văn bản ({expected}).",
                                     "{file}, row {row}, column \"{column}\": a note dated {value}, before the directive "
                                     "was issued ({expected})."),
    "task.done_before_directive": ("Ngày hoàn thành {date} ở trước ngày ban hành văn bản ({directive_date}).",
                                   "The done date {date} is before the directive was issued ({directive_date})."),
    "rules.two_digit_year": ("năm ghi 2 chữ số, đã hiểu là năm {year}",
                             "a two-digit year, read as {year}"),
    "rules.two_digit_date": ("“{value}”: năm ghi 2 chữ số, đã hiểu là năm {year}.",
                             "“{value}”: a two-digit year, read as {year}."),
    "rules.year_assumed": ("“{value}”: không ghi năm, đã hiểu là {date}.",
                           "“{value}”: no year given, read as {date}."),
    "rules.deadline_far": ("thời hạn {deadline} sau ngày ban hành văn bản {date} hơn {years} năm — có gõ nhầm năm?",
                           "the deadline {deadline} is more than {years} years after the directive's date {date} — "
                           "a mistyped year?"),
    "rules.recurring_on_edit": ("“{value}” là nhiệm vụ định kỳ: giao nó như một việc mới (tracker task add, hoặc n trong ứng dụng), mỗi kỳ một nhiệm vụ; nhiệm vụ đã có giữ thời hạn là một ngày hoặc một cụm từ thời hạn.",
                                "“{value}” is a recurring duty: add it as a new task (tracker task add, or n in the app), a task for each period; a recorded task keeps a date or a deadline phrase."),
    "rules.duty_field_left": ("{field}: nhiệm vụ định kỳ không lưu mục này (mỗi kỳ là một nhiệm vụ riêng, lập từ định kỳ).",
                              "{field}: a recurring duty does not keep it (each period's task is made from the duty)."),
    "rules.extension_not_in_force": ("Thời hạn “{deadline}” khác ngày gia hạn cuối cùng {extended_to}: thời hạn đang áp dụng là ngày của lần gia hạn sau cùng.",
                                     "The deadline “{deadline}” differs from the last extension's new date {extended_to}: the deadline in force is the last extension's date."),
    "rules.done_needs_date": ("Nhiệm vụ đã hoàn thành cần có ngày hoàn thành.", "A done task needs its done date."),
    "unit.inactive": ("{code} ({name}) đã ngừng hoạt động: việc chưa xong nên giao cho đơn vị tiếp nhận.",
                      "{code} ({name}) is no longer active: open work should go to the unit that took over."),
    "unit.still_leads": ("{code} còn chủ trì {count} nhiệm vụ chưa xong ({tasks}): giao cho đơn vị tiếp nhận — "
                         "tracker task edit {ids} --lead ĐƠN_VỊ, hoặc trong ứng dụng: lọc theo đơn vị, "
                         "đánh dấu (Space) rồi phím l.",
                         "{code} still leads {count} open tasks ({tasks}): give them to the unit that took over — "
                         "tracker task edit {ids} --lead UNIT, or in the app: filter by the unit, mark them (Space) "
                         "and press l."),
    "unit.still_leads_more": ("{code} còn chủ trì {count} nhiệm vụ chưa xong ({tasks} …; tất cả: tracker task list "
                              "--unit {code} --status open): giao cho đơn vị tiếp nhận — tracker task edit MÃ_NV… "
                              "--lead ĐƠN_VỊ, hoặc trong ứng dụng: lọc theo đơn vị, đánh dấu (Space) rồi phím l.",
                              "{code} still leads {count} open tasks ({tasks} …; all: tracker task list --unit {code} "
                              "--status open): give them to the unit that took over — tracker task edit ID… "
                              "--lead UNIT, or in the app: filter by the unit, mark them (Space) and press l."),
    "unit.close": ("Không có đơn vị “{text}”, đã hiểu là {code} ({name}).",
                   "No unit “{text}”; read as {code} ({name})."),
    "rules.lead_in_support": ("“{text}” là đơn vị chủ trì, không ghi thêm vào đơn vị phối hợp.",
                              "“{text}” is the lead unit; not listed among the supporting units too."),
    "rules.group_support_ignored": ("“{text}” không chỉ rõ đơn vị nào, bỏ qua.",
                                    "“{text}” names no definite units; left out."),
    "rules.undo_refused": ("Không hoàn tác được thay đổi gần nhất của nhiệm vụ #{id}: {reason}",
                           "Cannot undo the latest change of task #{id}: {reason}"),
    "rules.directive_after_done": ("Ngày ban hành {date} ở sau ngày hoàn thành {done} của nhiệm vụ #{id} thuộc văn bản này.",
                                   "The issue date {date} is after task #{id} of this directive was done ({done})."),
    "rules.support_units": ("{count} đơn vị: {codes}", "{count} units: {codes}"),
    "rules.will_pass": ("✓ lưu được", "✓ can be saved"),
    "rules.some_refused": ("✗ {refused}/{total} nhiệm vụ sẽ bị từ chối:", "✗ {refused} of {total} tasks would be refused:"),
    # --- an import row's words for the same rules
    "import.done_before_directive": ("{file}, dòng {row}, cột \"{column}\": ngày hoàn thành {value} trước ngày ban hành văn bản ({expected}).",
                                     "{file}, row {row}, column \"{column}\": done date {value} is before the directive was issued ({expected})."),
    "import.extension_not_later": ("{file}, dòng {row}, cột \"{column}\": gia hạn \"{value}\" không sau hạn đang có ({expected}).",
                                   "{file}, row {row}, column \"{column}\": extension \"{value}\" is not later than the deadline in force ({expected})."),
    "import.extension_not_in_force": ("{file}, dòng {row}, cột \"{column}\": thời hạn \"{value}\" khác ngày gia hạn cuối cùng ({expected}) và không phải thời hạn nào mà các dòng gia hạn đã dời; thời hạn đang áp dụng là ngày của lần gia hạn sau cùng — ghi {expected} vào ô này hoặc để trống ô, hoặc sửa cột gia hạn.",
                                      "{file}, row {row}, column \"{column}\": deadline \"{value}\" differs from the last extension's new date ({expected}) and is none of the deadlines the extensions moved; the deadline in force is the last extension's date — write {expected} in this cell or leave it blank, or correct the extensions."),
    "import.deadline_far": ("{file}, dòng {row}, cột \"{column}\": thời hạn \"{value}\" sau ngày ban hành văn bản ({expected}) hơn {years} năm — có gõ nhầm năm?",
                            "{file}, row {row}, column \"{column}\": deadline \"{value}\" is more than {years} years after the directive's date ({expected}) — a mistyped year?"),
    "import.two_digit_year": ("{file}, dòng {row}, cột \"{column}\": \"{value}\": năm ghi 2 chữ số, đã hiểu là năm {expected}.",
                              "{file}, row {row}, column \"{column}\": \"{value}\": a two-digit year, read as {expected}."),
}
