"""Unit and directive sheets: a row at a time (an office has hundreds, not millions).

A unit is the store's unit with its code (else its name, without diacritics or case); a
directive the one with its number, issuer and date (numbers restart every year and term).
A row that matches and differs is skipped (said) or, with ``--update``, changed field by
field with a history entry for each change.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert, select, update

from tracker.domain import rules
from tracker.domain.dates import DateError, format_date, parse_date
from tracker.domain.text import fold
from tracker.io.cells import cell_date, cell_text, cell_whole_number, split_list
from tracker.domain.unitmatch import UnitEntry
from tracker.io.headers import REGISTER_FIELDS, label
from tracker.services import units as units_service
from tracker.services.importing.columns import BelowTheTable, Columns, clean, filled
from tracker.domain.docnumbers import type_of_number, written_number
from tracker.services.importing.lookups import NO, YES, DirectiveEntry, type_code
from tracker.services.importing.report import FileReport
from tracker.services.importing.writer import add_directive, history_rows
from tracker.services.words import read_unit_kind
from tracker.store.db import fix_sequence
from tracker.services.names import ISSUER
from tracker.store.tables import directive as D
from tracker.store.tables import history as H
from tracker.store.tables import unit as U

UNIT_KINDS_EXPECTED = "Phòng chuyên môn, Đơn vị sự nghiệp, UBND phường, Cơ quan khác"
DOC_TYPES_EXPECTED = "NQ, KL, CT, QĐ, KH, CTr, TB, Công văn…"


class _Sheet:
    """What both sheets share: the run, the table's columns, the file's report."""

    def __init__(self, run, table, cols: Columns, rep: FileReport, progress=None):
        self.run, self.conn, self.table, self.cols, self.rep = run, run.conn, table, cols, rep
        self.explicit_ids = False
        # the errors this sheet's rows had: a row with one is rejected (compared before and
        # after it).  Counted here, not by the run's report, which leaves out an empty cell
        # of a missing required column (said once at the header) — such a row is not whole
        self.errors = 0

    def problem(self, key: str, row: int, fld: str, value: Any = "", expected: str = "",
                severity: str = "error", **extra) -> None:
        if severity == "error":
            self.errors += 1
        self.run.report.add(self.cols.problem(key, row, fld, value, expected, severity, **extra))

    def said(self, problems) -> None:
        for problem in problems:
            self.run.report.add(problem)

    def rows(self, whole) -> Iterator[tuple[int, dict]]:
        """The table's rows as (row, cells by field); the lines below it (a signature
        block: ``columns.BelowTheTable``, rows not ``whole``) left out, said once."""
        end = BelowTheTable(self.cols, whole)
        yield from end.rows(self.table, self.said)
        below = end.problem()
        if below is not None:
            self.run.report.add(below)

    def free_id(self, raw, taken: set[int]) -> int | None:
        """The file's id for a new row when it is a free positive integer."""
        if raw in (None, ""):
            return None
        value = cell_whole_number(raw)
        if value is None or value <= 0 or value in taken:
            return None
        taken.add(value)
        self.explicit_ids = True
        return value

    def history(self, entity: str, rid: int, action: str, changes) -> list[dict]:
        run = self.run
        return history_rows(entity, rid, action, changes, at=run.now, by=run.user, batch=run.batch)

    def apply(self, entity: str, tbl, rid: int, values: dict, changes: dict, row: int, *,
              versioned: bool = False) -> None:
        """A matched row: unchanged, skipped (said) or, with ``--update``, changed."""
        if not changes:
            self.rep.unchanged += 1
            return
        if not self.run.update:
            self.rep.skipped += 1
            if self.rep.skipped <= 20:
                self.run.report.add(self.cols.at_column("import.differs", row, ", ".join(changes), "", "--update",
                                                        "warning"))
            return
        if versioned:
            values = dict(values, version=tbl.c.version + 1, updated_at=self.run.now)
        if values:
            self.conn.execute(update(tbl).where(tbl.c.id == rid).values(**values))
        self.conn.execute(insert(H), self.history(entity, rid, "import", changes))
        self.rep.updated += 1


