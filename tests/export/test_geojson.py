"""GeoJSON: an RFC 7946 FeatureCollection of the events that have coordinates."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from warnline.export import ExportSummary, export_geojson, parse_filters
from warnline.store.schema import EventRow, PlaceRow

Run = Callable[..., tuple[str, ExportSummary]]


def _collection(run_export: Run, **filters: str) -> tuple[dict[str, Any], ExportSummary]:
    text, summary = run_export(export_geojson, parse_filters(**filters))
    return json.loads(text), summary


def test_a_feature_collection_of_points(run_export: Run) -> None:
    collection, summary = _collection(run_export)
    assert set(collection) == {"type", "features"}
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == summary.written > 0
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180
        assert -90 <= lat <= 90
        assert isinstance(feature["properties"], dict)


def test_events_without_coordinates_are_left_out_and_counted(
    run_export: Run, session: Session
) -> None:
    _, summary = _collection(run_export)
    unplaced = session.scalar(
        select(func.count())
        .select_from(EventRow)
        .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
        .where(or_(PlaceRow.id.is_(None), PlaceRow.lat.is_(None), PlaceRow.lon.is_(None)))
    )
    total = session.scalar(select(func.count()).select_from(EventRow))
    assert unplaced
    assert summary.left_out == unplaced
    assert summary.written + summary.left_out == total
    assert summary.left_out_reason == "no coordinates"


@pytest.mark.parametrize(
    ("place", "lon", "lat"),
    [("Kandahar", 65.7, 31.6), ("Sebba", 0.53, 13.44), ("Jilib", 42.79, 0.49)],
)
def test_longitude_comes_first(run_export: Run, place: str, lon: float, lat: float) -> None:
    collection, _ = _collection(run_export)
    (feature,) = [f for f in collection["features"] if f["properties"]["place"] == place]
    assert feature["geometry"]["coordinates"] == pytest.approx([lon, lat], abs=0.05)


def test_properties_of_an_event(run_export: Run, report_ids: dict[str, str]) -> None:
    collection, _ = _collection(run_export, actor="Islamic State Khorasan Province")
    (feature,) = collection["features"]
    properties = feature["properties"]
    assert properties["type"] == "Explosions/Remote violence"
    assert properties["sub_type"] == "Suicide bomb"
    assert properties["actors"][0]["name"] == "Islamic State Khorasan Province"
    assert properties["actors"][0]["category"] == "rebel_group"
    assert properties["date"] == {"start": "2024-03-21", "end": "2024-03-21", "precision": "day"}
    assert properties["killed"]["low"] == 21
    assert properties["injured"]["best"] == 50
    assert properties["report_id"] == report_ids["kandahar"]
    assert properties["country"] == "AF"
    assert "Kandahar" in properties["text"]
    assert feature["id"] == f"{report_ids['kandahar']}/{properties['event_id']}"


def test_filters_apply(run_export: Run) -> None:
    collection, summary = _collection(run_export, country="SO")
    assert {f["properties"]["country"] for f in collection["features"]} == {"SO"}
    everything, _ = _collection(run_export)
    assert 0 < summary.written < len(everything["features"])
