"""Which language a report is in (py3langid, whose model ships inside the package)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Enough text to decide; more only costs time.
_SAMPLE_CHARS = 4000
# Below this probability the guess is not trusted enough to refuse analysis.
MIN_CONFIDENCE = 0.8


@dataclass(frozen=True)
class LanguageGuess:
    code: str
    probability: float

    @property
    def confident(self) -> bool:
        return self.probability >= MIN_CONFIDENCE


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The most likely ISO 639-1 code of a text, with its probability."""
    code, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return LanguageGuess(code=str(code), probability=float(probability))
