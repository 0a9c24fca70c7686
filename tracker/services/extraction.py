"""Reading a directive's document and recording the tasks it assigns (issue 16).

``propose(ctx, path)`` reads the file (``io.documents``), reads the document
(``domain.extract``), matches every unit named to the register (``domain.unitmatch``, the one
matcher: a name it cannot match is kept as written with its closest matches, a group stays a
group), links the documents it cites to directives already in the store, and says whether
the document itself is already recorded.  Nothing is written.

``apply(ctx, proposal)`` records the directive and the accepted tasks in one transaction —
all or nothing — and refuses a directive already recorded unless ``update`` (then only the
tasks not yet recorded under it are added).  The CLI (``tracker extract``) and the app's
document screen both call these two.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from tracker.domain.dates import format_date
from tracker.domain.extract import Proposal, ProposedTask, assemble, extract
from tracker.domain.rules import AMBIGUOUS, FOUND, GROUP, UNKNOWN
from tracker.domain.text import fold, nfc
from tracker.domain.unitmatch import UnitEntry, UnitIndex
from tracker.services import history
from tracker.services import units as unit_service
from tracker.services.context import Context
from tracker.services.directives import number_key
from tracker.services.directives import resolve as resolve_directive
from tracker.errors import TrackerError
from tracker.services.errors import ValidationError
from tracker.store.tables import directive as D
from tracker.store.tables import task as T

PROPOSED, ACCEPTED, DROPPED = "proposed", "accepted", "dropped"


@dataclass
class UnitVerdict:
    """A unit name as written and what the register makes of it."""

    written: str
    verdict: str  # found | ambiguous | unknown | group
    unit: UnitEntry | None = None
    candidates: list[tuple[str, str, float]] = field(default_factory=list)  # code, name, score
    group: str = ""
    # the units a group of definite units stands for ("UBND các phường": every ward) — a task
    # it leads is recorded once for each (``rules.group_members``)
    members: list[UnitEntry] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.unit.code if self.unit else self.written

    def as_dict(self) -> dict:
        return {"written": self.written, "verdict": self.verdict,
                "unit": self.unit.code if self.unit else None,
                "name": self.unit.name if self.unit else None,
                "group": self.group or None,
                "members": [u.code for u in self.members],
                "candidates": [{"code": c, "name": n, "score": s} for c, n, s in self.candidates]}


def judge_unit(index: UnitIndex, written: str, kinds: dict[int, str] | None = None) -> UnitVerdict:
    """The register's verdict on a unit name (the rulebook's one verdict); a group, with the
    units it stands for when they are definite (``kinds``: unit id → kind; None: not asked)."""
    from tracker.domain.rules import group_members, unit_verdict

    m = index.match(written)
    cands = [(u.code, u.name, s) for u, s in m.candidates]
    verdict = unit_verdict(m)
    members = []
    if verdict == GROUP and kinds is not None:
        by_id = {u.id: u for u in index.units}
        members = [by_id[i] for i in group_members(m.group, kinds) or () if i in by_id]
    return UnitVerdict(written, verdict, m.unit if verdict == FOUND else None, cands,
                       m.group if verdict == GROUP else "", members)


@dataclass
class CitationView:
    text: str
    type_words: str
    number: str
    date: dt.date | None
    issuer: str | None
    directive_id: int | None = None
    directive_ref: str | None = None

    def as_dict(self) -> dict:
        return {"text": self.text, "type": self.type_words, "number": self.number,
                "date": self.date.isoformat() if self.date else None, "issuer": self.issuer,
                "directive": self.directive_ref}


@dataclass
class TaskProposal:
    index: int
    text: str
    lead: UnitVerdict | None
    support: list[UnitVerdict]
    deadline_text: str
    deadline: dt.date | None
    deadline_kind: str
    product: str
    start: int
    end: int
    form: str
    confidence: float
    problems: list[tuple[str, dict]]
    state: str = PROPOSED  # proposed | accepted | dropped (the app's review)

    @property
    def leads(self) -> list[UnitEntry]:
        """The units that lead it: the one found, or each unit of a definite group (one task
        each, as an office gives "UBND các phường" a task per ward); none while unresolved."""
        if self.lead is None:
            return []
        return [self.lead.unit] if self.lead.verdict == FOUND else list(self.lead.members)

    @property
    def recordable(self) -> bool:
        return bool(self.leads) and bool(self.text.strip())

    def as_dict(self) -> dict:
        return {"index": self.index, "text": self.text,
                "lead": self.lead.as_dict() if self.lead else None,
                "support": [s.as_dict() for s in self.support],
                "deadline_text": self.deadline_text,
                "deadline": self.deadline.isoformat() if self.deadline else None,
                "deadline_kind": self.deadline_kind, "product": self.product,
                "span": [self.start, self.end], "form": self.form,
                "confidence": round(self.confidence, 2),
                "problems": [{"key": k, **{n: str(v) for n, v in f.items()}} for k, f in self.problems]}


@dataclass
class DocumentProposal:
    file: str
    kind: str
    text: str
    number: str
    type_code: str
    issuer: str
    place: str
    date: dt.date | None
    title: str
    signer: str
    citations: list[CitationView]
    tasks: list[TaskProposal]
    problems: list[tuple[str, dict]] = field(default_factory=list)
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    recorded_id: int | None = None  # the directive already in the store, if any
    recorded_ref: str | None = None

    def as_dict(self) -> dict:
        return {"file": self.file, "format": self.kind,
                "document": {"number": self.number or None, "type": self.type_code or None,
                             "issuer": self.issuer or None, "place": self.place or None,
                             "date": self.date.isoformat() if self.date else None,
                             "title": self.title or None, "signer": self.signer or None,
                             "recorded": self.recorded_ref},
                "citations": [c.as_dict() for c in self.citations],
                "tasks": [t.as_dict() for t in self.tasks],
                "problems": [{"key": k, **{n: str(v) for n, v in f.items()}} for k, f in self.problems],
                "warnings": [{"key": k, **{n: str(v) for n, v in f.items()}} for k, f in self.warnings]}


# --------------------------------------------------------------------------- propose

def propose(ctx: Context, path: str, *, data: bytes | None = None) -> DocumentProposal:
    """Read the document at ``path`` (``-``: standard input) and propose its tasks."""
    from tracker.io.documents import read_document

    doc = read_document(path, data=data)
    return propose_blocks(ctx, doc.name, doc.kind, doc.blocks, warnings=doc.warnings)


def propose_blocks(ctx: Context, name: str, kind: str, blocks, *, warnings=()) -> DocumentProposal:
    source = assemble(list(blocks))
    p = extract(source, ref_date=None, calendar=ctx.calendar())
    with ctx.read() as conn:
        index = UnitIndex(unit_service.entries_of(conn))
        kinds = unit_service.kinds_of(conn)
        citations = [_link(conn, c) for c in p.citations]
        recorded = _recorded(conn, p)
        issuer = _own_issuer(conn, _issuer(p.header.issuer or ""), p.header.place or "")
    judged: dict[str, UnitVerdict] = {}  # a document names the same units again and again

    def judge(written: str) -> UnitVerdict:
        v = judged.get(written)
        if v is None:
            v = judged[written] = judge_unit(index, written, kinds)
        return v

    tasks = [_judge(judge, i, t) for i, t in enumerate(p.tasks, 1)]
    problems = list(p.problems)
    if not tasks:
        problems.append(("extract.no_tasks", {"file": name}))
    h = p.header
    out = DocumentProposal(
        file=name, kind=kind, text=source.text,
        number=h.number.canonical if h.number else h.number_text,
        type_code=p.type_code or "", issuer=issuer, place=h.place or "",
        date=h.date, title=p.title, signer=p.signer, citations=citations, tasks=tasks,
        problems=problems, warnings=list(warnings))
    if recorded:
        out.recorded_id, out.recorded_ref = recorded
    return out


def _issuer(words: str) -> str:
    """'ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ', 'UBND THÀNH PHỐ ĐÔNG HÀ' → 'UBND thành phố Đông
    Hà' (how the register writes issuers); anything else as written."""
    w = nfc(words)
    f = fold(w)
    for long, short in (("uy ban nhan dan", "UBND"), ("hoi dong nhan dan", "HĐND"), ("ubnd", "UBND"),
                        ("hdnd", "HĐND")):
        if f.startswith(long + " "):
            rest = w[len(long) + 1:].strip()
            parts = rest.split()
            if parts and fold(parts[0]) in ("tinh", "huyen", "quan", "phuong", "xa", "thi"):
                if fold(" ".join(parts[:2])) in ("thanh pho", "thi xa", "thi tran"):
                    return f"{short} {parts[0].lower()} {parts[1].lower()} {_title(parts[2:])}".strip()
                return f"{short} {parts[0].lower()} {_title(parts[1:])}".strip()
            if fold(" ".join(parts[:2])) == "thanh pho":
                return f"{short} thành phố {_title(parts[2:])}".strip()
            return f"{short} {_title(parts)}".strip()
    return w


