"""/api/v1/search: full-text search over reports' titles and texts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from warnline.serve.auth import Reader
from warnline.serve.deps import SessionDep
from warnline.serve.query import PagingDep, coded
from warnline.serve.schemas import AUTH_RESPONSES, Page
from warnline.store.search import SearchHit, search_reports

router = APIRouter(prefix="/api/v1", tags=["search"], responses=AUTH_RESPONSES)


@router.get("/search", summary="Full-text search over reports")
def api_search(
    session: SessionDep,
    _caller: Reader,
    page: PagingDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description=(
                'Words, "quoted phrases", prefix* terms, AND (or nothing), OR, NOT and '
                "parentheses; the same on SQLite and PostgreSQL."
            ),
        ),
    ],
) -> Page[SearchHit]:
    """Reports whose title or text match, best first (`rank`: lower is better). `snippet` is
    plain text, never HTML; `matches` are the [start, end) offsets of the matched words in it,
    for the caller to highlight after escaping (a phrase is one span). A query the grammar
    refuses (an unclosed quote or parenthesis, an operator with nothing on one side, a term with
    no letter or digit) is 422 (E260) on both backends."""
    with coded():
        hits, total = search_reports(session, q, limit=page.limit, offset=page.offset)
    return Page(items=hits, total=total, limit=page.limit, offset=page.offset)
