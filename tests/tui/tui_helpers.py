"""Helpers shared by the TUI tests (imported by name: tests/tui is on sys.path)."""
from __future__ import annotations


def make_desk_app(ctx, lang: str = "vi", **options):
    from tracker import i18n
    from tracker.tui.app import make_app

    i18n.set_lang(lang)
    return make_app(ctx, poll_seconds=0, **options)


async def settle(pilot, rounds: int = 3) -> None:
    """Let every worker finish and the screen repaint (a repaint may start more work)."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plain(widget, width: int = 200) -> str:
    """What a Static shows, as plain text (Rich tables and groups included)."""
    import io

    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=width, file=io.StringIO(), color_system=None, legacy_windows=False)
    console.print(content)
    return console.file.getvalue()


def screen_text(screen, selector: str = "Static") -> str:
    return "\n".join(plain(w) for w in screen.query(selector))


SNAP_AT = "2021-06-14 09:30:00"


def fill_desk(ctx) -> dict[str, int]:
    """The small office of tests/conftest.py with tasks in every state (today 15/06/2021);
    returns the task ids by name."""
    from tracker.services import tasks
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
    add = tasks.add_task
    ids = {}
    ids["soon"] = add(ctx, directive="67/KH-UBND", content="Rà soát hồ sơ giải phóng mặt bằng",
                      lead="TCKH", due="18/06/2021", leader="PCT Trần Thị B").id
    ids["late"] = add(ctx, directive="67/KH-UBND", content="Báo cáo tiến độ chỉnh trang đường Lê Lợi",
                      lead="QLDT", support=["P5"], due="01/06/2021", leader="Chủ tịch Nguyễn Văn A").id
    ids["ongoing"] = add(ctx, directive="320-KL/TU", content="Theo dõi vệ sinh môi trường",
                         lead="TNMT", due="thường xuyên").id
    ids["done"] = add(ctx, directive="320-KL/TU", content="Kiểm tra trật tự xây dựng phường 5",
                      lead="P5", due="10/06/2021").id
    tasks.complete_task(ctx, ids["done"], on="09/06/2021", proof="Báo cáo số 12/BC-UBND")
    ids["later"] = add(ctx, directive="67/KH-UBND", content="Lập kế hoạch đầu tư công năm 2022",
                       lead="TCKH", due="Quý IV/2021").id
    return ids


def screen_lines(app) -> list[str]:
    """Each line of the terminal as the app last drew it (Textual is pinned: its compositor
    is the one place that knows what a narrow screen cut)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def table_of(app):
    """The task list's table on the screen shown."""
    from tracker.tui.widgets.lazy_table import LazyTable

    return app.screen.query_one("#tasks", LazyTable)


def listed_ids(app) -> list[int]:
    table = table_of(app)
    return [table.row_at(i).id for i in range(table.row_count)]


async def cursor_to(pilot, task_id: int) -> None:
    """The task list's cursor on task ``task_id``."""
    table_of(pilot.app).move_cursor(listed_ids(pilot.app).index(task_id))
    await settle(pilot)
