"""Reading one number from its words: digits ("3,000", "1.5"), words ("twenty-one", "two dozen",
"one hundred and five", "half a million"), mixes ("1.5 million") and vague counts ("hundreds",
"tens of thousands", "several hundred"). Pure functions of text; the word tables are data
(`vocab/quantities.yaml`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warnline.vocab.quantities import NumberWords, QuantityVocab, load_quantity_vocab

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGITS_WITH_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$")
_WORD_SPLIT = re.compile(r"[\s\-‐‑–]+")


def parse_digits(text: str) -> float | None:
    """The value of a number written in digits ("21", "3,000", "1.5"), or None."""
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def parse_money_digits(text: str, vocab: QuantityVocab | None = None) -> float | None:
    """Digits with a money suffix written straight after them ("2bn", "10m"), or None."""
    words = (vocab or load_quantity_vocab()).number_words
    match = _DIGITS_WITH_SUFFIX.match(text.lower())
    if match is None or match.group(2) not in words.money_suffixes:
        return None
    return float(match.group(1).replace(",", "")) * words.money_suffixes[match.group(2)]


def is_number_word(word: str, vocab: QuantityVocab | None = None) -> bool:
    """True for a word that can be part of a number spelled out ("twenty", "dozen", "million")."""
    words = (vocab or load_quantity_vocab()).number_words
    lower = word.lower()
    return any(
        lower in table
        for table in (words.units, words.tens, words.hundred, words.scales, words.groups)
    )


@dataclass
class _State:
    """Where a left-to-right read of number words has got to."""

    total: float = 0.0
    group: float | None = None
    last: str = "start"
    last_scale: float = float("inf")
    half: bool = False


def parse_number(text: str, vocab: QuantityVocab | None = None) -> float | None:
    """The value of one number in words, digits or both ("twenty-one" = 21, "two dozen" = 24,
    "1.5 million" = 1500000, "one hundred and five" = 105), or None when the words are not one
    well-formed number ("twenty twenty", "hundred and")."""
    words = [w if _DIGITS.match(w) else w.rstrip(",") for w in _WORD_SPLIT.split(text.lower())]
    return parse_number_tokens([w for w in words if w], vocab)


def parse_number_tokens(words: Sequence[str], vocab: QuantityVocab | None = None) -> float | None:
    """`parse_number` over words already split (lower case, hyphens removed)."""
    table = (vocab or load_quantity_vocab()).number_words
    state = _State()
    for position, word in enumerate(words):
        digits = parse_digits(word) if position == 0 else None
        if digits is not None:
            state.group, state.last = digits, "digits"
        elif not _step(state, word, table):
            return None
    if state.last in {"start", "joiner", "article", "half"}:
        return None
    value = state.total + (state.group or 0.0)
    return value / 2 if state.half else value


def _step(state: _State, word: str, table: NumberWords) -> bool:
    """Read one more word into `state`; False when it cannot follow what came before."""
    if word in table.units or word in table.tens:
        return _add_small(state, table.units.get(word, table.tens.get(word, 0)), word in table.tens)
    if word in table.hundred:
        return _multiply(state, table.hundred[word], "hundred", limit=100)
    if word in table.groups:
        return _multiply(state, table.groups[word], "group", limit=1000)
    if word in table.scales:
        return _close_scale(state, table.scales[word])
    if word in table.one_articles and state.last in {"start", "half"}:
        state.group, state.last = 1.0, "article"
        return True
    if word == table.half and state.last == "start":
        state.half, state.last = True, "half"
        return True
    if word == table.joiner and state.last in {"hundred", "scale"}:
        state.last = "joiner"
        return True
    return False


def _add_small(state: _State, value: int, is_tens: bool) -> bool:
    if value == 0 and state.last != "start":
        return False
    after_tens = state.last == "tens" and not is_tens and 0 < value < 10
    if not (after_tens or state.last in {"start", "hundred", "joiner", "scale"}):
        return False
    state.group = (state.group or 0.0) + value
    state.last = "tens" if is_tens else "units"
    return True


def _multiply(state: _State, factor: int, name: str, *, limit: int) -> bool:
    if state.group is None or state.last not in {"units", "tens", "article", "digits"}:
        return False
    if not 0 < state.group < limit:
        return False
    state.group *= factor
    state.last = name
    return True


def _close_scale(state: _State, scale: int) -> bool:
    if state.group is None or state.group <= 0 or scale >= state.last_scale:
        return False
    if state.last not in {"units", "tens", "hundred", "article", "digits", "group"}:
        return False
    state.total += state.group * scale
    state.group, state.last, state.last_scale = None, "scale", scale
    return True


@dataclass(frozen=True)
class VagueReading:
    """A vague count: the word it was read from and the number it is coded as (None: no number)."""

    word: str
    value: float | None


def parse_vague(words: Sequence[str], vocab: QuantityVocab | None = None) -> VagueReading | None:
    """A vague count from its words ("hundreds", "a few", "several hundred", "tens of thousands"),
    or None. The codes are `vague` in `quantities.yaml` (ACLED's convention where it has one)."""
    vocab = vocab or load_quantity_vocab()
    lower = [w.lower() for w in words]
    for size in (2, 1):
        key = " ".join(lower[:size])
        if key in vocab.vague and len(lower) >= size:
            return _vague_with_scale(key, lower[size:], vocab)
    return None


def _vague_with_scale(key: str, rest: list[str], vocab: QuantityVocab) -> VagueReading | None:
    base = vocab.vague[key].value
    if not rest:
        return VagueReading(key, None if base is None else float(base))
    if key not in vocab.vague_multipliers:
        return None
    table = vocab.number_words
    scale_words = {**table.hundred, **table.scales, **table.groups}
    if all(word in scale_words for word in rest):
        # "several hundred", "a few thousand", "several hundred thousand": coded as one of the
        # scale, like "hundreds".
        scale = parse_number_tokens(["one", *rest], vocab)
        return None if scale is None else VagueReading(key, scale)
    # "tens of thousands": only the plural vague words take "of" before a plural scale.
    plural = rest[1] if len(rest) == 2 and rest[0] == "of" and key.endswith("s") else None
    if base is not None and plural in vocab.vague and plural.rstrip("s") in scale_words:
        return VagueReading(key, float(base * (vocab.vague[plural].value or 0)))
    return None
