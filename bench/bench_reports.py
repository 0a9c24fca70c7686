"""Whole-process time and peak memory of the report commands at 100k (and 1M) tasks.

    .venv/bin/python bench/bench_reports.py [--tasks 100000 1000000] [--runs 5]

Each measurement starts a fresh ``tracker`` process — interpreter start, imports, opening
the store and the schema check included — the way cron runs it, with stdout to a file.
Time is the median wall time over ``--runs``; memory is the child's peak RSS (wait4).
Budgets (DESIGN §8): ``report overdue`` <= 0.5 s and <= 100 MB at 100k, <= 2 s at 1M;
the summary by unit for a year <= 0.5 s at 100k, <= 2 s at 1M.  For reference,
Taskwarrior 2.6 takes 2.0 s and 270 MB for ``task overdue`` on 100k tasks on this box.

The store is made once per size under bench/out/ (Core bulk inserts into a store created
by ``tracker init``): 40 units, directives over 2017–2021, tasks with the mix a city
office has on 15/06/2021 — most done (some late), some open (a few overdue), ongoing
work, a few cancelled, some extensions.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TRACKER = [sys.executable, "-m", "tracker"]
TODAY = dt.date(2021, 6, 15)

UNITS = [
    ("VP", "Văn phòng HĐND và UBND"), ("NV", "Phòng Nội vụ"), ("TP", "Phòng Tư pháp"),
    ("TCKH", "Phòng Tài chính - Kế hoạch"), ("TNMT", "Phòng Tài nguyên và Môi trường"),
    ("QLDT", "Phòng Quản lý đô thị"), ("KT", "Phòng Kinh tế"), ("VHTT", "Phòng Văn hóa và Thông tin"),
    ("GDDT", "Phòng Giáo dục và Đào tạo"), ("YT", "Phòng Y tế"), ("LDTBXH", "Phòng Lao động - TB&XH"),
    ("TTRA", "Thanh tra thành phố"), ("BQLDA", "Ban Quản lý dự án ĐTXD"),
    ("TTPTQD", "Trung tâm Phát triển quỹ đất"), ("DTMT", "Đội Kiểm tra trật tự đô thị"),
]
UNITS += [(f"P{i}", f"UBND Phường {i}") for i in range(1, 10)]
UNITS += [("DL", "UBND Phường Đông Lễ"), ("DG", "UBND Phường Đông Giang"),
          ("DT", "UBND Phường Đông Thanh"), ("DLU", "UBND Phường Đông Lương")]
UNITS += [(f"DV{i}", f"Đơn vị sự nghiệp số {i}") for i in range(1, 13)]
ISSUERS = ["Chính phủ", "Thủ tướng Chính phủ", "Tỉnh ủy", "HĐND tỉnh", "UBND tỉnh", "Thành ủy",
           "HĐND thành phố", "UBND thành phố"]
LEADERS = ["Chủ tịch Lê Minh Tuấn", "PCT Nguyễn Thị Hạnh", "PCT Hoàng Nam", "PCT Lê Văn Hùng"]
GROUPS = ["Kinh tế", "Đô thị", "Văn hóa - xã hội", "Nội chính", "Công tác chung"]
VERBS = ["Xây dựng kế hoạch", "Tham mưu", "Báo cáo kết quả", "Kiểm tra, xử lý", "Rà soát",
         "Tổ chức triển khai", "Hoàn thành hồ sơ", "Đôn đốc thực hiện"]
OBJECTS = ["giải phóng mặt bằng", "thu ngân sách", "trật tự xây dựng", "cải cách hành chính",
           "chuyển đổi số", "phòng, chống dịch Covid-19", "vệ sinh môi trường", "đầu tư công",
           "quản lý đất đai", "an sinh xã hội"]


def make_store(path: Path, n: int, seed: int = 302, done_share: float = 0.96) -> None:
    """A store of ``n`` tasks (bulk inserts through the Core tables).  ``done_share``: how
    much of the old work is done (0.96: ~4.5k of 100k overdue; 0.64: ~30k, the nightly
    report of an office that has let its register go)."""
    from sqlalchemy import insert

    from tracker.domain.text import fold
    from tracker.services.context import Context
    from tracker.store.tables import directive, extension, task, unit

    rng = random.Random(seed)
    final, path = path, path.with_suffix(".part")
    for p in (final, path):
        if p.exists():
            p.unlink()
    subprocess.run(TRACKER + ["--db", str(path), "init"], check=True, capture_output=True)
    ctx = Context.open(str(path), today=TODAY)
    n_dir = max(50, n // 50)
    start = dt.date(2017, 1, 1)
    span = (TODAY - start).days
    with ctx.engine.begin() as conn:
        conn.execute(insert(unit), [
            {"id": i + 1, "code": c, "name": nm, "name_folded": fold(nm), "kind": "department",
             "aliases": "", "aliases_folded": "", "active": True}
            for i, (c, nm) in enumerate(UNITS)])
        dirs = []
        for i in range(n_dir):
            d = start + dt.timedelta(days=rng.randrange(span))
            number = f"{i + 1}/KH-UBND"  # unique: numbers repeat only across issuers/dates
            dirs.append({"id": i + 1, "number": number, "number_key": fold(number),
                         "type_code": "KH", "issuer": rng.choice(ISSUERS), "issue_date": d,
                         "title": f"Kế hoạch {i + 1}", "title_folded": f"ke hoach {i + 1}"})
        conn.execute(insert(directive), dirs)
        batch, exts = [], []
        for i in range(1, n + 1):
            d = dirs[rng.randrange(n_dir)]
            content = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} (việc {i})"
            r = rng.random()
            deadline = None if r < 0.04 else d["issue_date"] + dt.timedelta(
                days=rng.randrange(10, 240))
            status, done_on = "open", None
            if r > 0.97:
                status = "cancelled"
            elif deadline is not None and deadline < TODAY - dt.timedelta(days=30):
                # old work: nearly all done, a quarter of it late, a few still overdue
                p = rng.random()
                if p < done_share:
                    status = "done"
                    late = rng.random() < 0.25
                    done_on = deadline + dt.timedelta(days=rng.randrange(1, 60) if late
                                                      else -rng.randrange(0, 20))
                    done_on = min(done_on, TODAY)
            elif deadline is not None and rng.random() < 0.5:
                status, done_on = "done", min(TODAY, deadline - dt.timedelta(days=rng.randrange(0, 10)))
            batch.append({
                "id": i, "directive_id": d["id"], "content": content, "content_folded": fold(content),
                "lead_unit_id": rng.randrange(1, len(UNITS) + 1), "leader": rng.choice(LEADERS),
                "work_group": rng.choice(GROUPS), "deadline": deadline,
                "deadline_text": f"trước ngày {deadline:%d/%m/%Y}" if deadline else "thường xuyên",
                "deadline_kind": "exact" if deadline else "ongoing",
                "deadline_effective": deadline, "original_deadline": deadline,
                "original_deadline_text": "", "status": status, "done_on": done_on})
            if deadline is not None and rng.random() < 0.05:
                exts.append({"task_id": i, "old_deadline": deadline - dt.timedelta(days=30),
                             "old_deadline_text": "", "new_deadline": deadline,
                             "new_deadline_text": "", "reason": "Gia hạn"})
            if len(batch) == 20000:
                conn.execute(insert(task), batch)
                batch = []
        if batch:
            conn.execute(insert(task), batch)
        if exts:
            conn.execute(insert(extension), exts)
    with ctx.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.close()
    path.rename(final)  # only a whole store gets the final name


GNU_TIME = "/usr/bin/time"


def measure(args: list[str], runs: int) -> tuple[float, float, int]:
    """(median seconds, peak RSS MB, exit status) of ``tracker args`` in fresh processes.

    The peak comes from GNU time's report on its own child: a child forked straight from
    this process would report this process's peak too (Linux keeps the high-water mark
    across exec)."""
    times, peaks, code = [], [], 0
    env = dict(os.environ, NO_COLOR="1")
    env.pop("COLUMNS", None)
    use_time = os.path.exists(GNU_TIME)
    for _ in range(runs):
        with open(os.devnull, "w") as sink:
            cmd = ([GNU_TIME, "-f", "@@ %M"] if use_time else []) + TRACKER + args
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE, env=env)
            err = proc.stderr.read().decode()
            _pid, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - t0)
            proc.stderr.close()
            code = os.waitstatus_to_exitcode(status)
            if use_time:
                kb = [line for line in err.splitlines() if line.startswith("@@ ")][-1]
                peaks.append(int(kb.split()[1]) / 1024)
                code = 0 if "Command exited with non-zero status 3" in err else code
            else:
                peaks.append(usage.ru_maxrss / 1024)
            if code not in (0, 3):
                raise SystemExit(f"tracker {' '.join(args)} failed ({code}):\n{err}")
    return statistics.median(times), max(peaks), code


def count_lines(args: list[str]) -> int:
    """Lines of output, counted as they stream (holding them would grow this process)."""
    env = dict(os.environ, NO_COLOR="1")
    env.pop("COLUMNS", None)
    proc = subprocess.Popen(TRACKER + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env)
    n = 0
    for chunk in iter(lambda: proc.stdout.read(1 << 16), b""):
        n += chunk.count(b"\n")
    proc.wait()
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", type=int, nargs="+", default=[100_000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--overdue-heavy", action="store_true",
                    help="also the overdue report on a store with ~30%% of its tasks overdue")
    ap.add_argument("--build", nargs=3, metavar=("PATH", "TASKS", "DONE_SHARE"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.build:
        make_store(Path(a.build[0]), int(a.build[1]), done_share=float(a.build[2]))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    budgets = {100_000: 0.5, 1_000_000: 2.0}
    print(f"{'tasks':>9}  {'command':<58} {'time':>7} {'peak RSS':>9}  lines  budget")
    for n in a.tasks:
        db = built(OUT / f"reports-{n}.db", n, 0.96, a.rebuild)
        base = ["--db", str(db), "--today", TODAY.strftime("%d/%m/%Y")]
        # (label, arguments, held to the budget?)
        cases = [
            ("report overdue", ["report", "overdue", "--plain"], True),
            ("report overdue --limit 20", ["report", "overdue", "--plain", "--limit", "20"], True),
            ("report overdue --format jsonl", ["report", "overdue", "--format", "jsonl"], True),
            ("report summary --by unit --period 'năm 2020'",
             ["report", "summary", "--by", "unit", "--period", "năm 2020", "--plain"], True),
            ("report summary --by unit (all years, no budget)",
             ["report", "summary", "--by", "unit", "--plain"], False),
            ("report summary --by month (all years, no budget)",
             ["report", "summary", "--by", "month", "--plain"], False),
            ("report overdue --format docx (no budget: papers in seconds)",
             ["report", "overdue", "--format", "docx"], False),
            ("report summary --format docx (no budget)",
             ["report", "summary", "--format", "docx"], False),
            ("report backlog --period 'tháng 5/2021'",
             ["report", "backlog", "--period", "tháng 5/2021", "--plain"], False),
            ("report week", ["report", "week"], False),
            ("--help (start-up floor)", ["--help"], False),
        ]
        for label, args, held in cases:
            sec, mb, _code = measure(base + args, a.runs)
            lines = count_lines(base + args)
            budget = budgets.get(n)
            verdict = "" if budget is None or not held else (
                "ok" if sec <= budget and (mb <= 100 or n > 100_000) else "OVER")
            print(f"{n:>9,}  {label:<58} {sec:6.3f}s {mb:7.1f} MB  {lines:5d}  {verdict}",
                  flush=True)
        if a.overdue_heavy:
            heavy(n, a)


def built(db: Path, n: int, done_share: float, rebuild: bool) -> Path:
    """The store ``db`` of ``n`` tasks, made if missing (or asked to).  Built in a child
    process: this one stays small, so the peak RSS the measured children report
    (inherited across fork) is their own."""
    if rebuild or not db.exists():
        t0 = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--build", str(db), str(n), str(done_share)],
                       check=True)
        print(f"# built {db.name} in {time.perf_counter() - t0:.1f} s", flush=True)
    return db


def heavy(n: int, a) -> None:
    """The nightly report where a third of the register is overdue (issue 18's store:
    Taskwarrior's ``task overdue`` 2.0 s on the same tasks)."""
    db = built(OUT / f"reports-{n}-overdue.db", n, 0.64, a.rebuild)
    base = ["--db", str(db), "--today", TODAY.strftime("%d/%m/%Y")]
    budget = {100_000: 0.5, 1_000_000: 2.0}.get(n)
    for label, args in (("report overdue (a third overdue)", ["report", "overdue", "--plain"]),
                        ("report overdue --format jsonl (a third overdue)",
                         ["report", "overdue", "--format", "jsonl"]),
                        ("report overdue --format docx (a third overdue)",
                         ["report", "overdue", "--format", "docx"])):
        sec, mb, _code = measure(base + args, a.runs)
        lines = count_lines(base + args)
        verdict = "" if budget is None or "docx" in label else ("ok" if sec <= budget else "OVER")
        print(f"{n:>9,}  {label:<58} {sec:6.3f}s {mb:7.1f} MB  {lines:5d}  {verdict}", flush=True)


if __name__ == "__main__":
    main()
