"""The issuer and leader registers: each name once, as the office spells it.

A typed name is read by the one name matcher (``domain.namematch``, built on the unit
matcher's folding and short forms) and stored in its register's spelling, so every report by
issuer or by leader counts one name once:

- found (``thanh uy`` → ``Thành ủy``, ``pct hoang`` → ``PCT Hoàng Văn Lợi``): the
  register's spelling is stored;
- new, unlike any known name: added to the register and stored as typed (the first import of
  an office's sheet brings its issuers and leaders in);
- close to a known name (a likely misspelling): the command line adds it and warns with the
  closest (``settle``); the app asks first (``check``); an import refuses the row unless
  told ``--new-names`` (``NameBook``);
- part of several known names (``UBND``): refused, with the candidates.

``merge_names`` folds a spelling already stored into another, with a history row per task or
directive changed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import func, insert, select, update

from tracker.domain.namematch import AMBIGUOUS, CLOSE, FOUND, NameEntry, NameIndex, NameMatch
from tracker.domain.text import fold, nfc, vi_sort_key
from tracker.services import history
from tracker.services.context import Context
from tracker.services.errors import NotFoundError, UsageError, ValidationError
from tracker.store.tables import directive as D
from tracker.store.tables import known_name as K
from tracker.store.tables import task as T

ISSUER, LEADER = "issuer", "leader"
KINDS = (ISSUER, LEADER)
# where each register's names are stored: (table, column)
_STORED = {ISSUER: (D, D.c.issuer), LEADER: (T, T.c.leader)}


@dataclass(frozen=True)
class NameView:
    id: int
    kind: str
    name: str
    aliases: tuple[str, ...]
    uses: int                                   # tasks (leader) or directives (issuer)
    strays: tuple[tuple[str, int], ...] = ()    # other stored spellings that mean it, uses

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "name": self.name,
                "aliases": list(self.aliases), "uses": self.uses,
                "other_spellings": [{"name": n, "uses": u} for n, u in self.strays]}


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UsageError("names.bad_kind", value=kind, keys=", ".join(KINDS))
    return kind


def _aliases(value: str) -> tuple[str, ...]:
    return tuple(a for a in (value or "").split("|") if a)


def entries_of(conn, kind: str) -> list[NameEntry]:
    rows = conn.execute(select(K.c.id, K.c.name, K.c.aliases).where(K.c.kind == _check_kind(kind))
                        .order_by(K.c.id)).all()
    return [NameEntry(r.id, r.name, _aliases(r.aliases)) for r in rows]


def index_of(conn, kind: str) -> NameIndex:
    return NameIndex(entries_of(conn, kind))


def _add(conn, kind: str, name: str, by: str, aliases=()) -> int:
    nid = conn.execute(insert(K).values(kind=kind, name=name, name_folded=fold(name),
                                        aliases="|".join(aliases))).inserted_primary_key[0]
    history.record(conn, entity="name", entity_id=nid, action="create", by=by, field=kind, new=name)
    return nid


def _kind_words(kind: str) -> str:
    from tracker.i18n import _

    return _(f"names.kind.{kind}")


# --------------------------------------------------------------------------- one name


def check(ctx: Context, kind: str, text: str) -> NameMatch:
    """What ``text`` would be read as (nothing written): the app's live check."""
    with ctx.read() as conn:
        return index_of(conn, kind).match(text)


def settle(ctx: Context, conn, kind: str, text: str | None) -> str | None:
    """The spelling to store for a typed name, in the caller's transaction: the register's
    for a known name; a new one is added (with a warning naming the closest when it looks
    like a misspelling of a known name).  A name that is part of several is refused."""
    if text is None:
        return None
    value = " ".join(nfc(text).split())
    if not value:
        return ""
    m = index_of(conn, kind).match(value)
    if m.verdict == FOUND:
        return m.entry.name
    if m.verdict == AMBIGUOUS:
        raise ValidationError("names.ambiguous", kind=_kind_words(kind), text=value,
                              closest=m.closest)
    _add(conn, kind, value, ctx.user)
    if m.verdict == CLOSE:
        ctx.warn("names.close_added", kind=_kind_words(kind), code=kind, text=value,
                 closest=m.candidates[0][0].name)
    return value


