"""What a new store holds from the start: the issuers of DESIGN §2 with their usual aliases
(the issuer register, ``services.names``).  Written by migration 0005 and by the test
fixtures that empty a PostgreSQL store between tests."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

ISSUERS = (
    ("Chính phủ", ("CP",)),
    ("Thủ tướng Chính phủ", ("Thủ tướng", "TTg", "Thủ tướng CP")),
    ("Tỉnh ủy", ("Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy")),
    ("HĐND tỉnh", ("Hội đồng nhân dân tỉnh",)),
    ("UBND tỉnh", ("Ủy ban nhân dân tỉnh",)),
    ("Thành ủy", ("Ban Thường vụ Thành ủy", "BTV Thành ủy")),
    ("HĐND thành phố", ("HĐND TP", "Hội đồng nhân dân thành phố")),
    ("UBND thành phố", ("UBND TP", "Ủy ban nhân dân thành phố")),
)


def seed_known_names(conn) -> None:
    """Put the usual issuers in an empty register."""
    from tracker.domain.text import fold
    from tracker.store.tables import known_name

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    conn.execute(insert(known_name), [
        dict(kind="issuer", name=name, name_folded=fold(name), aliases="|".join(aliases),
             created_at=now) for name, aliases in ISSUERS])
