"""`tracker demo` and `tracker init --sample`: a living office on first start.

The sample office (``sample_data/``: units.csv, directives.csv, tasks.csv) is loaded through
the ordinary importer — the sample doubles as a worked example of importing.  Its tasks are
as of 15/06/2021 (``SAMPLE_TODAY``): the demo opens on that day unless ``--today`` says
otherwise, so the office shows tasks on time, late, overdue and ongoing.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from tracker.i18n import _

SAMPLE_TODAY = dt.date(2021, 6, 15)
SAMPLE_FILES = ("units.csv", "directives.csv", "tasks.csv")


def sample_dir() -> Path:
    """Where the sample office lives: ``TRACKER_SAMPLE_DIR``, else the repository's
    ``sample_data/`` beside the package."""
    env = os.environ.get("TRACKER_SAMPLE_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "sample_data"


def load_sample(ctx, *, quiet: bool = False):
    """Import the sample office into ``ctx``'s store (idempotent: a second load changes
    nothing).  Returns the import report."""
    from tracker.services.errors import TrackerError
    from tracker.services.importer import import_files

    folder = sample_dir()
    files = [folder / name for name in SAMPLE_FILES]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise TrackerError("io.demo.sample_missing", path=", ".join(missing))
    report = import_files(ctx, [str(f) for f in files])
    if not report.ok:
        from tracker.cli.importer import print_report

        print_report(report)
        raise TrackerError("io.demo.sample_failed")
    if not quiet:
        click.echo(_("io.demo.loaded", units=report.files[0].added + report.files[0].unchanged,
                     directives=report.files[1].added + report.files[1].unchanged,
                     tasks=report.files[2].added + report.files[2].unchanged,
                     today=SAMPLE_TODAY.strftime("%d/%m/%Y")), err=True)
    return report


def demo_db_path() -> Path:
    from tracker.paths import demo_store

    return demo_store()


@click.command("demo", help=_("help.demo"))
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
        state.db = str(path)
    if not state.today_text:
        state.today_text = SAMPLE_TODAY.strftime("%d/%m/%Y")
    ctx = state.context(create=True)  # the demo makes its store on first use
    from sqlalchemy import func, select

    from tracker.store.tables import task

    with ctx.read() as conn:
        count = conn.execute(select(func.count()).select_from(task)).scalar()
    if not count:
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
    from sqlalchemy import func, select

    from tracker.store.status_sql import timeliness_expr
    from tracker.store.tables import task

    with ctx.read() as conn:
        expr = timeliness_expr(ctx.today)
        rows = conn.execute(select(expr.label("t"), func.count()).select_from(task).group_by(expr)).all()
    counts = {r[0]: r[1] for r in rows}
    click.echo(_("io.demo.summary", today=ctx.today.strftime("%d/%m/%Y"), total=sum(counts.values())))
    for key in ("done_on_time", "done_late", "open_on_time", "open_overdue", "no_deadline", "cancelled"):
        click.echo(f"  {_(f'timeliness.{key}')}: {counts.get(key, 0)}")
    click.echo(_("io.demo.next", db=state.db, today=ctx.today.strftime("%d/%m/%Y")))
