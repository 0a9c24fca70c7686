"""`tracker dev …`: developer tools — a synthetic office of any size for benchmarks."""
from __future__ import annotations

import click

from tracker.cli.groups import Group
from tracker.i18n import _


@click.group("dev", cls=Group, help=_("help.dev"))
def cli():
    pass


@cli.command("generate", help=_("io.dev.help.generate"))
@click.argument("count", type=click.IntRange(1), metavar="N")
@click.option("-o", "--output", "out_dir", default="generated", show_default=True,
              metavar=_("help.metavar.dir"), help=_("io.dev.help.output"))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "json", "xlsx"]), default="csv",
              show_default=True, help=_("io.dev.help.format"))
@click.option("--seed", type=int, default=4, metavar="N", show_default=True, help=_("io.dev.help.seed"))
@click.option("--directives", type=click.IntRange(1), metavar="N", help=_("io.dev.help.directives"))
@click.pass_obj
def generate_cmd(state, count, out_dir, fmt, seed, directives):
    from tracker.io.generate import generate
    from tracker.reports.fmt import fmt_int

    paths = generate(count, out_dir, fmt=fmt, seed=seed, directives=directives)
    click.echo(_("io.dev.generated", count=fmt_int(count, state.lang), files=", ".join(str(p) for p in paths.values())), err=True)
    import shlex

    from tracker.store.db import resolve_url, typed_db

    # (the store this command was given: run as printed, the import goes into it)
    db = f"--db {typed_db(resolve_url(state.db))} " if state.db else ""
    click.echo(_("io.dev.generated_next", db=db, files=" ".join(shlex.quote(str(p)) for p in paths.values())), err=True)
