"""Units: the departments, service units and wards that receive tasks."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tracker.domain.text import fold, nfc, vi_sort_key
from tracker.domain import rules
from tracker.domain.unitmatch import UnitEntry, UnitMatch, match_unit, normal_form
from tracker.services import history
from tracker.services.context import Context
from tracker.services.errors import NotFoundError, UsageError, ValidationError, within
from tracker.store.tables import unit as U

KINDS = ("department", "service", "ward", "other")  # (store.models.UNIT_KINDS, without loading SQLModel)


@dataclass(frozen=True)
class UnitView:
    id: int
    code: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    active: bool

    def as_dict(self) -> dict:
        return {"id": self.id, "code": self.code, "name": self.name, "kind": self.kind,
                "aliases": list(self.aliases), "active": self.active}


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(a for a in (value or "").split("|") if a)


def _view(r) -> UnitView:
    return UnitView(r.id, r.code, r.name, r.kind, _split_aliases(r.aliases), bool(r.active))


def list_units(ctx: Context, *, include_inactive: bool = True) -> list[UnitView]:
    with ctx.read() as conn:
        q = select(U)
        if not include_inactive:
            q = q.where(U.c.active.is_(True))
        rows = conn.execute(q).all()
    return sorted((_view(r) for r in rows), key=lambda u: vi_sort_key(u.name))


def entries_of(conn) -> list[UnitEntry]:
    rows = conn.execute(select(U.c.id, U.c.code, U.c.name, U.c.aliases, U.c.active)).all()
    return [UnitEntry(r.id, r.code, r.name, _split_aliases(r.aliases), bool(r.active)) for r in rows]


def kinds_of(conn) -> dict[int, str]:
    """Active unit id → kind, for what a group of units expands to (``rules.group_members``):
    a ward merged away (inactive) is no longer among "UBND các phường"."""
    return {r.id: r.kind for r in conn.execute(select(U.c.id, U.c.kind).where(U.c.active.is_(True))).all()}


def match(conn, text: str) -> UnitMatch:
    """``text`` matched against the register (``domain.unitmatch``)."""
    return match_unit(nfc(text), entries_of(conn))


def resolve(conn, text: str, *, field: str = "unit") -> UnitEntry:
    """The one unit ``text`` names (code, name or alias, without diacritics or case);
    otherwise the rulebook's verdict (``rules.check_unit``) as an error listing the closest
    matches — the same verdict the app and the importer give."""
    return _the_unit(match(conn, text), text, field)


def _the_unit(m: UnitMatch, text: str, field: str) -> UnitEntry:
    problems = rules.check_unit(m, field)
    if not problems:
        return m.unit
    p = problems[0]
    fields = p.fields(text=text)
    if p.key in ("unit.unknown", "unit.unknown_none"):
        raise NotFoundError(p.key, **fields)
    raise ValidationError(p.key, **fields)


def resolve_units(conn, text: str, *, field: str = "unit") -> list[UnitEntry]:
    """The units ``text`` names in a filter or a report's choice: the one unit (``resolve``),
    or every member of a group of definite units — "UBND các phường": the active wards
    (``rules.group_members``), as it means among the supporting units.  A vague group ("các
    đơn vị liên quan") is refused as ``resolve`` refuses it."""
    entries = entries_of(conn)
    m = match_unit(nfc(text), entries)
    if rules.unit_verdict(m) == rules.GROUP:
        ids = rules.group_members(m.group, kinds_of(conn))
        if ids:
            by_id = {e.id: e for e in entries}
            return [by_id[i] for i in ids if i in by_id]
    return [_the_unit(m, text, field)]


@dataclass(frozen=True)
class NameClash:
    """``text`` (one of the names asked for) is already ``what`` ("code", "name", "alias")
    of ``owner``."""

    text: str
    what: str
    owner: UnitEntry

    def fields(self) -> dict:
        from tracker.i18n import _

        return {"text": self.text, "what": _(f"unit.what.{self.what}"), "code": self.owner.code,
                "name": self.owner.name}


def name_clash(entries, unit_id: int | None, names) -> NameClash | None:
    """The one rule for unit names: a code, a name and an alias each name one unit only,
    compared as the unit matcher reads a name (``normal_form``: no case, no diacritics, no
    punctuation, "thành phố" as "TP") — so "Phòng TC-KH" cannot be given to a new unit
    while it is an alias of TCKH, nor "Phòng Tài chính Kế hoạch" while TCKH is "Phòng Tài
    chính - Kế hoạch" (a task given to either would have matched both).  ``unit_id`` is the
    unit the names are for (None: a new one); its own names never clash with it."""
    wanted = {normal_form(n): n for n in names if n and normal_form(n)}
    if not wanted:
        return None
    for e in entries:
        if unit_id is not None and e.id == unit_id:
            continue
        for what, value in (("code", e.code), ("name", e.name), *(("alias", a) for a in e.aliases)):
            f = normal_form(value)
            if f in wanted:
                return NameClash(wanted[f], what, e)
    return None


def _refuse_clash(conn, unit_id: int | None, names) -> None:
    clash = name_clash(entries_of(conn), unit_id, names)
    if clash is not None:
        raise ValidationError("unit.name_taken", **clash.fields())


def _clean_aliases(aliases) -> list[str]:
    seen, out = set(), []
    for a in aliases or ():
        a = nfc(a)
        if a and a not in seen:
            seen.add(a)
            out.append(a)
    return out


def _kind(typed: str) -> str:
    """A unit's kind from its key or the words for it ("phường", "Phòng ban"): ``services.words``."""
    from tracker.services.words import read_unit_kind, unit_kind_choices

    kind = read_unit_kind(typed)
    if kind is None:  # (a wrong word for an option: wrong usage, as a wrong --status is)
        raise UsageError("unit.bad_kind", kind=typed, kinds=unit_kind_choices())
    return kind


def kind_from_name(name: str) -> str:
    """The kind a unit's name says when none is given: 'Phường 5', 'UBND Phường Đông Lễ', 'Xã
    …' are wards (what "UBND các phường" stands for), the rest departments."""
    return "ward" if fold(name).startswith(("phuong ", "ubnd phuong", "xa ", "ubnd xa ")) else "department"


def add_unit(ctx: Context, code: str, name: str, *, kind: str | None = None,
             aliases=()) -> UnitView:
    """A new unit; ``kind`` None: the kind its name says (``kind_from_name``)."""
    from tracker.store.models import Unit

    code, name = nfc(code), nfc(name)
    if not code:
        raise ValidationError("unit.code_required")
    if not name:
        raise ValidationError("unit.name_required")
    within(code, 40, "CODE"), within(name, 255, "NAME")
    kind = _kind(kind) if kind is not None else kind_from_name(name)
    aliases = _clean_aliases(aliases)
    with ctx.session() as s:
        conn = s.connection()
        if conn.execute(select(U.c.id).where(U.c.code == code)).first():
            raise ValidationError("unit.code_taken", code=code)
        _refuse_clash(conn, None, [code, name, *aliases])
        u = Unit(code=code, name=name, name_folded=fold(name), kind=kind,
                 aliases="|".join(aliases), aliases_folded="|".join(fold(a) for a in aliases))
        s.add(u)
        s.flush()
        history.record(conn, entity="unit", entity_id=u.id, action="create", by=ctx.user,
                       new=f"{code} {name}")
        return UnitView(u.id, u.code, u.name, u.kind, tuple(aliases), True)


def edit_unit(ctx: Context, ref: str, *, name: str | None = None, kind: str | None = None,
              add_aliases=(), active: bool | None = None) -> UnitView:
    from sqlalchemy import update

    with ctx.session() as s:
        conn = s.connection()
        entry = resolve(conn, ref)
        row = conn.execute(select(U).where(U.c.id == entry.id)).one()
        values, changes = {}, {}
        if name is not None and nfc(name) != row.name:
            within(nfc(name), 255, "--name")
            values.update(name=nfc(name), name_folded=fold(name))
            changes["name"] = (row.name, nfc(name))
        if kind is not None:
            kind = _kind(kind)
        if kind is not None and kind != row.kind:
            values["kind"] = kind
            changes["kind"] = (row.kind, kind)
        if add_aliases:
            merged = _clean_aliases([*_split_aliases(row.aliases), *add_aliases])
            if merged != list(_split_aliases(row.aliases)):
                values.update(aliases="|".join(merged),
                              aliases_folded="|".join(fold(a) for a in merged))
                changes["aliases"] = (row.aliases, "|".join(merged))
        if active is not None and bool(row.active) != active:
            values["active"] = active
            changes["active"] = (bool(row.active), active)
        if values:
            # only what is new: names the unit already had are its own
            _refuse_clash(conn, row.id, [values.get("name"), *(add_aliases if "aliases" in values else ())])
            conn.execute(update(U).where(U.c.id == row.id).values(**values))
            history.record_changes(conn, entity="unit", entity_id=row.id, by=ctx.user,
                                   changes=changes)
            if values.get("active") is False:
                _say_open_work(ctx, conn, row)
        row = conn.execute(select(U).where(U.c.id == entry.id)).one()
        return _view(row)


def _say_open_work(ctx: Context, conn, row) -> None:
    """A unit set inactive (a ward merged away) that still leads work to do: said, with the
    tasks, so they go to the unit that took over — nothing moves by itself."""
    from sqlalchemy import func

    from tracker.domain.status import OPEN
    from tracker.store.tables import task as T

    where = (T.c.lead_unit_id == row.id) & (T.c.status == OPEN)
    count = conn.execute(select(func.count()).select_from(T).where(where)).scalar_one()
    if count:
        ids = conn.execute(select(T.c.id).where(where).order_by(T.c.id).limit(10)).scalars().all()
        ctx.warn("unit.still_leads" if count <= len(ids) else "unit.still_leads_more", code=row.code,
                 count=count, tasks=", ".join(f"#{i}" for i in ids), ids=" ".join(str(i) for i in ids))