class UnitSheet(_Sheet):
    def run_rows(self) -> None:
        units = self.run.lookups.units.entries
        by_code = {fold(u.code): u.id for u in units}
        by_name = {fold(u.name): u.id for u in units}
        stored = {r.id: r for r in self.conn.execute(select(U)).all()}
        known = {u.id: u for u in units}  # as this run leaves them, for the names rule
        taken = set(stored)
        seen: dict[str, int] = {}
        added: dict[int, int] = {}  # unit id -> the row that added it in this run
        for number, v in self.rows(lambda cells: filled(cells.get("name"))):
            self.rep.rows += 1
            before = self.errors
            name, code = clean(v.get("name")), clean(v.get("code"))
            if not name:
                self.problem("import.required", number, "name", "", label("units", "name"))
            for fld, value, most in (("code", code, 40), ("name", name, 255)):  # the columns' sizes
                if len(value or "") > most:
                    self.problem("import.too_long", number, fld, value, str(most))
            kind_raw = clean(v.get("kind"))
            kind = read_unit_kind(kind_raw) if kind_raw else None
            if kind_raw and kind is None:
                self.problem("import.bad_unit_kind", number, "kind", kind_raw, UNIT_KINDS_EXPECTED)
            if kind is None:
                kind = units_service.kind_from_name(name)
            aliases = [clean(a) for a in split_list(v.get("aliases"))] if "aliases" in self.cols.present else None
            active_given = "active" in self.cols.present and v.get("active") not in (None, "")
            active = True
            if active_given:
                word = fold(cell_text(v.get("active")))
                if word in NO:
                    active = False
                elif word not in YES:
                    self.problem("import.bad_bool", number, "active", word, "1 / 0")
            ident = fold(code) if code else fold(name)
            if ident in seen:
                self.problem("import.duplicate_row", number, "code" if code else "name", code or name,
                             str(seen[ident]), first=seen[ident])
            elif ident:
                seen[ident] = number
            if self.errors > before:
                self.rep.rejected += 1
                continue
            uid = by_code.get(fold(code)) if code else by_name.get(fold(name))
            if uid in added:  # a unit an earlier row added (its code made from its name, say)
                self.problem("import.duplicate_row", number, "code" if code else "name", code or name,
                             str(added[uid]), first=added[uid])
                self.rep.rejected += 1
                continue
            old_names = () if uid is None else (known[uid].name, *known[uid].aliases)
            new_names = [code if uid is None else "", name, *(aliases or ())]
            clash = units_service.name_clash(known.values(), uid, [x for x in new_names if x not in old_names])
            if clash is not None:
                column = "aliases" if clash.text in (aliases or ()) and clash.text not in (code, name) else (
                    "code" if clash.text == code else "name")
                fields = clash.fields()
                self.problem("import.unit_name_taken", number, column, clash.text, "", what=fields["what"],
                             owner=f"{fields['code']} ({fields['name']})")
                self.rep.rejected += 1
                continue
            if uid is None:
                code = code or _make_code(name, set(by_code))
                values = dict(code=code, name=name, name_folded=fold(name), kind=kind,
                              aliases="|".join(aliases or ()), aliases_folded="|".join(fold(a) for a in aliases or ()),
                              active=active, created_at=self.run.now)
                given = self.free_id(v.get("id"), taken)
                if given:
                    values["id"] = given
                uid = self.conn.execute(insert(U).values(**values)).inserted_primary_key[0]
                self.conn.execute(insert(H).values(self.history("unit", uid, "create", {"": (None, f"{code} {name}")})))
                by_code[fold(code)] = by_name[fold(name)] = uid
                known[uid] = UnitEntry(uid, code, name, tuple(aliases or ()))
                added[uid] = number
                self.rep.added += 1
                continue
            old = stored[uid]
            changes, values = {}, {}
            if name and name != old.name:
                values.update(name=name, name_folded=fold(name))
                changes["name"] = (old.name, name)
            if "kind" in self.cols.present and kind_raw and kind != old.kind:
                values["kind"] = kind
                changes["kind"] = (old.kind, kind)
            if aliases is not None and "|".join(aliases) != (old.aliases or ""):
                values.update(aliases="|".join(aliases), aliases_folded="|".join(fold(a) for a in aliases))
                changes["aliases"] = (old.aliases, "|".join(aliases))
            if active_given and active != bool(old.active):
                values["active"] = active
                changes["active"] = (bool(old.active), active)
            known[uid] = UnitEntry(uid, old.code, values.get("name", old.name),
                                   tuple(aliases) if aliases is not None else known[uid].aliases)
            self.apply("unit", U, uid, values, changes, number)
        if self.explicit_ids:
            fix_sequence(self.conn, U.name)
        self.run.lookups.reload_units(self.conn)


