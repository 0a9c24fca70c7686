"""Golden files: compare rendered text with tests/reports/golden/<name>; set
UPDATE_GOLDEN=1 to rewrite them after a deliberate change (then read the diff)."""
from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file (UPDATE_GOLDEN=1 to rewrite)"


def text_of(lines) -> str:
    """A renderer's lines as the CLI writes them (``plain.write``): each and a newline."""
    return "".join(line + "\n" for line in lines)


def child_env() -> dict[str, str]:
    """The environment for a `tracker` child process: this one's, without the terminal
    size some plugin leaves at the C level (COLUMNS would set the plain width)."""
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
