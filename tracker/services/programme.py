"""The work programme (Chương trình công tác năm): a directive whose tasks sit in numbered
groups, each group year-round or in given quarters — imported from the sheet an office
keeps, and counted by group and by quarter.

The sheet: a header row (``TT``, ``Nội dung công việc``, ``Cơ quan chủ trì``, optional
``Lãnh đạo phụ trách``, ``Cả năm``, ``Quý I`` … ``Quý IV``); a group heading is a row with
content but no lead unit ("1. Công tác kinh tế", its marks apply to its items), the items
under it name their lead unit.  A cell marked ``x`` puts the row in that column.  An item
is due by the end of the last quarter marked (``Quý III/2021``), or of the year when it runs
all year or nothing is marked (``năm 2021``); its group is its work group.  An optional
``Ngày hoàn thành`` column (and ``Kết quả``, its proof) records an item done.  One
transaction: any row in error, nothing is written.  Imported again, an item the directive
has already (same content) is left as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from tracker.domain.text import fold, nfc
from tracker.services.context import Context
from tracker.services.errors import UsageError, ValidationError

ROMAN = ("I", "II", "III", "IV")
_COLUMNS = {
    "number": ("tt", "stt", "so tt"),
    "content": ("noi dung", "noi dung cong viec", "ten nhom, noi dung", "nhiem vu"),
    "lead": ("co quan chu tri", "don vi chu tri", "chu tri"),
    "leader": ("lanh dao phu trach", "lanh dao"),
    "year": ("ca nam", "xuyen suot", "xuyen suot ca nam", "thuong xuyen"),
    "q1": ("quy i", "quy 1"), "q2": ("quy ii", "quy 2"),
    "q3": ("quy iii", "quy 3"), "q4": ("quy iv", "quy 4"),
    "done_on": ("ngay hoan thanh", "hoan thanh ngay", "ngay hoan thanh thuc te"),
    "proof": ("ket qua", "ket qua thuc hien", "minh chung"),
}
_MARKS = {"x", "v", "1", "✓", "✔", "*"}
MAX_GROUP = 120


def _column(header: str) -> str | None:
    key = fold(header).strip(" .:")
    return next((name for name, words in _COLUMNS.items() if key in words), None)


def _score(cells: list[str]) -> int:
    return sum(1 for c in cells if c and _column(str(c)) is not None)


@dataclass
class ProgrammeItem:
    row: int
    content: str
    lead: str
    leader: str
    quarters: tuple[int, ...]     # marked quarters, () = all year
    done_on: object = None        # the done date cell as written (None: not done)
    proof: str = ""


@dataclass
class ProgrammeGroup:
    row: int
    title: str
    year_round: bool
    quarters: tuple[int, ...]
    items: list[ProgrammeItem] = field(default_factory=list)


def group_order(title: str):
    """Groups in their numbered order ("2. …" before "10. …"), unnumbered after."""
    from tracker.domain.text import vi_sort_key

    m = re.match(r"\s*(\d+)", title or "")
    return (0, int(m.group(1)), "") if m else (1, 0, vi_sort_key(title or ""))


def _marked(value) -> bool:
    return fold(str(value or "")).strip() in _MARKS


def read_programme(path: str, *, sheet: str | None = None) -> list[ProgrammeGroup]:
    """The groups and items of a programme sheet (ValidationError naming the row when an
    item comes before any group or a needed column is missing)."""
    from tracker.io.readers import open_table

    with open_table(path, sheet=sheet, header_score=_score) as table:
        columns = {h: _column(h) for h in table.headers}
        found = set(columns.values())
        for needed in ("content", "lead"):
            if needed not in found:
                raise ValidationError("programme.missing_column", file=table.name,
                                      column=_COLUMNS[needed][0])
        groups: list[ProgrammeGroup] = []
        for row_no, raw in table.rows():
            cells = {columns.get(h): v for h, v in raw.items() if columns.get(h)}
            content = nfc(str(cells.get("content") or ""))
            if not content:
                continue
            quarters = tuple(q for q in range(1, 5) if _marked(cells.get(f"q{q}")))
            year_round = _marked(cells.get("year"))
            number = nfc(str(cells.get("number") or "")).strip()
            lead = nfc(str(cells.get("lead") or ""))
            if not lead:  # a group heading
                title = f"{number}. {content}" if number and not content.startswith(number) \
                    else content
                groups.append(ProgrammeGroup(row_no, title[:MAX_GROUP], year_round or not quarters,
                                             quarters))
                continue
            if not groups:
                raise ValidationError("programme.item_before_group", file=table.name, row=row_no)
            group = groups[-1]
            own = () if year_round else quarters
            group.items.append(ProgrammeItem(row_no, content, lead,
                                             nfc(str(cells.get("leader") or "")),
                                             own or (() if group.year_round else group.quarters),
                                             cells.get("done_on") or None,
                                             nfc(str(cells.get("proof") or ""))))
    return groups


def item_deadline(item: ProgrammeItem, year: int) -> str:
    """The deadline words of an item: the end of its last quarter, or of the year."""
    if item.quarters:
        return f"Quý {ROMAN[max(item.quarters) - 1]}/{year}"
    return f"năm {year}"


class ProgrammeImport(NamedTuple):
    """What an import of a programme did: its groups, the items added, the items the
    directive had already (left as they are), and the directive's number."""

    groups: int
    added: int
    unchanged: int
    directive: str
    year: int = 0
    year_from_title: bool = False  # (no --year: the directive's title named it)


