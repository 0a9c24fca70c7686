"""A sheet that gives a task's deadline as a date only — the export's Thời hạn column kept,
its words column (Thời hạn (nguyên văn)) deleted, as a department trims the sheet — keeps
the deadline as the clerk wrote it when the date is the same: "Quý IV/2021" is not
rewritten as "31/12/2021", nor "trước ngày 31/7/2020" as "31/07/2020"."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracker.store import tables

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
T, H = tables.task, tables.history


@pytest.fixture
def office_run(run):
    res = run("import", *(SAMPLE / n for n in ("units.csv", "directives.csv", "tasks.csv")))
    assert res.code == 0, res.stderr
    return run


def _look(db_url):
    from tracker.services.context import Context

    ctx = Context.open(db_url, user="tester", today=dt.date(2021, 6, 15))
    try:
        with ctx.read() as conn:
            tasks = {r.id: r for r in conn.execute(select(T))}
            changes = conn.execute(select(func.count()).select_from(H).where(H.c.action != "create")).scalar()
    finally:
        ctx.close()
    return tasks, changes


def test_an_update_sheet_of_dates_keeps_the_deadline_words(office_run, db_url, tmp_path):
    """The department's sheet: ID, Thời hạn (an Excel date), Thời hạn ban đầu, Tiến độ.  Every
    task used to be "updated", its deadline words (and first deadline's) replaced by the bare
    date, with a history entry each — words the secretariat typed from the directive, lost."""
    import openpyxl

    run = office_run
    src = tmp_path / "tnmt.xlsx"
    assert run("export", "--unit", "TNMT", "--status", "open", "-o", src).code == 0
    before, changes = _look(db_url)
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    head = [c.value for c in ws[1]]
    keep = [head.index(h) for h in ("ID", "Thời hạn", "Thời hạn ban đầu", "Tiến độ thực hiện")]
    out = openpyxl.Workbook()
    sheet = out.active
    sheet.append([head[i] for i in keep])
    ids = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        sheet.append([row[i] for i in keep])
        ids.append(row[head.index("ID")])
    worded = [i for i in ids if before[i].deadline is not None and before[i].deadline_text != f"{before[i].deadline:%d/%m/%Y}"]
    assert worded, "the sample's TNMT tasks have deadlines in words"
    path = tmp_path / "tnmt-phong.xlsx"
    out.save(path)
    res = run("import", "--update", path)
    assert res.code == 0, res.stderr
    assert f"cập nhật 0, không đổi {len(ids)}" in res.stderr
    after, changes_after = _look(db_url)
    assert changes_after == changes
    for i in ids:
        b, a = before[i], after[i]
        assert (a.deadline, a.deadline_text, a.deadline_kind, a.original_deadline, a.original_deadline_text) == (
            b.deadline, b.deadline_text, b.deadline_kind, b.original_deadline, b.original_deadline_text)
    # a date that moved is a change, said in the new date
    first = worded[0]
    sheet.cell(row=2 + ids.index(first), column=2).value = dt.datetime(2021, 12, 31)
    sheet.cell(row=2 + ids.index(first), column=3).value = None
    out.save(path)
    res = run("import", "--update", path)
    assert res.code == 0 and "cập nhật 1" in res.stderr, res.stderr
    assert _look(db_url)[0][first].deadline == dt.date(2021, 12, 31)
