"""The folders and files the tool keeps for itself, in one place, and how it makes them.

A store holds government records: whatever the tool creates is for its owner only —
folders 0700, files 0600 (stores, their WAL and journal files, backups, caches, exports it
names itself).  An existing folder or file keeps the permissions its owner gave it.

- ``data_dir()``: the user's data folder (platformdirs; ``TRACKER_DATA_DIR`` overrides) —
  the default store ``tracker.db`` and the demo's ``demo.db`` live there;
- ``cache_dir()``: what can be thrown away (``TRACKER_CACHE_DIR``; empty: keep nothing);
- ``backups_dir(store)``: ``backups/`` beside a store file;
- ``sample_dir()``: the sample office's files (read only);
- ``WholeFile(path)``: where a file written whole or not at all goes (exports, reports,
  reminders' letters, backups) — the one rule for ``.part``, links, devices and permissions.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

APP = "tracker"
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def data_dir() -> Path:
    given = os.environ.get("TRACKER_DATA_DIR")
    if given:
        return Path(given).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def sample_dir() -> Path:
    """Where the sample office lives: ``TRACKER_SAMPLE_DIR``, else the package
    ``tracker.sample_data`` (the repository's ``sample_data/``, shipped in the wheel)."""
    env = os.environ.get("TRACKER_SAMPLE_DIR")
    if env:
        return Path(env)
    import importlib.util

    spec = importlib.util.find_spec("tracker.sample_data")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - broken install
        return Path(__file__).resolve().parents[1] / "sample_data"
    return Path(next(iter(spec.submodule_search_locations)))


def cache_dir() -> Path | None:
    """The folder the caches live in (None: keep nothing)."""
    given = os.environ.get("TRACKER_CACHE_DIR")
    if given is not None:
        return Path(given).expanduser() if given else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def default_store() -> Path:
    return data_dir() / "tracker.db"


def demo_store() -> Path:
    return data_dir() / "demo.db"


def backups_dir(store: Path) -> Path:
    return store.parent / "backups"


def private_dir(path: Path) -> Path:
    """``path`` as a folder, every missing part of it made 0700 (existing ones untouched)."""
    path = Path(path)
    missing = []
    p = path
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode passes through the umask
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 if it does not exist (a store's file before SQLite
    opens it: its WAL and journal files take the same permissions)."""
    path = Path(path)
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return path
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return path


def private_opener(name, flags):
    """``open(path, mode, opener=private_opener)``: a file made by it is 0600."""
    return os.open(name, flags, FILE_MODE)


class WholeFile:
    """A file written whole or not at all: the bytes go to ``NAME.part`` beside it
    (``name``), which ``commit()`` renames over the file and ``discard()`` removes.  The one
    rule for where (every writer of a named file asks it):

    - a link is followed: the ``.part`` goes beside the real file and replaces it, the link
      stays;
    - a name that exists and is not a regular file (a device such as ``/dev/stdout`` or
      ``/dev/full``, a FIFO, a socket, a folder) is written directly (``part`` is None):
      nothing is renamed over it, and it says its own errors (a full disk, a folder);
    - a file that exists keeps its mode (and its owner and group where the system allows)
      after the rename; a new one is its owner's only (0600).
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)  # as the user named it (what messages say)
        try:
            st = os.stat(self.path)  # (through links)
        except OSError:  # not there (or not reachable: opening says why)
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.target, self.part, self._was = self.path, None, None
        else:
            self.target = Path(os.path.realpath(self.path))
            self.part = self.target.with_name(self.target.name + ".part")
            self._was = st

    @property
    def name(self) -> Path:
        """Where the bytes are written: the ``.part``, or the target itself."""
        return self.part or self.target

    def open(self, mode: str = "wb", **open_args):
        """The stream of ``name`` (a ``.part`` left by a run cut short is made afresh)."""
        if self.part is not None:
            self.part.unlink(missing_ok=True)
        return open(self.name, mode, opener=private_opener, **open_args)

    def commit(self) -> None:
        """The ``.part`` in the file's place, with the file's mode and owner (a new one 0600)."""
        if self.part is None:
            return
        was = self._was
        if was is not None:
            mine = os.stat(self.part)
            if (mine.st_uid, mine.st_gid) != (was.st_uid, was.st_gid):
                try:
                    os.chown(self.part, was.st_uid, was.st_gid)
                except OSError:  # (only root gives a file away)
                    pass
        os.chmod(self.part, stat.S_IMODE(was.st_mode) if was is not None else FILE_MODE)
        os.replace(self.part, self.target)

    def discard(self) -> None:
        if self.part is not None:
            try:
                os.unlink(self.part)
            except OSError:
                pass
