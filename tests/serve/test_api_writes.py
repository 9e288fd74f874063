"""The API's write routes, each on a copy of the examples' store: submitting reports (text, a
URL, a file), merging and splitting actors, acknowledging alerts, grading sources, webhooks
and tokens. Status codes and coded errors as documented."""

from __future__ import annotations

from collections import Counter

import pytest
from pytest_httpserver import HTTPServer
from tests.serve.conftest import Clients

# Written for these tests.
TEXT = (
    "MAIDUGURI, NIGERIA – Gunmen attacked a convoy of traders near Dikwa in Borno State on "
    "Tuesday, killing four drivers, a local official said. No group claimed the attack."
)
ARTICLE = f"""<!DOCTYPE html><html><head><title>Convoy attack near Dikwa | Lake Wire</title>
<meta property="og:site_name" content="Lake Wire">
<meta property="article:published_time" content="2024-06-04T08:00:00+00:00"></head>
<body><article><h1>Convoy attack near Dikwa</h1><p>{TEXT}</p>
<p>Residents said the road had been closed for a week after earlier raids.</p></article>
</body></html>"""
UPLOAD = f"""---
title: "Convoy attacked near Dikwa (upload)"
source: "Upload Desk"
published: 2024-06-05
---
{TEXT} Officials said the drivers were carrying grain to the market.
"""


def test_submitting_text_stores_it_once(own_clients: Clients) -> None:
    analyst = own_clients("analyst")
    body = {
        "text": TEXT,
        "title": "Convoy attack",
        "source": "Lake Wire",
        "published": "2024-06-04",
    }
    first = analyst.post("/api/v1/reports", json=body)
    assert first.status_code == 201, first.text
    stored = first.json()
    assert stored["status"] == "stored"
    assert stored["report_id"].startswith("sha256:")
    again = analyst.post("/api/v1/reports", json=body)
    assert again.status_code == 200
    assert again.json() == {**stored, "status": "duplicate", "notices": []}

    analysis = analyst.get(f"/api/v1/reports/{stored['report_id']}").json()
    assert analysis["document"]["title"] == "Convoy attack"
    assert analysis["document"]["source"] == "Lake Wire"
    assert analysis["document"]["published"] == "2024-06-04"
    # The full-text index follows new reports (migration 0006's trigger).
    hits = analyst.get("/api/v1/search", params={"q": "Dikwa"}).json()["items"]
    assert [hit["report_id"] for hit in hits] == [stored["report_id"]]


