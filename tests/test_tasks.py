"""Task use cases through the services layer: one transaction each, history written."""
import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from tracker.services import query, tasks
from tracker.errors import TrackerError
from tracker.services.errors import ConflictError, NotFoundError, ValidationError
from tracker.store.tables import history as H, task as T


def _add(ctx, **kw):
    args = dict(directive="67/KH-UBND", content="Rà soát quy hoạch chung đô thị", lead="TCKH",
                due="30/06/2021")
    args.update(kw)
    return tasks.add_task(ctx, **args)


def _history(ctx, task_id):
    return query.task_history(ctx, task_id)


def test_add_resolves_units_by_name_without_diacritics(office):
    t = _add(office, lead="phong tai chinh", support=["TN&MT", "phòng quản lý đô thị"])
    assert t.lead == "TCKH"
    assert t.support == ("TNMT", "QLDT")
    assert t.deadline == dt.date(2021, 6, 30)
    assert t.deadline_text == "30/06/2021"
    assert t.timeliness == "open_on_time"
    assert [h.action for h in _history(office, t.id)] == ["create"]


def test_deadline_on_a_day_off_is_met_next_working_day(office):
    # 01/05/2021 is Labour Day (a Saturday); 03/05 is the observed day off → Tuesday 04/05
    t = _add(office, due="01/05/2021")
    assert t.deadline == dt.date(2021, 5, 1)
    assert t.deadline_effective == dt.date(2021, 5, 4)


def test_unknown_unit_lists_closest_and_writes_nothing(office):
    with pytest.raises(NotFoundError) as exc:
        _add(office, lead="Phòng Tài chánh")
    assert "TCKH" in exc.value.message()
    with office.read() as conn:
        assert conn.execute(select(func.count()).select_from(T)).scalar() == 0


def test_ambiguous_unit_is_refused(office):
    with pytest.raises(ValidationError) as exc:
        _add(office, lead="Phòng")
    assert exc.value.key in ("unit.ambiguous", "unit.unknown")


def test_empty_content_is_refused(office):
    with pytest.raises(ValidationError) as exc:
        _add(office, content="   ")
    assert exc.value.key == "task.content_required"


def test_deadline_before_directive_date_warns_but_saves(office):
    t = _add(office, due="01/01/2020")  # directive dated 10/01/2020
    assert t.id
    assert [k for k, _f in office.warnings] == ["task.deadline_before_directive"]


def test_complete_on_time_and_late(office):
    a = _add(office)
    b = _add(office, content="Việc thứ hai", due="01/06/2021")
    a = tasks.complete_task(office, a.id, on="30/06/2021" if False else "14/06/2021", proof="Báo cáo 12/BC-TCKH")
    b = tasks.complete_task(office, b.id, on="15/06/2021")
    assert a.timeliness == "done_on_time" and a.proof == "Báo cáo 12/BC-TCKH"
    assert b.timeliness == "done_late"
    hist = _history(office, a.id)
    assert ("done", "status", "open", "done") in [(h.action, h.field, h.old, h.new) for h in hist]


def test_done_date_in_future_is_refused(office):
    t = _add(office)
    with pytest.raises(ValidationError) as exc:
        tasks.complete_task(office, t.id, on="16/06/2021")
    assert exc.value.key == "task.done_in_future"
    assert query.get_task(office, t.id).task.status == "open"


def test_extend_keeps_original_and_reason(office):
    t = _add(office, due="01/06/2021")
    assert t.timeliness == "open_overdue"
    t = tasks.extend_task(office, t.id, to="31/07/2021", reason="Chờ ý kiến Sở Xây dựng")
    assert t.timeliness == "open_on_time"
    assert t.original_deadline == dt.date(2021, 6, 1)
    assert t.deadline == dt.date(2021, 7, 31)
    assert len(t.extensions) == 1 and t.extensions[0].reason == "Chờ ý kiến Sở Xây dựng"
    t = tasks.extend_task(office, t.id, to="Quý III/2021", reason="Lần 2")
    assert t.deadline == dt.date(2021, 9, 30) and len(t.extensions) == 2
    assert t.original_deadline == dt.date(2021, 6, 1)


