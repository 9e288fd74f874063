"""The claim word index (store `claim_words`) that a new report's claims find their clusters by:
it holds every stored claim's content words after an ingest, after a rebuild, and after the
migration that makes it fills it for the claims of an older store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select
from tests.conftest import NewDatabase

from warnline.analyse.cluster_claim_facts import indexed_words
from warnline.analyse.event_clusters import rebuild_clusters
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.store import Store, open_store
from warnline.store.db import alembic_config
from warnline.store.schema import ClaimRow, ClaimWordRow

Pairs = set[tuple[str, int]]
# Per backend: claim clusters shared by two or more reports right after the ingest.
SHARED_AS_INGESTED: dict[str, int] = {}


@pytest.fixture(scope="module")
def store(
    backend: str,
    new_database: NewDatabase,
    examples: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("claim_words")
    store = open_store(new_database(backend, folder))
    reports = sorted(examples.glob("2024-0[2-5]-*.md"))
    summary = ingest([str(p) for p in reports], [], Defaults(), store)
    assert summary.stored
    assert not summary.failures
    SHARED_AS_INGESTED[backend] = _clusters_shared_by_reports(store)
    yield store
    store.close()


def _indexed(store: Store) -> Pairs:
    with store.session() as session:
        return {
            (w, c) for w, c in session.execute(select(ClaimWordRow.word, ClaimWordRow.claim_id))
        }


def _expected(store: Store) -> Pairs:
    with store.session() as session:
        claims = session.execute(select(ClaimRow.id, ClaimRow.content)).all()
    return {(word, claim_id) for claim_id, content in claims for word in indexed_words(content)}


def test_ingest_indexes_every_claims_words(store: Store) -> None:
    expected = _expected(store)
    assert len(expected) > 100
    assert _indexed(store) == expected


def test_rebuild_leaves_the_same_index(store: Store) -> None:
    before = _indexed(store)
    with store.session() as session:
        rebuild_clusters(session)
    assert _indexed(store) == before


def test_the_migration_fills_the_index_for_stored_claims(store: Store) -> None:
    expected = _expected(store)
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert _indexed(store) == expected


@pytest.mark.usefixtures("store")
def test_clusters_were_found_through_the_index(backend: str) -> None:
    """As ingested (before any rebuild), the two outlets' Sebba reports and the two reports of
    the Jilib strike share claim clusters: a later report found them through the index."""
    assert SHARED_AS_INGESTED[backend] >= 2


def _clusters_shared_by_reports(store: Store) -> int:
    with store.session() as session:
        clusters = session.execute(
            select(ClaimRow.cluster_id, ClaimRow.report_id).where(ClaimRow.cluster_id.is_not(None))
        ).all()
    reports_per_cluster: dict[int, set[str]] = {}
    for cluster_id, report_id in clusters:
        reports_per_cluster.setdefault(cluster_id, set()).add(report_id)
    return sum(len(reports) >= 2 for reports in reports_per_cluster.values())
