"""An import's problems as a person reads them: what has one cause is said once.

Units never imported (the register is empty and the run brings no unit file) make every
task row's lead and supporting units unknown — hundreds of "unknown unit; closest: -".
That is one fact with one remedy, said once; the other problems are kept as they are."""
from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN_UNIT = "import.unknown_unit"
# names that matched nothing, nor anything close (no closest to list): where the names are
HINTS = {"import.unknown_unit": "hint.unit_list", "import.unknown_directive": "hint.directive_list",
         "import.unknown_parent": "hint.directive_list"}


@dataclass
class Digest:
    problems: list = field(default_factory=list)  # what is still said one by one
    said_once: list[tuple[str, dict]] = field(default_factory=list)  # (catalogue key, fields)
    folded: int = 0  # how many problems the lines said once stand for
    hints: list[str] = field(default_factory=list)  # catalogue keys, said once after them


def digest(report, units_in_store: int) -> Digest:
    """``report``'s problems with the unit problems of an empty register said once."""
    problems = list(report.problems)
    brings_units = any(getattr(f, "kind", "") == "units" for f in report.files)
    unknown = [p for p in problems if p.key == UNKNOWN_UNIT]
    if units_in_store or brings_units or not unknown:
        return Digest(problems, hints=_hints(problems))
    names = {p.value for p in unknown}
    files = sorted({p.file for p in unknown})
    rest = [p for p in problems if p.key != UNKNOWN_UNIT]
    return Digest(rest,
                  [("import.units_never_imported",
                    {"rows": len({(p.file, p.row) for p in unknown}), "names": len(names),
                     "file": ", ".join(files)})],
                  len(unknown), _hints(rest))


def _hints(problems) -> list[str]:
    return list(dict.fromkeys(HINTS[p.key] for p in problems if p.key in HINTS and not p.expected))


def units_in_store(ctx) -> int:
    from sqlalchemy import func, select

    from tracker.store.tables import unit as U

    with ctx.read() as conn:
        return int(conn.execute(select(func.count()).select_from(U)).scalar() or 0)
