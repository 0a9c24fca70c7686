"""Our rates against a published government review, to the digit.

Source: Báo cáo số 1270/BC-TCTTTg ngày 27/12/2017 của Tổ công tác của Thủ tướng Chính phủ,
"Kết quả thực hiện các nhiệm vụ của Chính phủ, Thủ tướng Chính phủ giao và kết quả kiểm tra
của Tổ công tác của Thủ tướng năm 2017", mục I.1.a (text at thuvienphapluat.vn, "Báo cáo
1270/BC-TCTTTg 2017"; also reported by qdnd.vn, "Chất lượng thực hiện nhiệm vụ của các bộ,
ngành, địa phương có tiến bộ"):

    "Từ ngày 01/01/2017 đến 25/12/2017, có tổng số 21.914 nhiệm vụ do Chính phủ, Thủ tướng
    Chính phủ giao các bộ, cơ quan, địa phương. Trong đó, có 16.051 nhiệm vụ đến hạn đã hoàn
    thành, đạt 98,62% (đúng hạn: 14.068, quá hạn: 1983); chưa hoàn thành: 5.863 (trong hạn:
    5.640, quá hạn: 223)"

Their rate is ours (DESIGN §3): done ÷ (done + open overdue) = 16.051 ÷ 16.274 = 98,6297…%.
The review prints two decimals cut, not rounded (98,62); we print one decimal rounded
(98,6%) — the same figure to every digit we print.  Counting done ÷ assigned instead
would give 73,2%: the test would catch that mistake.
"""
from __future__ import annotations

import datetime as dt
import io
import math

from golden_files import text_of
from tracker.reports import docx as paper_docx
from tracker.reports import markdown, plain
from tracker.reports.data import BY_UNIT, Counts, SummaryReport, SummaryRow
from tracker.reports.fmt import fmt_percent

PUBLISHED = dict(assigned=21914, done=16051, done_on_time=14068, done_late=1983,
                 open=5863, open_on_time=5640, open_overdue=223, rate_percent="98,62")
COUNTS = Counts(done_on_time=14068, done_late=1983, open_on_time=5640, open_overdue=223)


def review() -> SummaryReport:
    return SummaryReport(by=BY_UNIT, today=dt.date(2017, 12, 25),
                         rows=(SummaryRow("vpcp", "Các bộ, cơ quan, địa phương", COUNTS),),
                         period_from=dt.date(2017, 1, 1), period_to=dt.date(2017, 12, 25),
                         period_label="năm 2017")


def test_counts_add_up_as_published():
    assert COUNTS.assigned == PUBLISHED["assigned"]
    assert COUNTS.done == PUBLISHED["done"]
    assert COUNTS.open == PUBLISHED["open"]


def test_rate_matches_the_published_digits():
    rate = COUNTS.completion_rate
    # the review's two decimals, cut as it cuts them
    assert f"{math.floor(rate * 10000) / 100:.2f}".replace(".", ",") == PUBLISHED["rate_percent"]
    # and what we print: one decimal, rounded
    assert fmt_percent(rate, "vi") == "98,6%"
    assert fmt_percent(rate, "en") == "98.6%"
    # not done ÷ assigned
    assert fmt_percent(COUNTS.done / COUNTS.assigned, "vi") == "73,2%"


def test_printed_reports_state_the_review_figures():
    expected = ("Tổng số 21.914 nhiệm vụ được giao; đã hoàn thành 16.051 (đúng hạn: 14.068, quá "
                "hạn: 1.983); chưa hoàn thành 5.863 (trong hạn: 5.640, quá hạn: 223). Tỷ lệ "
                "hoàn thành 98,6%; tỷ lệ hoàn thành quá hạn 12,4%.")
    text = text_of(plain.summary_lines(review(), "vi", width=400))
    assert expected in text
    total = next(l for l in text.splitlines() if l.startswith("Tổng cộng "))
    assert total.split()[-9:] == ["21.914", "14.068", "1.983", "5.640", "223", "0", "0",
                                  "98,6%", "12,4%"]
    md = text_of(markdown.summary_lines(review(), "vi"))
    assert expected in md
    assert "| **21.914** | **14.068** | **1.983** | **5.640** | **223** | **0** | **0** | " \
           "**98,6%** | **12,4%** |" in md


def test_paper_states_the_review_figures():
    import docx as python_docx

    out = io.BytesIO()
    paper_docx.write_docx(out, review(), paper=paper_docx.Paper(date=dt.date(2017, 12, 27)))
    doc = python_docx.Document(io.BytesIO(out.getvalue()))
    assert doc.tables[0].cell(1, 1).text == "Đông Hà, ngày 27 tháng 12 năm 2017"
    total = [c.text for c in doc.tables[1].rows[-1].cells]
    assert total[2:] == ["21.914", "14.068", "1.983", "5.640", "223", "0", "0", "98,6%", "12,4%"]


