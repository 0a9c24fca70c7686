"""The ``pg`` marker names exactly the runs on PostgreSQL (issue 15: it was declared and used
by no test)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

PG_URL = os.environ.get("TRACKER_TEST_PG_URL", "")


@pytest.mark.skipif(not PG_URL, reason="TRACKER_TEST_PG_URL is not set")
def test_pg_marker_selects_the_postgresql_runs():
    tests = Path(__file__).resolve().parent
    out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                          "-m", "pg", str(tests / "test_status_rule.py")],
                         capture_output=True, text=True, cwd=tests.parent).stdout
    ids = [line for line in out.splitlines() if "::" in line]
    assert ids and all("postgresql" in i for i in ids), out[-1500:]
    # each store test of the file once on PostgreSQL (the file's table test needs no store)
    assert len(ids) == len([i for i in ids if i.endswith("[postgresql]") or "[postgresql-" in i])
