"""The paper's number line and signature block as Decree 30/2020 writes them, and the
backlog paper's title: what a clerk types (`--number "Số: 45/BC-UBND"`, `--signer "PCT
Hoàng Văn Lợi"`) printed once, in its place."""
from __future__ import annotations

import datetime as dt

import docx as python_docx
import pytest

from report_samples import summary_report
from store_fixture import build_office
from tracker.reports import docx as paper_docx
from tracker.reports.backlog import BacklogReport, BacklogRow
from tracker.reports.backlog_files import write_backlog_docx


def _paper(tmp_path, lang="vi", **fields):
    path = tmp_path / "p.docx"
    paper_docx.write_docx(path, summary_report(), lang=lang,
                          paper=paper_docx.Paper(date=dt.date(2021, 4, 5), **fields))
    return python_docx.Document(str(path))


def _signature(document):
    return [p.text for p in document.tables[-1].cell(0, 1).paragraphs if p.text]


def _number(document):
    return document.tables[0].cell(1, 0).text


@pytest.mark.parametrize("typed, line", [
    ("45", "Số: 45/BC-UBND"),                       # a bare number takes the symbol
    ("45/BC-UBND", "Số: 45/BC-UBND"),               # a whole one is written once
    ("Số: 45/BC-UBND", "Số: 45/BC-UBND"),           # ... without a second "Số:"
    ("số 45", "Số: 45/BC-UBND"),
    ("45/2021/QĐ-UBND", "Số: 45/2021/QĐ-UBND"),     # its own symbol, the year in it
    (" 45 / BC-UBND ", "Số: 45/BC-UBND"),
])
def test_number_given_whole_is_written_once(tmp_path, typed, line):
    assert _number(_paper(tmp_path, number=typed)) == line


def test_number_line_in_english_takes_its_word_once():
    paper = paper_docx.Paper(number="No.: 45/BC-UBND")
    assert paper_docx.number_line(paper, "en") == "No.: 45/BC-UBND"


@pytest.mark.parametrize("signer", ["PCT Hoàng Văn Lợi", "Phó Chủ tịch Hoàng Văn Lợi",
                                    "P.CT Hoàng Văn Lợi", "pct. Hoàng Văn Lợi",
                                    "Phó Chủ tịch UBND thành phố Hoàng Văn Lợi"])
def test_a_vice_chairman_signs_for_the_chairman(tmp_path, signer):
    assert _signature(_paper(tmp_path, signer=signer)) == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Lợi"]


@pytest.mark.parametrize("signer", ["Chủ tịch Hồ Sỹ Trình", "CT Hồ Sỹ Trình", "Hồ Sỹ Trình"])
def test_the_chairman_signs_as_chairman(tmp_path, signer):
    assert _signature(_paper(tmp_path, signer=signer)) == [
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hồ Sỹ Trình"]


def test_a_surname_like_a_title_is_a_name():
    titles, name = paper_docx.signature_lines(paper_docx.Paper(signer="Chu Văn An"))
    assert (titles, name) == (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Chu Văn An")


def test_a_title_alone_leaves_the_name_to_the_pen():
    titles, name = paper_docx.signature_lines(paper_docx.Paper(signer="PCT"))
    assert titles[1:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] and name == ""


def test_vice_chairman_in_english(tmp_path):
    assert _signature(_paper(tmp_path, lang="en", signer="PCT Hoàng Văn Lợi")) == [
        "ON BEHALF OF THE PEOPLE'S COMMITTEE", "FOR THE CHAIRMAN", "VICE CHAIRMAN",
        "Hoàng Văn Lợi"]


def test_summary_paper_from_the_command(office, run, tmp_path):
    build_office(office)
    out = tmp_path / "s.docx"
    res = run("report", "summary", "--period", "Quý I/2021", "-o", out,
              "--number", "Số: 45/BC-UBND", "--signer", "PCT Hoàng Văn Lợi")
    assert res.code == 0, res.stderr
    document = python_docx.Document(str(out))
    assert _number(document) == "Số: 45/BC-UBND"
    assert _signature(document) == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Lợi"]


# --------------------------------------------------------------------------- backlog paper


def _backlog(lang: str, label: str = "Quý I/2021"):
    row = BacklogRow("Phòng Nội vụ", 3, 1, 4, 2, 1, 4, 2)
    return BacklogReport(today=dt.date(2021, 6, 15), start=dt.date(2021, 1, 1),
                         end=dt.date(2021, 3, 31), period_label=label, by_unit=(row,),
                         by_leader=(row,), total=row)


@pytest.mark.parametrize("lang, kind, subject", [
    ("vi", "BÁO CÁO", "Kết quả rà soát công việc tồn đọng Quý I/2021"),
    ("en", "REPORT", "Backlog review, Q1 2021"),
])
def test_backlog_paper_title_does_not_repeat_its_kind(tmp_path, lang, kind, subject):
    path = tmp_path / "b.docx"
    write_backlog_docx(_backlog(lang), path, lang)
    texts = [p.text for p in python_docx.Document(str(path)).paragraphs if p.text]
    i = texts.index(kind)
    assert texts[i + 1] == subject
    assert not texts[i + 1].casefold().startswith(kind.casefold())


def test_backlog_paper_title_without_a_named_period(tmp_path):
    path = tmp_path / "b.docx"
    write_backlog_docx(_backlog("vi", label=""), path, "vi")
    texts = [p.text for p in python_docx.Document(str(path)).paragraphs if p.text]
    assert texts[texts.index("BÁO CÁO") + 1] == (
        "Kết quả rà soát công việc tồn đọng từ ngày 01/01/2021 đến ngày 31/03/2021")
