"""The rulebook's pure functions (tracker.domain.rules): each rule, and its edge."""
from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain import rules as R
from tracker.domain.status import CANCELLED, DONE, OPEN
from tracker.domain.unitmatch import UnitEntry, match_unit

D = dt.date
TODAY = D(2021, 6, 15)

UNITS = [UnitEntry(1, "TNMT", "Phòng Tài nguyên và Môi trường"),
         UnitEntry(2, "TCKH", "Phòng Tài chính - Kế hoạch"),
         UnitEntry(3, "TP", "Phòng Tư pháp"),
         UnitEntry(4, "P1", "UBND Phường 1"), UnitEntry(5, "P2", "UBND Phường 2"),
         UnitEntry(6, "KT", "Phòng Kinh tế"), UnitEntry(7, "KT2", "Phong Kinh te")]
KINDS = {1: "department", 2: "department", 3: "department", 4: "ward", 5: "ward",
         6: "department", 7: "department"}


def keys(problems):
    return [(p.key, p.severity) for p in problems]


def test_content():
    assert keys(R.check_content("  ")) == [("task.content_required", "error")]
    assert keys(R.check_content("x" * (R.CONTENT_MAX + 1))) == [("task.too_long", "error")]
    assert R.check_content("x" * R.CONTENT_MAX) == []
    assert keys(R.check_short_text("y" * (R.SHORT_TEXT + 1), "leader")) == [("task.too_long", "error")]
    assert R.check_short_text("y" * R.SHORT_TEXT, "leader") == []


def test_deadline_against_directive():
    assert keys(R.check_deadline(D(2020, 1, 1), D(2020, 3, 1))) == [("task.deadline_before_directive", "warning")]
    assert R.check_deadline(D(2020, 3, 1), D(2020, 3, 1)) == []
    assert R.check_deadline(D(2030, 3, 1), D(2020, 3, 1)) == []  # exactly ten years
    assert keys(R.check_deadline(D(2030, 3, 2), D(2020, 3, 1))) == [("rules.deadline_far", "warning")]
    assert R.check_deadline(None, D(2020, 3, 1)) == []


def test_completion():
    ok = dict(directive_date=D(2020, 3, 1), today=TODAY)
    assert R.check_completion(D(2021, 1, 1), status=OPEN, **ok) == []
    assert keys(R.check_completion(D(2021, 6, 16), status=OPEN, **ok)) == [("task.done_in_future", "error")]
    assert keys(R.check_completion(D(2000, 1, 1), status=OPEN, **ok)) == [("task.done_before_directive", "error")]
    assert R.check_completion(D(2020, 3, 1), status=OPEN, **ok) == []  # the directive's own day
    assert keys(R.check_completion(TODAY, status=DONE, **ok)) == [("task.already_done", "error")]
    assert keys(R.check_completion(TODAY, status=CANCELLED, **ok)) == [("task.is_cancelled", "error")]


def test_extension():
    assert R.check_extension(D(2021, 9, 30), in_force=D(2021, 6, 30), reason="r") == []
    assert keys(R.check_extension(D(2021, 6, 30), in_force=D(2021, 6, 30), reason="r")) == [
        ("task.extend_not_later", "error")]
    assert keys(R.check_extension(D(2021, 6, 1), in_force=D(2021, 9, 30), status=None,
                                  reason_needed=False)) == [("task.extend_not_later", "error")]
    assert keys(R.check_extension(D(2021, 9, 30), in_force=None, reason="")) == [("task.reason_required", "error")]
    assert keys(R.check_extension(D(2021, 9, 30), in_force=None, reason="r", status=DONE)) == [
        ("task.extend_done", "error")]
    assert keys(R.check_extension(None, in_force=None, reason="r", words="thường xuyên")) == [
        ("task.extend_needs_date", "error")]


