"""Ranges between two dates: "between March 21, 2023 and March 18, 2024", "from January to
March 2024", "2019–2021", "2019–21", "March 2–4, 2024", "2–4 March".

"Since 2017", "since November" and "since November 2022" open a period: from its start to
publication (precision range, basis relative; the end stays None without a publication date).
Before "when" the date is an earlier event's and stays alone ("the deadliest attack since
October 2017, when a truck bomb …").

The first end borrows what it leaves out from the second ("January" takes 2024 from "March
2024", "2" takes March from "4 March"). A range is one mention with basis "range"; its
precision is that of its ends (day, month or year), or "range" when the ends differ.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from warnline.extract.date_absolute import (
    DAY_MONTH,
    DAY_MONTH_YEAR,
    DECADE,
    ISO_DATE,
    MONTH_ALONE,
    MONTH_DAY,
    MONTH_DAY_YEAR,
    MONTH_YEAR,
    NOT_A_COUNT,
    YEAR_ALONE,
    resolve_decade,
)
from warnline.extract.date_calendar import (
    Bounds,
    month_bounds,
    nearest_past_day,
    nearest_past_month,
    valid_date,
    year_bounds,
)
from warnline.extract.date_lexicon import (
    DASH,
    DAY,
    MONTH,
    STARTS_WRITTEN,
    YEAR,
    day_number,
    month_number,
)
from warnline.extract.date_rule import (
    Context,
    Precision,
    Resolution,
    Rule,
    embeddable,
    group,
    make_rule,
)

_ENDPOINTS = tuple(
    re.compile(source, re.IGNORECASE)
    for source in (
        ISO_DATE,
        DAY_MONTH_YEAR,
        MONTH_DAY_YEAR,
        MONTH_YEAR,
        DAY_MONTH,
        MONTH_DAY,
        MONTH_ALONE,
        YEAR_ALONE,
    )
)
ENDPOINT = "(?:" + "|".join(embeddable(p.pattern) for p in _ENDPOINTS) + ")"
_TO = rf"(?:{DASH}|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)"
_DAY_TO = rf"(?:{DASH}|\bto\b|\buntil\b|\bthrough\b|\band\b)"
_OPENING = r"(?:\bbetween\s+|\bfrom\s+)?"
_STARTS_RANGE = r"(?=\d|(?-i:[A-Z])|[bf](?:etween|rom)\s)"

# "between 1500 and 2000 fighters" counts fighters.
BETWEEN = rf"\bbetween\s+(?P<a>{ENDPOINT})\s+and\s+(?P<b>{ENDPOINT}){NOT_A_COUNT}"
FROM_TO = rf"\bfrom\s+(?P<a>{ENDPOINT})\s*{_TO}\s*(?P<b>{ENDPOINT}){NOT_A_COUNT}"
SPAN = rf"(?P<a>{ENDPOINT})\s*(?:{DASH}|\bto\b|\bthrough\b)\s*(?P<b>{ENDPOINT}){NOT_A_COUNT}"
MONTH_DAYS = (
    rf"{_OPENING}(?P<month>{MONTH})\s+(?P<d1>{DAY})\s*{_DAY_TO}\s*(?P<d2>{DAY})"
    rf"(?:,?\s+(?P<year>{YEAR}))?"
)
DAYS_MONTH = (
    rf"{_OPENING}(?P<d1>{DAY})\s*{_DAY_TO}\s*(?P<d2>{DAY})(?:\s+of)?\s+(?P<month>{MONTH})"
    rf"(?:,?\s+(?P<year>{YEAR}))?"
)
SINCE = rf"\b(?:ever\s+)?since\s+(?:(?P<decade>{embeddable(DECADE)})|(?P<a>{ENDPOINT}))"
_DECADE = re.compile(DECADE, re.IGNORECASE)
_WHEN_NEXT = re.compile(r",?\s+when\b", re.IGNORECASE)
SHORT_YEARS = rf"{_OPENING}(?P<y1>{YEAR})\s*{DASH}\s*(?P<y2>\d\d)\b(?!{DASH}\d)"


@dataclass(frozen=True)
class Partial:
    """An end of a range as written: any of year, month and day may be missing."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> Precision:
        """The finest part written: day, month or year."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def bounds(self) -> Bounds | None:
        """First and last day, once the year is known; None for an impossible date."""
        if self.year is None:
            return None
        if self.month is None:
            return year_bounds(self.year)
        if self.day is None:
            return month_bounds(self.year, self.month)
        day = valid_date(self.year, self.month, self.day)
        return None if day is None else (day, day)


def parse_endpoint(text: str) -> Partial | None:
    """The parts of one end of a range ("March 21, 2023", "January", "2019")."""
    for pattern in _ENDPOINTS:
        match = pattern.fullmatch(text.strip())
        if match:
            year, month, day = (group(match, name) for name in ("year", "month", "day"))
            return Partial(
                year=int(year) if year else None,
                month=(int(month) if month.isdigit() else month_number(month)) if month else None,
                day=day_number(day) if day else None,
            )
    return None


def resolve_range(first: Partial, second: Partial, ctx: Context) -> Resolution | None:
    """One range from its two ends, filling what the first leaves out from the second."""
    if first.month is None and first.day is not None:
        first = dataclasses.replace(first, month=second.month)
    if second.year is None and first.year is not None:
        second = dataclasses.replace(second, year=first.year)
    elif second.year is None:
        if ctx.published is None:
            return Resolution.pending(_precision(first, second), "range")
        second = dataclasses.replace(second, year=_year_from_publication(second, ctx.published))
    borrowed = first.year is None
    first = dataclasses.replace(first, year=first.year or second.year)
    return _ordered(first, second, borrowed)


def _ordered(first: Partial, second: Partial, borrowed: bool) -> Resolution | None:
    start, end = first.bounds(), second.bounds()
    if start is None or end is None or first.year is None or second.year is None:
        return None
    if start[0] > end[1] and borrowed:  # "from December to February 2024"
        start = dataclasses.replace(first, year=first.year - 1).bounds()
    elif start[0] > end[1]:  # "from March 2023 to February": the second end is the next year
        end = dataclasses.replace(second, year=second.year + 1).bounds()
    if start is None or end is None or start[0] > end[1] or start == end:
        return None
    return Resolution(start[0], end[1], _precision(first, second), "range")


def _year_from_publication(end: Partial, published: dt.date) -> int:
    if end.month is None:
        return published.year
    if end.day is None:
        return nearest_past_month(end.month, published)
    found = nearest_past_day(end.month, end.day, published, 0)
    return found.year if found else published.year


def _precision(first: Partial, second: Partial) -> Precision:
    return first.precision if first.precision == second.precision else "range"


def _two_ends(match: re.Match[str], ctx: Context) -> Resolution | None:
    first, second = parse_endpoint(match["a"]), parse_endpoint(match["b"])
    if first is None or second is None:
        return None
    return resolve_range(first, second, ctx)


def _since(match: re.Match[str], ctx: Context) -> Resolution | None:
    if _WHEN_NEXT.match(match.string, match.end()):
        return None
    if match["decade"]:
        decade = _DECADE.fullmatch(match["decade"])
        start = resolve_decade(decade, ctx).start if decade else None
        return None if start is None else Resolution(start, ctx.published, "range", "relative")
    first = parse_endpoint(match["a"])
    if first is None:
        return None
    if first.year is None and ctx.published is None:
        return Resolution.pending("range")
    if first.year is None and ctx.published is not None:
        first = dataclasses.replace(first, year=_year_from_publication(first, ctx.published))
    bounds = first.bounds()
    if bounds is None or (ctx.published is not None and bounds[0] > ctx.published):
        return None
    return Resolution(bounds[0], ctx.published, "range", "relative")


def _days_of_month(match: re.Match[str], ctx: Context) -> Resolution | None:
    month = month_number(match["month"])
    year = int(match["year"]) if match["year"] else None
    first = Partial(year, month, day_number(match["d1"]))
    second = Partial(year, month, day_number(match["d2"]))
    if first.day is not None and second.day is not None and first.day >= second.day:
        return None
    return resolve_range(first, second, ctx)


def _short_years(match: re.Match[str], ctx: Context) -> Resolution | None:
    del ctx
    first = int(match["y1"])
    second = first - first % 100 + int(match["y2"])
    if second <= first:
        return None
    return Resolution(year_bounds(first)[0], year_bounds(second)[1], "year", "range")


RANGE_RULES: tuple[Rule, ...] = (
    make_rule("between", BETWEEN, _two_ends, guard=r"(?=between\s)", needs=("between",)),
    make_rule("from_to", FROM_TO, _two_ends, guard=r"(?=from\s)", needs=("from",)),
    make_rule("month_days", MONTH_DAYS, _days_of_month, guard=_STARTS_RANGE),
    make_rule("days_month", DAYS_MONTH, _days_of_month, guard=_STARTS_RANGE),
    make_rule("short_years", SHORT_YEARS, _short_years, guard=_STARTS_RANGE),
    make_rule("since", SINCE, _since, guard=r"(?=since\s|ever\s)", needs=("since",)),
    make_rule("span", SPAN, _two_ends, guard=STARTS_WRITTEN),
)
"""Tried in this order on a candidate; the first that resolves it wins."""
