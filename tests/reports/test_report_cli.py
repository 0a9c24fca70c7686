"""`tracker report …` end to end on a store built through the services (store_fixture),
as of 15/06/2021 (the test runner's --today)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from golden_files import check_golden
from store_fixture import build_office

ESC = "\x1b"


@pytest.fixture
def store(office, run):
    ids = build_office(office)
    return run, ids


# --------------------------------------------------------------------------- overdue


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overdue_plain_golden(store, lang):
    run, _ids = store
    res = run("report", "overdue", lang=lang)
    assert res.code == 0, res.stderr
    assert ESC not in res.stdout  # not a terminal: plain text
    check_golden(f"cli_overdue_{lang}.txt", res.stdout)


def test_overdue_markdown_golden(store):
    run, _ids = store
    res = run("report", "overdue", "--format", "markdown")
    assert res.code == 0, res.stderr
    check_golden("cli_overdue_vi.md", res.stdout)


def test_overdue_content(store):
    run, ids = store
    out = run("report", "overdue").stdout
    lines = out.splitlines()
    assert lines[1] == "Tổng cộng: 4 nhiệm vụ quá hạn tại 3 đơn vị; 2 nhiệm vụ đến hạn trong 7 ngày tới."
    # worst unit first: two overdue tasks in Phường 5
    assert lines.index("1. UBND Phường 5: 2 nhiệm vụ quá hạn, lâu nhất 5 ngày") \
        < lines.index("2. Phòng Tài chính - Kế hoạch: 1 nhiệm vụ quá hạn, lâu nhất 76 ngày")
    # a deadline on Saturday 12/06 is met by Monday 14/06: one day late on 15/06
    sat = next(l for l in lines if l.strip().startswith(f"{ids['saturday']}  "))
    assert "14/06/2021" in sat and sat.split()[-1] == "1"
    # the extension is counted
    ext = next(l for l in lines if l.strip().startswith(f"{ids['market_extended']}  "))
    assert "31/05/2021" in ext and "15    1" in ext
    # due today and due in three days; nothing done, cancelled, ongoing or later
    assert "hôm nay" in out
    for name in ("budget_on_time", "invest_late", "ongoing", "later", "cancelled"):
        assert not any(l.strip().startswith(f"{ids[name]}  ") for l in lines), name


def test_exit_status(store):
    run, _ids = store
    assert run("report", "overdue").code == 0
    assert run("report", "overdue", "--fail-on-overdue").code == 3
    # nothing overdue for this unit: 0 even with --fail-on-overdue
    res = run("report", "overdue", "--unit", "TNMT", "--fail-on-overdue")
    assert res.code == 0 and "Không có nhiệm vụ quá hạn" in res.stdout


def test_quiet_if_none(store):
    run, _ids = store
    res = run("report", "overdue", "--unit", "TNMT", "--quiet-if-none")
    assert res.code == 0 and res.stdout == ""
    res = run("report", "overdue", "--unit", "TNMT", "--quiet-if-none", "--format", "json")
    assert res.stdout == ""
    res = run("report", "overdue", "--quiet-if-none")
    assert "Tổng cộng: 4 nhiệm vụ quá hạn" in res.stdout


def _json(run, *args):
    res = run("report", "overdue", "--format", "json", *args)
    assert res.code == 0, res.stderr
    return json.loads(res.stdout)


def _ids_of(data):
    return sorted(t["task_id"] for g in data["groups"] for t in g["tasks"])


def test_filters(store):
    run, ids = store
    # a unit as people type it, without diacritics
    data = _json(run, "--unit", "phong tai chinh")
    assert _ids_of(data) == [ids["revenue_overdue"]]
    assert data["filters"] == {"unit": "Phòng Tài chính - Kế hoạch"}
    assert [t["task_id"] for t in data["due_soon"]] == [ids["due_today"]]
    # a leader without diacritics or case
    assert _ids_of(_json(run, "--leader", "hoang nam")) == sorted(
        [ids["revenue_overdue"], ids["clearance_overdue"]])
    assert _ids_of(_json(run, "--issuer", "tinh uy")) == [ids["clearance_overdue"]]
    assert _ids_of(_json(run, "--directive", "320-KL/TU")) == [ids["clearance_overdue"]]
    # overdue by 10 days or more
    assert _ids_of(_json(run, "--min-days", "10")) == sorted(
        [ids["revenue_overdue"], ids["market_extended"]])
    assert [t["task_id"] for t in _json(run, "--within", "2")["due_soon"]] == [ids["due_today"]]
    data = _json(run, "--unit", "P5", "--unit", "QLDT")
    assert _ids_of(data) == sorted([ids["clearance_overdue"], ids["saturday"], ids["market_extended"]])


def test_limit_keeps_counts_whole(store):
    run, ids = store
    data = _json(run, "--limit", "1")
    p5 = next(g for g in data["groups"] if g["unit"] == "UBND Phường 5")
    assert p5["count"] == 2 and len(p5["tasks"]) == 1
    assert p5["tasks"][0]["task_id"] == ids["clearance_overdue"]  # the longest overdue
    assert data["total_overdue"] == 4 and data["due_soon_total"] == 2
    assert len(data["due_soon"]) == 1
    text = run("report", "overdue", "--limit", "1").stdout
    assert "... và 1 nhiệm vụ quá hạn khác" in text and "... và 1 nhiệm vụ khác" in text


def test_unknown_names_are_refused_clearly(store):
    run, _ids = store
    res = run("report", "overdue", "--leader", "Nguyễn Văn Không")
    assert res.code == 1
    assert "Nguyễn Văn Không" in res.stderr and "PCT Hoàng Nam" in res.stderr
    assert "Traceback" not in res.stderr
    res = run("report", "overdue", "--unit", "Phòng Không Có")
    assert res.code == 1 and "Traceback" not in res.stderr


def test_machine_formats(store):
    run, ids = store
    rows = list(csv.DictReader(io.StringIO(run("report", "overdue", "--format", "csv").stdout)))
    assert len(rows) == 6 and {r["section"] for r in rows} == {"overdue", "due_soon"}
    lines = run("report", "overdue", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 6
    first = json.loads(lines[0])
    assert first["unit"] == "UBND Phường 5" and first["deadline"] == "2021-06-10"


def test_binary_format_to_a_file(store, tmp_path):
    run, _ids = store
    path = tmp_path / "qua-han.xlsx"
    res = run("report", "overdue", "--format", "xlsx", "--output", str(path))
    assert res.code == 0 and path.stat().st_size > 0
    import openpyxl

    ws = openpyxl.load_workbook(path).worksheets[0]
    assert sum(1 for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)) == 4


def test_colour_only_for_a_person_at_a_terminal(monkeypatch):
    from tracker.cli import report as cli_report

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert cli_report._wants_colour(False, None)
    assert not cli_report._wants_colour(True, None)          # --plain
    assert not cli_report._wants_colour(False, "out.txt")    # a file
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli_report._wants_colour(False, None)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr("sys.stdout", io.StringIO())         # a pipe
    assert not cli_report._wants_colour(False, None)


# --------------------------------------------------------------------------- summary


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_summary_plain_golden(store, lang):
    run, _ids = store
    res = run("report", "summary", lang=lang)
    assert res.code == 0, res.stderr
    check_golden(f"cli_summary_{lang}.txt", res.stdout)


def test_summary_markdown_golden(store):
    run, _ids = store
    res = run("report", "summary", "--period", "năm 2021", "--format", "markdown")
    assert res.code == 0, res.stderr
    check_golden("cli_summary_2021_vi.md", res.stdout)


def _summary(run, *args):
    res = run("report", "summary", "--format", "json", *args)
    assert res.code == 0, res.stderr
    return json.loads(res.stdout)


def test_summary_counts_match_the_python_rule(store, office):
    """Counts aggregated in SQL equal the Python status rule applied task by task."""
    from collections import Counter

    from tracker.domain.status import timeliness
    from tracker.services.query import list_tasks

    run, _ids = store
    data = _summary(run)
    tasks = list_tasks(office)
    by_unit: dict = {}
    for t in tasks:
        by_unit.setdefault(t.lead, Counter())[
            timeliness(t.status, t.deadline_effective, t.done_on, office.today)] += 1
    assert {r["key"]: {k: r[k] for k in ("done_on_time", "done_late", "open_on_time",
                                         "open_overdue", "no_deadline", "cancelled")}
            for r in data["rows"]} == {
        u: {k: c.get(k, 0) for k in ("done_on_time", "done_late", "open_on_time",
                                     "open_overdue", "no_deadline", "cancelled")}
        for u, c in by_unit.items()}
    assert data["totals"]["assigned"] == len(tasks) == 11


def test_summary_periods_in_deadline_words(store):
    run, _ids = store
    # assigned basis: directives dated in 2021 (18/KH-UBND, 15/01/2021)
    data = _summary(run, "--period", "năm 2021")
    assert data["period"] == {"from": "2021-01-01", "to": "2021-12-31", "label": "năm 2021",
                              "basis": "assigned"}
    assert data["totals"]["assigned"] == 7
    assert _summary(run, "--period", "Quý I/2021")["totals"]["assigned"] == 7
    # a bare year is that year (the label keeps what was typed)
    data = _summary(run, "--period", "2021")
    assert data["period"]["from"] == "2021-01-01" and data["period"]["to"] == "2021-12-31"
    assert data["totals"]["assigned"] == 7
    assert _summary(run, "--period", "Quý II/2021")["totals"]["assigned"] == 0
    assert _summary(run, "--from", "năm 2019", "--to", "năm 2020")["totals"]["assigned"] == 4
    # deadline basis: the work due in Quý II/2021
    data = _summary(run, "--period", "Quý II/2021", "--basis", "deadline")
    t = data["totals"]
    assert (t["assigned"], t["open_overdue"], t["open_on_time"]) == (5, 3, 2)
    assert _summary(run, "--period", "6 tháng đầu năm 2021", "--basis", "deadline")[
        "totals"]["assigned"] == 7
    assert _summary(run, "--from", "01/04/2021", "--to", "30/06/2021", "--basis",
                    "deadline")["totals"] == t


def test_summary_breakdowns(store):
    run, _ids = store
    rows = {r["label"]: r for r in _summary(run, "--by", "leader")["rows"]}
    assert rows["PCT Hoàng Nam"]["assigned"] == 5 and rows[""]["assigned"] == 1
    rows = {r["label"]: r for r in _summary(run, "--by", "issuer")["rows"]}
    assert rows == {**rows} and rows["Tỉnh ủy"]["open_overdue"] == 1
    assert set(rows) == {"Tỉnh ủy", "UBND thành phố"}
    labels = [r["label"] for r in _summary(run, "--by", "directive")["rows"]]
    assert labels == ["320-KL/TU (04/12/2019)", "67/KH-UBND (10/01/2020)", "18/KH-UBND (15/01/2021)"]
    rows = _summary(run, "--by", "month", "--basis", "deadline")["rows"]
    assert [r["key"] for r in rows][:3] == ["2020-06", "2020-12", "2021-03"]
    assert [r["label"] for r in rows][:1] == ["06/2020"]
    groups = {r["label"] for r in _summary(run, "--by", "group")["rows"]}
    assert groups == {"Kinh tế", "Đô thị", "Xã hội", "Môi trường"}
    text = run("report", "summary", "--by", "month", "--basis", "deadline").stdout
    assert "(chưa xác định)" in text  # the ongoing task has no deadline month


def test_summary_bad_periods_are_usage_errors(store):
    run, _ids = store
    res = run("report", "summary", "--period", "quý V/2021")
    assert res.code == 2 and "quý V/2021" in res.stderr and "Traceback" not in res.stderr
    res = run("report", "summary", "--from", "01/07/2021", "--to", "01/01/2021")
    assert res.code == 2
    res = run("report", "summary", "--period", "thường xuyên")
    assert res.code == 2


def test_summary_docx_paper(store, tmp_path):
    import docx as python_docx

    run, _ids = store
    path = tmp_path / "bao-cao.docx"
    res = run("report", "summary", "--period", "năm 2021", "--format", "docx", "-o", str(path),
              "--number", "15", "--signer", "Hồ Sỹ Trình")
    assert res.code == 0, res.stderr
    doc = python_docx.Document(str(path))
    head = doc.tables[0]
    assert head.cell(1, 0).text == "Số: 15/BC-UBND"
    assert head.cell(1, 1).text == "Đông Hà, ngày 15 tháng 6 năm 2021"
    texts = [p.text for p in doc.paragraphs]
    assert "Tình hình thực hiện nhiệm vụ năm 2021" in texts
    total = [c.text for c in doc.tables[1].rows[-1].cells]
    assert total[2] == "7"
    overdue = [[c.text for c in r.cells] for r in doc.tables[2].rows]
    assert overdue[1][0].startswith("1. UBND Phường 5")


def test_summary_xlsx_to_redirected_stdout(store, tmp_path):
    run, _ids = store
    res = run("report", "summary", "--format", "xlsx")
    assert res.code == 0  # not a terminal: the bytes go to stdout
    assert res.stdout.startswith("PK")  # a zip (the workbook)


# --------------------------------------------------------------------------- reminders


def test_reminders(store, tmp_path):
    run, _ids = store
    outdir = tmp_path / "nhac-viec"
    res = run("report", "reminders", "--outdir", str(outdir))
    assert res.code == 0, res.stderr
    files = sorted(p.name for p in outdir.iterdir())
    assert files == ["phong-quan-ly-do-thi.txt", "phong-tai-chinh-ke-hoach.txt",
                     "ubnd-phuong-5.txt"]
    lines = res.stdout.splitlines()
    assert lines[0].startswith("UBND Phường 5: 2 quá hạn, 1 sắp đến hạn -> ")
    text = (outdir / "ubnd-phuong-5.txt").read_text(encoding="utf-8")
    assert "Kính gửi: UBND Phường 5" in text
    assert "đơn vị có 2 nhiệm vụ quá hạn và 1 nhiệm vụ đến hạn" in text
    assert "Giải phóng mặt bằng đường Hàm Nghi" in text and "Ra quân tổng vệ sinh" in text
    assert "Tham mưu phương án thu ngân sách" not in text  # another unit's task
    # the unit acts on its letter: a task's text is wrapped over the lines below, never cut
    assert "…" not in text and "(đoạn" in text
    check_golden("cli_reminder_p5_vi.txt", text)


def test_reminders_docx(store, tmp_path):
    import docx as python_docx

    run, _ids = store
    res = run("report", "reminders", "-o", str(tmp_path), "--docx", "--unit", "P5")  # (-o, as every report)
    assert res.code == 0, res.stderr
    doc = python_docx.Document(str(tmp_path / "ubnd-phuong-5.docx"))
    texts = [p.text for p in doc.paragraphs]
    assert "Đôn đốc thực hiện nhiệm vụ quá hạn, sắp đến hạn của UBND Phường 5" in texts
    assert any(t.startswith("Tính đến ngày 15/06/2021, đơn vị có 2 nhiệm vụ quá hạn và 1 "
                            "nhiệm vụ đến hạn") for t in texts)
    assert "III. CÁC NHIỆM VỤ SẮP ĐẾN HẠN (trong 7 ngày tới)" not in texts  # no summary part
    assert "II. CÁC NHIỆM VỤ SẮP ĐẾN HẠN (trong 7 ngày tới)" in texts
    rows = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert rows[1][0].startswith("1. UBND Phường 5: 2 nhiệm vụ quá hạn")
    soon = [[c.text for c in r.cells] for r in doc.tables[2].rows]
    assert soon[1][1:5] == ["Ra quân tổng vệ sinh môi trường", "18/KH-UBND", "18/06/2021", "3"]
    sign = doc.tables[-1].cell(0, 0).text
    assert "- UBND Phường 5;" in sign and "- Lưu: VT." in sign


# --------------------------------------------------------------------------- -o FILE: its format


def test_output_file_is_written_in_the_format_its_name_says(store, tmp_path):
    """``-o summary.xlsx`` without --format wrote plain text into a file named .xlsx (Excel
    then refused it); now the name says the format, and a name no report can be, or one at
    odds with --format, is refused before anything is written."""
    import zipfile

    run, _ids = store
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    xlsx, md, log = tmp_path / "tong-hop.xlsx", tmp_path / "tuan.md", tmp_path / "qua-han.log"
    assert run("report", "summary", "-o", xlsx).code == 0
    assert zipfile.is_zipfile(xlsx)  # a workbook, not text
    assert run("report", "week", "-o", md).code == 0
    assert md.read_text(encoding="utf-8").startswith("#")  # markdown's heading
    assert run("report", "overdue", "-o", log).code == 0  # a name saying no format: text
    assert log.read_text(encoding="utf-8").splitlines()[1].startswith("Tổng cộng:")
    for args, says in ((("report", "summary", "-o", tmp_path / "x.pdf"), "đuôi .pdf"),
                       (("report", "week", "-o", tmp_path / "x.xlsx"), ".txt, .md, .markdown"),
                       (("report", "summary", "--format", "xlsx", "-o", tmp_path / "x.docx"),
                        "mang đuôi .docx nhưng --format là xlsx")):
        res = run(*args)
        assert res.code == 2 and says in res.stderr, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qua-han.log", "tong-hop.xlsx", "tuan.md"]


def test_a_period_with_from_or_to_is_refused(store):
    """``--period "Quý II/2021" --from 01/01/2021`` printed "Quý II/2021 (từ ngày 01/01/2021…)":
    a heading naming one period over the counts of another."""
    run, _ids = store
    for extra in (("--from", "01/01/2021"), ("--to", "31/12/2021")):
        res = run("report", "summary", "--period", "Quý II/2021", *extra)
        assert res.code == 2 and f"bỏ {extra[0]}" in res.stderr and not res.stdout, res.stderr
    assert run("report", "summary", "--period", "Quý II/2021").code == 0


def test_every_report_takes_the_cron_lines_plain_and_width(store):
    """A cron line copied from one report to another keeps working: each text report takes
    --plain and --width (the week's report is plain text always)."""
    run, _ids = store
    for report in ("overdue", "summary", "backlog", "week"):
        args = ("report", report, "--plain", "--width", "80")
        if report == "backlog":
            args += ("--period", "tháng 6/2021")
        res = run(*args)
        assert res.code == 0, (report, res.stderr)
        assert "\x1b[" not in res.stdout and max(map(len, res.stdout.splitlines())) <= 80, report


def test_summary_breakdown_and_basis_read_as_words(store):
    """--by and --basis take what the report's heading says ('Lãnh đạo phụ trách', 'theo
    thời hạn') or the short words a clerk types, as well as the keys."""
    run, _ids = store
    keyed = run("report", "summary", "--by", "leader", "--basis", "deadline", "--format", "json")
    assert keyed.code == 0, keyed.stderr
    for by, basis in (("lãnh đạo", "thời hạn"), ("Lãnh đạo phụ trách", "theo thời hạn"), ("lanh dao", "han")):
        res = run("report", "summary", "--by", by, "--basis", basis, "--format", "json")
        assert res.code == 0 and res.stdout == keyed.stdout, (by, basis, res.stderr)
    res = run("report", "summary", "--by", "quý")
    assert res.code == 2 and "Lãnh đạo phụ trách (leader)" in res.stderr and "Tháng (month)" in res.stderr
    res = run("report", "summary", "--basis", "ngày hoàn thành", lang="en")
    assert res.code == 2 and "by deadline (deadline)" in res.stderr
