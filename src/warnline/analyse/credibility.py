"""Source grades (Admiralty reliability A–F) and claim credibility (1–6).

A source's reliability is the analyst's call; a claim cluster's credibility is computed from
how many independent sources support it, whether it is denied or its numbers conflict, and how
reliable its supporters are. The scales' wording is data (vocab/credibility.yaml).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.errors import Errors, WarnlineError
from warnline.store.schema import ReportRow, SourceRow
from warnline.store.writes import lock_for_writing
from warnline.vocab import load_event_types, read_vocab

GRADES = ("A", "B", "C", "D", "E", "F")


class CredibilityVocab(BaseModel):
    """vocab/credibility.yaml, checked: six grades, six ratings, known grades in the groups."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reliability: dict[str, str]
    credibility: dict[int, str]
    trusted: tuple[str, ...]
    fair: tuple[str, ...]
    compatible_sub_types: tuple[tuple[str, str], ...]

    @model_validator(mode="after")
    def _check(self) -> CredibilityVocab:
        if tuple(self.reliability) != GRADES:
            raise ValueError(f"reliability grades must be {GRADES}, not {tuple(self.reliability)}")
        if tuple(self.credibility) != (1, 2, 3, 4, 5, 6):
            raise ValueError("credibility ratings must be 1 to 6 in order")
        unknown = (set(self.trusted) | set(self.fair)) - set(GRADES)
        if unknown:
            raise ValueError(f"unknown grades in trusted/fair: {sorted(unknown)}")
        sub_types = {s for subs in load_event_types().values() for s in subs}
        strangers = {s for pair in self.compatible_sub_types for s in pair} - sub_types
        if strangers:
            raise ValueError(f"compatible_sub_types names unknown sub-types: {sorted(strangers)}")
        return self


@lru_cache(maxsize=1)
def load_credibility_vocab() -> CredibilityVocab:
    """The grading vocabulary, read and validated once."""
    return read_vocab("credibility.yaml", CredibilityVocab)


class SourceGrade(BaseModel):
    """A source as `warnline sources list` shows it."""

    name: str
    reliability: str
    meaning: str
    reports: int


def list_sources(session: Session) -> list[SourceGrade]:
    """Every source with its grade and how many reports it has in the store, by name."""
    meanings = load_credibility_vocab().reliability
    rows = session.execute(select(SourceRow).order_by(SourceRow.name)).scalars().all()
    counts: dict[int, int] = {}
    for source_id in session.execute(select(ReportRow.source_id)).scalars():
        if source_id is not None:
            counts[source_id] = counts.get(source_id, 0) + 1
    return [
        SourceGrade(
            name=row.name,
            reliability=row.reliability,
            meaning=meanings[row.reliability],
            reports=counts.get(row.id, 0),
        )
        for row in rows
    ]


def grade_source(session: Session, name: str, grade: str) -> SourceGrade:
    """Set a source's reliability and recompute the credibility of the claims it speaks in."""
    letter = grade.strip().upper()
    if letter not in GRADES:
        raise WarnlineError(Errors.E211, grade, value=grade, choices=", ".join(GRADES))
    lock_for_writing(session)  # an ingest's claim clustering reads the grades it rates with
    row = session.execute(select(SourceRow).where(SourceRow.name == name)).scalar_one_or_none()
    if row is None:
        raise WarnlineError(Errors.E210, name, value=name)
    row.reliability = letter
    session.flush()
    # Imported here: claim clustering uses this module's rating, and grading re-runs it.
    from warnline.analyse.claim_clusters import rerate_clusters_of_source

    rerate_clusters_of_source(session, row.id)
    return next(s for s in list_sources(session) if s.name == row.name)


@dataclass(frozen=True)
class Voice:
    """One independent source's side in a claim cluster."""

    unit: str
    label: str
    reliability: str
    denies: bool
    self_interest: bool


@dataclass(frozen=True)
class Rating:
    credibility: int
    reason: str


def rate(voices: Sequence[Voice], numbers_conflict: bool) -> Rating:
    """Information credibility from independent voices (one per independent source and side)."""
    vocab = load_credibility_vocab()
    supporters = [v for v in voices if not v.denies]
    deniers = [v for v in voices if v.denies]
    support_units = {v.unit for v in supporters}
    # A party denying its own wrongdoing contests the claim, but weighs less than a neutral
    # denial: it cannot by itself make the claim doubtful.
    deny_units = {v.unit for v in deniers if not v.self_interest}
    said = _describe(supporters, "supported by") + _describe(deniers, "denied by")
    if not supporters:
        return Rating(6, f"{vocab.credibility[6]}: only denials; " + "; ".join(said))
    if deniers or numbers_conflict:
        value, why = _contested(len(support_units), len(deny_units), numbers_conflict)
    else:
        value, why = _uncontested(supporters, vocab)
    if all(v.self_interest for v in supporters) and value < 3:
        value = 3
        why += "; but every supporter speaks in its own interest, so no better than 3"
    return Rating(value, f"{vocab.credibility[value]}: {why}; " + "; ".join(said))


def _uncontested(supporters: Sequence[Voice], vocab: CredibilityVocab) -> tuple[int, str]:
    units = {v.unit for v in supporters}
    grades = sorted({v.reliability for v in supporters})
    if len(units) >= 2:
        if any(g in vocab.trusted or g in vocab.fair for g in grades):
            return 1, f"{len(units)} independent sources agree, none denies"
        return 2, f"{len(units)} independent sources of unjudged reliability agree"
    grade = grades[0]
    if grade in vocab.trusted:
        return 2, f"one source, graded {grade}"
    if grade in vocab.fair:
        return 3, f"one source, graded {grade}"
    if grade in ("D", "E"):
        return 4, f"one source, graded {grade}"
    return 6, "one source, whose reliability is not judged (F)"


def _contested(supporting: int, denying: int, numbers_conflict: bool) -> tuple[int, str]:
    if not denying:
        if numbers_conflict:
            return 3, f"{supporting} independent source(s), but their numbers conflict"
        return 3, f"{supporting} independent source(s), denied only by an interested party"
    if supporting > denying:
        return 3, f"{supporting} independent source(s) against {denying} denying"
    if supporting == denying:
        return 4, f"{supporting} independent source(s) against as many denying"
    return 5, f"{supporting} independent source(s) against {denying} denying"


def _describe(voices: Sequence[Voice], verb: str) -> list[str]:
    if not voices:
        return []
    parts = sorted(
        {
            f"{v.label} ({v.reliability}{', self-interested' if v.self_interest else ''})"
            for v in voices
        }
    )
    return [f"{verb} " + ", ".join(parts)]
