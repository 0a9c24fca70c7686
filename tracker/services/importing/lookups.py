"""What a row's cells are looked up in: the store's units and directives as they stood when
the run began (plus what the run adds), the words for yes/no (a status's and a unit kind's
are ``services.words``), and the one deadline reader.  Loaded once per run, in memory: a row
never asks the store.

A directive a task row names by number, date and issuer that the store lacks is *planned*
here (``Directives.plan``): later rows find it like any other, and the writer creates it
before the first record that names it is written (``DirectiveEntry.id`` is None until then).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from tracker.domain.dates import format_date
from tracker.domain.deadlines import names_its_date
from tracker.domain.text import fold
from tracker.domain.unitmatch import UnitEntry, UnitMatch, match_unit
from tracker.store.tables import directive as D
from tracker.store.tables import unit as U

# --------------------------------------------------------------------------- words

YES = {"1", "true", "yes", "co", "x", "dang hoat dong", "hoat dong", "active"}
NO = {"0", "false", "no", "khong", "ngung hoat dong", "inactive", "ngung"}


def type_code(value: str) -> str | None:
    """A document type as its code ('Kết luận' → 'KL', ``docnumbers.known_type_code``); ''
    for a Công văn, written 'CV' too in a sheet; None: unknown."""
    from tracker.domain.docnumbers import known_type_code

    return "" if fold(value) == "cv" else known_type_code(value)


# --------------------------------------------------------------------------- units

class Units:
    """The store's units, matched by the one unit matcher and judged by the rulebook."""

    def __init__(self, conn):
        from tracker.services.units import kinds_of

        rows = conn.execute(select(U.c.id, U.c.code, U.c.name, U.c.aliases, U.c.active)).all()
        self.entries = [UnitEntry(r.id, r.code, r.name, tuple(a for a in (r.aliases or "").split("|") if a),
                                  bool(r.active)) for r in rows]
        self.by_id = {u.id: u for u in self.entries}
        self.inactive = {u.id for u in self.entries if not u.active}  # (a ward merged away)
        self.kinds = kinds_of(conn)  # (what a group stands for: its active units)
        self._matches: dict[str, UnitMatch] = {}

    def match(self, text: str) -> UnitMatch:
        """The one unit matcher's answer for a name as written (the rulebook judges it)."""
        hit = self._matches.get(text)
        if hit is None:
            hit = match_unit(text, self.entries)
            if len(self._matches) < 100_000:
                self._matches[text] = hit
        return hit

    def code(self, uid: int) -> Any:
        """A unit's code, as history records it (its id if it is gone)."""
        unit = self.by_id.get(uid)
        return unit.code if unit is not None else uid


# --------------------------------------------------------------------------- directives

@dataclass(slots=True)
class DirectiveEntry:
    """A directive as the run knows it: ``id`` None while it is only planned by a task row."""

    id: int | None
    number: str
    date: dt.date
    issuer: str
    title: str = ""
    type_code: str = ""

    def __reduce__(self):  # (to the writer from the reader process: see records.py)
        return DirectiveEntry, (self.id, self.number, self.date, self.issuer, self.title, self.type_code)

    @property
    def key(self) -> tuple:
        """What one directive is: its number (as ``number_key`` compares it), issuer, date."""
        from tracker.services.directives import number_key

        return number_key(self.number), fold(self.issuer), self.date


