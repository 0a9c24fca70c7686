"""`tracker report …`: the nightly overdue report, the period review, unit reminders.

Thin: parse options, call ``tracker.reports.queries``, hand the data to a renderer.  The
plain path (cron, pipes) imports neither Rich's console nor openpyxl nor python-docx.
"""
from __future__ import annotations

import os
import sys

import click

from tracker.cli.groups import Group
from tracker.cli.params import DATE, PERIOD
from tracker.domain.periods import DEFAULT_BASIS
from tracker.i18n import _

TEXT, CSV, JSON, JSONL, MARKDOWN, XLSX, DOCX = (
    "text", "csv", "json", "jsonl", "markdown", "xlsx", "docx")
FORMATS = (TEXT, CSV, JSON, JSONL, MARKDOWN, XLSX, DOCX)
BINARY = (XLSX, DOCX)
# -o FILE without --format: the format its name says (a name saying none is text)
SUFFIXES = {".txt": TEXT, ".csv": CSV, ".json": JSON, ".jsonl": JSONL, ".ndjson": JSONL,
            ".md": MARKDOWN, ".markdown": MARKDOWN, ".xlsx": XLSX, ".docx": DOCX}
NOT_WRITTEN = (".pdf", ".xls", ".doc", ".odt", ".ods", ".rtf")  # (names of what no report is)
DEFAULT_WIDTH = 100
WEEK_FORMATS = (TEXT, MARKDOWN)
EXIT_OVERDUE = 3


@click.group("report", cls=Group, help=_("help.report"))
def cli():
    pass


def filter_options(f):
    f = click.option("--as-of", "as_of", type=DATE, metavar=_("help.metavar.date"), callback=_look_as_of,
                     expose_value=False, help=_("report.help.opt.as_of"))(f)
    f = click.option("--directive", "directives", multiple=True, metavar=_("help.metavar.ref"),
                     help=_("report.help.opt.directive"))(f)
    f = click.option("--issuer", default="", metavar=_("help.metavar.name"), help=_("report.help.opt.issuer"))(f)
    f = click.option("--leader", default="", metavar=_("help.metavar.name"), help=_("report.help.opt.leader"))(f)
    f = click.option("--unit", "units", multiple=True, metavar=_("help.metavar.unit"),
                     help=_("report.help.opt.unit"))(f)
    return f


def _look_as_of(click_ctx, _param, value):
    """--as-of DATE: the report of the register as it stood at the end of that day."""
    if value:
        from tracker.cli.output import print_warnings
        from tracker.services.asof import check_as_of

        ctx = click_ctx.obj.context()
        check_as_of(ctx, value)
        ctx.look_as_of(value)
        print_warnings(ctx)
    return value


def output_options(f):
    f = click.option("-o", "--output", type=click.Path(dir_okay=False),
                     metavar=_("help.metavar.file"), help=_("report.help.opt.output"))(f)
    f = click.option("--width", type=click.IntRange(min=40), metavar="N",
                     help=_("report.help.opt.width"))(f)
    f = click.option("--plain", is_flag=True, help=_("report.help.opt.plain"))(f)
    f = click.option("--format", "fmt", type=click.Choice(FORMATS), help=_("report.help.opt.format"))(f)
    return f


