"""What an import did: a ``FileReport`` per file (rows read, added, updated, unchanged,
skipped, rejected) and the ``ImportReport`` of the run (the files, every problem, the totals),
in the user's language for the command and the app alike."""
from __future__ import annotations

from dataclasses import dataclass, field

from tracker.io.problems import Problem

MAX_PROBLEMS = 500  # kept for the report; all are counted
LISTED_CHANGES = 20  # the updated tasks whose changes the summary lists (the rest are counted)


@dataclass
class FileReport:
    file: str
    kind: str = ""
    format: str = ""
    encoding: str | None = None
    sheet: str | None = None
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0
    directives_added: int = 0
    recurring: int = 0  # recurring duties its rows added (each period's task: ``periods``)
    periods: int = 0  # tasks of recurring duties' periods made from them (not in ``added``)
    # every task whose lead unit this file changes: (row, task id, old code, new code) — each
    # listed in the summary, never a silent move of a unit's tasks
    lead_changes: list = field(default_factory=list)
    # what the first ``LISTED_CHANGES`` updated tasks change (a lead unit aside: above), so a
    # --dry-run can be read before it is run: (row, task id, [(field, old, new)], history's text)
    changes: list = field(default_factory=list)
    # where the time went, for bench/ (seconds): reader/writer CPU, writer waiting, loading
    timings: dict = field(default_factory=dict, repr=False)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "timings"}


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    dry_run: bool = False
    committed: bool = False
    batch: str = ""
    # (file, column) of each required column a file lacks: its rows are still read, so that
    # their other problems show, but "required" is not said again on each of them
    missing_columns: set = field(default_factory=set, repr=False)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    def add(self, problem: Problem) -> None:
        if problem.key == "import.required" and (problem.file, problem.column) in self.missing_columns:
            return  # the column is missing: said once at the header, not again on every row
        if problem.severity == "warning":
            self.warning_count += 1
            if len(self.warnings) < MAX_PROBLEMS:
                self.warnings.append(problem)
        else:
            self.error_count += 1
            if len(self.problems) < MAX_PROBLEMS:
                self.problems.append(problem)

    def summary_lines(self, *, short_names: bool = False, changes: bool = False) -> list[str]:
        """A line per file (and one for the directives its task rows made), then the totals —
        in the user's language, as the command and the app both show them.  ``changes``: the
        first updated tasks' changes too, a line each (the command's)."""
        from pathlib import Path

        from tracker.i18n import _, get_lang
        from tracker.reports.fmt import fmt_int

        lang = get_lang()

        def n(value: int) -> str:
            return fmt_int(value, lang)

        lines = []
        unwritten = not self.ok and not self.dry_run  # (refused: the counts are what was read)
        for f in self.files:
            if not f.kind:
                continue
            name = Path(f.file).name if short_names else f.file
            kind = _(f"import.kind.{f.kind}")
            if f.encoding and not f.encoding.replace("_", "-").lower().startswith("utf-8"):
                # a code page was guessed (or given): said, so wrong letters can be told from it
                kind = _("import.kind_encoding", kind=kind, encoding=f.encoding)
            if unwritten:  # ("thêm 1" before "không ghi gì" read as one row written)
                lines.append(_("import.summary_file_unwritten", file=name, kind=kind, rows=n(f.rows),
                               good=n(f.added + f.updated + f.unchanged + f.skipped), rejected=n(f.rejected)))
            else:
                lines.append(_("import.summary_file", file=name, kind=kind, rows=n(f.rows),
                               added=n(f.added), updated=n(f.updated), unchanged=n(f.unchanged),
                               skipped=n(f.skipped), rejected=n(f.rejected)))
            if f.directives_added:
                lines.append(_("import.directives_added", file=name, count=n(f.directives_added)))
            if f.recurring or f.periods:
                lines.append(_("import.recurring_summary", file=name, duties=n(f.recurring),
                               periods=n(f.periods)))
            lines.extend(_("import.lead_changed", file=name, row=row, task=task, old=old, new=new)
                         for row, task, old, new in f.lead_changes)
            if changes and f.changes:
                lines.extend(_("import.task_changed", file=name, row=row, task=task, what=_change_words(items))
                             for row, task, items in f.changes)
                # (a task whose lead unit alone changed is said above, not among the others)
                listed = len({task for _row, task, *_rest in f.lead_changes} | {task for _row, task, _i in f.changes})
                if f.updated > listed:
                    lines.append(_("import.more_changing" if self.dry_run else "import.more_changed",
                                   file=name, count=n(f.updated - listed)))
        if unwritten:
            good = sum(self.total(k) for k in ("added", "updated", "unchanged", "skipped"))
            lines.append(_("import.summary_unwritten", good=n(good), rejected=n(self.total("rejected")),
                           errors=n(self.error_count), warnings=n(self.warning_count)))
            return lines
        lines.append(_("import.summary", added=n(self.total("added")), updated=n(self.total("updated")),
                       unchanged=n(self.total("unchanged")), skipped=n(self.total("skipped")),
                       rejected=n(self.total("rejected")), errors=n(self.error_count),
                       warnings=n(self.warning_count)))
        return lines

    def as_dict(self) -> dict:
        return {
            "ok": self.ok, "dry_run": self.dry_run, "committed": self.committed, "batch": self.batch,
            "added": self.total("added"), "updated": self.total("updated"),
            "unchanged": self.total("unchanged"), "skipped": self.total("skipped"),
            "rejected": self.total("rejected"), "errors": self.error_count,
            "warnings": self.warning_count,
            "files": [f.as_dict() for f in self.files],
            "problems": [p.as_dict() for p in self.problems],
            "warning_list": [p.as_dict() for p in self.warnings],
        }


def _change_words(items: list[tuple[str, str | None, str | None]]) -> str:
    """``Thời hạn: 02/04/2021 → 30/06/2021; Gia hạn: + 30/06/2021: Chờ vốn`` — the words
    `task history` uses for the same change."""
    from tracker.i18n import _
    from tracker.services.history import field_words, value_words

    parts = []
    for fld, old, new in items:
        if fld in ("extension", "note"):  # (one added: no old value)
            parts.append(f"{field_words(fld)}: + {value_words(fld, new)}")
        else:
            parts.append(f"{field_words(fld)}: {value_words(fld, old) or _('import.blank')} → "
                         f"{value_words(fld, new) or _('import.blank')}")
    return "; ".join(parts)
