"""A report's filter from what a user typed: the use case that turns unit names, directive
references and parts of names into the ids and stored values ``reports.queries.ReportFilter``
holds.  It lives here, not in ``reports``: resolving names asks the unit matcher and the
directive resolver (services), and reports never import services."""
from __future__ import annotations

from tracker.reports.queries import ReportFilter
from tracker.services.query import asked_names
from tracker.store.tables import directive as D
from tracker.store.tables import task as T


def resolve_report_filter(ctx, *, units=(), leader: str = "", issuer: str = "",
                          directives=()) -> ReportFilter:
    """A ReportFilter from what a user typed: unit names/codes/aliases (the one unit
    matcher), directive references (id, number, number@date), parts of a leader's or an
    issuer's name (without diacritics or case)."""
    labels: list[tuple[str, str]] = []
    with ctx.read() as conn:
        unit_ids = []
        if any(units):
            from tracker.services import units as units_service  # the unit matcher, on demand

            for text in units:
                if text:  # (a unit, or the members of a group: "UBND các phường")
                    entries = units_service.resolve_units(conn, text)
                    unit_ids += [e.id for e in entries]
                    labels.append(("report.filter.unit", entries[0].name if len(entries) == 1 else text))
        directive_ids = []
        if any(directives):
            from tracker.services.directives import resolve as resolve_directive

            for ref in directives:
                if ref:
                    directive_ids.append(resolve_directive(conn, ref))
                    labels.append(("report.filter.directive", ref))
        leaders = issuers = None
        if leader:
            leaders = asked_names(conn, T.c.leader, leader)
            labels.append(("report.filter.leader", leader))
        if issuer:
            issuers = asked_names(conn, D.c.issuer, issuer)
            labels.append(("report.filter.issuer", issuer))
    return ReportFilter(tuple(unit_ids), leaders, issuers, tuple(directive_ids), tuple(labels))
