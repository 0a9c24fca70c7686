"""`tracker export`: tasks (with the task list's filters), directives or units to CSV/XLSX/JSON."""
from __future__ import annotations

import sys

import click

from tracker.cli.groups import Command
from tracker.cli.output import task_filter, task_filter_options
from tracker.cli.params import DATE, DELIMITER
from tracker.i18n import _


KINDS = ["tasks", "directives", "units", "all"]
# a task filter's option, by its name in ``filters`` (they filter tasks only)
FILTER_OPTIONS = {"units": "--unit", "any_role": "--any-role", "directives": "--directive",
                  "timeliness": "--timeliness", "statuses": "--status", "due_before": "--due-before",
                  "due_after": "--due-after", "search": "--search", "leader": "--leader", "issuer": "--issuer"}


@click.command("export", cls=Command, help=_("help.export"))
@click.argument("what", required=False, type=click.Choice(KINDS), metavar="[tasks|directives|units|all]")
@click.option("--kind", type=click.Choice(KINDS), help=_("export.help.kind"))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "jsonl"]),
              help=_("export.help.format"))
@click.option("-o", "--output", "output", metavar=_("help.metavar.file"), default="-",
              help=_("export.help.output"))
@click.option("--delimiter", type=DELIMITER, default=",", show_default=True, metavar=_("help.metavar.char"),
              help=_("export.help.delimiter"))
@click.option("--no-bom", is_flag=True, help=_("export.help.no_bom"))
@task_filter_options
@click.option("--as-of", "as_of", type=DATE, metavar=_("help.metavar.date"), help=_("export.help.as_of"))
@click.pass_obj
def cli(state, what, kind, fmt, output, delimiter, no_bom, filters, as_of):
    from tracker.services.errors import UsageError
    from tracker.reports.fmt import fmt_int
    from tracker.services.exporter import export

    if what and kind and what != kind:  # (`export directives --kind units`)
        raise UsageError("export.two_kinds", what=what, kind=kind)
    kind = what or kind or "tasks"
    if kind != "tasks":  # a filter of tasks given to another kind would be dropped unsaid
        given = [flag for name, flag in FILTER_OPTIONS.items() if filters[name]] + (["--as-of"] if as_of else [])
        if given:
            raise UsageError("export.filter_tasks_only", options=", ".join(given), kind=kind)

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
            click.echo(_("export.done", count=fmt_int(result.rows, state.lang), kind=_(f"import.kind.{one}"),
                         file=target), err=True)
        return
    fmt = _format_for(output, fmt)
    if fmt == "xlsx" and output == "-" and sys.stdout.isatty():
        raise UsageError("export.xlsx_needs_file")
    ctx = state.context()
    if as_of:  # the register as it stood at the end of that day, rebuilt from history
        from tracker.cli.output import print_warnings
        from tracker.services.asof import check_as_of

        check_as_of(ctx, as_of)
        ctx.look_as_of(as_of)
        print_warnings(ctx)
    flt = None
    if kind == "tasks":
        flt = task_filter(ctx, filters)
    # to a terminal or a pipe, a BOM only gets in the way; files for Excel keep it
    bom = not no_bom and (output != "-" or fmt != "csv" or not sys.stdout.isatty())
    result = export(ctx, kind, fmt, output, flt=flt, lang=state.lang, delimiter=delimiter, bom=bom)
    if output != "-":
        click.echo(_("export.done", count=fmt_int(result.rows, state.lang), kind=_(f"import.kind.{kind}"),
                     file=output), err=True)


SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def _format_for(output: str, fmt: str | None) -> str:
    """The format to write: --format, else the file's extension.  A file named for another
    format (``-o x.xls``, ``-o x.csv --format xlsx``) is refused rather than written in a
    format its name does not say."""
    from pathlib import Path

    from tracker.services.errors import UsageError

    suffix = Path(output).suffix.lower() if output != "-" else ""
    by_name = SUFFIXES.get(suffix)
    if suffix == ".xls":
        raise UsageError("export.xls_not_written", file=output)
    if suffix and by_name is None and not fmt:
        raise UsageError("export.unknown_suffix", file=output, suffix=suffix,
                         known=", ".join(SUFFIXES))
    if fmt and by_name and by_name != fmt:
        raise UsageError("export.suffix_mismatch", file=output, fmt=fmt, suffix=suffix)
    return fmt or by_name or "csv"
