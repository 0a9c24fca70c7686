"""Run every benchmark in bench/ at 100k tasks and print their figures (``make bench``).

Pass ``--big`` to add the 1M-task runs (several minutes: the stores are built once under
bench/out/ and kept).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SIZES = ["100000"]
# script, how it is told the sizes (None: one run per size with this flag, a list: all at once)
BENCHES = [
    ("bench_cli.py", ["--tasks"]),
    ("bench_reports.py", ["--tasks"]),
    ("bench_import.py", None),
    ("bench_lazy_table.py", ["--rows"]),
    ("bench_tui.py", ["--tasks"]),
]


def main() -> int:
    sizes = SIZES + (["1000000"] if "--big" in sys.argv else [])
    failed = 0
    for script, size_flag in BENCHES:
        path = HERE / script
        if not path.exists():
            continue
        runs = ([[sys.executable, str(path), "--n", n] for n in sizes] if size_flag is None
                else [[sys.executable, str(path), *size_flag, *sizes]])
        for cmd in runs:
            print(f"\n=== {script} {' '.join(cmd[2:])}", flush=True)
            failed += subprocess.call(cmd) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
