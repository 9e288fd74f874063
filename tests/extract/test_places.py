"""Places geocoded with the report's context: dateline, main country, neighbours in the sentence,
feature words, "near" cues, vague regions, and no answer when nothing fits.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import jsonschema
import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from warnline.catalogue.gazetteer import Gazetteer, load_gazetteer
from warnline.extract.dateline import find_dateline
from warnline.extract.geocode import Context, NameQuery, resolve
from warnline.extract.pipeline import load_nlp
from warnline.extract.place_regions import find_regions
from warnline.extract.places import extract_places
from warnline.extract.spans import name_key
from warnline.records import Place
from warnline.settings import get_settings

pytestmark = pytest.mark.slow

Analyse = Callable[[str], tuple[Place, ...]]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(get_settings().model)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def places_of(nlp: Language) -> Analyse:
    """The places of a text, with its dateline's parts as the flow passes them."""

    def run(text: str) -> tuple[Place, ...]:
        found = find_dateline(text)
        return extract_places(nlp(text), found.places if found else ())

    return run


def place_named(places: tuple[Place, ...], name: str) -> Place:
    matches = [p for p in places if p.name == name]
    assert len(matches) == 1, f"{name!r} in {[p.name for p in places]}"
    return matches[0]


# (text, place name, country, admin1, ACLED precision)
CASES = [
    (
        "KABUL, AFGHANISTAN — Gunmen fired on a checkpoint in Kabul overnight, police said.",
        "Kabul",
        "AF",
        "AF-KAB",
        1,
    ),
    (
        "KABUL, AFGHANISTAN — Gunmen fired on a checkpoint in Kabul overnight, police said.",
        "Afghanistan",
        "AF",
        None,
        3,
    ),
    (
        "Fighters loyal to the resistance regrouped in the Panjshir Valley during the spring.",
        "Panjshir Valley",
        "AF",
        "AF-PAN",
        3,
    ),
    (
        "An Afghan delegation held talks during a visit to Washington last month, a spokesman "
        "in Kabul said.",
        "Washington",
        "US",
        "US-DC",
        1,
    ),
    (
        "An Afghan delegation held talks during a visit to Washington last month, a spokesman "
        "in Kabul said.",
        "Kabul",
        "AF",
        "AF-KAB",
        1,
    ),
    (
        "ADEN, Yemen — Separatist units clashed with militants in Abyan on Friday.",
        "Abyan",
        "YE",
        "YE-AB",
        3,
    ),
    (
        "ADEN, Yemen — Separatist units clashed with militants in Abyan on Friday.",
        "Aden",
        "YE",
        "YE-AD",
        1,
    ),
    (
        "MOGADISHU, Somalia — Government troops retook Jilib after a week of fighting.",
        "Jilib",
        "SO",
        "SO-JD",
        1,
    ),
    (
        "MOGADISHU, Somalia — Government troops retook Jilib after a week of fighting.",
        "Mogadishu",
        "SO",
        "SO-BN",
        1,
    ),
    ("Soldiers were ambushed near Jilib, a Somali commander said.", "Jilib", "SO", "SO-JD", 2),
    (
        "HYDERABAD, Pakistan — Police in Hyderabad arrested four men after a blast at a market.",
        "Hyderabad",
        "PK",
        "PK-SD",
        1,
    ),
    (
        "Police in Hyderabad, India, arrested four men after a blast in Telangana.",
        "Hyderabad",
        "IN",
        "IN-TS",
        1,
    ),
    (
        "Police in Hyderabad, India, arrested four men after a blast in Telangana.",
        "Telangana",
        "IN",
        "IN-TS",
        3,
    ),
    (
        "The group has expanded its presence in the northern regions, Afghan officials said "
        "in Kabul.",
        "northern regions",
        "AF",
        None,
        3,
    ),
    (
        "Troops moved into Kunar and Nangarhar provinces as clashes spread across eastern "
        "Afghanistan.",
        "Kunar",
        "AF",
        "AF-KNR",
        3,
    ),
    (
        "Troops moved into Kunar and Nangarhar provinces as clashes spread across eastern "
        "Afghanistan.",
        "Nangarhar",
        "AF",
        "AF-NAN",
        3,
    ),
    (
        "Troops moved into Kunar and Nangarhar provinces as clashes spread across eastern "
        "Afghanistan.",
        "eastern Afghanistan",
        "AF",
        None,
        3,
    ),
    (
        "A car bomb exploded outside Kandahar on Tuesday, killing three soldiers.",
        "Kandahar",
        "AF",
        "AF-KAN",
        2,
    ),
    (
        "The convoy left Mazar-i-Sharif at dawn and reached Bazarak in Panjshir by nightfall.",
        "Mazar-i-Sharif",
        "AF",
        "AF-BAL",
        1,
    ),
    (
        "The convoy left Mazar-i-Sharif at dawn and reached Bazarak in Panjshir by nightfall.",
        "Bazarak",
        "AF",
        "AF-PAN",
        1,
    ),
    (
        "The convoy left Mazar-i-Sharif at dawn and reached Bazarak in Panjshir by nightfall.",
        "Panjshir",
        "AF",
        "AF-PAN",
        3,
    ),
    (
        "Attacks on civilians rose across the Sahel and in central Mali during the rainy season.",
        "central Mali",
        "ML",
        None,
        3,
    ),
    (
        "Militants crossed into southern Somalia from Kenya before dawn, the ministry said.",
        "southern Somalia",
        "SO",
        None,
        3,
    ),
    (
        "The Taliban governor of Ningarhar said a camp in Paktya had been closed.",
        "Ningarhar",
        "AF",
        "AF-NAN",
        3,
    ),
    (
        "The Taliban governor of Ningarhar said a camp in Paktya had been closed.",
        "Paktya",
        "AF",
        "AF-PIA",
        3,
    ),
    (
        "Fighting was reported in Paktika, while Daykundi and Uruzgan remained calm.",
        "Paktika",
        "AF",
        "AF-PKA",
        3,
    ),
    (
        "Fighting was reported in Paktika, while Daykundi and Uruzgan remained calm.",
        "Daykundi",
        "AF",
        "AF-DAY",
        3,
    ),
    (
        "QUETTA, Pakistan — A blast in Quetta killed four policemen, and security was raised "
        "in Peshawar.",
        "Quetta",
        "PK",
        "PK-BA",
        1,
    ),
    (
        "QUETTA, Pakistan — A blast in Quetta killed four policemen, and security was raised "
        "in Peshawar.",
        "Peshawar",
        "PK",
        "PK-KP",
        1,
    ),
    (
        "MAIDUGURI, Nigeria — Insurgents raided two villages in Borno State overnight.",
        "Borno",
        "NG",
        "NG-BO",
        3,
    ),
    (
        "MAIDUGURI, Nigeria — Insurgents raided two villages in Borno State overnight.",
        "Maiduguri",
        "NG",
        "NG-BO",
        1,
    ),
    (
        "BAMAKO, Mali — The army said it had reinforced positions around Bamako and Mopti.",
        "Bamako",
        "ML",
        "ML-BKO",
        1,
    ),
    (
        "OUAGADOUGOU, Burkina Faso — Officials in Ouagadougou said a convoy was attacked.",
        "Ouagadougou",
        "BF",
        "BF-03",
        1,
    ),
    (
        "Airstrikes hit Idlib and villages west of Aleppo, a monitoring group said.",
        "Idlib",
        "SY",
        "SY-ID",
        1,
    ),
    (
        "Airstrikes hit Idlib and villages west of Aleppo, a monitoring group said.",
        "Aleppo",
        "SY",
        "SY-HL",
        2,
    ),
    ("The U.S. said its strike in Syria had killed a senior commander.", "U.S.", "US", None, 3),
    ("The U.S. said its strike in Syria had killed a senior commander.", "Syria", "SY", None, 3),
    (
        "Officials in Washington state said the suspect had lived near Seattle.",
        "Washington",
        "US",
        "US-WA",
        3,
    ),
    (
        "The envoy flew from Kabul to Washington, D.C., for talks.",
        "Washington, D.C.",
        "US",
        "US-DC",
        1,
    ),
    (
        "Gunmen attacked a police post in Khyber district, officials in Peshawar said.",
        "Khyber",
        "PK",
        "PK-KP",
        2,
    ),
    (
        "Fighting continued in the northern and northeastern provinces of Afghanistan this week.",
        "northern and northeastern provinces of Afghanistan",
        "AF",
        None,
        3,
    ),
    (
        "A drone strike hit a vehicle 20 kilometres north of Mogadishu.",
        "Mogadishu",
        "SO",
        "SO-BN",
        2,
    ),
    (
        "Boko Haram fighters retreated into the Sambisa Forest, the Nigerian army said.",
        "Sambisa Forest",
        "NG",
        "NG-BO",
        3,
    ),
    (
        "Gunmen seized a bus on the road between Jalalabad and Torkham, Afghan police said.",
        "Jalalabad",
        "AF",
        "AF-NAN",
        1,
    ),
    (
        "Insurgents shelled the outskirts of Maiduguri, the capital of Borno.",
        "Maiduguri",
        "NG",
        "NG-BO",
        2,
    ),
    (
        "The Houthis fired missiles from Hodeidah toward ships in the Red Sea.",
        "Hodeidah",
        "YE",
        "YE-HU",
        1,
    ),
    (
        "The Houthis fired missiles from Hodeidah toward ships in the Red Sea.",
        "Red Sea",
        None,
        None,
        3,
    ),
    (
        "Clashes erupted in eastern Nangarhar and in the western districts of Kunduz.",
        "eastern Nangarhar",
        "AF",
        "AF-NAN",
        3,
    ),
    (
        "Protests spread from Herat to Ghazni and Kunduz, Afghan media reported.",
        "Ghazni",
        "AF",
        "AF-GHA",
        1,
    ),
]


