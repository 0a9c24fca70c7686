"""The app when another program holds the store's write lock: the form keeps what was typed,
says in one line (the interface's language, no SQL) that another program is writing and
nothing was lost, and saving again once the lock is gone works."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tui_helpers import make_desk_app, plain, settle
from tracker.i18n import _
from tracker.services import query
from tracker.tui.screens.change_forms import NoteForm

LEAKS = ("INSERT", "UPDATE", "[SQL", "parameters", "sqlalche.me", "OperationalError")


@pytest.fixture
def short_lock_wait(monkeypatch):
    monkeypatch.setenv("TRACKER_LOCK_WAIT", "0.5")


class Held:
    """Another program in the middle of a write on the store."""

    def __init__(self, ctx):
        url = ctx.engine.url.render_as_string(hide_password=False)
        if ctx.dialect == "sqlite":
            code = ("import sqlite3, sys\n"
                    f"c = sqlite3.connect({ctx.engine.url.database!r}, isolation_level=None)\n"
                    "c.execute('BEGIN IMMEDIATE')\n"
                    "c.execute(\"INSERT INTO calendar_override(day, kind, name) VALUES ('2031-01-01','off','x')\")\n"
                    "print('held', flush=True)\nsys.stdin.read()\n")
            self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)
            assert self.proc.stdout.readline().strip() == "held"
        else:
            from sqlalchemy import create_engine

            self.engine = create_engine(url)
            self.conn = self.engine.connect()
            self.tx = self.conn.begin()
            self.conn.exec_driver_sql("LOCK TABLE task IN EXCLUSIVE MODE")
            self.proc = None

    def release(self):
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        else:
            self.tx.rollback()
            self.conn.close()
            self.engine.dispose()


async def _wait_for_answer(pilot, form, seconds: float = 15.0) -> str:
    saving = _("tui.form.saving")
    for _i in range(int(seconds / 0.1)):
        await pilot.pause(0.1)
        if form.is_attached is False or not form._busy:
            break
    await settle(pilot)
    text = plain(form.query_one("#form-error")) if form.is_attached else ""
    assert text != saving
    return text


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_a_note_saved_under_a_lock_keeps_the_form_and_saves_on_retry(short_lock_wait, desk, lang):
    from tracker import i18n

    app = make_desk_app(desk, lang=lang)
    held = Held(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#tasks")
            ids = [table.row_at(i).id for i in range(table.row_count)]
            table.move_cursor(ids.index(desk.ids["late"]))
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, NoteForm)
            area = form.query_one("#text")
            area.focus()
            area.insert("Đã khảo sát hiện trạng")
            await settle(pilot)
            await pilot.press("ctrl+s")
            said = await _wait_for_answer(pilot, form)
            assert app.screen is form  # the form stays, with what was typed
            assert form.query_one("#text").text == "Đã khảo sát hiện trạng"
            expected = ("Một chương trình khác đang ghi" if lang == "vi" else "Another program is writing")
            assert expected in said and _("tui.form.retry_locked") in said
            assert not [w for w in LEAKS if w in said]
            held.release()
            held = None
            await pilot.press("ctrl+s")
            for _i in range(100):
                await pilot.pause(0.1)
                if app.screen is not form:
                    break
            await settle(pilot)
            assert app.screen is not form
        notes = query.get_task(desk, desk.ids["late"]).notes
        assert [n.text for n in notes] == ["Đã khảo sát hiện trạng"]
    finally:
        if held is not None:
            held.release()
        i18n.set_lang("vi")
