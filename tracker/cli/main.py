"""The ``tracker`` command: global options, lazily loaded subcommands, error reporting.

Kept light on purpose: ``tracker --help`` imports click and the catalogue only (no SQLAlchemy,
no Textual); each subcommand's module is imported when it runs.
"""
from __future__ import annotations

import errno
import gc
import importlib
import importlib.util
import os
import sys

import click

from tracker import i18n
from tracker.cli.groups import Group
from tracker.i18n import _

# name -> (module:attribute, catalogue key of the one-line help).  Modules that do not exist
# (yet) are not listed.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("tracker.cli.core:init_cmd", "help.init"),
    "demo": ("tracker.cli.demo:cli", "help.demo"),
    "unit": ("tracker.cli.unit:cli", "help.unit"),
    "directive": ("tracker.cli.directive:cli", "help.directive"),
    "task": ("tracker.cli.task:cli", "help.task"),
    "calendar": ("tracker.cli.calendar:cli", "help.calendar"),
    "import": ("tracker.cli.importer:cli", "help.import"),
    "export": ("tracker.cli.exporter:cli", "help.export"),
    "report": ("tracker.cli.report:cli", "help.report"),
    "db": ("tracker.cli.db:cli", "help.db"),
    "names": ("tracker.cli.names:cli", "help.names"),
    "dev": ("tracker.cli.dev:cli", "help.dev"),
    "app": ("tracker.cli.core:app_cmd", "help.app"),
    "audit": ("tracker.cli.audit:cli", "help.audit"),
    "extract": ("tracker.cli.extract:cli", "help.extract"),
    "recurrence": ("tracker.cli.recurrence:cli", "help.recurrence"),  # branch rhythm
    "programme": ("tracker.cli.programme:cli", "help.programme"),  # branch rhythm
}


