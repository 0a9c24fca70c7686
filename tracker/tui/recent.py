"""The files a clerk imported lately and the folder last looked in, and the folder the desk
last wrote a report to, kept between runs in the user's state folder (``TRACKER_STATE_DIR``
overrides it; owner-only file)."""
from __future__ import annotations

import json
import os
from pathlib import Path

KEEP = 8


def _file() -> Path:
    folder = os.environ.get("TRACKER_STATE_DIR")
    if not folder:
        from platformdirs import user_state_dir

        folder = user_state_dir("tracker", appauthor=False)
    return Path(folder) / "recent-imports.json"


def _read() -> dict:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load() -> dict:
    """{"folder": str | None, "files": [str, …]} — the files still on disk, newest first."""
    data = _read()
    files = [f for f in data.get("files", []) if isinstance(f, str) and Path(f).is_file()]
    folder = data.get("folder")
    return {"folder": folder if isinstance(folder, str) and Path(folder).is_dir() else None,
            "files": files[:KEEP]}


def remember(paths: list[str]) -> None:
    """``paths`` go to the top of the recent files, their folder becomes the last one."""
    if not paths:
        return
    data = load()
    paths = [str(Path(p).expanduser().resolve()) for p in paths]
    files = paths + [f for f in data["files"] if f not in paths]
    _write({**_read(), "folder": str(Path(paths[-1]).parent), "files": files[:KEEP]})


def export_folder() -> str | None:
    """The folder the desk last wrote a report to, if it is still there."""
    folder = _read().get("export_folder")
    return folder if isinstance(folder, str) and Path(folder).is_dir() else None


def remember_export(folder: str) -> None:
    _write({**_read(), "export_folder": str(Path(folder).expanduser().resolve())})


def _write(data: dict) -> None:
    target = _file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".part")
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(part, target)
    except OSError:
        pass  # a convenience: an import or a report never fails for it
