"""The clerk's desk driven with Pilot: every action checked in the store afterwards."""
from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Select, TextArea

from tui_helpers import cursor_to, listed_ids, make_desk_app, plain, screen_text, settle, table_of
from tracker.i18n import _
from tracker.services import query, tasks
from tracker.tui.screens.detail import TaskDetailScreen
from tracker.tui.screens.directive_forms import DirectiveForm
from tracker.tui.screens.forms import ConfirmScreen
from tracker.tui.screens.change_forms import (
    CancelForm,
    DoneForm,
    ExtendForm,
    NoteForm,
    ReassignForm,
    ReopenForm,
)
from tracker.tui.screens.task_forms import TaskForm
from tracker.tui.screens.help import HelpScreen, help_sections
from tracker.tui.screens.tasks import TasksScreen
from tracker.tui.widgets.filter_bar import FilterBar
from tracker.tui.widgets.lazy_table import LazyTable





async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = ""
    else:
        widget.value = ""
    await pilot.press(*text) if text.isascii() else None
    if not text.isascii():  # Pilot types one key per character; paste the rest
        if isinstance(widget, TextArea):
            widget.insert(text)
        else:
            widget.insert_text_at_cursor(text)
    await settle(pilot)


def form_error(app) -> str:
    return plain(app.screen.query_one("#form-error"))


# ------------------------------------------------------------------------- opening


async def test_opens_on_an_empty_store(ctx):
    app = make_desk_app(ctx, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        table = table_of(app)
        assert table.row_count == 0
        assert "No rows" in table.render_line(1).text
        assert "0 tasks" in plain(app.screen.query_one("#status"))
        for key in ("enter", "d", "x", "c", "e", "a", "r", "space"):
            await pilot.press(key)  # nothing to act on: a bell, no error
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)


async def test_opens_on_open_tasks_oldest_deadline_first(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        ids = desk.ids
        # done work is not what a clerk chases; ongoing work comes last
        assert listed_ids(app) == [ids["late"], ids["soon"], ids["later"], ids["ongoing"]]
        line = table_of(app).render_line(1).text
        assert "quá 14" in line and "QLDT" in line
        # the status leads the row as its symbol (in words from a table of 130 cells)
        words = line.split()
        assert words[words.index(str(ids["late"])) + 1] == "✖" and "Quá hạn" not in line


# ------------------------------------------------------------------------- filters


async def test_search_ignores_diacritics_and_d(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert app.focused.id == "f-search"
        await pilot.press(*"duong le loi")
        await settle(pilot)
        assert listed_ids(app) == [desk.ids["late"]]
        await pilot.press("enter")  # back to the list
        assert isinstance(app.focused, LazyTable)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert len(listed_ids(app)) == 5  # every task, done ones too


async def test_search_finds_a_task_by_its_number(desk):
    """Every screen and message names a task "#367": searching "367" or "#367" found nothing
    (only the content and the directive were searched)."""
    late = desk.ids["late"]
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for typed in (f"#{late}", str(late)):
            await pilot.press("slash")
            app.focused.value = ""
            await pilot.press(*typed)
            await settle(pilot)
            assert late in listed_ids(app), typed
            if typed.startswith("#"):
                assert listed_ids(app) == [late]  # (the number alone, not content holding it)
            await pilot.press("enter")


async def test_timeliness_unit_and_deadline_filters(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FilterBar)
        bar.query_one("#f-timeliness", Select).value = "open_overdue"
        await settle(pilot)
        assert listed_ids(app) == [desk.ids["late"]]
        bar.set_values({"unit": "phong tai chinh"})
        await settle(pilot)
        assert sorted(listed_ids(app)) == sorted([desk.ids["soon"], desk.ids["later"]])
        bar.set_values({"unit": "TCKH", "due_to": "30/06/2021"})
        await settle(pilot)
        assert listed_ids(app) == [desk.ids["soon"]]


async def test_a_word_the_filter_cannot_use_is_pointed_at_and_the_rest_still_applies(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FilterBar)
        bar.set_values({"unit": "Phòng Không Có", "search": "dau tu"})
        await settle(pilot)
        assert listed_ids(app) == [desk.ids["later"]]
        assert bar.query_one("#f-unit", Input).has_class("-invalid")
        status = plain(app.screen.query_one("#status"))
        assert "✗" in status and "Phòng Không Có" in status
        bar.set_values({"due_from": "31/02/2021"})
        await settle(pilot)
        assert bar.query_one("#f-due_from", Input).has_class("-invalid")
        assert len(listed_ids(app)) == 5


async def test_swapped_due_dates_are_pointed_at_not_listed_as_nothing(desk):
    """Hạn từ after Hạn đến matched no task, an empty list as if there were none: the later
    box is pointed at, said, and the list narrowed by the other (the command line refuses)."""
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FilterBar)
        bar.set_values({"due_from": "01/07/2021", "due_to": "30/06/2021"})
        await settle(pilot)
        assert bar.query_one("#f-due_to", Input).has_class("-invalid")
        assert "nhầm thứ tự hai ngày" in plain(app.screen.query_one("#status"))
        assert listed_ids(app) == [desk.ids["later"]]


async def test_due_boxes_take_a_period(desk):
    """"Hạn từ: tháng 6/2021", "Hạn đến: tháng 6/2021": June's tasks (the box took a date
    only and pointed at the words)."""
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FilterBar)
        bar.set_values({"due_from": "tháng 6/2021", "due_to": "tháng 6/2021"})
        await settle(pilot)
        assert not bar.query_one("#f-due_from", Input).has_class("-invalid")
        assert sorted(listed_ids(app)) == sorted([desk.ids["soon"], desk.ids["late"], desk.ids["done"]])


