"""`tracker demo` and `tracker init --sample`: a living office on first start.

The sample office (``sample_data/``: units.csv, directives.csv, tasks.csv — its recurring
reports among the tasks — and programme.xlsx, the year's work programme) is loaded through the
ordinary importers — the sample doubles as a worked example of importing.  Its tasks are
as of 15/06/2021 (``SAMPLE_TODAY``): the demo opens on that day unless ``--today`` says
otherwise, so the office shows tasks on time, late, overdue and ongoing.
"""
from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.groups import Command
from tracker.i18n import _
from tracker.services.sample import SAMPLE_FILES, SAMPLE_TODAY, sample_dir  # noqa: F401 (the CLI's names)


def load_sample(ctx, *, quiet: bool = False):
    """Import the sample office into ``ctx``'s store (``services.sample.load_sample``: only
    into a store holding no units, directives or tasks) and say what went in.  Returns the
    import report."""
    from tracker.errors import TrackerError
    from tracker.services.sample import load_sample as load

    loaded = load(ctx)
    if not loaded.report.ok:
        from tracker.cli.importer import print_report

        print_report(loaded.report)
        raise TrackerError("io.demo.sample_failed")
    if not quiet:
        click.echo(_("io.demo.loaded", units=loaded.units, directives=loaded.directives,
                     tasks=loaded.tasks, duties=loaded.duties, groups=loaded.groups,
                     year=loaded.year, today=SAMPLE_TODAY.strftime("%d/%m/%Y")), err=True)
    return loaded.report


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
    from tracker.store.db import resolve_url, typed_db

    click.echo(_("io.demo.next", db=typed_db(resolve_url(state.db)), today=ctx.today.strftime("%d/%m/%Y")))
