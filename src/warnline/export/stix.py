"""STIX 2.1: a bundle of the reports behind the selected events, made with the `stix2` library.

Armed groups are threat-actors; states, organisations, outlets and people are identities;
places are locations; each event is an incident; each report is a report. Claims are notes
(who said what); a denial is an opinion that disagrees with what it denies. Every id is a
uuid5 of a stable key, and every timestamp comes from the store, so one store always gives
one bundle.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

import stix2  # type: ignore[import-untyped]
from sqlalchemy.orm import Session

from warnline.export.codebook import load_acled_codebook
from warnline.export.filters import ExportFilters
from warnline.export.rows import (
    ExportEvent,
    ExportReport,
    ExportSummary,
    load_events,
)
from warnline.export.stix_load import StixActor, StixClaim, StixPlace, StixReport, load_stix_reports

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://warnline.example/stix/2.1")
# STIX 2.1 (Appendix A, confidence scales): the Admiralty credibility scale. Grade 6, "cannot
# be judged", has no value: confidence is then left out.
CONFIDENCE_BY_CREDIBILITY = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
# Relations between actors that STIX 2.1 names for these object types; others are related-to.
_RELATIONSHIPS = {("opposes", "threat-actor", "identity"): "targets"}
_CLASSES: dict[str, type[Any]] = {
    "threat-actor": stix2.ThreatActor,
    "identity": stix2.Identity,
    "location": stix2.Location,
    "incident": stix2.Incident,
    "relationship": stix2.Relationship,
    "note": stix2.Note,
    "opinion": stix2.Opinion,
    "report": stix2.Report,
}


def export_stix(session: Session, filters: ExportFilters, out: TextIO) -> ExportSummary:
    """Write a STIX 2.1 bundle of the selected events' reports to `out`."""
    events = load_events(session, filters)
    objects = _Objects()
    reports = load_stix_reports(session, events)
    notes = _notes_by_cluster(reports)
    # One actor is one object: a threat-actor if any report has it as an armed group.
    objects.armed = {
        actor.key
        for report in reports
        for actor in report.actors.values()
        if actor.kind == "armed_group"
    }
    for report in reports:
        _add_report(objects, report, notes)
    built = objects.build()
    bundle = stix2.Bundle(objects=built, id=stix_id("bundle", "|".join(o.id for o in built)))
    out.write(bundle.serialize(pretty=True) + "\n")
    return ExportSummary(written=len(built))


def stix_id(stix_type: str, key: str) -> str:
    """A deterministic STIX id from the type and a stable key.

    The bits are a uuid5's (name-based, so one key always gives one id), shaped as a version-4
    UUID: STIX 2.1 asks for UUIDv4 on every object but observables, and the validator's strict
    mode rejects any other version.
    """
    name_based = uuid.uuid5(NAMESPACE, f"{stix_type}|{key}")
    return f"{stix_type}--{uuid.UUID(bytes=name_based.bytes, version=4)}"


@dataclass
class _Draft:
    stix_type: str
    properties: dict[str, Any]
    created: dt.datetime


@dataclass
class _Objects:
    """STIX objects by id, each made once however many reports name it; the earliest time a
    report named it is its creation time."""

    drafts: dict[str, _Draft] = field(default_factory=dict)
    # Keys of the actors that are threat-actors.
    armed: set[str] = field(default_factory=set)

    def actor_type(self, key: str) -> str:
        return "threat-actor" if key in self.armed else "identity"

    def add(self, stix_type: str, key: str, created: dt.datetime, **properties: Any) -> str:
        object_id = stix_id(stix_type, key)
        draft = self.drafts.get(object_id)
        if draft is None:
            self.drafts[object_id] = _Draft(stix_type, properties, created)
        else:
            draft.created = min(draft.created, created)
        return object_id

    def build(self) -> list[Any]:
        return [
            _CLASSES[draft.stix_type](
                id=object_id, created=draft.created, modified=draft.created, **draft.properties
            )
            for object_id, draft in sorted(self.drafts.items())
        ]


