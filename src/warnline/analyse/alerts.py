"""Alerts: what is new in the store, by rules kept as data (vocab/alert_rules.yaml).

Each rule reads one newly stored report against the reports ingested before it and proposes
alerts; an alert's `key` says what it is about (e.g. `first_in_admin1:catalogue:al-qaeda:AF-PAN`),
and an alert whose key the store already holds is not raised again, so re-ingesting a report or
re-running the rules over the whole store (`rebuild_alerts`) raises nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.analyse.alert_facts import (
    FACTS_CACHE,
    ActorRef,
    Evidence,
    ReportFacts,
    Sighting,
    event_dates_in,
    ingested_before,
    load_facts,
    mention_evidence,
    name_key,
    place_evidence,
    reports_before,
    row_evidence,
    seen_before,
    seen_in_admin1_before,
    sightings,
)
from warnline.analyse.alert_rules import Rules, Severity, load_alert_config
from warnline.errors import Errors, WarnlineError
from warnline.store.schema import AlertRow, EntityRow, RelationRow, ReportRow, utc_now
from warnline.store.writes import lock_for_writing

EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Candidate:
    """An alert a rule proposes; stored unless its key is already in the store."""

    rule: str
    key: str
    severity: Severity
    title: str
    evidence: tuple[Evidence, ...]


RuleCheck = Callable[[Session, ReportFacts, Rules], Iterator[Candidate]]


def raise_alerts(session: Session, report_ids: Sequence[str]) -> list[int]:
    """Run the alert rules over these reports; the ids of the alerts raised."""
    rules = load_alert_config().rules
    raised: list[int] = []
    session.info[FACTS_CACHE] = {}
    try:
        for report_id in report_ids:
            facts = load_facts(session, report_id)
            if facts is None:
                continue
            for check in CHECKS:
                raised += _store_new(session, check(session, facts, rules))
    finally:
        del session.info[FACTS_CACHE]
    return raised


def rebuild_alerts(session: Session) -> list[int]:
    """Run the rules over every report, oldest first (e.g. after an analyst merged actors);
    alerts already raised stay as they are, acknowledgements included."""
    lock_for_writing(session)  # an ingest raising the same alerts meanwhile would double them
    report_ids = session.scalars(select(ReportRow.id).order_by(ReportRow.ingested_at, ReportRow.id))
    return raise_alerts(session, list(report_ids))


def _store_new(session: Session, candidates: Iterator[Candidate]) -> list[int]:
    ids: list[int] = []
    for candidate in candidates:
        if session.scalar(select(AlertRow.id).where(AlertRow.key == candidate.key)) is not None:
            continue
        row = AlertRow(
            rule=candidate.rule,
            key=candidate.key,
            severity=candidate.severity,
            title=candidate.title,
            evidence=[item.to_json() for item in candidate.evidence],
        )
        session.add(row)
        session.flush()
        ids.append(row.id)
    return ids


def first_in_admin1(session: Session, facts: ReportFacts, rules: Rules) -> Iterator[Candidate]:
    """An actor seen in a province where no earlier report saw it."""
    rule = rules.first_in_admin1
    if not rule.enabled:
        return
    grouped: dict[tuple[str, str], list[Sighting]] = {}
    for sighting in sightings(facts):
        if sighting.actor.kind in rule.actor_kinds:
            grouped.setdefault((sighting.actor.key, sighting.admin1), []).append(sighting)
    for (actor_key, admin1), seen in grouped.items():
        first = seen[0]
        if seen_in_admin1_before(session, first.actor, admin1, facts.report):
            continue
        where = f"{first.admin1_name} ({admin1})" if first.admin1_name else admin1
        yield Candidate(
            rule="first_in_admin1",
            key=f"first_in_admin1:{actor_key}:{admin1}",
            severity=rule.severity,
            title=f"First report of {first.actor.name} in {where}",
            evidence=tuple(dict.fromkeys(s.evidence for s in seen)),
        )


def new_actor(session: Session, facts: ReportFacts, rules: Rules) -> Iterator[Candidate]:
    """An actor no earlier report names, once the store holds enough reports to tell."""
    rule = rules.new_actor
    if not rule.enabled or reports_before(session, facts.report) < rule.min_reports_before:
        return
    for actor in facts.actors.values():
        if actor.kind not in rule.actor_kinds or seen_before(session, actor, facts.report):
            continue
        yield Candidate(
            rule="new_actor",
            key=f"new_actor:{actor.key}",
            severity=rule.severity,
            title=f"New actor: {actor.name}",
            evidence=(mention_evidence(session, facts.report, actor),),
        )


def new_relation(session: Session, facts: ReportFacts, rules: Rules) -> Iterator[Candidate]:
    """A relation between two actors (an alliance, a leader) that no earlier report gave."""
    rule = rules.new_relation
    if not rule.enabled or reports_before(session, facts.report) < rule.min_reports_before:
        return
    relations = session.scalars(
        select(RelationRow).where(
            RelationRow.report_id == facts.report.id, RelationRow.predicate.in_(rule.predicates)
        )
    )
    for relation in relations:
        subject = facts.actor_by_row(relation.subject_id)
        obj = facts.actor_by_row(relation.object_id)
        if subject is None or obj is None:
            continue
        if _relation_seen(session, relation.predicate, subject, obj, facts.report):
            continue
        predicate = relation.predicate.replace("_", " ")
        yield Candidate(
            rule="new_relation",
            key=f"new_relation:{subject.key}:{relation.predicate}:{obj.key}",
            severity=rule.severity,
            title=f"New relation: {subject.name} {predicate} {obj.name}",
            evidence=(row_evidence(facts.report, "relation", relation.id, None, relation),),
        )


def _relation_seen(
    session: Session, predicate: str, subject: ActorRef, obj: ActorRef, report: ReportRow
) -> bool:
    query = (
        select(RelationRow.id)
        .join(EntityRow, EntityRow.id == RelationRow.subject_id)
        .join(ReportRow, ReportRow.id == RelationRow.report_id)
        .where(
            RelationRow.predicate == predicate,
            subject.same_actor(),
            RelationRow.object_id.in_(select(EntityRow.id).where(obj.same_actor())),
            ingested_before(report),
        )
        .limit(1)
    )
    return session.scalar(query) is not None


def spike(session: Session, facts: ReportFacts, rules: Rules) -> Iterator[Candidate]:
    """More events in a province in one window than its own recent baseline: at least
    `min_events`, and at least `ratio` times the mean of the `baseline_windows` before."""
    rule = rules.spike
    if not rule.enabled:
        return
    windows: dict[tuple[str, dt.date], list[Evidence]] = {}
    names: dict[str, str] = {}
    for event in facts.events:
        place = facts.place_by_row(event.place_id)
        if place is None or not place.admin1 or event.date_start is None:
            continue
        names[place.admin1] = place.admin1_name or place.admin1
        start = _window_start(event.date_start, rule.window_days)
        windows.setdefault((place.admin1, start), []).append(
            row_evidence(facts.report, "event", event.id, event.local_id, event)
        )
    for (admin1, start), evidence in windows.items():
        width = dt.timedelta(days=rule.window_days)
        first = start - width * rule.baseline_windows
        end = start + width - dt.timedelta(days=1)
        counted = event_dates_in(session, admin1, first, end, facts.report)
        now = len({event for date, event in counted if date >= start})
        baseline = len({event for date, event in counted if date < start}) / rule.baseline_windows
        if now < rule.min_events or now < rule.ratio * baseline:
            continue
        yield Candidate(
            rule="spike",
            key=f"spike:{admin1}:{start.isoformat()}",
            severity=rule.severity,
            title=(
                f"Spike of events in {names[admin1]} ({admin1}): {now} from {start} to {end}, "
                f"against {baseline:.1f} a window in the {rule.baseline_windows} windows before"
            ),
            evidence=tuple(evidence),
        )


def _window_start(date: dt.date, window_days: int) -> dt.date:
    """Windows are fixed (counted from 1970-01-01), so a spike is raised once per window."""
    return EPOCH + dt.timedelta(days=(date - EPOCH).days // window_days * window_days)


def watchlist(session: Session, facts: ReportFacts, rules: Rules) -> Iterator[Candidate]:
    """A watched name (an actor's name or alias) or place (a place or its province) in a report."""
    rule = rules.watchlist
    if not rule.enabled:
        return
    for watched in rule.names:
        wanted = name_key(watched)
        hits = [
            mention_evidence(session, facts.report, actor)
            for actor in facts.actors.values()
            if wanted in {name_key(name) for name in (actor.name, *actor.aliases)}
        ]
        yield from _watch_hit(rule.severity, watched, facts.report, hits)
    for watched in rule.places:
        wanted = name_key(watched)
        hits = [
            place_evidence(session, facts.report, place)
            for place in facts.places.values()
            if wanted in {name_key(place.name), name_key(place.admin1_name or "")}
        ]
        yield from _watch_hit(rule.severity, watched, facts.report, hits)


def _watch_hit(
    severity: Severity, watched: str, report: ReportRow, hits: list[Evidence]
) -> Iterator[Candidate]:
    if hits:
        yield Candidate(
            rule="watchlist",
            key=f"watchlist:{name_key(watched)}:{report.id}",
            severity=severity,
            title=f"Watched name in a report: {watched}",
            evidence=tuple(hits),
        )


CHECKS: tuple[RuleCheck, ...] = (first_in_admin1, new_actor, new_relation, spike, watchlist)


class AlertView(BaseModel):
    """An alert as listed and as delivered to webhooks."""

    id: int
    rule: str
    key: str
    severity: str
    title: str
    evidence: list[dict[str, Any]]
    raised_at: dt.datetime
    acknowledged_at: dt.datetime | None


def alert_view(row: AlertRow) -> AlertView:
    return AlertView(
        id=row.id,
        rule=row.rule,
        key=row.key,
        severity=row.severity,
        title=row.title,
        evidence=list(row.evidence or ()),
        raised_at=row.raised_at,
        acknowledged_at=row.acknowledged_at,
    )


def list_alerts(
    session: Session, *, rule: str | None = None, unacknowledged: bool = False
) -> list[AlertView]:
    """Alerts, newest first; of one rule, or only those not yet acknowledged."""
    query = select(AlertRow).order_by(AlertRow.raised_at.desc(), AlertRow.id.desc())
    if rule is not None:
        query = query.where(AlertRow.rule == rule)
    if unacknowledged:
        query = query.where(AlertRow.acknowledged_at.is_(None))
    return [alert_view(row) for row in session.scalars(query)]


def acknowledge_alert(session: Session, alert_id: int) -> AlertView:
    """Mark an alert as seen by an analyst (once: a second ack keeps the first time)."""
    row = session.get(AlertRow, alert_id)
    if row is None:
        raise WarnlineError(Errors.E222, f"alert {alert_id}", value=alert_id)
    if row.acknowledged_at is None:
        row.acknowledged_at = utc_now()
    session.flush()
    return alert_view(row)
