"""Finding things in the store for the API: full-text search over reports, and filtered,
paged listings of events and claims, filtered, counted and paged in SQL.

Full-text search uses the SQLite FTS5 table `reports_fts` (migration 0006). Snippets are plain
text with the matched words given as character offsets into the snippet: the caller escapes
and highlights them, so no markup is ever made from a report's text here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, func, or_, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased, load_only

from warnline.errors import Errors, WarnlineError
from warnline.records import Toll
from warnline.store.schema import (
    ActorRow,
    ClaimClusterRow,
    ClaimRow,
    EntityRow,
    EventRow,
    PlaceRow,
    RelationRow,
    ReportRow,
    SourceRow,
)

# Control characters cannot be in a query's match, so they mark where a match starts and ends.
_OPEN, _CLOSE, _ELLIPSIS = "\x02", "\x03", "…"
_SNIPPET_TOKENS = 24


class SearchHit(BaseModel):
    """One report matching a full-text query; `matches` are [start, end] offsets in `snippet`."""

    report_id: str
    title: str | None
    snippet: str
    matches: list[tuple[int, int]]
    rank: float


def search_reports(
    session: Session, query: str, *, limit: int = 50, offset: int = 0
) -> tuple[list[SearchHit], int]:
    """Reports whose title or text match an FTS5 query, best first, and how many match in all.

    A query FTS5 cannot parse is E260 (never a database error shown to the user).
    """
    dialect = session.get_bind().dialect.name
    if dialect != "sqlite":
        raise WarnlineError(Errors.E265, "q", dialect=dialect)
    if not query.strip():
        raise WarnlineError(Errors.E260, "q", value=query, detail="the query is empty")
    page = text(
        "SELECT f.report_id, r.title, "
        "snippet(reports_fts, 2, :open, :close, :ellipsis, :tokens) AS snippet, "
        "bm25(reports_fts) AS rank "
        "FROM reports_fts AS f JOIN reports AS r ON r.id = f.report_id "
        "WHERE reports_fts MATCH :query ORDER BY rank, f.report_id LIMIT :limit OFFSET :offset"
    )
    count = text("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH :query")
    try:
        total = session.execute(count, {"query": query}).scalar_one()
        rows = session.execute(
            page,
            {
                "query": query,
                "open": _OPEN,
                "close": _CLOSE,
                "ellipsis": _ELLIPSIS,
                "tokens": _SNIPPET_TOKENS,
                "limit": limit,
                "offset": offset,
            },
        ).all()
    except OperationalError as error:
        detail = str(error.orig).splitlines()[0] if error.orig else "not understood"
        raise WarnlineError(Errors.E260, "q", value=query, detail=detail) from error
    hits = []
    for report_id, title, marked, rank in rows:
        snippet, matches = unmark(str(marked or ""))
        hits.append(
            SearchHit(report_id=report_id, title=title, snippet=snippet, matches=matches, rank=rank)
        )
    return hits, int(total)


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and the [start, end] offsets of the spans FTS5 marked as matches."""
    plain: list[str] = []
    matches: list[tuple[int, int]] = []
    length, start = 0, None
    for part in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if part == _OPEN:
            start = length
        elif part == _CLOSE:
            if start is not None and length > start:
                matches.append((start, length))
            start = None
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), matches


@dataclass(frozen=True)
class EventQuery:
    """Conditions on events (as `warnline.export.filters.ExportFilters` has them, checked)."""

    actor: str | None = None
    event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    # minlon, minlat, maxlon, maxlat
    bbox: tuple[float, float, float, float] | None = None


class EventPlace(BaseModel):
    name: str
    country: str | None
    admin1: str | None
    admin1_name: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    geonames_id: int | None


class EventActor(BaseModel):
    """An actor as the report names it, and the cross-report actor it resolved to."""

    name: str
    kind: str
    category: str | None
    catalogue_id: str | None
    actor_id: int | None
    actor_name: str | None
    actor_catalogue_id: str | None


