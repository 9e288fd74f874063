"""Near-duplicates: a MinHash signature of a report's wording, and band keys to find candidates.

A syndicated copy with another headline or boilerplate has another id but a similar signature:
the store links it to the first copy, so later stages never count the two as independent
sources.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from warnline.ingest.identity import normalise_text

NUM_PERM = 128
BANDS = 32
ROWS_PER_BAND = NUM_PERM // BANDS
SHINGLE_WORDS = 5
_SEED = 20240101
_WORD = re.compile(r"\w+")


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
    # Imported here: datasketch pulls in SciPy, a quarter of a second that commands which
    # never compute a signature (analyze, reports, show) should not pay.
    from datasketch import MinHash

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
