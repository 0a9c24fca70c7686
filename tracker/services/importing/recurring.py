"""A task sheet's recurring duties: rows whose deadline recurs ("hằng tháng, trước ngày 20"),
and rows of one period of one ("hằng tháng, trước ngày 20 - tháng 05/2021", the words each
period's task carries and an export writes).

The row path marks both (``TaskRecord.rhythm``, read by ``services.recurrence.read_words``,
the reader ``task add`` and the app's task form ask too).  A duty's row is kept away from the
task writer; a period's row is written as a task like any other.  After the sheet's tasks
(``TaskSheet.run_rows``), in the run's one transaction:

1. each duty's row finds its recurrence by directive and content, or makes it
   (``services.recurrence.create_recurrence``, from its directive's date, as ``task add``
   does).  Imported again it is unchanged; a lead unit, leader or group that differs is
   skipped, or with ``--update`` changed for the periods to come; another rule is refused
   (stop the old duty first);
2. each period's task the sheet added becomes that period's instance of its duty (made from
   its own words, from the first period the sheet gives, when neither the store nor the sheet
   has the duty) — a period that has its task already is refused;
3. the recurrences make the periods they still lack, up to the one after today's
   (``services.recurrence.make_instances``).

A period's row naming no id or key is matched by its directive, content and period
(``matching.Matcher._by_period``): the duty's tasks share the first two.  So an export of a
store with recurring duties, imported into an empty store, gives the duties back; the same
sheet imported twice makes nothing twice.
"""
from __future__ import annotations

from sqlalchemy import update

from tracker.services import history
from tracker.services.importing.records import TaskRecord
from tracker.store.tables import recurrence as R

COMPARED = (("lead_unit_id", "lead_unit_id", "lead"), ("leader", "leader", "leader"),
            ("work_group", "group", "group"))  # column, record attribute / field, header field


def is_duty(rec: TaskRecord) -> bool:
    return rec.rhythm is not None and rec.rhythm[1] is None


