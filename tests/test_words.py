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


def test_unit_kinds_one_list_and_their_words():
    from tracker.services.units import KINDS
    from tracker.services.words import read_unit_kind
    from tracker.store.models import UNIT_KINDS

    assert KINDS == UNIT_KINDS
    for kind in KINDS:
        assert read_unit_kind(kind) == kind
        for lang in LANGS:
            assert read_unit_kind(t(f"unit.kind.{kind}", lang=lang)) == kind  # what `unit list` shows
    assert read_unit_kind("UBND phường") == read_unit_kind("phuong") == "ward"


def test_unit_kind_typed_as_words(run):
    assert run("init").code == 0
    assert run("unit", "add", "P6", "UBND Phường 6", "--kind", "phường").code == 0
    assert run("unit", "add", "YT", "Trung tâm Y tế", "--kind", "Đơn vị sự nghiệp").code == 0
    assert run("unit", "edit", "YT", "--kind", "khác").code == 0
    kinds = {u["code"]: u["kind"] for u in __import__("json").loads(run("unit", "list", "--format", "json").stdout)}
    assert kinds == {"P6": "ward", "YT": "other"}
    r = run("unit", "add", "BV", "Bệnh viện", "--kind", "bệnh viện")
    assert r.code == 2 and "Phường/xã (ward)" in r.stderr
    assert "BV" not in run("unit", "list", "--format", "json").stdout


def test_a_status_with_its_amount_beside_it():
    """A department writes "Đã hoàn thành 100%" or "Đang thực hiện (80%)" in the status
    cell: the amount is no part of the status."""
    assert read_status("Đã hoàn thành 100%") == read_status("hoàn thành 100 %") == S.DONE
    assert read_status("Đang thực hiện (80%)") == S.OPEN
    assert read_status("50%") is None and read_status("Đang thực hiện, đạt 50%") is None


def test_an_import_reads_a_status_with_its_amount(office, tmp_path):
    from tracker.services.importing import import_files

    f = tmp_path / "nv.csv"
    f.write_text('"Số, ký hiệu văn bản",Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn,Trạng thái,Ngày hoàn thành\n'
                 "320-KL/TU,Rà soát quy hoạch,TCKH,30/06/2021,Đã hoàn thành 100%,10/06/2021\n"
                 "320-KL/TU,Báo cáo kết quả,P5,30/06/2021,Đang thực hiện (80%),\n", encoding="utf-8")
    report = import_files(office, [str(f)])
    assert report.committed, [p.message() for p in report.problems]
