"""Matching what people write to the unit register (DESIGN §6: one unit-name matcher).

In order, first hit wins:

1. exact code, name or alias (``how`` = 'code' | 'name' | 'alias');
2. the same without diacritics or case (``'folded'``);
3. the same after the usual abbreviations are read (``'abbrev'``): ``Phòng TC-KH`` for
   ``Phòng Tài chính - Kế hoạch``, ``UBND`` for ``Ủy ban nhân dân``, ``TP`` for ``thành
   phố``, ``&`` for ``và``, ``P.5``/``Phường 05`` for ``Phường 5``, with or without the
   ``UBND`` in front of a ward, the initials of a name (``CATP``);
4. group phrases — ``UBND các phường``, ``các đơn vị liên quan``, ``các phòng, ban,
   ngành`` — are never forced onto one unit (``is_group``);
5. close matches with a score (a name containing what was typed, or similar spelling); one
   strong match (≥ 0.8) is taken (``'close'``), several are left as ``candidates``.

``split_units`` cuts a cell that lists several units into one name each.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.domain.text import fold, nfc


STRONG = 0.8  # a close match this good is taken when it is the only one


@dataclass(frozen=True)
class UnitEntry:
    id: int
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    active: bool = True  # (inactive: a ward merged away — still found, its history kept)


@dataclass
class UnitMatch:
    query: str
    unit: UnitEntry | None = None
    how: str = ""  # 'code' | 'name' | 'alias' | 'folded' | 'abbrev' | 'close' | ''
    candidates: list[tuple[UnitEntry, float]] = field(default_factory=list)
    is_group: bool = False
    group: str = ""  # for a group: 'wards' | 'departments' | 'related' | 'all'

    @property
    def ambiguous(self) -> bool:
        """Several names match well: the verdict of ``domain.rules.unit_verdict`` (the one
        verdict every way in gives)."""
        from tracker.domain.rules import AMBIGUOUS, unit_verdict

        return unit_verdict(self) == AMBIGUOUS

    @property
    def words(self) -> tuple[str, dict]:
        """(catalogue key, fields): one sentence for the user once the edge says it — how
        it matched, or why it did not."""
        if self.is_group:
            return "unit.match.group", {"text": self.query}
        names = ", ".join(f"{u.code} ({u.name})" for u, _s in self.candidates)
        if self.unit is not None:
            score = next((s for u, s in self.candidates if u == self.unit), 1.0)
            return f"unit.match.{self.how}", {"score": f"{score:.2f}"}
        if self.ambiguous:
            return "unit.match.ambiguous", {"text": self.query, "candidates": names}
        if self.candidates:
            return "unit.match.suggest", {"text": self.query, "candidates": names}
        return "unit.match.none", {"text": self.query}


# --------------------------------------------------------------------------- normal forms

# Long forms (folded) -> the short form people write.  Applied to both sides.
_SHORT = [
    ("uy ban mat tran to quoc viet nam", "ubmttqvn"),
    ("mat tran to quoc viet nam", "mttqvn"),
    ("uy ban mat tran to quoc", "ubmttq"),
    ("mat tran to quoc", "mttq"),
    ("hoi dong nhan dan", "hdnd"),
    ("uy ban nhan dan", "ubnd"),
    ("thanh pho", "tp"),
    ("quan ly du an", "qlda"),
    ("dau tu xay dung", "dtxd"),
    ("viet nam", "vn"),
]
_SHORTS = {short for _long, short in _SHORT}
_UNIT_TYPES = ("van phong", "ban quan ly", "ban chi huy", "trung tam", "chi cuc", "chi nhanh",
               "phong", "ban", "doi", "hoi", "truong", "cong an", "ubnd", "thanh tra", "so")
_PUNCT = re.compile(r"[^\w\s]+")
_ZEROS = re.compile(r"\b0+(\d)")
_NUMBER = re.compile(r"\d+")
_WARD_SHORT = re.compile(r"\b(p|x|q)\s*\.?\s*(?=\d)|\b(p|x|q)\s*\.\s*(?=\w)")
_WARD_WORD = {"p": "phuong", "x": "xa", "q": "quan"}


_NOTE = re.compile(r"\s*\(([^()]{1,40})\)\s*$")  # a last "(…)"
_ROLE_NOTES = {"chu tri", "phoi hop", "ct", "ph", "chu tri thuc hien", "phoi hop thuc hien",
               "thuong truc", "tham muu", "chu tri, tham muu", "don vi chu tri", "don vi phoi hop"}


def _norm(text: str) -> str:
    """Folded, punctuation to spaces, '&' read as 'và', short forms for the long ones,
    P.5 → phuong 5, leading zeros dropped."""
    f = fold(text).replace("&", " va ")
    f = _WARD_SHORT.sub(lambda m: _WARD_WORD[(m.group(1) or m.group(2))] + " ", f)
    f = _PUNCT.sub(" ", f)
    f = " ".join(f.split())
    for long, short in _SHORT:
        f = re.sub(rf"\b{long}\b", short, f)
    f = _ZEROS.sub(r"\1", f)
    return " ".join(f.split())


def _compact(normed: str) -> str:
    return normed.replace(" ", "")


def _without_ubnd(normed: str) -> str:
    return normed[5:] if normed.startswith("ubnd ") else normed


def _initials(words: list[str]) -> str:
    return "".join(w if (w in _SHORTS or w.isdigit()) else w[0] for w in words if w != "va")


def _plain_keys(normed: str) -> set[str]:
    """The whole name run together, with and without a leading UBND and without 'và'
    (Phòng TN&MT → phongtnmt)."""
    return {_compact(normed), _compact(_without_ubnd(normed)),
            "".join(w for w in _without_ubnd(normed).split() if w != "va")}


def _keys(text: str) -> set[str]:
    """The compact forms a name can be written in."""
    n = _norm(text)
    if not n:
        return set()
    keys = _plain_keys(n)
    words = n.split()
    for prefix in _UNIT_TYPES:
        pw = prefix.split()
        if words[:len(pw)] == pw and len(words) > len(pw):
            body = words[len(pw):]
            if len(body) >= 2:
                keys.add("".join(pw) + _initials(body))  # Phòng TC-KH
                keys.add(_initials(pw) + _initials(body))  # PTCKH
            break
    if len(words) >= 2:
        init = _initials(words)
        if len(init) >= 3:
            keys.add(init)  # CATP
    return {k for k in keys if k}


def _type_word(normed: str) -> str:
    """The kind of unit a normal form starts with ('phong', 'trung tam', 'ubnd'…), or ''."""
    for prefix in _UNIT_TYPES:
        if normed == prefix or normed.startswith(prefix + " "):
            return prefix
    return ""


@dataclass(frozen=True)
class _Indexed:
    unit: UnitEntry
    folded: frozenset[str]
    keys: frozenset[str]
    close: tuple[str, ...]


class UnitIndex:
    """The register prepared once for many look-ups (importers match thousands of cells)."""

    def __init__(self, units) -> None:
        self.units = list(units)
        self._items = [
            _Indexed(
                u,
                frozenset(fold(x) for x in (u.code, u.name, *u.aliases) if x),
                frozenset(k for x in (u.code, u.name, *u.aliases) for k in _keys(x)),
                tuple(dict.fromkeys(_norm(x) for x in (u.name, u.code, *u.aliases) if x)),
            )
            for u in self.units
        ]

    def match(self, text: str, limit: int = 5) -> UnitMatch:
        query = nfc(text)
        result = UnitMatch(query=query)
        if not query:
            return result
        note = _NOTE.search(query)
        if note and note.start() and fold(note.group(1)).strip() in _ROLE_NOTES:
            # "Phòng TC-KH (chủ trì)", "Phòng QLĐT (phối hợp)": the unit's part, said beside
            # its name in a sheet's cell — the name before it is what is matched
            query = query[:note.start()]
        for attr, how in (("code", "code"), ("name", "name")):
            for u in self.units:
                if getattr(u, attr) == query:
                    result.unit, result.how = u, how
                    return result
        for u in self.units:
            if query in u.aliases:
                result.unit, result.how = u, "alias"
                return result
        fq = fold(query)
        hits = [i.unit for i in self._items if fq in i.folded]
        if self._take(result, hits, "folded", limit):
            return result
        nq = _norm(query)
        hits = self._abbrev(nq)
        if not hits and nq.endswith(" tp") and " " in nq[:-3]:
            # "… thành phố" after a unit's name says whose it is, the city's: "Trung tâm PTQĐ
            # thành phố" is the Trung tâm PTQĐ (a name ending with it matched above)
            hits = self._abbrev(nq[:-3])
        if self._take(result, hits, "abbrev", limit):
            return result
        parts = split_units(query)
        if len(parts) > 1:
            # "Phòng TC-KH; Phòng QLĐT": several units, no name a close guess may take as one
            named = list(dict.fromkeys(u for u in (self.match(p, limit).unit for p in parts) if u))
            if len(named) > 1:
                result.candidates = [(u, 1.0) for u in named[:limit]]
                return result
        group = group_of(query)
        if group:
            # "các phòng, ban" is a group — but "BQL các chợ" is the one unit named with
            # "các" ("Ban Quản lý các chợ", "BQL chợ"): its words without the group word
            bare = _bare(nq).split()
            named = [i.unit for i in self._items if any(_GROUP_WORDS.search(f) for f in i.folded)
                     and any(_shortens(bare, _bare(k).split()) for k in i.close)]
            if len(named) == 1:
                result.unit, result.how = named[0], "close"
            else:
                result.is_group, result.group = True, group
            return result
        scored: list[tuple[UnitEntry, float]] = []
        kind = _type_word(nq)
        numbers = set(_NUMBER.findall(nq))
        same_kind: set[int] = set()
        for item in self._items:
            best = 0.0
            for k in item.close:
                if not k:
                    continue
                # one name within the other, word for word — a name, not a code: "TP" (the
                # Phòng Tư pháp's code) is no part of "Phòng Tài chính - Kế hoạch thành phố"
                score = difflib.SequenceMatcher(None, nq, k).ratio()
                if f" {nq} " in f" {k} " or (" " in k and f" {k} " in f" {nq} "):
                    score = max(score, 0.8 + 0.2 * min(len(nq), len(k)) / max(len(nq), len(k)))
                k_kind = _type_word(k)
                if kind and k_kind and not (kind.startswith(k_kind) or k_kind.startswith(kind)):
                    # "Sở Tài nguyên và Môi trường" is not the Phòng of that name, "Trung tâm Y
                    # tế" not the Phòng Y tế: another kind of unit is a suggestion at most
                    score *= STRONG - 0.01
                if numbers and numbers != set(_NUMBER.findall(k)):
                    # "Phường 6" is not Phường 5 misspelt, nor "P.NV": a number typed says
                    # which unit (ward 5, school no. 2) — a name without it is a suggestion
                    # at most, never taken nor one of "several"
                    score *= STRONG - 0.01
                best = max(best, score)
            if kind and _type_word(item.close[0]) == kind:
                # "Phòng Ma" asks for a department: the units of the type typed are the ones
                # to suggest (not "Phường 5"), yet none is taken on that alone
                best = max(best, min(STRONG - 0.01, 0.6 + 0.2 * best))
                same_kind.add(item.unit.id)
            if best >= 0.5:
                scored.append((item.unit, round(best, 3)))
        if same_kind and not any(s >= STRONG for _u, s in scored):
            scored = [p for p in scored if p[0].id in same_kind]
        scored.sort(key=lambda p: -p[1])
        result.candidates = scored[:limit]
        strong = [c for c in scored if c[1] >= STRONG]
        if len(strong) == 1:
            result.unit, result.how = strong[0][0], "close"
        return result

    def _abbrev(self, nq: str) -> list[UnitEntry]:
        """The units a normal form names once the usual abbreviations are read: by the
        whole name run together first, else by any of its compact forms (``_keys``)."""
        exact_keys = _plain_keys(nq)
        hits = [i.unit for i in self._items if exact_keys & i.keys]
        if not hits:
            qkeys = _keys(nq)
            hits = [i.unit for i in self._items if qkeys & i.keys]
        return hits

    @staticmethod
    def _take(result: UnitMatch, hits: list[UnitEntry], how: str, limit: int) -> bool:
        if len(hits) == 1:
            result.unit, result.how = hits[0], how
            return True
        if len(hits) > 1:
            result.candidates = [(u, 1.0) for u in hits[:limit]]
            return True
        return False


@lru_cache(maxsize=8)
def _index(units: tuple[UnitEntry, ...]) -> UnitIndex:
    return UnitIndex(units)


def match_unit(text: str, units, limit: int = 5) -> UnitMatch:
    """Match ``text`` to one of ``units`` (see the module's notes for the order)."""
    return _index(tuple(units)).match(text, limit=limit)


# --------------------------------------------------------------------------- groups

# ("mọi" folds as "môi" does: "Sở Tài nguyên và Môi trường" is one unit, not "every …")
_GROUP_WORDS = re.compile(r"\b(?:cac|nhung|toan bo|tat ca|moi(?! truong)|thanh vien)\b")


def group_of(text: str) -> str:
    """'' for a single unit, else what kind of group the words name."""
    f = fold(text)
    if not (_GROUP_WORDS.search(f) or "lien quan" in f):
        return ""
    if re.search(r"\b(?:phuong|xa|thi tran)\b", f):
        return "wards"
    if "lien quan" in f:
        return "related"
    if re.search(r"\b(?:phong|ban|nganh|co quan|so)\b", f):
        return "departments"
    return "all"


def _bare(normed: str) -> str:
    """A normal form without its group words ('bql cac cho' → 'bql cho')."""
    return " ".join(_GROUP_WORDS.sub(" ", normed).split())


def _shortens(words: list[str], name: list[str]) -> bool:
    """Whether ``words`` write ``name`` word by word, a run of its words as their initials
    allowed ('bql cho', 'ban ql cho' → 'ban quan ly cho')."""
    i = 0
    for w in words:
        if i < len(name) and name[i] == w:
            i += 1
        elif len(w) > 1 and "".join(x[0] for x in name[i:i + len(w)]) == w:
            i += len(w)
        else:
            return False
    return i == len(name)


def is_group_phrase(text: str) -> bool:
    return bool(group_of(text))


# --------------------------------------------------------------------------- cells

_GROUP_START = re.compile(r"(?:cac|nhung|toan bo|tat ca)\b")
_SEPARATORS = re.compile(r"[,;\n\r]+")
_BULLET = re.compile(r"^\s*(?:[-+•*–]+|\d{1,2}[.)]|[a-zđ][.)])\s+", re.IGNORECASE)
_AND_UNIT = re.compile(
    r"\s+và\s+(?=(?:Phòng|Ban|Trung tâm|Công an|Đội|Chi cục|Chi nhánh|Hội|Trường|Văn phòng|"
    r"Phường|Xã|Thanh tra|Kho bạc|Bảo hiểm|Liên đoàn|Thành đoàn)\b)")


def split_units(cell: str | None) -> list[str]:
    """The unit names in a cell that lists several, separated by ``,`` ``;`` new lines (or
    ``và`` before a capitalised unit word: ``Phòng Nội vụ và Phòng Tư pháp``).  A piece that
    starts in lower case continues the one before (``các phòng, ban, ngành``), and a group
    phrase keeps its commas.  Bullets and numbering are dropped, duplicates kept once."""
    if not cell:
        return []
    pieces: list[str] = []
    for raw in _SEPARATORS.split(str(cell).replace("\u2028", "\n")):
        piece = _BULLET.sub("", nfc(raw)).strip(" .;:")
        if not piece:
            continue
        if (pieces and (piece[0].islower() or piece.isdigit()) and is_group_phrase(pieces[-1])
                and not _GROUP_START.match(fold(piece))):
            pieces[-1] = f"{pieces[-1]}, {piece}"
            continue
        pieces.extend(p.strip() for p in _AND_UNIT.split(piece) if p.strip())
    out: list[str] = []
    seen: set[str] = set()
    for p in pieces:
        k = fold(p)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def normal_form(text: str) -> str:
    """The form names are compared in (folded, short forms for the long ones): shared with
    the issuer and leader registers (``domain.namematch``)."""
    return _norm(text)