def _wants_colour(plain: bool, output) -> bool:
    """Rich colour only for a person at a terminal: not with --plain, a file, a pipe,
    NO_COLOR or a dumb terminal."""
    if plain or output:
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _plain_width(width: int | None) -> int:
    """--width; else the terminal's width on a terminal; else COLUMNS when the caller set
    it (``COLUMNS=200 tracker report overdue > file``); else 100 — cron sets no COLUMNS, so
    the nightly mail reads the same wherever it ran."""
    if width:
        return width
    try:
        if sys.stdout.isatty():
            return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        pass
    try:
        return max(40, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return DEFAULT_WIDTH


def report_format(output: str | None, fmt: str | None, formats=FORMATS) -> str:
    """The format a report is written in: --format, else the -o file's extension, else text.
    A file named for another format (``-o x.xlsx --format csv``, ``-o x.pdf``, ``-o x.xlsx``
    where this report writes only text) is refused rather than written in a format its name
    does not say."""
    from tracker.services.errors import UsageError

    suffix = os.path.splitext(output)[1].lower() if output else ""
    by_name = SUFFIXES.get(suffix)
    if suffix in NOT_WRITTEN or (by_name and not fmt and by_name not in formats):
        raise UsageError("report.error.suffix_not_written", file=output, suffix=suffix,
                         known=", ".join(k for k, v in SUFFIXES.items() if v in formats))
    if fmt and by_name and by_name != fmt:
        raise UsageError("export.suffix_mismatch", file=output, fmt=fmt, suffix=suffix)
    return fmt or by_name or TEXT


class _Out:
    """Where the data goes: the --output file or stdout (text); binary needs a file or a
    redirected stdout.  ``fmt``: the format to write (``report_format``)."""

    def __init__(self, output: str | None, fmt: str | None, formats=FORMATS):
        self.output = output
        self.fmt = fmt = report_format(output, fmt, formats)
        if fmt in BINARY and not output:
            try:
                interactive = sys.stdout.isatty()
            except (AttributeError, ValueError):
                interactive = False
            if interactive:
                raise click.UsageError(_("report.error.needs_output", fmt=fmt))

    def text(self):
        if self.output:  # (whole or not at all; a folder missing is said, services.reporting)
            from tracker.services.reporting import written

            return written(self.output, "w", encoding="utf-8", newline="")
        return _NoClose(sys.stdout)

    def binary(self):
        if self.output:
            from tracker.services.reporting import written

            return written(self.output, "wb")
        return _NoClose(sys.stdout.buffer)

    def done(self):
        if self.output:
            click.echo(_("report.msg.written", path=self.output), err=True)


class _NoClose:
    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self.stream

    def __exit__(self, *exc):
        self.stream.flush()
        return False


# --------------------------------------------------------------------------- overdue


@cli.command("overdue", help=_("report.help.overdue"))
@filter_options
@click.option("--min-days", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help=_("report.help.opt.min_days"))
@click.option("--within", type=click.IntRange(min=0), default=7, show_default=True, metavar="N",
              help=_("report.help.opt.within"))
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help=_("report.help.opt.limit"))
@output_options
@click.option("--fail-on-overdue", is_flag=True, help=_("report.help.opt.fail_on_overdue"))
@click.option("--quiet-if-none", is_flag=True, help=_("report.help.opt.quiet_if_none"))
@click.pass_obj
def overdue(state, units, leader, issuer, directives, min_days, within, limit, fmt, plain,
            width, output, fail_on_overdue, quiet_if_none):
    from tracker.reports import queries
    from tracker.services.report_filter import resolve_report_filter

    out = _Out(output, fmt)
    fmt = out.fmt
    ctx = state.context()
    flt = resolve_report_filter(ctx, units=units, leader=leader, issuer=issuer,
                                 directives=directives)
    report = queries.overdue_report(ctx, flt, min_days=min_days, within=within, limit=limit)
    if not (quiet_if_none and report.is_empty):
        _write_overdue(report, fmt, out, state.lang, plain, width)
    if fail_on_overdue and not report.is_empty:
        # SystemExit, not ctx.exit(): tracker's entry point runs Click with
        # standalone_mode=False, where ctx.exit(n) only returns n
        sys.stdout.flush()
        raise SystemExit(EXIT_OVERDUE)


def _write_overdue(report, fmt, out: _Out, lang, plain, width):
    if fmt == TEXT and _wants_colour(plain, out.output):
        from tracker.reports.terminal import print_overdue

        print_overdue(report, lang=lang)
        return
    if fmt in BINARY:
        with out.binary() as stream:
            if fmt == XLSX:
                from tracker.reports.xlsx import write_overdue_xlsx

                write_overdue_xlsx(report, stream, lang)
            else:
                from tracker.reports.docx import write_docx

                write_docx(stream, overdue=report, lang=lang)
        out.done()
        return
    with out.text() as stream:
        _overdue_text(report, fmt, stream, lang, width)
    out.done()


