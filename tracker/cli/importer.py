"""`tracker import FILE…`: load units, directives and tasks from CSV/XLSX/JSON — all or nothing."""
from __future__ import annotations

import sys

import click

from tracker.cli.groups import Command
from tracker.cli.params import DELIMITER, ENCODING
from tracker.i18n import _


def _progress_bar():
    """A progress line on a terminal (stderr), else nothing.  Returns (callback, stop)."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from tracker.cli.output import console

    from tracker.i18n import get_lang
    from tracker.reports.fmt import fmt_int

    lang = get_lang()
    rows = _("import.rows_word")
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                   TextColumn("{task.fields[rows]} " + rows.replace("{", "{{").replace("}", "}}")),
                   TimeElapsedColumn(), console=console(stderr=True), transient=True)
    tasks: dict[str, int] = {}
    bar.start()

    def step(name: str, rows: int) -> None:
        if name not in tasks:
            tasks[name] = bar.add_task(_("import.progress", file=name), total=None, rows="0")
        bar.update(tasks[name], completed=rows, rows=fmt_int(rows, lang))  # 190.250 dòng

    return step, bar.stop


@click.command("import", cls=Command, help=_("help.import"), epilog=_("import.help.epilog"))
@click.argument("files", nargs=-1, required=True, metavar=_("help.metavar.files"))
@click.option("--kind", type=click.Choice(["auto", "units", "directives", "tasks"]), default="auto",
              show_default=True, help=_("import.help.kind"))
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "jsonl"]),
              help=_("import.help.format"))
@click.option("--encoding", type=ENCODING, metavar=_("import.metavar.encoding"), help=_("import.help.encoding"))
@click.option("--sheet", metavar=_("help.metavar.name"), help=_("import.help.sheet"))
@click.option("--delimiter", type=DELIMITER, metavar=_("help.metavar.char"), help=_("import.help.delimiter"))
@click.option("--directive", metavar=_("help.metavar.ref"), help=_("import.help.directive"))
@click.option("--update", is_flag=True, help=_("import.help.update"))
@click.option("--dry-run", is_flag=True, help=_("import.help.dry_run"))
@click.option("--new-names", is_flag=True, help=_("import.help.new_names"))
@click.option("--json", "as_json", is_flag=True, help=_("import.help.json"))
@click.option("--create", is_flag=True, help=_("import.help.create"))
@click.pass_obj
def cli(state, files, kind, fmt, encoding, sheet, delimiter, directive, update, dry_run, as_json, new_names, create):
    from tracker.services.importing import import_files

    ctx = state.context(create=create and not dry_run)
    step, stop = (None, lambda: None) if as_json else _progress_bar()
    try:
        report = import_files(ctx, files, kind=kind, fmt=fmt, encoding=encoding, sheet=sheet,
                              delimiter=delimiter, update=update, dry_run=dry_run,
                              progress=step, new_names=new_names, directive=directive)
    finally:
        stop()
    if as_json:
        import json

        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, default=str, indent=1))
    else:
        from tracker.services.import_digest import units_in_store

        print_report(report, units_in_store(ctx))
    if not report.ok:
        raise SystemExit(1)


def print_report(report, units_in_store: int = 1) -> None:
    """Every problem (what has one cause said once: ``services.import_digest``), then a line
    per file and the totals — on stderr, for the person."""
    from tracker.i18n import get_lang
    from tracker.reports.fmt import fmt_int
    from tracker.services.import_digest import digest

    err = {"err": True}
    said = digest(report, units_in_store)
    for key, fields in said.said_once:
        click.secho(_("error.prefix", message=_(key, **fields)), fg="red", **err)
    for p in said.problems:
        click.secho(_("error.prefix", message=p.message()), fg="red", **err)
    for key in said.hints:
        click.echo(_(key), **err)
    if report.error_count > len(report.problems):
        click.secho(_("import.more_problems", count=fmt_int(report.error_count - len(report.problems), get_lang())),
                    fg="red", **err)
    for p in report.warnings:
        click.secho(_("warning.prefix", message=p.message()), fg="yellow", **err)
    for line in report.summary_lines(changes=True):
        click.echo(line, **err)
    skipped = report.total("skipped")
    if skipped and report.ok:
        click.secho(_("import.skipped_hint", count=fmt_int(skipped, get_lang())), fg="yellow", **err)
    if not report.ok:
        click.secho(_("import.nothing_written"), fg="red", bold=True, **err)
    elif report.dry_run:
        click.echo(_("import.dry_run"), **err)
    elif report.committed:
        click.echo(_("import.done", batch=report.batch), **err)
