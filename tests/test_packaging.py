"""The wheel carries every package of tracker and the migrations (pyproject lists packages by
hand, so a new package must be added there; .ci/wheel_smoke.sh installs the built wheel)."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_under_tracker_is_listed():
    listed = set(_setuptools()["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "tracker").rglob("__init__.py") if "__pycache__" not in p.parts}
    missing = sorted(found - listed)
    assert not missing, f"packages missing from pyproject's [tool.setuptools] packages: {missing}"
    mapped = set(_setuptools()["package-dir"])
    gone = sorted(p for p in listed - found
                  if not any(p == m or p.startswith(m + ".") for m in mapped))
    assert not gone, f"pyproject lists packages that do not exist: {gone}"


def test_migrations_ship_as_a_package():
    cfg = _setuptools()
    assert cfg["package-dir"]["tracker.migrations"] == "migrations"
    assert {"tracker.migrations", "tracker.migrations.versions"} <= set(cfg["packages"])
    assert (ROOT / "migrations" / "__init__.py").exists()
    assert (ROOT / "migrations" / "versions" / "__init__.py").exists()
    data = cfg["package-data"]["tracker.migrations"]
    assert "script.py.mako" in data and "alembic.ini" in data


def test_the_demo_finds_its_office_through_the_package(monkeypatch):
    monkeypatch.delenv("TRACKER_SAMPLE_DIR", raising=False)
    from tracker.cli.demo import SAMPLE_FILES
    from tracker.paths import sample_dir

    assert _setuptools()["package-dir"]["tracker.sample_data"] == "sample_data"
    assert all((sample_dir() / name).exists() for name in SAMPLE_FILES)


def test_store_finds_the_migrations_through_the_package():
    import importlib.util

    from tracker.store.db import MIGRATIONS_DIR

    spec = importlib.util.find_spec("tracker.migrations")
    assert MIGRATIONS_DIR == Path(next(iter(spec.submodule_search_locations)))
    assert (MIGRATIONS_DIR / "env.py").exists()
    assert (MIGRATIONS_DIR / "versions" / "0001_initial.py").exists()