def _overdue_text(report, fmt, stream, lang, width):
    if fmt == TEXT:
        from tracker.reports import plain as plain_text

        plain_text.write(plain_text.overdue_lines(report, lang, _plain_width(width)), stream)
    elif fmt == MARKDOWN:
        from tracker.reports import markdown

        plain_text_write(markdown.overdue_lines(report, lang), stream)
    else:
        from tracker.reports import machine

        if fmt == CSV:
            machine.write_overdue_csv(machine.overdue_tasks(report), stream)
        elif fmt == JSON:
            machine.write_overdue_json(report, stream)
        else:
            machine.write_overdue_jsonl(machine.overdue_tasks(report), stream)


def plain_text_write(lines, stream):
    for line in lines:
        stream.write(line)
        stream.write("\n")


# --------------------------------------------------------------------------- summary


def _period(ctx, text: str | None, which: int):
    """(start, end)[which] of what the user wrote (read already by its option's type,
    ``cli.params.PERIOD``), or None."""
    if not text:
        return None
    from tracker.services.reporting import read_period

    return read_period(ctx, text)[which]


@cli.command("summary", help=_("report.help.summary"))
@click.option("--from", "start", type=PERIOD, metavar=_("help.metavar.date"), help=_("report.help.opt.from"))
@click.option("--to", "end", type=PERIOD, metavar=_("help.metavar.date"), help=_("report.help.opt.to"))
@click.option("--period", type=PERIOD, metavar=_("report.metavar.period"), help=_("report.help.opt.period"))
@click.option("--by", default="unit", show_default=True, metavar=_("report.metavar.by"),
              help=_("report.help.opt.by"))
@click.option("--basis", default=DEFAULT_BASIS, show_default=True, metavar=_("report.metavar.basis"),
              help=_("report.help.opt.basis"))
@filter_options
@output_options
@click.option("--no-bars", is_flag=True, help=_("report.help.opt.no_bars"))
@click.option("--number", default="", metavar=_("help.metavar.number"), help=_("report.help.opt.number"))
@click.option("--signer", default="", metavar=_("help.metavar.name"), help=_("report.help.opt.signer"))
@click.pass_obj
def summary(state, start, end, period, by, basis, units, leader, issuer, directives, fmt, plain,
            width, output, no_bars, number, signer):
    from tracker.domain.dates import format_date
    from tracker.reports import queries
    from tracker.services.report_filter import resolve_report_filter
    from tracker.services.errors import UsageError
    from tracker.services.words import read_basis, read_grouping

    by, basis = read_grouping(by), read_basis(basis)  # (keys, or the words for them)
    out = _Out(output, fmt)
    fmt = out.fmt
    if period and (start or end):  # (the heading would name one period and count another)
        raise UsageError("report.error.period_and_range", option="--from" if start else "--to")
    ctx = state.context()
    label = ""
    if period:
        first, last = _period(ctx, period, 0), _period(ctx, period, 1)
        label = period
    else:
        first, last = None, None
    if start:
        first = _period(ctx, start, 0)
    if end:
        last = _period(ctx, end, 1)
    if first and last and first > last:
        raise UsageError("report.error.from_after_to", start=format_date(first),
                         end=format_date(last))
    flt = resolve_report_filter(ctx, units=units, leader=leader, issuer=issuer,
                                 directives=directives)
    report = queries.summary_report(ctx, by=by, start=first, end=last, period_label=label,
                                    basis=basis, flt=flt)
    lang = state.lang
    if fmt == TEXT and _wants_colour(plain, out.output):
        from tracker.reports.terminal import print_summary

        print_summary(report, lang=lang, bars=not no_bars)
        return
    if fmt in BINARY:
        with out.binary() as stream:
            if fmt == XLSX:
                from tracker.reports.xlsx import write_summary_xlsx

                write_summary_xlsx(report, stream, lang)
            else:
                from tracker.reports.docx import Paper, write_docx

                overdue_part = queries.overdue_report(ctx, flt)
                write_docx(stream, summary=report, overdue=overdue_part,
                           paper=Paper(number=number, signer=signer), lang=lang)
        out.done()
        return
    with out.text() as stream:
        _summary_text(report, fmt, stream, lang, width)
    out.done()