async def test_a_leader_no_task_has_is_pointed_at_not_listed_as_nothing(desk):
    """A typo in the filter bar's leader gave an empty list, as if that leader had no task."""
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FilterBar)
        bar.set_values({"leader": "Nguyễn Văn Không", "search": "dau tu"})
        await settle(pilot)
        assert listed_ids(app) == [desk.ids["later"]]
        assert bar.query_one("#f-leader", Input).has_class("-invalid")
        status = plain(app.screen.query_one("#status"))
        assert "✗" in status and "Nguyễn Văn Không" in status


async def test_saved_views_in_the_sidebar(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        views = app.screen.query_one("#views")
        labels = [str(views.get_option_at_index(i).prompt) for i in range(views.option_count)]
        assert _("view.overdue") in labels and _("view.mine") in labels
        views.focus()
        views.highlighted = labels.index(_("view.due_soon"))
        await pilot.press("enter")
        await settle(pilot)
        assert listed_ids(app) == [desk.ids["soon"]]  # due by 22/06, still open
        assert app.screen.query_one("#f-due_to", Input).value == "+7"  # moves with today
        # "the ones I follow": tasks this clerk created or changed
        views.focus()
        views.highlighted = labels.index(_("view.mine"))
        await pilot.press("enter")
        await settle(pilot)
        assert len(listed_ids(app)) == 4  # every open task of the desk was made by "tester"


async def test_save_and_delete_a_view(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.query_one(FilterBar).set_values({"unit": "TCKH", "timeliness": "open"})
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await type_into(pilot, "#name", "Tài chính đang làm")
        await pilot.press("ctrl+s")
        await settle(pilot)
        from tracker.services.views import list_views

        saved = [v for v in list_views(desk) if not v.builtin]
        assert [(v.name, v.filters) for v in saved] == [
            ("Tài chính đang làm", {"units": ["TCKH"], "status": ["open"]})]
        views = app.screen.query_one("#views")
        labels = [str(views.get_option_at_index(i).prompt) for i in range(views.option_count)]
        assert "★ Tài chính đang làm" in labels
        app.screen.query_one(FilterBar).set_values({})
        await settle(pilot)
        views.focus()
        views.highlighted = labels.index("★ Tài chính đang làm")
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(listed_ids(app)) == sorted([desk.ids["soon"], desk.ids["later"]])
        views.focus()
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [v for v in list_views(desk) if not v.builtin] == []


async def test_sort_by_a_column(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = table_of(app)
        header = table.render_line(0).text
        await pilot.click(LazyTable, offset=(header.index(_("tui.col.id")), 0))
        await settle(pilot)
        assert listed_ids(app) == sorted(listed_ids(app))
        await pilot.press("S")
        await settle(pilot)
        assert listed_ids(app) == sorted(listed_ids(app), reverse=True)
        assert "▼" in table.render_line(0).text


# ------------------------------------------------------------------------- detail


async def test_enter_opens_everything_about_a_task(desk):
    tasks.extend_task(desk, desk.ids["late"], to="30/07/2021", reason="Chờ ý kiến Sở Xây dựng")
    tasks.add_note(desk, desk.ids["late"], "Đã họp với phường 5", percent=40)
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["late"])
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TaskDetailScreen)
        text = screen_text(screen)
        assert "67/KH-UBND" in text and "10/01/2020" in text
        assert "QLDT · Phòng Quản lý đô thị" in text and "P5 · UBND Phường 5" in text
        assert "30/07/2021" in text and "Chờ ý kiến Sở Xây dựng" in text
        assert "Đã họp với phường 5" in text and "40%" in text
        assert "created" in text and "extended" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)


