"""Query parameters the API routes share: paging and event filters; coded errors as 422/404.

Event filters are parsed with `warnline.export.filters.parse_filters`, so the API and the
exports accept the same values and refuse bad ones with the same coded line (E240–E245).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query

from warnline.errors import Errors, WarnlineError
from warnline.export.filters import ExportFilters, parse_filters
from warnline.store.event_listing import EventQuery

MAX_LIMIT = 500


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    # At most PostgreSQL's integer, as row ids are: a larger offset must not reach the database.
    offset: Annotated[int, Query(ge=0, le=2**31 - 1, description="Items to skip.")] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


PagingDep = Annotated[Paging, Depends(paging)]


# Codes that say the thing asked for is not there: 404, not 422.
NOT_FOUND = frozenset(
    {Errors.E153, Errors.E200, Errors.E210, Errors.E222, Errors.E223, Errors.E250, Errors.E262}
)


@contextmanager
def coded() -> Iterator[None]:
    """A `WarnlineError` raised inside becomes an HTTP error whose detail is its coded line:
    404 when what was asked for is not there, else 422."""
    try:
        yield
    except WarnlineError as error:
        status = 404 if error.code in NOT_FOUND else 501 if error.code is Errors.E265 else 422
        raise HTTPException(status_code=status, detail=error.line()) from error


def event_filters(
    actor: Annotated[
        str | None, Query(description="An actor's name (as reported or resolved).")
    ] = None,
    event_type: Annotated[
        str | None, Query(alias="type", description="An ACLED event type or sub-event type.")
    ] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2, e.g. BF.")] = None,
    admin1: Annotated[str | None, Query(description="ISO 3166-2, e.g. BF-12.")] = None,
    since: Annotated[str | None, Query(description="Earliest start date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Latest start date, YYYY-MM-DD.")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
) -> ExportFilters:
    """The event filters, checked: a bad value is 422 with its coded line."""
    with coded():
        return parse_filters(
            actor=actor,
            event_type=event_type,
            country=country,
            admin1=admin1,
            since=since,
            until=until,
            bbox=bbox,
        )


FiltersDep = Annotated[ExportFilters, Depends(event_filters)]


def event_query(filters: ExportFilters) -> EventQuery:
    """The store's form of the export filters."""
    return filters.as_query()


# A row id in a path: a positive 32-bit integer (PostgreSQL's integer), so a larger one is a
# 422 like any other bad value, not a database error.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
