"""Solar Hijri dates (the calendar of Afghanistan and Iran), converted with jdatetime.

Solar year 1402 ran from 2023-03-21 to 2024-03-19. Named forms are always Solar Hijri: "the
solar year 1402", "the Afghan year 1402", "1402 SH", "1403 (solar)", "1 Hamal 1403",
"Farvardin 1403". A bare number
1300-1450 is a Solar Hijri year only in a calendar context, to stay clear of counts:

- a calendar cue close by ("solar", "Shamsi", "Hijri", "SH", "Jalali", "Afghan calendar",
  "Nowruz", a Solar Hijri month name) and no lunar cue ("lunar", "AH"); "Hijri" alone also fits
  the lunar calendar, so then the year must not lie in the future under the solar reading;
- or a report about Afghanistan or Iran with the number where a year goes ("in 1403", "the
  start of 1403", "since 1401") and not before a noun it would count ("in 1400 villages").
"""

from __future__ import annotations

import datetime as dt
import re

import jdatetime  # type: ignore[import-untyped]

from warnline.extract.date_absolute import grace_days
from warnline.extract.date_calendar import ONE_DAY, Bounds
from warnline.extract.date_lexicon import (
    AFTER_YEAR,
    DAY,
    SOLAR_MONTH,
    SOLAR_MONTHS,
    SOLAR_YEAR,
    STARTS_CAPITAL,
    STARTS_NUMBER,
    STARTS_WRITTEN,
    day_number,
)
from warnline.extract.date_rule import Context, Resolution, Rule, make_rule

FIRST_YEAR, LAST_YEAR = 1300, 1450
_GREGORIAN_OFFSET = 621  # solar year + 621 is the Gregorian year it starts in
_DISTINCT_MONTHS = (
    "Hamal|Sawr|Saur|Jawza|Jauza|Saratan|Sunbula|Sonbola|Mizan|Aqrab|Qaws|Jadi|Dalw|"
    "Farvardin|Ordibehesht|Khordad|Shahrivar|Mordad|Bahman|Esfand"
)
_SOLAR_CUE = re.compile(
    rf"\b(?:solar|shamsi|jalali|nowruz|nawruz|navruz|(?:afghan|persian|iranian)\s+calendar|"
    rf"(?-i:SH|S\.H\.))(?!\w)|\b(?-i:{_DISTINCT_MONTHS})\b",
    re.IGNORECASE,
)
_HIJRI_CUE = re.compile(r"\bhijri\b", re.IGNORECASE)
_LUNAR_CUE = re.compile(r"\b(?:lunar|qamari|(?-i:AH|A\.H\.))(?!\w)", re.IGNORECASE)
_SOLAR_COUNTRY = re.compile(
    r"\b(?:Afghanistan|Afghans?|Kabul|Kandahar|Herat|Mazar-i-Sharif|Jalalabad|Iran|Iranian|"
    r"Tehran|Dari)\b"
)
_YEAR_POSITION = re.compile(
    r"(?:\b(?:in|since|during|until|till|by|from|of|before|after|year|through|early|late)\s+|"
    r"\bmid-?\s*)\Z",
    re.IGNORECASE,
)
_CUE_WINDOW = 60
# Without a publication date, "Hijri" years up to 1420 (2041) read as solar: lunar years
# reached 1420 in 1999, and reports about the present give lunar years in the 1440s.
_UNDATED_LAST_YEAR = 1420

SOLAR_DAY_MONTH_YEAR = (
    rf"(?:\bthe\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<smonth>{SOLAR_MONTH}),?\s+(?P<year>{SOLAR_YEAR})"
)
SOLAR_MONTH_DAY_YEAR = rf"(?P<smonth>{SOLAR_MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{SOLAR_YEAR})"
SOLAR_DAY_MONTH = rf"(?:\bthe\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<smonth>{SOLAR_MONTH})"
SOLAR_MONTH_YEAR = rf"(?P<smonth>{SOLAR_MONTH}),?\s+(?P<year>{SOLAR_YEAR})"
_CALENDAR_NAME = r"(?:solar\s+Hijri|Hijri\s+Shamsi|Hijri\s+solar|solar|Shamsi|Jalali)"
# How SOLAR_MONTH writes the months, as `Rule.needs` (capitalised or in capitals).
_MONTH_FORMS = tuple(form for name in SOLAR_MONTHS for form in (name.capitalize(), name.upper()))
SOLAR_YEAR_NAMED = (
    rf"(?:\bthe\s+)?(?:(?:Afghan|Persian|Iranian)\s+(?:{_CALENDAR_NAME}\s+)?|{_CALENDAR_NAME}\s+)"
    rf"(?:calendar\s+)?year\s+(?:of\s+)?(?P<year>{SOLAR_YEAR})"
)
SOLAR_YEAR_SUFFIXED = (
    rf"(?P<year>{SOLAR_YEAR})(?:\s*\(\s*(?:solar(?:\s+Hijri)?|Hijri\s+Shamsi|Shamsi|"
    r"(?-i:SH|AP|S\.H\.))\s*\)|\s+(?-i:SH|AP|S\.H\.)(?!\w)|\s+(?:solar(?:\s+Hijri)?|Shamsi)\b"
    r"(?:\s+year\b)?)"
)
SOLAR_YEAR_BARE = rf"(?:\bthe\s+year\s+)?(?P<year>{SOLAR_YEAR})"


