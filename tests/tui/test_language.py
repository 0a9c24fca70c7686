"""Language held per context: no worker sees another thread's language; plural forms; the
app's own and Textual's words in the interface's language; no command-line option names in a
form or the filter bar."""
from __future__ import annotations

import threading

from textual.command import CommandPalette
from textual.widgets import Input

from tui_helpers import make_desk_app, plain, settle
from tracker import i18n
from tracker.i18n import _, t, use_lang


def test_a_thread_speaks_its_own_language_while_another_asks_in_english():
    i18n.set_lang("vi")
    seen: set[str] = set()
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            seen.add(_("word.yes"))

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        for _i in range(20000):
            assert t("word.yes", lang="en") == "yes"
            with use_lang("en"):
                assert _("word.yes") == "yes"
    finally:
        stop.set()
        thread.join()
    assert seen == {"có"}
    assert _("word.yes") == "có"


def test_use_lang_is_per_thread():
    i18n.set_lang("vi")
    inside = []
    with use_lang("en"):
        th = threading.Thread(target=lambda: inside.append(_("word.yes")))
        th.start()
        th.join()
        assert _("word.yes") == "yes"
    assert inside == ["có"]


def test_plural_forms():
    assert t("tui.status.tasks", lang="en", n="1") == "1 task"
    assert t("tui.status.tasks", lang="en", n="2") == "2 tasks"
    assert t("tui.status.tasks", lang="vi", n="1") == "1 nhiệm vụ"
    assert t("import.summary_file", lang="en", file="a.csv", kind="tasks", rows=1, added=1,
             updated=0, unchanged=0, skipped=0, rejected=0).startswith("a.csv (tasks): 1 row —")
    assert "2 rows" in t("import.summary_file", lang="en", file="a.csv", kind="tasks", rows=2,
                         added=2, updated=0, unchanged=0, skipped=0, rejected=0)


async def test_textual_words_in_the_interface_language(desk):
    # on Today: on the task list Ctrl+C copies the rows (as a spreadsheet does)
    app = make_desk_app(desk, lang="vi", start="today")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        notices = [str(n.message) + str(n.title) for n in app._notifications]
        assert any("để thoát" in n for n in notices), notices
        assert not any("to quit" in n for n in notices)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Tìm lệnh…"
        await pilot.press(*"zzzzqqq")
        await pilot.pause(0.8)
        await settle(pilot)
        from textual.widgets import OptionList

        options = app.screen.query_one(OptionList)
        text = " ".join(str(getattr(o.prompt, "renderable", o.prompt)) for o in
                        (options.get_option_at_index(i) for i in range(options.option_count)))
        assert "Không có lệnh nào khớp" in text
        assert "No matches" not in text


async def test_no_option_names_in_the_filter_bar(desk):
    app = make_desk_app(desk, lang="vi", start="tasks")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one("#f-due_from", Input).value = "31/02/2021"
        await settle(pilot)
        status = plain(app.screen.query_one("#status"))
        assert "Hạn từ" in status, status
        assert "due-after" not in status and "--" not in status
