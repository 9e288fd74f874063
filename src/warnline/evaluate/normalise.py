"""How texts are compared: the normalised keys and the occurrences of a text in a report."""

from __future__ import annotations

import re

from warnline.records import Span

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
# Words that follow a place name without changing the place: "Shabwa province" is Shabwa.
_PLACE_DESIGNATOR = re.compile(
    r"\s+(?:province|region|district|governorate|state|department|county|city|town|municipality)$"
)


def text_key(text: str) -> str:
    """Casefolded, straight apostrophes, single spaces."""
    return " ".join(text.translate(_APOSTROPHES).split()).casefold()


def name_key(text: str) -> str:
    """An actor name as compared: `text_key` without a leading "the" or a possessive.

    "The NRF's" and "NRF" are one name.
    """
    key = _LEADING_THE.sub("", text_key(text))
    return _POSSESSIVE.sub("", key).strip()


def place_key(text: str) -> str:
    """A place name as compared: `name_key` without a trailing designator.

    "Borno State" and "Borno" are one place; "northern provinces" keeps its plural.
    """
    key = name_key(text)
    stripped = _PLACE_DESIGNATOR.sub("", key)
    return stripped or key


def occurrences(text: str, report_text: str, *, ignore_case: bool = False) -> list[Span]:
    """Every span where `text` occurs in the report (exactly, or ignoring case)."""
    if not text:
        return []
    haystack, needle = (
        (report_text.casefold(), text.casefold()) if ignore_case else (report_text, text)
    )
    if len(haystack) != len(report_text):  # casefold changed lengths ("ß"): fall back to lower
        haystack, needle = report_text.lower(), text.lower()
    spans: list[Span] = []
    start = haystack.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = haystack.find(needle, start + 1)
    return spans


def overlaps(span: Span, others: list[Span]) -> bool:
    """Whether `span` shares at least one character with any of `others`."""
    return any(span[0] < end and start < span[1] for start, end in others)


def overlap_length(first: Span, second: Span) -> int:
    """How many characters two spans share."""
    return max(0, min(first[1], second[1]) - max(first[0], second[0]))


def contains_either_way(first: str, second: str) -> bool:
    """One text contains the other, compared by `text_key`."""
    a, b = text_key(first), text_key(second)
    return bool(a and b) and (a in b or b in a)
