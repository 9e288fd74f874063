"""Full-text search, on SQLite and PostgreSQL: one query grammar (the same refusals, the same
meaning of the operators, a phrase highlighted as one span), the index follows the reports
table, and snippets come back as plain text with match offsets, whatever the report's text
holds."""

from __future__ import annotations

from itertools import pairwise

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, update
from tests.serve.conftest import Clients

from warnline.errors import Errors, WarnlineError
from warnline.store import Store
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
    matched words with only spaces between them are never two spans."""
    for query in ('"suicide bomber"', "suicide bomber"):
        data = reader_client.get("/api/v1/search", params={"q": query}).json()
        spans = []
        for hit in data["items"]:
            snippet, matches = hit["snippet"], hit["matches"]
            spans += [snippet[start:end].casefold() for start, end in matches]
            gaps = [snippet[end:start] for (_, end), (start, _) in pairwise(matches)]
            assert all(gap.strip() for gap in gaps), (query, gaps)
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
        ([(8, 14), (16, 22)], [(8, 14), (16, 22)]),  # "bomber" "killed": a comma between
        ([(0, 7), (8, 14), (16, 22)], [(0, 14), (16, 22)]),
    ],
)
def test_matches_with_only_spaces_between_are_one_span(
    matches: list[tuple[int, int]], joined: list[tuple[int, int]]
) -> None:
    assert join_adjacent("suicide bomber, killed", matches) == joined