def _module_exists(target: str) -> bool:
    module = target.split(":", 1)[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


class PipeClosed(Exception):
    """The reader of our output went away (``tracker report overdue | head -1``): not an error."""


# a word typed for a command that is another group's (`tracker upgrade`): what it means
TOP_SYNONYMS = {"upgrade": "db migrate", "migrate": "db migrate", "backup": "db backup",
                "restore": "db restore", "check": "db check"}


class LazyGroup(Group):
    """Subcommands imported on use; their one-line help comes from the catalogue."""

    def invoke(self, ctx):
        # Click turns a closed pipe into exit status 1; the reader leaving early is no
        # failure, so it is told apart here and ends the run with status 0
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise PipeClosed() from None
        except Exception as exc:
            # a database failure no service said (a connection of its own): said as the
            # services say it, naming the store the run opened (not "Kho dữ liệu  báo lỗi")
            sa = sys.modules.get("sqlalchemy.exc")  # (loaded whenever such a failure exists)
            opened = getattr(ctx.obj, "_ctx", None)
            if sa is None or not isinstance(exc, sa.SQLAlchemyError) or opened is None:
                raise
            from tracker.store.db import store_error

            raise store_error(exc, opened.where) from exc

    def list_commands(self, ctx):
        return [n for n, (target, _k) in COMMANDS.items() if _module_exists(target)]

    def get_command(self, ctx, name):
        entry = COMMANDS.get(name)
        if entry is None or not _module_exists(entry[0]):
            return None
        module, attr = entry[0].split(":", 1)
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx, formatter):
        # (a help's first paragraph is its one-line summary)
        rows = [(name, _(COMMANDS[name][1]).partition("\n\n")[0])
                for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(_("help.commands")):
                formatter.write_dl(rows)


class State:
    """The run's ``tracker.settings.Settings`` (the global options and the environment,
    resolved once); opens the store only when a command needs it."""

    def __init__(self, settings):
        self.settings = settings
        self._ctx = None

    # what commands read of the settings
    db = property(lambda self: self.settings.db)
    today = property(lambda self: self.settings.today)
    lang = property(lambda self: self.settings.lang)
    user = property(lambda self: self.settings.user)
    debug = property(lambda self: self.settings.debug)

    def context(self, *, create: bool = False):
        """The store's context; only ``init``, ``demo`` and ``import --create`` pass
        ``create`` — every other command refuses a place that holds no store."""
        if self._ctx is None:
            from tracker.services.context import Context

            self._ctx = Context.open(self.settings, create=create)
            # recurring duties: this period's and the next one's instances are there
            # whenever anyone looks (a command, a report, the app)
            from tracker.services.recurrence import bring_up_to_date

            bring_up_to_date(self._ctx)
        return self._ctx

    def close(self):
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None


def _sniff_lang(argv: list[str]) -> str:
    """The interface language, read before Click parses so help text is translated too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    from tracker.settings import env_lang

    return env_lang()


def build_cli() -> click.Group:
    @click.group(cls=LazyGroup, invoke_without_command=True, help=_("help.main"),
                 synonyms=TOP_SYNONYMS,
                 context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
    @click.option("--db", envvar="TRACKER_DB", metavar=_("help.metavar.store"), help=_("help.opt.db"))
    @click.option("--today", envvar="TRACKER_TODAY", metavar=_("help.metavar.date"),
                  help=_("help.opt.today"))
    # TRACKER_LANG is read by the settings, not here: Click would refuse "en_US.UTF-8" from
    # the environment as if --lang had been typed (a typed --lang fr stays a usage error)
    @click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
                  help=_("help.opt.lang"))
    @click.option("--user", envvar="TRACKER_USER", metavar=_("help.metavar.name"),
                  help=_("help.opt.user"))
    @click.option("--debug", is_flag=True, help=_("help.opt.debug"))
    @click.version_option(package_name="tracker", message="%(prog)s %(version)s")
    @click.pass_context
    def cli(ctx, db, today, lang, user, debug):
        from click.core import ParameterSource

        from tracker.settings import Settings

        if ctx.get_parameter_source("lang") is ParameterSource.DEFAULT:
            lang = None  # not typed: TRACKER_LANG, else Vietnamese (the settings' rule)
        if ctx.get_parameter_source("today") is ParameterSource.ENVIRONMENT:
            today = None  # (the settings read TRACKER_TODAY, and name it if it is no date)
        settings = Settings.resolve(db=db, today=today, lang=lang, user=user, debug=debug or None)
        i18n.set_lang(settings.lang)
        ctx.obj = State(settings)
        ctx.call_on_close(ctx.obj.close)
        if ctx.invoked_subcommand is None:
            from tracker.cli.core import open_app

            open_app(ctx)

    return cli


def _error(message: str) -> None:
    click.secho(message, fg="red", err=True, color=None)


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the command and turns failures into a sentence and an exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # The cyclic collector's default pace (a pass every 700 new objects, a full one over
    # every object the imports made as soon as they grow by a quarter) cost 0.15-0.2 s of
    # a 0.8 s nightly report of 30k overdue tasks, and freed next to nothing: a command makes
    # few cycles.  It runs at a calmer pace (bench/bench_reports.py --overdue-heavy).
    gc.set_threshold(50_000, 20, 100)
    i18n.set_lang(_sniff_lang(argv))
    from tracker.cli import click_vi

    click_vi.install()
    debug = "--debug" in argv or os.environ.get("TRACKER_DEBUG") == "1"
    # what the tool creates (stores, backups, exports, caches, folders) is its owner's only
    os.umask(0o077)
    cli = build_cli()
    code = 0
    try:
        rv = cli.main(args=argv, prog_name="tracker", standalone_mode=False)
        # without standalone mode Click hands back ctx.exit(N) as the return value
        if isinstance(rv, int) and not isinstance(rv, bool):
            code = rv
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.Abort:
        _error(_("error.aborted"))
        code = 1
    except click.BadParameter as exc:
        # a value Click's own types cannot read (a number, a choice): one line naming the
        # option and the value, as the tool's own types say theirs (cli.params); a parameter
        # left out keeps Click's usage lines
        if isinstance(exc, click.MissingParameter) or exc.param is None:
            exc.show()
        else:
            from tracker.cli.params import option_name

            _error(_("error.prefix", message=_("option.bad_value", field=option_name(exc.param),
                                               reason=exc.message)))
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except KeyboardInterrupt:
        _error(_("error.aborted"))
        code = 130
    except (BrokenPipeError, PipeClosed):
        # output piped into `head` and friends: not an error.  What is still buffered for
        # the closed pipe goes nowhere (Python's documented way, signal module notes)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        code = 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        code = report_exception(exc, debug)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass
    sys.exit(code)


# a service names the field a value went to ("on", "due_before"); on the command line the
# person typed an option: say that ("--on", "--due-before")
_OPTION_OF_FIELD = {"deadline": "--due", "extension": "--to"}
# a name that matched nothing, nor anything close: the command that lists the names
_NEXT_STEP = {"unit.unknown_none": "hint.unit_list", "directive.unknown_none": "hint.directive_list"}


def option_words(fields: dict) -> dict:
    """An error's fields with ``field`` in the command line's words (its option)."""
    name = fields.get("field")
    if not isinstance(name, str) or not name.replace("_", "").replace("-", "").isalpha() or not name.islower() \
            or name == "ref" or name.startswith("-"):
        return fields
    return {**fields, "field": _OPTION_OF_FIELD.get(name, "--" + name.replace("_", "-"))}


_OUTPUT_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG}


def report_exception(exc: Exception, debug: bool) -> int:
    from tracker.errors import TrackerError

    if debug:
        import traceback

        traceback.print_exc()
    if isinstance(exc, OSError) and exc.filename is None and exc.errno in _OUTPUT_FAILURES:
        from tracker.errors import WriteError  # the standard output (cron's file) that filled up

        exc = WriteError(_("io.stdout"), exc)
    if isinstance(exc, TrackerError):
        words = option_words(exc.fields)  # (the same dict when no option is named)
        said = exc.message() if words is exc.fields else _(exc.key, **words)
        if exc.key in _NEXT_STEP:
            said += " " + _(_NEXT_STEP[exc.key])
        _error(_("error.prefix", message=said))
        return exc.exit_code
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError):  # a database failure outside a context's transaction
        from tracker.store.db import store_error

        _error(_("error.prefix", message=store_error(exc).message()))
        return 1
    if not debug:
        _error(_("error.unexpected", error=f"{type(exc).__name__}: {exc}"))
    return 1
