"""A department's weekly cycle, through the commands: the secretariat exports the unit's open
tasks (XLSX, CSV with ';'), the department edits the sheet in Excel — a progress line, a task
done, an extension line added, columns deleted and reordered, a date typed as text, an ID
formatted as a number — and the secretariat imports it back with ``--update``.  The sheet
read back changes what the department changed, and nothing else; the same sheet again
changes nothing."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.store import tables

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
T, E = tables.task, tables.extension


@pytest.fixture
def office_run(run, db_url):
    res = run("import", *(SAMPLE / n for n in ("units.csv", "directives.csv", "tasks.csv")))
    assert res.code == 0, res.stderr
    return run


def _store(db_url):
    from tracker.services.context import Context

    return Context.open(db_url, user="tester", today=dt.date(2021, 6, 15))


def _open_dated_tasks(db_url, unit="TNMT") -> dict[int, object]:
    """The unit's open tasks with a dated deadline and no extension yet, by id."""
    ctx = _store(db_url)
    try:
        with ctx.read() as conn:
            uid = conn.execute(select(tables.unit.c.id).where(tables.unit.c.code == unit)).scalar()
            extended = select(E.c.task_id)
            rows = conn.execute(select(T).where(T.c.lead_unit_id == uid, T.c.status == "open",
                                                T.c.deadline.is_not(None), T.c.id.not_in(extended))
                                .order_by(T.c.id)).all()
    finally:
        ctx.close()
    return {r.id: r for r in rows}


def _task(db_url, tid):
    ctx = _store(db_url)
    try:
        with ctx.read() as conn:
            row = conn.execute(select(T).where(T.c.id == tid)).one()
            moves = conn.execute(select(E).where(E.c.task_id == tid).order_by(E.c.id)).all()
    finally:
        ctx.close()
    return row, moves


def _read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def _write_csv(path, rows) -> str:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    return str(path)


def test_an_extension_line_added_to_the_export_moves_the_deadline(office_run, db_url, tmp_path):
    """The department adds "30/04/2021 → 31/07/2021: lý do" to the Gia hạn cell of the export
    and leaves its Thời hạn cell as it was: the import refused the row ("thời hạn khác ngày
    gia hạn cuối cùng"), though the cell only said the deadline the new line moves.  Now the
    task is extended as `task extend` extends it: due on the new date, its first deadline kept."""
    run = office_run
    tid, old = next(iter(_open_dated_tasks(db_url).items()))
    path = tmp_path / "tnmt.csv"
    assert run("export", "--unit", "TNMT", "--status", "open", "--delimiter", ";", "-o", path).code == 0
    rows = _read_csv(path)
    head = rows[0]
    for r in rows[1:]:
        if r[head.index("ID")] == str(tid):
            assert r[head.index("Gia hạn")] == ""
            r[head.index("Gia hạn")] = f"{old.deadline:%d/%m/%Y} → 30/09/2021: Chờ ý kiến Sở"
    edited = _write_csv(tmp_path / "tnmt-sua.csv", rows)
    res = run("import", "--update", "--dry-run", edited)
    assert res.code == 0, res.stderr
    assert "cập nhật 1, không đổi" in res.stderr
    res = run("import", "--update", edited)
    assert res.code == 0, res.stderr
    row, moves = _task(db_url, tid)
    assert (row.deadline, row.original_deadline, row.original_deadline_text) == (
        dt.date(2021, 9, 30), old.original_deadline, old.original_deadline_text)
    assert [(m.old_deadline, m.new_deadline, m.reason) for m in moves] == [
        (old.deadline, dt.date(2021, 9, 30), "Chờ ý kiến Sở")]
    again = run("import", "--update", edited)
    assert again.code == 0 and "cập nhật 0" in again.stderr, again.stderr


def test_a_deadline_the_extensions_never_had_is_still_refused_and_says_what_to_do(office_run, db_url, tmp_path):
    run = office_run
    tid, old = next(iter(_open_dated_tasks(db_url).items()))
    path = tmp_path / "gia-han.csv"
    _write_csv(path, [["ID", "Thời hạn", "Gia hạn"],
                      [str(tid), "15/08/2021", f"{old.deadline:%d/%m/%Y} → 30/09/2021: Chờ vốn"]])
    res = run("import", "--update", path)
    assert res.code == 1
    assert 'dòng 2, cột "Thời hạn" (ô B2): thời hạn "15/08/2021" khác ngày gia hạn cuối cùng (30/09/2021)' in res.stderr
    assert "ghi 30/09/2021 vào ô này hoặc để trống ô" in res.stderr  # what to do
    res = run("import", "--update", path, lang="en")
    assert "write 30/09/2021 in this cell or leave it blank" in res.stderr


