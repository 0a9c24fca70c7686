"""One settings object: flags, then the environment, then the defaults — resolved once."""
from __future__ import annotations

import datetime as dt

import pytest

from tracker.settings import Settings, SettingError


@pytest.fixture
def env(monkeypatch):
    for name in ("TRACKER_DB", "TRACKER_TODAY", "TRACKER_LANG", "TRACKER_USER", "TRACKER_DEBUG",
                 "TRACKER_LOCK_WAIT"):
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


@pytest.mark.parametrize("value,lang", [
    ("en", "en"), ("EN", "en"), (" en", "en"), ("en\n", "en"), ("en_US.UTF-8", "en"),
    ("en_GB", "en"), ("en-US", "en"), ("vi_VN", "vi"), ("vi_VN.UTF-8", "vi"), ("VI", "vi"),
    ("fr", "vi"), ("fr_FR.UTF-8", "vi"), ("C.UTF-8", "vi"), ("english", "vi"), ("", "vi"),
])
def test_tracker_lang_is_read_as_a_locale_is_written(env, value, lang):
    """env_lang's promise: a language we do not speak is Vietnamese (and en_US.UTF-8 is
    English) — never an error."""
    env.setenv("TRACKER_LANG", value)
    assert Settings.resolve().lang == lang


@pytest.mark.parametrize("value,words", [
    ("en_US.UTF-8", "No rows."), ("EN", "No rows."), (" en", "No rows."),
    ("fr", "Không có dòng nào."), ("vi_VN", "Không có dòng nào."),
])
def test_a_cron_jobs_tracker_lang_never_stops_a_command(env, run, value, words):
    """TRACKER_LANG=en_US.UTF-8 made every command exit 2 with "Giá trị không hợp lệ cho
    '--lang'" (Click read the variable as if --lang had been typed)."""
    r = run("unit", "list", lang=None, env={"TRACKER_LANG": value})
    assert r.code == 0, r.stderr
    assert words in r.stdout + r.stderr and "--lang" not in r.stderr


def test_a_lang_typed_by_hand_is_still_checked(env, run):
    r = run("unit", "list", lang="fr")
    assert r.code == 2 and "--lang: 'fr'" in r.stderr
    r = run("unit", "list", lang="en", env={"TRACKER_LANG": "vi_VN"})  # the flag wins
    assert r.code == 0 and "No rows." in r.stdout + r.stderr


@pytest.mark.parametrize("value", ["abc", "10s", "-1", "nan", "inf", "1e999"])
def test_a_lock_wait_that_cannot_be_read_is_said(env, value):
    """TRACKER_LOCK_WAIT=abc was silently ignored: like a day that cannot be read, a usage
    error naming the variable and the value."""
    env.setenv("TRACKER_LOCK_WAIT", value)
    with pytest.raises(SettingError) as info:
        Settings.resolve()
    assert info.value.exit_code == 2 and info.value.fields["value"] == value
    assert "TRACKER_LOCK_WAIT" in info.value.message()


@pytest.mark.parametrize("value,seconds", [("", 10.0), ("  ", 10.0), ("0", 0.0), ("2.5", 2.5),
                                           ("0,5", 0.5), (" 20 ", 20.0)])
def test_a_lock_wait_in_seconds(env, value, seconds):
    from tracker.store.db import lock_wait

    env.setenv("TRACKER_LOCK_WAIT", value)
    assert Settings.resolve().lock_wait == seconds and lock_wait() == seconds


def test_the_cli_says_a_bad_lock_wait(env, run):
    r = run("unit", "list", env={"TRACKER_LOCK_WAIT": "abc"})
    assert r.code == 2 and "TRACKER_LOCK_WAIT" in r.stderr and "“abc”" in r.stderr
    assert "Traceback" not in r.stderr
    r = run("unit", "list", lang="en", env={"TRACKER_LOCK_WAIT": "abc"})
    assert r.code == 2 and "TRACKER_LOCK_WAIT=“abc” cannot be read" in r.stderr


def test_an_empty_store_path_is_refused_and_a_blank_user_is_the_login(env, tmp_path):
    """`--db "$STORE"` with the variable unset reported on the default store without a word;
    `--user "   "` and a name with a line break went into the history as typed."""
    from tracker.settings import _login

    with pytest.raises(SettingError) as info:
        Settings.resolve(db="  ")
    assert info.value.exit_code == 2 and info.value.key == "error.empty_db"
    assert Settings.resolve(user="   ").user == _login()
    assert Settings.resolve(user="Nguyễn\nVăn  An").user == "Nguyễn Văn An"
    env.setenv("TRACKER_USER", " ")
    assert Settings.resolve().user == _login()
    env.setenv("TRACKER_DB", "")  # an empty variable is an unset one (the shell's way)
    assert Settings.resolve().db is None


def test_the_cli_refuses_an_empty_store_path(env, tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "tracker", "--db", "", "report", "overdue"],
                       capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert r.returncode == 2 and "--db để trống" in r.stderr and r.stdout == "", r.stderr
    assert not (tmp_path / ".local").exists()  # (no default store made or looked for)
