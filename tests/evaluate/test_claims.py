"""Claim scoring on hand-built analyses: pairing by content overlap, one to one, and the
speaker, act, self_interest and quote checked on each pair."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from warnline.evaluate.gold import Annotation, GoldReport
from warnline.evaluate.normalise import occurrences
from warnline.evaluate.score import Accuracy, ReportScore, combine, combine_accuracies, score_report
from warnline.records import Analysis, Claim, Document, Entity, Extractor, Report, Span

TEXT = (
    "KABUL – A Taliban commander said on Tuesday that the group had killed five NRF fighters in "
    "Panjshir. The National Resistance Front (NRF) denied losing any fighters and accused the "
    'Taliban of burning homes. A UN report found that "civilians continue to bear the brunt of '
    'the fighting" in the valley. Residents are believed to have fled to Kabul.\n'
)
ANNOTATION = """
actors:
  - {name: Taliban, kind: armed_group, aliases: [the group]}
  - {name: National Resistance Front, kind: armed_group, aliases: [NRF]}
  - {name: United Nations, kind: organization, aliases: [UN]}
claims:
  - {speaker: Taliban, act: claim_responsibility, content: had killed five NRF fighters,
     quote: indirect, self_interest: true}
  - {speaker: National Resistance Front, act: deny, content: losing any fighters,
     quote: indirect, self_interest: true}
  - {speaker: National Resistance Front, act: accuse, content: Taliban of burning homes,
     quote: indirect, self_interest: false}
  - {speaker: United Nations, act: report, content: continue to bear the brunt, quote: direct,
     self_interest: false}
  - {speaker: null, act: assert, content: have fled to Kabul, quote: indirect,
     self_interest: false, hedged: true}
