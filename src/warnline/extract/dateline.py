"""The dateline that opens a news report: "KABUL, AFGHANISTAN –", "MOGADISHU (AP) —"."""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

# Capitals for the first place name (at least three letters), optional further parts after
# commas, an optional agency in brackets, then a dash. Only the first paragraphs are searched.
_DATELINE = re.compile(
    r"(?m)^(?P<text>(?P<first>[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]+)*)"
    r"(?:,\s*[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+)*){0,2})"
    r"\s*(?:\([^)\n]{1,40}\)\s*)?[–—-]{1,2}\s"
)
_PARAGRAPHS_SEARCHED = 4


@dataclass(frozen=True)
class FoundDateline:
    text: str
    span: Span
    first_place: str
    first_place_span: Span


def find_dateline(text: str) -> FoundDateline | None:
    """The dateline in one of the first paragraphs, or None."""
    limit = _end_of_paragraph(text, _PARAGRAPHS_SEARCHED)
    match = _DATELINE.search(text, 0, limit)
    if match is None:
        return None
    first = match.group("first")
    return FoundDateline(
        text=match.group("text"),
        span=match.span("text"),
        first_place=first.title() if first.isupper() else first,
        first_place_span=match.span("first"),
    )


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
