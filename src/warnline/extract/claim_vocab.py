"""The attribution vocabulary (vocab/claims.yaml), validated against the contract's acts."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from warnline.vocab import load_vocab


class ParticleCue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    particles: tuple[str, ...]
    act: str


class ClaimVocab(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    cues: dict[str, str]
    particle_cues: dict[str, ParticleCue]
    documents: tuple[str, ...]
    speaker_nouns: tuple[str, ...]
    hedges: tuple[str, ...]
    passive_hedge_verbs: tuple[str, ...]
    urge_markers: tuple[str, ...]
    responsibility_words: tuple[str, ...]
    casualty_words: tuple[str, ...]

    @model_validator(mode="after")
    def _known_acts(self) -> ClaimVocab:
        acts = set(load_vocab().acts)
        used = {*self.cues.values(), *(cue.act for cue in self.particle_cues.values())}
        if not used <= acts:
            raise ValueError(f"vocab/claims.yaml uses unknown acts {sorted(used - acts)}")
        return self


@lru_cache(maxsize=1)
def load_claim_vocab() -> ClaimVocab:
    """vocab/claims.yaml, validated."""
    text = resources.files("warnline.vocab").joinpath("claims.yaml").read_text("utf-8")
    return ClaimVocab.model_validate(yaml.safe_load(text))
