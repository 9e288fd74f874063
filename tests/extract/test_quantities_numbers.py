"""Reading numbers from their words: the table-driven parser and the vague-count codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warnline.extract.quantity_numbers import (
    parse_digits,
    parse_money_digits,
    parse_number,
    parse_vague,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eight", 8),
        ("zero", 0),
        ("nineteen", 19),
        ("twenty-one", 21),
        ("twenty one", 21),
        ("ninety-nine", 99),
        ("one hundred", 100),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("two hundred fifty", 250),
        ("eleven hundred", 1100),
        ("a thousand", 1000),
        ("three thousand", 3000),
        ("ten thousand and one", 10_001),
        ("two million three hundred thousand", 2_300_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("half a million", 500_000),
        ("21", 21),
        ("3,000", 3000),
        ("1,250,000", 1_250_000),
        ("1.5", 1.5),
        ("1.5 million", 1_500_000),
        ("2 billion", 2_000_000_000),
        ("Forty-Two", 42),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "and",
        "hundred and",
        "twenty twenty",
        "five twenty",
        "one two",
        "zero hundred",
        "one thousand one thousand",
        "thousand million",
        "a",
        "half",
        "soldiers",
        "twenty eleven",
        "3,00",
    ],
)
def test_parse_number_rejects_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"), [("21", 21), ("3,000", 3000), ("0.5", 0.5), ("12,450.5", 12450.5)]
)
def test_parse_digits(text: str, value: float) -> None:
    assert parse_digits(text) == value


@pytest.mark.parametrize(("text", "value"), [("2bn", 2e9), ("10m", 1e7), ("500k", 5e5)])
def test_parse_money_digits(text: str, value: float) -> None:
    assert parse_money_digits(text) == value
    assert parse_money_digits(f"{text}x") is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        # ACLED's convention: tens 10, dozens 12, hundreds 100, and so on.
        ("tens", 10),
        ("dozens", 12),
        ("hundreds", 100),
        ("thousands", 1000),
        ("millions", 1_000_000),
        ("tens of thousands", 10_000),
        ("hundreds of thousands", 100_000),
        # The same rule read by warnline: a vague word is coded as one of its unit...
        ("scores", 20),
        ("several hundred", 100),
        ("several hundred thousand", 100_000),
        ("a few thousand", 1000),
        ("a few dozen", 12),
        # ...and a word with no unit gets no number.
        ("several", None),
        ("a few", None),
        ("a handful", None),
        ("many", None),
    ],
)
def test_parse_vague(words: str, value: float | None) -> None:
    reading = parse_vague(words.split())
    assert reading is not None
    assert reading.value == value


@pytest.mark.parametrize("words", ["soldiers", "several of thousands", "thousands of hundreds"])
def test_parse_vague_rejects(words: str) -> None:
    assert parse_vague(words.split()) is None


# An independent speller for the round trip: its word lists are written out here, not read from
# the vocabulary the parser uses.
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (("-" if hyphen else " ") + _ONES[ones] if ones else "")


def _below_thousand(n: int, hyphen: bool, joiner: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest, hyphen)
    head = f"{_ONES[hundreds]} hundred"
    if not rest:
        return head
    return f"{head}{' and' if joiner else ''} {_below_hundred(rest, hyphen)}"


def spell(n: int, *, hyphen: bool = True, joiner: bool = True) -> str:
    """English words for 0 <= n < 1,000,000 ("three hundred and twelve thousand, five")."""
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _below_thousand(rest, hyphen, joiner)
    head = f"{_below_thousand(thousands, hyphen, joiner)} thousand"
    if not rest:
        return head
    tail = _below_thousand(rest, hyphen, joiner)
    return f"{head} {'and ' if joiner and rest < 100 else ''}{tail}"


@given(st.integers(min_value=0, max_value=999_999), st.booleans(), st.booleans())
def test_spelled_numbers_round_trip(n: int, hyphen: bool, joiner: bool) -> None:
    assert parse_number(spell(n, hyphen=hyphen, joiner=joiner)) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_commas_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_two_units_in_a_row_are_not_a_number(a: int, b: int) -> None:
    assert parse_number(f"{_ONES[a]} {_ONES[b]}") is None