def test_the_deadline_in_force_is_the_last_extensions():
    assert R.check_in_force(D(2021, 12, 31), D(2021, 12, 31)) == []
    assert R.check_in_force(D(2021, 9, 30), None) == []  # not extended: nothing to say
    found = R.check_in_force(D(2021, 9, 30), D(2021, 12, 31))
    assert keys(found) == [("rules.extension_not_in_force", "error")]
    assert found[0].fields() == {"deadline": "30/09/2021", "extended_to": "31/12/2021"}
    assert keys(R.check_in_force(None, D(2021, 12, 31))) == [("rules.extension_not_in_force", "error")]


def test_a_deadline_the_extensions_moved_says_where_the_deadline_was():
    """A record's deadline written beside its extensions may be one they moved (the first
    deadline kept in its column; an export's cell left as it was beside a line added)."""
    moves = [(D(2021, 6, 30), D(2021, 9, 30)), (None, D(2021, 12, 31))]
    assert R.deadlines_before(moves) == {D(2021, 6, 30), D(2021, 9, 30)}
    assert R.deadlines_before([]) == set()
    # the first extension says no "from": it moved the deadline written beside it, if earlier
    assert R.deadlines_before([(None, D(2021, 9, 30))], D(2021, 6, 30)) == {D(2021, 6, 30)}
    assert R.deadlines_before([(None, D(2021, 9, 30))], D(2021, 10, 30)) == set()
    earlier = R.deadlines_before(moves)
    assert R.check_in_force(D(2021, 9, 30), D(2021, 12, 31), earlier) == []
    assert keys(R.check_in_force(D(2021, 11, 15), D(2021, 12, 31), earlier)) == [
        ("rules.extension_not_in_force", "error")]


def test_cancel_reopen_note_state():
    assert keys(R.check_cancel("", status=OPEN)) == [("task.reason_required", "error")]
    assert keys(R.check_cancel("r", status=DONE)) == [("task.cancel_done", "error")]
    assert R.check_cancel("r", status=OPEN) == []
    assert keys(R.check_reopen(OPEN)) == [("task.already_open", "error")]
    assert R.check_reopen(DONE) == [] and R.check_reopen(CANCELLED) == []
    assert keys(R.check_note("", 101)) == [("task.note_required", "error"), ("task.bad_percent", "error")]
    assert keys(R.check_state(DONE, D(2000, 1, 1), directive_date=D(2020, 1, 1), today=TODAY)) == [
        ("task.done_before_directive", "error")]
    assert keys(R.check_state(DONE, None, directive_date=None, today=TODAY)) == [("rules.done_needs_date", "error")]
    assert R.check_state(OPEN, None, directive_date=D(2020, 1, 1), today=TODAY) == []


def test_dates_typed():
    assert R.read_date("01/02/2021", "on") == (D(2021, 2, 1), [])
    day, said = R.read_date("01/02/21", "on")
    assert day == D(2021, 2, 1) and keys(said) == [("rules.two_digit_date", "warning")]
    assert keys(R.read_date("31/02/21", "on")[1]) == [("date.impossible", "error")]
    assert keys(R.read_date("hôm qua", "on")[1]) == [("date.malformed", "error")]
    # a day without its year: read in the year of the prompt's today, said; a sheet's cell
    # (no today given) is still refused
    day, said = R.read_date("30/6", "on", today=D(2021, 6, 15))
    assert day == D(2021, 6, 30) and keys(said) == [("rules.year_assumed", "warning")]
    assert said[0].fields()["date"] == "30/06/2021"
    assert R.read_date("Ngày 1-7", "on", today=D(2022, 1, 3))[0] == D(2022, 7, 1)
    assert keys(R.read_date("29/2", "on", today=D(2021, 6, 15))[1]) == [("date.impossible", "error")]
    assert keys(R.read_date("30/6", "on")[1]) == [("date.malformed", "error")]
    assert R.read_date("30/06/2020", "on", today=D(2021, 6, 15)) == (D(2020, 6, 30), [])


