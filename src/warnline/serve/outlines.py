"""Country outlines for the map when no tile server is configured (offline).

The shapes come from the installed `countryinfo` package (world.geo.json, public domain,
derived from Natural Earth); they are rounded to a tenth of a degree (about 11 km), enough to
see where a marker is, and small enough to send every country at once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from countryinfo import all_countries

DECIMALS = 1


def _round_ring(ring: list[list[float]]) -> list[list[float]]:
    """A ring's points rounded, repeats dropped; closed, and at least a triangle, or empty."""
    points: list[list[float]] = []
    for lon, lat, *_ in ring:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not points or points[-1] != point:
            points.append(point)
    if len(points) < 4:
        return []
    if points[0] != points[-1]:
        points.append(points[0])
    return points


def _round_polygon(polygon: list[list[list[float]]]) -> list[list[list[float]]]:
    rings = [_round_ring(ring) for ring in polygon]
    # An outer ring that vanishes takes its holes with it.
    return [ring for ring in rings if ring] if rings and rings[0] else []


def simplify_geometry(geometry: dict[str, Any]) -> dict[str, Any] | None:
    """A Polygon or MultiPolygon with rounded coordinates (None when nothing is left)."""
    if geometry.get("type") == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return None
    kept = [p for p in (_round_polygon(polygon) for polygon in polygons) if p]
    if not kept:
        return None
    return {"type": "MultiPolygon", "coordinates": kept}


def _features() -> list[dict[str, Any]]:
    features = []
    for country in all_countries():
        try:
            iso = country.iso(2)
            shapes = country.geo_json()
        except (KeyError, ValueError, AttributeError):
            continue  # a territory without a shape
        for feature in shapes.get("features", []):
            geometry = simplify_geometry(feature.get("geometry") or {})
            if geometry is not None:
                name = country.name()
                properties = {"iso": iso, "name": name.title() if name else iso}
                features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return features


@lru_cache(maxsize=1)
def outlines_geojson() -> str:
    """Every country's outline as one GeoJSON FeatureCollection (made once per process)."""
    collection = {"type": "FeatureCollection", "features": _features()}
    return json.dumps(collection, separators=(",", ":"))
