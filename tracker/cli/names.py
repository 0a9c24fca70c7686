"""`tracker names …`: the issuer and leader registers (list, add, merge two spellings)."""
from __future__ import annotations

import click

from tracker.cli.groups import Group
from tracker.cli.output import Col, emit, format_option, print_warnings
from tracker.i18n import _

def _kind_option(required: bool = True):
    # (no default=None for the required one: Click 8.3+ takes an explicit None as given, and
    # `names merge A B` ran with no register — "No register “None”")
    default = {} if required else {"default": "issuer", "show_default": True}
    return click.option("--kind", required=required, metavar=_("names.metavar.kind"),
                        callback=_read_kind, help=_("names.help.opt.kind"), **default)


def _read_kind(_ctx, _param, value):
    """The register's key from its key or words (``services.words.read_name_kind``)."""
    from tracker.services.words import read_name_kind

    return read_name_kind(value) if value is not None else None


@click.group("names", cls=Group, help=_("help.names"))
def cli():
    pass


@cli.command("list", help=_("names.help.list"))
@_kind_option(required=False)
@format_option()
@click.pass_obj
def list_(state, kind, fmt):
    from tracker.services.names import list_names

    cols = [
        Col("col.name", lambda n: n.name),
        Col("col.aliases", lambda n: ", ".join(n.aliases)),
        Col("names.col.uses", lambda n: n.uses, justify="right"),
        Col("names.col.strays", lambda n: ", ".join(
            _("names.stray", name=s, uses=u) for s, u in n.strays)),
    ]
    emit(list_names(state.context(), kind), cols, fmt, as_dict=lambda n: n.as_dict())


@cli.command("add", help=_("names.help.add"))
@click.argument("name", metavar=_("help.metavar.name"))
@_kind_option()
@click.option("--alias", "aliases", multiple=True, metavar=_("help.metavar.name"), help=_("help.opt.alias"))
@click.pass_obj
def add(state, name, kind, aliases):
    from tracker.services.names import add_name

    view = add_name(state.context(), kind, name, aliases=aliases)
    click.echo(_("names.msg.added", kind=_(f"names.kind.{kind}"), name=view.name), err=True)


@cli.command("merge", help=_("names.help.merge"))
@click.argument("old", metavar=_("names.metavar.old"))
@click.argument("into", metavar=_("names.metavar.into"))
@_kind_option()
@click.pass_obj
def merge(state, old, into, kind):
    from tracker.services.names import merge_names

    ctx = state.context()
    changed, kept = merge_names(ctx, kind, old, into)
    print_warnings(ctx)
    click.echo(_(f"names.msg.merged.{kind}", old=old, name=kept, count=changed), err=True)
