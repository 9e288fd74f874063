"""A long list of literal words as a regex trie: the same matches as the words joined with `|`
longest first, found much faster.

    longest_first(["Niger", "Nigeria", "Nigerien"])   # 'Nigerien|Nigeria|Niger'
    trie_alternation(["Niger", "Nigeria", "Nigerien"])  # 'Niger(?:i(?:en|a))?'

An alternation of hundreds of words is tried word by word at every position of a text; the trie
reads each character once. Where the words are tried longest first, the words that match at a
position are prefixes of one another, and the trie, whose optional tails are greedy, tries
them in the same order (longest first, then shorter on backtracking): the matches and groups
are the same. Only for case-sensitive use: under IGNORECASE two spellings of one word would
be two branches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key that marks the end of a word (no character is empty)
_Node = dict[str, "_Node"]


def longest_first(words: Iterable[str]) -> str:
    """The words escaped and joined with `|`, longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def trie_alternation(words: Iterable[str]) -> str:
    """A pattern matching what `longest_first(words)` matches, as a trie (no groups)."""
    root: _Node = {}
    for word in set(words):
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _pattern(root)


def _pattern(node: _Node) -> str:
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if _END in node:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
