"""Undo walks a task's changes back one at a time, as new history rows."""
import datetime as dt

import pytest

from tracker.services import query, tasks
from tracker.services.errors import ValidationError


def _add(ctx, content: str = "Rà soát quy hoạch"):
    return tasks.add_task(ctx, directive="67/KH-UBND", content=content, lead="TCKH",
                          support=["TNMT"], due="30/06/2021", leader="PCT A")


def test_undo_each_kind_of_change(office):
    t = _add(office)
    with pytest.raises(ValidationError) as exc:
        tasks.undo_last_change(office, t.id)
    assert exc.value.key == "task.cannot_undo_create"

    tasks.edit_task(office, t.id, content="Nội dung sửa", lead="QLDT", support=["P5"], due="31/07/2021")
    tasks.add_note(office, t.id, "Đã họp", percent=30)
    tasks.extend_task(office, t.id, to="31/08/2021", reason="Chờ số liệu")
    tasks.complete_task(office, t.id, on="10/06/2021", proof="BC 1")

    v = tasks.undo_last_change(office, t.id)           # undo done
    assert v.status == "open" and v.done_on is None and v.proof == ""
    v = tasks.undo_last_change(office, t.id)           # undo extension
    assert v.deadline == dt.date(2021, 7, 31) and v.extensions == ()
    v = tasks.undo_last_change(office, t.id)           # undo note
    assert query.get_task(office, t.id).notes == ()
    v = tasks.undo_last_change(office, t.id)           # undo edit
    assert (v.content, v.lead, v.support, v.deadline) == ("Rà soát quy hoạch", "TCKH", ("TNMT",),
                                                          dt.date(2021, 6, 30))
    assert v.original_deadline == dt.date(2021, 6, 30)
    with pytest.raises(ValidationError):
        tasks.undo_last_change(office, t.id)
    actions = [h.action for h in query.task_history(office, t.id)]
    assert actions.count("undo") >= 4 and actions[0] == "create"  # nothing deleted from history


def test_undo_cancel_and_conflict(office):
    from tracker.services.errors import ConflictError

    t = _add(office)
    t = tasks.cancel_task(office, t.id, reason="Trùng")
    with pytest.raises(ConflictError):
        tasks.undo_last_change(office, t.id, expected_version=t.version - 1)
    v = tasks.undo_last_change(office, t.id, expected_version=t.version)
    assert v.status == "open" and v.cancel_reason == ""


def test_undo_command(run):
    run("init")
    run("unit", "add", "TCKH", "Phòng Tài chính - Kế hoạch")
    run("directive", "add", "1/KH-UBND", "--type", "KH", "--issuer", "UBND thành phố", "--date", "01/01/2021",
        "--title", "KH")
    tid = run("task", "add", "X", "--directive", "1/KH-UBND", "--lead", "TCKH").stdout.strip()
    assert run("task", "done", tid).code == 0
    r = run("task", "undo", tid)
    assert r.code == 0 and "hoàn tác" in r.stderr
    r = run("task", "undo", tid, lang="en")
    assert r.code == 1 and "cannot be undone" in r.stderr


def test_a_change_made_by_an_import_is_recorded_and_undone_as_an_edit_is(office, tmp_path):
    """`import --update` writes its history in the words `task edit` does (a lead unit by its
    code, one row per note or extension), so undo takes back what it changed — every field of
    it — instead of saying so and leaving the task as it was."""
    from tracker.services.importing import import_files

    t = _add(office)
    path = tmp_path / "sua.csv"
    path.write_text(
        "ID,Văn bản,Nội dung nhiệm vụ,Đơn vị chủ trì,Nhóm công việc,Thời hạn,Gia hạn,Tiến độ thực hiện\n"
        f'{t.id},67/KH-UBND,Rà soát quy hoạch,QLDT,Đô thị,31/08/2021,'
        '"30/06/2021 → 31/08/2021: Chờ số liệu","01/06/2021: Đã họp\n05/06/2021: (40%) Đã có dự thảo"\n',
        encoding="utf-8")
    report = import_files(office, [str(path)], update=True)
    assert report.ok and report.total("updated") == 1, [p.message() for p in report.problems]
    rows = [h for h in query.task_history(office, t.id) if h.action == "import"]
    assert sorted(h.field for h in rows) == ["deadline", "extension", "group", "lead", "note", "note"]
    assert [(h.old, h.new) for h in rows if h.field == "lead"] == [("TCKH", "QLDT")]
    d = query.get_task(office, t.id)
    assert (d.task.lead, d.task.group, d.task.deadline, len(d.task.extensions), len(d.notes)) == \
        ("QLDT", "Đô thị", dt.date(2021, 8, 31), 1, 2)

    v = tasks.undo_last_change(office, t.id)
    assert (v.lead, v.group, v.deadline, v.extensions) == ("TCKH", "", dt.date(2021, 6, 30), ())
    assert query.get_task(office, t.id).notes == ()
    undo = [h for h in query.task_history(office, t.id) if h.action == "undo"]
    assert sorted(h.field for h in undo) == sorted(h.field for h in rows)


