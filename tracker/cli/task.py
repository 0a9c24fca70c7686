"""`tracker task …`: record, follow and close the work each directive assigns."""
from __future__ import annotations

import click

from tracker.cli.groups import Group
from tracker.cli.output import (FORMATS, Col, echo_fields, emit, format_option, print_warnings, task_filter,
                                 task_filter_options)
from tracker.cli.params import DATE
from tracker.domain.dates import format_date
from tracker.i18n import _

TIMELINESS_STYLE = {
    "done_on_time": "green", "done_late": "yellow", "open_on_time": "cyan",
    "open_overdue": "bold red", "no_deadline": "blue", "cancelled": "dim",
}


def timeliness_label(key: str) -> str:
    return _(f"timeliness.short.{key}")


def days_text(t, today) -> str:
    """'còn 5 ngày' / 'quá 12 ngày' / '' — days left or overdue for open tasks."""
    if t.status != "open" or t.deadline_effective is None:
        return ""
    left = t.days_left(today)
    if left < 0:
        return _("days.overdue", n=-left)
    if left == 0:
        return _("days.today")
    return _("days.left", n=left)


def task_cols(today) -> list[Col]:
    """The task table; on a narrow terminal (80 columns) the deadline, the days and the
    status in few words, as the app's list has them, and no leader (``fit_columns``)."""
    from tracker.services.words import days_short, deadline_short

    return [
        Col("col.id", lambda t: t.id, justify="right"),
        Col("col.directive", lambda t: t.directive, no_wrap=True),
        Col("col.content", lambda t: t.content, max_width=60, min_width=18, wants=30),
        Col("col.lead", lambda t: t.lead, no_wrap=True),
        Col("col.deadline", lambda t: t.deadline_in_full(), no_wrap=True, short=deadline_short),
        Col("col.days", lambda t: days_text(t, today), no_wrap=True,
            style=lambda t: TIMELINESS_STYLE.get(t.timeliness, ""), short=lambda t: days_short(t, today)),
        Col("col.timeliness", lambda t: timeliness_label(t.timeliness), no_wrap=True,
            style=lambda t: TIMELINESS_STYLE.get(t.timeliness, ""),
            short=lambda t: timeliness_label(t.timeliness).split(" ", 1)[0], short_key=""),
        Col("col.leader", lambda t: t.leader, min_width=12, drop=1),
    ]


@click.group("task", cls=Group, help=_("help.task"))
def cli():
    pass


def _task_id(value: str) -> int:
    from tracker.services.errors import UsageError

    raw = value.lstrip("#")
    if not raw.isdigit():
        raise UsageError("task.bad_id", value=value)
    return int(raw)


def _done(ctx, t, key: str) -> None:
    print_warnings(ctx)
    click.echo(_(key, id=t.id, deadline=t.deadline_in_full(), status=timeliness_label(t.timeliness),
                 lead=f"{t.lead} ({t.lead_name})"), err=True)


@cli.command("add", help=_("help.task.add"))
@click.argument("content", metavar=_("help.metavar.content"))
@click.option("--directive", "directive", required=True, metavar=_("help.metavar.ref"),
              help=_("help.opt.directive_ref"))
@click.option("--lead", required=True, metavar=_("help.metavar.unit"), help=_("help.opt.lead"))
@click.option("--support", multiple=True, metavar=_("help.metavar.unit"), help=_("help.opt.support"))
@click.option("--due", metavar=_("help.metavar.deadline"), help=_("help.opt.due"))
@click.option("--leader", default="", metavar=_("help.metavar.name"), help=_("help.opt.leader"))
@click.option("--group", default="", metavar=_("help.metavar.name"), help=_("help.opt.group"))
@click.option("--notes", default="", metavar=_("help.metavar.text"), help=_("help.opt.notes"))
@click.pass_obj
def add(state, content, directive, lead, support, due, leader, group, notes):
    from tracker.services.tasks import add_task

    ctx = state.context()
    t = add_task(ctx, directive=directive, content=content, lead=lead, support=support, due=due,
                 leader=leader, group=group, notes=notes)
    _done(ctx, t, "msg.task_added")
    click.echo(t.id)


