"""`tracker audit [--since DATE] [--user U]`: who changed what in the store, in order (the
last seven days unless told), at this computer's time."""
from __future__ import annotations

import shutil
import sys

import click

from tracker.cli.groups import Command
from tracker.cli.output import Col, emit, format_option
from tracker.cli.params import DATE
from tracker.domain.dates import format_date
from tracker.i18n import _

RECENT_DAYS = 7  # what `tracker audit` alone shows: this day and the six before it
STACKED_BELOW = 110  # a terminal narrower than this shows each change on its own lines


def _record(e) -> str:
    words = _(f"audit.entity.{e.entity}")
    return f"{e.entity if words.startswith('audit.') else words} #{e.entity_id}"


@click.command("audit", cls=Command, help=_("help.audit"))
@click.option("--since", type=DATE, metavar=_("help.metavar.date"), help=_("audit.help.since"))
@click.option("--until", type=DATE, metavar=_("help.metavar.date"), help=_("audit.help.until"))
@click.option("--user", "who", metavar=_("help.metavar.name"), help=_("audit.help.user"))
@format_option(default="table")
@click.pass_obj
def cli(state, since, until, who, fmt):
    import datetime as dt

    from tracker.services.history import audit, field_words, shown, value_words

    ctx = state.context()
    recent = since is None
    if recent:  # the week up to today (a --today in the past: that week), or up to --until
        until = until or ctx.today
        since = until - dt.timedelta(days=RECENT_DAYS - 1)
    entries = audit(ctx, since, until=until, user=who)
    if fmt == "table" and sys.stdout.isatty() and shutil.get_terminal_size().columns < STACKED_BELOW:
        n = _stacked(entries, shutil.get_terminal_size().columns, shown, field_words, value_words)
        if not n and not recent:
            click.echo(_("audit.none_plain"), err=True)
        _said(fmt, recent, n, since)
        return
    cols = [
        # (on an 80-column terminal: the time to the minute and who left out, before the
        # old and new values have fewer than 20 cells each)
        Col("audit.col.at", lambda e: shown(e.at).strftime("%d/%m/%Y %H:%M:%S"), no_wrap=True,
            short=lambda e: shown(e.at).strftime("%d/%m/%y %H:%M")),
        Col("audit.col.by", lambda e: e.by, drop=1),
        Col("audit.col.record", lambda e: _record(e), no_wrap=True),
        Col("audit.col.action", lambda e: _(f"action.{e.action}"), min_width=6),
        Col("audit.col.field", lambda e: field_words(e.field) if e.field else "", min_width=8),
        Col("audit.col.old", lambda e: value_words(e.field, e.old), min_width=10, wants=20),
        Col("audit.col.new", lambda e: value_words(e.field, e.new), min_width=10, wants=20),
    ]
    n = emit(entries, cols, fmt, empty_key="" if recent else "audit.none_plain", as_dict=lambda e: {
        "id": e.id, "at": shown(e.at).isoformat(sep=" "), "by": e.by, "entity": e.entity,
        "entity_id": e.entity_id, "action": e.action, "field": e.field, "old": e.old,
        "new": e.new, "batch": e.batch})
    _said(fmt, recent, n, since)


def _said(fmt: str, recent: bool, n: int, since) -> None:
    """How many changes were shown (on stderr), and for the last days, how to see more."""
    if fmt in ("table", "plain") and recent:  # (which days these are, and how to see more)
        click.echo(_("audit.count_recent" if n else "audit.none_recent", count=n, days=RECENT_DAYS,
                     since=format_date(since)), err=True)
    elif fmt in ("table", "plain") and n:
        click.echo(_("audit.count", count=n), err=True)


def _stacked(entries, width: int, shown, field_words, value_words) -> int:
    """The changes a terminal too narrow for the table shows (an 80-column one left out who
    made each and cut the values mid-word): each on its own lines — when, who, what record,
    what was done; then the field, from old to new, wrapped at words."""
    import textwrap

    n = 0
    for e in entries:
        n += 1
        head = " · ".join([shown(e.at).strftime("%d/%m/%Y %H:%M:%S"), e.by, _record(e), _(f"action.{e.action}")])
        click.echo(head)
        old, new = value_words(e.field, e.old), value_words(e.field, e.new)
        change = f"{old} → {new}" if old else new
        if e.field:
            change = f"{field_words(e.field)}: {change}"
        if change:
            click.echo(textwrap.fill(change, width=max(40, width - 1), initial_indent="    ",
                                     subsequent_indent="    "))
    return n
