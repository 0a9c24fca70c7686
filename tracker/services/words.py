"""The words a clerk types for a task's status or timeliness, or a unit's kind, read into
their keys; and a task's deadline and days left in few words, for a narrow column.

One reader for every way in: an import's cells (``Đã hoàn thành``, ``x``; ``UBND phường``),
the filters of ``task list`` and ``export`` (``--status "đang thực hiện"``, ``--timeliness
"quá hạn"``), ``unit add/edit --kind "phường"``, ``report summary --by/--basis`` and
``names --kind``.  A word is read without marks or case (``fold``); the keys themselves
(``open_overdue``) and the words the lists and reports show, in either language, are read
too, so what a clerk sees in a column is what they can type back.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from tracker.domain import status as S
from tracker.domain.dates import format_date
from tracker.domain.text import fold

STATUS_WORDS: dict[str, str] = {
    w: status
    for status, words in {
        S.DONE: ("done", "da hoan thanh", "hoan thanh", "xong", "da xong", "completed", "complete",
                 "hoan thanh dung han", "hoan thanh qua han", "done_on_time", "done_late", "x"),
        S.OPEN: ("open", "dang thuc hien", "chua thuc hien", "chua hoan thanh", "dang trien khai",
                 "trong han", "qua han", "chua hoan thanh trong han", "chua hoan thanh qua han",
                 "open_on_time", "open_overdue", "dang lam", "in progress", "todo"),
        S.CANCELLED: ("cancelled", "canceled", "huy", "da huy", "khong thuc hien", "dung thuc hien",
                      "bai bo", "cancel"),
    }.items()
    for w in words
}
STATUS_EXPECTED = "Đang thực hiện / Đã hoàn thành / Không thực hiện (open / done / cancelled)"

UNIT_KIND_WORDS: dict[str, str] = {
    w: kind
    for kind, words in {
        "department": ("department", "phong chuyen mon", "phong ban", "co quan chuyen mon", "phong",
                       "chuyen mon"),
        "service": ("service", "don vi su nghiep", "su nghiep", "trung tam", "ban", "service unit"),
        "ward": ("ward", "ubnd phuong", "phuong", "ubnd xa", "xa", "phuong xa"),
        "other": ("other", "co quan khac", "khac", "nganh doc", "co quan nganh doc", "don vi khac"),
    }.items()
    for w in words
}

# words for a timeliness beyond the catalogue's own (``timeliness.*``): "trễ" for "quá"
_TIMELINESS_EXTRA = {
    "xong tre han": S.DONE_LATE, "hoan thanh tre han": S.DONE_LATE, "tre han": S.DONE_LATE,
    "huy": S.CANCELLED_KEY, "khong thoi han": S.NO_DEADLINE, "ongoing": S.NO_DEADLINE,
}
_NOT_WORD = re.compile(r"[^\w ]+")


def _plain(text: str) -> str:
    """A typed or shown word without marks, case, symbols (✖, /) or runs of spaces."""
    return " ".join(_NOT_WORD.sub(" ", fold(text).replace("_", " ")).split())


_AMOUNT = re.compile(r"\([^)]*\)|\d+(?:[.,]\d+)?\s*%?")


def read_status(text: str) -> str | None:
    """A status's key from what was typed (None: not a status) — a department's "Đã hoàn
    thành 100%" or "Đang thực hiện (80%)" too: the amount said beside it is no part of it."""
    return (STATUS_WORDS.get(fold(text)) or STATUS_WORDS.get(_plain(text))
            or STATUS_WORDS.get(_plain(_AMOUNT.sub(" ", fold(text)))))


def read_unit_kind(text: str) -> str | None:
    """A unit kind's key from what was typed ("phường", "Phòng ban", "ward"); None: not one."""
    return UNIT_KIND_WORDS.get(fold(text)) or UNIT_KIND_WORDS.get(_plain(text))


def unit_kind_choices() -> str:
    from tracker.i18n import _
    from tracker.services.units import KINDS

    return ", ".join(f"{_(f'unit.kind.{k}')} ({k})" for k in KINDS)


@functools.cache
def _words(keys: tuple[str, ...], labels: tuple[str, ...], extra: tuple[tuple[str, str], ...] = ()
           ) -> dict[str, str]:
    """Typed words → key for a set of choices: each key, the catalogue's words for it in
    either language (``labels``: catalogue keys with ``{key}``), then ``extra`` words."""
    from tracker.i18n import LANGS, t

    words = {_plain(k): k for k in keys}
    for key in keys:
        for lang in LANGS:
            for label in labels:
                words.setdefault(_plain(t(label.format(key=key), lang=lang)), key)
    for word, key in extra:
        words.setdefault(word, key)
    return words


