"""Read the store's events as the clusterer sees them (EventFacts), a block at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from warnline.analyse.cluster_features import EventFacts, PlaceFacts
from warnline.analyse.independence import ActorRef, report_voices
from warnline.records import Toll
from warnline.store.schema import EntityRow, EventRow, PlaceRow

TOLL_KINDS = ("killed", "injured", "killed_or_injured")
_CHUNK = 500


def load_event_facts(
    session: Session,
    *,
    report_ids: Sequence[str] | None = None,
    window: tuple[dt.date, dt.date] | None = None,
    types: Sequence[str] | None = None,
    cluster_ids: Sequence[int] | None = None,
) -> list[EventFacts]:
    """Events (of these reports, dated in this window, of these types, in these clusters)."""
    query = _query()
    if window is not None:
        query = query.where(EventRow.date_start <= window[1], EventRow.date_start >= window[0])
    if types is not None:
        query = query.where(EventRow.type.in_(types))
    keys: Sequence[Any] | None = report_ids if report_ids is not None else cluster_ids
    column = EventRow.report_id if report_ids is not None else EventRow.cluster_id
    if keys is None:
        rows = list(session.execute(query).all())
    else:
        rows = []
        for start in range(0, len(keys), _CHUNK):
            chunk = list(keys[start : start + _CHUNK])
            rows.extend(session.execute(query.where(column.in_(chunk))).all())
    voices = report_voices(session, {event.report_id for event, *_ in rows})
    facts = []
    for event, place, first, second in rows:
        voice = voices.get(event.report_id)
        facts.append(
            EventFacts(
                id=event.id,
                report_id=event.report_id,
                type=event.type,
                sub_type=event.sub_type,
                start=event.date_start,
                end=event.date_end,
                place=_place(place),
                actor1=_actor(first),
                actor2=_actor(second),
                tolls=_tolls(event),
                source=voice.source if voice else "",
                unit=voice.unit if voice else event.report_id,
                place_id=event.place_id,
                cluster_id=event.cluster_id,
                cluster_score=event.cluster_score,
                cluster_reason=event.cluster_reason,
            )
        )
    return sorted(facts, key=lambda e: e.id)


def _query() -> Select[EventRow, PlaceRow, EntityRow, EntityRow]:
    first, second = aliased(EntityRow), aliased(EntityRow)
    return (
        select(EventRow, PlaceRow, first, second)
        .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
        .outerjoin(first, first.id == EventRow.actor1_id)
        .outerjoin(second, second.id == EventRow.actor2_id)
    )


def _place(row: PlaceRow | None) -> PlaceFacts | None:
    if row is None:
        return None
    return PlaceFacts(
        name=row.name,
        admin1=row.admin1,
        lat=row.lat,
        lon=row.lon,
        geonames_id=row.geonames_id,
        precision=row.precision,
    )


def _actor(row: EntityRow | None) -> ActorRef | None:
    if row is None:
        return None
    return ActorRef(name=row.name, actor=row.actor_id, catalogue=row.catalogue_id)


def _tolls(event: EventRow) -> dict[str, Toll]:
    tolls = {}
    for kind in TOLL_KINDS:
        value = getattr(event, kind)
        if value:
            tolls[kind] = Toll.model_validate(value)
    return tolls