@cli.command("edit", help=_("help.task.edit"))
@click.argument("task_ids", nargs=-1, required=True, metavar=_("help.metavar.task_ids"))
@click.option("--content", metavar=_("help.metavar.content"), help=_("help.opt.content"))
@click.option("--lead", metavar=_("help.metavar.unit"), help=_("help.opt.lead"))
@click.option("--support", multiple=True, metavar=_("help.metavar.unit"), help=_("help.opt.support_replace"))
@click.option("--no-support", is_flag=True, help=_("help.opt.no_support"))
@click.option("--due", metavar=_("help.metavar.deadline"), help=_("help.opt.due_correct"))
@click.option("--leader", metavar=_("help.metavar.name"), help=_("help.opt.leader"))
@click.option("--group", metavar=_("help.metavar.name"), help=_("help.opt.group"))
@click.option("--notes", metavar=_("help.metavar.text"), help=_("help.opt.notes"))
@click.option("--directive", metavar=_("help.metavar.ref"), help=_("help.opt.directive_ref"))
@click.option("--if-version", type=int, metavar="N", help=_("help.opt.if_version"))
@click.pass_obj
def edit(state, task_ids, content, lead, support, no_support, due, leader, group, notes,
         directive, if_version):
    """One task, or several given the same change (a merged ward's tasks to the ward that
    took over: `task edit 67 199 219 --lead DH`)."""
    if no_support and support:
        raise click.UsageError(_("task.support_and_no_support"))
    sup = [] if no_support else (list(support) if support else None)
    fields = dict(content=content, lead=lead, support=sup, due=due, leader=leader, group=group,
                  notes=notes, directive=directive)
    if all(v is None for v in fields.values()):  # (it said "saved", having changed nothing)
        raise click.UsageError(_("task.edit_nothing"))
    if if_version is not None:
        if len(set(task_ids)) > 1:
            raise click.UsageError(_("task.if_version_one"))
        fields["expected_version"] = if_version
    _change(state, "edit", task_ids, "msg.task_saved", **fields)


def _change(state, action: str, values, key: str, **fields) -> None:
    """One change to one task, or to several (`task done 12 15 18`: every one checked first —
    one refused, none changed, each refusal said; then each made and said)."""
    from tracker.services import tasks
    from tracker.services.bulk import change_all

    ctx = state.context()
    ids = list(dict.fromkeys(_task_id(v) for v in values))
    if len(ids) == 1:
        _done(ctx, getattr(tasks, ONE[action])(ctx, ids[0], **fields), key)
        return
    _said(ctx, change_all(ctx, action, ids, **fields), len(ids), key)


def _said(ctx, result, total: int, key: str) -> None:
    """A change to several tasks told: each one made, then each refusal; exit 1 if any."""
    from tracker.errors import TrackerError

    for t in result.changed:
        _done(ctx, t, key)
    said: dict[str, list[int]] = {}  # the same refusal for several tasks: said once, naming each
    for task_id, error in result.refused:
        said.setdefault(str(error), []).append(task_id)
    for words, ids in said.items():
        click.secho(_("error.prefix", message=f"{', '.join(f'#{i}' for i in ids)}: {words}"), fg="red", err=True)
    if result.refused:
        raise TrackerError("task.several_refused" if not result.changed else "task.several_some_refused",
                           count=len(result.refused), total=total)


ONE = {"edit": "edit_task", "done": "complete_task", "reopen": "reopen_task", "cancel": "cancel_task", "extend": "extend_task"}
TASK_IDS = click.argument("task_ids", nargs=-1, required=True, metavar=_("help.metavar.task_ids"))


@cli.command("done", help=_("help.task.done"))
@TASK_IDS
@click.option("--on", "on", type=DATE, metavar=_("help.metavar.date"), help=_("help.opt.done_on"))
@click.option("--proof", default="", metavar=_("help.metavar.text"), help=_("help.opt.proof"))
@click.pass_obj
def done(state, task_ids, on, proof):
    _change(state, "done", task_ids, "msg.task_done", on=on, proof=proof)


@cli.command("reopen", help=_("help.task.reopen"))
@TASK_IDS
@click.pass_obj
def reopen(state, task_ids):
    _change(state, "reopen", task_ids, "msg.task_reopened")


@cli.command("cancel", help=_("help.task.cancel"))
@TASK_IDS
@click.option("--reason", required=True, metavar=_("help.metavar.text"), help=_("help.opt.reason"))
@click.pass_obj
def cancel(state, task_ids, reason):
    _change(state, "cancel", task_ids, "msg.task_cancelled", reason=reason)


