"""What the actor page shows about one actor, across every report it is named in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from warnline.analyse.actor_edits import ActorDetail, show_actor
from warnline.store.schema import ClaimRow, EntityRow, EventRow, PlaceRow, RelationRow, ReportRow


@dataclass(frozen=True)
class ActorRelation:
    predicate: str
    direction: str  # "to" (the actor is the subject) or "from"
    other: str
    other_actor_id: int | None
    report_id: str


@dataclass(frozen=True)
class ActorPlace:
    name: str
    country: str | None
    admin1: str | None
    admin1_name: str | None
    report_id: str


@dataclass(frozen=True)
class ActorClaim:
    act: str
    cue: str
    content: str
    report_id: str


@dataclass(frozen=True)
class ActorEvent:
    type: str
    sub_type: str
    date: dt.date | None
    place: str | None
    killed: int | None
    report_id: str


@dataclass(frozen=True)
class ActorPage:
    actor: ActorDetail
    roles: list[str]
    relations: list[ActorRelation]
    places: list[ActorPlace]
    admin1: list[str]
    claims: list[ActorClaim]
    events: list[ActorEvent]


def actor_page(session: Session, actor_id: int) -> ActorPage:
    """One actor with its roles, relations, places, claims and events (E200 when unknown)."""
    actor = show_actor(session, actor_id)
    ids = [linked.entity_id for linked in actor.linked]
    places = _places(session, ids)
    admin1 = sorted({p.admin1_name or p.admin1 or "" for p in places} - {""})
    return ActorPage(
        actor=actor,
        roles=_roles(session, ids),
        relations=_relations(session, ids),
        places=places,
        admin1=admin1,
        claims=_claims(session, ids),
        events=_events(session, ids),
    )


def _roles(session: Session, ids: list[int]) -> list[str]:
    """Roles as the reports gave them (kept in each report's analysis, not in a table)."""
    rows = session.execute(
        select(EntityRow.local_id, ReportRow.analysis)
        .join(ReportRow, ReportRow.id == EntityRow.report_id)
        .where(EntityRow.id.in_(ids))
    ).all()
    roles: dict[str, None] = {}
    for local_id, analysis in rows:
        for entity in analysis.get("entities", []):
            if entity.get("id") == local_id:
                roles.update((str(role.get("title")), None) for role in entity.get("roles", []))
    return list(roles)


def _relations(session: Session, ids: list[int]) -> list[ActorRelation]:
    other = aliased(EntityRow)
    found: list[ActorRelation] = []
    for mine, theirs, direction in (
        (RelationRow.subject_id, RelationRow.object_id, "to"),
        (RelationRow.object_id, RelationRow.subject_id, "from"),
    ):
        rows = session.execute(
            select(RelationRow, other.name, other.actor_id)
            .join(other, other.id == theirs)
            .where(mine.in_(ids))
            .order_by(RelationRow.id)
        ).all()
        found += [
            ActorRelation(row.predicate, direction, name, actor_id, row.report_id)
            for row, name, actor_id in rows
        ]
    return found


def _places(session: Session, ids: list[int]) -> list[ActorPlace]:
    """Where its events happened."""
    rows = session.execute(
        select(PlaceRow, EventRow.report_id)
        .join(EventRow, EventRow.place_id == PlaceRow.id)
        .where(or_(EventRow.actor1_id.in_(ids), EventRow.actor2_id.in_(ids)))
        .order_by(PlaceRow.country, PlaceRow.admin1, PlaceRow.name)
    ).all()
    seen: dict[tuple[str, str | None], ActorPlace] = {}
    for place, report_id in rows:
        key = (place.name, place.admin1)
        seen.setdefault(
            key,
            ActorPlace(place.name, place.country, place.admin1, place.admin1_name, report_id),
        )
    return list(seen.values())


def _claims(session: Session, ids: list[int]) -> list[ActorClaim]:
    rows = session.scalars(
        select(ClaimRow)
        .where(or_(ClaimRow.speaker_id.in_(ids), ClaimRow.speaker_org_id.in_(ids)))
        .order_by(ClaimRow.id)
    )
    return [ActorClaim(c.act, c.cue, c.content, c.report_id) for c in rows]


def _events(session: Session, ids: list[int]) -> list[ActorEvent]:
    rows = session.execute(
        select(EventRow, PlaceRow.name)
        .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
        .where(or_(EventRow.actor1_id.in_(ids), EventRow.actor2_id.in_(ids)))
        .order_by(EventRow.date_start, EventRow.id)
    ).all()
    return [
        ActorEvent(
            event.type,
            event.sub_type,
            event.date_start,
            place,
            (event.killed or {}).get("best"),
            event.report_id,
        )
        for event, place in rows
    ]
