"""Document numbers and symbols (số, ký hiệu) and document headers (DESIGN §2).

Three systems write them differently:

* state administrative documents (Decree 30/2020/NĐ-CP, Phụ lục III): ``302/BC-UBND`` —
  number / type code - issuer code; a Công văn has no type code: ``123/UBND-KT`` —
  number / issuer - drafting unit;
* legal normative documents add the year: ``31/2019/NQ-HĐND``, ``30/2020/NĐ-CP``,
  ``59/2020/QH14`` (a law: no type code);
* Party documents (Hướng dẫn 36-HD/VPTW) put a dash after the number: ``320-KL/TU``,
  ``09-CTHD/TU``, ``2927-TB/TU``.

``parse_number`` reads one into a ``DocNumber``; ``normalise_number`` gives the form the
store matches numbers in (``Số:`` dropped, no spaces, codes in their official case with
``Đ`` restored where it cannot be anything else, number without leading zeros).  State
numbers restart every year and Party numbers every term, so a document is identified by
its number *and* issuer *and* date — the key alone is not an identity.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.domain.text import fold, fold_map, nfc
from tracker.errors import TrackerError

STATE, LEGAL, PARTY = "state", "legal", "party"

# Decree 30/2020/NĐ-CP, Phụ lục III: code -> (Vietnamese name, English name)
STATE_TYPES: dict[str, tuple[str, str]] = {
    "NQ": ("Nghị quyết", "Resolution"),
    "QĐ": ("Quyết định", "Decision"),
    "CT": ("Chỉ thị", "Directive"),
    "QC": ("Quy chế", "Rules"),
    "QyĐ": ("Quy định", "Regulation"),
    "TC": ("Thông cáo", "Communiqué"),
    "TB": ("Thông báo", "Notice"),
    "HD": ("Hướng dẫn", "Guidance"),
    "CTr": ("Chương trình", "Programme"),
    "KH": ("Kế hoạch", "Plan"),
    "PA": ("Phương án", "Option plan"),
    "ĐA": ("Đề án", "Scheme"),
    "DA": ("Dự án", "Project"),
    "BC": ("Báo cáo", "Report"),
    "BB": ("Biên bản", "Minutes"),
    "TTr": ("Tờ trình", "Submission"),
    "HĐ": ("Hợp đồng", "Contract"),
    "CĐ": ("Công điện", "Official telegram"),
    "BGN": ("Bản ghi nhớ", "Memorandum of understanding"),
    "BTT": ("Bản thỏa thuận", "Agreement"),
    "GUQ": ("Giấy ủy quyền", "Power of attorney"),
    "GM": ("Giấy mời", "Invitation"),
    "GGT": ("Giấy giới thiệu", "Letter of introduction"),
    "GNP": ("Giấy nghỉ phép", "Leave permit"),
    "PG": ("Phiếu gửi", "Dispatch slip"),
    "PC": ("Phiếu chuyển", "Transfer slip"),
    "PB": ("Phiếu báo", "Notification slip"),
}
# Legal normative documents (Law on Promulgation of Legal Documents) that carry a code.
LEGAL_TYPES: dict[str, tuple[str, str]] = {
    "NĐ": ("Nghị định", "Decree"),
    "TT": ("Thông tư", "Circular"),
    "TTLT": ("Thông tư liên tịch", "Joint circular"),
    "NQLT": ("Nghị quyết liên tịch", "Joint resolution"),
}
# Party documents (Hướng dẫn 36-HD/VPTW) add these to the state codes.
PARTY_TYPES: dict[str, tuple[str, str]] = {
    "KL": ("Kết luận", "Conclusion"),
    "CV": ("Công văn", "Official letter"),
    "CTHĐ": ("Chương trình hành động", "Action programme"),
}
CONG_VAN = ("Công văn", "Official letter")  # a state Công văn has no type code
TYPE_NAMES: dict[str, tuple[str, str]] = {**STATE_TYPES, **LEGAL_TYPES, **PARTY_TYPES}

# ASCII form (Đ→D, upper case) -> the official codes it may stand for
_BY_ASCII: dict[str, list[str]] = {}
for _code in TYPE_NAMES:
    _BY_ASCII.setdefault(fold(_code).upper(), []).append(_code)

# a type's name, read without marks or case ('Kết luận', 'conclusion') -> its code; a Công
# văn's is '' (a state one carries no code), a "Thông báo kết luận" is a Thông báo
_BY_NAME: dict[str, str] = {fold(name): code for code, names in TYPE_NAMES.items() for name in names}
_BY_NAME.update({fold(name): "" for name in CONG_VAN})
_BY_NAME[fold("Thông báo kết luận")] = "TB"

# Issuer codes whose official spelling differs from plain upper case or lost its Đ.
_ISSUERS = {
    "HDND": "HĐND", "TTHDND": "TTHĐND", "TTG": "TTg", "BCD": "BCĐ", "DU": "ĐU", "DUK": "ĐUK",
    "DTN": "ĐTN", "DDBQH": "ĐĐBQH", "BDT": "BĐT",
}


class DocNumberError(TrackerError, ValueError):
    """A number-symbol that cannot be read; ``reason`` (= ``key``) is a ``docnum.*``
    catalogue key whose message quotes ``text``."""

    def __init__(self, text: str, reason: str = "docnum.unreadable"):
        super().__init__(reason, text=text)
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class DocNumber:
    number: str  # digits as written (leading zeros kept), maybe a letter suffix: '302', '02', '45a'
    type_code: str | None  # official case: 'BC', 'QĐ', 'CTr', 'KL'; None for a Công văn or a law
    issuer_code: str | None  # 'UBND', 'HĐND', 'TU', 'CP', 'QH14'
    year: int | None = None  # legal documents only
    drafter: str | None = None  # the drafting unit after the issuer: 'KT' in 123/UBND-KT
    system: str = STATE  # 'state' | 'legal' | 'party'
    text: str = ""  # as given (NFC)

    @property
    def canonical(self) -> str:
        return self._format(self.number)

    @property
    def key(self) -> str:
        """The matching form: ``canonical`` with the number's leading zeros dropped."""
        digits = self.number.lstrip("0")
        return self._format(digits if digits and digits[0].isdigit() else "0" + digits)

    def _format(self, number: str) -> str:
        tail = "-".join(p for p in (self.issuer_code, self.drafter) if p)
        if self.system == PARTY:
            return f"{number}-{self.type_code}/{tail}"
        head = f"{number}/{self.year}/" if self.year else f"{number}/"
        return head + "-".join(p for p in (self.type_code, tail) if p)

    def type_name(self, lang: str = "vi") -> str:
        """The document type in words: 'Báo cáo', 'Kết luận', 'Công văn', …"""
        names = TYPE_NAMES.get(self.type_code or "")
        if names is None:
            if self.type_code is None and self.system != LEGAL:
                names = CONG_VAN
            else:
                return self.type_code or ""
        return names[0] if lang == "vi" else names[1]

    def __str__(self) -> str:
        return self.canonical


