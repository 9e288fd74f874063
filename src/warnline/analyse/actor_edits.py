"""What an analyst sees of actors and changes by hand: list, show, merge, split.

A merge or split is kept as a decision on names (table actor_decisions), not on actor ids, so
that `rebuild_actors` and the resolution of later reports apply it again.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from warnline.analyse.actor_index import ActorIndex
from warnline.analyse.event_clusters import rebuild_clusters
from warnline.analyse.names import name_key
from warnline.analyse.resolution import merge_into, refresh_actors
from warnline.errors import Errors, WarnlineError
from warnline.store.schema import ActorDecisionRow, ActorRow, EntityRow, ReportRow
from warnline.store.writes import lock_for_writing


class ActorSummary(BaseModel):
    id: int
    name: str
    kind: str
    catalogue_id: str | None
    aliases: list[str]
    entities: int
    reports: int


class ActorEntity(BaseModel):
    """One report's entity linked to the actor, with the score and reason of the link."""

    entity_id: int
    report_id: str
    report_title: str | None
    name: str
    score: float | None
    reason: str | None


class ActorDetail(ActorSummary):
    linked: list[ActorEntity]


def actor_names(session: Session) -> list[str]:
    """Every actor's name, sorted: for a form's list of names, without counting anything."""
    # Sorted here, not by the database, whose collation differs from one engine to another.
    return sorted(set(session.scalars(select(ActorRow.name))))


def list_actors(session: Session, name: str | None = None) -> list[ActorSummary]:
    """Actors with their entity and report counts; `name` keeps those with a name containing it."""
    query = (
        select(
            ActorRow,
            func.count(EntityRow.id),
            func.count(func.distinct(EntityRow.report_id)),
        )
        .outerjoin(EntityRow, EntityRow.actor_id == ActorRow.id)
        .group_by(ActorRow.id)
        .order_by(func.count(EntityRow.id).desc(), ActorRow.name)
    )
    rows = session.execute(query).all()
    needle = name.casefold() if name else None
    return [
        _summary(actor, entities, reports)
        for actor, entities, reports in rows
        if needle is None or any(needle in text.casefold() for text in (actor.name, *actor.aliases))
    ]


def show_actor(session: Session, actor_id: int) -> ActorDetail:
    """One actor with every entity linked to it (E200 when there is none with this id)."""
    actor = _get_actor(session, actor_id)
    rows = session.execute(
        select(EntityRow, ReportRow.title)
        .join(ReportRow, ReportRow.id == EntityRow.report_id)
        .where(EntityRow.actor_id == actor_id)
        .order_by(ReportRow.ingested_at, EntityRow.id)
    ).all()
    linked = [
        ActorEntity(
            entity_id=entity.id,
            report_id=entity.report_id,
            report_title=title,
            name=entity.name,
            score=entity.actor_score,
            reason=entity.actor_reason,
        )
        for entity, title in rows
    ]
    summary = _summary(actor, len(linked), len({e.report_id for e in linked}))
    return ActorDetail(**summary.model_dump(), linked=linked)


def merge_actors(
    session: Session, actor_id: int, other_id: int, note: str | None = None
) -> ActorDetail:
    """Join two actors into the first, and keep the decision so re-analysis joins them again."""
    lock_for_writing(session)  # before reading the actors an ingest may be changing
    actor, other = _get_actor(session, actor_id), _get_actor(session, other_id)
    if actor.id == other.id:
        raise WarnlineError(Errors.E202, str(actor_id), actor_id=actor_id)
    left, right = name_key(actor.name), name_key(other.name)
    _record(session, "merge", left, right, note)
    index = ActorIndex.load(session)
    merge_into(session, index, actor.id, [other.id], note=f"'{actor.name}' and '{other.name}'")
    refresh_actors(session, index, [actor.id])
    # Clusters compare actors: what one actor now is, they must see again.
    rebuild_clusters(session)
    return show_actor(session, actor.id)


def split_actor(session: Session, actor_id: int, name: str, note: str | None = None) -> ActorDetail:
    """The actor's entities with this name leave it and form an actor of their own (kept as a
    decision, so re-analysis keeps them apart); the new actor."""
    lock_for_writing(session)
    actor = _get_actor(session, actor_id)
    key = name_key(name)
    entities = session.scalars(select(EntityRow).where(EntityRow.actor_id == actor.id)).all()
    leaving = [entity for entity in entities if name_key(entity.name) == key]
    if not leaving:
        names = ", ".join(sorted({f"'{e.name}'" for e in entities})) or "none"
        raise WarnlineError(Errors.E201, name, actor_id=actor.id, names=names)
    if len(leaving) == len(entities):
        raise WarnlineError(Errors.E203, name, actor_id=actor.id)
    _record(session, "split", name_key(actor.name), key, note)
    new = ActorRow(name=leaving[0].name, kind=leaving[0].kind, catalogue_id=None, aliases=[])
    session.add(new)
    session.flush()
    reason = f"split by the analyst from actor '{actor.name}'"
    for entity in leaving:
        entity.actor_id, entity.actor_score, entity.actor_reason = new.id, 1.0, reason
    session.flush()
    index = ActorIndex.load(session)
    # Names are recomputed from the entities each actor keeps.
    index.by_id[actor.id].set_aliases([])
    refresh_actors(session, index, [actor.id, new.id])
    rebuild_clusters(session)  # events the two now stand apart in may no longer be one
    return show_actor(session, new.id)


def _record(session: Session, action: str, left: str, right: str, note: str | None) -> None:
    """Keep the decision; it replaces any opposite decision on the same two names."""
    opposite = "split" if action == "merge" else "merge"
    session.execute(
        delete(ActorDecisionRow).where(
            ActorDecisionRow.action.in_([action, opposite]),
            or_(
                (ActorDecisionRow.left_key == left) & (ActorDecisionRow.right_key == right),
                (ActorDecisionRow.left_key == right) & (ActorDecisionRow.right_key == left),
            ),
        )
    )
    session.add(ActorDecisionRow(action=action, left_key=left, right_key=right, note=note))
    session.flush()


def _get_actor(session: Session, actor_id: int) -> ActorRow:
    actor = session.get(ActorRow, actor_id)
    if actor is None:
        raise WarnlineError(Errors.E200, str(actor_id), actor_id=actor_id)
    return actor


def _summary(actor: ActorRow, entities: int, reports: int) -> ActorSummary:
    return ActorSummary(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        catalogue_id=actor.catalogue_id,
        aliases=list(actor.aliases or []),
        entities=entities,
        reports=reports,
    )
