"""Reading CSV/XLSX/JSON/JSONL as clerks and scripts make them, and refusing what is not."""
from __future__ import annotations

import codecs
import datetime as dt
import io
import json
import random
import unicodedata

import pytest
from io_helpers import TASKS_CSV, to_cp1258
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.io import readers
from tracker.io.problems import ReadError
from tracker.io.readers import open_table


def read_all(path, **kw):
    with open_table(path, **kw) as table:
        rows = list(table.rows())
        return table, rows


def test_csv_utf8_without_bom(write):
    table, rows = read_all(write("t.csv", TASKS_CSV))
    assert table.encoding == "utf-8"
    assert table.delimiter == ","
    assert table.headers == ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]
    assert [r for r, _ in rows] == [2, 3]
    assert rows[0][1]["Đơn vị phối hợp"] == "Phòng Nội vụ; Phường 1"
    assert rows[1][1]["Nội dung nhiệm vụ"] == "Rà soát hộ nghèo, cận nghèo"
    assert table.problems == []


def test_csv_utf8_bom_semicolon_does_not_leak_into_first_header(write):
    data = codecs.BOM_UTF8 + TASKS_CSV.replace(",", ";").replace('"Phòng Nội vụ; Phường 1"', '"Phòng Nội vụ, Phường 1"').encode()
    table, rows = read_all(write("t.csv", data))
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ";"
    assert table.headers[0] == "STT"
    assert rows[0][1]["Đơn vị phối hợp"] == "Phòng Nội vụ, Phường 1"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_csv_utf16_with_bom_tab_separated(write, codec):
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    text = TASKS_CSV.replace(",", "\t").replace('"Rà soát hộ nghèo\t cận nghèo"', "Rà soát hộ nghèo, cận nghèo")
    table, rows = read_all(write("t.txt", bom + text.encode(codec)))
    assert table.delimiter == "\t"
    assert table.headers[1] == "Nội dung nhiệm vụ"
    assert rows[1][1]["Nội dung nhiệm vụ"] == "Rà soát hộ nghèo, cận nghèo"


def test_csv_utf16_without_bom_is_recognised(write):
    table, rows = read_all(write("t.csv", TASKS_CSV.encode("utf-16-le")))
    assert table.encoding == "utf-16-le"
    assert len(rows) == 2


def test_csv_cp1258_detected(write):
    table, rows = read_all(write("t.csv", to_cp1258(TASKS_CSV)))
    assert table.encoding == "cp1258"
    assert table.headers[1] == "Nội dung nhiệm vụ"  # headers are made NFC
    assert unicodedata.normalize("NFC", rows[0][1]["Đơn vị chủ trì"]) == "Phòng Tài chính - Kế hoạch"


def test_csv_cp1252_detected(write):
    text = "Name;City;Note\nJosé Müller;Zürich;café crème brûlée, naïve façade\nRenée Søren;Århus;smörgåsbord\n"
    table, rows = read_all(write("t.csv", text.encode("cp1252")))
    assert table.encoding == "cp1252"
    assert rows[0][1]["Note"] == "café crème brûlée, naïve façade"


# (real bytes: each text as the Windows code page writes it; cp1258 through Vietnamese Windows'
# own way, a tone mark after its vowel)
@pytest.mark.parametrize("text,page", [
    # Western text whose only bytes above ASCII mean the same in cp1250: was said "cp1250"
    ("Code;Name\nA;Ban “Quản lý” – dự án…\n".replace("ả", "a").replace("ý", "y").replace("ự", "u")
     .replace("á", "a"), "cp1252"),
    ("Code;Name\nA;l’Hôtel de Ville – “Zürich”\n", "cp1252"),
    # Western text read as Baltic (cp1257: "crème" → "črčme", the header "Mã" → "Mć") or DOS
    ("Mã;Tên\nFR;Café crème brûlée déjà vu à la carte naïve\n", "cp1252"),
    ("Mã;Tên\nES;Señor Niño – Año Pequeño, acción ¿Qué?\n", "cp1252"),
    # Vietnamese headers saved by a Western Windows: "Mã" is M a ã there (cp1258 would say ă)
    ("Mã;Tên\nHT;Ban Hop tác – Café\n", "cp1252"),
    # Central European: where its letters differ from Western ones
    ("Kod;Nazwa\nPL;Urząd Miasta Łodzi, wydział spraw społecznych\n", "cp1250"),
    ("Kod;Nazwa\nCZ;Příliš žluťoučký kůň úpěl ďábelské ódy\n", "cp1250"),
    # Vietnamese Windows, with a foreign name among the Vietnamese
    ("Mã;Tên\nQT;Phòng Hợp tác quốc tế (Zürich, Café)\n", "cp1258"),
    ("Mã;Tên\nP5;UBND Phường 5\n", "cp1258"),
    # other scripts: left to charset-normalizer as before
    ("Код;Имя\nRU;Привет мир, как дела у тебя сегодня\n", "cp1251"),
])
def test_a_windows_code_page_is_told_by_its_letters(write, text, page):
    data = to_cp1258(text) if page == "cp1258" else text.encode(page)
    table, rows = read_all(write("t.csv", data))
    assert table.encoding == page
    name = rows[0][1][table.headers[1]]
    assert unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", text.split("\n")[1].split(";", 1)[1])


