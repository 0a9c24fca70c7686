"""The paper (Decree 30/2020/NĐ-CP layout) read back with python-docx."""
from __future__ import annotations

import datetime as dt

import docx as python_docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from report_samples import overdue_report, summary_report
from tracker.reports import docx as paper_docx


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "bao-cao.docx"
    paper = paper_docx.Paper(number="12", date=dt.date(2021, 4, 5), signer="Hồ Sỹ Trình")
    paper_docx.write_docx(path, summary_report(), overdue_report(), paper)
    return python_docx.Document(str(path))


def _texts(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_heading_block(document):
    head = document.tables[0]
    assert _texts(head.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÔNG HÀ"]
    assert _texts(head.cell(0, 1)) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                       "Độc lập - Tự do - Hạnh phúc"]
    assert head.cell(1, 0).text == "Số: 12/BC-UBND"
    assert head.cell(1, 1).text == "Đông Hà, ngày 05 tháng 4 năm 2021"
    date_run = head.cell(1, 1).paragraphs[0].runs[0]
    assert date_run.italic and not date_run.bold
    motto_run = head.cell(0, 1).paragraphs[1].runs[0]
    assert motto_run.bold


def test_number_left_blank_for_registration(tmp_path):
    path = tmp_path / "x.docx"
    paper_docx.write_docx(path, summary_report(), paper=paper_docx.Paper(date=dt.date(2020, 12, 4)))
    head = python_docx.Document(str(path)).tables[0]
    number = head.cell(1, 0).text
    assert number.startswith("Số: ") and number.endswith("/BC-UBND")
    assert number[4:-8].strip() == ""  # room to write the number by hand
    assert head.cell(1, 1).text == "Đông Hà, ngày 04 tháng 12 năm 2020"


def test_title_and_body(document):
    texts = [p.text for p in document.paragraphs]
    i = texts.index("BÁO CÁO")
    assert texts[i + 1] == "Tình hình thực hiện nhiệm vụ Quý I/2021"
    assert document.paragraphs[i].runs[0].bold
    assert any(t.startswith("Tổng số 138 nhiệm vụ được giao; đã hoàn thành 93 (đúng hạn: 77, "
                            "quá hạn: 16)") and "Tỷ lệ hoàn thành 88,6%" in t for t in texts)
    assert "I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ" in texts
    assert "II. CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH" in texts
    # the quarter's table counts the quarter's tasks; the list below it is every overdue one
    intro = texts[texts.index("II. CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH") + 1]
    assert intro.endswith("(mọi nhiệm vụ đang theo dõi, không riêng các nhiệm vụ giao trong kỳ báo cáo):"), intro


def test_summary_table_contents(document):
    table = document.tables[1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0][:3] == ["TT", "Đơn vị chủ trì", "Tổng\nsố"]
    assert rows[2] == ["2", "Phòng Quản lý đô thị", "49", "25", "9", "7", "6", "2", "0",
                       "85,0%", "26,5%"]
    assert rows[4][-2:] == ["-", "-"]
    # the total row: the first two cells are merged
    assert rows[-1][0] == rows[-1][1] == "Tổng cộng"
    assert rows[-1][2:] == ["138", "77", "16", "22", "12", "10", "1", "88,6%", "17,2%"]


def test_overdue_table_by_unit(document):
    table = document.tables[2]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[1][0] == "1. Phòng Tài chính - Kế hoạch: 2 nhiệm vụ quá hạn, lâu nhất 74 ngày"
    assert rows[2][:3] == ["1", "Tham mưu xây dựng phương án thu ngân sách bù hụt thu do ảnh "
                                "hưởng dịch Covid-19", "18-KL/TU"]
    assert rows[2][3] == "31/12/2020\n(trong tháng 12/2020)"
    assert rows[2][4:] == ["74", "1", "PCT Hoàng Nam"]
    units = [r[0] for r in rows if r[0] == r[-1] and ". " in r[0]]
    assert [u.split(":")[0] for u in units] == [
        "1. Phòng Tài chính - Kế hoạch", "2. UBND Phường 5", "3. Phòng Quản lý đô thị"]


def test_recipients_and_signature(document):
    sign = document.tables[-1]
    left, right = _texts(sign.cell(0, 0)), _texts(sign.cell(0, 1))
    assert left[0] == "Nơi nhận:" and left[-1] == "- Lưu: VT."
    assert right[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and right[-1] == "Hồ Sỹ Trình"


def test_page_and_font_per_decree(document):
    section = document.sections[0]

    def mm(length):  # stored in twips: compare to a tenth of a millimetre
        return round(length / Mm(1), 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)  # A4
    assert mm(section.top_margin) == mm(section.bottom_margin) == 20
    assert mm(section.left_margin) == 30 and mm(section.right_margin) == 15
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    body_sizes = {r.font.size.pt for r in runs}
    assert body_sizes <= {12.0, 13.0, 14.0}
    assert section.different_first_page_header_footer  # page numbers from page 2


def test_overdue_only_paper_numbers_its_part_one(tmp_path):
    path = tmp_path / "o.docx"
    paper_docx.write_docx(path, overdue=overdue_report())
    texts = [p.text for p in python_docx.Document(str(path)).paragraphs]
    assert "I. CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH" in texts
    assert "Các nhiệm vụ quá hạn, tính đến ngày 15/03/2021" in texts  # its own subject


def test_nothing_to_print_is_an_error():
    with pytest.raises(ValueError):
        paper_docx.build_document()


def test_long_table_rows_written_while_saving(tmp_path):
    """A table of thousands of rows is written row by row while the paper is saved: every
    row is there with its own texts, and carries what the one laid-out row had (fonts,
    widths, kept whole).  Texts with a tab, a line break, spaces at the ends or nothing
    come out as python-docx writes them."""
    from report_samples import build_overdue_report
    from tracker.reports.data import TaskLine

    today = dt.date(2021, 6, 15)
    units = ["Phòng Nội vụ", "UBND Phường 1", "Phòng Y tế"]
    contents = ["Rà soát\thồ sơ", " Báo cáo tiến độ ", "Hai dòng\nmột ô", "Kiểm tra"]
    lines = [TaskLine(i, units[i % 3], f"{i}/KH-UBND", contents[i % 4] + f" {i}",
                      dt.date(2021, 1, 1) + dt.timedelta(days=i % 150),
                      deadline_text="" if i % 2 else "trong Quý I",
                      days_overdue=(today - dt.date(2021, 1, 1)).days - i % 150,
                      extensions=i % 3 // 2, leader="" if i % 5 == 0 else "PCT Hoàng Nam")
             for i in range(1, 3001)]
    report = build_overdue_report(lines, today)
    path = tmp_path / "long.docx"
    paper_docx.write_docx(path, overdue=report)
    table = python_docx.Document(str(path)).tables[1]
    rows = table.rows
    assert len(rows) == 1 + 3 + 3000  # header, a heading per unit, every task
    by_id = {ln.task_id: ln for ln in lines}
    seen = 0
    for row in rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0] == cells[-1]:  # a unit's heading, merged across
            assert cells[0].split(". ", 1)[1].split(":")[0] in units
            continue
        seen += 1
        assert cells[0] == str(seen)
        task_id = int(cells[2].split("/")[0])
        ln = by_id[task_id]
        assert cells[1] == ln.content
        assert cells[3].split("\n")[0] == ln.deadline.strftime("%d/%m/%Y")
        assert cells[4] == f"{ln.days_overdue:,}".replace(",", ".")
        assert cells[5] == ("1" if ln.extensions else "")
        assert cells[6] == ln.leader
    assert seen == 3000
    # python-docx's own reading of the special texts
    texts = {c.text for r in rows[1:] for c in r.cells}
    assert "Rà soát\thồ sơ 4" in texts and "Hai dòng\nmột ô 2" in texts
    assert " Báo cáo tiến độ  1" in texts
    # every body row keeps what the laid-out row had
    last = rows[-1]
    assert last._tr.trPr.find(qn("w:cantSplit")) is not None
    assert [round(c.width.cm, 1) for c in last.cells] == [0.9, 6.0, 2.5, 2.3, 1.3, 1.1, 2.4]
    run = last.cells[1].paragraphs[0].runs[0]
    assert run.font.name == "Times New Roman" and run.font.size.pt == 11
    assert last.cells[4].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