"""
TALIBAN, NRF, UN = "E1", "E2", "E3"


def _gold(annotation: str = ANNOTATION, name: str = "claims") -> GoldReport:
    report = Report(text=TEXT, published=dt.date(2023, 9, 14), origin=f"{name}.md")
    loaded = Annotation.model_validate(yaml.safe_load(annotation))
    return GoldReport(name, Path(f"{name}.md"), report, loaded)


def _span(text: str, grow: int = 0) -> Span:
    """Where `text` is in the report, `grow` characters wider on each side."""
    (start, end), *_ = occurrences(text, TEXT)
    return start - grow, end + grow


def _claim(content: str, speaker: str | None, act: str, n: int = 1, **changes: object) -> Claim:
    fields: dict[str, object] = {
        "id": f"C{n}",
        "speaker": speaker,
        "cue": "said",
        "act": act,
        "content": content,
        "span": _span(content),
        "quote": "indirect",
        "self_interest": False,
    }
    return Claim.model_validate(fields | changes)


PERFECT = (
    _claim(
        "had killed five NRF fighters",
        None,
        "claim_responsibility",
        1,
        speaker_org=TALIBAN,
        self_interest=True,
    ),
    _claim("losing any fighters", NRF, "deny", 2, self_interest=True),
    _claim("Taliban of burning homes", NRF, "accuse", 3),
    _claim("continue to bear the brunt", UN, "report", 4, quote="direct"),
    _claim("have fled to Kabul", None, "assert", 5),
)


def _analysis(*claims: Claim, nrf_name: str = "National Resistance Front") -> Analysis:
    entities = (
        Entity(id=TALIBAN, name="Taliban", kind="armed_group", mentions=(_span("Taliban"),)),
        Entity(id=NRF, name=nrf_name, kind="armed_group", mentions=(_span("NRF"),)),
        Entity(id=UN, name="United Nations", kind="organization", mentions=(_span("UN"),)),
    )
    return Analysis(
        document=Document(id="sha256:claims"),
        extractor=Extractor(version="test"),
        entities=entities,
        claims=claims,
    )


def _counts(score: ReportScore) -> tuple[int, int, int]:
    found = score.layer("claims")
    assert found is not None
    return found.tp, found.fp, found.fn


def _accuracy(score: ReportScore) -> dict[str, tuple[int, int]]:
    return {a.attribute: (a.right, a.total) for a in score.accuracies if a.layer == "claims"}


def _misses(score: ReportScore, kind: str) -> list[str]:
    return [m.what for m in score.misses if m.layer == "claims" and m.kind == kind]


def test_the_right_claims_score_one() -> None:
    score = score_report(_gold(), _analysis(*PERFECT))
    assert _counts(score) == (5, 0, 0)
    assert _accuracy(score) == {
        "speaker": (5, 5),
        "act": (5, 5),
        "self_interest": (5, 5),
        "quote": (5, 5),
    }
    assert _misses(score, "FN") == _misses(score, "FP") == _misses(score, "WRONG") == []


@pytest.mark.parametrize(
    ("skipped", "paired"),
    [
        (-10, True),  # the whole snippet inside a wider span
        (13, True),  # the span starts 13 characters in: 15 of 28 still inside
        (15, False),  # 13 of 28 inside: less than half
    ],
)
def test_a_claim_pairs_when_most_of_the_snippet_is_inside_its_span(
    skipped: int, paired: bool
) -> None:
    start, end = _span("had killed five NRF fighters")
    # The predicted content starts `skipped` characters into the snippet and runs on past it.
    moved = PERFECT[0].model_copy(update={"span": (start + skipped, end + 12)})
    score = score_report(_gold(), _analysis(moved, *PERFECT[1:]))
    assert _counts(score) == ((5, 0, 0) if paired else (4, 1, 1))
    if not paired:
        assert _misses(score, "FN") == [
            "claim 'had killed five NRF fighters' (claim_responsibility by Taliban) not found"
        ]


def test_a_wide_claim_pairs_once_and_the_best_overlap_goes_first() -> None:
    # One prediction over both NRF statements: it pairs with one, the other is not found.
    sentence = (_span("losing any fighters")[0], _span("Taliban of burning homes")[1])
    wide = _claim("denied losing any fighters and accused", NRF, "deny", 2, span=sentence)
    score = score_report(_gold(), _analysis(PERFECT[0], wide, PERFECT[3], PERFECT[4]))
    assert _counts(score) == (4, 0, 1)
    assert _misses(score, "FN") == [
        "claim 'Taliban of burning homes' (accuse by National Resistance Front) not found"
    ]
    # A prediction over the end of the first and all of the second, listed first: it pairs with
    # the one it covers best, so the exact prediction of the first still pairs with its own.
    both = (
        _span("losing any fighters")[0] + 7,
        _span("Taliban of burning homes")[1],
    )  # 12 of 19, then 24 of 24
    accusation = _claim("any fighters and accused the Taliban", NRF, "accuse", 3, span=both)
    score = score_report(_gold(), _analysis(PERFECT[0], accusation, PERFECT[1], *PERFECT[3:]))
    assert _counts(score) == (5, 0, 0)
    assert _accuracy(score)["act"] == (5, 5)


def test_speakers_map_through_the_actor_match_and_null_equals_null() -> None:
    # The NRF entity is named by its acronym: it still stands for the gold actor.
    score = score_report(_gold(), _analysis(*PERFECT, nrf_name="NRF"))
    assert _accuracy(score)["speaker"] == (5, 5)
    # A named speaker where the gold has none, and none where the gold names one.
    wrong = (
        PERFECT[0].model_copy(update={"speaker_org": None}),
        *PERFECT[1:4],
        PERFECT[4].model_copy(update={"speaker": UN}),
    )
    score = score_report(_gold(), _analysis(*wrong))
    assert _counts(score) == (5, 0, 0)
    assert _accuracy(score)["speaker"] == (3, 5)
    assert _misses(score, "WRONG") == [
        "claim 'had killed five NRF fighters': speaker none, want Taliban",
        "claim 'have fled to Kabul': speaker United Nations, want none",
    ]


def test_act_self_interest_and_quote_are_checked_on_each_pair() -> None:
    changed = (
        PERFECT[0].model_copy(update={"act": "assert"}),
        PERFECT[1].model_copy(update={"self_interest": False}),
        PERFECT[2],
        PERFECT[3].model_copy(update={"quote": "mixed"}),
        PERFECT[4],
    )
    score = score_report(_gold(), _analysis(*changed))
    assert _counts(score) == (5, 0, 0)
    assert _accuracy(score) == {
        "speaker": (5, 5),
        "act": (4, 5),
        "self_interest": (4, 5),
        "quote": (4, 5),
    }
    assert _misses(score, "WRONG") == [
        "claim 'had killed five NRF fighters': act assert, want claim_responsibility",
        "claim 'losing any fighters': self_interest False, want True",
        "claim 'continue to bear the brunt': quote mixed, want direct",
    ]


def test_an_unpaired_claim_is_a_false_positive() -> None:
    stray = _claim("Residents are believed", None, "assert", 9)
    stray = stray.model_copy(update={"span": _span("A UN report found")})
    score = score_report(_gold(), _analysis(*PERFECT, stray))
    assert _counts(score) == (5, 1, 0)
    assert _misses(score, "FP") == ["claim 'Residents are believed' (assert) is not in the gold"]


def test_no_predicted_claims_is_recall_zero() -> None:
    score = score_report(_gold(), _analysis())
    assert _counts(score) == (0, 0, 5)
    claims = score.layer("claims")
    assert claims is not None
    assert (claims.precision, claims.recall, claims.f1) == (0.0, 0.0, 0.0)
    assert _accuracy(score) == dict.fromkeys(("speaker", "act", "self_interest", "quote"), (0, 0))


def test_a_report_without_the_layer_is_left_out() -> None:
    unannotated = _gold(ANNOTATION.split("claims:")[0], name="no-claims")
    assert unannotated.annotation.claims is None
    left_out = score_report(unannotated, _analysis(*PERFECT))
    assert left_out.layer("claims") is None
    assert [a for a in left_out.accuracies if a.layer == "claims"] == []
    assert not [m for m in left_out.misses if m.layer == "claims"]
    # Added to a scored report, it changes nothing in the claim counts or accuracies.
    scored = score_report(_gold(), _analysis(*PERFECT[:3]))
    claims = next(s for s in combine([scored, left_out]) if s.layer == "claims")
    assert (claims.reports, claims.tp, claims.fp, claims.fn) == (1, 3, 0, 2)
    assert Accuracy(layer="claims", attribute="speaker", right=3, total=3) in combine_accuracies(
        [scored, left_out]
    )
    # No report with the layer: counted over none, so no measures at all.
    nothing = next(s for s in combine([left_out]) if s.layer == "claims")
    assert nothing.reports == 0
    assert nothing.measures()["f1"] is None


def test_an_empty_layer_makes_every_claim_a_false_positive() -> None:
    empty = _gold(ANNOTATION.split("claims:")[0] + "claims: []\n")
    assert empty.annotation.claims == ()
    score = score_report(empty, _analysis(*PERFECT[:2]))
    assert _counts(score) == (0, 2, 0)
