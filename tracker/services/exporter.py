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
    if kind == "tasks":  # TaskView.as_dict()'s order, then the progress notes
        return ("id", "directive", "directive_date", "directive_issuer", "content", "lead",
                "support", "leader", "group", "deadline", "deadline_text", "deadline_effective",
                "original_deadline", "original_deadline_text", "extensions", "status", "done_on",
                "proof", "cancel_reason", "notes", "key", "timeliness", "days_overdue", "progress")
    if kind == "directives":
        return ("id", "number", "type", "issuer", "date", "title", "signer", "parent", "notes", "tasks")
    return ("id", "code", "name", "kind", "aliases", "active")


def _notes_for(conn, ids: list[int]) -> dict[int, list[dict]]:
    from tracker.store.tables import progress_note as PN

    from sqlalchemy import String, cast

    out: dict[int, list[dict]] = {}
    for i in range(0, len(ids), 900):
        for task_id, on, text_, percent, by in conn.execute(
                select(PN.c.task_id, cast(PN.c.on, String), PN.c.text, PN.c.percent, PN.c.by)
                .where(PN.c.task_id.in_(ids[i:i + 900])).order_by(PN.c.task_id, PN.c.on, PN.c.id)):
            out.setdefault(task_id, []).append({"on": on, "text": text_, "percent": percent, "by": by})
    return out


def _views(ctx: Context, flt, batch: int) -> Iterator[tuple]:
    """(row, support codes, extensions, progress notes) of each task ``flt`` selects, by id,
    a batch at a time.  Same query and filter as ``services.query`` (its ``_base``/``_where``),
    without building a TaskView per row (the export's hot path); a test holds the JSON shape
    to ``TaskView.as_dict()``."""
    from tracker.services import query as Q
    from tracker.store.tables import extension as E
    from tracker.store.tables import task as T
    from tracker.store.tables import task_support as TS
    from tracker.store.tables import unit as U

    from sqlalchemy import String, cast

    from tracker.store.status_sql import days_overdue_expr, timeliness_expr
    from tracker.store.tables import directive as D

    def iso(col, name):  # dates as their ISO text: no date objects made only to be written out
        return cast(col, String).label(name)

    flt = flt or Q.TaskFilter()
    # the columns of services.query._base, dates as text
    q = (select(T.c.id, T.c.directive_id, D.c.number.label("directive"),
                iso(D.c.issue_date, "directive_date"), D.c.issuer.label("directive_issuer"),
                T.c.content, U.c.code.label("lead"), T.c.leader, T.c.work_group,
                iso(T.c.deadline, "deadline"), T.c.deadline_text, iso(T.c.deadline_effective, "deadline_effective"),
                iso(T.c.original_deadline, "original_deadline"), T.c.original_deadline_text, T.c.status,
                iso(T.c.done_on, "done_on"), T.c.proof, T.c.cancel_reason, T.c.notes, T.c.ext_key,
                timeliness_expr(ctx.today).label("timeliness"),
                days_overdue_expr(ctx.today, ctx.dialect).label("days_overdue"))
         .select_from(T.join(D, D.c.id == T.c.directive_id).join(U, U.c.id == T.c.lead_unit_id)))
    where = Q._where(flt, ctx.today, ctx.dialect)
    if where is not None:
        q = q.where(where)
    q = q.order_by(T.c.id)
    with ctx.read() as conn:
        result = conn.execution_options(stream_results=True, yield_per=batch).execute(q)
        for part in result.partitions(batch):
            ids = [r.id for r in part]
            support: dict[int, list[str]] = {}
            exts: dict[int, list] = {}
            with ctx.engine.connect() as side:
                for i in range(0, len(ids), 900):
                    chunk = ids[i:i + 900]
                    for r in side.execute(select(TS.c.task_id, U.c.code).join(U, U.c.id == TS.c.unit_id)
                                          .where(TS.c.task_id.in_(chunk)).order_by(TS.c.task_id, TS.c.position)):
                        support.setdefault(r.task_id, []).append(r.code)
                    for r in side.execute(select(E).where(E.c.task_id.in_(chunk)).order_by(E.c.id)):
                        exts.setdefault(r.task_id, []).append(r)
                notes = _notes_for(side, ids)
            for r in part:
                yield r, support.get(r.id, []), exts.get(r.id, []), notes.get(r.id, [])


def _iso(d) -> str | None:
    return d.isoformat() if d else None


_JSON_COLUMNS = ("id", "directive", "directive_date", "directive_issuer", "content", "lead", "leader",
                 "work_group", "deadline", "deadline_text", "deadline_effective", "original_deadline",
                 "original_deadline_text", "status", "done_on", "proof", "cancel_reason", "notes",
                 "ext_key", "timeliness", "days_overdue")


