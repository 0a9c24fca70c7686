"""Vietnamese text: the NFC stored form, the search fold, the aligned fold used to cut
phrases from the words as written, and Vietnamese sort order (DESIGN §5)."""
from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.text import fold, fold_map, nfc, shorten, vi_sort_key

VI = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
vi_text = st.text(alphabet=st.sampled_from(list(VI + VI.upper() + " -–\u00a0/.,0123456789")),
                  max_size=40)


def test_nfc_stores_one_form():
    assert nfc(unicodedata.normalize("NFD", "Quý II")) == "Quý II"
    assert nfc("  Phòng\u00a0Tài chính \u2013 Kế hoạch\u200b ") == "Phòng Tài chính - Kế hoạch"
    assert nfc(None) == ""


def test_fold():
    assert fold("Đông Hà") == "dong ha"
    assert fold(unicodedata.normalize("NFD", "THƯỜNG XUYÊN")) == "thuong xuyen"
    assert fold("Quý II – 2021") == "quy ii - 2021"
    # Ð (U+00D0) from old TCVN3/VNI converters reads as Đ
    assert fold("QÐ-UBND") == fold("QĐ-UBND") == "qd-ubnd"
    assert nfc("QÐ") == "QĐ"
    assert fold("") == "" and fold(None) == ""


def test_fold_map_points_back_into_the_text():
    text = unicodedata.normalize("NFD", "  Trước\u00a0 ngày 10/12")
    folded, where = fold_map(text)
    assert folded == "truoc ngay 10/12"
    start = folded.index("ngay")
    assert unicodedata.normalize("NFC", text[where[start]: where[start + 3] + 1]) == "ngày"
    assert where[start + 3] - where[start] == 4  # the grave accent of "à" is its own char


def test_shorten():
    assert shorten("Phòng Tài chính - Kế hoạch", 10) == "Phòng Tài…"
    assert shorten("Phòng", 10) == "Phòng"


def test_vietnamese_sort_order():
    names = ["Đông Lương", "Dương", "Ăn", "An", "Âu", "Bắc", "Ô", "Ơ", "O"]
    assert sorted(names, key=vi_sort_key) == ["An", "Ăn", "Âu", "Bắc", "Dương", "Đông Lương",
                                              "O", "Ô", "Ơ"]
    assert sorted(["á", "à", "a", "ạ", "ả", "ã"], key=vi_sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]


@given(st.text(max_size=60))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=60))
def test_nfc_is_idempotent(text):
    assert nfc(nfc(text)) == nfc(text)


@given(st.one_of(st.text(max_size=60), vi_text))
def test_fold_map_agrees_with_fold(text):
    folded, where = fold_map(text)
    assert folded == fold(text)
    assert len(where) == len(folded)
    assert where == sorted(where) and all(0 <= i < len(text) for i in where)


@given(vi_text)
def test_fold_ignores_normal_form_and_case(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == fold(text.upper())
