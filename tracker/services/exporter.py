"""Exporting tasks, directives and units to CSV/XLSX/JSON/JSONL (issue 4).

Tasks stream from ``services.query.iter_tasks`` in batches (memory stays flat); progress
notes are fetched per batch.  JSON/JSONL rows are ``TaskView.as_dict()`` plus ``progress``
(the dated notes), so an export reads back in with ``tracker import`` and reproduces every
field; CSV/XLSX carry the same facts with headers in the user's language (units by name,
dates as dates) so a clerk can edit the sheet and import it back with ``--update``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from tracker.domain.dates import format_date
from tracker.i18n import t
from tracker.io.cells import format_extensions
from tracker.io.headers import FIELDS, label
from tracker.io.writers import Column, open_writer
from tracker.services.context import Context

# CSV/XLSX columns of each kind, in order, with their types
TASK_SHEET = (
    ("id", "int"), ("key", "text"), ("directive", "text"), ("directive_date", "date"),
    ("directive_issuer", "text"), ("directive_title", "text"), ("content", "text"),
    ("lead", "text"), ("support", "list"), ("leader", "text"), ("group", "text"),
    ("deadline", "date"), ("deadline_text", "text"), ("original_deadline", "date"),
    ("original_deadline_text", "text"), ("extensions", "extensions"), ("status", "text"),
    ("done_on", "date"), ("proof", "text"), ("progress", "notes"), ("notes", "text"),
    ("cancel_reason", "text"), ("timeliness", "text"), ("days_overdue", "int"),
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
    if kind == "tasks":
        return ("id", "key", "directive", "directive_date", "directive_issuer", "content", "lead",
                "support", "leader", "group", "deadline", "deadline_text", "deadline_effective",
                "original_deadline", "original_deadline_text", "extensions", "status", "done_on",
                "proof", "cancel_reason", "notes", "progress", "timeliness", "days_overdue")
    if kind == "directives":
        return ("id", "number", "type", "issuer", "date", "title", "signer", "parent", "notes", "tasks")
    return ("id", "code", "name", "kind", "aliases", "active")


def _notes_for(conn, ids: list[int]) -> dict[int, list[dict]]:
    from tracker.store.tables import progress_note as PN

    out: dict[int, list[dict]] = {}
    for i in range(0, len(ids), 900):
        for r in conn.execute(select(PN.c.task_id, PN.c.on, PN.c.text, PN.c.percent, PN.c.by)
                              .where(PN.c.task_id.in_(ids[i:i + 900])).order_by(PN.c.task_id, PN.c.on, PN.c.id)):
            out.setdefault(r.task_id, []).append({"on": r.on.isoformat(), "text": r.text,
                                                  "percent": r.percent, "by": r.by})
    return out


def task_rows(ctx: Context, flt=None, *, sheet: bool, lang: str, batch: int = 2000) -> Iterator[dict]:
    """Rows of the tasks ``flt`` selects: JSON shape (sheet=False) or sheet values."""
    from tracker.services.query import iter_tasks
    from tracker.store.tables import directive as D
    from tracker.store.tables import unit as U

    with ctx.read() as conn:
        names = {r.code: r.name for r in conn.execute(select(U.c.code, U.c.name))} if sheet else {}
        titles = {r.id: r.title for r in conn.execute(select(D.c.id, D.c.title))} if sheet else {}
    chunk: list = []

    def emit(views):
        with ctx.read() as conn:
            notes = _notes_for(conn, [v.id for v in views])
        for v in views:
            d = v.as_dict()
            d["progress"] = notes.get(v.id, [])
            if sheet:
                yield _sheet_task(v, d, names, titles, lang)
            else:
                yield d

    for view in iter_tasks(ctx, flt, batch=batch):
        chunk.append(view)
        if len(chunk) >= batch:
            yield from emit(chunk)
            chunk = []
    if chunk:
        yield from emit(chunk)


def _sheet_task(v, d: dict, names: dict, titles: dict, lang: str) -> dict:
    return {
        "id": v.id, "key": v.ext_key or "", "directive": v.directive,
        "directive_date": v.directive_date, "directive_issuer": v.directive_issuer,
        "directive_title": titles.get(v.directive_id, ""), "content": v.content,
        "lead": names.get(v.lead, v.lead), "support": [names.get(c, c) for c in v.support],
        "leader": v.leader, "group": v.group, "deadline": v.deadline,
        "deadline_text": v.deadline_text, "original_deadline": v.original_deadline,
        "original_deadline_text": v.original_deadline_text,
        "extensions": format_extensions([(e.old_text or format_date(e.old_deadline), e.new_text or format_date(e.new_deadline),
                                          e.reason) for e in v.extensions]),
        "status": t(STATUS_WORDS.get(v.status, v.status), lang=lang),
        "done_on": v.done_on, "proof": v.proof, "progress": d["progress"], "notes": v.notes,
        "cancel_reason": v.cancel_reason,
        "timeliness": t(f"timeliness.{v.timeliness}", lang=lang), "days_overdue": v.days_overdue,
    }


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
           delimiter: str = ",", bom: bool = True) -> ExportResult:
    """Write ``kind`` to ``out`` (a path, ``-`` or a binary stream) in ``fmt``."""
    sheet = fmt in ("csv", "xlsx")
    if kind == "tasks":
        rows = task_rows(ctx, flt, sheet=sheet, lang=lang)
    elif kind == "directives":
        rows = directive_rows(ctx, sheet=sheet, lang=lang)
    elif kind == "units":
        rows = unit_rows(ctx, sheet=sheet, lang=lang)
    else:
        raise ValueError(kind)
    cols = columns(kind, fmt, lang)
    title = t(f"export.sheet.{kind}", lang=lang)
    with open_writer(fmt, out, cols, lang=lang, delimiter=delimiter, bom=bom, sheet_title=title) as w:
        w.write_many(rows)
    return ExportResult(kind, fmt, w.count)


assert set(f for f, _ in TASK_SHEET) <= set(FIELDS["tasks"])
_ = dt