def test_extend_rules(office):
    t = _add(office)
    with pytest.raises(ValidationError):
        tasks.extend_task(office, t.id, to="31/07/2021", reason="  ")
    with pytest.raises(ValidationError):
        tasks.extend_task(office, t.id, to="01/06/2021", reason="sớm hơn")
    tasks.complete_task(office, t.id)
    with pytest.raises(ValidationError) as exc:
        tasks.extend_task(office, t.id, to="31/07/2021", reason="x")
    assert exc.value.key == "task.extend_done"


def test_cancel_and_reopen(office):
    t = _add(office)
    with pytest.raises(ValidationError):
        tasks.cancel_task(office, t.id, reason="")
    t = tasks.cancel_task(office, t.id, reason="Không còn phù hợp")
    assert t.timeliness == "cancelled" and t.cancel_reason == "Không còn phù hợp"
    t = tasks.reopen_task(office, t.id)
    assert t.status == "open" and t.cancel_reason == ""
    with pytest.raises(ValidationError):
        tasks.reopen_task(office, t.id)


def test_note_and_edit_record_history(office):
    t = _add(office)
    tasks.add_note(office, t.id, "Đã họp lấy ý kiến", percent=40)
    t = tasks.edit_task(office, t.id, content="Rà soát, điều chỉnh quy hoạch", lead="QLDT",
                        support=["TCKH"], leader="Phó Chủ tịch Lê Văn A")
    fields = {h.field for h in _history(office, t.id) if h.action == "update"}
    assert {"content", "lead", "support", "leader"} <= fields
    d = query.get_task(office, t.id)
    assert d.notes[0].percent == 40
    assert d.task.lead == "QLDT" and d.task.support == ("TCKH",)


def test_edit_due_without_extension_moves_original(office):
    t = _add(office)
    t = tasks.edit_task(office, t.id, due="15/07/2021")
    assert t.original_deadline == dt.date(2021, 7, 15)


def test_an_extended_task_s_deadline_moves_by_extension_not_by_edit(office, run):
    """`task edit --due` on an extended task set a deadline other than the last extension's:
    an extension that never took effect, no reason asked (and its export then refused on
    import).  The edit is refused (the app's live check asks the same plan); other fields
    and an unextended task's deadline are edited as before."""
    from tracker.errors import ValidationError

    t = _add(office)
    tasks.extend_task(office, t.id, to="31/10/2021", reason="Chờ ý kiến Sở Xây dựng")
    with pytest.raises(ValidationError) as refused:
        tasks.edit_task(office, t.id, due="30/11/2021")
    assert refused.value.key == "task.deadline_extended"
    plan = tasks.check_task(office, t.id, due="30/11/2021")
    assert [p.key for p in plan.problems] == ["task.deadline_extended"]
    res = run("task", "edit", t.id, "--due", "30/11/2021")
    assert res.code == 1 and "đã gia hạn đến 31/10/2021" in res.stderr, res.stderr
    assert query.get_task(office, t.id).task.deadline == dt.date(2021, 10, 31)
    assert tasks.edit_task(office, t.id, content="Rà soát lại", due="31/10/2021").deadline == dt.date(2021, 10, 31)
    other = _add(office)
    assert tasks.edit_task(office, other.id, due="15/07/2021").deadline == dt.date(2021, 7, 15)


def test_a_new_lead_unit_leaves_the_supporting_units(office, run):
    """Changing the lead to one of the task's supporting units (the app's `l`, `task edit
    --lead`) kept it among them: "Chủ trì P5 · Phối hợp TNMT, P5".  It leaves them, said in
    the history and undone with the change."""
    t = tasks.add_task(office, directive="320-KL/TU", content="Rà soát", lead="TCKH",
                       support=["TNMT", "P5"], due="30/06/2021")
    res = run("task", "edit", t.id, "--lead", "P5")
    assert res.code == 0, res.stderr
    view = query.get_task(office, t.id).task
    assert view.lead == "P5" and view.support == ("TNMT",)
    assert {h.field for h in _history(office, t.id) if h.action == "update"} >= {"lead", "support"}
    back = tasks.undo_last_change(office, t.id)
    assert back.lead == "TCKH" and back.support == ("TNMT", "P5")
    tasks.edit_task(office, t.id, lead="P5")
    assert tasks.edit_task(office, t.id, lead="QLDT").support == ("TNMT",)  # (not among them: kept)


def test_unknown_task(office):
    with pytest.raises(NotFoundError):
        tasks.complete_task(office, 999)


