"""`tracker calendar …`: the working-day calendar — days off with their names, and the
override table for the government's yearly swaps."""
from __future__ import annotations

import click

from tracker.cli.groups import Group
from tracker.cli.output import Col, emit, format_option, print_warnings
from tracker.cli.params import DATE, YEAR
from tracker.domain.dates import format_date
from tracker.i18n import _


@click.group("calendar", cls=Group, help=_("help.calendar"))
def cli():
    pass


def _cols() -> list[Col]:
    return [
        Col("calendar.col.date", lambda c: format_date(c.day), no_wrap=True),
        Col("calendar.col.weekday", lambda c: _(f"calendar.weekday.{c.day.isoweekday()}"),
            no_wrap=True),
        Col("calendar.col.name", lambda c: c.name),
        Col("calendar.col.kind", lambda c: _(f"calendar.kind.{c.kind}"), no_wrap=True,
            style=lambda c: "green" if c.kind == "work" else ""),
        Col("calendar.col.source", lambda c: _(f"calendar.source.{c.source}"), no_wrap=True),
    ]


@cli.command("show", help=_("calendar.help.show"))
@click.argument("year", type=YEAR, required=False, metavar=_("calendar.metavar.year"))
@click.option("--weekends", is_flag=True, help=_("calendar.help.weekends"))
@format_option()
@click.pass_obj
def show(state, year, weekends, fmt):
    from tracker.services.calendar import show_year

    ctx = state.context()
    days = show_year(ctx, year or ctx.today.year, weekends=weekends)  # (no year: this one's)
    emit(days, _cols(), fmt, as_dict=lambda c: c.as_dict(), empty_key="calendar.msg.none")


@cli.command("overrides", help=_("calendar.help.overrides"))
@click.argument("year", type=YEAR, required=False, metavar=_("calendar.metavar.year"))
@format_option()
@click.pass_obj
def overrides(state, year, fmt):
    from tracker.services.calendar import list_overrides

    emit(list_overrides(state.context(), year), _cols(), fmt, as_dict=lambda c: c.as_dict(),
         empty_key="calendar.msg.none")


def _report(ctx, change, key: str) -> None:
    print_warnings(ctx)
    click.echo(_(key, date=format_date(change.day), name=change.name), err=True)
    if change.previous and change.kind != "removed":
        click.echo(_("calendar.msg.replaced", name=change.previous[1]), err=True)
    if change.tasks_updated:
        click.echo(_("calendar.msg.tasks_updated", n=change.tasks_updated), err=True)


@cli.command("add-off", help=_("calendar.help.add_off"))
@click.argument("date", type=DATE, metavar=_("help.metavar.date"))
@click.argument("name", metavar=_("calendar.metavar.name"))
@click.pass_obj
def add_off(state, date, name):
    from tracker.services.calendar import add_day_off

    ctx = state.context()
    _report(ctx, add_day_off(ctx, date, name), "calendar.msg.added_off")


@cli.command("add-workday", help=_("calendar.help.add_workday"))
@click.argument("date", type=DATE, metavar=_("help.metavar.date"))
@click.argument("name", metavar=_("calendar.metavar.name"))
@click.pass_obj
def add_workday_cmd(state, date, name):
    from tracker.services.calendar import add_workday

    ctx = state.context()
    _report(ctx, add_workday(ctx, date, name), "calendar.msg.added_work")


@cli.command("remove", help=_("calendar.help.remove"))
@click.argument("date", type=DATE, metavar=_("help.metavar.date"))
@click.pass_obj
def remove(state, date):
    from tracker.services.calendar import remove_override

    ctx = state.context()
    _report(ctx, remove_override(ctx, date), "calendar.msg.removed")


@cli.command("recompute", help=_("calendar.help.recompute"))
@click.pass_obj
def recompute(state):
    from tracker.services.calendar import recompute_deadlines

    n = recompute_deadlines(state.context())
    click.echo(_("calendar.msg.tasks_updated", n=n), err=True)