# --------------------------------------------------------------------------- a store


def _review_store(path) -> None:
    """A store holding the review's tasks: 21.914 assigned between 01/01/2017 and
    25/12/2017 to 20 bodies, as of 25/12/2017 — 14.068 done by their deadline, 1.983 done
    after it, 5.640 open with time left, 223 open past their deadline.  Written through
    the Core tables (as the importers write), not one service call per task."""
    import random

    from sqlalchemy import insert

    from tracker.domain.text import fold
    from tracker.services.context import Context
    from tracker.store.tables import directive, task, unit

    rng = random.Random(1270)
    today = dt.date(2017, 12, 25)
    ctx = Context.open(str(path), user="tester", today=today, create=True)
    names = [f"Bộ, cơ quan, địa phương số {i:02d}" for i in range(1, 21)]
    kinds = (["done_on_time"] * 14068 + ["done_late"] * 1983 + ["open_on_time"] * 5640
             + ["open_overdue"] * 223)
    rng.shuffle(kinds)
    with ctx.engine.begin() as conn:
        conn.execute(insert(unit), [{"id": i + 1, "code": f"B{i + 1:02d}", "name": n,
                                     "name_folded": fold(n), "kind": "other"}
                                    for i, n in enumerate(names)])
        dirs = []
        for i in range(300):
            day = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(358))  # to 25/12
            dirs.append({"id": i + 1, "number": f"{i + 1}/TB-VPCP", "number_key": f"{i + 1}/tb-vpcp",
                         "type_code": "TB", "issuer": "Văn phòng Chính phủ", "issue_date": day,
                         "title": f"Thông báo kết luận {i + 1}", "title_folded": ""})
        conn.execute(insert(directive), dirs)
        rows = []
        for n, kind in enumerate(kinds, 1):
            d = dirs[rng.randrange(len(dirs))]
            issued = d["issue_date"]
            if kind == "open_on_time":
                deadline = today + dt.timedelta(days=rng.randrange(0, 120))  # today is on time
            else:
                # a deadline that has passed (at most yesterday)
                latest = (today - issued).days - 1
                deadline = issued + dt.timedelta(days=rng.randrange(0, max(1, latest)))
                if deadline >= today:
                    deadline = today - dt.timedelta(days=1)
            status, done_on = "open", None
            if kind == "done_on_time":
                status, done_on = "done", deadline - dt.timedelta(days=rng.randrange(0, 5))
            elif kind == "done_late":
                status = "done"
                done_on = min(today, deadline + dt.timedelta(days=rng.randrange(1, 30)))
            rows.append({"id": n, "directive_id": d["id"], "content": f"Nhiệm vụ {n}",
                         "content_folded": f"nhiem vu {n}",
                         "lead_unit_id": rng.randrange(1, 21), "deadline": deadline,
                         "deadline_text": "", "deadline_kind": "exact",
                         "deadline_effective": deadline, "original_deadline": deadline,
                         "status": status, "done_on": done_on})
        conn.execute(insert(task), rows)
    ctx.close()


def test_store_matching_the_review_prints_its_rate(tmp_path):
    import subprocess
    import sys

    from golden_files import child_env

    db = tmp_path / "review.db"
    _review_store(db)

    def tracker(*args, lang="vi"):
        res = subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "--today",
                              "25/12/2017", "--lang", lang, *args], capture_output=True,
                             env=child_env())
        assert res.returncode == 0, res.stderr.decode()
        return res.stdout.decode("utf-8")

    text = tracker("report", "summary", "--from", "01/01/2017", "--to", "25/12/2017", "--plain",
                   "--width", "400")
    assert ("Tổng số 21.914 nhiệm vụ được giao; đã hoàn thành 16.051 (đúng hạn: 14.068, quá "
            "hạn: 1.983); chưa hoàn thành 5.863 (trong hạn: 5.640, quá hạn: 223). Tỷ lệ hoàn "
            "thành 98,6%; tỷ lệ hoàn thành quá hạn 12,4%.") in text
    total = next(l for l in text.splitlines() if l.startswith("Tổng cộng "))
    assert total.split()[-9:] == ["21.914", "14.068", "1.983", "5.640", "223", "0", "0",
                                  "98,6%", "12,4%"]
    english = tracker("report", "summary", "--period", "năm 2017", "--plain", lang="en")
    assert "Completion rate 98.6%; late share 12.4%." in english

    import json

    data = json.loads(tracker("report", "summary", "--period", "năm 2017", "--format", "json"))
    assert data["totals"]["completion_rate"] == round(16051 / 16274, 6)
    assert sum(r["assigned"] for r in data["rows"]) == 21914 and len(data["rows"]) == 20
    overdue = json.loads(tracker("report", "overdue", "--format", "json"))
    assert overdue["total_overdue"] == 223
