"""The store's tables (SQLAlchemy 2). Changes go through an Alembic migration in migrations/.

Every extracted row keeps its provenance: the report it came from, its character span in that
report's text, and the version of the extractor that made it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so migrations can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

REPORT_ID_LENGTH = 71  # "sha256:" and 64 hex digits


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and read back as an aware UTC datetime on every database.

    SQLite keeps no time zone, so its values come back naive; PostgreSQL gives the session's
    zone. Both leave here in UTC, so the API and JSON output never show a local time as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: dt.datetime | None, _dialect: Dialect
    ) -> dt.datetime | None:
        return _as_utc(value)

    def process_result_value(
        self, value: dt.datetime | None, _dialect: Dialect
    ) -> dt.datetime | None:
        return _as_utc(value)


def _as_utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


def _report_fk() -> Mapped[str]:
    return mapped_column(
        String(REPORT_ID_LENGTH), ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )


def _entity_fk() -> Mapped[int | None]:
    return mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), nullable=True)


class Provenance:
    """Columns every extracted row has."""

    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(40))


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Admiralty reliability grade: A (completely reliable) … F (cannot be judged).
    reliability: Mapped[str] = mapped_column(String(1), default="F")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)

    __table_args__ = (CheckConstraint("reliability IN ('A','B','C','D','E','F')", name="grade"),)


class ReportRow(Base):
    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(REPORT_ID_LENGTH), primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(12))
    dateline: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    chars: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(Text)
    flags: Mapped[list[Any]] = mapped_column(default=list)
    extractor_version: Mapped[str] = mapped_column(String(40))
    analysis: Mapped[dict[str, Any]] = mapped_column()
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    near_duplicate_of: Mapped[str | None] = mapped_column(
        String(REPORT_ID_LENGTH), ForeignKey("reports.id", ondelete="SET NULL"), index=True
    )
    near_duplicate_score: Mapped[float | None] = mapped_column(Float)
    ingested_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now, index=True)


class ReportBandRow(Base):
    """MinHash band keys: reports sharing a key are near-duplicate candidates."""

    __tablename__ = "report_bands"

    band_key: Mapped[str] = mapped_column(String(24), primary_key=True)
    report_id: Mapped[str] = mapped_column(
        String(REPORT_ID_LENGTH), ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[str] = _report_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    catalogue_id: Mapped[str | None] = mapped_column(String(80), index=True)
    extractor_version: Mapped[str] = mapped_column(String(40))
    # Across reports (analyse/resolution.py): the actor this mention-cluster is, how sure the
    # match is (0–1), and why.
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), nullable=True, index=True
    )
    actor_score: Mapped[float | None] = mapped_column(Float)
    actor_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("report_id", "local_id"),)


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[str] = _report_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(String(10), index=True)
    admin1_name: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    feature: Mapped[str | None] = mapped_column(String(40))
    precision: Mapped[int | None] = mapped_column(Integer)
    extractor_version: Mapped[str] = mapped_column(String(40))

    __table_args__ = (UniqueConstraint("report_id", "local_id"),)


class MentionRow(Provenance, Base):
    """One span of an entity or a place in a report's text."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[str] = _report_fk()
    entity_id: Mapped[int | None] = _entity_fk()
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="CASCADE"), nullable=True
    )
    text: Mapped[str] = mapped_column(String(300))

    __table_args__ = (
        CheckConstraint("(entity_id IS NULL) <> (place_id IS NULL)", name="one_owner"),
        Index("ix_mentions_entity", "entity_id"),
        Index("ix_mentions_place", "place_id"),
    )


class DateRow(Provenance, Base):
    __tablename__ = "dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[str] = _report_fk()
    text: Mapped[str] = mapped_column(String(300))
    start: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    precision: Mapped[str | None] = mapped_column(String(20))
    basis: Mapped[str | None] = mapped_column(String(20))


