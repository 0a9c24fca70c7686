"""The layer contract (DESIGN §6, ARCHITECTURE "Layers"), read from every import statement
of the package — those inside functions included — with ``ast``.

    cli, tui  →  services  →  store, domain, io, reports
    foundations under all: errors (a leaf), paths, settings, i18n

A new package or module falls under the rule of the package it sits in.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tracker"

FOUNDATIONS = {"errors", "paths", "settings", "i18n"}
# layer → the layers it may import (its own always)
MAY = {
    "errors": {"i18n"},  # a leaf: nothing of ours at import time (the catalogue in message())
    "i18n": {"errors"},
    "paths": {"errors"},
    "settings": {"errors", "paths", "domain"},
    "domain": {"errors"},  # pure rules: the domain and the root error, nothing else of ours
    "store": {"domain", "errors", "paths", "settings", "i18n"},
    "io": {"domain", "errors", "paths", "settings", "i18n"},  # files, never the use cases
    "reports": {"store", "domain", "io", "errors", "paths", "settings", "i18n"},
    "services": {"store", "domain", "io", "reports", "errors", "paths", "settings", "i18n"},
    # the faces: thin over the services; they may render (reports), read pure values (domain)
    # and name the store (store.db: where it is, the db commands) — never its tables or SQL
    "tui": {"services", "reports", "domain", "errors", "paths", "settings", "i18n"},
    "cli": {"services", "reports", "domain", "errors", "paths", "settings", "i18n", "tui"},
    "__main__": {"cli"},
    "__init__": set(),
}
# imports allowed only inside a function (never when the module is imported)
LAZY_ONLY = {("errors", "i18n")}
# single modules a face may use below the services, each for a reason
FACE_MAY_USE = {
    "tracker.store.db",  # the store's place and engine: `db where/check/backup`, messages
    "tracker.io.generate",  # `tracker dev generate` writes sample files; no store involved
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "tracker":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path):
    """(line, imported module, inside a function) for every import of ours in ``path``."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                      ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield child.lineno, alias.name, in_function
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                names = [f"{target}.{a.name}" for a in child.names]
                yield child.lineno, target, in_function
                for name in names:  # `from tracker import errors` names the module imported
                    if name.count(".") == 1 and name.startswith("tracker."):
                        yield child.lineno, name, in_function
            yield from walk(child, inner)

    for line, target, lazy in walk(tree, False):
        if target == "tracker" or target.startswith("tracker."):
            yield line, target, lazy


def violations(paths) -> list[str]:
    found = []
    for path in paths:
        module = _module(path)
        layer = path.stem if path.parent == PACKAGE else _layer(module)
        for line, target, lazy in imports(path):
            dest = _layer(target)
            if dest in (None, layer, "__init__") or target == "tracker":
                continue
            if dest in MAY.get(layer, set()):
                if (layer, dest) in LAZY_ONLY and not lazy:
                    found.append(f"{path.relative_to(ROOT)}:{line}: {layer} imports {target} "
                                 f"when imported (only inside a function)")
                continue
            if layer in ("cli", "tui", "__main__") and any(
                    target == m or target.startswith(m + ".") for m in FACE_MAY_USE):
                continue
            found.append(f"{path.relative_to(ROOT)}:{line}: {layer} may not import {target}")
    return found


def _sources():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_layer_is_known():
    layers = {p.stem if p.parent == PACKAGE else _layer(_module(p)) for p in _sources()}
    assert layers <= set(MAY), f"a layer the contract does not name: {sorted(layers - set(MAY))}"


def test_the_layers_import_only_downwards():
    found = violations(_sources())
    assert not found, "the layer contract is broken:\n" + "\n".join(found)


@pytest.mark.parametrize("layer,line,broken", [
    ("domain", "from tracker.i18n import t", True),
    ("domain", "def f():\n    from tracker.store.tables import task", True),
    ("domain", "from tracker.errors import TrackerError", False),
    ("io", "def f():\n    from tracker.services.errors import UsageError", True),
    ("reports", "from tracker.services.query import matching_names", True),
    ("services", "from tracker.reports.fmt import fmt_int", False),
    ("tui", "def f():\n    from tracker.store.tables import task", True),
    ("cli", "from tracker.store.db import resolve_url", False),
    ("errors", "from tracker.i18n import t", True),
    ("errors", "def f():\n    from tracker.i18n import t", False),
])
def test_the_checker_sees_imports_anywhere(tmp_path, layer, line, broken):
    """The checker itself: a module written into a copy of the tree is judged as it should."""
    global ROOT, PACKAGE
    fake = tmp_path / "tracker"
    target = fake / f"{layer}.py" if layer in ("errors", "paths", "settings") else fake / layer / "probe.py"
    target.parent.mkdir(parents=True)
    target.write_text(line + "\n", encoding="utf-8")
    saved = ROOT, PACKAGE
    ROOT, PACKAGE = tmp_path, fake
    try:
        assert bool(violations([target])) == broken
    finally:
        ROOT, PACKAGE = saved