def test_csv_encoding_given(write):
    data = to_cp1258("Nội dung;Đơn vị chủ trì\nĐẩy nhanh tiến độ giải phóng mặt bằng;Phòng Quản lý đô thị\n")
    table, rows = read_all(write("t.csv", data), encoding="windows-1258")
    assert table.encoding == "cp1258"
    assert unicodedata.normalize("NFC", rows[0][1]["Đơn vị chủ trì"]) == "Phòng Quản lý đô thị"


def test_unknown_encoding_is_a_clear_error(write):
    with pytest.raises(ReadError) as err:
        open_table(write("t.csv", TASKS_CSV), encoding="klingon-8")
    assert err.value.key == "io.unknown_encoding"
    assert err.value.fields["value"] == "klingon-8"


def test_wrong_encoding_given_names_the_row(write, tmp_path):
    # UTF-8 text read as strict ASCII fails on the first Vietnamese letter
    with pytest.raises(ReadError) as err:
        read_all(write("t.csv", TASKS_CSV), encoding="ascii")
    assert err.value.key == "io.bad_encoding"


def test_bad_byte_after_the_sample_names_its_row(write):
    good = "Nội dung nhiệm vụ,Đơn vị chủ trì\n" + "".join(
        f"Nhiệm vụ số {i},Phòng Nội vụ\n" for i in range(20000))
    assert len(good.encode()) > readers.SAMPLE_SIZE
    data = good.encode() + b"Nhi\xe1m v\xff,Ph\xf2ng\n"
    with pytest.raises(ReadError) as err:
        read_all(write("t.csv", data))
    assert err.value.key == "io.bad_encoding"
    assert err.value.fields["row"] == 20002
    assert err.value.fields["value"] == "0xE1"


def test_nfd_text_is_read_and_headers_still_match(write):
    from tracker.io.headers import map_headers

    nfd = unicodedata.normalize("NFD", TASKS_CSV)
    table, rows = read_all(write("t.csv", nfd))
    cmap = map_headers(table.headers, "tasks", provided={"directive"})
    assert cmap.ok, cmap
    assert cmap.header_for("lead") == "Đơn vị chủ trì"  # headers are made NFC
    assert unicodedata.normalize("NFC", rows[0][1][cmap.header_for("content")]).startswith("Tổ chức")


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\r\n",
                                  codecs.BOM_UTF16_LE, codecs.BOM_UTF16_LE + "\r\n".encode("utf-16-le"),
                                  b",,,\r\n;;;\r\n"])
def test_empty_files(write, data):
    with pytest.raises(ReadError) as err:
        open_table(write("t.csv", data))
    assert err.value.key == "io.empty"
    assert err.value.fields["file"].endswith("t.csv")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_empty_json(write, fmt):
    with pytest.raises(ReadError) as err:
        open_table(write(f"t.{fmt}", "  \n"))
    assert err.value.key == "io.empty"


def test_empty_json_array_has_no_rows(write):
    table, rows = read_all(write("t.json", "[ ]"))
    assert rows == [] and table.headers == []


@pytest.mark.parametrize("seed", range(5))
def test_binary_garbage(write, seed):
    data = random.Random(seed).randbytes(5000)
    with pytest.raises(ReadError) as err:
        open_table(write("t.csv", data))
    assert err.value.key in ("io.binary", "io.xlsx_invalid")
    assert err.value.key == "io.binary" or data.startswith(b"PK")


