"""Full-text search over reports on both backends: SQLite's FTS5 table (migration 0006) and
PostgreSQL's tsvector index (migration 0007) answer the same queries with the same plain-text
snippets and match offsets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from tests.conftest import NewDatabase

from warnline.errors import Errors, WarnlineError
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.store import Store, open_store
from warnline.store.schema import ReportRow
from warnline.store.search import SEARCH_VECTOR, search_reports

REPORTS = {
    "gao.md": (
        "Convoy attacked near Gao",
        "GAO, MALI – Gunmen attacked a convoy north of Gao, a regional official said. A message "
        "posted online <script>alert(1)</script> claimed the attack on the convoy.",
    ),
    "mopti.md": (
        "Mopti market reopens",
        "MOPTI, MALI – Traders reopened the central market in Mopti on Monday after a week of "
        "closures, the regional governor said.",
    ),
}


@pytest.fixture(scope="module")
def searchable(
    backend: str, new_database: NewDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("search")
    for name, (title, body) in REPORTS.items():
        (folder / name).write_text(
            f'---\ntitle: "{title}"\nsource: "Sahel Wire"\npublished: 2024-05-01\n---\n{body}\n',
            encoding="utf-8",
        )
    store = open_store(new_database(backend, folder / "store"))
    assert not ingest([str(folder)], [], Defaults(), store).failures
    yield store
    store.close()


def _titles(store: Store, query: str) -> list[str | None]:
    with store.session() as session:
        return [hit.title for hit in search_reports(session, query)[0]]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("convoy", ["Convoy attacked near Gao"]),
        ("CONVOY", ["Convoy attacked near Gao"]),
        ("reopens", ["Mopti market reopens"]),  # in the title only
        ('"regional official"', ["Convoy attacked near Gao"]),
        ("regional governor", ["Mopti market reopens"]),
        ("nowhere", []),
    ],
)
def test_queries_find_title_and_text(searchable: Store, query: str, titles: list[str]) -> None:
    assert _titles(searchable, query) == titles


def test_both_reports_match_and_are_counted(searchable: Store) -> None:
    with searchable.session() as session:
        hits, total = search_reports(session, "regional", limit=1)
        assert total == 2
        assert len(hits) == 1
        assert search_reports(session, "regional", limit=1, offset=1)[0][0].report_id != (
            hits[0].report_id
        )


def test_snippet_is_plain_text_with_match_offsets(searchable: Store) -> None:
    with searchable.session() as session:
        [hit], _ = search_reports(session, "script")
    assert "<script>alert(1)</script>" in hit.snippet
    assert [hit.snippet[start:end] for start, end in hit.matches] == ["script", "script"]


def test_an_empty_query_is_e260(searchable: Store) -> None:
    with pytest.raises(WarnlineError) as caught, searchable.session() as session:
        search_reports(session, "  ")
    assert caught.value.code is Errors.E260


def test_the_index_follows_updates_and_deletes(db_url: str, tmp_path: Path) -> None:
    store = open_store(db_url)
    try:
        (tmp_path / "r.md").write_text(
            '---\ntitle: "Town mourns"\npublished: 2024-05-01\n---\n'
            "KIDAL, MALI – Residents mourned the dead on Friday, officials said.\n",
            encoding="utf-8",
        )
        assert not ingest([str(tmp_path / "r.md")], [], Defaults(), store).failures
        with store.session() as session:
            [hit], _ = search_reports(session, "mourns")
            session.execute(update(ReportRow).values(title="Zanzibar vigil"))
        assert _titles(store, "mourns") == []
        assert _titles(store, "zanzibar") == ["Zanzibar vigil"]
        with store.session() as session:
            session.execute(delete(ReportRow).where(ReportRow.id == hit.report_id))
        assert _titles(store, "zanzibar") == []
    finally:
        store.close()


def test_postgres_search_uses_the_index(tmp_path: Path, new_database: NewDatabase) -> None:
    """PostgreSQL only by design: the plan names migration 0007's index."""
    store = open_store(new_database("postgresql", tmp_path))
    try:
        with store.engine.connect() as connection:
            connection.execute(text("SET enable_seqscan = off"))
            plan = connection.execute(
                text(
                    f"EXPLAIN SELECT r.id FROM reports AS r WHERE {SEARCH_VECTOR}"
                    " @@ websearch_to_tsquery('simple', 'gao')"
                )
            ).scalars()
            assert "ix_reports_search" in "\n".join(plan)
    finally:
        store.close()