def _own_issuer(conn, issuer: str, place: str) -> str:
    """The register's name for a header's issuer that is a known one and the place the
    document was issued at — 'UBND thành phố Đông Hà' of a notice 'Đông Hà, ngày …' is the
    register's 'UBND thành phố' (it was recorded as a new issuer, every notice of the city's
    own); any other as it is (the register's rules then settle it)."""
    from tracker.domain.namematch import FOUND
    from tracker.services.names import ISSUER, index_of

    f, where = fold(issuer), fold(place).strip()
    if not where or not f.endswith(" " + where):
        return issuer
    index = index_of(conn, ISSUER)
    if index.match(issuer).verdict == FOUND:
        return issuer
    without = " ".join(issuer.split()[:-len(where.split())])
    m = index.match(without)
    return m.entry.name if m.verdict == FOUND else issuer


def _title(words: list[str]) -> str:
    return " ".join(p[:1].upper() + p[1:].lower() for p in words)


def _link(conn, c) -> CitationView:
    number = c.number.canonical if c.number else c.number_text
    view = CitationView(text=c.text, type_words=c.type_words, number=number, date=c.date,
                        issuer=c.issuer)
    if c.number is None:
        return view
    q = select(D.c.id, D.c.number, D.c.issue_date).where(D.c.number_key == number_key(number))
    if c.date:
        q = q.where(D.c.issue_date == c.date)
    rows = conn.execute(q.limit(2)).all()
    if len(rows) == 1:
        view.directive_id = rows[0].id
        view.directive_ref = f"{rows[0].number}@{format_date(rows[0].issue_date)}"
    return view


