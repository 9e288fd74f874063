"""Events for the API: filtered, counted and paged in SQL, with their places and actors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

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


# Counting stops here: past it, `count_events` says "at least this many" (an exact count of a
# filter that selects most of 1,000,000 events costs more than the page itself).
TOTAL_CAP = 10_000


@dataclass(frozen=True)
class EventTotal:
    """How many events the conditions select: exactly `count`, or more when `capped`."""

    count: int
    capped: bool = False


def count_events(session: Session, query: EventQuery, *, cap: int | None = TOTAL_CAP) -> EventTotal:
    """How many events the conditions select, counted up to `cap` (None: no cap)."""
    selected = select(EventRow.id).where(*event_conditions(query))
    if cap is not None:
        selected = selected.limit(cap + 1)
    counted = int(
        session.execute(select(func.count()).select_from(selected.subquery())).scalar_one()
    )
    if cap is not None and counted > cap:
        return EventTotal(cap, capped=True)
    return EventTotal(counted)


def event_page(
    session: Session, query: EventQuery, *, limit: int = 50, offset: int = 0
) -> list[EventItem]:
    """One page of the selected events, latest start date first (undated last), then by id."""
    ids = _page_ids(session, query, limit, offset)
    if not ids:
        return []
    rows = _event_select().where(EventRow.id.in_(ids))
    by_id = {item.id: item for item in _event_items(session, rows)}
    return [by_id[event_id] for event_id in ids]


def _page_ids(session: Session, query: EventQuery, limit: int, offset: int) -> list[int]:
    """The page's ids, from `events` and its indexes alone: the joins are then made for the
    rows shown, not for every row an offset skips.

    Dated events come first, then undated ones, each asked for apart: `date_start DESC,
    id DESC` over dated events is the backward walk of an index on both databases, while one
    query ordered `date_start DESC NULLS LAST` has no index on PostgreSQL (its indexes put
    nulls first in that direction) and sorted the whole selection for each page."""
    conditions = event_conditions(query)
    dated = list(
        session.scalars(
            select(EventRow.id)
            .where(*conditions, EventRow.date_start.is_not(None))
            .order_by(EventRow.date_start.desc(), EventRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )
    if len(dated) == limit or query.since is not None or query.until is not None:
        return dated  # a date filter leaves undated events out
    # The page reaches past the dated events: how many there are is known when it has some.
    if dated:
        dated_total = offset + len(dated)
    else:
        dated_total = int(
            session.execute(
                select(func.count())
                .select_from(EventRow)
                .where(*conditions, EventRow.date_start.is_not(None))
            ).scalar_one()
        )
    undated = session.scalars(
        select(EventRow.id)
        .where(*conditions, EventRow.date_start.is_(None))
        .order_by(EventRow.id.desc())
        .limit(limit - len(dated))
        .offset(max(0, offset - dated_total))
    )
    return dated + list(undated)


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


# What an item shows of the event's own columns: the JSON of accounts and spans is left unread.
_EVENT_COLUMNS = (
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
)


def _event_select() -> Select[Any]:
    """The columns of an item, as plain values: no ORM objects are made for the rows (for a
    page of 500 events that was most of the time the listing took)."""
    actor1, actor2 = aliased(EntityRow), aliased(EntityRow)
    resolved1, resolved2 = aliased(ActorRow), aliased(ActorRow)
    sentence = func.substr(
        ReportRow.text, EventRow.span_start + 1, EventRow.span_end - EventRow.span_start
    )
    return (
        select(*_EVENT_COLUMNS)
        .add_columns(
            ReportRow.title.label("report_title"),
            ReportRow.url.label("report_url"),
            ReportRow.published.label("report_published"),
            ReportRow.ingested_at.label("report_ingested_at"),
            SourceRow.name.label("source"),
            sentence.label("sentence"),
            PlaceRow.id.label("place_row"),
            *(getattr(PlaceRow, name).label(f"place_{name}") for name in _PLACE_FIELDS),
            *_actor_columns(actor1, resolved1, "actor1"),
            *_actor_columns(actor2, resolved2, "actor2"),
        )
        .join(ReportRow, ReportRow.id == EventRow.report_id)
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
        .outerjoin(actor1, actor1.id == EventRow.actor1_id)
        .outerjoin(resolved1, resolved1.id == actor1.actor_id)
        .outerjoin(actor2, actor2.id == EventRow.actor2_id)
        .outerjoin(resolved2, resolved2.id == actor2.actor_id)
    )


_PLACE_FIELDS = tuple(EventPlace.model_fields)


def _actor_columns(entity: Any, resolved: Any, side: str) -> list[Any]:
    return [
        entity.id.label(f"{side}_entity"),
        entity.name.label(f"{side}_name"),
        entity.kind.label(f"{side}_kind"),
        entity.catalogue_id.label(f"{side}_catalogue_id"),
        resolved.id.label(f"{side}_actor_id"),
        resolved.name.label(f"{side}_actor_name"),
        resolved.catalogue_id.label(f"{side}_actor_catalogue_id"),
    ]


def _event_items(session: Session, query: Select[Any]) -> list[EventItem]:
    rows = [row._mapping for row in session.execute(query)]
    names = _entity_names(session, {row["report_id"] for row in rows})
    items = []
    for row in rows:
        report_id = row["report_id"]
        associated = [str(local) for local in row["associated"] or []]
        items.append(
            EventItem(
                **{name: row[name] for name in _ITEM_FIELDS},
                actor1=_actor(row, "actor1"),
                actor2=_actor(row, "actor2"),
                associated=[
                    names[(report_id, local)] for local in associated if (report_id, local) in names
                ],
                place=_place(row),
                sentence=" ".join(str(row["sentence"] or "").split()),
            )
        )
    return items


# The item's fields taken as they are from the row (the others are made from several columns).
_ITEM_FIELDS = tuple(
    name
    for name in EventItem.model_fields
    if name not in {"actor1", "actor2", "associated", "place", "sentence"}
)


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


def _actor(row: Any, side: str) -> EventActor | None:
    if row[f"{side}_entity"] is None:
        return None
    return EventActor(
        name=row[f"{side}_name"],
        kind=row[f"{side}_kind"],
        category=row[f"{side}_category"],
        catalogue_id=row[f"{side}_catalogue_id"],
        actor_id=row[f"{side}_actor_id"],
        actor_name=row[f"{side}_actor_name"],
        actor_catalogue_id=row[f"{side}_actor_catalogue_id"],
    )


def _place(row: Any) -> EventPlace | None:
    if row["place_row"] is None:
        return None
    return EventPlace(**{name: row[f"place_{name}"] for name in _PLACE_FIELDS})