class EventItem(BaseModel):
    """One stored event with its report, place and actors."""

    id: int
    report_id: str
    report_title: str | None
    report_url: str | None
    report_published: dt.date | None
    report_ingested_at: dt.datetime
    source: str | None
    local_id: str
    type: str
    sub_type: str
    actor1: EventActor | None
    actor2: EventActor | None
    associated: list[str]
    interaction: int | None
    place: EventPlace | None
    geo_precision: int | None
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: str | None
    killed: Toll | None
    injured: Toll | None
    killed_or_injured: Toll | None
    cluster_id: int | None
    sentence: str


def event_conditions(query: EventQuery) -> list[ColumnElement[bool]]:
    """The conditions as subqueries on `events` alone, so counting needs no join."""
    where: list[ColumnElement[bool]] = []
    if query.actor:
        name = query.actor.strip().casefold()
        resolved = select(ActorRow.id).where(func.lower(ActorRow.name) == name)
        named = select(EntityRow.id).where(
            or_(func.lower(EntityRow.name) == name, EntityRow.actor_id.in_(resolved))
        )
        where.append(or_(EventRow.actor1_id.in_(named), EventRow.actor2_id.in_(named)))
    if query.event_type:
        where.append(or_(EventRow.type == query.event_type, EventRow.sub_type == query.event_type))
    places: list[ColumnElement[bool]] = []
    if query.country:
        places.append(PlaceRow.country == query.country)
    if query.admin1:
        places.append(PlaceRow.admin1 == query.admin1)
    if query.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = query.bbox
        places.append(PlaceRow.lon.between(min_lon, max_lon))
        places.append(PlaceRow.lat.between(min_lat, max_lat))
    if places:
        where.append(EventRow.place_id.in_(select(PlaceRow.id).where(*places)))
    # As in the exports: the start date is bounded, and undated events are left out.
    if query.since is not None:
        where.append(EventRow.date_start >= query.since)
    if query.until is not None:
        where.append(EventRow.date_start <= query.until)
    return where


def count_events(session: Session, query: EventQuery) -> int:
    """How many events the conditions select."""
    counted = select(func.count()).select_from(EventRow).where(*event_conditions(query))
    return int(session.execute(counted).scalar_one())