def _add_report(objects: _Objects, report: StixReport, notes: dict[int, list[str]]) -> None:
    created = report.report.ingested_at
    refs: list[str] = []
    if report.report.source:
        refs.append(_outlet(objects, report.report.source, created))
    actors = {local: _actor(objects, actor, created) for local, actor in report.actors.items()}
    places = {
        local: ref
        for local, place in report.places.items()
        if (ref := _location(objects, place, created)) is not None
    }
    refs += [*actors.values(), *places.values()]
    for event in report.events:
        refs += _event(objects, event, actors, places, created)
    for relation in report.relations:
        if relation.subject in actors and relation.object in actors:
            source, target = actors[relation.subject], actors[relation.object]
            kind = _RELATIONSHIPS.get(
                (relation.predicate, _type_of(source), _type_of(target)), "related-to"
            )
            subject, obj = report.actors[relation.subject], report.actors[relation.object]
            description = f"{subject.name} {relation.predicate.replace('_', ' ')} {obj.name}"
            refs.append(_relationship(objects, source, kind, target, created, description))
    report_ref = stix_id("report", report.report.id)
    for claim in report.claims:
        refs.append(_claim(objects, report, claim, actors, notes, report_ref))
    _report_object(objects, report.report, refs)


def _report_object(objects: _Objects, report: ExportReport, refs: list[str]) -> None:
    published = (
        dt.datetime.combine(report.published, dt.time(), tzinfo=dt.UTC)
        if report.published is not None
        else report.ingested_at
    )
    # The address goes in the description: STIX wants a hash of the page beside any URL, and
    # the store holds a hash of the report's text (its id), not of the page.
    reference = {
        "source_name": report.source or "warnline",
        "external_id": report.id,
        "description": f"Published at {report.url}" if report.url else "Report text",
    }
    objects.add(
        "report",
        report.id,
        report.ingested_at,
        name=report.title or report.id,
        published=published,
        report_types=["threat-report"],
        object_refs=list(dict.fromkeys(refs)),
        external_references=[reference],
    )


def _outlet(objects: _Objects, name: str, created: dt.datetime) -> str:
    return objects.add(
        "identity", f"outlet|{name.casefold()}", created, name=name, identity_class="organization"
    )


def _actor(objects: _Objects, actor: StixActor, created: dt.datetime) -> str:
    aliases = [alias for alias in dict.fromkeys(actor.aliases) if alias != actor.name]
    if objects.actor_type(actor.key) == "threat-actor":
        extra = {"aliases": aliases} if aliases else {}
        return objects.add("threat-actor", actor.key, created, name=actor.name, **extra)
    identity_class = "individual" if actor.kind == "person" else "organization"
    return objects.add(
        "identity", actor.key, created, name=actor.name, identity_class=identity_class
    )


def _location(objects: _Objects, place: StixPlace, created: dt.datetime) -> str | None:
    """A location needs a country, a region or both coordinates; a place with none is left out."""
    properties: dict[str, Any] = {"name": place.name}
    if place.country:
        properties["country"] = place.country
        region = load_acled_codebook().stix_region(place.country)
        if region:
            properties["region"] = region
    if place.admin1_name:
        properties["administrative_area"] = place.admin1_name
    if place.lat is not None and place.lon is not None:
        properties |= {"latitude": place.lat, "longitude": place.lon}
    if not ({"country", "latitude"} & set(properties)):
        return None
    return objects.add("location", place.key, created, **properties)


def _event(
    objects: _Objects,
    event: ExportEvent,
    actors: dict[str, str],
    places: dict[str, str],
    created: dt.datetime,
) -> list[str]:
    """The event as an incident, tied to its actors and place; actor1 located at the place."""
    incident = objects.add(
        "incident",
        event.key,
        created,
        name=f"{event.type}: {event.sub_type}"
        + (f" ({event.date_start})" if event.date_start else ""),
        description=_incident_description(event),
    )
    refs = [incident]
    ends = {
        ref
        for ref in (_ref(objects, event, 1, actors), _ref(objects, event, 2, actors))
        if ref is not None
    }
    place = stix_id("location", event.place.key) if event.place is not None else None
    if place is not None and place not in places.values():
        place = None
    for end in sorted(ends | ({place} if place else set())):
        refs.append(_relationship(objects, end, "related-to", incident, created, event.sub_type))
    first = _ref(objects, event, 1, actors)
    if first is not None and place is not None:
        refs.append(_relationship(objects, first, "located-at", place, created, event.sentence))
    return refs


