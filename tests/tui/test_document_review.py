"""i on a directive's document: the text beside the proposed tasks; each accepted, dropped
or edited; Ctrl+S records the accepted ones (issue 16)."""
from __future__ import annotations

from textual.widgets import Input

from tui_helpers import make_desk_app, plain, settle
from tracker.services import query
from tracker.services.directives import list_directives
from tracker.tui.screens.document import DocumentScreen, ProposedTaskForm
from tracker.tui.screens.forms import ConfirmScreen
from tracker.tui.widgets.lazy_table import LazyTable

NOTICE = """ỦY BAN NHÂN DÂN
THÀNH PHỐ ĐÔNG HÀ
Số: 215/TB-UBND
Đông Hà, ngày 04 tháng 6 năm 2021
THÔNG BÁO
Kết luận của Chủ tịch UBND thành phố tại cuộc họp giao ban tháng 6
1. Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Quản lý đô thị rà soát danh mục dự án; hoàn thành trước ngày 30/6/2021.
2. Giao Phòng Y tế kiểm tra an toàn thực phẩm; hoàn thành trước ngày 15/7/2021.
3. Yêu cầu UBND Phường 5 xử lý dứt điểm lấn chiếm vỉa hè trong tháng 7/2021.
"""


async def open_document(pilot, path: str) -> None:
    await pilot.press("i")
    await settle(pilot)
    screen = pilot.app.screen
    screen.query_one("#import-path", Input).value = path
    screen.query_one("#import-path", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_review_edit_accept_drop_and_record(desk, tmp_path):
    path = tmp_path / "tb-215.txt"
    path.write_text(NOTICE, encoding="utf-8")
    before = query.count_tasks(desk)
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_document(pilot, str(path))
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        assert "215/TB-UBND" in plain(screen.query_one("#doc-head"))
        tasks = screen.query_one("#doc-tasks", LazyTable)
        assert tasks.row_count == 3
        assert [tasks.row_at(i).values["lead"] for i in range(3)] == ["TCKH", "?Phòng Y tế", "P5"]
        # the cursor's task is lit in the document beside it
        assert "Giao Phòng Tài chính" in plain(screen.query_one("#doc-text"))
        await pilot.press("a")  # accept 1, the cursor moves on to 2
        await settle(pilot)
        await pilot.press("a")  # 2 has no lead in the register: refused
        await settle(pilot)
        assert tasks.row_at(1).values["mark"] == "·"
        await pilot.press("e")  # edit 2: give it a unit the register knows
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ProposedTaskForm)
        form.query_one("#lead", Input).value = "Phòng Tài nguyên và Môi trường"
        form.query_one("#deadline", Input).value = "trong 10 ngày làm việc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert tasks.row_at(1).values["lead"] == "TNMT"
        assert tasks.row_at(1).values["deadline"] == "18/06/2021"  # 10 working days from 04/06
        await pilot.press("a")  # accept 2
        await settle(pilot)
        await pilot.press("d")  # drop 3
        await settle(pilot)
        assert [tasks.row_at(i).values["mark"] for i in range(3)] == ["✓", "✓", "✗"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, DocumentScreen)
    assert query.count_tasks(desk) == before + 2
    d = next(d for d in list_directives(desk) if d.number == "215/TB-UBND")
    assert d.tasks == 2


async def test_a_scan_is_refused_with_a_word_about_ocr(desk, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_document(pilot, str(path))
        assert isinstance(app.screen, DocumentScreen)
        head = plain(app.screen.query_one("#doc-head"))
        assert "✗" in head
        await pilot.press("ctrl+s")  # nothing to record
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)


async def test_the_app_s_keys_do_not_leave_the_review(desk, tmp_path):
    """A digit or q on the review switched screens or quit the app, the choices made lost:
    the review is modal, its own keys only (Esc closes it)."""
    path = tmp_path / "tb-215.txt"
    path.write_text(NOTICE, encoding="utf-8")
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_document(pilot, str(path))
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        await pilot.press("d")  # the first proposal dropped
        for key in ("1", "2", "i", "q"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen and app.is_running, key


async def test_a_line_for_every_ward_is_accepted_and_recorded_once_for_each(desk, tmp_path):
    """"Giao UBND các phường …" could not be accepted ("choose a unit"); now it is, and the
    question before recording says how many tasks that makes: one for each ward."""
    from tracker.services.units import add_unit

    add_unit(desk, "P4", "UBND Phường 4")
    path = tmp_path / "tb-216.txt"
    path.write_text(NOTICE.replace("215/TB-UBND", "216/TB-UBND").split("1. Giao")[0]
                    + "1. Giao UBND các phường rà soát các hộ kinh doanh; hoàn thành trước ngày 30/6/2021.\n",
                    encoding="utf-8")
    before = query.count_tasks(desk)
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_document(pilot, str(path))
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 nhiệm vụ đã nhận — 2 nhiệm vụ, mỗi đơn vị của nhóm chủ trì một" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
    assert query.count_tasks(desk) == before + 2


async def test_recording_says_what_the_rules_say_of_each_task(desk, tmp_path):
    """The tasks recorded from a document meet the rules a task added by hand meets, and the
    review says their warnings, naming the task: a ward no longer active was recorded in
    silence."""
    from tracker.services.units import edit_unit

    edit_unit(desk, "P5", active=False)
    path = tmp_path / "tb-217.txt"
    path.write_text(NOTICE.replace("215/TB-UBND", "217/TB-UBND"), encoding="utf-8")
    before = query.count_tasks(desk)
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_document(pilot, str(path))
        tasks = app.screen.query_one("#doc-tasks", LazyTable)
        tasks.move_cursor(2)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        said = "\n".join(str(n.message) for n in app._notifications)
        assert "#3 (P5): P5 (UBND Phường 5) đã ngừng hoạt động" in said, said
    assert query.count_tasks(desk) == before + 1
