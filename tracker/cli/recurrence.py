"""`tracker recurrence …`: the recurring duties (a task added with "hằng tháng, trước ngày
20" as its deadline is one); list them, stop one from a date."""
from __future__ import annotations

import click

from tracker.cli.groups import Group
from tracker.cli.output import format_option
from tracker.cli.params import DATE
from tracker.i18n import _


@click.group("recurrence", cls=Group, help=_("help.recurrence"))
def cli():
    pass


@cli.command("list", help=_("help.recurrence.list"))
@format_option()
@click.pass_obj
def list_(state, fmt):
    from tracker.cli.output import Col, emit
    from tracker.domain.dates import format_date
    from tracker.services.recurrence import list_recurrences

    ctx = state.context()
    cols = [Col("recurrence.col.id", lambda r: r.id),
            Col("recurrence.col.content", lambda r: r.content),
            Col("recurrence.col.rule", lambda r: r.rule_text),
            Col("recurrence.col.starts", lambda r: format_date(r.starts_on)),
            Col("recurrence.col.ends", lambda r: format_date(r.ends_on)),
            Col("recurrence.col.instances", lambda r: r.instances),
            Col("recurrence.col.done", lambda r: r.done)]
    emit(list_recurrences(ctx), cols, fmt, as_dict=lambda r: r.as_dict())


@cli.command("stop", help=_("help.recurrence.stop"))
@click.argument("rec_id", type=int, metavar=_("help.metavar.rec_id"))
@click.option("--on", "on", type=DATE, metavar=_("help.metavar.date"), help=_("help.opt.stop_on"))
@click.option("--reason", default="", metavar=_("help.metavar.text"), help=_("help.opt.stop_reason"))
@click.pass_obj
def stop(state, rec_id, on, reason):
    from tracker.domain.dates import format_date
    from tracker.services.recurrence import stop_recurrence

    ctx = state.context()
    on = on or ctx.today  # (none given: it stops today)
    stop_recurrence(ctx, rec_id, on=on, reason=reason)
    click.echo(_("msg.recurrence_stopped", id=rec_id, date=format_date(on)), err=True)
