"""Every command, run against a store in trouble (locked, read-only, damaged): the table of
commands and the runner.  Used by tests/test_store_mistakes.py, in this process or — to
meet file permissions, which root does not — in a child running as an unprivileged user
(``python tests/store_sweep.py DB OUTDIR`` prints the results as JSON).

A command added to the CLI must be added to SWEEP (a test says so): "no SQL ever reaches a
user" holds for every way in.
"""
from __future__ import annotations

import json
import os
import sys

# (argv after the global options, what it does to the store: "read", "write" or "none")
# The sample office: task 1 done, 2 open (with a note to undo), 30 cancelled; directive
# 320-KL/TU; unit TCKH; a day off on 03/09/2021.  {out} is a folder the command may write its files into.
SWEEP: list[tuple[tuple[str, ...], str]] = [
    (("init",), "read"),
    (("demo", "--no-app"), "read"),
    (("unit", "add", "X9", "Phòng Thử nghiệm"), "write"),
    (("unit", "edit", "TCKH", "--name", "Phòng Tài chính và Kế hoạch"), "write"),
    (("unit", "list"), "read"),
    (("names", "add", "Sở Thử nghiệm", "--kind", "issuer"), "write"),
    (("names", "list", "--kind", "leader"), "read"),
    (("names", "merge", "--kind", "issuer", "UBND thành phố", "Thành ủy"), "write"),
    (("directive", "add", "99/KH-UBND", "--type", "KH", "--issuer", "UBND thành phố",
      "--date", "01/02/2021", "--title", "Kế hoạch thử"), "write"),
    (("directive", "edit", "320-KL/TU", "--notes", "ghi chú"), "write"),
    (("directive", "list"), "read"),
    (("directive", "show", "320-KL/TU"), "read"),
    (("task", "add", "Nhiệm vụ thử", "--directive", "320-KL/TU", "--lead", "TCKH",
      "--due", "30/06/2021"), "write"),
    (("task", "cancel", "2", "--reason", "thử"), "write"),
    (("task", "done", "2", "--on", "01/06/2021"), "write"),
    (("task", "edit", "2", "--notes", "sửa"), "write"),
    (("task", "extend", "2", "--to", "31/12/2021", "--reason", "thử"), "write"),
    (("task", "history", "2"), "read"),
    (("task", "list"), "read"),
    (("task", "note", "2", "Đang triển khai"), "write"),
    (("task", "reopen", "1"), "write"),
    (("task", "show", "2"), "read"),
    (("task", "undo", "2"), "write"),
    (("calendar", "add-off", "10/09/2021", "Nghỉ bù"), "write"),
    (("calendar", "add-workday", "04/09/2021", "Làm bù"), "write"),
    (("calendar", "overrides", "2021"), "read"),
    (("calendar", "recompute"), "read"),  # (nothing to recompute: writes nothing)
    (("calendar", "remove", "03/09/2021"), "write"),
    (("calendar", "show", "2021"), "read"),
    (("import", "--update", "{sample}/tasks.csv"), "read"),  # nothing differs: reads only
    (("import", "{out}/units-new.csv"), "write"),
    (("export", "--kind", "tasks", "-o", "{out}/tasks.csv"), "read"),
    (("report", "overdue"), "read"),
    (("report", "overdue", "--quiet-if-none"), "read"),
    (("report", "reminders", "--outdir", "{out}/reminders"), "read"),
    (("report", "summary"), "read"),
    (("report", "backlog", "--period", "tháng 5/2021"), "read"),
    (("report", "week", "--week", "07/06/2021"), "read"),
    (("programme", "import", "{out}/ctr.csv", "--directive", "320-KL/TU", "--year", "2021"), "write"),
    (("programme", "report", "--directive", "320-KL/TU"), "read"),
    (("recurrence", "list"), "read"),
    (("recurrence", "stop", "1", "--on", "30/06/2021"), "none"),  # (the office has none to stop)
    (("audit", "--since", "01/01/2020"), "read"),
    (("extract", "{out}/thong-bao.txt"), "read"),
    (("db", "backup", "--overwrite", "{out}/copy.db"), "read"),
    (("db", "copy", "{out}/copied.db"), "read"),
    (("db", "check"), "read"),
    (("db", "migrate"), "read"),
    (("db", "path"), "none"),
    (("dev", "generate", "3", "-o", "{out}/generated"), "none"),
    (("app",), "none"),
    (("db", "restore", "--yes", "{backup}"), "write"),
]

# what must never reach a user: SQL, its parameters, a library's URL or its class names
LEAKS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "[SQL", "[parameters", "sqlalche.me",
         "Background on this error", "Traceback", "sqlite3.", "psycopg.", "OperationalError",
         "DatabaseError", "IntegrityError", "Lỗi không mong đợi", "Unexpected error")


def prepare_out(out: str) -> None:
    """The files the sweep's commands read from ``out``."""
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "units-new.csv"), "w", encoding="utf-8") as f:
        f.write("Mã,Tên đơn vị\nX8,Phòng Mới\n")
    with open(os.path.join(out, "ctr.csv"), "w", encoding="utf-8") as f:
        f.write("TT,Nội dung công việc,Cơ quan chủ trì,Lãnh đạo phụ trách,Cả năm,Quý I,Quý II,Quý III,Quý IV\n"
                "1,Công tác kinh tế - ngân sách,,,x,,,,\n,Điều hành thu ngân sách,TCKH,,,,,,\n")
    with open(os.path.join(out, "thong-bao.txt"), "w", encoding="utf-8") as f:
        f.write("THÔNG BÁO\nKết luận của Chủ tịch UBND thành phố\n"
                "1. Giao Phòng Tài chính - Kế hoạch chủ trì rà soát nguồn vốn; "
                "hoàn thành trước ngày 30/6/2021.\n")


def command_sets(cli) -> set[tuple[str, ...]]:
    """Every command and subcommand the CLI offers, as name tuples."""
    import click

    ctx = click.Context(cli)
    found = set()
    for name in cli.list_commands(ctx):
        cmd = cli.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            found.update((name, sub) for sub in cmd.list_commands(ctx))
        else:
            found.add((name,))
    return found


def sweep(db: str, out: str, *, lang: str = "vi", env: dict | None = None,
          sample: str | None = None, backup: str | None = None) -> list[dict]:
    """Run every SWEEP command on ``db`` in this process; their codes and outputs."""
    from click.testing import CliRunner

    from tracker.cli.main import main

    sample = sample or os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                    "sample_data")
    results = []
    for argv, effect in SWEEP:
        args = [a.format(out=out, sample=sample, backup=backup or os.path.join(out, "none.db"))
                for a in argv]
        full = ["--db", db, "--lang", lang, "--today", "15/06/2021", "--user", "sweeper", *args]
        runner = CliRunner()
        with runner.isolation(env=env) as streams:
            code = 0
            umask = os.umask(0o022)  # (main sets the process's umask: give it back after)
            os.umask(umask)
            try:
                main(full)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            finally:
                os.umask(umask)
            stdout = streams[0].getvalue().decode("utf-8", "replace")
            stderr = streams[1].getvalue().decode("utf-8", "replace")
        results.append({"argv": args, "effect": effect, "code": code, "stdout": stdout,
                        "stderr": stderr})
    return results


if __name__ == "__main__":
    db_, out_ = sys.argv[1], sys.argv[2]
    lang_ = sys.argv[3] if len(sys.argv) > 3 else "vi"
    backup_ = sys.argv[4] if len(sys.argv) > 4 else None
    json.dump(sweep(db_, out_, lang=lang_, backup=backup_), sys.stdout, ensure_ascii=False)
