"""Citations of other documents in running text (DESIGN §2).

``find_citations`` finds phrases like ``Nghị quyết số 31/2019/NQ-HĐND ngày 06/12/2019 của
HĐND tỉnh``, ``Kết luận số 320-KL/TU ngày 04/12/2019 của Tỉnh ủy``, ``Nghị quyết 06/2013/NQ-HĐND
của HĐND tỉnh`` or ``Quyết định số 28 của UBND tỉnh`` and returns, for each, the document type,
number, date and issuer the text gives, and the exact span in the text as given.

A citation is a document type in words (Nghị quyết, Kết luận, Kế hoạch, Công văn, …) followed
by a number: a full number-symbol (``số`` optional), or a bare number after ``số``.  A few
words may stand between the type and ``số`` (``Chương trình công tác toàn khóa số
04-CTr/TU``).  A mention without a number (``các Nghị quyết của Thành ủy``) is not a citation.
In ``Nghị quyết số 42 và Quyết định số 15 của Chính phủ`` the issuer is shared.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from tracker.domain.docnumbers import (
    DATE_PATTERN,
    DocNumber,
    DocNumberError,
    date_from_match,
    parse_number,
    symbol_pattern,
)
from tracker.domain.text import fold, fold_map, nfc

# Document types in words (folded) -> type code (None: Công văn, văn bản, laws).
# Longer phrases first so "thông báo kết luận" wins over "thông báo".
TYPE_WORDS: dict[str, str | None] = {
    "nghi quyet lien tich": "NQLT",
    "thong tu lien tich": "TTLT",
    "chuong trinh hanh dong": "CTr",
    "thong bao ket luan": "TB",
    "nghi quyet": "NQ",
    "nghi dinh": "NĐ",
    "quyet dinh": "QĐ",
    "chi thi": "CT",
    "quy che": "QC",
    "quy dinh": "QyĐ",
    "thong tu": "TT",
    "thong cao": "TC",
    "thong bao": "TB",
    "ket luan": "KL",
    "huong dan": "HD",
    "chuong trinh": "CTr",
    "ke hoach": "KH",
    "phuong an": "PA",
    "de an": "ĐA",
    "du an": "DA",
    "bao cao": "BC",
    "bien ban": "BB",
    "to trinh": "TTr",
    "hop dong": "HĐ",
    "cong dien": "CĐ",
    "ban ghi nho": "BGN",
    "ban thoa thuan": "BTT",
    "giay moi": "GM",
    "giay uy quyen": "GUQ",
    "giay gioi thieu": "GGT",
    "cong van": None,
    "van ban": None,
    "bo luat": None,
    "luat": None,
    "phap lenh": None,
}
_TYPE_ALT = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in TYPE_WORDS)
_SYMBOL = symbol_pattern(spaced=False)
_CITE = re.compile(
    rf"\b(?P<tw>{_TYPE_ALT})\b"
    rf"(?:(?P<mid>(?:\s+[^\W\d][\w]*){{0,6}}?)\s+so\s*:?\s*(?P<num>{_SYMBOL}|\d{{1,6}}(?![\w/%.,]\d)(?![\w/]))"
    rf"|\s+(?:so\s*:?\s*)?(?P<sym>{_SYMBOL}))")
_TYPE_RE = re.compile(rf"\b(?:{_TYPE_ALT})\b")
_DATE = re.compile(rf"\s*,?\s*(?:(?:ban\s+hanh|ky)\s+)?ngay\s+{DATE_PATTERN}")
_OF = re.compile(r"\s*,?\s*cua\s+")
# where an issuer's name ends
_STOP_WORDS = ("ve", "theo", "trong", "den", "tai", "nham", "de", "tu", "ngay", "so", "voi",
               "ma", "thi", "duoc", "tren", "cho", "dat", "la", "va", "ban", "tiep", "quy",
               "gom", "do", "khi", "sau", "truoc", "nay", "kem", "thuc", "trien", "tham")
_MAX_ISSUER_WORDS = 12


@dataclass(frozen=True)
class Citation:
    type_code: str | None  # 'NQ', 'KL', 'QĐ', 'CTHĐ' (from the symbol when it has one)
    type_words: str  # the type as written: 'Nghị quyết', 'Chương trình hành động'
    number_text: str  # as written: '31/2019/NQ-HĐND', '28'
    number: DocNumber | None  # parsed when the text gives a number-symbol
    date: dt.date | None
    issuer: str | None  # as written: 'HĐND tỉnh', 'BTV Tỉnh ủy'
    start: int  # the span in the text as given: text[start:end] == self.text
    end: int
    text: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def issuer_code(self) -> str | None:
        return self.number.issuer_code if self.number else None

    @property
    def words(self) -> tuple[str, dict]:
        """(catalogue key, fields) saying the citation — 'Kết luận số 320-KL/TU ngày
        04/12/2019 của Tỉnh ủy' once the edge says it — with what the text said."""
        from tracker.domain.dates import format_date

        number = self.number.canonical if self.number else self.number_text
        if self.date and self.issuer:
            return "citation.issued", {"type": self.type_words, "number": number,
                                       "date": format_date(self.date), "issuer": self.issuer}
        return "citation.found", {"type": self.type_words, "number": number}


