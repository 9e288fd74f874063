"""A real PostgreSQL server for the tests, and a fresh database on it for each store.

`WARNLINE_TEST_POSTGRES` (a SQLAlchemy URL to a server where the user may create databases)
points the tests at an existing server. Without it, a private server is started from the
PostgreSQL binaries installed on the machine (`warnline.store.local_postgres`, which the
benchmarks use too), and stopped when the test session ends. No binaries and no URL is a
failure, not a skip: the store must be checked on both backends on every run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from warnline.store import open_store
from warnline.store.local_postgres import binaries, private_server

ENV_URL = "WARNLINE_TEST_POSTGRES"
BACKENDS = ["sqlite", "postgresql"]
_TEMPLATE = "warnline_test_template"


class Databases:
    """Makes fresh, migrated databases on one server, each a copy of one migrated template."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self._admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self._numbers = itertools.count(1)
        self._prefix = f"warnline_test_{os.getpid()}"
        self._template_ready = False

    def _url(self, name: str) -> str:
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def _template(self) -> str:
        name = f"{self._prefix}_{_TEMPLATE}"
        if not self._template_ready:
            with self._admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            open_store(self._url(name)).close()  # migrated once; copies start at head
            self._template_ready = True
        return name

    def fresh(self, copy_of: str | None = None) -> str:
        """The URL of a new database, already at the newest migration, or a copy of the
        database at `copy_of` (which nobody may be connected to while it is copied)."""
        name = f"{self._prefix}_{next(self._numbers)}"
        template = make_url(copy_of).database if copy_of else self._template()
        with self._admin.connect() as connection:
            connection.execute(
                text(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
            )
        return self._url(name)

    def close(self) -> None:
        self._admin.dispose()


@contextlib.contextmanager
def postgres_databases() -> Iterator[Databases]:
    """Databases on the server named by WARNLINE_TEST_POSTGRES, or on a private one."""
    configured = os.environ.get(ENV_URL)
    if configured:
        databases = Databases(configured)
        yield databases
        databases.close()
        return
    bin_dir = binaries()
    if bin_dir is None:
        pytest.fail(
            "The store tests need PostgreSQL: install it (`apt-get install postgresql`) or set "
            f"{ENV_URL} to the URL of a server where databases may be created.",
            pytrace=False,
        )
    with private_server(bin_dir) as admin_url:
        databases = Databases(admin_url)
        yield databases
        databases.close()


def is_postgres(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"
