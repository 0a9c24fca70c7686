"""Tasks in a directive's running text (issue 16); the reader is ``domain.extract.extract``.

Tasks are found in the forms real documents use:

* ``Giao <unit> chủ trì, phối hợp với <units> <action>…; hoàn thành trước ngày …``;
* ``Yêu cầu / Đề nghị / Chỉ đạo <unit> <action>…`` (``Chủ tịch UBND các phường`` is read as
  ``UBND các phường``: the office, not the person);
* ``<unit>: <action>…`` and ``<unit> chủ trì, phối hợp với …`` / ``<unit> phải …`` /
  ``<unit> có trách nhiệm …`` at the start of a clause (after ``Trong đó,``, ``Cùng với
  đó,`` … too);
* under a line ending ``yêu cầu:`` / ``giao:`` / ``như sau:``, a paragraph or item that opens
  with a unit and an action (``- Các ngành tiếp tục …``), until the next numbered topic;
* ``<content> do <unit> chủ trì`` in a list (a deadline after the list applies to each);
* numbered and lettered items (``1.``, ``1.1``, ``a)``, ``-``, ``+``) under a unit heading;
* task tables (STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
  Sản phẩm), see ``extract_tables``.

A unit phrase ends where the action starts: at a lower-case action word (``nghiên cứu``,
``rà soát``…) — in a unit's own name those words are capitalised (``Sở Xây dựng``, ``Phòng
Quản lý đô thị``) — or at ``:`` ``;`` ``.``.  A task's deadline is read from the words after a cue
(``domain.extract_deadlines``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.domain.extract import ProposedTask, Source
from tracker.domain.extract_deadlines import find_deadline
from tracker.domain.text import fold, fold_map
from tracker.domain.unitmatch import split_units

# --------------------------------------------------------------------------- words

# Words that start a unit's name (folded).
UNIT_START = (
    "so", "phong", "ban", "ubnd", "uy ban", "cong an", "trung tam", "van phong", "thanh tra",
    "bo", "chi cuc", "chi nhanh", "doi", "kho bac", "hoi", "lien doan", "thanh doan",
    "huyen doan", "quan doan", "doan", "truong", "benh vien", "cuc", "tong cuc", "vien",
    "ngan hang", "bao hiem", "cac", "toan the", "tat ca", "thu truong", "giam doc",
    "chu tich", "truong phong", "truong ban", "chanh van phong", "chanh thanh tra",
    "nguoi dung dau", "co quan", "don vi", "dia phuong", "hdnd", "mttq", "ub mttq",
    "quan", "huyen", "thi xa", "phuong", "xa", "thi tran", "tinh", "thanh pho", "tp",
    "cong ty", "tong cong ty", "ban quan ly", "ban chi huy", "bch", "bqlda", "bql",
    "nhnn", "ngan hang nha nuoc", "tand", "vksnd", "toa an", "vien kiem sat",
    "cac bo", "cac so", "chinh quyen", "lanh dao",
)
_TITLES = re.compile(
    r"^(?:(?:dong chi|d/c|ong|ba)\s+)?(?:thu truong|giam doc|pho giam doc|chu tich|pho chu tich"
    r"|truong phong|truong ban|chanh van phong|chanh thanh tra|nguoi dung dau|lanh dao"
    r"|bo truong|chu nhiem|cuc truong|tong giam doc)\s+(?:cac\s+)?")
# Action words that end a unit phrase when written in lower case.
_VERBS = (
    "chu tri", "phoi hop", "tham muu", "nghien cuu", "khan truong", "ra soat", "to chuc",
    "thuc hien", "kiem tra", "xay dung", "bao cao", "huong dan", "trien khai", "de xuat",
    "lap", "co trach nhiem", "chiu trach nhiem", "tiep tuc", "chi dao", "theo doi", "don doc",
    "tap trung", "hoan thanh", "hoan thien", "cap nhat", "tang cuong", "lam viec", "xu ly",
    "giai quyet", "quan tam", "chuan bi", "tong hop", "trinh", "tiep thu", "bo tri",
    "dam bao", "bao dam", "thong bao", "cung cap", "gui", "kiem diem", "lam ro", "xac minh",
    "danh gia", "tuyen truyen", "ho tro", "giam sat", "huy dong", "day nhanh", "dieu chinh",
    "thu hoi", "ban hanh", "phe duyet", "tham dinh", "du thao", "soan thao", "tiep nhan",
    "phan cong", "quan ly", "sap xep", "uu tien", "chu dong", "ket hop", "nang cao",
    "xem xet", "bo sung", "duy tri", "khao sat", "thanh lap", "nghiem tuc", "quyet liet",
    "can cu", "lam", "co y kien", "co van ban", "rut kinh nghiem", "tiep tuc", "van dong",
    "cap phat", "thanh toan", "giai ngan", "nhanh chong", "kip thoi", "dinh ky", "thuong xuyen",
    "vao cuoc", "phan cong", "de nghi", "yeu cau", "tao dieu kien", "phat huy", "thu thap",
    "hoan tat", "tien hanh", "thuc thi", "quan triet", "doi chieu", "ket luan", "thong nhat",
    "tu chuc", "lua chon", "xac dinh", "trien khai thuc hien", "tranh", "khong", "can",
    "nam bat", "tich cuc", "chuyen", "phan bo", "de ra", "dua", "lien he", "thuong truc",
    "tong ket", "so ket", "chi tra", "thong tin", "dang tai", "cuong che", "giai phong",
    "ban giao", "lay y kien", "gop y", "tham gia", "ra quan", "hop", "moi",
    "day manh", "phai", "lam chu", "that chat", "dieu hanh",
)
_VERB_RE = re.compile(r"\b(?:" + "|".join(sorted({re.escape(v).replace(r"\ ", r"\s+")
                                                   for v in _VERBS}, key=len, reverse=True))
                      + r")\b")
_UNIT_START_RE = re.compile(r"(?:" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+")
                                                      for w in UNIT_START), key=len, reverse=True))
                            + r")\b")
_GIAO = re.compile(r"(?<![\w])(?:(?:dong y\s+|thong nhat\s+)?giao\s+(?:nhiem vu\s+)?(?:cho\s+)?"
                   r"|(?:giao\s+)?trach nhiem\s+(?:cho\s+)?)(?=\S)")
_REQUEST = re.compile(r"(?<![\w])(?:yeu cau|de nghi|chi dao|dong chi\s+\w+\s+yeu cau)\s+(?=\S)")
_NARRATIVE_BEFORE = re.compile(r"(?:\bda|\bduoc|\bban|\bdang|\bse|\bcua|\bviec|\bdu toan"
                               r"|\btheo|\bnhu|\bcac)\s*$")
_CHU_TRI = re.compile(r"\s*,?\s*(?:la\s+(?:co quan|don vi)\s+)?chu tri\s*,?\s*")
_PHOI_HOP = re.compile(r"(?:va\s+)?phoi hop\s+(?:chat che\s+)?(?:voi|cung)?\s*")
_STOP_CHARS = ":;.(?!\n"
_BULLET = re.compile(r"^\s*(?:[-+•*–]+\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s*|\(?[a-zđ][.)]\s+|[IVX]{1,5}[.)]\s+)")
_HEADING_END = re.compile(r"\s*:\s*$")


@dataclass
class _Units:
    lead: str | None
    support: list[str]
    action_at: int  # where the action starts (index in the text)
    several: bool = False


def _title_less(phrase: str) -> str:
    """'Chủ tịch UBND các phường' -> 'UBND các phường' (the office, not the person)."""
    f = fold(phrase)
    m = _TITLES.match(f)
    if not m:
        return phrase
    rest_f = f[m.end():]
    # keep 'các' when the title was plural: 'Giám đốc các sở' -> 'các sở'
    keep_cac = f[m.start():m.end()].rstrip().endswith("cac")
    cut = len(phrase) - len(rest_f)
    out = phrase[cut:].strip()
    if keep_cac:
        out = phrase[m.end() - 4: m.end() - 1].strip() + " " + out
    return out.strip()


def _unit_phrase(text: str, folded: str, where: list[int], a: int) -> tuple[int, int]:
    """(end of the unit phrase, where the action starts), indexes of ``folded``, from ``a``."""
    limit = min(len(folded), a + 260)
    i = a
    while i < limit:
        ch = folded[i]
        if ch in _STOP_CHARS:
            return i, i
        if ch == "," or ch == " ":
            i += 1
            continue
        m = _VERB_RE.match(folded, i)
        if m and (i == 0 or not folded[i - 1].isalnum()):
            orig = text[where[i]] if i < len(where) else ""
            # (after "các" an action word names who: "và các tổ chức chính trị - xã hội")
            if orig.islower() and i > a and folded[max(0, i - 4):i] != "cac ":
                return i, i
        j = i
        while j < limit and (folded[j].isalnum() or folded[j] in "&/-.'’"):
            if folded[j] == "." and (j + 1 >= limit or folded[j + 1] == " "):
                break
            j += 1
        i = max(j, i + 1)
    return i, i


# a unit's first words as written, marks and all — for a heading without its colon, where
# the folded unit words would take '1. Đối tượng' (đội), '2. Quản lý …' (quận), '3. Hội nghị …'
_UNIT_HEAD = re.compile(
    r"(?:phòng|sở|ban|ubnd|hđnd|uỷ ban|ủy ban|đội|cục|chi cục|tổng cục|công an|công ty|trung tâm"
    r"|văn phòng|thanh tra|kho bạc|bệnh viện|ngân hàng|bảo hiểm|liên đoàn|thành đoàn|tòa án|toà án"
    r"|viện kiểm sát|phường|xã|thị xã|thị trấn|huyện|quận|mttq|ub mttq|bch|bql|bqlda)\s(?!\s*,)", re.I)
_NOT_UNITS = {"so", "noi nhan", "kinh gui", "dong gui", "can cu", "ngay", "trich yeu"}


def _unit_like(name: str) -> bool:
    """Two words at least ('Sở' alone is the 'Số:' of a header), or a short form in
    capitals ('CATP', 'UBND')."""
    f = fold(name).strip()
    if f in _NOT_UNITS or re.match(r"so\s*:?\s*\d", f):
        return False
    words = name.split()
    return len(words) >= 2 or (len(name) >= 3 and name.isupper())


def _clip(text: str, a: int, b: int) -> str:
    return text[a:b].strip(" ,;:-–\n")


_AND_SPLIT = re.compile(r"(?<!HĐND)(?<!ĐBQH)\s+và\s+(?=(?:[Cc]hủ tịch|[Gg]iám đốc|[Tt]hủ trưởng|Ủy ban|Uỷ ban|UBND|Sở|Bộ|"
                        r"Phòng|Ban|Trung tâm|Công an|Văn phòng|Thanh tra|Chi cục|Đội|Hội|các)\b)")


_LOWER_OK = re.compile(r"(?:cac|toan the|tat ca|nguoi dung dau|co quan|don vi|dia phuong|lanh dao"
                       r"|thu truong|giam doc|pho giam doc|chu tich|pho chu tich|truong phong"
                       r"|truong ban|chanh van phong|chanh thanh tra|bo truong|dong chi)\b")
_BARE_WARD = re.compile(r"^(?:ubnd|uy ban nhan dan)?\s*(phuong|xa)$")


def _split(words: str) -> list[str]:
    """The units in a phrase: 'và' before a unit or a title parts them; groups listed one
    after another ('các sở, ban ngành, các đơn vị trực thuộc UBND tỉnh') are one addressee;
    'UBND Phường' with no name is every ward."""
    from tracker.domain.unitmatch import is_group_phrase

    out: list[str] = []
    for part in _AND_SPLIT.split(words):
        names = split_units(part)
        merged: list[str] = []
        for n in names:
            if merged and is_group_phrase(merged[-1]) and is_group_phrase(n):
                merged[-1] = f"{merged[-1]}, {n}"
            else:
                merged.append(n)
        out.extend(merged)
    fixed = []
    for n in out:
        m = _BARE_WARD.match(fold(_title_less(n)).strip())
        fixed.append(f"UBND các {'phường' if m.group(1) == 'phuong' else 'xã'}" if m else n)
    return fixed


def _read_units(text: str, folded: str, where: list[int], a: int, *,
                capital: bool = False) -> _Units | None:
    """The lead (and the units after 'chủ trì, phối hợp với') starting at folded index ``a``."""
    if not _UNIT_START_RE.match(folded, a):
        return None
    if a < len(where) and not text[where[a]].isupper() and (
            capital or not _LOWER_OK.match(folded, a)):
        return None  # a first word in lower case is no unit ('quản lý Chương trình')
    end, action = _unit_phrase(text, folded, where, a)
    if end <= a:
        return None
    lead_words = _clip(text, where[a], where[end - 1] + 1)
    names = [_title_less(n) for n in _split(lead_words)]
    names = [n for n in names if n]
    if not names or not _unit_like(names[0]):
        return None
    lead, support = names[0], names[1:]
    leads, more, pos = _chu_tri_phoi_hop(text, folded, where, action)
    support.extend(n for n in more if n not in support)
    # (after 'chủ trì' the first named leads, the others support it)
    return _Units(lead, support, pos, len(names) > 1 and not leads)


def _chu_tri_phoi_hop(text: str, folded: str, where: list[int], pos: int) -> tuple[bool, list[str], int]:
    """What follows a lead at folded index ``pos`` — "chủ trì, phối hợp với <units>" — as
    (whether it says "chủ trì", the supporting units, where the action starts)."""
    support: list[str] = []
    m = _CHU_TRI.match(folded, pos)
    if m:
        pos = m.end()
    p = _PHOI_HOP.match(folded, pos)
    if p and (m or pos == 0 or folded[pos - 1:pos] in (" ", ",")) and _UNIT_START_RE.match(folded, p.end()):
        s_end, s_action = _unit_phrase(text, folded, where, p.end())
        if s_end > p.end():
            more = [_title_less(n) for n in _split(_clip(text, where[p.end()], where[s_end - 1] + 1))]
            support.extend(n for n in more if n and n not in support)
            pos = s_action
    return m is not None, support, pos


_PRODUCT = re.compile(r"\bsan pham\s*(?:la|:)\s*")


# --------------------------------------------------------------------------- tasks

_GENERIC = re.compile(r"^(?:(?:to chuc\s+|trien khai\s+|nghiem tuc\s+)?thuc hien|biet,? thuc hien"
                      r"|trien khai thuc hien|chiu trach nhiem thi hanh.*|thi hanh.*)\W*$")
_BOILERPLATE = re.compile(
    r"chiu trach nhiem thi hanh|can cu quyet dinh thi hanh|thi hanh quyet dinh nay"
    # a Thông báo's closing: "(Văn phòng …) thông báo để các cơ quan, đơn vị biết, thực hiện./."
    r"|^thong bao\b.{0,80}?\b(?:de|den|cho)\s+(?:cac|toan the|moi)\s+(?:co quan|don vi|nganh|dia phuong|phong)"
    r"\b.{0,80}?\bbiet\b"
    # a closing that asks everyone to carry out this very document: "Yêu cầu Thủ trưởng các cơ
    # quan, đơn vị … nghiêm túc triển khai thực hiện Chỉ thị này./."
    r"|^(?:nghiem tuc\s+|khan truong\s+)?(?:to chuc\s+|trien khai\s+)?(?:thuc hien|thi hanh)\s+(?:nghiem(?: tuc)?\s+)?"
    r"(?:chi thi|quyet dinh|ke hoach|thong bao|ket luan|nghi quyet|van ban|chuong trinh)\s+nay\W*$"
    # "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, … phản ánh về …": the way back
    r"|^trong qua trinh\s+(?:to chuc\s+)?(?:trien khai\s+)?thuc hien\W+neu co\s+(?:kho khan|vuong mac|phat sinh)")


def drop_repeats(tasks: list[ProposedTask]) -> list[ProposedTask]:
    """A closing formula ('… yêu cầu Giám đốc Sở X triển khai thực hiện') repeats a task
    already given to X: dropped."""
    out: list[ProposedTask] = []
    leads = set()
    for t in tasks:
        if _GENERIC.match(fold(t.text)) and t.lead and fold(t.lead) in leads:
            continue
        out.append(t)
        if t.lead:
            leads.add(fold(t.lead))
    return out


@dataclass
class _Start:
    at: int  # folded index of the trigger
    units: _Units
    form: str
    confidence: float
    content_end: int | None = None  # 'X do <unit> chủ trì': the content ends before 'do'
    resume: int | None = None


def _starts(text: str, folded: str, where: list[int], request: bool = False) -> list[_Start]:
    """Where tasks start in one paragraph.  ``request``: the paragraph stands under a
    'yêu cầu:' / 'giao:' / 'như sau:' line, so one that opens with a unit and an action is a
    task ('Các ngành tiếp tục …')."""
    found: list[_Start] = []
    for rx, form, conf in ((_GIAO, "giao", 0.9), (_REQUEST, "request", 0.8)):
        for m in rx.finditer(folded):
            if _NARRATIVE_BEFORE.search(folded[max(0, m.start() - 12):m.start()]):
                continue
            u = _read_units(text, folded, where, m.end())
            if u is None:
                continue
            found.append(_Start(m.start(), u, form, conf))
    # a clause that starts with a unit: '<unit>: <action>' or '<unit> chủ trì, …'
    for m in re.finditer(r"(?:^|;\s+|\.\s+|\n|,\s+(?=\S[^,;.]{0,60}?\b(?:co|chiu) trach nhiem\b))"
                         r"(?:(?:trong do|dong thoi|cung voi do|ngoai ra|theo do|sau do)\s*,\s*|(?P<rieng>rieng\s+))?", folded):
        a = m.end()
        b = _BULLET.match(folded, a)
        if b:
            a = b.end()
        if any(s.at <= a < s.units.action_at for s in found):
            continue
        u = _read_units(text, folded, where, a, capital=True)
        if u is None:
            continue
        rest = folded[u.action_at:u.action_at + 40]
        if rest.startswith(":"):
            if u.action_at + 1 >= len(folded) or not folded[u.action_at + 1:].strip():
                continue
            u.action_at += 1
            found.append(_Start(a, u, "unit_colon", 0.75))
        elif re.match(r"(?:la\s+(?:co quan|don vi)\s+)?chu tri\b|co trach nhiem\b|chiu trach nhiem\b"
                      r"|phai\b|can\s+(?!thiet)", folded[u.action_at:]) or (
                          u.support and "phoi hop" in folded[a:u.action_at]) or (
                          (request or m.group("rieng") or (b and _plain_lead(folded, a, u.action_at)))
                          and u.action_at < len(folded) and _VERB_RE.match(folded, u.action_at)):
            if u.action_at == a:
                continue
            m2 = re.match(r"(?:co|chiu) trach nhiem\s*|phai\s+", folded[u.action_at:])
            if m2:
                u.action_at += m2.end()
            found.append(_Start(a, u, "unit_lead", 0.7))
    # '<content> do <unit> chủ trì' in a list: the content is the task
    for m in re.finditer(r"\s+do\s+(?=\S)", folded):
        u = _read_units(text, folded, where, m.end(), capital=True)
        if u is None:
            continue
        e, _a = _unit_phrase(text, folded, where, m.end())
        ct = re.match(r"\s*chu tri\b", folded[e:])
        if not ct:
            continue
        sep = max(folded.rfind(":", 0, m.start()), folded.rfind(",", 0, m.start()),
                  folded.rfind(";", 0, m.start()))
        va = folded.rfind(" va ", 0, m.start())
        c0 = max(sep + 1, va + 4 if va >= 0 else -1)
        while c0 < m.start() and folded[c0] == " ":
            c0 += 1
        if m.start() - c0 < 3:
            continue
        units = _Units(u.lead, u.support, c0)
        found.append(_Start(c0, units, "do_chu_tri", 0.7, content_end=m.start(),
                            resume=e + ct.end()))
    found.sort(key=lambda s: s.at)
    out: list[_Start] = []
    for s in found:  # a trigger inside another's unit phrase is the same task
        if out and out[-1].at <= s.at < out[-1].units.action_at:
            continue
        # a request word that is the action of the unit the clause opens with is that unit's
        # task: "Phòng Giáo dục và Đào tạo chỉ đạo các trường học …" (not the schools')
        if (out and s.form == "request" and out[-1].form in ("unit_lead", "unit_colon")
                and s.at == out[-1].units.action_at):
            continue
        out.append(s)
    return out


# words that make a clause a story, not an order: "UBND thành phố đã chỉ đạo …"
_NARRATIVE_END = re.compile(r"\b(?:da|dang|se|duoc|cung|van|chua|luon|con|deu|vua|bi|thi|la|co|khong)\s*$")


def _plain_lead(folded: str, a: int, action_at: int) -> bool:
    """Whether an item's unit phrase (``a`` to ``action_at``) is a unit and nothing more, an
    order following:
    "2. Phòng Nội vụ tham mưu …", "- UBND các phường rà soát …" give the unit a task, as
    a numbered item of a conclusion does; "- UBND thành phố đã chỉ đạo …" tells a story."""
    phrase = folded[a:action_at].rstrip(" ,")
    # ("- Các cơ quan, đơn vị … tham gia thực hiện Chương trình": who it concerns, a plan's
    # "Đối tượng", not what they are to do)
    return bool(phrase) and not _NARRATIVE_END.search(phrase) and not folded.startswith("tham gia", action_at)


def _task_from(text: str, folded: str, where: list[int], s: _Start, end: int, base: int,
               doc_date, calendar, lead: str | None = None) -> ProposedTask | None:
    a = s.units.action_at
    if s.content_end is not None:
        end = s.content_end
    body = text[where[a]: where[end - 1] + 1] if end > a else ""
    action = body.strip(" ,:;-–\n")
    action = re.sub(r"\s*\.?/\.?\s*$", "", action).strip()
    if not action or _BOILERPLATE.search(fold(action)):
        return None
    problems: list[tuple[str, dict]] = []
    dl = find_deadline(action, doc_date, calendar)
    if dl.problem:
        problems.append(dl.problem)
    # the task is its first sentence; a later one only lends its deadline ('… (Sao gửi kèm
    # theo). Trình UBND tỉnh trước ngày 10/8/2018')
    first = re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])", action, maxsplit=1)[0]
    content = first
    if 0 < dl.start < len(first):
        cut = first[:dl.start].rstrip(" ,;(")
        cut = re.sub(r"[;,]?\s*(?:va\s+)?$", "", cut)
        if len(cut) >= 12:
            content = cut
    # (a last clause that only leads to the deadline: "…; thời gian hoàn thành: tháng 6",
    # "…; thực hiện thường xuyên", "… (thực hiện thường xuyên)")
    content = re.sub(r"[;,.(]\s*(?:và\s+)?(?:hoàn thành|thời gian hoàn thành|thời gian|thời hạn|thực hiện"
                     r"|triển khai(?: thực hiện)?)\s*:?\s*$", "", content, flags=re.IGNORECASE).rstrip(" ,;.")
    product = ""
    pm = _PRODUCT.search(fold(action))
    if pm:
        product = re.split(r"[;.]", action[pm.end():])[0].strip()
    if s.units.several:
        problems.append(("extract.several_leads", {"units": ", ".join([s.units.lead or "", *s.units.support])}))
    unit = lead or s.units.lead
    start = base + where[s.at]
    return ProposedTask(text=content[:1] .upper() + content[1:], lead=unit, support=list(s.units.support),
                        deadline_text=dl.text, deadline=dl.date, deadline_kind=dl.kind,
                        product=product, start=start, end=base + where[end - 1] + 1, form=s.form,
                        confidence=s.confidence, problems=problems)


def _paragraphs(text: str, stop: int, table_spans: list[tuple[int, int]]):
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if a >= stop:
            break
        if any(x <= a < y for x, y in table_spans):
            continue
        yield a, line


def _heading_unit(line: str) -> str | None:
    """A line that is only a unit and a colon ('2. Sở Xây dựng:', 'Giao Phòng Nội vụ:',
    'Đối với UBND các phường:'), or a numbered line that is only a unit ('1. Phòng Y tế', as
    a plan's "Tổ chức thực hiện" lists them), or None."""
    f = fold(line)
    b = _BULLET.match(f)
    a = b.end() if b else 0
    m = re.match(r"(?:giao\s+|doi voi\s+|de nghi\s+|yeu cau\s+)?", f[a:])
    a += m.end()
    numbered = b is not None and b.group().strip()[:1] not in "-+•*–"
    if _HEADING_END.search(f):
        if len(f) - a > 120:
            return None
    elif (not numbered or len(f) - a > 80 or f.rstrip()[-1:] in ".;,"
          or not _UNIT_HEAD.match(line, a) or _VERB_RE.match(f, a)):
        return None  # (a section's heading: '1. Đối tượng', '2. Quản lý đất đai', '3. Ban hành …')
    name = line[a:].rstrip(" :")
    if not _UNIT_START_RE.match(f, a):
        return None
    if _VERB_RE.search(fold(name)) and any(
            fold(name)[v.start()] and name[v.start()].islower() for v in _VERB_RE.finditer(fold(name))):
        return None
    names = [_title_less(n) for n in split_units(name)]
    return names[0] if names else None


def text_tasks(source: Source, stop: int, doc_date, calendar) -> list[ProposedTask]:
    text = source.text
    spans = [(r.start, r.end + 1) for r in source.rows]
    tasks: list[ProposedTask] = []
    heading: str | None = None
    heading_support: list[str] = []
    heading_depth = None
    plain_items = True  # (the heading's items so far are paragraphs without a bullet)
    request = False
    for a, line in _paragraphs(text, stop, spans):
        if not line.strip():
            continue
        h = _heading_unit(line)
        if h:
            heading = h
            heading_support = []
            heading_depth = _depth(line)
            plain_items = True
            continue
        depth = _depth(line)
        # a heading's items: its bulleted lines, or paragraphs without one when those are
        # its items ('3. Phòng Kinh tế' / 'Chủ trì kiểm tra …'); a paragraph after bulleted
        # items, or the next heading of its rank, ends it
        if heading is not None and ((depth is None and not plain_items) or (
                depth is not None and heading_depth is not None and depth <= heading_depth)):
            heading = None
        if heading is not None and depth is not None:
            plain_items = False
        folded, where = fold_map(line)
        if request and not _REQUEST_LINE.search(folded) and _TOPIC.match(folded):
            request = False  # '1. Mục đích', 'II. ĐỐI TƯỢNG…': the requests are over
        starts = _starts(line, folded, where, request)
        if _REQUEST_LINE.search(folded):
            request = True
        if not starts and heading is not None:
            b = _BULLET.match(folded)
            # (an item may name its supporting units: "- Chủ trì, phối hợp với UBND các phường …")
            _leads, more, body_at = _chu_tri_phoi_hop(line, folded, where, b.end() if b else 0)
            units = _Units(heading, [*heading_support, *(n for n in more if n not in heading_support)], body_at)
            s = _Start(body_at, units, "heading", 0.7)
            t = _task_from(line, folded, where, s, len(folded), a, doc_date, calendar)
            if t:
                tasks.append(t)
            continue
        made: list[ProposedTask] = []
        for i, s in enumerate(starts):
            end = starts[i + 1].at if i + 1 < len(starts) else len(folded)
            if s.resume is not None and i + 1 < len(starts) and starts[i + 1].form == "do_chu_tri":
                end = starts[i + 1].at
            t = _task_from(line, folded, where, s, end, a, doc_date, calendar)
            if t:
                made.append(t)
        listed = [t for t in made if t.form == "do_chu_tri" and t.deadline is None]
        if listed:  # 'X do A chủ trì, Y do B chủ trì. … hoàn thành trong quý 3/2021'
            last = starts[-1]
            tail_at = last.resume if last.resume is not None else last.units.action_at
            dl = find_deadline(line[where[min(tail_at, len(where) - 1)]:], doc_date, calendar)
            if dl.date is not None:
                for t in listed:
                    t.deadline_text, t.deadline, t.deadline_kind = dl.text, dl.date, dl.kind
        tasks.extend(made)
    return tasks


# a section's heading ('1. Mục đích, yêu cầu', 'II. ĐỐI TƯỢNG'): numbered, short, no colon —
# and no sentence's end ('2. UBND Phường 5 tập trung …; hoàn thành trong tháng 7/2021.' is a task)
_TOPIC = re.compile(r"^\s*(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)[.)]\s+[^:]{1,120}(?<![.;])$")
_REQUEST_LINE = re.compile(r"(?:yeu cau|de nghi|giao|chi dao|nhu sau|y kien|ket luan)\s*:\s*$")


def _depth(line: str) -> int | None:
    m = _BULLET.match(line)
    if not m:
        return None
    tok = m.group().strip()
    if tok[:1] in "-+•*–":
        return 4 if tok[:1] == "+" else 3
    if re.match(r"\(?[a-zđ][.)]", tok):
        return 2
    if re.match(r"[IVX]+[.)]", tok):
        return 0
    return 1 + tok.count(".") - (1 if tok.endswith(".") else 0)
