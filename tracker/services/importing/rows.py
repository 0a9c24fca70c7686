"""THE row path of a task sheet: one row's cells → a ``TaskRecord`` and its problems.

(Over 600 lines on purpose: it is the one place a row's rules are read, part after part —
the recurring duties' deadline forms included — and a newcomer changing an import rule
finds it here, not split across modules.)

Every task row goes through ``TaskRows.read``, and nothing else turns cells into a task.
A row is read part by part, each part a pure function of its own cells returning its value
and its ``Issue``s (problems not yet placed on a row):

    directive   number, date, issuer (title)  → the directive (planned when the store lacks it)
    lead        the lead unit's name          → its id
    support     the supporting units' names   → their ids (a group of wards expanded)
    deadline    the deadline date and words   → the deadline's four columns
    completion  status, done date, reason     → (status, done on, cancel reason)
    progress    the progress notes cell       → the notes

Those parts are remembered per distinct set of cells (``memo.Memo``): a sheet repeats a few
hundred of each.  The rules that compare parts with each other or with today — a deadline
against its directive, a done date's bounds, an extension against the deadline in force, the
deadline in force against the last extension — are the rulebook's (``tracker.domain.rules``),
asked by ``read`` for every row.

To change an import rule: the part that reads the cell is here (one method each); the rule
that judges it is in ``domain/rules.py``, and every other way in asks the same function.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tracker.domain import rules
from tracker.domain import status as S
from tracker.domain.dates import DateError, format_date
from tracker.domain.unitmatch import split_units
from tracker.io.cells import cell_date, cell_text, cell_whole_number, parse_extensions, parse_notes
from tracker.io.headers import field_for, label
from tracker.io.problems import Problem
from tracker.services.importing.columns import Columns, clean, filled
from tracker.services.importing.lookups import (
    DeadlineAnswer, DirectiveEntry, Lookups)
from tracker.services.importing.memo import Memo
from tracker.services.importing.records import NO_DEADLINE, Deadline, Extension, Issue, Note, TaskRecord
from tracker.services.names import ISSUER, LEADER
from tracker.services.words import STATUS_EXPECTED, read_status

SHORT_TEXT = rules.SHORT_TEXT
STOP_COMMAND = "tracker recurrence stop"  # (what stops a stored duty: an import does not)
DEADLINE_FIELDS = ("deadline", "deadline_text", "original_deadline", "original_deadline_text", "extensions")
HISTORY_FIELDS = ("original_deadline", "original_deadline_text", "extensions")  # (an export's columns)
# a rulebook problem → the import's words for it (which say the file, row and column)
IMPORT_KEY = {
    "task.content_required": "import.required",
    "task.too_long": "import.too_long",
    "task.deadline_before_directive": "import.deadline_before_directive",
    "rules.deadline_far": "import.deadline_far",
    "task.done_in_future": "import.done_in_future",
    "task.done_before_directive": "import.done_before_directive",
    "task.extend_not_later": "import.extension_not_later",
    "task.note_in_future": "import.note_in_future",
    "task.note_before_directive": "import.note_before_directive",
    "rules.extension_not_in_force": "import.extension_not_in_force",
}
UNIT_KEY = {"unit.is_group": "import.group_unit", "unit.ambiguous": "import.ambiguous_unit",
            "unit.several": "import.several_units",
            "unit.unknown": "import.unknown_unit", "unit.unknown_none": "import.unknown_unit"}


def _iso_day(value) -> dt.date | None:
    """A JSON export's date ("2021-06-30"); None for anything else."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


