"""A file the system will not write — a folder that is not there, a path that is a folder,
a full disk under the nightly job's output — is said in the user's words, naming the file,
exit 1, and leaves nothing behind (no ``.part``): never "unexpected error" and a traceback."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

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


# -- where a named file's bytes go (paths.WholeFile, one rule for every writer) ---------------
# A link is followed (the real file replaced, the link kept); a device, a FIFO is written
# directly (never replaced by a regular file); a file that is there keeps its mode; a new
# one is 0600.  The tester (root) saw `export -o /dev/full` say "Đã xuất …", exit 0, and
# /dev/full become a regular 0600 file.

OUTPUTS = {  # every writer of a named file, its format said (the names below carry none)
    "export csv": ("export", "--format", "csv", "-o"),
    "export xlsx": ("export", "--format", "xlsx", "-o"),
    "export json": ("export", "--format", "json", "-o"),
    "report xlsx": ("report", "summary", "--format", "xlsx", "-o"),
    "report csv": ("report", "overdue", "--format", "csv", "-o"),
    "backup": ("db", "backup", "--overwrite"),  # (a file that is there: refused without it)
}
STARTS = {"export csv": b"\xef\xbb\xbf", "export xlsx": b"PK", "export json": b"[",
          "report xlsx": b"PK", "report csv": b"section,", "backup": b"SQLite format 3\0"}


@pytest.fixture
def write_to(office, run, sqlite_url, make_run):
    """(what, path) -> the result of writing ``what`` (a key of OUTPUTS) to ``path``."""
    backup = make_run(sqlite_url)
    return lambda what, path: (backup if what == "backup" else run)(*OUTPUTS[what], path)


def _private_full(tmp_path):
    """A device that is always full: a twin of /dev/full made here where this user may (root
    — so a writer that replaced it would replace the twin, not the system's), else itself."""
    st = os.stat("/dev/full")
    twin = tmp_path / "full"
    try:
        os.mknod(twin, stat.S_IFCHR | 0o666, st.st_rdev)
        with open(twin, "wb") as probe:  # (a folder mounted nodev opens no device)
            probe.write(b"")
    except OSError:
        return Path("/dev/full")
    return twin


def _no_part_left(*folders):
    return [p for folder in folders for p in Path(folder).rglob("*.part")] == []


@pytest.mark.parametrize("what", list(OUTPUTS))
def test_a_link_is_followed_and_kept(write_to, tmp_path, what):
    """The link stays; the file it points at (in another folder) is replaced, its mode kept."""
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "the-file"
    real.write_bytes(b"old")
    os.chmod(real, 0o664)
    link = tmp_path / "link"
    link.symlink_to(real)
    r = write_to(what, link)
    assert r.code == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(STARTS[what]) and real.read_bytes() != b"old"
    assert stat.S_IMODE(real.stat().st_mode) == 0o664
    assert _no_part_left(tmp_path)


@pytest.mark.parametrize("what", list(OUTPUTS))
def test_a_file_that_is_there_keeps_its_mode_and_a_new_one_is_private(write_to, tmp_path, what):
    kept, new = tmp_path / "kept", tmp_path / "new"
    kept.write_bytes(b"old")
    os.chmod(kept, 0o664)
    assert write_to(what, kept).code == 0 and write_to(what, new).code == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o664 and kept.read_bytes().startswith(STARTS[what])
    assert stat.S_IMODE(new.stat().st_mode) == 0o600 and new.read_bytes().startswith(STARTS[what])
    assert _no_part_left(tmp_path)


@pytest.mark.parametrize("what", list(OUTPUTS))
def test_a_fifo_is_written_into_not_replaced(write_to, tmp_path, what):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    twin = tmp_path / "pipe-twin"  # the same FIFO under a second name: a way to unblock the
    os.link(fifo, twin)            # reader when the writer replaced the first one
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(Path(fifo).read_bytes()), daemon=True)
    reader.start()
    r = write_to(what, fifo)
    reader.join(5)
    if reader.is_alive():  # the FIFO never opened (a file renamed over it): let the reader go
        os.close(os.open(twin, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
    assert r.code == 0, r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(STARTS[what]) and len(got[0]) > 0
    assert _no_part_left(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode),
                    reason="needs /dev/full, a character device (Linux)")
@pytest.mark.parametrize("what", list(OUTPUTS))
def test_a_full_device_says_the_disk_is_full_and_stays_a_device(write_to, tmp_path, what):
    full = _private_full(tmp_path)
    r = write_to(what, full)
    assert r.code == 1, (r.stdout, r.stderr)
    assert f"Lỗi: Không ghi được {full}: ổ đĩa đã đầy." in r.stderr
    assert "Exception ignored" not in r.stderr and "không mong đợi" not in r.stderr
    assert stat.S_ISCHR(os.lstat(full).st_mode)
    assert _no_part_left(tmp_path)


def _tracker(db_url, *args, stdout):
    return subprocess.run([sys.executable, "-m", "tracker", "--db", db_url, "--today", "15/06/2021",
                           *args], stdout=stdout, stderr=subprocess.PIPE)


@pytest.mark.parametrize("args", [
    ("export", "--format", "csv"),
    ("report", "summary", "--format", "xlsx"),
    ("db", "backup"),
])
@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc (Linux)")
def test_dev_stdout_is_the_standard_output(office, db_url, tmp_path, args):
    """``-o /dev/stdout``: the bytes go to the standard output, nothing is renamed over it.
    (Its twin here, a link to /proc/self/fd/1 as /dev/stdout is: a writer that replaced it
    would replace the twin, not the system's.)"""
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    if args[0] == "db":
        if not db_url.startswith("sqlite"):
            pytest.skip("backups are of SQLite stores")
        cmd, start = [*args, "--quiet", stdout], b"SQLite format 3\0"
    else:
        cmd, start = [*args, "-o", stdout], {"csv": b"\xef\xbb\xbf", "xlsx": b"PK"}[args[-1]]
    r = _tracker(db_url, *cmd, stdout=subprocess.PIPE)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.startswith(start)
    assert stdout.is_symlink() and _no_part_left(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [
    ("export", "--format", "xlsx"),
    ("report", "summary", "--format", "xlsx"),
    ("report", "overdue", "--format", "xlsx"),
    ("report", "backlog", "--period", "2021", "--format", "xlsx"),
    ("report", "backlog", "--period", "2021", "--format", "docx"),
])
def test_a_zip_onto_a_full_standard_output_ends_with_the_message_only(office, db_url, args):
    """No "Exception ignored in: <function ZipFile.__del__ …> OSError" after the message: the
    zip is let go of (the table writer) or made whole in memory first (openpyxl, python-docx)."""
    with open("/dev/full", "wb") as full:
        r = _tracker(db_url, *args, stdout=full)
    assert r.returncode == 1
    assert r.stderr.decode().strip().splitlines() == ["Lỗi: Không ghi được đầu ra chuẩn: ổ đĩa đã đầy."]
