"""Whole-word searches made once per word: the layers look for the same vocabulary words in
many short texts, and most of those texts do not hold the word at all, which a substring test
says far faster than a regex."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=4096)
def whole_word(word: str) -> re.Pattern[str]:
    r"""`\bWORD\b`, compiled once."""
    return re.compile(rf"\b{re.escape(word)}\b")


def has_whole_word(text: str, word: str) -> bool:
    r"""Whether `re.search(r"\bWORD\b", text)` finds the word (case-sensitive)."""
    return word in text and whole_word(word).search(text) is not None


@lru_cache(maxsize=4096)
def word_then(word: str, tail: str) -> re.Pattern[str]:
    r"""`\bWORD` then the pattern `tail`, compiled once."""
    return re.compile(rf"\b{re.escape(word)}{tail}")
