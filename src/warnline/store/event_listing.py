"""Events for the API: filtered, counted and paged in SQL, with their places and actors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, FromClause, Select, and_, func, or_, select
from sqlalchemy.orm import Session

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


def event_conditions(
    query: EventQuery, named: Select[Any] | list[int] | None = None
) -> list[ColumnElement[bool]]:
    """The conditions as subqueries on `events` alone, so counting needs no join. `named`,
    when given, is what the actor filter matches (see `_named_ids`)."""
    where: list[ColumnElement[bool]] = []
    if query.actor:
        if named is None:
            named = _named(query.actor)
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


def _named(actor: str) -> Select[Any]:
    """The ids of the entities an actor filter matches: by the name reported or resolved."""
    name = actor.strip().casefold()
    resolved = select(ActorRow.id).where(func.lower(ActorRow.name) == name)
    return select(EntityRow.id).where(
        or_(func.lower(EntityRow.name) == name, EntityRow.actor_id.in_(resolved))
    )


def _named_ids(session: Session, query: EventQuery) -> list[int] | None:
    """The entity ids the actor filter matches, read first: a handful of ids written into the
    query let each database plan with their real number (PostgreSQL guessed 89 for 7, and
    then read the whole actor index, 235 ms at 1,000,000 events)."""
    if not query.actor:
        return None
    return list(session.scalars(_named(query.actor)))


def count_events(session: Session, query: EventQuery, *, cap: int | None = TOTAL_CAP) -> EventTotal:
    """How many events the conditions select, counted up to `cap` (None: no cap).

    With an actor filter the two sides of its OR are counted apart (events with the actor as
    actor1, then those with it as actor2 only), each from its own index: SQLite reads the
    whole table for the OR (85 ms at 1,000,000 events even with the count capped)."""
    named = _named_ids(session, query)
    if named is None:
        counted = _count(session, event_conditions(query), cap)
    else:
        others = event_conditions(replace(query, actor=None))
        first = EventRow.actor1_id.in_(named)
        only_second = and_(
            EventRow.actor2_id.in_(named),
            or_(EventRow.actor1_id.is_(None), EventRow.actor1_id.not_in(named)),
        )
        counted = 0
        for side in (first, only_second):
            counted += _count(session, [*others, side], cap)
            if cap is not None and counted > cap:
                break  # the first side alone passes the cap
    if cap is not None and counted > cap:
        return EventTotal(cap, capped=True)
    return EventTotal(counted)


def _count(session: Session, conditions: list[ColumnElement[bool]], cap: int | None) -> int:
    selected = select(EventRow.id).where(*conditions)
    if cap is not None:
        selected = selected.limit(cap + 1)
    return int(session.execute(select(func.count()).select_from(selected.subquery())).scalar_one())


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
    conditions = event_conditions(query, _named_ids(session, query))
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
    "id",
    "report_id",
    "local_id",
    "type",
    "sub_type",
    "actor1_category",
    "actor2_category",
    "associated",
    "interaction",
    "geo_precision",
    "date_start",
    "date_end",
    "time_precision",
    "killed",
    "injured",
    "killed_or_injured",
    "cluster_id",
)


def _event_select() -> Select[Any]:
    """The columns of an item, as plain values from the tables (SQLAlchemy Core): no ORM
    objects are made for the rows (for a page of 500 events that was most of the time the
    listing took)."""
    events, reports, sources = EventRow.__table__, ReportRow.__table__, SourceRow.__table__
    places = PlaceRow.__table__
    actor1, actor2 = EntityRow.__table__.alias("actor1"), EntityRow.__table__.alias("actor2")
    resolved1 = ActorRow.__table__.alias("resolved1")
    resolved2 = ActorRow.__table__.alias("resolved2")
    span_start, span_end = events.c.span_start, events.c.span_end
    sentence = func.substr(reports.c.text, span_start + 1, span_end - span_start)
    return (
        select(*(events.c[name] for name in _EVENT_COLUMNS))
        .add_columns(
            reports.c.title.label("report_title"),
            reports.c.url.label("report_url"),
            reports.c.published.label("report_published"),
            reports.c.ingested_at.label("report_ingested_at"),
            sources.c.name.label("source"),
            sentence.label("sentence"),
            places.c.id.label("place_row"),
            *(places.c[name].label(f"place_{name}") for name in _PLACE_FIELDS),
            *_actor_columns(actor1, resolved1, "actor1"),
            *_actor_columns(actor2, resolved2, "actor2"),
        )
        .select_from(
            events.join(reports, reports.c.id == events.c.report_id)
            .outerjoin(sources, sources.c.id == reports.c.source_id)
            .outerjoin(places, places.c.id == events.c.place_id)
            .outerjoin(actor1, actor1.c.id == events.c.actor1_id)
            .outerjoin(resolved1, resolved1.c.id == actor1.c.actor_id)
            .outerjoin(actor2, actor2.c.id == events.c.actor2_id)
            .outerjoin(resolved2, resolved2.c.id == actor2.c.actor_id)
        )
    )


_PLACE_FIELDS = tuple(EventPlace.model_fields)


def _actor_columns(entity: FromClause, resolved: FromClause, side: str) -> list[Any]:
    return [
        entity.c.id.label(f"{side}_entity"),
        entity.c.name.label(f"{side}_name"),
        entity.c.kind.label(f"{side}_kind"),
        entity.c.catalogue_id.label(f"{side}_catalogue_id"),
        resolved.c.id.label(f"{side}_actor_id"),
        resolved.c.name.label(f"{side}_actor_name"),
        resolved.c.catalogue_id.label(f"{side}_actor_catalogue_id"),
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
