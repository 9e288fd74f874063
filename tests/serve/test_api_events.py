"""GET /api/v1/events, /events/{id}, /events.geojson and /event-clusters over the examples:
every filter selects what the exports select, pages add up, bad filters are coded 422s."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import ApiStore

from warnline.analyse.cluster_views import list_event_clusters
from warnline.export.filters import parse_filters
from warnline.export.rows import load_events

# Each filter (as the query string gives it) with the examples' events it must find.
FILTERS: list[dict[str, str]] = [
    {},
    {"country": "SO"},
    {"country": "bf"},
    {"admin1": "BF-12"},
    {"type": "Battles"},
    {"type": "air/drone strike"},
    {"actor": "Islamic State"},
    {"actor": "al-shabaab"},
    {"since": "2024-05-01"},
    {"until": "2024-03-31"},
    {"since": "2024-01-01", "until": "2024-12-31", "type": "Explosions/Remote violence"},
    {"bbox": "-5.6,9.4,2.4,15.1"},
    {"bbox": "40,-2,52,12", "since": "2024-01-01"},
]


def _expected(api_store: ApiStore, params: dict[str, str]) -> set[str]:
    filters = parse_filters(
        actor=params.get("actor"),
        event_type=params.get("type"),
        country=params.get("country"),
        admin1=params.get("admin1"),
        since=params.get("since"),
        until=params.get("until"),
        bbox=params.get("bbox"),
    )
    with api_store.store.session() as session:
        return {event.key for event in load_events(session, filters)}


def _all_pages(client: TestClient, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    offset = 0
    while True:
        data = client.get(path, params={**params, "limit": 7, "offset": offset}).json()
        items.extend(data["items"] if "items" in data else data["features"])
        offset += 7
        if offset >= data["total"]:
            return items


def _id(params: dict[str, str]) -> str:
    return "&".join(f"{key}={value}" for key, value in params.items()) or "none"


@pytest.mark.parametrize("params", FILTERS, ids=_id)
def test_filters_select_what_the_exports_select(
    reader_client: TestClient, api_store: ApiStore, params: dict[str, str]
) -> None:
    expected = _expected(api_store, params)
    response = reader_client.get("/api/v1/events", params={**params, "limit": 500})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["total"] == len(expected)
    assert {f"{item['report_id']}/{item['local_id']}" for item in data["items"]} == expected


def test_filters_find_something(api_store: ApiStore) -> None:
    # Filters that select nothing would prove nothing: most of the table must select events.
    empty = [params for params in FILTERS if not _expected(api_store, params)]
    assert len(empty) <= 1, empty


@pytest.mark.parametrize(
    ("limit", "offset"), [(1, 0), (5, 0), (5, 5), (10, 40), (500, 0), (3, 999)]
)
def test_pages_are_slices_of_one_order(reader_client: TestClient, limit: int, offset: int) -> None:
    everything = reader_client.get("/api/v1/events", params={"limit": 500}).json()["items"]
    data = reader_client.get("/api/v1/events", params={"limit": limit, "offset": offset}).json()
    assert (data["limit"], data["offset"], data["total"]) == (limit, offset, len(everything))
    assert data["items"] == everything[offset : offset + limit]


def test_events_come_latest_first(reader_client: TestClient) -> None:
    items = reader_client.get("/api/v1/events", params={"limit": 500}).json()["items"]
    dates = [item["date_start"] for item in items if item["date_start"]]
    assert dates == sorted(dates, reverse=True)
    undated = [i for i, item in enumerate(items) if item["date_start"] is None]
    assert all(i >= len(dates) for i in undated)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"since": "last week"}, "E240"),
        ({"until": "2024-13-01"}, "E240"),
        ({"bbox": "1,2,3"}, "E241"),
        ({"bbox": "10,0,0,10"}, "E241"),
        ({"type": "Picnics"}, "E242"),
        ({"country": "XX"}, "E243"),
        ({"admin1": "nowhere"}, "E244"),
        ({"since": "2024-05-01", "until": "2024-01-01"}, "E245"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/events", "/api/v1/events.geojson"])
def test_bad_filters_are_a_coded_422(
    reader_client: TestClient, path: str, params: dict[str, str], code: str
) -> None:
    response = reader_client.get(path, params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith(f"{code} ")
    assert "(fix: " in detail


# An offset beyond PostgreSQL's integer is refused before it reaches either database.
@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"offset": 2**31}]
)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events",
        "/api/v1/events.geojson",
        "/api/v1/claims",
        "/api/v1/entities",
        "/api/v1/reports",
        "/api/v1/search?q=gao",
        "/api/v1/event-clusters",
    ],
)
def test_bad_paging_is_422(reader_client: TestClient, path: str, params: dict[str, int]) -> None:
    assert reader_client.get(path, params=params).status_code == 422


def test_one_event(reader_client: TestClient) -> None:
    listed = reader_client.get("/api/v1/events", params={"limit": 3}).json()["items"]
    for item in listed:
        response = reader_client.get(f"/api/v1/events/{item['id']}")
        assert response.status_code == 200
        assert response.json() == item


def test_an_unknown_event_is_404(reader_client: TestClient) -> None:
    response = reader_client.get("/api/v1/events/987654")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("E262 ")


@pytest.mark.parametrize("params", [{}, {"country": "BF"}, {"bbox": "-5.6,9.4,2.4,15.1"}])
def test_geojson_has_a_point_per_placed_event(
    reader_client: TestClient, params: dict[str, str]
) -> None:
    events = reader_client.get("/api/v1/events", params={**params, "limit": 500}).json()
    response = reader_client.get("/api/v1/events.geojson", params={**params, "limit": 500})
    assert response.status_code == 200
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    placed = {
        item["id"]: item
        for item in events["items"]
        if item["place"] and item["place"]["lat"] is not None
    }
    assert placed, "the examples have placed events"
    assert collection["total"] == events["total"]
    assert collection["left_out"] == len(events["items"]) - len(placed)
    assert {f["properties"]["id"] for f in collection["features"]} == set(placed)
    for feature in collection["features"]:
        item, props = placed[feature["properties"]["id"]], feature["properties"]
        # RFC 7946: longitude first.
        assert feature["geometry"]["coordinates"] == [item["place"]["lon"], item["place"]["lat"]]
        assert (props["type"], props["sub_type"]) == (item["type"], item["sub_type"])
        assert props["date"]["start"] == item["date_start"]
        assert props["killed_best"] == (item["killed"] or {}).get("best")
        assert props["place"] == item["place"]["name"]
        assert props["report_id"] == item["report_id"]
        names = [a["actor_name"] or a["name"] for a in (item["actor1"], item["actor2"]) if a]
        assert props["actor_names"] == names


def test_geojson_pages(reader_client: TestClient) -> None:
    everything = reader_client.get("/api/v1/events.geojson", params={"limit": 500}).json()
    paged = _all_pages(reader_client, "/api/v1/events.geojson", {})
    assert paged == everything["features"]


def test_event_clusters_keep_every_source(reader_client: TestClient, api_store: ApiStore) -> None:
    with api_store.store.session() as session:
        expected = [c.model_dump(mode="json") for c in list_event_clusters(session, 2)]
    response = reader_client.get("/api/v1/event-clusters", params={"min_sources": 2})
    assert response.status_code == 200
    data = response.json()
    assert data["items"] == expected
    assert data["total"] == len(expected) >= 1
    sebba = next(c for c in data["items"] if c["location"] == "Sebba")
    assert {a["source"] for a in sebba["accounts"]} == {"Sahel Monitor", "Faso Courier"}
    assert {a["killed"]["best"] for a in sebba["accounts"]} == {12, 9}


def test_event_clusters_page(reader_client: TestClient) -> None:
    everything = reader_client.get("/api/v1/event-clusters", params={"limit": 500}).json()
    assert everything["total"] > 5
    page = reader_client.get("/api/v1/event-clusters", params={"limit": 2, "offset": 3}).json()
    assert page["items"] == everything["items"][3:5]
    assert reader_client.get("/api/v1/event-clusters?min_sources=0").status_code == 422
    assert reader_client.get(f"/api/v1/event-clusters?min_sources={2**31}").status_code == 422
    assert reader_client.get(f"/api/v1/event-clusters?min_sources={2**31 - 1}").json() == {
        "items": [],
        "total": 0,
        "limit": 50,
        "offset": 0,
    }