@pytest.mark.parametrize("magic", [b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"\x1f\x8b\x08\x00"])
def test_known_binary_formats(write, magic):
    with pytest.raises(ReadError) as err:
        open_table(write("t.csv", magic + b"x" * 200))
    assert err.value.key == "io.binary"


def test_old_excel_file_gets_its_own_message(write):
    with pytest.raises(ReadError) as err:
        open_table(write("t.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600))
    assert err.value.key == "io.xls_invalid"


def test_an_excel_97_2003_workbook_is_read_like_an_xlsx():
    """Offices still keep .xls sheets: title row, a directive merged down, dates, whole numbers."""
    from pathlib import Path

    table, rows = read_all(Path(__file__).parent.parent / "data" / "nhiem-vu-excel-97.xls")
    assert table.format == "xlsx" and table.sheet == "Nhiệm vụ" and table.header_row == 3
    assert rows == [
        (4, {"STT": 1, "Số, ký hiệu văn bản": "320-KL/TU", "Nội dung nhiệm vụ": "Rà soát quỹ đất công trên địa bàn",
             "Đơn vị chủ trì": "Phòng Tài chính - Kế hoạch", "Thời hạn": dt.date(2021, 6, 30)}),
        (5, {"STT": 2, "Số, ký hiệu văn bản": "320-KL/TU", "Nội dung nhiệm vụ": "Kiểm tra công trình xây dựng",
             "Đơn vị chủ trì": "QLĐT", "Thời hạn": "Quý III/2021"}),
        (6, {"STT": 3, "Số, ký hiệu văn bản": "67/KH-UBND", "Nội dung nhiệm vụ": "Tổng hợp báo cáo tiến độ",
             "Đơn vị chủ trì": "UBND Phường 5", "Thời hạn": "thường xuyên"})]


def test_broken_xlsx(write):
    with pytest.raises(ReadError) as err:
        open_table(write("t.xlsx", b"PK\x03\x04 this is not really a zip file"))
    assert err.value.key == "io.xlsx_invalid"


def test_corpus_files_on_disk():
    """The small stored corpus under tests/data/bad gives the documented errors."""
    from pathlib import Path

    bad = Path(__file__).parent.parent / "data" / "bad"
    expected = {
        "empty.csv": "io.empty",
        "garbage.csv": "io.binary",
        "duplicate_header.csv": "io.duplicate_header",
        "old_excel.xls": "io.xls_invalid",
        "truncated.json": "io.json_invalid",
    }
    for name, key in expected.items():
        with pytest.raises(ReadError) as err:
            read_all(bad / name)
        assert err.value.key == key, name


def test_title_rows_above_the_header_are_skipped(write):
    data = ("UBND THÀNH PHỐ ĐÔNG HÀ,,,,\n"
            "DANH MỤC NHIỆM VỤ THEO KẾT LUẬN 320-KL/TU,,,,\n"
            ",,,,\n" + TASKS_CSV)
    table, rows = read_all(write("t.csv", data))
    assert table.header_row == 4
    assert table.headers[1] == "Nội dung nhiệm vụ"
    assert [r for r, _ in rows] == [5, 6]


def test_excel_sep_line(write):
    data = "sep=|\r\n" + TASKS_CSV.replace(",", "|").replace('"Rà soát hộ nghèo| cận nghèo"', "Rà soát hộ nghèo, cận nghèo")
    table, rows = read_all(write("t.csv", data))
    assert table.delimiter == "|"
    assert table.header_row == 1
    assert rows[1][1]["Nội dung nhiệm vụ"] == "Rà soát hộ nghèo, cận nghèo"


def test_multiline_cells_and_blank_rows_keep_spreadsheet_row_numbers(write):
    data = ('Nội dung nhiệm vụ,Đơn vị phối hợp\r\n'
            '"Nhiệm vụ một","Phòng Nội vụ\r\nPhường 1"\r\n'
            ',\r\n'
            '"Nhiệm vụ\r\nhai",Phường 2\r\n')
    table, rows = read_all(write("t.csv", data))
    assert [r for r, _ in rows] == [2, 4]
    assert rows[1][1]["Nội dung nhiệm vụ"] == "Nhiệm vụ\r\nhai"


_CELL = st.sampled_from(["", " ", "việc", "Phòng Nội vụ", "'=1+2", "'- gạch", "a\r\nb", "x'y", "1,5"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=0, max_size=4), max_size=30), st.integers(1, 7), st.integers(1, 7))
def test_cell_batches_are_the_rows_one_by_one(rows, size, first):
    """Batches taken whole (no blank, ragged or guarded row among them) or row by row give
    what reading the rows one at a time gives: numbers, cells, problems — at any batch size."""
    import csv

    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["Nội dung nhiệm vụ", "Ghi chú", "Đơn vị chủ trì"])
    w.writerows(rows)
    data = out.getvalue().encode("utf-8")
    expected_numbers, expected_cells = [], []
    for number, cells in enumerate(rows, start=2):
        if not "".join(cells).strip():
            continue
        cells = (cells + [None] * 3)[:3]
        expected_numbers.append(number)
        expected_cells.append([c[1:] if c and c[:1] == "'" else c for c in cells])
    table = open_table("-", stdin=io.BytesIO(data), encoding="utf-8", fmt="csv")
    numbers, cells = [], []
    for batch_numbers, batch in table.cell_batches(size, first=first):
        assert len(batch_numbers) == len(batch) and 0 < len(batch) <= max(size, first)
        numbers += batch_numbers
        cells += batch
    assert (numbers, cells) == (expected_numbers, expected_cells)
    extra = [number for number, row in zip(range(2, len(rows) + 2), rows)
             if any(c.strip() for c in row[3:])]
    assert [p.row for p in table.problems if p.key == "io.extra_cells"] == extra


