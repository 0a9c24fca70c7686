"""Two at once, with real processes on each engine (issue 15, "Two at once").

A change made without a view of the task (a note or ``done`` from a script: no expected
version) waits its turn and succeeds; a change made from a stale view (``expected_version``)
is refused naming the change that won, and never overwrites it.  The long version, through
the real command, is ``bench/bench_concurrency.py``.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import re

import pytest

TODAY = dt.date(2021, 6, 15)  # (as conftest.TODAY: the module name is ambiguous under xdist)

WRITERS, NOTES, TASKS = 4, 12, 3
FORK = mp.get_context("fork")


def _setup(ctx) -> list[int]:
    from tracker.services.tasks import add_task

    return [add_task(ctx, directive="67/KH-UBND", content=f"Nhiệm vụ {i}", lead="TCKH",
                     due="30/06/2021").id for i in range(TASKS)]


def _writer(url, who, ids, start, out):
    """Notes on every task in turn, then ``done`` on one: no version given."""
    from tracker.services.context import Context
    from tracker.services.errors import TrackerError
    from tracker.services.tasks import add_note, complete_task

    ctx = Context.open(url, user=who, today=TODAY)
    start.wait()
    failures = []
    for i in range(NOTES):
        try:
            add_note(ctx, ids[i % len(ids)], f"{who} ghi {i}")
        except Exception as exc:  # a lost call, whatever it is
            failures.append(f"note: {exc.message() if isinstance(exc, TrackerError) else repr(exc)}")
    try:
        complete_task(ctx, ids[int(who[1:]) % len(ids)])
    except TrackerError as exc:
        if exc.key != "task.already_done":
            failures.append(f"done: {exc.message()}")
    except Exception as exc:
        failures.append(f"done: {exc!r}")
    ctx.close()
    out.put((who, failures))


def _reader(url, start, stop, out):
    from tracker.reports.queries import overdue_report
    from tracker.services.context import Context

    ctx = Context.open(url, user="cron", today=TODAY)
    start.wait()
    n, failures = 0, []
    while not stop.is_set():
        try:
            overdue_report(ctx)
            n += 1
        except Exception as exc:
            failures.append(repr(exc))
    ctx.close()
    out.put(("reader", failures, n))


def test_writers_without_a_view_wait_their_turn(office, db_url):
    from sqlalchemy import func, select

    from tracker.store.tables import history as H, progress_note as PN, task as T

    ids = _setup(office)
    office.engine.dispose()  # nothing of this process's pool crosses the fork
    start, stop, out = FORK.Barrier(WRITERS + 1), FORK.Event(), FORK.Queue()
    procs = [FORK.Process(target=_writer, args=(db_url, f"w{w}", ids, start, out))
             for w in range(WRITERS)]
    procs.append(FORK.Process(target=_reader, args=(db_url, start, stop, out)))
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in range(WRITERS)]
    stop.set()
    reader = out.get(timeout=60)
    for p in procs:
        p.join(30)
    lost = [f for _who, fs in results for f in fs]
    assert lost == [], lost
    assert reader[1] == [] and reader[2] >= 1
    with office.read() as conn:
        notes = conn.execute(select(func.count()).select_from(PN)).scalar()
        versions = dict(conn.execute(select(T.c.id, T.c.version)).all())
        changes = conn.execute(select(func.count(H.c.batch.distinct())).where(
            H.c.entity == "task", H.c.action.in_(["note", "done"]))).scalar()
        done = conn.execute(select(func.count()).select_from(T).where(T.c.status == "done")).scalar()
    assert notes == WRITERS * NOTES
    assert done == min(WRITERS, TASKS)
    # every change moved its task's version once: none was applied over another
    assert sum(v - 1 for v in versions.values()) == WRITERS * NOTES + done
    assert changes == WRITERS * NOTES + done


def _stale_editor(url, who, tid, version, start, out):
    # (the words differ every round: an edit that changes nothing is no change to refuse)
    from tracker.services.context import Context
    from tracker.services.errors import ConflictError
    from tracker.services.tasks import edit_task

    ctx = Context.open(url, user=who, today=TODAY)
    start.wait()
    try:
        edit_task(ctx, tid, expected_version=version, notes=f"ghi bởi {who} ở bản {version}")
        out.put((who, "saved"))
    except ConflictError as exc:
        out.put((who, exc.message()))
    except Exception as exc:
        out.put((who, f"LOST {exc!r}"))
    ctx.close()


@pytest.mark.parametrize("rounds", [3])
def test_stale_views_one_wins_the_other_is_told_whose_change(office, db_url, rounds):
    from tracker.services.query import get_task

    (tid, *_rest) = _setup(office)
    for k in range(rounds):
        version = get_task(office, tid).task.version
        office.engine.dispose()
        start, out = FORK.Barrier(2), FORK.Queue()
        procs = [FORK.Process(target=_stale_editor, args=(db_url, who, tid, version, start, out))
                 for who in ("an", "binh")]
        for p in procs:
            p.start()
        got = dict(out.get(timeout=60) for _ in procs)
        for p in procs:
            p.join(30)
        winners = [w for w, m in got.items() if m == "saved"]
        assert len(winners) == 1, got
        (winner,) = winners
        (loser_msg,) = [m for m in got.values() if m != "saved"]
        # the refusal names the change that won: who, what, and the version it made
        assert f"vừa được {winner} sửa" in loser_msg, loser_msg
        assert f"phiên bản {version} → {version + 1}" in loser_msg
        assert "?" not in loser_msg
        now = get_task(office, tid).task
        assert now.notes == f"ghi bởi {winner} ở bản {version}" and now.version == version + 1


def test_a_stale_view_is_refused_naming_the_other_change(office):
    """One process, two views: the message names who changed what, and nothing is overwritten."""
    from tracker.services.context import Context
    from tracker.services.errors import ConflictError
    from tracker.services.query import get_task
    from tracker.services.tasks import add_note, complete_task, edit_task

    (tid, *_rest) = _setup(office)
    seen = get_task(office, tid).task.version
    other = Context(engine=office.engine, user="Lan", today=TODAY)
    edit_task(other, tid, leader="Phó Chủ tịch Hùng")
    with pytest.raises(ConflictError) as exc:
        complete_task(office, tid, expected_version=seen)
    msg = exc.value.message()
    assert re.search(rf"#{tid} vừa được Lan sửa lúc \d\d:\d\d \d\d/\d\d/\d{{4}} \(.*\): "
                     rf"phiên bản {seen} → {seen + 1}\.", msg), msg
    task = get_task(office, tid).task
    assert task.status == "open" and task.leader == "Phó Chủ tịch Hùng"
    # without a view, the same change succeeds on what the other left
    add_note(office, tid, "đã họp")
    assert complete_task(office, tid).status == "done"


def test_the_app_cron_and_an_import_at_once(office, db_url, tmp_path):
    """The app open (saving notes from what it last read), cron's ``report overdue`` and a
    script's import, all at once: no lock message reaches anyone, everything lands."""
    import subprocess
    import sys
    import threading
    from pathlib import Path

    from sqlalchemy import func, select

    from tracker.services.errors import TrackerError
    from tracker.services.query import TaskFilter
    from tracker.store.tables import task as T
    from tracker.tui.backend import Backend

    tracker = str(Path(sys.executable).with_name("tracker"))
    gen = tmp_path / "gen"
    subprocess.run([tracker, "dev", "generate", "4000", "-o", str(gen)], check=True, capture_output=True)
    _setup(office)
    with office.read() as conn:
        before = conn.execute(select(func.count()).select_from(T)).scalar()

    def cli(*args):
        return subprocess.Popen([tracker, "--db", db_url, "--today", "15/06/2021", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    app = Backend(office)
    app_errors: list[str] = []
    saved = 0
    done = threading.Event()

    def clerk():
        nonlocal saved
        while not done.is_set() or saved < 3:
            page = app.list_tasks(TaskFilter(), sort="deadline", descending=False, offset=0, limit=20)
            view = app.task_detail(page[0].id).task
            try:
                app.add_note(view.id, f"app {saved}", expected_version=view.version)
                saved += 1
            except TrackerError as exc:
                app_errors.append(exc.message())

    t = threading.Thread(target=clerk)
    t.start()
    imp = cli("--user", "script", "import", *(str(gen / n) for n in ("units.csv", "directives.csv", "tasks.csv")))
    reports = [cli("report", "overdue") for _ in range(2)]
    outs = [p.communicate(timeout=300) + (p.returncode,) for p in [imp, *reports]]
    done.set()
    t.join(60)
    for out, err, code in outs:
        assert code == 0, err[-500:]
        for words in ("locked", "khóa", "đang ghi", "Traceback", "không mong đợi"):
            assert words not in out + err
    assert app_errors == [] and saved >= 3
    with office.read() as conn:
        assert conn.execute(select(func.count()).select_from(T)).scalar() == before + 4000


def _bulk(url, who, action, ids, fields, start, out):
    from tracker.services.bulk import change_all
    from tracker.services.context import Context

    ctx = Context.open(url, user=who, today=TODAY)
    start.wait()
    try:
        result = change_all(ctx, action, ids, **fields)
        out.put((who, len(result.changed), len(result.refused)))
    except Exception as exc:
        out.put((who, f"LOST {exc!r}", 0))
    ctx.close()


def test_two_commands_changing_the_same_tasks_each_change_all_or_none(office, db_url):
    """`task done 1..40` and `task cancel 1..40` at once on PostgreSQL left 56 done and 4
    cancelled: each task was checked, then changed in a transaction of its own. Now each
    command changes all its tasks in one transaction, or none."""
    from sqlalchemy import select

    from tracker.services.tasks import add_task
    from tracker.store.tables import task as T

    ids = [add_task(office, directive="67/KH-UBND", content=f"Việc {i}", lead="TCKH",
                    due="30/06/2021").id for i in range(40)]
    office.engine.dispose()
    for rounds in range(2):
        start, out = FORK.Barrier(2), FORK.Queue()
        order = ids if rounds == 0 else ids[::-1]  # (given in either order)
        procs = [FORK.Process(target=_bulk, args=(db_url, "an", "done", order, {"on": "15/06/2021"}, start, out)),
                 FORK.Process(target=_bulk, args=(db_url, "binh", "cancel", ids, {"reason": "Trùng"}, start, out))]
        for p in procs:
            p.start()
        got = {who: (changed, refused) for who, changed, refused in (out.get(timeout=120) for _ in procs)}
        for p in procs:
            p.join(30)
        (lost, won) = sorted(got.values())
        # one changed every task; the other none, each task it found changed said (those its
        # check met, or all 40 when both checks passed and it waited for the other's lock)
        assert won == (40, 0) and lost[0] == 0 and lost[1] >= 1, got
        with office.read() as conn:
            states = {s for (s,) in conn.execute(select(T.c.status).where(T.c.id.in_(ids)))}
        assert len(states) == 1, states  # all done, or all cancelled: never a mix
        with office.session() as s:  # open again for the next round
            s.connection().execute(T.update().where(T.c.id.in_(ids)).values(status="open", done_on=None,
                                                                           cancel_reason=""))
        office.engine.dispose()
