"""Exports that open cleanly in Excel, cannot run formulas, and read back unchanged."""
from __future__ import annotations

import codecs
import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.io.cells import FORMULA_TRIGGERS, guard, unguard
from tracker.io.headers import FIELDS, label
from tracker.io.readers import open_table
from tracker.io.writers import Column, format_for_path, open_writer, write_table

COLUMNS_TYPES = [("content", "text"), ("lead", "text"), ("support", "list"), ("deadline", "date"),
                 ("days_overdue", "int"), ("progress", "notes"), ("extensions", "extensions")]


def columns(lang="vi"):
    return [Column(f, label("tasks", f, lang), t) for f, t in COLUMNS_TYPES]


ROWS = [
    {"content": "=HYPERLINK(\"http://x\",\"bấm\")", "lead": "Phòng Nội vụ", "support": ["Phường 1", "Phường Đông Lễ"],
     "deadline": dt.date(2021, 6, 30), "days_overdue": 12,
     "progress": [{"on": "2021-03-15", "text": "Đã xây dựng dự thảo", "percent": 40}],
     "extensions": [{"from": "30/06/2021", "to": "30/09/2021", "reason": "chờ bố trí vốn"}]},
    {"content": "- Rà soát hộ nghèo\nvà cận nghèo", "lead": "@TC-KH", "support": [], "deadline": None,
     "days_overdue": 0, "progress": [], "extensions": []},
    {"content": "+84 tổng đài", "lead": "\tTab", "support": None, "deadline": None, "days_overdue": None},
]


def read_rows(path):
    with open_table(path, header_score=False) as table:
        return table, [v for _, v in table.rows()]


def test_csv_has_bom_vietnamese_headers_and_dd_mm_yyyy(tmp_path):
    path = tmp_path / "out.csv"
    n = write_table(ROWS, "csv", path, columns("vi"), lang="vi")
    assert n == 3
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + "Nội dung nhiệm vụ,Đơn vị chủ trì".encode())
    assert b"\r\n" in data
    table, rows = read_rows(path)
    assert rows[0]["Thời hạn"] == "30/06/2021"
    assert rows[0]["Đơn vị phối hợp"] == "Phường 1; Phường Đông Lễ"
    assert rows[0]["Tiến độ thực hiện"] == "15/03/2021: (40%) Đã xây dựng dự thảo"
    assert rows[0]["Gia hạn"] == "30/06/2021 → 30/09/2021: chờ bố trí vốn"
    assert rows[1]["Nội dung nhiệm vụ"] == "- Rà soát hộ nghèo\nvà cận nghèo"


def test_csv_english_headers_and_iso_dates(tmp_path):
    path = tmp_path / "out.csv"
    write_table(ROWS, "csv", path, columns("en"), lang="en")
    table, rows = read_rows(path)
    assert table.headers[:4] == ["Task", "Lead unit", "Supporting units", "Deadline"]
    assert rows[0]["Deadline"] == "2021-06-30"


def test_csv_cells_are_guarded_against_formulas(tmp_path):
    path = tmp_path / "out.csv"
    write_table(ROWS, "csv", path, columns())
    raw = path.read_text(encoding="utf-8-sig")
    for bad in ("=HYPERLINK", "- Rà soát", "@TC-KH", "+84", "\tTab"):
        # every cell starting with a trigger is written with an apostrophe in front
        assert f"'{bad}" in raw or f"\"'{bad}" in raw, bad
    for line in raw.splitlines():
        for cell in line.split(","):
            cell = cell.lstrip('"')
            assert not cell or cell[0] not in "=+@" or cell.startswith("'"), cell
    # and the reader gives back exactly what was written
    _, rows = read_rows(path)
    assert rows[0]["Nội dung nhiệm vụ"] == ROWS[0]["content"]
    assert rows[1]["Đơn vị chủ trì"] == "@TC-KH"
    assert rows[2]["Đơn vị chủ trì"] == "\tTab"


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_guard_each_trigger(trigger):
    assert guard(trigger + "x").startswith("'")
    assert unguard(guard(trigger + "x")) == trigger + "x"


@given(st.text())
def test_guard_is_reversible_and_safe(text):
    g = guard(text)
    assert unguard(g) == text
    assert not g or g[0] not in FORMULA_TRIGGERS


@settings(max_examples=80, deadline=None)
@given(values=st.lists(st.tuples(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
                                 st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))),
                       min_size=1, max_size=5))