@pytest.mark.parametrize(("text", "name", "country", "admin1", "precision"), CASES)
def test_geocoded_with_context(
    places_of: Analyse,
    text: str,
    name: str,
    country: str | None,
    admin1: str | None,
    precision: int,
) -> None:
    place = place_named(places_of(text), name)
    assert (place.country, place.admin1, place.precision) == (country, admin1, precision)


@pytest.mark.parametrize("text", sorted({case[0] for case in CASES}))
def test_spans_are_exact(places_of: Analyse, text: str) -> None:
    places = places_of(text)
    assert places
    for place in places:
        for start, end in place.mentions:
            assert name_key(text[start:end]) == name_key(place.name)
            assert text[start:end] == text[start:end].strip()


def test_ids_follow_the_text(places_of: Analyse) -> None:
    text = (
        "Troops moved into Kunar and Nangarhar provinces as clashes spread in eastern Afghanistan."
    )
    places = places_of(text)
    assert [p.id for p in places] == [f"P{n}" for n in range(1, len(places) + 1)]
    assert [p.mentions[0][0] for p in places] == sorted(p.mentions[0][0] for p in places)


def test_dateline_and_text_mentions_are_one_place(places_of: Analyse) -> None:
    text = (
        "KABUL, AFGHANISTAN — Officials in Kabul said a blast hit a market in western Kabul "
        "on Monday.\n\nThe attack was the third in Kabul this month."
    )
    kabul = place_named(places_of(text), "Kabul")
    # The third "Kabul" is inside the region "western Kabul", and still a mention of Kabul.
    assert [text[s:e] for s, e in kabul.mentions] == ["KABUL", "Kabul", "Kabul", "Kabul"]
    western = place_named(places_of(text), "western Kabul")
    assert (western.feature, western.admin1, western.lat) == ("region", "AF-KAB", None)
    assert kabul.geonames_id == 1138958
    assert kabul.feature == "populated_place"
    assert kabul.lat == pytest.approx(34.53, abs=0.01)
    assert kabul.lon == pytest.approx(69.17, abs=0.01)


