"""The rulebook: every rule a change to a task or a directive must pass, once.

A change reaches the register five ways — a command, an app form (and its live check), an
import row, a bulk action, an undo — and each of them asks these functions, so a rule is
changed here and nowhere else.  The functions are pure: no store, no clock, no language.
They take the facts (the values typed, the task's status, the directive's date, today) and
return a list of ``Problem``: a catalogue key, the field it is about, the value, a severity,
and the placeholders of the message.  The edges translate: the services raise the first error
as a ``ValidationError`` and pass warnings to ``ctx.warn``; the importer reports them against
the row and column; the app shows them under the field (✓ only when there is no error).

Severity: an ``ERROR`` makes the change impossible (nothing is written); a ``WARNING`` is a
change that is allowed but unlikely (a deadline before its directive, or more than ten years
after it; a date typed with a two-digit year) — it is said, and the change goes through.

Keys are the ``task.*`` / ``unit.*`` / ``directive.*`` catalogue keys the services have always
raised, so a message reads the same whichever way the change came in.  A key that names a
task (``task.already_done``) has an ``{id}`` placeholder that the caller fills in: a rule
knows the facts, not which task they belong to.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.dates import DateError, format_date, parse_date
from tracker.domain.status import CANCELLED, DONE, OPEN
from tracker.domain.text import fold
from tracker.domain.unitmatch import STRONG, UnitEntry, UnitMatch, split_units

ERROR, WARNING = "error", "warning"

CONTENT_MAX = 50_000  # a task is a paragraph or a page of a directive; more is a paste gone wrong
SHORT_TEXT = 120  # leader, work group and key are VARCHAR(120) (PostgreSQL enforces it)
FAR_YEARS = 10  # a deadline more than this many years after its directive is likely a typo
TWO_DIGIT_CENTURY = 2000  # "30/6/21" is read as 30/06/2021 (with a warning)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or unlikely) with a change.

    ``key`` is the catalogue key of the message, ``field`` the field it is about (``content``,
    ``deadline``, ``done_on``, ``extension``, ``reason``, ``status``, ``lead``, ``support``,
    ``leader``, ``group``, ``key``, ``number``, ``issuer``, ``title``, ``date``), ``value`` the
    value as given, ``severity`` ``ERROR`` or ``WARNING``, ``params`` the message's
    placeholders (a tuple of pairs, so a problem can be remembered and compared)."""

    key: str
    field: str
    value: Any = None
    severity: str = ERROR
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def fields(self, **extra: Any) -> dict[str, Any]:
        """The message's placeholders, with ``extra`` (e.g. the task's ``id``) added."""
        return {**dict(self.params), **extra}


def _problem(key: str, fld: str, value: Any = None, severity: str = ERROR, /, **params: Any) -> Problem:
    return Problem(key, fld, value, severity, tuple(params.items()))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that make a change impossible."""
    return [p for p in problems if p.severity == ERROR]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are only said."""
    return [p for p in problems if p.severity == WARNING]


def passes(problems: Iterable[Problem]) -> bool:
    """Whether a change with these problems may be saved (warnings do not stop it)."""
    return not errors(problems)


# --------------------------------------------------------------------------- text fields


def check_content(content: str | None) -> list[Problem]:
    """A task's content: present (after trimming) and at most ``CONTENT_MAX`` characters."""
    text = (content or "").strip()
    if not text:
        return [_problem("task.content_required", "content", "")]
    if len(text) > CONTENT_MAX:
        return [_problem("task.too_long", "content", text[:40], field="content", max=CONTENT_MAX,
                         length=len(text))]
    return []


def check_short_text(value: str | None, fld: str) -> list[Problem]:
    """A leader, work group or key: at most ``SHORT_TEXT`` characters (``fld`` names it)."""
    text = (value or "").strip()
    if len(text) > SHORT_TEXT:
        return [_problem("task.too_long", fld, text[:40], field=fld, max=SHORT_TEXT, length=len(text))]
    return []


# --------------------------------------------------------------------------- dates


def two_digit_year(year: int) -> int:
    """The year a two-digit year is read as (21 → 2021)."""
    return TWO_DIGIT_CENTURY + year


def check_typed_year(text: str | None, year_digits: str | None, fld: str) -> list[Problem]:
    """A date typed with a two-digit year (``30/6/21``) is read, but said: it is unlikely
    the clerk meant anything but 20yy, and likely they did not look."""
    if year_digits is not None and len(year_digits) == 2:
        key = "rules.two_digit_year" if fld == "deadline" else "rules.two_digit_date"
        return [_problem(key, fld, text, WARNING, value=text, year=two_digit_year(int(year_digits)))]
    return []