_SHEET_COLUMNS = ("id", "ext_key", "directive", "directive_date", "directive_issuer", "directive_id",
                  "content", "lead", "leader", "work_group", "deadline", "deadline_text",
                  "original_deadline", "original_deadline_text", "status", "done_on", "proof",
                  "notes", "cancel_reason", "timeliness", "days_overdue")


def _json_task(values: tuple, support, exts, notes) -> dict:
    """The JSON shape: ``TaskView.as_dict()`` plus ``progress``; ``values`` in _JSON_COLUMNS order."""
    (id_, directive, ddate, dissuer, content, lead, leader, group, deadline, dtext, deff, orig,
     otext, status, done_on, proof, cancel, notes_, key, timeliness, days) = values
    return {
        "id": id_, "directive": directive, "directive_date": ddate,
        "directive_issuer": dissuer, "content": content, "lead": lead, "support": support,
        "leader": leader, "group": group, "deadline": deadline,
        "deadline_text": dtext, "deadline_effective": deff,
        "original_deadline": orig, "original_deadline_text": otext,
        "extensions": [{"from": _iso(e.old_deadline), "from_text": e.old_deadline_text,
                        "to": _iso(e.new_deadline), "to_text": e.new_deadline_text, "reason": e.reason,
                        "at": e.at.isoformat(sep=" "), "by": e.by} for e in exts] if exts else [],
        "status": status, "done_on": done_on, "proof": proof,
        "cancel_reason": cancel, "notes": notes_, "key": key, "timeliness": timeliness,
        "days_overdue": int(days or 0), "progress": notes,
    }


def task_rows(ctx: Context, flt=None, *, sheet: bool, lang: str, batch: int = 5000) -> Iterator[dict]:
    """Rows of the tasks ``flt`` selects: the JSON shape (sheet=False) or sheet values."""
    from tracker.store.tables import directive as D
    from tracker.store.tables import unit as U

    if not sheet:
        from operator import itemgetter

        pick = None
        for r, support, exts, notes in _views(ctx, flt, batch):
            if pick is None:  # by name once, then by position: rows are plain tuples
                pick = itemgetter(*[r._fields.index(c) for c in _JSON_COLUMNS])
            yield _json_task(pick(r), support, exts, notes)
        return
    with ctx.read() as conn:
        names = {r.code: r.name for r in conn.execute(select(U.c.code, U.c.name))}
        titles = {r.id: r.title for r in conn.execute(select(D.c.id, D.c.title))}
    from operator import itemgetter

    status_words = {k: t(v, lang=lang) for k, v in STATUS_WORDS.items()}
    timeliness_words: dict[str, str] = {}
    days_: dict[str, dt.date] = {}

    def day(text_):
        if not text_:
            return None
        hit = days_.get(text_)
        if hit is None:
            hit = days_[text_] = dt.date.fromisoformat(str(text_)[:10])
        return hit

    pick = None
    for r, support, exts, notes in _views(ctx, flt, batch):
        if pick is None:
            pick = itemgetter(*[r._fields.index(c) for c in _SHEET_COLUMNS])
        (id_, key, directive, ddate, dissuer, did, content, lead, leader, group, deadline, dtext,
         orig, otext, status, done_on, proof, notes_, cancel, timeliness, days) = pick(r)
        ddate, deadline, orig, done_on = day(ddate), day(deadline), day(orig), day(done_on)
        tl = timeliness_words.get(timeliness)
        if tl is None:
            tl = timeliness_words[timeliness] = t(f"timeliness.{timeliness}", lang=lang)
        yield {
            "id": id_, "key": key or "", "directive": directive, "directive_date": ddate,
            "directive_issuer": dissuer, "directive_title": titles.get(did, ""), "content": content,
            "lead": names.get(lead, lead), "support": [names.get(c, c) for c in support] if support else "",
            "leader": leader, "group": group, "deadline": deadline, "deadline_text": dtext,
            "original_deadline": orig, "original_deadline_text": otext,
            "extensions": format_extensions([(e.old_deadline_text or format_date(e.old_deadline),
                                              e.new_deadline_text or format_date(e.new_deadline), e.reason)
                                             for e in exts]) if exts else "",
            "status": status_words.get(status, status), "done_on": done_on, "proof": proof,
            "progress": notes or "", "notes": notes_, "cancel_reason": cancel,
            "timeliness": tl, "days_overdue": int(days or 0),
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
    with open_writer(fmt, out, cols, lang=lang, delimiter=delimiter, bom=bom, sheet_title=title,
                     shaped=kind == "tasks") as w:
        w.write_many(rows)
    return ExportResult(kind, fmt, w.count)


assert set(f for f, _ in TASK_SHEET) <= set(FIELDS["tasks"])
