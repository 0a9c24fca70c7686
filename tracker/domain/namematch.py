"""Matching typed issuer and leader names to their registers (``services.names``).

Names are matched like units (the same folding, short forms and alias look-up as
``domain.unitmatch``, whose index this reuses), and the verdict is one of:

- ``found``: the register's name, an alias, the same without diacritics or case, a short
  form (``ubnd thanh pho`` is ``UBND thành phố``), or words that are part of exactly one
  known name, in its order (``pct hoang`` and ``PCT Lợi`` are ``PCT Hoàng Văn Lợi``);
- ``ambiguous``: words that are part of several known names (``UBND``);
- ``close``: a new spelling close to a known one (a likely misspelling: ``Thàng ủy``, or
  ``PCT Hoàng Văn Long`` next to ``PCT Hoàng Văn Lợi``), or a known name with more words
  after it (``UBND thành phố Đông Hà``) — asked about, never taken silently;
- ``new``: unlike any known name: simply added.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from tracker.domain.text import fold, nfc
from tracker.domain.unitmatch import UnitEntry, UnitIndex, normal_form

FOUND, AMBIGUOUS, CLOSE, NEW = "found", "ambiguous", "close", "new"
NEAR = 0.8  # a spelling this similar to a known name is a likely misspelling of it


@dataclass(frozen=True)
class NameEntry:
    id: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class NameMatch:
    query: str
    verdict: str = NEW
    entry: NameEntry | None = None
    how: str = ""  # for found: 'name' | 'alias' | 'folded' | 'abbrev' | 'part'
    candidates: list[tuple[NameEntry, float]] = field(default_factory=list)
    # close as a known name with more words after it ("UBND tỉnh Quảng Trị"), not as a
    # misspelling: an import keeps it as a new name and says so, where it refuses a misspelling
    extends: bool = False

    @property
    def closest(self) -> str:
        return ", ".join(e.name for e, _s in self.candidates)


def _forms(entry: NameEntry) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for x in (entry.name, *entry.aliases) if x
                               for f in (normal_form(x), fold(x)) if f))


class NameIndex:
    """A register prepared once for many look-ups (an import asks thousands of cells)."""

    def __init__(self, entries) -> None:
        self.entries = list(entries)
        self._by_id = {e.id: e for e in self.entries}
        self._units = UnitIndex([UnitEntry(e.id, e.name, e.name, e.aliases) for e in self.entries])
        self._forms = [(e, _forms(e)) for e in self.entries]

    def match(self, text: str, limit: int = 3) -> NameMatch:
        query = " ".join(nfc(text or "").split())
        result = NameMatch(query=query)
        if not query or not self.entries:
            return result
        m = self._units.match(query, limit=limit)
        if m.unit is not None and m.how != "close" and (m.how != "abbrev" or self._short(query, m.unit.id)):
            result.verdict, result.entry = FOUND, self._by_id[m.unit.id]
            result.how = "name" if m.how in ("code", "name") else m.how
            return result
        if m.unit is None and len(m.candidates) > 1 and all(s == 1.0 for _u, s in m.candidates):
            result.verdict = AMBIGUOUS  # several names fold or abbreviate alike
            result.candidates = [(self._by_id[u.id], 1.0) for u, _s in m.candidates]
            return result
        wanted = {normal_form(query), fold(query)} - {""}
        part_of = [e for e, forms in self._forms
                   if any(_words_within(w, f) for w in wanted for f in forms)]
        if len(part_of) == 1:
            result.verdict, result.entry, result.how = FOUND, part_of[0], "part"
            return result
        if part_of:
            result.verdict = AMBIGUOUS
            result.candidates = [(e, 1.0) for e in part_of[:limit]]
            return result
        # a known name and more words — "UBND thành phố Đông Hà", "UBND tỉnh Quảng Trị", as a
        # document's header names the office itself: likely the same issuer, its place said —
        # asked, never split off silently (nor taken: another city's too); the longest known
        # name it starts with first
        starts = [(max((len(f) for w in wanted for f in forms if w.startswith(f + " ")), default=0), e)
                  for e, forms in self._forms]
        extends = [e for n, e in sorted(starts, key=lambda p: -p[0]) if n]
        if extends:
            result.verdict, result.extends = CLOSE, True
            result.candidates = [(e, NEAR) for e in extends[:limit]]
            return result
        scored = []
        for entry, forms in self._forms:
            best = max(difflib.SequenceMatcher(None, w, f).ratio() for w in wanted for f in forms)
            if best >= NEAR:
                scored.append((entry, round(best, 3)))
        if scored:
            scored.sort(key=lambda p: -p[1])
            result.verdict, result.candidates = CLOSE, scored[:limit]
        return result


    def _short(self, query: str, entry_id: int) -> bool:
        """An abbreviation is taken as typed as one (an acronym: ``TTg``) or as the same
        words in their short forms (``Ủy ban nhân dân TP``) — never by initials alone, which
        two people's names share (Hoàng Văn Lợi, Hoàng Văn Long)."""
        if " " not in query.strip():
            return True
        entry = self._by_id[entry_id]
        compact = normal_form(query).replace(" ", "")
        return any(normal_form(x).replace(" ", "") == compact for x in (entry.name, *entry.aliases))


def _words_within(part: str, whole: str) -> bool:
    """Every word of ``part`` is a word of ``whole``, in the same order: ``pct hoang`` and
    ``pct loi`` are within ``pct hoang van loi`` (a leader is named by title and given name:
    "PCT Lợi"), ``pct long`` and ``loi van`` are not."""
    words = iter(whole.split())
    return all(any(w == x for x in words) for w in part.split())
