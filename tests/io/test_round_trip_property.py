"""Any office the services can hold goes out as JSON/CSV and comes back the same."""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.services.context import Context
from tracker.services.exporter import export
from tracker.services.importing import import_files

TODAY = dt.date(2021, 6, 15)
WORDS = st.text(alphabet=st.sampled_from(list("aăâđêôơư ÀÁẢẠờớởỡợ=+-@'\",;\n\t()/")), min_size=1, max_size=25)
DEADLINES = st.sampled_from(["", "30/06/2021", "Quý II/2021", "trước ngày 15/7/2021", "thường xuyên",
                             "trong 10 ngày", "năm 2021", "trong tháng 5/2021"])


def office(tmp_path, name):
    from tracker.services.directives import add_directive
    from tracker.services.units import add_unit

    ctx = Context.open(f"sqlite:///{tmp_path / name}", user="tester", today=TODAY, create=True)
    add_unit(ctx, "TCKH", "Phòng Tài chính - Kế hoạch", aliases=["TC-KH"])
    add_unit(ctx, "QLDT", "Phòng Quản lý đô thị", aliases=["QLĐT"])
    add_unit(ctx, "P5", "Phường 5", kind="ward")
    add_directive(ctx, "67/KH-UBND", type_code="KH", issuer="UBND thành phố", date="08/04/2021",
                  title="Kế hoạch chủ đề năm")
    add_directive(ctx, "09/KH-UBND", type_code="KH", issuer="UBND thành phố", date="10/01/2020",
                  title="Kế hoạch năm 2020")
    return ctx


task = st.fixed_dictionaries({
    "content": WORDS, "lead": st.sampled_from(["TCKH", "QLDT", "P5"]),
    "support": st.lists(st.sampled_from(["TCKH", "QLDT", "P5"]), max_size=2, unique=True),
    "due": DEADLINES, "leader": WORDS | st.just(""), "notes": WORDS | st.just(""),
    "then": st.sampled_from(["open", "done", "cancel", "extend", "note"]),
    # a plan of last year, and an extension typed without its year ("30/6": this year's, as
    # typed today — not the plan's year, which an import reads year-less words from)
    "directive": st.sampled_from(["67/KH-UBND", "09/KH-UBND"]), "to": st.sampled_from(["31/03/2022", "30/6"]),
})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tasks=st.lists(task, min_size=1, max_size=6))
def test_export_import_export_is_the_same(tmp_path_factory, tasks):
    from tracker.services import tasks as T
    from tracker.errors import TrackerError

    tmp_path = tmp_path_factory.mktemp("rt")
    ctx = office(tmp_path, "a.db")
    try:
        for i, spec in enumerate(tasks):
            try:
                view = T.add_task(ctx, directive=spec["directive"], content=f"{spec['content']} #{i}",
                                  lead=spec["lead"], support=spec["support"], due=spec["due"] or None,
                                  leader=spec["leader"], notes=spec["notes"])
            except TrackerError:
                continue  # text the services refuse (e.g. only spaces) is not an office
            if spec["then"] == "done":
                T.complete_task(ctx, view.id, on="10/06/2021", proof="Báo cáo số 1/BC-TCKH")
            elif spec["then"] == "cancel":
                T.cancel_task(ctx, view.id, reason="Không còn phù hợp")
            elif spec["then"] == "extend" and view.deadline:
                try:
                    T.extend_task(ctx, view.id, to=spec["to"], reason="Chờ vốn")
                except TrackerError:
                    pass  # an extension the rules refuse (not later than the deadline) is none
            elif spec["then"] == "note":
                T.add_note(ctx, view.id, "Đang triển khai", percent=40, on="01/06/2021")
        for kind in ("units", "directives", "tasks"):
            export(ctx, kind, "json", tmp_path / f"{kind}.json")
        export(ctx, "tasks", "csv", tmp_path / "tasks.csv")
        other = Context.open(f"sqlite:///{tmp_path / 'b.db'}", user="tester", today=TODAY, create=True)
        try:
            # the export's issuers and leaders are the first store's register, close ones
            # included (two leaders a letter apart): a new store takes them as they are
            report = import_files(other, [str(tmp_path / f"{k}.json") for k in ("units", "directives", "tasks")],
                                  new_names=True)
            assert report.ok, [p.message() for p in report.problems]
            export(other, "tasks", "json", tmp_path / "again.json")
            assert json.loads((tmp_path / "again.json").read_text()) == json.loads((tmp_path / "tasks.json").read_text())
            # the clerk's CSV of the same office reads back unchanged
            report = import_files(other, [str(tmp_path / "tasks.csv")], update=True)
            assert report.ok, [p.message() for p in report.problems]
            assert report.total("updated") == 0 and report.total("added") == 0
        finally:
            other.close()
    finally:
        ctx.close()
