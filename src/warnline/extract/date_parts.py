"""Parts of a year or month: "early 2024", "mid-March", "late last year", "the end of this
year", "the start of 1403", "the first half of 2023", "the third quarter of 2022", "the second
day of the solar year 1403".

Conventions (the precision is the next unit down from the whole):
- a year (Gregorian or Solar Hijri, in its own months): early = months 1-4, mid = 5-8,
  late = 9-12, start/beginning = month 1, end = month 12, halves = months 1-6 / 7-12, all with
  precision month; quarters have precision quarter;
- a month: early/start = days 1-10, mid = 11-20, late/end = 21 to the last day, halves =
  1-15 / 16-last, all with precision week;
- "the Nth week of" is days 7N-6 to 7N of the whole (precision week), "the last week" its last
  seven days; "the Nth day of" is one day; "the Nth month of" a year is that month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from warnline.extract.date_absolute import ABSOLUTE_RULES, MONTH_ALONE, MONTH_YEAR, YEAR_ALONE
from warnline.extract.date_calendar import Bounds, month_bounds, year_bounds
from warnline.extract.date_lexicon import ORDINAL, ordinal_number
from warnline.extract.date_relative import THIS_PERIOD
from warnline.extract.date_rule import (
    Basis,
    Context,
    Precision,
    Resolution,
    Rule,
    embeddable,
    group,
    make_rule,
)
from warnline.extract.date_solar import (
    SOLAR_YEAR_BARE,
    SOLAR_YEAR_NAMED,
    SOLAR_YEAR_RULES,
    SOLAR_YEAR_SUFFIXED,
    solar_month_bounds,
    solar_year_of,
)

_THE_WHOLE = r"\bthe\s+(?P<the>year|month)\b"
_RELATIVE_WHOLE = re.compile(rf"{_THE_WHOLE}|{THIS_PERIOD}", re.IGNORECASE)
_STEPS: dict[str, int] = {
    "this": 0, "the current": 0, "last": -1, "next": 1, "the next": 1,
}  # fmt: skip
_PERIOD_RULES: tuple[Rule, ...] = (
    *SOLAR_YEAR_RULES,
    *(rule for rule in ABSOLUTE_RULES if rule.name in ("month_year", "year", "month")),
)
PERIOD = (
    "(?:"
    + "|".join(
        embeddable(source)
        for source in (
            SOLAR_YEAR_NAMED,
            SOLAR_YEAR_SUFFIXED,
            MONTH_YEAR,
            THIS_PERIOD,
            _THE_WHOLE,
            YEAR_ALONE,
            SOLAR_YEAR_BARE,
            MONTH_ALONE,
        )
    )
    + ")"
)
_ORDINAL_PART = rf"(?P<nth>{ORDINAL})\s+(?P<piece>half|quarter|week|day|month)\s+of"
PART = (
    rf"(?:\bthe\s+)?(?P<part>\bearly|\bmid|\blate|\bmiddle\s+of|\bstart\s+of|\bbeginning\s+of|"
    rf"\bend\s+of|\bclose\s+of|\blatter\s+half\s+of|{_ORDINAL_PART})(?:\s+in|\s*-)?\s*"
    rf"(?P<period>{PERIOD})"
)
_YEAR_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "mid": (5, 8), "middle of": (5, 8), "late": (9, 12), "start of": (1, 1),
    "beginning of": (1, 1), "end of": (12, 12), "close of": (12, 12),
    "latter half of": (7, 12),
}  # fmt: skip
_MONTH_PARTS: dict[str, tuple[int, int]] = {
    "early": (1, 10), "start of": (1, 10), "beginning of": (1, 10), "mid": (11, 20),
    "middle of": (11, 20), "late": (21, 31), "end of": (21, 31), "close of": (21, 31),
    "latter half of": (16, 31),
}  # fmt: skip


@dataclass(frozen=True)
class Whole:
    """The year or month a part is taken from: its bounds (None until a publication date gives
    them), and for a year the bounds of each of its months."""

    bounds: Bounds | None
    unit: str  # "year" or "month"
    basis: Basis
    month: Callable[[int], Bounds] | None = None


def _whole(text: str, start: int, end: int, ctx: Context) -> Whole | None:
    relative = _RELATIVE_WHOLE.fullmatch(text, start, end)
    if relative:
        unit = (relative["the"] or relative["unit"]).casefold()
        step = 0 if relative["the"] else _STEPS.get(" ".join(relative["rel"].casefold().split()))
        if step is None or unit not in ("year", "month"):
            return None
        return _relative_whole(unit, step, ctx)
    for rule in _PERIOD_RULES:
        match = rule.pattern.fullmatch(text, start, end)
        resolved = rule.handler(match, ctx) if match else None
        if resolved is not None:
            return _whole_of(rule, resolved)
    return None


def _relative_whole(unit: str, step: int, ctx: Context) -> Whole:
    if ctx.published is None:
        return Whole(None, unit, "relative")
    year, month = ctx.published.year, ctx.published.month
    if unit == "year":
        return Whole(year_bounds(year + step), "year", "relative", _months_of(year + step))
    index = year * 12 + month - 1 + step
    return Whole(month_bounds(index // 12, index % 12 + 1), "month", "relative")


def _months_of(year: int) -> Callable[[int], Bounds]:
    return lambda month: month_bounds(year, month)


def _whole_of(rule: Rule, resolved: Resolution) -> Whole:
    basis = resolved.basis or "absolute"
    unit = "month" if resolved.precision == "month" else "year"
    if resolved.start is None or resolved.end is None:
        return Whole(None, unit, basis)
    bounds = (resolved.start, resolved.end)
    if rule.name.startswith("solar"):
        solar_year = solar_year_of(resolved.start)
        return Whole(bounds, "year", basis, lambda m: solar_month_bounds(solar_year, m))
    if unit == "year":
        return Whole(bounds, "year", basis, _months_of(resolved.start.year))
    return Whole(bounds, "month", basis)


def _part(match: re.Match[str], ctx: Context) -> Resolution | None:
    whole = _whole(match.string, match.start("period"), match.end("period"), ctx)
    if whole is None:
        return None
    piece, nth = group(match, "piece"), group(match, "nth")
    if whole.bounds is None:
        return Resolution.pending(_pending_precision(piece, whole.unit), whole.basis)
    if piece is not None and nth is not None:
        found = _nth_piece(whole, whole.bounds, piece.casefold(), ordinal_number(nth))
    else:
        found = _named_part(whole, whole.bounds, " ".join(match["part"].casefold().split()))
    if found is None:
        return None
    return Resolution.of(found[0], found[1], whole.basis)


def _pending_precision(piece: str | None, unit: str) -> Precision:
    if piece in ("day", "week"):
        return "day" if piece == "day" else "week"
    return "month" if unit == "year" else "week"


def _named_part(whole: Whole, bounds: Bounds, part: str) -> tuple[Bounds, Precision] | None:
    if whole.month is not None:
        first, last = _YEAR_PARTS[part]
        return (whole.month(first)[0], whole.month(last)[1]), "month"
    first, last = _MONTH_PARTS[part]
    start, end = bounds
    return (start.replace(day=first), min(end, start.replace(day=min(last, end.day)))), "week"


def _nth_piece(
    whole: Whole, bounds: Bounds, piece: str, nth: int
) -> tuple[Bounds, Precision] | None:
    start, end = bounds
    if piece in ("half", "quarter", "month"):
        return _months_piece(whole, bounds, piece, nth)
    size = 1 if piece == "day" else 7
    if nth == -1:
        first = end - dt.timedelta(days=size - 1)
    else:
        first = start + dt.timedelta(days=size * (nth - 1))
    last = min(end, first + dt.timedelta(days=size - 1))
    if first > end or first < start:
        return None
    return (first, last), "day" if piece == "day" else "week"


def _months_piece(
    whole: Whole, bounds: Bounds, piece: str, nth: int
) -> tuple[Bounds, Precision] | None:
    if whole.month is None:
        if piece != "half" or nth not in (1, 2, -1):
            return None
        start, end = bounds
        return (
            (start, start.replace(day=15)) if nth == 1 else (start.replace(day=16), end)
        ), "week"
    size = {"half": 6, "quarter": 3, "month": 1}[piece]
    count = 12 // size
    index = count if nth == -1 else nth
    if not 1 <= index <= count:
        return None
    first, last = size * (index - 1) + 1, size * index
    precision: Precision = "quarter" if piece == "quarter" else "month"
    return (whole.month(first)[0], whole.month(last)[1]), precision


_STARTS_PART = (
    r"(?=[\dtemlsbcfn])(?=\d|the\s|early|mid|late|start|beginning|end|close|latter|first|"
    r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final)"
)
PART_RULES: tuple[Rule, ...] = (make_rule("part", PART, _part, guard=_STARTS_PART),)
