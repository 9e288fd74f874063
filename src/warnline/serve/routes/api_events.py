"""/api/v1/events: events filtered and paged in SQL, as JSON or GeoJSON; event clusters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from warnline.analyse.cluster_views import EventClusterView, list_event_clusters
from warnline.export.geojson import event_feature
from warnline.export.rows import ExportActor, ExportEvent, ExportPlace, ExportReport
from warnline.serve.auth import Reader
from warnline.serve.deps import SessionDep
from warnline.serve.query import FiltersDep, PagingDep, RowId, coded, event_query
from warnline.serve.schemas import AUTH_RESPONSES, CappedPage, FeatureCollection, Page
from warnline.store.event_listing import (
    EventActor,
    EventItem,
    count_events,
    event_page,
    get_event,
)

router = APIRouter(prefix="/api/v1", tags=["events"], responses=AUTH_RESPONSES)


@router.get("/events", summary="List events (filtered, paged)")
def api_events(
    session: SessionDep, _caller: Reader, filters: FiltersDep, page: PagingDep
) -> CappedPage[EventItem]:
    """Stored events, latest start date first (undated last), with their report, place and
    actors. Filters combine with AND; `actor` matches a name as reported or as resolved.
    `total` is exact up to 10,000; past that it is 10,000 and `total_capped` is true."""
    query = event_query(filters)
    items = event_page(session, query, limit=page.limit, offset=page.offset)
    total = count_events(session, query)
    return CappedPage(
        items=items,
        total=total.count,
        total_capped=total.capped,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/events.geojson",
    summary="Events as a GeoJSON FeatureCollection (filtered, paged)",
    response_model=FeatureCollection,
)
def api_events_geojson(
    session: SessionDep, _caller: Reader, filters: FiltersDep, page: PagingDep
) -> FeatureCollection:
    """One page of the selected events as GeoJSON Points (longitude first, RFC 7946), for a
    map. Events without coordinates count toward `total` and `left_out` but have no feature.
    `total` is exact up to 10,000; past that it is 10,000 and `total_capped` is true."""
    query = event_query(filters)
    items = event_page(session, query, limit=page.limit, offset=page.offset)
    features = [feature for feature in map(event_geojson, items) if feature is not None]
    total = count_events(session, query)
    return FeatureCollection(
        features=features,
        total=total.count,
        total_capped=total.capped,
        limit=page.limit,
        offset=page.offset,
        left_out=len(items) - len(features),
    )


@router.get("/events/{event_id}", summary="One event")
def api_event(session: SessionDep, _caller: Reader, event_id: RowId) -> EventItem:
    """One stored event by its id; 404 (E262) when there is none."""
    with coded():
        return get_event(session, event_id)


@router.get("/event-clusters", summary="Event clusters with every source's account and toll")
def api_event_clusters(
    session: SessionDep,
    _caller: Reader,
    page: PagingDep,
    min_sources: Annotated[
        int, Query(ge=1, le=2**31 - 1, description="Told by at least this many.")
    ] = 1,
) -> Page[EventClusterView]:
    """Events from different reports that describe one real event, by date; each keeps every
    source's toll, and the cluster's toll is drawn from them."""
    with coded():
        clusters = list_event_clusters(session, min_sources=min_sources)
    return Page(
        items=clusters[page.offset : page.offset + page.limit],
        total=len(clusters),
        limit=page.limit,
        offset=page.offset,
    )


def event_geojson(item: EventItem) -> dict[str, Any] | None:
    """An event as a GeoJSON Feature (export/geojson.py's), with what the map shows beside it:
    its id, its best killed figure and its actors' names."""
    feature = event_feature(_export_event(item))
    if feature is None:
        return None
    actors = [_name(actor) for actor in (item.actor1, item.actor2) if actor is not None]
    feature["properties"].update(
        {
            "id": item.id,
            "killed_best": item.killed.best if item.killed is not None else None,
            "actor_names": actors,
            "report_title": item.report_title,
        }
    )
    return feature


def _name(actor: EventActor) -> str:
    return actor.actor_name or actor.name


def _export_event(item: EventItem) -> ExportEvent:
    place = item.place
    return ExportEvent(
        report=ExportReport(
            id=item.report_id,
            title=item.report_title,
            source=item.source,
            url=item.report_url,
            published=item.report_published,
            ingested_at=item.report_ingested_at,
        ),
        local_id=item.local_id,
        type=item.type,
        sub_type=item.sub_type,
        actor1=_export_actor(item.actor1),
        actor2=_export_actor(item.actor2),
        actor1_category=item.actor1.category if item.actor1 else None,
        actor2_category=item.actor2.category if item.actor2 else None,
        associated=tuple(item.associated),
        interaction=item.interaction,
        place=None if place is None else ExportPlace(**place.model_dump()),
        geo_precision=item.geo_precision,
        date_start=item.date_start,
        date_end=item.date_end,
        time_precision=item.time_precision,
        killed=item.killed,
        injured=item.injured,
        killed_or_injured=item.killed_or_injured,
        sentence=item.sentence,
        cluster_id=item.cluster_id,
    )


def _export_actor(actor: EventActor | None) -> ExportActor | None:
    if actor is None:
        return None
    return ExportActor(
        name=actor.name,
        kind=actor.kind,
        category=actor.category,
        catalogue_id=actor.catalogue_id,
        actor_name=actor.actor_name,
        actor_catalogue_id=actor.actor_catalogue_id,
    )