# ------------------------------------------------------------------------- actions


async def test_n_adds_a_task_with_unit_and_deadline_read_as_typed(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = query.count_tasks(desk)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        await type_into(pilot, "#directive", "67/KH-UBND")
        await type_into(pilot, "#content", "Tổng hợp báo cáo sáu tháng")
        await type_into(pilot, "#lead", "phong tai chinh")
        assert "TCKH" in plain(app.screen.query_one("#lead-hint"))
        await type_into(pilot, "#support", "TN&MT; qldt")
        await type_into(pilot, "#due", "Quý III/2021")
        assert "30/09/2021" in plain(app.screen.query_one("#due-hint"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert query.count_tasks(desk) == before + 1
        new = query.list_tasks(desk, query.TaskFilter(search="sau thang"))[0]
        assert (new.lead, new.support, new.deadline) == ("TCKH", ("TNMT", "QLDT"), dt.date(2021, 9, 30))
        assert new.deadline_text == "Quý III/2021"
        assert new.id in listed_ids(app)


async def test_the_same_task_saved_twice_is_refused_naming_the_first(desk):
    """A form saved again (Ctrl+S twice, or the same line typed in again) gave the directive
    the same task twice; `task add` as well."""
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _round in range(2):
            await pilot.press("n")
            await settle(pilot)
            await type_into(pilot, "#directive", "67/KH-UBND")
            await type_into(pilot, "#content", "Tổng hợp báo cáo sáu tháng")
            await type_into(pilot, "#lead", "phong tai chinh")
            await type_into(pilot, "#due", "30/09/2021")
            await pilot.press("ctrl+s")
            await settle(pilot)
            if _round == 0:
                first = query.list_tasks(desk, query.TaskFilter(search="sau thang"))
                assert isinstance(app.screen, TasksScreen) and len(first) == 1
        assert isinstance(app.screen, TaskForm)  # refused: the form stays, with its words
        assert f"#{first[0].id}" in plain(app.screen.query_one("#content-hint"))
        assert len(query.list_tasks(desk, query.TaskFilter(search="sau thang"))) == 1


async def test_n_takes_the_recurring_words_an_import_takes(desk):
    """The task form reads "hằng quý, trước ngày 15 của tháng cuối quý" as the importer and
    `task add` do (services.recurrence): a recurring duty, each period a task of its own."""
    from tracker.services.recurrence import list_recurrences

    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "#directive", "67/KH-UBND")
        await type_into(pilot, "#content", "Báo cáo công tác cải cách hành chính")
        await type_into(pilot, "#lead", "TCKH")
        await type_into(pilot, "#support", "QLDT")
        await type_into(pilot, "#due", "hằng quý, trước ngày 15 của tháng cuối quý")
        # today 15/06/2021: the quarter's report is due today
        assert "quarterly, next due 15/06/2021" in plain(app.screen.query_one("#due-hint"))
        # a duty keeps no supporting units: said under them before the save (it was dropped
        # without a word)
        assert "a recurring duty does not keep it" in plain(app.screen.query_one("#support-hint"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
    (duty,) = list_recurrences(desk)
    assert (duty.content, duty.rule_text, duty.frequency) == (
        "Báo cáo công tác cải cách hành chính", "hằng quý, trước ngày 15 của tháng cuối quý", "quarter")
    # from the directive's 10/01/2020: 2020-Q1 … 2021-Q3, the quarter after today's
    assert duty.instances == 7
    periods = query.list_tasks(desk, query.TaskFilter(search="cai cach hanh chinh"), sort="deadline")
    assert [t.deadline for t in periods][-3:] == [dt.date(2021, 3, 15), dt.date(2021, 6, 15),
                                                  dt.date(2021, 9, 15)]


async def test_D_stops_the_recurring_duty_of_a_periods_task_from_its_detail(desk):
    """A period's task says its duty in the detail; `D` stops the duty from the day typed (as
    `tracker recurrence stop` does): the open tasks of later periods are cancelled, no period
    after it is made, the detail says since when.  On a task of no duty, `D` says so."""
    from tracker.services.recurrence import bring_up_to_date, list_recurrences
    from tracker.tui.screens.task_forms import StopDutyForm

    tasks.add_task(desk, directive="67/KH-UBND", content="Báo cáo tiến độ giải ngân", lead="TCKH",
                   due="ngày 25 hằng tháng")
    (duty,) = list_recurrences(desk)
    may = query.list_tasks(desk, query.TaskFilter(search="tien do giai ngan", due_after=dt.date(2021, 5, 1)),
                           sort="deadline")[0]
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(FilterBar).set_values({})
        await settle(pilot)
        await cursor_to(pilot, desk.ids["late"])
        await pilot.press("D")
        await settle(pilot)
        assert not isinstance(app.screen, StopDutyForm)
        assert "không thuộc nhiệm vụ định kỳ" in " ".join(str(n.message) for n in app._notifications)
        await cursor_to(pilot, may.id)
        await pilot.press("enter")
        await settle(pilot)
        assert "kỳ tháng 05/2021 · D: dừng định kỳ" in plain(app.screen.query_one("#detail-main"))
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, StopDutyForm)
        assert app.screen.focused.id == "on" and app.screen.value("on") == "15/06/2021"
        await type_into(pilot, "#on", "31/2/2021")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StopDutyForm)  # refused, in the field's own words
        assert "Dừng từ ngày: ngày “31/2/2021” không tồn tại" in form_error(app)
        await type_into(pilot, "#on", "31/5/2021")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TaskDetailScreen)
        assert "đang dừng từ 31/05/2021" in plain(app.screen.query_one("#detail-main"))
    (duty,) = list_recurrences(desk)
    assert duty.ends_on == dt.date(2021, 5, 31)
    later = query.list_tasks(desk, query.TaskFilter(search="tien do giai ngan", due_after=dt.date(2021, 6, 1)))
    assert [(t.deadline, t.status) for t in later] == [(dt.date(2021, 6, 25), "cancelled"),
                                                        (dt.date(2021, 7, 25), "cancelled")]
    desk.today = dt.date(2021, 10, 1)
    assert bring_up_to_date(desk) == 0  # nothing after the stop


async def test_n_types_into_the_content_first_and_the_cursor_lands_on_the_new_task(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before_cursor = table_of(app).cursor_id
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        assert app.screen.value("directive")  # filled in from the cursor's task
        assert app.focused.id == "content"  # so typing goes to what is still empty
        await pilot.press(*"Bao cao so ket", "tab", *"phong tai chinh", "tab", "tab",
                          *"31/12/2021")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        new = query.list_tasks(desk, query.TaskFilter(search="bao cao so ket"))[0]
        assert (new.content, new.lead, new.deadline) == ("Bao cao so ket", "TCKH",
                                                          dt.date(2021, 12, 31))
        assert table_of(app).cursor_id == new.id != before_cursor


async def test_a_refused_form_keeps_what_was_typed(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "#directive", "67/KH-UBND")
        await type_into(pilot, "#content", "Việc thử")
        await type_into(pilot, "#lead", "Phong Khong Co")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        assert "No unit" in form_error(app)
        assert app.screen.query_one("#content", TextArea).text == "Việc thử"
        assert app.screen.query_one("#lead", Input).value == "Phong Khong Co"
        await pilot.press("escape")  # something was typed: asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        assert query.count_tasks(desk, query.TaskFilter(search="viec thu")) == 0


async def test_e_edits_the_task_under_the_cursor(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["soon"])
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, TaskForm)
        assert app.screen.query_one("#content", TextArea).text == "Rà soát hồ sơ giải phóng mặt bằng"
        await type_into(pilot, "#content", "Rà soát lại hồ sơ giải phóng mặt bằng")
        await type_into(pilot, "#leader", "PCT Lê Văn C")
        await pilot.press("ctrl+s")
        await settle(pilot)
        task = query.get_task(desk, desk.ids["soon"]).task
        assert task.content == "Rà soát lại hồ sơ giải phóng mặt bằng"
        assert task.leader == "PCT Lê Văn C"
        assert table_of(app).cursor_id == desk.ids["soon"]


async def test_d_marks_done_with_today_and_proof(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["soon"])
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DoneForm)
        assert app.screen.query_one("#on", Input).value == "15/06/2021"
        await type_into(pilot, "#proof", "Báo cáo số 99/BC-TCKH ngày 14/6/2021")
        await pilot.press("ctrl+s")
        await settle(pilot)
        task = query.get_task(desk, desk.ids["soon"]).task
        assert (task.status, task.done_on) == ("done", dt.date(2021, 6, 15))
        assert task.proof == "Báo cáo số 99/BC-TCKH ngày 14/6/2021"
        assert desk.ids["soon"] not in listed_ids(app)  # the open list no longer shows it


