"""Column headers, in Vietnamese or English, mapped to the canonical field names.

Headers are matched without diacritics, case or punctuation (``tracker.domain.text.fold``), so
``Đơn vị chủ trì``, ``DON VI CHU TRI`` and ``Đơn vị chủ trì (*)`` all mean ``lead``.  The JSON
keys of the export shape are themselves headers, so an export reads back in.  A header that
is not known is reported, never dropped silently; derived columns (``timeliness``,
``days_overdue``…) are recognised and ignored.

Three kinds of table: ``tasks``, ``directives`` and ``units``; ``detect_kind`` tells them apart
from their headers (``--kind auto``).  Export labels come from the catalogue
(``io.col.<kind>.<field>``) so a CSV has Vietnamese headers in Vietnamese and English ones
in English; those labels are accepted on import as well.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.domain.text import fold
from tracker.io.problems import Problem

KINDS = ("tasks", "directives", "units")

# Fields of each kind in export order.  Derived fields are exported but never imported.
TASK_FIELDS = (
    "id", "key", "directive", "directive_date", "directive_issuer", "directive_title", "content",
    "lead", "support", "leader", "group", "deadline", "deadline_text", "deadline_effective",
    "original_deadline", "original_deadline_text", "extensions", "status", "done_on", "proof",
    "progress", "notes", "cancel_reason", "recurrence_ends", "timeliness", "days_overdue",
)
DIRECTIVE_FIELDS = ("id", "number", "type", "issuer", "date", "title", "signer", "parent", "notes",
                    "tasks")
UNIT_FIELDS = ("id", "code", "name", "kind", "aliases", "active")

FIELDS = {"tasks": TASK_FIELDS, "directives": DIRECTIVE_FIELDS, "units": UNIT_FIELDS}

# recognised in a file, never stored: computed from other fields (or a row's serial number)
DERIVED = {
    "tasks": frozenset({"stt", "timeliness", "days_overdue", "deadline_effective", "lead_name"}),
    "directives": frozenset({"stt", "tasks", "signed_for"}),
    "units": frozenset({"stt", "tasks"}),
}

# read from an e-office register of incoming documents, never exported: the importer keeps
# them in the directive's notes (the store has no column for them)
REGISTER_FIELDS = ("received_no", "received_date", "recipient", "due")

REQUIRED = {
    "tasks": ("directive", "content", "lead"),
    "directives": ("number", "issuer", "date"),
    "units": ("name",),
}

# Header spellings people use, written naturally; they are folded when the table is built.
_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "tasks": {
        "stt": ("STT", "TT", "Số TT", "Số thứ tự", "No", "No.", "#", "Seq"),
        "id": ("id", "ID", "Task ID", "Số ID"),
        "key": ("key", "ext_key", "Mã", "Mã nhiệm vụ", "Mã số", "Mã số nhiệm vụ", "Khóa", "Task key"),
        "directive": ("directive", "Văn bản", "Văn bản chỉ đạo", "Văn bản giao nhiệm vụ",
                      "Số ký hiệu", "Số, ký hiệu", "Số ký hiệu văn bản", "Số văn bản",
                      "Số hiệu văn bản", "Căn cứ", "Document", "Directive number", "Source"),
        "directive_date": ("directive_date", "Ngày ban hành", "Ngày văn bản", "Ngày ký",
                           "Ngày ban hành văn bản", "Date issued", "Issued", "Issue date"),
        "directive_issuer": ("directive_issuer", "Cơ quan ban hành", "Nơi ban hành",
                             "Cơ quan ban hành văn bản", "Issuer", "Issued by"),
        "directive_title": ("directive_title", "Trích yếu", "Trích yếu văn bản",
                            "Trích yếu nội dung", "Title", "Directive title", "Summary"),
        "content": ("content", "Nội dung", "Nhiệm vụ", "Nội dung nhiệm vụ", "Nội dung công việc",
                    "Công việc", "Nhiệm vụ được giao", "Nội dung chỉ đạo", "Nội dung giao",
                    "Task", "Tasks", "Description", "Content"),
        "lead": ("lead", "Đơn vị chủ trì", "Chủ trì", "Cơ quan chủ trì", "Đơn vị thực hiện",
                 "Đơn vị được giao", "Cơ quan, đơn vị chủ trì", "Đơn vị", "Lead unit", "Lead",
                 "Responsible unit", "Owner"),
        "support": ("support", "Đơn vị phối hợp", "Phối hợp", "Cơ quan phối hợp",
                    "Cơ quan, đơn vị phối hợp", "Supporting units", "Supporting unit", "Support",
                    "Co-ordinating units"),
        "leader": ("leader", "Lãnh đạo phụ trách", "Lãnh đạo chỉ đạo", "Lãnh đạo",
                   "Người phụ trách", "Leader", "Leader in charge"),
        "group": ("group", "Nhóm", "Nhóm công việc", "Nhóm nhiệm vụ", "Lĩnh vực", "Work group",
                  "Group", "Area"),
        "deadline": ("deadline", "Thời hạn", "Thời gian hoàn thành", "Thời hạn hoàn thành",
                     "Hạn xử lý", "Hạn hoàn thành", "Hạn", "Thời hạn thực hiện", "Thời gian thực hiện",
                     "Deadline", "Due", "Due date"),
        "deadline_text": ("deadline_text", "Thời hạn nguyên văn", "Thời hạn theo văn bản",
                          "Deadline as written", "Deadline text"),
        "original_deadline": ("original_deadline", "Thời hạn ban đầu", "Hạn ban đầu",
                              "Original deadline"),
        "original_deadline_text": ("original_deadline_text", "Thời hạn ban đầu (nguyên văn)",
                                   "Original deadline as written"),
        "extensions": ("extensions", "Gia hạn", "Các lần gia hạn", "Extensions", "Extension"),
        "status": ("status", "Trạng thái", "Tình trạng", "Status", "State"),
        "done_on": ("done_on", "Ngày hoàn thành", "Hoàn thành ngày", "Ngày hoàn thành thực tế",
                    "Done on", "Completed on", "Completion date", "Date done"),
        "proof": ("proof", "Kết quả", "Kết quả thực hiện", "Minh chứng", "Văn bản hoàn thành",
                  "Result", "Proof"),
        "progress": ("progress", "Tiến độ", "Tiến độ thực hiện", "Tình hình thực hiện",
                     "Báo cáo tiến độ", "Progress", "Progress notes"),
        "notes": ("notes", "Ghi chú", "Note", "Notes", "Remarks"),
        "cancel_reason": ("cancel_reason", "Lý do hủy", "Lý do huỷ", "Lý do không thực hiện",
                          "Cancel reason", "Cancelled because"),
        # the day the task's recurring duty was stopped (``tracker recurrence stop``): an export
        # writes it on each period's task, so the duty stays stopped in the store it goes to
        "recurrence_ends": ("recurrence_ends", "Ngày dừng định kỳ", "Dừng định kỳ từ ngày",
                            "Định kỳ dừng từ ngày", "Recurrence stopped on", "Recurrence ends"),
        "timeliness": ("timeliness", "Đánh giá", "Đánh giá tiến độ", "Phân loại", "Kết quả đánh giá",
                       "Timeliness"),
        "days_overdue": ("days_overdue", "Số ngày quá hạn", "Số ngày chậm", "Quá hạn ngày",
                         "Days overdue", "Days late"),
        "deadline_effective": ("deadline_effective", "Hạn thực tế", "Hạn tính theo ngày làm việc",
                               "Effective deadline"),
        "lead_name": ("lead_name", "Tên đơn vị chủ trì", "Lead unit name"),
    },
    "directives": {
        "stt": ("STT", "TT", "Số TT", "No", "No.", "#"),
        "id": ("id", "ID"),
        "number": ("number", "Số ký hiệu", "Số, ký hiệu", "Số ký hiệu văn bản", "Số văn bản",
                   "Số hiệu", "Số", "Văn bản", "Number", "Document number", "Directive",
                   "Số, ký hiệu văn bản", "Số/Ký hiệu", "Số ký hiệu VB", "Số hiệu văn bản"),
        "type": ("type", "Loại văn bản", "Loại", "Hình thức văn bản", "Thể loại", "Type",
                 "Document type", "Kind"),
        "issuer": ("issuer", "Cơ quan ban hành", "Nơi ban hành", "Cơ quan", "Issuer", "Issued by",
                   "Tác giả", "Nơi gửi", "Cơ quan gửi", "Đơn vị ban hành", "Cơ quan, tổ chức ban hành",
                   "Đơn vị gửi", "Nơi gửi văn bản"),
        "date": ("date", "Ngày ban hành", "Ngày văn bản", "Ngày ký", "Ngày", "Date", "Issue date",
                 "Date issued", "issue_date", "Ngày tháng", "Ngày tháng văn bản", "Ngày VB",
                 "Ngày ban hành văn bản"),
        "title": ("title", "Trích yếu", "Trích yếu nội dung", "Tên văn bản", "Nội dung", "Title",
                  "Summary", "Subject", "Tên loại và trích yếu nội dung", "Trích yếu nội dung văn bản",
                  "Tên loại và trích yếu", "Nội dung trích yếu"),
        # the e-office register of incoming documents (Sổ đăng ký văn bản đến): import only,
        # kept in the directive's notes (REGISTER_FIELDS)
        "received_no": ("Số đến", "Số văn bản đến", "Số đến văn bản"),
        "received_date": ("Ngày đến", "Ngày nhận", "Ngày đến văn bản"),
        "recipient": ("Đơn vị hoặc người nhận", "Đơn vị, người nhận", "Đơn vị/người nhận",
                      "Đơn vị xử lý", "Người xử lý", "Đơn vị hoặc người xử lý"),
        "due": ("Hạn xử lý", "Hạn giải quyết", "Thời hạn xử lý", "Hạn trả lời", "Hạn xử lý văn bản"),
        "signed_for": ("Ký nhận", "Người ký nhận"),
        "signer": ("signer", "Người ký", "Người ký duyệt", "Signer", "Signed by"),
        "parent": ("parent", "Văn bản cấp trên", "Căn cứ", "Thực hiện văn bản", "Văn bản gốc",
                   "Parent", "Implements"),
        "notes": ("notes", "Ghi chú", "Note", "Notes"),
        "tasks": ("tasks", "Số nhiệm vụ", "Task count"),
    },
    "units": {
        "stt": ("STT", "TT", "Số TT", "No", "No.", "#"),
        "id": ("id", "ID"),
        "code": ("code", "Mã", "Mã đơn vị", "Ký hiệu", "Code", "Unit code"),
        "name": ("name", "Tên đơn vị", "Tên", "Đơn vị", "Tên cơ quan, đơn vị", "Cơ quan, đơn vị",
                 "Name", "Unit", "Unit name"),
        "kind": ("kind", "Loại", "Loại đơn vị", "Khối", "Kind", "Type", "Unit type"),
        "aliases": ("aliases", "Tên viết tắt", "Viết tắt", "Tên khác", "Tên gọi khác",
                    "Tên viết tắt, tên khác", "Aliases", "Alias", "Abbreviations", "Other names"),
        "active": ("active", "Đang hoạt động", "Hoạt động", "Active"),
        "tasks": ("tasks", "Số nhiệm vụ", "Task count"),
    },
}

_PUNCT = re.compile(r"[^0-9a-z]+")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def header_key(text: str) -> str:
    """A header reduced to folded words: 'Số, ký hiệu (*)' -> 'so ky hieu'."""
    return _PUNCT.sub(" ", fold(text)).strip()


def _key_without_notes(text: str) -> str:
    """The header without parenthesised notes: 'Thời hạn (ngày/tháng/năm)' -> 'thoi han'."""
    return header_key(_PARENS.sub(" ", text))


@lru_cache(maxsize=None)
def _table(kind: str) -> dict[str, str]:
    """folded header -> field for one kind: the aliases above plus the export labels."""
    from tracker.i18n import catalog

    table: dict[str, str] = {}
    for fld, names in _ALIASES[kind].items():
        for name in names:
            table.setdefault(header_key(name), fld)
    messages = catalog()
    for fld in FIELDS[kind]:
        entry = messages.get(f"io.col.{kind}.{fld}")
        if entry:
            for label in entry:
                table.setdefault(header_key(label), fld)
    return table


def field_for(header: str, kind: str) -> str | None:
    table = _table(kind)
    key = header_key(header)
    if not key:
        return None
    hit = table.get(key)
    if hit is None:
        bare = _key_without_notes(header)
        if bare and bare != key:
            hit = table.get(bare)
    return hit


@dataclass
class ColumnMap:
    kind: str
    fields: dict[str, str] = field(default_factory=dict)      # header -> field (to import)
    ignored: list[str] = field(default_factory=list)         # derived: read and ignored
    unknown: list[str] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # field -> its headers
    missing: list[str] = field(default_factory=list)         # required fields not present
    # required fields a task sheet lacks but may: it names tasks by id or key, so its rows
    # can update the tasks already in the store (a department's progress report), not add
    update_only: list[str] = field(default_factory=list)

    def header_for(self, fld: str) -> str | None:
        for h, f in self.fields.items():
            if f == fld:
                return h
        return None

    @property
    def present(self) -> set[str]:
        return set(self.fields.values())

    @property
    def ok(self) -> bool:
        return not (self.unknown or self.duplicates or self.missing)

    def problems(self, file: str = "", row: int | None = 1, lang: str | None = None) -> list[Problem]:
        """One problem per unknown header, doubled field and missing required column."""
        from tracker.i18n import t

        out: list[Problem] = []
        for h in self.unknown:
            suggestion = suggest_header(h, self.kind)
            if suggestion:
                out.append(Problem("import.unknown_header", file=file, row=row, column=h, value=h,
                                   expected=label(self.kind, suggestion, lang)))
            else:
                out.append(Problem("import.unknown_header_any", file=file, row=row, column=h, value=h,
                                   expected=", ".join(label(self.kind, f, lang) for f in importable(self.kind))))
        for fld, hs in self.duplicates.items():
            out.append(Problem("import.duplicate_column", file=file, row=row, column=", ".join(hs),
                               value=", ".join(hs), expected=label(self.kind, fld, lang)))
        for fld in self.missing:
            # (a directive's annex of tasks has no directive column: the run may name it)
            key = "import.missing_directive_column" if (self.kind, fld) == ("tasks", "directive") else "import.missing_column"
            out.append(Problem(key, file=file, row=row,
                               column=label(self.kind, fld, lang), value="",
                               expected=t(f"io.col.{self.kind}.{fld}", lang=lang)))
        return out


def importable(kind: str) -> tuple[str, ...]:
    return tuple(f for f in FIELDS[kind] if f not in DERIVED[kind])


def label(kind: str, fld: str, lang: str | None = None) -> str:
    """The header an export writes for ``fld`` (catalogue ``io.col.<kind>.<field>``)."""
    from tracker.i18n import catalog, t

    key = f"io.col.{kind}.{fld}"
    return t(key, lang=lang) if key in catalog() else fld


def labels(kind: str, fields: tuple[str, ...] | list[str], lang: str | None = None) -> list[str]:
    return [label(kind, f, lang) for f in fields]


def map_headers(headers: list[str], kind: str, *, provided: set[str] | frozenset[str] = frozenset()
                ) -> ColumnMap:
    """Map one table's headers to ``kind``'s fields.  ``provided``: required fields the caller
    supplies otherwise (e.g. ``--directive`` for a sheet of one directive's tasks)."""
    if kind not in KINDS:
        raise ValueError(kind)
    cmap = ColumnMap(kind)
    seen: dict[str, list[str]] = {}
    for h in headers:
        if not h or not str(h).strip():
            continue
        fld = field_for(h, kind)
        if fld is None:
            cmap.unknown.append(h)
        elif fld in DERIVED[kind]:
            cmap.ignored.append(h)
        else:
            seen.setdefault(fld, []).append(h)
    for fld, hs in seen.items():
        cmap.fields[hs[0]] = fld
        if len(hs) > 1:
            cmap.duplicates[fld] = hs
    cmap.missing = [f for f in REQUIRED[kind] if f not in seen and f not in provided]
    if kind == "tasks" and cmap.missing and ("id" in seen or "key" in seen):
        cmap.update_only, cmap.missing = cmap.missing, []
    return cmap


def detect_kind(headers: list[str]) -> str | None:
    """tasks | directives | units from a table's headers, or None when none fits.

    Each kind scores the headers it recognises less those it does not; the best score wins,
    then a kind with all its required columns (a task sheet that only updates by id or key
    after one that can add), then tasks before directives before units (a task sheet also
    carries its directive's columns).  A kind must recognise two headers."""
    def score(k: str):
        m = maps[k]
        known = len(m.fields) + len(m.ignored) + sum(len(v) - 1 for v in m.duplicates.values())
        return (known - len(m.unknown), not m.missing, not m.update_only, -KINDS.index(k)), known

    maps = {k: map_headers(headers, k) for k in KINDS}
    best = max(KINDS, key=lambda k: score(k)[0])
    return best if score(best)[1] >= 2 else None


def header_score(cells: list[str]) -> int:
    """How header-like a row is: the most cells any one kind recognises (used to find the
    header row under a sheet's title rows)."""
    cells = [c for c in cells if c]
    if not cells:
        return 0
    best = 0
    for k in KINDS:
        n = sum(1 for c in cells if len(c) <= 80 and field_for(c, k) is not None)
        best = max(best, n)
    return best


_FILLER_WORDS = {"va", "cua", "cac", "cho", "and", "of", "the"}  # (shared, they say nothing)


def suggest_header(header: str, kind: str) -> str | None:
    """The field an unknown header most likely meant, if any is close."""
    import difflib

    key = header_key(header)
    table = _table(kind)
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.75)
    if close:
        return table[close[0]]
    # a known header with words added or left out ("Ghi chú thêm", "Chủ trì"): the
    # longest known header inside what was written, or what was written inside one
    inside = [k for k in table if len(k) >= 4 and (k in key or (len(key) >= 4 and key in k))]
    if inside:
        return table[max(inside, key=len)]
    # a looser likeness only with a word in common: "Cán bộ theo dõi" is 0.6 like "Văn bản chỉ
    # đạo" letter by letter, and no one meant it
    words = set(key.split()) - _FILLER_WORDS
    close = [k for k in difflib.get_close_matches(key, list(table), n=3, cutoff=0.6) if words & set(k.split())]
    return table[close[0]] if close else None
