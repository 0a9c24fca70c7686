"""The command line's typed values: one Click type per kind of value an option (or argument)
carries, so every command reads a date, a period, a delimiter or an encoding the same way and
refuses one it cannot read the same way — a usage error (exit 2), one line naming the option
and the value (``--due-before: ngày “31/02/2021” không tồn tại.``), before the store is
opened.  Numbers are Click's own types (``click.IntRange``); ``cli.main`` says Click's
refusals in one line too.

The readers are the domain's and the services' (``domain.rules.read_date``,
``domain.periods.period_range``, the importer's encodings): these types only put them at the
command line's door.  Kept light: nothing heavy is imported until a value is read.
"""
from __future__ import annotations

import click

from tracker.i18n import _


def option_name(param: click.Parameter | None) -> str:
    """How the person typed the parameter: its long option (``--due-before``), or an
    argument's metavar (``NGÀY``)."""
    if param is None:
        return ""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def refuse(key: str, param: click.Parameter | None, value, **fields):
    """The usage error a value the command cannot read is (``key``'s message names ``field``,
    the option, and ``value``)."""
    from tracker.errors import UsageError

    return UsageError(key, field=option_name(param), value=str(value), **fields)


class DateType(click.ParamType):
    """A date (``dd/mm/yyyy`` and the forms the rulebook reads, ``dd/mm/yy`` with a warning;
    ``30/6`` in the year of the run's today, with a warning naming the date), given to the
    command as a ``datetime.date``."""

    name = "date"

    def convert(self, value, param, ctx):
        import datetime as dt

        if value is None or isinstance(value, dt.date):
            return value
        from tracker.domain.rules import read_date

        day, problems = read_date(value, option_name(param), today=_today(ctx))
        if day is None:
            raise refuse(problems[0].key, param, str(value).strip())
        for p in problems:  # (a two-digit year: read, and said)
            click.secho(_("warning.prefix", message=_(p.key, **p.fields())), fg="yellow",
                        err=True)
        return day


class DueBoundType(DateType):
    """A due bound of the task filter (``--due-before``, ``--due-after``): a date as ``DATE``
    reads it, or a period as a report takes one (``quý I/2021``, ``tháng 3/2021``), given to
    the command as typed — the filter takes its last or first day (``query.resolve_filter``)."""

    def convert(self, value, param, ctx):
        from tracker.errors import UsageError

        try:
            return super().convert(value, param, ctx)
        except UsageError as not_a_date:
            from tracker.domain.deadlines import DeadlineError
            from tracker.domain.periods import period_range

            try:
                period_range(str(value).strip(), _today(ctx))
            except DeadlineError:
                raise not_a_date from None
            return str(value).strip()


def _today(ctx: click.Context | None):
    """The run's today (``--today``, ``TRACKER_TODAY``, else the clock's)."""
    import datetime as dt

    state = ctx.find_root().obj if ctx is not None else None
    today = getattr(state, "today", None)
    return today if isinstance(today, dt.date) else dt.date.today()


class PeriodType(click.ParamType):
    """A report's period as a clerk writes it (``15/03/2021``, ``tháng 3/2021``, ``Quý
    I/2021``, ``2021``): checked here, given to the command as typed (the report counts it
    with the store's calendar)."""

    name = "period"

    def convert(self, value, param, ctx):
        import datetime as dt

        from tracker.domain.deadlines import DeadlineError
        from tracker.domain.periods import period_range

        settings = getattr(ctx.find_root().obj if ctx else None, "settings", None)
        today = settings.today if settings is not None else dt.date.today()
        try:
            period_range(value, today)
        except DeadlineError as exc:
            raise bad_period(param, value, exc) from None
        return value


def bad_period(param, value, exc) -> Exception:
    """The usage error of a period that cannot be read (``exc``: the reader's)."""
    return refuse("option.bad_period", param, value, reason=_(exc.key, **exc.fields))


class DelimiterType(click.ParamType):
    """A CSV delimiter: one character (``\\t`` or ``tab`` for a tab)."""

    name = "delimiter"

    def convert(self, value, param, ctx):
        text = "\t" if value in ("\\t", "tab", "TAB") else value
        if len(text) != 1:
            raise refuse("option.bad_delimiter", param, value)
        return text


class EncodingType(click.ParamType):
    """A text encoding's name as the importer knows them (``utf-8``, ``cp1258``, ``latin1``…),
    given to the command as typed."""

    name = "encoding"

    def convert(self, value, param, ctx):
        from tracker.services.file_options import known_encoding

        if not known_encoding(value):
            raise refuse("option.bad_encoding", param, value, expected="utf-8, utf-16, cp1258, cp1252")
        return value


class YearType(click.ParamType):
    """A calendar's year, written in full (the years dates are read in: 1900–2200)."""

    name = "year"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not (text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2200):
            raise refuse("option.bad_year", param, value)
        return int(text)


DATE = DateType()
PERIOD = PeriodType()
DUE_BOUND = DueBoundType()
DELIMITER = DelimiterType()
ENCODING = EncodingType()
YEAR = YearType()
