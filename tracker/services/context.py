"""The context every use case runs in: the store, who is acting, and what day it is."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection, Engine

from tracker.errors import NotFoundError
from tracker.settings import Settings


@dataclass
class Context:
    engine: Engine
    user: str
    today: dt.date
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    _calendar: object | None = None
    where: str = ""  # the store as a user names it: a file's path, or the URL sans password
    # --as-of: reads see the register as it stood at the end of that day (services.asof)
    as_of: dt.date | None = None
    _as_of_conn: Connection | None = None

    @classmethod
    def open(cls, db: "str | Settings | None" = None, *, user: str | None = None,
             today: dt.date | None = None, auto_migrate: bool = True,
             create: bool = False) -> "Context":
        """The store the run's ``Settings`` name (the CLI and the app pass theirs), or the
        store at ``db`` (a path or URL; default: the user's) with ``user`` and ``today``
        resolved by ``Settings.resolve``.  A store is made only when ``create``: any other way
        in refuses a place that holds none."""
        from tracker.store.db import open_engine, resolve_url, where

        settings = db if isinstance(db, Settings) else Settings.resolve(
            db=db, user=user, today=today)
        url = resolve_url(settings.db)
        engine = open_engine(url, auto_migrate=auto_migrate, create=create)
        return cls(engine=engine, user=settings.user, today=settings.today, where=where(url))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def warn(self, key: str, **fields) -> None:
        self.warnings.append((key, fields))

    @contextmanager
    def session(self):
        """One transaction through the ORM (writes): commits at the end, rolls back on error.
        A database failure (a lock held too long, a read-only or damaged store) leaves as a
        ``StoreError``: one line for the user, never the SQL."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        from tracker.store.db import store_error

        try:
            with Session(self.engine, expire_on_commit=False) as s:
                try:
                    yield s
                    s.commit()
                except BaseException:
                    s.rollback()
                    raise
        except DBAPIError as exc:
            raise store_error(exc, self.where) from exc
        except NotFoundError:
            self._refuse_if_damaged()
            raise

    @contextmanager
    def read(self) -> Connection:
        """A read-only connection for queries (Core, no ORM).  With ``as_of`` set, the one
        connection whose temporary tables hold the register of that day.  A database
        failure leaves as a ``StoreError`` (one line, never the SQL)."""
        from sqlalchemy.exc import DBAPIError

        try:
            if self.as_of is not None:
                if self._as_of_conn is None:
                    from tracker.services.asof import build_as_of

                    calendar = self.calendar()
                    self._as_of_conn = self.engine.connect()
                    build_as_of(self._as_of_conn, self.as_of, calendar)
                yield self._as_of_conn
                return
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            from tracker.store.db import store_error

            raise store_error(exc, self.where) from exc
        except NotFoundError:
            self._refuse_if_damaged()
            raise

    def _refuse_if_damaged(self) -> None:
        """Something the user named was not found: on a damaged SQLite file that may be the
        damage hiding rows, so say the store is damaged instead (``store.db``)."""
        from tracker.store.db import refuse_if_damaged

        refuse_if_damaged(self.engine)

    def look_as_of(self, day: dt.date) -> None:
        """Reads from now on see the register at the end of ``day``, and "today" is that day."""
        self.as_of = day
        self.today = day

    @contextmanager
    def as_it_stood(self, day: dt.date):
        """A context on the same store whose reads see the register at the end of ``day``
        (``look_as_of``), for one piece of work; this one is left as it is (the app's)."""
        past = Context(engine=self.engine, user=self.user, today=self.today,
                       _calendar=self._calendar, where=self.where)
        past.look_as_of(day)
        try:
            yield past
        finally:
            if past._as_of_conn is not None:
                past._as_of_conn.close()
                past._as_of_conn = None

    def calendar(self):
        """The working-day calendar with this store's overrides (cached per context)."""
        if self._calendar is None:
            from sqlalchemy import select

            from tracker.domain import calendar as domain_calendar
            from tracker.domain.calendar import WorkCalendar
            from tracker.store.tables import calendar_override as co

            if not domain_calendar.has_year_store():  # the holidays, kept between runs
                from tracker.services.holiday_cache import holiday_file

                kept = holiday_file()
                if kept is not None:
                    domain_calendar.set_year_store(kept)

            with self.engine.connect() as conn:  # (not read(): an --as-of read needs it)
                rows = conn.execute(select(co.c.day, co.c.kind, co.c.name)).all()
            self._calendar = WorkCalendar({r.day: (r.kind, r.name) for r in rows})
        return self._calendar

    def forget_calendar(self) -> None:
        self._calendar = None

    def close(self) -> None:
        if self._as_of_conn is not None:
            self._as_of_conn.close()
            self._as_of_conn = None
        self.engine.dispose()
