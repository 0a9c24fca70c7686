"""The export's fast path (tasks a batch at a time, written column by column) gives exactly
the bytes of the plain path (a dict per row, written one at a time) — in every format, in
both languages, with filters, over batches of any size."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from tracker.services.exporter import columns, export, task_batches
from tracker.services.importing import import_files
from tracker.services.query import TaskFilter, resolve_filter

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
SAMPLE_FILES = [str(SAMPLE / n) for n in ("units.csv", "directives.csv", "tasks.csv")]
FORMATS = ("csv", "jsonl", "json", "xlsx")

# text a writer must guard, quote, escape or strip
AWKWARD = ["=SUM(A1)", "+84 x", "-gạch đầu dòng", "@TC-KH", "\tTab", "\rCR", "'nháy", "a & b < c > d \"q\"",
           "hai\ndòng\r\nCRLF", "điều\x01khiển\x0b\x1f", "x" * 33000, "  cách  ", "emoji 😀", "phẩy, chấm; phẩy",
           "]]> cdata", "đuôi\t", "1,5 tỷ", "'=đã có", "\\ gạch ngược", "{ngoặc}"]


@pytest.fixture
def sample(ctx):
    report = import_files(ctx, SAMPLE_FILES)
    assert report.ok, [p.message() for p in report.problems]
    return ctx


@pytest.fixture
def awkward(sample):
    """The sample office plus tasks whose every text is awkward, done, cancelled, extended and
    with notes."""
    from tracker.services import tasks as T
    from tracker.services.directives import list_directives
    from tracker.services.units import list_units

    ctx = sample
    refs = [f"{d.number}@{d.issue_date:%d/%m/%Y}" for d in list_directives(ctx)][:3]
    units = [u.code for u in list_units(ctx)][:5]
    dues = [None, "30/06/2021", "Quý II/2021", "thường xuyên", "01/01/2021"]
    for i, text in enumerate(AWKWARD):
        view = T.add_task(ctx, directive=refs[i % 3], content=f"{text} #{i}" if i % 2 else text,
                          lead=units[i % 5], support=[units[(i + 1) % 5]] if i % 3 else [],
                          due=dues[i % len(dues)], leader=text[:120] if i % 4 == 0 else "",
                          group=text[:120] if i % 5 == 0 else "", notes=text if i % 3 == 0 else "",
                          ext_key=f"K{i}" if i % 2 else None)
        step = i % 5
        if step == 1:
            T.complete_task(ctx, view.id, on="10/06/2021", proof=text)
        elif step == 2:
            T.cancel_task(ctx, view.id, reason=text)
        elif step == 3 and view.deadline:
            T.extend_task(ctx, view.id, to="31/03/2022", reason=text)
        elif step == 4:
            T.add_note(ctx, view.id, text, percent=40, on="01/06/2021")
            T.add_note(ctx, view.id, "lần hai <&>", on="02/06/2021")
    return ctx


def parts(data: bytes) -> dict[str, bytes]:
    """An XLSX file's parts (its zip's entry dates aside)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def task_rows(ctx, flt=None, *, sheet: bool, lang: str, batch: int = 5000):
    """Rows of the tasks ``flt`` selects, a dict each, from the batches' columns: the JSON
    shape (sheet=False) or sheet values."""
    fields = [c.field for c in columns("tasks", "csv" if sheet else "json", lang)]
    for cols in task_batches(ctx, flt, sheet=sheet, lang=lang, batch=batch):
        for values in zip(*cols):
            yield dict(zip(fields, values))


def slow_path(ctx, fmt, flt=None, lang="vi", **kw) -> bytes:
    """The plain path: ``task_rows`` dicts written one at a time."""
    from tracker.i18n import t
    from tracker.io.writers import open_writer

    buf = io.BytesIO()
    with open_writer(fmt, buf, columns("tasks", fmt, lang), lang=lang,
                     sheet_title=t("export.sheet.tasks", lang=lang), **kw) as w:
        w.write_many(task_rows(ctx, flt, sheet=fmt in ("csv", "xlsx"), lang=lang))
    return buf.getvalue()


