"""i — a file is checked row by row (a dry run) before anything is written; the import
happens only on confirmation, in one transaction."""
from __future__ import annotations

from textual.widgets import Input

from tui_helpers import make_desk_app, plain, settle
from tracker.services import query
from tracker.tui.screens.forms import ConfirmScreen
from tracker.tui.screens.import_review import ImportScreen
from tracker.tui.screens.tasks import TasksScreen
from tracker.tui.widgets.lazy_table import LazyTable

HEADER = "\"Số, ký hiệu văn bản\",Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\n"


def write(path, *rows: str) -> str:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return str(path)


async def check(pilot, paths: str) -> None:
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportScreen)
    pilot.app.screen.query_one("#import-path", Input).value = paths
    pilot.app.screen.query_one("#import-path", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_a_file_with_problems_is_shown_row_by_row_and_nothing_is_written(desk, tmp_path):
    path = write(tmp_path / "giao-viec.csv",
                 "67/KH-UBND,Rà soát quy hoạch phân khu,phong tai chinh,30/09/2021",
                 "67/KH-UBND,Kiểm tra công trình,Phòng Không Có,trước ngày 31/02/2021")
    before = query.count_tasks(desk)
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await check(pilot, path)
        screen = app.screen
        summary = plain(screen.query_one("#import-summary"))
        assert "2 rows" in summary and "rejected 1" in summary
        assert "nothing was written" in summary
        rows = screen.query_one("#import-rows", LazyTable)
        marks = {rows.row_at(i).values["row"]: rows.row_at(i).values["mark"]
                 for i in range(rows.row_count)}
        assert marks == {2: "", 3: "✗"}  # the bad row, by its row number in the file
        problems = screen.query_one("#import-problems", LazyTable)
        messages = [problems.row_at(i).values["message"] for i in range(problems.row_count)]
        assert any("Phòng Không Có" in m for m in messages)
        # the file, row and column have columns of their own: the message is only the problem
        assert any(m.startswith('unknown unit "Phòng Không Có"') for m in messages), messages
        assert not any("giao-viec.csv" in m for m in messages), messages
        assert all(problems.row_at(i).values["row"] == 3 for i in range(problems.row_count))
        await pilot.press("ctrl+s")  # refused: the file has errors
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        assert query.count_tasks(desk) == before


async def test_a_clean_file_is_imported_on_confirmation(desk, tmp_path):
    path = write(tmp_path / "giao-viec.csv",
                 "67/KH-UBND,Rà soát quy hoạch phân khu,phong tai chinh,30/09/2021",
                 "320-KL/TU,Kiểm tra công trình,QLDT,Quý IV/2021")
    before = query.count_tasks(desk)
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await check(pilot, path)
        assert query.count_tasks(desk) == before  # checking writes nothing
        assert "thêm 2" in plain(app.screen.query_one("#import-summary"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert query.count_tasks(desk) == before + 2
        found = query.list_tasks(desk, query.TaskFilter(search="quy hoach phan khu"))
        assert [t.lead for t in found] == ["TCKH"]
        table = app.screen.query_one("#tasks", LazyTable)
        assert table.row_count == 6  # the open list shows the new work


async def test_a_row_that_differs_names_the_apps_own_choice_not_a_flag(desk, tmp_path):
    from textual.widgets import Select

    first = write(tmp_path / "a.csv", "67/KH-UBND,Rà soát quy hoạch phân khu,TCKH,30/09/2021")
    from tracker.services.importing import import_files

    assert import_files(desk, [first]).ok
    changed = write(tmp_path / "b.csv", "67/KH-UBND,Rà soát quy hoạch phân khu,TCKH,31/10/2021")
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await check(pilot, changed)
        problems = app.screen.query_one("#import-problems", LazyTable)
        messages = [problems.row_at(i).values["message"] for i in range(problems.row_count)]
        assert len(messages) == 1 and "--update" not in messages[0], messages
        assert messages[0] == 'khác với dữ liệu đang có; chọn "cập nhật theo tệp" để cập nhật.', messages
        # the column that differs stands in the problem's own column, by the file's header
        assert problems.row_at(0).values["column"] == "Thời hạn", problems.row_at(0).values
        app.screen.query_one("#import-update", Select).value = "update"
        await settle(pilot)  # checked again under the new choice, without Ctrl+R
        assert "cập nhật 1" in plain(app.screen.query_one("#import-summary"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Nhập 1 dòng" in plain(app.screen.query_one("Static"))  # what the confirmation counts


async def test_the_rows_of_a_json_lines_file_show_cells_as_a_clerk_writes_them(desk, tmp_path):
    """A JSON list of supporting units reads "a; b" in the review, not Python's ['a', 'b']."""
    path = tmp_path / "viec.jsonl"
    path.write_text('{"directive": "67/KH-UBND", "content": "Rà soát quy hoạch", "lead": "TCKH", '
                    '"support": ["Phòng Nội vụ", "Phòng Y tế"], "deadline": "30/09/2021", "id": 7.0}\n',
                    encoding="utf-8")
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await check(pilot, str(path))
        rows = app.screen.query_one("#import-rows", LazyTable)
        cells = list(rows.row_at(0).values.values())
        assert "Phòng Nội vụ; Phòng Y tế" in cells and "7" in cells, cells
        assert not any("[" in str(c) for c in cells), cells


async def test_a_path_that_fails_clears_the_rows_of_the_file_checked_before(desk, tmp_path):
    """No stale rows under a new error, and "no rows" — not "loading…" — where nothing loads."""
    good = write(tmp_path / "a.csv", "67/KH-UBND,Rà soát quy hoạch phân khu,TCKH,30/09/2021")
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        rows = app.screen.query_one("#import-rows", LazyTable)
        problems = app.screen.query_one("#import-problems", LazyTable)
        assert "No rows" in rows.render_line(1).text and "Loading" not in rows.render_line(1).text
        await pilot.press("escape")
        await settle(pilot)
        await check(pilot, good)  # (a new review screen)
        rows = app.screen.query_one("#import-rows", LazyTable)
        problems = app.screen.query_one("#import-problems", LazyTable)
        assert rows.row_count == 1
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "missing.csv")
        app.screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "✗" in plain(app.screen.query_one("#import-summary"))
        assert rows.row_count == 0 and problems.row_count == 0
        assert "No rows" in problems.render_line(1).text


async def test_while_the_import_runs_it_says_so_and_nothing_else_starts(desk, tmp_path):
    """A big file takes seconds: the summary says it is importing, and Ctrl+S, Ctrl+R or Esc
    pressed meanwhile neither start a second run nor close the screen under it."""
    import threading

    path = write(tmp_path / "giao-viec.csv", "67/KH-UBND,Rà soát quy hoạch phân khu,TCKH,30/09/2021")
    before = query.count_tasks(desk)
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await check(pilot, path)
        backend = app.backend
        real, release, runs = backend.import_files, threading.Event(), []

        def slow_import(paths, **options):
            if not options.get("dry_run"):
                runs.append(paths)
                release.wait(10)
            return real(paths, **options)

        backend.import_files = slow_import
        screen = app.screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        for _ in range(5):
            await pilot.pause()
        assert "Đang nhập giao-viec.csv" in plain(screen.query_one("#import-summary"))
        for key in ("ctrl+s", "ctrl+r", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert app.screen is screen and len(runs) == 1
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert query.count_tasks(desk) == before + 1


async def test_each_problem_is_read_whole_at_80x24(desk, tmp_path):
    """At 80 columns a problem was cut where it names what to do ('không biết đơn vị
    "Phòng Tài chánh"; gầ…'): the row's problems under the cursor are said whole below."""
    from tui_helpers import screen_lines

    path = write(tmp_path / "giao-viec.csv",
                 "67/KH-UBND,Rà soát quy hoạch phân khu,TCKH,30/09/2021",
                 "67/KH-UBND,Kiểm tra công trình,Phòng Tài chánh Kế hoạch cũ,hôm qua")
    app = make_desk_app(desk, lang="vi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await check(pilot, path)
        screen = app.screen
        problems = screen.query_one("#import-problems", LazyTable)
        assert app.focused is problems
        whole = problems.row_at(problems.cursor_index).values["message"]
        assert "TCKH" in whole or "thời hạn" in whole
        text = "\n".join(screen_lines(app))
        said = " ".join(text.split())
        assert " ".join(whole.split()) in said, text  # the message, wrapped but whole
        await pilot.press("down")
        await settle(pilot)
        whole = problems.row_at(problems.cursor_index).values["message"]
        said = " ".join("\n".join(screen_lines(app)).split())
        assert " ".join(whole.split()) in said
        # on the file's rows: that row's problems; none on a good row
        rows = screen.query_one("#import-rows", LazyTable)
        rows.focus()
        await pilot.press("home")
        await settle(pilot)
        assert not screen.query_one("#import-problem").display
        await pilot.press("down")
        await settle(pilot)
        shown = plain(screen.query_one("#import-problem"))
        assert "Phòng Tài chánh" in shown and "hôm qua" in shown


async def test_the_app_s_keys_do_not_leave_the_import_form(desk, tmp_path):
    """On the import screen, a digit or q pressed on its list of choices ("Dòng đã có trong
    dữ liệu") switched to another screen, or quit the app, the file and choices typed lost:
    the screen is a form, its own keys only (Esc closes it)."""
    from textual.widgets import Select

    path = write(tmp_path / "giao-viec.csv", "67/KH-UBND,Rà soát quy hoạch phân khu,TCKH,30/09/2021")
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await check(pilot, path)
        screen = app.screen
        screen.query_one("#import-update", Select).focus()
        for key in ("2", "3", "i", "q"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen and app.is_running, key
        assert screen.query_one("#import-path", Input).value == path
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ImportScreen)