def _ref(objects: _Objects, event: ExportEvent, side: int, actors: dict[str, str]) -> str | None:
    actor = event.actor1 if side == 1 else event.actor2
    if actor is None:
        return None
    ref = stix_id(objects.actor_type(actor.key), actor.key)
    return ref if ref in actors.values() and ref in objects.drafts else None


def _incident_description(event: ExportEvent) -> str:
    tolls = [
        f"{label}: {toll.best if toll.best is not None else toll.low}"
        for label, toll in (
            ("killed", event.killed),
            ("injured", event.injured),
            ("killed or injured", event.killed_or_injured),
        )
        if toll is not None and (toll.best is not None or toll.low is not None)
    ]
    when = f"{event.date_start} to {event.date_end} ({event.time_precision})"
    return " ".join([event.sentence, f"Date: {when}.", *(f"{toll}." for toll in tolls)])


def _relationship(
    objects: _Objects,
    source: str,
    kind: str,
    target: str,
    created: dt.datetime,
    description: str,
) -> str:
    return objects.add(
        "relationship",
        f"{source}|{kind}|{target}",
        created,
        relationship_type=kind,
        source_ref=source,
        target_ref=target,
        description=description,
    )


def _claim(
    objects: _Objects,
    report: StixReport,
    claim: StixClaim,
    actors: dict[str, str],
    notes: dict[int, list[str]],
    report_ref: str,
) -> str:
    """A claim as a note; a denial as an opinion disagreeing with the claims it denies."""
    speaker = report.actors.get(claim.speaker) if claim.speaker else None
    about = [_about_ref(key, actors, report) for key in claim.about]
    refs = [ref for ref in about if ref is not None and ref in objects.drafts]
    extra: dict[str, Any] = {}
    if speaker is not None:
        extra["authors"] = [speaker.name]
    confidence = CONFIDENCE_BY_CREDIBILITY.get(claim.credibility or 6)
    if confidence is not None:
        extra["confidence"] = confidence
    key = f"{report.report.id}/{claim.local_id}"
    created = report.report.ingested_at
    if claim.denies:
        denied = notes.get(claim.cluster_id, []) if claim.cluster_id is not None else []
        return objects.add(
            "opinion",
            key,
            created,
            opinion="strongly-disagree",
            explanation=claim.content,
            object_refs=list(dict.fromkeys([*denied, *refs, report_ref])),
            **extra,
        )
    who = speaker.name if speaker is not None else "unnamed source"
    return objects.add(
        "note",
        key,
        created,
        abstract=f"{who} ({claim.act}, '{claim.cue}')",
        content=claim.content,
        object_refs=list(dict.fromkeys([*refs, report_ref])),
        **extra,
    )


def _about_ref(key: str, actors: dict[str, str], report: StixReport) -> str | None:
    kind, _, stable = key.partition("|")
    if kind == "place":
        return stix_id("location", stable)
    local = next((lid for lid, actor in report.actors.items() if actor.key == stable), None)
    return actors.get(local) if local is not None else None


def _notes_by_cluster(reports: Iterable[StixReport]) -> dict[int, list[str]]:
    """Ids of the notes of each claim cluster: what a denial in the cluster disagrees with."""
    notes: dict[int, list[str]] = {}
    for report in reports:
        for claim in report.claims:
            if claim.cluster_id is not None and not claim.denies:
                key = f"{report.report.id}/{claim.local_id}"
                notes.setdefault(claim.cluster_id, []).append(stix_id("note", key))
    return notes


def _type_of(stix_ref: str) -> str:
    return stix_ref.split("--", 1)[0]
