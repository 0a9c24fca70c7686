"""Exporting tasks, directives and units to CSV/XLSX/JSON/JSONL (issue 4).

Tasks stream from ``services.query.iter_tasks`` in batches (memory stays flat); progress
notes are fetched per batch.  JSON/JSONL rows are ``TaskView.as_dict()`` plus ``progress``
(the dated notes) and ``recurrence_ends`` (the day a period's task's recurring duty was
stopped), so an export reads back in with ``tracker import`` and reproduces every field;
CSV/XLSX carry the same facts with headers in the user's language (units by name, dates as
dates) so a clerk can edit the sheet and import it back with ``--update``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from tracker.domain.dates import format_date
from tracker.domain.deadlines import names_its_date
from tracker.errors import TrackerError
from tracker.i18n import t
from tracker.io.cells import format_extensions
from tracker.io.headers import FIELDS, label
from tracker.io.writers import Column, open_writer
from tracker.services.bulk import collector_paused
from tracker.services.context import Context

# CSV/XLSX columns of each kind, in order, with their types
TASK_SHEET = (
    ("id", "int"), ("key", "text"), ("directive", "text"), ("directive_date", "date"),
    ("directive_issuer", "text"), ("directive_title", "text"), ("content", "text"),
    ("lead", "text"), ("support", "list"), ("leader", "text"), ("group", "text"),
    ("deadline", "date"), ("deadline_text", "text"), ("original_deadline", "date"),
    ("original_deadline_text", "text"), ("extensions", "extensions"), ("status", "text"),
    ("done_on", "date"), ("proof", "text"), ("progress", "notes"), ("notes", "text"),
    ("cancel_reason", "text"), ("recurrence_ends", "date"), ("timeliness", "text"), ("days_overdue", "int"),
)
DIRECTIVE_SHEET = (("number", "text"), ("type", "text"), ("issuer", "text"), ("date", "date"),
                   ("title", "text"), ("signer", "text"), ("parent", "text"), ("notes", "text"),
                   ("tasks", "int"))
UNIT_SHEET = (("code", "text"), ("name", "text"), ("kind", "text"), ("aliases", "list"),
              ("active", "text"))
SHEETS = {"tasks": TASK_SHEET, "directives": DIRECTIVE_SHEET, "units": UNIT_SHEET}
STATUS_WORDS = {"open": "export.status.open", "done": "export.status.done",
                "cancelled": "export.status.cancelled"}
UNIT_KIND_WORDS = {"department": "export.unit_kind.department", "service": "export.unit_kind.service",
                   "ward": "export.unit_kind.ward", "other": "export.unit_kind.other"}


@dataclass
class ExportResult:
    kind: str
    fmt: str
    rows: int


def columns(kind: str, fmt: str, lang: str) -> list[Column]:
    if fmt in ("json", "jsonl"):
        return [Column(f, f) for f in _json_fields(kind)]
    return [Column(f, label(kind, f, lang), typ) for f, typ in SHEETS[kind]]


def _json_fields(kind: str) -> tuple[str, ...]:
    if kind == "tasks":  # TaskView.as_dict()'s order, then the progress notes and the duty's stop
        return ("id", "directive", "directive_date", "directive_issuer", "content", "lead",
                "support", "leader", "group", "deadline", "deadline_text", "deadline_effective",
                "original_deadline", "original_deadline_text", "extensions", "status", "done_on",
                "proof", "cancel_reason", "notes", "key", "timeliness", "days_overdue", "progress",
                "recurrence_ends")
    if kind == "directives":
        return ("id", "number", "type", "issuer", "date", "title", "signer", "parent", "notes", "tasks")
    return ("id", "code", "name", "kind", "aliases", "active")


class _ByKey(dict):
    """id -> value of a small table (units, directives) read whole; an id it does not hold
    (a row added since) reads the table again."""

    def __init__(self, reload):
        super().__init__()
        self._reload = reload

    def __missing__(self, key):
        self._reload()
        return dict.__getitem__(self, key)  # a KeyError if it is still not there


class _Refs:
    """Units and directives by id, read once: a task row carries only their ids."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.unit_code, self.unit_name = _ByKey(self.load), _ByKey(self.load)
        self.number, self.issue_date, self.issuer, self.title = (_ByKey(self.load) for _ in range(4))
        self.load()

    def load(self) -> None:
        from sqlalchemy import String, cast

        from tracker.store.tables import directive as D
        from tracker.store.tables import unit as U

        with self.ctx.read() as conn:
            for id_, code, name in conn.execute(select(U.c.id, U.c.code, U.c.name)):
                self.unit_code[id_], self.unit_name[id_] = code, name
            for id_, number, issued, issuer, title in conn.execute(
                    select(D.c.id, D.c.number, cast(D.c.issue_date, String), D.c.issuer, D.c.title)):
                self.number[id_], self.issue_date[id_] = number, issued
                self.issuer[id_], self.title[id_] = issuer, title


