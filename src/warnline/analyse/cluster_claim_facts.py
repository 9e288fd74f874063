"""Claims as the claim clusterer sees them, and whether two are about one proposition.

A claim's `about` (report-local entity and place ids) is resolved to actors and places that
compare across reports; its content is compared as content words (stop words dropped) with
rapidfuzz's token-set similarity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.analyse.independence import ActorRef, ReportVoice, actor_ref, report_voices
from warnline.store.schema import CLAIM_WORD_LENGTH, ClaimRow, EntityRow, PlaceRow, ReportRow
from warnline.vocab.quantities import load_quantity_vocab

# Content similarity (0–100) needed when the claims share an actor they are about, when they
# share only a place, and when they share nothing but their words.
WITH_ACTOR = 50.0
WITH_PLACE = 65.0
WORDS_ONLY = 85.0
# Words two claims must have in common besides the similarity: a one-word overlap is chance.
SHARED_WORDS = 2
# With nothing else in common, more words must be shared ("the group's account" is not enough).
SHARED_WORDS_ALONE = 3
_CHUNK = 500
_YEARS = range(1900, 2101)


@dataclass(frozen=True)
class ClaimFacts:
    id: int
    report_id: str
    act: str
    content: str
    words: frozenset[str]
    actors: tuple[ActorRef, ...]
    places: frozenset[str]
    speaker: ActorRef | None
    numbers: frozenset[int]
    self_interest: bool
    voice: ReportVoice

    @property
    def denies(self) -> bool:
        return self.act == "deny"

    @property
    def stance(self) -> str:
        return "denies" if self.denies else "supports"


@dataclass(frozen=True)
class ClaimMatch:
    same: bool
    score: float
    reason: str


def match_claims(a: ClaimFacts, b: ClaimFacts) -> ClaimMatch:
    """Whether two claims are voices on one proposition, with the score and why."""
    if a.id == b.id:
        return ClaimMatch(True, 1.0, "the same claim")
    denial = _denies_speaker(a, b) or _denies_speaker(b, a)
    if denial:
        return ClaimMatch(True, 0.7, denial)
    if a.words and a.words == b.words:
        return ClaimMatch(True, 1.0, "the same words (a copy or a repetition)")
    shared_words = a.words & b.words
    similarity = fuzz.token_set_ratio(" ".join(sorted(a.words)), " ".join(sorted(b.words)))
    actors = sorted({x.name for x in a.actors if any(x.same_as(y) for y in b.actors)})
    places = sorted(a.places & b.places)
    said = f"content {similarity:.0f}% alike"
    if len(shared_words) < SHARED_WORDS:
        return ClaimMatch(False, 0.0, f"{said}, too few words in common")
    if actors and similarity >= WITH_ACTOR:
        return ClaimMatch(True, similarity / 100, f"both about {', '.join(actors)}; {said}")
    if places and similarity >= WITH_PLACE:
        return ClaimMatch(True, similarity / 100, f"both about {', '.join(places)}; {said}")
    if similarity >= WORDS_ONLY and len(shared_words) >= SHARED_WORDS_ALONE:
        return ClaimMatch(True, similarity / 100, said)
    return ClaimMatch(False, 0.0, said)


def _denies_speaker(denial: ClaimFacts, other: ClaimFacts) -> str | None:
    """A denial about an actor meets what that actor said in the same report ("rejected a
    United Nations finding that …")."""
    if not denial.denies or other.denies or denial.report_id != other.report_id:
        return None
    if other.speaker is None:
        return None
    if any(actor.same_as(other.speaker) for actor in denial.actors):
        return f"denies what {other.speaker.name} said"
    return None


def content_words(text: str) -> frozenset[str]:
    """The content's words, lower-cased, without stop words and punctuation."""
    words = re.findall(r"[\w'-]+", text.casefold())
    return frozenset(w for w in words if w not in STOP_WORDS and len(w) > 1 and not w.isdigit())


def numbers_in(text: str) -> frozenset[int]:
    """The counts a claim gives, in digits or words (years left out)."""
    words = _number_words()
    found = {int(n.replace(",", "")) for n in re.findall(r"\b\d[\d,]*\b", text)}
    found |= {words[w] for w in re.findall(r"[a-z]+", text.casefold()) if w in words}
    return frozenset(n for n in found if n not in _YEARS)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    vocab = load_quantity_vocab().number_words
    return {**vocab.units, **vocab.tens}


def indexed_words(content: str) -> list[str]:
    """The words of a claim's content that the claim word index holds (store `claim_words`)."""
    return sorted(w for w in content_words(content) if len(w) <= CLAIM_WORD_LENGTH)


def load_claim_facts(
    session: Session,
    report_ids: Sequence[str] | None = None,
    *,
    claim_ids: Sequence[int] | None = None,
) -> list[ClaimFacts]:
    """The claims of these reports, or these claims (all when neither is given), with `about`
    resolved across reports; in id order."""
    if claim_ids is not None:
        rows = chunked(session, select(ClaimRow), ClaimRow.id, claim_ids)
    else:
        ids = list(report_ids) if report_ids is not None else _all_report_ids(session)
        rows = chunked(session, select(ClaimRow), ClaimRow.report_id, ids)
    by_report: dict[str, list[ClaimRow]] = defaultdict(list)
    for row in rows:
        by_report[row.report_id].append(row)
    voices = report_voices(session, list(by_report))
    facts: list[ClaimFacts] = []
    reports = sorted(by_report)
    for start in range(0, len(reports), _CHUNK):
        chunk = reports[start : start + _CHUNK]
        entities = session.execute(
            select(EntityRow).where(EntityRow.report_id.in_(chunk))
        ).scalars()
        places = session.execute(select(PlaceRow).where(PlaceRow.report_id.in_(chunk))).scalars()
        by_entity = {(e.report_id, e.local_id): e for e in entities}
        by_id = {e.id: e for e in by_entity.values()}
        by_place = {(p.report_id, p.local_id): p for p in places}
        for report in chunk:
            facts.extend(
                _facts(claim, by_entity, by_id, by_place, voices[report])
                for claim in by_report[report]
            )
    return sorted(facts, key=lambda c: c.id)


def load_judged_members(
    session: Session, cluster_ids: Sequence[int]
) -> dict[int, list[ClaimFacts]]:
    """The stored members of these clusters, in id order, with what judging a cluster reads
    (voice, act, numbers, self-interest, content) but not what matching reads (words,
    actors, places): a cluster's status is judged over all its members, however many."""
    columns = select(
        ClaimRow.id,
        ClaimRow.cluster_id,
        ClaimRow.report_id,
        ClaimRow.act,
        ClaimRow.content,
        ClaimRow.self_interest,
    )
    rows = sorted(
        chunked(session, columns, ClaimRow.cluster_id, cluster_ids, rows=True), key=lambda r: r.id
    )
    voices = report_voices(session, {row.report_id for row in rows})
    members: dict[int, list[ClaimFacts]] = defaultdict(list)
    for row in rows:
        members[row.cluster_id].append(
            ClaimFacts(
                id=row.id,
                report_id=row.report_id,
                act=row.act,
                content=row.content,
                words=frozenset(),
                actors=(),
                places=frozenset(),
                speaker=None,
                numbers=numbers_in(row.content),
                self_interest=row.self_interest,
                voice=voices[row.report_id],
            )
        )
    return members


def _facts(
    claim: ClaimRow,
    by_entity: dict[tuple[str, str], EntityRow],
    by_id: dict[int, EntityRow],
    by_place: dict[tuple[str, str], PlaceRow],
    voice: ReportVoice,
) -> ClaimFacts:
    about = [str(x) for x in claim.about]
    actors = [actor_ref(by_entity.get((claim.report_id, x))) for x in about]
    speaker_id = claim.speaker_org_id or claim.speaker_id
    return ClaimFacts(
        id=claim.id,
        report_id=claim.report_id,
        act=claim.act,
        content=claim.content,
        words=content_words(claim.content),
        actors=tuple(a for a in actors if a is not None),
        places=frozenset(
            _place_key(by_place[(claim.report_id, x)])
            for x in about
            if (claim.report_id, x) in by_place
        ),
        speaker=actor_ref(by_id.get(speaker_id)) if speaker_id else None,
        numbers=numbers_in(claim.content),
        self_interest=claim.self_interest,
        voice=voice,
    )


def _all_report_ids(session: Session) -> list[str]:
    return list(session.scalars(select(ReportRow.id).order_by(ReportRow.id)))


def chunked(
    session: Session, query: Any, column: Any, values: Sequence[Any], *, rows: bool = False
) -> list[Any]:
    """What `query` gives (its ORM objects, or its rows when `rows`) where `column` is one of
    `values`, asked for a chunk of values at a time."""
    values = list(values)
    found: list[Any] = []
    for start in range(0, len(values), _CHUNK):
        result = session.execute(query.where(column.in_(values[start : start + _CHUNK])))
        found.extend(result.all() if rows else result.scalars())
    return found


def _place_key(place: PlaceRow) -> str:
    """A place as compared across reports: its name (the gazetteer's spelling when linked)."""
    return place.name
