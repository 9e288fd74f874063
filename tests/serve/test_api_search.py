"""Full-text search, on SQLite and PostgreSQL: one query grammar (the same refusals, the same
meaning of the operators, a phrase highlighted as one span), the index follows the reports
table, and snippets come back as plain text with match offsets, whatever the report's text
holds."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, update
from tests.conftest import NewDatabase
from tests.serve.conftest import Clients

from warnline.errors import Errors, WarnlineError
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.store import Store, open_store
from warnline.store.schema import ReportRow
from warnline.store.search import fts5_match, join_adjacent, parse_query, search_reports, unmark

OPEN, CLOSE = "\x02", "\x03"
plain_text = st.text(st.characters(blacklist_characters=OPEN + CLOSE), max_size=30)


@given(st.lists(st.tuples(plain_text, plain_text), max_size=6), plain_text)
def test_unmark_gives_the_plain_text_and_the_marked_spans(
    pieces: list[tuple[str, str]], tail: str
) -> None:
    marked = "".join(f"{before}{OPEN}{word}{CLOSE}" for before, word in pieces) + tail
    text, matches = unmark(marked)
    assert text == "".join(before + word for before, word in pieces) + tail
    assert [text[start:end] for start, end in matches] == [word for _, word in pieces if word]
    assert all(start < end for start, end in matches)


def test_the_index_follows_updates_and_deletes(own_store: Store) -> None:
    with own_store.session() as session:
        hits, total = search_reports(session, "mourns")
        assert total == 1
        report_id = hits[0].report_id
        session.execute(
            update(ReportRow).where(ReportRow.id == report_id).values(title="Zanzibar vigil")
        )
    with own_store.session() as session:
        assert search_reports(session, "mourns")[1] == 0
        assert [hit.report_id for hit in search_reports(session, "zanzibar")[0]] == [report_id]
        session.execute(delete(ReportRow).where(ReportRow.id == report_id))
    with own_store.session() as session:
        assert search_reports(session, "zanzibar")[1] == 0


def test_markup_in_a_report_comes_back_as_text(own_clients: Clients) -> None:
    analyst = own_clients("analyst")
    text = (
        "GAO, MALI – Gunmen attacked a convoy north of Gao, a regional official said. "
        "A message posted online <script>alert(1)</script> claimed the attack."
    )
    assert analyst.post("/api/v1/reports", json={"text": text}).status_code == 201
    hits = analyst.get("/api/v1/search", params={"q": "script"}).json()["items"]
    assert len(hits) == 1
    snippet, matches = hits[0]["snippet"], hits[0]["matches"]
    assert "<script>alert(1)</script>" in snippet
    assert [snippet[start:end] for start, end in matches] == ["script", "script"]


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ("drone", '"drone"'),
        ("drone strike", '("drone" AND "strike")'),
        ('"suicide bomber" OR drone', '("suicide bomber" OR "drone")'),
        ("Shabaab* NOT Somalia", '("Shabaab"* NOT "Somalia")'),
        ("(gao OR mopti) AND attack", '(("gao" OR "mopti") AND "attack")'),
        ("al-Shabaab title:x or not", '("al-Shabaab" AND "title:x" AND "or" AND "not")'),
    ],
)
def test_queries_are_parsed_into_one_grammar(query: str, match: str) -> None:
    assert fts5_match(parse_query(query)) == match


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ('"unclosed', "a double quote is not closed"),
        ('drone "suicide bomber', "a double quote is not closed"),
        ("(drone", "a parenthesis is not closed"),
        ("drone)", "')' has nothing before it to close"),
        ("AND", "a word or phrase is missing before 'AND'"),
        ("NOT drone", "a word or phrase is missing before 'NOT'"),
        ("a OR", "a word or phrase is missing at the end"),
        ("a OR AND b", "a word or phrase is missing before 'AND'"),
        ("()", "a word or phrase is missing before ')'"),
        ('"..."', "'\"...\"' has no letter or digit to search for"),
        ("- *", "'-' has no letter or digit to search for"),
        ("  ", "the query is empty"),
    ],
)
def test_malformed_queries_are_e260_saying_why(query: str, detail: str) -> None:
    with pytest.raises(WarnlineError) as caught:
        parse_query(query)
    assert caught.value.code is Errors.E260
    assert f"({detail})" in str(caught.value)


@pytest.mark.parametrize("query", ['"unclosed', "(drone", "drone)", "NOT drone", '"..."', "-"])
def test_malformed_queries_are_a_422_on_both_backends(
    reader_client: TestClient, query: str
) -> None:
    response = reader_client.get("/api/v1/search", params={"q": query})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("E260 q: ")


def _found(client: TestClient, query: str) -> set[str]:
    data = client.get("/api/v1/search", params={"q": query, "limit": 500}).json()
    assert data["total"] == len(data["items"])
    return {hit["report_id"] for hit in data["items"]}


def test_operators_mean_the_same_on_both_backends(reader_client: TestClient) -> None:
    drone, killed, somalia = (_found(reader_client, q) for q in ("drone", "killed", "Somalia"))
    assert drone & killed
    assert drone - killed
    assert killed - drone
    assert _found(reader_client, "drone OR killed") == drone | killed
    assert _found(reader_client, "drone killed") == drone & killed
    assert _found(reader_client, "drone AND killed") == drone & killed
    assert _found(reader_client, "drone NOT killed") == drone - killed
    assert _found(reader_client, "killed NOT drone") == killed - drone
    either = _found(reader_client, "(drone OR killed) Somalia")
    assert either == (drone | killed) & somalia
    assert either
    assert _found(reader_client, "drone OR killed Somalia") == drone | (killed & somalia)


def test_a_phrase_is_one_highlighted_span_on_both_backends(reader_client: TestClient) -> None:
    """FTS5 marks a phrase whole and PostgreSQL word by word; both answer with one span, and
    matched words with no letter or digit between them are never two spans."""
    for query in ('"suicide bomber"', "suicide bomber"):
        data = reader_client.get("/api/v1/search", params={"q": query}).json()
        spans = []
        for hit in data["items"]:
            snippet, matches = hit["snippet"], hit["matches"]
            spans += [snippet[start:end].casefold() for start, end in matches]
            gaps = [snippet[end:start] for (_, end), (start, _) in pairwise(matches)]
            assert all(re.search(r"[^\W_]", gap) for gap in gaps), (query, gaps)
        assert "suicide bomber" in spans, query
        assert {"suicide", "bomber"} <= set(" ".join(spans).split())


def test_a_phrase_finds_only_its_words_in_order(reader_client: TestClient) -> None:
    phrase = _found(reader_client, '"suicide bomber"')
    assert phrase
    assert phrase <= _found(reader_client, "suicide bomber")
    assert not _found(reader_client, '"bomber suicide"')


@pytest.mark.parametrize(
    ("matches", "joined"),
    [
        ([(0, 7), (8, 14)], [(0, 14)]),  # "suicide" "bomber": one span
        ([(0, 7), (16, 22)], [(0, 7), (16, 22)]),  # "suicide" "killed": a word between
        ([(8, 14), (16, 22)], [(8, 22)]),  # "bomber" "killed": only a comma between
        ([(26, 28), (29, 36)], [(26, 36)]),  # "al" "Shabaab": a hyphen between
        ([(0, 7), (8, 14), (26, 28)], [(0, 14), (26, 28)]),
    ],
)
def test_matches_with_no_word_between_are_one_span(
    matches: list[tuple[int, int]], joined: list[tuple[int, int]]
) -> None:
    assert join_adjacent("suicide bomber, killed by al-Shabaab", matches) == joined


# Written for this test: words the two engines could split differently (hyphens, apostrophes,
# slashes, markup, a colon), to compare what each backend finds for the same query.
PARITY_REPORTS = {
    "one.md": (
        "Convoy ambushed near Menaka",
        "MENAKA, MALI – Jama'at Nusrat al-Islam wal-Muslimin fighters ambushed an army convoy "
        "near Menaka on 4 May; a suicide bomber struck the rear vehicle, the governor said.",
    ),
    "two.md": (
        "Drone strike on a training camp",
        "JILIB, SOMALIA – A drone strike hit an al-Shabaab training camp near Jilib/Jamaame, "
        "killing 12 fighters, officials said. Note: <b>figures</b> could not be verified.",
    ),
    "three.md": (
        "Market reopens after the attack",
        "MOPTI, MALI – The market reopened a week after the attack, the regional governor said; "
        "traders asked the army for protection against further suicide attacks.",
    ),
}
PARITY_QUERIES = [
    "convoy",
    "al-Shabaab",
    "Jama'at",
    "Jama*",
    "al-Sha*",
    '"suicide bomber"',
    '"bomber suicide"',
    "suicide NOT bomber",
    "(army OR drone) governor",
    "Jilib/Jamaame",
    "figures",
    "b",
    "Note:",
    "wal-Muslimin OR reopens",
    "reopen*",
    "Menaka",
]


def _parity_store(backend: str, folder: Path, new_database: NewDatabase) -> Store:
    folder.mkdir(parents=True)
    for name, (title, body) in PARITY_REPORTS.items():
        (folder / name).write_text(
            f'---\ntitle: "{title}"\nsource: "Sahel Wire"\npublished: 2024-05-05\n---\n{body}\n',
            encoding="utf-8",
        )
    store = open_store(new_database(backend, folder / "store"))
    assert not ingest([str(folder)], [], Defaults(), store).failures
    return store


def _answers(store: Store) -> dict[str, tuple[set[str | None], set[str]]]:
    """Per query: the titles found, and every matched word (a span split at spaces)."""
    answers = {}
    with store.session() as session:
        for query in PARITY_QUERIES:
            hits, _ = search_reports(session, query)
            words = {
                word
                for hit in hits
                for start, end in hit.matches
                for word in hit.snippet[start:end].casefold().split()
            }
            answers[query] = ({hit.title for hit in hits}, words)
    return answers


def test_both_backends_find_and_mark_the_same(tmp_path: Path, new_database: NewDatabase) -> None:
    answers = {}
    for backend in ("sqlite", "postgresql"):
        store = _parity_store(backend, tmp_path / backend, new_database)
        try:
            answers[backend] = _answers(store)
        finally:
            store.close()
    sqlite, postgres = answers["sqlite"], answers["postgresql"]
    assert {q: found for q, (found, _) in sqlite.items()} == {
        q: found for q, (found, _) in postgres.items()
    }
    assert all(found for q, (found, _) in sqlite.items() if q != '"bomber suicide"')
    assert {q: words for q, (_, words) in sqlite.items()} == {
        q: words for q, (_, words) in postgres.items()
    }
