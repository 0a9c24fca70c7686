"""The nightly job's path stays lean: `tracker report overdue` off a terminal imports
neither Textual, SQLModel/pydantic, Alembic, openpyxl, python-docx nor Rich's console."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

from store_fixture import build_store

HEAVY = ("textual", "sqlmodel", "pydantic", "alembic", "openpyxl", "docx", "rich.console",
         "rich.table")


def _modules_after(argv: list[str]) -> set[str]:
    probe = (
        "import json, sys\n"
        "from tracker.cli.main import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.__stderr__)\n")
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    return set(json.loads(res.stderr.strip().splitlines()[-1]))


def test_overdue_and_summary_plain_paths_are_lean(tmp_path):
    from tracker.services.context import Context

    db = tmp_path / "t.db"
    ctx = Context.open(str(db), user="tester", today=dt.date(2021, 6, 15), create=True)
    build_store(ctx)
    ctx.close()
    base = ["--db", str(db), "--today", "15/06/2021", "report"]
    for args in (["overdue"], ["overdue", "--format", "jsonl"],
                 ["overdue", "--unit", "phuong 5", "--leader", "hoang"],
                 ["summary", "--period", "năm 2021"]):
        mods = _modules_after(base + args)
        assert "tracker.reports.queries" in mods  # the probe really ran the report
        for heavy in HEAVY:
            assert not any(m == heavy or m.startswith(heavy + ".") for m in mods), (args, heavy)
