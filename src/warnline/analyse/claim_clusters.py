"""Claim clustering: claims about one proposition, corroborated or contested, and rated.

Claims are taken in a fixed order (id), each joining the cluster with the best-matching claim
(cluster_claim_facts.match_claims) or starting one. Only clusters sharing two or more words
(not common to many clusters) with the claim are compared (blocking), so that a rebuild over a
large store stays fast.
A cluster's status and credibility come from its independent voices (analyse/independence.py):
a syndicated copy or one outlet repeating itself is one voice, not corroboration.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, case, delete, or_, select, update
from sqlalchemy.orm import Session

from warnline.analyse.cluster_claim_facts import (
    SHARED_WORDS,
    ClaimFacts,
    load_claim_facts,
    match_claims,
)
from warnline.analyse.credibility import Rating, Voice, rate
from warnline.analyse.independence import report_voices
from warnline.store.schema import ClaimClusterRow, ClaimRow, ReportRow, utc_now

# A word found in more clusters than this is too common to find candidates by.
COMMON_WORD = 500
# How many of a new claim's words are searched for in the store's claims (the longest).
WORDS_SEARCHED = 12
# How many clusters (those sharing the most words) a new claim is compared with.
MOST_CANDIDATES = 12
# How many of a large cluster's members a new claim is compared with, at each end.
COMPARED = 4


@dataclass
class Proposition:
    members: list[ClaimFacts] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)
    cluster_id: int | None = None


@dataclass
class _Index:
    """Clusters by the keys a claim can share with them."""

    clusters: list[Proposition] = field(default_factory=list)
    by_key: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, index: int, claim: ClaimFacts) -> None:
        for key in _keys(claim):
            self.by_key[key].add(index)

    def candidates(self, claim: ClaimFacts) -> list[int]:
        """Clusters sharing enough words with the claim to match it, and, for a denial or an
        attributed claim, the clusters of its own report (a denial of what a speaker said)."""
        hits: Counter[int] = Counter()
        found: set[int] = set()
        for key in _keys(claim):
            postings = self.by_key.get(key, set())
            if key.startswith("r:"):
                found |= postings
            elif len(postings) <= COMMON_WORD:
                hits.update(postings)
        # The clusters sharing the most words first; a few are enough to find the proposition.
        ranked = sorted(
            (at for at, count in hits.items() if count >= SHARED_WORDS),
            key=lambda at: (-hits[at], at),
        )
        return sorted(found | set(ranked[:MOST_CANDIDATES]))


def _keys(claim: ClaimFacts) -> list[str]:
    keys = [f"w:{w}" for w in claim.words]
    keys += [f"r:{claim.report_id}"] if claim.denies or claim.speaker else []
    return keys


def cluster_claims(session: Session, report_ids: Sequence[str]) -> None:
    """Put every claim of these reports into the cluster of the proposition it is about."""
    new = load_claim_facts(session, report_ids)
    if not new:
        return
    old = [
        c
        for c in load_claim_facts(session, _reports_of_nearby_clusters(session, new))
        if c.report_id not in report_ids
    ]
    index = _existing(session, old)
    touched = _assign(new, index)
    _write(session, touched)


def _reports_of_nearby_clusters(session: Session, claims: Sequence[ClaimFacts]) -> list[str]:
    """The reports of every claim in a cluster that has a claim sharing two words with one of
    these: the only clusters these claims can join (a match needs two words in common)."""
    wanted = [_shares_words(c) for c in claims if len(c.words) >= SHARED_WORDS]
    if not wanted:
        return []
    clusters = set(
        session.execute(
            select(ClaimRow.cluster_id)
            .where(ClaimRow.cluster_id.is_not(None))
            .where(or_(*wanted))
            .distinct()
        ).scalars()
    )
    if not clusters:
        return []
    reports = session.execute(
        select(ClaimRow.report_id).where(ClaimRow.cluster_id.in_(clusters)).distinct()
    ).scalars()
    return sorted(reports)


def _shares_words(claim: ClaimFacts) -> ColumnElement[bool]:
    """SQL: a stored claim's content holds at least two of this claim's (longest) words."""
    words = sorted(claim.words, key=lambda w: (-len(w), w))[:WORDS_SEARCHED]
    found = [case((ClaimRow.content.ilike(f"%{w}%"), 1), else_=0) for w in words]
    return sum(found[1:], found[0]) >= SHARED_WORDS


def rebuild_claim_clusters(session: Session) -> int:
    """Recompute every claim cluster from scratch; the number of clusters made."""
    session.execute(update(ClaimRow).values(cluster_id=None, stance=None, cluster_reason=None))
    session.execute(delete(ClaimClusterRow))
    index = _Index()
    touched = _assign(load_claim_facts(session), index)
    _write(session, touched)
    return len(touched)


def _existing(session: Session, claims: list[ClaimFacts]) -> _Index:
    ids = [c.id for c in claims]
    info: dict[int, tuple[int, str | None]] = {}
    for start in range(0, len(ids), 500):
        query = select(ClaimRow.id, ClaimRow.cluster_id, ClaimRow.cluster_reason).where(
            ClaimRow.id.in_(ids[start : start + 500]), ClaimRow.cluster_id.is_not(None)
        )
        info.update(
            (row.id, (row.cluster_id, row.cluster_reason)) for row in session.execute(query)
        )
    index = _Index()
    position: dict[int, int] = {}
    for claim in claims:
        if claim.id not in info:
            continue
        cluster_id, reason = info[claim.id]
        if cluster_id not in position:
            position[cluster_id] = len(index.clusters)
            index.clusters.append(Proposition(cluster_id=cluster_id))
        at = position[cluster_id]
        index.clusters[at].members.append(claim)
        index.clusters[at].reasons[claim.id] = reason or ""
        index.add(at, claim)
    return index


def _assign(claims: Sequence[ClaimFacts], index: _Index) -> list[Proposition]:
    touched: dict[int, Proposition] = {}
    for claim in sorted(claims, key=lambda c: c.id):
        best: tuple[float, int, str] | None = None
        for at in index.candidates(claim):
            for member in _compared(index.clusters[at].members):
                match = match_claims(claim, member)
                if match.same and (best is None or match.score > best[0]):
                    best = (match.score, at, f"with claim {member.id}: {match.reason}")
                if best is not None and best[0] >= 1.0:
                    break
        if best is None:
            at = len(index.clusters)
            index.clusters.append(Proposition())
            reason = "first claim of this proposition"
        else:
            _, at, reason = best
        index.clusters[at].members.append(claim)
        index.clusters[at].reasons[claim.id] = reason
        index.add(at, claim)
        touched[at] = index.clusters[at]
    return [touched[at] for at in sorted(touched)]


def _compared(members: list[ClaimFacts]) -> list[ClaimFacts]:
    """The members a new claim is compared with: the first few (the proposition as first
    stated) and the latest few, so a proposition repeated thousands of times stays cheap."""
    if len(members) <= 2 * COMPARED:
        return members
    return members[:COMPARED] + members[-COMPARED:]


def _write(session: Session, propositions: list[Proposition]) -> None:
    rows = []
    for proposition in propositions:
        row = None
        if proposition.cluster_id is not None:
            row = session.get(ClaimClusterRow, proposition.cluster_id)
        if row is None:
            row = ClaimClusterRow(proposition="", status="single_source")
            session.add(row)
        _fill(row, proposition.members)
        rows.append(row)
    session.flush()
    links: list[dict[str, object]] = []
    for proposition, row in zip(propositions, rows, strict=True):
        proposition.cluster_id = row.id
        links.extend(
            {
                "id": claim.id,
                "cluster_id": row.id,
                "stance": claim.stance,
                "cluster_reason": proposition.reasons[claim.id],
            }
            for claim in proposition.members
        )
    if links:
        # One executemany by primary key, not a statement per claim.
        session.execute(update(ClaimRow), links)


@dataclass(frozen=True)
class Judgement:
    status: str
    independent_sources: int
    rating: Rating


def judge(members: Sequence[ClaimFacts]) -> Judgement:
    """A cluster's status (single_source, corroborated, contested) and credibility."""
    voices = _voices(members)
    supporters = {v.unit for v in voices if not v.denies}
    conflict = numbers_conflict(members)
    if any(v.denies for v in voices) or conflict:
        status = "contested"
    elif len(supporters) >= 2:
        status = "corroborated"
    else:
        status = "single_source"
    units = len({v.unit for v in voices})
    return Judgement(status, units, rate(voices, conflict))


