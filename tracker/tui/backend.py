"""The app's one door to the services layer.

Screens never touch the store: they call these methods from thread workers and get plain,
immutable objects back (``TaskView``, ``DirectiveView``…).  Every method is one service call
(one transaction for writes); the warnings a service leaves on the context are handed back
with the result so the screen that asked can show them.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from tracker.services.context import Context


@dataclass(frozen=True)
class Outcome:
    """A write's result and the warnings (catalogue key, fields) it produced."""

    value: Any
    warnings: tuple[tuple[str, dict], ...] = field(default_factory=tuple)


class Backend:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # writes go one at a time so each one's warnings are its own
        self._write_lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._directives = None
        self._directives_at = 0.0

    @property
    def today(self):
        return self.ctx.today

    @property
    def user(self) -> str:
        return self.ctx.user

    def close(self) -> None:
        self.ctx.close()

    # -- reads ---------------------------------------------------------------------------

    def count_tasks(self, flt) -> int:
        from tracker.services.query import count_tasks

        return count_tasks(self.ctx, flt)

    def list_tasks(self, flt, *, sort: str, descending: bool, offset: int, limit: int):
        from tracker.services.query import list_tasks

        return list_tasks(self.ctx, flt, sort=sort, descending=descending, limit=limit,
                          offset=offset, with_details=False)

    def task_position(self, flt, task_id: int, *, sort: str, descending: bool) -> int | None:
        """Where ``task_id`` stands (0-based) in the list ``flt`` and ``sort`` give, or None
        when the filter leaves it out (the table keeps its cursor on the task with it)."""
        from tracker.services.query import position_of

        return position_of(self.ctx, flt, task_id, sort=sort, descending=descending)

    def task_detail(self, task_id: int):
        from tracker.services.query import get_task

        return get_task(self.ctx, task_id)

    def resolve_filter(self, **fields):
        from tracker.services.query import resolve_filter

        return resolve_filter(self.ctx, **fields)

    def views(self):
        from tracker.services.views import list_views

        return list_views(self.ctx)

    def view_filter(self, filters: dict):
        """The TaskFilter of filter fields in the services' words (relative dates such as
        "+7" and "@me" resolved against today and the current user)."""
        from tracker.services.views import View, resolve_view_filter

        return resolve_view_filter(self.ctx, View("", "", dict(filters)))

    def units(self):
        from tracker.services.units import list_units

        return list_units(self.ctx, include_inactive=False)

    def directives(self, *, fresh: bool = False, max_age: float | None = None):
        """Every directive with its task counts, newest first.  Kept between calls (on a
        million tasks the counts take seconds); a change made through this backend,
        ``fresh``, or a copy older than ``max_age`` seconds reads them again."""
        from tracker.services.directives import list_directives

        with self._cache_lock:
            old = max_age is not None and time.monotonic() - self._directives_at > max_age
            if fresh or old or self._directives is None:
                self._directives = list_directives(self.ctx)
                self._directives_at = time.monotonic()
            return self._directives

    def forget(self) -> None:
        """Drop what is kept between calls (after a change, or on the periodic poll)."""
        with self._cache_lock:
            self._directives = None

    def directive(self, ref: str):
        """One directive as the store holds it now (an edit starts from its version)."""
        from tracker.services.directives import get_directive

        return get_directive(self.ctx, ref)

    def directive_children(self, directive_id: int):
        from tracker.services.directives import children

        return children(self.ctx, directive_id)

    def read_deadline(self, text: str, ref_date=None):
        """What a deadline phrase means (raises ValidationError when it means nothing)."""
        from tracker.services.tasks import read_deadline

        saved = list(self.ctx.warnings)
        try:
            return read_deadline(self.ctx, text, ref_date)
        finally:
            self.ctx.warnings[:] = saved

    def check_name(self, kind: str, text: str):
        """What the issuer or leader register reads ``text`` as (nothing written)."""
        from tracker.services.names import check

        return check(self.ctx, kind, text)
    def read_recurrence(self, text: str):
        """(frequency, next due date as written, its effective date) when ``text`` asks for
        a recurring duty ("hằng tháng, trước ngày 20"), else None (raises ValidationError
        for an impossible one)."""
        from tracker.services.recurrence import next_due, read_rule

        rule = read_rule(text)
        if rule is None:
            return None
        due = next_due(rule, self.ctx.today)
        return rule.frequency, due, self.ctx.calendar().effective_deadline(due)

    # -- reports (tracker.reports: aggregated in SQL) -----------------------------------

    def summary(self, start, end, *, by: str = "unit", basis: str | None = None):
        """The period review for ``start``..``end``: counts per ``by`` key and in total,
        the tasks of the period taken by the one period rule (domain.periods: by default
        by the directive's date, as ``report summary`` counts them)."""
        from tracker.domain.periods import DEFAULT_BASIS
        from tracker.reports.queries import summary_report

        basis = basis or DEFAULT_BASIS
        return summary_report(self.ctx, by=by, start=start, end=end, basis=basis)

    def overdue(self, *, within: int = 7, limit: int = 30):
        from tracker.reports.queries import overdue_report

        return overdue_report(self.ctx, within=within, limit=limit)

    def period(self, text: str):
        """(first day, last day) of a period written as people write it."""
        from tracker.services.reporting import read_period

        return read_period(self.ctx, text)

    def register_names(self, kind: str) -> list[str]:
        """The issuer or leader register's names and their other spellings, for completion."""
        from tracker.services.names import entries_of

        with self.ctx.read() as conn:
            return [n for e in entries_of(conn, kind) for n in (e.name, *e.aliases)]

    def spellings(self, kind: str) -> dict[str, str]:
        """Each name of the issuer or leader register → its other spellings as one text (the
        directives' search finds "UBND thành phố" by "ubnd tp" too)."""
        from tracker.services.names import entries_of

        with self.ctx.read() as conn:
            return {e.name: " ".join(e.aliases) for e in entries_of(conn, kind)}

    def write_report(self, kind: str, path: str, **options):
        """A report or list written to ``path`` from the desk (services.reporting)."""
        from tracker.i18n import get_lang
        from tracker.services.reporting import write_report

        return write_report(self.ctx, kind, path, lang=get_lang(), **options)

    def read_day(self, text: str, fld: str):
        """A day the clerk typed (dd/mm/yyyy …), as the commands read ``--as-of``."""
        from tracker.services.rulebook import read_day

        return read_day(self.ctx, text, fld)

    def overdue_preview(self, width: int = 100) -> str:
        from tracker.i18n import get_lang
        from tracker.services.reporting import overdue_preview

        return overdue_preview(self.ctx, lang=get_lang(), width=width)

    # -- writes --------------------------------------------------------------------------

    def _write(self, call: Callable[..., Any], *args, **kwargs) -> Outcome:
        with self._write_lock:
            self.ctx.warnings.clear()
            try:
                value = call(self.ctx, *args, **kwargs)
                return Outcome(value, tuple(self.ctx.warnings))
            finally:
                self.ctx.warnings.clear()
                self.forget()

    def add_task(self, **fields) -> Outcome:
        from tracker.services.tasks import add_task

        return self._write(add_task, **fields)

    def edit_task(self, task_id: int, **fields) -> Outcome:
        from tracker.services.tasks import edit_task

        return self._write(edit_task, task_id, **fields)

    def complete_task(self, task_id: int, **fields) -> Outcome:
        from tracker.services.tasks import complete_task

        return self._write(complete_task, task_id, **fields)

    def reopen_task(self, task_id: int, **fields) -> Outcome:
        from tracker.services.tasks import reopen_task

        return self._write(reopen_task, task_id, **fields)

    def stop_recurrence(self, rec_id: int, on: str, reason: str) -> Outcome:
        """Stop a recurring duty from the day typed (read as ``recurrence stop --on`` reads it)."""
        from tracker.services.recurrence import stop_recurrence
        from tracker.services.rulebook import read_day

        return self._write(lambda ctx: stop_recurrence(ctx, rec_id, on=read_day(ctx, on, "stop_on"), reason=reason))

    def cancel_task(self, task_id: int, **fields) -> Outcome:
        from tracker.services.tasks import cancel_task

        return self._write(cancel_task, task_id, **fields)

    def extend_task(self, task_id: int, **fields) -> Outcome:
        from tracker.services.tasks import extend_task

        return self._write(extend_task, task_id, **fields)

    def add_note(self, task_id: int, text: str, **fields) -> Outcome:
        from tracker.services.tasks import add_note

        return self._write(add_note, task_id, text, **fields)

    def change_many(self, action: str, targets, **fields) -> Outcome:
        """One change to several tasks (``services.bulk.change_many``)."""
        from tracker.services.bulk import change_many

        return self._write(change_many, action, targets, **fields)

    def check_task(self, task_id: int | None = None, **fields):
        """The task form's live check: the plan the save would follow (``services.tasks``)."""
        from tracker.services.tasks import check_task

        return check_task(self.ctx, task_id, **fields)

    def check_change(self, action: str, task_ids, **fields) -> dict:
        """A change form's live check: task id → the problems the save would meet."""
        from tracker.services.tasks import check_change

        return check_change(self.ctx, action, task_ids, **fields)

    def import_files(self, paths: list[str], *, update: bool = False, dry_run: bool = True,
                     directive: str | None = None):
        """The importer's report for ``paths`` (one transaction; rolled back on a dry run
        or on any rejected row); ``directive``: that of the task rows naming none."""
        from tracker.services.importing import import_files

        with self._write_lock:
            try:
                return import_files(self.ctx, paths, update=update, dry_run=dry_run, directive=directive)
            finally:
                if not dry_run:
                    self.forget()

    def propose_document(self, path: str):
        """The tasks read from a directive's document (nothing written)."""
        from tracker.services.extraction import propose

        return propose(self.ctx, path)

    def rematch_proposed(self, task, *, lead: str, support: list[str]) -> None:
        from tracker.services.extraction import rematch

        rematch(self.ctx, task, lead=lead, support=support)

    def record_extraction(self, proposal, accepted) -> Outcome:
        """The directive and the accepted tasks, in one transaction."""
        from tracker.services.extraction import apply

        return self._write(apply, proposal, update=proposal.recorded_id is not None, only=accepted)

    def file_preview(self, path: str, limit: int) -> tuple[list[str], list[tuple[int, dict]]]:
        """The first ``limit`` rows of a file as the importer reads them (row numbers as
        in the file), to show beside the dry run's problems."""
        from tracker.services.file_preview import preview_file

        return preview_file(path, limit)

    def undo_last_change(self, task_id: int, **fields) -> Outcome:
        from tracker.services.tasks import undo_last_change

        return self._write(undo_last_change, task_id, **fields)

    def plan_undo_many(self, task_ids: list[int]) -> list:
        """What undo would take back on each task (``services.bulk.plan_undo_many``: tried
        in a transaction rolled back, so it waits its turn with the writes)."""
        from tracker.services.bulk import plan_undo_many

        return self._write(plan_undo_many, task_ids).value

    def undo_many(self, targets) -> Outcome:
        """The newest change of each task taken back in one transaction, all or none
        (``services.bulk.undo_many``)."""
        from tracker.services.bulk import undo_many

        return self._write(undo_many, targets)

    def save_view(self, name: str, filters: dict) -> Outcome:
        from tracker.services.views import save_view

        return self._write(save_view, name, filters)

    def delete_view(self, name: str) -> Outcome:
        from tracker.services.views import delete_view

        return self._write(delete_view, name)

    def add_directive(self, number: str, **fields) -> Outcome:
        from tracker.services.directives import add_directive

        return self._write(add_directive, number, **fields)

    def edit_directive(self, ref: str, **fields) -> Outcome:
        from tracker.services.directives import edit_directive

        return self._write(edit_directive, ref, **fields)
