"""Vague regions: "the northern provinces", "southern Somalia", "eastern Nangarhar", "the Sahel".

They are places whose country (and sometimes province) may be known but which are never pinned
to a point (ACLED geo_precision 3). The words come from `catalogue/places_regions.yaml`; the
patterns run over the doc's text:

- directions, joined by "and"/","/"or", then a name (a country, a demonym or a first-level
  unit), an area noun, or both: "northern and northeastern provinces", "eastern Afghanistan",
  "northern Afghan provinces", "the western districts of Kunduz";
- a named region: "the Sahel", "the Lake Chad Basin".

A phrase that is itself a place's name ("South Sudan", "North Waziristan", "Northern Province")
is left to the gazetteer, and so is "the northern province of Balkh" (it names Balkh).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warnline.catalogue.gazetteer import Gazetteer, GazetteerEntry
from warnline.catalogue.gazetteer_data import load_place_data
from warnline.extract.spans import Span

_NAME = r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}"
_SINGULAR_UNITS = frozenset({"province", "district", "governorate", "region", "state"})
_REGION_KINDS = frozenset({"country", "admin1"})


@dataclass(frozen=True)
class RegionMention:
    """A vague region as written, with the name inside it and the countries it may lie in."""

    text: str
    span: Span
    # The country or unit named inside ("Somalia" in "southern Somalia"), to be geocoded,
    # and where it is: that mention is a place of its own too.
    within: str | None = None
    within_span: Span | None = None
    # For a named region, the countries it spans.
    countries: tuple[str, ...] | None = None


def _alternatives(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?") for w in ordered)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_place_data()
    direction = _alternatives([w for forms in data.directions.values() for w in forms])
    nouns = _alternatives(list(data.area_nouns))
    directed = re.compile(
        rf"(?<![\w-])(?P<dirs>(?i:{direction})"
        rf"(?:(?:\s*,\s*|\s*/\s*|\s+and\s+|\s+or\s+|,\s+and\s+)(?i:{direction}))*)"
        rf"(?:\s+(?!(?i:{nouns})(?![\w-]))(?P<name>{_NAME}))?"
        rf"(?:\s+(?P<noun>(?i:{nouns})))?(?![\w-])"
        rf"(?:\s+of\s+(?:the\s+)?(?P<of>{_NAME}))?"
    )
    names = _alternatives([n for region in data.named_regions for n in region.names])
    named = re.compile(rf"(?<![\w-])(?i:{names})(?![\w-])")
    return directed, named


def _squeeze(name: str) -> str:
    return re.sub(r"[\s-]+", "", name.casefold())


@lru_cache(maxsize=1)
def _named_region_countries() -> dict[str, tuple[str, ...]]:
    return {
        _squeeze(name): region.countries
        for region in load_place_data().named_regions
        for name in region.names
    }


def find_regions(text: str, gazetteer: Gazetteer) -> list[RegionMention]:
    """Every vague region in the text, in order, none overlapping another."""
    _, named = _patterns()
    found: list[RegionMention] = []
    spans = _named_region_countries()
    for match in named.finditer(text):
        countries = spans.get(_squeeze(match.group()))
        if countries is not None:
            found.append(RegionMention(match.group(), match.span(), countries=countries))
    for region in _directed(text, gazetteer):
        if not any(region.span[0] < e and s < region.span[1] for s, e in (r.span for r in found)):
            found.append(region)
    return sorted(found, key=lambda r: r.span)


def _directed(text: str, gazetteer: Gazetteer) -> list[RegionMention]:
    directed, _ = _patterns()
    found: list[RegionMention] = []
    for match in directed.finditer(text):
        region = _region(text, match, gazetteer)
        if region is not None:
            found.append(region)
    return found


def _region(text: str, match: re.Match[str], gazetteer: Gazetteer) -> RegionMention | None:
    """The region a direction match makes, or None when it makes none."""
    start = match.start("dirs")
    within: str | None = None
    within_span: Span | None = None
    end = match.end("dirs")
    whole = True
    if match.group("name") is not None:
        within, end = _known_name(match, gazetteer)
        if within is None:
            return None
        within_span = (match.start("name"), end)
        whole = end == match.end("name")
    noun = match.group("noun") if whole else None
    if noun is not None:
        end = match.end("noun")
        of_name = match.group("of")
        if of_name is not None:
            unit = _region_entries(gazetteer, of_name)
            if noun.lower() in _SINGULAR_UNITS and not any(e.kind == "country" for e in unit):
                return None
            if unit and within is None:
                within, end = of_name, match.end("of")
                within_span = match.span("of")
    elif within is None:
        return None
    phrase = text[start:end]
    if _is_place_name(text, start, phrase, gazetteer):
        return None
    return RegionMention(phrase, (start, end), within=within, within_span=within_span)


def region_cover(region: RegionMention) -> list[Span]:
    """The parts of a region's span other mentions may not overlap: all of it but the name
    inside, which stays a place of its own ("Somalia" in "southern Somalia")."""
    start, end = region.span
    if region.within_span is None:
        return [region.span]
    inner_start, inner_end = region.within_span
    return [s for s in ((start, inner_start), (inner_end, end)) if s[0] < s[1]]


def _known_name(match: re.Match[str], gazetteer: Gazetteer) -> tuple[str | None, int]:
    """The longest leading part of the name group that names a country or a first-level unit,
    and where the matched region ends if it stops there."""
    name = match.group("name")
    words = name.split()
    for count in range(len(words), 0, -1):
        candidate = " ".join(words[:count])
        if _region_entries(gazetteer, candidate):
            return candidate, match.start("name") + _prefix_length(name, count)
    return None, match.end("dirs")


def _prefix_length(name: str, words: int) -> int:
    spans = [m.end() for m in re.finditer(r"\S+", name)]
    return spans[words - 1]


def _region_entries(gazetteer: Gazetteer, name: str) -> tuple[GazetteerEntry, ...]:
    return tuple(e for e in gazetteer.lookup(name) if e.kind in _REGION_KINDS)


def _is_place_name(text: str, start: int, phrase: str, gazetteer: Gazetteer) -> bool:
    """A phrase the gazetteer knows, written as a name: all words capitalised ("South Sudan",
    "Northern Province"), or its first word capitalised where no sentence starts ("the Centre
    region" of Burkina Faso)."""
    words = phrase.split()
    if not words[0][:1].isupper() or not gazetteer.lookup(phrase):
        return False
    before = text[max(0, start - 4) : start]
    opens_sentence = start == 0 or re.search(r"(?:[.!?:]\s+|\n\s*)$", before) is not None
    return all(w[:1].isupper() for w in words) or not opens_sentence