def _task_query(ctx: Context, flt, sort: str = "id", descending: bool = False,
                limit: int | None = None):
    """services.query._base's facts of the tasks ``flt`` selects, in the task list's ``sort``
    (by id unless told), at most ``limit``, dates as ISO text; the directive's and the lead
    unit's come from _Refs by id.  _json_batch and _sheet_batch take the columns in this order."""
    from sqlalchemy import String, cast

    from tracker.services import query as Q
    from tracker.store.status_sql import days_overdue_expr, timeliness_expr
    from tracker.store.tables import directive as D
    from tracker.store.tables import recurrence as R
    from tracker.store.tables import task as T
    from tracker.store.tables import unit as U

    def iso(col):  # dates as their ISO text: no date objects made only to be written out
        return cast(col, String).label(col.name)

    q = select(T.c.id, T.c.directive_id, T.c.lead_unit_id, T.c.content, T.c.leader, T.c.work_group,
               iso(T.c.deadline), T.c.deadline_text, iso(T.c.deadline_effective),
               iso(T.c.original_deadline), T.c.original_deadline_text, T.c.status, iso(T.c.done_on),
               T.c.proof, T.c.cancel_reason, T.c.notes, T.c.ext_key,
               timeliness_expr(ctx.today).label("timeliness"),
               days_overdue_expr(ctx.today, ctx.dialect).label("days_overdue"),
               iso(R.c.ends_on).label("recurrence_ends"))  # (a stopped duty's period tasks)
    tasks = T.outerjoin(R, R.c.id == T.c.recurrence_id)
    where = Q._where(flt or Q.TaskFilter(), ctx.today, ctx.dialect)
    if where is not None or sort in ("directive", "lead"):
        # the task list's filter and sorts, over the same joins as services.query._base
        tasks = tasks.join(D, D.c.id == T.c.directive_id).join(U, U.c.id == T.c.lead_unit_id)
    q = q.select_from(tasks)
    if where is not None:
        q = q.where(where)
    q = Q.ordered(q, sort, descending)
    return q.limit(limit) if limit is not None else q


def _by_task(side, query, task_id, ids: list[int]):
    """``query``'s rows for the tasks ``ids`` (in any order): one range when the ids are dense
    (rows of tasks in the range but not in ``ids`` are read and never asked for), else
    lists of ids."""
    low, high = min(ids), max(ids)
    if high - low < 2 * len(ids):
        yield from side.execute(query.where(task_id.between(low, high))).fetchall()
        return
    for i in range(0, len(ids), 900):
        yield from side.execute(query.where(task_id.in_(ids[i:i + 900]))).fetchall()


def _batches(ctx: Context, flt, batch: int, order: tuple = ("id", False, None)) -> Iterator[tuple]:
    """(task rows, support unit ids, extension rows, progress notes) of the tasks ``flt``
    selects, by id, ``batch`` tasks at a time (memory stays flat).  Same rows and filter as
    ``services.query`` (its ``_base``/``_where``) without building a TaskView per row (the
    export's hot path); a test holds the JSON shape to ``TaskView.as_dict()``."""
    from sqlalchemy import String, cast

    from tracker.store.tables import extension as E
    from tracker.store.tables import progress_note as PN
    from tracker.store.tables import task_support as TS

    support_q = select(TS.c.task_id, TS.c.unit_id).order_by(TS.c.task_id, TS.c.position)
    ext_q = select(E).order_by(E.c.id)
    notes_q = (select(PN.c.task_id, cast(PN.c.on, String), PN.c.text, PN.c.percent, PN.c.by)
               .order_by(PN.c.task_id, PN.c.on, PN.c.id))
    with ctx.read() as conn:
        result = conn.execution_options(stream_results=True, yield_per=batch).execute(_task_query(ctx, flt, *order))
        for part in result.partitions(batch):
            ids = [r[0] for r in part]
            support: dict[int, list[int]] = {}
            exts: dict[int, list] = {}
            notes: dict[int, list[tuple]] = {}
            # (--as-of: the register of that day's connection, whose extensions and notes
            # are that day's)
            with (ctx.read() if ctx.as_of is not None else ctx.engine.connect()) as side:
                for task_id, unit_id in _by_task(side, support_q, TS.c.task_id, ids):
                    support.setdefault(task_id, []).append(unit_id)
                for r in _by_task(side, ext_q, E.c.task_id, ids):
                    exts.setdefault(r.task_id, []).append(r)
                for r in _by_task(side, notes_q, PN.c.task_id, ids):
                    notes.setdefault(r[0], []).append(r[1:])
            yield part, support, exts, notes


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def _json_batch(refs: _Refs, part, support, exts, notes) -> list:
    """The columns (``_json_fields`` order) of a batch: ``TaskView.as_dict()`` plus ``progress``
    and ``recurrence_ends``."""
    (ids, dids, leads, content, leader, group, deadline, dtext, deff, orig, otext, status, done_on,
     proof, cancel, notes_, key, timeliness, days, ends) = zip(*part)
    code = refs.unit_code
    return [
        ids, [*map(refs.number.__getitem__, dids)], [*map(refs.issue_date.__getitem__, dids)],
        [*map(refs.issuer.__getitem__, dids)], content, [*map(code.__getitem__, leads)],
        [[code[u] for u in support[i]] if i in support else [] for i in ids],
        leader, group, deadline, dtext, deff, orig, otext,
        [[{"from": _iso(e.old_deadline), "from_text": e.old_deadline_text,
           "to": _iso(e.new_deadline), "to_text": e.new_deadline_text, "reason": e.reason,
           "at": e.at.isoformat(sep=" "), "by": e.by} for e in exts[i]] if i in exts else [] for i in ids],
        status, done_on, proof, cancel, notes_, key, timeliness,
        [int(d or 0) for d in days],
        [[{"on": on, "text": text_, "percent": percent, "by": by} for on, text_, percent, by in notes[i]]
         if i in notes else [] for i in ids],
        ends,
    ]


