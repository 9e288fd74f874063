"""Alembic environment: run migrations on the connection warnline hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from warnline.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        # `alembic` run by hand: use the URL given with -x db=URL.
        url = context.get_x_argument(as_dictionary=True).get("db", "sqlite:///warnline.db")
        with create_engine(url).begin() as own_connection:
            _run(own_connection)
        return
    _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