async def test_the_form_names_the_whole_task_at_80_columns(desk):
    """At 80 columns the task a form acts on is said whole, on two lines, not cut at the
    dialog's edge in the middle of a word."""
    long = ("Xây dựng chương trình công tác năm 2021 của UBND Phường Đông Giang, "
            "trình UBND thành phố phê duyệt trước khi triển khai")
    tid = tasks.add_task(desk, directive="67/KH-UBND", content=long, lead="TCKH", due="30/06/2021").id
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, tid)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DoneForm)
        subtitle = app.screen.query_one("#form-subtitle")
        assert subtitle.size.height == 2 and subtitle.size.width <= 78
        assert plain(subtitle).endswith("phê duyệt trước khi triển khai")


async def test_a_future_done_date_is_refused_in_the_form(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["soon"])
        await pilot.press("d")
        await settle(pilot)
        await type_into(pilot, "#on", "20/06/2021")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DoneForm) and "after today" in form_error(app)
        assert query.get_task(desk, desk.ids["soon"]).task.status == "open"


async def test_x_extends_with_a_reason_required(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["late"])
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExtendForm)
        await type_into(pilot, "#to", "trong tháng 7/2021")
        assert "31/07/2021" in plain(app.screen.query_one("#to-hint"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExtendForm) and "reason" in form_error(app).lower()
        await type_into(pilot, "#reason", "Chờ kết quả đo đạc")
        await pilot.press("ctrl+s")
        await settle(pilot)
        task = query.get_task(desk, desk.ids["late"]).task
        assert task.deadline == dt.date(2021, 7, 31)
        assert task.original_deadline == dt.date(2021, 6, 1)
        assert [e.reason for e in task.extensions] == ["Chờ kết quả đo đạc"]
        assert table_of(app).cursor_id == desk.ids["late"]


async def test_c_cancels_with_a_reason(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["later"])
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CancelForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert query.get_task(desk, desk.ids["later"]).task.status == "open"
        await type_into(pilot, "#reason", "Đã gộp vào kế hoạch năm")
        await pilot.press("ctrl+s")
        await settle(pilot)
        task = query.get_task(desk, desk.ids["later"]).task
        assert (task.status, task.cancel_reason) == ("cancelled", "Đã gộp vào kế hoạch năm")


async def test_a_adds_a_progress_note(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["late"])
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NoteForm)
        await type_into(pilot, "#text", "Đã khảo sát hiện trạng")
        await type_into(pilot, "#percent", "150")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteForm)  # 150% refused, still open
        await type_into(pilot, "#percent", "60")
        await pilot.press("ctrl+s")
        await settle(pilot)
        notes = query.get_task(desk, desk.ids["late"]).notes
        assert [(n.text, n.percent) for n in notes] == [("Đã khảo sát hiện trạng", 60)]