def _recorded(conn, p: Proposal) -> tuple[int, str] | None:
    h = p.header
    if not h.number or not h.date:
        return None
    row = conn.execute(select(D.c.id, D.c.number, D.c.issue_date).where(
        D.c.number_key == number_key(h.number.canonical), D.c.issue_date == h.date)).first()
    return (row.id, f"{row.number}@{format_date(row.issue_date)}") if row else None


def _judge(judge, i: int, t: ProposedTask) -> TaskProposal:
    problems = list(t.problems)
    conf = t.confidence
    lead = judge(t.lead) if t.lead else None
    if lead is None:
        problems.append(("extract.no_lead", {}))
        conf -= 0.4
    elif lead.verdict != FOUND:
        problems.append(_unit_problem(lead, "lead"))
        conf -= {GROUP: 0.1, AMBIGUOUS: 0.2, UNKNOWN: 0.3}[lead.verdict]
    support = [judge(s) for s in t.support]
    for s in support:
        if s.verdict in (UNKNOWN, AMBIGUOUS):
            problems.append(_unit_problem(s, "support"))
            conf -= 0.05
    if any(k.startswith("extract.deadline") for k, _f in t.problems):
        conf -= 0.1
    if any(k == "extract.several_leads" for k, _f in t.problems):
        conf -= 0.1
    return TaskProposal(index=i, text=t.text, lead=lead, support=support,
                        deadline_text=t.deadline_text, deadline=t.deadline,
                        deadline_kind=t.deadline_kind, product=t.product, start=t.start,
                        end=t.end, form=t.form, confidence=max(0.05, min(1.0, conf)),
                        problems=problems)


def _unit_problem(v: UnitVerdict, role: str) -> tuple[str, dict]:
    if role == "lead" and v.members:  # (said, so that nine tasks for one line surprise no one)
        return ("extract.unit_group_each", {"text": v.written, "count": len(v.members),
                                            "units": ", ".join(u.code for u in v.members)})
    names = ", ".join(f"{c} ({n})" for c, n, _s in v.candidates) or "-"
    return (f"extract.unit_{v.verdict}", {"role": role, "text": v.written, "candidates": names})


def rematch(ctx: Context, task: TaskProposal, *, lead: str | None = None,
            support: list[str] | None = None) -> None:
    """The clerk's correction of a task's units (the app's edit): matched again."""
    with ctx.read() as conn:
        index = UnitIndex(unit_service.entries_of(conn))
        kinds = unit_service.kinds_of(conn)
    if lead is not None:
        task.lead = judge_unit(index, lead, kinds) if lead.strip() else None
    if support is not None:
        task.support = [judge_unit(index, s, kinds) for s in support if s.strip()]
    task.problems = [p for p in task.problems if not p[0].startswith("extract.unit_")
                     and p[0] != "extract.no_lead"]
    for role, vs in (("lead", [task.lead] if task.lead else []), ("support", task.support)):
        for v in vs:
            if v.verdict != FOUND and not (role == "support" and v.verdict == GROUP):
                task.problems.append(_unit_problem(v, role))


# --------------------------------------------------------------------------- apply

@dataclass
class Applied:
    directive_id: int
    directive_ref: str
    created: bool
    tasks: int  # one-off tasks recorded
    skipped: int
    duties: int = 0  # recurring duties recorded …
    periods: int = 0  # … and their periods' tasks, made with them


