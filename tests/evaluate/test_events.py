"""Event scoring on hand-built analyses: pairing by evidence overlap (the same sub-type first),
one to one, and the type, sub-type, actors, place, date and tolls checked on each pair."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from warnline.evaluate.gold import Annotation, GoldReport
from warnline.evaluate.normalise import occurrences
from warnline.evaluate.score import ReportScore, combine, combine_accuracies, score_report
from warnline.records import (
    Analysis,
    DateRange,
    Document,
    Entity,
    Event,
    Extractor,
    Place,
    Report,
    Span,
    Toll,
)

TEXT = (
    "MAIDUGURI, NIGERIA – Boko Haram fighters attacked an army base in Dikwa on Monday, killing "
    "at least 7 soldiers and wounding 12, the army said. The militants later abducted 20 women "
    "from a nearby village. On Tuesday, the Nigerian Air Force struck Boko Haram camps in the "
    "Sambisa Forest. The strikes went on into the night, killing dozens of fighters.\n"
)
ANNOTATION = """
actors:
  - {name: Boko Haram, kind: armed_group, aliases: [The militants]}
  - {name: Nigerian Army, kind: state_force, aliases: [the army]}
  - {name: Nigerian Air Force, kind: state_force}
places:
  - {text: Dikwa, country: NG, admin1: NG-BO}
  - {text: Sambisa Forest, country: NG, admin1: NG-BO}
events:
  - {type: Battles, sub_type: Armed clash, actor1: Boko Haram, actor2: Nigerian Army,
     place: Dikwa, start: 2024-05-06, end: 2024-05-06, killed: {low: 7}, injured: {best: 12},
     evidence: [attacked an army base in Dikwa]}
  - {type: Violence against civilians, sub_type: Abduction/forced disappearance,
     actor1: Boko Haram, actor2: null, place: null, evidence: [abducted 20 women]}
  - {type: Explosions/Remote violence, sub_type: Air/drone strike, actor1: Nigerian Air Force,
     actor2: Boko Haram, place: Sambisa Forest, start: 2024-05-07, end: 2024-05-07,
     killed: {low: 12}, evidence: [struck Boko Haram camps, killing dozens of fighters]}
