"""`tracker db …`: where the store is, migrations, backups and checks."""
from __future__ import annotations

import click

from tracker.i18n import _


@click.group("db", help=_("help.db"))
def cli():
    pass


@cli.command("path", help=_("help.db.path"))
@click.pass_obj
def path(state):
    from tracker.store.db import resolve_url, safe_url, sqlite_path

    url = resolve_url(state.db)
    p = sqlite_path(url)
    click.echo(str(p) if p else safe_url(url))


@cli.command("migrate", help=_("help.db.migrate"))
@click.pass_obj
def migrate(state):
    from tracker.store.db import HEAD, current_revision, make_engine, migrate as run, resolve_url

    url = resolve_url(state.db)
    engine = make_engine(url)
    before = current_revision(engine)
    run(engine, url)
    if before == HEAD:
        click.echo(_("msg.db_current", rev=HEAD), err=True)
    else:
        click.echo(_("msg.db_migrated", old=before or "-", new=HEAD), err=True)


@cli.command("backup", help=_("help.db.backup"))
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.pass_obj
def backup(state, file):
    import datetime as dt
    from pathlib import Path

    from tracker.services.errors import TrackerError
    from tracker.store.db import backup_sqlite, resolve_url, sqlite_path

    url = resolve_url(state.db)
    source = sqlite_path(url)
    if source is None:
        raise TrackerError("db.backup_not_sqlite")
    if not source.exists():
        raise TrackerError("db.no_file", path=str(source))
    state.context()  # make sure it is a store at the current schema
    target = Path(file) if file else source.parent / "backups" / (
        f"tracker-{dt.datetime.now():%Y%m%d-%H%M%S}.db")
    if target.resolve() == source.resolve():
        raise TrackerError("db.backup_onto_itself")
    backup_sqlite(source, target)
    click.echo(_("msg.db_backup", path=str(target)), err=True)
    click.echo(str(target))


@cli.command("check", help=_("help.db.check"))
@click.pass_obj
def check(state):
    from tracker.store.db import integrity_problems

    problems = integrity_problems(state.context().engine)
    if problems:
        for p in problems:
            click.echo(p)
        raise SystemExit(1)
    click.echo(_("msg.db_ok"), err=True)