class _SheetWords:
    """What a sheet shows for the codes of a batch, remembered across batches."""

    def __init__(self, refs: _Refs, lang: str, ctx: Context):
        from tracker.io.writers import Memo

        def day(text_):  # ISO text -> date
            return dt.date.fromisoformat(str(text_)[:10]) if text_ else None

        def on(text_):  # a note's date as format_notes writes it ('' if it is not one)
            try:
                return f"{format_date(dt.date.fromisoformat(text_[:10]))}: " if text_ else ""
            except ValueError:
                return ""

        self.refs = refs
        self.day = Memo(day)
        self.on = Memo(on)
        self.issued = Memo(lambda did: day(refs.issue_date[did]))
        self.status = Memo(lambda key: t(STATUS_WORDS[key], lang=lang) if key in STATUS_WORDS else key)
        self.timeliness = Memo(lambda key: t(f"timeliness.{key}", lang=lang))
        self.reading = Memo(lambda key: _read_back(ctx, *key))
        self.whole = Memo(names_its_date)

    def extension_side(self, words: str, day, did: int) -> str:
        """One side of an extension in the cell: its words when an import reads them back
        to its date (against the directive's date), else the date — "30/6" typed in 2021
        for a 2020 directive would come back as 30/06/2020, and the row be refused."""
        date = self.day[day]
        if not words or date is None:
            return words or format_date(date)
        if words == format_date(date):  # (the common case: a date, nothing to read)
            return words
        ref = None if self.whole[words] else self.issued[did]  # (read once, whatever the directive)
        return words if self.reading[(words, ref)] == date else format_date(date)

    def progress(self, notes) -> str:
        """The notes as the writers' ``format_notes`` gives them."""
        on = self.on
        return "\n".join(f"{on[n[0]]}({n[2]}%) {n[1]}" if n[2] is not None else f"{on[n[0]]}{n[1]}"
                         for n in notes)


def _read_back(ctx: Context, words: str, issued: dt.date | None) -> dt.date | None:
    """The date ``words`` give when an import reads them (the one deadline reader, from the
    directive's date); None when it cannot."""
    from tracker.services.tasks import read_deadline

    before = len(ctx.warnings)
    try:
        return read_deadline(ctx, words, issued).date
    except TrackerError:
        return None
    finally:
        del ctx.warnings[before:]  # (what the reader says of the words is not this export's)


