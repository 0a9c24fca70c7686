"""services.words: the one reader of typed status and timeliness words."""
from tracker.domain import status as S
from tracker.i18n import LANGS, t
from tracker.services.words import _plain, read_status, read_timeliness


def test_every_timeliness_label_reads_back_to_its_key_and_no_word_names_two():
    seen: dict[str, str] = {}
    for key in S.TIMELINESS:
        assert read_timeliness(key) == key
        for lang in LANGS:
            for label in (f"timeliness.{key}", f"timeliness.short.{key}"):
                shown = t(label, lang=lang)
                assert read_timeliness(shown) == key, (shown, key)
                assert seen.setdefault(_plain(shown), key) == key, shown  # one word, one key


def test_status_words_with_and_without_marks():
    assert read_status("Đã hoàn thành") == read_status("da hoan thanh") == S.DONE
    assert read_status("  Đang thực hiện ") == S.OPEN
    assert read_status("Không thực hiện") == S.CANCELLED
    assert read_status("muộn") is None and read_timeliness("muộn") is None
