"""Dates relative to publication: today, weekdays, this/last/next week, N days ago, recent
months, earlier this year. Without a publication date they resolve to no days (basis
"relative", the precision still given)."""

from __future__ import annotations

import datetime as dt
import re

from warnline.extract.date_absolute import season_bounds
from warnline.extract.date_calendar import (
    Bounds,
    month_bounds,
    moved_bounds,
    nearest_past_month,
    shift,
    unit_bounds,
    valid_date,
    week_bounds,
    weekday_after,
    weekday_on_or_before,
)
from warnline.extract.date_lexicon import (
    COUNT,
    DAY,
    MONTH,
    UNIT,
    WEEKDAY,
    count_range,
    day_number,
    month_number,
    unit_name,
    weekday_number,
)
from warnline.extract.date_rule import Context, Precision, Resolution, Rule, make_rule

_DAY_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1, "day before yesterday": -2,
    "day after tomorrow": 2,
}  # fmt: skip
# "recent months": how far back the vague window reaches, and how precise it is.
RECENT_WINDOWS: dict[str, tuple[int, str, Precision]] = {
    "day": (7, "day", "week"),
    "week": (4, "week", "week"),
    "month": (3, "month", "month"),
    "year": (3, "year", "year"),
}
_PRECISION_OF_UNIT: dict[str, Precision] = {
    "day": "day", "week": "week", "fortnight": "week", "month": "month", "year": "year",
    "decade": "year",
}  # fmt: skip

TODAY = (
    r"\b(?P<word>(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow|today|"
    r"tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b"
)
WEEKDAY_NAMED = (
    rf"(?:\b(?P<rel>last|this\s+past|past|this\s+coming|coming|this|next)\s+)?"
    rf"(?P<weekday>{WEEKDAY})"
)
THIS_PERIOD = (
    r"\b(?P<rel>this|last|next|the\s+(?:past|last|current|coming|next))\s+"
    r"(?P<unit>week|month|year|decade)\b"
)
PAST_COUNT = (
    rf"\b(?:the\s+)?(?P<rel>past|last|previous|next|coming)\s+(?P<count>{COUNT})\s+"
    rf"(?P<unit>{UNIT})\b"
)
RECENT = (
    r"\b(?:the\s+)?(?:(?:most\s+)?(?P<recent>recent)|coming|next\s+few)\s+"
    r"(?P<unit>days|weeks|months|years)\b"
)
AGO = rf"\b(?P<count>{COUNT})\s+(?P<unit>{UNIT})\s+ago\b"
EARLIER_LATER = r"\b(?P<when>earlier|later)\s+(?:this|in\s+the)\s+(?P<unit>week|month|year)\b"
MONTH_NAMED = rf"\b(?P<rel>last|this\s+past|this\s+coming|this|next)\s+(?P<month>{MONTH})(?!\s*\d)"
MONTH_OF_YEAR = (
    rf"(?:(?P<day>{DAY})\s+(?:of\s+)?)?(?P<month>{MONTH})(?:\s+(?P<day2>{DAY}))?,?\s+(?:of\s+)?"
    r"(?P<rel>last|this|next)\s+year\b"
)
_DAYPART = r"(?:\s+(?:night|morning|evening|afternoon))?"
WEEKDAY_SPAN = (
    rf"\b(?:between\s+(?P<w1>{WEEKDAY}){_DAYPART}\s+and|from\s+(?P<f1>{WEEKDAY}){_DAYPART}\s+"
    rf"(?:to|until|till|through|into))\s+(?P<w2>{WEEKDAY}){_DAYPART}"
)
WEEKEND = r"\b(?:the|this|last|this\s+past)\s+weekend\b"
# Words one of which every match of a form holds (`Rule.needs`).
_TODAY_WORDS = ("today", "tonight", "yesterday", "tomorrow", "night", "this")
_PAST_COUNT_WORDS = ("past", "last", "previous", "next", "coming")
_NAMED_WORDS = ("last", "this", "next")
_SEASON_WORDS = ("spring", "summer", "autumn", "fall", "winter")
SEASON_NAMED = (
    r"\b(?P<rel>last|this\s+past|this|next|this\s+coming)\s+(?P<season>spring|summer|autumn|"
    r"fall|winter)\b"
)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _today(match: re.Match[str], ctx: Context) -> Resolution:
    if ctx.published is None:
        return Resolution.pending("day")
    day = ctx.published + dt.timedelta(days=_DAY_OFFSETS[_key(match["word"]).removeprefix("the ")])
    return Resolution.of((day, day), "day", "relative")


