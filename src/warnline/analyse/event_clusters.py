"""Event clustering: accounts of one real event from different reports, joined into one.

Events are taken in a fixed order (date, then id), so a full rebuild gives the same clusters
every time. Only events of one type whose dates lie close are compared (blocking), and an event
joins a cluster only when it matches every account already in it (complete link), so that a
chain of near matches never joins two attacks of one province.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from warnline.analyse.claim_clusters import rebuild_claim_clusters
from warnline.analyse.cluster_features import DATE_SLACK, WIDEST_DATE, EventFacts, match_events
from warnline.analyse.cluster_load import load_event_facts
from warnline.analyse.cluster_tolls import cluster_tolls
from warnline.records import Toll
from warnline.store.schema import EventClusterRow, EventRow, PlaceRow, utc_now
from warnline.store.writes import lock_for_writing


@dataclass
class Forming:
    """A cluster being formed: its members, and for each the score and reason it joined by."""

    cluster_id: int | None
    members: list[EventFacts] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)
    changed: bool = False


def cluster_events(session: Session, report_ids: Sequence[str]) -> None:
    """Put every event of these reports into the cluster of the real event it tells."""
    new = load_event_facts(session, report_ids=report_ids)
    dated = [e for e in new if e.start is not None]
    if not new:
        return
    existing: list[Forming] = []
    if dated:
        low = min(e.start for e in dated if e.start) - WIDEST_DATE - DATE_SLACK
        high = max((e.end or e.start) for e in dated if e.start) + DATE_SLACK
        types = sorted({e.type for e in dated})
        nearby = load_event_facts(session, window=(low, high), types=types)
        cluster_ids = sorted({e.cluster_id for e in nearby if e.cluster_id is not None})
        # Every member of a nearby cluster, even one dated outside the window.
        members = load_event_facts(session, cluster_ids=cluster_ids) if cluster_ids else []
        existing = _formed([e for e in members if e.report_id not in set(report_ids)])
    clusters = assign(new, existing)
    _write(session, [c for c in clusters if c.changed])


def rebuild_clusters(session: Session) -> int:
    """Recompute every event and claim cluster from scratch (deterministic); the number of
    event clusters made."""
    lock_for_writing(session)  # an ingest's refresh must not add clusters meanwhile
    session.execute(
        update(EventRow).values(cluster_id=None, cluster_score=None, cluster_reason=None)
    )
    session.execute(delete(EventClusterRow))
    clusters = assign(load_event_facts(session), [])
    _write(session, clusters)
    rebuild_claim_clusters(session)
    return len(clusters)


def assign(events: Iterable[EventFacts], existing: list[Forming]) -> list[Forming]:
    """Each event, in order, joins its best-matching open cluster or starts one."""
    by_type: dict[str, list[Forming]] = {}
    for forming in existing:
        by_type.setdefault(forming.members[0].type, []).append(forming)
    made: list[Forming] = []
    ordered = sorted(events, key=lambda e: (e.start is None, e.start, e.id))
    for event in ordered:
        candidates = by_type.setdefault(event.type, [])
        if event.start is not None:
            # Blocking: a cluster whose last day is well before this one's start is closed.
            cutoff = event.start - DATE_SLACK
            candidates[:] = [c for c in candidates if _open_after(c, cutoff)]
        best = _best_cluster(event, candidates) if can_match(event) else None
        if best is None:
            forming = Forming(cluster_id=None, members=[event], changed=True)
            forming.scores[event.id] = 1.0
            forming.reasons[event.id] = "first account of this event"
            if can_match(event):
                candidates.append(forming)
            made.append(forming)
        else:
            cluster, score, reason = best
            cluster.members.append(event)
            cluster.scores[event.id] = score
            cluster.reasons[event.id] = reason
            if not cluster.changed:
                cluster.changed = True
                made.append(cluster)
    return made


def can_match(event: EventFacts) -> bool:
    """Whether any other account could join this one: an event with no place, or no date
    or only a vague one, stays on its own (match_events would refuse every pair)."""
    if event.place is None or event.start is None:
        return False
    return (event.end or event.start) - event.start <= WIDEST_DATE


def _open_after(cluster: Forming, cutoff: dt.date) -> bool:
    days = [m.end or m.start for m in cluster.members]
    return any(day is not None and day >= cutoff for day in days)


def _best_cluster(
    event: EventFacts, candidates: list[Forming]
) -> tuple[Forming, float, str] | None:
    best: tuple[Forming, float, str] | None = None
    for cluster in candidates:
        if any(m.report_id == event.report_id for m in cluster.members):
            continue
        matches = [(m, match_events(event, m)) for m in cluster.members]
        if not all(match.same for _, match in matches):
            continue
        score = min(match.score for _, match in matches)
        first, match = max(matches, key=lambda item: item[1].score)
        reason = f"joined {first.source or 'an earlier report'}'s account: {match.reason}"
        if best is None or score > best[1]:
            best = (cluster, score, reason)
    return best


def _formed(events: list[EventFacts]) -> list[Forming]:
    """The stored clusters these (already clustered) events belong to, rebuilt in memory."""
    by_cluster: dict[int, Forming] = {}
    for event in sorted(events, key=lambda e: (e.start or dt.date.min, e.id)):
        if event.cluster_id is None:
            continue
        forming = by_cluster.setdefault(event.cluster_id, Forming(cluster_id=event.cluster_id))
        forming.members.append(event)
        forming.scores[event.id] = event.cluster_score or 1.0
        forming.reasons[event.id] = event.cluster_reason or ""
    return list(by_cluster.values())


def _write(session: Session, clusters: list[Forming]) -> None:
    place_ids = {m.place_id for c in clusters for m in c.members if m.place_id is not None}
    places: dict[int, PlaceRow] = {}
    ids = sorted(place_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found = session.execute(select(PlaceRow).where(PlaceRow.id.in_(chunk))).scalars()
        places.update((p.id, p) for p in found)
    rows = []
    for forming in clusters:
        row = session.get(EventClusterRow, forming.cluster_id) if forming.cluster_id else None
        if row is None:
            row = EventClusterRow(type=forming.members[0].type, sub_type="")
            session.add(row)
        _fill(row, forming, places)
        rows.append(row)
    session.flush()
    links: list[dict[str, object]] = []
    for forming, row in zip(clusters, rows, strict=True):
        forming.cluster_id = row.id
        links.extend(
            {
                "id": member.id,
                "cluster_id": row.id,
                "cluster_score": forming.scores[member.id],
                "cluster_reason": forming.reasons[member.id],
            }
            for member in forming.members
        )
    if links:
        # One executemany by primary key, not a statement per event.
        session.execute(update(EventRow), links)


def _fill(row: EventClusterRow, forming: Forming, places: dict[int, PlaceRow]) -> None:
    members = forming.members
    first = members[0]
    row.type = first.type
    row.sub_type = first.sub_type
    row.actor1_id = next((m.actor1.actor for m in members if m.actor1 and m.actor1.actor), None)
    row.actor2_id = next((m.actor2.actor for m in members if m.actor2 and m.actor2.actor), None)
    located = [places[m.place_id] for m in members if m.place_id in places]
    located.sort(key=lambda p: (p.precision or 9, p.id))
    if located:
        row.location, row.country, row.admin1 = (
            located[0].name,
            located[0].country,
            located[0].admin1,
        )
        row.lat, row.lon = located[0].lat, located[0].lon
    starts = [m.start for m in members if m.start is not None]
    ends = [(m.end or m.start) for m in members if m.start is not None]
    row.date_start = min(starts) if starts else None
    row.date_end = max(e for e in ends if e is not None) if ends else None
    tolls = cluster_tolls(members)
    row.killed = _dump(tolls.tolls.get("killed"))
    row.injured = _dump(tolls.tolls.get("injured"))
    row.killed_or_injured = _dump(tolls.tolls.get("killed_or_injured"))
    row.toll_basis = tolls.basis
    row.sources = len({m.unit for m in members})
    row.updated_at = utc_now()


def _dump(toll: Toll | None) -> dict[str, int | None] | None:
    if toll is None:
        return None
    return {"best": toll.best, "low": toll.low, "high": toll.high}
