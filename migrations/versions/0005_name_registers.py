"""issuer and leader registers

A ``known_name`` table holds the issuers and leaders in use, each once, as the office spells
it, with its aliases; typed names are matched to it like units (``services.names``).  Seeded
with the issuers of DESIGN §2 and their usual aliases (``tracker.store.seeds``), then with every issuer and leader
already stored that is not one of them (the most used spelling of a name first).

Revision ID: 0005_name_registers
Revises: 0004_merge_status_indexes
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005_name_registers"
down_revision = "0004_merge_status_indexes"
branch_labels = None
depends_on = None

def upgrade() -> None:
    table = op.create_table(
        "known_name",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_folded", sa.String(length=120), nullable=False),
        sa.Column("aliases", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "name", name="uq_known_name_kind_name"),
    )
    from tracker.domain.namematch import FOUND, NameEntry, NameIndex
    from tracker.domain.text import fold
    from tracker.store.seeds import ISSUERS

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    conn = op.get_bind()
    rows = []
    for kind, seeds, sql in (
            ("issuer", ISSUERS, "SELECT issuer, count(*) FROM directive GROUP BY issuer"),
            ("leader", [], "SELECT leader, count(*) FROM task GROUP BY leader")):
        entries = [NameEntry(-i - 1, name, aliases) for i, (name, aliases) in enumerate(seeds)]
        index = NameIndex(entries)
        stored = sorted(((v, n) for v, n in conn.execute(sa.text(sql)) if v and v.strip()),
                        key=lambda p: -p[1])
        for value, _n in stored:
            if index.match(value).verdict != FOUND:
                entries.append(NameEntry(-len(entries) - 1, value, ()))
                index = NameIndex(entries)
        rows += [dict(kind=kind, name=e.name, name_folded=fold(e.name), aliases="|".join(e.aliases),
                      created_at=now) for e in entries]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    op.drop_table("known_name")