def test_unknown_village_has_no_answer(places_of: Analyse) -> None:
    text = "Villagers in Qarzandikhel said two houses were destroyed, an Afghan official said."
    place = place_named(places_of(text), "Qarzandikhel")
    geo = (place.country, place.admin1, place.admin1_name, place.lat, place.lon)
    assert geo == (None, None, None, None, None)
    assert (place.geonames_id, place.feature, place.precision) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "The group has expanded its presence in the northern regions, Afghan officials said.",
        "Attacks on civilians rose across the Sahel and in central Mali during the rainy season.",
        "Militants crossed into southern Somalia from Kenya before dawn, the ministry said.",
    ],
)
def test_vague_regions_are_never_points(places_of: Analyse, text: str) -> None:
    regions = [p for p in places_of(text) if p.feature == "region"]
    assert regions
    for region in regions:
        assert (region.lat, region.lon, region.geonames_id) == (None, None, None)
        assert region.precision == 3


def test_sahel_spans_several_countries(places_of: Analyse) -> None:
    text = "Attacks on civilians rose across the Sahel and in central Mali during the rainy season."
    sahel = place_named(places_of(text), "Sahel")
    assert sahel.country is None
    assert sahel.feature == "region"


def test_valley_is_named_after_its_province(places_of: Analyse) -> None:
    text = "Fighters loyal to the resistance regrouped in the Panjshir Valley during the spring."
    valley = place_named(places_of(text), "Panjshir Valley")
    assert valley.feature == "valley"
    assert valley.admin1_name == "Panjshir"
    # The valley is not the province: no GeoNames id of its own here, the province's main town
    # as its point.
    assert valley.geonames_id is None
    assert valley.lat is not None


