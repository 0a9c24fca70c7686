"""Every catalogue key the report code names exists, in both languages."""
from __future__ import annotations

import re
from pathlib import Path

from tracker import i18n
from tracker.i18n.reports import MESSAGES
from tracker.reports.data import BY_CHOICES, COUNT_KEYS

ROOT = Path(__file__).resolve().parents[2] / "tracker"
KEY = re.compile(r"""["'](report\.[a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")


def test_keys_named_in_report_code_exist():
    files = list((ROOT / "reports").glob("*.py")) + list((ROOT / "cli").glob("report*.py"))
    named = {k for f in files for k in KEY.findall(f.read_text(encoding="utf-8"))}
    assert named, "the scan found nothing: the pattern is wrong"
    missing = sorted(k for k in named if k not in i18n.catalog())
    assert not missing


def test_keys_built_from_names_exist():
    for by in BY_CHOICES:
        assert f"report.by.{by}" in MESSAGES
    for key in COUNT_KEYS:
        assert f"report.col.{key}" in MESSAGES


def test_every_report_key_is_prefixed_and_has_both_languages():
    for key, (vi, en) in MESSAGES.items():
        assert key.startswith("report.")
        assert vi.strip() and en.strip(), key
