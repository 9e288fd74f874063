"""A report's identity: the hash of its normalised text, and a MinHash signature of its wording.

Two files with the same words in another layout (line breaks, curly or straight quotes, spaces)
are the same report. A syndicated copy with another headline or boilerplate has another id but
a similar signature: the store links it to the first copy, so later stages never count the two
as independent sources.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 5
_SEED = 20240101

_PUNCTUATION_MAP = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "\u00a0": " "}
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalise_text(text: str) -> str:
    """NFKC, straight quotes and dashes, single spaces: what the id is computed from."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION_MAP)
    return _SPACE.sub(" ", text).strip()


def report_id(text: str) -> str:
    """`sha256:` and the hex digest of the normalised text."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


@dataclass(frozen=True)
class Signature:
    """A MinHash signature and the locality-sensitive band keys derived from it."""

    values: bytes
    bands: tuple[str, ...]

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' word shingles."""
        mine = np.frombuffer(self.values, dtype=np.uint64)
        theirs = np.frombuffer(other.values, dtype=np.uint64)
        return float(np.count_nonzero(mine == theirs)) / len(mine)


def signature(text: str) -> Signature:
    """The MinHash signature of a text's lower-cased word shingles."""
    words = _WORD.findall(normalise_text(text).casefold())
    width = min(SHINGLE_WORDS, max(len(words), 1))
    shingles = {" ".join(words[i : i + width]) for i in range(max(len(words) - width + 1, 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    values = np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()
    return Signature(values=values, bands=band_keys(values))


def signature_from_bytes(values: bytes) -> Signature:
    """A stored signature, read back."""
    return Signature(values=values, bands=band_keys(values))


def band_keys(values: bytes) -> tuple[str, ...]:
    """One key per band: texts that share any key are candidates for a closer look."""
    size = ROWS_PER_BAND * 8
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * size : (band + 1) * size], digest_size=8)
        keys.append(f"{band:02d}:{digest.hexdigest()}")
    return tuple(keys)