def test_extra_cells_are_reported_not_dropped(write):
    data = "Nội dung nhiệm vụ,Đơn vị chủ trì\nTổ chức hội nghị,Phòng Nội vụ,Phường 1\nKiểm tra,Phòng Y tế,,\n"
    table, rows = read_all(write("t.csv", data))
    assert len(rows) == 2
    assert len(table.problems) == 1
    p = table.problems[0]
    assert (p.key, p.row, p.column, p.value) == ("io.extra_cells", 2, "C", "Phường 1")


def test_unnamed_column_with_data_is_reported(write):
    data = "Nội dung nhiệm vụ,,Đơn vị chủ trì\nTổ chức hội nghị,ghi tạm,Phòng Nội vụ\n"
    table, rows = read_all(write("t.csv", data))
    assert rows[0][1] == {"Nội dung nhiệm vụ": "Tổ chức hội nghị", "Đơn vị chủ trì": "Phòng Nội vụ"}
    assert [(p.key, p.column) for p in table.problems] == [("io.unnamed_column", "B")]


def test_duplicate_header(write):
    with pytest.raises(ReadError) as err:
        open_table(write("t.csv", "Nội dung,Ghi chú,Ghi chú\na,b,c\n"))
    assert err.value.key == "io.duplicate_header"
    assert err.value.fields["column"] == "Ghi chú"
    assert err.value.fields["value"] == "B, C"


def test_formula_guard_is_undone_on_read(write):
    data = "Nội dung,Ghi chú\n'=1+2,'- gạch đầu dòng\n'bình thường,''=x\n"
    _, rows = read_all(write("t.csv", data))
    assert rows[0][1] == {"Nội dung": "=1+2", "Ghi chú": "- gạch đầu dòng"}
    assert rows[1][1] == {"Nội dung": "'bình thường", "Ghi chú": "'=x"}


def test_cell_ref(write):
    table, rows = read_all(write("t.csv", TASKS_CSV))
    assert table.cell_ref("Đơn vị chủ trì", 3) == "C3"
    assert table.cell_ref("nope", 3) == ""


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError) as err:
        open_table(tmp_path / "nope.csv")
    assert err.value.key == "io.not_found"
    with pytest.raises(ReadError) as err:
        open_table(tmp_path)
    assert err.value.key == "io.is_directory"


def test_unknown_format_option(write):
    with pytest.raises(ReadError) as err:
        open_table(write("t.csv", TASKS_CSV), fmt="ods")
    assert err.value.key == "io.unknown_format"


# ------------------------------------------------------------------ stdin

def test_stdin_csv():
    stdin = io.BytesIO(codecs.BOM_UTF8 + TASKS_CSV.encode())
    table, rows = read_all("-", stdin=stdin)
    assert table.name == "-" and table.format == "csv"
    assert len(rows) == 2