"""
BOKO_HARAM, ARMY, AIR_FORCE = "E1", "E2", "E3"
DIKWA, SAMBISA = "P1", "P2"
MONDAY, TUESDAY = dt.date(2024, 5, 6), dt.date(2024, 5, 7)


def _gold(annotation: str = ANNOTATION, name: str = "events") -> GoldReport:
    report = Report(text=TEXT, published=dt.date(2024, 5, 8), origin=f"{name}.md")
    loaded = Annotation.model_validate(yaml.safe_load(annotation))
    return GoldReport(name, Path(f"{name}.md"), report, loaded)


def _span(text: str) -> Span:
    (start, end), *_ = occurrences(text, TEXT)
    return start, end


def _sentence(words: str) -> Span:
    """The sentence of the report that has `words`."""
    start, end = _span(words)
    return TEXT.rfind(". ", 0, start) + 2, TEXT.index(".", end) + 1


PERFECT = (
    Event(
        id="V1",
        type="Battles",
        sub_type="Armed clash",
        actor1=BOKO_HARAM,
        actor2=ARMY,
        place=DIKWA,
        date=DateRange(start=MONDAY, end=MONDAY),
        killed=Toll(best=7, low=7),
        injured=Toll(best=12, low=12, high=12),
        span=(0, _sentence("army base")[1]),
    ),
    Event(
        id="V2",
        type="Violence against civilians",
        sub_type="Abduction/forced disappearance",
        actor1=BOKO_HARAM,
        span=_sentence("abducted"),
    ),
    Event(
        id="V3",
        type="Explosions/Remote violence",
        sub_type="Air/drone strike",
        actor1=AIR_FORCE,
        actor2=BOKO_HARAM,
        place=SAMBISA,
        date=DateRange(start=TUESDAY, end=TUESDAY),
        killed=Toll(best=12, low=12),
        span=_sentence("struck"),
        spans=(_sentence("struck"), _sentence("into the night")),
    ),
)


def _analysis(*events: Event) -> Analysis:
    return Analysis(
        document=Document(id="sha256:events"),
        extractor=Extractor(version="test"),
        entities=(
            Entity(id=BOKO_HARAM, name="Boko Haram", kind="armed_group", mentions=()),
            Entity(id=ARMY, name="Nigerian Army", kind="state_force", mentions=()),
            Entity(id=AIR_FORCE, name="Nigerian Air Force", kind="state_force", mentions=()),
        ),
        places=(
            Place(id=DIKWA, name="Dikwa", mentions=(_span("Dikwa"),), country="NG"),
            Place(id=SAMBISA, name="Sambisa", mentions=(_span("Sambisa Forest"),), country="NG"),
        ),
        events=events,
    )


def _changed(index: int, **changes: object) -> tuple[Event, ...]:
    """The perfect events with one of them changed."""
    return tuple(
        event.model_copy(update=changes) if n == index else event for n, event in enumerate(PERFECT)
    )


def _counts(score: ReportScore) -> tuple[int, int, int]:
    found = score.layer("events")
    assert found is not None
    return found.tp, found.fp, found.fn


def _accuracy(score: ReportScore) -> dict[str, tuple[int, int]]:
    return {a.attribute: (a.right, a.total) for a in score.accuracies if a.layer == "events"}


def _misses(score: ReportScore, kind: str) -> list[str]:
    return [m.what for m in score.misses if m.layer == "events" and m.kind == kind]


def test_the_right_events_score_one() -> None:
    score = score_report(_gold(), _analysis(*PERFECT))
    assert _counts(score) == (3, 0, 0)
    # A date and tolls only where the gold gives them: two dates; killed, injured, killed.
    assert _accuracy(score) == {
        "type": (3, 3),
        "sub_type": (3, 3),
        "actor1": (3, 3),
        "actor2": (3, 3),
        "place": (3, 3),
        "date": (2, 2),
        "tolls": (3, 3),
    }
    assert [m for m in score.misses if m.layer == "events"] == []


def test_an_event_pairs_through_any_of_its_spans() -> None:
    # Only the second span ("killing dozens of fighters") overlaps the strike's evidence.
    away = _span("On Tuesday")
    spans = (away, _sentence("into the night"))
    score = score_report(_gold(), _analysis(*_changed(2, span=away, spans=spans)))
    assert _counts(score) == (3, 0, 0)
    # Without `spans`, `span` is the one that counts; away from all evidence, nothing pairs.
    score = score_report(_gold(), _analysis(*_changed(2, span=away, spans=())))
    assert _counts(score) == (2, 1, 1)
    assert _misses(score, "FN") == [
        "event Air/drone strike (Nigerian Air Force on Boko Haram) 'struck Boko Haram camps' "
        "not found"
    ]
    assert _misses(score, "FP") == ["event Air/drone strike 'On Tuesday' is not in the gold"]


def test_events_pair_once_and_the_same_sub_type_first() -> None:
    # Both predictions cover the first two sentences; listed first, the abduction would take the
    # first gold event in text order. The sub-types decide instead.
    both = (0, _sentence("abducted")[1])
    abduction = PERFECT[1].model_copy(update={"span": both})
    clash = PERFECT[0].model_copy(update={"span": both})
    score = score_report(_gold(), _analysis(abduction, clash, PERFECT[2]))
    assert _counts(score) == (3, 0, 0)
    assert _accuracy(score)["sub_type"] == (3, 3)
    # A second prediction of the same event is a false positive.
    twice = PERFECT[2].model_copy(update={"id": "V4"})
    score = score_report(_gold(), _analysis(*PERFECT, twice))
    assert _counts(score) == (3, 1, 0)


def test_actors_are_checked_per_slot_and_null_equals_null() -> None:
    # The abduction has no actor2 (civilians): a predicted one is wrong; the strike's sides
    # swapped are two wrong slots.
    events = (
        PERFECT[0],
        PERFECT[1].model_copy(update={"actor2": ARMY}),
        PERFECT[2].model_copy(update={"actor1": BOKO_HARAM, "actor2": AIR_FORCE}),
    )
    score = score_report(_gold(), _analysis(*events))
    assert _accuracy(score)["actor1"] == (2, 3)
    assert _accuracy(score)["actor2"] == (1, 3)
    assert _misses(score, "WRONG") == [
        "event 'abducted 20 women' (Abduction/forced disappearance): actor2 Nigerian Army, "
        "want none",
        "event 'struck Boko Haram camps' (Air/drone strike): actor1 Boko Haram, "
        "want Nigerian Air Force",
        "event 'struck Boko Haram camps' (Air/drone strike): actor2 Nigerian Air Force, "
        "want Boko Haram",
    ]


@pytest.mark.parametrize(
    ("index", "place", "right"),
    [
        (0, DIKWA, True),
        (0, SAMBISA, False),
        (0, None, False),
        (1, None, True),  # the gold names no place
        (1, DIKWA, False),
        (2, SAMBISA, True),  # a mention "Sambisa Forest" of a place named "Sambisa"
    ],
)
def test_the_place_is_the_gold_place_by_its_mentions(
    index: int, place: str | None, right: bool
) -> None:
    score = score_report(_gold(), _analysis(*_changed(index, place=place)))
    assert _accuracy(score)["place"] == ((3, 3) if right else (2, 3))


def test_the_date_is_checked_where_the_gold_gives_one() -> None:
    wrong = DateRange(start=MONDAY, end=TUESDAY)
    score = score_report(_gold(), _analysis(*_changed(0, date=wrong)))
    assert _accuracy(score)["date"] == (1, 2)
    assert _misses(score, "WRONG") == [
        "event 'attacked an army base in Dikwa' (Armed clash): date 2024-05-06..2024-05-07, "
        "want 2024-05-06..2024-05-06"
    ]
    score = score_report(_gold(), _analysis(*_changed(2, date=None)))
    assert _accuracy(score)["date"] == (1, 2)
    # The abduction is not dated in the gold: any date goes unchecked.
    score = score_report(_gold(), _analysis(*_changed(1, date=DateRange(start=None, end=None))))
    assert _accuracy(score)["date"] == (2, 2)


@pytest.mark.parametrize(
    ("changes", "right"),
    [
        ({"killed": Toll(low=7)}, True),  # the gold gives only low: best and high are free
        ({"killed": Toll(best=7, low=7, high=9)}, True),
        ({"killed": Toll(best=7, low=8)}, False),
        ({"killed": None}, False),
        # "killed or injured" is never counted as killed.
        ({"killed": None, "killed_or_injured": Toll(low=7)}, False),
        ({"injured": Toll(low=12)}, False),  # the gold gives best 12
    ],
)
def test_a_toll_agrees_on_every_figure_the_gold_gives(
    changes: dict[str, object], right: bool
) -> None:
    score = score_report(_gold(), _analysis(*_changed(0, **changes)))
    assert _accuracy(score)["tolls"] == ((3, 3) if right else (2, 3))
    assert _counts(score) == (3, 0, 0)


def test_a_toll_mismatch_is_listed_as_wrong() -> None:
    score = score_report(_gold(), _analysis(*_changed(0, killed=Toll(best=8, low=8))))
    assert _misses(score, "WRONG") == [
        "event 'attacked an army base in Dikwa' (Armed clash): killed best 8, low 8, want low 7"
    ]


def test_type_and_sub_type_are_checked_on_each_pair() -> None:
    score = score_report(_gold(), _analysis(*_changed(1, type="Battles", sub_type="Armed clash")))
    assert _counts(score) == (3, 0, 0)
    assert _accuracy(score)["type"] == (2, 3)
    assert _accuracy(score)["sub_type"] == (2, 3)


def test_no_predicted_events_is_recall_zero() -> None:
    score = score_report(_gold(), _analysis())
    assert _counts(score) == (0, 0, 3)
    events = score.layer("events")
    assert events is not None
    assert events.recall == 0.0
    assert set(_accuracy(score).values()) == {(0, 0)}


def test_a_report_without_the_layer_is_left_out() -> None:
    unannotated = _gold(ANNOTATION.split("events:")[0], name="no-events")
    assert unannotated.annotation.events is None
    left_out = score_report(unannotated, _analysis(*PERFECT[1:]))
    assert left_out.layer("events") is None
    scored = score_report(_gold(), _analysis(*_changed(0, killed=None)))
    events = next(s for s in combine([scored, left_out]) if s.layer == "events")
    assert (events.reports, events.tp, events.fp, events.fn) == (1, 3, 0, 0)
    tolls = next(a for a in combine_accuracies([left_out, scored]) if a.attribute == "tolls")
    assert (tolls.right, tolls.total, tolls.ratio) == (2, 3, pytest.approx(2 / 3))