def fast_path(ctx, fmt, flt=None, lang="vi", batch=5000, **kw) -> bytes:
    from tracker.i18n import t
    from tracker.io.writers import open_writer

    buf = io.BytesIO()
    with open_writer(fmt, buf, columns("tasks", fmt, lang), lang=lang,
                     sheet_title=t("export.sheet.tasks", lang=lang), **kw) as w:
        for cols in task_batches(ctx, flt, sheet=fmt in ("csv", "xlsx"), lang=lang, batch=batch):
            w.write_batch(cols)
    return buf.getvalue()


def same(fmt, a: bytes, b: bytes) -> bool:
    return parts(a) == parts(b) if fmt == "xlsx" else a == b


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_export_is_the_plain_path_byte_for_byte(awkward, tmp_path, fmt, lang):
    path = tmp_path / f"tasks.{fmt}"
    result = export(awkward, "tasks", fmt, path, lang=lang)
    assert result.rows == 335 + len(AWKWARD)  # the sample's tasks (test_import.SAMPLE_TASKS)
    assert same(fmt, path.read_bytes(), slow_path(awkward, fmt, lang=lang))


@pytest.mark.parametrize("fmt", FORMATS)
def test_batches_of_any_size_dense_or_sparse(awkward, fmt):
    """Small batches; a filter leaving gaps between ids (the side tables read by lists of
    ids) and one leaving none (by a range of ids)."""
    sparse = resolve_filter(awkward, timeliness=["open_overdue", "done_late"])
    every_other = TaskFilter(ids=list(range(1, 400, 2)))
    for flt in (None, sparse, every_other, TaskFilter(ids=[-1])):
        want = slow_path(awkward, fmt, flt)
        for batch in (1, 7, 5000):
            assert same(fmt, fast_path(awkward, fmt, flt, batch=batch), want), (flt, batch)


@pytest.mark.parametrize("delimiter", [";", "\t", " ", "|"])
def test_csv_delimiters_and_no_bom(awkward, delimiter):
    want = slow_path(awkward, "csv", delimiter=delimiter, bom=False)
    assert fast_path(awkward, "csv", batch=50, delimiter=delimiter, bom=False) == want


def test_json_rows_are_the_plain_rows(awkward):
    """``task_rows`` (the dicts the fast path's columns make) read back from the file."""
    import json

    buf = io.BytesIO()
    export(awkward, "tasks", "jsonl", buf)
    back = [json.loads(line) for line in buf.getvalue().decode("utf-8").splitlines()]
    assert back == list(task_rows(awkward, sheet=False, lang="vi"))
    assert {r["content"] for r in back} >= {AWKWARD[1] + " #1", AWKWARD[0]}


def test_xlsx_reads_back_with_openpyxl(awkward, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "tasks.xlsx"
    export(awkward, "tasks", "xlsx", path)
    ws = load_workbook(path, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 1 + 335 + len(AWKWARD)
    by_content = {r[6]: r for r in rows[1:]}
    assert "=SUM(A1)" in by_content  # text, never a formula
    assert "a & b < c > d \"q\" #7" in by_content
    assert "điềukhiển #9" in by_content  # characters XML cannot hold are left out
    assert any(len(c) == 32767 and c.endswith("…") for c in by_content)
    dates = [r[11] for r in rows[1:] if r[11] is not None]
    assert dates and all(isinstance(d, dt.datetime) for d in dates)


def test_an_empty_export(ctx, tmp_path):
    for fmt in FORMATS:
        path = tmp_path / f"none.{fmt}"
        assert export(ctx, "tasks", fmt, path).rows == 0
        assert same(fmt, path.read_bytes(), slow_path(ctx, fmt))