def distinct_citations(citations: list[Citation]) -> list[Citation]:
    """Each document cited once, where it is first cited (a report names the same resolution
    again and again): the same type, number — or, without one, the same words — and issuer,
    on the same date where both give one.  A later mention that gives the date the first one
    left out stands in its place."""
    out: list[Citation] = []
    seen: dict[tuple, list[int]] = {}
    for c in citations:
        number = c.number.canonical if c.number else fold(c.number_text)
        places = seen.setdefault((fold(c.type_words), number, fold(c.issuer or "")), [])
        # (the same number of two years, each dated, is two documents)
        at = next((i for i in places if None in (out[i].date, c.date) or out[i].date == c.date), None)
        if at is None:
            places.append(len(out))
            out.append(c)
        elif out[at].date is None and c.date is not None:
            out[at] = c
    return out


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in order.  Spans index ``text`` as given (NFC or NFD)."""
    if not text:
        return []
    folded, where = fold_map(text)

    def orig(a: int, b: int) -> tuple[int, int]:
        start, end = where[a], where[b - 1] + 1
        # a span ends after the marks that belong to its last letter (NFD input)
        while end < len(text) and (unicodedata.combining(text[end]) or not fold(text[end])
                                   and not text[end].isspace()):
            end += 1
        return start, end

    def cut(a: int, b: int) -> str:
        s, e = orig(a, b)
        return nfc(text[s:e])

    found: list[dict] = []
    pos = 0
    while True:
        m = _CITE.search(folded, pos)
        if not m:
            break
        mid = m.group("mid") or ""
        inner = _TYPE_RE.search(mid)
        if inner:  # another type word stands between: the citation starts there
            pos = m.start("mid") + inner.start()
            continue
        num_group = "num" if m.group("num") else "sym"
        number_text = cut(m.start(num_group), m.end(num_group))
        try:
            number = parse_number(number_text)
        except DocNumberError:
            number = None
        end = m.end()
        date = None
        issuer = None
        issuer_span = None
        dated = False
        for _ in range(2):
            if not dated:
                d = _DATE.match(folded, end)
                if d:
                    dated = True
                    end = d.end()
                    try:
                        date = date_from_match(d)
                    except ValueError:  # 31/02: no date, but the words are the citation's
                        date = None
                    continue
            if issuer is None:
                o = _OF.match(folded, end)
                if o:
                    iss_end = _issuer_end(text, folded, where, o.end())
                    if iss_end > o.end():
                        issuer_span = (o.end(), iss_end)
                        issuer = cut(o.end(), iss_end)
                        end = iss_end
                        continue
            break
        tw = re.sub(r"\s+", " ", m.group("tw"))
        code = number.type_code if number and number.type_code else TYPE_WORDS[tw]
        found.append(dict(type_code=code, type_words=cut(m.start("tw"), m.end("tw")),
                          number_text=number_text, number=number, date=date, issuer=issuer,
                          a=m.start(), b=end, issuer_span=issuer_span))
        pos = end
    # "Nghị quyết số 42 và Quyết định số 15 của Chính phủ": the issuer is shared
    for prev, nxt in zip(found, found[1:]):
        if prev["issuer"] is None and prev["date"] is None and nxt["issuer"]:
            between = folded[prev["b"]: nxt["a"]]
            if re.fullmatch(r"\s*(?:va|,)\s*", between):
                prev["issuer"] = nxt["issuer"]
    out = []
    for c in found:
        start, end = orig(c["a"], c["b"])
        out.append(Citation(type_code=c["type_code"], type_words=c["type_words"],
                            number_text=c["number_text"], number=c["number"], date=c["date"],
                            issuer=c["issuer"], start=start, end=end, text=text[start:end]))
    return out


def _issuer_end(text: str, folded: str, where: list[int], start: int) -> int:
    """Where the issuer that starts at ``start`` (folded index) ends: before punctuation, a
    linking word (về, theo, …), another citation, or after a few words.  'và' ends it unless
    a capitalised name that is not a document type follows (Bộ Tài nguyên và Môi trường)."""
    end = start
    words = 0
    tokens = list(re.finditer(r"\S+", folded[start:start + 200]))
    for i, w in enumerate(tokens):
        a = start + w.start()
        token = w.group()
        bare = token.rstrip(",;.:!?)\"”'")
        if not bare or not bare[0].isalnum() or _TYPE_RE.match(folded, a):
            break
        if bare == "va" and bare == token and i + 1 < len(tokens):
            b = start + tokens[i + 1].start()
            if not _TYPE_RE.match(folded, b) and text[where[b]].isupper():
                continue
        if bare in _STOP_WORDS and not text[where[a]].isupper():
            break  # a capitalised one is part of a name: Bộ Tài nguyên, Ban Tuyên giáo
        words += 1
        end = a + len(bare)
        if bare != token or words >= _MAX_ISSUER_WORDS:
            break
    return end