class RecurringRows:
    """The recurring rows of one task sheet (see the module's notes)."""

    def __init__(self, run, cols, rep, writer):
        self.run, self.cols, self.rep, self.writer = run, cols, rep, writer
        self.duties: list[TaskRecord] = []
        self.stopped: list[TaskRecord] = []  # rows saying the day their duty was stopped
        self._rules: dict[str, object] = {}

    def take(self, records: list[TaskRecord]) -> list[TaskRecord]:
        """The records for the task writer: a duty's rows are set aside for ``finish``."""
        if "recurrence_ends" in self.cols.present:  # (an export's column; most sheets lack it)
            self.stopped += [r for r in records if r.recurrence_ends is not None]
        duties = [r for r in records if r.rhythm is not None and r.rhythm[1] is None]
        if not duties:
            return records
        self.duties += duties
        return [r for r in records if not is_duty(r)]

    def finish(self) -> None:
        if not self.duties and not self.writer.periods and not self.stopped:
            return
        from tracker.services import recurrence

        run = self.run
        # the unique (recurrence, period) index, set aside for a big file, is up again
        run.indexes.restore()
        found: dict[tuple[int, str], int] = {}  # (directive, content) -> recurrence id
        first_row: dict[tuple[int, str], int] = {}
        ends = self._stop_days()
        made: set[int] = set()  # the duties this sheet makes (their stop is the sheet's)
        for rec in self.duties:
            entry = rec.directive
            if entry.id is None:
                entry.id = self.writer._directive_id(entry)
            key = (entry.id, rec.content)
            if key in first_row:
                self._reject(self.cols.problem("import.duplicate_row", rec.row, "content", rec.content,
                                               str(first_row[key]), first=first_row[key]))
                continue
            first_row[key] = rec.row
            stored = recurrence.find_recurrence(run.conn, entry.id, rec.content)
            if stored is None:
                found[key] = recurrence.create_recurrence(
                    run.ctx, run.conn, directive_id=entry.id, content=rec.content,
                    lead_unit_id=rec.lead_unit_id, leader=rec.leader, group=rec.group,
                    rule_text=rec.rhythm[0], rule=self._rule(rec.rhythm[0]),
                    ends_on=ends.get(key), batch=run.batch)
                made.add(found[key])
                self.rep.recurring += 1
            else:
                found[key] = stored.id
                self._compare(rec, stored)
        periods: dict[tuple[int, str], list[tuple[int, TaskRecord]]] = {}
        for tid, rec in self.writer.periods:
            periods.setdefault((rec.directive.id, rec.content), []).append((tid, rec))
        for key, items in periods.items():
            self._attach(key, items, found, ends, made)
        self._check_stops(ends, made)
        if found and run.report.ok:
            self.rep.periods += recurrence.make_instances(run.ctx, run.conn, list(dict.fromkeys(found.values())),
                                                          batch=run.batch)

    def _attach(self, key, items, found: dict, ends: dict, made: set[int]) -> None:
        """Each period's task of one duty made its instance (the duty made first if need be)."""
        from tracker.domain.recurrence import period_from_key
        from tracker.services import recurrence

        run = self.run
        rid = found.get(key)
        if rid is None:
            stored = recurrence.find_recurrence(run.conn, *key)
            if stored is not None:
                rid = stored.id
            else:
                rid = self._duty_of_periods(key, items, ends.get(key))
                made.add(rid)
        found[key] = rid
        duty = recurrence.recurrence_row(run.conn, rid)
        fld = "deadline_text" if "deadline_text" in self.cols.present else "deadline"
        for tid, rec in items:
            if self._rule(rec.rhythm[0]).frequency != duty.frequency:
                self._reject(self.cols.problem("import.recurring_rule_differs", rec.row, fld, rec.rhythm[0],
                                               duty.rule_text))
                continue
            period = period_from_key(duty.frequency, rec.rhythm[1])
            holder = recurrence.attach_instance(run.conn, tid, rid, period)
            if holder != tid:
                self._reject(self.cols.problem("import.recurring_period_taken", rec.row, fld,
                                               period.words, str(holder)))

    def _duty_of_periods(self, key, items, ends_on) -> int:
        """A duty neither the store nor the sheet has, made from its periods' words: from the
        first period the sheet gives (stopped on ``ends_on`` when the sheet says so)."""
        from tracker.domain.recurrence import period_from_key
        from tracker.services import recurrence

        def start(item):
            rhythm = item[1].rhythm
            return period_from_key(self._rule(rhythm[0]).frequency, rhythm[1]).start

        first = min(items, key=start)[1]
        run = self.run
        self.rep.recurring += 1
        return recurrence.create_recurrence(
            run.ctx, run.conn, directive_id=key[0], content=first.content,
            lead_unit_id=first.lead_unit_id, leader=first.leader, group=first.group,
            rule_text=first.rhythm[0], rule=self._rule(first.rhythm[0]),
            starts_on=start((0, first)), ends_on=ends_on, batch=run.batch)

    def _stop_days(self) -> dict[tuple[int, str], object]:
        """(directive, content) -> the day the first row giving its duty's stop says."""
        ends: dict[tuple[int, str], object] = {}
        for rec in self.stopped:
            entry = rec.directive
            if entry.id is None:
                entry.id = self.writer._directive_id(entry)
            ends.setdefault((entry.id, rec.content), rec.recurrence_ends)
        return ends

    def _check_stops(self, ends: dict, made: set[int]) -> None:
        """Each row's stop against its duty's: a duty in the store is stopped only by
        ``tracker recurrence stop`` (which cancels the periods after it), one this sheet makes
        by its first row saying so — a row that says otherwise is said."""
        from tracker.services import recurrence

        stored = {key: recurrence.find_recurrence(self.run.conn, *key) for key in ends}
        for rec in self.stopped:
            key = (rec.directive.id, rec.content)
            duty = stored[key]
            if duty is not None and duty.id not in made:
                if rec.recurrence_ends != duty.ends_on:
                    self._stop_not_applied(rec)
            elif rec.recurrence_ends != ends[key]:
                self._stop_not_applied(rec)

    def _stop_not_applied(self, rec: TaskRecord) -> None:
        from tracker.domain.dates import format_date
        from tracker.services.importing.rows import STOP_COMMAND

        self.run.report.add(self.cols.problem("import.recurrence_end_not_applied", rec.row, "recurrence_ends",
                                              format_date(rec.recurrence_ends), STOP_COMMAND, "warning"))

    def _compare(self, rec: TaskRecord, stored) -> None:
        """A duty's row against its stored recurrence: unchanged, skipped or updated (the
        periods to come), or refused for another rule."""
        from tracker.domain.text import fold

        run = self.run
        fld = "deadline_text" if "deadline_text" in self.cols.present else "deadline"
        if fold(stored.rule_text) != fold(rec.rhythm[0]):
            self._reject(self.cols.problem("import.recurring_rule_differs", rec.row, fld, rec.rhythm[0],
                                           stored.rule_text))
            return
        changed = {col: getattr(rec, attr) for col, attr, f in COMPARED
                   if f in self.cols.present and getattr(rec, attr) != getattr(stored, col)}
        if not changed:
            self.rep.unchanged += 1
            return
        headers = [self.cols.header(f) for col, _a, f in COMPARED if col in changed]
        if not run.update:
            self.rep.skipped += 1
            if self.rep.skipped <= 20:
                run.report.add(self.cols.at_column("import.differs", rec.row, ", ".join(headers), "",
                                                   "--update", "warning"))
            return
        units = run.lookups.units.code
        run.conn.execute(update(R).where(R.c.id == stored.id).values(
            **changed, updated_at=run.now, version=stored.version + 1))
        for col, _attr, fld_name in COMPARED:
            if col in changed:
                old, new = getattr(stored, col), changed[col]
                if col == "lead_unit_id":
                    old, new = units(old), units(new)
                history.record(run.conn, entity="recurrence", entity_id=stored.id, action="import",
                               field=fld_name, old=old, new=new, by=run.user, batch=run.batch)
        self.rep.updated += 1

    def _rule(self, text: str):
        rule = self._rules.get(text)
        if rule is None:
            from tracker.services.recurrence import read_rule

            rule = self._rules[text] = read_rule(text)
        return rule

    def _reject(self, problem) -> None:
        self.run.report.add(problem)
        self.rep.rejected += 1