_DMY_SHORT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2})\s*$")
_DM = re.compile(r"^\s*(?:ng[àa]y\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*$", re.IGNORECASE)


# days named from today, as a person says them at a prompt: their distance from today
_DAY_WORDS = {"hom nay": 0, "today": 0, "hom qua": -1, "yesterday": -1, "hom kia": -2, "ngay mai": 1,
              "tomorrow": 1}


def read_date(text: str | dt.date | None, fld: str, *, today: dt.date | None = None
              ) -> tuple[dt.date | None, list[Problem]]:
    """A date as typed in a date field (``dd/mm/yyyy`` and the forms ``parse_date`` reads;
    ``dd/mm/yy`` read as 20yy with a warning): (the date, []) or (None, [the error]).

    ``today``: where a person types at a prompt (an option, a form's field) — a day typed
    without its year (``30/6``, ``ngày 30-6``) is read in today's year, said with a warning
    naming the date (so that early January's ``28/12`` is seen); ``hôm nay``, ``hôm qua``,
    ``hôm kia``, ``ngày mai`` (``today``, ``yesterday``, ``tomorrow``) are the days they
    name.  A sheet's cells give no ``today``: they are dated whole."""
    if isinstance(text, str) and today is not None:
        days = _DAY_WORDS.get(" ".join(fold(text).split()))
        if days is not None:
            return today + dt.timedelta(days=days), []
        year = today.year
        m = _DM.match(text)
        if m:
            d, mo = int(m.group(1)), int(m.group(2))
            try:
                day = dt.date(year, mo, d)
            except ValueError:
                return None, [_problem("date.impossible", fld, text, value=text.strip(), field=fld)]
            return day, [_problem("rules.year_assumed", fld, text, WARNING, value=text.strip(),
                                  date=format_date(day))]
    if isinstance(text, str):
        m = _DMY_SHORT.match(text)
        if m:
            d, mo, yy = m.groups()
            said = check_typed_year(text.strip(), yy, fld)
            try:
                return dt.date(two_digit_year(int(yy)), int(mo), int(d)), said
            except ValueError:
                return None, [_problem("date.impossible", fld, text, value=text.strip(), field=fld)]
    try:
        return parse_date(text), []
    except DateError as exc:
        return None, [_problem(exc.reason, fld, exc.text, value=exc.text, field=fld)]


def check_recurring_on_edit(text: str, recurring: bool) -> list[Problem]:
    """A task already recorded does not become a recurring duty by an edit: a duty is added
    as new, with a task for each of its periods (the edited task would be left an ongoing
    one with the rule's words for its deadline)."""
    return [_problem("rules.recurring_on_edit", "deadline", text, ERROR, value=text)] if recurring else []


# what a recurring duty does not keep: each period's task is made from its rule, directive,
# content, lead unit, leader and group
DUTY_LEAVES = ("key", "support", "extensions", "progress", "proof", "notes")


def check_duty_fields(given: Iterable[str]) -> list[Problem]:
    """Fields given with a recurring duty that it does not keep (``DUTY_LEAVES``: supporting
    units, notes, a key…): each said, none refused — the duty is made without them."""
    return [_problem("rules.duty_field_left", f, None, WARNING, field=f) for f in given if f in DUTY_LEAVES]


def check_deadline(deadline: dt.date | None, directive_date: dt.date | None,
                   *, fld: str = "deadline") -> list[Problem]:
    """A deadline against its directive's date: before it is a warning (a typo, or a task
    copied from an older document); more than ``FAR_YEARS`` years after it is a warning (a
    mistyped year).  No deadline (ongoing) or no directive date: nothing to say."""
    if deadline is None or directive_date is None:
        return []
    if deadline < directive_date:
        return [_problem("task.deadline_before_directive", fld, deadline, WARNING,
                         deadline=format_date(deadline), date=format_date(directive_date))]
    if deadline > _years_after(directive_date, FAR_YEARS):
        return [_problem("rules.deadline_far", fld, deadline, WARNING,
                         deadline=format_date(deadline), date=format_date(directive_date),
                         years=FAR_YEARS)]
    return []


@functools.lru_cache(maxsize=4096)  # (an import asks it of every row's directive date)
def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --------------------------------------------------------------------------- status changes


