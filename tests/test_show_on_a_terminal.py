"""`task show` and `directive show` on a clerk's 80-column terminal (run under `script`, a
real terminal): a long value wraps under itself, the directive's tasks are the task list's
fitted table — not lines as wide as a file's, broken by the terminal mid-word."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tracker.services import tasks
from tracker.services.directives import add_directive

pytestmark = pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux `script`")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
TITLE = ("Kết luận của Chủ tịch UBND thành phố về công tác chuẩn bị bầu cử đại biểu Quốc hội "
         "khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021-2026")


def _on_a_terminal(db_url: str, *args: str) -> list[str]:
    command = " ".join([sys.executable, "-m", "tracker", "--db", f"'{db_url}'", "--today", "15/06/2021", *args])
    out = subprocess.run(["script", "-qec", f"stty cols 80 rows 50; {command}", "/dev/null"],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, "TERM": "xterm", "COLUMNS": "", "LINES": ""})
    assert out.returncode == 0, out.stdout + out.stderr
    return [ANSI.sub("", line).rstrip("\r") for line in out.stdout.splitlines()]


def test_show_fits_an_80_column_terminal(office, db_url):
    add_directive(office, "95/TB-UBND", type_code="TB", issuer="UBND thành phố", date="05/04/2021",
                  title=TITLE)
    t = tasks.add_task(office, directive="95/TB-UBND", lead="TCKH", due="22/05/2021",
                       content="Tuyên truyền về cuộc bầu cử đại biểu Quốc hội và HĐND các cấp trên "
                               "các phương tiện thông tin đại chúng của thành phố")
    for args in (("directive", "show", "95/TB-UBND"), ("task", "show", str(t.id))):
        lines = _on_a_terminal(db_url, *args)
        assert all(len(line) <= 80 for line in lines), "\n".join(lines)
        title_at = next(i for i, line in enumerate(lines) if line.startswith("Trích yếu"))
        indent = lines[title_at].index("Kết luận")
        assert lines[title_at + 1][:indent].isspace() and lines[title_at + 1][indent] != " "  # (under itself)
    lines = _on_a_terminal(db_url, "directive", "show", "95/TB-UBND")
    assert any(line.startswith("──") for line in lines), "\n".join(lines)  # the table's rule
