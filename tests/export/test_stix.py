"""STIX 2.1: a bundle valid under stix2-validator in strict mode, with deterministic ids."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from stix2validator import ValidationOptions, print_results, validate_string

from warnline.export import ExportSummary, export_stix, parse_filters
from warnline.export.stix import CONFIDENCE_BY_CREDIBILITY, stix_id
from warnline.store.schema import ClaimClusterRow, ClaimRow

Run = Callable[..., tuple[str, ExportSummary]]


def _objects(text: str) -> list[dict[str, Any]]:
    bundle = json.loads(text)
    assert bundle["type"] == "bundle"
    objects: list[dict[str, Any]] = bundle["objects"]
    return objects


def _named(objects: list[dict[str, Any]], stix_type: str, name: str) -> dict[str, Any]:
    (found,) = [o for o in objects if o["type"] == stix_type and o.get("name") == name]
    return found


@pytest.mark.parametrize("filters", [{}, {"country": "AF"}, {"actor": "al-Shabaab"}])
def test_valid_in_strict_mode(run_export: Run, filters: dict[str, str]) -> None:
    text, summary = run_export(export_stix, parse_filters(**filters))
    results = validate_string(text, ValidationOptions(strict=True))
    if not results.is_valid:
        print_results(results)
    assert results.is_valid
    assert summary.written == len(_objects(text))


def test_the_same_store_gives_the_same_bundle(run_export: Run) -> None:
    first, _ = run_export(export_stix)
    second, _ = run_export(export_stix)
    assert first == second
    ids = [o["id"] for o in _objects(first)]
    assert len(ids) == len(set(ids))


def test_actors_places_and_where_they_act(run_export: Run) -> None:
    objects = _objects(run_export(export_stix)[0])
    iskp = _named(objects, "threat-actor", "Islamic State Khorasan Province")
    assert _named(objects, "threat-actor", "al-Shabaab")
    assert _named(objects, "identity", "United States")["identity_class"] == ("organization")
    kandahar = _named(objects, "location", "Kandahar")
    assert kandahar["country"] == "AF"
    assert kandahar["region"] == "southern-asia"
    assert kandahar["latitude"] == pytest.approx(31.61, abs=0.05)
    assert kandahar["longitude"] == pytest.approx(65.71, abs=0.05)
    located = [
        o for o in objects if o["type"] == "relationship" and o["relationship_type"] == "located-at"
    ]
    assert any(o["source_ref"] == iskp["id"] and o["target_ref"] == kandahar["id"] for o in located)


def test_a_report_object_for_each_report(run_export: Run, report_ids: dict[str, str]) -> None:
    objects = _objects(run_export(export_stix)[0])
    reports = {o["id"]: o for o in objects if o["type"] == "report"}
    assert set(reports) == {stix_id("report", rid) for rid in report_ids.values()}
    known = {o["id"] for o in objects}
    kandahar = reports[stix_id("report", report_ids["kandahar"])]
    assert kandahar["published"].startswith("2024-03-22")
    assert kandahar["external_references"][0]["external_id"] == report_ids["kandahar"]
    for report in reports.values():
        assert set(report["object_refs"]) <= known
    incidents = [o for o in objects if o["type"] == "incident"]
    assert any("Suicide bomb" in o["name"] for o in incidents)


def test_claims_are_notes_and_denials_opinions(run_export: Run, session: Session) -> None:
    objects = {o["id"]: o for o in _objects(run_export(export_stix)[0])}
    claims = session.execute(
        select(
            ClaimRow.report_id, ClaimRow.local_id, ClaimRow.act, ClaimClusterRow.credibility
        ).outerjoin(ClaimClusterRow, ClaimClusterRow.id == ClaimRow.cluster_id)
    ).all()
    denials = [claim for claim in claims if claim.act == "deny"]
    assert denials
    for claim in claims:
        kind = "opinion" if claim.act == "deny" else "note"
        made = objects[stix_id(kind, f"{claim.report_id}/{claim.local_id}")]
        assert set(made["object_refs"]) <= set(objects)
        expected = CONFIDENCE_BY_CREDIBILITY.get(claim.credibility or 6)
        assert made.get("confidence") == expected
        if kind == "opinion":
            assert made["opinion"] == "strongly-disagree"
    assert all(o["type"] != "note" or o["content"] for o in objects.values())


def test_confidence_follows_the_admiralty_scale() -> None:
    assert CONFIDENCE_BY_CREDIBILITY == {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}


def test_one_object_per_actor(run_export: Run) -> None:
    objects = _objects(run_export(export_stix)[0])
    actors = [o["name"] for o in objects if o["type"] in {"threat-actor", "identity"}]
    assert len(actors) == len(set(actors))
    assert _named(objects, "threat-actor", "Jama'at Nusrat al-Islam wal-Muslimin")


def test_relations_between_actors_are_relationships(run_export: Run) -> None:
    objects = _objects(run_export(export_stix)[0])
    names = {o["id"]: o.get("name") for o in objects}
    between = [
        (names[o["source_ref"]], o["relationship_type"], o["description"])
        for o in objects
        if o["type"] == "relationship"
        and o["source_ref"].split("--")[0] in {"identity", "threat-actor"}
        and o["target_ref"].split("--")[0] in {"identity", "threat-actor"}
    ]
    assert between
    for source, kind, description in between:
        assert kind in {"related-to", "targets"}
        assert description.startswith(str(source))
