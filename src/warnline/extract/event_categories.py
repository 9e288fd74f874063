"""ACLED actor categories and interaction codes.

An actor the catalogue knows takes the catalogue's category (the Taliban are state forces since
they hold Afghanistan's state; before the date they took it they were a rebel group). Others
take it from their kind; a person takes the category of the organisation they hold a post in.
The interaction code is the two categories' digits, lower first (12, 27); one side alone gives
X0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from warnline.catalogue.actors import Actor, load_catalogue
from warnline.extract.event_cues import CATEGORY_DIGITS
from warnline.records import Entity, Relation

_BY_KIND = {
    "armed_group": "rebel_group",
    "state_force": "state_forces",
    "government": "state_forces",
    "organization": "external_other",
}
ARMED = frozenset({"state_forces", "rebel_group", "political_militia", "identity_militia"})


def entity_category(entity: Entity, entities: dict[str, Entity], day: dt.date | None) -> str | None:
    """ACLED's category for an actor on the day of the event (None when nothing says)."""
    if entity.kind == "person":
        for role in entity.roles:
            body = entities.get(role.of) if role.of is not None else None
            if body is not None and body.kind != "person":
                return entity_category(body, entities, day)
        return None
    if entity.catalogue is not None:
        try:
            actor = load_catalogue().get(entity.catalogue.id)
        except KeyError:
            actor = None
        if actor is not None:
            return _dated_category(actor, day)
    return _BY_KIND.get(entity.kind)


def _dated_category(actor: Actor, day: dt.date | None) -> str:
    """A group that came to hold a state is state forces from then on, a rebel group before."""
    if actor.acled_category != "state_forces" or not actor.stands_for or day is None:
        return actor.acled_category
    starts = [role.since for role in actor.stands_for]
    if all(since is not None and day < since for since in starts) and actor.kind == "armed_group":
        return "rebel_group"
    return actor.acled_category


def interaction(first: str | None, second: str | None, second_named: bool) -> int | None:
    """ACLED's interaction code: 12 for state forces vs rebels, 27 for rebels vs civilians, 10
    for state forces alone; None when actor1's category is unknown, or actor2 is named but its
    category is unknown (a lone-actor code would then be wrong)."""
    if first is None:
        return None
    one = CATEGORY_DIGITS[first]
    if second is None:
        return None if second_named else one * 10
    low, high = sorted((one, CATEGORY_DIGITS[second]))
    return low * 10 + high


_ARMED_KINDS = frozenset({"armed_group", "state_force"})
# Ties that make a person one of a body's: a post in it, or following its leader as leader.
_MEMBERSHIP = frozenset({"leader_of", "member_of"})


def armed_bodies(entities: Iterable[Entity], relations: Iterable[Relation]) -> dict[str, str]:
    """The armed group or state force each named person holds a post in: from their roles,
    their "leader of"/"member of" relations, and for a leader's predecessor ("Abu Ubaidah took
    over from Godane at the head of al-Shabaab"), the successor's body."""
    by_id = {e.id: e for e in entities}
    found: dict[str, str] = {}

    def armed(entity_id: str | None) -> bool:
        return (
            entity_id is not None and entity_id in by_id and by_id[entity_id].kind in _ARMED_KINDS
        )

    for entity in by_id.values():
        if entity.kind == "person":
            body = next((r.of for r in entity.roles if armed(r.of)), None)
            if body is not None:
                found[entity.id] = body
    relations = tuple(relations)
    for relation in relations:
        if relation.predicate in _MEMBERSHIP and armed(relation.object):
            found.setdefault(relation.subject, relation.object)
    for relation in relations:
        if relation.predicate == "succeeded" and relation.subject in found:
            found.setdefault(relation.object, found[relation.subject])
    return {p: b for p, b in found.items() if p in by_id and by_id[p].kind == "person"}