def check_completion(done_on: dt.date, *, status: str | None, directive_date: dt.date | None,
                     today: dt.date, was_done_on: dt.date | None = None) -> list[Problem]:
    """Marking a task done on ``done_on``: only an open task (``status`` None: a task being
    created or imported as done; ``was_done_on``: when a task already done was done); not
    after today; not before its directive was issued (the task did not exist yet)."""
    out: list[Problem] = []
    if status == DONE:
        out.append(_problem("task.already_done", "status", status, date=format_date(was_done_on)))
    elif status == CANCELLED:
        out.append(_problem("task.is_cancelled", "status", status))
    if done_on > today:
        out.append(_problem("task.done_in_future", "done_on", done_on, date=format_date(done_on),
                            today=format_date(today)))
    elif directive_date is not None and done_on < directive_date:
        out.append(_problem("task.done_before_directive", "done_on", done_on,
                            date=format_date(done_on), directive_date=format_date(directive_date)))
    return out


def check_extension(new_deadline: dt.date | None, *, in_force: dt.date | None,
                    status: str | None = OPEN, reason: str | None = None,
                    reason_needed: bool = True, words: str = "") -> list[Problem]:
    """Granting more time: a reason; a date (not "thường xuyên"); later than the deadline in
    force (``in_force``: the deadline before this extension); on an open task only.

    ``status`` None is an extension recorded in the past (an import's extensions column): the
    task's status now says nothing about it then, but it must still move the deadline later.
    ``reason_needed`` False: an import may record an extension whose reason was not kept."""
    out: list[Problem] = []
    if reason_needed and not (reason or "").strip():
        out.append(_problem("task.reason_required", "reason", ""))
    if status == DONE:
        out.append(_problem("task.extend_done", "status", status))
    elif status == CANCELLED:
        out.append(_problem("task.is_cancelled", "status", status))
    if new_deadline is None:
        out.append(_problem("task.extend_needs_date", "extension", words, value=words))
    elif in_force is not None and new_deadline <= in_force:
        out.append(_problem("task.extend_not_later", "extension", new_deadline,
                            new=format_date(new_deadline), old=format_date(in_force)))
    return out


def check_in_force(deadline: dt.date | None, extended_to: dt.date | None,
                   earlier: Iterable[dt.date] = ()) -> list[Problem]:
    """An extended task's deadline in force is its last extension's new date (``extended_to``;
    None: not extended) — what ``extend_task`` leaves.  A record that says another deadline
    beside its extensions (an import row's deadline and extensions columns) would keep an
    extension that never took effect.  ``earlier``: the deadlines the record's extensions say
    the task had before the last one (``deadlines_before``) — a sheet that keeps the first
    deadline in its column, or an export a department added an extension line to and left the
    deadline cell as it was, writes one of them: that says where the deadline was, and the
    deadline in force is still the last extension's (the caller takes it)."""
    if extended_to is None or deadline == extended_to or (deadline is not None and deadline in earlier):
        return []
    return [_problem("rules.extension_not_in_force", "deadline", deadline,
                     deadline=format_date(deadline), extended_to=format_date(extended_to))]


def deadlines_before(moves: Iterable[tuple[dt.date | None, dt.date]],
                     written: dt.date | None = None) -> set[dt.date]:
    """The deadlines a task had before its last extension, as its extensions say them:
    each extension's (from, to) pair, in order — every "from" given, every "to" but the
    last one's.  The first extension saying no "from" moved the deadline ``written`` beside
    it, when that is earlier (``check_in_force``)."""
    moves = list(moves)
    if not moves:
        return set()
    days = {old for old, _new in moves if old is not None} | {new for _old, new in moves[:-1]}
    first_from, first_to = moves[0]
    if first_from is None and written is not None and written < first_to:
        days.add(written)
    return days


def check_cancel(reason: str | None, *, status: str | None) -> list[Problem]:
    """Cancelling: a reason; not a task already cancelled, nor one done (reopen it first)."""
    out: list[Problem] = []
    if not (reason or "").strip():
        out.append(_problem("task.reason_required", "reason", ""))
    if status == CANCELLED:
        out.append(_problem("task.is_cancelled", "status", status))
    elif status == DONE:
        out.append(_problem("task.cancel_done", "status", status))
    return out


def check_reopen(status: str) -> list[Problem]:
    """Reopening: only what is done or cancelled."""
    if status not in (DONE, CANCELLED):
        return [_problem("task.already_open", "status", status)]
    return []


