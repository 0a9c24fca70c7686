"""Saved views: named filters of the task list (the app's sidebar).

Three come built in — overdue, due within a week, the ones I follow (tasks the current user
created or changed) — and the clerk can save more.  A view stores what was typed in the
filter bar (unit names, directive refs, keys, dates as text) and is resolved afresh each time,
so "due within 7 days" moves with today.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select

from tracker.domain.dates import format_date
from tracker.domain.text import nfc
from tracker.services import history
from tracker.services.context import Context
from tracker.services.errors import NotFoundError, ValidationError
from tracker.services.query import TaskFilter, resolve_filter
from tracker.store.tables import saved_view as V

FIELDS = ("units", "directives", "timeliness", "status", "due_before", "due_after", "search",
          "leader", "issuer", "group", "unit_role", "touched_by", "period_basis", "period_from",
          "period_to")
LIST_FIELDS = ("units", "directives", "timeliness", "status")
DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class View:
    name: str  # for built-ins a catalogue key's text in the current language
    key: str  # "builtin:overdue" … or "saved:<id>"
    filters: dict = field(default_factory=dict)
    builtin: bool = False


def builtin_views(ctx: Context) -> list[View]:
    from tracker.i18n import _

    return [
        View(_("view.overdue"), "builtin:overdue", {"timeliness": ["open_overdue"]}, True),
        View(_("view.due_soon"), "builtin:due_soon", {"timeliness": ["open_on_time"],
                                                      "due_before": f"+{DUE_SOON_DAYS}"}, True),
        View(_("view.mine"), "builtin:mine", {"status": ["open"], "touched_by": "@me"}, True),
    ]


def _clean(filters: dict) -> dict:
    unknown = set(filters) - set(FIELDS)
    if unknown:
        raise ValidationError("view.bad_field", field=", ".join(sorted(unknown)))
    out = {}
    for k, v in filters.items():
        if k in LIST_FIELDS:
            v = [nfc(x) for x in (v or []) if nfc(x)]
        else:
            v = nfc(v) if v is not None else ""
        if v:
            out[k] = v
    return out


def list_views(ctx: Context) -> list[View]:
    with ctx.read() as conn:
        rows = conn.execute(select(V).order_by(V.c.name)).all()
    saved = [View(r.name, f"saved:{r.id}", json.loads(r.filters or "{}")) for r in rows]
    return builtin_views(ctx) + saved


def save_view(ctx: Context, name: str, filters: dict) -> View:
    name = nfc(name)
    if not name:
        raise ValidationError("view.name_required")
    clean = _clean(filters)
    resolve_view_filter(ctx, View(name, "", clean))  # refuse what would not resolve
    with ctx.session() as s:
        conn = s.connection()
        existing = conn.execute(select(V.c.id).where(V.c.name == name)).first()
        if existing:
            conn.execute(V.update().where(V.c.id == existing.id)
                         .values(filters=json.dumps(clean, ensure_ascii=False)))
            vid = existing.id
        else:
            vid = conn.execute(insert(V).values(name=name, filters=json.dumps(clean, ensure_ascii=False),
                                                created_at=history.now())).inserted_primary_key[0]
    return View(name, f"saved:{vid}", clean)


def delete_view(ctx: Context, name: str) -> None:
    with ctx.session() as s:
        res = s.connection().execute(delete(V).where(V.c.name == nfc(name)))
        if res.rowcount == 0:
            raise NotFoundError("view.unknown", name=name)


def resolve_view_filter(ctx: Context, view: View) -> TaskFilter:
    """The TaskFilter a view means today ("+7" in a date field = today + 7 days; "@me" = the
    current user)."""
    f = dict(view.filters)
    for k in ("due_before", "due_after"):
        v = f.get(k)
        if isinstance(v, str) and v.startswith("+") and v[1:].isdigit():
            f[k] = format_date(ctx.today + dt.timedelta(days=int(v[1:])))
    if f.get("touched_by") == "@me":
        f["touched_by"] = ctx.user
    return resolve_filter(ctx, **f)
