"""What each screen looks like at 80×24 and 160×48, in Vietnamese and in English.

Update after a deliberate change of look with ``pytest tests/tui/test_snapshots.py
--snapshot-update`` and read the report before committing the new SVGs."""
from __future__ import annotations

import pytest
from textual.widgets import Input

from tui_helpers import make_desk_app

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
CASES = [(lang, size) for lang in ("vi", "en") for size in SIZES]


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # a blinking cursor would differ from run to run


def _go(*keys):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)

    return run_before


def _open_task(desk, name: str, *then, fill: dict | None = None):
    async def run_before(pilot) -> None:
        from tracker.tui.widgets.lazy_table import LazyTable

        await _settle(pilot)
        table = pilot.app.screen.query_one("#tasks", LazyTable)
        ids = [table.row_at(i).id for i in range(table.row_count)]
        table.move_cursor(ids.index(desk.ids[name]))
        await _settle(pilot)
        for key in ("enter", *then):
            await pilot.press(key)
            await _settle(pilot)
        for selector, text in (fill or {}).items():
            pilot.app.screen.query_one(selector, Input).value = text
            await _settle(pilot)

    return run_before


@pytest.mark.parametrize("lang,size", CASES)
def test_today(snap_compare, snap_desk, lang, size):
    app = make_desk_app(snap_desk, lang=lang, start="today")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_go())


@pytest.mark.parametrize("lang,size", CASES)
def test_tasks(snap_compare, snap_desk, lang, size):
    app = make_desk_app(snap_desk, lang=lang, start="tasks")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_go("space", "down"))


@pytest.mark.parametrize("lang,size", CASES)
def test_task_detail(snap_compare, snap_desk, lang, size):
    app = make_desk_app(snap_desk, lang=lang, start="tasks")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_open_task(snap_desk, "late"))


@pytest.mark.parametrize("lang,size", CASES)
def test_directives(snap_compare, snap_desk, lang, size):
    app = make_desk_app(snap_desk, lang=lang, start="directives")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_go())


@pytest.mark.parametrize("lang,size", CASES)
def test_units(snap_compare, snap_desk, lang, size):
    app = make_desk_app(snap_desk, lang=lang, start="units")

    async def run_before(pilot) -> None:
        # the desk's directives are of 2019 and 2020: the tasks assigned in 2020
        await _settle(pilot)
        pilot.app.screen.query_one("#period", Input).value = "năm 2020"
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("lang,size", CASES)
def test_extend_form(snap_compare, snap_desk, lang, size):
    app = make_desk_app(snap_desk, lang=lang, start="tasks")
    assert snap_compare(app, terminal_size=SIZES[size],
                        run_before=_open_task(snap_desk, "soon", "x",
                                              fill={"#to": "Quý III/2021"}))


@pytest.mark.parametrize("lang,size", CASES)
def test_help(snap_compare, snap_desk, lang, size):
    app = make_desk_app(snap_desk, lang=lang, start="tasks")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_go("question_mark"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tasks_at_120x36(snap_compare, snap_desk, lang):
    """The size of many clerks' terminals: directive number and leader both in view."""
    app = make_desk_app(snap_desk, lang=lang, start="tasks")
    assert snap_compare(app, terminal_size=(120, 36), run_before=_go("space", "down"))
