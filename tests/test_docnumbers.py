"""Document number-symbols (state, legal, Party), their matching form, and headers."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.domain.docnumbers import (
    LEGAL,
    PARTY,
    STATE,
    STATE_TYPES,
    DocNumberError,
    normalise_number,
    parse_header,
    parse_number,
    type_name,
)

CORPUS = Path("/work/shared/domain/302-BC-UBND-2020.txt")

# text -> (number, year, type, issuer, drafter, system, canonical)
PARSE = [
    ("302/BC-UBND", ("302", None, "BC", "UBND", None, STATE, "302/BC-UBND")),
    ("Số: 302 /BC-UBND", ("302", None, "BC", "UBND", None, STATE, "302/BC-UBND")),
    ("số 45 / tb - vpcp", ("45", None, "TB", "VPCP", None, STATE, "45/TB-VPCP")),
    ("31/2019/NQ-HĐND", ("31", 2019, "NQ", "HĐND", None, LEGAL, "31/2019/NQ-HĐND")),
    ("31/2019/NQ-HDND", ("31", 2019, "NQ", "HĐND", None, LEGAL, "31/2019/NQ-HĐND")),
    ("30/2020/NĐ-CP", ("30", 2020, "NĐ", "CP", None, LEGAL, "30/2020/NĐ-CP")),
    ("30/2020/ND-CP", ("30", 2020, "NĐ", "CP", None, LEGAL, "30/2020/NĐ-CP")),
    ("01/2011/TT-BNV", ("01", 2011, "TT", "BNV", None, LEGAL, "01/2011/TT-BNV")),
    ("59/2020/QH14", ("59", 2020, None, "QH14", None, LEGAL, "59/2020/QH14")),
    ("123/UBND-KT", ("123", None, None, "UBND", "KT", STATE, "123/UBND-KT")),
    ("6519/VPCP-KGVX", ("6519", None, None, "VPCP", "KGVX", STATE, "6519/VPCP-KGVX")),
    ("1234/QĐ-UBND", ("1234", None, "QĐ", "UBND", None, STATE, "1234/QĐ-UBND")),
    ("1234/QD-UBND", ("1234", None, "QĐ", "UBND", None, STATE, "1234/QĐ-UBND")),
    ("1234/QÐ-UBND", ("1234", None, "QĐ", "UBND", None, STATE, "1234/QĐ-UBND")),  # Ð (eth)
    ("05/CT-TTg", ("05", None, "CT", "TTg", None, STATE, "05/CT-TTg")),
    ("12/qd-ttg", ("12", None, "QĐ", "TTg", None, STATE, "12/QĐ-TTg")),
    ("45/KH-UBND.VX", ("45", None, "KH", "UBND.VX", None, STATE, "45/KH-UBND.VX")),
    ("12/HĐ-UBND", ("12", None, "HĐ", "UBND", None, STATE, "12/HĐ-UBND")),  # contract
    ("12/HD-UBND", ("12", None, "HD", "UBND", None, STATE, "12/HD-UBND")),  # guidance
    ("07/ĐA-UBND", ("07", None, "ĐA", "UBND", None, STATE, "07/ĐA-UBND")),  # scheme
    ("07/DA-UBND", ("07", None, "DA", "UBND", None, STATE, "07/DA-UBND")),  # project
    ("15/QyĐ-UBND", ("15", None, "QyĐ", "UBND", None, STATE, "15/QyĐ-UBND")),
    ("88/TTr-UBND", ("88", None, "TTr", "UBND", None, STATE, "88/TTr-UBND")),
    ("10/CTr-UBND", ("10", None, "CTr", "UBND", None, STATE, "10/CTr-UBND")),
    ("320-KL/TU", ("320", None, "KL", "TU", None, PARTY, "320-KL/TU")),
    ("09-CTHD/TU", ("09", None, "CTHĐ", "TU", None, PARTY, "09-CTHĐ/TU")),
    ("2927-TB/TU", ("2927", None, "TB", "TU", None, PARTY, "2927-TB/TU")),
    ("02-NQ/TU", ("02", None, "NQ", "TU", None, PARTY, "02-NQ/TU")),
    ("03-CTr/TU", ("03", None, "CTr", "TU", None, PARTY, "03-CTr/TU")),
    ("36-HD/VPTW", ("36", None, "HD", "VPTW", None, PARTY, "36-HD/VPTW")),
    ("Số 123 - CV/TU", ("123", None, "CV", "TU", None, PARTY, "123-CV/TU")),
]


@pytest.mark.parametrize("text,expected", PARSE, ids=[p[0] for p in PARSE])
def test_parse_number(text, expected):
    d = parse_number(text)
    assert (d.number, d.year, d.type_code, d.issuer_code, d.drafter, d.system, d.canonical) \
        == expected
    assert str(d) == expected[-1]


def test_type_names():
    assert parse_number("302/BC-UBND").type_name() == "Báo cáo"
    assert parse_number("302/BC-UBND").type_name("en") == "Report"
    assert parse_number("320-KL/TU").type_name() == "Kết luận"
    assert parse_number("123/UBND-KT").type_name() == "Công văn"
    assert parse_number("123/UBND-KT").type_name("en") == "Official letter"
    assert parse_number("30/2020/NĐ-CP").type_name("en") == "Decree"
    assert type_name("qd") == "Quyết định" and type_name(None) == "Công văn"
    assert type_name("XYZ") == ""


def test_the_decree_30_table_is_complete():
    # DESIGN §2: Phụ lục III of Decree 30/2020/NĐ-CP
    codes = ("NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP "
             "PG PC PB").split()
    assert sorted(STATE_TYPES) == sorted(codes)
    assert all(vi and en for vi, en in STATE_TYPES.values())


NORMALISE = [
    (" Số:  302 / bc-ubnd ", "302/BC-UBND"),
    ("0302/BC-UBND", "302/BC-UBND"),
    ("02-NQ/TU", "2-NQ/TU"),
    ("2-NQ/TU", "2-NQ/TU"),
    ("31/2019/NQ-HDND", "31/2019/NQ-HĐND"),
    ("31 / 2019 / NQ – HĐND", "31/2019/NQ-HĐND"),
    ("09-CTHD/TU", "9-CTHĐ/TU"),
    ("123/ubnd-kt", "123/UBND-KT"),
    ("số 28", "28"),
    ("Công văn không số", "CÔNG VĂN KHÔNG SỐ"),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize("text,expected", NORMALISE)
def test_normalise_number(text, expected):
    assert normalise_number(text) == expected


def test_normalise_is_idempotent():
    for text, _ in PARSE + NORMALISE:
        once = normalise_number(text)
        assert normalise_number(once) == once


ERRORS = [
    ("", "docnum.empty"),
    ("Số:", "docnum.empty"),
    ("28", "docnum.no_symbol"),
    ("12/0021/NQ-CP", "docnum.bad_year"),
    ("12/21/NQ-CP", "docnum.bad_year"),
    ("BC-UBND", "docnum.unreadable"),
    ("302 BC UBND", "docnum.unreadable"),
]


@pytest.mark.parametrize("text,reason", ERRORS)
def test_bad_numbers(text, reason):
    with pytest.raises(DocNumberError) as info:
        parse_number(text)
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)
    assert info.value.message("en")


def test_header_of_the_302_report():
    h = parse_header(CORPUS.read_text(encoding="utf-8"))
    assert h.number is not None and h.number.canonical == "302/BC-UBND"
    assert h.number_text == "302 /BC-UBND"
    assert (h.place, h.date) == ("Đông Hà", dt.date(2020, 12, 4))
    assert h.type_name == "BÁO CÁO"
    assert h.summary.startswith("Kiểm điểm công tác chỉ đạo, điều hành của UBND thành phố năm 2020")
    assert h.problems == ()


def test_header_with_issuer_and_subject_line():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÔNG HÀ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 1234/UBND-KT    Đông Hà, ngày 15 tháng 3 năm 2021\n"
            "V/v triển khai Kế hoạch số 67/KH-UBND\nKính gửi: ...\n")
    h = parse_header(text)
    assert h.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HÀ"
    assert h.number.canonical == "1234/UBND-KT" and h.number.type_name() == "Công văn"
    assert (h.place, h.date) == ("Đông Hà", dt.date(2021, 3, 15))
    assert h.summary == "triển khai Kế hoạch số 67/KH-UBND"


def test_header_problems_are_listed_not_guessed():
    h = parse_header("Số: 12/0021/NQ-CP\nĐông Hà, ngày 31 tháng 02 năm 2021\n")
    assert h.number is None and h.date is None
    assert [k for k, _t in h.problems] == ["docnum.bad_year", "docnum.header_date"]


def test_header_without_number_or_date():
    h = parse_header("Một đoạn văn không có tiêu đề.")
    assert (h.number, h.date, h.place) == (None, None, None)
