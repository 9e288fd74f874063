"""GET routes over the examples: claims and claim clusters, entities, alerts, sources, search."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.serve.conftest import ApiStore

from warnline.analyse.actor_edits import list_actors
from warnline.analyse.alerts import list_alerts
from warnline.analyse.cluster_views import list_claim_clusters
from warnline.analyse.credibility import list_sources
from warnline.store.reads import list_claims


def _everything(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params={**params, "limit": 500})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_claims_are_every_stored_claim(reader_client: TestClient, api_store: ApiStore) -> None:
    with api_store.store.session() as session:
        stored = list_claims(session)
    data = _everything(reader_client, "/api/v1/claims")
    assert data["total"] == len(stored) == len(data["items"])
    assert {(i["report_id"], i["local_id"]) for i in data["items"]} == {
        (report_id, claim.id) for report_id, claim in stored
    }


@pytest.mark.parametrize(
    "params",
    [
        {"act": "deny"},
        {"act": "claim_responsibility"},
        {"status": "contested"},
        {"status": "corroborated"},
        {"credibility_max": 2},
        {"credibility_min": 6},
        {"credibility_min": 3, "credibility_max": 5},
        {"speaker": "taliban"},
        {"speaker": "Islamic State Khorasan Province", "act": "claim_responsibility"},
    ],
)
def test_claim_filters(reader_client: TestClient, params: dict[str, Any]) -> None:
    everything = _everything(reader_client, "/api/v1/claims")["items"]
    data = _everything(reader_client, "/api/v1/claims", **params)
    assert data["items"], f"the examples have claims for {params}"
    assert data["total"] == len(data["items"]) < len(everything)
    for item in data["items"]:
        if "act" in params:
            assert item["act"] == params["act"]
        if "status" in params:
            assert item["status"] == params["status"]
        if "credibility_max" in params:
            assert item["credibility"] <= params["credibility_max"]
        if "credibility_min" in params:
            assert item["credibility"] >= params["credibility_min"]
        if "speaker" in params:
            names = {(item["speaker"] or "").casefold(), (item["speaker_org"] or "").casefold()}
            assert params["speaker"].casefold() in names


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"act": "shout"}, "E264"),
        ({"status": "maybe"}, "E264"),
        ({"credibility_min": 5, "credibility_max": 2}, "E263"),
    ],
)
def test_bad_claim_filters_are_a_coded_422(
    reader_client: TestClient, params: dict[str, Any], code: str
) -> None:
    response = reader_client.get("/api/v1/claims", params=params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{code} ")


@pytest.mark.parametrize("value", [0, 7])
def test_credibility_is_1_to_6(reader_client: TestClient, value: int) -> None:
    assert reader_client.get(f"/api/v1/claims?credibility_max={value}").status_code == 422


@pytest.mark.parametrize("status", [None, "contested", "corroborated", "single_source"])
def test_claim_clusters(reader_client: TestClient, api_store: ApiStore, status: str | None) -> None:
    with api_store.store.session() as session:
        expected = [c.model_dump(mode="json") for c in list_claim_clusters(session, status)]
    params = {"status": status} if status else {}
    data = _everything(reader_client, "/api/v1/claim-clusters", **params)
    assert data["items"] == expected
    assert data["total"] == len(expected) >= 1


def test_contested_clusters_show_both_sides(reader_client: TestClient) -> None:
    data = _everything(reader_client, "/api/v1/claim-clusters", status="contested")
    assert any(
        {"supports", "denies"} <= {c["stance"] for c in cluster["claims"]}
        for cluster in data["items"]
    )
    assert reader_client.get("/api/v1/claim-clusters?status=maybe").status_code == 422


def test_entities_list_and_name_filter(reader_client: TestClient, api_store: ApiStore) -> None:
    with api_store.store.session() as session:
        actors = list_actors(session)
        shabaab = list_actors(session, "shabaab")
    data = _everything(reader_client, "/api/v1/entities")
    assert data["total"] == len(actors)
    assert data["items"] == [a.model_dump(mode="json") for a in actors[:500]]
    page = reader_client.get("/api/v1/entities", params={"limit": 5, "offset": 5}).json()
    assert page["items"] == data["items"][5:10]
    named = _everything(reader_client, "/api/v1/entities", name="Shabaab")
    assert named["items"] == [a.model_dump(mode="json") for a in shabaab]
    assert named["items"]


def test_one_entity_with_its_events_claims_and_places(reader_client: TestClient) -> None:
    listed = _everything(reader_client, "/api/v1/entities", name="Islamic State")["items"]
    actor = next(a for a in listed if a["name"] == "Islamic State")
    response = reader_client.get(f"/api/v1/entities/{actor['id']}")
    assert response.status_code == 200
    profile = response.json()
    assert profile["name"] == "Islamic State"
    assert profile["aliases"] == actor["aliases"]
    assert len(profile["linked"]) == actor["entities"]
    assert profile["events"]
    for event in profile["events"]:
        ids = {side["actor_id"] for side in (event["actor1"], event["actor2"]) if side}
        assert actor["id"] in ids
    assert profile["relations"]
    assert profile["places"]
    assert {"roles", "claims"} <= set(profile)


def test_roles_come_from_the_reports(reader_client: TestClient) -> None:
    # Some person in the examples is given a role ("spokesman", "leader") by a report.
    people = [
        a for a in _everything(reader_client, "/api/v1/entities")["items"] if a["kind"] == "person"
    ]
    roles = [
        role
        for person in people
        for role in reader_client.get(f"/api/v1/entities/{person['id']}").json()["roles"]
    ]
    assert roles
    assert all(role["title"] for role in roles)


def test_an_unknown_entity_is_404(reader_client: TestClient) -> None:
    response = reader_client.get("/api/v1/entities/987654")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("E200 ")


@pytest.mark.parametrize("params", [{}, {"rule": "new_actor"}, {"unacknowledged": "true"}])
def test_alerts(reader_client: TestClient, api_store: ApiStore, params: dict[str, str]) -> None:
    with api_store.store.session() as session:
        expected = list_alerts(
            session, rule=params.get("rule"), unacknowledged="unacknowledged" in params
        )
    data = _everything(reader_client, "/api/v1/alerts", **params)
    assert data["total"] == len(expected) >= 1
    assert data["items"] == [a.model_dump(mode="json") for a in expected[:500]]


def test_sources(reader_client: TestClient, api_store: ApiStore) -> None:
    with api_store.store.session() as session:
        expected = [s.model_dump(mode="json") for s in list_sources(session)]
    data = _everything(reader_client, "/api/v1/sources")
    assert data["items"] == expected
    assert data["total"] == len(expected) > 5


@pytest.mark.parametrize(
    ("query", "word"),
    [("drone", "drone"), ("Sebba", "sebba"), ('"suicide bomber"', "suicide"), ("Shabaab*", "")],
)
def test_search_finds_reports_with_plain_snippets(
    reader_client: TestClient, query: str, word: str
) -> None:
    data = _everything(reader_client, "/api/v1/search", q=query)
    assert data["total"] == len(data["items"]) >= 1
    ranks = [hit["rank"] for hit in data["items"]]
    assert ranks == sorted(ranks)
    for hit in data["items"]:
        assert hit["matches"]
        for start, end in hit["matches"]:
            assert 0 <= start < end <= len(hit["snippet"])
            assert word in hit["snippet"][start:end].casefold()
        assert "\x02" not in hit["snippet"]
        assert "\x03" not in hit["snippet"]


def test_search_pages(reader_client: TestClient) -> None:
    everything = _everything(reader_client, "/api/v1/search", q="killed OR attack")
    assert everything["total"] > 4
    page = reader_client.get("/api/v1/search", params={"q": "killed OR attack", "limit": 2})
    assert page.json()["items"] == everything["items"][:2]


def test_search_finds_a_word_in_a_title_only(reader_client: TestClient) -> None:
    titles = reader_client.get("/api/v1/reports", params={"limit": 500}).json()["items"]
    assert _everything(reader_client, "/api/v1/search", q="mourns")["items"][0]["report_id"] in {
        r["id"] for r in titles if "mourns" in (r["title"] or "")
    }


@pytest.mark.parametrize("query", ['"unclosed', "AND", "(drone", "NOT", "a OR"])
def test_bad_search_syntax_is_a_coded_422(reader_client: TestClient, query: str) -> None:
    response = reader_client.get("/api/v1/search", params={"q": query})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("E260 q: ")


def test_search_needs_a_query(reader_client: TestClient) -> None:
    assert reader_client.get("/api/v1/search").status_code == 422
    assert reader_client.get("/api/v1/search?q=").status_code == 422


@pytest.mark.parametrize("path", ["/api/v1/entities/{id}", "/api/v1/events/{id}", "/actors/{id}"])
def test_an_id_beyond_a_database_integer_is_a_422(reader_client: TestClient, path: str) -> None:
    # PostgreSQL's integer ends at 2**31 - 1: a larger id must not reach the database.
    assert reader_client.get(path.format(id=2**31)).status_code == 422
    assert reader_client.get(path.format(id=2**31 - 1)).status_code == 404
