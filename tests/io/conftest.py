"""Fixtures for the io tests."""
from __future__ import annotations

import pytest


@pytest.fixture
def write(tmp_path):
    """write(name, data) -> path; data is bytes or str (UTF-8)."""
    def _write(name: str, data) -> str:
        path = tmp_path / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return str(path)
    return _write
