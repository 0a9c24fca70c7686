"""A directive's annex of tasks — TT, Nội dung, Đơn vị chủ trì, Đơn vị phối hợp, Thời hạn, in
sections "I. LĨNH VỰC KINH TẾ", "II. …" — imports as it is: ``--directive`` names the directive
of the rows that name none, and a section's heading is the work group of the tasks under it."""
from __future__ import annotations

import pytest

from tracker.services import query
from tracker.services.importing import import_files

HEADER = ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]
ANNEX = [
    ["I", "LĨNH VỰC KINH TẾ", None, None, None],
    [1, "Rà soát dự án chậm tiến độ", "Phòng Tài chính - Kế hoạch", "Phòng QLĐT", "Quý III/2021"],
    [2, "Đôn đốc giải ngân vốn đầu tư công", "TCKH", None, "trước ngày 30/9/2021"],
    ["II", "Văn hóa - xã hội", None, None, None],  # (numbered in its own cell: a heading in any case)
    [1, "Rà soát hồ sơ đất đai tồn đọng", "TNMT", "Phường 5", "trong tháng 8/2021"],
    [None, "B. Quốc phòng, an ninh", None, None, None],  # (numbered before its words)
    [1, "Kiểm tra công tác phòng cháy", "QLDT", None, "Quý IV/2021"],
]


def _xlsx(path, rows, header=HEADER):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "PHỤ LỤC: DANH MỤC NHIỆM VỤ"
    for r, row in enumerate([header, *rows], start=3):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    wb.save(path)
    return str(path)


def _tasks(ctx):
    return {t.content: t for t in query.list_tasks(ctx, query.TaskFilter())}


def test_an_annex_imports_with_its_directive_named_and_its_sections_as_groups(office, tmp_path):
    report = import_files(office, [_xlsx(tmp_path / "phu-luc.xlsx", ANNEX)], directive="320-KL/TU")
    assert report.committed and report.error_count == 0, [p.message() for p in report.problems]
    assert report.total("added") == 4 and report.total("rejected") == 0
    tasks = _tasks(office)
    assert {t.directive for t in tasks.values()} == {"320-KL/TU"}
    assert {c: t.group for c, t in tasks.items()} == {
        "Rà soát dự án chậm tiến độ": "LĨNH VỰC KINH TẾ",
        "Đôn đốc giải ngân vốn đầu tư công": "LĨNH VỰC KINH TẾ",
        "Rà soát hồ sơ đất đai tồn đọng": "Văn hóa - xã hội",
        "Kiểm tra công tác phòng cháy": "Quốc phòng, an ninh"}
    headings = [p for p in report.warnings if p.key == "import.section_heading"]
    assert [(p.row, p.expected) for p in headings] == [
        (4, "LĨNH VỰC KINH TẾ"), (7, "Văn hóa - xã hội"), (9, "Quốc phòng, an ninh")]
    assert "là tiêu đề mục, không phải nhiệm vụ" in headings[0].message()
    # loaded again: nothing changes (the group a heading gives is compared like a cell's)
    again = import_files(office, [_xlsx(tmp_path / "phu-luc.xlsx", ANNEX)], directive="320-KL/TU")
    assert again.committed and again.total("unchanged") == 4 and again.total("added") == 0


def test_a_row_naming_its_own_directive_or_group_keeps_it(office, tmp_path):
    header = ["STT", "Số, ký hiệu văn bản", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Nhóm công việc", "Thời hạn"]
    rows = [["I", None, "CẢI CÁCH HÀNH CHÍNH", None, None, None],
            [1, "67/KH-UBND", "Công khai thủ tục hành chính", "TCKH", None, "30/09/2021"],
            [2, None, "Rà soát quy trình nội bộ", "QLDT", "Chuyển đổi số", "30/09/2021"]]
    report = import_files(office, [_xlsx(tmp_path / "nv.xlsx", rows, header)], directive="320-KL/TU")
    assert report.committed, [p.message() for p in report.problems]
    tasks = _tasks(office)
    assert (tasks["Công khai thủ tục hành chính"].directive,
            tasks["Công khai thủ tục hành chính"].group) == ("67/KH-UBND", "CẢI CÁCH HÀNH CHÍNH")
    assert (tasks["Rà soát quy trình nội bộ"].directive,
            tasks["Rà soát quy trình nội bộ"].group) == ("320-KL/TU", "Chuyển đổi số")


def test_a_task_that_lacks_its_lead_unit_is_still_an_error(office, tmp_path):
    """A numbered row in ordinary words is a task, whatever it lacks: never a heading."""
    rows = [[1, "Rà soát dự án chậm tiến độ", None, None, "Quý III/2021"],
            [2, "Đôn đốc giải ngân", None, None, None]]
    report = import_files(office, [_xlsx(tmp_path / "nv.xlsx", rows)], directive="320-KL/TU")
    assert not report.committed
    assert [(p.key, p.row) for p in report.problems] == [("import.required", 4), ("import.required", 5)]
    assert query.list_tasks(office, query.TaskFilter()) == []


def test_without_the_directive_the_missing_column_says_how_to_name_it(office, tmp_path):
    report = import_files(office, [_xlsx(tmp_path / "phu-luc.xlsx", ANNEX)])
    assert not report.committed
    [missing] = [p for p in report.problems if p.key == "import.missing_directive_column"]
    assert "--directive" in missing.message() and "Số, ký hiệu văn bản" in missing.message()


def test_a_directive_the_store_lacks_is_refused_before_a_row_is_read(office, tmp_path):
    from tracker.services.errors import NotFoundError

    with pytest.raises(NotFoundError) as err:
        import_files(office, [_xlsx(tmp_path / "phu-luc.xlsx", ANNEX)], directive="320-KL")
    assert "320-KL/TU" in err.value.message()  # (the closest number)
    assert query.list_tasks(office, query.TaskFilter()) == []


def test_the_command_takes_the_directive(run, office, tmp_path):
    path = _xlsx(tmp_path / "phu-luc.xlsx", ANNEX)
    r = run("import", path)
    assert r.code == 1 and "--directive" in r.stderr
    r = run("import", path, "--directive", "320-KL/TU")
    assert r.code == 0, r.stderr
    assert "thêm 4" in r.stderr + r.stdout
    r = run("import", path, "--directive", "999/XX")
    assert r.code == 1 and "999/XX" in r.stderr and "Traceback" not in r.stderr
