"""Calendar arithmetic for date resolution: bounds of days, weeks, months, years and decades,
shifts by whole units, and the nearest past occurrence of a month, day or weekday."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "range"]

Bounds = tuple[dt.date, dt.date]

ONE_DAY = dt.timedelta(days=1)


def month_bounds(year: int, month: int) -> Bounds:
    """First and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_bounds(year: int) -> Bounds:
    """1 January to 31 December."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_bounds(day: dt.date) -> Bounds:
    """The ISO week (Monday to Sunday) containing `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def decade_bounds(first_year: int) -> Bounds:
    """1990-01-01 to 1999-12-31 for 1990."""
    return dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31)


def unit_bounds(day: dt.date, unit: str) -> Bounds:
    """The calendar day, ISO week, month, year or decade containing `day`."""
    if unit == "day":
        return day, day
    if unit in ("week", "fortnight"):
        return week_bounds(day)
    if unit == "month":
        return month_bounds(day.year, day.month)
    if unit == "year":
        return year_bounds(day.year)
    return decade_bounds(day.year - day.year % 10)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, kept inside the target month (31 Jan + 1 month = 29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, count: int, unit: str) -> dt.date:
    """`day` moved by `count` days, weeks, fortnights, months, years or decades (negative: back)."""
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    if unit == "fortnight":
        return day + dt.timedelta(weeks=2 * count)
    if unit == "month":
        return add_months(day, count)
    if unit == "year":
        return add_months(day, 12 * count)
    return add_months(day, 120 * count)


def moved_bounds(base: dt.date, steps: list[int], unit: str) -> tuple[Bounds, Precision]:
    """`base` moved by the fewest and the most of `steps` units: a day or window of days for
    days, weeks and fortnights, whole calendar months or years (decades count as years)."""
    first, last = shift(base, min(steps), unit), shift(base, max(steps), unit)
    if unit in ("day", "week", "fortnight"):
        return (first, last), "day" if unit == "day" else "week"
    widen: Precision = "month" if unit == "month" else "year"
    return (unit_bounds(first, widen)[0], unit_bounds(last, widen)[1]), widen


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day (31 April, 29 February 2023)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_past_day(month: int, day: int, published: dt.date, grace_days: int) -> dt.date | None:
    """The latest `day` of `month` on or before `published` + `grace_days`, searching back a few
    years for 29 February; None when the day never exists."""
    limit = published + dt.timedelta(days=grace_days)
    for year in range(limit.year, limit.year - 8, -1):
        found = valid_date(year, month, day)
        if found is not None and found <= limit:
            return found
    return None


def nearest_past_month(month: int, published: dt.date) -> int:
    """The year of the latest `month` that has begun by `published`."""
    return published.year if month <= published.month else published.year - 1


def weekday_on_or_before(published: dt.date, weekday: int, *, strictly: bool = False) -> dt.date:
    """The latest `weekday` (0 = Monday) on or before `published` (strictly before if asked)."""
    back = (published.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def weekday_after(published: dt.date, weekday: int) -> dt.date:
    """The first `weekday` (0 = Monday) strictly after `published`."""
    ahead = (weekday - published.weekday()) % 7 or 7
    return published + dt.timedelta(days=ahead)