class QuantityRow(Provenance, Base):
    __tablename__ = "quantities"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[str] = _report_fk()
    text: Mapped[str] = mapped_column(String(300))
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(30))
    counts: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(20))


class RelationRow(Provenance, Base):
    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[str] = _report_fk()
    subject_id: Mapped[int | None] = _entity_fk()
    predicate: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = _entity_fk()


# Longer "words" (a URL, say) are not indexed: no claim shares them.
CLAIM_WORD_LENGTH = 80


class ClaimRow(Provenance, Base):
    """One attributed statement; `about` holds the report-local ids (E1, P1) it is about."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Across reports (analyse/claim_clusters.py): the proposition this claim is one voice on,
    # whether it supports or denies it, and why it was put there.
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_clusters.id", ondelete="SET NULL"), nullable=True, index=True
    )
    stance: Mapped[str | None] = mapped_column(String(10))
    cluster_reason: Mapped[str | None] = mapped_column(Text)
    report_id: Mapped[str] = _report_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    speaker_id: Mapped[int | None] = _entity_fk()
    speaker_org_id: Mapped[int | None] = _entity_fk()
    cue: Mapped[str] = mapped_column(String(80))
    act: Mapped[str] = mapped_column(String(30), index=True)
    content: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(String(10))
    hedges: Mapped[list[Any]] = mapped_column(default=list)
    about: Mapped[list[Any]] = mapped_column(default=list)
    self_interest: Mapped[bool] = mapped_column(default=False)

    __table_args__ = (UniqueConstraint("report_id", "local_id"),)


class ClaimWordRow(Base):
    """A content word of a claim (analyse/cluster_claim_facts.py `content_words`): the index by
    which the claim clusterer finds the clusters a new claim may join without reading every
    stored claim."""

    __tablename__ = "claim_words"

    word: Mapped[str] = mapped_column(String(CLAIM_WORD_LENGTH), primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EventRow(Provenance, Base):
    """One event; the span is its first sentence, `spans` every sentence that describes it.

    Links to one row (actor, place, claim) are foreign keys; lists (`associated`, the `claim` of
    each of `accounts`) keep report-local ids, which the report's rows resolve unambiguously.
    """

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Across reports (analyse/event_clusters.py): the real event this report's account is of.
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_clusters.id", ondelete="SET NULL"), nullable=True, index=True
    )
    cluster_score: Mapped[float | None] = mapped_column(Float)
    cluster_reason: Mapped[str | None] = mapped_column(Text)
    report_id: Mapped[str] = _report_fk()
    local_id: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(60))
    sub_type: Mapped[str] = mapped_column(String(80))
    actor1_id: Mapped[int | None] = _entity_fk()
    actor2_id: Mapped[int | None] = _entity_fk()
    associated: Mapped[list[Any]] = mapped_column(default=list)
    actor1_category: Mapped[str | None] = mapped_column(String(30))
    actor2_category: Mapped[str | None] = mapped_column(String(30))
    interaction: Mapped[int | None] = mapped_column(Integer)
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("places.id", ondelete="CASCADE"), nullable=True
    )
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    time_precision: Mapped[str | None] = mapped_column(String(20))
    killed: Mapped[dict[str, Any] | None] = mapped_column()
    injured: Mapped[dict[str, Any] | None] = mapped_column()
    killed_or_injured: Mapped[dict[str, Any] | None] = mapped_column()
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="SET NULL"), nullable=True
    )
    accounts: Mapped[list[Any]] = mapped_column(default=list)
    toll_basis: Mapped[str | None] = mapped_column(Text)
    spans: Mapped[list[Any]] = mapped_column(default=list)

    __table_args__ = (
        UniqueConstraint("report_id", "local_id"),
        # The map's and the API's box-and-date filters (migration 0006).
        Index("ix_events_place_date", "place_id", "date_start"),
        # The API's order (newest first), its type and actor filters (each side of their OR)
        # (migration 0008).
        Index("ix_events_date_id", "date_start", "id"),
        Index("ix_events_type_date", "type", "date_start"),
        Index("ix_events_sub_type_date", "sub_type", "date_start"),
        Index("ix_events_actor1_date", "actor1_id", "date_start"),
        Index("ix_events_actor2_date", "actor2_id", "date_start"),
    )


class FailureRow(Base):
    """An input that could not be ingested (error), or a notice about one that was (warning)."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(8), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    report_id: Mapped[str | None] = mapped_column(
        String(REPORT_ID_LENGTH), ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now, index=True)