async def test_r_reopens_a_done_task_from_its_detail(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one(FilterBar).set_values({})
        await settle(pilot)
        await cursor_to(pilot, desk.ids["done"])
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReopenForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TaskDetailScreen)
        task = query.get_task(desk, desk.ids["done"]).task
        assert (task.status, task.done_on) == ("open", None)
        title = plain(app.screen.query_one("#detail-title"))
        assert "Quá hạn" in title  # due 10/06, open again on 15/06


async def test_space_marks_rows_and_d_completes_them_all(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["late"])
        await pilot.press("space", "space")  # marks late and soon (the next row)
        await settle(pilot)
        table = table_of(app)
        assert table.marked == {desk.ids["late"], desk.ids["soon"]}
        assert "2 marked" in plain(app.screen.query_one("#status"))
        await pilot.press("d")
        await settle(pilot)
        assert "2" in plain(app.screen.query_one("#form-title"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        for key in ("late", "soon"):
            assert query.get_task(desk, desk.ids[key]).task.status == "done"
        # done with the marks (the rows left this list of open work); u right after takes
        # the change back on both, and the notice says so
        assert table.marked == set()
        assert any("u: undo it on all 2" in str(n.message) for n in app._notifications)
        assert listed_ids(app) == [desk.ids["later"], desk.ids["ongoing"]]


async def test_bulk_reassign_and_extend(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = table_of(app)
        table.set_marks({desk.ids["soon"], desk.ids["later"]})
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ReassignForm)
        await type_into(pilot, "#lead", "phong quan ly do thi")
        await pilot.press("ctrl+s")
        await settle(pilot)
        for key in ("soon", "later"):
            assert query.get_task(desk, desk.ids[key]).task.lead == "QLDT"
        table.set_marks({desk.ids["soon"], desk.ids["late"]})
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await type_into(pilot, "#to", "31/12/2021")
        await type_into(pilot, "#reason", "Theo chỉ đạo tại cuộc họp giao ban")
        await pilot.press("ctrl+s")
        await settle(pilot)
        for key in ("soon", "late"):
            assert query.get_task(desk, desk.ids[key]).task.deadline == dt.date(2021, 12, 31)


async def test_a_conflicting_edit_is_reported_not_overwritten(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["soon"])
        await pilot.press("d")
        await settle(pilot)
        # meanwhile another clerk extends the same task
        tasks.extend_task(desk, desk.ids["soon"], to="31/08/2021", reason="Đề nghị của phòng")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DoneForm)
        assert "was just changed by" in form_error(app)  # (and by whom: the other clerk)
        assert "not saved" in form_error(app)
        assert query.get_task(desk, desk.ids["soon"]).task.status == "open"


async def test_N_adds_a_directive(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert isinstance(app.screen, DirectiveForm)
        await type_into(pilot, "#number", "125/KH-UBND")
        assert "Kế hoạch" in plain(app.screen.query_one("#number-hint"))
        await type_into(pilot, "#issuer", "UBND thành phố")
        await type_into(pilot, "#date", "01/06/2021")
        await type_into(pilot, "#title", "Kế hoạch cải cách hành chính năm 2021")
        await type_into(pilot, "#parent", "320-KL/TU")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        from tracker.services.directives import get_directive

        d = get_directive(desk, "125/KH-UBND")
        assert (d.type_code, d.issue_date, d.parent_number) == ("KH", dt.date(2021, 6, 1), "320-KL/TU")


async def test_a_directive_s_day_typed_without_its_year_is_this_year_s_and_said(desk):
    """The form reads "1/6" as the services do (the app's today's year) and says so."""
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        await type_into(pilot, "#number", "126/KH-UBND")
        await type_into(pilot, "#issuer", "UBND thành phố")
        await type_into(pilot, "#date", "1/6")
        assert "đã hiểu là 01/06/2021" in plain(app.screen.query_one("#date-hint"))
        await type_into(pilot, "#title", "Kế hoạch kiểm tra")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
        from tracker.services.directives import get_directive

        assert get_directive(desk, "126/KH-UBND").issue_date == dt.date(2021, 6, 1)


async def test_u_undoes_the_newest_change_after_showing_it(desk):
    tasks.extend_task(desk, desk.ids["late"], to="30/07/2021", reason="Chờ ý kiến Sở")
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["late"])
        await pilot.press("u")
        await settle(pilot)
        from tracker.tui.screens.change_forms import UndoForm

        assert isinstance(app.screen, UndoForm)
        preview = plain(app.screen.query_one("#undo-preview"))
        assert "gia hạn" in preview and "30/07/2021" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        task = query.get_task(desk, desk.ids["late"]).task
        assert task.deadline == dt.date(2021, 6, 1) and task.extensions == ()
        # nothing left but the creation: undo says so at once (it offered the creation, then
        # refused it on save) and changes nothing
        await pilot.press("u")
        await settle(pilot)
        assert not isinstance(app.screen, UndoForm)
        assert any("Không hoàn tác việc tạo nhiệm vụ" in str(n.message) for n in app._notifications)
        assert query.get_task(desk, desk.ids["late"]).task.deadline == dt.date(2021, 6, 1)


async def test_u_right_after_a_bulk_change_takes_it_back_on_each_task(desk):
    """Marked rows, a bulk change, then u: it acted on the task under the cursor (another
    task, whose own change it took back or refused).  Now u right after a change to several
    tasks lists the newest change of each of them, then takes them all back; once another
    change is made, u is the cursor task's again."""
    from tracker.tui.screens.change_forms import UndoForm, UndoMarkedForm

    late, soon = desk.ids["late"], desk.ids["soon"]
    tasks.add_note(desk, desk.ids["later"], "Đã giao phòng TC-KH")  # the cursor's own change
    app = make_desk_app(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table_of(app).set_marks({late, soon})
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert {query.get_task(desk, t).task.status for t in (late, soon)} == {"done"}
        await cursor_to(pilot, desk.ids["later"])  # (the marked rows left this list)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UndoForm)
        preview = plain(app.screen.query_one("#undo-preview"))
        assert "Tiến độ" not in preview  # not the cursor's task
        assert f"#{late} ·" in preview and f"#{soon} ·" in preview
        assert preview.count("Trạng thái: Đang thực hiện → Đã hoàn thành") == 2
        assert "2" in plain(app.screen.query_one("#form-title"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, UndoForm)
        for task_id in (late, soon):
            task = query.get_task(desk, task_id).task
            assert (task.status, task.done_on) == ("open", None)
            assert query.task_history(desk, task_id)[-1].action == "undo"
        assert len(query.get_task(desk, desk.ids["later"]).notes) == 1  # left alone
        assert any("Đã hoàn tác 2 nhiệm vụ" in str(n.message) for n in app._notifications)
        assert set(listed_ids(app)) >= {late, soon}
        # a change to the cursor's task alone: u is that task's again
        await cursor_to(pilot, desk.ids["later"])
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Da hop")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UndoForm) and not isinstance(app.screen, UndoMarkedForm)
        assert "Da hop" in plain(app.screen.query_one("#undo-preview"))


async def test_u_with_rows_marked_names_each_task_it_cannot_undo(desk):
    """A marked task with nothing to take back is named with why, and left as it is; when
    none can be undone, u says so for each at once and offers nothing."""
    from tracker.tui.screens.change_forms import UndoMarkedForm

    late, soon, later = desk.ids["late"], desk.ids["soon"], desk.ids["later"]
    tasks.extend_task(desk, late, to="30/07/2021", reason="Chờ ý kiến Sở")
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table_of(app).set_marks({late, later})
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UndoMarkedForm)
        preview = plain(app.screen.query_one("#undo-preview"))
        assert "30/07/2021" in preview
        assert f"Không hoàn tác việc tạo nhiệm vụ #{later}" in preview
        assert "1 không hoàn tác được" in plain(app.screen.query_one("#form-subtitle"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert query.get_task(desk, late).task.deadline == dt.date(2021, 6, 1)
        assert [h.action for h in query.task_history(desk, later)] == ["create"]
        assert any(f"#{later}" in str(n.message) for n in app._notifications)
        # now neither has a change left to take back: said per task, no form
        table_of(app).set_marks({soon, later})
        await settle(pilot)
        app._notifications.clear()
        await pilot.press("u")
        await settle(pilot)
        assert not isinstance(app.screen, UndoMarkedForm)
        said = "\n".join(str(n.message) for n in app._notifications)
        assert "Không hoàn tác được nhiệm vụ nào trong 2 nhiệm vụ" in said
        assert f"#{soon}" in said and f"#{later}" in said


async def test_undo_of_marked_rows_is_all_or_none_when_one_changed_meanwhile(desk):
    from tracker.tui.screens.change_forms import UndoMarkedForm

    late, soon = desk.ids["late"], desk.ids["soon"]
    for task_id in (late, soon):
        tasks.extend_task(desk, task_id, to="30/09/2021", reason="Chờ ý kiến Sở")
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table_of(app).set_marks({late, soon})
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UndoMarkedForm)
        tasks.add_note(desk, soon, "Phòng TC-KH báo đã xong 80%")  # another clerk, meanwhile
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, UndoMarkedForm)  # kept open, saying why
        error = form_error(app)
        assert "Chưa hoàn tác nhiệm vụ nào" in error and f"#{soon}" in error
        for task_id in (late, soon):  # neither taken back
            assert query.get_task(desk, task_id).task.deadline == dt.date(2021, 9, 30)


async def test_history_and_undo_speak_the_clerks_words_not_the_codes(desk):
    tasks.add_note(desk, desk.ids["late"], "Đã họp với phường 5", percent=40)
    tasks.extend_task(desk, desk.ids["soon"], to="30/09/2021", reason="Chờ ý kiến Sở")
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["late"])
        await pilot.press("u")
        await settle(pilot)
        preview = plain(app.screen.query_one("#undo-preview"))
        assert "Tiến độ:" in preview and "note" not in preview
        await pilot.press("escape")
        await settle(pilot)
        await cursor_to(pilot, desk.ids["soon"])
        await pilot.press("u")
        await settle(pilot)
        preview = plain(app.screen.query_one("#undo-preview"))
        assert "Lý do gia hạn" in preview and "extension_reason" not in preview
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+l")  # every task, the done one too
        await settle(pilot)
        await cursor_to(pilot, desk.ids["done"])
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app.screen)
        assert "Đang thực hiện" in text and "Đã hoàn thành" in text and "09/06/2021" in text
        assert " done " not in text and "2021-06-09" not in text


