"""The cross-report analyses run on both backends: each test's store is SQLite or a fresh PostgreSQL
database (see tests/pg_server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import NewDatabase


@pytest.fixture
def db_url(backend: str, tmp_path: Path, new_database: NewDatabase) -> str:
    return new_database(backend, tmp_path / "store")