def _sheet_batch(words: _SheetWords, part, support, exts, notes) -> list:
    """The columns (TASK_SHEET order) of a batch: names for codes, dates as dates, lists as text."""
    (ids, dids, leads, content, leader, group, deadline, dtext, _deff, orig, otext, status, done_on,
     proof, cancel, notes_, key, timeliness, days, ends) = zip(*part)
    refs, day = words.refs, words.day.__getitem__
    name = refs.unit_name
    return [
        ids, [k or "" for k in key], [*map(refs.number.__getitem__, dids)],
        [*map(words.issued.__getitem__, dids)], [*map(refs.issuer.__getitem__, dids)],
        [*map(refs.title.__getitem__, dids)], content, [*map(name.__getitem__, leads)],
        ["; ".join([name[u] for u in support[i]]) if i in support else "" for i in ids],
        leader, group, [*map(day, deadline)], dtext, [*map(day, orig)], otext,
        [format_extensions([(words.extension_side(e.old_deadline_text, e.old_deadline, did),
                             words.extension_side(e.new_deadline_text, e.new_deadline, did), e.reason)
                            for e in exts[i]]) if i in exts else "" for i, did in zip(ids, dids)],
        [*map(words.status.__getitem__, status)], [*map(day, done_on)], proof,
        [words.progress(notes[i]) if i in notes else "" for i in ids],
        notes_, cancel, [*map(day, ends)], [*map(words.timeliness.__getitem__, timeliness)],
        [int(d or 0) for d in days],
    ]


def task_batches(ctx: Context, flt=None, *, sheet: bool, lang: str, batch: int = 5000,
                 sort: str = "id", descending: bool = False,
                 limit: int | None = None) -> Iterator[list]:
    """The tasks ``flt`` selects, a batch at a time, as columns: ``_json_fields("tasks")``
    (the JSON shape) or TASK_SHEET (sheet values: names, dates, lists as cell text); in the
    task list's ``sort`` order, at most ``limit`` of them."""
    refs = _Refs(ctx)
    order = (sort, descending, limit)
    if sheet:
        words = _SheetWords(refs, lang, ctx)
        for part, support, exts, notes in _batches(ctx, flt, batch, order):
            yield _sheet_batch(words, part, support, exts, notes)
    else:
        for part, support, exts, notes in _batches(ctx, flt, batch, order):
            yield _json_batch(refs, part, support, exts, notes)


def directive_rows(ctx: Context, *, sheet: bool, lang: str) -> Iterator[dict]:
    from tracker.services.directives import list_directives

    views = list_directives(ctx)
    by_id = {v.id: v for v in views}
    for v in sorted(views, key=lambda x: (x.issue_date, x.id)):
        parent = by_id.get(v.parent_id)
        ref = f"{parent.number}@{format_date(parent.issue_date) if sheet else parent.issue_date.isoformat()}" \
            if parent else ""
        if sheet:
            from tracker.domain.docnumbers import type_name

            yield {"number": v.number, "type": (type_name(v.type_code, lang) if v.type_code else
                                                type_name(None, lang)) or v.type_code,
                   "issuer": v.issuer, "date": v.issue_date, "title": v.title, "signer": v.signer,
                   "parent": ref, "notes": v.notes, "tasks": v.tasks}
        else:
            yield {"id": v.id, "number": v.number, "type": v.type_code, "issuer": v.issuer,
                   "date": v.issue_date.isoformat(), "title": v.title, "signer": v.signer,
                   "parent": ref or None, "notes": v.notes, "tasks": v.tasks}


def unit_rows(ctx: Context, *, sheet: bool, lang: str) -> Iterator[dict]:
    from tracker.services.units import list_units

    for u in list_units(ctx):
        d = u.as_dict()
        if sheet:
            d["kind"] = t(UNIT_KIND_WORDS.get(u.kind, u.kind), lang=lang)
            d["active"] = "1" if u.active else "0"
        yield d


def export(ctx: Context, kind: str, fmt: str, out, *, flt=None, lang: str = "vi",
           delimiter: str = ",", bom: bool = True, sort: str = "id", descending: bool = False,
           limit: int | None = None) -> ExportResult:
    """Write ``kind`` to ``out`` (a path, ``-`` or a binary stream) in ``fmt``.  Tasks stream
    a batch at a time (memory stays flat) in ``sort`` order, at most ``limit``: `tracker
    export` and `task list --format csv|json|jsonl` both write through here."""
    sheet = fmt in ("csv", "xlsx")
    if kind == "tasks":
        rows = None
    elif kind == "directives":
        rows = directive_rows(ctx, sheet=sheet, lang=lang)
    elif kind == "units":
        rows = unit_rows(ctx, sheet=sheet, lang=lang)
    else:
        raise ValueError(kind)
    cols = columns(kind, fmt, lang)
    title = t(f"export.sheet.{kind}", lang=lang)
    with open_writer(fmt, out, cols, lang=lang, delimiter=delimiter, bom=bom, sheet_title=title) as w:
        if rows is None:  # tasks: a batch at a time, column by column
            with collector_paused():
                for cols in task_batches(ctx, flt, sheet=sheet, lang=lang, sort=sort,
                                         descending=descending, limit=limit):
                    w.write_batch(cols)
        else:
            w.write_many(rows)
    return ExportResult(kind, fmt, w.count)


assert set(f for f, _ in TASK_SHEET) <= set(FIELDS["tasks"])
