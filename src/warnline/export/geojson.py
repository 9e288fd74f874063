"""GeoJSON (RFC 7946): a FeatureCollection with one Point per event that has coordinates."""

from __future__ import annotations

import json
from typing import Any, TextIO

from sqlalchemy.orm import Session

from warnline.export.filters import ExportFilters
from warnline.export.rows import ExportActor, ExportEvent, ExportSummary, load_events
from warnline.records import Toll


def export_geojson(session: Session, filters: ExportFilters, out: TextIO) -> ExportSummary:
    """Write the selected events as a GeoJSON FeatureCollection to `out`.

    Events whose place has no coordinates cannot be a Point: they are left out and counted.
    """
    features = []
    left_out = 0
    for event in load_events(session, filters):
        feature = event_feature(event)
        if feature is None:
            left_out += 1
        else:
            features.append(feature)
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return ExportSummary(written=len(features), left_out=left_out, left_out_reason="no coordinates")


def event_feature(event: ExportEvent) -> dict[str, Any] | None:
    """One event as a GeoJSON Feature, or None when its place has no coordinates."""
    place = event.place
    if place is None or place.lat is None or place.lon is None:
        return None
    return {
        "type": "Feature",
        "id": event.key,
        # RFC 7946 §3.1.1: longitude first, then latitude.
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "type": event.type,
            "sub_type": event.sub_type,
            "actors": [_actor(actor) for actor in (event.actor1, event.actor2) if actor],
            "associated": list(event.associated),
            "date": {
                "start": _iso(event.date_start),
                "end": _iso(event.date_end),
                "precision": event.time_precision,
            },
            "killed": _toll(event.killed),
            "injured": _toll(event.injured),
            "killed_or_injured": _toll(event.killed_or_injured),
            "interaction": event.interaction,
            "place": place.name,
            "country": place.country,
            "admin1": place.admin1,
            "admin1_name": place.admin1_name,
            "geo_precision": event.geo_precision,
            "report_id": event.report.id,
            "event_id": event.local_id,
            "source": event.report.source,
            "text": event.sentence,
        },
    }


def _actor(actor: ExportActor) -> dict[str, Any]:
    return {"name": actor.actor_name or actor.name, "kind": actor.kind, "category": actor.category}


def _toll(toll: Toll | None) -> dict[str, int | None] | None:
    return toll.model_dump() if toll is not None else None


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else None