def add_name(ctx: Context, kind: str, name: str, *, aliases=()) -> NameView:
    """Register a name on purpose (the app's "add as a new name", ``names add``)."""
    value = " ".join(nfc(name).split())
    if not value:
        raise ValidationError("names.name_required")
    clean = [a for a in dict.fromkeys(" ".join(nfc(a).split()) for a in aliases) if a]
    with ctx.session() as s:
        conn = s.connection()
        index = index_of(conn, _check_kind(kind))
        m = index.match(value)
        if m.verdict == FOUND and m.how in ("name", "folded"):
            raise ValidationError("names.known", kind=_kind_words(kind), text=value,
                                  name=m.entry.name)
        for alias in clean:  # (a spelling is one name's: else it names two, and both are refused)
            a = index.match(alias)
            if a.verdict == FOUND and a.how in ("name", "folded", "alias"):
                raise ValidationError("names.alias_taken", kind=_kind_words(kind), text=alias,
                                      name=a.entry.name)
        nid = _add(conn, kind, value, ctx.user, clean)
    return NameView(nid, kind, value, tuple(clean), 0)


# --------------------------------------------------------------------------- the registers


def list_names(ctx: Context, kind: str) -> list[NameView]:
    """The register with each name's uses and the other stored spellings read as it."""
    table, column = _STORED[_check_kind(kind)]
    with ctx.read() as conn:
        index = index_of(conn, kind)
        stored = conn.execute(select(column, func.count()).select_from(table)
                              .group_by(column)).all()
    uses: dict[int, int] = {}
    strays: dict[int, list[tuple[str, int]]] = {}
    by_name = {e.name: e for e in index.entries}
    for value, n in stored:
        if not value:
            continue
        if value in by_name:
            uses[by_name[value].id] = uses.get(by_name[value].id, 0) + int(n)
            continue
        m = index.match(value)
        if m.verdict == FOUND:
            strays.setdefault(m.entry.id, []).append((value, int(n)))
    views = [NameView(e.id, kind, e.name, e.aliases, uses.get(e.id, 0),
                      tuple(sorted(strays.get(e.id, ()), key=lambda p: -p[1])))
             for e in index.entries]
    return sorted(views, key=lambda v: vi_sort_key(v.name))


def merge_names(ctx: Context, kind: str, old: str, into: str) -> tuple[int, str]:
    """Store ``into``'s spelling wherever ``old`` is stored (each task or directive changed
    gets a history row and a new version), keep ``old`` as an alias of ``into`` and drop its
    own register entry.  ``old`` is a stored spelling as written; ``into`` is read by the
    register.  Returns (records changed, the name kept)."""
    table, column = _STORED[_check_kind(kind)]
    old = nfc(old).strip()
    with ctx.session() as s:
        conn = s.connection()
        index = index_of(conn, kind)
        target = next((e for e in index.entries if e.name == nfc(into).strip()), None)
        if target is None:
            m = index.match(into)
            if m.verdict != FOUND:
                raise NotFoundError("names.unknown", kind=_kind_words(kind), text=into,
                                    closest=m.closest or "-")
            target = m.entry
        if old == target.name:
            raise ValidationError("names.same", text=old)
        ids = [r[0] for r in conn.execute(select(table.c.id).where(column == old))]
        entry = conn.execute(select(K.c.id, K.c.aliases).where(K.c.kind == kind, K.c.name == old)).first()
        if not ids and entry is None:
            raise NotFoundError("names.not_stored", kind=_kind_words(kind), text=old)
        if ids and kind == ISSUER:  # one directive under both spellings: merge it by hand
            twin = D.alias("twin")
            clash = conn.execute(select(D.c.number, D.c.issue_date).join(
                twin, (twin.c.number == D.c.number) & (twin.c.issue_date == D.c.issue_date)
                & (twin.c.issuer == target.name)).where(D.c.issuer == old)).first()
            if clash is not None:
                from tracker.domain.dates import format_date

                raise ValidationError("names.merge_clash", number=clash.number,
                                      date=format_date(clash.issue_date), old=old, new=target.name)
        batch = history.new_batch()
        at = history.now()
        if ids:
            conn.execute(update(table).where(column == old).values(
                {column.name: target.name, "version": table.c.version + 1, "updated_at": at}))
            entity = "task" if kind == LEADER else "directive"
            rows = [dict(entity=entity, entity_id=i, action="update", field=kind, old=old,
                         new=target.name, at=at, by=ctx.user, batch=batch) for i in ids]
            for start in range(0, len(rows), 5000):
                conn.execute(insert(history.H), rows[start:start + 5000])
        aliases = list(target.aliases)
        if entry is not None:
            aliases += [old, *_aliases(entry.aliases)]
            conn.execute(K.delete().where(K.c.id == entry.id))
            history.record(conn, entity="name", entity_id=entry.id, action="merge", by=ctx.user,
                           field=kind, old=old, new=target.name, batch=batch)
        elif old not in aliases:
            aliases.append(old)
        merged = [a for a in dict.fromkeys(aliases) if a and a != target.name]
        conn.execute(update(K).where(K.c.id == target.id).values(aliases="|".join(merged)))
        history.record(conn, entity="name", entity_id=target.id, action="update", by=ctx.user,
                       field="aliases", old="|".join(target.aliases), new="|".join(merged),
                       batch=batch)
    return len(ids), target.name


