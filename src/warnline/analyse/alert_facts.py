"""What the alert rules read from the store: one report's actors and where they were seen, the
evidence for it, and which earlier reports tell of the same actor.

An actor is the same across reports when its entities share an actor (entities.actor_id, set by
entity resolution), else a catalogue id, else a name (or alias): so the rules work on a store
that has not been through entity resolution, and on one that partly has.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from normality import normalize
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from warnline.store.schema import (
    ActorRow,
    ClaimRow,
    EntityRow,
    EventRow,
    MentionRow,
    PlaceRow,
    ReportRow,
)


def name_key(text: str) -> str:
    """A name as compared: lower case, transliterated, no punctuation (Al-Qaeda: 'al qaeda')."""
    return normalize(text) or text.casefold().strip()


# Earlier entities of an actor read at once when looking for its first sighting in a province.
_PAGE = 50


@dataclass(frozen=True)
class Evidence:
    """One row that made a rule fire, with its report and character span."""

    report_id: str
    kind: str  # entity, place, event, claim or relation
    row_id: int
    local_id: str | None
    span: tuple[int, int]
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "report_id": self.report_id,
            "kind": self.kind,
            "id": self.row_id,
            "local_id": self.local_id,
            "span": list(self.span),
            "text": self.text,
        }


@dataclass(frozen=True)
class ActorRef:
    """One entity of a report, as an actor the rules can look for in other reports."""

    entity_id: int
    report_id: str
    local_id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    actor_id: int | None
    actor_name: str | None
    catalogue_id: str | None

    @property
    def key(self) -> str:
        """The actor's part of an alert key: its catalogue id, else the normalised name of the
        actor it was resolved to, else its own; never the actor's row id, which a re-run of
        entity resolution may change (and the alert would be raised again)."""
        if self.catalogue_id:
            return f"catalogue:{self.catalogue_id}"
        return f"name:{name_key(self.actor_name or self.name)}"

    def same_actor(self) -> ColumnElement[bool]:
        """SQL: an entity that is this actor (each branch uses an index on entities)."""
        forms = {form for name in (self.name, *self.aliases) for form in _spellings(name)}
        by_name = EntityRow.name.in_(sorted(forms))
        loose: ColumnElement[bool] = by_name
        if self.catalogue_id is not None:
            # A catalogued actor: the same catalogue id, or an uncatalogued entity of its name.
            loose = or_(
                EntityRow.catalogue_id == self.catalogue_id,
                and_(EntityRow.catalogue_id.is_(None), by_name),
            )
        if self.actor_id is None:
            return loose
        # Resolved entities are matched by their actor only, so an analyst's split holds.
        return or_(EntityRow.actor_id == self.actor_id, and_(EntityRow.actor_id.is_(None), loose))


def _spellings(name: str) -> tuple[str, ...]:
    return (name, name.lower(), name.title(), name.upper())


@dataclass(frozen=True)
class Sighting:
    """An actor seen in a province (admin1) by one event or claim of a report."""

    actor: ActorRef
    admin1: str
    admin1_name: str | None
    evidence: Evidence


@dataclass(frozen=True)
class ReportFacts:
    """One report's rows the rules read, loaded once."""

    report: ReportRow
    actors: dict[str, ActorRef]  # by local id
    places: dict[str, PlaceRow]  # by local id
    events: list[EventRow]
    claims: list[ClaimRow]

    def actor_by_row(self, entity_id: int | None) -> ActorRef | None:
        return next((a for a in self.actors.values() if a.entity_id == entity_id), None)

    def place_by_row(self, place_id: int | None) -> PlaceRow | None:
        return next((p for p in self.places.values() if p.id == place_id), None)


# Where `raise_alerts` keeps the facts of earlier reports it has read, for one run of the rules
# (Session.info lasts as long as the session; the key is removed when the run ends).
FACTS_CACHE = "warnline.alert_facts"


def earlier_facts(session: Session, report_id: str) -> ReportFacts | None:
    """`load_facts` of an earlier report, read once per run of the rules: looking for first
    sightings, many new reports read the same few earlier ones."""
    cache: dict[str, ReportFacts | None] | None = session.info.get(FACTS_CACHE)
    if cache is None:
        return load_facts(session, report_id)
    if report_id not in cache:
        cache[report_id] = load_facts(session, report_id)
    return cache[report_id]


def load_facts(session: Session, report_id: str) -> ReportFacts | None:
    """The report's entities, places, events and claims; None if there is no such report."""
    report = session.get(ReportRow, report_id)
    if report is None:
        return None
    entities = session.execute(
        select(EntityRow, ActorRow.name)
        .outerjoin(ActorRow, ActorRow.id == EntityRow.actor_id)
        .where(EntityRow.report_id == report_id)
    ).all()
    places = session.scalars(select(PlaceRow).where(PlaceRow.report_id == report_id))
    return ReportFacts(
        report=report,
        actors={row.local_id: actor_ref(row, actor_name) for row, actor_name in entities},
        places={row.local_id: row for row in places},
        events=list(session.scalars(select(EventRow).where(EventRow.report_id == report_id))),
        claims=list(session.scalars(select(ClaimRow).where(ClaimRow.report_id == report_id))),
    )


def actor_ref(row: EntityRow, actor_name: str | None = None) -> ActorRef:
    """An entity as an actor; `actor_name` is the name of the actor it was resolved to."""
    return ActorRef(
        entity_id=row.id,
        report_id=row.report_id,
        local_id=row.local_id,
        name=row.name,
        kind=row.kind,
        aliases=tuple(str(alias) for alias in row.aliases or ()),
        actor_id=row.actor_id,
        actor_name=actor_name,
        catalogue_id=row.catalogue_id,
    )


