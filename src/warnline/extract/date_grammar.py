"""Every form of date expression, in one ordered grammar, and the two ways it is used: resolving
a given span (a spaCy DATE entity) and finding expressions anywhere in a text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from warnline.extract.date_absolute import ABSOLUTE_RULES, EARLY_YEAR_RULES
from warnline.extract.date_parts import PART_RULES
from warnline.extract.date_ranges import RANGE_RULES
from warnline.extract.date_relative import RELATIVE_RULES
from warnline.extract.date_rule import Context, Resolution, Rule, fold_for_needs
from warnline.extract.date_solar import SOLAR_RULES

RULES: tuple[Rule, ...] = (
    *RANGE_RULES,
    *PART_RULES,
    *ABSOLUTE_RULES,
    *SOLAR_RULES,
    *EARLY_YEAR_RULES,
    *RELATIVE_RULES,
)
"""Wider forms first: on a tie the earlier rule wins."""


@dataclass(frozen=True)
class Found:
    """A date expression at text[start:end], resolved (or None when it could not be)."""

    start: int
    end: int
    resolution: Resolution | None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether it shares at least one character with text[start:end]."""
        return self.start < end and start < self.end


def resolve_span(text: str, start: int, end: int, ctx: Context) -> Resolution | None:
    """The resolution of exactly text[start:end] by the first rule that reads all of it."""
    for rule in RULES:
        match = rule.pattern.fullmatch(text, start, end)
        if match is not None:
            resolution = rule.handler(match, ctx)
            if resolution is not None:
                return resolution
    return None


def find_expressions(text: str, ctx: Context) -> list[Found]:
    """Every resolvable date expression in a text (they may overlap; see `longest_first`)."""
    return list(_scan(text, ctx))


def _scan(text: str, ctx: Context) -> Iterator[Found]:
    folded = fold_for_needs(text)
    for rule in RULES:
        scanner = rule.scanner
        if scanner is None or not rule.may_occur(text, folded):
            continue
        for match in scanner.finditer(text):
            resolution = rule.handler(match, ctx)
            if resolution is not None:
                yield Found(match.start(), match.end(), resolution)


def longest_first(found: Iterable[Found]) -> list[Found]:
    """Non-overlapping expressions, preferring the longest (then the earliest found), in text
    order."""
    chosen: list[Found] = []
    ranked = sorted(enumerate(found), key=lambda item: (item[1].start - item[1].end, item[0]))
    for _, item in ranked:
        if not any(other.overlaps(item.start, item.end) for other in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda item: item.start)
