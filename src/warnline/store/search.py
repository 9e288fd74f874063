"""Full-text search over reports, for the API.

Full-text search uses the SQLite FTS5 table `reports_fts` (migration 0006), or on PostgreSQL
a GIN index over the tsvector of title and text (migration 0007) queried with
websearch_to_tsquery. Snippets are plain text with the matched words given as character offsets
into the snippet: the caller escapes and highlights them, so no markup is ever made from a
report's text here.
"""

from __future__ import annotations

import re

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from warnline.errors import Errors, WarnlineError

# Control characters cannot be in a query's match, so they mark where a match starts and ends.
_OPEN, _CLOSE, _ELLIPSIS = "\x02", "\x03", "…"
_SNIPPET_TOKENS = 24
# Same expression as migration 0007's index, so PostgreSQL's planner uses that index.
SEARCH_VECTOR = (
    "to_tsvector('simple'::regconfig,"
    " translate(coalesce(r.title, '') || ' ' || r.text, '<>/', '   '))"
)
# PostgreSQL's parser skips whatever looks like an HTML tag and reads `a/b` as a file path;
# the index reads `<`, `>` and `/` as spaces, and the snippet hides them behind private-use
# characters (which no report text is expected to hold) and puts them back afterwards.
_HIDDEN, _STAND_INS = "<>/", "\ue000\ue001\ue002"


class SearchHit(BaseModel):
    """One report matching a full-text query; `matches` are [start, end] offsets in `snippet`."""

    report_id: str
    title: str | None
    snippet: str
    matches: list[tuple[int, int]]
    rank: float


def search_reports(
    session: Session, query: str, *, limit: int = 50, offset: int = 0
) -> tuple[list[SearchHit], int]:
    """Reports whose title or text match an FTS5 query, best first, and how many match in all.

    A query FTS5 cannot parse is E260 (never a database error shown to the user).
    """
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        raise WarnlineError(Errors.E265, "q", dialect=dialect)
    if not query.strip():
        raise WarnlineError(Errors.E260, "q", value=query, detail="the query is empty")
    if dialect == "postgresql":
        return _search_postgres(session, query, limit=limit, offset=offset)
    page = text(
        "SELECT f.report_id, r.title, "
        "snippet(reports_fts, 2, :open, :close, :ellipsis, :tokens) AS snippet, "
        "bm25(reports_fts) AS rank "
        "FROM reports_fts AS f JOIN reports AS r ON r.id = f.report_id "
        "WHERE reports_fts MATCH :query ORDER BY rank, f.report_id LIMIT :limit OFFSET :offset"
    )
    count = text("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH :query")
    try:
        total = session.execute(count, {"query": query}).scalar_one()
        rows = session.execute(
            page,
            {
                "query": query,
                "open": _OPEN,
                "close": _CLOSE,
                "ellipsis": _ELLIPSIS,
                "tokens": _SNIPPET_TOKENS,
                "limit": limit,
                "offset": offset,
            },
        ).all()
    except OperationalError as error:
        detail = str(error.orig).splitlines()[0] if error.orig else "not understood"
        raise WarnlineError(Errors.E260, "q", value=query, detail=detail) from error
    hits = []
    for report_id, title, marked, rank in rows:
        snippet, matches = unmark(str(marked or ""))
        hits.append(
            SearchHit(report_id=report_id, title=title, snippet=snippet, matches=matches, rank=rank)
        )
    return hits, int(total)


def _search_postgres(
    session: Session, query: str, *, limit: int, offset: int
) -> tuple[list[SearchHit], int]:
    """The same search on PostgreSQL; websearch_to_tsquery reads any input, so no E260 here.

    `rank` is the negated ts_rank, so that lower is better on both backends (as bm25 is).
    """
    matching = f"{SEARCH_VECTOR} @@ websearch_to_tsquery('simple', :query)"
    count = text(f"SELECT count(*) FROM reports AS r WHERE {matching}")
    page = text(
        "SELECT r.id, r.title, "
        "ts_headline('simple', translate(r.text, :hidden, :stand_ins), "
        "websearch_to_tsquery('simple', :query), :options) AS snippet, "
        f"-ts_rank({SEARCH_VECTOR}, websearch_to_tsquery('simple', :query)) AS rank "
        f"FROM reports AS r WHERE {matching} "
        "ORDER BY rank, r.id LIMIT :limit OFFSET :offset"
    )
    options = (
        f'StartSel="{_OPEN}", StopSel="{_CLOSE}", MaxWords={_SNIPPET_TOKENS}, '
        f"MinWords={_SNIPPET_TOKENS // 2}, HighlightAll=false"
    )
    total = session.execute(count, {"query": query}).scalar_one()
    rows = session.execute(
        page,
        {
            "query": query,
            "hidden": _HIDDEN,
            "stand_ins": _STAND_INS,
            "options": options,
            "limit": limit,
            "offset": offset,
        },
    ).all()
    hits = []
    for report_id, title, marked, rank in rows:
        shown = str(marked or "").translate(str.maketrans(_STAND_INS, _HIDDEN))
        snippet, matches = unmark(shown)
        hits.append(
            SearchHit(report_id=report_id, title=title, snippet=snippet, matches=matches, rank=rank)
        )
    return hits, int(total)


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and the [start, end] offsets of the spans FTS5 marked as matches."""
    plain: list[str] = []
    matches: list[tuple[int, int]] = []
    length, start = 0, None
    for part in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            if start is not None and length > start:
                matches.append((start, length))
            start = None
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), matches
