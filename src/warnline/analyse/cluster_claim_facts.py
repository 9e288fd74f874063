"""Claims as the claim clusterer sees them, and whether two are about one proposition.

A claim's `about` (report-local entity and place ids) is resolved to actors and places that
compare across reports; its content is compared as content words (stop words dropped) with
rapidfuzz's token-set similarity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.analyse.independence import ActorRef, ReportVoice, actor_ref, report_voices
from warnline.store.schema import ClaimRow, EntityRow, PlaceRow
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


def load_claim_facts(session: Session, report_ids: Sequence[str] | None = None) -> list[ClaimFacts]:
    """The claims of these reports (all when None), with `about` resolved across reports."""
    voices = report_voices(session)
    ids = list(report_ids) if report_ids is not None else list(voices)
    facts: list[ClaimFacts] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        entities = session.execute(
            select(EntityRow).where(EntityRow.report_id.in_(chunk))
        ).scalars()
        places = session.execute(select(PlaceRow).where(PlaceRow.report_id.in_(chunk))).scalars()
        by_entity = {(e.report_id, e.local_id): e for e in entities}
        by_id = {e.id: e for e in by_entity.values()}
        by_place = {(p.report_id, p.local_id): p for p in places}
        claims = session.execute(select(ClaimRow).where(ClaimRow.report_id.in_(chunk))).scalars()
        for claim in claims:
            about = [str(x) for x in claim.about]
            actors = [actor_ref(by_entity.get((claim.report_id, x))) for x in about]
            speaker_id = claim.speaker_org_id or claim.speaker_id
            facts.append(
                ClaimFacts(
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
                    voice=voices[claim.report_id],
                )
            )
    return sorted(facts, key=lambda c: c.id)


def _place_key(place: PlaceRow) -> str:
    """A place as compared across reports: its name (the gazetteer's spelling when linked)."""
    return place.name
