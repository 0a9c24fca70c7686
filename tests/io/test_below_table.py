"""The lines below a table — a sheet's signature block, a note — are left out with one
warning; a row naming no task among the tasks is still an error."""
from __future__ import annotations

from tracker.services import query
from tracker.services.importing import import_files

HEADER = ["STT", "Số, ký hiệu văn bản", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Ghi chú"]
TASKS = [[1, "320-KL/TU", "Rà soát quy hoạch phân khu", "TCKH", "30/06/2021", "Ưu tiên"],
         [2, "320-KL/TU", "Báo cáo kết quả thực hiện", "P5", "Quý III/2021", ""]]


def _xlsx(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "UBND THÀNH PHỐ ĐÔNG HÀ"
    ws.merge_cells("A1:C1")
    ws["A3"] = "DANH SÁCH NHIỆM VỤ GIAO NĂM 2021"
    ws.merge_cells("A3:F3")
    for r, row in enumerate([HEADER, *rows], start=5):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    wb.save(path)
    return str(path)


def test_a_sheets_signature_block_is_left_out_with_a_warning(office, tmp_path):
    rows = [*TASKS, [None] * 6, ["Người lập biểu", None, None, None, "Chánh Văn phòng"],
            [None, None, None, None, "(đã ký)"], ["Nguyễn Văn A", None, None, None, "Trần Thị B"]]
    report = import_files(office, [_xlsx(tmp_path / "nv.xlsx", rows)])
    assert report.committed and report.error_count == 0, [p.message() for p in report.problems]
    assert report.total("added") == 2
    [warning] = [p for p in report.warnings if p.key.startswith("import.below_table")]
    assert (warning.row, warning.extra["last"], warning.value) == (9, 11, "Người lập biểu")
    assert "dòng 9–11" in warning.message() and "3 dòng dưới bảng" in warning.message()
    assert sorted(t.content for t in query.list_tasks(office, query.TaskFilter())) == sorted(
        r[2] for r in TASKS)


def test_one_note_below_a_csv_is_one_line_left_out(office, tmp_path):
    import csv

    f = tmp_path / "nv.csv"
    with f.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([HEADER, *TASKS, [], ["Ghi chú: số liệu đến 15/6", "", "", "", "", ""]])
    report = import_files(office, [str(f)])
    assert report.committed, [p.message() for p in report.problems]
    [warning] = report.warnings
    assert warning.key == "import.below_table" and warning.row == 5
    assert warning.message() == (f"{f}, dòng 5: bỏ qua dòng dưới bảng (\"Ghi chú: số liệu đến 15/6\"), như "
                                 "chữ ký hay ghi chú: dòng này thiếu những ô một dòng của bảng phải có.")


def test_a_unit_and_a_directive_sheet_leave_their_signature_out_too(office, tmp_path):
    units = tmp_path / "don-vi.csv"
    units.write_text("Mã,Tên đơn vị,Loại\nX1,Phòng Thử,phòng ban\n\nNgười lập,,Chánh Văn phòng\n", encoding="utf-8")
    docs = tmp_path / "van-ban.csv"
    docs.write_text("Số ký hiệu,Loại,Cơ quan ban hành,Ngày ban hành,Trích yếu\n"
                    "90/KH-UBND,KH,UBND thành phố,01/03/2021,Kế hoạch thử\n\n"
                    "Người lập,,,,Chánh Văn phòng\n,,,,Trần Thị B\n", encoding="utf-8")
    report = import_files(office, [str(units), str(docs)])
    assert report.committed, [p.message() for p in report.problems]
    assert sorted((p.key, p.row) for p in report.warnings) == [
        ("import.below_table", 4), ("import.below_table_rows", 4)]
    assert report.total("added") == 2


def test_a_row_naming_no_task_among_the_tasks_is_still_an_error(office, tmp_path):
    rows = [TASKS[0], [3, None, None, None, "30/07/2021", "chưa rõ"], TASKS[1]]
    report = import_files(office, [_xlsx(tmp_path / "nv.xlsx", rows)])
    assert not report.committed
    assert {(p.row, p.key) for p in report.problems} == {
        (7, "import.required")}, [p.message() for p in report.problems]
    assert not any(p.key.startswith("import.below_table") for p in report.warnings)


def test_a_sheet_of_rows_naming_no_task_is_refused_not_left_out(office, tmp_path):
    report = import_files(office, [_xlsx(tmp_path / "nv.xlsx", [[1, None, None, None, "30/06/2021", "x"]])])
    assert not report.committed and report.error_count == 3
    assert not report.warnings
    assert query.count_tasks(office, query.TaskFilter()) == 0


def test_a_signature_under_the_directive_column_is_left_out_too(office, tmp_path):
    """Without an STT column the signature's first words stand under 'Số, ký hiệu văn bản':
    a line of at most two cells lacking the content is still below the table."""
    f = tmp_path / "nv.csv"
    f.write_text('"Số, ký hiệu văn bản",Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\n'
                 "320-KL/TU,Rà soát quy hoạch,TCKH,30/06/2021\n\n"
                 "Người lập biểu,,,KT. CHỦ TỊCH\n,,,PHÓ CHỦ TỊCH\n", encoding="utf-8")
    report = import_files(office, [str(f)])
    assert report.committed and report.total("added") == 1, [p.message() for p in report.problems]
    [warning] = report.warnings
    assert (warning.key, warning.row, warning.extra["count"]) == ("import.below_table_rows", 4, 2)