def apply(ctx: Context, p: DocumentProposal, *, update: bool = False,
          directive: str | None = None, only: list[TaskProposal] | None = None) -> Applied:
    """Record the directive and its tasks (``only``: these; default every task) in one
    transaction, each through the rules a directive or task added by hand meets
    (``directives.record_directive``, ``tasks.add_task_within``): the issuer as the register
    spells it, a deadline before the directive's date or a unit no longer active said,
    recurring words made a recurring duty.  Every task must have its lead unit found in the
    register, or a group of definite units as its lead: then it is recorded once for each of
    them.  A task the directive has already (its content, for that lead unit) is skipped.  A
    task the rules refuse refuses the whole document, naming the task."""
    from tracker.services.directives import check_new_directive, record_directive
    from tracker.services.rulebook import Said
    from tracker.services.tasks import add_task_within

    tasks = list(only) if only is not None else list(p.tasks)
    if not tasks:
        raise ValidationError("extract.nothing_to_record", file=p.file)
    bad = [t for t in tasks if not t.recordable]
    if bad:
        raise ValidationError("extract.unresolved_leads", count=len(bad),
                              tasks=", ".join(f"#{t.index} ({t.lead.written if t.lead else '-'})"
                                              for t in bad[:10]))
    new = None
    if not directive and p.recorded_id is None:
        missing = [name for name, v in (("number", p.number), ("date", p.date), ("issuer", p.issuer))
                   if not v]
        if missing:
            raise ValidationError("extract.directive_incomplete", file=p.file, missing=", ".join(missing))
        new = check_new_directive(ctx, p.number, type_code=p.type_code or None, issuer=p.issuer,
                                  date=p.date, title=p.title or p.number, signer=p.signer)
    with ctx.session() as s:
        conn = s.connection()
        created = False
        if directive:
            did = resolve_directive(conn, directive)
        elif p.recorded_id is not None:
            if not update:
                raise ValidationError("extract.already_recorded", ref=p.recorded_ref)
            did = p.recorded_id
        else:
            did = record_directive(ctx, conn, new)
            created = True
        row = conn.execute(select(D.c.number, D.c.issue_date).where(D.c.id == did)).one()
        existing = {(r.content_folded, r.lead_unit_id) for r in conn.execute(
            select(T.c.content_folded, T.c.lead_unit_id).where(T.c.directive_id == did))}
        batch = history.new_batch()
        added = skipped = 0
        duties: list[int] = []
        for t in tasks:
            content = nfc(t.text)
            folded = fold(content)
            for lead in t.leads:
                if (folded, lead.id) in existing:
                    skipped += 1
                    continue
                # the units found, and the groups for the rules to read as `task add --support`
                # does (every ward; a vaguer one said and left to the notes)
                support = [v.unit.code if v.verdict == FOUND else v.written for v in t.support
                           if v.verdict == GROUP or (v.verdict == FOUND and v.unit.id != lead.id)]
                said = len(ctx.warnings)
                try:
                    made = add_task_within(ctx, conn, directive=str(did), content=content, lead=lead.code,
                                    support=list(dict.fromkeys(support)), due=t.deadline_text,
                                    notes=_support_notes(t), batch=batch)
                except TrackerError as error:  # (said in the words of the moment: its str)
                    if isinstance(error.fields.get("field"), str):  # "Thời hạn", not "deadline"
                        from tracker.i18n import field_label

                        error.fields["field"] = field_label(error.fields["field"])
                    raise ValidationError("extract.task_refused", index=t.index, lead=lead.code,
                                          reason=error) from None
                ctx.warnings[said:] = [("extract.task_said", {"index": t.index, "lead": lead.code,
                                                              "message": Said(k, f)})
                                       for k, f in ctx.warnings[said:]]
                existing.add((folded, lead.id))
                if made.recurrence_id is not None:
                    duties.append(made.recurrence_id)
                else:
                    added += 1
        periods = conn.execute(select(func.count()).select_from(T).where(T.c.recurrence_id.in_(duties))).scalar() \
            if duties else 0
        return Applied(did, f"{row.number}@{format_date(row.issue_date)}", created, added, skipped,
                       len(duties), periods)


def _support_notes(t: TaskProposal) -> str:
    """What the register cannot hold as units: names not matched and groups that name no
    definite units, and the product, kept in the task's notes in the document's words."""
    from tracker.i18n import _

    parts = []
    loose = [v.written for v in t.support if v.verdict != FOUND and not (v.verdict == GROUP and v.members)]
    if loose:
        parts.append(_("extract.note.support", units="; ".join(loose)))
    if t.product:
        parts.append(_("extract.note.product", product=t.product))
    return "\n".join(parts)