def test_an_id_column_formatted_as_a_number_names_its_tasks(office_run, db_url, tmp_path):
    """Excel's Number format on the ID column leaves "88.0" (or "88,00" in a Vietnamese
    locale) in the CSV it saves: every row was refused ("không phải mã số").  A whole number
    so written names the task; one with a fraction is still refused, naming the cell."""
    run = office_run
    first, second = list(_open_dated_tasks(db_url))[:2]
    path = _write_csv(tmp_path / "tnmt-so.csv", [
        ["ID", "Tiến độ thực hiện"],
        [f"{first}.0", "10/06/2021: (80%) Đã ban hành quyết định"],
        [f"{second},00", "11/06/2021: Đã họp các phường"],
        ["", ""], ["", ""]])  # (the blank rows Excel leaves below)
    res = run("import", "--update", path)
    assert res.code == 0, res.stderr
    assert "cập nhật 2" in res.stderr
    ctx = _store(db_url)
    try:
        with ctx.read() as conn:
            notes = {(n.task_id, n.on, n.percent) for n in conn.execute(
                select(tables.progress_note).where(tables.progress_note.c.task_id.in_((first, second))))}
    finally:
        ctx.close()
    assert {(first, dt.date(2021, 6, 10), 80), (second, dt.date(2021, 6, 11), None)} <= notes
    bad = _write_csv(tmp_path / "tnmt-le.csv", [["ID", "Ghi chú"], [f"{first}.5", "x"]])
    res = run("import", "--update", bad)
    assert res.code == 1
    assert f'dòng 2, cột "ID" (ô A2): "{first}.5" không phải mã số' in res.stderr


def test_a_column_of_the_departments_own_is_said_with_what_to_do(office_run, db_url, tmp_path):
    """The department adds a column of its own ("Cán bộ theo dõi"): the import said "có phải
    là: Số, ký hiệu văn bản?" — a guess sharing no word with it — and not what to do.  Now a
    column like no known one is said as such, with what to do; a near miss still names the
    column meant."""
    run = office_run
    tid = next(iter(_open_dated_tasks(db_url)))
    path = _write_csv(tmp_path / "tnmt-rieng.csv", [
        ["ID", "Tiến độ thực hiện", "Cán bộ theo dõi", "Ghi chu them"],
        [str(tid), "10/06/2021: Đã họp", "Nguyễn Văn B", "x"]])
    res = run("import", "--update", "--dry-run", path)
    assert res.code == 1
    said = [line for line in res.stderr.splitlines() if "Cán bộ theo dõi" in line]
    assert len(said) == 1 and "có phải là" not in said[0], res.stderr
    assert "xóa cột này (hoặc đặt tên cột như một cột nhận được) rồi nhập lại" in said[0]
    assert 'có phải là: Ghi chú? Đổi tên cột cho đúng, hoặc xóa cột nếu không cần nhập.' in res.stderr
    en = run("import", "--update", "--dry-run", path, lang="en").stderr
    assert "delete the column (or name it as a column the importer knows) and import again" in en


def test_a_problem_names_the_cell_a_spreadsheet_user_looks_for(office_run, db_url, tmp_path):
    """README: every problem names file, row, column "(and cell, e.g. D12)" — the cell was
    worked out and never said.  In the sheet's own columns, reordered as the department left them."""
    import openpyxl

    run = office_run
    first, second = list(_open_dated_tasks(db_url))[:2]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kết quả", "ID", "Trạng thái", "Ngày hoàn thành"])
    ws.append(["BC 12", first, "Đã hoàn thành", "31/02/2021"])
    ws.append(["BC 13", float(second), "Đã hoàn thành", dt.datetime(2021, 6, 10)])
    path = tmp_path / "xong.xlsx"
    wb.save(path)
    res = run("import", "--update", path)
    assert res.code == 1
    assert 'dòng 2, cột "Ngày hoàn thành" (ô D2): "31/02/2021" không phải ngày hợp lệ' in res.stderr
    en = run("import", "--update", path, lang="en").stderr
    assert 'row 2, column "Ngày hoàn thành" (cell D2): "31/02/2021" is not a valid date' in en