class DirectiveSheet(_Sheet):
    def run_rows(self) -> None:
        directives = self.run.lookups.directives
        stored = {r.id: r for r in self.conn.execute(select(D)).all()}
        taken = set(stored)
        seen: dict[tuple, int] = {}
        parents: list[tuple[int, str, int]] = []  # (directive id, parent ref, row)
        present = self.cols.present
        for row, v in self.rows(lambda cells: filled(cells.get("number")) and filled(cells.get("issuer"))):
            self.rep.rows += 1
            before = self.errors
            number, title = written_number(clean(v.get("number"))), clean(v.get("title"))
            issuer = self.run.lookups.names.read(ISSUER, clean(v.get("issuer")), lambda key, closest, severity: self.problem(
                key, row, "issuer", v.get("issuer"), closest, severity))
            signer, notes = clean(v.get("signer")), clean(v.get("notes"))
            if any(f in present for f in REGISTER_FIELDS):  # an e-office register
                notes = self._register_notes(v, notes, row)
            for fld, value in (("number", number), ("issuer", issuer)):
                if not value:
                    self.problem("import.required", row, fld, "", label("directives", fld))
            for fld, value in (("issuer", issuer), ("signer", signer)):
                if rules.check_short_text(value, fld):
                    self.problem("import.too_long", row, fld, value, str(rules.SHORT_TEXT))
            if len(number or "") > 80:  # (the column's size)
                self.problem("import.too_long", row, "number", number, "80")
            date = None
            try:
                date = cell_date(v.get("date"))
                if date is None:
                    self.problem("import.required", row, "date", "", label("directives", "date"))
            except DateError as exc:
                self.problem("import.bad_date", row, "date", v.get("date"), "dd/mm/yyyy", reason=exc.reason)
            type_raw = clean(v.get("type"))
            code = type_code(type_raw) if type_raw else None
            if type_raw and code is None:
                self.problem("import.bad_doc_type", row, "type", type_raw, DOC_TYPES_EXPECTED)
            if code is None and number:
                code = type_of_number(number)
            for p in rules.check_directive(number=number, issuer=issuer, title="-", issue_date=date,
                                           today=self.run.today):
                if p.key == "directive.date_in_future":
                    self.problem("import.date_in_future", row, "date", format_date(date),
                                 format_date(self.run.today), "warning")
            ident = (directives.number_key(number), fold(issuer), date)
            if number and date and ident in seen:
                self.problem("import.duplicate_row", row, "number", number, str(seen[ident]), first=seen[ident])
            elif number and date:
                seen[ident] = row
            if self.errors > before:
                self.rep.rejected += 1
                continue
            parent_ref = clean(v.get("parent"))
            found = directives.find_exact(number, date, issuer)
            if found is None:
                run = self.run
                did = add_directive(self.conn, run.lookups, DirectiveEntry(None, number, date, issuer, title, code or ""),
                                    at=run.now, by=run.user, batch=run.batch, signer=signer, notes=notes,
                                    given_id=self.free_id(v.get("id"), taken))
                self.rep.added += 1
                if parent_ref:
                    parents.append((did, parent_ref, row))
                continue
            old = stored.get(found.id)
            if old is None:  # added earlier in this run
                self.problem("import.duplicate_row", row, "number", number, "")
                self.rep.rejected += 1
                continue
            values, changes = {}, {}
            for fld, col, value in (("title", "title", title), ("signer", "signer", signer),
                                    ("notes", "notes", notes), ("type", "type_code", code)):
                if fld in present and value is not None and value != getattr(old, col) and (fld != "type" or type_raw):
                    values[col] = value
                    changes[col] = (getattr(old, col), value)
            if "title" in values:
                values["title_folded"] = fold(values["title"])
            if number != old.number:
                values["number"] = number
                changes["number"] = (old.number, number)
            if parent_ref:
                parents.append((found.id, parent_ref, row))
            self.apply("directive", D, found.id, values, changes, row, versioned=True)
        if self.explicit_ids:
            fix_sequence(self.conn, D.name)
        self._parents(parents)

    def _register_notes(self, v: dict, notes: str, row: int) -> str:
        """What an e-office register says of an incoming document that the store has no
        column for — its number and day of arrival, who handles it, the deadline for handling
        it (read by the deadline parser, counted from the day it arrived) — in its notes."""
        from tracker.domain.deadlines import DeadlineError, parse_deadline
        from tracker.i18n import _ as say

        parts = []
        received = None
        try:
            received = cell_date(v.get("received_date"))
        except DateError as exc:
            self.problem("import.bad_date", row, "received_date", v.get("received_date"), "dd/mm/yyyy",
                         reason=exc.reason)
        if clean(v.get("received_no")) or received:
            parts.append(say("import.register.received", number=clean(v.get("received_no")) or "-",
                             date=format_date(received) if received else "-"))
        if clean(v.get("recipient")):
            parts.append(say("import.register.recipient", who=clean(v.get("recipient"))))
        due = v.get("due")
        if isinstance(due, (dt.date, dt.datetime)):
            due = format_date(due.date() if isinstance(due, dt.datetime) else due)
        due = clean(due)
        if due:
            try:
                d = parse_deadline(due, ref_date=received or self.run.today)
                parts.append(say("import.register.due", words=due, date=format_date(d.date) if d.date else due))
            except DeadlineError as exc:
                self.problem("import.bad_deadline", row, "due", due, say(exc.reason))
        return "\n".join(p for p in (notes, *parts) if p)

    def _parents(self, parents: list[tuple[int, str, int]]) -> None:
        """Parents may come later in the file than their children: resolved last."""
        directives = self.run.lookups.directives
        for did, ref, row in parents:
            number, date = ref, None
            if "@" in ref:
                number, _, date_text = ref.rpartition("@")
                try:
                    date = parse_date(date_text)
                except DateError:
                    number = None
            entry = directives.find(number.strip(), date, "")[0] if number else None
            if entry is None:
                self.problem("import.unknown_parent", row, "parent", ref, directives.suggestions(ref.split("@")[0]))
                continue
            if entry.id == did:
                self.problem("import.self_parent", row, "parent", ref, "")
                continue
            current = self.conn.execute(select(D.c.parent_id).where(D.c.id == did)).scalar()
            if current != entry.id:
                if current is not None and not self.run.update:
                    continue
                self.conn.execute(update(D).where(D.c.id == did).values(parent_id=entry.id))
                if current is not None:
                    self.conn.execute(insert(H), self.history("directive", did, "import", {"parent": (current, entry.id)}))


def _make_code(name: str, taken: set[str]) -> str:
    words = [w for w in re.split(r"[^0-9a-z]+", fold(name)) if w]
    base = "".join(w[0] for w in words).upper() or "DV"
    code, n = base, 2
    while fold(code) in taken:
        code = f"{base}{n}"
        n += 1
    taken.add(fold(code))
    return code
