"""What a STIX export reads beyond the events: each report's actors, places, relations and
claims (with their cluster's credibility), as typed records keyed for deterministic ids."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from warnline.export.rows import ExportEvent, ExportReport, actor_key, place_key
from warnline.store.schema import (
    ActorRow,
    ClaimClusterRow,
    ClaimRow,
    EntityRow,
    PlaceRow,
    RelationRow,
)


@dataclass(frozen=True)
class StixActor:
    key: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class StixPlace:
    key: str
    name: str
    country: str | None
    admin1_name: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class StixRelation:
    subject: str
    predicate: str
    object: str


@dataclass(frozen=True)
class StixClaim:
    local_id: str
    speaker: str | None
    act: str
    cue: str
    content: str
    # Keys of the actors and places the claim is about.
    about: tuple[str, ...]
    denies: bool
    cluster_id: int | None
    credibility: int | None


@dataclass
class StixReport:
    """One report with its actors (by local id), places, relations, claims and events."""

    report: ExportReport
    actors: dict[str, StixActor] = field(default_factory=dict)
    places: dict[str, StixPlace] = field(default_factory=dict)
    relations: list[StixRelation] = field(default_factory=list)
    claims: list[StixClaim] = field(default_factory=list)
    events: list[ExportEvent] = field(default_factory=list)


def load_stix_reports(session: Session, events: Collection[ExportEvent]) -> list[StixReport]:
    """The reports of the given events, each with what a STIX bundle says about it."""
    reports: dict[str, StixReport] = {}
    for event in events:
        reports.setdefault(event.report.id, StixReport(event.report)).events.append(event)
    if not reports:
        return []
    ids = set(reports)
    for report_id, local_id, actor in _actors(session, ids):
        reports[report_id].actors[local_id] = actor
    for report_id, local_id, place in _places(session, ids):
        reports[report_id].places[local_id] = place
    _add_relations(session, reports)
    _add_claims(session, reports)
    return list(reports.values())


def _actors(session: Session, ids: set[str]) -> list[tuple[str, str, StixActor]]:
    query = (
        select(EntityRow, ActorRow.name, ActorRow.catalogue_id)
        .outerjoin(ActorRow, ActorRow.id == EntityRow.actor_id)
        .where(EntityRow.report_id.in_(ids))
        .order_by(EntityRow.id)
    )
    return [
        (
            row.report_id,
            row.local_id,
            StixActor(
                key=actor_key(row.name, row.catalogue_id, resolved, resolved_catalogue),
                name=resolved or row.name,
                kind=row.kind,
                aliases=tuple(str(alias) for alias in row.aliases),
            ),
        )
        for row, resolved, resolved_catalogue in session.execute(query)
    ]


def _places(session: Session, ids: set[str]) -> list[tuple[str, str, StixPlace]]:
    query = select(PlaceRow).where(PlaceRow.report_id.in_(ids)).order_by(PlaceRow.id)
    return [
        (
            row.report_id,
            row.local_id,
            StixPlace(
                key=place_key(row.name, row.country, row.admin1, row.geonames_id),
                name=row.name,
                country=row.country,
                admin1_name=row.admin1_name,
                lat=row.lat,
                lon=row.lon,
            ),
        )
        for row in session.scalars(query)
    ]


def _add_relations(session: Session, reports: dict[str, StixReport]) -> None:
    subject, obj = aliased(EntityRow), aliased(EntityRow)
    query = (
        select(RelationRow.report_id, subject.local_id, RelationRow.predicate, obj.local_id)
        .join(subject, subject.id == RelationRow.subject_id)
        .join(obj, obj.id == RelationRow.object_id)
        .where(RelationRow.report_id.in_(set(reports)))
        .order_by(RelationRow.id)
    )
    for report_id, left, predicate, right in session.execute(query):
        reports[report_id].relations.append(StixRelation(left, predicate, right))


def _add_claims(session: Session, reports: dict[str, StixReport]) -> None:
    speaker = aliased(EntityRow)
    query = (
        select(ClaimRow, speaker.local_id, ClaimClusterRow.credibility)
        .outerjoin(speaker, speaker.id == ClaimRow.speaker_id)
        .outerjoin(ClaimClusterRow, ClaimClusterRow.id == ClaimRow.cluster_id)
        .where(ClaimRow.report_id.in_(set(reports)))
        .order_by(ClaimRow.id)
    )
    for row, speaker_local, credibility in session.execute(query):
        report = reports[row.report_id]
        about = [str(local) for local in row.about]
        report.claims.append(
            StixClaim(
                local_id=row.local_id,
                speaker=speaker_local,
                act=row.act,
                cue=row.cue,
                content=row.content,
                about=tuple(_about_keys(report, about)),
                denies=row.stance == "denies" or row.act == "deny",
                cluster_id=row.cluster_id,
                credibility=credibility,
            )
        )


def _about_keys(report: StixReport, about: list[str]) -> list[str]:
    """Local ids (E1, P2) as the keys of the report's actors and places, in order."""
    keys = [
        f"actor|{report.actors[local].key}"
        if local in report.actors
        else f"place|{report.places[local].key}"
        for local in about
        if local in report.actors or local in report.places
    ]
    return list(dict.fromkeys(keys))
