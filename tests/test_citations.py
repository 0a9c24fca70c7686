"""Citations in running text, checked against the 302/BC-UBND report (DESIGN §1)."""
from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from tracker.domain.citations import find_citations

CORPUS = Path("/work/shared/domain/302-BC-UBND-2020.txt")
D = dt.date

# Every document the report cites with a number, in the order it cites them:
# (type code, number as written, date, issuer as written).  The report cites some twice or
# three times (02-NQ/TU, 06/2013/NQ-HĐND); "Quyết định số 28 của UBND tỉnh" and "Nghị quyết
# số 42 và Quyết định số 15 của Chính phủ" give no symbol; "Nghị quyết 06/2013/NQ-HĐND" has
# no "số".  Mentions without a number ("các Nghị quyết, Chỉ thị và Kết luận của Thành ủy")
# are not citations.
EXPECTED_302 = [
    ("NQ", "02-NQ/TU", None, "BTV Tỉnh ủy"),
    ("NQ", "06/NQ-HĐND", None, "HĐND tỉnh"),
    ("KH", "67/KH-HĐND", D(2020, 11, 16), "HĐND thành phố"),
    ("NQ", "01/NQ-CP", D(2020, 1, 1), "Chính phủ"),
    ("KL", "320-KL/TU", D(2019, 12, 4), "Tỉnh ủy"),
    ("NQ", "31/2019/NQ-HĐND", D(2019, 12, 6), "HĐND tỉnh"),
    ("KL", "18-KL/TU", D(2019, 12, 9), "BCH Đảng bộ thành phố khoá XII"),
    ("NQ", "22/2019/NQ-HĐND", D(2019, 12, 18), "HĐND thành phố"),
    ("NQ", "02-NQ/TU", None, "BTV Tỉnh ủy"),
    ("NQ", "06/2013/NQ-HĐND", None, "HĐND tỉnh"),
    ("CTHĐ", "09-CTHD/TU", None, "Thành ủy"),
    ("KL", "07-KL/TU", None, "Thành ủy"),
    ("QĐ", "28", None, "UBND tỉnh"),
    ("NQ", "42", None, "Chính phủ"),
    ("QĐ", "15", None, "Chính phủ"),
    ("CTr", "03-CTr/TU", None, "Thành ủy"),
    ("CTr", "04-CTr/TU", D(2020, 9, 11), "BCH Đảng bộ thành phố khóa XIII"),
    ("NQ", "02-NQ/TU", None, "BTV Tỉnh ủy"),
    ("NQ", "06/2013/NQ-HĐND", None, "HĐND tỉnh"),
]


def test_every_citation_of_the_302_report():
    text = CORPUS.read_text(encoding="utf-8")
    found = find_citations(text)
    assert [(c.type_code, c.number_text, c.date, c.issuer) for c in found] == EXPECTED_302
    for c in found:
        assert text[c.start:c.end] == c.text
        assert c.text.startswith(c.type_words)


def test_exact_spans_in_the_302_report():
    text = CORPUS.read_text(encoding="utf-8")
    spans = [c.text for c in find_citations(text)]
    assert spans[2] == "Kế hoạch số 67/KH-HĐND ngày 16/11/2020 của HĐND thành phố"
    assert spans[5] == "Nghị quyết số 31/2019/NQ-HĐND ngày 06/12/2019 của HĐND tỉnh"
    assert spans[13] == "Nghị quyết số 42"  # the issuer is shared with the next one
    assert spans[16] == ("Chương trình công tác toàn khóa số 04-CTr/TU ngày 11/9/2020 "
                         "của BCH Đảng bộ thành phố khóa XIII")


def test_numbers_are_parsed_when_there_is_a_symbol():
    text = CORPUS.read_text(encoding="utf-8")
    found = find_citations(text)
    assert found[5].number.year == 2019 and found[5].issuer_code == "HĐND"
    assert found[4].number.system == "party"
    assert found[12].number is None  # "Quyết định số 28"


def test_other_forms():
    text = ("Thực hiện Công văn số 6519/VPCP-KGVX ngày 17 tháng 7 năm 2018 của Văn phòng Chính "
            "phủ về việc nghỉ lễ; Thông báo kết luận số 2927-TB/TU của Thường trực Tỉnh ủy, "
            "Quyết định 114/QĐ-TTg của Thủ tướng Chính phủ và Bộ Tài nguyên và Môi trường về "
            "đất đai, Luật số 59/2020/QH14.")
    got = [(c.type_code, c.number_text, c.date, c.issuer) for c in find_citations(text)]
    assert got == [
        (None, "6519/VPCP-KGVX", D(2018, 7, 17), "Văn phòng Chính phủ"),
        ("TB", "2927-TB/TU", None, "Thường trực Tỉnh ủy"),
        ("QĐ", "114/QĐ-TTg", None, "Thủ tướng Chính phủ và Bộ Tài nguyên và Môi trường"),
        (None, "59/2020/QH14", None, None),
    ]


def test_nfd_text_keeps_exact_spans():
    text = unicodedata.normalize("NFD", "Theo Kết luận số 320-KL/TU ngày 04/12/2019 của Tỉnh ủy, xong.")
    (c,) = find_citations(text)
    assert text[c.start:c.end] == c.text
    assert unicodedata.normalize("NFC", c.text) == "Kết luận số 320-KL/TU ngày 04/12/2019 của Tỉnh ủy"
    assert c.issuer == "Tỉnh ủy"


def test_an_impossible_date_is_left_out_not_guessed():
    (c,) = find_citations("Quyết định số 28/QĐ-UBND ngày 31/02/2021 của UBND tỉnh")
    assert (c.date, c.issuer) == (None, "UBND tỉnh")


def test_no_false_citations():
    assert find_citations("") == []
    assert find_citations("Đội quản lý thị trường số 1, chợ Phường 5, tăng 8,5% so với năm 2019") == []
    assert find_citations("triển khai thực hiện nghiêm túc các Nghị quyết, Chỉ thị và Kết luận "
                          "của Thành ủy; Kế hoạch hành động với 7 nhóm nhiệm vụ") == []


def test_describe_in_both_languages():
    text = CORPUS.read_text(encoding="utf-8")
    found = find_citations(text)
    assert _said(found[4].words, "vi") == "Kết luận số 320-KL/TU ngày 04/12/2019 của Tỉnh ủy"
    assert _said(found[4].words, "en") == "Kết luận no. 320-KL/TU of 04/12/2019 by Tỉnh ủy"
    assert _said(found[12].words, "vi") == "Quyết định số 28"


def _said(words, lang):
    """The domain's (key, fields), as the edges say them."""
    from tracker.i18n import t

    key, fields = words
    return t(key, lang=lang, **fields)
