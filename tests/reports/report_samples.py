"""Hand-built report data for the renderer tests: Đông Hà's units, real-looking directive
numbers, NFD text and a wide character among them to test alignment."""
from __future__ import annotations

import datetime as dt
import unicodedata

from tracker.reports.data import (
    BY_UNIT, Counts, OverdueGroup, OverdueReport, SummaryReport, SummaryRow, TaskLine,
    worst_first_key)

TODAY = dt.date(2021, 3, 15)


def build_overdue_report(lines, today: dt.date, *, due_soon=(), within_days: int = 7,
                         filters=()) -> OverdueReport:
    """Group already-selected overdue lines by unit, worst unit first, longest overdue
    first inside a unit, as ``tracker.reports.queries.overdue_report`` orders them (which
    builds its groups with SQL counts)."""
    by_unit: dict[str, list[TaskLine]] = {}
    for line in lines:
        by_unit.setdefault(line.unit, []).append(line)
    groups = [
        OverdueGroup(unit, tuple(sorted(rows, key=lambda r: (-r.days_overdue, r.task_id))))
        for unit, rows in by_unit.items()
    ]
    groups.sort(key=worst_first_key)
    soon = tuple(sorted(due_soon, key=lambda r: (r.deadline, r.task_id)))
    return OverdueReport(today=today, groups=tuple(groups), due_soon=soon,
                         within_days=within_days, filters=tuple(filters))


def _line(task_id, unit, directive, content, deadline, *, text="", ext=0, leader=""):
    return TaskLine(task_id=task_id, unit=unit, directive=directive, content=content,
                    deadline=deadline, deadline_text=text,
                    days_overdue=(TODAY - deadline).days, extensions=ext, leader=leader)


def overdue_report(**kw):
    tc = "Phòng Tài chính - Kế hoạch"
    qldt = "Phòng Quản lý đô thị"
    p5 = "UBND Phường 5"
    lines = [
        _line(12, tc, "18-KL/TU", "Tham mưu xây dựng phương án thu ngân sách bù hụt thu do "
              "ảnh hưởng dịch Covid-19", dt.date(2020, 12, 31), text="trong tháng 12/2020",
              ext=1, leader="PCT Hoàng Nam"),
        _line(15, tc, "22/2019/NQ-HĐND", "Báo cáo giải ngân vốn đầu tư công năm 2020",
              dt.date(2021, 1, 15), text="trước ngày 15/01/2021", leader="PCT Hoàng Nam"),
        _line(31, qldt, "114/TB-UBND", "Kiểm tra, xử lý vi phạm trật tự xây dựng tại khu "
              "vực chợ Phường 5", dt.date(2021, 2, 28), text="Quý I/2021 (trước 28/02)",
              ext=2, leader="Chủ tịch Hồ Sỹ Trình"),
        # NFD on purpose: the combining marks must not push the columns out of line
        _line(7, p5, "320-KL/TU", unicodedata.normalize(
            "NFD", "Giải phóng mặt bằng đường Hàm Nghi (đoạn nối dài)"), dt.date(2021, 3, 10),
            leader="PCT Hoàng Nam"),
        _line(44, p5, "09-CTHD/TU", "Lập danh sách hộ nghèo 貧 cần hỗ trợ", dt.date(2021, 3, 1),
              text="trước ngày 01/3", leader=""),
    ]
    soon = [
        _line(51, qldt, "67/KH-UBND", "Ra quân tổng vệ sinh môi trường", dt.date(2021, 3, 15),
              text="ngày 15/3", leader="PCT Hoàng Nam"),
        _line(52, tc, "01/NQ-CP", "Tổng hợp báo cáo quý I", dt.date(2021, 3, 20),
              text="Quý I/2021", leader="Chủ tịch Hồ Sỹ Trình"),
    ]
    kw.setdefault("filters", ())
    return build_overdue_report(lines, TODAY, due_soon=soon, within_days=7, **kw)


def empty_overdue_report():
    return build_overdue_report([], TODAY, due_soon=[], within_days=7)


def summary_report():
    rows = (
        SummaryRow("tc", "Phòng Tài chính - Kế hoạch", Counts(40, 6, 10, 4, 3, 1)),
        SummaryRow("qldt", "Phòng Quản lý đô thị", Counts(25, 9, 7, 6, 2, 0)),
        SummaryRow("p5", "UBND Phường 5", Counts(12, 1, 3, 2, 0, 0)),
        SummaryRow("vh", "Phòng Văn hóa và Thông tin", Counts(0, 0, 2, 0, 5, 0)),
    )
    return SummaryReport(by=BY_UNIT, today=dt.date(2021, 4, 5), rows=rows,
                         period_from=dt.date(2021, 1, 1), period_to=dt.date(2021, 3, 31),
                         period_label="Quý I/2021")
