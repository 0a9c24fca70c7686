"""The README's worked example runs as written (docs that cannot drift from the code)."""
import re
import shlex
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _example_commands() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## First steps by hand", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    block = block.replace("\\\n", " ")
    commands = []
    for line in block.splitlines():
        line = line.split("  #", 1)[0].strip()
        for part in line.split(" ; "):
            part = part.strip()
            if part.startswith("tracker "):
                commands.append(shlex.split(part)[1:])
    return commands


def test_first_steps_run_as_written(run):
    commands = _example_commands()
    assert len(commands) >= 8
    for args in commands:
        r = run(*args, today_="01/10/2021")
        assert r.code == 0, (args, r.stderr)
        assert "Traceback" not in r.stderr
