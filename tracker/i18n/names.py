"""Strings of the issuer and leader registers, the period rule and the language plumbing
(branch ``names``): key -> (vietnamese, english)."""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the period rule (domain.periods) -------------------------------------------
    "period.basis.assigned": ("tính theo ngày văn bản giao nhiệm vụ",
                              "counted by the date of the assigning directive"),
    "period.basis.deadline": ("tính theo thời hạn rơi vào kỳ",
                              "counted by deadline falling in the period"),
    "report.summary.period_basis": ("Kỳ báo cáo: {period}, {basis}",
                                    "Period: {period}, {basis}"),
    "report.paper.intro_basis": (
        "Ủy ban nhân dân thành phố báo cáo tình hình thực hiện các nhiệm vụ được giao "
        "{period} ({basis}), số liệu tính đến ngày {date}, như sau:",
        "The People's Committee reports on the tasks assigned for {period} ({basis}), "
        "as of {date}:"),
    "period.basis_short.assigned": ("theo ngày văn bản giao", "by directive date"),
    "period.basis_short.deadline": ("theo thời hạn", "by deadline"),
    "tui.key.basis": ("Cách tính kỳ", "Period basis"),
    "tui.units.basis_key": ("b: đổi cách tính", "b: switch basis"),
    "tui.units.door": ("Kỳ {period}, {basis}", "Period {period}, {basis}"),
    # --- the issuer and leader registers (services.names) ---------------------------
    "names.kind.issuer": ("cơ quan ban hành", "issuer"),
    "names.kind.leader": ("lãnh đạo phụ trách", "leader"),
    # a filter's name (--leader, --issuer, the app's filter bar) that nothing holds
    "filter.due_swapped": ("Hạn từ {after} sau hạn đến {before}: không nhiệm vụ nào có hạn như thế "
                           "(nhầm thứ tự hai ngày?)",
                           "Due from {after} is after due until {before}: no task can fall due so "
                           "(the two dates swapped?)"),
    "filter.unknown_leader": ("Không có lãnh đạo phụ trách nào khớp «{text}»; có: {known}",
                              "No leader in charge matches “{text}”; known: {known}"),
    "filter.unknown_issuer": ("Không có cơ quan ban hành nào khớp «{text}»; có: {known}",
                              "No issuer matches “{text}”; known: {known}"),
    "names.bad_kind": ("Không có sổ tên «{value}»; chọn một trong: {keys}",
                       "No register “{value}”; choose one of: {keys}"),
    "names.ambiguous": ("«{text}» có thể là nhiều {kind}: {closest}. Viết rõ hơn.",
                        "“{text}” could be several of the known ({kind}): {closest}. Write more of it."),
    "names.close_added": ("«{text}» là {kind} mới, gần giống {closest}. Nếu là một, gộp lại: "
                          "tracker names merge --kind {code} \"{text}\" \"{closest}\"",
                          "“{text}” is a new {kind}, close to {closest}. If they are one, merge them: "
                          "tracker names merge --kind {code} \"{text}\" \"{closest}\""),
    "names.name_required": ("Cần tên.", "A name is required."),
    "names.alias_taken": ("«{text}» đã là cách viết của {name} trong sổ {kind}: một cách viết chỉ thuộc một tên.",
                          "“{text}” is already a spelling of {name} in the {kind} register: a spelling "
                          "belongs to one name."),
    "names.known": ("«{text}» đã có trong sổ {kind}: {name}.",
                    "“{text}” is already in the {kind} register: {name}."),
    "names.unknown": ("Không có {kind} «{text}»; gần nhất: {closest}.",
                      "No {kind} “{text}”; closest: {closest}."),
    "names.same": ("«{text}» đã là tên trong sổ.", "“{text}” is already the register's name."),
    "names.not_stored": ("Không có {kind} nào ghi là «{text}».",
                         "No {kind} is stored as “{text}”."),
    "names.merge_clash": ("Văn bản {number} ngày {date} có cả bản ghi «{old}» và «{new}»: gộp hai "
                          "văn bản đó trước.",
                          "Directive {number} of {date} is stored under both “{old}” and “{new}”: "
                          "merge those two directives first."),
    "import.name_close": ("{file}, dòng {row}, cột \"{column}\": \"{value}\" là tên mới, gần giống "
                          "{expected}; sửa lại, hoặc nhập với --new-names nếu đúng là tên mới.",
                          "{file}, row {row}, column \"{column}\": \"{value}\" is a new name close "
                          "to {expected}; correct it, or import with --new-names if it is new."),
    "import.name_extends": ("{file}, dòng {row}, cột \"{column}\": \"{value}\" được thêm làm tên mới; nếu đó là "
                            "{expected}, gộp hai tên lại: tracker names merge.",
                            "{file}, row {row}, column \"{column}\": \"{value}\" is added as a new name; if it is "
                            "{expected}, merge the two: tracker names merge."),
    "import.name_ambiguous": ("{file}, dòng {row}, cột \"{column}\": \"{value}\" có thể là nhiều "
                              "tên: {expected}.",
                              "{file}, row {row}, column \"{column}\": \"{value}\" could be "
                              "several names: {expected}."),
    "import.help.new_names": ("Nhận các cơ quan ban hành, lãnh đạo mới dù gần giống tên đã có",
                              "Accept new issuers and leaders even when close to a known name"),
    "help.names": ("Sổ tên cơ quan ban hành và lãnh đạo phụ trách: xem, thêm, gộp hai cách viết",
                   "The issuer and leader registers: list, add, merge two spellings"),
    "names.help.list": ("Liệt kê một sổ tên: số lần dùng, các cách viết khác đang lưu",
                        "List a register: uses, and other stored spellings read as each name"),
    "names.help.add": ("Thêm một tên vào sổ", "Add a name to a register"),
    # (the one-line summary, then what a merge does)
    "names.help.merge": ("Gộp cách viết TÊN_CŨ (đang lưu) vào TÊN_ĐÚNG\n\nMọi nhiệm vụ/văn bản "
                         "ghi TÊN_CŨ được sửa thành TÊN_ĐÚNG, có ghi lịch sử; TÊN_CŨ thành tên gọi "
                         "khác của TÊN_ĐÚNG.",
                         "Merge the stored spelling OLD into the name INTO\n\nEvery task or "
                         "directive stored as OLD is changed to INTO, with history; OLD becomes "
                         "an alias of INTO."),
    "names.metavar.old": ("TÊN_CŨ", "OLD"),
    "names.metavar.into": ("TÊN_ĐÚNG", "INTO"),
    "names.help.opt.kind": ("Sổ nào (không cần dấu): cơ quan ban hành — issuer — hoặc lãnh đạo phụ trách — leader",
                            "Which register: issuer or leader"),
    "names.metavar.kind": ("SỔ", "KIND"),
    "names.col.uses": ("Số lần dùng", "Uses"),
    "names.col.strays": ("Cách viết khác đang lưu", "Other stored spellings"),
    "names.stray": ("{name} ({uses})", "{name} ({uses})"),
    "names.msg.added": ("Đã thêm {kind}: {name}", "Added {kind}: {name}"),
    "names.msg.merged.issuer": ("Đã gộp «{old}» vào «{name}»: sửa {count} văn bản.",
                                "Merged “{old}” into “{name}”: {count:# directive|# directives} changed."),
    "names.msg.merged.leader": ("Đã gộp «{old}» vào «{name}»: sửa {count} nhiệm vụ.",
                                "Merged “{old}” into “{name}”: {count:# task|# tasks} changed."),
    # --- the app's name fields (tui.screens.names) -----------------------------------
    "tui.names.found": ("sẽ lưu là {name}", "saved as {name}"),
    "tui.names.new": ("{kind} mới, sẽ thêm vào sổ", "a new {kind}, added to the register"),
    "tui.names.close": ("{kind} mới, gần giống {closest}: sẽ hỏi khi lưu",
                        "a new {kind}, close to {closest}: asked on saving"),
    "tui.names.question": ("«{text}» chưa có trong sổ {kind}. Tên gần nhất đã có: «{closest}».\n"
                           "Có phải là «{closest}» không, hay là một {kind} mới?",
                           "“{text}” is not in the {kind} register. The closest known: "
                           "“{closest}”.\nIs it “{closest}”, or a new {kind}?"),
    "tui.names.use": ("Dùng «{name}»", "Use “{name}”"),
    "tui.names.add": ("Thêm tên mới", "Add as new"),
    "tui.names.use_key": ("Dùng tên đã có", "Use the known name"),
    "tui.names.add_key": ("Thêm tên mới", "Add as new"),
    # --- fields named in errors, as the app's forms and filter bar name them -------------
    "field.due": ("Thời hạn", "Deadline"),
    "field.deadline": ("Thời hạn", "Deadline"),
    "field.extension": ("Gia hạn đến", "Extend to"),
    "field.to": ("Thời hạn mới", "New deadline"),
    "field.leader": ("Lãnh đạo phụ trách", "Leader"),
    "field.group": ("Nhóm công việc", "Work group"),
    "field.ext_key": ("Mã nhiệm vụ", "Task key"),
    "field.on": ("Ngày hoàn thành", "Done on"),
    "field.date": ("Ngày", "Date"),
    "field.due_after": ("Hạn từ", "Due from"),
    "field.due_before": ("Hạn đến", "Due until"),
    "field.period_from": ("Kỳ từ ngày", "Period from"),
    "field.period_to": ("Kỳ đến ngày", "Period to"),
    # --- Textual's own words (the Ctrl+C notice, the command palette) -------------------
    "tui.quit_notice": ("Bấm [b]{key}[/b] để thoát", "Press [b]{key}[/b] to quit"),
    "tui.quit_notice.title": ("Thoát?", "Quit?"),
    "tui.palette.placeholder": ("Tìm lệnh…", "Search for commands…"),
    "tui.palette.no_matches": ("Không có lệnh nào khớp", "No matching command"),
}
