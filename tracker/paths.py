"""The folders and files the tool keeps for itself, in one place, and how it makes them.

A store holds government records: whatever the tool creates is for its owner only —
folders 0700, files 0600 (stores, their WAL and journal files, backups, caches, exports it
names itself).  An existing folder or file keeps the permissions its owner gave it.

- ``data_dir()``: the user's data folder (platformdirs; ``TRACKER_DATA_DIR`` overrides) —
  the default store ``tracker.db`` and the demo's ``demo.db`` live there;
- ``cache_dir()``: what can be thrown away (``TRACKER_CACHE_DIR``; empty: keep nothing);
- ``backups_dir(store)``: ``backups/`` beside a store file;
- ``sample_dir()``: the sample office's files (read only).
"""
from __future__ import annotations

import os
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
