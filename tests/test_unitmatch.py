"""The one unit-name matcher and the splitter for cells that list several units."""
from __future__ import annotations

import pytest

from tracker.domain.unitmatch import UnitEntry, UnitIndex, group_of, match_unit, split_units

REGISTER = [
    UnitEntry(1, "TCKH", "Phòng Tài chính - Kế hoạch"),
    UnitEntry(2, "NV", "Phòng Nội vụ"),
    UnitEntry(3, "TNMT", "Phòng Tài nguyên và Môi trường"),
    UnitEntry(4, "P5", "UBND Phường 5"),
    UnitEntry(5, "P1", "UBND Phường 1"),
    UnitEntry(6, "CA", "Công an thành phố"),
    UnitEntry(7, "VP", "Văn phòng HĐND và UBND thành phố", ("Văn phòng",)),
    UnitEntry(8, "LDTBXH", "Phòng Lao động - Thương binh và Xã hội"),
    UnitEntry(9, "DL", "UBND phường Đông Lương"),
    UnitEntry(10, "BQLCC", "Ban Quản lý các chợ"),
    UnitEntry(11, "QLDT", "Phòng Quản lý đô thị"),
    UnitEntry(12, "TP", "Phòng Tư pháp"),
    UnitEntry(13, "TTPTQD", "Trung tâm Phát triển quỹ đất"),
    UnitEntry(14, "VHTT", "Phòng Văn hóa và Thông tin"),
]
BY_CODE = {u.code: u for u in REGISTER}

# text -> (unit code, how)
CASES = [
    ("TCKH", "TCKH", "code"),
    ("Phòng Tài chính - Kế hoạch", "TCKH", "name"),
    ("Văn phòng", "VP", "alias"),
    ("tckh", "TCKH", "folded"),
    ("phòng Tài chính – Kế hoạch", "TCKH", "folded"),
    ("PHONG NOI VU", "NV", "folded"),
    ("Phòng TC-KH", "TCKH", "abbrev"),
    ("Phòng TCKH", "TCKH", "abbrev"),
    ("Phòng TN&MT", "TNMT", "abbrev"),
    ("Phòng TNMT", "TNMT", "abbrev"),
    ("Phòng Tài nguyên - Môi trường", "TNMT", "abbrev"),
    ("Phòng LĐ-TB&XH", "LDTBXH", "abbrev"),
    ("Phòng VH&TT", "VHTT", "abbrev"),
    ("Phòng QLĐT", "QLDT", "abbrev"),
    ("Quản lý đô thị", "QLDT", "abbrev"),
    ("Phường 5", "P5", "abbrev"),
    ("phường 05", "P5", "abbrev"),
    ("P.5", "P5", "abbrev"),
    ("Ủy ban nhân dân Phường 5", "P5", "abbrev"),
    ("P. Đông Lương", "DL", "abbrev"),
    ("Công an thành phố", "CA", "name"),
    ("Công an TP", "CA", "abbrev"),
    ("CATP", "CA", "abbrev"),
    ("Văn phòng HĐND-UBND TP", "VP", "abbrev"),
    ("Trung tâm PTQĐ", "TTPTQD", "abbrev"),
    ("Ban Quản lý các chợ", "BQLCC", "name"),  # a name with "các" is still one unit
    # … and so are its shortenings ("BQL các chợ" was refused as a group of units)
    ("BQL các chợ", "BQLCC", "close"),
    ("Ban QL các chợ", "BQLCC", "close"),
    ("Nội vụ", "NV", "close"),
    ("Phòng Tài chính", "TCKH", "close"),
]


@pytest.mark.parametrize("text,code,how", CASES, ids=[c[0] for c in CASES])
def test_match(text, code, how):
    m = match_unit(text, REGISTER)
    assert (m.unit, m.how) == (BY_CODE[code], how)
    assert not m.is_group and not m.ambiguous


GROUPS = [
    ("UBND các phường", "wards"),
    ("các phường, xã", "wards"),
    ("các đơn vị liên quan", "related"),
    ("Các phòng, ban, ngành", "departments"),
    ("các cơ quan chuyên môn", "departments"),
    ("Thành viên Ban Chỉ đạo", "departments"),
    ("Tất cả các đơn vị", "all"),
    ("các chợ", "all"),  # (not "Ban Quản lý các chợ": the words of no one unit)
]


@pytest.mark.parametrize("text,group", GROUPS)
def test_groups_are_never_forced_onto_one_unit(text, group):
    m = match_unit(text, REGISTER)
    assert m.is_group and m.unit is None and m.group == group
    assert group_of(text) == group


