"""The data model as typed records: what crosses module boundaries.

`Report` is what ingest hands to extract; `Analysis` is the `warnline.report/1` contract that
extract produces and the store keeps. JSON is made at the edge with `Analysis.to_json()`.
Spans are `(start, end)` character offsets into `Report.text`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "warnline.report/1"

Span = tuple[int, int]


class Record(BaseModel):
    """Base of every record: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --- ingest -----------------------------------------------------------------------------------


class Failure(Record):
    """An input that could not be read (E-code), or a notice about one that was (W-code)."""

    subject: str
    code: str
    severity: Literal["error", "warning"]
    message: str


class Report(Record):
    """One report as read from an input, before extraction."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    origin: str = Field(description="Where it was read from: a path, a URL or path#item.")
    warnings: tuple[Failure, ...] = Field(
        default=(), description="W-coded notices raised while reading (e.g. W105)."
    )


# --- the warnline.report/1 contract ----------------------------------------------------------


class Dateline(Record):
    text: str
    span: Span
    place: str | None = None


class Extractor(Record):
    """Which code and model produced an analysis: provenance for every value in it."""

    name: str = "warnline"
    version: str
    model: str | None = None


class Document(Record):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    dateline: Dateline | None = None
    chars: int = 0
    flags: tuple[str, ...] = ()


class CatalogueLink(Record):
    id: str
    designations: tuple[str, ...] = ()


class Role(Record):
    title: str
    of: str | None = None


EntityKind = Literal["armed_group", "state_force", "government", "organization", "person"]


class Entity(Record):
    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...]
    catalogue: CatalogueLink | None = None
    roles: tuple[Role, ...] = ()


class Place(Record):
    id: str
    name: str
    mentions: tuple[Span, ...]
    country: str | None = None
    admin1: str | None = None
    admin1_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None
    precision: int | None = None


class DateMention(Record):
    text: str
    span: Span
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    basis: str | None = None


class Quantity(Record):
    text: str
    span: Span
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    counts: str | None = None
    unit: str | None = None


class Relation(Record):
    subject: str
    predicate: str
    object: str
    span: Span


class Claim(Record):
    id: str
    speaker: str | None
    speaker_org: str | None = None
    cue: str
    act: str
    content: str
    span: Span
    quote: Literal["direct", "indirect", "mixed"]
    hedges: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    self_interest: bool = False


class Toll(Record):
    best: int | None = None
    low: int | None = None
    high: int | None = None


class DateRange(Record):
    start: dt.date | None
    end: dt.date | None
    precision: str | None = None


class TollAccount(Record):
    """One speaker's figures for an event ("seven soldiers killed", says the group)."""

    claim: str | None = None
    killed: Toll | None = None
    injured: Toll | None = None
    killed_or_injured: Toll | None = None


class Event(Record):
    id: str
    type: str
    sub_type: str
    actor1: str | None = None
    actor2: str | None = None
    # Other actors on either side ("backed by", "alongside").
    associated: tuple[str, ...] = ()
    # ACLED actor categories of actor1 and actor2 (state_forces, rebel_group, …, civilians)
    # and ACLED's two-digit interaction code made of them.
    actor1_category: str | None = None
    actor2_category: str | None = None
    interaction: int | None = None
    place: str | None = None
    geo_precision: int | None = None
    date: DateRange | None = None
    killed: Toll | None = None
    injured: Toll | None = None
    killed_or_injured: Toll | None = None
    claim: str | None = None
    # Every speaker's figures when the report gives more than one, and how best/low/high
    # were derived from them.
    accounts: tuple[TollAccount, ...] = ()
    toll_basis: str | None = None
    span: Span
    # Every sentence that describes the event (span is the first).
    spans: tuple[Span, ...] = ()


class Analysis(Record):
    """One report's analysis: the `warnline.report/1` object."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    document: Document
    extractor: Extractor
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    relations: tuple[Relation, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready dict, with the contract's field names."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True)
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """The contract as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Read an analysis back from its JSON form."""
        return cls.model_validate(data)


class StoredReport(Record):
    """A stored report as listed: its metadata, not its analysis."""

    id: str
    title: str | None
    source: str | None
    published: dt.date | None
    language: str | None
    flags: tuple[str, ...]
    origin: str
    ingested_at: dt.datetime
    near_duplicate_of: str | None = None
    near_duplicate_score: float | None = None
    entities: int = 0
    places: int = 0
    dates: int = 0


class StoredFailure(Failure):
    """A failure or notice as stored, with when it happened and the report it concerns."""

    id: int
    occurred_at: dt.datetime
    report_id: str | None = None


class SaveOutcome(Record):
    """What storing one report did."""

    report_id: str
    status: Literal["stored", "duplicate"]
    near_duplicate_of: str | None = None
    near_duplicate_score: float | None = None


class TokenInfo(Record):
    """An API token as listed: never the token itself."""

    id: int
    name: str
    role: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