def test_country_has_no_point(places_of: Analyse) -> None:
    text = "The U.S. said its strike in Syria had killed a senior commander."
    syria = place_named(places_of(text), "Syria")
    assert (syria.lat, syria.lon, syria.admin1) == (None, None, None)
    assert syria.geonames_id == 163843
    assert syria.feature == "country"


def test_mislabelled_names_need_support(places_of: Analyse) -> None:
    """A person's name the tagger also calls a place is not geocoded from it."""
    text = (
        "MAIDUGURI, Nigeria — Army spokesman Mohammed Yerima said troops cleared two camps. "
        "Yerima added that more soldiers would be sent."
    )
    names = {p.name for p in places_of(text)}
    assert "Yerima" not in names
    assert "Maiduguri" in names


def test_acronym_of_a_group_is_not_a_town(places_of: Analyse) -> None:
    text = "KANO, Nigeria — Police said JAS fighters had moved south from their camps."
    assert "JAS" not in {p.name for p in places_of(text) if p.country}


def test_places_satisfy_the_contract(places_of: Analyse) -> None:
    schema = json.loads(
        resources.files("warnline.schema").joinpath("report-1.schema.json").read_text()
    )
    place_schema: dict[str, Any] = {"$defs": schema["$defs"], **schema["$defs"]["place"]}
    for text in sorted({case[0] for case in CASES}):
        for place in places_of(text):
            jsonschema.validate(place.model_dump(mode="json"), place_schema)


# --- hand-built docs: what the extractor does with the tagger's labels ------------------------


def doc_with(nlp: Language, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def test_demonym_tagged_as_place_is_the_country(nlp: Language) -> None:
    doc = doc_with(nlp, ["Fighting", "spread", "across", "Afghan", "territory"], [(3, 4, "GPE")])
    [place] = extract_places(doc)
    assert (place.name, place.country, place.admin1, place.precision) == ("Afghan", "AF", None, 3)


def test_province_tagged_as_nationality(nlp: Language) -> None:
    words = ["Separatists", "in", "Yemen", "clashed", "with", "militants", "in", "Abyan", "."]
    doc = doc_with(nlp, words, [(2, 3, "GPE"), (7, 8, "NORP")])
    abyan = place_named(extract_places(doc), "Abyan")
    assert (abyan.country, abyan.admin1) == ("YE", "YE-AB")


def test_extra_dateline_parts_set_the_country(nlp: Language) -> None:
    words = ["HYDERABAD", ",", "Pakistan", "—", "A", "blast", "hit", "a", "market", "."]
    doc = doc_with(nlp, words, [])
    extra = (("Hyderabad", (0, 9)), ("Pakistan", (11, 19)))
    places = extract_places(doc, extra)
    assert [(p.name, p.country, p.admin1) for p in places] == [
        ("Hyderabad", "PK", "PK-SD"),
        ("Pakistan", "PK", None),
    ]


# --- the geocoder on its own ----------------------------------------------------------------


def query(name: str, **fields: Any) -> NameQuery:
    return NameQuery(group=0, names=(name,), sentences=frozenset({0}), **fields)


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (Context(dateline_country="PK"), ("PK", "PK-SD")),
        (Context(main_country="IN"), ("IN", "IN-TS")),
        (Context(), (None, None)),
    ],
)
def test_ambiguous_name_needs_context(
    gazetteer: Gazetteer, context: Context, expected: tuple[str | None, str | None]
) -> None:
    resolution = resolve(gazetteer, query("Hyderabad"), context)
    entry = resolution.entry
    assert ((entry.country, entry.admin1) if entry else (None, None)) == expected
    if entry is None:
        assert resolution.detail.startswith("ambiguous")


