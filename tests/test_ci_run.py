"""`.ci/run` is honest about engines: it says how many tests ran on each, and fails when
PostgreSQL was expected and none ran, or when the test command failed (pytest's exit 5,
nothing collected, included).  Run with a stand-in `make` that reports what a run would."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def ci_run(tmp_path, counts: str, status: int, pg_url: str | None) -> subprocess.CompletedProcess:
    fake = tmp_path / "bin"
    fake.mkdir()
    make = fake / "make"
    make.write_text("#!/bin/sh\n"
                    "[ \"$1\" = test ] || exit 99\n"
                    f"printf '%s' '{counts}' > \"$TRACKER_TEST_ENGINE_COUNTS\"\n"
                    f"exit {status}\n")
    make.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_TEST_PG_URL"}
    env["PATH"] = f"{fake}:{env['PATH']}"
    if pg_url:
        env["TRACKER_TEST_PG_URL"] = pg_url  # given: .ci/run starts and changes nothing
    else:
        # no PostgreSQL to start: hide pg_ctlcluster behind a PATH without it
        env["PATH"] = f"{fake}:/usr/bin:/bin"
        if Path("/usr/bin/pg_ctlcluster").exists():
            pytest.skip("pg_ctlcluster is installed here: .ci/run would start PostgreSQL")
    return subprocess.run([str(ROOT / ".ci" / "run")], capture_output=True, text=True, env=env)


def test_counts_are_printed_and_both_engines_pass(tmp_path):
    r = ci_run(tmp_path, '{"sqlite": 12, "postgresql": 12}', 0, "postgresql+psycopg://u:p@h/db")
    assert r.returncode == 0, r.stderr
    assert "tests run: SQLite 12, PostgreSQL 12" in r.stdout


def test_fails_when_postgresql_was_expected_and_none_ran(tmp_path):
    r = ci_run(tmp_path, '{"sqlite": 12}', 0, "postgresql+psycopg://u:p@h/db")
    assert r.returncode == 1 and "no test ran on it" in r.stderr


@pytest.mark.parametrize("status", [1, 2, 5])
def test_a_failed_test_command_fails_the_run(tmp_path, status):
    r = ci_run(tmp_path, '{"sqlite": 12, "postgresql": 12}', status, "postgresql+psycopg://u:p@h/db")
    assert r.returncode == status and "make test failed" in r.stdout


def test_ci_never_alters_a_role():
    script = (ROOT / ".ci" / "run").read_text()
    assert "ALTER USER" not in script.upper() and "ALTER ROLE" not in script.upper()
    assert "CREATE ROLE" in script and "pg_roles" in script  # made only when missing
    assert "make test" in script  # the README's test command
