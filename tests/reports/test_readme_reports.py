"""The README's report examples run as written on the test store (docs that cannot drift)."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from store_fixture import build_office

README = Path(__file__).resolve().parents[2] / "README.md"


def _report_commands() -> list[tuple[list[str], str | None]]:
    """(arguments, file the shell would redirect stdout to) of the Reports section's block."""
    section = README.read_text(encoding="utf-8").split("## Reports", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1).replace("\\\n", " ")
    commands = []
    for line in block.splitlines():
        line = line.split("  #", 1)[0].strip()
        if not line.startswith("tracker "):
            continue
        redirect = None
        if " > " in line:
            line, redirect = (part.strip() for part in line.split(" > ", 1))
        commands.append((shlex.split(line)[1:], redirect))
    return commands


def test_report_examples_run_as_written(office, run, tmp_path, monkeypatch):
    build_office(office)
    monkeypatch.chdir(tmp_path)
    commands = _report_commands()
    assert len(commands) >= 7
    for args, redirect in commands:
        res = run(*args)
        assert res.code == 0, (args, res.stderr)
        assert "Traceback" not in res.stderr
        if redirect:
            (tmp_path / redirect).write_text(res.stdout, encoding="utf-8")
    assert (tmp_path / "tong-hop.xlsx").stat().st_size > 0
    assert (tmp_path / "bao-cao.docx").stat().st_size > 0
    assert any((tmp_path / "nhac-viec").iterdir())
    assert (tmp_path / "qua-han.csv").read_text(encoding="utf-8").startswith("section,task_id")


def test_rhythm_examples_run_as_written_on_the_sample_office(run, tmp_path, monkeypatch):
    """The office's rhythm section: each command, on the sample office (init --sample), in a
    folder holding the sample's programme sheet."""
    import shutil

    assert run("init", "--sample").code == 0
    shutil.copy(Path(__file__).resolve().parents[2] / "sample_data" / "programme.xlsx", tmp_path)
    monkeypatch.chdir(tmp_path)
    section = README.read_text(encoding="utf-8").split("## The office's rhythm", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1).replace("\\\n", " ")
    commands = [shlex.split(line.split("  #", 1)[0].strip())[1:] for line in block.splitlines()
                if line.startswith("tracker ")]
    assert len(commands) >= 9
    for args in commands:
        res = run(*args)
        assert res.code == 0, (args, res.stderr)
        assert "Traceback" not in res.stderr
    assert (tmp_path / "ra-soat-quy-1.docx").stat().st_size > 0
    assert (tmp_path / "nhiem-vu-31-3.xlsx").stat().st_size > 0