# ------------------------------------------------------------------------- live data


async def test_changes_by_someone_else_show_on_the_next_poll_keeping_the_cursor(desk):
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await cursor_to(pilot, desk.ids["soon"])
        index_before = table_of(app).cursor_index
        # the nightly import adds an overdue task, which sorts above the cursor's row
        tasks.add_task(desk, directive="67/KH-UBND", content="Việc mới nhập", lead="TCKH",
                       due="01/05/2021")
        app.poll()
        await settle(pilot)
        table = table_of(app)
        assert table.row_count == 5
        assert table.cursor_id == desk.ids["soon"]
        assert table.cursor_index == index_before + 1


# ------------------------------------------------------------------------- help and keys


async def test_help_lists_every_key_and_each_does_something(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app.screen)
        for _title, rows in help_sections():
            for keys, words in rows:
                assert words in text
        # keys as printed on the keyboard, not Textual's English names
        shown = [keys for _title, rows in help_sections() for keys, _words in rows]
        assert "↑" in shown and "PgDn" in shown and "Shift+S" in shown
        # the status symbols a narrower list shows without words, each said
        marks = dict(dict(help_sections())["tui.help.marks"])
        assert marks == {"✔": "Done on time", "✔!": "Done late", "○": "On time", "✖": "Overdue",
                         "∞": "Ongoing", "—": "Cancelled"}, marks
        assert not {"up", "down", "pageup", "pagedown", "space", "enter"} & set(
            " ".join(shown).replace(",", " ").split())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TasksScreen)
    # every binding the help shows names an action its owner has
    from tracker.tui.app import TrackerApp
    from tracker.tui.widgets.lazy_table import LazyTable as Table

    for owner in (TrackerApp, TasksScreen, TaskDetailScreen, Table):
        for binding in owner.BINDINGS:
            name = binding.action.split("(", 1)[0]
            assert hasattr(owner, f"action_{name}"), (owner.__name__, binding.action)


