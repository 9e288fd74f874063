"""Dates anchored on well-known events (catalogue/anchors.yaml) or on a written date.

Forms, for an event E that ran from its first to its last day:
- "two days before E" / "three years after E": E's first day moved back (before) or its last
  day moved on (after) by the count. Days and weeks give that day ("a week after the fall of
  Kabul" = 2021-08-22, precision week); months and years widen to the calendar month or year
  ("three years after" the 30 August 2021 withdrawal = 2024, precision year; decades count as
  years). Vague counts give a window ("a few" = 2-4, "several" = 3-7).
- "the day/week/month/year before (or after) E", "the eve of E" (the day before), "the day
  (morning, night) of E" (its first day);
- "since E": E's first day to publication, precision range (end None without publication);
- "the third anniversary of E": the same day N years on; "the anniversary of E": the latest
  anniversary by publication;
- "(the) days/weeks/months/years after E": 7 days / 4 weeks / 3 months / 3 years after it
  (or before it);
- a name of E that itself holds a date ("the September 11 attacks", "9/11"): E's days.
Offsets from a written date work the same way: "two days before 12 May 2024".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from warnline.catalogue.anchors import AnchorEvent, load_anchors
from warnline.extract.date_absolute import DAY_MONTH_YEAR, ISO_DATE, MONTH_DAY_YEAR, MONTH_YEAR
from warnline.extract.date_calendar import ONE_DAY, Bounds, moved_bounds, shift
from warnline.extract.date_grammar import Found, resolve_span
from warnline.extract.date_lexicon import (
    COUNT,
    MONTH,
    ORDINAL,
    UNIT,
    count_range,
    ordinal_number,
    unit_name,
)
from warnline.extract.date_relative import RECENT_WINDOWS
from warnline.extract.date_rule import Context, Precision, Resolution, embeddable

_BEFORE = ("before", "prior to", "earlier than", "preceding", "leading up to")
_DIRECTION = r"(?P<dir>before|after|prior\s+to|following|later\s+than|earlier\s+than)"
_OFFSET = rf"(?P<count>{COUNT})\s+(?P<unit>{UNIT})\s+{_DIRECTION}\s+"
_PREFIXES = (
    re.compile(rf"\b{_OFFSET}\Z", re.IGNORECASE),
    re.compile(
        r"\bthe\s+(?P<the>day|week|month|year|night|morning|evening)\s+"
        r"(?P<dir>before|after|of|following)\s+\Z",
        re.IGNORECASE,
    ),
    re.compile(r"(?:\bthe\s+)?\b(?P<eve>eve)\s+of\s+\Z", re.IGNORECASE),
    re.compile(r"\b(?:ever\s+)?(?P<since>since)\s+\Z", re.IGNORECASE),
    re.compile(
        rf"(?:\bthe\s+)?(?:(?P<nth>{ORDINAL})\s+)?\b(?P<anniversary>anniversary)\s+of\s+\Z",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:\bthe\s+)?\b(?P<window>days|weeks|months|years)\s+"
        r"(?P<dir>before|after|following|preceding|leading\s+up\s+to)\s+\Z",
        re.IGNORECASE,
    ),
)
_PREFIX_REACH = 60
_DATED_NAME = re.compile(rf"\d|{MONTH}", re.IGNORECASE)
_WRITTEN_DATE = (
    "(?:"
    + "|".join(
        embeddable(source) for source in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO_DATE, MONTH_YEAR)
    )
    + ")"
)
_OFFSET_FROM_DATE = re.compile(rf"(?=\d|[a-z])\b{_OFFSET}(?P<date>{_WRITTEN_DATE})", re.IGNORECASE)


@dataclass(frozen=True)
class Anchor:
    """What an offset is counted from: a first and a last day, and how it is known."""

    first: dt.date
    last: dt.date
    basis: str


def find_anchored(text: str, ctx: Context) -> list[Found]:
    """Every expression anchored on a catalogued event or on a written date."""
    return [*_on_events(text, ctx), *_on_written_dates(text, ctx)]


def _on_events(text: str, ctx: Context) -> Iterator[Found]:
    catalogue = load_anchors()
    for match in _names_pattern().finditer(text):
        event = catalogue.lookup(match.group())
        if event is None:
            continue
        found = _with_prefix(text, match.start(), match.end(), _event_anchor(event), ctx)
        if found is not None:
            yield found
        elif _DATED_NAME.search(match.group()):
            yield Found(_name_start(match), match.end(), _event_days(event))


def _on_written_dates(text: str, ctx: Context) -> Iterator[Found]:
    for match in _OFFSET_FROM_DATE.finditer(text):
        written = resolve_span(text, match.start("date"), match.end("date"), ctx)
        if written is None or written.start is None or written.end is None:
            continue
        anchor = Anchor(written.start, written.end, "anchored")
        resolution = _offset(match, anchor)
        if resolution is not None:
            yield Found(match.start(), match.end(), resolution)


def _name_start(match: re.Match[str]) -> int:
    """Where a dated name starts: without a "the" that is not part of it ("The 9/11
    Commission" gives "9/11")."""
    name = " ".join(match.group().casefold().split())
    names = _names_as_written()
    if name not in names and name.startswith("the ") and name[4:] in names:
        return match.start() + len(match.group()) - len(match.group()[4:].lstrip())
    return match.start()


@lru_cache(maxsize=1)
def _names_as_written() -> frozenset[str]:
    return frozenset(
        " ".join(name.casefold().split()) for event in load_anchors().events for name in event.names
    )


def _event_anchor(event: AnchorEvent) -> Anchor:
    return Anchor(event.start, event.last_day, "anchored")


def _event_days(event: AnchorEvent) -> Resolution:
    precision: Precision = "day" if event.end in (None, event.start) else "range"
    return Resolution(event.start, event.last_day, precision, "anchored")


def _with_prefix(text: str, start: int, end: int, anchor: Anchor, ctx: Context) -> Found | None:
    reach = max(0, start - _PREFIX_REACH)
    for pattern in _PREFIXES:
        match = pattern.search(text, reach, start)
        if match is None:
            continue
        resolution = _prefixed(match, anchor, ctx)
        if resolution is not None:
            return Found(match.start(), end, resolution)
    return None


def _prefixed(match: re.Match[str], anchor: Anchor, ctx: Context) -> Resolution | None:
    names = match.re.groupindex
    if "count" in names:
        return _offset(match, anchor)
    if "the" in names:
        return _the_unit(match, anchor)
    if "eve" in names:
        day = anchor.first - ONE_DAY
        return Resolution(day, day, "day", "anchored")
    if "since" in names:
        return Resolution(anchor.first, ctx.published, "range", "anchored")
    if "anniversary" in names:
        return _anniversary(match["nth"], anchor, ctx)
    return _window(match, anchor)


def _offset(match: re.Match[str], anchor: Anchor) -> Resolution:
    unit = unit_name(match["unit"])
    fewest, most = count_range(match["count"])
    before = " ".join(match["dir"].casefold().split()) in _BEFORE
    base, sign = (anchor.first, -1) if before else (anchor.last, 1)
    return _moved(base, sorted((sign * fewest, sign * most)), unit)


def _moved(base: dt.date, steps: list[int], unit: str) -> Resolution:
    bounds, precision = moved_bounds(base, steps, unit)
    return Resolution(bounds[0], bounds[1], precision, "anchored")


def _the_unit(match: re.Match[str], anchor: Anchor) -> Resolution:
    unit, direction = match["the"].casefold(), match["dir"].casefold()
    if unit in ("night", "morning", "evening"):
        unit = "day"
    if direction == "of":
        return Resolution(anchor.first, anchor.first, "day", "anchored")
    if direction == "before":
        return _moved(anchor.first, [-1], unit)
    return _moved(anchor.last, [1], unit)


def _anniversary(nth: str | None, anchor: Anchor, ctx: Context) -> Resolution | None:
    if nth is not None:
        years = ordinal_number(nth)
        if years < 1:
            return None
        day = shift(anchor.first, years, "year")
        return Resolution(day, day, "day", "anchored")
    if ctx.published is None:
        return Resolution.pending("day", "anchored")
    years = ctx.published.year - anchor.first.year
    day = shift(anchor.first, years, "year")
    if day > ctx.published:
        day = shift(anchor.first, years - 1, "year")
    if day <= anchor.first:
        return None
    return Resolution(day, day, "day", "anchored")


def _window(match: re.Match[str], anchor: Anchor) -> Resolution:
    count, unit, precision = RECENT_WINDOWS[unit_name(match["window"])]
    if " ".join(match["dir"].casefold().split()) in _BEFORE:
        bounds: Bounds = (shift(anchor.first, -count, unit), anchor.first - ONE_DAY)
    else:
        bounds = (anchor.last + ONE_DAY, shift(anchor.last, count, unit))
    return Resolution(bounds[0], bounds[1], precision, "anchored")


@lru_cache(maxsize=1)
def _names_pattern() -> re.Pattern[str]:
    """One pattern for every catalogued name, as a tree of words (names sharing first words
    share a branch, which keeps the search fast), matched loosely (see `_name_words`)."""
    names = {name for event in load_anchors().events for name in event.names}
    tree: _Tree = {}
    for name in names:
        node = tree
        for word in _name_words(name):
            node = node.setdefault(word, {})
        node[_END] = {}
    source = _tree_source(tree)
    return re.compile(rf"(?<![\w/-])(?:the\s+)?{source}(?![\w/-])", re.IGNORECASE)


_Tree = dict[str, "_Tree"]
_END = ""


def _tree_source(tree: _Tree) -> str:
    """The words at one level of the tree, each followed by what may come after it; words
    that can go on are tried first, so that the longest name wins."""
    ranked = sorted(tree.items(), key=lambda item: (set(item[1]) != {_END}, item[0]), reverse=True)
    branches = [word + _continuation(rest) for word, rest in ranked if word != _END]
    return "(?:" + "|".join(branches) + ")"


def _continuation(rest: _Tree) -> str:
    if set(rest) == {_END}:
        return ""
    source = rf"\s+{_tree_source(rest)}"
    return f"(?:{source})?" if _END in rest else source


def _name_words(name: str) -> list[str]:
    """A name as word patterns: no leading "the", "U.S."/"US"/"United States", optional
    apostrophes, hyphen or space, and a plural or singular last word."""
    words = name.split()
    if words[0].casefold() == "the":
        words = words[1:]
    parts = [_word_source(word) for word in words]
    last = words[-1]
    if last.isalpha():
        parts[-1] = re.escape(last.removesuffix("s")) + "s?"
    return parts


def _word_source(word: str) -> str:
    pieces = []
    for piece in re.split(r"[-‐–](?=\w)", word):
        if piece.casefold() in ("u.s.", "u.s", "us"):
            pieces.append(r"(?:U\.S\.?|US|United\s+States)")
        else:
            pieces.append("".join("['’‘]?" if c in "'’‘" else re.escape(c) for c in piece))
    return r"[-‐–\s]".join(pieces)
