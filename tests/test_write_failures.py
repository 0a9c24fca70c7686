"""A file the system will not write — a folder that is not there, a path that is a folder,
a full disk under the nightly job's output — is said in the user's words, naming the file,
exit 1, and leaves nothing behind (no ``.part``): never "unexpected error" and a traceback."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("args,name", [
    (("export", "-o"), "tasks.csv"),
    (("export", "-o"), "tasks.xlsx"),
    (("report", "overdue", "-o"), "overdue.docx"),
    (("report", "overdue", "-o"), "overdue.txt"),
    (("report", "summary", "-o"), "summary.xlsx"),
])
def test_a_file_in_a_folder_that_is_not_there(office, run, tmp_path, args, name):
    target = tmp_path / "no-such-folder" / name
    r = run(*args, target)
    assert r.code == 1, r.stderr
    assert f"Lỗi: Không ghi được {target}: không có thư mục {target.parent}." in r.stderr
    assert "không mong đợi" not in r.stderr
    assert not (tmp_path / "no-such-folder").exists()
    en = run(*args, target, lang="en")
    assert f"Cannot write {target}: there is no folder {target.parent}." in en.stderr


def test_a_file_named_as_a_folder_that_is_there(office, run, tmp_path):
    r = run("export", "-o", tmp_path)
    assert r.code == 1 and f"Không ghi được {tmp_path}: đó là một thư mục." in r.stderr
    assert os.listdir(tmp_path) == [] or all(not n.endswith(".part") for n in os.listdir(tmp_path))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_the_nightly_reports_output_on_a_full_disk(office, db_url):
    """cron's output file on a full disk: said, exit 1 (the admin's mail says why)."""
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "tracker", "--db", db_url, "--today", "15/06/2021",
                            "report", "overdue"], stdout=full, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1] == "Lỗi: Không ghi được đầu ra chuẩn: ổ đĩa đã đầy."
