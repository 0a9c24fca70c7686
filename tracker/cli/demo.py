"""`tracker demo` and `tracker init --sample`: a living office on first start.

The sample office (``sample_data/``: units.csv, directives.csv, tasks.csv — its recurring
reports among the tasks — and programme.xlsx, the year's work programme) is loaded through the
ordinary importers — the sample doubles as a worked example of importing.  Its tasks are
as of 15/06/2021 (``SAMPLE_TODAY``): the demo opens on that day unless ``--today`` says
otherwise, so the office shows tasks on time, late, overdue and ongoing.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from tracker.cli.groups import Command
from tracker.i18n import _

SAMPLE_TODAY = dt.date(2021, 6, 15)
SAMPLE_FILES = ("units.csv", "directives.csv", "tasks.csv")
# the work programme's sheet, the directive it is imported into, its year
SAMPLE_PROGRAMME = ("programme.xlsx", "02/CTr-UBND", 2021)


def sample_dir() -> Path:
    """Where the sample office lives: ``TRACKER_SAMPLE_DIR``, else the package
    ``tracker.sample_data`` (the repository's ``sample_data/``, shipped in the wheel)."""
    env = os.environ.get("TRACKER_SAMPLE_DIR")
    if env:
        return Path(env)
    import importlib.util

    spec = importlib.util.find_spec("tracker.sample_data")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - broken install
        return Path(__file__).resolve().parents[2] / "sample_data"
    return Path(next(iter(spec.submodule_search_locations)))


def load_sample(ctx, *, quiet: bool = False):
    """Import the sample office into ``ctx``'s store (idempotent: a second load changes
    nothing).  Returns the import report."""
    from tracker.errors import TrackerError
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
    report = import_files(ctx, [str(f) for f in files])
    if not report.ok:
        from tracker.cli.importer import print_report

        print_report(report)
        raise TrackerError("io.demo.sample_failed")
    groups, _items = import_programme(ctx, str(folder / name), directive=directive, year=year)
    if not quiet:
        click.echo(_("io.demo.loaded", units=report.files[0].added + report.files[0].unchanged,
                     directives=report.files[1].added + report.files[1].unchanged,
                     tasks=count_tasks(ctx), duties=len(list_recurrences(ctx)), groups=groups,
                     year=year, today=SAMPLE_TODAY.strftime("%d/%m/%Y")), err=True)
    return report


def demo_db_path() -> Path:
    from tracker.paths import demo_store

    return demo_store()


@click.command("demo", cls=Command, help=_("help.demo"), epilog=_("io.demo.help.epilog"))
@click.option("--reset", is_flag=True, help=_("io.demo.help.reset"))
@click.option("--no-app", is_flag=True, help=_("io.demo.help.no_app"))
@click.pass_obj
def cli(state, reset, no_app):
    """Open the sample office: its own store (unless --db is given), on its own day."""
    import sys

    if not state.db:
        path = demo_db_path()
        if reset:
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(path) + suffix)
                if p.exists():
                    p.unlink()
        state.settings = state.settings.but(db=str(path))
    if not state.settings.today_given:
        state.settings = state.settings.but(today=SAMPLE_TODAY)
    ctx = state.context(create=True)  # the demo makes its store on first use
    from tracker.services.query import count_tasks

    if not count_tasks(ctx):
        load_sample(ctx)
    import importlib.util

    if (not no_app and sys.stdin.isatty() and sys.stdout.isatty()
            and importlib.util.find_spec("tracker.tui.app") is not None):
        from tracker.tui.app import run

        run(state)
        return
    _summary(ctx, state)


def _summary(ctx, state) -> None:
    """Off a terminal: what the office holds, by timeliness, and how to look inside."""
    from tracker.services.query import timeliness_counts

    counts = timeliness_counts(ctx)
    click.echo(_("io.demo.summary", today=ctx.today.strftime("%d/%m/%Y"), total=sum(counts.values())))
    for key in ("done_on_time", "done_late", "open_on_time", "open_overdue", "no_deadline", "cancelled"):
        click.echo(f"  {_(f'timeliness.{key}')}: {counts.get(key, 0)}")
    click.echo(_("io.demo.next", db=state.db, today=ctx.today.strftime("%d/%m/%Y")))