def test_world_capital_beats_a_namesake_village(gazetteer: Gazetteer) -> None:
    """A report about the United States that names Kabul means the Afghan capital."""
    resolution = resolve(gazetteer, query("Kabul"), Context(main_country="US"))
    assert resolution.entry is not None
    assert resolution.entry.country == "AF"
    assert "capital" in resolution.detail


def test_context_picks_the_state(gazetteer: Gazetteer) -> None:
    state = resolve(gazetteer, query("Washington"), Context(main_country="US"))
    assert state.entry is not None
    assert state.entry.admin1 == "US-DC"
    with_seattle = Context(main_country="US", sentence_places={0: ((1, "US", "US-WA"),)})
    neighbour = resolve(gazetteer, query("Washington"), with_seattle)
    assert neighbour.entry is not None
    assert neighbour.entry.admin1 == "US-WA"


@pytest.mark.parametrize("name", ["Tarinkot", "Barisha"])
def test_foreign_town_needs_size_and_its_own_name(gazetteer: Gazetteer, name: str) -> None:
    """In a report about Syria, a small Afghan town (Tarinkot) is not picked, nor a large
    Bangladeshi city that only has the name as an alternate spelling (Barishal)."""
    assert gazetteer.lookup(name)
    assert resolve(gazetteer, query(name), Context(main_country="SY")).entry is None


def test_old_spelling_of_a_capital(gazetteer: Gazetteer) -> None:
    resolution = resolve(gazetteer, query("Cabool"), Context(main_country="SY"))
    assert resolution.entry is not None
    assert resolution.entry.geonames_id == 1138958


def test_misspelt_province_in_the_report_country(gazetteer: Gazetteer) -> None:
    resolution = resolve(gazetteer, query("Nangarahar"), Context(main_country="AF"))
    assert resolution.entry is not None
    assert resolution.entry.admin1 == "AF-NAN"
    town = resolve(gazetteer, query("Jalalabaad"), Context(main_country="AF"))
    assert town.entry is not None
    assert (town.entry.kind, town.entry.admin1) == ("populated_place", "AF-NAN")
    assert "spelt nearly so" in town.detail
    assert resolve(gazetteer, query("Nangarahar"), Context()).entry is None


def test_weak_mention_needs_a_country(gazetteer: Gazetteer) -> None:
    weak = query("Jilib", strong=False)
    assert resolve(gazetteer, weak, Context()).entry is None
    found = resolve(gazetteer, weak, Context(main_country="SO")).entry
    assert found is not None
    assert found.admin1 == "SO-JD"


# --- vague regions on text alone ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("the northern and northeastern provinces fell", ["northern and northeastern provinces"]),
        (
            "raids in eastern Afghanistan and southern Somalia",
            ["eastern Afghanistan", "southern Somalia"],
        ),
        (
            "across the Sahel, the Lake Chad Basin and northern Afghan provinces",
            ["Sahel", "Lake Chad Basin", "northern Afghan provinces"],
        ),
        ("the western districts of Kunduz", ["western districts of Kunduz"]),
        ("refugees from South Sudan reached North Kivu", []),
        ("the northern province of Balkh", []),
        ("talks in the Northern Province", []),
        ("the army moved east of Kabul", []),
    ],
)
def test_find_regions(gazetteer: Gazetteer, text: str, regions: list[str]) -> None:
    assert [r.text for r in find_regions(text, gazetteer)] == regions
