"""Opening the store: engine, SQLite pragmas, migrations to the newest schema."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from warnline.errors import Errors, WarnlineError

_SQLITE_BUSY_MS = 30_000


@dataclass(frozen=True)
class Store:
    """A migrated database and a session factory for it."""

    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Connect to the store at `url` and bring its schema to the newest migration."""
    engine: Engine | None = None
    try:
        engine = make_engine(url)
        if migrate:
            migrate_to_head(engine)
    except (ArgumentError, DBAPIError, OSError, ValueError) as err:
        if engine is not None:
            engine.dispose()
        detail = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise WarnlineError(Errors.E152, url, detail=detail) from err
    return Store(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL mode, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config() -> Config:
    """Alembic's configuration, pointing at the migrations shipped inside the package."""
    config = Config()
    script_location = resources.files("warnline.store").joinpath("migrations")
    config.set_main_option("script_location", str(script_location))
    return config


def migrate_to_head(engine: Engine) -> None:
    """Apply every migration the database has not had yet."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
