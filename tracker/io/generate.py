"""A synthetic office of any size, in the import formats (for benchmarks and scale tests).

``generate(n, out_dir)`` writes ``units.csv``, ``directives.csv`` and ``tasks.csv`` (or
``tasks.jsonl``) shaped like the sample office: the same units (named as clerks write them),
directives of the same kinds spread over the years, deadlines in the usual Vietnamese forms,
statuses, extensions and progress notes in realistic shares.  Deterministic for a seed;
streamed row by row, so a million tasks take flat memory.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from dateutil.relativedelta import relativedelta

from tracker.domain.dates import format_date
from tracker.io.writers import Column, open_writer

SUBJECTS = [
    "Rà soát, báo cáo tình hình thực hiện", "Xây dựng kế hoạch triển khai", "Tổ chức kiểm tra việc thực hiện",
    "Tham mưu UBND thành phố ban hành văn bản chỉ đạo về", "Đẩy nhanh tiến độ", "Tổng hợp, đề xuất giải pháp về",
    "Hoàn thiện hồ sơ trình phê duyệt", "Phối hợp giải quyết vướng mắc trong", "Tuyên truyền, phổ biến về",
    "Đánh giá kết quả", "Xử lý dứt điểm tồn tại trong", "Kiện toàn, nâng cao hiệu quả",
]
TOPICS = [
    "công tác giải phóng mặt bằng", "thu ngân sách nhà nước", "giải ngân vốn đầu tư công",
    "quản lý trật tự đô thị, trật tự xây dựng", "cải cách hành chính", "chuyển đổi số",
    "phòng, chống dịch COVID-19", "phòng, chống thiên tai", "giảm nghèo bền vững",
    "quản lý đất đai, đất nghĩa địa", "vệ sinh môi trường đô thị", "an toàn thực phẩm",
    "chương trình giáo dục phổ thông mới", "xây dựng văn minh đô thị", "đấu giá quyền sử dụng đất",
    "kêu gọi, thu hút đầu tư", "công tác tiếp công dân, giải quyết đơn thư", "bầu cử đại biểu HĐND",
]
PLACES = ["trên địa bàn thành phố", "tại các phường", "khu vực trung tâm", "dọc Quốc lộ 9",
          "khu đô thị Bắc sông Hiếu", "khu vực phía Đông thành phố", "các chợ trên địa bàn"]
LEADERS = ["Chủ tịch Lê Minh Tuấn", "PCT Hoàng Văn Lợi", "PCT Nguyễn Thị Hạnh"]
GROUPS = ["Kinh tế - ngân sách", "Đô thị", "Đất đai", "Văn hóa - xã hội", "Cải cách hành chính",
          "Chuyển đổi số", "Giải phóng mặt bằng", "Xây dựng cơ bản", "Quốc phòng - an ninh"]
ISSUERS = [("UBND thành phố", "{n}/TB-UBND", "Thông báo"), ("UBND thành phố", "{n}/KH-UBND", "Kế hoạch"),
           ("UBND thành phố", "{n}/UBND-VP", "Công văn"), ("UBND tỉnh", "{n}/UBND-KT", "Công văn"),
           ("Thành ủy", "{n}-KL/TU", "Kết luận"), ("HĐND thành phố", "{n}/NQ-HĐND", "Nghị quyết")]
NOTES = ["Đã xây dựng dự thảo, đang lấy ý kiến", "Đang khảo sát thực địa", "Đã làm việc với các đơn vị liên quan",
         "Vướng mắc về nguồn vốn", "Đang hoàn thiện hồ sơ"]

TASK_COLUMNS = ["key", "directive", "directive_date", "directive_issuer", "content", "lead", "support",
                "leader", "group", "deadline", "status", "done_on", "proof", "progress", "cancel_reason"]


def _units() -> list[tuple[str, str, str, list[str]]]:
    """The sample office's units (code, name, kind, aliases), from its units.csv — in a
    checkout and in an installed wheel alike (``paths.sample_dir``)."""
    import csv

    from tracker.paths import sample_dir

    with open(sample_dir() / "units.csv", encoding="utf-8-sig", newline="") as f:
        return [(r["Mã đơn vị"], r["Tên đơn vị"], r["Loại"], [a for a in r["Tên viết tắt"].split("; ") if a])
                for r in csv.DictReader(f)]


def _deadline_pool(year: int) -> list[tuple[str, dt.date | None]]:
    """Deadline phrases of ``year`` and their dates: they cluster at month and quarter ends."""
    def month_end(y, m):
        return dt.date(y, m, 1) + relativedelta(day=31)  # (day=31: the month's last day)

    pool: list[tuple[str, dt.date | None]] = [
        ("thường xuyên", None), (f"năm {year}", dt.date(year, 12, 31)),
        (f"6 tháng đầu năm {year}", dt.date(year, 6, 30)),
    ]
    for q, roman in enumerate(["I", "II", "III", "IV"], start=1):
        pool.append((f"Quý {roman}/{year}", month_end(year, 3 * q)))
    for m in range(1, 13):
        pool.append((f"trong tháng {m}/{year}", month_end(year, m)))
        for d in (10, 15, 20, month_end(year, m).day):
            pool.append((f"trước ngày {d}/{m}/{year}", dt.date(year, m, d)))
    return pool


RELATIVE = ["trong 10 ngày", "trong 05 ngày làm việc", "trong 30 ngày"]


def _done_share(due: dt.date | None, today: dt.date) -> float:
    """How likely a task is done by ``today``, as in the sample office and the year-end
    review: long-past deadlines are nearly all met, recent ones less so, work not yet due
    mostly still open, standing work (no deadline) about half."""
    if due is None:
        return 0.45
    late = (today - due).days
    if late > 365:
        return 0.97
    if late > 90:
        return 0.92
    if late >= 0:
        return 0.8
    return 0.25


def generate(n: int, out_dir: str | Path, *, fmt: str = "csv", seed: int = 4, today: dt.date = dt.date(2021, 6, 15),
             directives: int | None = None) -> dict[str, Path]:
    """Write a synthetic office of ``n`` tasks to ``out_dir``; returns the paths written."""
    rng = random.Random(seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    units = _units()
    paths = {"units": out / "units.csv", "directives": out / "directives.csv",
             "tasks": out / f"tasks.{fmt}"}
    ucols = [Column(f, h) for f, h in (("code", "Mã đơn vị"), ("name", "Tên đơn vị"), ("kind", "Loại"),
                                          ("aliases", "Tên viết tắt"))]
    with open_writer("csv", paths["units"], ucols) as w:
        for code, name, kind, aliases in units:
            w.write({"code": code, "name": name, "kind": kind, "aliases": "; ".join(aliases)})
    n_dir = directives or max(20, min(5000, n // 200))
    dirs = []
    counters: dict[tuple, int] = {}
    start = dt.date(today.year - 3, 1, 1)
    span = (today - start).days
    for _i in range(n_dir):
        issuer, pattern, kind = rng.choice(ISSUERS)
        day = start + dt.timedelta(days=rng.randrange(span))
        k = (pattern, day.year)
        counters[k] = counters.get(k, 0) + rng.randint(1, 9)
        dirs.append((pattern.format(n=counters[k]), kind, issuer, day,
                     f"{rng.choice(SUBJECTS)} {rng.choice(TOPICS)} năm {day.year}"))
    dcols = [Column(f, h, t) for f, h, t in (("number", "Số, ký hiệu", "text"), ("type", "Loại văn bản", "text"),
                                              ("issuer", "Cơ quan ban hành", "text"), ("date", "Ngày ban hành", "date"),
                                              ("title", "Trích yếu", "text"))]
    with open_writer("csv", paths["directives"], dcols) as w:
        for number, kind, issuer, day, title in dirs:
            w.write({"number": number, "type": kind, "issuer": issuer, "date": day, "title": title})
    pools = {y: _deadline_pool(y) for y in range(start.year, today.year + 2)}
    lead_names = [(u[1], u[3]) for u in units]
    choices_of: dict[dt.date, list[str]] = {}
    ward_names = [u[1] for u in units if u[2] == "UBND phường"]
    if fmt in ("csv", "xlsx"):
        from tracker.io.headers import label

        tcols = [Column(f, label("tasks", f, "vi"), "date" if f in ("directive_date", "done_on") else "text")
                 for f in TASK_COLUMNS]
    else:
        tcols = [Column(f, f) for f in TASK_COLUMNS]
    with open_writer(fmt, paths["tasks"], tcols) as w:
        for i in range(1, n + 1):
            number, _kind, issuer, day, _title = dirs[rng.randrange(n_dir)]
            name, aliases = lead_names[rng.randrange(len(lead_names))]
            lead = name if rng.random() < 0.8 else rng.choice(aliases)
            support = rng.sample(ward_names, rng.choice((0, 0, 1, 2))) if rng.random() < 0.5 else []
            support = [w for w in support if w != name and w not in aliases]  # (a lead never supports itself)
            if rng.random() < 0.05:
                deadline = rng.choice(RELATIVE)
                due: dt.date | None = day + dt.timedelta(days=30)
            else:
                choices = choices_of.get(day)
                if choices is None:
                    choices = choices_of[day] = [(p, d) for p, d in pools[day.year] + pools[day.year + 1][:8]
                                                 if d is None or day <= d <= day + dt.timedelta(days=400)]
                deadline, due = rng.choice(choices)
            roll = rng.random()
            status, done_on, proof = "Đang thực hiện", None, ""
            if roll < _done_share(due, today):
                status = "Đã hoàn thành"
                # most on time, some late: around the deadline (or after the directive)
                around = due if due is not None and due <= today else day + dt.timedelta(days=60)
                done_on = min(today, max(day, around + dt.timedelta(days=rng.randint(-60, 7))))
                proof = f"Báo cáo số {rng.randint(1, 500)}/BC-UBND ngày {format_date(done_on)}"
            elif roll > 0.99:
                status = "Không thực hiện"
            progress = ""
            if rng.random() < 0.3:
                on = min(today, day + dt.timedelta(days=rng.randint(1, 90)))
                progress = f"{format_date(on)}: {rng.choice(NOTES)}"
            row = {
                "key": f"G-{i:07d}", "directive": number, "directive_date": day, "directive_issuer": issuer,
                "content": f"{rng.choice(SUBJECTS)} {rng.choice(TOPICS)} {rng.choice(PLACES)} (việc {i})",
                "lead": lead, "support": support, "leader": rng.choice(LEADERS), "group": rng.choice(GROUPS),
                "deadline": deadline, "status": status, "done_on": done_on, "proof": proof,
                "progress": progress,
            }
            if status == "Không thực hiện":
                row["progress"] = ""
                row["proof"] = ""
                row["status"] = "Không thực hiện"
                row["content"] += " — đã điều chỉnh"
                row["cancel_reason"] = "Không còn phù hợp"
            w.write(row)
    return paths
