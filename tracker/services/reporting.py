"""Reports and lists written from the app (the desk): the filtered task list, the overdue
list and the units scorecard for a period, to the file a clerk names — its extension says
the format.  The same renderers as `tracker report` and `tracker export` (``reports.*``,
``services.exporter``); a file is written beside its name and renamed when whole."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from tracker.io.writers import written  # (a report file whole or not at all; the CLI's too)
from tracker.services.context import Context
from tracker.services.errors import UsageError, ValidationError

TASKS, OVERDUE, SUMMARY = "tasks", "overdue", "summary"
# what each report can be written as, by file extension
FORMATS = {
    TASKS: {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".jsonl": "jsonl"},
    OVERDUE: {".xlsx": "xlsx", ".csv": "csv", ".docx": "docx"},
    SUMMARY: {".xlsx": "xlsx", ".csv": "csv", ".docx": "docx"},
}


@dataclass(frozen=True)
class Written:
    path: Path
    fmt: str
    rows: int


def read_period(ctx: Context, text: str) -> tuple[dt.date, dt.date]:
    """(first day, last day) of a report's period as a clerk writes it (``Quý II/2021``,
    ``tháng 5/2021``, ``2021``, ``15/03/2021``), counted with the store's calendar.  One it
    cannot read is said as a period ("không đọc được kỳ …"), not as a deadline."""
    from tracker.domain.deadlines import DeadlineError
    from tracker.i18n import _
    from tracker.reports.queries import period_range

    try:
        return period_range(text, ctx.today, ctx.calendar())
    except DeadlineError as exc:
        raise ValidationError("period.unreadable", value=text, reason=_(exc.key, **exc.fields)) from None


def format_of(kind: str, path: str | os.PathLike) -> str:
    """The format ``path``'s extension names for ``kind``; any other is refused, the
    extensions this report takes listed."""
    suffix = Path(path).suffix.lower()
    fmt = FORMATS[kind].get(suffix)
    if fmt is None:
        raise UsageError("desk.export.bad_suffix", file=str(path), suffix=suffix or "-",
                         known=", ".join(FORMATS[kind]))
    return fmt


def write_report(ctx: Context, kind: str, path: str | os.PathLike, *, lang: str = "vi",
                 flt=None, sort: str = "deadline", descending: bool = False,
                 start: dt.date | None = None, end: dt.date | None = None,
                 basis: str | None = None, label: str = "", as_of: dt.date | None = None) -> Written:
    """Write the report ``kind`` to ``path`` (its format from the extension); ``as_of``: of
    the register as it stood at the end of that day, rebuilt from history (``--as-of``).

    - ``tasks``: the tasks ``flt`` (a services TaskFilter) selects, in ``sort`` order — the
      export's own sheet, so it imports back;
    - ``overdue``: the overdue list (and what falls due within 7 days), as the nightly job;
    - ``summary``: the units scorecard for ``start``..``end`` (``basis``: what puts a task in
      the period); the signed-paper docx carries it with the overdue list."""
    if as_of is not None:
        from tracker.services.asof import check_as_of

        check_as_of(ctx, as_of)  # (a day to come refused, one before the history said)
        with ctx.as_it_stood(as_of) as past:
            return write_report(past, kind, path, lang=lang, flt=flt, sort=sort,
                                descending=descending, start=start, end=end, basis=basis,
                                label=label)
    path = Path(path).expanduser()
    fmt = format_of(kind, path)
    if kind == TASKS:
        from tracker.services.exporter import export

        result = export(ctx, "tasks", fmt, path, flt=flt, lang=lang, sort=sort,
                        descending=descending)
        return Written(path, fmt, result.rows)
    from tracker.reports import queries

    if kind == OVERDUE:
        report = queries.overdue_report(ctx)
        rows = report.total_overdue
        _write(path, fmt, lambda out: _overdue(report, fmt, out, lang))
        return Written(path, fmt, rows)
    options = {"basis": basis} if basis else {}
    report = queries.summary_report(ctx, by="unit", start=start, end=end, period_label=label,
                                    **options)
    overdue = queries.overdue_report(ctx) if fmt == "docx" else None
    _write(path, fmt, lambda out: _summary(report, overdue, fmt, out, lang))
    return Written(path, fmt, len(report.rows))


def overdue_preview(ctx: Context, *, lang: str = "vi", width: int = 100) -> str:
    """The nightly overdue report as cron mails it (plain text, ``width`` columns)."""
    from tracker.reports import plain, queries

    return plain.render_overdue(queries.overdue_report(ctx), lang, width)


def _write(path: Path, fmt: str, write) -> None:
    if fmt == "csv":
        with written(path, "w", encoding="utf-8-sig", newline="") as out:
            write(out)
    else:
        with written(path, "wb") as out:
            write(out)


def _overdue(report, fmt: str, out, lang: str) -> None:
    if fmt == "xlsx":
        from tracker.reports.xlsx import write_overdue_xlsx

        write_overdue_xlsx(report, out, lang)
    elif fmt == "docx":
        from tracker.reports.docx import write_docx

        write_docx(out, overdue=report, lang=lang)
    else:
        from tracker.reports import machine

        machine.write_overdue_csv(machine.overdue_tasks(report), out)


def _summary(report, overdue, fmt: str, out, lang: str) -> None:
    if fmt == "xlsx":
        from tracker.reports.xlsx import write_summary_xlsx

        write_summary_xlsx(report, out, lang)
    elif fmt == "docx":
        from tracker.reports.docx import Paper, write_docx

        write_docx(out, summary=report, overdue=overdue, paper=Paper(), lang=lang)
    else:
        from tracker.reports import machine

        machine.write_summary_csv(report, out)