def check_note(text: str | None, percent: int | None, *, status: str | None = None) -> list[Problem]:
    """A progress note: some words, and a percent (if any) from 0 to 100; on a cancelled task
    (``status``) it is said — the work is no longer to be done."""
    out: list[Problem] = []
    if not (text or "").strip():
        out.append(_problem("task.note_required", "note", ""))
    if percent is not None and not 0 <= percent <= 100:
        out.append(_problem("task.bad_percent", "percent", percent, value=percent))
    if status == CANCELLED:
        out.append(_problem("task.note_on_cancelled", "note", "", WARNING))
    return out


def check_note_day(on: dt.date | None, *, directive_date: dt.date | None, today: dt.date) -> list[Problem]:
    """A progress note's day, as a completion's: not after today (it reports what was done),
    not before its directive was issued (the task did not exist yet).  (None: a sheet's note
    without a day — nothing to compare.)"""
    if on is None:
        return []
    if on > today:
        return [_problem("task.note_in_future", "note_on", on, date=format_date(on), today=format_date(today))]
    if directive_date is not None and on < directive_date:
        return [_problem("task.note_before_directive", "note_on", on, date=format_date(on),
                         directive_date=format_date(directive_date))]
    return []


def check_state(status: str, done_on: dt.date | None, *, directive_date: dt.date | None,
                today: dt.date, cancel_reason: str = "") -> list[Problem]:
    """A task's state as a whole (what an undo would leave behind): a done task has a done
    date, not after today nor before its directive; a cancelled one has a reason."""
    out: list[Problem] = []
    if status == DONE:
        if done_on is None:
            out.append(_problem("rules.done_needs_date", "done_on", None))
        else:
            out += [p for p in check_completion(done_on, status=None, directive_date=directive_date,
                                                today=today)]
    elif status == CANCELLED and not (cancel_reason or "").strip():
        out.append(_problem("task.reason_required", "reason", ""))
    return out


# --------------------------------------------------------------------------- units

FOUND, AMBIGUOUS, UNKNOWN, GROUP = "found", "ambiguous", "unknown", "group"


def unit_verdict(match: UnitMatch) -> str:
    """The one verdict on a unit name as matched (``domain.unitmatch.match_unit``):

    - ``FOUND``: one unit;
    - ``GROUP``: a group phrase (``UBND các phường``), never forced onto one unit;
    - ``AMBIGUOUS``: several names match at least ``STRONG`` (0.8) — name the one meant;
    - ``UNKNOWN``: nothing close, or only weak suggestions."""
    if match.unit is not None:
        return FOUND
    if match.is_group:
        return GROUP
    if sum(1 for _u, score in match.candidates if score >= STRONG) > 1:
        return AMBIGUOUS
    return UNKNOWN


def unit_close(match: UnitMatch, fld: str = "lead") -> list[Problem]:
    """A name read as a unit it only resembles (``TCKHH`` → TCKH):
    a warning naming the unit taken — where no one sees the choice as it is made (an
    import's rows, the supporting units of a command).  Part of a unit's own name
    (``phòng tài chính``, ``Nội vụ``) is a way of naming it: said nothing."""
    if match.unit is None or match.how != "close":
        return []
    typed = fold(match.query)
    if any(typed in fold(n) for n in (match.unit.code, match.unit.name, *match.unit.aliases)):
        return []
    return [_problem("unit.close", fld, match.query, WARNING, text=match.query, code=match.unit.code,
                     name=match.unit.name)]


def unit_suggestions(match: UnitMatch, limit: int = 5) -> str:
    """The closest units, as a message lists them: ``CODE (Name), …`` ('' when none is close:
    the message then says so, ``unit.unknown_none``).  A name several units match names
    those only: "“van hoa” khớp nhiều đơn vị" listed the Văn phòng and two Ban Quản lý too,
    which merely resembled it."""
    candidates = match.candidates
    if unit_verdict(match) == AMBIGUOUS:
        candidates = [(u, score) for u, score in candidates if score >= STRONG]
    return ", ".join(f"{u.code} ({u.name})" for u, _s in candidates[:limit])


def check_unit(match: UnitMatch, fld: str = "lead") -> list[Problem]:
    """A field that names one unit (the lead unit): found, or the verdict's problem."""
    verdict = unit_verdict(match)
    if verdict == FOUND:
        return []
    text = match.query
    if verdict == GROUP:
        return [_problem("unit.is_group", fld, text, text=text)]
    suggestions = unit_suggestions(match)
    if verdict == AMBIGUOUS and len(split_units(text)) > 1:
        # "Phòng TC-KH, Phòng QLĐT": not a name that could be either, but two units — a
        # task has one lead unit (the others support it, or it is two tasks)
        return [_problem("unit.several", fld, text, text=text, suggestions=suggestions)]
    key = ("unit.ambiguous" if verdict == AMBIGUOUS else "unit.unknown" if suggestions
           else "unit.unknown_none")
    return [_problem(key, fld, text, text=text, suggestions=suggestions)]


