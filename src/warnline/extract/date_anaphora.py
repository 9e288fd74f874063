"""Dates that point back at an earlier date in the report: "that year", "the same day", "the
following month", "later that year", "the day before".

Each is resolved on its antecedent: the closest date mention before it (within
`ANTECEDENT_REACH` characters) that is resolved finely enough — a day for "that day" and "the
day before", a day or week for "that week", down to a year for "that year" (decades and open
ranges never serve). Basis anchored, precision the unit named:
- "that/the same day|week|month|year": the calendar unit containing the antecedent;
- "the following/next/previous/preceding …": the unit after or before it ("the next" only
  for days: "the next week" is counted from publication);
- "later that year": from the antecedent to the end of its year; "earlier that year": from
  the start of the year to the antecedent;
- "the day (night) before/after", closing a clause: the day before or after the antecedent.
"""

from __future__ import annotations

import datetime as dt
import re

from warnline.extract.date_calendar import ONE_DAY, Bounds, shift, unit_bounds
from warnline.extract.date_grammar import Found
from warnline.extract.date_rule import Precision, Resolution

ANTECEDENT_REACH = 800
_ANAPHORA = re.compile(
    r"\b(?:(?P<when>later|earlier)\s+that|that|the\s+same|(?P<step>the\s+following|"
    r"the\s+next|the\s+previous|the\s+preceding))\s+(?P<unit>day|week|month|year)\b"
    r"|\bthe\s+(?:day|night)\s+(?P<dir>before|after)"
    r"(?=\s*(?:[.,;:)!?]|\Z|(?:and|but|when|as|while|at|in|on)\b))",
    re.IGNORECASE,
)
_FINE_ENOUGH: dict[str, frozenset[str]] = {
    "day": frozenset({"day"}),
    "week": frozenset({"day", "week"}),
    "month": frozenset({"day", "week", "month"}),
    "year": frozenset({"day", "week", "month", "quarter", "season", "year"}),
}
_PRECISION: dict[str, Precision] = {"day": "day", "week": "week", "month": "month", "year": "year"}


def with_anaphora(chosen: list[Found], text: str) -> list[Found]:
    """The mentions with every backward-pointing date that has an antecedent added, in order."""
    added: list[Found] = []
    for match in _ANAPHORA.finditer(text):
        if any(found.overlaps(match.start(), match.end()) for found in chosen):
            continue
        unit = (match["unit"] or "day").casefold()
        if (
            match["step"]
            and " ".join(match["step"].split()).casefold() == "the next"
            and unit != "day"
        ):
            continue
        antecedent = _antecedent(chosen, match.start(), unit)
        if antecedent is not None:
            added.append(Found(match.start(), match.end(), _resolve(match, unit, antecedent)))
    return sorted([*chosen, *added], key=lambda found: found.start)


def _is_next_period(match: re.Match[str], unit: str) -> bool:
    """ "the next week" is counted from publication, not from an antecedent."""
    step = match["step"]
    return step is not None and step.casefold().split()[-1] == "next" and unit != "day"


def _antecedent(chosen: list[Found], start: int, unit: str) -> Bounds | None:
    for found in reversed(chosen):
        resolution = found.resolution
        if found.end > start or resolution is None:
            continue
        if found.end < start - ANTECEDENT_REACH:
            return None
        if resolution.start and resolution.end and resolution.precision in _FINE_ENOUGH[unit]:
            return resolution.start, resolution.end
    return None


def _resolve(match: re.Match[str], unit: str, antecedent: Bounds) -> Resolution:
    first, last = antecedent
    precision = _PRECISION[unit]
    if match["dir"]:
        day = first - ONE_DAY if match["dir"].casefold() == "before" else last + ONE_DAY
        return Resolution(day, day, "day", "anchored")
    whole = unit_bounds(first, unit)
    if match["when"]:
        if match["when"].casefold() == "later":
            return Resolution(min(last, whole[1]), whole[1], precision, "anchored")
        return Resolution(whole[0], first, precision, "anchored")
    if match["step"]:
        forward = match["step"].casefold().split()[-1] in ("following", "next")
        moved: dt.date = shift(first, 1 if forward else -1, unit)
        return Resolution.of(unit_bounds(moved, unit), precision, "anchored")
    return Resolution.of(whole, precision, "anchored")
