"""Shared fixtures: a fresh SQLite store per test, settings pointing at it, the examples folder."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.pg_server import BACKENDS, Databases, postgres_databases

from warnline.settings import Settings, get_settings
from warnline.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store' / 'warnline.db'}"


@pytest.fixture
def settings(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Settings for one test: its own store and data dir, read from the environment as users do."""
    monkeypatch.setenv("WARNLINE_DB", db_url)
    monkeypatch.setenv("WARNLINE_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings.db_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def warnline(settings: Settings, tmp_path: Path) -> Run:
    """Run the real `warnline` command in a child process, as a user would, on the test's store.

    Call it as `warnline("ingest", "dir/", env={...}, cwd=...)`.
    """

    def run(
        *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, **(env or {})}
        full_env.pop("WARNLINE_DEBUG", None)
        full_env["COLUMNS"] = "200"
        full_env["WARNLINE_DB"] = settings.db_url
        return subprocess.run(
            [sys.executable, "-m", "warnline", *args],
            capture_output=True,
            text=True,
            env=full_env,
            cwd=cwd or tmp_path,
            stdin=subprocess.DEVNULL,
            timeout=300,
            check=False,
        )

    return run


@pytest.fixture(scope="session", autouse=True)
def shared_gazetteer() -> None:
    """Build the gazetteer index once, where every test process (and child process) finds it.

    Tests give each store its own data dir; the gazetteer looks in the default data dir too, so
    one build (about 15 s on a fresh machine) serves the whole run.
    """
    from warnline.catalogue.gazetteer import build_gazetteer, gazetteer_path
    from warnline.settings import default_data_dir

    path = gazetteer_path(default_data_dir())
    if not path.exists():
        build_gazetteer(path)


class NewDatabase:
    """Makes an empty store's URL on a backend: a SQLite file in a folder, or a fresh PostgreSQL
    database (the server starts on first use, so runs without PostgreSQL tests never start it)."""

    def __init__(self, servers: contextlib.ExitStack) -> None:
        self._servers = servers
        self._databases: Databases | None = None

    def __call__(self, backend: str, folder: Path) -> str:
        if backend == "sqlite":
            return f"sqlite:///{folder / 'warnline.db'}"
        return self.postgres().fresh()

    def postgres(self) -> Databases:
        if self._databases is None:
            self._databases = self._servers.enter_context(postgres_databases())
        return self._databases


@pytest.fixture(scope="session")
def new_database() -> Iterator[NewDatabase]:
    with contextlib.ExitStack() as servers:
        yield NewDatabase(servers)


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The store's backend: every test that asks for it runs on SQLite and on PostgreSQL."""
    return str(request.param)
