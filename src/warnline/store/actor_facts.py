"""What the store knows of one actor across reports: its roles, relations and places."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from warnline.store.claim_listing import ClaimItem, ClaimQuery, claim_page
from warnline.store.event_listing import EventItem, latest_events
from warnline.store.schema import (
    EntityRow,
    EventRow,
    PlaceRow,
    RelationRow,
    ReportRow,
)


class ActorRole(BaseModel):
    """A role a report gives one of the actor's entities ("spokesman" of another entity)."""

    report_id: str
    name: str
    title: str
    of: str | None


class ActorRelation(BaseModel):
    report_id: str
    subject: str | None
    predicate: str
    object: str | None


class ActorPlace(BaseModel):
    """A place where events with the actor are reported, and how many."""

    name: str
    country: str | None
    admin1: str | None
    admin1_name: str | None
    events: int


class ActorFacts(BaseModel):
    """What the store holds about one cross-report actor, beyond its linked entities."""

    roles: list[ActorRole]
    relations: list[ActorRelation]
    places: list[ActorPlace]
    events: list[EventItem]
    claims: list[ClaimItem]


def actor_facts(session: Session, actor_id: int, *, limit: int = 100) -> ActorFacts:
    """Roles, relations, places, events (the latest `limit`) and claims of one actor."""
    linked = select(EntityRow.id).where(EntityRow.actor_id == actor_id)
    involved = or_(EventRow.actor1_id.in_(linked), EventRow.actor2_id.in_(linked))
    events = latest_events(session, involved, limit)
    places = session.execute(
        select(PlaceRow.name, PlaceRow.country, PlaceRow.admin1, PlaceRow.admin1_name, func.count())
        .join(EventRow, EventRow.place_id == PlaceRow.id)
        .where(involved)
        .group_by(PlaceRow.name, PlaceRow.country, PlaceRow.admin1, PlaceRow.admin1_name)
        .order_by(func.count().desc(), PlaceRow.name)
    ).all()
    claims, _ = claim_page(session, ClaimQuery(speaker_actor_id=actor_id), limit=limit)
    return ActorFacts(
        roles=_roles(session, actor_id),
        relations=_relations(session, linked),
        places=[
            ActorPlace(name=n, country=c, admin1=a, admin1_name=an, events=k)
            for n, c, a, an, k in places
        ],
        events=events,
        claims=claims,
    )


def _roles(session: Session, actor_id: int) -> list[ActorRole]:
    """Roles live in each report's analysis (on the person they describe), not in a table."""
    rows = session.execute(
        select(EntityRow.report_id, EntityRow.local_id, EntityRow.name, ReportRow.analysis)
        .join(ReportRow, ReportRow.id == EntityRow.report_id)
        .where(EntityRow.actor_id == actor_id)
        .order_by(EntityRow.id)
    ).all()
    roles = []
    for report_id, local_id, name, analysis in rows:
        entities = {str(e.get("id")): e for e in analysis.get("entities", [])}
        for role in entities.get(local_id, {}).get("roles", []):
            of = entities.get(str(role.get("of")), {}).get("name")
            roles.append(
                ActorRole(report_id=report_id, name=name, title=str(role.get("title")), of=of)
            )
    return roles


def _relations(session: Session, linked: Select[Any]) -> list[ActorRelation]:
    subject, obj = aliased(EntityRow), aliased(EntityRow)
    rows = session.execute(
        select(RelationRow.report_id, subject.name, RelationRow.predicate, obj.name)
        .outerjoin(subject, subject.id == RelationRow.subject_id)
        .outerjoin(obj, obj.id == RelationRow.object_id)
        .where(or_(RelationRow.subject_id.in_(linked), RelationRow.object_id.in_(linked)))
        .order_by(RelationRow.id)
    ).all()
    return [
        ActorRelation(report_id=report_id, subject=left, predicate=predicate, object=right)
        for report_id, left, predicate, right in rows
    ]