def test_two_clerks_editing_one_task_conflict(office):
    """Both read version 1; the first save wins, the second gets a conflict, not an overwrite."""
    t = _add(office)
    seen_by_a = query.get_task(office, t.id).task.version
    seen_by_b = query.get_task(office, t.id).task.version
    tasks.edit_task(office, t.id, expected_version=seen_by_a, content="Bản của cán bộ A")
    with pytest.raises(ConflictError):
        tasks.edit_task(office, t.id, expected_version=seen_by_b, content="Bản của cán bộ B")
    with pytest.raises(ConflictError):
        tasks.complete_task(office, t.id, expected_version=seen_by_b)
    final = query.get_task(office, t.id).task
    assert final.content == "Bản của cán bộ A" and final.status == "open"


def test_concurrent_writers_on_two_connections(office, db_url):
    """Two separate processes' worth of contexts: the stale writer loses cleanly."""
    from tracker.services.context import Context

    t = _add(office)
    other = Context.open(db_url, user="clerk-b", today=office.today)
    try:
        v = query.get_task(other, t.id).task.version
        tasks.complete_task(office, t.id)  # clerk A closes it meanwhile
        with pytest.raises(ConflictError):
            tasks.extend_task(other, t.id, to="31/12/2021", reason="x", expected_version=v)
    finally:
        other.close()


def test_history_is_written_in_the_same_transaction(office):
    t = _add(office)
    with office.read() as conn:
        before = conn.execute(select(func.count()).select_from(H)).scalar()
    with pytest.raises(TrackerError):
        tasks.edit_task(office, t.id, content="ok", lead="không có đơn vị này")
    with office.read() as conn:
        assert conn.execute(select(func.count()).select_from(H)).scalar() == before
    assert query.get_task(office, t.id).task.content == "Rà soát quy hoạch chung đô thị"


def test_list_filters(office):
    a = _add(office, content="Đầu tư đường Điện Biên Phủ", due="01/06/2021")
    b = _add(office, content="Chỉnh trang vỉa hè", lead="QLDT", due="30/09/2021")
    c = _add(office, content="Công tác thường xuyên", lead="P5", due="thường xuyên")
    tasks.complete_task(office, b.id, on="10/06/2021")
    f = query.resolve_filter
    ids = lambda flt: [t.id for t in query.list_tasks(office, flt, sort="id")]
    assert ids(f(office, timeliness=["open_overdue"])) == [a.id]
    assert ids(f(office, timeliness=["no_deadline"])) == [c.id]
    assert ids(f(office, units=["phuong 5"])) == [c.id]
    assert ids(f(office, search="dien bien phu")) == [a.id]       # no diacritics, đ = d
    assert ids(f(office, search="ĐIỆN BIÊN")) == [a.id]
    assert ids(f(office, search="via he")) == [b.id]
    assert ids(f(office, search="320-kl/tu")) == [a.id, b.id, c.id]  # in the directive's title
    assert ids(f(office, search="67/kh")) == [a.id, b.id, c.id]
    assert ids(f(office, due_before="30/06/2021")) == [a.id]
    assert ids(f(office, status=["done"])) == [b.id]
    assert query.count_tasks(office, f(office, directives=["67/KH-UBND"])) == 3


def test_leader_and_issuer_filters_fold_diacritics(office):
    a = _add(office, leader="Phó Chủ tịch Lê Văn Đức")
    _add(office, content="Khác", leader="Chủ tịch Nguyễn Văn B")
    f = query.resolve_filter
    ids = lambda flt: [t.id for t in query.list_tasks(office, flt, sort="id")]
    assert ids(f(office, leader="le van duc")) == [a.id]
    assert ids(f(office, leader="LÊ VĂN ĐỨC")) == [a.id]
    assert len(ids(f(office, issuer="ubnd thanh pho"))) == 2


def test_a_leader_or_issuer_no_one_has_is_refused_with_the_names_there_are(office):
    """`task list --leader "Nguyễn Văn Không"` (a typo, or the wrong office) said "no rows",
    as if that leader had no tasks; a report refused it.  One rule now: refused, naming
    the names there are — but a leader the register knows with no task yet lists none."""
    from tracker.services import names

    _add(office, leader="Phó Chủ tịch Lê Văn Đức")
    with pytest.raises(NotFoundError) as err:
        query.resolve_filter(office, leader="Nguyễn Văn Không")
    assert err.value.key == "filter.unknown_leader" and "Phó Chủ tịch Lê Văn Đức" in err.value.fields["known"]
    with pytest.raises(NotFoundError):
        query.resolve_filter(office, issuer="Sở Không Có")
    names.add_name(office, names.LEADER, "PCT Trần Thị Mới")
    flt = query.resolve_filter(office, leader="pct tran thi moi")
    assert query.list_tasks(office, flt) == []