def _summary_text(report, fmt, stream, lang, width):
    if fmt == TEXT:
        from tracker.reports import plain as plain_text

        plain_text.write(plain_text.summary_lines(report, lang, _plain_width(width)), stream)
    elif fmt == MARKDOWN:
        from tracker.reports import markdown

        plain_text_write(markdown.summary_lines(report, lang), stream)
    else:
        from tracker.reports import machine

        if fmt == CSV:
            machine.write_summary_csv(report, stream)
        elif fmt == JSON:
            machine.write_summary_json(report, stream)
        else:
            machine.write_summary_jsonl(report, stream)


# --------------------------------------------------------------------------- reminders


def slug(name: str) -> str:
    """A file name from a unit's name: 'Phòng Tài chính - Kế hoạch' → 'phong-tai-chinh-ke-hoach'."""
    import re

    from tracker.domain.text import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "don-vi"


@cli.command("reminders", help=_("report.help.reminders"))
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False), metavar=_("help.metavar.dir"),
              help=_("report.help.opt.outdir"))
@filter_options
@click.option("--min-days", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help=_("report.help.opt.min_days"))
@click.option("--within", type=click.IntRange(min=0), default=7, show_default=True, metavar="N",
              help=_("report.help.opt.within"))
@click.option("--width", type=click.IntRange(min=40), default=DEFAULT_WIDTH, metavar="N",
              help=_("report.help.opt.width"))  # (its help says the default)
