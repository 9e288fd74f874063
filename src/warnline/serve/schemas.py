"""Request and response models of the REST API (never database rows), and its page envelope."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from warnline.store.event_listing import TOTAL_CAP

ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    """One page of a listing: its items, how many there are in all, and where the page starts."""

    items: list[ItemT]
    total: int
    limit: int
    offset: int


_CAPPED = (
    f"True when more than `total` items are selected: counting stops at {TOTAL_CAP:,}, and "
    "`total` is then that number (page on until a page comes back short)."
)


class CappedPage(Page[ItemT], Generic[ItemT]):
    """A page of a listing whose total is counted up to a cap (the events: an exact count of
    most of a large store costs more than the page)."""

    total_capped: bool = Field(default=False, description=_CAPPED)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReportSubmission(_Body):
    """A report to analyse: its text (with what is known about it), or a web page to fetch."""

    text: str | None = Field(default=None, description="The report's text.")
    title: str | None = None
    source: str | None = Field(default=None, description="Who published it (graded per name).")
    published: dt.date | None = Field(default=None, description="YYYY-MM-DD")
    url: str | None = Field(
        default=None, description="Without text: the page is fetched and read like `--url`."
    )


class Submitted(BaseModel):
    """What submitting a report did: stored (201) or already there (200)."""

    report_id: str
    status: Literal["stored", "duplicate"]
    near_duplicate_of: str | None = None
    notices: list[str] = Field(default_factory=list, description="W-coded notices, one line each.")


class MergeRequest(_Body):
    other_id: int = Field(description="The actor that joins this one (and disappears).")


class SplitRequest(_Body):
    name: str = Field(min_length=1, description="The name whose entities leave the actor.")


class GradeRequest(_Body):
    grade: str = Field(description="An Admiralty reliability grade, A–F.")


class WebhookRequest(_Body):
    url: str = Field(description="An http(s) address every new alert is POSTed to.")


class TokenRequest(_Body):
    role: str = Field(description="reader, analyst or admin.")
    name: str = Field(min_length=1, max_length=100, description="Whose token it is.")


class IssuedTokenOut(BaseModel):
    """A new token: `token` is shown this once and never again."""

    id: int
    name: str
    role: str
    prefix: str
    created_at: dt.datetime
    token: str


class FeatureCollection(BaseModel):
    """A GeoJSON FeatureCollection (RFC 7946) with paging information beside it."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[dict[str, Any]]
    total: int
    total_capped: bool = Field(default=False, description=_CAPPED)
    limit: int
    offset: int
    left_out: int = Field(description="Events on this page without coordinates (not mapped).")


class Problem(BaseModel):
    """An error: `detail` is one line (a coded line such as `E262 event 9: … (fix: …)`)."""

    detail: str


# Every route but the health check answers these (serve/auth.py).
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No token, or an unknown or revoked one."},
    403: {"model": Problem, "description": "The token's role lacks this route's permission."},
}
