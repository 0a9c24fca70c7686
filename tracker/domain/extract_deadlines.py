"""Deadlines in a directive's words (issue 16): the first deadline a task's words give after a
cue word (``trước``, ``hoàn thành``, ``trong``, ``hằng tháng``…), and a task table's deadline
cell — each as written and as a date, read by the one deadline parser (``domain.deadlines``),
relative ones counted from the document's date on the working-day calendar, recurring ones
kept with the day they give (``domain.recurrence``).  Used by ``extract_tasks`` and
``extract_tables``."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.domain.calendar import WorkCalendar
from tracker.domain.deadlines import DeadlineError, parse_deadline
from tracker.domain.recurrence import RecurrenceError, read_recurrence
from tracker.domain.text import fold_map, nfc

_CUE = re.compile(
    r"\b(?:hoan thanh|xong|truoc|cham nhat|han chot|thoi han|thoi gian hoan thanh|trong vong"
    r"|trong thoi han|trong|den het|vao|thuong xuyen|hang nam|hang quy|hang thang|hang tuan"
    r"|dinh ky|tu nay den)\b")


# a deadline's date that is none (31/02, month 13, Quý V): the words kept and said, so the
# task is refused until the clerk corrects them (it was recorded as ongoing work)
_NO_SUCH_DAY = ("deadline.impossible_date", "deadline.bad_month", "deadline.bad_quarter", "deadline.bad_year")
_DATE_LIKE = re.compile(r"\d{1,2}\s*[/\-.]\s*\d{1,2}(?:\s*[/\-.]\s*\d{2,5})?"
                        r"|\b(?:tháng|quý|năm)\s+[\dIVXivx]+(?:\s*[/\-.]\s*\d{2,5})?", re.IGNORECASE)


@dataclass
class FoundDeadline:
    text: str = ""
    date: dt.date | None = None
    kind: str = ""
    start: int = -1
    problem: tuple[str, dict] | None = None


def find_deadline(text: str, ref: dt.date | None, cal: WorkCalendar | None) -> FoundDeadline:
    """The first deadline a task's words give after a cue word, as written and as a date."""
    folded, where = fold_map(text)
    cues = list(_CUE.finditer(folded))
    for i, m in enumerate(cues):
        a = where[m.start()]
        snippet = text[a:a + 90]
        snippet = re.split(r"[;]|\.\s|\.$", snippet)[0]
        try:
            d = parse_deadline(snippet, ref_date=ref, calendar=cal)
        except DeadlineError as exc:
            if exc.reason in ("deadline.needs_ref_date", "deadline.needs_year") and ref is None:
                # counted from a date the document does not give: the words are kept (the
                # directive it is recorded under gives the date), cut where a date would end
                try:
                    d = parse_deadline(snippet, ref_date=dt.date(2000, 1, 3), calendar=cal)
                except DeadlineError:
                    continue
                at = snippet.find(d.phrase) if d.phrase else -1
                if at < 0 or at > 40:
                    continue
                written = snippet[: at + len(d.phrase)].strip(" ,")
                return FoundDeadline(written, None, "", a, ("extract.deadline_no_date", {"text": written}))
            if exc.reason in _NO_SUCH_DAY:  # "trước ngày 31/02/2021": said, not lost
                bad = _DATE_LIKE.search(snippet)
                if bad is not None and bad.start() <= 40:
                    written = snippet[:bad.end()].strip(" ,")
                    return FoundDeadline(written, None, "", a, ("extract.deadline_unreadable",
                                                                {"text": written, "reason": exc.reason}))
            continue
        phrase_at = snippet.find(d.phrase) if d.phrase else -1
        if phrase_at < 0 or phrase_at > 40 or _words_between(text, where, m, cues[i + 1:], a + phrase_at):
            continue
        written = snippet[: phrase_at + len(d.phrase)].strip(" ,")
        if d.kind == "ongoing":
            written = _rhythm_words(snippet, written)
        elif d.kind == "exact" and not _YEAR_WRITTEN.search(written):
            rhythm = _dates_of_a_rhythm(text[:a], snippet, written)
            if rhythm is not None:
                return FoundDeadline(rhythm, None, "ongoing", a)
        return FoundDeadline(written, d.date, d.kind, a)
    return FoundDeadline()


def _rhythm_words(snippet: str, written: str) -> str:
    """A recurring deadline's words with the day they give: "hằng tháng" is read as ongoing
    by the deadline parser, but "hằng tháng, trước ngày 20" is a duty due on the 20th — the
    fewest of the snippet's words the recurrence reader reads as the whole snippet's rule."""
    def rule(words: str):
        try:
            r = read_recurrence(words)
        except RecurrenceError:
            return None
        return None if r is None else (r.frequency, r.dates)

    whole = rule(snippet)
    if whole is None or rule(written) == whole:
        return written
    for m in re.finditer(r"\S+", snippet):
        if m.end() > len(written):
            part = snippet[:m.end()].rstrip(" ,.;:")
            if rule(part) == whole:
                return part
    return written


_YEAR_WRITTEN = re.compile(r"\d\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{2,4}|\bn[aă]m\s+\d{4}")
_HALVES_BEFORE = re.compile(r"(?:(?:định kỳ|hằng|hàng)\s+)?(?:6|sáu)\s+tháng\s*,?\s*$", re.IGNORECASE)


def _dates_of_a_rhythm(before: str, snippet: str, written: str) -> str | None:
    """A day and month without a year that a rhythm's words go with — "trước ngày 15/12
    hằng năm", "trước ngày 15/6 và 15/12 hằng năm", "6 tháng, trước ngày 15/6 và 15/12": the
    duty's words (read by ``domain.recurrence``), or None when the date is a one-off."""
    lead = _HALVES_BEFORE.search(before)
    prefix = before[lead.start():] if lead else ""
    words = list(re.finditer(r"\S+", snippet[len(written):]))[:5]
    for end in [0, *(m.end() for m in words)]:
        part = (prefix + snippet[:len(written) + end]).rstrip(" ,.;:")
        try:
            rule = read_recurrence(part)
        except RecurrenceError:
            continue
        if rule is not None and rule.dates and all(day > 0 for _m, day in rule.dates):
            return part
    return None


def _words_between(text: str, where, cue, later, phrase_at: int) -> bool:
    """Whether the task's own words stand between a cue and the deadline it reads, where a
    nearer cue starts: in "hoàn thành kiểm kê đất công trước ngày 30/7" the deadline is
    "trước ngày 30/7", not the task's words with it ("hoàn thành trước ngày 30/7" is one)."""
    end = where[cue.end() - 1] + 1
    for n in later:
        at = where[n.start()]
        if at > phrase_at:
            return False
        if re.search(r"\w", text[end:at]):
            return True
        end = where[n.end() - 1] + 1  # ("hoàn thành xong trước": cue words, none the task's)
    return False


def read_deadline_cell(cell: str, ref: dt.date | None, cal: WorkCalendar | None) -> FoundDeadline:
    words = nfc(cell)
    if not words:
        return FoundDeadline()
    try:
        d = parse_deadline(words, ref_date=ref, calendar=cal)
    except DeadlineError as exc:
        return FoundDeadline(words, None, "", 0, ("extract.deadline_unreadable",
                                        {"text": words, "reason": exc.reason}))
    return FoundDeadline(words, d.date, d.kind, 0)
