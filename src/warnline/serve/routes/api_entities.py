"""/api/v1/entities: the cross-report actors; an analyst merges two or splits one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from warnline.analyse.actor_edits import (
    ActorDetail,
    ActorSummary,
    list_actors,
    merge_actors,
    show_actor,
    split_actor,
)
from warnline.serve.auth import Caller, Reader, require
from warnline.serve.deps import SessionDep
from warnline.serve.query import PagingDep, coded
from warnline.serve.schemas import AUTH_RESPONSES, MergeRequest, Page, SplitRequest
from warnline.store.actor_facts import ActorFacts, actor_facts

router = APIRouter(prefix="/api/v1", tags=["entities"], responses=AUTH_RESPONSES)

ActorId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The actor's id (from the list).")]


class EntityProfile(ActorDetail, ActorFacts):
    """An actor with its linked entities, roles, relations, places, events and claims."""


@router.get("/entities", summary="List actors across reports")
def api_entities(
    session: SessionDep,
    _caller: Reader,
    page: PagingDep,
    name: Annotated[str | None, Query(description="Part of a name or an alias.")] = None,
) -> Page[ActorSummary]:
    """Actors with how many entities and reports each is linked to, most reported first."""
    actors = list_actors(session, name)
    return Page(
        items=actors[page.offset : page.offset + page.limit],
        total=len(actors),
        limit=page.limit,
        offset=page.offset,
    )


@router.get("/entities/{actor_id}", summary="One actor: aliases, roles, relations, events")
def api_entity(session: SessionDep, _caller: Reader, actor_id: ActorId) -> EntityProfile:
    """An actor with every entity linked to it (and why), the roles and relations reports give
    it, where it is reported, and its latest events and claims; 404 (E200) if unknown."""
    with coded():
        detail = show_actor(session, actor_id)
    facts = actor_facts(session, actor_id)
    return EntityProfile(**detail.model_dump(), **facts.model_dump())


@router.post("/entities/{actor_id}/merge", summary="Merge another actor into this one")
def api_merge(
    session: SessionDep,
    caller: Annotated[Caller, Depends(require("merge"))],
    actor_id: ActorId,
    body: MergeRequest,
) -> ActorDetail:
    """The other actor's entities join this one; kept as a decision re-analysis respects."""
    with coded():
        return merge_actors(session, actor_id, body.other_id, note=f"API: {caller.name}")


@router.post("/entities/{actor_id}/split", summary="Split a name out of this actor")
def api_split(
    session: SessionDep,
    caller: Annotated[Caller, Depends(require("split"))],
    actor_id: ActorId,
    body: SplitRequest,
) -> ActorDetail:
    """The actor's entities with this name form a new actor (returned); kept as a decision."""
    with coded():
        return split_actor(session, actor_id, body.name, note=f"API: {caller.name}")