def test_stdin_jsonl_sniffed():
    stdin = io.BytesIO(b'{"content": "A", "lead": "VP"}\n{"content": "B", "lead": "NV"}\n')
    table, rows = read_all("-", stdin=stdin)
    assert table.format == "jsonl"
    assert [r for r, _ in rows] == [1, 2]


def test_stdin_large_csv_is_not_cut_at_the_sample():
    body = "".join(f"Nhiệm vụ {i},Phòng Nội vụ\n" for i in range(30000))
    stdin = io.BytesIO(("Nội dung nhiệm vụ,Đơn vị chủ trì\n" + body).encode())
    table, rows = read_all("-", stdin=stdin)
    assert len(rows) == 30000
    assert rows[-1] == (30001, {"Nội dung nhiệm vụ": "Nhiệm vụ 29999", "Đơn vị chủ trì": "Phòng Nội vụ"})


def test_stdin_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Nội dung nhiệm vụ", "Đơn vị chủ trì"])
    wb.active.append(["Tổ chức hội nghị", "Phòng Nội vụ"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    table, rows = read_all("-", stdin=buf)
    assert table.format == "xlsx"
    assert rows == [(2, {"Nội dung nhiệm vụ": "Tổ chức hội nghị", "Đơn vị chủ trì": "Phòng Nội vụ"})]


# ------------------------------------------------------------------ XLSX

def _workbook(path, sheets):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return str(path)


def test_xlsx_first_sheet_dates_numbers_and_title_rows(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", {
        "Nhiệm vụ": [
            ["UBND THÀNH PHỐ ĐÔNG HÀ"],
            [],
            ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", None, None],
            [1, "Tổ chức hội nghị", "Phòng Nội vụ", dt.datetime(2021, 6, 30)],
            [None, None, None, None],
            [2.0, "Kiểm tra", "Phòng Y tế", "Quý II/2021", None, "lạc chỗ"],
        ],
        "Khác": [["x"]],
    })
    table, rows = read_all(path)
    assert table.sheet == "Nhiệm vụ"
    assert table.header_row == 3
    assert table.headers == ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"]
    assert rows[0] == (4, {"STT": 1, "Nội dung nhiệm vụ": "Tổ chức hội nghị",
                           "Đơn vị chủ trì": "Phòng Nội vụ", "Thời hạn": dt.date(2021, 6, 30)})
    assert rows[1][0] == 6 and rows[1][1]["STT"] == 2
    assert [(p.key, p.row, p.column) for p in table.problems] == [("io.extra_cells", 6, "F")]


def test_xlsx_cells_merged_down_give_each_row_their_value(tmp_path):
    """Sheets often merge one directive's cell down over its tasks: every row under it has
    that directive (a blank row stays blank; merges across columns and in the title are left)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r in (["DANH MỤC NHIỆM VỤ NĂM 2021"],
              ["STT", "Số, ký hiệu văn bản", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"],
              [1, "320-KL/TU", "Việc một", "TCKH", "30/06/2021"],
              [2, None, "Việc hai", "QLDT", "Quý III/2021"],
              [],
              [3, None, "Việc ba", "P5", "thường xuyên"],
              [4, "67/KH-UBND", "Việc bốn dài, viết qua hai cột", None, "năm 2021"],
              [5, None, "Việc năm", "TCKH"]):
        ws.append(r)
    for ref in ("A1:E1", "B3:B6", "B7:B8", "E7:E8", "C7:D7"):
        ws.merge_cells(ref)
    wb.save(tmp_path / "t.xlsx")
    table, rows = read_all(tmp_path / "t.xlsx")
    assert table.header_row == 2
    assert [(n, v.get("Số, ký hiệu văn bản"), v.get("Thời hạn")) for n, v in rows] == [
        (3, "320-KL/TU", "30/06/2021"), (4, "320-KL/TU", "Quý III/2021"), (6, "320-KL/TU", "thường xuyên"),
        (7, "67/KH-UBND", "năm 2021"), (8, "67/KH-UBND", "năm 2021")]
    assert "Đơn vị chủ trì" not in rows[3][1]  # merged across: the value is the first column's


def test_xlsx_named_sheet_and_missing_sheet(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", {"A": [["Tên đơn vị"], ["Phòng Nội vụ"]],
                                          "Đơn vị": [["Mã đơn vị", "Tên đơn vị"], ["PNV", "Phòng Nội vụ"]]})
    table, rows = read_all(path, sheet="Đơn vị")
    assert rows == [(2, {"Mã đơn vị": "PNV", "Tên đơn vị": "Phòng Nội vụ"})]
    with pytest.raises(ReadError) as err:
        open_table(path, sheet="Sheet9")
    assert err.value.key == "io.sheet_not_found"
    assert "Đơn vị" in err.value.fields["expected"]


def test_xlsx_saved_with_csv_name_is_still_read(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", {"S": [["Tên đơn vị"], ["Phòng Nội vụ"]]})
    renamed = tmp_path / "t.csv"
    renamed.write_bytes(open(path, "rb").read())
    table, rows = read_all(renamed)
    assert table.format == "xlsx" and rows == [(2, {"Tên đơn vị": "Phòng Nội vụ"})]


def test_empty_xlsx(tmp_path):
    path = _workbook(tmp_path / "t.xlsx", {"S": []})
    with pytest.raises(ReadError) as err:
        open_table(path)
    assert err.value.key == "io.empty"


# ------------------------------------------------------------------ JSON

def test_json_array_and_headers_grow(write):
    data = json.dumps([{"content": "A", "lead": "VP"}, {"content": "B", "lead": "NV", "leader": "CT"}],
                      ensure_ascii=False, indent=2)
    table, rows = read_all(write("t.json", data))
    assert [r for r, _ in rows] == [1, 2]
    assert table.headers == ["content", "lead", "leader"]


def test_json_streams_across_chunks(write, monkeypatch):
    monkeypatch.setattr(readers.JsonTable, "CHUNK", 7)
    items = [{"n": 12345678901234, "s": "Phường Đông Lương", "x": [1.5, None, True]}, {"n": -3}, {}]
    table, rows = read_all(write("t.json", json.dumps(items, ensure_ascii=False)))
    assert [o for _, o in rows] == items


def test_json_concatenated_objects(write):
    data = '{"content": "A"}\n{\n  "content": "B"\n}\n'
    _, rows = read_all(write("t.json", data))
    assert [o["content"] for _, o in rows] == ["A", "B"]


def test_json_not_objects_are_reported(write):
    table, rows = read_all(write("t.json", '[{"content": "A"}, 5, "x", {"content": "B"}]'))
    assert [r for r, _ in rows] == [1, 4]
    assert [(p.key, p.row) for p in table.problems] == [("io.json_not_object", 2), ("io.json_not_object", 3)]


@pytest.mark.parametrize("data,row", [('[{"a": 1}, {"a": 2,}]', 2), ('[{"a": 1}', 2), ('[{"a": 1} {"a": 2}]', 2),
                                      ('[{"a": 1}] x', 2), ('"hello"', 1)])
def test_json_invalid(write, data, row):
    with pytest.raises(ReadError) as err:
        read_all(write("t.json", data))
    assert err.value.key == "io.json_invalid"
    assert err.value.fields["row"] == row


def test_jsonl_bad_lines_are_reported_and_reading_goes_on(write):
    data = '{"content": "A"}\n\n{"content": \n[1]\n{"content": "B"}\n'
    table, rows = read_all(write("t.jsonl", data))
    assert rows == [(1, {"content": "A"}), (5, {"content": "B"})]
    assert [(p.key, p.row) for p in table.problems] == [("io.jsonl_invalid", 3), ("io.jsonl_not_object", 4)]
    # a line cut short is wrong at its end — column 13 of line 3, not "column 1" of the next
    assert table.problems[0].value.endswith(("(col 13)", "(cột 13)"))
    from tracker.i18n import get_lang, set_lang

    before = get_lang()
    try:
        set_lang("vi")
        assert table.problems[0].message().startswith(f"{table.name}, dòng 3: JSON không hợp lệ")
    finally:
        set_lang(before)


def test_jsonl_with_bom(write):
    table, rows = read_all(write("t.jsonl", codecs.BOM_UTF8 + b'{"content": "A"}\n'))
    assert rows == [(1, {"content": "A"})]


def test_jsonl_read_as_bytes_and_as_text_alike(write):
    """A UTF-8 file is read on as bytes after its first line (orjson takes them as they
    are); stdin, other encodings and lone-\\r line ends as text: the same rows and problems."""
    lines = ['{"content": "Việc đầu", "lead": "VP"}'] + [f'{{"content": "Việc {i}"}}' for i in range(2, 3001)]
    lines[4] = "\u00a0\u3000"  # blank, in spaces beyond ASCII
    lines[9] = '{"content": "cắt ngang'
    lines[10] = '["không phải đối tượng"]'
    lines[11] = '{"content": NaN}'
    text = "\n".join(lines) + "\n"
    results = []
    for name, data, stdin in (("utf8.jsonl", text.encode(), None), ("bom.jsonl", codecs.BOM_UTF8 + text.encode(), None),
                              ("crlf.jsonl", text.replace("\n", "\r\n").encode(), None),
                              ("cr.jsonl", text.replace("\n", "\r").encode(), None),
                              ("-", text.encode(), io.BytesIO(text.encode())),
                              ("utf16.jsonl", text.encode("utf-16"), None)):
        with open_table(write(name, data) if stdin is None else "-", stdin=stdin, fmt="jsonl") as table:
            rows = list(table.rows())
            results.append((name, rows, [(p.key, p.row, p.value) for p in table.problems]))
    first = results[0]
    assert len(first[1]) == 2997 and first[1][-1] == (3000, {"content": "Việc 3000"})
    assert [p[:2] for p in first[2]] == [("io.jsonl_invalid", 10), ("io.jsonl_not_object", 11)]
    assert str(dict(first[1])[12]) == "{'content': nan}"  # NaN: as the standard parser takes it
    for name, rows, problems in results[1:]:
        assert (str(rows), problems) == (str(first[1]), first[2]), name


_JSONL_LINE = st.sampled_from(['{"content": "việc", "lead": "VP"}', '{"content": "việc"}', '{"note": "mới"}',
                               '{"content": 1.5}', '{"content": 123456789012345678901234}', "", "  ",
                               '{"content": ', "[1, 2]", '{"content": NaN}', '{"lead": "VP", "content": "x"}'])


@settings(max_examples=150, deadline=None)
@given(st.lists(_JSONL_LINE, min_size=1, max_size=40), st.integers(1, 9), st.integers(1, 9))
def test_jsonl_batches_at_any_size_read_as_line_by_line(tmp_path_factory, lines, size, first):
    """Chunks taken whole (known keys, no float, nothing broken) or line by line give the
    lines' objects and problems at any batch size, and a batch never shows a key its
    headers did not have when it came."""
    path = tmp_path_factory.mktemp("jb") / "t.jsonl"
    path.write_text('{"content": "đầu"}\n' + "\n".join(lines) + "\n", encoding="utf-8")
    seen = []
    for batch_size, first_size in ((1, 1), (size, first)):
        with open_table(str(path)) as table:
            got = []
            for numbers, objs in table.object_batches(batch_size, first=first_size):
                assert len(numbers) == len(objs) and 0 < len(objs) <= max(batch_size, first_size)
                assert set().union(*objs) <= set(table.headers)
                got += [(n, json.dumps(o, sort_keys=True)) for n, o in zip(numbers, objs)]
            seen.append((got, [(p.key, p.row, p.value) for p in table.problems], list(table.headers)))
    assert seen[0] == seen[1]
    expected = [n for n, line in enumerate(lines, start=2) if line.strip() and line not in ('{"content": ', "[1, 2]")]
    assert [n for n, _o in seen[0][0]] == [1] + expected


def test_jsonl_bad_byte_deep_in_the_file_names_its_line(write):
    data = b"".join(b'{"content": "Vi\xe1\xbb\x87c %d"}\n' % i for i in range(1, 5001))
    at = data.index(b'"Vi\xe1\xbb\x87c 4321"')
    bad = data[:at + 3] + b"\xff" + data[at + 3:]
    with pytest.raises(ReadError) as err:
        read_all(write("t.jsonl", bad))
    assert (err.value.key, err.value.fields["row"]) == ("io.bad_encoding", 4321)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None)
@given(items=st.lists(st.dictionaries(st.text(max_size=8), json_values, max_size=4), max_size=6),
       chunk=st.integers(min_value=1, max_value=40), indent=st.sampled_from([None, 1]))
def test_json_array_streaming_reads_what_was_written(tmp_path_factory, items, chunk, indent):
    path = tmp_path_factory.mktemp("j") / "t.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=indent), encoding="utf-8")
    old = readers.JsonTable.CHUNK
    readers.JsonTable.CHUNK = chunk
    try:
        if not items:
            _, rows = read_all(path)
        else:
            _, rows = read_all(path)
    finally:
        readers.JsonTable.CHUNK = old
    assert [o for _, o in rows] == items


@settings(max_examples=80, deadline=None)
@given(items=st.lists(st.dictionaries(st.text(max_size=8), json_values | st.integers(min_value=2**63 - 2),
                                      max_size=4), max_size=6),
       ascii_only=st.booleans())
def test_jsonl_reads_each_line_as_the_standard_parser_does(tmp_path_factory, items, ascii_only):
    """Lines are parsed by orjson, held to ``json.loads``: big integers stay integers."""
    path = tmp_path_factory.mktemp("j") / "t.jsonl"
    path.write_text("".join(json.dumps(o, ensure_ascii=ascii_only) + "\n" for o in items) or "\n",
                    encoding="utf-8")
    if not items:
        with pytest.raises(ReadError):
            read_all(path)
        return
    table, rows = read_all(path)
    assert [o for _, o in rows] == items and not table.problems
    assert [type(v) for _, o in rows for v in o.values()] == [type(v) for o in items for v in o.values()]


def test_jsonl_takes_what_the_standard_parser_takes(write):
    data = ('{"id": 123456789012345678901234567890, "content": "A"}\n{"percent": NaN}\n'
            '{"content": "\\ud800"}\n{"content": 1.5}\n{"content": "B",}\n')
    table, rows = read_all(write("t.jsonl", data))
    assert rows[0] == (1, {"id": 123456789012345678901234567890, "content": "A"})
    assert rows[1][1]["percent"] != rows[1][1]["percent"]  # NaN, as json.loads gives it
    assert rows[2:] == [(3, {"content": "\ud800"}), (4, {"content": 1.5})]
    with pytest.raises(json.JSONDecodeError) as exc:  # the standard parser's words for it
        json.loads('{"content": "B",}')
    from tracker.io.readers import json_reason

    assert [(p.key, p.row, p.value) for p in table.problems] == [
        ("io.jsonl_invalid", 5, json_reason(exc.value, line=False))]


def test_what_json_found_wrong_reads_in_the_interface_language(write):
    """json's English words ("Expecting ',' delimiter") are the catalogue's in Vietnamese."""
    from tracker.i18n import get_lang, set_lang

    before = get_lang()
    try:
        set_lang("vi")
        with pytest.raises(ReadError) as err:
            read_all(write("t.json", '[{"content": "A"}, {"content": "B" "lead": "TCKH"}]'))
        assert err.value.fields["value"] == "thiếu dấu phẩy (dòng 1, cột 36)"
        table, _rows = read_all(write("t.jsonl", '{"content": "A"}\n{"content": "B\n'))
        assert table.problems[0].value == "chuỗi thiếu dấu ngoặc kép đóng (cột 13)"
        set_lang("en")
        table, _rows = read_all(write("t.jsonl", '{"content": "A"}\n{"content": "B\n'))
        assert table.problems[0].value == "Unterminated string starting at (col 13)"
    finally:
        set_lang(before)


# ------------------------------------------------------------------ size

def test_50mb_csv_streams_with_flat_memory(tmp_path):
    """A 50 MB export-sized CSV is read row by row; memory does not grow with the file."""
    import tracemalloc

    path = tmp_path / "big.csv"
    row = ("Tổ chức thực hiện Kết luận số 320-KL/TU của Tỉnh ủy về nhiệm vụ phát triển kinh tế - xã hội "
           "năm 2021 trên địa bàn,Phòng Tài chính - Kế hoạch,\"Phòng Nội vụ; Phường 1\",Quý II/2021\r\n")
    chunk = (row * 1000).encode()
    with open(path, "wb") as f:
        f.write(codecs.BOM_UTF8 + "Nội dung nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn\r\n".encode())
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    expected = (path.stat().st_size - 100) // len(row.encode())
    tracemalloc.start()
    try:
        with open_table(path) as table:
            count = 0
            last = None
            for number, values in table.rows():
                count += 1
                last = number
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert abs(count - expected) <= 1
    assert last == count + 1
    assert peak < 8 * 1024 * 1024, peak
