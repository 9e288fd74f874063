"""Resolving one date expression against a publication date, without the spaCy model.

Published is Tuesday 1 October 2024 unless a case says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest

from warnline.extract.date_grammar import find_expressions, longest_first
from warnline.extract.date_rule import Context, Resolution
from warnline.extract.date_solar import about_solar_country
from warnline.extract.dates import is_not_a_date, resolve_date_text

PUBLISHED = dt.date(2024, 10, 1)
D = dt.date


def _check(text: str, published: dt.date | None, expected: tuple[object, ...]) -> None:
    resolution = resolve_date_text(text, published)
    assert resolution is not None, f"{text!r} did not resolve"
    assert (resolution.start, resolution.end, resolution.precision, resolution.basis) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 May 2024", (D(2024, 5, 12), D(2024, 5, 12), "day", "absolute")),
        ("May 12, 2024", (D(2024, 5, 12), D(2024, 5, 12), "day", "absolute")),
        ("May 12 2024", (D(2024, 5, 12), D(2024, 5, 12), "day", "absolute")),
        ("Sunday, May 12, 2024", (D(2024, 5, 12), D(2024, 5, 12), "day", "absolute")),
        ("the 3rd of June 2023", (D(2023, 6, 3), D(2023, 6, 3), "day", "absolute")),
        ("Sept. 9, 2021", (D(2021, 9, 9), D(2021, 9, 9), "day", "absolute")),
        ("2024-05-12", (D(2024, 5, 12), D(2024, 5, 12), "day", "absolute")),
        ("May 2024", (D(2024, 5, 1), D(2024, 5, 31), "month", "absolute")),
        ("September 2021", (D(2021, 9, 1), D(2021, 9, 30), "month", "absolute")),
        ("July 2022", (D(2022, 7, 1), D(2022, 7, 31), "month", "absolute")),
        ("February of 2024", (D(2024, 2, 1), D(2024, 2, 29), "month", "absolute")),
        ("2024", (D(2024, 1, 1), D(2024, 12, 31), "year", "absolute")),
        ("the year 2019", (D(2019, 1, 1), D(2019, 12, 31), "year", "absolute")),
        ("Q3 2024", (D(2024, 7, 1), D(2024, 9, 30), "quarter", "absolute")),
        ("summer 2023", (D(2023, 6, 1), D(2023, 8, 31), "season", "absolute")),
        ("the winter of 2022", (D(2022, 12, 1), D(2023, 2, 28), "season", "absolute")),
        ("the 1990s", (D(1990, 1, 1), D(1999, 12, 31), "decade", "absolute")),
        ("the 2010s", (D(2010, 1, 1), D(2019, 12, 31), "decade", "absolute")),
        ("the early 2000s", (D(2000, 1, 1), D(2003, 12, 31), "year", "absolute")),
        ("the mid-1980s", (D(1984, 1, 1), D(1986, 12, 31), "year", "absolute")),
        ("the late 1970s", (D(1977, 1, 1), D(1979, 12, 31), "year", "absolute")),
        ("the '90s", (D(1990, 1, 1), D(1999, 12, 31), "decade", "absolute")),
    ],
)
def test_absolute(text: str, expected: tuple[object, ...]) -> None:
    _check(text, PUBLISHED, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A missing year: the latest occurrence by publication, or a day in the next two weeks.
        ("12 May", (D(2024, 5, 12), D(2024, 5, 12), "day", "relative")),
        ("November 3", (D(2023, 11, 3), D(2023, 11, 3), "day", "relative")),
        ("5 October", (D(2023, 10, 5), D(2023, 10, 5), "day", "relative")),
        ("29 February", (D(2024, 2, 29), D(2024, 2, 29), "day", "relative")),
        ("Saturday, 4 November", (D(2023, 11, 4), D(2023, 11, 4), "day", "relative")),
        ("October", (D(2024, 10, 1), D(2024, 10, 31), "month", "relative")),
        ("December", (D(2023, 12, 1), D(2023, 12, 31), "month", "relative")),
        # Weekdays: published is a Tuesday.
        ("Tuesday", (D(2024, 10, 1), D(2024, 10, 1), "day", "relative")),
        ("Monday", (D(2024, 9, 30), D(2024, 9, 30), "day", "relative")),
        ("Wednesday", (D(2024, 9, 25), D(2024, 9, 25), "day", "relative")),
        ("last Tuesday", (D(2024, 9, 24), D(2024, 9, 24), "day", "relative")),
        ("this Thursday", (D(2024, 10, 3), D(2024, 10, 3), "day", "relative")),
        ("next Friday", (D(2024, 10, 4), D(2024, 10, 4), "day", "relative")),
        ("today", (D(2024, 10, 1), D(2024, 10, 1), "day", "relative")),
        ("yesterday", (D(2024, 9, 30), D(2024, 9, 30), "day", "relative")),
        ("the day before yesterday", (D(2024, 9, 29), D(2024, 9, 29), "day", "relative")),
        ("last night", (D(2024, 9, 30), D(2024, 9, 30), "day", "relative")),
        ("tomorrow", (D(2024, 10, 2), D(2024, 10, 2), "day", "relative")),
        # Calendar units around publication.
        ("this week", (D(2024, 9, 30), D(2024, 10, 6), "week", "relative")),
        ("last week", (D(2024, 9, 23), D(2024, 9, 29), "week", "relative")),
        ("next week", (D(2024, 10, 7), D(2024, 10, 13), "week", "relative")),
        ("this month", (D(2024, 10, 1), D(2024, 10, 31), "month", "relative")),
        ("last month", (D(2024, 9, 1), D(2024, 9, 30), "month", "relative")),
        ("This year", (D(2024, 1, 1), D(2024, 12, 31), "year", "relative")),
        ("last year", (D(2023, 1, 1), D(2023, 12, 31), "year", "relative")),
        ("next year", (D(2025, 1, 1), D(2025, 12, 31), "year", "relative")),
        ("this decade", (D(2020, 1, 1), D(2029, 12, 31), "decade", "relative")),
        ("last March", (D(2024, 3, 1), D(2024, 3, 31), "month", "relative")),
        ("next January", (D(2025, 1, 1), D(2025, 1, 31), "month", "relative")),
        ("June last year", (D(2023, 6, 1), D(2023, 6, 30), "month", "relative")),
        ("4 June last year", (D(2023, 6, 4), D(2023, 6, 4), "day", "relative")),
        ("the weekend", (D(2024, 9, 28), D(2024, 9, 29), "range", "relative")),
        ("last summer", (D(2024, 6, 1), D(2024, 8, 31), "season", "relative")),
        # Rolling windows ending (or starting) on publication.
        ("the past year", (D(2023, 10, 1), D(2024, 10, 1), "year", "relative")),
        ("the past week", (D(2024, 9, 24), D(2024, 10, 1), "week", "relative")),
        ("the past three months", (D(2024, 7, 1), D(2024, 10, 1), "month", "relative")),
        ("the last two years", (D(2022, 10, 1), D(2024, 10, 1), "year", "relative")),
        ("the past few weeks", (D(2024, 9, 3), D(2024, 10, 1), "week", "relative")),
        ("the next five years", (D(2024, 10, 1), D(2029, 10, 1), "year", "relative")),
        ("recent months", (D(2024, 7, 1), D(2024, 10, 1), "month", "relative")),
        ("recent weeks", (D(2024, 9, 3), D(2024, 10, 1), "week", "relative")),
        ("recent days", (D(2024, 9, 24), D(2024, 10, 1), "week", "relative")),
        ("recent years", (D(2021, 10, 1), D(2024, 10, 1), "year", "relative")),
        ("the coming weeks", (D(2024, 10, 1), D(2024, 10, 29), "week", "relative")),
        ("earlier this year", (D(2024, 1, 1), D(2024, 10, 1), "year", "relative")),
        ("later this month", (D(2024, 10, 1), D(2024, 10, 31), "month", "relative")),
        # Counted back from publication.
        ("three days ago", (D(2024, 9, 28), D(2024, 9, 28), "day", "relative")),
        ("two weeks ago", (D(2024, 9, 17), D(2024, 9, 17), "week", "relative")),
        ("six months ago", (D(2024, 4, 1), D(2024, 4, 30), "month", "relative")),
        ("three years ago", (D(2021, 1, 1), D(2021, 12, 31), "year", "relative")),
        ("a decade ago", (D(2014, 1, 1), D(2014, 12, 31), "year", "relative")),
        ("a few years ago", (D(2020, 1, 1), D(2022, 12, 31), "year", "relative")),
    ],
)
def test_relative(text: str, expected: tuple[object, ...]) -> None:
    _check(text, PUBLISHED, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("early 2024", (D(2024, 1, 1), D(2024, 4, 30), "month", "absolute")),
        ("mid-2023", (D(2023, 5, 1), D(2023, 8, 31), "month", "absolute")),
        ("late 2022", (D(2022, 9, 1), D(2022, 12, 31), "month", "absolute")),
        ("the end of this year", (D(2024, 12, 1), D(2024, 12, 31), "month", "relative")),
        ("the beginning of last year", (D(2023, 1, 1), D(2023, 1, 31), "month", "relative")),
        ("late last year", (D(2023, 9, 1), D(2023, 12, 31), "month", "relative")),
        ("mid-March", (D(2024, 3, 11), D(2024, 3, 20), "week", "relative")),
        ("late April 2023", (D(2023, 4, 21), D(2023, 4, 30), "week", "absolute")),
        ("the end of February 2024", (D(2024, 2, 21), D(2024, 2, 29), "week", "absolute")),
        ("the first half of 2024", (D(2024, 1, 1), D(2024, 6, 30), "month", "absolute")),
        ("the third quarter of 2022", (D(2022, 7, 1), D(2022, 9, 30), "quarter", "absolute")),
        ("the first week of May 2024", (D(2024, 5, 1), D(2024, 5, 7), "week", "absolute")),
        ("the last week of June 2024", (D(2024, 6, 24), D(2024, 6, 30), "week", "absolute")),
        ("the tenth day of March 2024", (D(2024, 3, 10), D(2024, 3, 10), "day", "absolute")),
    ],
)
def test_parts(text: str, expected: tuple[object, ...]) -> None:
    _check(text, PUBLISHED, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "between March 21, 2023 and March 18, 2024",
            (D(2023, 3, 21), D(2024, 3, 18), "day", "range"),
        ),
        ("from January to March 2024", (D(2024, 1, 1), D(2024, 3, 31), "month", "range")),
        ("January to March 2024", (D(2024, 1, 1), D(2024, 3, 31), "month", "range")),
        ("from December to February 2024", (D(2023, 12, 1), D(2024, 2, 29), "month", "range")),
        ("December 2023 to February 2024", (D(2023, 12, 1), D(2024, 2, 29), "month", "range")),
        ("2019–2021", (D(2019, 1, 1), D(2021, 12, 31), "year", "range")),
        ("2019-21", (D(2019, 1, 1), D(2021, 12, 31), "year", "range")),
        ("from 2015 to 2017", (D(2015, 1, 1), D(2017, 12, 31), "year", "range")),
        ("between 2010 and 2014", (D(2010, 1, 1), D(2014, 12, 31), "year", "range")),
        ("March 2–4, 2024", (D(2024, 3, 2), D(2024, 3, 4), "day", "range")),
        ("2–4 March 2024", (D(2024, 3, 2), D(2024, 3, 4), "day", "range")),
        ("between 20 and 23 June", (D(2024, 6, 20), D(2024, 6, 23), "day", "range")),
        ("from 12 May to 3 June 2024", (D(2024, 5, 12), D(2024, 6, 3), "day", "range")),
        ("between March 2023 and 12 May 2024", (D(2023, 3, 1), D(2024, 5, 12), "range", "range")),
        ("from March 2023 to February", (D(2023, 3, 1), D(2024, 2, 29), "month", "range")),
        (
            "between Sunday night and Monday morning",
            (D(2024, 9, 29), D(2024, 9, 30), "day", "range"),
        ),
        ("since 2017", (D(2017, 1, 1), D(2024, 10, 1), "range", "relative")),
        ("since November", (D(2023, 11, 1), D(2024, 10, 1), "range", "relative")),
        ("since November 2022", (D(2022, 11, 1), D(2024, 10, 1), "range", "relative")),
        ("ever since 3 June 2024", (D(2024, 6, 3), D(2024, 10, 1), "range", "relative")),
        ("since the 2000s", (D(2000, 1, 1), D(2024, 10, 1), "range", "relative")),
    ],
)
def test_ranges(text: str, expected: tuple[object, ...]) -> None:
    _check(text, PUBLISHED, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the solar year 1402", (D(2023, 3, 21), D(2024, 3, 19), "year", "absolute")),
        ("the Afghan solar year 1401", (D(2022, 3, 21), D(2023, 3, 20), "year", "absolute")),
        ("1402 SH", (D(2023, 3, 21), D(2024, 3, 19), "year", "absolute")),
        ("1403 (solar)", (D(2024, 3, 20), D(2025, 3, 20), "year", "absolute")),
        ("1 Hamal 1403", (D(2024, 3, 20), D(2024, 3, 20), "day", "absolute")),
        ("24 Asad 1400", (D(2021, 8, 15), D(2021, 8, 15), "day", "absolute")),
        ("Farvardin 1403", (D(2024, 3, 20), D(2024, 4, 19), "month", "absolute")),
        ("Hut 1402", (D(2024, 2, 20), D(2024, 3, 19), "month", "absolute")),
        ("24 Asad", (D(2024, 8, 14), D(2024, 8, 14), "day", "relative")),
        (
            "the second day of the solar year 1403",
            (D(2024, 3, 21), D(2024, 3, 21), "day", "absolute"),
        ),
        ("the end of the solar year 1402", (D(2024, 2, 20), D(2024, 3, 19), "month", "absolute")),
    ],
)
def test_solar_hijri(text: str, expected: tuple[object, ...]) -> None:
    _check(text, PUBLISHED, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Absolute dates do not need the publication date.
        ("12 May 2024", (D(2024, 5, 12), D(2024, 5, 12), "day", "absolute")),
        ("the 1990s", (D(1990, 1, 1), D(1999, 12, 31), "decade", "absolute")),
        ("the solar year 1402", (D(2023, 3, 21), D(2024, 3, 19), "year", "absolute")),
        ("2019–2021", (D(2019, 1, 1), D(2021, 12, 31), "year", "range")),
        # Relative ones keep their kind but no days.
        ("this week", (None, None, "week", "relative")),
        ("last year", (None, None, "year", "relative")),
        ("Tuesday", (None, None, "day", "relative")),
        ("12 May", (None, None, "day", "relative")),
        ("recent months", (None, None, "month", "relative")),
        ("three years ago", (None, None, "year", "relative")),
        ("the end of this year", (None, None, "month", "relative")),
        ("from January to March", (None, None, "month", "range")),
        ("since 2017", (D(2017, 1, 1), None, "range", "relative")),
    ],
)
def test_without_publication_date(text: str, expected: tuple[object, ...]) -> None:
    _check(text, None, expected)


@pytest.mark.parametrize(
    "text",
    ["31 April 2024", "February 30", "1499 SH", "Ramadan", "three years", "the deadliest day"],
)
def test_unresolvable(text: str) -> None:
    assert resolve_date_text(text, PUBLISHED) is None


@pytest.mark.parametrize(
    "text",
    [
        "63-year-old",
        "aged 41",
        "annual",
        "daily",
        "weekly",
        "three years",
        "more than a decade",
        "two decades",
        "roughly eighteen months",
        "weeks",
        "the day",
        "the deadliest day",
        "Niger",
        "24",
        "1350",
    ],
)
def test_not_dates(text: str) -> None:
    assert is_not_a_date(text)


@pytest.mark.parametrize("text", ["Ramadan", "the holy month of Ramadan", "12/05/2024", "March"])
def test_named_times_are_kept(text: str) -> None:
    assert not is_not_a_date(text)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The talks will resume on 5 October", D(2024, 10, 5)),
        ("The vote was to be held on 5 October", D(2024, 10, 5)),
        ("Crowds massed before the October 5 deadline", D(2024, 10, 5)),
        ("A curfew holds until 5 October", D(2024, 10, 5)),
        ("Elections are scheduled for 20 October", D(2023, 10, 20)),  # over two weeks ahead
        ("Gunmen attacked the camp on 5 October", D(2023, 10, 5)),
    ],
)
def test_a_day_in_the_coming_fortnight_needs_a_future_sentence(
    sentence: str, expected: dt.date
) -> None:
    found = longest_first(find_expressions(sentence, Context(published=PUBLISHED)))
    resolution = found[-1].resolution
    assert resolution is not None
    assert resolution.start == expected


def test_publication_on_a_sunday_closes_its_own_week() -> None:
    resolution = resolve_date_text("this week", D(2024, 10, 6))
    assert resolution == Resolution(D(2024, 9, 30), D(2024, 10, 6), "week", "relative")


def test_last_weekday_on_that_weekday_is_a_week_back() -> None:
    resolution = resolve_date_text("last Tuesday", D(2024, 10, 1))
    assert resolution is not None
    assert resolution.start == D(2024, 9, 24)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Prices rose sharply in the Hijri year 1402, traders said.", D(2023, 3, 21)),
        ("By the Afghan calendar, in 1403 the schools stayed shut.", D(2024, 3, 20)),
        ("Officials in Kabul said rents doubled in 1402.", D(2023, 3, 21)),
        ("Clinics in Herat closed at the end of 1402.", D(2024, 2, 20)),
        ("The Iranian year 1403 began with new tariffs.", D(2024, 3, 20)),
    ],
)
def test_solar_years_in_a_calendar_context(sentence: str, expected: dt.date) -> None:
    ctx = Context(published=PUBLISHED, solar_country=about_solar_country(sentence))
    found = longest_first(find_expressions(sentence, ctx))
    assert [f.resolution.start for f in found if f.resolution] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Pilgrims marked the new year 1445 AH in Mecca.",
        "The lunar Hijri year 1446 has now begun.",
        "Prices in Lagos rose in 1403 as well.",
        "Officials in Kabul counted 1400 villages without water.",
        "The mosque, built in the Hijri year 1446, is new.",
    ],
)
def test_bare_numbers_that_are_not_solar_years(sentence: str) -> None:
    ctx = Context(published=PUBLISHED, solar_country=about_solar_country(sentence))
    assert longest_first(find_expressions(sentence, ctx)) == []