def test_an_undo_that_cannot_take_a_change_back_says_so(office):
    """A change of fields undo does not know is refused with their names, not reported done."""
    from sqlalchemy import insert

    from tracker.store.tables import history as H

    t = _add(office)
    with office.session() as s:
        s.connection().execute(insert(H).values(entity="task", entity_id=t.id, action="import",
                                                field="extension_reason", old=None, new="x",
                                                at=dt.datetime(2021, 6, 1), by="x", batch="b1"))
    with pytest.raises(ValidationError) as exc:
        tasks.undo_last_change(office, t.id)
    from tracker.services.history import field_words

    assert exc.value.key == "task.cannot_undo"
    assert f"({field_words('extension_reason')})" in exc.value.message()


def test_an_import_change_written_by_an_earlier_version_is_read_and_undone(office):
    """Imports before wrote a change under the column's name, with ids (`lead_unit_id 6 -> 3`):
    such rows still read in words and undo still takes them back."""
    from sqlalchemy import insert, select, update

    from tracker.services.history import field_words
    from tracker.store.tables import history as H
    from tracker.store.tables import task as TT
    from tracker.store.tables import unit as U

    t = _add(office)
    with office.session() as s:
        conn = s.connection()
        old_lead = conn.execute(select(TT.c.lead_unit_id).where(TT.c.id == t.id)).scalar_one()
        new_lead = conn.execute(select(U.c.id).where(U.c.code == "QLDT")).scalar_one()
        conn.execute(update(TT).where(TT.c.id == t.id).values(lead_unit_id=new_lead, work_group="Đô thị",
                                                              version=TT.c.version + 1))
        for field, old, new in (("lead_unit_id", str(old_lead), str(new_lead)), ("work_group", "", "Đô thị")):
            conn.execute(insert(H).values(entity="task", entity_id=t.id, action="import", field=field, old=old,
                                          new=new, at=dt.datetime(2021, 6, 1), by="x", batch="import-old"))
    assert field_words("lead_unit_id") == field_words("lead") and field_words("work_group") == field_words("group")
    v = tasks.undo_last_change(office, t.id)
    assert (v.lead, v.group) == ("TCKH", "")


# --- several tasks at once (the app's marked rows) ------------------------------------------


def _history_count(ctx) -> int:
    from sqlalchemy import func, select

    from tracker.store.tables import history as H

    with ctx.read() as conn:
        return conn.execute(select(func.count()).select_from(H)).scalar_one()


def test_undo_on_several_tasks_offers_each_ones_newest_change_then_takes_them_back_together(office):
    from tracker.services.bulk import change_many, plan_undo_many, undo_many

    a, b, c, fresh = (_add(office, f"Rà soát quy hoạch, đợt {i}") for i in range(4))  # (one task twice: refused)
    change_many(office, "done", [(a.id, None), (b.id, None)], on="10/06/2021")  # a bulk change
    tasks.extend_task(office, c.id, to="31/08/2021", reason="Chờ số liệu")
    before = _history_count(office)

    offers = {o.task_id: o for o in plan_undo_many(office, [a.id, b.id, c.id, fresh.id])}
    assert _history_count(office) == before  # a preview writes nothing
    assert query.get_task(office, a.id).task.status == "done"
    for done in (a, b):
        assert offers[done.id].refused is None
        assert {h.field for h in offers[done.id].rows} >= {"status", "done_on"}
    assert offers[c.id].refused is None and offers[c.id].rows[0].action == "extend"
    # a task whose only change is its creation: refused, saying so
    assert offers[fresh.id].refused.key == "task.cannot_undo_create"
    assert offers[fresh.id].rows == ()

    result = undo_many(office, [(o.task_id, o.version) for o in offers.values() if o.refused is None])
    assert result.refused == [] and sorted(v.id for v in result.changed) == sorted([a.id, b.id, c.id])
    for done in (a, b):
        v = query.get_task(office, done.id).task
        assert (v.status, v.done_on) == ("open", None)
    assert query.get_task(office, c.id).task.deadline == dt.date(2021, 6, 30)
    undos = [h for t in (a, b, c) for h in query.task_history(office, t.id) if h.action == "undo"]
    assert {h.batch[:5] for h in undos} == {"undo:"}  # each recorded as an undo of its change


def test_undo_on_several_tasks_is_all_or_none(office):
    """One task changed since the preview (or refused by the rules): none is taken back, and
    each refusal says which task and why."""
    from tracker.services.bulk import plan_undo_many, undo_many
    from tracker.services.errors import ConflictError

    a, b = _add(office, "Rà soát quy hoạch, đợt 1"), _add(office, "Rà soát quy hoạch, đợt 2")
    tasks.complete_task(office, a.id, on="10/06/2021")
    tasks.complete_task(office, b.id, on="11/06/2021")
    offers = plan_undo_many(office, [a.id, b.id])
    tasks.add_note(office, b.id, "Ghi thêm sau khi xem")  # another clerk, meanwhile
    before = _history_count(office)
    result = undo_many(office, [(o.task_id, o.version) for o in offers])
    assert result.changed == []
    (tid, error), = result.refused
    assert tid == b.id and isinstance(error, ConflictError)
    assert _history_count(office) == before
    assert query.get_task(office, a.id).task.status == "done"  # not taken back alone
    # nothing left to undo on one of them: refused by name, the other untouched
    c = _add(office)
    result = undo_many(office, [(a.id, None), (c.id, None)])
    assert [(t, e.key) for t, e in result.refused] == [(c.id, "task.cannot_undo_create")]
    assert "#%d" % c.id in result.refused[0][1].message()
    assert query.get_task(office, a.id).task.status == "done"
