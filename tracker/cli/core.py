"""`tracker init`, `tracker app` and the bare-`tracker` behaviour."""
from __future__ import annotations

import click

from tracker.cli.groups import Command
from tracker.i18n import _


@click.command("init", cls=Command, help=_("help.init"))
@click.option("--sample", is_flag=True, help=_("help.opt.sample"))
@click.pass_obj
def init_cmd(state, sample):
    from tracker.store.db import resolve_url, where

    if sample and not state.settings.today_given:
        from tracker.services.sample import SAMPLE_TODAY

        # the sample office is loaded as of its own day, as the demo loads it: its recurring
        # duties get their periods up to the one after that day, not up to today's
        state.settings = state.settings.but(today=SAMPLE_TODAY)
    ctx = state.context(create=True)  # the one command made to create a store
    if sample:
        from tracker.services.sample import refuse_unless_blank

        refuse_unless_blank(ctx)  # (before saying the store is ready for it)
    click.echo(_("msg.init_done", url=where(resolve_url(state.db))), err=True)
    if sample:
        from tracker.cli.demo import load_sample

        load_sample(ctx)
    elif not _has_units(ctx):  # (a store in use needs no first step)
        click.echo(_("msg.init_next"), err=True)


def _has_units(ctx) -> bool:
    from tracker.services.units import list_units

    return bool(list_units(ctx))


def open_app(click_ctx: click.Context) -> None:
    """Bare `tracker`: the full-screen app on a terminal, else the help."""
    import importlib.util
    import sys

    has_app = importlib.util.find_spec("tracker.tui.app") is not None
    if has_app and sys.stdin.isatty() and sys.stdout.isatty():
        from tracker.tui.app import run

        run(click_ctx.obj)
        return
    click.echo(click_ctx.get_help())


@click.command("app", cls=Command, help=_("help.app"))
@click.pass_obj
def app_cmd(state):
    import importlib.util

    if importlib.util.find_spec("tracker.tui.app") is None:
        raise click.UsageError(_("error.no_app"))
    from tracker.tui.app import run

    run(state)