def solar_year_bounds(year: int) -> Bounds:
    """First and last Gregorian day of a Solar Hijri year (1402: 2023-03-21 to 2024-03-19)."""
    first: dt.date = jdatetime.date(year, 1, 1).togregorian()
    following: dt.date = jdatetime.date(year + 1, 1, 1).togregorian()
    return first, following - ONE_DAY


def solar_month_bounds(year: int, month: int) -> Bounds:
    """First and last Gregorian day of a Solar Hijri month."""
    first: dt.date = jdatetime.date(year, month, 1).togregorian()
    if month == 12:
        return first, solar_year_bounds(year)[1]
    following: dt.date = jdatetime.date(year, month + 1, 1).togregorian()
    return first, following - ONE_DAY


def solar_date(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Solar Hijri day, or None when there is no such day."""
    try:
        found: dt.date = jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None
    return found


def solar_year_of(day: dt.date) -> int:
    """The Solar Hijri year a Gregorian day falls in."""
    year: int = jdatetime.date.fromgregorian(date=day).year
    return year


def about_solar_country(text: str) -> bool:
    """True when a report names Afghanistan, Iran or their main cities."""
    return _SOLAR_COUNTRY.search(text) is not None


def _year(match: re.Match[str]) -> int | None:
    year = int(match["year"])
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _month(match: re.Match[str]) -> int:
    return SOLAR_MONTHS[match["smonth"].casefold()]


def _day(match: re.Match[str], ctx: Context) -> Resolution | None:
    del ctx
    year = _year(match)
    found = None if year is None else solar_date(year, _month(match), day_number(match["day"]))
    return None if found is None else Resolution.of((found, found), "day", "absolute")


def _partial_day(match: re.Match[str], ctx: Context) -> Resolution | None:
    month, day = _month(match), day_number(match["day"])
    if solar_date(1403, month, day) is None:  # 1403 is a leap year: only impossible days fail
        return None
    if ctx.published is None:
        return Resolution.pending("day")
    grace = grace_days(match.string, match.start(), match.end())
    limit = ctx.published + dt.timedelta(days=grace)
    for year in range(solar_year_of(limit), solar_year_of(limit) - 8, -1):
        found = solar_date(year, month, day)
        if found is not None and found <= limit:
            return Resolution.of((found, found), "day", "relative")
    return None


def _month_year(match: re.Match[str], ctx: Context) -> Resolution | None:
    del ctx
    year = _year(match)
    if year is None:
        return None
    return Resolution.of(solar_month_bounds(year, _month(match)), "month", "absolute")


def _named_year(match: re.Match[str], ctx: Context) -> Resolution | None:
    del ctx
    year = _year(match)
    return None if year is None else Resolution.of(solar_year_bounds(year), "year", "absolute")


def _bare_year(match: re.Match[str], ctx: Context) -> Resolution | None:
    year = _year(match)
    if year is None or not in_solar_context(match.string, match.start("year"), match.end(), ctx):
        return None
    return Resolution.of(solar_year_bounds(year), "year", "absolute")


def in_solar_context(text: str, start: int, end: int, ctx: Context) -> bool:
    """Whether the number at text[start:end] is a Solar Hijri year (see the module docstring)."""
    year = int(text[start:end])
    if not AFTER_YEAR.match(text, end):
        return False
    window = text[max(0, start - _CUE_WINDOW) : end + _CUE_WINDOW]
    if _LUNAR_CUE.search(window):
        return False
    if _SOLAR_CUE.search(window):
        return True
    if _HIJRI_CUE.search(window):
        return _not_in_future(year, ctx)
    if not ctx.solar_country:
        return False
    return _YEAR_POSITION.search(text, max(0, start - 30), start) is not None and _not_in_future(
        year, ctx
    )


def _not_in_future(year: int, ctx: Context) -> bool:
    if ctx.published is None:
        return year <= _UNDATED_LAST_YEAR
    return year + _GREGORIAN_OFFSET <= ctx.published.year + 1


SOLAR_YEAR_RULES: tuple[Rule, ...] = (
    make_rule(
        "solar_year_named",
        SOLAR_YEAR_NAMED,
        _named_year,
        guard=r"(?=[tapishj])(?=the\s|afghan|persian|iranian|solar|hijri|shamsi|jalali)",
        needs=("afghan", "persian", "iranian", "solar", "hijri", "shamsi", "jalali"),
    ),
    make_rule("solar_year_suffixed", SOLAR_YEAR_SUFFIXED, _named_year, guard=r"(?=\d)"),
    make_rule("solar_year", SOLAR_YEAR_BARE, _bare_year, guard=STARTS_NUMBER),
)
"""The forms of a Solar Hijri year, which a part ("the start of 1403") can be taken from."""

SOLAR_RULES: tuple[Rule, ...] = (
    make_rule(
        "solar_day_month_year",
        SOLAR_DAY_MONTH_YEAR,
        _day,
        guard=STARTS_WRITTEN,
        needs=_MONTH_FORMS,
    ),
    make_rule(
        "solar_month_day_year",
        SOLAR_MONTH_DAY_YEAR,
        _day,
        guard=STARTS_CAPITAL,
        needs=_MONTH_FORMS,
    ),
    make_rule(
        "solar_month_year",
        SOLAR_MONTH_YEAR,
        _month_year,
        guard=STARTS_CAPITAL,
        needs=_MONTH_FORMS,
    ),
    make_rule(
        "solar_day_month",
        SOLAR_DAY_MONTH,
        _partial_day,
        guard=STARTS_WRITTEN,
        needs=_MONTH_FORMS,
    ),
    *SOLAR_YEAR_RULES,
)
"""Tried in this order on a candidate; the first that resolves it wins."""
