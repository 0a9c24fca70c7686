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
from tracker.io.writers import Column, open_writer


def write_table(rows, fmt, out, columns, **kw) -> int:
    """Every row written; how many (a failed one removes the file)."""
    with open_writer(fmt, out, columns, **kw) as writer:
        writer.write_many(rows)
    return writer.count

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


# --- write_batch (a batch given column by column) writes what write() writes row by row

_AWKWARD = st.text(alphabet=st.sampled_from(list("aăđ =+-@'\"\t\r\n,;|&<>\x01\x0b\\{}😀")), max_size=8)
_ANY = st.one_of(st.none(), _AWKWARD, st.integers(-5, 10**9), st.dates(min_value=dt.date(1900, 1, 1)),
                 st.datetimes(min_value=dt.datetime(1900, 1, 1)), st.booleans(),
                 st.floats(allow_nan=False, allow_infinity=False), st.lists(_AWKWARD, max_size=3),
                 st.just([{"on": "2021-03-15", "text": "Đã họp", "percent": 40}]),
                 st.just([{"from": "30/06/2021", "to": "30/09/2021", "reason": "chờ vốn"}]))
# a column of one kind (the writers' fast paths) or of any values (their cell-by-cell path),
# with the column types it may have (a date column holds dates, None or text)
_COLUMN_VALUES = [(_AWKWARD, ["text", "date", "list"]), (_AWKWARD.filter(bool), ["text", "notes"]),
                  (st.integers(0, 10**6), ["int", "text"]), (st.none() | st.dates(), ["date", "text"]),
                  (_ANY, ["text", "int", "list", "notes", "extensions"]),
                  (st.sampled_from(["", "a&b\x01"]) | st.sampled_from(["=x", "đ"]), ["text", "date"])]


@st.composite
def _batches(draw):
    width = draw(st.integers(1, 7))
    kinds = [draw(st.sampled_from(_COLUMN_VALUES)) for _ in range(width)]
    types = [draw(st.sampled_from(t)) for _, t in kinds]
    sizes = draw(st.lists(st.integers(0, 12), min_size=1, max_size=3))
    return types, [[draw(st.lists(kind, min_size=n, max_size=n)) for kind, _ in kinds] for n in sizes]


def _sheet(data: bytes) -> dict:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


@settings(max_examples=150, deadline=None)
@given(batches=_batches(), fmt=st.sampled_from(["csv", "json", "jsonl", "xlsx"]),
       delimiter=st.sampled_from([",", ";", "\t", " "]), lang=st.sampled_from(["vi", "en"]))
def test_write_batch_is_write_row_by_row(batches, fmt, delimiter, lang):
    types, batches = batches
    cols = [Column(f"f{i}", f"Cột {i}", t) for i, t in enumerate(types)]
    kw = {"delimiter": delimiter} if fmt == "csv" else {}
    by_rows, by_batches = io.BytesIO(), io.BytesIO()
    with open_writer(fmt, by_rows, cols, lang=lang, **kw) as w:
        for batch in batches:
            for values in zip(*batch):
                w.write({c.field: v for c, v in zip(cols, values)})
    with open_writer(fmt, by_batches, cols, lang=lang, **kw) as w:
        for batch in batches:
            w.write_batch(batch)
    assert w.count == sum(len(b[0]) for b in batches)
    if fmt == "xlsx":
        assert _sheet(by_batches.getvalue()) == _sheet(by_rows.getvalue())
    else:
        assert by_batches.getvalue() == by_rows.getvalue()


def test_write_batch_xlsx_long_and_unholdable_text():
    """Text cut at Excel's limit, and a cell whose every character XML cannot hold (written,
    empty — not left out)."""
    cols = [Column("content", "Nội dung"), Column("notes", "Ghi chú")]
    rows = [("x" * 40000, "\x01"), ("a&b", ""), ("", "\x02\x03")]
    by_rows, by_batches = io.BytesIO(), io.BytesIO()
    with open_writer("xlsx", by_rows, cols) as w:
        for a, b in rows:
            w.write({"content": a, "notes": b})
    with open_writer("xlsx", by_batches, cols) as w:
        w.write_batch([[a for a, _ in rows], [b for _, b in rows]])
    assert _sheet(by_batches.getvalue()) == _sheet(by_rows.getvalue())
    sheet = _sheet(by_batches.getvalue())["xl/worksheets/sheet1.xml"].decode()
    assert '<c r="B2" t="inlineStr"><is><t xml:space="preserve"></t></is></c>' in sheet
    assert "a&amp;b" in sheet and "x" * 32766 + "…" in sheet


def test_write_batch_checks_its_columns():
    with pytest.raises(ValueError):
        open_writer("csv", io.BytesIO(), columns()).write_batch([[1]])
    with pytest.raises(ValueError):
        open_writer("json", io.BytesIO(), columns()[:2]).write_batch([[1], [1, 2]])


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl"])
def test_failed_batch_export_leaves_no_file_and_no_thread(tmp_path, fmt):
    import threading

    path = tmp_path / f"out.{fmt}"
    cols = [Column("content", "Nội dung"), Column("deadline", "Thời hạn", "date")]
    with pytest.raises(RuntimeError):
        with open_writer(fmt, path, cols) as w:
            w.write_batch([["a", "b"] * 600, [dt.date(2021, 6, 30), None] * 600])
            raise RuntimeError("the store went away")
    assert list(tmp_path.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "tracker-writer"]


def test_xlsx_write_error_is_raised(tmp_path):
    class Full(io.BytesIO):
        def write(self, data):
            if self.tell() > 1000:
                raise OSError(28, "No space left on device")
            return super().write(data)

    cols = [Column("content", "Nội dung")]
    with pytest.raises(OSError):
        with open_writer("xlsx", Full(), cols) as w:
            for _ in range(20):
                w.write_batch([[f"dòng {i} " * 20 for i in range(1000)]])


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl"])
def test_write_batch_of_thousands_of_rows(fmt):
    """A batch is made into text a thousand rows at a time: the pieces join where they should."""
    fields = ("content", "deadline", "n")
    cols = [Column("content", "Nội dung"), Column("deadline", "Thời hạn", "date"), Column("n", "Số", "int")]
    big = [[f"việc {i}, \"{i % 7}\"" if i % 5 else "" for i in range(2500)],
           [dt.date(2021, 1, 1) + dt.timedelta(days=i % 40) if i % 3 else None for i in range(2500)],
           list(range(2500))]
    batches = [big, [c[:1001] for c in big]]
    by_rows, by_batches = io.BytesIO(), io.BytesIO()
    with open_writer(fmt, by_rows, cols) as w:
        for batch in batches:
            for values in zip(*batch):
                w.write(dict(zip(fields, values)))
    with open_writer(fmt, by_batches, cols) as w:
        for batch in batches:
            w.write_batch(batch)
    if fmt == "xlsx":
        assert _sheet(by_batches.getvalue()) == _sheet(by_rows.getvalue())
    else:
        assert by_batches.getvalue() == by_rows.getvalue()