# --------------------------------------------------------------------------- imports


class NameBook:
    """The registers for one import run: a cell is read once per distinct text (a sheet
    repeats a few names thousands of times); what it found is the spelling to store.  New
    names are registered by ``register_new`` before the run commits (from what the run
    stored, so rows checked in another process count too)."""

    def __init__(self, conn, *, new_names: bool = False) -> None:
        self.conn = conn
        self.new_names = new_names
        self._index = {kind: index_of(conn, kind) for kind in KINDS}
        self._seen: dict[tuple[str, str], NameMatch] = {}
        self.generation = 0  # how many names the run has learned (what a text finds may change)

    def read(self, kind: str, text: str, problem: Callable[[str, str, str], None]) -> str:
        """The spelling to store for ``text``; ``problem(key, closest, severity)`` is told of
        a likely misspelling (unless new names are allowed), a name part of several, or a
        known name with more words kept as a new one."""
        spelling, said = self.look(kind, text)
        if said is not None:
            problem(*said)
        return spelling

    def look(self, kind: str, text: str) -> tuple[str, tuple[str, str, str] | None]:
        """``read``'s answer: (the spelling to store, None or the problem's (key, closest,
        severity))."""
        if not text:
            return text, None
        key = (kind, text)
        m = self._seen.get(key)
        if m is None:
            m = self._index[kind].match(text)
            if len(self._seen) < 100_000:
                self._seen[key] = m
        if m.verdict == FOUND:
            return m.entry.name, None
        if m.verdict == AMBIGUOUS:
            return m.query, ("import.name_ambiguous", m.closest, "error")
        if m.verdict == CLOSE and not self.new_names and not m.extends:
            return m.query, ("import.name_close", m.closest, "error")
        # a new name: the rows after this one read it as known
        index = self._index[kind]
        self._index[kind] = NameIndex([*index.entries, NameEntry(-len(index.entries) - 1, m.query)])
        self._seen.clear()
        self.generation += 1
        if m.verdict == CLOSE and not self.new_names:  # ("UBND tỉnh Quảng Trị": said once)
            return m.query, ("import.name_extends", m.closest, "warning")
        return m.query, None

    def register_new(self, by: str) -> int:
        """Add every stored issuer and leader the registers do not know; returns how many."""
        added = 0
        for kind in KINDS:
            table, column = _STORED[kind]
            index = self._index[kind] = index_of(self.conn, kind)
            known = {e.name for e in index.entries}
            for (value,) in self.conn.execute(select(column).distinct()):
                if not value or value in known:
                    continue
                if index.match(value).verdict != FOUND:
                    _add(self.conn, kind, value, by)
                    index = NameIndex([*index.entries, NameEntry(-1, value)])
                    known.add(value)
                    added += 1
        return added
