"""Reports and lists from the desk: Ctrl+E writes what the screen shows (the filtered task
list, the units scorecard of the period on screen, else the overdue list) to the file
named — its ending picks XLSX, CSV or the signed-paper DOCX; the palette has each by name
and previews the nightly report."""
from __future__ import annotations

import csv

from textual.widgets import Input

from tui_helpers import make_desk_app, settle
from tracker.services import query
from tracker.tui.screens.exports import ExportForm, ReportPreview


async def _write(pilot, path) -> None:
    form = pilot.app.screen
    assert isinstance(form, ExportForm)
    form.query_one("#path", Input).value = str(path)
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_the_filtered_task_list_to_xlsx_and_csv(desk, tmp_path):
    from openpyxl import load_workbook

    app = make_desk_app(desk, start="tasks", lang="en")
    app.last_export_dir = str(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ExportForm) and form.kind == "tasks"
        assert form.query_one("#path", Input).value.startswith(str(tmp_path))
        await _write(pilot, tmp_path / "open.xlsx")
        assert not isinstance(app.screen, ExportForm)
        open_tasks = query.count_tasks(desk, query.TaskFilter(status=("open",)))
        rows = list(load_workbook(tmp_path / "open.xlsx").active.iter_rows(values_only=True))
        assert len(rows) == 1 + open_tasks
        assert any("written to" in str(n.message) for n in app._notifications)
        # an ending no report takes is refused, nothing written
        await pilot.press("ctrl+e")
        await settle(pilot)
        await _write(pilot, tmp_path / "open.xls")
        assert isinstance(app.screen, ExportForm)
        assert not (tmp_path / "open.xls").exists()
        await _write(pilot, tmp_path / "open.csv")
        with open(tmp_path / "open.csv", encoding="utf-8-sig") as f:
            assert len(list(csv.reader(f))) == 1 + open_tasks