def event_page(
    session: Session, query: EventQuery, *, limit: int = 50, offset: int = 0
) -> list[EventItem]:
    """One page of the selected events, latest start date first (undated last), then by id."""
    # The page's ids first, from `events` and its indexes alone: the joins are then made for
    # the rows shown, not for every row an offset skips.
    page_ids = (
        select(EventRow.id)
        .where(*event_conditions(query))
        .order_by(EventRow.date_start.desc(), EventRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    ids = list(session.scalars(page_ids))
    if not ids:
        return []
    rows = _event_select().where(EventRow.id.in_(ids))
    by_id = {item.id: item for item in _event_items(session, rows)}
    return [by_id[event_id] for event_id in ids]


def get_event(session: Session, event_id: int) -> EventItem:
    """One event by its id (E262 when there is none)."""
    items = _event_items(session, _event_select().where(EventRow.id == event_id))
    if not items:
        raise WarnlineError(Errors.E262, f"event {event_id}", value=event_id)
    return items[0]


def _event_select() -> Select[Any]:
    actor1, actor2 = aliased(EntityRow), aliased(EntityRow)
    resolved1, resolved2 = aliased(ActorRow), aliased(ActorRow)
    sentence = func.substr(
        ReportRow.text, EventRow.span_start + 1, EventRow.span_end - EventRow.span_start
    )
    return (
        select(EventRow, ReportRow.title, ReportRow.url, ReportRow.published)
        .add_columns(ReportRow.ingested_at, SourceRow.name, PlaceRow, sentence)
        .add_columns(actor1, resolved1, actor2, resolved2)
        .join(ReportRow, ReportRow.id == EventRow.report_id)
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
        .outerjoin(actor1, actor1.id == EventRow.actor1_id)
        .outerjoin(resolved1, resolved1.id == actor1.actor_id)
        .outerjoin(actor2, actor2.id == EventRow.actor2_id)
        .outerjoin(resolved2, resolved2.id == actor2.actor_id)
        # Only the columns an item shows: the JSON of accounts, spans and aliases is left unread.
        .options(
            load_only(
                EventRow.id,
                EventRow.report_id,
                EventRow.local_id,
                EventRow.type,
                EventRow.sub_type,
                EventRow.actor1_category,
                EventRow.actor2_category,
                EventRow.associated,
                EventRow.interaction,
                EventRow.geo_precision,
                EventRow.date_start,
                EventRow.date_end,
                EventRow.time_precision,
                EventRow.killed,
                EventRow.injured,
                EventRow.killed_or_injured,
                EventRow.cluster_id,
            ),
            *(
                load_only(entity.name, entity.kind, entity.catalogue_id, entity.actor_id)
                for entity in (actor1, actor2)
            ),
            *(load_only(actor.name, actor.catalogue_id) for actor in (resolved1, resolved2)),
        )
    )


def _event_items(session: Session, query: Select[Any]) -> list[EventItem]:
    rows = session.execute(query).all()
    names = _entity_names(session, {row[0].report_id for row in rows})
    items = []
    for row in rows:
        event, title, url, published, ingested_at, source, place, sentence, *sides = row
        first, first_resolved, second, second_resolved = sides
        items.append(
            EventItem(
                id=event.id,
                report_id=event.report_id,
                report_title=title,
                report_url=url,
                report_published=published,
                report_ingested_at=ingested_at,
                source=source,
                local_id=event.local_id,
                type=event.type,
                sub_type=event.sub_type,
                actor1=_actor(first, first_resolved, event.actor1_category),
                actor2=_actor(second, second_resolved, event.actor2_category),
                associated=[
                    names[(event.report_id, str(local))]
                    for local in event.associated
                    if (event.report_id, str(local)) in names
                ],
                interaction=event.interaction,
                place=_place(place),
                geo_precision=event.geo_precision,
                date_start=event.date_start,
                date_end=event.date_end,
                time_precision=event.time_precision,
                killed=event.killed,
                injured=event.injured,
                killed_or_injured=event.killed_or_injured,
                cluster_id=event.cluster_id,
                sentence=" ".join(str(sentence or "").split()),
            )
        )
    return items


def _entity_names(session: Session, report_ids: set[str]) -> dict[tuple[str, str], str]:
    """Entity names by (report, local id): associated actors are stored by local id."""
    if not report_ids:
        return {}
    rows = session.execute(
        select(EntityRow.report_id, EntityRow.local_id, EntityRow.name).where(
            EntityRow.report_id.in_(report_ids)
        )
    )
    return {(report_id, local_id): name for report_id, local_id, name in rows}


def _actor(
    row: EntityRow | None, resolved: ActorRow | None, category: str | None
) -> EventActor | None:
    if row is None:
        return None
    return EventActor(
        name=row.name,
        kind=row.kind,
        category=category,
        catalogue_id=row.catalogue_id,
        actor_id=resolved.id if resolved is not None else None,
        actor_name=resolved.name if resolved is not None else None,
        actor_catalogue_id=resolved.catalogue_id if resolved is not None else None,
    )


def _place(row: PlaceRow | None) -> EventPlace | None:
    if row is None:
        return None
    return EventPlace(
        name=row.name,
        country=row.country,
        admin1=row.admin1,
        admin1_name=row.admin1_name,
        lat=row.lat,
        lon=row.lon,
        precision=row.precision,
        geonames_id=row.geonames_id,
    )


@dataclass(frozen=True)
class ClaimQuery:
    """Conditions on claims: who spoke, the speech act, and their cluster's status and grade."""

    speaker: str | None = None
    act: str | None = None
    status: str | None = None
    credibility_min: int | None = None
    credibility_max: int | None = None
    # A cross-report actor's id: claims its entities made or that were made in its name.
    speaker_actor_id: int | None = None


class ClaimItem(BaseModel):
    """One stored claim with its speaker's name and its cluster's status and credibility."""

    id: int
    report_id: str
    report_title: str | None
    source: str | None
    local_id: str
    speaker: str | None
    speaker_org: str | None
    cue: str
    act: str
    content: str
    quote: str
    hedges: list[str]
    self_interest: bool
    span: tuple[int, int]
    cluster_id: int | None
    stance: str | None
    status: str | None
    credibility: int | None


def claim_page(
    session: Session, query: ClaimQuery, *, limit: int = 50, offset: int = 0
) -> tuple[list[ClaimItem], int]:
    """One page of the selected claims, newest first, and how many are selected in all."""
    where = _claim_conditions(query)
    total = session.execute(select(func.count()).select_from(ClaimRow).where(*where)).scalar_one()
    speaker, speaker_org = aliased(EntityRow), aliased(EntityRow)
    rows = session.execute(
        select(ClaimRow, ReportRow.title, SourceRow.name, speaker.name, speaker_org.name)
        .add_columns(ClaimClusterRow.status, ClaimClusterRow.credibility)
        .join(ReportRow, ReportRow.id == ClaimRow.report_id)
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .outerjoin(speaker, speaker.id == ClaimRow.speaker_id)
        .outerjoin(speaker_org, speaker_org.id == ClaimRow.speaker_org_id)
        .outerjoin(ClaimClusterRow, ClaimClusterRow.id == ClaimRow.cluster_id)
        .where(*where)
        .order_by(ClaimRow.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    items = [
        ClaimItem(
            id=claim.id,
            report_id=claim.report_id,
            report_title=title,
            source=source,
            local_id=claim.local_id,
            speaker=speaker_name,
            speaker_org=org_name,
            cue=claim.cue,
            act=claim.act,
            content=claim.content,
            quote=claim.quote,
            hedges=[str(hedge) for hedge in claim.hedges],
            self_interest=claim.self_interest,
            span=(claim.span_start, claim.span_end),
            cluster_id=claim.cluster_id,
            stance=claim.stance,
            status=status,
            credibility=credibility,
        )
        for claim, title, source, speaker_name, org_name, status, credibility in rows
    ]
    return items, int(total)


def _claim_conditions(query: ClaimQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.speaker:
        name = query.speaker.strip().casefold()
        resolved = select(ActorRow.id).where(func.lower(ActorRow.name) == name)
        named = select(EntityRow.id).where(
            or_(func.lower(EntityRow.name) == name, EntityRow.actor_id.in_(resolved))
        )
        where.append(or_(ClaimRow.speaker_id.in_(named), ClaimRow.speaker_org_id.in_(named)))
    if query.speaker_actor_id is not None:
        linked = select(EntityRow.id).where(EntityRow.actor_id == query.speaker_actor_id)
        where.append(or_(ClaimRow.speaker_id.in_(linked), ClaimRow.speaker_org_id.in_(linked)))
    if query.act:
        where.append(ClaimRow.act == query.act)
    clusters: list[ColumnElement[bool]] = []
    if query.status:
        clusters.append(ClaimClusterRow.status == query.status)
    if query.credibility_min is not None:
        clusters.append(ClaimClusterRow.credibility >= query.credibility_min)
    if query.credibility_max is not None:
        clusters.append(ClaimClusterRow.credibility <= query.credibility_max)
    if clusters:
        where.append(ClaimRow.cluster_id.in_(select(ClaimClusterRow.id).where(*clusters)))
    return where


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
    events = _event_items(
        session,
        _event_select()
        .where(involved)
        .order_by(EventRow.date_start.desc(), EventRow.id.desc())
        .limit(limit),
    )
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