@pytest.mark.parametrize("typed, day", [
    ("hôm nay", D(2021, 3, 1)), ("Hôm qua", D(2021, 2, 28)), ("hom kia", D(2021, 2, 27)),
    ("ngày  mai", D(2021, 3, 2)), ("yesterday", D(2021, 2, 28)), ("TODAY", D(2021, 3, 1))])
def test_a_day_named_from_today_at_a_prompt(typed, day):
    """`task done 12 --on "hôm qua"` was refused ("not a date"); a sheet's cell still is."""
    assert R.read_date(typed, "on", today=D(2021, 3, 1)) == (day, [])
    assert keys(R.read_date(typed, "on")[1]) == [("date.malformed", "error")]


@pytest.mark.parametrize("text, verdict", [
    ("TNMT", R.FOUND), ("phong tai nguyen", R.FOUND),
    ("phong tn", R.UNKNOWN),  # one weak suggestion: unknown everywhere (was "ambiguous" in the app)
    ("phong kinh te", R.AMBIGUOUS),  # two names equally good
    ("UBND các phường", R.GROUP), ("Phòng Giáo dục", R.UNKNOWN)])
def test_unit_verdict(text, verdict):
    m = match_unit(text, UNITS)
    assert R.unit_verdict(m) == verdict
    assert m.ambiguous == (verdict == R.AMBIGUOUS)  # the matcher's own answer is the rule's
    problems = R.check_unit(m)
    assert (problems == []) == (verdict == R.FOUND)


def test_support_groups_expand():
    read = R.read_support(["Phòng Tư pháp", "UBND các phường"], lambda n: match_unit(n, UNITS), KINDS,
                          lead_id=4)
    assert read.ids == [3, 5] and read.problems == []  # every ward but the lead
    read = R.read_support(["các đơn vị liên quan", "TP"], lambda n: match_unit(n, UNITS), KINDS)
    assert read.ids == [3] and keys(read.problems) == [("rules.group_support_ignored", "warning")]
    read = R.read_support(["phong kinh te"], lambda n: match_unit(n, UNITS), KINDS)
    assert read.ids == [] and keys(read.problems) == [("unit.ambiguous", "error")]


def test_directive():
    assert keys(R.check_directive(number="", issuer="UBND", title="t", issue_date=None, today=TODAY)) == [
        ("directive.number_required", "error")]
    assert keys(R.check_directive(number="1/KH", issuer="UBND", title="t", issue_date=D(2021, 7, 1),
                                  today=TODAY)) == [("directive.date_in_future", "warning")]


def test_rules_import_only_domain():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(R))
    mods = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert all(m == "__future__" or not m.startswith("tracker") or m.startswith("tracker.domain")
               for m in mods), mods


def test_directive_date_cannot_pass_a_done_task():
    assert R.check_directive_date(D(2020, 1, 10), first_done=D(2020, 1, 10)) == []
    assert R.check_directive_date(D(2020, 1, 10), first_done=None) == []
    assert keys(R.check_directive_date(D(2020, 2, 1), first_done=D(2020, 1, 15))) == [
        ("rules.directive_after_done", "error")]


def test_correcting_a_directive_date_past_a_done_task_is_refused(office):
    from tracker.services import tasks
    from tracker.services.directives import edit_directive, get_directive
    from tracker.services.errors import ValidationError

    tid = tasks.add_task(office, directive="67/KH-UBND", content="Rà soát", lead="TCKH").id
    tasks.complete_task(office, tid, on="15/01/2020")
    with pytest.raises(ValidationError) as err:
        edit_directive(office, "67/KH-UBND", issue_date="01/02/2020")
    assert err.value.key == "rules.directive_after_done" and f"#{tid}" in err.value.message()
    assert get_directive(office, "67/KH-UBND").issue_date == D(2020, 1, 10)
    edit_directive(office, "67/KH-UBND", issue_date="15/01/2020")  # the same day: allowed
