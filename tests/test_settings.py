"""One settings object: flags, then the environment, then the defaults — resolved once."""
from __future__ import annotations

import datetime as dt

import pytest

from tracker.settings import Settings, SettingError


@pytest.fixture
def env(monkeypatch):
    for name in ("TRACKER_DB", "TRACKER_TODAY", "TRACKER_LANG", "TRACKER_USER", "TRACKER_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_flags_win_over_the_environment(env, tmp_path):
    env.setenv("TRACKER_DB", str(tmp_path / "env.db"))
    env.setenv("TRACKER_TODAY", "01/02/2021")
    env.setenv("TRACKER_LANG", "en")
    env.setenv("TRACKER_USER", "env-user")
    s = Settings.resolve()
    assert (s.db, s.today, s.today_given, s.lang, s.user) == (
        str(tmp_path / "env.db"), dt.date(2021, 2, 1), True, "en", "env-user")
    s = Settings.resolve(db="flag.db", today="2021-06-15", lang="vi", user="flag-user")
    assert (s.db, s.today, s.lang, s.user) == ("flag.db", dt.date(2021, 6, 15), "vi", "flag-user")


def test_defaults(env):
    s = Settings.resolve()
    assert s.db is None and s.today == dt.date.today() and not s.today_given
    assert s.lang == "vi" and s.user and not s.debug


def test_a_day_that_cannot_be_read_is_a_usage_error(env):
    env.setenv("TRACKER_TODAY", "32/13/2021")
    with pytest.raises(SettingError) as info:
        Settings.resolve()
    assert info.value.exit_code == 2 and info.value.fields["value"] == "32/13/2021"


def test_the_context_takes_the_settings(env, db_url):
    from tracker.services.context import Context

    ctx = Context.open(Settings.resolve(db=db_url, today="15/06/2021", user="clerk"))
    try:
        assert (ctx.today, ctx.user) == (dt.date(2021, 6, 15), "clerk")
    finally:
        ctx.close()


def test_the_cli_reads_today_once_and_says_a_bad_one(env, make_run, db_url):
    run = make_run(db_url, today=None)
    bad = run("task", "list", today_="31/02/2021")
    assert bad.code == 2 and "31/02/2021" in bad.stderr and "Traceback" not in bad.stderr
    assert run("task", "list", env={"TRACKER_TODAY": "31/02/2021"}).code == 2
    assert run("task", "list", today_="15/06/2021", env={"TRACKER_TODAY": "31/02/2021"}).code == 0
