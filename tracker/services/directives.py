"""Directives: the documents that assign work (resolutions, conclusions, plans, …)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update

from tracker.domain import status as S
from tracker.domain.dates import DateError, format_date, parse_date
from tracker.domain.docnumbers import written_number
from tracker.domain.text import fold, nfc
from tracker.services import history, names
from tracker.services.context import Context
from tracker.services.errors import NotFoundError, ValidationError, within
from tracker.store.status_sql import is_overdue_expr
from tracker.store.tables import directive as D
from tracker.store.tables import task as T


def number_key(number: str) -> str:
    """The form directive numbers are matched in (``Số: 302 /BC-UBND`` finds ``302/BC-UBND``,
    ``02-NQ/TU`` finds ``2-NQ/TU``, Đ = D, any case): the canonical number, folded."""
    from tracker.domain.docnumbers import normalise_number

    return fold(normalise_number(number)).replace(" ", "")


@dataclass(frozen=True)
class DirectiveView:
    id: int
    number: str
    type_code: str
    issuer: str
    issue_date: dt.date
    title: str
    signer: str
    parent_id: int | None
    parent_number: str | None
    notes: str
    version: int
    tasks: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def ref(self) -> str:
        return f"{self.number}@{format_date(self.issue_date)}"

    def as_dict(self) -> dict:
        return {"id": self.id, "number": self.number, "type": self.type_code,
                "issuer": self.issuer, "date": self.issue_date.isoformat(),
                "title": self.title, "signer": self.signer, "parent": self.parent_number,
                "notes": self.notes, "tasks": self.tasks, "done": self.done,
                "overdue": self.overdue}


def _date(value, field: str) -> dt.date:
    try:
        return parse_date(value)
    except DateError as exc:
        raise ValidationError(exc.reason, value=exc.text, field=field) from None


def resolve(conn, ref: str) -> int:
    """The id of the directive ``ref`` names: its id, its number, or number@date."""
    ref = nfc(ref)
    if not ref:
        raise ValidationError("directive.ref_required")
    raw = ref[1:] if ref.startswith("#") else ref
    if raw.isdigit():
        if conn.execute(select(D.c.id).where(D.c.id == int(raw))).first():
            return int(raw)
        raise NotFoundError("directive.unknown_id", id=raw)
    date = None
    if "@" in ref:
        ref, _, date_text = ref.rpartition("@")
        date = _date(date_text, "ref")
    q = select(D.c.id, D.c.number, D.c.issue_date, D.c.issuer).where(D.c.number_key == number_key(ref))
    if date is not None:
        q = q.where(D.c.issue_date == date)
    rows = conn.execute(q).all()
    if len(rows) == 1:
        return rows[0].id
    if len(rows) > 1:
        choices = "; ".join(f"{r.number}@{format_date(r.issue_date)} ({r.issuer})" for r in rows)
        raise ValidationError("directive.ambiguous", ref=ref, choices=choices)
    like = closest_numbers(conn, ref)
    suggestions = ", ".join(f"{number}@{format_date(day)}" for number, day in like)
    raise NotFoundError("directive.unknown" if suggestions else "directive.unknown_none", ref=ref,
                        suggestions=suggestions)


def _bare(key: str) -> str:
    """A number's letters and digits only: ``320 kl/tu`` and ``320-KL/TU`` read alike."""
    return "".join(ch for ch in key if ch.isalnum())


def closest_numbers(conn, ref: str, limit: int = 5) -> list[tuple[str, dt.date]]:
    """The stored numbers closest to ``ref`` (number, issue date): those with the same
    letters and digits first (a space or a slash typed for a dash), then the most alike."""
    import difflib

    want = _bare(number_key(ref))
    if not want:
        return []
    rows = conn.execute(select(D.c.number, D.c.issue_date, D.c.number_key)).all()
    same = [(r.number, r.issue_date) for r in rows if _bare(r.number_key) == want]
    if same:
        return same[:limit]
    by_key: dict[str, list] = {}
    for r in rows:
        by_key.setdefault(_bare(r.number_key), []).append((r.number, r.issue_date))
    close = difflib.get_close_matches(want, list(by_key), n=limit, cutoff=0.6)
    return [hit for k in close for hit in by_key[k]][:limit]


