"""A report's identity: the hash of its normalised text.

Two files with the same words in another layout (line breaks, curly or straight quotes, spaces)
are the same report, stored once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_PUNCTUATION_MAP = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "\u00a0": " "}
)
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFKC, straight quotes and dashes, single spaces: what the id is computed from."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCTUATION_MAP)
    return _SPACE.sub(" ", text).strip()


def report_id(text: str) -> str:
    """`sha256:` and the hex digest of the normalised text."""
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    return f"sha256:{digest}"
