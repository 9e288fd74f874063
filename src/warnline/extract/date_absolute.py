"""Gregorian dates written out: days, months, years, decades, seasons and quarters.

A date missing its year ("12 May", "in October") takes it from the publication date: the
latest such day or month on or before publication. When the sentence speaks of the future
before the date ("will", "due", "scheduled", "was to"), a day up to `GRACE_DAYS` after
publication stays in the coming days ("before Mali was to mark its independence day on 22
September"). Those need a publication date, so their basis is "relative".
"""

from __future__ import annotations

import datetime as dt
import re

from warnline.extract.date_calendar import (
    add_months,
    decade_bounds,
    month_bounds,
    nearest_past_day,
    nearest_past_month,
    valid_date,
    year_bounds,
)
from warnline.extract.date_lexicon import (
    AFTER_YEAR,
    DAY,
    MONTH,
    MONTH_NAME,
    STARTS_CAPITAL,
    STARTS_NUMBER,
    STARTS_WRITTEN,
    WEEKDAY_OR_ABBREVIATION,
    YEAR,
    day_number,
    month_number,
    weekday_number,
)
from warnline.extract.date_rule import Context, Resolution, Rule, group, make_rule

GRACE_DAYS = 14
_FUTURE_CUE = re.compile(
    r"\b(?:will|would|shall|due|scheduled|planned|plans?|expected|upcoming|ahead\s+of|"
    r"(?:was|were|is|are)\s+to)\b[^.;!?]*\Z|\b(?:until|till|by|before)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_FUTURE_NOUN = re.compile(r"\s+deadline\b", re.IGNORECASE)
_FUTURE_REACH = 150
_WEEKDAY_PREFIX = rf"(?:(?P<weekday>{WEEKDAY_OR_ABBREVIATION}),?\s+)?"
# A bare month or year is a date in running text only after words like these ("in March").
_LEAD_WORDS = ("in", "since", "until", "till", "during", "from", "through", "before", "after")
_AFTER_LEAD = "(?:" + "|".join(rf"(?<=\b{word}\s)" for word in (*_LEAD_WORDS, "by")) + ")"
# "in 2000 villages" counts things, it does not date them.
NOT_A_COUNT = (
    r"(?!\s*(?:%|per\s*cent\b|percent\b)|\s+(?:people|persons|fighters|soldiers|troops|"
    r"civilians|militants|members|men|women|children|families|refugees|households|villages|"
    r"homes|houses|km|kilomet(?:re|er)s|miles|met(?:re|er)s|feet|tonnes|tons|dollars|euros|"
    r"rounds|deaths|casualties|cases|times)\b)"
)

DAY_MONTH_YEAR = (
    rf"{_WEEKDAY_PREFIX}(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<month>{MONTH}),?\s+"
    rf"(?P<year>{YEAR})"
)
MONTH_DAY_YEAR = (
    rf"{_WEEKDAY_PREFIX}(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY}),?\s+(?P<year>{YEAR})"
)
ISO_DATE = r"\b(?P<year>(?:1[5-9]|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"
DAY_MONTH = rf"{_WEEKDAY_PREFIX}(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<month>{MONTH})"
MONTH_DAY = rf"{_WEEKDAY_PREFIX}(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY})(?!\s*[:.]\d)"
MONTH_YEAR = rf"(?P<month>{MONTH})(?:\s+of)?,?\s+(?P<year>{YEAR})"
MONTH_ALONE = rf"(?P<month>{MONTH_NAME})"
YEAR_ALONE = rf"(?:\bthe\s+year\s+)?(?P<year>{YEAR})"
_DECADE_PART = r"(?:(?P<part>early|mid|late)[-\s]+)?"
DECADE = rf"(?:\bthe\s+)?{_DECADE_PART}(?P<decade>\b(?:1[5-9]|20)\d0)['’]?s\b"
SHORT_DECADE = rf"\bthe\s+{_DECADE_PART}['’‘]?(?P<short>\d0)['’]?s\b"
SEASON = (
    rf"(?:\bthe\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+(?P<year>{YEAR})"
)
EARLY_YEAR = r"\b1[0-4]\d\d\b"
QUARTER = rf"\bQ(?P<quarter>[1-4])(?:\s+of)?,?\s*(?P<year>{YEAR})"

# First month and length in months; winter YYYY is December YYYY to February YYYY+1.
SEASON_MONTHS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_DECADE_PARTS: dict[str, tuple[int, int]] = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def season_bounds(season: str, year: int) -> tuple[dt.date, dt.date]:
    """The three meteorological months of a season (northern hemisphere)."""
    first = dt.date(year, SEASON_MONTHS[season.casefold()], 1)
    last = add_months(first, 2)
    return first, month_bounds(last.year, last.month)[1]


def _day(match: re.Match[str], ctx: Context) -> Resolution | None:
    del ctx
    found = valid_date(int(match["year"]), _month(match["month"]), day_number(match["day"]))
    return None if found is None else Resolution.of((found, found), "day", "absolute")


def _partial_day(match: re.Match[str], ctx: Context) -> Resolution | None:
    month, day = _month(match["month"]), day_number(match["day"])
    if valid_date(2000, month, day) is None:  # 2000 is a leap year: only impossible days fail
        return None
    if ctx.published is None:
        return Resolution.pending("day")
    found = nearest_past_day(
        month, day, ctx.published, grace_days(match.string, match.start(), match.end())
    )
    weekday = group(match, "weekday")
    if found is not None and weekday is not None:
        found = _agreeing_year(found, weekday_number(weekday))
    return None if found is None else Resolution.of((found, found), "day", "relative")


def grace_days(text: str, start: int, end: int | None = None) -> int:
    """How many days after publication a date without a year may fall: `GRACE_DAYS` when its
    sentence speaks of the future before it ("will", "due", "until"), or it is a deadline,
    else none."""
    future = _FUTURE_CUE.search(text, max(0, start - _FUTURE_REACH), start)
    deadline = end is not None and _FUTURE_NOUN.match(text, end) is not None
    return GRACE_DAYS if future or deadline else 0


def _agreeing_year(found: dt.date, weekday: int) -> dt.date:
    """ "Sunday, 12 May": an earlier year where 12 May was a Sunday, if one is close."""
    for years_back in range(7):
        candidate = valid_date(found.year - years_back, found.month, found.day)
        if candidate is not None and candidate.weekday() == weekday:
            return candidate
    return found


def _month(text: str) -> int:
    return int(text) if text.isdigit() else month_number(text)


def _month_year(match: re.Match[str], ctx: Context) -> Resolution:
    del ctx
    return Resolution.of(
        month_bounds(int(match["year"]), _month(match["month"])), "month", "absolute"
    )


def _month_alone(match: re.Match[str], ctx: Context) -> Resolution:
    if ctx.published is None:
        return Resolution.pending("month")
    month = _month(match["month"])
    year = nearest_past_month(month, ctx.published)
    return Resolution.of(month_bounds(year, month), "month", "relative")


def _year(match: re.Match[str], ctx: Context) -> Resolution:
    del ctx
    return Resolution.of(year_bounds(int(match["year"])), "year", "absolute")


def _early_year(match: re.Match[str], ctx: Context) -> Resolution | None:
    """A year before 1500 that spaCy tagged as a date and no Solar Hijri reading took."""
    if not AFTER_YEAR.match(match.string, match.end()):
        return None
    return _year(match, ctx)


def resolve_decade(match: re.Match[str], ctx: Context) -> Resolution:
    """A decade or a part of one ("the 1990s", "the early 2000s", "the '90s")."""
    del ctx
    short = group(match, "short")
    if short is not None:
        first = (1900 if int(short) >= 30 else 2000) + int(short)
    else:
        first = int(match["decade"])
    part = group(match, "part")
    if part is None:
        return Resolution.of(decade_bounds(first), "decade", "absolute")
    low, high = _DECADE_PARTS[part.casefold()]
    return Resolution.of(
        (dt.date(first + low, 1, 1), dt.date(first + high, 12, 31)), "year", "absolute"
    )


def _season(match: re.Match[str], ctx: Context) -> Resolution:
    del ctx
    return Resolution.of(season_bounds(match["season"], int(match["year"])), "season", "absolute")


def _quarter(match: re.Match[str], ctx: Context) -> Resolution:
    del ctx
    first = dt.date(int(match["year"]), 3 * int(match["quarter"]) - 2, 1)
    last = add_months(first, 2)
    return Resolution.of((first, month_bounds(last.year, last.month)[1]), "quarter", "absolute")


ABSOLUTE_RULES: tuple[Rule, ...] = (
    make_rule("day_month_year", DAY_MONTH_YEAR, _day, guard=STARTS_WRITTEN),
    make_rule("month_day_year", MONTH_DAY_YEAR, _day, guard=STARTS_WRITTEN),
    make_rule("iso_date", ISO_DATE, _day, guard=r"(?=\d)"),
    make_rule("decade", DECADE, resolve_decade, guard=r"(?=\d|the\s|early|mid|late)"),
    make_rule("short_decade", SHORT_DECADE, resolve_decade, guard=r"(?=the\s)"),
    make_rule(
        "season",
        SEASON,
        _season,
        guard=r"(?=the\s|spring|summer|autumn|fall|winter)",
        needs=tuple(SEASON_MONTHS),
    ),
    make_rule("quarter", QUARTER, _quarter, guard=r"(?=q)"),
    make_rule("month_year", MONTH_YEAR, _month_year, guard=STARTS_CAPITAL),
    make_rule("day_month", DAY_MONTH, _partial_day, guard=STARTS_WRITTEN),
    make_rule("month_day", MONTH_DAY, _partial_day, guard=STARTS_WRITTEN),
    make_rule(
        "month",
        MONTH_ALONE,
        _month_alone,
        finder=rf"{_AFTER_LEAD}{MONTH_ALONE}(?!\s*,?\s*\d)",
        guard=STARTS_CAPITAL,
    ),
    make_rule(
        "year",
        YEAR_ALONE,
        _year,
        finder=rf"(?:\bthe\s+year\s+|{_AFTER_LEAD}){YEAR_ALONE}{NOT_A_COUNT}",
        guard=STARTS_NUMBER,
    ),
)
"""Tried in this order on a candidate; the first that resolves it wins."""

EARLY_YEAR_RULES: tuple[Rule, ...] = (
    make_rule("early_year", rf"(?P<year>{EARLY_YEAR})", _early_year, scan=False),
)
"""Years 1000-1499, for spaCy's DATE entities only, after the Solar Hijri rules: in a report
about Afghanistan "1402" is a solar year, elsewhere the Gregorian one."""