def test_unknown_and_ambiguous():
    m = match_unit("Phòng Giáo dục và Đào tạo", REGISTER)
    assert m.unit is None and not m.is_group
    m = match_unit("UBND Phường", REGISTER)  # contained in several ward names
    assert m.unit is None and m.ambiguous
    assert {u.code for u, s in m.candidates if s >= 0.8} >= {"P5", "P1", "DL"}
    twins = [UnitEntry(1, "A", "Phòng Kinh tế"), UnitEntry(2, "B", "Phong Kinh te")]
    m = match_unit("phong kinh te", twins)
    assert m.unit is None and m.ambiguous and [s for _u, s in m.candidates] == [1.0, 1.0]
    assert match_unit("", REGISTER).unit is None
    assert match_unit("Phòng Nội vụ", []).unit is None


def test_moi_truong_is_no_group_and_a_so_no_phong():
    """"Môi trường" folds to the words of "mọi" (every): "Sở Tài nguyên và Môi trường", a unit
    the register lacks, was "a group of units; choose one" — where it is unknown, its closest
    suggested. "mọi đơn vị" is still a group."""
    m = match_unit("Sở Tài nguyên và Môi trường", REGISTER)
    assert not m.is_group and group_of("Sở Tài nguyên và Môi trường") == ""
    # … nor the city's Phòng of that name (a province's department): suggested, not taken
    assert m.unit is None and m.candidates and m.candidates[0][0].code == "TNMT"
    # (nor a Trung tâm a Phòng: another kind of unit is a suggestion at most)
    assert match_unit("Trung tâm Văn hóa và Thông tin", REGISTER).unit is None
    assert group_of("mọi đơn vị") == "all" and match_unit("Mọi đơn vị", REGISTER).is_group


def test_a_number_typed_names_which_unit():
    """"Phường 6" in an office of wards 1 to 5 is no ward of it — not "several units: P1, P2,
    P3…" (a clerk told to choose picks a wrong one), nor Phòng Nội vụ by its alias "P.NV"
    (read as "phường NV"): unknown, the wards suggested, the nearest first."""
    register = [*REGISTER, UnitEntry(20, "P2", "UBND Phường 2"), UnitEntry(21, "P3", "UBND Phường 3"),
                UnitEntry(22, "YT", "Phòng Y tế", ("P.YT",))]
    for text, first in (("Phường 6", None), ("phuong 11", "P1"), ("Phường 55", "P5"), ("P6", None),
                        ("UBND Phường 7", None)):
        m = match_unit(text, register)
        assert m.unit is None and not m.ambiguous, (text, m.candidates)
        assert all(s < 0.8 for _u, s in m.candidates)
        assert m.candidates[0][0].code in {"P1", "P2", "P3", "P5"}, m.candidates
        if first:
            assert m.candidates[0][0].code == first
    for text, code in (("phường 05", "P5"), ("P.3", "P3"), ("UBND Phuong 2", "P2")):
        assert match_unit(text, register).unit.code == code


def test_the_index_answers_the_same_as_match_unit():
    index = UnitIndex(REGISTER)
    for text, code, how in CASES:
        m = index.match(text)
        assert (m.unit.code, m.how) == (code, how)


