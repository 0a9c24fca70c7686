"""`tracker programme …`: the year's work programme — import it from the office's sheet
(group headings as rows, quarter columns marked x), count it by group and by quarter."""
from __future__ import annotations

import click

from tracker.cli.groups import Group
from tracker.i18n import _


@click.group("programme", cls=Group, help=_("help.programme"))
def cli():
    pass


@cli.command("import", help=_("help.programme.import"))
@click.argument("path", type=click.Path(exists=True, dir_okay=False), metavar=_("help.metavar.file"))
@click.option("--directive", required=True, metavar=_("help.metavar.ref"), help=_("help.opt.directive_ref"))
@click.option("--year", type=click.IntRange(1990, 2100),
              metavar=_("calendar.metavar.year"), help=_("help.programme.opt.year"))
@click.option("--sheet", default=None, metavar=_("help.metavar.name"), help=_("help.programme.opt.sheet"))
@click.pass_obj
def import_(state, path, directive, year, sheet):
    from tracker.cli.output import print_warnings
    from tracker.services.programme import import_programme

    ctx = state.context()
    done = import_programme(ctx, path, directive=directive, year=year, sheet=sheet)
    print_warnings(ctx)
    click.echo(_("programme.imported", path=path, groups=done.groups, items=done.added + done.unchanged,
                 added=done.added, unchanged=done.unchanged, directive=done.directive), err=True)
    if done.year_from_title:  # (said: the quarters' deadlines are of that year)
        click.echo(_("programme.year_from_title", year=done.year, directive=done.directive), err=True)


@cli.command("report", help=_("help.programme.report"))
@click.option("--directive", required=True, metavar=_("help.metavar.ref"), help=_("help.opt.directive_ref"))
@click.option("--width", type=click.IntRange(min=40), default=100, metavar="N",
              help=_("report.help.opt.width"))  # (its help says the default)
@click.pass_obj
def report(state, directive, width):
    from tracker.i18n import t
    from tracker.reports import words as w
    from tracker.reports.layout import Col, table, wrap
    from tracker.services.programme import ROMAN, group_order, programme_report

    lang = state.lang
    r = programme_report(state.context(), directive=directive)
    out = list(wrap(t("programme.title", lang=lang), width))
    out += wrap(t("programme.totals", lang=lang, groups=r.groups, year_round=r.year_round_groups,
                  quarterly=r.groups - r.year_round_groups, items=r.items), width)
    quarters = [(t("programme.all_year", lang=lang) if q == 0
                 else t("programme.quarter_n", lang=lang, n=ROMAN[q - 1]), c)
                for q, c in sorted(r.by_quarter.items())]
    groups = sorted(r.by_group.items(), key=lambda p: group_order(p[0]))
    for head, rows in ((t("report.by.group", lang=lang), groups),
                       (t("programme.quarter", lang=lang), quarters)):
        out.append("")
        cols = [Col(head, flex=True, min_width=12, max_width=40)] + [
            Col(w.header(k, lang), "r") for k in w.COUNT_COLS + w.RATE_COLS]
        body = [[str(label or t("report.none_value", lang=lang))] + w.count_cells(c, lang)
                for label, c in rows]
        out += table(cols, body, width)
    click.echo("\n".join(out))
