"""The sample office (``sample_data/``: units.csv, directives.csv, tasks.csv — its recurring
reports among the tasks — and programme.xlsx, the year's work programme), loaded through the
ordinary importers: `tracker demo` and `tracker init --sample`.  Its tasks are as of
15/06/2021 (``SAMPLE_TODAY``).

It is loaded only into a store that holds no units, directives or tasks: merged into an
office's own records it would mix 31 made-up units and their tasks with the real ones.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.errors import ConflictError, TrackerError
from tracker.paths import sample_dir  # noqa: F401 (where the sample lives: one place)

SAMPLE_TODAY = dt.date(2021, 6, 15)
SAMPLE_FILES = ("units.csv", "directives.csv", "tasks.csv")
# the work programme's sheet, the directive it is imported into, its year
SAMPLE_PROGRAMME = ("programme.xlsx", "02/CTr-UBND", 2021)


@dataclass
class SampleLoad:
    """What loading the sample did: the import's report (not ``ok``: nothing else was
    loaded) and, when it went in, what the store now holds."""

    report: object
    units: int = 0
    directives: int = 0
    tasks: int = 0
    duties: int = 0
    groups: int = 0
    year: int = SAMPLE_PROGRAMME[2]


def refuse_unless_blank(ctx) -> None:
    """The sample goes only into a store holding no units, directives or tasks: anything
    else is refused (``ConflictError``, nothing written), naming what the store holds."""
    from sqlalchemy import func, select

    from tracker.store.tables import directive, task, unit

    with ctx.read() as conn:
        held = {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("units", unit), ("directives", directive), ("tasks", task))}
    if any(held.values()):
        raise ConflictError("io.demo.store_not_blank", path=ctx.where, **held)


def load_sample(ctx) -> SampleLoad:
    """Import the sample office into ``ctx``'s store, which must hold nothing yet
    (``refuse_unless_blank``)."""
    from tracker.services.importing import import_files
    from tracker.services.programme import import_programme
    from tracker.services.query import count_tasks
    from tracker.services.recurrence import list_recurrences

    folder = sample_dir()
    name, directive, year = SAMPLE_PROGRAMME
    files = [folder / n for n in SAMPLE_FILES]
    missing = [str(f) for f in (*files, folder / name) if not f.exists()]
    if missing:
        raise TrackerError("io.demo.sample_missing", path=", ".join(missing))
    refuse_unless_blank(ctx)
    report = import_files(ctx, [str(f) for f in files])
    if not report.ok:
        return SampleLoad(report)
    groups = import_programme(ctx, str(folder / name), directive=directive, year=year).groups
    return SampleLoad(report, units=report.files[0].added + report.files[0].unchanged,
                      directives=report.files[1].added + report.files[1].unchanged,
                      tasks=count_tasks(ctx), duties=len(list_recurrences(ctx)),
                      groups=groups, year=year)