def numbers_conflict(members: Sequence[ClaimFacts]) -> bool:
    """Two independent supporting voices giving different numbers for the proposition."""
    given = [(c.voice.unit, c.numbers) for c in members if c.numbers and not c.denies]
    return any(
        unit != other_unit and not (numbers & other)
        for unit, numbers in given
        for other_unit, other in given
    )


def _voices(members: Sequence[ClaimFacts]) -> list[Voice]:
    sides: dict[tuple[str, bool], list[ClaimFacts]] = defaultdict(list)
    for claim in members:
        sides[(claim.voice.unit, claim.denies)].append(claim)
    voices = []
    for (unit, denies), claims in sorted(sides.items()):
        grades = sorted(c.voice.reliability for c in claims)
        sources = sorted({c.voice.source for c in claims})
        voices.append(
            Voice(
                unit=unit,
                label=" = ".join(sources),
                reliability=grades[0],
                denies=denies,
                self_interest=all(c.self_interest for c in claims),
            )
        )
    return voices


def _fill(row: ClaimClusterRow, members: Sequence[ClaimFacts]) -> None:
    supporting = [c for c in members if not c.denies] or list(members)
    row.proposition = supporting[0].content
    verdict = judge(members)
    row.status = verdict.status
    row.independent_sources = verdict.independent_sources
    row.credibility = verdict.rating.credibility
    row.credibility_reason = verdict.rating.reason
    row.updated_at = utc_now()


def rerate_clusters_of_source(session: Session, source_id: int) -> None:
    """Recompute status and credibility of every claim cluster a source speaks in (its own
    reports and the copies syndicated from them)."""
    own = set(
        session.execute(select(ReportRow.id).where(ReportRow.source_id == source_id)).scalars()
    )
    unit = f"source:{source_id}"
    reports = [r for r, v in report_voices(session).items() if v.unit == unit or r in own]
    cluster_ids = (
        session.execute(
            select(ClaimRow.cluster_id)
            .where(ClaimRow.report_id.in_(reports), ClaimRow.cluster_id.is_not(None))
            .distinct()
        )
        .scalars()
        .all()
    )
    for cluster_id in sorted(c for c in cluster_ids if c is not None):
        rows = session.execute(
            select(ClaimRow.id, ClaimRow.report_id).where(ClaimRow.cluster_id == cluster_id)
        ).all()
        member_ids = {row.id for row in rows}
        loaded = load_claim_facts(session, sorted({row.report_id for row in rows}))
        members = [c for c in loaded if c.id in member_ids]
        row = session.get(ClaimClusterRow, cluster_id)
        if row is not None and members:
            _fill(row, members)
