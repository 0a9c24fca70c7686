"""`tracker directive …`: the documents that assign work."""
from __future__ import annotations

import click

from tracker.cli.groups import Group
from tracker.cli.output import Col, echo_fields, emit, format_option, print_warnings
from tracker.cli.params import DATE, PERIOD
from tracker.domain.dates import format_date
from tracker.i18n import _


@click.group("directive", cls=Group, help=_("help.directive"))
def cli():
    pass


# (the type codes are the same words in both languages)
TYPE_METAVAR = "NQ|KL|TB|CT|KH|QĐ|…"


@cli.command("add", help=_("help.directive.add"))
@click.argument("number", metavar=_("help.metavar.number"))
@click.option("--type", "type_code", metavar=TYPE_METAVAR, help=_("help.opt.type_add"))
@click.option("--issuer", required=True, metavar=_("help.metavar.name"), help=_("help.opt.issuer"))
@click.option("--date", "date", type=DATE, required=True, metavar=_("help.metavar.date"), help=_("help.opt.issue_date"))
@click.option("--title", required=True, metavar=_("help.metavar.text"), help=_("help.opt.title"))
@click.option("--signer", default="", metavar=_("help.metavar.name"), help=_("help.opt.signer"))
@click.option("--parent", metavar=_("help.metavar.ref"), help=_("help.opt.parent"))
@click.option("--notes", default="", metavar=_("help.metavar.text"), help=_("help.opt.notes"))
@click.pass_obj
def add(state, number, type_code, issuer, date, title, signer, parent, notes):
    from tracker.services.directives import add_directive

    ctx = state.context()
    d = add_directive(ctx, number, type_code=type_code, issuer=issuer, date=date, title=title,
                      signer=signer, parent=parent, notes=notes)
    print_warnings(ctx)
    click.echo(_("msg.directive_added", id=d.id, number=d.number, date=format_date(d.issue_date)),
               err=True)


@cli.command("edit", help=_("help.directive.edit"))
@click.argument("ref", metavar=_("help.metavar.ref"))
@click.option("--number", metavar=_("help.metavar.number"), help=_("help.opt.number"))
@click.option("--type", "type_code", metavar=TYPE_METAVAR, help=_("help.opt.type"))
@click.option("--issuer", metavar=_("help.metavar.name"), help=_("help.opt.issuer"))
@click.option("--date", "issue_date", type=DATE, metavar=_("help.metavar.date"), help=_("help.opt.issue_date"))
@click.option("--title", metavar=_("help.metavar.text"), help=_("help.opt.title"))
@click.option("--signer", metavar=_("help.metavar.name"), help=_("help.opt.signer"))
@click.option("--parent", metavar=_("help.metavar.ref"), help=_("help.opt.parent"))
@click.option("--notes", metavar=_("help.metavar.text"), help=_("help.opt.notes"))
@click.pass_obj
def edit(state, ref, **fields):
    from tracker.services.directives import edit_directive

    ctx = state.context()
    d = edit_directive(ctx, ref, **fields)
    print_warnings(ctx)
    click.echo(_("msg.directive_saved", id=d.id, number=d.number), err=True)


def _cols():
    return [
        Col("col.id", lambda d: d.id, justify="right"),
        Col("col.number", lambda d: d.number, no_wrap=True),
        # (on an 80-column terminal: the type — its number says it — and the issuer go, and
        # the counts' headers are shortened, before the title has fewer than 30 cells)
        Col("col.type", lambda d: d.type_code, drop=2),
        Col("col.issuer", lambda d: d.issuer, min_width=10, drop=1),
        Col("col.date", lambda d: format_date(d.issue_date), no_wrap=True),
        Col("col.title", lambda d: d.title, max_width=60, min_width=16, wants=30),
        Col("col.tasks", lambda d: d.tasks, justify="right", short=lambda d: d.tasks,
            short_key="col.tasks_short"),
        Col("col.done", lambda d: d.done, justify="right", short=lambda d: d.done,
            short_key="col.done_short"),
        Col("col.overdue", lambda d: d.overdue, justify="right",
            style=lambda d: "bold red" if d.overdue else ""),
    ]


@cli.command("list", help=_("help.directive.list"))
@click.option("--search", metavar=_("help.metavar.words"), help=_("help.opt.search"))
@click.option("--issuer", metavar=_("help.metavar.name"), help=_("help.opt.issuer"))
@click.option("--type", "type_code", metavar=TYPE_METAVAR, help=_("help.opt.directive_type_filter"))
@click.option("--period", type=PERIOD, metavar=_("report.metavar.period"), help=_("help.opt.directive_period"))
@format_option()
@click.pass_obj
def list_(state, search, issuer, type_code, period, fmt):
    from tracker.services.directives import list_directives

    emit(list_directives(state.context(), search=search, issuer=issuer, type_code=type_code, period=period),
         _cols(), fmt, as_dict=lambda d: d.as_dict())


@cli.command("show", help=_("help.directive.show"))
@click.argument("ref", metavar=_("help.metavar.ref"))
@format_option(default="plain", formats=("plain", "json"))
@click.pass_obj
def show(state, ref, fmt):
    import json

    from tracker.services.directives import children, get_directive
    from tracker.services.query import list_tasks, resolve_filter

    ctx = state.context()
    d = get_directive(ctx, ref)
    tasks = list_tasks(ctx, resolve_filter(ctx, directives=[str(d.id)]), sort="id")
    kids = children(ctx, d.id)
    if fmt == "json":
        data = d.as_dict()
        data["tasks"] = [t.as_dict() for t in tasks]
        data["children"] = [k.number for k in kids]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines = [
        (_("col.number"), d.number), (_("col.type"), d.type_code), (_("col.issuer"), d.issuer),
        (_("col.date"), format_date(d.issue_date)), (_("col.title"), d.title),
        (_("col.signer"), d.signer), (_("col.parent"), d.parent_number or ""),
        (_("col.children"), ", ".join(k.number for k in kids)), (_("col.notes"), d.notes),
        (_("col.tasks"), _("msg.directive_counts", tasks=d.tasks, done=d.done, overdue=d.overdue)),
    ]
    echo_fields(lines)
    if tasks:  # (on a terminal the task list's table, fitted to its width)
        import sys

        from tracker.cli.task import task_cols

        click.echo("")
        emit(tasks, task_cols(ctx.today), "table" if sys.stdout.isatty() else "plain")
