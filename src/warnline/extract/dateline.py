"""The dateline that opens a news report: "KABUL, AFGHANISTAN –", "MOGADISHU (AP) —"."""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

# Capitals for the first place name (at least three letters), optional further parts after
# commas, an optional agency in brackets, then a dash. Only the first paragraphs are searched.
_UPPER = "A-ZÀ-ÖØ-Þ"  # with the accented capitals of Latin-1: "CÚCUTA", "BOGOTÁ"
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
_DATELINE = re.compile(
    rf"(?m)^(?P<text>(?P<first>[{_UPPER}][{_UPPER}'’.\-]{{2,}}(?: [{_UPPER}][{_UPPER}'’.\-]+)*)"
    rf"(?:,\s*[{_UPPER}][{_LETTER}'’.\-]+(?: [{_UPPER}][{_LETTER}'’.\-]+)*){{0,2}})"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?[–—-]{1,2}\s"
)
_PARAGRAPHS_SEARCHED = 4


_PART = re.compile(r"[^,]+")


@dataclass(frozen=True)
class FoundDateline:
    text: str
    span: Span
    first_place: str
    first_place_span: Span
    # Every comma-separated part ("KABUL", "AFGHANISTAN"), named as a place is, with its span.
    places: tuple[tuple[str, Span], ...] = ()
    # The whole dateline with its agency and dash: what the parser is not shown.
    lead: Span = (0, 0)


def find_dateline(text: str) -> FoundDateline | None:
    """The dateline in one of the first paragraphs, or None."""
    limit = _end_of_paragraph(text, _PARAGRAPHS_SEARCHED)
    match = _DATELINE.search(text, 0, limit)
    if match is None:
        return None
    first = match.group("first")
    start = match.start("text")
    parts = tuple(
        (_place_name(part.group().strip()), _stripped_span(part, start))
        for part in _PART.finditer(match.group("text"))
    )
    return FoundDateline(
        text=match.group("text"),
        span=match.span("text"),
        first_place=_place_name(first),
        first_place_span=match.span("first"),
        places=parts,
        lead=match.span(),
    )


def without_dateline(text: str, found: FoundDateline | None) -> str:
    """The text with its dateline blanked out, every offset kept. The parser reads
    "MOGADISHU, SOMALIA – At least 100 people were killed" with the capitals as the subject of
    the sentence; blanked, the sentence parses as the one it is."""
    if found is None:
        return text
    start, end = found.lead
    return text[:start] + " " * (end - start) + text[end:]


def _place_name(text: str) -> str:
    """Datelines shout: KABUL is the place called Kabul."""
    return text.title() if text.isupper() else text


def _stripped_span(part: re.Match[str], offset: int) -> Span:
    left = len(part.group()) - len(part.group().lstrip())
    return (offset + part.start() + left, offset + part.start() + len(part.group().rstrip()))


def _end_of_paragraph(text: str, count: int) -> int:
    position = 0
    for _ in range(count):
        found = text.find("\n\n", position)
        if found < 0:
            return len(text)
        position = found + 2
        while position < len(text) and text[position] == "\n":
            position += 1
    return position