def test_search_pages_are_the_same_by_walk_or_by_scan(office, monkeypatch):
    """The time-boxed index walk and the scan-and-sort fallback give the same pages."""
    for i in range(30):
        _add(office, content=f"Việc {'đặc biệt ' if i % 3 == 0 else ''}số {i}",
             due=f"{(i % 28) + 1:02d}/07/2021")
    flt = query.resolve_filter(office, search="dac biet")
    walked = [t.id for t in query.list_tasks(office, flt, limit=4, offset=2)]
    monkeypatch.setattr(query, "SEARCH_WALK_SECONDS", -1.0)  # interrupt at once: scan
    monkeypatch.setattr(query, "SEARCH_WALK_STEPS", 1)
    scanned = [t.id for t in query.list_tasks(office, flt, limit=4, offset=2)]
    assert walked == scanned and len(walked) == 4
    everything = [t.id for t in query.list_tasks(office, flt)]
    assert everything[2:6] == walked


@pytest.mark.parametrize("sort", ["deadline", "id", "content", "lead"])
@pytest.mark.parametrize("descending", [False, True])
def test_position_of_matches_the_listed_order(office, sort, descending):
    for i, (lead, due) in enumerate([("TCKH", "01/07/2021"), ("QLDT", "01/07/2021"),
                                     ("P5", "thường xuyên"), ("TNMT", "15/05/2021"),
                                     ("TCKH", "thường xuyên"), ("P5", "20/06/2021")]):
        _add(office, content=f"Việc {'cba'[i % 3]}{i}", lead=lead, due=due)
    flt = query.resolve_filter(office)
    listed = [t.id for t in query.list_tasks(office, flt, sort=sort, descending=descending)]
    for pos, tid in enumerate(listed):
        assert query.position_of(office, flt, tid, sort=sort, descending=descending) == pos
    only_p5 = query.resolve_filter(office, units=["P5"])
    outside = next(t for t in listed if t not in
                   [x.id for x in query.list_tasks(office, only_p5)])
    assert query.position_of(office, only_p5, outside, sort=sort) is None


def test_the_same_task_is_not_given_twice(office, run):
    """`task add` run twice with the same line gave the directive the task twice.  The same
    words for the same unit and deadline (in force or first given) are refused, naming the
    first; another deadline, another unit, or the first one cancelled, are another task."""
    args = ("task", "add", "Rà soát quy hoạch phân khu", "--directive", "67/KH-UBND", "--lead", "TCKH",
            "--due", "30/09/2021")
    assert run(*args).code == 0
    first = query.list_tasks(office, query.resolve_filter(office, search="quy hoach phan khu"))[0]
    again = run("task", "add", "rà soát  QUY HOẠCH phân khu", *args[3:])
    assert again.code == 1 and f"#{first.id}" in again.stderr, again.stderr
    tasks.extend_task(office, first.id, to="31/10/2021", reason="Chờ số liệu")
    assert run(*args).code == 1  # (its first deadline)
    assert run(*args[:-1], "31/10/2021").code == 1  # (the deadline in force)
    assert run(*args[:-1], "31/12/2021").code == 0
    assert run(*args[:5], "--lead", "TNMT", *args[7:]).code == 0
    tasks.cancel_task(office, first.id, reason="Giao lại")
    assert run(*args).code == 0
    assert query.count_tasks(office, query.resolve_filter(office, search="quy hoach phan khu")) == 4


def test_done_yesterday_as_a_clerk_says_it(office, run):
    t = _add(office)
    res = run("task", "done", t.id, "--on", "hôm qua")  # (today: 15/06/2021)
    assert res.code == 0, res.stderr
    assert query.get_task(office, t.id).task.done_on == dt.date(2021, 6, 14)


