"""One period rule: the Units screen and ``report summary`` take the same tasks for the
same period, on either basis, and say which basis they count by."""
from __future__ import annotations

import json

import pytest
from textual.widgets import Input

from tui_helpers import make_desk_app, plain, settle
from tracker.tui.screens.tasks import TasksScreen
from tracker.tui.widgets.lazy_table import LazyTable

COUNTS = ("assigned", "done_on_time", "done_late", "open_on_time", "open_overdue")


def _screen_rows(app) -> dict[str, dict]:
    table = app.screen.query_one("#units", LazyTable)
    return {table.row_at(i).id: {k: table.row_at(i).values[k] for k in COUNTS}
            for i in range(table.row_count)}


def _report_rows(run, period: str, basis: str | None) -> dict[str, dict]:
    args = ["report", "summary", "--period", period, "--format", "json"]
    if basis:
        args += ["--basis", basis]
    result = run(*args, lang="en")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    return {r["key"]: {k: r[k] for k in COUNTS} for r in data["rows"]}


@pytest.mark.parametrize("period", ["năm 2021", "năm 2020", "Quý II/2021"])
async def test_units_screen_and_report_summary_agree(desk, run, period):
    app = make_desk_app(desk, start="units", lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#period", Input).value = period
        await settle(pilot)
        hint = plain(app.screen.query_one("#period-hint"))
        assert "by directive date" in hint
        # the default of both is the directive's date
        assert _screen_rows(app) == _report_rows(run, period, None)
        await pilot.press("b")
        await settle(pilot)
        assert "by deadline" in plain(app.screen.query_one("#period-hint"))
        assert _screen_rows(app) == _report_rows(run, period, "deadline")


async def test_a_door_opens_the_tasks_of_the_period_by_directive_date(desk):
    app = make_desk_app(desk, start="units", lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#period", Input).value = "năm 2020"  # 67/KH-UBND, 10/01/2020
        await settle(pilot)
        table = app.screen.query_one("#units", LazyTable)
        ids = [table.row_at(i).id for i in range(table.row_count)]
        assert sorted(ids) == ["QLDT", "TCKH"]
        table.move_cursor(ids.index("TCKH"))
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        listed = app.screen.query_one("#tasks", LazyTable)
        assert sorted(listed.row_at(i).id for i in range(listed.row_count)) == sorted(
            [desk.ids["soon"], desk.ids["later"]])
        assert "by directive date" in plain(app.screen.query_one("#status"))


def test_paper_names_the_basis(run, office):
    for basis, words in ((None, "by the date of the assigning directive"),
                         ("deadline", "by deadline falling in the period")):
        args = ["report", "summary", "--period", "2021", "--format", "text", "--plain"]
        result = run(*(args + (["--basis", basis] if basis else [])), lang="en")
        assert result.code == 0, result.stderr
        assert words in " ".join(result.stdout.split())


@pytest.mark.parametrize("lang,said", [("vi", "Không đọc được kỳ “quý 5/2021”: quý phải từ I đến IV"),
                                       ("en", "Cannot read the period “quý 5/2021”")])
async def test_a_period_the_units_screen_cannot_read_is_said_as_a_period(desk, lang, said):
    """The Units screen said "Không đọc được thời hạn «quý 5/2021»" — a deadline — under the
    period box; the command says the period (``services.reporting.read_period``, one rule)."""
    app = make_desk_app(desk, start="units", lang=lang)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one("#period", Input).value = "quý 5/2021"
        await settle(pilot)
        hint = plain(app.screen.query_one("#period-hint"))
        assert said in hint and "thời hạn" not in hint and "deadline" not in hint, hint