_YEAR_IN_TITLE = re.compile(r"\bnam (\d{4})\b")  # "Chương trình công tác năm 2021" (folded)


def programme_year(title: str | None) -> int | None:
    """The year a programme's directive names in its title ("… năm 2021 của UBND …"), if one."""
    m = _YEAR_IN_TITLE.search(fold(title or ""))
    return int(m.group(1)) if m else None


def import_programme(ctx: Context, path: str, *, directive: str, year: int | None = None,
                     sheet: str | None = None) -> ProgrammeImport:
    """Add the programme's items as tasks of ``directive`` in one transaction — an item the
    directive has already is not added again (counted as unchanged).  ``year`` None: the
    year the directive's title names ("Chương trình công tác năm 2021"), else refused."""
    from sqlalchemy import select

    from tracker.io.cells import cell_date
    from tracker.services import history
    from tracker.services.directives import resolve as resolve_directive
    from tracker.services.errors import TrackerError
    from tracker.services.rulebook import Said
    from tracker.services.tasks import add_task_within, complete_within
    from tracker.store.tables import directive as D
    from tracker.store.tables import task as T

    groups = read_programme(path, sheet=sheet)
    items = unchanged = 0
    with ctx.session() as s:
        conn = s.connection()
        directive_id = resolve_directive(conn, directive)
        number, title = conn.execute(select(D.c.number, D.c.title).where(D.c.id == directive_id)).one()
        from_title = year is None
        if from_title:
            year = programme_year(title)
            if year is None:
                raise UsageError("programme.year_unknown", directive=number, title=title or "")
        have = {c for (c,) in conn.execute(select(T.c.content).where(T.c.directive_id == directive_id))}
        batch = history.new_batch()
        for group in groups:
            for item in group.items:
                if item.content in have:
                    unchanged += 1
                    continue
                said = len(ctx.warnings)
                try:  # an item is a task added by hand (task add's path), done if the sheet says so
                    added = add_task_within(ctx, conn, directive=str(directive_id), content=item.content,
                                            lead=item.lead, due=item_deadline(item, year),
                                            leader=item.leader, group=group.title, batch=batch)
                    if item.done_on:
                        complete_within(ctx, conn, added.task_id, on=cell_date(item.done_on),
                                        proof=item.proof, batch=batch)
                except TrackerError as exc:  # a unit, a deadline, a leader or a done date
                    raise ValidationError("programme.row_problem", file=path, row=item.row,
                                          error=exc.message()) from None
                ctx.warnings[said:] = [("programme.row_problem", {"file": path, "row": item.row,
                                                                  "error": Said(k, f)})
                                       for k, f in ctx.warnings[said:]]
                have.add(item.content)
                items += 1
    # (the groups with content: a heading with none under it — the signature below the
    # sheet, "Người lập biểu", read as one — holds no task)
    return ProgrammeImport(sum(1 for g in groups if g.items), items, unchanged, number, year, from_title)


_QUARTER_OF_TEXT = re.compile(r"quy\s+(i{1,3}|iv)\b")


@dataclass(frozen=True)
class ProgrammeReport:
    groups: int
    year_round_groups: int
    items: int
    by_group: dict          # group title -> Counts
    by_quarter: dict        # 1..4 or 0 (all year) -> Counts


def programme_report(ctx: Context, *, directive: str) -> ProgrammeReport:
    """Counts by group and by quarter of a programme's tasks (the status rule's SQL form)."""
    from sqlalchemy import func, select

    from tracker.reports.data import Counts
    from tracker.reports.queries import ReportFilter, summary_counts
    from tracker.services.directives import resolve as resolve_directive
    from tracker.store.status_sql import timeliness_expr
    from tracker.store.tables import task as T

    with ctx.read() as conn:
        directive_id = resolve_directive(conn, directive)
        by_group = summary_counts(ctx, by="group", flt=ReportFilter(directive_ids=(directive_id,)))
        rows = conn.execute(select(T.c.work_group, T.c.deadline_text,
                                   timeliness_expr(ctx.today).label("k"), func.count())
                            .where(T.c.directive_id == directive_id)
                            .group_by(T.c.work_group, T.c.deadline_text, "k")).all()
    quarters: dict[int, dict] = {}
    kinds: dict[str, set] = {}
    for group, words, key, n in rows:
        m = _QUARTER_OF_TEXT.search(fold(words or ""))
        q = ROMAN.index(m.group(1).upper()) + 1 if m else 0
        kinds.setdefault(group, set()).add(q)
        quarters.setdefault(q, {}).setdefault(key, 0)
        quarters[q][key] += int(n)
    by_quarter = {q: Counts(**{k: v for k, v in d.items()}) for q, d in sorted(quarters.items())}
    return ProgrammeReport(groups=len(by_group),
                           year_round_groups=sum(1 for g in kinds.values() if g == {0}),
                           items=sum(c.assigned + c.cancelled for c in by_group.values()),
                           by_group=by_group, by_quarter=by_quarter)
