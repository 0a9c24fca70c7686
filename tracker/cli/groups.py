"""Every command's class.  The usage line in the interface language (``[TÙY_CHỌN]``,
``LỆNH [THAM_SỐ]…``: Click writes ``[OPTIONS]`` and ``COMMAND [ARGS]...`` whatever the
language), and a group's one behaviour of its own: a name that is no command is answered with
the nearest ones (`tracker tsak` → 'task'), and with the command a word usually means where
the spelling is no help (`tracker db upgrade` → 'migrate').

Click suggests close names only from a group's ``commands`` dict, which the lazily loaded
top level leaves empty; here every group asks ``list_commands``.
"""
from __future__ import annotations

import difflib

import click
from click.exceptions import NoSuchCommand

from tracker.i18n import _


def _options_metavar() -> str:
    return "[" + _("help.metavar.options") + "]"


class Command(click.Command):
    """A command whose usage line says its options in the interface language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", _options_metavar())
        super().__init__(*args, **kwargs)


class _NoSuchCommand(NoSuchCommand):
    """Click's "No such command 'x'." with the suggestions we chose (Click's own words, so
    ``click_vi`` says them in Vietnamese)."""

    def __init__(self, name: str, near: list[str], ctx: click.Context):
        super().__init__(name, ctx=ctx)
        self.possibilities = near or None


class Group(click.Group):
    """A group whose unknown command names its nearest commands.  ``synonyms``: word → the
    command it usually means (``{"upgrade": "migrate"}``), for words no spelling is close to."""

    command_class = Command
    group_class = type  # (a group's groups are of its class)

    def __init__(self, *args, synonyms: dict[str, str] | None = None, **kwargs):
        kwargs.setdefault("options_metavar", _options_metavar())
        if kwargs.get("subcommand_metavar") is None:
            key = ("help.metavar.subcommand_optional" if kwargs.get("invoke_without_command")
                   else "help.metavar.subcommand")
            kwargs["subcommand_metavar"] = _(key)
        super().__init__(*args, **kwargs)
        self.synonyms = dict(synonyms or {})

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except NoSuchCommand as exc:
            if isinstance(exc, _NoSuchCommand):
                raise
            name = exc.command_name
            meant = self.synonyms.get(name.strip().lower())
            near = [meant] if meant else difflib.get_close_matches(name, self.list_commands(ctx))
            raise _NoSuchCommand(name, near, ctx) from None
