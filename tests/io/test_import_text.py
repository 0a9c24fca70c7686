"""The fast paths of ``nfc``/``fold`` (and the importer's cached ``clean``) give exactly what
their definitions give."""
from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tracker.domain.text import _fold_reference, _nfc_reference, fold, fold_clean, nfc
from tracker.services.importing import clean

VIETNAMESE = st.text(alphabet=st.sampled_from(list(
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÐðĐđ0123456789,.;:/()-–—\u00a0\u200b\ufeff\t\n\u0301\u0300\u0303\u0309\u0323\u034føßİﬁ")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(VIETNAMESE, st.sampled_from(["NFC", "NFD"]))
@example("Phòng Tài chính – Kế hoạch", "NFC")
@example("  Đơn  vị\tchủ trì ", "NFD")
def test_clean_is_nfc(text, form):
    text = unicodedata.normalize(form, text)
    assert clean(text) == nfc(text) == _nfc_reference(text)


@settings(max_examples=400, deadline=None)
@given(VIETNAMESE, st.sampled_from(["NFC", "NFD"]))
@example("Ủy ban nhân dân Phường Đông Lương", "NFC")
@example("x\u034fy", "NFD")
def test_fold_fast_path_is_fold(text, form):
    text = unicodedata.normalize(form, text)
    assert fold(text) == _fold_reference(text)


@given(st.text(max_size=30))
def test_any_text(text):
    assert clean(text) == nfc(text) == _nfc_reference(text)
    assert fold(text) == _fold_reference(text)
    assert fold_clean(nfc(text)) == fold(nfc(text))


@settings(max_examples=400, deadline=None)
@given(VIETNAMESE, st.sampled_from(["NFC", "NFD"]))
@example("Ủy ban nhân dân Phường Đông Lương", "NFC")
@example("a \u0301 b", "NFC")
@example("\u0301", "NFC")
@example("Ủy ban “trích dẫn” Ø ǿ \u212a \u212b ≠ ﬁ", "NFC")
def test_fold_clean_is_fold_of_stored_text(text, form):
    """The word-cached fold (content_folded on import) agrees with fold on stored text —
    twice, so the second call answers from the cache."""
    stored = nfc(unicodedata.normalize(form, text))
    assert fold_clean(stored) == fold(stored)
    assert fold_clean(stored) == fold(stored)


def test_cells_of_other_types():
    import datetime as dt

    assert clean(None) == "" and clean(3.0) == "3" and clean(dt.date(2021, 6, 30)) == "30/06/2021"


@settings(max_examples=300, deadline=None)
@given(st.lists(VIETNAMESE, min_size=1, max_size=40), st.integers(min_value=1, max_value=12))
def test_lookalikes_are_found_in_short_and_long_text(texts, times):
    """``_has_lookalike`` (a scan per character in long text, the regex in short) finds what
    the character class finds — in a column's chunk of several hundred characters too."""
    import re

    from tracker.domain.text import _LOOKALIKE_CHARS, _has_lookalike

    pattern = re.compile("[" + "".join(re.escape(ch) for ch in _LOOKALIKE_CHARS) + "]")
    for text in ("|".join(texts), "|".join(texts) * times, "a" * 300 + "|".join(texts)):
        assert _has_lookalike(text) == (pattern.search(text) is not None)
