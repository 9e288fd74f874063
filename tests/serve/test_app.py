"""The web app over a store of ingested reports: pages, escaping, the API, the real server."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from tests.serve.conftest import ApiStore, copy_with

from warnline import __version__
from warnline.flow import IngestSummary
from warnline.records import StoredReport
from warnline.serve import create_app
from warnline.settings import Settings
from warnline.store import Store, list_reports, load_analysis
from warnline.store.tokens import create_token, revoke_token

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
# Written for these tests: a report whose metadata and text carry markup.
HOSTILE = f"""\
---
title: "Raid claim {SCRIPT} and {IMG}"
source: "Desk {IMG}"
published: 2024-06-02
---
GAO, MALI – Gunmen attacked a convoy north of Gao on Tuesday, killing two drivers, a regional
official said. A message posted online {SCRIPT} claimed the attack for the Islamic State
Sahel Province {IMG}.
"""


@dataclass(frozen=True)
class Served:
    store: Store
    url: str
    summary: IngestSummary
    hostile_id: str


@pytest.fixture(scope="module")
def served(api_store: ApiStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    # The app only reads: one copy of the examples' store and the hostile report serves every
    # test in this file.
    store, hostile_id = copy_with(
        api_store, tmp_path_factory.mktemp("serve"), "hostile.md", HOSTILE
    )
    yield Served(store, _url(store), api_store.summary, hostile_id)
    store.close()


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def _settings(served: Served) -> Settings:
    return Settings(db=served.url, secret_key="tests-only-session-key")


def _token(served: Served, role: str) -> str:
    with served.store.session() as session:
        return create_token(session, role, f"test {role}").token


def _sign_in(client: TestClient, token: str) -> None:
    form = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)
    assert csrf is not None
    response = client.post(
        "/login", data={"token": token, "csrf": csrf.group(1), "next": "/"}, follow_redirects=False
    )
    assert response.status_code == 303, response.text


@pytest.fixture(scope="module")
def client(served: Served) -> Iterator[TestClient]:
    """A reader signed in to the web UI (the session cookie also serves the API)."""
    with TestClient(create_app(served.store, _settings(served))) as test_client:
        _sign_in(test_client, _token(served, "reader"))
        yield test_client


@pytest.fixture
def anonymous(served: Served) -> Iterator[TestClient]:
    with TestClient(create_app(served.store, _settings(served))) as test_client:
        yield test_client


def _stored(served: Served) -> list[StoredReport]:
    with served.store.session() as session:
        return list_reports(session)


def test_index_lists_every_report(client: TestClient, served: Served) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    rows = _stored(served)
    assert len(rows) >= 21
    page = response.text
    assert f"({len(rows)})" in page
    for row in rows:
        assert row.title, row.origin
        assert str(escape(row.title)) in page, row.title


def test_index_links_open_report_pages(client: TestClient, served: Served) -> None:
    links = re.findall(r'href="(/reports/[^"]+)"', client.get("/").text)
    # One link per report, and one more from the syndicated copy to its original.
    assert len(links) == len(_stored(served)) + 1
    for link in set(links):
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize("path", ["/", "/reports", "/reports/{id}"])
def test_markup_in_a_report_is_escaped(client: TestClient, served: Served, path: str) -> None:
    response = client.get(path.format(id=served.hostile_id))
    assert response.status_code == 200
    page = response.text
    assert SCRIPT not in page
    assert IMG not in page
    # The only scripts are the app's own files; no image tag comes from a report.
    scripts = re.findall(r"<script[^>]*>", page, re.IGNORECASE)
    assert all(re.fullmatch(r'<script src="/static/[^"]+"( defer)?>', s) for s in scripts), scripts
    assert "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_health(client: TestClient, served: Served) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": __version__,
        "reports": len(_stored(served)),
    }


@pytest.mark.parametrize(("limit", "offset"), [(5, 0), (5, 5), (10, 17), (500, 0), (3, 999)])
def test_reports_api_pages(client: TestClient, served: Served, limit: int, offset: int) -> None:
    everything = [r.model_dump(mode="json") for r in _stored(served)]
    response = client.get("/api/v1/reports", params={"limit": limit, "offset": offset})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == len(everything)
    assert (data["limit"], data["offset"]) == (limit, offset)
    assert data["items"] == everything[offset : offset + limit]


def test_reports_api_default_page(client: TestClient, served: Served) -> None:
    data = client.get("/api/v1/reports").json()
    assert (data["limit"], data["offset"]) == (50, 0)
    assert len(data["items"]) == min(50, len(_stored(served)))


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}])
def test_reports_api_rejects_bad_paging(client: TestClient, params: dict[str, object]) -> None:
    assert client.get("/api/v1/reports", params=params).status_code == 422


@pytest.mark.parametrize("form", ["short", "sha256-short", "full"])
def test_report_api_by_prefix(client: TestClient, served: Served, form: str) -> None:
    wanted = served.summary.stored[0].report_id
    digits = wanted.removeprefix("sha256:")
    prefix = {"short": digits[:10], "sha256-short": f"sha256:{digits[:10]}", "full": wanted}[form]
    response = client.get(f"/api/v1/reports/{prefix}")
    assert response.status_code == 200
    data = response.json()
    assert data["schema"] == "warnline.report/1"
    assert data["document"]["id"] == wanted
    assert {"entities", "places", "dates", "extractor"} <= set(data)
    assert data["entities"]


@pytest.mark.parametrize("path", ["/api/v1/reports/{p}", "/reports/{p}"])
def test_unknown_report_is_404(client: TestClient, path: str) -> None:
    response = client.get(path.format(p="0000000000nosuch"))
    assert response.status_code == 404
    assert response.json()["detail"].startswith("E153 ")


def test_report_page(client: TestClient, served: Served) -> None:
    outcome = served.summary.stored[0]
    response = client.get(f"/reports/{outcome.report_id}")
    assert response.status_code == 200
    page = response.text
    with served.store.session() as session:
        row = next(r for r in list_reports(session) if r.id == outcome.report_id)
    assert row.title
    assert str(escape(row.title)) in page
    assert outcome.report_id in page
    assert "Entities" in page


def test_report_page_shows_claims_with_their_speakers(client: TestClient, served: Served) -> None:
    with served.store.session() as session:
        analyses = [
            (report.id, load_analysis(session, report.id)[1]) for report in list_reports(session)
        ]
    report_id, analysis = next((i, a) for i, a in analyses if any(c.speaker for c in a.claims))
    claim = next(c for c in analysis.claims if c.speaker)
    speaker = next(e.name for e in analysis.entities if e.id == claim.speaker)
    page = client.get(f"/reports/{report_id}").text
    assert "<h2>Claims</h2>" in page
    assert "<h2>Events</h2>" in page
    row = page[page.index("<h2>Claims</h2>") : page.index("<h2>Events</h2>")]
    assert str(escape(speaker)) in row
    assert str(escape(claim.content)) in row


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_real_server_serves_the_store(served: Served, tmp_path: Path) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    env = {**os.environ, "WARNLINE_DB": served.url, "WARNLINE_DATA_DIR": str(tmp_path / "data")}
    env.pop("WARNLINE_DEBUG", None)
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "warnline", "serve", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            health = None
            while time.monotonic() < deadline:
                assert server.poll() is None, log.read_text()
                try:
                    health = httpx.get(f"{base}/api/v1/health", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            assert health is not None, f"no answer within 30 s:\n{log.read_text()}"
            assert health.status_code == 200
            assert health.json()["reports"] == len(_stored(served))

            page = httpx.get(f"{base}/", timeout=10)
            assert page.status_code == 303
            assert page.headers["location"] == "/login?next=/"
            headers = {"Authorization": f"Bearer {_token(served, 'reader')}"}
            listed = httpx.get(f"{base}/api/v1/reports", headers=headers, timeout=10)
            assert listed.status_code == 200
            assert listed.json()["total"] == len(_stored(served))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


@pytest.mark.parametrize("path", ["/api/v1/reports", "/api/v1/reports/{id}"])
def test_the_api_needs_a_token(anonymous: TestClient, served: Served, path: str) -> None:
    response = anonymous.get(path.format(id=served.hostile_id))
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("role", ["reader", "analyst", "admin"])
def test_every_role_reads_with_a_bearer_token(
    anonymous: TestClient, served: Served, role: str
) -> None:
    headers = {"Authorization": f"Bearer {_token(served, role)}"}
    assert anonymous.get("/api/v1/reports", headers=headers).status_code == 200


def test_a_revoked_or_unknown_token_is_401(anonymous: TestClient, served: Served) -> None:
    token = _token(served, "reader")
    with served.store.session() as session:
        revoke_token(session, _token_id(served, token))
    for value in (token, "wl_not-a-token"):
        headers = {"Authorization": f"Bearer {value}"}
        assert anonymous.get("/api/v1/reports", headers=headers).status_code == 401


def _token_id(served: Served, token: str) -> int:
    from warnline.store.tokens import verify_token

    with served.store.session() as session:
        info = verify_token(session, token)
    assert info is not None
    return info.id


@pytest.mark.parametrize("path", ["/", "/reports/{id}"])
def test_pages_send_a_visitor_to_sign_in(anonymous: TestClient, served: Served, path: str) -> None:
    response = anonymous.get(path.format(id=served.hostile_id), follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=/")


def test_signing_in_needs_the_forms_csrf_token(anonymous: TestClient, served: Served) -> None:
    token = _token(served, "reader")
    anonymous.get("/login")
    refused = anonymous.post("/login", data={"token": token, "csrf": "forged"})
    assert refused.status_code == 403
    assert anonymous.get("/", follow_redirects=False).status_code == 303


def test_a_wrong_token_does_not_sign_in(anonymous: TestClient) -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', anonymous.get("/login").text)
    assert csrf is not None
    response = anonymous.post("/login", data={"token": "wl_wrong", "csrf": csrf.group(1)})
    assert response.status_code == 401
    assert anonymous.get("/", follow_redirects=False).status_code == 303


def test_sign_in_goes_back_only_to_a_page_of_ours(anonymous: TestClient, served: Served) -> None:
    token = _token(served, "reader")
    csrf = re.search(r'name="csrf" value="([^"]+)"', anonymous.get("/login").text)
    assert csrf is not None
    data = {"token": token, "csrf": csrf.group(1), "next": "https://evil.example/"}
    response = anonymous.post("/login", data=data, follow_redirects=False)
    assert response.headers["location"] == "/"
