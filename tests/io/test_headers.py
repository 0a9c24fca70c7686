"""Header names in Vietnamese or English, with or without diacritics, mapped to fields."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.i18n import catalog, t
from tracker.io import headers as H
from tracker.io.headers import detect_kind, header_score, label, map_headers

CLERK_TASK_HEADERS = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn",
                      "Lãnh đạo phụ trách", "Số, ký hiệu văn bản", "Ngày ban hành", "Cơ quan ban hành",
                      "Trích yếu", "Kết quả", "Ngày hoàn thành", "Ghi chú"]


def test_clerk_task_sheet():
    cmap = map_headers(CLERK_TASK_HEADERS, "tasks")
    assert cmap.ok, cmap
    assert cmap.fields == {
        "Nội dung nhiệm vụ": "content", "Đơn vị chủ trì": "lead", "Đơn vị phối hợp": "support",
        "Thời hạn": "deadline", "Lãnh đạo phụ trách": "leader", "Số, ký hiệu văn bản": "directive",
        "Ngày ban hành": "directive_date", "Cơ quan ban hành": "directive_issuer",
        "Trích yếu": "directive_title", "Kết quả": "proof", "Ngày hoàn thành": "done_on",
        "Ghi chú": "notes",
    }
    assert cmap.ignored == ["STT"]


@pytest.mark.parametrize("header,fld", [
    ("DON VI CHU TRI", "lead"), ("don vi chu tri", "lead"), ("Đơn vị chủ trì (*)", "lead"),
    ("  Đơn  vị   chủ trì ", "lead"), ("Nhiệm vụ", "content"), ("Thời gian hoàn thành", "deadline"),
    ("Thời hạn (ngày/tháng/năm)", "deadline"), ("Văn bản", "directive"), ("Số ký hiệu", "directive"),
    ("Lead unit", "lead"), ("Supporting units", "support"), ("Due date", "deadline"),
    ("deadline_text", "deadline_text"), ("original_deadline", "original_deadline"),
    ("extensions", "extensions"), ("done_on", "done_on"), ("group", "group"), ("id", "id"),
    ("Tình hình thực hiện", "progress"), ("Trạng thái", "status"),
])
def test_task_header_variants(header, fld):
    assert H.field_for(header, "tasks") == fld
    assert H.field_for(unicodedata.normalize("NFD", header), "tasks") == fld


def test_json_export_shape_maps_and_derived_fields_are_ignored():
    keys = ["id", "directive", "content", "lead", "support", "leader", "group", "deadline",
            "deadline_text", "original_deadline", "extensions", "status", "done_on",
            "timeliness", "days_overdue"]
    cmap = map_headers(keys, "tasks")
    assert cmap.ok
    assert sorted(cmap.ignored) == ["days_overdue", "timeliness"]
    assert set(cmap.fields.values()) == set(keys) - {"timeliness", "days_overdue"}


def test_unknown_header_is_reported_with_a_suggestion():
    cmap = map_headers(["Nội dung nhiệm vụ", "Đơn vị chủ tri`", "Điểm thưởng", "Số, ký hiệu văn bản"], "tasks")
    assert cmap.unknown == ["Điểm thưởng"]  # the stray backtick is punctuation: still "lead"
    assert cmap.fields["Đơn vị chủ tri`"] == "lead"
    problems = cmap.problems(file="a.csv", lang="en")
    keys = [p.key for p in problems]
    assert "import.unknown_header_any" in keys
    unknown = [p for p in problems if p.key == "import.unknown_header_any" and p.column == "Điểm thưởng"][0]
    assert unknown.file == "a.csv" and unknown.row == 1
    assert unknown.message()  # formats in the current language


def test_misspelt_header_suggests_the_field():
    cmap = map_headers(["Nội dung nhiệm vụ", "Don vi chu tr", "Văn bản"], "tasks")
    assert cmap.unknown == ["Don vi chu tr"]
    p = cmap.problems(lang="vi")[0]
    assert p.expected == "Đơn vị chủ trì"


def test_missing_and_duplicate_columns():
    cmap = map_headers(["Nội dung", "Nhiệm vụ", "Văn bản"], "tasks")
    assert cmap.missing == ["lead"]
    assert cmap.duplicates == {"content": ["Nội dung", "Nhiệm vụ"]}
    kinds = sorted(p.key for p in cmap.problems())
    assert kinds == ["import.duplicate_column", "import.missing_column"]
    assert not cmap.ok


def test_provided_fields_are_not_missing():
    cmap = map_headers(["Nội dung", "Đơn vị chủ trì"], "tasks", provided={"directive"})
    assert cmap.ok


def test_units_and_directives():
    u = map_headers(["Mã đơn vị", "Tên đơn vị", "Loại", "Tên viết tắt"], "units")
    assert u.ok and u.fields == {"Mã đơn vị": "code", "Tên đơn vị": "name", "Loại": "kind",
                                 "Tên viết tắt": "aliases"}
    d = map_headers(["Số, ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu",
                     "Người ký", "Văn bản cấp trên"], "directives")
    assert d.ok and set(d.fields.values()) == {"number", "type", "issuer", "date", "title", "signer", "parent"}


@pytest.mark.parametrize("headers,kind", [
    (CLERK_TASK_HEADERS, "tasks"),
    (["Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"], "tasks"),
    (["Nội dung nhiệm vụ", "Số ký hiệu", "Cơ quan ban hành", "Ngày ban hành", "Thời hạn"], "tasks"),
    (["STT", "Số, ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Ngày ban hành", "Trích yếu", "Người ký"], "directives"),
    (["number", "type", "issuer", "date", "title"], "directives"),
    (["Mã đơn vị", "Tên đơn vị", "Loại", "Tên viết tắt"], "units"),
    (["code", "name", "kind", "aliases"], "units"),
    (["Tên đơn vị"], None),
    (["Họ tên", "Ngày sinh", "Quê quán"], None),
])
def test_detect_kind(headers, kind):
    assert detect_kind(headers) == kind


@pytest.mark.parametrize("kind", H.KINDS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_export_label_reads_back_as_its_field(kind, lang):
    for fld in H.FIELDS[kind]:
        assert H.field_for(label(kind, fld, lang), kind) == fld, (kind, fld, lang)
        assert H.field_for(fld, kind) == fld


@pytest.mark.parametrize("kind", H.KINDS)
def test_export_headers_detect_their_own_kind(kind):
    for lang in ("vi", "en"):
        assert detect_kind(H.labels(kind, H.FIELDS[kind], lang)) == kind
    assert detect_kind(list(H.FIELDS[kind])) == kind


def test_labels_are_in_the_catalogue_in_both_languages():
    cat = catalog()
    for kind in H.KINDS:
        for fld in H.FIELDS[kind]:
            vi, en = cat[f"io.col.{kind}.{fld}"]
            assert vi and en
    assert t("io.col.tasks.lead", lang="vi") == "Đơn vị chủ trì"
    assert t("io.col.tasks.lead", lang="en") == "Lead unit"


def test_header_score_prefers_the_header_row():
    assert header_score(["UBND THÀNH PHỐ ĐÔNG HÀ", "", ""]) == 0
    assert header_score(["1", "Tổ chức hội nghị", "Phòng Nội vụ"]) <= 1
    assert header_score(CLERK_TASK_HEADERS) >= 10


@given(st.text(alphabet=st.sampled_from("ĐđơƠưƯâăêôáàảãạ aAbBcdhnmiuvtrgk(),*/"), max_size=30))
def test_mapping_ignores_normal_form_and_case(text):
    for kind in H.KINDS:
        expected = H.field_for(text, kind)
        assert H.field_for(unicodedata.normalize("NFD", text), kind) == expected
        assert H.field_for(text.upper(), kind) == expected


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_message_cut_after_where_it_is(lang):
    """``message(located=False)`` (the app's problem table, which shows file, row and column
    in columns of their own) drops exactly the leading "file, row, column: " of every
    problem message in the catalogue, in both languages."""
    from tracker.i18n import get_lang, set_lang
    from tracker.i18n.io import MESSAGES
    from tracker.io.problems import Problem

    before = get_lang()
    set_lang(lang)
    try:
        checked = 0
        for key, (vi, en) in MESSAGES.items():
            template = vi if lang == "vi" else en
            if not template.startswith("{file}"):
                continue
            p = Problem(key, file="/đường: dẫn/tệp.csv", row=12, column="Thời hạn: cũ", value="V", expected="E",
                        extra={"count": 3, "first": 2, "last": 14, "keys": "a, b", "batch": "b1", "kind": "k", "rows": 1,
                               "added": 1, "updated": 0, "unchanged": 0, "skipped": 0, "rejected": 0, "good": 1})
            full, short_ = p.message(), p.message(located=False)
            assert full.endswith(short_) and short_, (key, full, short_)
            head = full[: len(full) - len(short_)]
            assert head.startswith("/đường: dẫn/tệp.csv") and head.endswith(": "), (key, head)
            assert not any("\ue000" <= ch <= "\ue002" for ch in short_), key
            checked += 1
        assert checked > 40
    finally:
        set_lang(before)
