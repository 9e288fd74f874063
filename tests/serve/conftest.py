"""The store every API test reads (the examples, ingested once per session on each backend) and
clients on it.

Every test that asks for the store runs twice: on SQLite and on a real PostgreSQL server (see
tests/pg_server.py). The examples are ingested once per backend and session; tests that change
the store (merges, grades, tokens, submissions) work on a copy of it (a file copy on SQLite,
`CREATE DATABASE … TEMPLATE` on PostgreSQL), so the store the other tests read never changes
under them.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url
from tests.conftest import NewDatabase
from tests.pg_server import BACKENDS

from warnline.flow import IngestSummary, ingest
from warnline.ingest import Defaults
from warnline.serve import create_app
from warnline.settings import Settings
from warnline.store import Store, open_store
from warnline.store.tokens import create_token

ROLES = ("reader", "analyst", "admin")


@dataclass(frozen=True)
class ApiStore:
    store: Store
    url: str
    backend: str
    summary: IngestSummary
    databases: NewDatabase


@pytest.fixture(scope="session", params=BACKENDS)
def api_backend(request: pytest.FixtureRequest) -> str:
    """The shared store's backend; session-scoped, so each backend's examples are ingested once
    (pytest runs every test of one backend before the other's)."""
    return str(request.param)


@pytest.fixture(scope="session")
def api_store(
    api_backend: str,
    new_database: NewDatabase,
    examples: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ApiStore]:
    """The examples ingested by the real pipeline; read-only for the tests that share it."""
    root = tmp_path_factory.mktemp(f"api-{api_backend}")
    settings = Settings(db=new_database(api_backend, root / "store"), data_dir=root / "data")
    store = open_store(settings.db_url)
    summary = ingest([str(examples)], [], Defaults(), store, settings=settings)
    assert summary.ok, summary.failures
    yield ApiStore(store, settings.db_url, api_backend, summary, new_database)
    store.close()


def copy_url(source: ApiStore, folder: Path) -> str:
    """The URL of a copy of the shared store that a test may change."""
    if source.backend == "postgresql":
        # A template database may have no connections while it is copied: the shared store's
        # pooled ones are closed (and opened again by the next test that reads it).
        source.store.engine.dispose()
        return source.databases.postgres().fresh(copy_of=source.url)
    path = Path(str(make_url(source.url).database))
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "warnline.db"
    shutil.copyfile(path, target)
    return f"sqlite:///{target}"


def copy_store(source: ApiStore, folder: Path) -> Store:
    """A copy of the shared store that a test may change."""
    return open_store(copy_url(source, folder))


def copy_with(source: ApiStore, folder: Path, name: str, text: str) -> tuple[Store, str]:
    """A copy of the shared store with one more report (written to `folder/name` and ingested
    as a user would); the copy and the new report's id."""
    url = copy_url(source, folder / "store")
    copied = open_store(url)
    report = folder / name
    report.write_text(text, encoding="utf-8")
    settings = Settings(db=url, data_dir=folder / "data")
    summary = ingest([str(report)], [], Defaults(), copied, settings=settings)
    assert summary.ok, summary.failures
    assert len(summary.stored) == 1
    return copied, summary.stored[0].report_id


@pytest.fixture
def own_store(api_store: ApiStore, tmp_path: Path) -> Iterator[Store]:
    store = copy_store(api_store, tmp_path / "own")
    yield store
    store.close()


def token_for(store: Store, role: str) -> str:
    with store.session() as session:
        return create_token(session, role, f"tests {role}").token


def client_for(store: Store) -> TestClient:
    settings = Settings(secret_key="tests-only-session-key")
    return TestClient(create_app(store, settings))


@pytest.fixture(scope="session")
def reader_client(api_store: ApiStore) -> Iterator[TestClient]:
    """A reader's client on the shared store (a bearer token, as API clients send it)."""
    with client_for(api_store.store) as client:
        client.headers["Authorization"] = f"Bearer {token_for(api_store.store, 'reader')}"
        yield client


Clients = Callable[[str], TestClient]


@pytest.fixture
def own_clients(own_store: Store) -> Iterator[Clients]:
    """Clients on a store of the test's own, one per role asked for."""
    opened: list[TestClient] = []

    def make(role: str) -> TestClient:
        client = client_for(own_store).__enter__()
        client.headers["Authorization"] = f"Bearer {token_for(own_store, role)}"
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)
