"""Make the upgrade fixtures: one SQLite store per schema revision, built by the migrations
themselves (0001 … head) and holding the rows of ``DATA`` in every table.

    .venv/bin/python tests/data/upgrade/make_fixtures.py          # the revisions without one
    .venv/bin/python tests/data/upgrade/make_fixtures.py --all    # all of them again

``tests/test_upgrades.py`` upgrades each to the newest revision (SQLite, and PostgreSQL with
the same rows), checks every row, downgrades and upgrades again.  A new migration needs a
fixture: run this script and commit ``<revision>.db``.  A migration that adds a NOT NULL
column without a default stops it with the column's name: give the rows below a value for
it (the rows are written with the columns their revision has, so one set serves them all).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
d, ts = dt.date, dt.datetime

# every table, with the awkward values a real register holds: diacritics (NFC), NULLs,
# deadlines at a year's end, a task done late, one cancelled, an ongoing one, a sub-directive
DATA: dict[str, list[dict]] = {
    "unit": [
        dict(id=1, code="TCKH", name="Phòng Tài chính - Kế hoạch", name_folded="phong tai chinh - ke hoach",
             kind="department", aliases="TC-KH|Phòng TC-KH", aliases_folded="tc-kh|phong tc-kh",
             active=True, created_at=ts(2020, 1, 2, 8, 0, 0)),
        dict(id=2, code="P5", name="UBND Phường 5", name_folded="ubnd phuong 5", kind="ward",
             aliases="Phường 5", aliases_folded="phuong 5", active=True, created_at=ts(2020, 1, 2, 8, 0, 1)),
        dict(id=3, code="QLĐT", name="Phòng Quản lý đô thị (cũ)", name_folded="phong quan ly do thi (cu)",
             kind="other", aliases="", aliases_folded="", active=False, created_at=ts(2020, 1, 2, 8, 0, 2)),
    ],
    "directive": [
        dict(id=1, number="320-KL/TU", number_key="320-kl/tu", type_code="KL", issuer="Tỉnh ủy",
             issue_date=d(2019, 12, 4), title="Kết luận về phát triển đô thị",
             title_folded="ket luan ve phat trien do thi", signer="Bí thư", parent_id=None, notes="",
             created_at=ts(2020, 1, 3, 9, 0), updated_at=ts(2020, 1, 3, 9, 0), version=1),
        dict(id=2, number="67/KH-UBND", number_key="67/kh-ubnd", type_code="KH", issuer="UBND thành phố",
             issue_date=d(2020, 1, 10), title="Kế hoạch triển khai Kết luận 320-KL/TU",
             title_folded="ke hoach trien khai ket luan 320-kl/tu", signer="", parent_id=1,
             notes="ghi chú “trích”", created_at=ts(2020, 1, 10, 9, 0), updated_at=ts(2020, 2, 1, 9, 0),
             version=2),
    ],
    "task": [
        dict(id=1, directive_id=2, ext_key="G-1", content="Rà soát quy hoạch đô thị", content_folded="ra soat quy hoach do thi",
             lead_unit_id=1, leader="PCT Nguyễn Văn A", work_group="Đô thị", deadline=d(2020, 12, 31),
             deadline_text="năm 2020", deadline_kind="year", deadline_effective=d(2020, 12, 31),
             original_deadline=d(2020, 6, 30), original_deadline_text="6 tháng đầu năm 2020",
             status="done", done_on=d(2021, 1, 4), proof="Báo cáo số 12/BC-UBND ngày 04/01/2021",
             cancel_reason="", notes="", created_at=ts(2020, 1, 10, 10, 0), updated_at=ts(2021, 1, 4, 10, 0),
             version=4),
        dict(id=2, directive_id=2, ext_key=None, content="Báo cáo tiến độ hằng quý", content_folded="bao cao tien do hang quy",
             lead_unit_id=2, leader="", work_group="", deadline=None, deadline_text="thường xuyên",
             deadline_kind="ongoing", deadline_effective=None, original_deadline=None,
             original_deadline_text="thường xuyên", status="open", done_on=None, proof="", cancel_reason="",
             notes="", created_at=ts(2020, 1, 10, 10, 1), updated_at=ts(2020, 1, 10, 10, 1), version=1,
             recurrence_id=1, period="2021-Q1", assigned_on=d(2021, 1, 1)),
        dict(id=3, directive_id=1, ext_key="G-3", content="Lập đề án chỉnh trang", content_folded="lap de an chinh trang",
             lead_unit_id=3, leader="", work_group="", deadline=d(2021, 5, 1), deadline_text="trước ngày 01/5/2021",
             deadline_kind="exact", deadline_effective=d(2021, 5, 4), original_deadline=d(2021, 5, 1),
             original_deadline_text="trước ngày 01/5/2021", status="cancelled", done_on=None, proof="",
             cancel_reason="Không còn phù hợp", notes="", created_at=ts(2020, 2, 1, 8, 0),
             updated_at=ts(2021, 3, 1, 8, 0), version=2),
    ],
    "task_support": [
        dict(task_id=1, unit_id=2, position=0),
        dict(task_id=1, unit_id=3, position=1),
    ],
    "extension": [
        dict(id=1, task_id=1, old_deadline=d(2020, 6, 30), old_deadline_text="6 tháng đầu năm 2020",
             new_deadline=d(2020, 12, 31), new_deadline_text="năm 2020", reason="Chờ ý kiến Sở Xây dựng",
             at=ts(2020, 6, 20, 14, 30), by="văn thư"),
    ],
    "progress_note": [
        dict(id=1, task_id=1, on=d(2020, 9, 30), text="Đã hoàn thành 60%", percent=60, by="văn thư",
             at=ts(2020, 9, 30, 16, 0)),
        dict(id=2, task_id=2, on=d(2021, 3, 31), text="Quý I đã báo cáo", percent=None, by="", at=ts(2021, 3, 31, 16, 0)),
    ],
    "history": [
        dict(id=1, entity="task", entity_id=1, action="create", field="", old=None,
             new="Rà soát quy hoạch đô thị", at=ts(2020, 1, 10, 10, 0), by="văn thư", batch="b1"),
        dict(id=2, entity="task", entity_id=1, action="done", field="status", old="open", new="done",
             at=ts(2021, 1, 4, 10, 0), by="văn thư", batch="b2"),
        dict(id=3, entity="directive", entity_id=2, action="update", field="notes", old="",
             new="ghi chú “trích”", at=ts(2020, 2, 1, 9, 0), by="lan", batch=None),
    ],
    "calendar_override": [
        dict(day=d(2021, 4, 24), kind="work", name="Làm bù cho ngày 30/4"),
        dict(day=d(2021, 5, 3), kind="off", name="Nghỉ bù"),
    ],
    "known_name": [  # (0005 seeds the usual issuers and registers the stored names first)
        dict(id=100, kind="leader", name="PCT Trần Thị Bích", name_folded="pct tran thi bich",
             aliases="PCT Bích|Phó Chủ tịch Bích", created_at=ts(2021, 2, 1, 8, 0)),
        dict(id=101, kind="issuer", name="Sở Xây dựng", name_folded="so xay dung", aliases="SXD",
             created_at=ts(2021, 2, 1, 8, 1)),
    ],
    "recurrence": [
        dict(id=1, directive_id=2, content="Báo cáo tiến độ hằng quý", lead_unit_id=2, leader="",
             work_group="", rule_text="hằng quý, trước ngày 15 của tháng cuối quý", frequency="quarter",
             starts_on=d(2021, 1, 1), ends_on=None, created_at=ts(2021, 1, 2, 8, 0),
             updated_at=ts(2021, 1, 2, 8, 0), version=1),
    ],
    "saved_view": [
        dict(id=1, name="Quá hạn của TCKH", filters='{"units": ["TCKH"], "timeliness": ["open_overdue"]}',
             created_at=ts(2021, 1, 5, 8, 0)),
    ],
}


def script_directory():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from tracker.store.db import MIGRATIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg, ScriptDirectory.from_config(cfg)


def revisions() -> list[str]:
    """Every revision, oldest first."""
    _cfg, script = script_directory()
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def alembic_to(conn, target: str, *, down: bool = False) -> None:
    from alembic import command

    cfg, _script = script_directory()
    cfg.attributes["connection"] = conn
    (command.downgrade if down else command.upgrade)(cfg, target)


def fill(conn) -> None:
    """DATA's rows, each with the columns the store's revision has."""
    from sqlalchemy import MetaData, insert

    meta = MetaData()
    meta.reflect(conn)
    for name in [t.name for t in meta.sorted_tables if t.name != "alembic_version"]:
        table = meta.tables[name]
        rows = DATA.get(name)
        if not rows:
            sys.exit(f"table {name} has no rows in DATA: add some")
        cols = {c.name for c in table.columns}
        for c in table.columns:
            if not c.nullable and c.server_default is None and not c.primary_key \
                    and any(c.name not in r for r in rows):
                sys.exit(f"{name}.{c.name} is NOT NULL without a default: give DATA's rows a value")
        for r in rows:  # a row at a time: one list of rows is inserted with its first's columns
            conn.execute(insert(table), {k: v for k, v in r.items() if k in cols})


def make(revision: str) -> Path:
    from sqlalchemy import create_engine

    target = HERE / f"{revision}.db"
    tmp = target.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{tmp}")
    with engine.begin() as conn:
        alembic_to(conn, revision)
    with engine.begin() as conn:
        fill(conn)
    engine.dispose()
    db = sqlite3.connect(tmp)  # one self-contained file, small and stable
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("VACUUM")
    db.close()
    tmp.replace(target)
    return target


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--all", action="store_true", help="make every fixture again")
    args = ap.parse_args()
    for rev in revisions():
        if args.all or not (HERE / f"{rev}.db").exists():
            print(f"made {make(rev)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[2]))
    sys.exit(main())