SPLITS = [
    ("Phòng Tài chính - Kế hoạch; Phòng Nội vụ", ["Phòng Tài chính - Kế hoạch", "Phòng Nội vụ"]),
    ("Phòng Nội vụ,\nCông an thành phố", ["Phòng Nội vụ", "Công an thành phố"]),
    ("- Phòng Nội vụ\n+ Phòng Tư pháp\n• UBND Phường 5", ["Phòng Nội vụ", "Phòng Tư pháp",
                                                         "UBND Phường 5"]),
    ("1. Phòng Nội vụ; 2. Phòng Tư pháp.", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("Phòng Nội vụ và Phòng Tư pháp", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    # "và" inside a name stays
    ("Văn phòng HĐND và UBND thành phố, Phòng Văn hóa và Thông tin",
     ["Văn phòng HĐND và UBND thành phố", "Phòng Văn hóa và Thông tin"]),
    # group phrases keep their commas; a new group starts at "các"
    ("UBND các phường, xã, các phòng, ban, ngành liên quan",
     ["UBND các phường, xã", "các phòng, ban, ngành liên quan"]),
    ("Phòng Nội vụ; phòng nội vụ", ["Phòng Nội vụ"]),
    ("", []),
    (None, []),
    (" ; ,\n", []),
]


@pytest.mark.parametrize("cell,expected", SPLITS)
def test_split_units(cell, expected):
    assert split_units(cell) == expected


def test_split_then_match_a_whole_cell():
    cell = "Phòng TC-KH; Phòng TN&MT,\nCông an TP, UBND các phường"
    results = [match_unit(p, REGISTER) for p in split_units(cell)]
    assert [r.unit.code if r.unit else None for r in results] == ["TCKH", "TNMT", "CA", None]
    assert results[-1].is_group


def test_describe_says_how_or_why_in_both_languages():
    assert _said(match_unit("Phòng TC-KH", REGISTER).words, "vi") == "khớp tên viết tắt"
    assert _said(match_unit("Phòng Tài chính", REGISTER).words, "en") == "close match (score 0.93)"
    assert "group of units" in _said(match_unit("UBND các phường", REGISTER).words, "en")
    assert _said(match_unit("UBND Phường", REGISTER).words, "en").startswith("«UBND Phường» could be:")
    assert "P5 (UBND Phường 5)" in _said(match_unit("UBND Phường", REGISTER).words, "vi")
    assert _said(match_unit("Sở Xây dựng", []).words, "vi") == "không tìm thấy đơn vị «Sở Xây dựng»"
    assert "did you mean" in _said(match_unit("Phòng Giáo dục", REGISTER).words, "en")


def _said(words, lang):
    """The domain's (key, fields), as the edges say them."""
    from tracker.i18n import t

    key, fields = words
    return t(key, lang=lang, **fields)


def test_a_name_several_units_match_names_those_only():
    """'van hoa' matches two units' names; the refusal named the Văn phòng and the Ban Quản
    lý các chợ too (they merely resemble it), as if they matched."""
    from tracker.domain.rules import check_unit

    register = [*REGISTER, UnitEntry(15, "TTVHTT", "Trung tâm Văn hóa - Thể thao thành phố")]
    m = match_unit("van hoa", register)
    assert m.ambiguous and len(m.candidates) > 2  # the weaker ones are still there to suggest
    problem, = check_unit(m)
    assert problem.key == "unit.ambiguous"
    said = dict(problem.params)["suggestions"]
    assert said == "VHTT (Phòng Văn hóa và Thông tin), TTVHTT (Trung tâm Văn hóa - Thể thao thành phố)"


@pytest.mark.parametrize("text, code", [
    ("Phòng Tài chính - Kế hoạch thành phố", "TCKH"),
    ("Trung tâm Phát triển quỹ đất thành phố", "TTPTQD"),
    ("Trung tâm PTQĐ thành phố", "TTPTQD"),
    ("Phòng TC-KH thành phố", "TCKH"),
    ("Phòng Tư pháp thành phố", "TP"),
    ("Công an thành phố", "CA"),
])
def test_the_city_after_a_units_name_says_whose_it_is(text, code):
    """'… thành phố' after a unit's name (the city's unit) is that unit: 'Phòng Tài chính -
    Kế hoạch thành phố' was ambiguous with the Phòng Tư pháp, whose code TP is how 'thành
    phố' is shortened, and the import and the commands refused it."""
    m = match_unit(text, REGISTER)
    assert m.unit is not None and m.unit.code == code, (m.unit, m.candidates)


def test_a_code_is_no_word_of_another_units_name():
    """A unit's code inside a longer phrase naming another unit does not make it a match."""
    m = match_unit("Phòng Tài chính - Kế hoạch và Phòng TP", REGISTER)
    assert all(u.code != "NV" for u, _s in m.candidates)
    m = match_unit("Phòng Nội vụ tp", REGISTER)
    assert m.unit is not None and m.unit.code == "NV"


@pytest.mark.parametrize("text, code", [
    ("Phòng TC-KH (chủ trì)", "TCKH"), ("Phòng Quản lý đô thị (phối hợp)", "QLDT"),
    ("Phòng Tư pháp (PH)", "TP"), ("Phòng Nội vụ (chu tri)", "NV"),
])
def test_the_units_part_said_beside_its_name_is_no_part_of_it(text, code):
    """A sheet's cell says the unit's part beside its name — "(chủ trì)", "(phối hợp)": the
    name is matched as written, not as a close guess with a warning (or none at all)."""
    m = match_unit(text, REGISTER)
    assert m.unit is not None and m.unit.code == code and m.how != "close", (m.unit, m.how)
    assert m.query == text  # (what was typed, as messages quote it)
