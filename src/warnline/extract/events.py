"""Events: who did what to whom, where and when, coded to ACLED's taxonomy, with the tolls.

The layer reads the parse the pipeline already made, sentence by sentence
(extract/event_reading.py): cue words from vocab/event_cues.yaml that tell of something that
happened, grouped by the event they describe, with their sides, place, date and toll figures.
Follow-up sentences then join the event they go on about (extract/event_merge.py), and each
event gets its ACLED categories, interaction code, tolls and the accounts behind them.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from warnline.catalogue.actors import load_catalogue
from warnline.catalogue.gazetteer_data import load_place_data
from warnline.extract.dateline import FoundDateline
from warnline.extract.event_actors import ActorReader
from warnline.extract.event_categories import armed_bodies, interaction
from warnline.extract.event_coding import implied_categories, side_category
from warnline.extract.event_context import ReportContext
from warnline.extract.event_cues import EventCues, load_event_cues
from warnline.extract.event_merge import VIOLENT, Draft, merge_drafts
from warnline.extract.event_parse import DocIndex, index_doc, present_tense
from warnline.extract.event_reading import read_sentence
from warnline.extract.event_tolls import combine, single_kill
from warnline.records import (
    Claim,
    DateMention,
    DateRange,
    Entity,
    Event,
    Place,
    Quantity,
    Relation,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_events(
    doc: Doc,
    entities: tuple[Entity, ...],
    places: tuple[Place, ...],
    dates: tuple[DateMention, ...],
    quantities: tuple[Quantity, ...],
    claims: tuple[Claim, ...],
    published: dt.date | None,
    dateline: FoundDateline | None = None,
    relations: tuple[Relation, ...] = (),
) -> tuple[Event, ...]:
    """Every event the report describes, one record per real event."""
    cues = load_event_cues()
    index = index_doc(doc, entities, places, dates, quantities)
    sentences = tuple(doc.sents)
    context = ReportContext(
        doc=doc,
        index=index,
        cues=cues,
        reader=ActorReader(
            index,
            cues,
            sentences,
            {s.start: n for n, s in enumerate(sentences)},
            _state_forces(entities),
        ),
        dates=dates,
        quantities=quantities,
        claims=claims,
        near_cues=load_place_data().near_cues,
        published=published,
        dateline=dateline.span if dateline is not None else None,
    )
    drafts = [
        draft
        for position, sent in enumerate(sentences)
        for draft in read_sentence(sent, position, context)
    ]
    merged = merge_drafts(drafts, cues, _kin(entities))
    claims_by_id = {c.id: c for c in claims}
    bodies = armed_bodies(entities, relations)
    return tuple(
        _event(f"V{n}", draft, index, cues, claims_by_id, published, bodies)
        for n, draft in enumerate(merged, 1)
    )


def _kin(entities: tuple[Entity, ...]) -> frozenset[tuple[str, str]]:
    """Pairs of actors the catalogue links as parent or affiliate, both ways round."""
    linked = _catalogue_kin()
    ids = {e.id: e.catalogue.id for e in entities if e.catalogue is not None}
    return frozenset(
        (a, b) for a, ca in ids.items() for b, cb in ids.items() if cb in linked.get(ca, ())
    )


def _state_forces(entities: tuple[Entity, ...]) -> str | None:
    """The report's most-mentioned state force ("the army", "Malian troops"), if any."""
    forces = [e for e in entities if e.kind == "state_force"]
    if not forces:
        return None
    return max(forces, key=lambda e: len(e.mentions)).id


def _event(
    event_id: str,
    draft: Draft,
    index: DocIndex,
    cues: EventCues,
    claims: dict[str, Claim],
    published: dt.date | None,
    bodies: dict[str, str],
) -> Event:
    date = draft.date
    day = date.end if date is not None and date.end is not None else published
    when = _date_range(date) or _as_of_report(draft, published)
    first, second = implied_categories(
        draft.type,
        side_category(draft.actor1, index, day),
        side_category(draft.actor2, index, day),
        cues,
    )
    second_named = draft.actor2 is not None and draft.actor2.named
    actor1, actor2, associated = _bodies_for_people(draft, bodies)
    tolls = combine(draft.figures, claims, index.entities)
    killed = tolls.tolls.get("killed")
    if killed is None and draft.kills:
        killed = single_kill(draft.kills)
    return Event(
        id=event_id,
        type=draft.type,
        sub_type=draft.sub_type,
        actor1=actor1,
        actor2=actor2,
        associated=associated,
        actor1_category=first,
        actor2_category=second,
        interaction=interaction(first, second, second_named),
        place=draft.place.id if draft.place is not None else None,
        geo_precision=draft.geo,
        date=when,
        killed=killed,
        injured=tolls.tolls.get("injured"),
        killed_or_injured=tolls.tolls.get("killed_or_injured"),
        claim=draft.claim,
        accounts=tolls.accounts,
        toll_basis=tolls.basis,
        span=draft.spans[0],
        spans=tuple(draft.spans),
    )


def _date_range(date: DateMention | None) -> DateRange | None:
    if date is None:
        return None
    return DateRange(start=date.start, end=date.end, precision=date.precision)


def _as_of_report(draft: Draft, published: dt.date | None) -> DateRange | None:
    """ "the group now has fighters in the valley": a state told in the present tense with
    no date of its own holds on the day the report was published."""
    if published is None or draft.token is None or not present_tense(draft.token):
        return None
    return DateRange(start=published, end=published, precision="day")


def _bodies_for_people(
    draft: Draft, bodies: dict[str, str]
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """ACLED's sides are organisations: in violence, a named person who holds a post in an
    armed group or a state's forces ("Baghdadi died in a U.S. raid") stands for
    that body, and is kept as an associated actor."""
    sides = [s.entity if s is not None else None for s in (draft.actor1, draft.actor2)]
    associated = list(draft.associated)
    if draft.type in VIOLENT:
        for n, entity_id in enumerate(sides):
            body = bodies.get(entity_id) if entity_id is not None else None
            if entity_id is not None and body is not None and body not in sides:
                sides[n] = body
                associated.insert(0, entity_id)
    unique = tuple(
        a for n, a in enumerate(associated) if a not in sides and a not in associated[:n]
    )
    return sides[0], sides[1], unique


@lru_cache(maxsize=1)
def _catalogue_kin() -> dict[str, frozenset[str]]:
    """Each catalogue actor's parent and affiliates, and those who name it so (made once)."""
    linked: dict[str, set[str]] = {}
    for actor in load_catalogue():
        for other in (actor.parent, *actor.affiliates):
            if other is not None:
                linked.setdefault(actor.id, set()).add(other)
                linked.setdefault(other, set()).add(actor.id)
    return {key: frozenset(value) for key, value in linked.items()}
