"""Migrations: an empty SQLite file, and an empty PostgreSQL database, reach the newest schema,
which matches the models.

The tests on `migrated` are SQLite-only by design (sqlite_master, PRAGMAs, FTS5 tables); the
`postgres` fixture covers the same ground on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError
from tests.conftest import NewDatabase

from warnline.errors import Errors, WarnlineError
from warnline.store import Store, open_store
from warnline.store.db import alembic_config, migrate_to_head
from warnline.store.schema import Base, SourceRow

TABLES = {
    "sources",
    "reports",
    "report_bands",
    "entities",
    "places",
    "mentions",
    "dates",
    "quantities",
    "relations",
    "claims",
    "claim_words",
    "events",
    "failures",
    "actors",
    "actor_decisions",
    "event_clusters",
    "claim_clusters",
    "alerts",
    "webhooks",
    "webhook_deliveries",
    "watched_items",
    "tokens",
    "alembic_version",
}
# Full-text search over reports (migration 0006): an FTS5 table and the tables FTS5 keeps for
# it. They are SQL the models cannot declare, so the model comparison leaves them out.
SEARCH_TABLES = {
    "reports_fts",
    "reports_fts_config",
    "reports_fts_content",
    "reports_fts_data",
    "reports_fts_docsize",
    "reports_fts_idx",
}
# Made by migration 0006 for the API's event filters; the models (store/schema.py) do not
# declare it yet, so the model comparison leaves it out too.


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A zero-byte file: what SQLite sees as a database with nothing in it."""
    path = tmp_path / "empty.db"
    path.touch()
    return path


@pytest.fixture
def migrated(empty_db: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{empty_db}")
    yield store
    store.close()


@pytest.fixture
def postgres(tmp_path: Path, new_database: NewDatabase) -> Iterator[Store]:
    """A fresh PostgreSQL database: the test template it copies was migrated by open_store."""
    store = open_store(new_database("postgresql", tmp_path))
    yield store
    store.close()


def _schema(engine: Engine) -> list[tuple[str, str, str | None]]:
    """Every table, index and trigger with the SQL that made it."""
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        ).all()
    return [(row[0], row[1], row[2]) for row in rows]


def _head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_empty_file_gets_every_table(empty_db: Path, migrated: Store) -> None:
    assert empty_db.stat().st_size > 0
    with migrated.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == TABLES | SEARCH_TABLES
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        assert list(version) == [_head()]


def test_models_have_every_table() -> None:
    # The list above is also what the models declare, so neither can drift alone.
    assert set(Base.metadata.tables) == TABLES - {"alembic_version"}


def test_migrating_again_changes_nothing(empty_db: Path, migrated: Store) -> None:
    with migrated.session() as session:
        session.add(SourceRow(name="Horn Wire", reliability="B"))
    before = _schema(migrated.engine)

    migrate_to_head(migrated.engine)
    again = open_store(f"sqlite:///{empty_db}")
    try:
        assert _schema(again.engine) == before
        with again.engine.connect() as connection:
            assert connection.execute(text("SELECT name, reliability FROM sources")).all() == [
                ("Horn Wire", "B")
            ]
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
            assert [v[0] for v in versions] == [_head()]
    finally:
        again.close()


def test_schema_matches_models(migrated: Store) -> None:
    with migrated.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                # The FTS5 tables exist only on SQLite, made by migration 0006's raw DDL.
                "include_name": lambda name, kind, _parent: (
                    not (kind == "table" and name in SEARCH_TABLES)
                ),
            },
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_postgres_gets_every_table_and_matches_models(postgres: Store) -> None:
    migrate_to_head(postgres.engine)  # again: nothing to do
    with postgres.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == TABLES
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        assert list(version) == [_head()]
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                # Migration 0007's full-text index is on an expression the models cannot declare.
                "include_name": lambda name, kind, _parent: (
                    not (kind == "index" and name == "ix_reports_search")
                ),
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def test_postgres_enforces_foreign_keys(postgres: Store) -> None:
    with pytest.raises(IntegrityError), postgres.session() as session:
        session.execute(
            text(
                "INSERT INTO failures (subject, code, severity, message, report_id, occurred_at)"
                " VALUES ('x', 'E101', 'error', 'm', 'sha256:nosuch', '2024-01-01 00:00:00')"
            )
        )


def test_sqlite_wal_and_foreign_keys(migrated: Store) -> None:
    with migrated.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() > 0


def test_foreign_keys_are_enforced(migrated: Store) -> None:
    with pytest.raises(IntegrityError), migrated.session() as session:
        session.execute(
            text(
                "INSERT INTO failures (subject, code, severity, message, report_id, occurred_at)"
                " VALUES ('x', 'E101', 'error', 'm', 'sha256:nosuch', '2024-01-01 00:00:00')"
            )
        )


def test_every_connection_gets_the_pragmas(migrated: Store) -> None:
    # A pool hands out several connections; each must have foreign keys on, not just the first.
    with migrated.engine.connect() as first, migrated.engine.connect() as second:
        for connection in (first, second):
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.parametrize(
    "template",
    [
        pytest.param("nosuchdriver://x", id="unknown-driver"),
        pytest.param("not a url at all", id="not-a-url"),
        pytest.param("postgresql+psycopg://user:pw@127.0.0.1:1/warnline", id="unreachable"),
        # The folder for the SQLite file cannot be made: a regular file is in the way.
        pytest.param("sqlite:///{tmp}/a-file/warnline.db", id="folder-is-a-file"),
        # A file that is there but is not an SQLite database.
        pytest.param("sqlite:///{tmp}/a-file", id="not-a-database"),
    ],
)
def test_bad_url_is_e152(tmp_path: Path, template: str) -> None:
    (tmp_path / "a-file").write_text("neither a folder nor a database, just a line of text\n")
    url = template.format(tmp=tmp_path)
    with pytest.raises(WarnlineError) as caught:
        open_store(url)
    assert caught.value.code is Errors.E152
    line = caught.value.line()
    assert line.startswith(f"E152 {url}: cannot open the store: ")
    assert "\n" not in line
