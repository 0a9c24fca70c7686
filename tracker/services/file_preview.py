"""The first rows of a file as the importer reads them, for the app to show beside a dry
run's problems.  A use case of its own so that the app never opens files itself: the
readers (``tracker.io.readers``) are the services' to call."""
from __future__ import annotations

from itertools import islice


def preview_file(path: str, limit: int) -> tuple[list[str], list[tuple[int, dict]]]:
    """(headers, the first ``limit`` rows as (row number in the file, {header: cell as
    text})) — dates as dd/mm/yyyy, whole numbers without '.0' (``io.cells.cell_text``)."""
    from tracker.io.cells import cell_text
    from tracker.io.readers import open_table

    with open_table(path) as table:
        rows = [(number, {h: cell_text(v) for h, v in values.items()})
                for number, values in islice(table.rows(), limit)]
        return list(table.headers), rows
