"""Events for the API: filtered, counted and paged in SQL, with their places and actors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased, load_only

from warnline.errors import Errors, WarnlineError
from warnline.records import Toll
from warnline.store.schema import (
    ActorRow,
    EntityRow,
    EventRow,
    PlaceRow,
    ReportRow,
    SourceRow,
)


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
        .order_by(EventRow.date_start.desc().nulls_last(), EventRow.id.desc())
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


def latest_events(session: Session, condition: ColumnElement[bool], limit: int) -> list[EventItem]:
    """The latest `limit` events meeting a condition, newest first."""
    return _event_items(
        session,
        _event_select()
        .where(condition)
        .order_by(EventRow.date_start.desc().nulls_last(), EventRow.id.desc())
        .limit(limit),
    )


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