def _views(conn, where=None, today: dt.date | None = None,
           limit: int | None = None) -> list[DirectiveView]:
    """Directives (newest first) with their task counts.  The directives are chosen first
    and only their tasks counted: a screenful of the newest costs milliseconds at 1M tasks."""
    P = D.alias("parent")
    q = (select(D, P.c.number.label("parent_number"))
         .select_from(D.outerjoin(P, P.c.id == D.c.parent_id))
         .order_by(D.c.issue_date.desc(), D.c.id.desc()))
    if where is not None:
        q = q.where(where)
    if limit is not None:
        q = q.limit(limit)
    rows = conn.execute(q).all()
    counts = _task_counts(conn, [r.id for r in rows], today or dt.date.today(),
                          every=limit is None and where is None)
    return [DirectiveView(r.id, r.number, r.type_code, r.issuer, r.issue_date, r.title,
                          r.signer, r.parent_id, r.parent_number, r.notes, r.version,
                          *counts.get(r.id, (0, 0, 0)))
            for r in rows]


def _task_counts(conn, ids: list[int], today: dt.date, every: bool) -> dict[int, tuple[int, int, int]]:
    """directive id -> (tasks, done, overdue)."""
    if not ids:
        return {}
    key = T.c.directive_id
    if every and conn.dialect.name == "sqlite":
        # all directives: one pass over the table beats walking ix_task_directive_id and
        # fetching every row (0.8 s instead of 2.2 s at 1M); "+ 0" hides that index
        key = T.c.directive_id + 0
    q = (select(key.label("d"), func.count(),
                func.sum(func.cast(T.c.status == S.DONE, _int())),
                func.sum(func.cast(is_overdue_expr(today), _int())))
         .group_by(key))
    out: dict[int, tuple[int, int, int]] = {}
    chunks = [ids] if every else [ids[i:i + 900] for i in range(0, len(ids), 900)]
    for chunk in chunks:
        qq = q if every else q.where(T.c.directive_id.in_(chunk))
        for d, n, done, overdue in conn.execute(qq):
            out[d] = (int(n or 0), int(done or 0), int(overdue or 0))
    return out


def _int():
    from sqlalchemy import Integer

    return Integer


def list_directives(ctx: Context, *, search: str | None = None, issuer: str | None = None,
                    type_code: str | None = None, period: str | None = None,
                    limit: int | None = None) -> list[DirectiveView]:
    """Directives, newest first, with their task counts: those whose number or title holds
    ``search``, of ``issuer`` (as the task list reads a name), of a type (``KL``, ``kl``), or
    issued in a period written as a report's (``năm 2021``, ``quý trước``)."""
    conds = []
    if type_code:
        conds.append(D.c.type_code == _type_code(type_code))
    if period:
        from tracker.services.reporting import read_period

        start, end = read_period(ctx, period)
        conds.append(D.c.issue_date.between(start, end))
    if search:
        f = fold(search)
        conds.append(D.c.title_folded.contains(f) | D.c.number_key.contains(f.replace(" ", "")))
    from sqlalchemy import and_

    with ctx.read() as conn:
        if issuer:  # (the task list's rule: without diacritics, the register's other spellings)
            from tracker.services.query import asked_names

            conds.append(D.c.issuer.in_(asked_names(conn, D.c.issuer, issuer)))
        return _views(conn, and_(*conds) if conds else None, ctx.today, limit=limit)


def get_directive(ctx: Context, ref: str) -> DirectiveView:
    with ctx.read() as conn:
        did = resolve(conn, ref)
        return _views(conn, D.c.id == did, ctx.today)[0]


def children(ctx: Context, directive_id: int) -> list[DirectiveView]:
    with ctx.read() as conn:
        return _views(conn, D.c.parent_id == directive_id, ctx.today)


def add_directive(ctx: Context, number: str, *, type_code: str | None = None, issuer: str, date,
                  title: str, signer: str = "", parent: str | None = None,
                  notes: str = "") -> DirectiveView:
    """Record a directive; ``type_code`` None: the type its number names (67/KH-UBND: KH; a
    Công văn's number names none), as an import row's directive gets it."""
    fields = check_new_directive(ctx, number, type_code=type_code, issuer=issuer, date=date,
                                 title=title, signer=signer)
    with ctx.session() as s:
        conn = s.connection()
        did = record_directive(ctx, conn, fields, parent=parent, notes=notes)
        return _views(conn, D.c.id == did, ctx.today)[0]


