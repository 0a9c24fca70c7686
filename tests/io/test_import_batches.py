"""The one row path and its memo: a row's parts (``importing.rows``) are remembered per
distinct set of cells (``importing.memo.Memo``), and remembering changes nothing — the same
store, the same history, the same problems with the same rows as when every row works out
every part afresh, and whatever the batch size — for clean files, for files full of
mistakes, into an empty store and over stored tasks with --update."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tracker.services.importing import import_files
from tracker.services.importing import memo as memo_module
from tracker.services.importing import rows as rows_module
from tracker.services.importing import tasks as tasks_module

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data"
REGISTERS = [str(SAMPLE / "units.csv"), str(SAMPLE / "directives.csv")]


def _sample_rows() -> tuple[list[str], list[list[str]]]:
    """The sample office's tasks without the extensions column (which the row path reads)."""
    with open(SAMPLE / "tasks.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    drop = header.index("Gia hạn")
    return ([h for i, h in enumerate(header) if i != drop],
            [[c for i, c in enumerate(r) if i != drop] for r in rows[1:]])


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue()


def _mistakes(header: list[str], rows: list[list[str]]) -> list[list[str]]:
    """Rows of every kind the checks know, each made from a good one."""
    col = {h: i for i, h in enumerate(header)}
    base = rows[1]

    def row(**cells):
        r = list(base)
        for name, value in cells.items():
            r[col[name]] = value
        return r

    n = iter(range(9000, 10000))
    key = (lambda: f"X-{next(n)}")
    return [
        row(**{"Mã nhiệm vụ": key(), "Đơn vị chủ trì": "Phòng Không Có Thật"}),
        row(**{"Mã nhiệm vụ": key(), "Đơn vị phối hợp": "UBND các phường"}),
        row(**{"Mã nhiệm vụ": key(), "Đơn vị phối hợp": "các phòng, ban chuyên môn"}),
        row(**{"Mã nhiệm vụ": key(), "Đơn vị phối hợp": "Phòng TC-KH; Phòng Ma"}),
        row(**{"Mã nhiệm vụ": key(), "Thời hạn": "khi nào xong thì thôi"}),
        row(**{"Mã nhiệm vụ": key(), "Thời hạn": "trước ngày 01/01/2019"}),
        row(**{"Mã nhiệm vụ": key(), "Thời hạn": "trong 10 ngày"}),
        row(**{"Mã nhiệm vụ": key(), "Trạng thái": "xong rồi?"}),
        row(**{"Mã nhiệm vụ": key(), "Trạng thái": "Đã hoàn thành", "Ngày hoàn thành": ""}),
        row(**{"Mã nhiệm vụ": key(), "Trạng thái": "Đã hoàn thành", "Ngày hoàn thành": "01/01/2030"}),
        row(**{"Mã nhiệm vụ": key(), "Trạng thái": "Đang thực hiện", "Ngày hoàn thành": "01/06/2021"}),
        row(**{"Mã nhiệm vụ": key(), "Trạng thái": "Đã hoàn thành", "Ngày hoàn thành": "31/02/2021"}),
        row(**{"Mã nhiệm vụ": key(), "Trạng thái": "Không thực hiện", "Ghi chú": "Đã lồng ghép vào KH khác"}),
        row(**{"Mã nhiệm vụ": key(), "Trạng thái": "Không thực hiện", "Ghi chú": ""}),
        row(**{"Mã nhiệm vụ": key(), "Lãnh đạo phụ trách": "x" * 130}),
        row(**{"Mã nhiệm vụ": "K" * 130}),
        row(**{"Mã nhiệm vụ": rows[0][col["Mã nhiệm vụ"]]}),  # the key of an earlier row
        row(**{"Mã nhiệm vụ": key(), "Ngày ban hành": "32/13/2019"}),
        row(**{"Mã nhiệm vụ": key(), "Số, ký hiệu văn bản": "999/KHÔNG-CÓ", "Ngày ban hành": ""}),
        row(**{"Mã nhiệm vụ": key(), "Số, ký hiệu văn bản": "77/KH-UBND", "Ngày ban hành": "02/02/2021",
               "Cơ quan ban hành": "UBND thành phố"}),
        row(**{"Mã nhiệm vụ": key(), "Số, ký hiệu văn bản": "77/KH-UBND", "Ngày ban hành": "02/02/2021",
               "Cơ quan ban hành": "UBND thành phố", "Thời hạn": "trong 10 ngày"}),
        row(**{"Mã nhiệm vụ": key(), "Nội dung nhiệm vụ": ""}),
        row(**{"Mã nhiệm vụ": key(), "Nội dung nhiệm vụ": "  Nội   dung\u00a0có — gạch  và cách  "}),
        row(**{"Mã nhiệm vụ": key(), "Nội dung nhiệm vụ": "Kiểm tra tiến độ".encode().decode()
               .replace("ể", "e\u0302\u0309")}),
        row(**{"Mã nhiệm vụ": key(), "Tiến độ thực hiện": "31/02/2021: Đã họp"}),
        row(**{"Mã nhiệm vụ": key(), "Tiến độ thực hiện": "05/06/2021: Đã họp | 60%"}),
        row(**{"Mã nhiệm vụ": "", "Nội dung nhiệm vụ": "Việc không có mã"}),
        row(**{"Mã nhiệm vụ": "", "Nội dung nhiệm vụ": "Việc không có mã"}),
        row(**{"Mã nhiệm vụ": key(), "Đơn vị chủ trì": ""}),
    ]


def _dump(ctx) -> dict:
    with ctx.engine.connect() as conn:
        def rows(sql):
            return [tuple(r) for r in conn.execute(text(sql))]
        return {
            "task": rows("SELECT id, directive_id, ext_key, content, content_folded, lead_unit_id, leader, "
                         "work_group, deadline, deadline_text, deadline_kind, deadline_effective, "
                         "original_deadline, original_deadline_text, status, done_on, proof, cancel_reason, "
                         "notes, version FROM task ORDER BY id"),
            "support": rows("SELECT task_id, unit_id, position FROM task_support ORDER BY task_id, position"),
            "notes": rows('SELECT task_id, "on", text, percent, "by" FROM progress_note ORDER BY task_id, id'),
            "directives": rows("SELECT id, number, issuer, issue_date, title FROM directive ORDER BY id"),
            "history": rows('SELECT entity, entity_id, action, field, old, new, "by" FROM history '
                            "WHERE entity IN ('task', 'directive') ORDER BY id"),
        }


def _problems(report) -> list[tuple]:
    return [(p.key, p.row, p.column, p.value, p.expected, p.severity)
            for p in report.problems + report.warnings]


class _Forgetful(memo_module.Memo):
    """A memo that remembers nothing: every row works out every part itself."""

    def __init__(self, compute, limit=0):
        super().__init__(compute, limit=0)


def _outcome(reports, ctx) -> tuple:
    return ([(_problems(r), r.error_count, r.warning_count, r.committed,
              [(f.rows, f.added, f.updated, f.unchanged, f.skipped, f.rejected) for f in r.files])
             for r in reports], _dump(ctx))


def _both_ways(make_ctx, monkeypatch, steps) -> tuple:
    """Run ``steps`` (a list of (path, kwargs)) on a new store with the memo remembering
    (in small batches, parts met again in later ones) and forgetting; their outcomes."""
    outcomes = []
    for remembering in (True, False):
        with monkeypatch.context() as m:
            m.setattr(tasks_module, "BATCH", 7 if remembering else 5000)
            if not remembering:
                m.setattr(rows_module, "Memo", _Forgetful)
            ctx = make_ctx()
            assert import_files(ctx, REGISTERS).ok
            outcomes.append(_outcome([import_files(ctx, [path], **kw) for path, kw in steps], ctx))
    return outcomes


@pytest.fixture
def make_ctx(db_url, tmp_path, pg_fresh):
    import datetime as dt

    from tracker.services.context import Context

    opened = []

    def make():
        if db_url.startswith("postgresql"):
            pg_fresh(db_url)
            url = db_url
        else:
            url = f"sqlite:///{tmp_path / f'store{len(opened)}.db'}"
        ctx = Context.open(url, user="tester", today=dt.date(2021, 6, 15), create=True)
        opened.append(ctx)
        return ctx

    yield make
    for ctx in opened:
        ctx.close()


def test_clean_file_same_store(make_ctx, monkeypatch, write):
    header, rows = _sample_rows()
    path = write("tasks.csv", _csv(header, rows))
    fast, slow = _both_ways(make_ctx, monkeypatch, [(path, {})])
    problems, errors, _warnings, committed, files = fast[0][0]
    # (the sample's 8 recurring duties' rows make recurrences, not tasks of their own)
    assert (errors, committed, files[0][:2]) == (0, True, (len(rows), len(rows) - 8))
    assert [p[0] for p in problems] == ["import.group_support_ignored"]  # a warning the sample has
    assert fast == slow


def _jsonl(header: list[str], rows: list[list[str]]) -> str:
    """The rows as JSON Lines keyed by field, supporting units a list in every other row."""
    import json

    from tracker.io.headers import map_headers

    fields = map_headers(header, "tasks").fields
    out = []
    for i, r in enumerate(rows):
        obj = {fields[h]: c for h, c in zip(header, r) if h in fields}
        if i % 2 and obj.get("support"):
            obj["support"] = [u.strip() for u in obj["support"].split(";")]
        out.append(json.dumps(obj, ensure_ascii=False))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_mistakes_same_problems(make_ctx, monkeypatch, write, fmt):
    header, rows = _sample_rows()
    rows = rows + _mistakes(header, rows)
    path = write(f"tasks.{fmt}", _csv(header, rows) if fmt == "csv" else _jsonl(header, rows))
    fast, slow = _both_ways(make_ctx, monkeypatch, [(path, {})])
    problems = fast[0][0][0]
    keys = {p[0] for p in problems}
    assert {"import.unknown_unit", "import.bad_deadline", "import.bad_status", "import.done_needs_date",
            "import.done_in_future", "import.status_conflict", "import.cancel_needs_reason", "import.too_long",
            "import.duplicate_row", "import.bad_date", "import.required",
            "import.deadline_before_directive", "import.group_support_ignored"} <= keys, keys
    assert fast == slow


def test_update_over_stored_tasks_same_changes(make_ctx, monkeypatch, write):
    """Into a store that has the tasks: unchanged, skipped, then --update, by each path."""
    header, rows = _sample_rows()
    col = {h: i for i, h in enumerate(header)}
    first = write("tasks.csv", _csv(header, rows))
    edited = [list(r) for r in rows]
    for i, r in enumerate(edited):
        if i % 3 == 0:
            r[col["Thời hạn"]] = "31/12/2021"
        if i % 4 == 0:
            r[col["Đơn vị phối hợp"]] = "Phòng Tư pháp"
        if i % 5 == 0:
            r[col["Tiến độ thực hiện"]] = (r[col["Tiến độ thực hiện"]] + "\n10/06/2021: Đã xong phần việc").strip()
        if i % 7 == 0:
            r[col["Lãnh đạo phụ trách"]] = "PCT Nguyễn Văn An"
    second = write("edited.csv", _csv(header, edited + [edited[0]]))  # and a duplicate
    third = write("edited2.csv", _csv(header, edited))
    fast, slow = _both_ways(make_ctx, monkeypatch,
                            [(first, {}), (first, {}), (second, {}), (third, {"update": True})])
    assert fast[0][3][4][0][2] > 0  # updated rows
    assert fast == slow


# ---- any mix of good and bad cells: remembered or not, the same

_POOLS = {
    "Mã nhiệm vụ": ["", "K-1", "K-2", "K-1", "K" * 121],
    "Số, ký hiệu văn bản": ["320-KL/TU", "18-KL/TU", "", "999/KHÔNG-CÓ", "77/KH-UBND"],
    "Ngày ban hành": ["04/12/2019", "09/12/2019", "", "32/13/2019", "02/02/2021"],
    "Cơ quan ban hành": ["Tỉnh ủy", "Thành ủy", "", "UBND thành phố"],
    "Nội dung nhiệm vụ": ["Việc A", "Việc B", "", "  Việc\u00a0C — có gạch  ", "Vie\u0302\u0323c D"],
    "Đơn vị chủ trì": ["Phòng TC-KH", "Văn phòng HĐND-UBND", "", "Phòng Ma", "UBND các phường"],
    "Đơn vị phối hợp": ["", "Phòng TC-KH", "Phòng Tư pháp; Phòng Ma", "UBND các phường",
                        "các phòng, ban liên quan", "Phòng TC-KH, Phòng TC-KH"],
    "Lãnh đạo phụ trách": ["", "PCT Hoàng Văn Lợi", "x" * 121],
    "Nhóm công việc": ["", "Kinh tế - ngân sách"],
    "Thời hạn": ["", "trước ngày 31/12/2021", "trong 10 ngày", "31/3", "Quý II/2021",
                 "khi nào xong", "trước ngày 01/01/2019", "thường xuyên", "30/02/2021"],
    "Trạng thái": ["", "Đang thực hiện", "Đã hoàn thành", "Không thực hiện", "xong rồi?"],
    "Ngày hoàn thành": ["", "10/06/2021", "01/01/2030", "31/02/2021"],
    "Kết quả": ["", "Báo cáo số 1/BC"],
    "Tiến độ thực hiện": ["", "05/06/2021: Đã họp (60%)", "ghi chú không ngày"],
    "Ghi chú": ["", "Lồng ghép vào kế hoạch khác"],
}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({k: st.sampled_from(v) for k, v in _POOLS.items()}),
                min_size=1, max_size=25),
       st.booleans())
