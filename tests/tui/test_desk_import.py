"""Import without typing paths: Ctrl+O opens a folder tree at the folder used last, with
the recent files; Space marks several, Enter takes them.  Units never imported are said
once, not row by row."""
from __future__ import annotations

from textual.widgets import DirectoryTree, Input, OptionList

from tui_helpers import make_desk_app, settle
from tracker.tui.screens.import_review import ImportScreen
from tracker.tui.screens.picker import FilePicker
from tracker.tui.widgets.lazy_table import LazyTable

HEADER = "\"Số, ký hiệu văn bản\",Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\n"


async def _settle(pilot) -> None:
    """settle, but the DirectoryTree's loader (a worker that waits for folders to read for
    as long as the tree lives) is not waited for."""
    for _ in range(3):
        await pilot.pause(0.05)
        others = [w for w in pilot.app.workers if w.group != "_loader"]
        if others:  # (an empty list would mean every worker)
            await pilot.app.workers.wait_for_complete(others)
    await pilot.pause(0.05)


async def _checked(pilot, path):
    """``i``, the file's path typed and checked: the screen's table of problems."""
    await pilot.press("i")
    await settle(pilot)
    field = pilot.app.screen.query_one("#import-path", Input)
    field.value = str(path)
    field.focus()
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.screen.query_one("#import-problems", LazyTable)


async def _tree_to(pilot, name: str) -> None:
    tree = pilot.app.screen.query_one(DirectoryTree)
    for _ in range(40):
        node = tree.cursor_node
        if node is not None and node.data is not None and node.data.path.name == name:
            return
        await pilot.press("down")
        await _settle(pilot)
    raise AssertionError(f"{name} not in the tree")


async def test_pick_files_from_the_tree_then_from_recent(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "giao-viec.csv").write_text(
        HEADER + "67/KH-UBND,Rà soát quy hoạch phân khu,TCKH,30/09/2021\n", encoding="utf-8")
    (folder / "ghi-chu.docx").write_bytes(b"")  # not a file the importer reads: not shown
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(110, 36)) as pilot:
        await _settle(pilot)
        await pilot.press("i")
        await _settle(pilot)
        await pilot.press("ctrl+o")
        await _settle(pilot)
        picker = app.screen
        assert isinstance(picker, FilePicker) and not picker.query("#recent")
        await _tree_to(pilot, "inbox")
        await pilot.press("enter")  # opens the folder
        await _settle(pilot)
        await _tree_to(pilot, "giao-viec.csv")
        labels = [str(n.label) for n in picker.query_one(DirectoryTree).root.children[0].children]
        assert labels == ["giao-viec.csv"]
        await pilot.press("enter")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        assert screen.query_one("#import-path", Input).value == str(folder / "giao-viec.csv")
        assert screen.report is not None and screen.report.ok
        await pilot.press("escape")
        await _settle(pilot)
        # next time: the folder used last, and the file among the recent ones
        await pilot.press("i")
        await _settle(pilot)
        await pilot.press("ctrl+o")
        await _settle(pilot)
        picker = app.screen
        assert str(picker.folder) == str(folder)
        recent = picker.query_one("#recent", OptionList)
        assert "giao-viec.csv" in str(recent.get_option_at_index(0).prompt)
        recent.focus()
        recent.highlighted = 0
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, ImportScreen) and app.screen.report is not None


async def test_units_never_imported_are_said_once(ctx, tmp_path):
    from tracker.services.directives import add_directive

    add_directive(ctx, "67/KH-UBND", type_code="KH", issuer="UBND thành phố", date="10/01/2020",
                  title="Kế hoạch")
    path = tmp_path / "tasks.csv"
    path.write_text(HEADER + "".join(f"67/KH-UBND,Việc {i},Phòng Số {i % 7},30/09/2021\n"
                                     for i in range(40)), encoding="utf-8")
    app = make_desk_app(ctx, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        problems = await _checked(pilot, path)
        texts = [" ".join(str(v) for v in problems.row_at(i).values.values())
                 for i in range(problems.row_count)]
        assert len(texts) == 1, texts
        assert "Import the units first" in texts[0] and "40 rows" in texts[0]


def test_the_command_says_it_once_too(run, tmp_path):
    from tracker.services.directives import add_directive  # noqa: F401 - via the command

    run("directive", "add", "67/KH-UBND", "--type", "KH", "--issuer", "UBND thành phố",
        "--date", "10/01/2020", "--title", "Kế hoạch")
    path = tmp_path / "tasks.csv"
    path.write_text(HEADER + "".join(f"67/KH-UBND,Việc {i},Phòng Số {i % 7},30/09/2021\n"
                                     for i in range(40)), encoding="utf-8")
    r = run("import", "--dry-run", path)
    assert r.code == 1
    assert r.stderr.count("chưa có đơn vị nào trong kho") == 1
    assert "gần nhất" not in r.stderr


async def test_a_directive_s_annex_is_imported_with_the_directive_typed(desk, tmp_path):
    """A sheet of one directive's tasks has no directive column: the screen says where to
    name it (its field, not the command's --directive), and with it typed the rows import,
    a section's heading the group of the tasks under it."""
    from tracker.services import query

    path = tmp_path / "phu-luc.csv"
    path.write_text("TT,Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\nI,LĨNH VỰC KINH TẾ,,\n"
                    "1,Rà soát dự án chậm tiến độ,TCKH,30/09/2021\n", encoding="utf-8")
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        problems = await _checked(pilot, path)
        first = " ".join(str(v) for v in problems.row_at(0).values.values())
        assert "ô “Văn bản của các nhiệm vụ” ở trên" in first and "--directive" not in first
        directive = app.screen.query_one("#import-directive", Input)
        directive.value = "320-KL/TU"
        directive.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.report is not None and app.screen.report.error_count == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")  # (the confirmation)
        await settle(pilot)
    [task] = [t for t in query.list_tasks(desk, query.TaskFilter()) if t.content == "Rà soát dự án chậm tiến độ"]
    assert (task.directive, task.group) == ("320-KL/TU", "LĨNH VỰC KINH TẾ")