def test_submitting_a_url_reads_the_page(own_clients: Clients, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/article").respond_with_data(ARTICLE, content_type="text/html")
    analyst = own_clients("analyst")
    response = analyst.post("/api/v1/reports", json={"url": httpserver.url_for("/article")})
    assert response.status_code == 201, response.text
    document = analyst.get(f"/api/v1/reports/{response.json()['report_id']}").json()["document"]
    assert document["url"] == httpserver.url_for("/article")
    assert "Dikwa" in document["title"]


def test_uploading_a_file(own_clients: Clients) -> None:
    analyst = own_clients("analyst")
    files = {"file": ("dikwa.md", UPLOAD.encode(), "text/markdown")}
    response = analyst.post("/api/v1/reports", files=files)
    assert response.status_code == 201, response.text
    report_id = response.json()["report_id"]
    listed = analyst.get("/api/v1/reports", params={"limit": 500}).json()["items"]
    row = next(r for r in listed if r["id"] == report_id)
    assert (row["title"], row["source"], row["origin"]) == (
        "Convoy attacked near Dikwa (upload)",
        "Upload Desk",
        "upload:dikwa.md",
    )
    again = analyst.post("/api/v1/reports", files=files)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"json": {}}, "E261"),
        ({"json": {"text": "   "}}, "E261"),
        ({"json": {"text": TEXT, "published": "last Tuesday"}}, "E261"),
        ({"json": {"text": TEXT, "colour": "red"}}, "E261"),
        ({"content": b"not json", "headers": {"content-type": "application/json"}}, "E261"),
        ({"files": {"other": ("a.txt", b"x", "text/plain")}}, "E261"),
        ({"files": {"file": ("empty.txt", b"", "text/plain")}}, "E102"),
        ({"files": {"file": ("bin.txt", b"\x00\x01\x02" * 100, "text/plain")}}, "E103"),
    ],
)
def test_bad_submissions_are_a_coded_422(
    own_clients: Clients, kwargs: dict[str, object], code: str
) -> None:
    response = own_clients("analyst").post("/api/v1/reports", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith(f"{code} "), detail
    assert "\n" not in detail


def test_merge_and_split_actors(own_clients: Clients) -> None:
    analyst = own_clients("analyst")
    actors = analyst.get("/api/v1/entities", params={"limit": 500}).json()["items"]
    first, second = actors[0], actors[1]
    merged = analyst.post(f"/api/v1/entities/{first['id']}/merge", json={"other_id": second["id"]})
    assert merged.status_code == 200, merged.text
    assert merged.json()["entities"] == first["entities"] + second["entities"]
    assert analyst.get(f"/api/v1/entities/{second['id']}").status_code == 404

    split = analyst.post(f"/api/v1/entities/{first['id']}/split", json={"name": second["name"]})
    assert split.status_code == 200, split.text
    assert split.json()["name"] == second["name"]
    assert split.json()["id"] != first["id"]
    after = analyst.get(f"/api/v1/entities/{first['id']}").json()
    assert second["name"] not in Counter(entity["name"] for entity in after["linked"])


@pytest.mark.parametrize(
    ("path", "body", "status", "code"),
    [
        ("/api/v1/entities/{a}/merge", {"other_id": "{a}"}, 422, "E202"),
        ("/api/v1/entities/{a}/merge", {"other_id": 987654}, 404, "E200"),
        ("/api/v1/entities/987654/merge", {"other_id": "{a}"}, 404, "E200"),
        ("/api/v1/entities/{a}/split", {"name": "No Such Name"}, 422, "E201"),
        ("/api/v1/entities/987654/split", {"name": "x"}, 404, "E200"),
    ],
)
def test_bad_merges_and_splits(
    own_clients: Clients, path: str, body: dict[str, object], status: int, code: str
) -> None:
    analyst = own_clients("analyst")
    actor = analyst.get("/api/v1/entities").json()["items"][0]["id"]
    filled = {k: actor if v == "{a}" else v for k, v in body.items()}
    response = analyst.post(path.format(a=actor), json=filled)
    assert response.status_code == status
    assert response.json()["detail"].startswith(f"{code} ")


def test_acknowledging_an_alert(own_clients: Clients) -> None:
    analyst = own_clients("analyst")
    waiting = analyst.get("/api/v1/alerts", params={"unacknowledged": True}).json()
    alert = waiting["items"][0]
    response = analyst.post(f"/api/v1/alerts/{alert['id']}/ack")
    assert response.status_code == 200
    first_time = response.json()["acknowledged_at"]
    assert first_time is not None
    assert analyst.post(f"/api/v1/alerts/{alert['id']}/ack").json()["acknowledged_at"] == (
        first_time
    )
    after = analyst.get("/api/v1/alerts", params={"unacknowledged": True}).json()
    assert after["total"] == waiting["total"] - 1
    assert alert["id"] not in {a["id"] for a in after["items"]}
    missing = analyst.post("/api/v1/alerts/987654/ack")
    assert missing.status_code == 404
    assert missing.json()["detail"].startswith("E222 ")


def test_grading_a_source(own_clients: Clients) -> None:
    analyst = own_clients("analyst")
    response = analyst.put("/api/v1/sources/Sahel Monitor/grade", json={"grade": "b"})
    assert response.status_code == 200, response.text
    assert response.json()["reliability"] == "B"
    sources = analyst.get("/api/v1/sources").json()["items"]
    assert next(s for s in sources if s["name"] == "Sahel Monitor")["reliability"] == "B"
    bad = analyst.put("/api/v1/sources/Sahel Monitor/grade", json={"grade": "Z"})
    assert (bad.status_code, bad.json()["detail"][:5]) == (422, "E211 ")
    unknown = analyst.put("/api/v1/sources/Nobody/grade", json={"grade": "A"})
    assert (unknown.status_code, unknown.json()["detail"][:5]) == (404, "E210 ")


def test_webhooks(own_clients: Clients) -> None:
    admin = own_clients("admin")
    added = admin.post("/api/v1/webhooks", json={"url": "http://127.0.0.1:9/hook"})
    assert added.status_code == 201
    hook = added.json()
    assert admin.get("/api/v1/webhooks").json()["items"] == [hook]
    assert admin.get("/api/v1/webhooks/log").status_code == 200
    assert admin.delete(f"/api/v1/webhooks/{hook['id']}").json() == hook
    again = admin.delete(f"/api/v1/webhooks/{hook['id']}")
    assert (again.status_code, again.json()["detail"][:5]) == (404, "E223 ")
    bad = admin.post("/api/v1/webhooks", json={"url": "ftp://example.org/x"})
    assert (bad.status_code, bad.json()["detail"][:5]) == (422, "E142 ")


def test_tokens_are_shown_once_and_revoked_at_once(own_clients: Clients) -> None:
    admin = own_clients("admin")
    created = admin.post("/api/v1/tokens", json={"role": "reader", "name": "a colleague"})
    assert created.status_code == 201
    issued = created.json()
    assert issued["token"].startswith(issued["prefix"])
    listed = admin.get("/api/v1/tokens").json()["items"]
    row = next(t for t in listed if t["id"] == issued["id"])
    assert "token" not in row
    assert issued["token"] not in str(listed)
    headers = {"Authorization": f"Bearer {issued['token']}"}
    assert admin.get("/api/v1/reports", headers=headers).status_code == 200
    revoked = admin.delete(f"/api/v1/tokens/{issued['id']}")
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert admin.get("/api/v1/reports", headers=headers).status_code == 401
    missing = admin.delete("/api/v1/tokens/987654")
    assert (missing.status_code, missing.json()["detail"][:5]) == (404, "E250 ")
    bad = admin.post("/api/v1/tokens", json={"role": "owner", "name": "x"})
    assert (bad.status_code, bad.json()["detail"][:5]) == (422, "E264 ")
