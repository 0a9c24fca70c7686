"""A command we print that names the store — `tracker --db X init` when there is none, the
demo's next step, `db copy`'s "use the new store" — can be copied and run, and never shows
the password: SQLAlchemy's `***` cannot be run, and the password itself is never printed
(``store.db.typed_db``, the one rule)."""
from __future__ import annotations

import re
import shlex

import pytest
from sqlalchemy.engine import make_url

PG = "postgresql+psycopg://clerk:s3cret@dbhost:5432/tracker"


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv("TRACKER_DB", raising=False)
    return monkeypatch


def test_a_file_is_its_path_quoted_for_the_shell(no_env, tmp_path):
    from tracker.store.db import typed_db

    path = tmp_path / "văn phòng" / "office.db"
    assert shlex.split(typed_db(f"sqlite:///{path}")) == [str(path)]


def test_a_url_without_a_password_is_shown_as_it_is(no_env):
    from tracker.store.db import typed_db

    assert typed_db("postgresql+psycopg://clerk@dbhost/tracker") == "postgresql+psycopg://clerk@dbhost/tracker"


def test_a_password_is_never_printed_nor_masked(no_env):
    from tracker.i18n import use_lang
    from tracker.store.db import typed_db

    assert shlex.split(typed_db(PG)) == ["postgresql+psycopg://clerk:MẬT_KHẨU@dbhost:5432/tracker"]
    with use_lang("en"):
        assert shlex.split(typed_db(PG)) == ["postgresql+psycopg://clerk:PASSWORD@dbhost:5432/tracker"]
    # the store TRACKER_DB names (as the clerk wrote it): the variable, which the shell fills in
    no_env.setenv("TRACKER_DB", "postgresql://clerk:s3cret@dbhost:5432/tracker")
    assert typed_db(PG) == '"$TRACKER_DB"'
    no_env.setenv("TRACKER_DB", "postgresql://clerk:s3cret@otherhost/tracker")  # another one
    assert "MẬT_KHẨU" in typed_db(PG) and "s3cret" not in typed_db(PG)


def test_a_password_in_the_query_is_hidden_too(no_env):
    """`…/tracker?password=s3cret` — libpq takes it there too — was printed whole in every
    error and by `db path`; a cron mail carries them."""
    from tracker.store.db import safe_url, typed_db, where

    url = "postgresql+psycopg://clerk@dbhost/tracker?sslmode=require&password=s3cret"
    for shown in (safe_url(url), where(url), typed_db(url)):
        assert "s3cret" not in shown and "sslmode=require" in shown, shown
    assert where(url) == "postgresql+psycopg://clerk@dbhost/tracker?password=***&sslmode=require"
    assert "password=MẬT_KHẨU" in typed_db(url)
    assert "s3cret" not in safe_url("not a url ://clerk:x@h/db?password=s3cret")


def _db_typed(text: str) -> str:
    """The store a printed `tracker --db X …` names, as the shell would read X."""
    m = re.search(r"tracker --db ('[^']*'|\"[^\"]*\"|\S+)", text)
    assert m, text
    return shlex.split(m.group(1))[0]


def _no_password(url: str, text: str) -> None:
    password = make_url(url).password
    if password:  # (as a URL writes it: the test role's user name may be the same word)
        assert f":{password}@" not in text
    assert "***@" not in _db_typed(text)


def test_no_store_there_says_a_command_that_runs(make_run, tmp_path):
    path = tmp_path / "văn phòng" / "office.db"
    r = make_run(str(path))("task", "list")
    assert r.code == 1 and _db_typed(r.stderr) == str(path)
    assert make_run(_db_typed(r.stderr))("init").code == 0


def test_the_demos_next_step_runs_and_hides_the_password(db_url, make_run):
    r = make_run(db_url)("demo", "--no-app")
    assert r.code == 0, r.stderr
    _no_password(db_url, r.stdout + r.stderr)
    shown = _db_typed(r.stdout)
    if db_url.startswith("sqlite"):
        assert shown == make_url(db_url).database
    elif not make_url(db_url).password:
        assert make_url(shown) == make_url(db_url)
    else:
        assert shown == make_url(db_url).render_as_string(hide_password=True).replace(":***@", ":MẬT_KHẨU@")