def _weekday(match: re.Match[str], ctx: Context) -> Resolution:
    if ctx.published is None:
        return Resolution.pending("day")
    weekday = weekday_number(match["weekday"])
    rel = _key(match["rel"] or "")
    if rel in ("next", "coming", "this coming"):
        day = weekday_after(ctx.published, weekday)
    elif rel == "this":
        day = week_bounds(ctx.published)[0] + dt.timedelta(days=weekday)
    else:
        day = weekday_on_or_before(ctx.published, weekday, strictly=rel == "last")
    return Resolution.of((day, day), "day", "relative")


def _this_period(match: re.Match[str], ctx: Context) -> Resolution:
    unit = match["unit"].casefold()
    precision = "decade" if unit == "decade" else _PRECISION_OF_UNIT[unit]
    if ctx.published is None:
        return Resolution.pending(precision)
    published, rel = ctx.published, _key(match["rel"])
    if rel in ("the past", "the last"):
        bounds: Bounds = (shift(published, -1, unit), published)
    elif rel == "the coming":
        bounds = (published, shift(published, 1, unit))
    else:
        step = {"last": -1, "next": 1, "the next": 1}.get(rel, 0)
        bounds = unit_bounds(shift(published, step, unit), unit)
    return Resolution.of(bounds, precision, "relative")


def _past_count(match: re.Match[str], ctx: Context) -> Resolution:
    unit = unit_name(match["unit"])
    precision = _PRECISION_OF_UNIT[unit]
    if ctx.published is None:
        return Resolution.pending(precision)
    most = count_range(match["count"])[1]
    published = ctx.published
    if _key(match["rel"]) in ("next", "coming"):
        return Resolution.of((published, shift(published, most, unit)), precision, "relative")
    return Resolution.of((shift(published, -most, unit), published), precision, "relative")


def _recent(match: re.Match[str], ctx: Context) -> Resolution:
    count, unit, precision = RECENT_WINDOWS[unit_name(match["unit"])]
    if ctx.published is None:
        return Resolution.pending(precision)
    if match["recent"] is None:  # "the coming weeks": the same window ahead
        return Resolution.of(
            (ctx.published, shift(ctx.published, count, unit)), precision, "relative"
        )
    return Resolution.of((shift(ctx.published, -count, unit), ctx.published), precision, "relative")


def _ago(match: re.Match[str], ctx: Context) -> Resolution:
    unit = unit_name(match["unit"])
    precision = _PRECISION_OF_UNIT[unit]
    if ctx.published is None:
        return Resolution.pending(precision)
    fewest, most = count_range(match["count"])
    bounds, precision = moved_bounds(ctx.published, [-most, -fewest], unit)
    return Resolution.of(bounds, precision, "relative")


def _earlier_later(match: re.Match[str], ctx: Context) -> Resolution:
    unit = match["unit"].casefold()
    precision = _PRECISION_OF_UNIT[unit]
    if ctx.published is None:
        return Resolution.pending(precision)
    first, last = unit_bounds(ctx.published, unit)
    if match["when"].casefold() == "earlier":
        return Resolution.of((first, ctx.published), precision, "relative")
    return Resolution.of((ctx.published, last), precision, "relative")