@cli.command("extend", help=_("help.task.extend"))
@TASK_IDS
@click.option("--to", "to", required=True, metavar=_("help.metavar.deadline"), help=_("help.opt.extend_to"))
@click.option("--reason", required=True, metavar=_("help.metavar.text"), help=_("help.opt.reason"))
@click.pass_obj
def extend(state, task_ids, to, reason):
    _change(state, "extend", task_ids, "msg.task_extended", to=to, reason=reason)


@cli.command("note", help=_("help.task.note"))
@click.argument("task_id", metavar=_("help.metavar.task_id"))
@click.argument("text", metavar=_("help.metavar.text"))
@click.option("--percent", type=click.IntRange(0, 100), metavar="N", help=_("help.opt.percent"))
@click.option("--on", "on", type=DATE, metavar=_("help.metavar.date"), help=_("help.opt.note_on"))
@click.pass_obj
def note(state, task_id, text, percent, on):
    from tracker.services.tasks import add_note

    ctx = state.context()
    t = add_note(ctx, _task_id(task_id), text, percent=percent, on=on)
    _done(ctx, t, "msg.task_noted")


@cli.command("undo", help=_("help.task.undo"))
@TASK_IDS
@click.pass_obj
def undo(state, task_ids):
    """The newest change of one task taken back, or of several together (`task undo 67 199
    219` after a `task edit` of them): in one transaction, all or none."""
    from tracker.services.bulk import undo_many
    from tracker.services.tasks import undo_last_change

    ctx = state.context()
    ids = list(dict.fromkeys(_task_id(v) for v in task_ids))
    if len(ids) == 1:
        _done(ctx, undo_last_change(ctx, ids[0]), "msg.task_undone")
        return
    _said(ctx, undo_many(ctx, [(i, None) for i in ids]), len(ids), "msg.task_undone")


PAGE = 30  # rows a listing shows on a terminal unless told (gh lists 30 too)


@cli.command("list", help=_("help.task.list"))
@task_filter_options
@click.option("--sort", default="deadline", type=click.Choice(["deadline", "id", "directive", "lead", "leader", "status", "content"]),
              show_default=True, help=_("help.opt.sort"))
@click.option("--desc", "descending", is_flag=True, help=_("help.opt.desc"))
@click.option("--limit", type=click.IntRange(1), metavar="N", help=_("help.opt.limit"))
@click.option("--all", "all_", is_flag=True, help=_("help.opt.all"))
@click.option("--as-of", "as_of", type=DATE, metavar=_("help.metavar.date"), help=_("report.help.opt.as_of"))
@format_option(formats=(*FORMATS, "ids"), help_key="help.opt.format_ids")
@click.pass_obj
def list_(state, filters, sort, descending, limit, all_, as_of, fmt):
    """On a terminal a page (``PAGE`` rows, or ``--limit``) and how many more there are;
    otherwise — piped, to a file, or ``--all`` — every row streamed, memory flat: CSV and
    JSON through the export's own path (``services.exporter.export``), the text formats a
    row at a time from ``iter_tasks``.  ``--as-of``: the register as it stood that day."""
    import sys

    ctx = state.context()
    if as_of:  # the register as it stood at the end of that day
        from tracker.cli.output import print_warnings
        from tracker.services.asof import check_as_of

        check_as_of(ctx, as_of)
        ctx.look_as_of(as_of)
        print_warnings(ctx)
    flt = task_filter(ctx, filters)
    if fmt == "ids":  # one id a line, every one (for the commands that take several)
        from tracker.services.query import task_ids

        ids = task_ids(ctx, flt, sort=sort, descending=descending, limit=limit)
        sys.stdout.write("".join(f"{i}\n" for i in ids))
        return
    if fmt in ("json", "jsonl", "csv"):
        from tracker.services.exporter import export

        export(ctx, "tasks", fmt, "-", flt=flt, lang=state.lang, bom=False, sort=sort,
               descending=descending, limit=limit)
        return
    cols = task_cols(ctx.today)
    if sys.stdout.isatty() and not all_:
        from tracker.cli.output import say
        from tracker.reports.fmt import fmt_int
        from tracker.services.query import count_tasks, list_tasks

        page = limit or PAGE
        items = list_tasks(ctx, flt, sort=sort, descending=descending, limit=page)
        emit(items, cols, fmt, as_dict=lambda t: t.as_dict())
        if len(items) == page:
            total = count_tasks(ctx, flt)
            if total > page:
                say(_("list.more", more=fmt_int(total - page, state.lang),
                      total=fmt_int(total, state.lang)))
        return
    from tracker.cli.output import stream_plain
    from tracker.services.query import iter_tasks

    stream_plain(iter_tasks(ctx, flt, sort=sort, descending=descending, limit=limit), cols,
                 rule=fmt == "table")