class ActorRow(Base):
    """One actor across reports: the entities of many reports resolved to one (issue 5)."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    catalogue_id: Mapped[str | None] = mapped_column(String(80), unique=True)
    # Every name the actor's entities were reported under.
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)


class ActorDecisionRow(Base):
    """An analyst's merge or split, kept apart from the computed links so that it survives
    re-analysis: keys are normalised names (and, for a split, optionally one report)."""

    __tablename__ = "actor_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(10))
    left_key: Mapped[str] = mapped_column(String(300))
    right_key: Mapped[str] = mapped_column(String(300))
    report_id: Mapped[str | None] = mapped_column(String(REPORT_ID_LENGTH))
    note: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)

    __table_args__ = (
        CheckConstraint("action IN ('merge','split')", name="action"),
        UniqueConstraint("action", "left_key", "right_key", "report_id"),
    )


class EventClusterRow(Base):
    """One real event told by one or more reports; its tolls come from every source's."""

    __tablename__ = "event_clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(60), index=True)
    sub_type: Mapped[str] = mapped_column(String(80))
    actor1_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    actor2_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(String(10), index=True)
    location: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    date_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    killed: Mapped[dict[str, Any] | None] = mapped_column()
    injured: Mapped[dict[str, Any] | None] = mapped_column()
    killed_or_injured: Mapped[dict[str, Any] | None] = mapped_column()
    toll_basis: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)


class ClaimClusterRow(Base):
    """Claims about one proposition, with its status and information credibility (1–6)."""

    __tablename__ = "claim_clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposition: Mapped[str] = mapped_column(Text)
    # single_source, corroborated or contested.
    status: Mapped[str] = mapped_column(String(20), index=True)
    credibility: Mapped[int] = mapped_column(Integer, default=6)
    credibility_reason: Mapped[str | None] = mapped_column(Text)
    independent_sources: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)

    __table_args__ = (
        CheckConstraint("credibility BETWEEN 1 AND 6", name="credibility"),
        CheckConstraint("status IN ('single_source','corroborated','contested')", name="status"),
    )


class AlertRow(Base):
    """Something new the store has just seen; `key` makes it raised once."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(40), index=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    severity: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(Text)
    # Report, claim and event ids with their spans: what made the rule fire.
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    raised_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now, index=True)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    __table_args__ = (CheckConstraint("severity IN ('low','medium','high')", name="severity"),)


class WebhookRow(Base):
    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)


class WebhookDeliveryRow(Base):
    """One attempt to deliver one alert to one webhook: the delivery log."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    ok: Mapped[bool] = mapped_column(default=False)
    attempted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)


class WatchedItemRow(Base):
    """An item `warnline watch` has taken from a directory or feed: never processed twice."""

    __tablename__ = "watched_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[str] = mapped_column(Text)
    item_key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10))
    report_id: Mapped[str | None] = mapped_column(String(REPORT_ID_LENGTH))
    seen_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)

    __table_args__ = (UniqueConstraint("origin", "item_key"),)


class TokenRow(Base):
    """An API token (issue 6). Only its SHA-256 is kept: the token itself is shown once."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))
    # The first characters, to tell tokens apart in listings without storing them.
    prefix: Mapped[str] = mapped_column(String(12))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utc_now)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    __table_args__ = (CheckConstraint("role IN ('reader','analyst','admin')", name="role"),)
