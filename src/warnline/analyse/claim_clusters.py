"""Claim clustering: claims about one proposition, corroborated or contested, and rated.

Claims are taken in a fixed order (id), each joining the cluster with the best-matching claim
(cluster_claim_facts.match_claims) or starting one. Only clusters sharing two or more words
(not common to many clusters) with the claim are compared (blocking), so that a rebuild over a
large store stays fast; a new report's claims find those clusters through the claim word index
(store `claim_words`), so storing a report does not read the whole store.
A cluster's status and credibility come from its independent voices (analyse/independence.py):
a syndicated copy or one outlet repeating itself is one voice, not corroboration.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from warnline.analyse.cluster_claim_facts import (
    SHARED_WORDS,
    ClaimFacts,
    chunked,
    indexed_words,
    load_claim_facts,
    load_judged_members,
    match_claims,
)
from warnline.analyse.credibility import Rating, Voice, rate
from warnline.analyse.independence import report_voices
from warnline.store.schema import ClaimClusterRow, ClaimRow, ClaimWordRow, ReportRow, utc_now

# A word found in more clusters than this is too common to find candidates by.
COMMON_WORD = 500
# A word in more stored claims than this is too common to look a new claim's clusters up by.
COMMON_WORD_CLAIMS = 2_000
# How many clusters (those sharing the most words) a new claim is compared with.
MOST_CANDIDATES = 12
# How many of a large cluster's members a new claim is compared with, at each end.
COMPARED = 4

T = TypeVar("T")


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
    """Put every claim of these reports into the cluster of the proposition it is about.

    The work is bounded by the new claims, not by the store: the clusters they may join are
    found through the claim word index (store `claim_words`), only the members a claim is
    compared with are read in full, and each touched cluster is judged again over all its
    members read lightly.
    """
    new = load_claim_facts(session, report_ids)
    if not new:
        return
    index = _nearby(session, new)
    touched = _assign(new, index)
    stored = [p.cluster_id for p in touched if p.cluster_id is not None]
    _write(session, touched, load_judged_members(session, stored), {c.id for c in new})
    _index_words(session, new)


def _nearby(session: Session, claims: Sequence[ClaimFacts]) -> _Index:
    """The stored clusters these claims may join, as an index keyed by the words they share
    with the claims, each with the members a claim is compared with (`_compared`)."""
    postings = _stored_postings(session, claims)
    wanted: set[int] = set()
    for claim in claims:
        hits = Counter(at for w in claim.words for at in postings.get(w, ()))
        ranked = sorted(
            (at for at, n in hits.items() if n >= SHARED_WORDS), key=lambda at: (-hits[at], at)
        )
        wanted.update(ranked[:MOST_CANDIDATES])
    index = _Index()
    if not wanted:
        return index
    position: dict[int, int] = {}
    for cluster_id, members in _compared_members(session, sorted(wanted)).items():
        position[cluster_id] = len(index.clusters)
        index.clusters.append(Proposition(members=members, cluster_id=cluster_id))
    for word, clusters in postings.items():
        for cluster_id in clusters & wanted:
            index.by_key[f"w:{word}"].add(position[cluster_id])
    return index


def _stored_postings(session: Session, claims: Sequence[ClaimFacts]) -> dict[str, set[int]]:
    """For each of these claims' words that is not too common, the stored clusters holding a
    claim with that word."""
    words = sorted(set().union(*(c.words for c in claims)))
    per_word = select(ClaimWordRow.word, func.count()).group_by(ClaimWordRow.word)
    counts = dict(chunked(session, per_word, ClaimWordRow.word, words, rows=True))
    usable = sorted(w for w, n in counts.items() if n <= COMMON_WORD_CLAIMS)
    clustered = (
        select(ClaimWordRow.word, ClaimRow.cluster_id)
        .join(ClaimRow, ClaimRow.id == ClaimWordRow.claim_id)
        .where(ClaimRow.cluster_id.is_not(None))
        .distinct()
    )
    postings: dict[str, set[int]] = defaultdict(set)
    for word, cluster_id in chunked(session, clustered, ClaimWordRow.word, usable, rows=True):
        postings[word].add(cluster_id)
    return postings


def _compared_members(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[ClaimFacts]]:
    """The members of these clusters that a new claim is compared with, read in full."""
    ordered = select(ClaimRow.cluster_id, ClaimRow.id).order_by(ClaimRow.cluster_id, ClaimRow.id)
    members: dict[int, list[int]] = defaultdict(list)
    for cluster_id, claim_id in chunked(
        session, ordered, ClaimRow.cluster_id, cluster_ids, rows=True
    ):
        members[cluster_id].append(claim_id)
    chosen = {cluster_id: _compared(ids) for cluster_id, ids in members.items()}
    facts = {
        c.id: c
        for c in load_claim_facts(session, claim_ids=[i for ids in chosen.values() for i in ids])
    }
    return {cluster_id: [facts[i] for i in ids] for cluster_id, ids in sorted(chosen.items())}


def _index_words(session: Session, claims: Sequence[ClaimFacts]) -> None:
    rows = [{"word": w, "claim_id": c.id} for c in claims for w in indexed_words(c.content)]
    if rows:
        session.execute(insert(ClaimWordRow), rows)


def rebuild_claim_clusters(session: Session) -> int:
    """Recompute every claim cluster from scratch; the number of clusters made."""
    session.execute(update(ClaimRow).values(cluster_id=None, stance=None, cluster_reason=None))
    session.execute(delete(ClaimClusterRow))
    index = _Index()
    claims = load_claim_facts(session)
    touched = _assign(claims, index)
    _write(session, touched, {}, {c.id for c in claims})
    session.execute(delete(ClaimWordRow))
    _index_words(session, claims)
    return len(touched)


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


def _compared(members: list[T]) -> list[T]:
    """The members a new claim is compared with: the first few (the proposition as first
    stated) and the latest few, so a proposition repeated thousands of times stays cheap."""
    if len(members) <= 2 * COMPARED:
        return members
    return members[:COMPARED] + members[-COMPARED:]


def _write(
    session: Session,
    propositions: list[Proposition],
    stored_members: dict[int, list[ClaimFacts]],
    new_ids: set[int],
) -> None:
    """Write the touched clusters, each judged over its stored members and the new ones, and
    link the new claims to them."""
    rows = []
    for proposition in propositions:
        row = None
        if proposition.cluster_id is not None:
            row = session.get(ClaimClusterRow, proposition.cluster_id)
        if row is None:
            row = ClaimClusterRow(proposition="", status="single_source")
            session.add(row)
        joined = [c for c in proposition.members if c.id in new_ids]
        earlier = stored_members.get(proposition.cluster_id, []) if proposition.cluster_id else []
        _fill(row, [c for c in earlier if c.id not in new_ids] + joined)
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
            if claim.id in new_ids
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
