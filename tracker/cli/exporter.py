"""`tracker export`: tasks (with the task list's filters), directives or units to CSV/XLSX/JSON."""
from __future__ import annotations

import sys

import click

from tracker.i18n import _


@click.command("export", help=_("help.export"))
@click.option("--kind", type=click.Choice(["tasks", "directives", "units", "all"]), default="tasks",
              show_default=True, help=_("export.help.kind"))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "jsonl"]),
              help=_("export.help.format"))
@click.option("-o", "--output", "output", metavar=_("export.metavar.file"), default="-",
              help=_("export.help.output"))
@click.option("--delimiter", default=",", show_default=True, metavar="CHAR", help=_("export.help.delimiter"))
@click.option("--no-bom", is_flag=True, help=_("export.help.no_bom"))
@click.option("--unit", "units", multiple=True, metavar=_("help.metavar.unit"), help=_("help.opt.unit_filter"))
@click.option("--any-role", is_flag=True, help=_("help.opt.any_role"))
@click.option("--directive", "directives", multiple=True, metavar="REF", help=_("help.opt.directive_filter"))
@click.option("--timeliness", "timeliness", multiple=True, metavar="KEY", help=_("help.opt.timeliness"))
@click.option("--status", "statuses", multiple=True, type=click.Choice(["open", "done", "cancelled"]),
              help=_("help.opt.status"))
@click.option("--due-before", metavar=_("help.metavar.date"), help=_("help.opt.due_before"))
@click.option("--due-after", metavar=_("help.metavar.date"), help=_("help.opt.due_after"))
@click.option("--search", default="", help=_("help.opt.search"))
@click.option("--leader", default="", help=_("help.opt.leader_filter"))
@click.option("--issuer", default="", help=_("help.opt.issuer_filter"))
@click.pass_obj
def cli(state, kind, fmt, output, delimiter, no_bom, units, any_role, directives, timeliness,
        statuses, due_before, due_after, search, leader, issuer):
    from tracker.io.writers import format_for_path
    from tracker.services.errors import UsageError
    from tracker.services.exporter import export
    from tracker.services.query import resolve_filter

    if kind == "all":
        # the whole office into a folder, one file per kind, ready for `tracker import DIR/*`
        from pathlib import Path

        if output == "-":
            raise UsageError("export.all_needs_dir")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        fmt = fmt or "json"
        ctx = state.context()
        for one in ("units", "directives", "tasks"):
            target = folder / f"{one}.{fmt}"
            result = export(ctx, one, fmt, target, lang=state.lang, delimiter=delimiter, bom=not no_bom)
            click.echo(_("export.done", count=result.rows, kind=_(f"import.kind.{one}"), file=target), err=True)
        return
    fmt = fmt or format_for_path(output, "csv")
    if fmt == "xlsx" and output == "-" and sys.stdout.isatty():
        raise UsageError("export.xlsx_needs_file")
    if len(delimiter) != 1:
        delimiter = "\t" if delimiter in ("\\t", "tab") else delimiter
        if len(delimiter) != 1:
            raise UsageError("export.bad_delimiter", value=delimiter)
    ctx = state.context()
    flt = None
    if kind == "tasks":
        flt = resolve_filter(ctx, units=units, directives=directives, timeliness=timeliness,
                             status=statuses, due_before=due_before, due_after=due_after,
                             search=search, leader=leader, issuer=issuer,
                             unit_role="any" if any_role else "lead")
    # to a terminal or a pipe, a BOM only gets in the way; files for Excel keep it
    bom = not no_bom and (output != "-" or fmt != "csv" or not sys.stdout.isatty())
    result = export(ctx, kind, fmt, output, flt=flt, lang=state.lang, delimiter=delimiter, bom=bom)
    if output != "-":
        click.echo(_("export.done", count=result.rows, kind=_(f"import.kind.{kind}"), file=output),
                   err=True)
