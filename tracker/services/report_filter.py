"""A report's filter from what a user typed: the use case that turns unit names, directive
references and parts of names into the ids and stored values ``reports.queries.ReportFilter``
holds.  It lives here, not in ``reports``: resolving names asks the unit matcher and the
directive resolver (services), and reports never import services."""
from __future__ import annotations

from sqlalchemy import select

from tracker.domain.text import vi_sort_key
from tracker.reports.queries import ReportFilter
from tracker.services.errors import NotFoundError
from tracker.store.tables import directive as D
from tracker.store.tables import task as T


def _match_values(conn, column, asked: str, key: str) -> tuple[str, ...]:
    """The stored values of ``column`` that contain ``asked``, compared without diacritics
    or case (SQLite's lower() knows ASCII only, so the few distinct values are folded
    here)."""
    from tracker.services.query import matching_names

    found = matching_names(conn, column, asked)
    if not found:
        values = [v for (v,) in conn.execute(select(column).distinct()) if v]
        known = ", ".join(sorted(values, key=vi_sort_key)[:12]) or "-"
        raise NotFoundError(key, text=asked, known=known)
    return found


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
                if text:
                    entry = units_service.resolve(conn, text)
                    unit_ids.append(entry.id)
                    labels.append(("report.filter.unit", entry.name))
        directive_ids = []
        if any(directives):
            from tracker.services.directives import resolve as resolve_directive

            for ref in directives:
                if ref:
                    directive_ids.append(resolve_directive(conn, ref))
                    labels.append(("report.filter.directive", ref))
        leaders = issuers = None
        if leader:
            leaders = _match_values(conn, T.c.leader, leader, "report.error.unknown_leader")
            labels.append(("report.filter.leader", leader))
        if issuer:
            issuers = _match_values(conn, D.c.issuer, issuer, "report.error.unknown_issuer")
            labels.append(("report.filter.issuer", issuer))
    return ReportFilter(tuple(unit_ids), leaders, issuers, tuple(directive_ids), tuple(labels))
