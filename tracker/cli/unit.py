"""`tracker unit …`: the register of units that receive tasks."""
from __future__ import annotations

import click

from tracker.cli.groups import Group
from tracker.cli.output import Col, emit, format_option, print_warnings
from tracker.i18n import _



@click.group("unit", cls=Group, help=_("help.unit"))
def cli():
    pass


@cli.command("add", help=_("help.unit.add"))
@click.argument("code", metavar=_("help.metavar.code"))
@click.argument("name", metavar=_("help.metavar.name"))
@click.option("--kind", metavar=_("help.metavar.unit_kind"), help=_("help.opt.unit_kind_add"))
@click.option("--alias", "aliases", multiple=True, metavar=_("help.metavar.name"), help=_("help.opt.alias"))
@click.pass_obj
def add(state, code, name, kind, aliases):
    from tracker.services.units import add_unit

    u = add_unit(state.context(), code, name, kind=kind, aliases=aliases)
    click.echo(_("msg.unit_added", code=u.code, name=u.name), err=True)


@cli.command("edit", help=_("help.unit.edit"))
@click.argument("unit", metavar=_("help.metavar.unit"))
@click.option("--name", metavar=_("help.metavar.name"), help=_("help.opt.unit_name"))
@click.option("--kind", metavar=_("help.metavar.unit_kind"), help=_("help.opt.unit_kind"))
@click.option("--alias", "aliases", multiple=True, metavar=_("help.metavar.name"), help=_("help.opt.alias"))
@click.option("--active/--inactive", default=None, help=_("help.opt.active"))
@click.pass_obj
def edit(state, unit, name, kind, aliases, active):
    from tracker.services.units import edit_unit

    ctx = state.context()
    u = edit_unit(ctx, unit, name=name, kind=kind, add_aliases=aliases, active=active)
    click.echo(_("msg.unit_saved", code=u.code, name=u.name), err=True)
    print_warnings(ctx)


@cli.command("list", help=_("help.unit.list"))
@format_option()
@click.pass_obj
def list_(state, fmt):
    from tracker.services.units import list_units

    cols = [
        Col("col.code", lambda u: u.code, no_wrap=True),
        Col("col.name", lambda u: u.name),
        Col("col.kind", lambda u: _(f"unit.kind.{u.kind}")),
        Col("col.aliases", lambda u: ", ".join(u.aliases)),
        Col("col.active", lambda u: _("word.yes") if u.active else _("word.no")),
    ]
    emit(list_units(state.context()), cols, fmt, as_dict=lambda u: u.as_dict())
