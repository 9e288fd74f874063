"""Full-text search: the index follows the reports table (migration 0006's triggers), and
snippets come back as plain text with match offsets, whatever the report's text holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, update
from tests.serve.conftest import Clients

from warnline.store import Store
from warnline.store.schema import ReportRow
from warnline.store.search import search_reports, unmark

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