def test_one_change_to_several_tasks_is_made_to_all_or_to_none(office, run):
    """`task done 12 15 18`, `task extend 12 15 --to … --reason …`: a script closing a
    meeting's tasks ran one command per task, a refused one in the middle leaving the rest
    half done.  Every task is checked first; one refused, none is changed, each refusal said."""
    a, b, c = (_add(office, content=f"Việc họp giao ban số {i}") for i in range(3))
    tasks.complete_task(office, c.id, on="10/06/2021")
    res = run("task", "done", a.id, b.id, c.id, "99999", "--on", "14/06/2021")
    assert res.code == 1, res.stderr
    assert f"#{c.id}" in res.stderr and "#99999" in res.stderr and "2/4" in res.stderr, res.stderr
    assert [query.get_task(office, t.id).task.status for t in (a, b)] == ["open", "open"]
    res = run("task", "done", a.id, b.id, "--on", "14/06/2021")
    assert res.code == 0, res.stderr
    assert [query.get_task(office, t.id).task.done_on for t in (a, b)] == [dt.date(2021, 6, 14)] * 2
    res = run("task", "extend", c.id, f"#{c.id}", "--to", "31/07/2021", "--reason", "x")  # (one task, named twice)
    assert res.code == 1 and "đã hoàn thành" in res.stderr, res.stderr
    res = run("task", "reopen", a.id, b.id)
    assert res.code == 0 and res.stderr.count("Đã mở lại") == 2, res.stderr


def test_the_wards_tasks_by_naming_the_group(office, run):
    """`task list --unit "UBND các phường"` (the wards' tasks, as a clerk asks) was refused
    as "a group, not a unit", though the same words among the supporting units mean every
    ward; a report likewise.  A vague group is still refused."""
    from tracker.services.units import add_unit

    add_unit(office, "P6", "UBND Phường 6", kind="ward")
    p5 = _add(office, content="Việc của phường 5", lead="P5")
    p6 = _add(office, content="Việc của phường 6", lead="P6")
    _add(office, content="Việc của phòng", lead="TCKH")
    flt = query.resolve_filter(office, units=["UBND các phường"])
    assert sorted(t.id for t in query.list_tasks(office, flt)) == [p5.id, p6.id]
    res = run("report", "summary", "--unit", "các phường", "--format", "json")
    assert res.code == 0, res.stderr
    assert json.loads(res.stdout)["totals"]["assigned"] == 2
    with pytest.raises(ValidationError):
        query.resolve_filter(office, units=["các đơn vị liên quan"])


def test_an_edit_does_not_make_one_task_another(office):
    """`task edit` could give a task the words, unit and deadline of another of its directive
    (only a new task was checked).  An edit that leaves those as they were is not asked: a
    pair an old sheet brought in can still be edited, as the app's form sends every field."""
    a = _add(office, content="Rà soát hồ sơ đất đai", due="30/09/2021")
    b = _add(office, content="Rà soát hồ sơ xây dựng", due="30/09/2021")
    with pytest.raises(ValidationError) as err:
        tasks.edit_task(office, b.id, content="rà soát hồ sơ ĐẤT ĐAI")
    assert err.value.key == "task.given_already" and err.value.fields["same"] == a.id
    tasks.edit_task(office, b.id, content="Rà soát hồ sơ đất đai", due="31/10/2021")  # another deadline
    with office.engine.begin() as conn:  # an old pair, as a sheet brought it in
        conn.execute(T.update().where(T.c.id == b.id).values(deadline=dt.date(2021, 9, 30)))
    view = tasks.edit_task(office, b.id, content="Rà soát hồ sơ đất đai", lead="TCKH", due="30/09/2021",
                           notes="Ghi chú mới")
    assert view.notes == "Ghi chú mới"


def test_task_edit_gives_several_tasks_the_same_change(office, run):
    """A ward merged away leads six open tasks: `task edit` took one id, six commands.  It
    takes several — all checked first, all changed or none — and `--if-version` (one task's
    version) with several is a usage error."""
    from tracker.services import units

    a, b = (_add(office, content=f"Việc của phường số {i}", lead="P5") for i in range(2))
    units.add_unit(office, "DH", "UBND Phường Đông Hà", kind="ward")
    res = run("task", "edit", a.id, b.id, "99999", "--lead", "Phường Đông Hà")
    assert res.code == 1 and "#99999" in res.stderr, res.stderr
    assert {query.get_task(office, t.id).task.lead for t in (a, b)} == {"P5"}
    res = run("task", "edit", a.id, b.id, "--lead", "Phường Đông Hà", "--leader", "PCT Lê Văn A")
    assert res.code == 0 and res.stderr.count("Đã lưu nhiệm vụ") == 2, res.stderr
    assert {(query.get_task(office, t.id).task.lead, query.get_task(office, t.id).task.leader)
            for t in (a, b)} == {("DH", "PCT Lê Văn A")}
    assert run("task", "edit", a.id, b.id, "--lead", "P5", "--if-version", "2").code == 2
    res = run("task", "edit", a.id, "--lead", "P5", "--if-version", "1")  # (one: as before)
    assert res.code == 1 and "vừa được" in res.stderr, res.stderr


