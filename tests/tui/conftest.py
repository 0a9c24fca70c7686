"""Shared set-up for the TUI tests.

``async def`` tests run on a fresh event loop each (the project does not depend on
pytest-asyncio; Textual's ``run_test`` only needs a running loop)."""
from __future__ import annotations

import asyncio
import inspect

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        names = pyfuncitem._fixtureinfo.argnames
        kwargs = {name: pyfuncitem.funcargs[name] for name in names}
        asyncio.run(pyfuncitem.obj(**kwargs))
        return True
    return None


# --------------------------------------------------------------------------- the app


@pytest.fixture
def desk(ctx):
    """A small office with tasks in every state (today 15/06/2021); ``desk.ids`` names them."""
    from tui_helpers import fill_desk

    ctx.ids = fill_desk(ctx)
    return ctx


@pytest.fixture
def snap_desk(sqlite_url, monkeypatch):
    """The desk on SQLite only, every history time fixed, for the snapshots."""
    import datetime as dt

    from tracker.services import history
    from tracker.services.context import Context
    from tui_helpers import SNAP_AT, fill_desk

    monkeypatch.setattr(history, "now", lambda: dt.datetime.fromisoformat(SNAP_AT))
    c = Context.open(sqlite_url, user="thuky", today=dt.date(2021, 6, 15))
    c.ids = fill_desk(c)
    from tracker.services import tasks

    tasks.extend_task(c, c.ids["late"], to="30/07/2021", reason="Chờ ý kiến Sở Xây dựng")
    tasks.add_note(c, c.ids["late"], "Đã khảo sát hiện trạng với UBND Phường 5", percent=40)
    yield c
    c.close()