@dataclass(frozen=True)
class NewDirective:
    """A new directive's fields as the rules have read them (``check_new_directive``)."""

    number: str
    type_code: str
    issuer: str
    issue_date: dt.date
    title: str
    signer: str


def check_new_directive(ctx: Context, number: str, *, type_code: str | None, issuer: str, date,
                        title: str, signer: str = "") -> NewDirective:
    """A new directive's fields read and checked (its date, number, issuer, title, type): the
    first error refused, warnings said.  Nothing is read from the store."""
    from tracker.domain.docnumbers import type_of_number

    from tracker.domain import rules
    from tracker.services.rulebook import enforce

    number, issuer, title, signer = written_number(number), nfc(issuer), nfc(title), nfc(signer)
    if type_code is None:
        type_code = type_of_number(number)
    issue_date, said = rules.read_date(date, "date", today=ctx.today)
    enforce(ctx, rules.check_directive(number=number, issuer=issuer, title=title, issue_date=issue_date,
                                       today=ctx.today) + said)
    within(number, 80, "NUMBER"), within(issuer, 120, "--issuer"), within(signer, 120, "--signer")
    return NewDirective(number, _type_code(type_code), issuer, issue_date, title, signer)


def record_directive(ctx: Context, conn, d: NewDirective, *, parent: str | None = None,
                     notes: str = "") -> int:
    """A checked directive written in the caller's transaction — ``add_directive``'s, or a
    document's extraction recording it with its tasks: the issuer as the register spells it,
    a second one of the same number, issuer and date refused, a number used before said."""
    issuer = names.settle(ctx, conn, names.ISSUER, d.issuer)  # the register's spelling
    parent_id = resolve(conn, parent) if parent else None
    _refuse_twice(conn, d.number, issuer, d.issue_date)
    same_number = conn.execute(select(D.c.issue_date, D.c.issuer).where(
        D.c.number_key == number_key(d.number)).order_by(D.c.issue_date)).first()
    if same_number is not None:  # (numbers restart each year: said, for what now needs a date)
        ctx.warn("directive.number_repeated", number=d.number, date=format_date(same_number.issue_date),
                 issuer=same_number.issuer, new=format_date(d.issue_date))
    did = conn.execute(insert(D).values(
        number=d.number, number_key=number_key(d.number), type_code=d.type_code, issuer=issuer,
        issue_date=d.issue_date, title=d.title, title_folded=fold(d.title), signer=d.signer,
        parent_id=parent_id, notes=nfc(notes))).inserted_primary_key[0]
    history.record(conn, entity="directive", entity_id=did, action="create", by=ctx.user,
                   new=f"{d.number} {format_date(d.issue_date)}")
    return did


def _refuse_a_loop(conn, did: int, parent_id: int) -> None:
    """A directive under one of its own descendants would be its own ancestor: refused,
    naming the chain (the tree of a directive and what implements it has no loops)."""
    chain, at = [parent_id], parent_id
    while True:
        at = conn.execute(select(D.c.parent_id).where(D.c.id == at)).scalar()
        if at is None or at in chain:
            return
        chain.append(at)
        if at == did:
            numbers = dict(conn.execute(select(D.c.id, D.c.number).where(D.c.id.in_([did, *chain]))).all())
            raise ValidationError("directive.parent_loop", parent=numbers[parent_id],
                                  chain=" → ".join(numbers[i] for i in [did, *chain]))


def _refuse_twice(conn, number: str, issuer: str, issue_date: dt.date, *, other_than: int | None = None) -> None:
    """A directive is its number, issuer and date (DESIGN §2): a second one is refused — its
    number compared as every lookup compares it (``number_key``: '320-kl/tu' is 320-KL/TU)."""
    q = select(D.c.id).where(D.c.number_key == number_key(number), D.c.issuer == issuer,
                             D.c.issue_date == issue_date)
    if other_than is not None:
        q = q.where(D.c.id != other_than)
    if conn.execute(q).first():
        raise ValidationError("directive.duplicate", number=number, issuer=issuer,
                              date=format_date(issue_date))


def _type_code(code: str) -> str:
    """A type code in its official spelling; one neither Decree 30 nor the Party's guidance
    knows is refused, the known ones listed."""
    from tracker.domain.docnumbers import LEGAL_TYPES, PARTY_TYPES, STATE_TYPES, known_type_code

    known = known_type_code(code)
    if known is None:
        raise ValidationError("directive.unknown_type", code=nfc(code),
                              state=", ".join([*STATE_TYPES, *LEGAL_TYPES]),
                              party=", ".join(PARTY_TYPES))
    return known