def test_task_undo_takes_back_several_tasks_changes_together(office, run):
    """After `task edit 12 15 --lead …` by mistake, `task undo` took one id: two commands,
    and a refusal between them left one undone.  It takes several, in one transaction."""
    a, b = (_add(office, content=f"Việc cần chuyển số {i}") for i in range(2))
    assert run("task", "edit", a.id, b.id, "--lead", "QLDT").code == 0
    res = run("task", "undo", a.id, b.id, "99999")
    assert res.code == 1 and "#99999" in res.stderr, res.stderr
    assert {query.get_task(office, t.id).task.lead for t in (a, b)} == {"QLDT"}  # none undone
    res = run("task", "undo", a.id, b.id)
    assert res.code == 0 and res.stderr.count("Đã hoàn tác") == 2, res.stderr
    assert {query.get_task(office, t.id).task.lead for t in (a, b)} == {"TCKH"}


def test_task_list_gives_the_ids_the_commands_of_several_take(office, run):
    """`task done $(tracker task list … --format ids) --on …`: a script closing a meeting's open
    tasks had to cut ids out of a table or a JSON.  One id a line, in the list's order, every one
    the filter finds (no page), nothing else on stdout."""
    a, b = (_add(office, content=f"Việc giao ban tuần số {i}") for i in range(2))
    other = _add(office, content="Việc khác", lead="QLDT")
    tasks.complete_task(office, b.id, on="14/06/2021")
    res = run("task", "list", "--unit", "TCKH", "--sort", "id", "--format", "ids")
    assert res.code == 0 and res.stdout == f"{a.id}\n{b.id}\n", res.stdout
    res = run("task", "list", "--status", "open", "--search", "giao ban", "--format", "ids")
    assert res.stdout.split() == [str(a.id)]
    assert run("task", "done", *res.stdout.split(), "--on", "14/06/2021").code == 0
    assert query.get_task(office, a.id).task.status == "done"
    assert query.get_task(office, other.id).task.status == "open"


def test_a_progress_note_s_day_meets_a_completion_s_rules_every_way_in(office, run, tmp_path):
    """`task note 12 … --on 01/01/2030` (a typo for 2020) and a note dated before its directive
    existed were kept as said; a done date is refused for both.  The note's day meets the same
    bounds now — the command, the app's form (its live check) and an import's progress cell —
    and a note on a cancelled task is said."""
    t = _add(office, content="Việc có ghi tiến độ")
    res = run("task", "note", t.id, "Đã họp", "--on", "01/01/2030")
    assert res.code == 1 and "Ngày ghi tiến độ 01/01/2030 ở sau hôm nay (15/06/2021)" in res.stderr
    res = run("task", "note", t.id, "Đã họp", "--on", "01/01/2020")  # (67/KH-UBND: 10/01/2020)
    assert res.code == 1 and "trước ngày ban hành văn bản (10/01/2020)" in res.stderr
    assert not query.get_task(office, t.id).notes
    checked = tasks.check_change(office, "note", [t.id], text="Đã họp", on="01/01/2030")[t.id]
    assert [p.key for p in checked[1]] == ["task.note_in_future"]
    tasks.cancel_task(office, t.id, reason="Không còn phù hợp")
    res = run("task", "note", t.id, "Đơn vị vẫn báo cáo")
    assert res.code == 0 and f"Nhiệm vụ #{t.id} đã hủy" in res.stderr, res.stderr
    sheet = tmp_path / "tasks.csv"
    sheet.write_text("Văn bản,Nội dung,Chủ trì,Thời hạn,Tiến độ thực hiện\n"
                     "67/KH-UBND,Việc A,TCKH,30/06/2021,01/01/2030: đã họp\n"
                     "67/KH-UBND,Việc B,TCKH,30/06/2021,01/06/2021: đã họp\n", encoding="utf-8")
    res = run("import", str(sheet))
    assert res.code == 1 and "dòng 2" in res.stderr and "tiến độ ghi ngày 01/01/2030, sau hôm nay" in res.stderr
    assert "dòng 3" not in res.stderr
