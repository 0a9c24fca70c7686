"""Reports and lists written from the desk, and the nightly report previewed: the clerk
names a file (in the folder used last), its ending picks the format (XLSX, CSV, the
signed-paper DOCX), and the app writes it in a worker — the app is never left."""
from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tracker.i18n import _
from tracker.tui.bindings import localise_bindings
from tracker.tui.screens.forms import BAD, OK, FieldInput, FormScreen, Hint, Saved

# the file a report is first offered as (the clerk may change its name and ending)
DEFAULT_NAMES = {"tasks": "nhiem-vu-{day}.xlsx", "overdue": "qua-han-{day}.xlsx",
                 "summary": "bao-cao-don-vi-{day}.docx"}


def default_path(app, kind: str) -> str:
    """In the folder the desk last wrote a report to — in this run, else a run before (the
    clerk who quit and came back finds it where they left it) — else the current folder."""
    from tracker.tui import recent

    folder = Path(getattr(app, "last_export_dir", None) or recent.export_folder() or Path.cwd())
    day = app.backend.today.strftime("%d-%m-%Y")
    return str(folder / DEFAULT_NAMES[kind].format(day=day))


class ExportForm(FormScreen):
    """Where to write one report; ``options`` go to ``services.reporting.write_report``."""

    save_label_key = "tui.export.save"
    focus_first = True  # the file's name is the decision (the day may stay blank)

    def __init__(self, kind: str, path: str, title: str, **options) -> None:
        self.kind = kind
        self.path = path
        self.options = options
        super().__init__()
        self.title_text = title

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.export.file", FieldInput(self.path, id="path"))
        yield Hint(id="path-hint")
        # blank: the register now; a day: as it stood at its end (`--as-of`)
        yield self.field("tui.export.as_of", FieldInput("", id="as_of"))
        yield Hint(id="as_of-hint")

    def on_mount(self) -> None:
        super().on_mount()
        field = self.query_one("#path", FieldInput)
        field.cursor_position = len(field.value)

    def _problem(self) -> str:
        from tracker.services.reporting import format_of

        path = self.value("path")
        if not path:
            return _("tui.form.missing", field=_("tui.export.file"))
        try:
            format_of(self.kind, path)
        except Exception as error:  # noqa: BLE001 - the services' own sentence
            from tracker.tui.screens.forms import error_text

            return error_text(error)
        return ""

    def _as_of(self):
        """(the day the register is to be taken as of — None: now —, the problem with it)."""
        text = self.value("as_of")
        if not text:
            return None, ""
        try:
            return self.app.backend.read_day(text, "as_of"), ""
        except Exception as error:  # noqa: BLE001 - the services' own sentence
            from tracker.tui.screens.forms import error_text

            return None, error_text(error)

    def refresh_hints(self) -> None:
        from tracker.domain.dates import format_date
        from tracker.services.reporting import FORMATS

        problem = self._problem()
        known = ", ".join(FORMATS[self.kind])
        if problem:
            self.hint("path", f"{BAD} {problem}", "bad")
        elif Path(self.value("path")).expanduser().is_file():  # (saved over: said before it is)
            fmt = Path(self.value("path")).suffix.lstrip(".").upper()
            self.hint("path", f"! {fmt} · " + _("tui.export.replaces"), "warn")
        else:
            fmt = Path(self.value("path")).suffix.lstrip(".").upper()
            self.hint("path", f"{OK} {fmt} · " + _("tui.export.formats", known=known), "ok")
        day, problem = self._as_of()
        if problem:
            self.hint("as_of", f"{BAD} {problem}", "bad")
        elif day is None:
            self.hint("as_of", _("tui.export.as_of.now"))
        else:
            self.hint("as_of", f"{OK} " + _("tui.export.as_of.day", date=format_date(day)), "ok")

    def check(self) -> dict[str, str]:
        problems = {}
        problem = self._problem()
        if problem:
            problems["path"] = problem
        _day, problem = self._as_of()
        if problem:
            problems["as_of"] = problem
        return problems

    def save(self) -> Saved:
        day, _problem = self._as_of()
        written = self.app.backend.write_report(self.kind, self.value("path"), as_of=day,
                                                **self.options)
        from tracker.tui import recent

        self.app.last_export_dir = str(written.path.parent)
        recent.remember_export(self.app.last_export_dir)
        return Saved(written, _("tui.export.done", rows=written.rows, path=written.path))


class ReportPreview(ModalScreen[None]):
    """The nightly overdue report as it will be mailed (plain text), to read before it goes."""

    BINDINGS = [Binding("escape,q", "close", "tui.key.close", id="preview.close")]
    DEFAULT_CSS = """
    ReportPreview { align: center middle; }
    ReportPreview > VerticalScroll {
        width: 104; max-width: 100%; height: 100%; border: thick $primary;
        background: $surface; padding: 0 1;
    }
    ReportPreview #preview-title { text-style: bold; }
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        localise_bindings(self)
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(_("tui.preview.title"), id="preview-title")
            yield Static(self.text, id="preview-text", markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def export_for(screen) -> tuple[str, dict, str] | None:
    """(kind, options, title) of what ``screen`` shows, for Ctrl+E: the task list its filter
    and order, the units screen its scorecard for the period on screen, others the overdue
    list."""
    from tracker.tui.screens.tasks import TasksScreen
    from tracker.tui.screens.units import UnitsScreen

    if isinstance(screen, TasksScreen):
        if screen._filter is None:
            return None
        return ("tasks", {"flt": screen._filter, "sort": screen.sort,
                          "descending": screen.descending}, _("tui.export.title.tasks"))
    if isinstance(screen, UnitsScreen):
        if screen.start is None:
            return None
        from tracker.domain.dates import format_date

        period = screen._period_text or f"{format_date(screen.start)}–{format_date(screen.end)}"
        options = {"start": screen.start, "end": screen.end, "label": screen._period_text,
                   "basis": getattr(screen, "basis", "deadline")}
        return "summary", options, _("tui.export.title.summary", period=period)
    return "overdue", {}, _("tui.export.title.overdue")
