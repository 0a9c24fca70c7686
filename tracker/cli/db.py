"""`tracker db …`: where the store is, migrations, backups, restore and checks."""
from __future__ import annotations

import sys

import click

from tracker.cli.groups import Group
from tracker.i18n import _


@click.group("db", cls=Group, help=_("help.db"),
             synonyms={"upgrade": "migrate", "update": "migrate"})  # (`tracker db upgrade`)
def cli():
    pass


@cli.command("path", help=_("help.db.path"))
@click.pass_obj
def path(state):
    from tracker.store.db import resolve_url, where

    click.echo(where(resolve_url(state.db)))


@cli.command("migrate", help=_("help.db.migrate"))
@click.pass_obj
def migrate(state):
    from tracker.store.db import HEAD, current_revision, make_engine, open_engine, resolve_url

    url = resolve_url(state.db)
    before = None
    engine = make_engine(url) if _openable(url) else None
    if engine is not None:
        try:
            before = current_revision(engine)
        except Exception:
            before = None
        finally:
            engine.dispose()
    open_engine(url).dispose()  # refuses a place without a store; brings one behind up to date
    if before == HEAD:
        click.echo(_("msg.db_current", rev=HEAD), err=True)
    else:
        click.echo(_("msg.db_migrated", old=before or "-", new=HEAD), err=True)


def _openable(url: str) -> bool:
    """Whether the revision may be read before migrating (a place that is no store is left
    to ``open_engine`` to refuse, untouched)."""
    from tracker.store.db import sqlite_file_problem, sqlite_path

    path = sqlite_path(url)
    return path is None or sqlite_file_problem(path) is None


# (a folder given for the file is refused by the service, in words: "… là một thư mục")
@cli.command("backup", help=_("help.db.backup"))
@click.argument("file", required=False, metavar="[" + _("help.metavar.file") + "]")
@click.option("--keep", type=int, metavar="N", help=_("db.help.keep"))
@click.option("--quiet", "-q", is_flag=True, help=_("db.help.quiet"))
@click.option("--overwrite", is_flag=True, help=_("db.help.overwrite"))
@click.pass_obj
def backup(state, file, keep, quiet, overwrite):
    from pathlib import Path

    from tracker.services.safekeeping import backup as make_backup
    from tracker.store.db import resolve_url

    target, removed = make_backup(resolve_url(state.db), Path(file) if file else None, keep=keep,
                                  overwrite=overwrite)
    if quiet:  # (cron: a mail only when it failed)
        return
    click.echo(_("msg.db_backup", path=str(target)), err=True)
    if removed:
        click.echo(_("db.rotated", count=len(removed), keep=keep), err=True)
    click.echo(str(target))


@cli.command("check", help=_("help.db.check"))
@click.pass_obj
def check(state):
    from tracker.services.safekeeping import check as run_check
    from tracker.store.db import resolve_url

    result = run_check(resolve_url(state.db))
    if result.ok:
        click.echo(_("msg.db_ok"), err=True)
        return
    head = "check.damaged_head" if result.damaged else "check.problems_head"
    click.echo(_(head, path=result.where, count=len(result.problems)))
    shown = result.problems[:20]
    for key, fields in shown:
        click.echo("  " + _(key, **fields))
    if len(result.problems) > len(shown):
        click.echo("  " + _("check.more", count=len(result.problems) - len(shown)))
    if result.damaged:
        if not result.sqlite:
            click.echo(_("check.pg_hint"))
        elif result.backups:
            click.echo(_("check.restore_from", path=result.where, backup=str(result.backups[0])))
            if len(result.backups) > 1:
                click.echo(_("check.other_backups", count=len(result.backups) - 1,
                             folder=str(result.backups_dir)))
        else:
            click.echo(_("check.no_backup", path=result.where, folder=str(result.backups_dir)))
    raise SystemExit(1)


@cli.command("restore", help=_("help.db.restore"))
@click.argument("file", metavar=_("help.metavar.file"))
@click.option("--yes", "-y", is_flag=True, help=_("db.help.yes"))
@click.pass_obj
def restore(state, file, yes):
    from pathlib import Path

    from tracker.services.safekeeping import plan_restore, restore as run_restore
    from tracker.store.db import resolve_url

    plan = plan_restore(resolve_url(state.db), Path(file))

    def said(summary):
        if summary is None:
            return _("db.restore_unreadable")
        return _("db.restore_counts", tasks=summary[0], last=summary[1])

    if not yes:
        question = _("db.restore_confirm", path=str(plan.store), now=said(plan.store_summary),
                     backup=str(plan.backup), then=said(plan.backup_summary), aside=str(plan.aside))
        try:
            answered = click.confirm(question, default=False, err=True)
        except click.Abort:  # (the input ended: no one to answer — a script, cron)
            answered = None
            click.echo("", err=True)  # (the question's line ends)
        if not answered:
            click.echo(_("db.restore_cancelled"), err=True)
            if answered is None or not sys.stdin.isatty():
                click.echo(_("db.restore_needs_yes"), err=True)
            raise SystemExit(1)
    aside = run_restore(plan)
    click.echo(_("db.restored", path=str(plan.store), backup=str(plan.backup), aside=str(aside)), err=True)


@cli.command("copy", help=_("help.db.copy"), short_help=_("help.db.copy_short"))
@click.argument("target", metavar=_("db.metavar.target"))
@click.pass_obj
def copy(state, target):
    from tracker.i18n import get_lang
    from tracker.reports.fmt import fmt_int
    from tracker.services.store_copy import copy_store
    from tracker.store.db import resolve_url, typed_db

    target_url = resolve_url(target)
    report = copy_store(resolve_url(state.db), target_url)

    def n(table: str) -> str:
        return fmt_int(report.rows.get(table, 0), get_lang())

    click.echo(_("db.copied", source=report.source, target=report.target, db=typed_db(target_url), units=n("unit"),
                 directives=n("directive"), tasks=n("task"), duties=n("recurrence"), history=n("history")),
               err=True)
