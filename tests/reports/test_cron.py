"""The crontab line from the README, run as cron runs it: `env -i` with only PATH and HOME
(and the README's own TRACKER_DB line), no LANG, no terminal."""
from __future__ import annotations

import datetime as dt
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from store_fixture import build_store

README = Path(__file__).resolve().parents[2] / "README.md"
TRACKER = Path(sys.executable).parent / "tracker"


def crontab_from_readme(wanted: str = "report overdue") -> tuple[dict[str, str], str]:
    """(environment lines, command) of the README's crontab block: the line that runs
    ``wanted``."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```crontab\n(.*?)```", text, re.S)
    assert block, "the README has no crontab block"
    env, command = {}, None
    for line in block.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^([A-Z_]+)=(.*)$", line)
        if m:
            env[m.group(1)] = m.group(2)
            continue
        fields = line.split(None, 5)
        assert len(fields) == 6, line
        if wanted in fields[5]:
            command = fields[5]
    assert command and wanted in command
    return env, command


def run_as_cron(command: str, env: dict[str, str], home: Path) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    assert args[0].endswith("/bin/tracker")
    args[0] = str(TRACKER)  # this checkout's tracker in place of /opt/tracker/…
    bare = ["env", "-i", "PATH=/usr/bin:/bin", f"HOME={home}", "SHELL=/bin/sh"]
    bare += [f"{k}={v}" for k, v in env.items() if k != "MAILTO"]
    return subprocess.run(bare + ["/bin/sh", "-c", shlex.join(args)], capture_output=True,
                          timeout=60)


@pytest.fixture
def cron_store(tmp_path):
    from tracker.services.context import Context

    db = tmp_path / "tracker.db"
    ctx = Context.open(str(db), user="tester", today=dt.date(2021, 6, 15), create=True)
    build_store(ctx)
    ctx.close()
    return db


def test_readme_crontab_line_prints_a_clean_report(cron_store, tmp_path):
    env, command = crontab_from_readme()
    assert "TRACKER_DB" in env
    env["TRACKER_DB"] = str(cron_store)
    env["TRACKER_TODAY"] = "15/06/2021"  # reproducible: cron would use the real day
    res = run_as_cron(command, env, tmp_path)
    out = res.stdout.decode("utf-8")  # UTF-8 even with no LANG
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b""
    assert "\x1b" not in out  # no colour, no cursor moves
    lines = out.splitlines()
    assert lines[0] == "BÁO CÁO NHIỆM VỤ QUÁ HẠN - Tính đến ngày 15/06/2021"
    assert lines[1] == "Tổng cộng: 4 nhiệm vụ quá hạn tại 3 đơn vị; 2 nhiệm vụ đến hạn trong 7 ngày tới."
    assert "1. UBND Phường 5: 2 nhiệm vụ quá hạn, lâu nhất 5 ngày" in lines
    assert all(len(line) <= 100 for line in lines)


def test_readme_crontab_line_is_silent_when_nothing_is_overdue(cron_store, tmp_path):
    env, command = crontab_from_readme()
    env["TRACKER_DB"] = str(cron_store)
    env["TRACKER_TODAY"] = "01/01/2021"  # before any deadline fell due
    res = run_as_cron(command, env, tmp_path)
    assert res.returncode == 0, res.stderr.decode()
    assert res.stdout == b"" and res.stderr == b""  # cron sends no mail


def test_readme_crontab_labels_the_mail_utf8():
    """The report is UTF-8 with no LANG; cron labels the mail it sends with its own locale's
    charset unless the crontab gives CONTENT_TYPE (cronie and Debian's cron read it) — on a
    server whose daemon runs in the C locale that is "charset=ANSI_X3.4-1968", and a mail
    reader shows the Vietnamese as mojibake.  The README's crontab says UTF-8."""
    env, _command = crontab_from_readme()
    assert env.get("CONTENT_TYPE", "").replace(" ", "").lower() == "text/plain;charset=utf-8"
    assert env.get("CONTENT_TRANSFER_ENCODING") == "8bit"
