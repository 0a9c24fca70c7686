"""Alembic environment.  The app passes its own connection in ``config.attributes``; run
from the shell (``alembic -c migrations/alembic.ini upgrade head``) it uses TRACKER_DB."""
from alembic import context

from tracker.store import models  # noqa: F401  (registers the tables)
from sqlmodel import SQLModel

config = context.config
target_metadata = SQLModel.metadata


def run_with(connection):
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    from tracker.store.db import make_engine, resolve_url

    engine = make_engine(resolve_url(None))
    with engine.begin() as conn:
        run_with(conn)