class Directives:
    """The store's directives by ``number_key``, and those the run plans or adds."""

    def __init__(self, conn):
        from tracker.services.directives import number_key

        self.number_key = number_key
        self.by_number: dict[str, list[DirectiveEntry]] = {}
        self.by_id: dict[int, DirectiveEntry] = {}
        for r in conn.execute(select(D.c.id, D.c.number, D.c.number_key, D.c.issue_date, D.c.issuer)):
            self.add(DirectiveEntry(r.id, r.number, r.issue_date, r.issuer))

    def find(self, number: str, date: dt.date | None, issuer: str) -> tuple[DirectiveEntry | None, str]:
        """(the directive, '') or (None, problem key) for a reference by number (date and
        issuer narrowing it when given)."""
        cands = self.by_number.get(self.number_key(number), [])
        if date is not None:
            cands = [c for c in cands if c.date == date]
        if issuer and len(cands) > 1:
            fi = fold(issuer)
            cands = [c for c in cands if fold(c.issuer) == fi] or cands
        if len(cands) == 1:
            return cands[0], ""
        return None, "import.unknown_directive" if not cands else "import.ambiguous_directive"

    def entry(self, conn, ref: str) -> DirectiveEntry:
        """The stored directive ``ref`` names (number, number@date, id), as every command
        resolves one (``services.directives.resolve``: refused, with the closest numbers,
        when unknown or ambiguous)."""
        from tracker.services.directives import resolve

        did = resolve(conn, ref)
        known = self.by_id.get(did)
        if known is None:
            r = conn.execute(select(D.c.number, D.c.issue_date, D.c.issuer).where(D.c.id == did)).one()
            known = self.add(DirectiveEntry(did, r.number, r.issue_date, r.issuer))
        return known

    def date_of(self, did: int | None) -> dt.date | None:
        """The issue date of the directive with id ``did``."""
        entry = self.by_id.get(did)
        return entry.date if entry is not None else None

    def find_exact(self, number: str, date: dt.date | None, issuer: str) -> DirectiveEntry | None:
        want = (self.number_key(number), fold(issuer), date)
        for entry in self.by_number.get(want[0], []):
            if entry.date == date and fold(entry.issuer) == want[1]:
                return entry
        return None

    def suggestions(self, number: str) -> str:
        key = self.number_key(number)
        out = [f"{k}@{format_date(e.date)} ({e.issuer})"
               for k in self.by_number if key[:4] and k.startswith(key[:4]) for e in self.by_number[k]]
        return ", ".join(out[:5])  # ('' when none is close: the message says so)

    def add(self, entry: DirectiveEntry) -> DirectiveEntry:
        self.by_number.setdefault(self.number_key(entry.number), []).append(entry)
        if entry.id is not None:
            self.by_id[entry.id] = entry
        return entry

    def plan(self, number: str, date: dt.date, issuer: str, title: str) -> DirectiveEntry:
        """A directive a task row names that the store lacks: known from now on, made by the
        writer (``settle``) before the first record naming it is written."""
        from tracker.domain.docnumbers import type_of_number, written_number

        number = written_number(number)  # (as `directive add` writes it)
        return self.add(DirectiveEntry(None, number, date, issuer, title, type_of_number(number)))

    def settle(self, entry: DirectiveEntry, did: int) -> None:
        """``entry`` was created with id ``did`` (the same entry here, or a copy of it from the
        reader process)."""
        known = self.find_exact(entry.number, entry.date, entry.issuer)
        if known is None:
            known = self.add(DirectiveEntry(None, entry.number, entry.date, entry.issuer, entry.title,
                                            entry.type_code))
        known.id = did
        self.by_id[did] = known


# --------------------------------------------------------------------------- deadlines

@dataclass(frozen=True, slots=True)
class DeadlineAnswer:
    """Deadline words read: the value (None: not a deadline, ``reason`` says why) and the
    reader's warnings."""

    value: Any  # services.tasks.DeadlineValue
    warnings: tuple[str, ...] = ()
    reason: str = ""


class DeadlineReader:
    """The one deadline reader (``services.tasks.read_deadline``), remembered per words —
    and per directive date for words that count from it ("trong 10 ngày", "31/3")."""

    def __init__(self, ctx):
        self.ctx = ctx
        self._answers: dict[tuple, DeadlineAnswer] = {}
        self._own_date: dict[str, bool] = {}

    def names_its_date(self, words: str) -> bool:
        """Whether words give their date whole (a year, nothing counted from the directive)."""
        hit = self._own_date.get(words)
        if hit is None:
            hit = names_its_date(words)
            if len(self._own_date) < 200_000:
                self._own_date[words] = hit
        return hit

    def read(self, words: str, ref: dt.date | None) -> DeadlineAnswer:
        key = (words, None if self.names_its_date(words) else ref)
        hit = self._answers.get(key)
        if hit is None:
            from tracker.services.errors import TrackerError
            from tracker.services.tasks import read_deadline

            ctx = self.ctx
            before = len(ctx.warnings)
            try:
                value = read_deadline(ctx, words, ref)
                hit = DeadlineAnswer(value, tuple(str(w[1].get("warning", "")) for w in ctx.warnings[before:]))
            except TrackerError as exc:
                hit = DeadlineAnswer(None, (), exc.fields.get("reason") or exc.message())
            del ctx.warnings[before:]
            if len(self._answers) < 200_000:
                self._answers[key] = hit
        return hit

    def read_beside(self, words: str, day: dt.date, ref: dt.date | None) -> DeadlineAnswer:
        """Words written beside the date they mean (an export's deadline and its words, a
        JSON extension's): read from ``ref`` as ever; when they say another date there, and
        read in ``day``'s own year they say ``day`` ("30/6" typed in 2021 on a 2020 plan),
        they are kept with it; else the date wins (words left as they were when the date was
        edited)."""
        answer = self.read(words, ref)
        if answer.value is None or answer.value.date == day:
            return answer
        typed_then = self.read(words, dt.date(day.year, 1, 1))
        if typed_then.value is not None and typed_then.value.date == day:
            return DeadlineAnswer(typed_then.value)
        return self.read(format_date(day), ref)


class Lookups:
    """Everything a row is looked up in, for one run."""

    def __init__(self, ctx, conn, *, new_names: bool = False):
        from tracker.services.names import NameBook

        self.today: dt.date = ctx.today
        self.user: str = ctx.user
        # the issuer and leader registers: a known name is stored in its register's spelling
        self.names = NameBook(conn, new_names=new_names)
        self.units = Units(conn)
        self.directives = Directives(conn)
        self.deadlines = DeadlineReader(ctx)

    def reload_units(self, conn) -> None:
        self.units = Units(conn)