async def test_a_file_that_cannot_be_written_keeps_the_form_at_its_name(desk, tmp_path):
    """The form opens at the file's name; a folder that is not there is said under it, the
    form stays with what was typed; a day that is none is said in the field's own words."""
    app = make_desk_app(desk, start="tasks")
    app.last_export_dir = str(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert form.focused.id == "path"  # (not the optional day below it)
        form.query_one("#as_of", Input).value = "31/2/2021"
        await settle(pilot)
        assert "Tính đến ngày: ngày “31/2/2021” không tồn tại" in str(form.query_one("#as_of-hint").render())
        form.query_one("#as_of", Input).value = ""
        target = tmp_path / "khong-co" / "viec.xlsx"
        await _write(pilot, target)
        assert app.screen is form and form.focused.id == "path"
        said = f"Không ghi được {target}: không có thư mục {target.parent}."
        assert said in str(form.query_one("#path-hint").render())
        assert not (tmp_path / "khong-co").exists()


async def test_units_scorecard_of_the_period_on_screen_to_signed_docx(desk, tmp_path):
    from docx import Document

    app = make_desk_app(desk, start="units", lang="vi")
    app.last_export_dir = str(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert app.screen.kind == "summary"
        await _write(pilot, tmp_path / "units.docx")
        text = "\n".join(p.text for p in Document(tmp_path / "units.docx").paragraphs)
        assert "2021" in text
        tables = Document(tmp_path / "units.docx").tables
        cells = " ".join(c.text for t in tables for r in t.rows for c in r.cells)
        assert "Phòng Quản lý đô thị" in cells or "QLDT" in cells


async def test_palette_exports_the_overdue_list_and_previews_the_nightly_report(desk, tmp_path):
    from textual.command import CommandPalette

    app = make_desk_app(desk, start="today", lang="vi")
    app.last_export_dir = str(tmp_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Xuất danh sách quá hạn (XLSX, CSV, DOCX)"].callback()
        await settle(pilot)
        assert app.screen.kind == "overdue"
        await _write(pilot, tmp_path / "late.csv")
        with open(tmp_path / "late.csv", encoding="utf-8-sig") as f:
            lines = list(csv.reader(f))
        assert any("Báo cáo tiến độ chỉnh trang đường Lê Lợi" in cell for row in lines for cell in row)
        commands["Xem trước báo cáo quá hạn hằng đêm"].callback()
        await settle(pilot)
        assert isinstance(app.screen, ReportPreview)
        assert "QUÁ HẠN" in app.screen.text and "Báo cáo tiến độ" in app.screen.text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (ReportPreview, CommandPalette))


async def test_the_task_list_as_it_stood_on_a_past_day(desk, tmp_path, monkeypatch):
    """The export form's "As of" day writes the register of that day, rebuilt from history
    (as `tracker export --as-of`): a task done after it is still open in the file."""
    import datetime as dt
    import json

    from tracker.services import history, tasks

    # the desk was written today (UTC); a task is done "later" — in 2030
    day = history.now().date()
    monkeypatch.setattr(history, "now", lambda: dt.datetime(2030, 1, 2, 9, 0))
    tasks.complete_task(desk, desk.ids["soon"], on="14/06/2021", proof="Báo cáo số 20/BC-TCKH")
    app = make_desk_app(desk, start="tasks", lang="en")
    app.last_export_dir = str(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert "blank: the register now" in str(form.query_one("#as_of-hint").render())
        form.query_one("#as_of", Input).value = "31/02/2021"  # no such day: refused, nothing written
        await _write(pilot, tmp_path / "then.json")
        assert isinstance(app.screen, ExportForm) and not (tmp_path / "then.json").exists()
        form.query_one("#as_of", Input).value = day.strftime("%d/%m/%Y")
        await settle(pilot)
        assert f"as it stood at the end of {day:%d/%m/%Y}" in str(form.query_one("#as_of-hint").render())
        await _write(pilot, tmp_path / "then.json")
        assert not isinstance(app.screen, ExportForm)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await _write(pilot, tmp_path / "now.json")
    status = {name: {t["id"]: t["status"] for t in json.loads((tmp_path / name).read_text())}
              for name in ("then.json", "now.json")}
    # the list on screen is of the open tasks: the one done later was one of them that day
    assert desk.ids["soon"] not in status["now.json"]
    assert status["then.json"][desk.ids["soon"]] == "open"
    assert set(status["then.json"]) == set(status["now.json"]) | {desk.ids["soon"]}
    # the app's own register is still today's
    assert desk.as_of is None and query.get_task(desk, desk.ids["soon"]).task.status == "done"


async def test_a_name_already_there_is_said_before_it_is_written_over(desk, tmp_path):
    """Ctrl+E then Ctrl+S twice wrote the same file twice, the form saying a plain ✓ XLSX: a
    file already there is said under its name (Save still writes over it, as asked)."""
    app = make_desk_app(desk, start="tasks", lang="en")
    app.last_export_dir = str(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        form.query_one("#path", Input).value = str(tmp_path / "open.csv")
        await settle(pilot)
        assert "exists" not in str(form.query_one("#path-hint").render())
        (tmp_path / "open.csv").write_text("kept?\n", encoding="utf-8")
        form.refresh_hints()  # (as the next key typed would: the name is the same)
        await settle(pilot)
        hint = form.query_one("#path-hint")
        assert "This file exists: Save writes over it" in str(hint.render()) and hint.has_class("-warn")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportForm)
        assert (tmp_path / "open.csv").read_text(encoding="utf-8-sig").startswith("ID,")


async def test_the_next_run_offers_the_folder_the_last_report_went_to(desk, tmp_path, monkeypatch):
    """Quit and come back: Ctrl+E offered the folder the app was started from again, not
    the one the clerk's reports had gone to."""
    monkeypatch.setenv("TRACKER_STATE_DIR", str(tmp_path / "state"))
    reports = tmp_path / "Báo cáo"
    reports.mkdir()
    app = make_desk_app(desk, start="tasks", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await _write(pilot, reports / "open.xlsx")
        assert (reports / "open.xlsx").exists()
    again = make_desk_app(desk, start="tasks", lang="en")  # the next run
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        path = again.screen.query_one("#path", Input).value
        assert path.startswith(str(reports) + "/"), path