def test_csv_round_trip_any_text(tmp_path_factory, values):
    path = tmp_path_factory.mktemp("w") / "out.csv"
    cols = [Column("content", "Nội dung nhiệm vụ"), Column("notes", "Ghi chú")]
    rows = [{"content": a, "notes": b} for a, b in values]
    write_table(rows, "csv", path, cols)
    with open_table(path, header_score=False) as table:
        back = {r: v for r, v in table.rows()}
    # blank rows are skipped by the reader; every other row comes back exactly (a cell the
    # formula guard wrote as "'\r" is not blank in the file)
    expected = [r for r in rows if (r["content"] + r["notes"]).strip()
                or any(v[:1] in FORMULA_TRIGGERS for v in r.values())]
    got = [{"content": v.get("Nội dung nhiệm vụ", ""), "notes": v.get("Ghi chú", "")} for v in back.values()]
    assert got == expected


def test_xlsx_header_frozen_dates_widths_and_no_formulas(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    write_table(ROWS, "xlsx", path, columns("vi"), lang="vi", sheet_title="Nhiệm vụ / 2021")
    wb = load_workbook(path)
    ws = wb.active
    assert ws.title == "Nhiệm vụ   2021"
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "Nội dung nhiệm vụ" and ws["A1"].font.bold
    assert ws.column_dimensions["A"].width == 60
    assert ws["A2"].value == ROWS[0]["content"] and ws["A2"].data_type == "s"
    assert ws["D2"].value == dt.datetime(2021, 6, 30) and ws["D2"].number_format == "dd/mm/yyyy"
    assert ws["E2"].value == 12
    assert ws["C2"].value == "Phường 1; Phường Đông Lễ"
    assert ws.auto_filter.ref == "A1:G4"
    # and the reader sees dates as dates
    table, rows = read_rows(path)
    assert rows[0]["Thời hạn"] == dt.date(2021, 6, 30)


def test_xlsx_strips_characters_excel_cannot_hold(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    write_table([{"content": "a\x01b\x1fc"}], "xlsx", path, [Column("content", "Nội dung")])
    assert load_workbook(path).active["A2"].value == "abc"


def test_json_array_and_lines(tmp_path):
    cols = columns()
    jpath, lpath = tmp_path / "out.json", tmp_path / "out.jsonl"
    write_table(ROWS, "json", jpath, cols)
    write_table(ROWS, "jsonl", lpath, cols)
    data = json.loads(jpath.read_text(encoding="utf-8"))
    assert data[0]["deadline"] == "2021-06-30"
    assert data[0]["support"] == ["Phường 1", "Phường Đông Lễ"]
    assert data[2]["progress"] is None
    assert list(data[0]) == [f for f, _ in COLUMNS_TYPES]
    lines = lpath.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == data
    assert "Phường" in lines[0]  # not \u escapes


def test_json_empty_array(tmp_path):
    path = tmp_path / "out.json"
    assert write_table([], "json", path, columns()) == 0
    assert json.loads(path.read_text()) == []


def test_writer_to_a_stream_leaves_it_open():
    buf = io.BytesIO()
    write_table(ROWS[:1], "jsonl", buf, columns())
    assert not buf.closed
    assert json.loads(buf.getvalue())["lead"] == "Phòng Nội vụ"


def test_failed_export_leaves_no_file(tmp_path):
    path = tmp_path / "out.csv"

    def rows():
        yield ROWS[0]
        raise RuntimeError("the store went away")

    with pytest.raises(RuntimeError):
        write_table(rows(), "csv", path, columns())
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_the_previous_file(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("[]")

    def rows():
        raise RuntimeError("no")
        yield {}

    with pytest.raises(RuntimeError):
        write_table(rows(), "json", path, columns())
    assert path.read_text() == "[]"


def test_format_for_path():
    assert format_for_path("a.XLSX") == "xlsx"
    assert format_for_path("a.ndjson") == "jsonl"
    assert format_for_path("-") == "csv"
    assert format_for_path("a.txt", "json") == "json"


def test_unknown_format():
    with pytest.raises(ValueError):
        open_writer("ods", io.BytesIO(), columns())


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl"])
def test_every_format_reads_back_with_the_same_headers(tmp_path, fmt):
    cols = [Column(f, label("tasks", f, "vi")) for f in FIELDS["tasks"]]
    path = tmp_path / f"out.{fmt}"
    write_table([{f: f"v-{f}" for f in FIELDS["tasks"]}], fmt, path, cols)
    with open_table(path) as table:
        rows = list(table.rows())
    if fmt in ("csv", "xlsx"):
        assert table.headers == [c.header for c in cols]
        content = next(c.header for c in cols if c.field == "content")
        assert rows[0][1][content] == "v-content"
    else:
        assert table.headers == list(FIELDS["tasks"])
        assert rows[0][1]["content"] == "v-content"