def _chosen(text: str, keys: tuple[str, ...], labels: tuple[str, ...], extra, error: str) -> str:
    """The key ``text`` names among ``keys`` (``_words``); a UsageError ``error`` naming the
    choices, each as its words (the first label) and its key, otherwise."""
    key = _words(keys, labels, tuple(extra.items())).get(_plain(text))
    if key is None:
        from tracker.i18n import _
        from tracker.services.errors import UsageError

        raise UsageError(error, value=text, keys=", ".join(
            f"{_(labels[0].format(key=k))} ({k})" for k in keys))
    return key


# words for a choice beyond the catalogue's own: a summary's breakdown (``--by``), a period's
# basis (``--basis``), a names register (``--kind``) — the short ones a clerk types
_BY_EXTRA = {"don vi": "unit", "chu tri": "unit", "co quan": "issuer", "noi ban hanh": "issuer",
             "van ban": "directive", "lanh dao": "leader", "nhom": "group", "thang": "month"}
_BASIS_EXTRA = {"ngay giao": "assigned", "giao": "assigned", "ngay van ban": "assigned",
                "ngay van ban giao": "assigned", "thoi han": "deadline", "han": "deadline"}
_NAME_KIND_EXTRA = {"co quan": "issuer", "noi ban hanh": "issuer", "lanh dao": "leader"}


def read_grouping(text: str) -> str:
    """A summary's breakdown from its key or words ("lãnh đạo", "Đơn vị chủ trì", "month")."""
    from tracker.reports.data import BY_CHOICES

    return _chosen(text, BY_CHOICES, ("report.by.{key}",), _BY_EXTRA, "report.error.bad_by")


def read_basis(text: str) -> str:
    """A period's basis from its key or words ("ngày giao", "theo thời hạn")."""
    from tracker.domain.periods import BASES

    return _chosen(text, BASES, ("period.basis_short.{key}",), _BASIS_EXTRA, "report.error.bad_basis")


def read_name_kind(text: str) -> str:
    """Which names register from its key or words ("lãnh đạo", "cơ quan ban hành")."""
    from tracker.services.names import KINDS

    return _chosen(text, KINDS, ("names.kind.{key}",), _NAME_KIND_EXTRA, "names.bad_kind")


def read_timeliness(text: str) -> str | None:
    """A timeliness's key from what was typed — the key, or the words a list shows for it
    ("quá hạn", "Xong quá hạn", "overdue") — None when it names none."""
    return _words(S.TIMELINESS, ("timeliness.{key}", "timeliness.short.{key}"),
                  tuple(_TIMELINESS_EXTRA.items())).get(_plain(text))


def timeliness_choices() -> str:
    """The choices, as an error names them: each one's short words and its key."""
    from tracker.i18n import _

    return ", ".join(f"{_plain_label(_(f'timeliness.short.{k}'))} ({k})" for k in S.TIMELINESS)


def status_choices() -> str:
    from tracker.i18n import _

    words = ((_(f"export.status.{k}"), k) for k in S.STATUSES)
    return ", ".join(word if word == k else f"{word} ({k})" for word, k in words)


def _plain_label(label: str) -> str:
    """A shown label without its leading symbol ("✖ Quá hạn" → "Quá hạn")."""
    return label.split(" ", 1)[1] if " " in label and not label[0].isalnum() else label


# --------------------------------------------------------------------------- a task in few words
# (a narrow column: the app's task list, `task list` on an 80-column terminal)


def days_short(task, today: dt.date) -> str:
    """'còn 3' / 'quá 12' / 'hôm nay' for an open task with a deadline; blank otherwise."""
    from tracker.i18n import _

    if task.status != S.OPEN or task.deadline_effective is None:
        return ""
    left = (task.deadline_effective - today).days
    if left == 0:
        return _("days.short.today")
    if left > 0:
        return _("days.short.left", n=left)
    return _("days.short.late", n=-left)


def deadline_short(task) -> str:
    """The deadline as written; when it falls on a day off, also the day it is met by
    ("22/05→24/05"), the one the days count from; an ongoing task's word."""
    from tracker.i18n import _

    if task.deadline is None:
        return _("word.ongoing")
    effective = task.deadline_effective
    if effective and effective != task.deadline:
        return f"{task.deadline:%d/%m}→{effective:%d/%m}"
    return format_date(task.deadline)


def as_written(text: str, day: dt.date | None) -> str:
    """A deadline as written, with the date it means when the words are not that date
    ("Quý II/2020 (30/06/2020)", "tháng 7 (31/07/2021)"); an ongoing task's word.  For a
    task's original deadline and its extensions, in the app's detail and `task show`."""
    from tracker.i18n import _

    if not day:
        return text or _("word.ongoing")
    if not text or text == format_date(day):
        return format_date(day)
    return f"{text} ({format_date(day)})"