async def test_command_palette_offers_the_actions(desk):
    app = make_desk_app(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for words in ("Done", "Extend", "Cancel task", "New task", "Tasks", "Help", "Quit"):
            assert words in titles, words


# ------------------------------------------------------------------------- a big store


def _bulk_tasks(ctx, n: int) -> None:
    """``n`` tasks over the desk's directives and units, in one bulk insert."""
    import datetime as dt

    from sqlalchemy import insert, select

    from tracker.domain.text import fold
    from tracker.store.tables import directive as D
    from tracker.store.tables import task as T
    from tracker.store.tables import unit as U

    with ctx.engine.begin() as conn:
        directives = [r.id for r in conn.execute(select(D.c.id))]
        units = [r.id for r in conn.execute(select(U.c.id))]
        start = conn.execute(select(T.c.id).order_by(T.c.id.desc())).scalar() + 1
        rows = []
        for i in range(start, start + n):
            deadline = dt.date(2020, 1, 1) + dt.timedelta(days=i % 700)
            content = f"Việc số {i} của kế hoạch"
            rows.append({"id": i, "directive_id": directives[i % len(directives)],
                         "content": content, "content_folded": fold(content),
                         "lead_unit_id": units[i % len(units)], "deadline": deadline,
                         "deadline_text": "", "deadline_kind": "exact",
                         "deadline_effective": deadline, "original_deadline": deadline,
                         "status": "done" if i % 3 == 0 else "open",
                         "done_on": deadline if i % 3 == 0 else None})
            if len(rows) == 20000:
                conn.execute(insert(T), rows)
                rows = []
        if rows:
            conn.execute(insert(T), rows)


async def test_opens_on_a_store_of_100k_tasks_reading_only_a_window(desk):
    _bulk_tasks(desk, 100_000)
    app = make_desk_app(desk)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        table = table_of(app)
        assert table.row_count == query.count_tasks(desk, query.TaskFilter(status=["open"]))
        assert table.row_count > 60_000
        assert table.cached_row_count <= 200
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_index == table.row_count - 1
        assert table.cached_row_count <= 400
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TaskDetailScreen)
        assert app.screen.detail.task.id == table.cursor_id



