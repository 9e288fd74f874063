"""The words date expressions are made of, as values and as regular-expression fragments.

Fragments have no named groups so that rules can embed them; month, weekday and Solar Hijri
month names match only capitalised (or all capitals), so "may" the verb and "hut" the noun are
not months. Every pattern using them is compiled with `re.IGNORECASE`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")
# Afghan (Dari) and Iranian names of the twelve Solar Hijri months, with common spellings.
SOLAR_MONTHS: dict[str, int] = {
    "hamal": 1, "sawr": 2, "saur": 2, "sowr": 2, "thawr": 2, "jawza": 3, "jauza": 3, "jowza": 3,
    "saratan": 4, "asad": 5, "sunbula": 6, "sonbola": 6, "sumbula": 6, "mizan": 7, "aqrab": 8,
    "qaws": 9, "qaus": 9, "jadi": 10, "jaddi": 10, "jady": 10, "dalw": 11, "dalv": 11, "hut": 12,
    "hoot": 12,
    "farvardin": 1, "ordibehesht": 2, "khordad": 3, "tir": 4, "mordad": 5, "amordad": 5,
    "shahrivar": 6, "mehr": 7, "aban": 8, "azar": 9, "dey": 10, "bahman": 11, "esfand": 12,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
# Vague counts as (fewest, most): "a few years ago" is a window, not a point.
VAGUE_COUNTS: dict[str, tuple[int, int]] = {
    "a few": (2, 4), "few": (2, 4), "several": (3, 7), "a couple of": (2, 2), "couple of": (2, 2),
    "some": (2, 7),
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1, "final": -1,
}  # fmt: skip


def words(names: Iterable[str]) -> str:
    """An alternation of words, longest first so that "Sept" is tried before "Sep"."""
    return "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))


def _capitalised(names: Iterable[str]) -> str:
    forms = {form for name in names for form in (name.capitalize(), name.upper())}
    return f"(?-i:{words(forms)})"


_MONTH_NAMES = [name for name in MONTHS if len(name) > 4 or name in ("may", "june", "july")]
_MONTH_ABBREVIATIONS = [name for name in MONTHS if name not in _MONTH_NAMES]
MONTH = rf"(?:{_capitalised(_MONTH_NAMES)}\b|{_capitalised(_MONTH_ABBREVIATIONS)}\b\.?)"
# A month standing alone is written out: "Jan" alone is a name (Jan Egeland), "Mar" a saint.
MONTH_NAME = rf"{_capitalised(_MONTH_NAMES)}\b"
WEEKDAY = rf"{_capitalised(WEEKDAYS)}\b"
WEEKDAY_OR_ABBREVIATION = rf"(?:{WEEKDAY}|(?-i:{words(_WEEKDAY_ABBREVIATIONS)})\b\.?)"
SOLAR_MONTH = rf"{_capitalised(SOLAR_MONTHS)}\b"
DAY = r"\b(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
YEAR = r"\b(?:1[5-9]\d\d|20\d\d)\b"
SOLAR_YEAR = r"\b1[34]\d\d\b"
COUNT = rf"(?:\d{{1,3}}|{words(NUMBER_WORDS)}|{words(VAGUE_COUNTS)})"
UNIT = r"(?:day|week|fortnight|month|year|decade)s?"
ORDINAL = rf"(?:{words(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))"
DASH = r"[-‐‑–—]"
# What may follow a year written as a bare number: punctuation, the end, a function word or a
# capitalised word, not a noun it would count ("1403 raids").
AFTER_YEAR = re.compile(
    r"\s*(?:\Z|[^\w\s]|(?:and|or|to|until|till|through|when|while|as|in|at|on|after|before|"
    r"the|a|an|it|its|they|he|she|we|was|were|is|by)\b|(?-i:[A-Z]))",
    re.IGNORECASE,
)
# Guards (see `make_rule`): what the first characters of a match can be.
STARTS_WRITTEN = r"(?=\d|(?-i:[A-Z])|the\s)"
STARTS_NUMBER = r"(?=\d|the\s)"
STARTS_CAPITAL = r"(?=(?-i:[A-Z]))"


def month_number(text: str) -> int:
    """1-12 for a month name or abbreviation ("Sept." gives 9)."""
    return MONTHS[text.rstrip(".").casefold()]


def weekday_number(text: str) -> int:
    """0 (Monday) to 6 (Sunday) for a weekday name or abbreviation."""
    key = text.rstrip(".").casefold()
    return next(number for name, number in WEEKDAYS.items() if name.startswith(key[:3]))


def day_number(text: str) -> int:
    """The day of the month written as "12", "12th" or "03"."""
    return int(re.sub(r"\D", "", text))


def count_range(text: str) -> tuple[int, int]:
    """The (fewest, most) a count means: "three" gives (3, 3), "several" gives (3, 7)."""
    key = " ".join(text.casefold().split())
    if key.isdigit():
        return int(key), int(key)
    if key in VAGUE_COUNTS:
        return VAGUE_COUNTS[key]
    value = NUMBER_WORDS[key]
    return value, value


def ordinal_number(text: str) -> int:
    """1 for "first" or "1st"; -1 for "last" or "final"."""
    key = text.casefold()
    return ORDINALS[key] if key in ORDINALS else day_number(key)


def unit_name(text: str) -> str:
    """The singular unit of "days", "weeks", "fortnight"…"""
    return text.casefold().removesuffix("s")
