"""bench/bench_import.py, run small: it prints its figures and leaves nothing behind (a 100k
run writes half a gigabyte of files and stores into a temporary folder) unless ``--keep``."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "bench" / "bench_import.py"


def _run(tmp_path: Path, *args: str) -> str:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    out = subprocess.run([sys.executable, str(BENCH), "--n", "300", "--formats", "csv", "--exports", "csv", *args],
                         capture_output=True, text=True, env=env, timeout=300, check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_bench_removes_its_temporary_folder(tmp_path):
    out = _run(tmp_path)
    assert "import csv (new store)" in out and "× SQLite alone" in out
    assert "(removed at the end)" in out
    assert list(tmp_path.iterdir()) == []


def test_keep_keeps_the_files(tmp_path):
    kept = tmp_path / "kept"
    _run(tmp_path, "--keep", str(kept))
    assert (kept / "csv" / "tasks.csv").exists() and (kept / "export.csv").exists()
