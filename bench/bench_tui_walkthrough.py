"""Walk through the app in a real terminal (tmux), the way a new clerk would.

    .venv/bin/python bench/bench_tui_walkthrough.py [--keep] [--lang vi|en]

Makes a small store with the CLI, starts ``tracker`` with no command in a 120×36 tmux
window, then: goes to the task list, adds a task through the form (unit typed without
diacritics, deadline as people write it), finds it with a diacritic-free search, marks it
done with a proof, reopens it, extends it with a reason, opens its detail and reads the
history — reading the screen after every step and checking the words it should show.
Every screen is printed; the script exits 1 at the first step whose words are missing.
Needs tmux.  ``--keep`` leaves the tmux session and the store for a look afterwards.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRACKER = str(ROOT / ".venv" / "bin" / "tracker")
SESSION = "tracker-walkthrough"
TODAY = "15/06/2021"


def sh(*args: str, check: bool = True) -> str:
    return subprocess.run(args, check=check, capture_output=True, text=True).stdout


def tracker(db: str, *args: str) -> str:
    return sh(TRACKER, "--db", db, "--today", TODAY, "--user", "thuky", *args)


def make_store(db: str) -> None:
    tracker(db, "init")
    tracker(db, "unit", "add", "TCKH", "Phòng Tài chính - Kế hoạch", "--alias", "Phòng TC-KH")
    tracker(db, "unit", "add", "QLDT", "Phòng Quản lý đô thị")
    tracker(db, "unit", "add", "P5", "UBND Phường 5", "--kind", "ward")
    tracker(db, "directive", "add", "320-KL/TU", "--type", "KL", "--issuer", "Tỉnh ủy",
            "--date", "04/12/2019", "--title", "Kết luận về phát triển đô thị")
    tracker(db, "directive", "add", "67/KH-UBND", "--type", "KH", "--issuer", "UBND thành phố",
            "--date", "10/01/2020", "--title", "Kế hoạch triển khai Kết luận 320-KL/TU",
            "--parent", "320-KL/TU")
    tracker(db, "task", "add", "--directive", "67/KH-UBND", "Rà soát hồ sơ giải phóng mặt bằng",
            "--lead", "TCKH", "--due", "30/06/2021")
    tracker(db, "task", "add", "--directive", "67/KH-UBND", "Báo cáo tiến độ chỉnh trang đô thị",
            "--lead", "QLDT", "--due", "01/06/2021")


class Terminal:
    def __init__(self, command: str, width: int = 120, height: int = 36) -> None:
        sh("tmux", "kill-session", "-t", SESSION, check=False)
        sh("tmux", "new-session", "-d", "-s", SESSION, "-x", str(width), "-y", str(height),
           command)
        self.step = 0

    def keys(self, *keys: str, pause: float = 0.35) -> None:
        for key in keys:
            sh("tmux", "send-keys", "-t", SESSION, key)
            time.sleep(pause)

    def type(self, text: str) -> None:
        # a few characters at a time: a clerk's typing, not one burst the terminal
        # might deliver together with the next key
        for i in range(0, len(text), 4):
            sh("tmux", "send-keys", "-t", SESSION, "-l", "--", text[i:i + 4])
            time.sleep(0.05)
        time.sleep(0.4)

    def screen(self) -> str:
        return sh("tmux", "capture-pane", "-p", "-t", SESSION)

    def expect(self, title: str, *words: str, timeout: float = 6.0) -> str:
        self.step += 1
        deadline = time.time() + timeout
        while True:
            text = self.screen()
            missing = [w for w in words if w not in text]
            if not missing or time.time() > deadline:
                break
            time.sleep(0.2)
        print(f"\n=== {self.step}. {title} ===")
        print(text.rstrip())
        if missing:
            print(f"\n✗ missing on screen: {missing}")
            raise SystemExit(1)
        print(f"✓ {', '.join(words)}")
        return text

    def close(self) -> None:
        sh("tmux", "kill-session", "-t", SESSION, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        raise SystemExit(2)
    vi = args.lang == "vi"
    tmp = tempfile.mkdtemp(prefix="tracker-walk-")
    db = os.path.join(tmp, "walk.db")
    make_store(db)
    term = Terminal(f"{TRACKER} --db {db} --today {TODAY} --user thuky --lang {args.lang}")
    try:
        term.expect("the app opens on Today", "Hôm nay" if vi else "Today",
                    "15/06/2021 · thuky", "Quá hạn" if vi else "Overdue", timeout=15)
        term.keys("2")
        term.expect("the task list: open work, oldest deadline first",
                    "Báo cáo tiến độ chỉnh", "2 nhiệm vụ" if vi else "2 tasks")

        term.keys("n", pause=1.0)
        term.expect("the new-task form, the directive taken from the cursor's task",
                    "Giao nhiệm vụ mới" if vi else "New task", "67/KH-UBND")
        term.keys("Tab")
        term.type("Kiểm tra tiến độ dự án đường Lê Lợi")
        term.keys("Tab")
        term.type("phong tai chinh")
        term.keys("Tab")
        term.type("qldt; p.5")
        term.keys("Tab")
        term.type("Quý III/2021")
        term.expect("every field says what it understood",
                    "TCKH · Phòng Tài chính - Kế hoạch", "P5 · UBND Phường 5", "30/09/2021")
        term.keys("C-s", pause=1.0)
        term.expect("saved: the list shows the new task", "Kiểm tra tiến độ dự án",
                    "3 nhiệm vụ" if vi else "3 tasks")

        term.keys("/")
        term.type("duong le loi")
        term.keys("Enter")
        term.expect("a search without diacritics finds it", "Kiểm tra tiến độ dự án",
                    "1 nhiệm vụ" if vi else "1 task")

        term.keys("d", pause=1.0)
        term.expect("the done form, today's date filled in", "15/06/2021")
        term.keys("Tab")
        term.type("Báo cáo số 15/BC-TCKH")
        term.keys("C-s", pause=1.0)
        term.expect("done: gone from the open work", "0 nhiệm vụ" if vi else "0 tasks")

        term.keys("C-l", pause=1.0)
        term.keys("/")
        term.type("duong le loi")
        term.keys("Enter")
        term.expect("every task again, the done one among them",
                    "Xong đúng hạn" if vi else "Done on time")
        term.keys("r", pause=1.0)
        term.keys("C-s", pause=1.0)
        term.expect("reopened", "Trong hạn" if vi else "On time")

        term.keys("x", pause=1.0)
        term.type("trong tháng 10/2021")
        term.expect("the extension form reads the new deadline", "31/10/2021")
        term.keys("C-s", pause=0.8)
        term.expect("a reason is required", "Cần ghi lý do" if vi else "A reason is required")
        term.keys("Tab")
        term.type("Chờ ý kiến Sở Xây dựng")
        term.keys("C-s", pause=1.0)
        term.expect("extended", "31/10/2021")

        term.keys("Enter", pause=1.0)
        term.expect("the detail and its history", "Chờ ý kiến Sở Xây dựng",
                    "gia hạn" if vi else "extended", "hoàn thành" if vi else "done",
                    "Báo cáo số 15/BC-TCKH")
        term.keys("Escape", "?", pause=1.0)
        term.expect("help lists every key", "Giao việc" if vi else "New task",
                    "Hoàn thành" if vi else "Done")
        term.keys("Escape", "q", pause=1.0)
        print("\n✓ walk-through complete")
    finally:
        if args.keep:
            print(f"(tmux session {SESSION!r} and store {db} kept)")
        else:
            term.close()
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