def _month_named(match: re.Match[str], ctx: Context) -> Resolution:
    if ctx.published is None:
        return Resolution.pending("month")
    month, rel, published = month_number(match["month"]), _key(match["rel"]), ctx.published
    if rel == "this":
        year = published.year
    elif rel in ("next", "this coming"):
        year = published.year if month > published.month else published.year + 1
    else:  # the latest such month before the current one
        year = nearest_past_month(month, published)
        if month == published.month:
            year -= 1
    return Resolution.of(month_bounds(year, month), "month", "relative")


def _month_of_year(match: re.Match[str], ctx: Context) -> Resolution | None:
    day_text = match["day"] or match["day2"]
    precision: Precision = "day" if day_text else "month"
    if ctx.published is None:
        return Resolution.pending(precision)
    year = ctx.published.year + {"last": -1, "this": 0, "next": 1}[match["rel"].casefold()]
    month = month_number(match["month"])
    if day_text is None:
        return Resolution.of(month_bounds(year, month), "month", "relative")
    day = valid_date(year, month, day_number(day_text))
    return None if day is None else Resolution.of((day, day), "day", "relative")


def _weekday_span(match: re.Match[str], ctx: Context) -> Resolution | None:
    first, last = weekday_number(match["w1"] or match["f1"]), weekday_number(match["w2"])
    if first == last:
        return None
    if ctx.published is None:
        return Resolution.pending("day", "range")
    end = weekday_on_or_before(ctx.published, last)
    return Resolution(end - dt.timedelta(days=(last - first) % 7), end, "day", "range")


def _weekend(match: re.Match[str], ctx: Context) -> Resolution:
    del match
    if ctx.published is None:
        return Resolution.pending("range")
    saturday = weekday_on_or_before(ctx.published, 5)
    return Resolution.of((saturday, saturday + dt.timedelta(days=1)), "range", "relative")


def _season_named(match: re.Match[str], ctx: Context) -> Resolution:
    if ctx.published is None:
        return Resolution.pending("season")
    season, rel, published = match["season"].casefold(), _key(match["rel"]), ctx.published
    occurrences = [
        season_bounds(season, year) for year in range(published.year - 2, published.year + 2)
    ]
    if rel in ("next", "this coming"):
        bounds = next(b for b in occurrences if b[0] > published)
    elif rel == "this":
        bounds = next((b for b in occurrences if b[0] <= published <= b[1]), None) or (
            season_bounds(season, published.year)
        )
    else:
        bounds = [b for b in occurrences if b[1] < published][-1]
    return Resolution.of(bounds, "season", "relative")


RELATIVE_RULES: tuple[Rule, ...] = (
    make_rule("today", TODAY, _today, needs=_TODAY_WORDS),
    make_rule("past_count", PAST_COUNT, _past_count, needs=_PAST_COUNT_WORDS),
    make_rule("ago", AGO, _ago, needs=("ago",)),
    make_rule("earlier_later", EARLIER_LATER, _earlier_later, needs=("earlier", "later")),
    make_rule("this_period", THIS_PERIOD, _this_period),
    make_rule("recent", RECENT, _recent, needs=("recent", "coming", "next")),
    make_rule("month_of_year", MONTH_OF_YEAR, _month_of_year, guard=r"(?=\d|(?-i:[A-Z]))"),
    make_rule("month_named", MONTH_NAMED, _month_named, needs=_NAMED_WORDS),
    make_rule("season_named", SEASON_NAMED, _season_named, needs=_SEASON_WORDS),
    make_rule("weekend", WEEKEND, _weekend, needs=("weekend",)),
    make_rule(
        "weekday_span",
        WEEKDAY_SPAN,
        _weekday_span,
        guard=r"(?=between\s|from\s)",
        needs=("between", "from"),
    ),
    make_rule(
        "weekday", WEEKDAY_NAMED, _weekday, guard=r"(?=last|this|past|coming|next|(?-i:[A-Z]))"
    ),
)
"""Tried in this order on a candidate; the first that resolves it wins."""
