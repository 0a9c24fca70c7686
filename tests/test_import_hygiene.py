"""Start-up is a feature: `tracker --help` imports neither Textual nor SQLAlchemy, and the
read paths (task list, reports) never import Textual, SQLModel or Alembic."""
import json
import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)), file=sys.__stderr__)\n"
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    last = res.stderr.strip().splitlines()[-1]
    return set(json.loads(last))


def test_help_imports_no_textual_nor_sqlalchemy():
    mods = _modules_after(
        "from tracker.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)
    assert "sqlalchemy" not in mods


def test_task_list_read_path_is_lean(tmp_path):
    db = tmp_path / "t.db"
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "init"], check=True,
                   capture_output=True)
    mods = _modules_after(
        "from tracker.cli.main import main\n"
        f"try:\n    main(['--db', {str(db)!r}, 'task', 'list', '--format', 'json'])\n"
        "except SystemExit:\n    pass")
    for heavy in ("textual", "sqlmodel", "alembic", "pydantic"):
        assert heavy not in mods, heavy
