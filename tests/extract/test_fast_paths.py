"""The layers' shortcuts find exactly what the plain searches they replace find: checked on
generated texts against the plain regex, which is the definition."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from warnline.catalogue.gazetteer_data import load_place_data
from warnline.extract import date_grammar
from warnline.extract.date_rule import Context
from warnline.extract.place_mentions import _feature_before
from warnline.extract.roles import _succession_before
from warnline.extract.word_patterns import has_whole_word, word_then

SPACES = [" ", "  ", "\n", "\t", "\u00a0"]
WORDS = ["succeeded", "replaced", "followed", "unfollowed", "Followed", "town", "of", "OF", "x"]
PIECES = st.lists(st.sampled_from(WORDS + SPACES + ["-", ".", "İ", "ſ", "K"]), max_size=12)


@given(PIECES)
def test_succession_is_read_from_the_last_words(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = re.search(r"\b(?:succeeded|replaced|followed)\s+$", text) is not None
    assert _succession_before(text + "Ahmad", len(text)) == plain


@given(PIECES)
def test_a_feature_word_before_a_name(pieces: list[str]) -> None:
    words = load_place_data().feature_words
    before = "".join(pieces).replace("town", "district")
    match = re.search(r"(?i)\b([a-z]+)\s+of\s+$", before)
    feature = words.get(match.group(1).lower()) if match else None
    expected = feature if feature is not None and not feature.keep else None
    assert _feature_before(before, words) == expected


@given(PIECES, st.sampled_from(WORDS))
def test_whole_words_and_word_tails(pieces: list[str], word: str) -> None:
    text = "".join(pieces)
    assert has_whole_word(text, word) == (re.search(rf"\b{re.escape(word)}\b", text) is not None)
    tail = r"\s+(?:the\s+)?$"
    plain = re.search(rf"\b{re.escape(word)}{tail}", text)
    assert (word in text and word_then(word, tail).search(text) is not None) == (plain is not None)


DATE_WORDS = [
    "ago", "two days", "AGO", "aGo", "since", "ſince", "SİNCE", "between", "from", "Hamal",
    "HAMAL", "hamal", "1403", "Jalali", "year", "last", "spring", "weekend", "March", "3",
    "2024", "earlier", "this", "week", "recent", "coming", "Tuesday", "and", "to", "the",
]  # fmt: skip


@given(st.lists(st.sampled_from(DATE_WORDS), max_size=14))
def test_date_forms_skip_only_texts_they_cannot_match(words: list[str]) -> None:
    text = " ".join(words)
    ctx = Context(published=dt.date(2024, 6, 1), solar_country=True)
    unskipped = tuple(dataclasses.replace(rule, needs=()) for rule in date_grammar.RULES)
    fast = date_grammar.find_expressions(text, ctx)
    try:
        date_grammar.RULES, kept = unskipped, date_grammar.RULES
        plain = date_grammar.find_expressions(text, ctx)
    finally:
        date_grammar.RULES = kept
    assert fast == plain
