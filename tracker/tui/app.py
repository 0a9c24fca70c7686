"""The clerk's desk: the full-screen app (issue 6).

``make_app`` builds the app for the CLI (``tracker`` with no command, ``tracker app``) and
for the tests and benches, so all three run the very same thing.  Screens talk to the
services layer only through :class:`tracker.tui.backend.Backend`, in thread workers.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tracker import i18n
from tracker.i18n import _
from tracker.tui.backend import Backend
from tracker.tui.bindings import localise_bindings

SCREENS = ("today", "tasks", "directives", "units")


def main_screens() -> dict[str, type[Screen]]:
    """The screens reached with the number keys, in their order."""
    from tracker.tui.screens.tasks import TasksScreen
    from tracker.tui.screens.directives import DirectivesScreen
    from tracker.tui.screens.today import TodayScreen
    from tracker.tui.screens.units import UnitsScreen

    return {"today": TodayScreen, "tasks": TasksScreen, "directives": DirectivesScreen,
            "units": UnitsScreen}


def _palette_commands():
    from tracker.tui.palette import TrackerCommands  # imported when the palette opens

    return TrackerCommands


class TrackerApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "tracker"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    # the palette's commands, and its words, in the interface's language and found without
    # diacritics ("gia han" finds "Gia hạn"; tui/palette.py)
    COMMANDS = {lambda: _palette_commands()}

    BINDINGS = [
        Binding("1", "show('today')", "tui.nav.today", show=False, id="nav.today"),
        Binding("2", "show('tasks')", "tui.nav.tasks", show=False, id="nav.tasks"),
        Binding("3", "show('directives')", "tui.nav.directives", show=False, id="nav.directives"),
        Binding("4", "show('units')", "tui.nav.units", show=False, id="nav.units"),
        Binding("i", "import_file", "tui.key.import", show=False, id="app.import"),
        Binding("ctrl+e", "export", "tui.key.export", show=False, id="app.export"),
        Binding("question_mark", "help", "tui.key.help", key_display="?", id="app.help"),
        Binding("q", "quit", "tui.key.quit", id="app.quit"),
    ]

    def __init__(self, backend: Backend, *, start: str = "tasks", poll_seconds: float = 20.0,
                 started_at: float | None = None) -> None:
        self.MODES = main_screens()
        super().__init__()
        localise_bindings(self)
        self.backend = backend
        self.start = start if start in self.MODES else "tasks"
        self.poll_seconds = poll_seconds
        # bumped by every change this app makes; screens compare it when they come back
        self.change_count = 0
        self.started_at = started_at or time.perf_counter()
        self.ready_after: float | None = None
        self._detail_screen = None
        self.last_export_dir: str | None = None  # where the desk last wrote a report
        self.theme = "textual-dark"

    # -- life cycle ----------------------------------------------------------------------

    @property
    def screen_names(self) -> list[str]:
        return list(self.MODES)

    def on_mount(self) -> None:
        self.switch_mode(self.start)
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll)

    def data_changed(self) -> None:
        self.change_count += 1

    def poll(self) -> None:
        """Show what the nightly job or another clerk changed, keeping the cursor."""
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is not None:
            refresh()

    def on_app_focus(self) -> None:
        self.poll()

    def on_ready(self) -> None:
        self.ready_after = time.perf_counter() - self.started_at

    def on_unmount(self) -> None:
        self.backend.close()

    # -- navigation ----------------------------------------------------------------------

    def action_show(self, name: str) -> None:
        if name in self.MODES and self.current_mode != name:
            self.switch_mode(name)

    def open_tasks(self, filters: dict | None = None, /, *, extra: dict | None = None,
                   view_name: str = "", **fields) -> None:
        """Show the task list narrowed by ``filters``/``fields`` (FilterBar field names) and
        ``extra`` (services filter fields the bar has no box for, e.g. the Units screen's
        period by directive date, named ``view_name``); the doors of the Today,
        Directives and Units screens lead here."""
        filters = {**(filters or {}), **fields}
        if self.current_mode != "tasks":
            self.switch_mode("tasks")
        # the tasks screen is the base of its mode's stack; detail screens may be above it
        stack = self.get_screen_stack("tasks")
        while len(self.get_screen_stack("tasks")) > 1 and self.current_mode == "tasks":
            self.pop_screen()
        stack[0].sort_by_deadline()
        stack[0].apply_filters(filters, extra=extra, view_name=view_name)

    def open_task(self, task_id: int) -> None:
        """Push the detail of one task.  One detail screen is kept and reused: building a
        screen's widgets costs more than reading a task."""
        from tracker.tui.screens.detail import TaskDetailScreen

        detail = self._detail_screen
        if detail is None:
            detail = self._detail_screen = TaskDetailScreen(task_id)
            self.install_screen(detail, name="task-detail")
        elif self._in_a_stack(detail):  # e.g. open in another screen's stack: a fresh one
            self.push_screen(TaskDetailScreen(task_id))
            return
        else:
            detail.show_task(task_id)
        self.push_screen(detail)

    def _in_a_stack(self, screen: Screen) -> bool:
        for mode in self.MODES:
            try:
                if screen in self.get_screen_stack(mode):
                    return True
            except KeyError:  # a mode not opened yet
                continue
        return False

    def action_import_file(self) -> None:
        from tracker.tui.screens.import_review import ImportScreen

        if not isinstance(self.screen, ImportScreen):
            self.push_screen(ImportScreen())

    # -- reports and lists to files (the desk's exports) -----------------------------------

    def action_export(self, kind: str = "") -> None:
        """Ctrl+E: write what the screen shows to a file (palette: each report by name)."""
        from tracker.tui.screens.exports import ExportForm, default_path, export_for

        chosen = export_for(self.screen)
        if kind and (chosen is None or chosen[0] != kind):
            chosen = ("overdue", {}, _("tui.export.title.overdue")) if kind == "overdue" else None
        if chosen is None:
            self.bell()
            return
        kind, options, title = chosen

        def written(result) -> None:
            if result is not None:
                result.tell(self)

        self.push_screen(ExportForm(kind, default_path(self, kind), title, **options), written)

    def action_preview_overdue(self) -> None:
        self._preview_overdue()

    @work(thread=True, group="preview", exclusive=True)
    def _preview_overdue(self) -> None:
        from tracker.tui.screens.exports import ReportPreview

        try:
            # as wide as the screen lets it be read unwrapped (the mail itself is 100 wide)
            text = self.backend.overdue_preview(width=max(60, min(100, self.size.width - 6)))
        except Exception as error:  # noqa: BLE001 - said, never a traceback
            from tracker.tui.screens.forms import error_text

            self.call_from_thread(self.notify, error_text(error), severity="error")
            return
        self.call_from_thread(self.push_screen, ReportPreview(text))

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- command palette -----------------------------------------------------------------

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tracker.tui.palette import command_palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(command_palette())

    def action_help_quit(self) -> None:
        """Ctrl+C: say how to quit, in the interface's language (Textual says it in English)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_("tui.quit_notice", key=key), title=_("tui.quit_notice.title"))
                return

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for name in self.MODES:
            yield SystemCommand(_(f"tui.nav.{name}"), _(f"tui.nav.{name}.help"),
                                lambda name=name: self.action_show(name))
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
        yield from self._export_commands(screen)
        yield SystemCommand(_("tui.key.help"), _("tui.help.title"), self.action_help)
        yield SystemCommand(_("tui.cmd.theme"), _("tui.cmd.theme.help"), self._toggle_theme)
        yield SystemCommand(_("tui.key.quit"), _("tui.cmd.quit.help"), self.exit)

    def _export_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tracker.tui.screens.exports import export_for

        shown = export_for(screen)
        help_text = _("tui.cmd.export.help")
        if shown is not None and shown[0] != "overdue":
            yield SystemCommand(_(f"tui.cmd.export_{shown[0]}"), help_text, self.action_export)
        yield SystemCommand(_("tui.cmd.export_overdue"), help_text,
                            lambda: self.action_export("overdue"))
        yield SystemCommand(_("tui.cmd.preview_overdue"), _("tui.cmd.preview.help"),
                            self.action_preview_overdue)

    def _toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def make_app(ctx=None, *, db: str | None = None, user: str | None = None,
             today: dt.date | None = None, lang: str | None = None, start: str = "tasks",
             poll_seconds: float = 20.0, started_at: float | None = None,
             settings=None) -> TrackerApp:
    """The app over an open services context, or one opened from the run's ``settings``
    (``tracker.settings.Settings``; else resolved from ``db``, ``user``, ``today``)."""
    if settings is not None and lang is None:
        lang = settings.lang
    if lang is not None:
        i18n.set_lang(lang)
    if ctx is None:
        from tracker.services.context import Context
        from tracker.settings import Settings

        ctx = Context.open(settings or Settings.resolve(db=db, user=user, today=today))
    return TrackerApp(Backend(ctx), start=start, poll_seconds=poll_seconds, started_at=started_at)


def run(state) -> None:
    """Entry point for the CLI: ``state`` is the CLI's global-options object."""
    import sys

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # a full-screen app needs a terminal on both ends; off one it can only hang
        from tracker.services.errors import UsageError

        raise UsageError("tui.error.no_terminal")
    started_at = time.perf_counter()
    app = make_app(state.context(), settings=state.settings, start="today", started_at=started_at)
    app.run()