class TaskRows:
    """The row path for one task table (see the module's notes)."""

    def __init__(self, lookups: Lookups, cols: Columns, *, directive: DirectiveEntry | None = None):
        self.lookups = lookups
        self.given_directive = directive  # (``--directive``: the rows that name none are its)
        self.section = ""  # the heading of the section the rows are in ("I. LĨNH VỰC KINH TẾ")
        # the sheet's ordinal column ("TT", "STT": no field of a task), which numbers a heading
        self.ordinal = next((h for h in cols.table.headers if h and field_for(h, "tasks") == "stt"), None)
        self.cols = cols
        self.present = cols.present  # (a JSON file may show more columns as it goes)
        self.update_only = bool(cols.update_only)
        self.today = lookups.today
        # vague groups among the supporting units: left out, said once per phrase
        self.ignored_groups: dict[str, list[int]] = {}
        self.directive = Memo(self._directive)
        self.lead = Memo(self._lead)
        self.support = Memo(self._support)
        self.deadline_whole = Memo(self._deadline_whole)
        self.deadline = Memo(self._deadline)
        self.completion = Memo(self._completion)
        self.progress = Memo(self._progress)
        self.rhythm = Memo(self._rhythm)
        self.short = Memo(self._short_text)
        self.issuer = Memo(self._issuer)
        self.leader = Memo(self._leader)
        self.date = Memo(self._date)
        self._given: dict[tuple, frozenset[str]] = {}

    # ------------------------------------------------------------------ a row
    def read(self, number: int, v: dict[str, Any]) -> tuple[TaskRecord | None, list[Problem]]:
        """The row's record (None when it has an error, or is a section's heading) and its
        problems, in the order of its columns."""
        if self.update_only:
            return self._read_update(number, v)
        issues: list[Issue] = []
        has, get = self.present, v.get
        lead_raw = get("lead")
        if not lead_raw or type(lead_raw) is str and lead_raw.isspace():  # (not ``filled``: each row asks)
            heading = self._heading(v)
            if heading:  # the group of the rows below it: said, no task
                self.section = heading
                return None, self._placed(number, [Issue("import.section_heading", "content", clean(get("content")),
                                                         heading, "warning")])
        content = clean(get("content"))
        for p in rules.check_content(content):
            issues.append(Issue(IMPORT_KEY[p.key], "content", "", label("tasks", "content")
                                if p.key == "task.content_required" else str(rules.CONTENT_MAX)))
        directive, ddate = self._directive_of(v, issues)
        lead, found = self.lead(lead_raw)
        if found:
            issues += found
        support = None
        if "support" in has:
            support, found, groups = self.support(_hashable(get("support")), lead)
            if found:
                issues += found
            if groups:
                self._note_groups(groups, number)
        deadline, original, extensions, rhythm = self._deadlines_of(v, ddate, issues)
        notes = clean(get("notes")) if "notes" in has else None
        status_raw = get("status")
        (status, done_on, cancel_reason), found = self.completion(status_raw, get("done_on"), get("cancel_reason"))
        if found:
            issues += found
        cancel_reason = self._check_state(status, done_on, cancel_reason, notes, ddate, status_raw, issues)
        file_id = self._id_of(get("id"), issues) if "id" in has else None
        key = ""
        if "key" in has:  # (a key is each row's own: not remembered)
            key, found = self._short_text("key", get("key"))
            if found:
                issues += found
        leader = self._leader_of(get("leader"), issues) if "leader" in has else ""
        group = self._short_of("group", get("group"), issues) if "group" in has else ""
        if not group and self.section:
            group = self.section
        progress = ()
        if "progress" in has:
            progress, found = self.progress(_hashable(get("progress")))
            if found:
                issues += found
            if progress:
                self._check_note_days(progress, ddate, issues)
        if rhythm is not None and rhythm[1] is None:  # a recurring duty's row
            self._check_duty(v, status, key, issues)
        ends = self._recurrence_ends(get("recurrence_ends"), rhythm, issues) if "recurrence_ends" in has else None
        if not issues:
            problems = []
        else:
            problems = self._placed(number, issues)
            if any(i.severity == "error" for i in issues):
                return None, problems
        given = self._given_fields(bool(key), deadline is not None, original is not None and (
            bool(extensions) or "original_deadline" in has or "original_deadline_text" in has), bool(self.section))
        record = TaskRecord(
            number, file_id, key or None, directive, content, lead, leader, group,
            deadline, original, status, done_on, cancel_reason,
            clean(get("proof")) if "proof" in has else "", notes or "", support, extensions, progress, given,
            rhythm, ends)
        return record, problems

    def _read_update(self, number: int, v: dict[str, Any]) -> tuple[TaskRecord | None, list[Problem]]:
        """A row of an update sheet (``cols.update_only``): the task it names by id or key, and
        the values of the cells it fills — a blank cell leaves the task's value as it is (a
        department reports what moved).  The same parts as ``read`` read them."""
        issues: list[Issue] = []
        has, get = self.present, v.get

        def filled(*fields: str) -> bool:
            return any(f in has and get(f) not in (None, "", []) and clean(get(f)) != "" for f in fields)

        file_id = self._id_of(get("id"), issues) if filled("id") else None
        key = self._short_of("key", get("key"), issues) if "key" in has else ""
        if file_id is None and not key and not issues:
            fld = "id" if "id" in has else "key"
            issues.append(Issue("import.update_needs_id", fld, "", self.cols.header(fld)))
        given: set[str] = {"ext_key"} if key else set()
        directive = ddate = None
        content, lead, support = "", None, None
        if filled("content"):
            content = clean(get("content"))
            given.add("content")
        if filled("directive"):
            directive, ddate = self._directive_of(v, issues)
            given.add("directive_id")
        if filled("lead"):
            lead, found = self.lead(get("lead"))
            issues += found
            given.add("lead_unit_id")
        if filled("support"):
            support, found, groups = self.support(_hashable(get("support")), lead)
            issues += found
            self._note_groups(groups, number)
            given.add("support")
        deadline = original = None
        extensions: tuple[Extension, ...] = ()
        if filled(*DEADLINE_FIELDS):
            deadline, original, extensions, _rhythm = self._deadlines_of(v, ddate, issues)
            if deadline is not None:
                given.add("deadline")
            if original is not None and ("original_deadline" in has or "original_deadline_text" in has or extensions):
                given.add("original_deadline")
        status, done_on, cancel_reason = S.OPEN, None, ""
        if filled("status", "done_on", "cancel_reason"):
            (status, done_on, cancel_reason), found = self.completion(get("status"), get("done_on"),
                                                                     get("cancel_reason"))
            issues += found
            cancel_reason = self._check_state(status, done_on, cancel_reason,
                                              clean(get("notes")) if "notes" in has else None, ddate,
                                              get("status"), issues)
            given.update(("status", "done_on", "cancel_reason"))
        texts = {}
        if filled("leader"):
            texts["leader"] = self._leader_of(get("leader"), issues)
            given.add("leader")
        if filled("group"):
            texts["work_group"] = self._short_of("group", get("group"), issues)
            given.add("work_group")
        for fld in ("proof", "notes"):
            if filled(fld):
                texts[fld] = clean(get(fld))
                given.add(fld)
        progress = ()
        if filled("progress"):
            progress, found = self.progress(_hashable(get("progress")))
            issues += found
            if progress:
                self._check_note_days(progress, ddate, issues)
        if filled("recurrence_ends"):  # (a stored duty is stopped by `tracker recurrence stop`)
            issues.append(Issue("import.recurrence_end_not_applied", "recurrence_ends",
                                clean(get("recurrence_ends")), STOP_COMMAND, "warning"))
        problems = self._placed(number, issues)
        if any(i.severity == "error" for i in issues):
            return None, problems
        return TaskRecord(number, file_id, key or None, directive, content, lead, texts.get("leader", ""),
                          texts.get("work_group", ""), deadline, original, status, done_on, cancel_reason,
                          texts.get("proof", ""), texts.get("notes", ""), support, extensions, progress,
                          frozenset(given)), problems

    # ------------------------------------------------------------------ a row's parts
    def _directive_of(self, v: dict, issues: list[Issue]) -> tuple[DirectiveEntry | None, dt.date | None]:
        has, get = self.present, v.get
        given = self.given_directive
        if given is not None and not filled(get("directive")):  # a row naming none: the run's
            return given, given.date
        issuer = None
        if "directive_issuer" in has:
            issuer, found = self.issuer(get("directive_issuer"), self.lookups.names.generation)
            if found:
                issues += found
        entry, found, wanted = self.directive(
            get("directive"), get("directive_date") if "directive_date" in has else None, issuer)
        if found:
            issues += found
        if wanted is not None:  # a directive the store lacks, named whole: planned here
            number, date, issuer = wanted
            entry = self.lookups.directives.plan(number, date, issuer, clean(get("directive_title")))
            self.directive.forget()  # (a number found before may be ambiguous now)
        return entry, entry.date if entry is not None else None

    def _directive(self, number_raw, date_raw, issuer: str | None) -> tuple:
        """(the directive, issues, what to plan) of a row's directive cells: its number, and
        the date and issuer (in the register's spelling) when the sheet has them.  One the
        store lacks is to be planned (the third item) when the row gives its date and issuer."""
        issues: list[Issue] = []
        number = clean(number_raw)
        issuer = issuer or ""
        date = None
        if date_raw not in (None, ""):
            date = self.date(date_raw)
            if date is False:
                issues.append(Issue("import.bad_date", "directive_date", date_raw, "dd/mm/yyyy"))
                date = None
        if not number:
            issues.append(Issue("import.required", "directive", "", label("tasks", "directive")))
            return None, tuple(issues), None
        directives = self.lookups.directives
        entry, key = directives.find(number, date, issuer)
        if entry is None and key == "import.unknown_directive" and date and issuer:
            return None, tuple(issues), (number, date, issuer)
        if entry is None:
            issues.append(Issue(key, "directive", number, directives.suggestions(number)))
        return entry, tuple(issues), None

    def _lead(self, raw) -> tuple[int | None, tuple[Issue, ...]]:
        text = clean(raw)
        if not text:
            return None, (Issue("import.required", "lead", "", label("tasks", "lead")),)
        match = self.lookups.units.match(text)
        for p in rules.check_unit(match, "lead"):
            return None, (Issue(UNIT_KEY[p.key], "lead", text, dict(p.params).get("suggestions", "")),)
        return match.unit.id, tuple(_close_issue(p) for p in rules.unit_close(match, "lead"))

    def _support(self, raw, lead_id: int | None) -> tuple[tuple[int, ...], tuple[Issue, ...], tuple[str, ...]]:
        """Supporting units' ids from a cell (or a JSON list), without the lead unit: each
        name one unit or a group; a group of definite units (the wards) adds them all, a
        vague one is left out (the third item; said once per phrase)."""
        if raw in (None, "", ()):
            return (), (), ()
        if isinstance(raw, tuple):
            names = [clean(n) for n in raw if clean(n)]
        else:
            names = [clean(n) for n in split_units(cell_text(raw))]
        units = self.lookups.units
        reading = rules.read_support(names, units.match, units.kinds, lead_id=lead_id)
        issues, ignored = [], []
        for p in reading.problems:
            if p.key == "rules.group_support_ignored":
                ignored.append(p.value)
            elif p.key == "unit.close":
                issues.append(_close_issue(p))
            elif p.key == "rules.lead_in_support":
                issues.append(Issue("import.lead_in_support", "support", p.value, "", "warning"))
            else:
                issues.append(Issue(UNIT_KEY[p.key], "support", p.value, dict(p.params).get("suggestions", "")))
        return tuple(reading.ids), tuple(issues), tuple(ignored)

    def _deadline_whole(self, date_raw, words_raw) -> tuple | bool:
        """The deadline of a row's cells when they name its date whole (read once for every
        directive); False when they count from the directive's date ("trong 10 ngày",
        "31/3": read per directive date, ``deadline``)."""
        names_its_date = self.lookups.deadlines.names_its_date
        for cell in (date_raw, words_raw):
            if cell in (None, "") or isinstance(cell, dt.date):
                continue
            if type(cell) is not str or not names_its_date(cell):
                return False
        return self._deadline(date_raw, words_raw, None)

    def _deadline(self, date_raw, words_raw, ddate: dt.date | None) -> tuple:
        """(the deadline, issues, its column, the words as written, the deadline as an original
        one) of a row's deadline cells — the words, or a date (an export has both: the date
        wins when the words no longer say it) — read from its directive's date for words that
        count from it (``ddate`` is None for words that name their date whole).  None: the
        sheet has no deadline."""
        has = self.present
        words = clean(words_raw) if "deadline_text" in has else ""
        fld = "deadline_text" if "deadline_text" in has else "deadline"
        date_given = None
        if date_raw not in (None, ""):
            if isinstance(date_raw, (dt.date, dt.datetime)):
                date_given = cell_date(date_raw)
            elif words:  # both: the date column is a date (an export's) …
                date_given = self.date(date_raw)
                if date_given is False:  # … unless the clerk wrote words in it: the deadline
                    date_given, words, fld = None, clean(date_raw), "deadline"
            else:
                words = clean(date_raw)
        if words:  # recurring words: a duty's rule, or one period's task of one
            recurring, issues = self.rhythm(words, fld)
            if issues:
                return None, issues, fld, words, None
            if recurring is not None:
                due = self._recurring_deadline(recurring, words, date_given)
                return due, (), fld, words, (due.date, due.text)
        if date_given is not None and not words:
            words = format_date(date_given)
        if not words:
            if "deadline" in has or "deadline_text" in has:
                return NO_DEADLINE, (), fld, "", (None, "")
            return None, (), fld, "", None
        reader = self.lookups.deadlines
        answer = reader.read(words, ddate)
        if answer.value is None:
            return None, (Issue("import.bad_deadline", fld, words, answer.reason),), fld, words, None
        if date_given is not None and answer.value.date != date_given:
            # words typed in the date's year ("30/6"), or a date edited since (it wins)
            answer = reader.read_beside(words, date_given, ddate)
        issues = tuple(Issue("import.deadline_warning", fld, words, w, "warning") for w in answer.warnings)
        value = answer.value
        return (Deadline(value.date, value.text, value.kind, value.effective), issues, fld, words,
                (value.date, value.text))

    @staticmethod
    def _rhythm(words: str, fld: str) -> tuple:
        """(the recurrence in deadline words — ``services.recurrence.read_words``, the one
        reader the task form and ``task add`` ask too — or None, issues)."""
        from tracker.services.errors import ValidationError
        from tracker.services.recurrence import read_words

        try:
            return read_words(words, field=fld), ()
        except ValidationError as exc:
            return None, (Issue("import.bad_deadline", fld, words, exc.fields.get("reason", "")),)

    def _recurring_deadline(self, recurring, words: str, date_given: dt.date | None) -> Deadline:
        """The deadline of recurring words: a duty's row has none (its recurrence makes each
        period's task); one period's task ("… - tháng 05/2021", or the rule with a date) is
        due by the date given, else by the rule's date in that period."""
        from tracker.domain.recurrence import period_of

        rule, period = recurring.rule, recurring.period
        if period is None and date_given is None:
            return Deadline(None, words, "ongoing", None, (recurring.rule_text, None))
        if period is None:
            period = period_of(rule.frequency, date_given)
        due = date_given or rule.due_in(period)
        effective = self.lookups.deadlines.read(format_date(due), None).value.effective
        return Deadline(due, words, "exact", effective, (recurring.rule_text, period.key))

    def _check_duty(self, v: dict, status: str, key: str, issues: list[Issue]) -> None:
        """A recurring duty's row keeps its rule, directive, content, lead unit, leader and
        group (each period's task is made from them): a status other than open belongs to
        one period's task (refused), the cells of one task are said to be left out."""
        has, get = self.present, v.get
        if status != S.OPEN:
            issues.append(Issue("import.recurring_status", "status", clean(get("status"))))
        given = [f for f in rules.DUTY_LEAVES if f in has and get(f) not in (None, "", []) and (f != "key" or key)]
        left = [self.cols.header(p.field) for p in rules.check_duty_fields(given)]
        if left:
            fld = "deadline_text" if "deadline_text" in has else "deadline"
            issues.append(Issue("import.recurring_cells_left", fld, ", ".join(left), "", "warning"))

    def _recurrence_ends(self, raw, rhythm, issues: list[Issue]) -> dt.date | None:
        """The day a row's recurring duty was stopped (its duty's row or one period's task; an
        export writes it on each period's task).  On another row it is said and left out."""
        if raw is None or not clean(raw):
            return None
        day = self.date(raw)
        if not day:
            issues.append(Issue("import.bad_date", "recurrence_ends", raw, "dd/mm/yyyy"))
            return None
        if rhythm is None:
            issues.append(Issue("import.recurrence_end_alone", "recurrence_ends", format_date(day), "", "warning"))
            return None
        return day

    def _deadlines_of(self, v: dict, ddate: dt.date | None, issues: list[Issue]) -> tuple:
        """(deadline, original deadline, extensions, rhythm) of a row: the deadline remembered
        per cells, the extensions and the original deadline read for the row itself; the
        rhythm (``TaskRecord.rhythm``) when the deadline, or the original one an extension
        moved, is a recurring duty's.  A row that gives both its deadline and its extensions
        must give as its deadline the last extension's new date (``rules.check_in_force``); one
        that gives its extensions alone (an update sheet's "ID, Gia hạn") has that deadline."""
        has, get = self.present, v.get
        if has.isdisjoint(DEADLINE_FIELDS):
            return None, None, (), None
        date_raw, words_raw = get("deadline"), get("deadline_text")
        answer = self.deadline_whole(date_raw, words_raw)
        if answer is False:
            answer = self.deadline(date_raw, words_raw, ddate)
        deadline, found, fld, words, original = answer
        if found:
            issues += found
            if any(i.severity == "error" for i in found):
                return None, None, (), None
        rhythm = deadline.rhythm if deadline is not None else None
        if deadline is not None and ddate is not None:  # the rulebook: a deadline against its directive
            for p in rules.check_deadline(deadline.date, ddate):
                issues.append(Issue(IMPORT_KEY[p.key], fld, words, format_date(ddate), p.severity,
                                    (("years", rules.FAR_YEARS),)))
        if has.isdisjoint(HISTORY_FIELDS):
            return deadline, original, (), rhythm
        extensions: tuple[Extension, ...] = ()
        if "extensions" in has and get("extensions") not in (None, "", []):
            extensions = self._extensions(get("extensions"), ddate, issues)
        written = None  # the deadline written beside the extensions, when it is one they moved
        if extensions and not (rhythm is not None and rhythm[1] is None):
            # the rulebook: the deadline in force is the last extension's (a duty's row keeps none)
            last = extensions[-1]
            given = deadline is not None and (deadline.date is not None or bool(words))
            if given:
                earlier = rules.deadlines_before(((e.old_date, e.new_date) for e in extensions), deadline.date)
                found = rules.check_in_force(deadline.date, last.new_date, earlier)
                for p in found:
                    issues.append(Issue(IMPORT_KEY[p.key], fld, words, format_date(last.new_date)))
                if not found and deadline.date != last.new_date:
                    # one they moved (the first deadline kept in its column, or the deadline
                    # cell of an export left as it was beside a line added): where it stood
                    written = (deadline.date, deadline.text)
            if not given or written:
                # no deadline written beside them (no column, or a blank cell), or an earlier
                # one: the last extension's is in force
                deadline = self.lookups.deadlines.read(last.new_text, ddate).value
        words = clean(get("original_deadline_text")) if "original_deadline_text" in has else ""
        raw = get("original_deadline") if "original_deadline" in has else None
        if words or raw not in (None, ""):
            original = None
            if not words:
                words = format_date(raw) if isinstance(raw, dt.date) else clean(raw)
            recurring, found = self.rhythm(words, "original_deadline")
            issues += found
            if recurring is not None:  # one period's task, extended since: its first deadline
                first = self._recurring_deadline(recurring, words, self.date(raw) or None)
                original, rhythm = (first.date, first.text), rhythm or first.rhythm
            elif not found:
                answer = self.lookups.deadlines.read(words, ddate)
                if answer.value is None:
                    issues.append(Issue("import.bad_deadline", "original_deadline", words, answer.reason))
                else:
                    original = (answer.value.date, answer.value.text)
        elif extensions and extensions[0].old_date is None and written and written[0] < extensions[0].new_date:
            original = written  # (the first extension says no "from": the one written beside it)
        elif extensions:
            original = (extensions[0].old_date, extensions[0].old_text)
        return deadline, original, extensions, rhythm

    def _extensions(self, raw, ddate: dt.date | None, issues: list[Issue]) -> tuple[Extension, ...]:
        """The extensions cell: ``30/06/2021 → 30/09/2021: lý do`` a line (JSON: objects),
        each later than the deadline in force before it (the rulebook's rule)."""
        items = []
        if isinstance(raw, list):
            for e in raw:
                if isinstance(e, dict):  # (an export's: the dates beside the words)
                    items.append((cell_text(e.get("from_text") or e.get("from") or ""),
                                  cell_text(e.get("to_text") or e.get("to") or ""),
                                  cell_text(e.get("reason") or ""), e.get("at"), e.get("by"),
                                  _iso_day(e.get("from")), _iso_day(e.get("to"))))
                else:
                    items.extend((*t, None, None, None, None) for t in parse_extensions(str(e)))
        else:
            items = [(*t, None, None, None, None) for t in parse_extensions(raw)]
        reader = self.lookups.deadlines
        out: list[Extension] = []
        in_force = None  # the deadline each extension moves (its own "from", else the one before)
        for old_words, new_words, reason, at, by, old_day, new_day in items:
            old = None
            if old_words:
                old = self._extended_from(clean(old_words), ddate)
                if old.value is not None and old_day and old.value.date != old_day:
                    old = reader.read_beside(clean(old_words), old_day, ddate)  # (JSON: the date beside)
                if old.value is None:
                    issues.append(Issue("import.bad_extension", "extensions", old_words, old.reason))
                    return ()
            new = reader.read(clean(new_words), ddate) if new_words else None
            if new is not None and new.value is not None and new_day and new.value.date != new_day:
                # words typed in another year than the directive's ("30/6" in 2021 on a 2020
                # plan): kept with the date a JSON export wrote beside them
                new = reader.read_beside(clean(new_words), new_day, ddate)
            if new is None or new.value is None or new.value.date is None:
                issues.append(Issue("import.bad_extension", "extensions", new_words or raw,
                                    (new.reason if new is not None else "") or "dd/mm/yyyy"))
                return ()
            new_date = new.value.date
            old_date = old.value.date if old is not None else None
            if old_date:
                in_force = old_date
            # an extension recorded in the file: later than the deadline it moves (the task's
            # status now says nothing about then, and an old reason may be lost)
            for p in rules.check_extension(new_date, in_force=in_force, status=None, reason_needed=False):
                issues.append(Issue(IMPORT_KEY[p.key], "extensions", f"{old_words} → {new_words}" if old_words
                                    else new_words, format_date(in_force)))
                return ()
            in_force = new_date
            try:
                at_value = dt.datetime.fromisoformat(str(at)) if at else None
            except ValueError:
                at_value = None
            out.append(Extension(old_date, old.value.text if old else "", new_date, new.value.text,
                                 clean(reason), at_value, clean(by) if by else None))
        return tuple(out)

    def _extended_from(self, words: str, ddate: dt.date | None) -> DeadlineAnswer:
        """The deadline an extension moved: one period's task of a recurring duty ("… - tháng
        05/2021") by the rule's date in that period, other words by the deadline reader."""
        recurring, _issues = self.rhythm(words, "extensions")
        if recurring is not None and recurring.period is not None:
            return DeadlineAnswer(self._recurring_deadline(recurring, words, None))
        return self.lookups.deadlines.read(words, ddate)

    def _completion(self, status_raw, done_raw, cancel_raw) -> tuple:
        """((status, done on, cancel reason), issues) of a row's status, done date and cancel
        reason cells: the date and the reason kept only for a status they belong to."""
        issues: list[Issue] = []
        status_text = clean(status_raw)
        status = None
        if status_text:
            status = read_status(status_text)
            if status is None:
                issues.append(Issue("import.bad_status", "status", status_text, STATUS_EXPECTED))
        done_on = None
        if done_raw not in (None, ""):
            done_on = self.date(done_raw)
            if done_on is False:  # dd/mm/yy is read, with a warning (rules.read_date)
                done_on, said = rules.read_date(done_raw, "done_on") if type(done_raw) is str else (None, [])
                if done_on is None:
                    issues.append(Issue("import.bad_date", "done_on", done_raw, "dd/mm/yyyy"))
                else:  # (what read_date says of a date it read: its two-digit year)
                    issues += [Issue("import.two_digit_year", "done_on", done_raw, str(done_on.year), "warning")
                               for _p in said]
        if status is None:
            status = S.DONE if done_on else S.OPEN
        if status != S.DONE and done_on is not None:
            issues.append(Issue("import.status_conflict", "status", status_text or status, label("tasks", "done_on")))
        return ((status, done_on if status == S.DONE else None,
                 clean(cancel_raw) if status == S.CANCELLED else ""), tuple(issues))

    def _check_state(self, status: str, done_on: dt.date | None, cancel_reason: str, notes: str | None,
                     ddate: dt.date | None, status_raw, issues: list[Issue]) -> str:
        """A task's state as a whole, per row (the rulebook's bounds): a done task has a done
        date (asked only of a row clean so far: its other problems come first), not after
        today nor before its directive; a cancelled one a reason — its notes if no more.
        Returns the cancel reason."""
        if status == S.CANCELLED and not cancel_reason:
            cancel_reason = notes or ""
            if not cancel_reason:
                issues.append(Issue("import.cancel_needs_reason", "status", clean(status_raw),
                                    label("tasks", "cancel_reason")))
        if status != S.DONE:
            return cancel_reason
        if done_on is None:
            if not any(i.severity == "error" for i in issues):
                issues.append(Issue("import.done_needs_date", "done_on", clean(status_raw), label("tasks", "done_on")))
            return cancel_reason
        for p in rules.check_completion(done_on, status=None, directive_date=ddate, today=self.today):
            bound = self.today if p.key == "task.done_in_future" else ddate
            issues.append(Issue(IMPORT_KEY[p.key], "done_on", format_date(done_on), format_date(bound), p.severity))
        return cancel_reason

    def _progress(self, raw) -> tuple[tuple[Note, ...], tuple[Issue, ...]]:
        """Progress notes of a cell: dated lines, or JSON objects."""
        if raw in (None, "", ()):
            return (), ()
        try:
            return _notes(raw), ()
        except (DateError, ValueError, TypeError):
            return (), (Issue("import.bad_progress", "progress", raw, "dd/mm/yyyy: …"),)

    def _check_note_days(self, notes, ddate: dt.date | None, issues: list[Issue]) -> None:
        """Each progress note's day against today and the directive's date (the rulebook's)."""
        for note in notes:
            for p in rules.check_note_day(note.on, directive_date=ddate, today=self.today):
                bound = self.today if p.key == "task.note_in_future" else ddate
                issues.append(Issue(IMPORT_KEY[p.key], "progress", format_date(note.on), format_date(bound)))

    @staticmethod
    def _short_text(fld: str, raw) -> tuple[str, tuple[Issue, ...]]:
        """A short text cell (key, leader, group): at most ``SHORT_TEXT`` long (the rulebook's)."""
        value = clean(raw)
        if rules.check_short_text(value, fld):
            return value, (Issue("import.too_long", fld, value, str(SHORT_TEXT)),)
        return value, ()

    @staticmethod
    def _date(raw) -> dt.date | None | bool:
        """A date cell; False when it is not a date."""
        try:
            return cell_date(raw)
        except DateError:
            return False

    # ------------------------------------------------------------------ small helpers
    def _leader_of(self, raw, issues: list[Issue]) -> str:
        value, found = self.leader(raw, self.lookups.names.generation)
        if found:
            issues += found
        return value

    def _leader(self, raw, _generation: int) -> tuple[str, tuple[Issue, ...]]:
        """A leader's cell: at most ``SHORT_TEXT`` long, in the register's spelling."""
        value, found = self._short_text("leader", raw)
        return self._name(LEADER, "leader", value, value, found)

    def _issuer(self, raw, _generation: int) -> tuple[str, tuple[Issue, ...]]:
        return self._name(ISSUER, "directive_issuer", clean(raw), raw)

    def _name(self, kind: str, fld: str, text: str, raw, found: tuple[Issue, ...] = ()) -> tuple:
        """(a name as its register spells it, its cell's problems): a likely misspelling is
        one unless ``--new-names`` (services.names).  The register learns a new name for the
        rows after it, so a name's part is remembered per cell and register generation
        (``NameBook.generation``): after a name is learned, a text may find otherwise."""
        spelling, said = self.lookups.names.look(kind, text)
        if said is not None:
            found = (*found, Issue(said[0], fld, raw, said[1], said[2]))
        return spelling, found

    def _short_of(self, fld: str, raw, issues: list[Issue]) -> str:
        value, found = self.short(fld, raw)
        if found:
            issues += found
        return value

    @staticmethod
    def _id_of(raw, issues: list[Issue]) -> int | None:
        if raw in (None, ""):
            return None
        tid = task_id(raw)
        if tid is None:
            issues.append(Issue("import.bad_id", "id", raw, "1, 2, 3…"))
        return tid

    def _heading(self, v: dict[str, Any]) -> str:
        """A section's heading, without its number: a row of a directive's annex that gives
        its content alone, numbered with a Roman numeral or a capital letter (in the
        ordinal column — "TT", "STT" — or before it: "I. Lĩnh vực kinh tế", "B) …") or
        written in capitals ("CẢI CÁCH HÀNH CHÍNH"); "" for any other row — a task that
        lacks its lead unit (numbered "1", "2") stays an error."""
        if [f for f in self.present if filled(v.get(f))] != ["content"]:
            return ""
        number = clean(v.get(self.ordinal)) if self.ordinal else ""
        if number and not _SECTION_NUMBER.fullmatch(number):
            return ""
        text = clean(v["content"])
        m = _SECTION_NUMBER_BEFORE.match(text)
        title = text[m.end():].strip() if m else text
        if not title or len(title) > SHORT_TEXT or not (number or m or (title.isupper() and len(title) > 3)):
            return ""
        return title

    def _note_groups(self, groups: tuple[str, ...], number: int) -> None:
        for phrase in groups:
            self.ignored_groups.setdefault(phrase, []).append(number)

    def _given_fields(self, has_key: bool, has_deadline: bool, has_original: bool, in_section: bool
                      ) -> frozenset[str]:
        """The fields a row of this sheet sets (the same for most rows: remembered)."""
        has = self.present
        memo_key = (len(has), has_key, has_deadline, has_original, in_section)  # (a JSON file's columns only grow)
        given = self._given.get(memo_key)
        if given is None:
            fields = {"directive_id", "content", "lead_unit_id", "status", "done_on", "cancel_reason"}
            if has_key:
                fields.add("ext_key")
            fields |= {col for fld, col in (("leader", "leader"), ("group", "work_group"), ("proof", "proof"),
                                            ("notes", "notes"), ("support", "support")) if fld in has}
            if has_deadline:
                fields.add("deadline")
            if has_original:
                fields.add("original_deadline")
            if in_section:  # (its heading is the group of a row giving none)
                fields.add("work_group")
            given = self._given[memo_key] = frozenset(fields)
        return given

    def _placed(self, number: int, issues: list[Issue]) -> list[Problem]:
        cols = self.cols
        return [cols.problem(i.key, number, i.field, i.value, i.expected, i.severity, **dict(i.extra))
                for i in issues]

    def group_problems(self) -> list[Problem]:
        """One warning per vague group phrase left out, with the rows it was in."""
        return [self.cols.problem("import.group_support_ignored", min(rows), "support", phrase, str(len(rows)),
                                  "warning", count=len(rows))
                for phrase, rows in self.ignored_groups.items()]


