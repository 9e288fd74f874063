"""The attribution vocabulary (vocab/claims.yaml), validated against the contract's acts."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from pydantic import BaseModel, ConfigDict, model_validator

from warnline.vocab import load_vocab, read_vocab


class ParticleCue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    particles: tuple[str, ...]
    act: str


class ClaimVocab(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    cues: dict[str, str]
    particle_cues: dict[str, ParticleCue]
    documents: tuple[str, ...]
    statement_nouns: tuple[str, ...]
    speaker_nouns: tuple[str, ...]
    hedges: tuple[str, ...]
    passive_hedge_verbs: tuple[str, ...]
    urge_markers: tuple[str, ...]
    responsibility_words: tuple[str, ...]

    @cached_property
    def hedge_patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        """Each hedge with its whole-word pattern (lower-case text)."""
        return tuple((h, _words(h)) for h in self.hedges)

    @cached_property
    def single_word_hedge(self) -> re.Pattern[str]:
        """Any one-word hedge ("reportedly"), in any case."""
        words = "|".join(re.escape(h) for h in self.hedges if " " not in h)
        return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)

    @cached_property
    def responsibility(self) -> re.Pattern[str]:
        return _any_of(self.responsibility_words)

    @cached_property
    def urge(self) -> re.Pattern[str]:
        return _any_of(self.urge_markers)

    @model_validator(mode="after")
    def _known_acts(self) -> ClaimVocab:
        acts = set(load_vocab().acts)
        used = {*self.cues.values(), *(cue.act for cue in self.particle_cues.values())}
        if not used <= acts:
            raise ValueError(f"vocab/claims.yaml uses unknown acts {sorted(used - acts)}")
        return self


def _words(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(phrase)}\b")


def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, phrases))})\b")


@lru_cache(maxsize=1)
def load_claim_vocab() -> ClaimVocab:
    """vocab/claims.yaml, validated."""
    return read_vocab("claims.yaml", ClaimVocab)
