"""GET /api/v1/exports/{format}: what `warnline export` writes, streamed as a download."""

from __future__ import annotations

import io
import json
import re

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import ApiStore

from warnline.export import EXPORTERS, parse_filters

CONTENT_TYPES = {
    "acled": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "stix": "application/stix+json;version=2.1",
    "jsonl": "application/x-ndjson",
}
SUFFIXES = {"acled": "csv", "geojson": "geojson", "stix": "json", "jsonl": "jsonl"}


def _written(api_store: ApiStore, format_name: str, **params: str) -> str:
    out = io.StringIO(newline="")
    with api_store.store.session() as session:
        EXPORTERS[format_name](session, parse_filters(**params), out)
    return out.getvalue()


@pytest.mark.parametrize("format_name", ["acled", "geojson", "jsonl"])
@pytest.mark.parametrize("params", [{}, {"country": "BF"}, {"since": "2025-01-01"}])
def test_export_is_what_the_exporter_writes(
    reader_client: TestClient, api_store: ApiStore, format_name: str, params: dict[str, str]
) -> None:
    response = reader_client.get(f"/api/v1/exports/{format_name}", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"] == CONTENT_TYPES[format_name]
    disposition = response.headers["content-disposition"]
    assert re.fullmatch(
        rf'attachment; filename="warnline-{format_name}-\d{{8}}T\d{{6}}Z\.{SUFFIXES[format_name]}"',
        disposition,
    )
    expected = _written(api_store, format_name, **params)
    assert response.text == expected
    assert len(expected) > 100


def test_filters_narrow_the_export(reader_client: TestClient) -> None:
    everything = reader_client.get("/api/v1/exports/jsonl").text.splitlines()
    burkina = reader_client.get("/api/v1/exports/jsonl", params={"country": "BF"}).text
    assert 0 < len(burkina.splitlines()) < len(everything)


def test_stix_bundle(reader_client: TestClient, api_store: ApiStore) -> None:
    response = reader_client.get("/api/v1/exports/stix", params={"country": "SO"})
    assert response.status_code == 200
    bundle = json.loads(response.text)
    expected = json.loads(_written(api_store, "stix", country="SO"))
    assert bundle["type"] == "bundle"
    assert sorted(o["type"] for o in bundle["objects"]) == sorted(
        o["type"] for o in expected["objects"]
    )


def test_a_large_export_arrives_whole(reader_client: TestClient, api_store: ApiStore) -> None:
    # Bigger than one streamed chunk: the pieces must join up into the exporter's text.
    with reader_client.stream("GET", "/api/v1/exports/jsonl") as response:
        pieces = list(response.iter_bytes())
    body = b"".join(pieces).decode("utf-8")
    assert body == _written(api_store, "jsonl")
    assert len(body) > 64 * 1024


@pytest.mark.parametrize(
    ("path", "status", "start"),
    [
        ("/api/v1/exports/pdf", 422, None),
        ("/api/v1/exports/acled?since=yesterday", 422, "E240 "),
        ("/api/v1/exports/geojson?bbox=1,2", 422, "E241 "),
    ],
)
def test_bad_export_requests(
    reader_client: TestClient, path: str, status: int, start: str | None
) -> None:
    response = reader_client.get(path)
    assert response.status_code == status
    if start is not None:
        assert response.json()["detail"].startswith(start)
