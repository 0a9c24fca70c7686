"""What a command's options say about the files it reads, checked before any file is opened
(the readers, ``tracker.io.readers``, are the services' to call)."""
from __future__ import annotations


def known_encoding(name: str) -> bool:
    """Whether the readers know ``name`` as a text encoding (``utf-8``, ``cp1258``, ``ansi``…)."""
    from tracker.io.problems import ReadError
    from tracker.io.readers import normalise_encoding

    try:
        normalise_encoding(name)
    except ReadError:
        return False
    return True