def _follow_date(ctx: Context, conn, did: int) -> None:
    """A directive's corrected date moves what was counted from it: its tasks' deadlines
    (``trong 10 ngày``, said in a warning) and its duties' instances (assigned no earlier)."""
    from tracker.services.calendar import follow_directive_date
    from tracker.services.recurrence import reassign_instances

    moved = follow_directive_date(ctx, conn, did)
    if moved:
        ctx.warn("directive.deadlines_moved", count=len(moved), tasks=", ".join(
            f"#{i} {format_date(old)} → {format_date(new)}" for i, old, new in moved[:10])
            + (" …" if len(moved) > 10 else ""))
    reassign_instances(conn, directive_id=did)


EDITABLE = ("number", "type_code", "issuer", "issue_date", "title", "signer", "notes", "parent")


def edit_directive(ctx: Context, ref: str, *, expected_version: int | None = None,
                   **fields) -> DirectiveView:
    """Correct a directive: the add's rules on what it would become (a number, an issuer
    and a title; a date read as typed, one after today said; not a second directive of
    one number, issuer and date), then the deadlines counted from its date follow it."""
    from tracker.domain import rules
    from tracker.services.errors import ConflictError
    from tracker.services.rulebook import enforce

    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError("directive.bad_field", field=", ".join(sorted(unknown)))
    with ctx.session() as s:
        conn = s.connection()
        did = resolve(conn, ref)
        # the write lock first, so the row read is the row written (see tasks._lock_task)
        conn.execute(update(D).where(D.c.id == did).values(version=D.c.version))
        row = conn.execute(select(D).where(D.c.id == did)).one()
        if expected_version is not None and row.version != expected_version:
            raise ConflictError("conflict.directive", id=did)
        values, changes = {}, {}
        for name, value in fields.items():
            if value is None:
                continue
            if name == "parent":
                new = resolve(conn, value) if value else None
                if new == did:
                    raise ValidationError("directive.self_parent")
                if new is not None:
                    _refuse_a_loop(conn, did, new)
                if new != row.parent_id:
                    values["parent_id"] = new
                    changes["parent"] = (row.parent_id, new)
                continue
            if name == "issue_date":
                value, said = rules.read_date(value, "date", today=ctx.today)
                enforce(ctx, said)
            elif name == "type_code":
                value = _type_code(value)
            else:
                value = written_number(value) if name == "number" else nfc(value)
                within(value, {"number": 80, "type_code": 12, "issuer": 120, "signer": 120}.get(name, 10**9),
                       "--type" if name == "type_code" else f"--{name}")
                if name == "issuer" and value:
                    value = names.settle(ctx, conn, names.ISSUER, value)
            if value != getattr(row, name):
                values[name] = value
                changes[name] = (getattr(row, name), value)
        # the add's rules, on the directive as it would be
        after = {name: values.get(name, getattr(row, name)) for name in ("number", "issuer", "title", "issue_date")}
        enforce(ctx, rules.check_directive(**{**after, "issue_date": values.get("issue_date")}, today=ctx.today))
        if {"number", "issuer", "issue_date"} & set(values):
            _refuse_twice(conn, after["number"], after["issuer"], after["issue_date"], other_than=did)
        if "issue_date" in values:  # no task of it may then be done before it was issued
            from tracker.store.tables import task as T

            first = conn.execute(select(T.c.id, T.c.done_on).where(T.c.directive_id == did, T.c.status == "done")
                                 .order_by(T.c.done_on).limit(1)).first()
            enforce(ctx, rules.check_directive_date(values["issue_date"], first_done=first.done_on if first else None),
                    id=first.id if first else "")
        if "number" in values:
            values["number_key"] = number_key(values["number"])
        if "title" in values:
            values["title_folded"] = fold(values["title"])
        if values:
            values.update(version=row.version + 1, updated_at=history.now())
            res = conn.execute(update(D).where(D.c.id == did, D.c.version == row.version)
                               .values(**values))
            if res.rowcount != 1:
                raise ConflictError("conflict.directive", id=did)
            history.record_changes(conn, entity="directive", entity_id=did, by=ctx.user,
                                   changes=changes)
            if "issue_date" in values:
                _follow_date(ctx, conn, did)
        return _views(conn, D.c.id == did, ctx.today)[0]
