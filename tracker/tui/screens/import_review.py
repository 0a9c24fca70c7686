"""i — import a file with a look first: the dry run of the importer (issue 4) shown row by
row, each problem next to the row it is about, and the real import only on confirmation.

The importer checks the whole file in one transaction and rolls it back (dry run), so what
is shown is exactly what the import would do; nothing is written until Ctrl+S."""
from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from tracker.i18n import _
from tracker.tui.bindings import localise_bindings
from tracker.tui.screens.forms import ConfirmScreen, error_text
from tracker.tui.widgets.bars import thousands
from tracker.tui.widgets.key_bar import KeyBar
from tracker.tui.widgets.lazy_table import Column, LazyTable, ListRowSource, Row

PREVIEW_ROWS = 2000  # rows of the file shown; every row is checked


def _problem_style(value, row: Row):
    return "bold $text-error" if value == "✗" else ("$text-warning" if value == "⚠" else None)


def _in_the_app(problem):
    """A problem as the app says it: where the command says "use --update" or "--directive",
    the app names its own choice (the rows already in the store, the directive field)."""
    from dataclasses import replace

    if problem.key == "import.differs" and problem.expected == "--update":
        return replace(problem, key="import.differs_in_app", expected=_("tui.import.update_short"))
    if problem.key == "import.missing_directive_column":
        return replace(problem, key="import.missing_directive_column_in_app",
                       value=_("tui.import.directive").rstrip(":"))  # (the field to type it in)
    return problem


def _problem_line(values) -> str:
    """A problem whole, as the line under the tables says it: ✗ row · column: message."""
    where = " · ".join(str(v) for v in (values["row"], values["column"]) if v != "")
    return f"{values['sign']} {where}: {values['message']}" if where else \
        f"{values['sign']} {values['message']}"