# --------------------------------------------------------------------------- parsing

_PREFIX = re.compile(r"^\s*(?:s[oố]|no|n°|number)\s*[:.]?\s*", re.IGNORECASE)
_SPACED = re.compile(r"\s*([/\-])\s*")
_CODE = r"[^\W\d_][\w&]*(?:\.[^\W_][\w&]*)*"
_PARTY_RE = re.compile(rf"^(?P<num>\d{{1,6}}[^\W\d_]?)-(?P<type>{_CODE})/(?P<rest>{_CODE}(?:-{_CODE})*)$")
_STATE_RE = re.compile(
    rf"^(?P<num>\d{{1,6}}[^\W\d_]?)/(?:(?P<year>\d{{1,5}})/)?(?P<rest>{_CODE}(?:-{_CODE})*)$")
_BARE_NUMBER = re.compile(r"^\d{1,6}[^\W\d_]?$")


def _canon_type(code: str) -> str:
    options = _BY_ASCII.get(fold(code).upper())
    if not options:
        return code.upper()
    if len(options) == 1:
        return options[0]
    for option in options:  # HD/HĐ, DA/ĐA: as written decides
        if option.upper() == code.upper():
            return option
    return next((o for o in options if "Đ" not in o), options[0])


def known_type_code(code: str | None) -> str | None:
    """The official spelling of a document-type code (``kl`` → ``KL``, ``QD`` → ``QĐ``) or of
    the code a type's name stands for (``Kết luận`` → ``KL``), '' for none (a Công văn), or
    None when it is neither Decree 30's nor the Party's."""
    code = nfc(code or "").strip()
    if not code:
        return ""
    canon = _canon_type(code)
    if canon in TYPE_NAMES:
        return canon
    return _BY_NAME.get(" ".join(fold(code).split()))


def _canon_issuer(code: str) -> str:
    parts = []
    for part in code.split("."):
        up = part.upper()
        parts.append(_ISSUERS.get(fold(up).upper(), up))
    return ".".join(parts)


def _is_type(code: str) -> bool:
    return fold(code).upper() in _BY_ASCII


