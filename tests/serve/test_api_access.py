"""Who may call what: every API route but the health check needs a token (401 without a valid
one), and each write route needs its role's permission (403 without it). Table-driven."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import ROLES, ApiStore, client_for, token_for

from warnline.store.tokens import revoke_token, role_may, verify_token

# (method, path as OpenAPI lists it, permission, JSON body); SAMPLE fills the path's ids.
ROUTES: list[tuple[str, str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/reports", "read", None),
    ("GET", "/api/v1/reports/{report_id}", "read", None),
    ("POST", "/api/v1/reports", "ingest", {"text": "Gunmen attacked a village."}),
    ("GET", "/api/v1/entities", "read", None),
    ("GET", "/api/v1/entities/{actor_id}", "read", None),
    ("POST", "/api/v1/entities/{actor_id}/merge", "merge", {"other_id": 2}),
    ("POST", "/api/v1/entities/{actor_id}/split", "split", {"name": "someone"}),
    ("GET", "/api/v1/events", "read", None),
    ("GET", "/api/v1/events/{event_id}", "read", None),
    ("GET", "/api/v1/events.geojson", "read", None),
    ("GET", "/api/v1/event-clusters", "read", None),
    ("GET", "/api/v1/claims", "read", None),
    ("GET", "/api/v1/claim-clusters", "read", None),
    ("GET", "/api/v1/alerts", "read", None),
    ("POST", "/api/v1/alerts/{alert_id}/ack", "acknowledge", None),
    ("GET", "/api/v1/sources", "read", None),
    ("PUT", "/api/v1/sources/{name}/grade", "grade", {"grade": "B"}),
    ("GET", "/api/v1/webhooks", "webhooks", None),
    ("POST", "/api/v1/webhooks", "webhooks", {"url": "http://127.0.0.1:9/hook"}),
    ("DELETE", "/api/v1/webhooks/{webhook_id}", "webhooks", None),
    ("GET", "/api/v1/webhooks/log", "webhooks", None),
    ("GET", "/api/v1/tokens", "tokens", None),
    ("POST", "/api/v1/tokens", "tokens", {"role": "reader", "name": "x"}),
    ("DELETE", "/api/v1/tokens/{token_id}", "tokens", None),
    ("GET", "/api/v1/search", "read", None),
    ("GET", "/api/v1/exports/{format_name}", "read", None),
]
SAMPLE = {
    "actor_id": "1",
    "event_id": "1",
    "alert_id": "1",
    "name": "Nobody",
    "webhook_id": "1",
    "token_id": "999999",
    "format_name": "jsonl",
}
ROUTE_IDS = [f"{method} {path}" for method, path, _, _ in ROUTES]
REFUSED = [
    pytest.param(method, path, permission, body, role, id=f"{role} {method} {path}")
    for method, path, permission, body in ROUTES
    for role in ROLES
    if not role_may(role, permission)
]


@pytest.fixture(scope="module")
def anonymous(api_store: ApiStore) -> Iterator[TestClient]:
    with client_for(api_store.store) as client:
        yield client


def _call(
    client: TestClient,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    token: str | None,
    api_store: ApiStore,
) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.request(method, _url(path, api_store), json=body, headers=headers).status_code


def test_every_api_route_is_in_the_table(anonymous: TestClient) -> None:
    schema = anonymous.get("/openapi.json").json()
    served = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/") and path != "/api/v1/health"
        for method in operations
    }
    assert served == {(method, path) for method, path, _, _ in ROUTES}


def _url(path: str, api_store: ApiStore) -> str:
    report = api_store.summary.stored[0].report_id.removeprefix("sha256:")[:12]
    url = path.format(report_id=report, **SAMPLE)
    return url + "?q=attack" if url.endswith("/search") else url


@pytest.mark.parametrize(("method", "path", "permission", "body"), ROUTES, ids=ROUTE_IDS)
@pytest.mark.parametrize("token", [None, "wl_not-a-token", "Basic"], ids=["none", "unknown", "bad"])
def test_no_valid_token_is_401(
    anonymous: TestClient,
    api_store: ApiStore,
    method: str,
    path: str,
    permission: str,
    body: dict[str, Any] | None,
    token: str | None,
) -> None:
    status = _call(anonymous, method, path, body, token, api_store)
    assert status == 401, permission


@pytest.mark.parametrize(("method", "path", "permission", "body"), ROUTES, ids=ROUTE_IDS)
def test_a_revoked_token_is_401(
    anonymous: TestClient,
    api_store: ApiStore,
    method: str,
    path: str,
    permission: str,
    body: dict[str, Any] | None,
) -> None:
    token = token_for(api_store.store, "admin")
    with api_store.store.session() as session:
        info = verify_token(session, token)
        assert info is not None
        revoke_token(session, info.id)
    assert _call(anonymous, method, path, body, token, api_store) == 401, permission


@pytest.mark.parametrize(("method", "path", "permission", "body", "role"), REFUSED)
def test_a_role_without_the_permission_is_403(
    anonymous: TestClient,
    api_store: ApiStore,
    method: str,
    path: str,
    permission: str,
    body: dict[str, Any] | None,
    role: str,
) -> None:
    headers = {"Authorization": f"Bearer {token_for(api_store.store, role)}"}
    response = anonymous.request(method, _url(path, api_store), json=body, headers=headers)
    assert response.status_code == 403
    assert response.json()["detail"] == f"a {role} token may not {permission}"


def test_refusals_cover_the_roles_asked_for() -> None:
    # Readers cannot ingest, grade, merge, split or acknowledge; analysts cannot manage tokens
    # or webhooks: the table above must produce these refusals.
    refused = {(p.values[4], p.values[2]) for p in REFUSED}
    for permission in ("ingest", "grade", "merge", "split", "acknowledge"):
        assert ("reader", permission) in refused
    for permission in ("tokens", "webhooks"):
        assert ("analyst", permission) in refused
        assert ("reader", permission) in refused
    assert not any(role == "admin" for role, _ in refused)


def test_health_needs_no_token(anonymous: TestClient) -> None:
    assert anonymous.get("/api/v1/health").status_code == 200


def test_every_route_documents_its_refusals(anonymous: TestClient) -> None:
    schema = anonymous.get("/openapi.json").json()
    for method, path, _, _ in ROUTES:
        responses = schema["paths"][path][method.lower()]["responses"]
        assert {"401", "403"} <= set(responses), f"{method} {path}"
        assert responses["200" if "200" in responses else "201"]