@cli.command("show", help=_("help.task.show"))
@click.argument("task_id", metavar=_("help.metavar.task_id"))
@format_option(default="plain", formats=("plain", "json"))
@click.pass_obj
def show(state, task_id, fmt):
    import json

    from tracker.services.history import shown
    from tracker.services.query import get_task
    from tracker.services.words import as_written

    ctx = state.context()
    d = get_task(ctx, _task_id(task_id))
    t = d.task
    if fmt == "json":
        data = t.as_dict()
        data["notes_log"] = [{"on": n.on.isoformat(), "text": n.text, "percent": n.percent,
                              "by": n.by} for n in d.notes]
        data["recurrence"] = {**d.recurrence.as_dict(), "period": d.period} if d.recurrence else None
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rows = [
        (_("col.id"), str(t.id)),
        (_("col.directive"), f"{t.directive} {_('word.dated')} {format_date(t.directive_date)} — {t.directive_issuer}"),
        (_("col.title"), d.directive_title),
        (_("col.content"), t.content),
        (_("col.lead"), f"{t.lead_name} ({t.lead})"),
        (_("col.support"), ", ".join(d.support_names)),
        (_("col.leader"), t.leader),
        (_("col.group"), t.group),
        (_("col.deadline_text"), t.deadline_text),
        (_("col.deadline"), t.deadline_in_full()),
        (_("col.original_deadline"), as_written(t.original_deadline_text, t.original_deadline)
         if t.original_deadline != t.deadline or (t.original_deadline_text or "") != (t.deadline_text or "")
         else ""),
        (_("recurrence.col.rule"), _duty_words(d)),
        (_("col.status"), _(f"status.{t.status}")),
        (_("col.timeliness"), timeliness_label(t.timeliness) + (f" ({days_text(t, ctx.today)})"
                                                                if days_text(t, ctx.today) else "")),
        (_("col.done_on"), format_date(t.done_on)),
        (_("col.proof"), t.proof),
        (_("col.cancel_reason"), t.cancel_reason),
        (_("col.notes"), t.notes),
    ]
    echo_fields(rows)
    if t.extensions:
        click.echo("\n" + _("section.extensions"))
        for e in t.extensions:
            click.echo(f"  {shown(e.at):%d/%m/%Y}  {as_written(e.old_text, e.old_deadline)} → "
                       f"{as_written(e.new_text, e.new_deadline)}  ({e.reason}) — {e.by}")
    if d.notes:
        click.echo("\n" + _("section.notes"))
        for n in d.notes:
            pct = f" [{n.percent}%]" if n.percent is not None else ""
            click.echo(f"  {format_date(n.on)}{pct}  {n.text} — {n.by}")


def _duty_words(d) -> str:
    """A period's task: its duty's number and the period, and since when it is stopped (or
    how to stop it); '' for any other task."""
    duty = d.recurrence
    if duty is None:
        return ""
    return _("recurrence.of_task", id=duty.id, period=d.period) + " · " + (
        _("recurrence.stopped_on", date=format_date(duty.ends_on)) if duty.ends_on
        else _("recurrence.stop_with", id=duty.id))


@cli.command("history", help=_("help.task.history"))
@click.argument("task_id", metavar=_("help.metavar.task_id"))
@format_option(default="table", formats=("table", "plain", "csv", "json", "jsonl"))
@click.pass_obj
def history_(state, task_id, fmt):
    from tracker.services.history import field_words, shown, value_words
    from tracker.services.query import task_history

    entries = task_history(state.context(), _task_id(task_id))
    # the columns in the interface's words, as the app shows them (JSON keeps the stored ones)
    cols = [
        Col("col.when", lambda h: shown(h.at).strftime("%d/%m/%Y %H:%M"), no_wrap=True),
        Col("col.who", lambda h: h.by),
        Col("col.action", lambda h: _(f"action.{h.action}")),
        Col("col.field", lambda h: field_words(h.field) if h.field else ""),
        Col("col.old", lambda h: value_words(h.field, h.old)),
        Col("col.new", lambda h: value_words(h.field, h.new)),
    ]
    emit(entries, cols, fmt, as_dict=lambda h: {
        "at": shown(h.at).isoformat(sep=" "), "by": h.by, "action": h.action, "field": h.field,
        "old": h.old, "new": h.new})