def check_units_active(status: str, lead: UnitEntry | None, support: Iterable[UnitEntry] = ()) -> list[Problem]:
    """Work still to do given to a unit no longer active (a ward merged away): a warning,
    each unit said once.  Finished or cancelled work is history (an old sheet's rows)."""
    if status != OPEN:
        return []
    out: list[Problem] = []
    for fld, units in (("lead", (lead,) if lead is not None else ()), ("support", support)):
        for u in units:
            if not u.active:
                out.append(_problem("unit.inactive", fld, u.code, WARNING, code=u.code, name=u.name))
    return out


WARDS = "wards"
EXPANDABLE_GROUPS = {WARDS: "ward"}  # group → the unit kind it stands for


def group_members(group: str, kinds: Mapping[int, str]) -> list[int] | None:
    """What a group phrase among the supporting units expands to: ``UBND các phường`` is
    every ward (the units of kind ``ward``, in ``kinds``: the active units' id → kind).  None
    for a group that names no definite units (``các đơn vị liên quan``, ``các phòng, ban``)."""
    kind = EXPANDABLE_GROUPS.get(group)
    if kind is None:
        return None
    return [uid for uid, k in kinds.items() if k == kind]


@dataclass
class SupportReading:
    """Supporting units as read from the names given: their ids (without the lead, each
    once, in order) and the problems."""

    ids: list[int] = field(default_factory=list)
    units: list[UnitEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_support(names: Iterable[str], match: Callable[[str], UnitMatch],
                 kinds: Mapping[int, str], *, lead_id: int | None = None,
                 by_id: Mapping[int, UnitEntry] | None = None) -> SupportReading:
    """Supporting units from the names written (``match`` matches one name): each must be
    one unit (``check_unit``) or a group; a group of definite units (``group_members``) adds
    them all, a vague one is left out with a warning (``rules.group_support_ignored``).  The
    lead unit is never among its own supporting units (named there, it is left out, said:
    ``rules.lead_in_support``)."""
    out = SupportReading()
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        m = match(name)
        verdict = unit_verdict(m)
        if verdict == FOUND:
            if m.unit.id == lead_id:  # (said: the clerk listed it, and will not find it there)
                out.problems.append(_problem("rules.lead_in_support", "support", name, WARNING, text=name))
                continue
            ids = [m.unit.id]
            out.problems += unit_close(m, "support")
        elif verdict == GROUP:
            ids = group_members(m.group, kinds)
            if ids is None:
                out.problems.append(_problem("rules.group_support_ignored", "support", name, WARNING,
                                             text=name))
                continue
        else:
            out.problems += check_unit(m, "support")
            continue
        for uid in ids:
            if uid != lead_id and uid not in out.ids:
                out.ids.append(uid)
                if by_id is not None and uid in by_id:
                    out.units.append(by_id[uid])
                elif verdict == FOUND:
                    out.units.append(m.unit)
    return out


# --------------------------------------------------------------------------- directives


def check_directive(*, number: str | None, issuer: str | None, title: str | None,
                    issue_date: dt.date | None, today: dt.date) -> list[Problem]:
    """A directive: a number, an issuer and a summary; an issue date after today is
    unlikely (a warning: a document may be registered the day before it is dated)."""
    out: list[Problem] = []
    for fld, value in (("number", number), ("issuer", issuer), ("title", title)):
        if not (value or "").strip():
            out.append(_problem(f"directive.{fld}_required", fld, ""))
    if issue_date is not None and issue_date > today:
        out.append(_problem("directive.date_in_future", "date", issue_date, WARNING,
                            date=format_date(issue_date)))
    return out


def check_directive_date(issue_date: dt.date, *, first_done: dt.date | None) -> list[Problem]:
    """A directive's date corrected: it cannot move after the day one of its tasks was done
    (``first_done``: the earliest done date among its tasks) — that task would be done
    before it was assigned (``check_completion``)."""
    if first_done is not None and first_done < issue_date:
        return [_problem("rules.directive_after_done", "date", issue_date, date=format_date(issue_date),
                         done=format_date(first_done))]
    return []

