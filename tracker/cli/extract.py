"""`tracker extract FILE…`: read a directive, propose its tasks, record them with --apply."""
from __future__ import annotations

import json
import sys

import click

from tracker.cli.groups import Command
from tracker.cli.output import console, print_warnings, say
from tracker.domain.dates import format_date
from tracker.i18n import _


@click.command("extract", cls=Command, help=_("help.extract"))
@click.argument("files", nargs=-1, required=True, metavar=_("help.metavar.files"))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help=_("help.opt.format"))
@click.option("--apply", "apply_", is_flag=True, help=_("help.opt.extract_apply"))
@click.option("--update", is_flag=True, help=_("help.opt.extract_update"))
@click.option("--directive", "directive", metavar=_("help.metavar.ref"), help=_("help.opt.extract_directive"))
@click.pass_obj
def cli(state, files, fmt, apply_, update, directive):
    from tracker.services.errors import UsageError
    from tracker.services.extraction import apply, propose

    if (update or directive) and not apply_:
        raise UsageError("extract.needs_apply")
    if directive and len(files) > 1:
        raise UsageError("extract.directive_one_file")
    if files.count("-") > 1:
        raise UsageError("extract.stdin_once")
    ctx = state.context()
    proposals = [propose(ctx, f) for f in files]  # every file read before anything is written
    if fmt == "json":
        out = [p.as_dict() for p in proposals]
        sys.stdout.write(json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False,
                                    indent=2) + "\n")
    else:
        for p in proposals:
            _show(p)
    for p in proposals:
        for key, fields in p.warnings:
            click.secho(_("warning.prefix", message=_(key, **fields)), fg="yellow", err=True)
        for key, fields in p.problems:
            if key == "extract.no_tasks":
                say(_(key, **fields))
            else:
                click.secho(_("warning.prefix", message=f"{p.file}: {_(key, **fields)}"),
                            fg="yellow", err=True)
    print_warnings(ctx)
    if not apply_:
        return
    todo = [p for p in proposals if p.tasks]
    for p in todo:
        done = apply(ctx, p, update=update, directive=directive)
        print_warnings(ctx)
        key = "extract.recorded" if done.created else "extract.recorded_under"
        say(_(key, file=p.file, ref=done.directive_ref, tasks=done.tasks, skipped=done.skipped))
        if done.duties:  # (their periods' tasks are in the register too: counted apart)
            say(_("extract.recorded_duties", duties=done.duties, periods=done.periods))


def _show(p) -> None:
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    con = console()
    con.print(f"[bold]{escape(p.file)}[/]")
    rows = [("extract.field.number", p.number), ("extract.field.type", p.type_code),
            ("extract.field.issuer", p.issuer),
            ("extract.field.date", ", ".join(x for x in (p.place, format_date(p.date) if p.date else "") if x)),
            ("extract.field.title", p.title), ("extract.field.signer", p.signer),
            ("extract.field.recorded", p.recorded_ref or "")]
    for key, value in rows:
        if value:
            con.print(f"  {escape(_(key))}: {escape(str(value))}")
    if p.citations:
        con.print(f"  [bold]{escape(_('extract.citations', count=len(p.citations)))}[/]")
        for c in p.citations:
            link = f"  → {c.directive_ref}" if c.directive_ref else ""
            con.print(f"    - {escape(c.text)}{escape(link)}")
    if not p.tasks:
        return
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    for key, kw in (("col.id", {"justify": "right"}), ("extract.col.task", {"max_width": 60}),
                    ("extract.col.lead", {"max_width": 28}), ("extract.col.support", {"max_width": 28}),
                    ("extract.col.deadline", {"max_width": 24}), ("extract.col.confidence", {"justify": "right"})):
        table.add_column(_(key), overflow="fold", **kw)
    for t in p.tasks:
        lead = _unit_cell(t.lead) if t.lead else f"[red]{escape(_('extract.no_lead'))}[/]"
        support = ", ".join(_unit_cell(v) for v in t.support)
        dl = t.deadline_text
        if t.deadline:
            dl = f"{dl} ({format_date(t.deadline)})" if dl else format_date(t.deadline)
        table.add_row(str(t.index), escape(t.text), lead, support, escape(dl),
                      f"{t.confidence:.2f}")
    con.print(table)
    for t in p.tasks:
        for key, fields in t.problems:
            if key == "extract.no_lead":
                continue
            con.print(f"  [yellow]#{t.index}: {escape(_(key, **fields))}[/]")


def _unit_cell(v) -> str:
    from rich.markup import escape

    if v.verdict == "found":
        return escape(v.unit.code)
    if v.verdict == "group":
        return f"[cyan]{escape(v.written)}[/]"
    return f"[red]?{escape(v.written)}[/]"