async def test_the_cursor_stays_on_its_task_across_sorts_and_filters_in_100k(desk):
    _bulk_tasks(desk, 100_000)
    app = make_desk_app(desk)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = table_of(app)
        for _i in range(40):
            await pilot.press("down")
        await settle(pilot)
        task_id = table.cursor_id
        flt = app.screen._filter

        async def sort_by(column_key: str, descending: bool, sort: str) -> None:
            table.post_message(LazyTable.SortRequested(table, column_key, descending))
            await settle(pilot)
            where = query.position_of(desk, app.screen._filter, task_id, sort=sort,
                                      descending=descending)
            assert table.cursor_id == task_id
            assert table.cursor_index == where
            assert table.row_at(where).id == task_id  # its row is loaded and shown
            body = table.size.height - 1
            assert table.scroll_y <= where < table.scroll_y + body

        await sort_by("id", False, "id")
        assert table.cursor_index > 10_000  # far from where it was
        await sort_by("id", True, "id")
        await sort_by("content", False, "content")
        await sort_by("deadline", True, "deadline")
        assert app.screen._filter == flt
        # a narrower filter that still holds the task: the cursor stays on it
        await pilot.press("slash")
        await pilot.press(*"ke hoach")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen._filter != flt
        assert table.cursor_id == task_id
        assert table.cursor_index == query.position_of(
            desk, app.screen._filter, task_id, sort="deadline", descending=True)


def test_tracker_app_off_a_terminal_says_so_instead_of_hanging(run):
    result = run("app", lang="en")
    assert result.code == 2
    assert "needs a terminal" in result.stderr
    assert "Traceback" not in result.stderr