def test_the_export_saved_by_excel_in_a_windows_code_page_reads_back(office_run, db_url, tmp_path):
    """Excel on a Vietnamese Windows saves the CSV it opened as cp1258 ("CSV (Comma
    delimited)"), which has no "→": each extension line came back "Quý IV/2020 ? 14/02/2021:
    lý do", was read as one date, and the rows were refused (or their extension misread)."""
    from io_helpers import to_cp1258

    run = office_run
    tid, old = next(iter(_open_dated_tasks(db_url).items()))
    path = tmp_path / "tnmt.csv"
    assert run("export", "--unit", "TNMT", "--status", "open", "--delimiter", ";", "-o", path).code == 0
    rows = _read_csv(path)
    head = rows[0]
    extended_before = [r for r in rows[1:] if "→" in r[head.index("Gia hạn")]]
    assert extended_before, "the sample's TNMT tasks include an extended one"
    for r in rows[1:]:
        if r[head.index("ID")] == str(tid):
            r[head.index("Gia hạn")] = f"{old.deadline:%d/%m/%Y} → 30/09/2021: Chờ vốn"
    _write_csv(tmp_path / "utf8.csv", rows)
    text = (tmp_path / "utf8.csv").read_text(encoding="utf-8-sig").replace("→", "?")
    saved = tmp_path / "tnmt-excel.csv"
    saved.write_bytes(to_cp1258(text))
    res = run("import", "--update", saved)
    assert res.code == 0, res.stderr
    assert "cập nhật 1, không đổi" in res.stderr
    row, moves = _task(db_url, tid)
    assert row.deadline == dt.date(2021, 9, 30) and [m.new_deadline for m in moves] == [dt.date(2021, 9, 30)]


def test_a_progress_line_imported_reads_in_the_history_as_task_note_writes_it(office_run, db_url, tmp_path):
    """`task note … --percent 80` is recorded "… (80%)"; the same line from a sheet
    ("10/06/2021: (80%) …") was recorded without its percent."""
    run = office_run
    first, second = list(_open_dated_tasks(db_url))[:2]
    assert run("task", "note", first, "Đã ban hành quyết định", "--percent", "80", "--on", "10/06/2021").code == 0
    path = _write_csv(tmp_path / "tien-do.csv", [["ID", "Tiến độ thực hiện"],
                                                 [str(second), "10/06/2021: (80%) Đã ban hành quyết định"]])
    assert run("import", "--update", path).code == 0
    said = {}
    for tid in (first, second):
        res = run("task", "history", tid, "--format", "csv")
        said[tid] = [line for line in res.stdout.splitlines() if "Đã ban hành" in line]
    assert len(said[first]) == 1 and "Đã ban hành quyết định (80%)" in said[first][0]
    assert len(said[second]) == 1 and "Đã ban hành quyết định (80%)" in said[second][0], said[second]


def test_a_dry_run_says_what_each_updated_task_would_change(office_run, db_url, tmp_path, monkeypatch):
    """`import --update --dry-run` said only "cập nhật 2": the secretariat could not read
    what a department's sheet would change before writing it.  The summary now lists the
    first updated tasks, each field old → new in `task history`'s words, and counts the rest."""
    from tracker.services.importing import report

    first, second, third = list(_open_dated_tasks(db_url))[:3]
    sheet = tmp_path / "phong.csv"
    sheet.write_text("ID,Trạng thái,Ngày hoàn thành,Tiến độ thực hiện,Ghi chú\n"
                     f'{first},Đã hoàn thành,10/06/2021,"10/06/2021: (100%) Đã ban hành",\n'
                     f'{second},,,,Chờ ý kiến Sở\n{third},,,,Chờ ý kiến Sở\n', encoding="utf-8")
    monkeypatch.setattr(report, "LISTED_CHANGES", 2)
    monkeypatch.setattr("tracker.services.importing.writer.LISTED_CHANGES", 2)
    res = office_run("import", sheet, "--update", "--dry-run")
    assert res.code == 0, res.stderr
    said = res.stderr
    assert (f"dòng 2: nhiệm vụ #{first} — Trạng thái: Đang thực hiện → Đã hoàn thành; "
            f"Ngày hoàn thành: (trống) → 10/06/2021; Tiến độ: + Đã ban hành (100%).") in said, said
    assert f"dòng 3: nhiệm vụ #{second} — Ghi chú: (trống) → Chờ ý kiến Sở." in said
    assert f"nhiệm vụ #{third}" not in said and "và 1 nhiệm vụ khác sẽ được cập nhật." in said
    assert _task(db_url, first)[0].status == "open"  # a dry run: nothing written
    res = office_run("import", sheet, "--update", lang="en")
    assert res.code == 0 and f"row 3: task #{second} — Notes: (blank) → Chờ ý kiến Sở." in res.stderr, res.stderr
    assert "and 1 other task updated (see tracker audit, tracker task history)." in res.stderr