# a section's number: a Roman numeral or a capital letter — in its own cell ("II", "B."), or
# before the heading's words with ".", ")", "-" or ":" ("I. …", "B) …")
_SECTION_NUMBER = re.compile(r"(?:[IVXL]{1,5}|[A-Z])\s*[.)]?")
_SECTION_NUMBER_BEFORE = re.compile(r"^(?:[IVXL]{1,5}|[A-Z])\s*[.):\-–]\s*")


def _close_issue(p) -> Issue:
    """The rulebook's ``unit.close`` (a name read as the unit it resembles) as the row's warning."""
    params = dict(p.params)
    return Issue("import.unit_close", p.field, p.value, f"{params['code']} ({params['name']})", "warning")


def _hashable(cell):
    """A cell as a memo's key: a JSON list as a tuple (of hashable items when it can)."""
    if type(cell) is list:
        try:
            return tuple(cell) if all(type(c) is not dict and type(c) is not list for c in cell) else cell
        except TypeError:
            return cell
    return cell


def task_id(raw) -> int | None:
    """A task id cell as a positive number (None: not one); "12.0" as a number format
    leaves it is 12 (``cells.cell_whole_number``)."""
    tid = cell_whole_number(raw)
    return tid if tid is not None and tid > 0 else None


def _notes(value) -> tuple[Note, ...]:
    """Progress notes as ``Note``s: dated lines in a cell, or JSON objects."""
    if isinstance(value, (list, tuple)) and value and all(isinstance(i, dict) for i in value):
        out = []
        for item in value:
            pct = item.get("percent")
            text = clean(item.get("text"))
            if text:
                out.append(Note(cell_date(item.get("on") or item.get("date")), text,
                                int(pct) if pct not in (None, "") else None, clean(item.get("by")) or None))
        return tuple(out)
    if isinstance(value, tuple):
        value = list(value)
    return tuple(Note(on, clean(text), pct, None) for on, text, pct in parse_notes(value) if clean(text))
