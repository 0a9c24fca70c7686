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
        "The People's Committee reports on the tasks assigned {period} ({basis}), "
        "as of {date}:"),
    "period.basis_short.assigned": ("theo ngày văn bản giao", "by directive date"),
    "period.basis_short.deadline": ("theo thời hạn", "by deadline"),
    "tui.key.basis": ("Cách tính kỳ", "Period basis"),
    "tui.units.basis_key": ("b: đổi cách tính", "b: switch basis"),
    "tui.units.door": ("Kỳ {period}, {basis}", "Period {period}, {basis}"),
}
