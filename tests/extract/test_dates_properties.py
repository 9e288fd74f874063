"""Properties of the date grammar over generated dates and sentences (hypothesis)."""

from __future__ import annotations

import calendar
import datetime as dt

import jdatetime  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

from warnline.extract.date_grammar import find_expressions, longest_first
from warnline.extract.date_rule import Context
from warnline.extract.dates import resolve_date_text

MONTHS = list(calendar.month_name)[1:]
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
publications = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


def _month_day_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _day_month_year(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


written = st.sampled_from([_month_day_year, _day_month_year])


@given(day=days, form=written, published=st.none() | publications)
def test_a_written_day_is_that_day(day: dt.date, form: object, published: dt.date | None) -> None:
    assert callable(form)
    resolution = resolve_date_text(form(day), published)
    assert resolution is not None
    assert (resolution.start, resolution.end, resolution.precision) == (day, day, "day")
    assert resolution.basis == "absolute"


@given(first=days, second=days, form=written, published=publications)
def test_a_range_in_a_sentence_is_one_mention(
    first: dt.date, second: dt.date, form: object, published: dt.date
) -> None:
    assert callable(form)
    first, second = sorted((first, second))
    if first == second:
        second = first + dt.timedelta(days=1)
    expression = f"between {form(first)} and {form(second)}"
    text = f"Fighting went on {expression} in the district."
    found = longest_first(find_expressions(text, Context(published=published)))
    assert [text[f.start : f.end] for f in found] == [expression]
    resolution = found[0].resolution
    assert resolution is not None
    assert (resolution.start, resolution.end, resolution.basis) == (first, second, "range")


@given(year=st.integers(1500, 2099), month=st.integers(1, 12))
def test_a_month_covers_its_days(year: int, month: int) -> None:
    resolution = resolve_date_text(f"{MONTHS[month - 1]} {year}")
    assert resolution is not None
    assert resolution.start == dt.date(year, month, 1)
    assert resolution.end == dt.date(year, month, calendar.monthrange(year, month)[1])


@given(year=st.integers(1300, 1450))
def test_a_solar_year_runs_from_nowruz_to_nowruz(year: int) -> None:
    resolution = resolve_date_text(f"the solar year {year}")
    assert resolution is not None
    assert resolution.start == jdatetime.date(year, 1, 1).togregorian()
    following = jdatetime.date(year + 1, 1, 1).togregorian()
    assert resolution.end == following - dt.timedelta(days=1)


PHRASES = [
    "today", "yesterday", "Monday", "last Friday", "next Sunday", "this week", "last week",
    "this month", "last month", "this year", "last year", "the past year", "recent months",
    "in recent weeks", "earlier this year", "three days ago", "two weeks ago", "a few years ago",
    "the past three months", "on 12 May", "in October", "last March", "the weekend", "mid-March",
    "the end of this year", "since November", "June last year", "from January to March",
    "last summer", "the coming weeks",
]  # fmt: skip


@given(phrase=st.sampled_from(PHRASES), published=publications)
def test_relative_phrases_start_before_they_end(phrase: str, published: dt.date) -> None:
    text = f"Officials said {phrase} that the road was closed."
    found = longest_first(find_expressions(text, Context(published=published)))
    assert found
    for item in found:
        assert text[item.start : item.end] in phrase
        resolution = item.resolution
        assert resolution is not None
        assert resolution.start is not None
        assert resolution.end is not None
        assert resolution.start <= resolution.end


@given(phrase=st.sampled_from(PHRASES))
def test_without_publication_relative_phrases_have_no_days(phrase: str) -> None:
    resolution = resolve_date_text(phrase.removeprefix("in ").removeprefix("on "), None)
    assert resolution is not None
    assert resolution.end is None
