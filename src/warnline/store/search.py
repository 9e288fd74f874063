"""Full-text search over reports, for the API.

Full-text search uses the SQLite FTS5 table `reports_fts` (migration 0006). Snippets are plain
text with the matched words given as character offsets into the snippet: the caller escapes
and highlights them, so no markup is ever made from a report's text here.
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
    if dialect != "sqlite":
        raise WarnlineError(Errors.E265, "q", dialect=dialect)
    if not query.strip():
        raise WarnlineError(Errors.E260, "q", value=query, detail="the query is empty")
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