class ImportScreen(ModalScreen[bool]):
    """A full-screen form: modal, so the app's own keys (1–4, i, q) pressed on its list of
    choices do not switch screens or quit, the file and choices typed lost; Esc closes it."""

    BINDINGS = [
        Binding("escape", "close", "tui.key.close", id="import.close"),
        Binding("ctrl+r", "check", "tui.key.import_check", id="import.check"),
        Binding("ctrl+s", "commit", "tui.key.import_commit", id="import.commit"),
        Binding("ctrl+o", "pick", "tui.key.pick_file", id="import.pick"),
    ]
    DEFAULT_CSS = """
    ImportScreen { background: $background; }
    ImportScreen #import-title { height: 1; background: $panel; padding: 0 1; text-style: bold; }
    ImportScreen #import-form { height: auto; padding: 0 1; }
    ImportScreen #import-form Horizontal { height: 1; }
    ImportScreen #import-form Label { width: auto; padding-right: 1; text-style: bold; }
    ImportScreen #import-path { width: 1fr; }
    ImportScreen #import-update { width: 60; }
    ImportScreen #import-summary { height: auto; max-height: 8; padding: 0 1;
                                   border-bottom: hkey $panel; }
    ImportScreen #import-body { height: 1fr; }
    ImportScreen #import-rows { height: 2fr; }
    ImportScreen #import-problems { height: 1fr; border-top: hkey $panel; }
    ImportScreen #import-problem { display: none; height: auto; max-height: 5; padding: 0 1;
                                   background: $boost; }
    ImportScreen #import-problem.-shown { display: block; }
    """

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)
        self.report = None
        self._row_problems: dict[int, list[str]] = {}  # file row → its problems, in words
        self.importing = False  # the real import runs: keys that would start another wait
        self.checked_paths: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(_("tui.import.title"), id="import-title")
        with Vertical(id="import-form"):
            with Horizontal(classes="row"):
                yield Label(_("tui.import.file"))
                yield Input(placeholder=_("tui.import.path_placeholder"), id="import-path",
                            compact=True)
            with Horizontal(classes="row"):  # (a directive's annex names no directive: this one)
                yield Label(_("tui.import.directive"))
                yield Input(placeholder=_("tui.import.directive_placeholder"), id="import-directive",
                            compact=True)
            with Horizontal(classes="row"):
                yield Label(_("tui.import.rows_in_store"))
                yield Select([(_("tui.import.keep"), "keep"), (_("tui.import.update"), "update")],
                             value="keep", allow_blank=False, id="import-update", compact=True)
        yield Static(_("tui.import.hint"), id="import-summary")
        with Vertical(id="import-body"):
            yield LazyTable([Column("row", _("tui.import.row"), 6, align="right")],
                            id="import-rows", fetch_in_thread=False, can_mark=False,
                            can_open=False, can_sort=False)
            yield LazyTable([
                Column("sign", "", 1, style=_problem_style, sortable=False),
                Column("row", _("tui.import.row"), 6, align="right", sortable=False),
                Column("column", _("tui.import.column"), 24, sortable=False),
                Column("message", _("tui.import.problem"), 30, flex=1, sortable=False),
            ], id="import-problems", fetch_in_thread=False, can_mark=False, can_open=False,
                can_sort=False)
        # the problems of the row under the cursor, whole: a narrow column cuts them off
        # just where they name the closest unit or what was expected
        yield Static("", id="import-problem", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._clear_tables()  # "no rows", not "loading…", until a file is checked
        self.query_one("#import-path", Input).focus()

    def action_pick(self) -> None:
        """Ctrl+O: choose files from the recent ones or a folder tree (no path to type)."""
        from tracker.tui import recent
        from tracker.tui.screens.picker import FilePicker

        if self._busy():
            return
        known = recent.load()

        def chosen(paths: list[str] | None) -> None:
            if paths:
                self.query_one("#import-path", Input).value = "; ".join(paths)
                self.action_check()

        self.app.push_screen(FilePicker(known["folder"], known["files"]), chosen)

    def _clear_tables(self) -> None:
        for name in ("#import-rows", "#import-problems"):
            self.query_one(name, LazyTable).set_source(ListRowSource([]))
        self._row_problems = {}
        self._say_problem([])

    def _say_problem(self, lines: list[str]) -> None:
        shown = self.query_one("#import-problem", Static)
        shown.update("\n".join(lines))
        shown.set_class(bool(lines), "-shown")

    def _say_at_cursor(self, table: LazyTable) -> None:
        """The problem under the problems' cursor, or every problem of the file's row
        under the rows' cursor."""
        row = table.cursor_row
        if row is None:
            return
        if table.id == "import-problems":
            self._say_problem([_problem_line(row.values)])
        else:
            self._say_problem(self._row_problems.get(row.id, []))

    @on(LazyTable.CursorMoved)
    def _cursor_moved(self, event: LazyTable.CursorMoved) -> None:
        if event.table.has_focus:
            self._say_at_cursor(event.table)

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, LazyTable):
            self._say_at_cursor(event.widget)

    # -- checking ------------------------------------------------------------------------

    @on(Input.Submitted, "#import-path, #import-directive")
    def _path_entered(self) -> None:
        self.action_check()

    @on(Select.Changed, "#import-update")
    def _choice_changed(self) -> None:
        # what a file would add or update depends on the choice: the check shown must be
        # the one Ctrl+S will do, so a checked file is checked again under the new choice
        if self.checked_paths and not self.importing:
            self.action_check()

    def _busy(self) -> bool:
        """While the real import runs, nothing else starts (nor does the screen close)."""
        if self.importing:
            self.app.bell()
            self.notify(_("tui.import.busy"), severity="warning")
        return self.importing

    def action_check(self) -> None:
        if self._busy():
            return
        text = self.query_one("#import-path", Input).value.strip()
        paths = [str(Path(p.strip()).expanduser()) for p in text.split(";") if p.strip()]
        if not paths:
            self.query_one("#import-path", Input).focus()
            return
        from tracker.tui.screens.document import DocumentScreen, is_document

        if len(paths) == 1 and is_document(paths[0]):  # a directive to read, not a sheet
            self.app.switch_screen(DocumentScreen(paths[0]))
            return
        self.query_one("#import-summary", Static).update(
            _("tui.import.checking", file=", ".join(Path(p).name for p in paths)))
        self._check(paths, self._update(), self._directive())

    @work(thread=True, exclusive=True, group="import")
    def _check(self, paths: list[str], update: bool, directive: str | None) -> None:
        backend = self.app.backend
        try:
            report = backend.import_files(paths, update=update, dry_run=True, directive=directive)
            # the rows shown: the file with problems (else the last one, the tasks)
            bad = {p.file for p in report.problems}
            shown = next((p for p in paths if p in bad), paths[-1])
            headers, rows = backend.file_preview(shown, PREVIEW_ROWS)
            units = len(backend.units())
        except Exception as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        self.app.call_from_thread(self._show, paths, shown, report, headers, rows, units)

    def _failed(self, text: str) -> None:
        self.report, self.importing = None, False
        self._clear_tables()  # the rows of a file checked before are not this one's
        self.query_one("#import-summary", Static).update(Text(f"✗ {text}", style="bold red"))

    def _show(self, paths: list[str], shown: str, report, headers: list[str], rows,
              units_in_store: int = 1) -> None:
        from tracker.services.import_digest import digest

        from tracker.tui import recent

        self.report, self.checked_paths = report, paths
        recent.remember(paths)
        said = digest(report, units_in_store)  # what has one cause, said once
        by_row: dict[int, list] = {}
        for problem in [*report.problems, *report.warnings]:
            if problem.row is not None and problem.file == shown:
                by_row.setdefault(problem.row, []).append(problem)
        # the file, row by row; a row with a problem says so in its first column
        columns = [Column("mark", "", 1, style=_problem_style, sortable=False),
                   Column("row", _("tui.import.row"), 6, align="right", sortable=False)]
        columns += [Column(f"c{i}", header or "?", 14, flex=1 if i < 3 else 0, sortable=False)
                    for i, header in enumerate(headers[:12])]
        shown = []
        for number, values in rows:
            problems = by_row.get(number, [])
            mark = ("✗" if any(p.severity != "warning" for p in problems)
                    else "⚠" if problems else "")
            # as the clerk wrote them: a JSON list "a; b", a date dd/mm/yyyy, 3.0 as 3
            cells = {f"c{i}": values.get(h, "") for i, h in enumerate(headers[:12])}
            shown.append(Row(number, {"mark": mark, "row": number, **cells}))
        table = self.query_one("#import-rows", LazyTable)
        table.set_columns(columns)
        table.set_source(ListRowSource(shown))
        problems = [Row(f"once-{i}", {"sign": "✗", "row": "", "column": "",
                                      "message": _(key, **fields)})
                    for i, (key, fields) in enumerate(said.said_once)]
        problems += [Row(i, {"sign": "⚠" if p.severity == "warning" else "✗",
                             "row": p.row if p.row is not None else "",
                             "column": f"{Path(p.file).name}: {p.column}" if len(self.checked_paths) > 1
                             else p.column,
                             "message": _in_the_app(p).message(located=False)}, p)
                     for i, p in enumerate([*said.problems, *report.warnings])]
        self._row_problems = {}
        for row in problems:
            if row.values["row"] != "":
                self._row_problems.setdefault(row.values["row"], []).append(
                    _problem_line(row.values))
        self._say_problem([])
        self.query_one("#import-problems", LazyTable).set_source(ListRowSource(problems))
        lines = report.summary_lines(short_names=True)
        if report.ok:
            lines.append(_("tui.import.ready"))
            style = "green"
        else:
            lines.append(_("import.nothing_written"))
            style = "bold red"
        summary = Text("\n".join(lines[:-1]) + "\n")
        summary.append(lines[-1], style=style)
        self.query_one("#import-summary", Static).update(summary)
        self.query_one("#import-problems" if not report.ok else "#import-rows", LazyTable).focus()

    def _update(self) -> bool:
        return self.query_one("#import-update", Select).value == "update"

    def _directive(self) -> str | None:
        """The directive of the rows naming none (a directive's annex), as typed; None: none."""
        return self.query_one("#import-directive", Input).value.strip() or None

    # -- importing -----------------------------------------------------------------------

    def action_commit(self) -> None:
        if self._busy():
            return
        report = self.report
        if report is None or not report.ok:
            self.app.bell()
            self.notify(_("tui.import.check_first"), severity="warning")
            return
        count = report.total("added") + report.total("updated")

        def answer(yes: bool | None) -> None:
            if yes:
                self.importing = True
                self.query_one("#import-summary", Static).update(Text(
                    _("tui.import.importing", file=", ".join(Path(p).name for p in self.checked_paths)),
                    style="bold"))
                self._commit(self.checked_paths, self._update(), self._directive())

        self.app.push_screen(ConfirmScreen(_("tui.import.confirm", n=thousands(count)),
                                           _("tui.import.yes"), destructive=False), answer)

    @work(thread=True, exclusive=True, group="import")
    def _commit(self, paths: list[str], update: bool, directive: str | None) -> None:
        try:
            report = self.app.backend.import_files(paths, update=update, dry_run=False, directive=directive)
        except Exception as error:
            self.app.call_from_thread(self._failed, error_text(error))
            return
        self.app.call_from_thread(self._committed, report)

    def _committed(self, report) -> None:
        self.importing = False
        if not report.committed:  # the store changed between the look and the import
            self.report = report
            self.notify(_("import.nothing_written"), severity="error")
            return
        self.notify(_("tui.import.done", added=thousands(report.total("added")),
                      updated=thousands(report.total("updated"))))
        self.app.data_changed()
        self.dismiss(True)

    def action_close(self) -> None:
        if self._busy():
            return
        self.dismiss(False)
