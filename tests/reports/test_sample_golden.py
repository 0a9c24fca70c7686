"""Golden files of the plain and markdown reports over the sample office
(`tracker init --sample`: sample_data/*.csv through the importer), on a fixed --today."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from golden_files import check_golden, child_env

TODAY = "15/06/2021"  # the sample's "as of" day


def _tracker(db: Path, *args: str, lang: str = "vi") -> str:
    res = subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "--today", TODAY,
                          "--lang", lang, *args], capture_output=True, env=child_env())
    assert res.returncode == 0, res.stderr.decode()
    return res.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "tracker.db"
    _tracker(db, "init", "--sample")
    return db


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overdue_plain(sample_db, lang):
    check_golden(f"sample_overdue_{lang}.txt", _tracker(sample_db, "report", "overdue", lang=lang))


def test_overdue_markdown(sample_db):
    check_golden("sample_overdue_vi.md",
                 _tracker(sample_db, "report", "overdue", "--format", "markdown"))


@pytest.mark.parametrize("args, name", [
    (("--period", "năm 2020"), "sample_summary_2020_vi"),
    (("--period", "6 tháng đầu năm 2021", "--basis", "deadline", "--by", "leader"),
     "sample_summary_h1_2021_leader_vi"),
])
def test_summary_plain_and_markdown(sample_db, args, name):
    check_golden(f"{name}.txt", _tracker(sample_db, "report", "summary", *args))
    check_golden(f"{name}.md", _tracker(sample_db, "report", "summary", *args,
                                        "--format", "markdown"))


def test_summary_plain_en(sample_db):
    check_golden("sample_summary_2020_en.txt",
                 _tracker(sample_db, "report", "summary", "--period", "năm 2020", lang="en"))
