"""Shared fixtures: a fresh store on SQLite always, and on PostgreSQL too when
TRACKER_TEST_PG_URL is set (tests that take ``db_url`` run once per engine)."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

import pytest

PG_URL = os.environ.get("TRACKER_TEST_PG_URL", "")
# the holidays kept between runs (services.holiday_cache): a folder of the test run's own,
# never the user's (commands run as subprocesses inherit it)
if "TRACKER_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["TRACKER_CACHE_DIR"] = tempfile.mkdtemp(prefix="tracker-test-cache-")
# the app's recent files and report folder (tracker.tui.recent): the run's own too
if "TRACKER_STATE_DIR" not in os.environ:
    import tempfile

    os.environ["TRACKER_STATE_DIR"] = tempfile.mkdtemp(prefix="tracker-test-state-")
TODAY = dt.date(2021, 6, 15)

_pg_ready: dict[str, bool] = {}


def _pg_worker_url() -> str:
    """A database of this test worker's own (pytest-xdist runs workers side by side)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    base = make_url(PG_URL)
    if base.drivername in ("postgresql", "postgres"):
        base = base.set(drivername="postgresql+psycopg")
    name = f"{base.database or 'tracker_test'}_{re.sub(r'[^a-z0-9]', '', worker)}"
    url = base.set(database=name)
    if name not in _pg_ready:
        admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        _pg_ready[name] = False
    return url.render_as_string(hide_password=False)


def _seed_known_names(conn) -> None:
    """Put the usual issuers (``tracker.store.seeds``) in an empty register."""
    from sqlalchemy import insert

    from tracker.domain.text import fold
    from tracker.store.seeds import ISSUERS
    from tracker.store.tables import known_name

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    conn.execute(insert(known_name), [
        dict(kind="issuer", name=name, name_folded=fold(name), aliases="|".join(aliases),
             created_at=now) for name, aliases in ISSUERS])


def _pg_fresh(url: str) -> None:
    """Schema at head, every table empty and ids restarted."""
    from sqlalchemy import text

    from tracker.store.db import make_engine, migrate

    engine = make_engine(url)
    name = url.rsplit("/", 1)[-1]
    if not _pg_ready.get(name):
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        migrate(engine, url)
        _pg_ready[name] = True
    with engine.begin() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"))]
        if tables:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        _seed_known_names(conn)  # what migration 0005 puts in a new store
    engine.dispose()


# every store test's PostgreSQL run carries the ``pg`` marker: ``-m pg`` runs them alone,
# ``-m "not pg"`` leaves them out (tests/test_pg_marker.py holds it)
ENGINES = ["sqlite"] + ([pytest.param("postgresql", marks=pytest.mark.pg)] if PG_URL else [])


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """Every test starts in the interface's own language: a command run with --lang en (or
    set_lang) changes the process's, and a later test on the same worker must not see it."""
    from tracker import i18n

    yield
    i18n.set_lang("vi")


@pytest.fixture(scope="session")
def store_template(tmp_path_factory):
    """An empty store at the newest schema, made once (``init``'s work); each test's store is
    a copy of it.  A store is created only on purpose, so a test's store must exist."""
    from tracker.store.db import open_engine, resolve_url

    path = tmp_path_factory.mktemp("template") / "tracker.db"
    open_engine(resolve_url(str(path)), create=True).dispose()
    return path


def fresh_store(template, path) -> str:
    import shutil

    shutil.copyfile(template, path)
    os.chmod(path, 0o600)
    return f"sqlite:///{path}"


@pytest.fixture(params=ENGINES)
def db_url(request, tmp_path, store_template) -> str:
    """A fresh, empty store's URL on each engine under test."""
    request.node.user_properties.append(("engine", request.param))
    if request.param == "sqlite":
        return fresh_store(store_template, tmp_path / "tracker.db")
    url = _pg_worker_url()
    _pg_fresh(url)
    return url


@pytest.fixture
def pg_fresh():
    """What empties a PostgreSQL test store again (schema at head, tables empty): for tests
    that make several stores in one (test modules cannot import this conftest by name)."""
    return _pg_fresh


@pytest.fixture
def sqlite_url(tmp_path, store_template) -> str:
    """A fresh, empty SQLite store's URL."""
    return fresh_store(store_template, tmp_path / "tracker.db")


@pytest.fixture
def ctx(db_url):
    from tracker.services.context import Context

    c = Context.open(db_url, user="tester", today=TODAY)
    yield c
    c.close()


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def run(db_url):
    """Run the real ``tracker`` entry point (error handling included) on the test store."""
    return make_runner(db_url)


@pytest.fixture
def make_run():
    """A factory of runners: make_run(db_url, today=None) for tests that need their own."""
    return make_runner


def make_runner(db_url: str, today: str = "15/06/2021"):
    from click.testing import CliRunner

    from tracker.cli.main import main

    def _run(*args, lang: str | None = "vi", input: str | None = None, env: dict | None = None,
             today_: str | None = today) -> CliResult:
        # (lang=None: no --lang, the language is the environment's TRACKER_LANG)
        argv = ["--db", db_url] + (["--lang", lang] if lang else []) + ["--user", "tester"]
        if today_:
            argv += ["--today", today_]
        argv += [str(a) for a in args]
        runner = CliRunner()
        # off a terminal the reports honour COLUMNS; Textual's test driver leaves one set in
        # the process, so a command's width is the test's to choose (unset unless given)
        env = {"COLUMNS": None, **(env or {})}
        with runner.isolation(input=input, env=env) as streams:
            code = 0
            umask = os.umask(0o022)  # (main sets the process's umask: give it back after)
            os.umask(umask)
            try:
                main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            finally:
                os.umask(umask)
            out = streams[0].getvalue().decode("utf-8", "replace")
            err = streams[1].getvalue().decode("utf-8", "replace")
        return CliResult(code, out, err)

    return _run


@pytest.fixture
def office(ctx):
    """A small office: four units, two directives (one implementing the other)."""
    from tracker.services.directives import add_directive
    from tracker.services.units import add_unit

    add_unit(ctx, "TCKH", "Phòng Tài chính - Kế hoạch", aliases=["TC-KH", "Phòng TC-KH"])
    add_unit(ctx, "TNMT", "Phòng Tài nguyên và Môi trường", aliases=["TN&MT"])
    add_unit(ctx, "QLDT", "Phòng Quản lý đô thị", aliases=["QLĐT"])
    add_unit(ctx, "P5", "UBND Phường 5", kind="ward", aliases=["Phường 5"])
    add_directive(ctx, "320-KL/TU", type_code="KL", issuer="Tỉnh ủy", date="04/12/2019",
                  title="Kết luận về phát triển đô thị")
    add_directive(ctx, "67/KH-UBND", type_code="KH", issuer="UBND thành phố", date="10/01/2020",
                  title="Kế hoạch triển khai Kết luận 320-KL/TU", parent="320-KL/TU")
    return ctx


# -- how many tests ran on each engine (CI fails when PostgreSQL was expected and none ran) ----

def pytest_terminal_summary(terminalreporter):
    counts: dict[str, int] = {}
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        if report.when != "call":
            continue
        engine = dict(report.user_properties).get("engine")
        if engine:
            counts[engine] = counts.get(engine, 0) + 1
    line = ", ".join(f"{name} {counts.get(name, 0)}" for name in ("sqlite", "postgresql"))
    terminalreporter.write_line(f"tests run per engine: {line}")
    target = os.environ.get("TRACKER_TEST_ENGINE_COUNTS")
    if target:
        import json

        with open(target, "w", encoding="utf-8") as out:
            json.dump(counts, out)