@click.option("--docx", "with_docx", is_flag=True, help=_("report.help.opt.docx"))
@click.pass_obj
def reminders(state, outdir, units, leader, issuer, directives, min_days, within, width,
              with_docx):
    from pathlib import Path

    from tracker.domain.dates import format_date as fmt_date
    from tracker.domain.text import vi_sort_key
    from tracker.i18n import t
    from tracker.reports import plain as plain_text
    from tracker.reports import queries
    from tracker.services.report_filter import resolve_report_filter
    from tracker.reports.data import OverdueReport

    ctx = state.context()
    lang = state.lang
    flt = resolve_report_filter(ctx, units=units, leader=leader, issuer=issuer,
                                 directives=directives)
    report = queries.overdue_report(ctx, flt, min_days=min_days, within=within)
    soon_by_unit: dict[str, list] = {}
    for line in report.due_soon:
        soon_by_unit.setdefault(line.unit, []).append(line)
    groups = {g.unit: g for g in report.groups}
    # worst units first, then the units with only tasks falling due
    order = [g.unit for g in report.groups] + sorted(
        (u for u in soon_by_unit if u not in groups), key=vi_sort_key)
    from tracker.errors import WriteError
    from tracker.services.reporting import written

    folder = Path(outdir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(folder, exc) from None
    used: set[str] = set()
    for unit in order:
        group, soon = groups.get(unit), soon_by_unit.get(unit, [])
        name = slug(unit)
        while name in used:
            name += "-"
        used.add(name)
        path = folder / f"{name}.txt"
        with written(path, "w", encoding="utf-8") as stream:
            plain_text.write(plain_text.reminder_lines(unit, group, soon, report, lang, width),
                             stream)
        if with_docx:
            from tracker.reports.docx import Paper, write_docx

            part = OverdueReport(today=report.today, groups=(group,) if group else (),
                                 due_soon=tuple(soon), within_days=report.within_days,
                                 filters=(("report.filter.unit", unit),), min_days=report.min_days)
            intro = t("report.reminder.intro", lang=lang, date=fmt_date(report.today),
                      overdue=group.count if group else 0, soon=len(soon),
                      days=report.within_days)
            paper = Paper(subject=t("report.reminder.subject", lang=lang, unit=unit),
                          intro=intro, recipients=(unit + ";", t("report.paper.archive", lang=lang)))
            with written(folder / f"{name}.docx") as stream:
                write_docx(stream, overdue=part, paper=paper, lang=lang, due_soon=True)
        click.echo(_("report.reminder.line", unit=unit,
                     overdue=group.count if group else 0, soon=len(soon), path=str(path)))
    click.echo(_("report.msg.reminders_done", count=len(order), outdir=str(folder)), err=True)


# --------------------------------------------------------------------------- backlog (branch rhythm)


@cli.command("backlog", help=_("report.help.backlog"))
@click.option("--period", type=PERIOD, required=True, metavar=_("report.metavar.period"),
              help=_("report.help.opt.period"))
@filter_options
@output_options
@click.pass_obj
def backlog(state, period, units, leader, issuer, directives, fmt, plain, width, output):
    from tracker.reports.backlog import backlog_report
    from tracker.services.report_filter import resolve_report_filter

    out = _Out(output, fmt)
    fmt = out.fmt
    ctx = state.context()
    first, last = _period(ctx, period, 0), _period(ctx, period, 1)
    flt = resolve_report_filter(ctx, units=units, leader=leader, issuer=issuer,
                                 directives=directives)
    report = backlog_report(ctx, start=first, end=last, period_label=period, flt=flt)
    lang = state.lang
    if fmt in BINARY:
        from tracker.reports.backlog_files import write_backlog_docx, write_backlog_xlsx

        with out.binary() as stream:
            (write_backlog_xlsx if fmt == XLSX else write_backlog_docx)(report, stream, lang)
        out.done()
        return
    with out.text() as stream:
        if fmt == MARKDOWN:
            from tracker.reports.backlog_text import markdown_lines

            plain_text_write(markdown_lines(report, lang), stream)
        elif fmt in (JSON, JSONL, CSV):
            _backlog_machine(report, fmt, stream)
        else:
            from tracker.reports.backlog_text import plain_lines

            plain_text_write(plain_lines(report, lang, _plain_width(width)), stream)
    out.done()


def _backlog_machine(report, fmt, stream):
    """One record per (breakdown, row): the seven counts, JSON or CSV."""
    import csv
    import json

    from tracker.reports.backlog import COLUMNS

    records = [dict(by=by, key=r.label, **dict(zip(COLUMNS, r.values())))
               for by, rows in (("unit", report.by_unit), ("leader", report.by_leader))
               for r in rows]
    if fmt == CSV:
        writer = csv.DictWriter(stream, fieldnames=["by", "key", *COLUMNS])
        writer.writeheader()
        writer.writerows(records)
    elif fmt == JSONL:
        for rec in records:
            stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        json.dump({"from": report.start.isoformat(), "to": report.end.isoformat(),
                   "today": report.today.isoformat(), "rows": records,
                   "behind": [r.label for r in report.behind]}, stream, ensure_ascii=False,
                  indent=2)
        stream.write("\n")


@cli.command("week", help=_("report.help.week"))
@click.option("--week", "week_day", type=PERIOD, metavar=_("help.metavar.date"), help=_("report.help.opt.week"))
@filter_options
@click.option("--format", "fmt", type=click.Choice(WEEK_FORMATS), help=_("report.help.opt.week_format"))
@click.option("--plain", is_flag=True, help=_("report.help.opt.week_plain"))
@click.option("--width", type=click.IntRange(min=40), metavar="N", help=_("report.help.opt.width"))
@click.option("-o", "--output", type=click.Path(dir_okay=False), metavar=_("help.metavar.file"),
              help=_("report.help.opt.output"))
@click.pass_obj
def week(state, week_day, units, leader, issuer, directives, fmt, plain, width, output):
    from tracker.reports import week as week_module
    from tracker.services.report_filter import resolve_report_filter

    out = _Out(output, fmt, WEEK_FORMATS)
    fmt = out.fmt
    ctx = state.context()
    day = _period(ctx, week_day, 0) if week_day else None
    flt = resolve_report_filter(ctx, units=units, leader=leader, issuer=issuer,
                                 directives=directives)
    report = week_module.week_report(ctx, day=day, flt=flt)
    with out.text() as stream:
        if fmt == MARKDOWN:
            plain_text_write(week_module.markdown_lines(report, state.lang), stream)
        else:
            plain_text_write(week_module.plain_lines(report, state.lang, _plain_width(width)),
                             stream)
    out.done()