def test_any_mix_of_cells_same_outcome(tmp_path_factory, rows, again):
    import datetime as dt

    from tracker.services.context import Context

    header = list(_POOLS)
    folder = tmp_path_factory.mktemp("mix")
    path = folder / "tasks.csv"
    path.write_text(_csv(header, [[r[h] for h in header] for r in rows]), encoding="utf-8")
    outcomes = []
    for remembering in (True, False):
        with pytest.MonkeyPatch.context() as m:
            m.setattr(tasks_module, "BATCH", 4)
            if not remembering:
                m.setattr(rows_module, "Memo", _Forgetful)
            ctx = Context.open(f"sqlite:///{folder / f'{remembering}.db'}", user="tester",
                               today=dt.date(2021, 6, 15), create=True)
            try:
                assert import_files(ctx, REGISTERS).ok
                reports = [import_files(ctx, [str(path)])]
                if again:  # and once more over what the first run stored
                    reports.append(import_files(ctx, [str(path)], update=True))
                outcomes.append(_outcome(reports, ctx))
            finally:
                ctx.close()
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("vietnamese", [True, False])
def test_json_lines_batches_read_as_a_json_array_does(make_ctx, monkeypatch, write, vietnamese):
    """A JSON array and JSON Lines of the same objects — ragged, keyed in Vietnamese or by
    field, with a column first shown part-way, a key it does not know and a derived one —
    end the same."""
    import json

    from tracker.io.headers import map_headers

    header, rows = _sample_rows()
    rows = rows + _mistakes(header, rows)
    fields = map_headers(header, "tasks").fields
    objs = []
    for i, r in enumerate(rows):
        obj = {(h if vietnamese else fields[h]): c for h, c in zip(header, r) if h in fields}
        if i < 40:  # the progress column first shows at object 41
            obj.pop("progress", None)
            obj.pop("Tiến độ thực hiện", None)
        if i % 5 == 1:  # ragged: an object without its supporting units
            obj.pop("support", None)
            obj.pop("Đơn vị phối hợp", None)
        if i == 60:
            obj["màu sắc"] = "đỏ"  # a key it does not know: reported where it first shows
        if i % 7 == 2:
            obj["timeliness"] = "late"  # derived: ignored
        objs.append(obj)
    outcomes = []
    for path in (write("tasks.json", json.dumps(objs, ensure_ascii=False)),
                 write("tasks.jsonl", "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs))):
        with monkeypatch.context() as m:
            m.setattr(tasks_module, "BATCH", 7)
            ctx = make_ctx()
            assert import_files(ctx, REGISTERS).ok
            r = import_files(ctx, [path])
            problems = [(p.key, p.row, p.column, p.value, p.expected, p.severity)
                        for p in r.problems + r.warnings]
            outcomes.append((problems, r.error_count, r.warning_count,
                             [(f.rows, f.added, f.rejected) for f in r.files], _dump(ctx)))
    assert outcomes[0][1] > 0 and "import.unknown_header_any" in {p[0] for p in outcomes[0][0]}
    assert outcomes[1] == outcomes[0]


def test_rows_after_a_made_directive_see_it(make_ctx, monkeypatch, write):
    """A row that names a directive the store lacks plans it, and the rows after it see it:
    a later row naming the number alone now finds two and is asked which — remembered or
    not, not the one it would have found before."""
    header = ["Mã nhiệm vụ", "Số, ký hiệu văn bản", "Ngày ban hành", "Cơ quan ban hành", "Nội dung nhiệm vụ",
              "Đơn vị chủ trì", "Thời hạn"]
    rows = [["A1", "67/KH-UBND", "", "", "Việc một", "TCKH", "30/09/2021"],  # the stored one
            ["A2", "67/KH-UBND", "02/02/2021", "Sở Nội vụ", "Việc hai", "TCKH", "30/09/2021"],  # a new one
            ["A3", "67/KH-UBND", "", "", "Việc ba", "TCKH", "30/09/2021"],  # now: which of the two?
            ["A4", "67/KH-UBND", "08/04/2021", "UBND thành phố", "Việc bốn", "TCKH", "30/09/2021"]]
    path = write("tasks.csv", _csv(header, rows))
    fast, slow = _both_ways(make_ctx, monkeypatch, [(path, {})])
    problems = fast[0][0][0]
    assert [(p[0], p[1]) for p in problems] == [("import.ambiguous_directive", 4)], problems
    assert fast == slow


def test_a_part_is_worked_out_once_per_distinct_cells(make_ctx, monkeypatch, write):
    """The sample's 327 rows name a few dozen lead units and deadlines: each part's function
    runs once per distinct set of its cells, not once per row — and a bad cell repeated is
    still reported on every row that has it, with that row's number."""
    header, rows = _sample_rows()
    col = {h: i for i, h in enumerate(header)}
    for i in (3, 50, 200):
        rows[i][col["Đơn vị chủ trì"]] = "Phòng Không Có Thật"
    calls: dict[str, list] = {"lead": [], "deadline": []}
    real_lead, real_deadline = rows_module.TaskRows._lead, rows_module.TaskRows._deadline
    monkeypatch.setattr(rows_module.TaskRows, "_lead", lambda self, raw: (calls["lead"].append(raw),
                                                                           real_lead(self, raw))[1])
    monkeypatch.setattr(rows_module.TaskRows, "_deadline", lambda self, *cells: (calls["deadline"].append(cells),
                                                                                 real_deadline(self, *cells))[1])
    ctx = make_ctx()
    assert import_files(ctx, REGISTERS).ok
    report = import_files(ctx, [write("tasks.csv", _csv(header, rows))])
    leads = [r[col["Đơn vị chủ trì"]] for r in rows]
    assert sorted(calls["lead"]) == sorted(set(leads)) and len(calls["lead"]) < len(rows) // 3
    assert len(calls["deadline"]) == len(set(calls["deadline"])) < len(rows)
    assert [(p.key, p.row) for p in report.problems] == [("import.unknown_unit", i + 2) for i in (3, 50, 200)]


def test_memo_remembers_answers_and_forgets_on_demand():
    seen = []
    m = memo_module.Memo(lambda a, b: (seen.append((a, b)), (a + b,))[1], limit=2)
    assert m(1, 2) == m(1, 2) == (3,) and seen == [(1, 2)]
    assert m(["x"], ["y"]) == (["x", "y"],) and m(["x"], ["y"]) == (["x", "y"],)  # unhashable: each time
    assert m.calls == 3
    m(2, 2), m(3, 3)  # past the limit: worked out, not kept
    assert len(m.answers) == 2 and m(3, 3) == (6,) and m.calls == 6
    m.forget()
    assert m(1, 2) == (3,) and m.calls == 7


def test_a_batch_crosses_to_the_writer_whole():
    """What the reader process sends (``CheckedBatch`` and every part of a record, each
    pickled by its own ``__reduce__``) arrives equal, every field of every part included —
    a field added to a part but not to its ``__reduce__`` fails here."""
    import datetime as dt
    import pickle
    from dataclasses import fields

    from tracker.io.problems import Problem
    from tracker.services.importing.lookups import DirectiveEntry
    from tracker.services.importing.records import Deadline, Extension, Note, TaskRecord
    from tracker.services.importing.tasks import CheckedBatch

    day = dt.date(2021, 3, 1)
    parts = [Deadline(day, "trước ngày 1/3/2021", "exact", dt.date(2021, 3, 2),
                      ("hằng tháng, trước ngày 1", "2021-03")),
             Extension(day, "1/3/2021", dt.date(2021, 4, 1), "1/4/2021", "lý do", dt.datetime(2021, 3, 1, 8), "an"),
             Note(day, "Đã họp", 60, "an"),
             DirectiveEntry(7, "12/KH-UBND", day, "UBND thành phố", "Kế hoạch", "KH")]
    for part in parts:  # (every field set: a default would hide a field left out)
        assert all(getattr(part, f.name) not in (None, "") for f in fields(part)), part
        assert pickle.loads(pickle.dumps(part)) == part
    record = TaskRecord(3, 9, "K-1", parts[3], "Việc", 2, "PCT A", "Đô thị", parts[0], (day, "1/3/2021"),
                        "done", day, "", "BC 1", "ghi chú", (4, 5), (parts[1],), (parts[2],),
                        frozenset({"content"}), ("hằng tháng, trước ngày 1", "2021-03"))
    batch = CheckedBatch([record, record], [Problem("import.bad_date", file="t.csv", row=3)], 3, 1,
                         {"Nội dung": "content"})
    for batch in (batch, CheckedBatch([], [], 2, 2)):  # (and a batch of rows all rejected)
        again = pickle.loads(pickle.dumps(batch))
        assert (again.records, again.problems, again.read, again.rejected, again.columns) == \
            (batch.records, batch.problems, batch.read, batch.rejected, batch.columns)


def test_a_name_the_register_learns_changes_what_later_rows_find(make_ctx, monkeypatch, write):
    """The register learns a new leader part-way: a later row with the same short name that
    found one leader before now finds two and is asked which — remembered or not."""
    header = ["Mã nhiệm vụ", "Số, ký hiệu văn bản", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Lãnh đạo phụ trách"]
    rows = [["L1", "67/KH-UBND", "Việc một", "TCKH", "PCT Trần Văn Lợi"],  # a new name: learned
            ["L2", "67/KH-UBND", "Việc hai", "TCKH", "Lợi"],  # part of one known name: found
            ["L3", "67/KH-UBND", "Việc ba", "TCKH", "Chánh Văn phòng Nguyễn Văn Lợi"],  # another
            ["L4", "67/KH-UBND", "Việc bốn", "TCKH", "Lợi"]]  # now part of two: which?
    fast, slow = _both_ways(make_ctx, monkeypatch, [(write("tasks.csv", _csv(header, rows)), {})])
    problems = fast[0][0][0]
    assert [(p[0], p[1]) for p in problems] == [("import.name_ambiguous", 5)], problems
    assert fast == slow
