"""Choosing files to import without typing a path: the recent files, and a folder tree that
opens at the folder used last (Textual's DirectoryTree), showing only the files the
importer reads.  Enter takes a file; Space marks several (units, directives and tasks
together), Enter then takes them all."""
from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Label, OptionList, Static
from textual.widgets.option_list import Option

from tracker.i18n import _
from tracker.tui.bindings import localise_bindings

IMPORTABLE = (".csv", ".xlsx", ".xls", ".json", ".jsonl", ".ndjson", ".tsv", ".txt")


class ImportTree(DirectoryTree):
    """Folders and the files an import reads; Space on a file marks it."""

    def filter_paths(self, paths):
        return [p for p in paths if not p.name.startswith(".")
                and (p.is_dir() or p.suffix.lower() in IMPORTABLE)]

    def action_toggle_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.data is not None and not node.data.path.is_dir():
            self.screen.toggle_mark(node.data.path)
            return
        super().action_toggle_node()


class FilePicker(ModalScreen[list[str] | None]):
    BINDINGS = [
        Binding("escape", "close", "tui.key.close", id="picker.close"),
        Binding("backspace", "up", "tui.key.folder_up", id="picker.up"),
    ]
    DEFAULT_CSS = """
    FilePicker { align: center middle; }
    FilePicker > Vertical {
        width: 90; max-width: 100%; height: 100%; max-height: 40;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    FilePicker #picker-title { text-style: bold; }
    FilePicker #picker-keys { color: $text-muted; }
    FilePicker #recent { height: auto; max-height: 8; border: none; padding: 0; }
    FilePicker #picker-tree { height: 1fr; }
    FilePicker #picker-marked { height: auto; color: $text-success; }
    FilePicker .picker-section { text-style: bold; background: $panel; padding: 0 1; }
    """

    def __init__(self, folder: str | None, recent: list[str]) -> None:
        super().__init__()
        localise_bindings(self)
        start = Path(folder).expanduser() if folder else Path.cwd()
        self.folder = start if start.is_dir() else Path.cwd()
        self.recent = list(recent)
        self.marked: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("tui.picker.title"), id="picker-title")
            yield Label(_("tui.picker.keys"), id="picker-keys")
            if self.recent:
                yield Static(_("tui.picker.recent"), classes="picker-section")
                yield OptionList(*[Option(_recent_line(p), id=f"recent-{i}")
                                   for i, p in enumerate(self.recent)], id="recent")
            yield Static(str(self.folder), classes="picker-section", id="picker-folder")
            yield ImportTree(self.folder, id="picker-tree")
            yield Static("", id="picker-marked")

    def on_mount(self) -> None:
        self.query_one("#picker-tree", ImportTree).focus()

    def toggle_mark(self, path: Path) -> None:
        if path in self.marked:
            self.marked.remove(path)
        else:
            self.marked.append(path)
        names = ", ".join(p.name for p in self.marked)
        self.query_one("#picker-marked", Static).update(
            _("tui.picker.marked", n=len(self.marked), names=names) if self.marked else "")

    @on(DirectoryTree.FileSelected)
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        chosen = list(self.marked)
        if event.path not in chosen:
            chosen.append(event.path)
        self.dismiss([str(p) for p in chosen])

    @on(OptionList.OptionSelected, "#recent")
    def _recent_chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss([self.recent[int(event.option_id.split("-", 1)[1])]])

    def action_up(self) -> None:
        tree = self.query_one("#picker-tree", ImportTree)
        parent = Path(tree.path).resolve().parent
        tree.path = parent
        self.query_one("#picker-folder", Static).update(str(parent))

    def action_close(self) -> None:
        self.dismiss(None)


def _recent_line(path: str) -> str:
    p = Path(path)
    return f"{p.name}  —  {p.parent}"
