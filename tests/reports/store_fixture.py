"""A small store built through the services (the way a clerk's work arrives), as of
15/06/2021: every timeliness category, an extension, a deadline on a Saturday (met on the
Monday after), a task due today and ones due within the week."""
from __future__ import annotations


def build_office(ctx) -> dict[str, int]:
    """Adds directives and tasks to the ``office`` fixture's store; returns task ids by name."""
    from tracker.services.directives import add_directive
    from tracker.services.tasks import add_task, cancel_task, complete_task, extend_task

    add_directive(ctx, "18/KH-UBND", type_code="KH", issuer="UBND thành phố", date="15/01/2021",
                  title="Kế hoạch thực hiện nhiệm vụ năm 2021")
    ids: dict[str, int] = {}

    def task(name, content, *, lead, directive="67/KH-UBND", due=None, leader="PCT Hoàng Nam",
             group="Kinh tế"):
        ids[name] = add_task(ctx, directive=directive, content=content, lead=lead, due=due,
                             leader=leader, group=group).id
        return ids[name]

    task("budget_on_time", "Xây dựng dự toán ngân sách năm 2021", lead="TCKH",
         due="trước ngày 31/12/2020")
    complete_task(ctx, ids["budget_on_time"], on="20/12/2020", proof="Tờ trình 45/TTr-TCKH")
    task("invest_late", "Báo cáo giải ngân vốn đầu tư công quý I", lead="TCKH",
         directive="18/KH-UBND", due="31/03/2021")
    complete_task(ctx, ids["invest_late"], on="10/04/2021", proof="Báo cáo 88/BC-TCKH")
    task("revenue_overdue", "Tham mưu phương án thu ngân sách bù hụt thu do dịch Covid-19",
         lead="Phòng Tài chính - Kế hoạch", directive="18/KH-UBND", due="Quý I/2021")
    task("market_extended", "Kiểm tra, xử lý vi phạm trật tự xây dựng khu vực chợ Phường 5",
         lead="QLDT", directive="18/KH-UBND", due="30/04/2021", leader="Chủ tịch Hồ Sỹ Trình",
         group="Đô thị")
    extend_task(ctx, ids["market_extended"], to="31/05/2021", reason="Chờ ý kiến Sở Xây dựng")
    task("clearance_overdue", "Giải phóng mặt bằng đường Hàm Nghi (đoạn nối dài)", lead="P5",
         directive="320-KL/TU", due="trước ngày 10/06/2021", group="Đô thị")
    task("saturday", "Lập danh sách hộ nghèo cần hỗ trợ đợt 2", lead="P5",
         directive="18/KH-UBND", due="trước ngày 12/06/2021", leader="", group="Xã hội")
    task("due_soon", "Ra quân tổng vệ sinh môi trường", lead="P5", directive="18/KH-UBND",
         due="18/06/2021", group="Đô thị")
    task("due_today", "Tổng hợp báo cáo 6 tháng đầu năm", lead="TCKH", directive="18/KH-UBND",
         due="15/06/2021", leader="Chủ tịch Hồ Sỹ Trình")
    task("ongoing", "Theo dõi chất lượng nước sông Hiếu", lead="TNMT", due="thường xuyên",
         leader="PCT Lê Văn Hùng", group="Môi trường")
    task("later", "Hoàn thành đo đạc bản đồ địa chính", lead="TNMT", directive="18/KH-UBND",
         due="30/09/2021", leader="PCT Lê Văn Hùng", group="Môi trường")
    task("cancelled", "Khảo sát vị trí xây dựng chợ đêm", lead="QLDT", due="30/06/2020",
         leader="Chủ tịch Hồ Sỹ Trình", group="Đô thị")
    cancel_task(ctx, ids["cancelled"], reason="Dự án đã chuyển cho tỉnh")
    ctx.warnings.clear()
    return ids


def build_store(ctx) -> dict[str, int]:
    """The whole office on an empty store: units and directives as in tests/conftest.py's
    ``office``, then ``build_office``'s tasks (for tests that make their own store)."""
    from tracker.services.directives import add_directive
    from tracker.services.units import add_unit

    add_unit(ctx, "TCKH", "Phòng Tài chính - Kế hoạch", aliases=["TC-KH", "Phòng TC-KH"])
    add_unit(ctx, "TNMT", "Phòng Tài nguyên và Môi trường", aliases=["TN&MT"])
    add_unit(ctx, "QLDT", "Phòng Quản lý đô thị", aliases=["QLĐT"])
    add_unit(ctx, "P5", "UBND Phường 5", kind="ward", aliases=["Phường 5"])
    add_directive(ctx, "320-KL/TU", type_code="KL", issuer="Tỉnh ủy", date="04/12/2019",
                  title="Kết luận về phát triển đô thị")
    add_directive(ctx, "67/KH-UBND", type_code="KH", issuer="UBND thành phố", date="10/01/2020",
                  title="Kế hoạch triển khai Kết luận 320-KL/TU", parent="320-KL/TU")
    return build_office(ctx)
