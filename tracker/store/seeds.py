"""What a new store holds from the start: the issuers of DESIGN §2 with their usual aliases
(the issuer register, ``services.names``).  Written by migration 0005 and by the test
fixtures that empty a PostgreSQL store between tests."""
from __future__ import annotations

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
