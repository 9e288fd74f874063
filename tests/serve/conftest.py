"""The store every API test reads (the examples, ingested once per session) and clients on it.

Tests that change the store (merges, grades, tokens, submissions) work on a copy of it, so the
store the other tests read never changes under them.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

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
    path: Path
    summary: IngestSummary


@pytest.fixture(scope="session")
def api_store(examples: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiStore]:
    """The examples ingested by the real pipeline; read-only for the tests that share it."""
    root = tmp_path_factory.mktemp("api")
    path = root / "store" / "warnline.db"
    settings = Settings(db=f"sqlite:///{path}", data_dir=root / "data")
    store = open_store(settings.db_url)
    summary = ingest([str(examples)], [], Defaults(), store, settings=settings)
    assert summary.ok, summary.failures
    yield ApiStore(store, settings.db_url, path, summary)
    store.close()


def copy_store(source: ApiStore, folder: Path) -> Store:
    """A copy of the shared store that a test may change."""
    with sqlite3.connect(source.path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "warnline.db"
    shutil.copyfile(source.path, target)
    return open_store(f"sqlite:///{target}")


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
