"""The fields several forms share, each checked as it is typed: a date (``check_date``), the
unit names a form with no service plan of its own reads (``UnitBook``), a deadline with the
date it means (``DeadlineField``), and how a unit and a deadline are said.  The form kit they
plug into is ``forms.py``."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from tracker.domain.dates import format_date
from tracker.domain.text import nfc
from tracker.domain.unitmatch import split_units
from tracker.i18n import _
from tracker.tui.screens.forms import BAD, OK, FormScreen, error_text, problem_lines


def check_date(text: str, *, allow_empty: bool = False, today: dt.date | None = None) -> tuple[dt.date | None, str, str]:
    """(date, hint, state) for a date field, read as the services read it (``rules.read_date``;
    ``today``: the app's — a day typed without a year is in its year, "hôm qua" the day before)."""
    from tracker.domain.rules import read_date

    if not text:
        return None, ("" if allow_empty else _("tui.form.required")), ("" if allow_empty else "bad")
    day, problems = read_date(text, "date", today=today)
    if day is None:
        return None, problem_lines(problems)[0], "bad"
    said, _state = problem_lines(problems)
    return day, f"{OK} {format_date(day)}" + (f"\n{said}" if said else ""), "ok"


class UnitBook:
    """Unit names typed in a form that has no service plan of its own yet (the document
    review screen), judged by the rulebook's one verdict (``rules.check_unit``)."""

    def __init__(self, units) -> None:
        from tracker.domain.unitmatch import UnitEntry

        self.units = list(units)
        self.entries = [UnitEntry(u.id, u.code, u.name, tuple(u.aliases)) for u in self.units]
        self.names = [u.name for u in self.units] + [u.code for u in self.units]

    def describe(self, text: str) -> tuple[str, str]:
        from tracker.domain.rules import check_unit
        from tracker.domain.unitmatch import match_unit

        if not text:
            return "", ""
        m = match_unit(nfc(text), self.entries)
        problems = check_unit(m)
        if not problems:
            return f"{OK} {unit_words(m.unit)}", "ok"
        return problem_lines(problems[:1])[0], "bad"

    def describe_many(self, text: str) -> tuple[str, str]:
        names = split_units(text) if text else []
        if not names:
            return "", ""
        parts, state = [], "ok"
        for name in names:
            said, ok = self.describe(name)
            parts.append(said)
            if ok != "ok":
                state = "bad"
        return "\n".join(parts), state


def unit_words(unit) -> str:
    return f"{unit.code} · {unit.name}"


def deadline_words(value) -> str:
    said = format_date(value.date) if value.date else _("word.ongoing")
    if value.effective and value.effective != value.date:
        said += " " + _("tui.form.effective", date=format_date(value.effective))
    return said


class DeadlineField:
    """Shows what a deadline phrase means, asking the services in a worker."""

    def __init__(self, form: FormScreen, field_id: str, ref_date: Callable[[], dt.date | None]):
        self.form = form
        self.field_id = field_id
        self.ref_date = ref_date
        self.ok = True
        self._asked = 0  # answers may come back out of order: only the newest is shown

    def refresh(self) -> None:
        text = self.form.value(self.field_id)
        self._asked += 1
        asked = self._asked
        self.form.run_worker(lambda: self._read(text, asked), thread=True,
                             group=f"deadline-{self.field_id}", exit_on_error=False)

    def _read(self, text: str, asked: int) -> None:
        if not text:
            said, state, ok = _("tui.form.no_deadline"), "", True
        else:
            try:
                recurring = self.form.app.backend.read_recurrence(text)
                value = None if recurring else self.form.app.backend.read_deadline(
                    text, self.ref_date())
            except Exception as error:
                said, state, ok = f"{BAD} {error_text(error)}", "bad", False
            else:
                state, ok = "ok", True
                if recurring:  # a recurring duty: its rhythm and the next due date
                    frequency, _due, effective = recurring
                    said = f"{OK} " + _("recurrence.preview", date=format_date(effective),
                                        every=_(f"recurrence.frequency.{frequency}"))
                else:
                    said = (f"{OK} {format_date(value.date)}" if value.date
                            else f"{OK} {_('word.ongoing')}")
                    if value.effective and value.effective != value.date:
                        said += " " + _("tui.form.effective", date=format_date(value.effective))

        def show() -> None:
            if asked != self._asked:
                return
            self.ok = ok
            if self.form.is_attached:
                self.form.hint(self.field_id, said, state)

        self.form.app.call_from_thread(show)