def parse_number(text: str) -> DocNumber:
    """Read a number-symbol: ``302/BC-UBND``, ``Số: 302 /BC-UBND``, ``31/2019/NQ-HĐND``,
    ``123/UBND-KT``, ``320-KL/TU``.  Raises ``DocNumberError`` (``docnum.empty``,
    ``docnum.no_symbol`` for a bare number, ``docnum.bad_year``, ``docnum.unreadable``)."""
    written = nfc(text)
    body = _PREFIX.sub("", written).strip().strip(".,;:()")
    body = _SPACED.sub(r"\1", body)
    if not body:
        raise DocNumberError(written, "docnum.empty")
    if _BARE_NUMBER.match(body):
        raise DocNumberError(written, "docnum.no_symbol")
    m = _PARTY_RE.match(body)
    if m:
        rest = m.group("rest").split("-")
        return DocNumber(number=m.group("num").upper(), type_code=_canon_type(m.group("type")),
                         issuer_code=_canon_issuer(rest[0]),
                         drafter="-".join(p.upper() for p in rest[1:]) or None,
                         system=PARTY, text=written)
    m = _STATE_RE.match(body)
    if not m:
        raise DocNumberError(written, "docnum.unreadable")
    year = None
    if m.group("year"):
        if len(m.group("year")) != 4 or not 1900 <= int(m.group("year")) <= 2200:
            raise DocNumberError(written, "docnum.bad_year")
        year = int(m.group("year"))
    parts = m.group("rest").split("-")
    if _is_type(parts[0]):
        type_code = _canon_type(parts[0])
        issuer = _canon_issuer(parts[1]) if len(parts) > 1 else None
        drafter = parts[2:]
    else:
        type_code, issuer, drafter = None, _canon_issuer(parts[0]), parts[1:]
    return DocNumber(number=m.group("num").upper(), type_code=type_code, issuer_code=issuer,
                     year=year, drafter="-".join(p.upper() for p in drafter) or None,
                     system=LEGAL if year else STATE, text=written)


def type_of_number(number: str) -> str:
    """The document type a number names ('45/TB-UBND' → 'TB'); '' when it names none (a Công
    văn's '46/UBND-VP') or cannot be read — the type of a directive added without one."""
    try:
        return parse_number(number).type_code or ""
    except (DocNumberError, ValueError):
        return ""


def written_number(text: str | None) -> str:
    """A directive's number as the register keeps it: without a ``Số:`` before it or spaces
    around ``/`` and ``-``, a number-symbol in its canonical spelling (``DocNumber.canonical``:
    the codes as Decree 30 writes them — ``' số 130 / kh-ubnd'`` → ``'130/KH-UBND'``,
    ``'02/ctr-ubnd'`` → ``'02/CTr-UBND'``; ``'02-NQ/TU'`` keeps its zero).  Text that is no
    number-symbol keeps its letters as written."""
    written = nfc(text)
    body = _PREFIX.sub("", written)
    if not body[:1].isdigit():  # ('No…' of a name, not 'No. 12')
        body = written
    body = _SPACED.sub(r"\1", body.strip())
    try:
        return parse_number(body).canonical
    except DocNumberError:
        return body


def normalise_number(text: str | None) -> str:
    """The form directive numbers are matched in: ``' số 302 / bc-ubnd '`` →
    ``'302/BC-UBND'``, ``'02-NQ/TU'`` → ``'2-NQ/TU'``, ``'31/2019/NQ-HDND'`` →
    ``'31/2019/NQ-HĐND'``.  Never raises: text that is not a number-symbol comes back
    without its ``Số:`` prefix and spaces around ``/`` and ``-``, in upper case."""
    written = nfc(text)
    if not written:
        return ""
    try:
        return parse_number(written).key
    except DocNumberError:
        body = _SPACED.sub(r"\1", _PREFIX.sub("", written).strip())
        if _BARE_NUMBER.match(body):
            return body.lstrip("0") or "0"
        return body.upper()


def type_name(code: str | None, lang: str = "vi") -> str:
    """The name of a type code ('BC' → 'Báo cáo'); '' for an unknown one; None → Công văn."""
    if code is None:
        names = CONG_VAN
    else:
        names = TYPE_NAMES.get(_canon_type(code))
        if names is None:
            return ""
    return names[0] if lang == "vi" else names[1]


# --------------------------------------------------------------------------- symbols in text

def symbol_pattern(spaced: bool = False) -> str:
    """A regex (over folded text) for a number-symbol inside running text.  ``spaced``
    allows spaces around ``/`` as in ``Số: 302 /BC-UBND``."""
    sl = r"\s?/\s?" if spaced else r"/"
    code = r"[a-z][a-z0-9&]*(?:\.[a-z0-9]+)*"
    return (rf"\d{{1,6}}[a-z]?(?:{sl}(?:\d{{4}}{sl})?{code}(?:-{code})*"
            rf"|-{code}{sl}{code}(?:-{code})*)(?![\w/])")


