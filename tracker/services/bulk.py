"""What the operations over many rows share (imports and exports)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector waits while many rows go by.  Rows make millions of short-lived
    tuples, lists and dicts and no cycles; the collector kept walking them (and an import's
    growing memos) — a tenth of an export's time, a quarter of an import's.  Reference counting
    still frees all they make; the collector is left as it was found (a process forked inside
    inherits the pause)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
