"""Matching what people write to the unit register (DESIGN §6: one unit-name matcher).

Exact code/name/alias first, then diacritic- and case-insensitive, then close matches with
a score.  Group phrases ("các phường", "các đơn vị liên quan") are never forced onto one
unit.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from tracker.domain.text import fold


@dataclass(frozen=True)
class UnitEntry:
    id: int
    code: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class UnitMatch:
    query: str
    unit: UnitEntry | None = None
    how: str = ""  # 'code' | 'name' | 'alias' | 'folded' | 'close' | ''
    candidates: list[tuple[UnitEntry, float]] = field(default_factory=list)
    is_group: bool = False

    @property
    def ambiguous(self) -> bool:
        return self.unit is None and len(self.candidates) > 1 and not self.is_group


_GROUP_PREFIXES = ("cac ", "nhung ", "toan bo ", "tat ca ")


def is_group_phrase(text: str) -> bool:
    f = fold(text)
    return f.startswith(_GROUP_PREFIXES) or "lien quan" in f


def match_unit(text: str, units: list[UnitEntry], limit: int = 5) -> UnitMatch:
    query = (text or "").strip()
    result = UnitMatch(query=query)
    if not query:
        return result
    if is_group_phrase(query):
        result.is_group = True
        return result
    for u in units:
        if query == u.code:
            result.unit, result.how = u, "code"
            return result
    for u in units:
        if query == u.name:
            result.unit, result.how = u, "name"
            return result
    for u in units:
        if query in u.aliases:
            result.unit, result.how = u, "alias"
            return result
    fq = fold(query)
    hits = [u for u in units
            if fq == fold(u.code) or fq == fold(u.name) or fq in {fold(a) for a in u.aliases}]
    if len(hits) == 1:
        result.unit, result.how = hits[0], "folded"
        return result
    if len(hits) > 1:
        result.candidates = [(u, 1.0) for u in hits[:limit]]
        return result
    # close matches: prefix/substring of the name, else similarity ratio
    scored: list[tuple[UnitEntry, float]] = []
    for u in units:
        keys = [fold(u.name), fold(u.code), *(fold(a) for a in u.aliases)]
        best = 0.0
        for k in keys:
            if not k:
                continue
            if fq in k or k in fq:
                best = max(best, 0.8 + 0.2 * min(len(fq), len(k)) / max(len(fq), len(k)))
            best = max(best, difflib.SequenceMatcher(None, fq, k).ratio())
        if best >= 0.5:
            scored.append((u, round(best, 3)))
    scored.sort(key=lambda p: -p[1])
    result.candidates = scored[:limit]
    substring_hits = [c for c in scored if c[1] >= 0.8]
    if len(substring_hits) == 1:
        result.unit, result.how = substring_hits[0][0], "close"
    return result