_SYMBOL_SPACED = re.compile(symbol_pattern(spaced=True))
_DATE_WORDS = r"(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s*,?\s+nam\s+(?P<y>\d{4})"
_DATE_NUM = r"(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<y2>\d{4})"
DATE_PATTERN = rf"(?:{_DATE_WORDS}|{_DATE_NUM})"
_HEADER_NUMBER = re.compile(r"(?:^|\s)so\s*[:.]?\s*(?=\d)")
_HEADER_DATE = re.compile(rf"(?P<place>[^\W\d][^,;:\d]{{0,40}}?)\s*,\s*ngay\s+{DATE_PATTERN}")
_BOILERPLATE = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc",
                "dang cong san viet nam")


def _before_motto(line: str, folded: str, where: list[int]) -> str:
    """A header line without the national (or the Party's) motto: the whole line when it has
    none, the issuer's part before it when laid out beside it, '' when it is the motto."""
    at = min((i for i in (folded.find(b) for b in _BOILERPLATE) if i >= 0), default=-1)
    if at < 0:
        return line
    return line[:where[at]].strip() if at > 0 else ""


def date_from_match(m: re.Match) -> dt.date:
    """The date of a ``DATE_PATTERN`` match; ValueError when it does not exist."""
    g = m.groupdict()
    d, mo, y = (g.get("d") or g.get("d2"), g.get("m") or g.get("m2"), g.get("y") or g.get("y2"))
    return dt.date(int(y), int(mo), int(d))


@dataclass(frozen=True)
class DocHeader:
    """What the top of a document says about itself."""

    number: DocNumber | None = None
    number_text: str = ""  # as written after 'Số:'
    place: str | None = None  # 'Đông Hà'
    date: dt.date | None = None
    issuer: str | None = None  # the upper-case lines above the number: 'UBND THÀNH PHỐ ĐÔNG HÀ'
    type_name: str | None = None  # 'BÁO CÁO' as written
    summary: str | None = None  # trích yếu: the line after the type, or after 'V/v'
    problems: tuple[tuple[str, str], ...] = ()  # (catalogue key, text)


def parse_header(text: str, max_lines: int = 40) -> DocHeader:
    """Read the number (``Số: 302 /BC-UBND``), place and date (``Đông Hà, ngày 04 tháng 12 năm
    2020``), issuer, type and summary from the first lines of a document.  What is missing
    stays None; what is there but wrong is listed in ``problems``."""
    lines = [nfc(line) for line in (text or "").splitlines()]
    lines = [line for line in lines if line][:max_lines]
    number = None
    number_text = ""
    place = date = issuer = type_word = summary = None
    problems: list[tuple[str, str]] = []
    issuer_lines: list[str] = []
    number_at = type_at = None
    for i, line in enumerate(lines):
        folded, where = fold_map(line)
        date_from = 0  # on the number's line the place and date come after the number
        if number_at is None:
            m = _HEADER_NUMBER.search(folded)
            if m:
                s = _SYMBOL_SPACED.match(folded, m.end())
                if s:
                    number_text = line[where[s.start()]: where[s.end() - 1] + 1]
                    number_at = i
                    date_from = s.end()
                    try:
                        number = parse_number(number_text)
                    except DocNumberError as exc:
                        problems.append((exc.reason, number_text))
        if date is None:
            m = _HEADER_DATE.search(folded, date_from)
            if m and (i <= (number_at or 0) + 3):
                written = line[where[m.start()]: where[m.end() - 1] + 1]
                place = line[where[m.start("place")]: where[m.end("place") - 1] + 1].strip()
                try:
                    date = date_from_match(m)
                except ValueError:
                    problems.append(("docnum.header_date", written))
                continue
        # (a header copied side by side has the motto on the issuer's lines: "ỦY BAN NHÂN DÂN
        # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "THÀNH PHỐ ĐÔNG HÀ Độc lập - Tự do - Hạnh phúc")
        left = _before_motto(line, folded, where) if number_at is None else line
        if number_at is None and left.upper() == left and any(c.isalpha() for c in left):
            if left:
                issuer_lines.append(left)
            continue
        if number_at is not None and type_at is None and i > number_at:
            if folded.startswith("v/v"):
                summary = line[3:].strip(" :.")
                type_at = i
                continue
            if line.upper() == line and _type_of_words(folded):
                type_word, type_at = line, i
                continue
        if type_at is not None and summary is None and i == type_at + 1:
            summary = line
    if issuer_lines:
        issuer = " ".join(issuer_lines)
    return DocHeader(number=number, number_text=number_text, place=place, date=date,
                     issuer=issuer, type_name=type_word, summary=summary,
                     problems=tuple(problems))


def _type_of_words(folded: str) -> str | None:
    for code, (vi, _en) in TYPE_NAMES.items():
        if folded == fold(vi):
            return code
    return None