def sightings(facts: ReportFacts) -> list[Sighting]:
    """Where the report sees each actor: the province of an event it is a side of or associated
    with, and the province of a place a claim is about together with it."""
    found: list[Sighting] = []
    for event in facts.events:
        place = facts.place_by_row(event.place_id)
        if place is None or not place.admin1:
            continue
        sides = [facts.actor_by_row(event.actor1_id), facts.actor_by_row(event.actor2_id)]
        sides += [facts.actors.get(str(local)) for local in event.associated or ()]
        evidence = row_evidence(facts.report, "event", event.id, event.local_id, event)
        found += [Sighting(a, place.admin1, place.admin1_name, evidence) for a in sides if a]
    for claim in facts.claims:
        about = [str(local) for local in claim.about or ()]
        actors = [facts.actors[local] for local in about if local in facts.actors]
        places = [facts.places[local] for local in about if local in facts.places]
        evidence = row_evidence(facts.report, "claim", claim.id, claim.local_id, claim)
        found += [
            Sighting(actor, place.admin1, place.admin1_name, evidence)
            for actor in actors
            for place in places
            if place.admin1
        ]
    return found


def row_evidence(
    report: ReportRow, kind: str, row_id: int, local_id: str | None, row: Any
) -> Evidence:
    """Evidence from a row with a span (event, claim, relation)."""
    start, end = int(row.span_start), int(row.span_end)
    return Evidence(report.id, kind, row_id, local_id, (start, end), report.text[start:end])


def mention_evidence(session: Session, report: ReportRow, actor: ActorRef) -> Evidence:
    """Evidence for an entity: its first mention in the report."""
    span = _first_mention(session, MentionRow.entity_id == actor.entity_id)
    return Evidence(report.id, "entity", actor.entity_id, actor.local_id, span, actor.name)


def place_evidence(session: Session, report: ReportRow, place: PlaceRow) -> Evidence:
    """Evidence for a place: its first mention in the report."""
    span = _first_mention(session, MentionRow.place_id == place.id)
    return Evidence(report.id, "place", place.id, place.local_id, span, place.name)


def _first_mention(session: Session, owner: ColumnElement[bool]) -> tuple[int, int]:
    """The span of the first mention of an entity or place ((0, 0) when it has none)."""
    mention = session.scalars(
        select(MentionRow).where(owner).order_by(MentionRow.span_start).limit(1)
    ).first()
    return (mention.span_start, mention.span_end) if mention else (0, 0)


def ingested_before(report: ReportRow) -> ColumnElement[bool]:
    """SQL: a report ingested before this one (ties broken by id), so a re-run over the whole
    store judges each report against what the store held when it came in."""
    return or_(
        ReportRow.ingested_at < report.ingested_at,
        and_(ReportRow.ingested_at == report.ingested_at, ReportRow.id < report.id),
    )


def reports_before(session: Session, report: ReportRow) -> int:
    """How many reports the store held before this one."""
    count = session.scalar(
        select(func.count()).select_from(ReportRow).where(ingested_before(report))
    )
    return int(count or 0)


def seen_before(session: Session, actor: ActorRef, report: ReportRow) -> bool:
    """Whether a report ingested before this one names the actor."""
    query = (
        select(EntityRow.id)
        .join(ReportRow, ReportRow.id == EntityRow.report_id)
        .where(actor.same_actor(), ingested_before(report))
        .limit(1)
    )
    return session.scalar(query) is not None


def seen_in_admin1_before(
    session: Session, actor: ActorRef, admin1: str, report: ReportRow
) -> bool:
    """Whether a report ingested before this one sees the actor in the province: only reports
    naming both the actor and a place in that province are read."""
    query = (
        select(EntityRow.id, EntityRow.report_id)
        .join(ReportRow, ReportRow.id == EntityRow.report_id)
        .where(
            actor.same_actor(),
            ingested_before(report),
            EntityRow.report_id.in_(select(PlaceRow.report_id).where(PlaceRow.admin1 == admin1)),
        )
        .order_by(ReportRow.ingested_at, EntityRow.id)
    )
    # Read a page at a time: the first report read is nearly always a sighting, and an actor
    # seen in a province by thousands of reports must not make each new report read them all.
    for offset in itertools.count(0, _PAGE):
        matching = session.execute(query.limit(_PAGE).offset(offset)).all()
        entity_ids = {entity_id for entity_id, _ in matching}
        for report_id in dict.fromkeys(report_id for _, report_id in matching):
            facts = earlier_facts(session, report_id)
            if facts and any(
                s.admin1 == admin1 and s.actor.entity_id in entity_ids for s in sightings(facts)
            ):
                return True
        if len(matching) < _PAGE:
            return False
    return False


def event_dates_in(
    session: Session, admin1: str, start: dt.date, end: dt.date, report: ReportRow
) -> list[tuple[dt.date, int]]:
    """(date, real event) of the events in the province between two dates, from this report and
    those before it; an event clustered with others counts once (its cluster, as a negative id
    so it cannot collide with an unclustered event's own id)."""
    rows = session.execute(
        select(EventRow.date_start, EventRow.cluster_id, EventRow.id)
        .join(PlaceRow, PlaceRow.id == EventRow.place_id)
        .join(ReportRow, ReportRow.id == EventRow.report_id)
        .where(
            PlaceRow.admin1 == admin1,
            EventRow.date_start >= start,
            EventRow.date_start <= end,
            or_(ingested_before(report), ReportRow.id == report.id),
        )
    ).all()
    return [
        (date, -cluster if cluster is not None else event_id)
        for date, cluster, event_id in rows
        if date is not None
    ]
