"""A regex trie finds what the same words joined longest first find, groups included; and the
state-body pattern built with it finds what it found before over the example reports."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from warnline.extract import state_bodies
from warnline.extract.regex_trie import longest_first, trie_alternation

ROOT = Path(__file__).resolve().parents[2]
# Few letters, so that words share prefixes and texts hold many near misses.
LETTERS = st.text(alphabet="ab .(", min_size=1, max_size=5)


def _found(pattern: str, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in re.finditer(pattern, text)]


def test_a_trie_nests_the_longer_words() -> None:
    assert trie_alternation(["Niger", "Nigeria", "Nigerien"]) == "Niger(?:i(?:a|en))?"
    assert longest_first(["Niger", "Nigeria", "Nigerien"]) == "Nigerien|Nigeria|Niger"


@given(st.lists(LETTERS, min_size=1, max_size=12), st.text(alphabet="ab .(x", max_size=60))
def test_a_trie_matches_like_the_words_longest_first(words: list[str], text: str) -> None:
    for template in ("(?P<w>{})", "(?P<w>{})a", "(?<!a)(?P<w>{})(?:b|\\.)?(?P<t>x)"):
        plain = template.format(longest_first(words))
        trie = template.format(trie_alternation(words))
        assert _found(trie, text) == _found(plain, text), (words, text, template)


def test_the_state_body_pattern_finds_what_the_plain_alternation_found() -> None:
    pattern = state_bodies._pattern().pattern
    countries = state_bodies.country_modifiers()
    plain = pattern.replace(trie_alternation(countries), longest_first(countries))
    assert plain != pattern
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    found = [_found(pattern, text) for text in texts]
    assert found == [_found(plain, text) for text in texts]
    assert sum(map(len, found)) > 10
