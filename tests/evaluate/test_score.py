"""Scoring rules on hand-built analyses: what counts as a TP, an FP and an FN in each layer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from warnline.evaluate.gold import Annotation, GoldReport, load_gold_dir
from warnline.evaluate.normalise import name_key, occurrences, place_key
from warnline.evaluate.render import accuracy_shown
from warnline.evaluate.score import (
    ATTRIBUTES,
    LAYERS,
    Accuracy,
    LayerScore,
    ReportScore,
    combine,
    score_report,
)
from warnline.evaluate.tally import excerpt
from warnline.records import (
    Analysis,
    Claim,
    DateMention,
    DateRange,
    Document,
    Entity,
    Event,
    Extractor,
    Place,
    Quantity,
    Relation,
    Report,
    Role,
    Span,
    Toll,
)

GOLD = Path(__file__).resolve().parent.parent / "gold"

TEXT = (
    "KANO, NIGERIA – Gunmen killed at least 12 villagers in Kano State on Monday, police said. "
    "The Nigerian Army (NA) said it had sent troops. Its spokesman, Onyema Nwachukwu, said the "
    "army would hunt the attackers, who have raided villages near Kano in recent weeks. "
    "Nwachukwu said on Monday that dozens of people had fled. The army is fighting Boko Haram.\n"
)
ANNOTATION = """
actors:
  - {name: Nigerian Army, kind: state_force, aliases: [NA, the army]}
  - {name: Onyema Nwachukwu, kind: person, aliases: [Nwachukwu]}
  - {name: Boko Haram, kind: armed_group}
roles:
  - {person: Onyema Nwachukwu, title: spokesman, of: Nigerian Army}
relations:
  - [Onyema Nwachukwu, spokesperson_of, Nigerian Army]
  - [Nigerian Army, opposes, Boko Haram]
places:
  - {text: Kano, country: NG, admin1: NG-KN}
  - {text: Nigeria, country: NG, admin1: null}
dates:
  - {text: Monday, start: 2024-05-06, end: 2024-05-06}
  - {text: recent weeks, vague: true}
quantities:
  - {text: at least 12, value: 12, qualifier: at_least}
  - {text: dozens, value: 12, qualifier: vague}
not_actors: [Gunmen]
claims:
  - {speaker: null, act: report, content: killed at least 12 villagers, quote: indirect,
     self_interest: false}
  - {speaker: Nigerian Army, act: assert, content: it had sent troops, quote: indirect,
     self_interest: true}
  - {speaker: Onyema Nwachukwu, act: warn, content: would hunt the attackers, quote: indirect,
     self_interest: true}
  - {speaker: Onyema Nwachukwu, act: assert, content: dozens of people had fled, quote: indirect,
     self_interest: false}
events:
  - {type: Violence against civilians, sub_type: Attack, actor1: null, actor2: null, place: Kano,
     start: 2024-05-06, end: 2024-05-06, killed: {low: 12},
     evidence: [Gunmen killed at least 12 villagers]}
  - {type: Battles, sub_type: Armed clash, actor1: Nigerian Army, actor2: Boko Haram,
     evidence: [The army is fighting Boko Haram]}
"""


GUNMEN = (TEXT.index("Gunmen"), TEXT.index("Gunmen") + 6)
POLICE = (TEXT.index("police"), TEXT.index("police") + 6)


def _gold(text: str = TEXT, annotation: str = ANNOTATION) -> GoldReport:
    report = Report(text=text, published=dt.date(2024, 5, 8), origin="test.md")
    return GoldReport(
        "test", Path("test.md"), report, Annotation.model_validate(yaml.safe_load(annotation))
    )


def _first(text: str, report_text: str) -> Span:
    spans = occurrences(text, report_text) or occurrences(text, report_text, ignore_case=True)
    return spans[0]


def perfect_analysis(gold: GoldReport) -> Analysis:
    """What a perfect extractor would say about a gold report."""
    text, annotation = gold.report.text, gold.annotation
    ids = {actor.name: f"E{n}" for n, actor in enumerate(annotation.actors, start=1)}
    entities = [
        Entity(
            id=ids[actor.name],
            name=actor.name,
            kind=actor.kind,
            aliases=actor.aliases,
            mentions=tuple(_first(alias, text) for alias in actor.aliases),
            roles=tuple(
                Role(title=role.title, of=ids[role.of] if role.of else None)
                for role in annotation.roles
                if role.person == actor.name
            ),
        )
        for actor in annotation.actors
    ]
    places = {place_key(place.text): f"P{n}" for n, place in enumerate(annotation.places, start=1)}
    return Analysis(
        document=Document(id="sha256:test", published=gold.report.published),
        extractor=Extractor(version="test"),
        entities=tuple(entities),
        places=tuple(
            Place(
                id=f"P{n}",
                name=place.text,
                mentions=(_first(place.text, text),),
                country=place.country,
                admin1=place.admin1,
            )
            for n, place in enumerate(annotation.places, start=1)
        ),
        dates=tuple(
            DateMention(text=d.text, span=_first(d.text, text), start=d.start, end=d.end)
            for d in annotation.dates
        ),
        quantities=tuple(
            Quantity(text=q.text, span=_first(q.text, text), value=q.value, qualifier=q.qualifier)
            for q in annotation.quantities
        ),
        relations=tuple(
            Relation(subject=ids[s], predicate=p, object=ids[o], span=(0, 1))
            for s, p, o in annotation.relations
        ),
        claims=tuple(_perfect_claims(annotation, ids, text)),
        events=tuple(_perfect_events(annotation, ids, places, text)),
    )


def _perfect_claims(annotation: Annotation, ids: dict[str, str], text: str) -> Iterator[Claim]:
    for n, claim in enumerate(annotation.claims or (), start=1):
        yield Claim(
            id=f"C{n}",
            speaker=ids[claim.speaker] if claim.speaker else None,
            cue="said",
            act=claim.act,
            content=claim.content,
            span=_first(claim.content, text),
            quote=claim.quote,
            self_interest=claim.self_interest,
        )


def _perfect_events(
    annotation: Annotation, ids: dict[str, str], places: dict[str, str], text: str
) -> Iterator[Event]:
    for n, event in enumerate(annotation.events or (), start=1):
        spans = tuple(_first(snippet, text) for snippet in event.evidence)
        dated = event.start is not None or event.end is not None
        yield Event(
            id=f"V{n}",
            type=event.type,
            sub_type=event.sub_type,
            actor1=ids[event.actor1] if event.actor1 else None,
            actor2=ids[event.actor2] if event.actor2 else None,
            place=places[place_key(event.place)] if event.place else None,
            date=DateRange(start=event.start, end=event.end) if dated else None,
            killed=Toll(**event.killed.model_dump()) if event.killed else None,
            injured=Toll(**event.injured.model_dump()) if event.injured else None,
            killed_or_injured=(
                Toll(**event.killed_or_injured.model_dump()) if event.killed_or_injured else None
            ),
            span=spans[0],
            spans=spans,
        )


def _counts(score: ReportScore, layer: str) -> tuple[int, int, int]:
    found = next(s for s in score.layers if s.layer == layer)
    return found.tp, found.fp, found.fn


def _misses(score: ReportScore, layer: str, kind: str) -> list[str]:
    return [m.what for m in score.misses if m.layer == layer and m.kind == kind]


def _replace_entity(analysis: Analysis, entity_id: str, **changes: object) -> Analysis:
    entities = tuple(
        e.model_copy(update=changes) if e.id == entity_id else e for e in analysis.entities
    )
    return analysis.model_copy(update={"entities": entities})


# --- a perfect analysis -----------------------------------------------------------------------


def test_perfect_analysis_scores_one_everywhere() -> None:
    gold = _gold()
    score = score_report(gold, perfect_analysis(gold))
    assert [s.layer for s in score.layers] == list(LAYERS)
    for layer in score.layers:
        assert (layer.precision, layer.recall, layer.f1) == (1.0, 1.0, 1.0), layer
        assert layer.tp > 0
    checked = [(a.layer, a.attribute) for a in score.accuracies]
    assert checked == [(layer, a) for layer, names in ATTRIBUTES.items() for a in names]
    assert all(a.right == a.total > 0 for a in score.accuracies)
    assert score.misses == ()


@pytest.mark.parametrize("gold", load_gold_dir(GOLD), ids=lambda g: g.name)
def test_every_gold_report_is_reachable(gold: GoldReport) -> None:
    """A perfect extractor gets full marks on each real gold report: the rules are consistent."""
    score = score_report(gold, perfect_analysis(gold))
    assert score.misses == ()
    assert all(layer.f1 == 1.0 for layer in score.layers)


# --- actors -----------------------------------------------------------------------------------


def test_a_missing_actor_lowers_recall_only() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    analysis = analysis.model_copy(
        update={"entities": tuple(e for e in analysis.entities if e.name != "Boko Haram")}
    )
    score = score_report(gold, analysis)
    actors = score.layers[0]
    assert (actors.tp, actors.fp, actors.fn) == (2, 0, 1)
    assert actors.precision == 1.0
    assert actors.recall == pytest.approx(2 / 3)
    assert _misses(score, "actors", "FN") == ["'Boko Haram' (armed_group) not found"]
    # The relation with the missing actor cannot be found either.
    assert _counts(score, "relations") == (1, 1, 1)


def test_an_actor_matches_through_an_alias_and_spelling() -> None:
    gold = _gold()
    analysis = _replace_entity(perfect_analysis(gold), "E1", name="the NA’s", aliases=())
    score = score_report(gold, analysis)
    assert _counts(score, "actors") == (3, 0, 0)


def test_an_unknown_entity_is_a_false_positive() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    extra = Entity(id="E9", name="Police", kind="state_force", mentions=(POLICE,))
    score = score_report(
        gold, analysis.model_copy(update={"entities": (*analysis.entities, extra)})
    )
    assert _counts(score, "actors") == (3, 1, 0)
    assert _misses(score, "actors", "FP") == ["'Police' (state_force) is not a gold actor"]


def test_a_second_entity_for_one_actor_is_a_false_positive() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    start = TEXT.index("Nwachukwu said on Monday")
    twin = Entity(
        id="E9",
        name="Nwachukwu",
        kind="organization",
        mentions=((start, start + 9),),
        roles=(Role(title="spokesman", of="E1"),),
    )
    entities = (*analysis.entities, twin)
    score = score_report(gold, analysis.model_copy(update={"entities": entities}))
    assert _counts(score, "actors") == (3, 1, 0)
    assert "second entity for 'Onyema Nwachukwu'" in _misses(score, "actors", "FP")[0]
    # Its role maps to the gold person, and the same role said twice counts once.
    assert _counts(score, "roles") == (1, 0, 0)


def test_a_place_tagged_as_an_organisation_is_left_to_the_places() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    kano = [(s, e) for s, e in occurrences("Kano", TEXT)]
    as_actor = Entity(id="E9", name="Kano", kind="organization", mentions=tuple(kano))
    entities = (*analysis.entities, as_actor)
    score = score_report(gold, analysis.model_copy(update={"entities": entities}))
    assert _counts(score, "actors") == (3, 0, 0)
    # With one mention that is not a gold place, it is an actor, and a wrong one.
    stray = as_actor.model_copy(update={"mentions": (*kano, GUNMEN)})
    entities = (*analysis.entities, stray)
    score = score_report(gold, analysis.model_copy(update={"entities": entities}))
    assert _counts(score, "actors") == (3, 1, 0)


def test_not_actors_are_always_false_positives() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    gunmen = Entity(id="E9", name="Gunmen", kind="armed_group", mentions=(GUNMEN,))
    entities = (*analysis.entities, gunmen)
    score = score_report(gold, analysis.model_copy(update={"entities": entities}))
    assert _counts(score, "actors") == (3, 1, 0)
    assert _misses(score, "actors", "FP") == ["'Gunmen' is not an actor"]


# --- aliases ----------------------------------------------------------------------------------


def test_alias_credit_from_aliases_and_mentions() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    army_mention = _first("the army", TEXT)
    # "NA" as an alias, "the army" only as a mention: both count; an invented alias is an FP.
    analysis = _replace_entity(
        analysis, "E1", aliases=("NA", "the troops"), mentions=(army_mention,)
    )
    score = score_report(gold, analysis)
    assert _counts(score, "aliases") == (3, 1, 0)
    assert _misses(score, "aliases", "FP") == ["'the troops' is not an alias of 'Nigerian Army'"]


def test_a_missing_alias_is_a_false_negative() -> None:
    gold = _gold()
    analysis = _replace_entity(perfect_analysis(gold), "E2", aliases=(), mentions=())
    score = score_report(gold, analysis)
    assert _counts(score, "aliases") == (2, 0, 1)
    assert _misses(score, "aliases", "FN") == ["'Nwachukwu' not folded into 'Onyema Nwachukwu'"]


# --- roles and relations ----------------------------------------------------------------------


def test_role_titles_fit_by_containment() -> None:
    gold = _gold()
    roles = (Role(title="its spokesman", of="E1"),)
    score = score_report(gold, _replace_entity(perfect_analysis(gold), "E2", roles=roles))
    assert _counts(score, "roles") == (1, 0, 0)
    wrong = (Role(title="commander", of="E1"),)
    score = score_report(gold, _replace_entity(perfect_analysis(gold), "E2", roles=wrong))
    assert _counts(score, "roles") == (0, 1, 1)


def test_the_same_title_is_preferred_and_repeats_count_once() -> None:
    gold = _gold()
    roles = (
        Role(title="Its spokesman, Onyema", of="E1"),
        Role(title="spokesman", of="E1"),
        Role(title="spokesman", of="E1"),
    )
    score = score_report(gold, _replace_entity(perfect_analysis(gold), "E2", roles=roles))
    assert _counts(score, "roles") == (1, 1, 0)
    assert _misses(score, "roles", "FP") == [
        "Onyema Nwachukwu as 'Its spokesman, Onyema' of Nigerian Army"
    ]


def test_a_role_of_nothing_accepts_any_organisation() -> None:
    gold = _gold(
        annotation=ANNOTATION.replace("spokesman, of: Nigerian Army", "spokesman, of: null")
    )
    assert _counts(score_report(gold, perfect_analysis(gold)), "roles") == (1, 0, 0)
    with_of = (Role(title="spokesman", of="E3"),)
    analysis = _replace_entity(perfect_analysis(gold), "E2", roles=with_of)
    assert _counts(score_report(gold, analysis), "roles") == (1, 0, 0)


def test_symmetric_relations_match_either_way() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    flipped = tuple(
        r.model_copy(update={"subject": r.object, "object": r.subject}) for r in analysis.relations
    )
    score = score_report(gold, analysis.model_copy(update={"relations": flipped}))
    # opposes is symmetric, spokesperson_of is not.
    assert _counts(score, "relations") == (1, 1, 1)
    assert _misses(score, "relations", "FP") == ["Nigerian Army spokesperson_of Onyema Nwachukwu"]


# --- places -----------------------------------------------------------------------------------


def test_wrong_admin1_is_a_false_negative_and_a_false_positive() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    places = tuple(
        p.model_copy(update={"admin1": "NG-KD"}) if p.name == "Kano" else p for p in analysis.places
    )
    score = score_report(gold, analysis.model_copy(update={"places": places}))
    assert _counts(score, "places") == (1, 1, 1)
    assert _misses(score, "places", "FN") == ["'Kano' placed at NG/NG-KD, not NG/NG-KN"]


def test_place_mentions_match_without_designator_or_case() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    start = TEXT.index("Kano State")
    places = tuple(
        p.model_copy(update={"mentions": ((start, start + 10),)}) if p.name == "Kano" else p
        for p in analysis.places
    )
    score = score_report(gold, analysis.model_copy(update={"places": places}))
    assert _counts(score, "places") == (2, 0, 0)
    assert place_key("KANO") == place_key("Kano State") == "kano"


def test_an_unknown_place_is_a_false_positive() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    extra = Place(id="P9", name="Gunmen", mentions=(GUNMEN,), country="NG")
    score = score_report(gold, analysis.model_copy(update={"places": (*analysis.places, extra)}))
    assert _counts(score, "places") == (2, 1, 0)


def test_a_null_admin1_must_be_null() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    places = tuple(
        p.model_copy(update={"admin1": "NG-KN"}) if p.name == "Nigeria" else p
        for p in analysis.places
    )
    score = score_report(gold, analysis.model_copy(update={"places": places}))
    assert _counts(score, "places") == (1, 1, 1)


# --- dates ------------------------------------------------------------------------------------


def _with_dates(analysis: Analysis, *dates: DateMention) -> Analysis:
    return analysis.model_copy(update={"dates": dates})


def test_a_vague_date_only_needs_detecting() -> None:
    gold = _gold()
    monday = perfect_analysis(gold).dates[0]
    vague = DateMention(text="recent weeks", span=_first("recent weeks", TEXT))
    score = score_report(gold, _with_dates(perfect_analysis(gold), monday, vague))
    assert _counts(score, "dates") == (2, 0, 0)
    resolved = vague.model_copy(update={"start": dt.date(2024, 4, 1), "end": dt.date(2024, 5, 8)})
    score = score_report(gold, _with_dates(perfect_analysis(gold), monday, resolved))
    assert _counts(score, "dates") == (2, 0, 0)


def test_a_wrong_resolution_is_a_false_negative_and_a_false_positive() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    wrong = analysis.dates[0].model_copy(update={"start": dt.date(2024, 5, 13)})
    score = score_report(gold, _with_dates(analysis, wrong, analysis.dates[1]))
    assert _counts(score, "dates") == (1, 1, 1)
    assert _misses(score, "dates", "FN") == [
        "date 'Monday': got 2024-05-13..2024-05-06, want 2024-05-06..2024-05-06"
    ]


def test_a_longer_or_shorter_date_text_still_pairs() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    span = _first("recent weeks", TEXT)
    longer = DateMention(text="in recent weeks", span=(span[0] - 3, span[1]))
    score = score_report(gold, _with_dates(analysis, analysis.dates[0], longer))
    assert _counts(score, "dates") == (2, 0, 0)


def test_an_unpaired_date_is_a_false_positive_and_a_repeat_is_not() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    second_monday = TEXT.index("Monday", TEXT.index("Nwachukwu said"))
    repeat = analysis.dates[0].model_copy(update={"span": (second_monday, second_monday + 6)})
    stray = DateMention(text="police", span=POLICE)
    score = score_report(gold, _with_dates(analysis, *analysis.dates, repeat, stray))
    assert _counts(score, "dates") == (2, 1, 0)
    assert _misses(score, "dates", "FP") == ["date 'police' (unresolved) is not in the gold"]


def test_an_undetected_date_is_a_false_negative() -> None:
    gold = _gold()
    score = score_report(gold, _with_dates(perfect_analysis(gold)))
    assert _counts(score, "dates") == (0, 0, 2)


# --- quantities -------------------------------------------------------------------------------


def test_quantity_value_and_qualifier_must_both_agree() -> None:
    gold = _gold()
    analysis = perfect_analysis(gold)
    at_least, dozens = analysis.quantities
    exact = at_least.model_copy(update={"qualifier": "exact", "text": "at least 12 villagers"})
    score = score_report(gold, analysis.model_copy(update={"quantities": (exact, dozens)}))
    assert _counts(score, "quantities") == (1, 1, 1)
    assert _misses(score, "quantities", "FN") == [
        "quantity 'at least 12': got 12 exact, want 12 at_least"
    ]
    no_value = dozens.model_copy(update={"value": None})
    score = score_report(gold, analysis.model_copy(update={"quantities": (at_least, no_value)}))
    assert _counts(score, "quantities") == (1, 1, 1)


# --- measures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "precision", "recall", "f1"),
    [
        (0, 0, 0, 1.0, 1.0, 1.0),
        (0, 0, 3, 0.0, 0.0, 0.0),
        (0, 2, 0, 0.0, 1.0, 0.0),
        (3, 1, 0, 0.75, 1.0, 6 / 7),
        (2, 2, 2, 0.5, 0.5, 0.5),
    ],
)
def test_measures(tp: int, fp: int, fn: int, precision: float, recall: float, f1: float) -> None:
    score = LayerScore(layer="actors", tp=tp, fp=fp, fn=fn)
    assert score.precision == pytest.approx(precision)
    assert score.recall == pytest.approx(recall)
    assert score.f1 == pytest.approx(f1)
    assert score.measures()["tp"] == tp


def test_a_layer_scored_on_no_report_has_no_measures() -> None:
    measures = LayerScore(layer="claims", tp=0, fp=0, fn=0, reports=0).measures()
    assert measures == {
        "reports": 0,
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "precision": None,
        "recall": None,
        "f1": None,
    }


@pytest.mark.parametrize(
    ("right", "total", "ratio", "shown"),
    [(2, 3, 0.6667, "2/3 = 0.667"), (4, 4, 1.0, "4/4 = 1.000"), (0, 0, None, "0/0 = -")],
)
def test_accuracies(right: int, total: int, ratio: float | None, shown: str) -> None:
    accuracy = Accuracy(layer="events", attribute="tolls", right=right, total=total)
    assert accuracy.measures() == {"right": right, "total": total, "accuracy": ratio}
    assert accuracy_shown(accuracy) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("the army  said\nit", "the army said it"),
        ("word " * 20, "word " * 11 + "word…"),
    ],
)
def test_a_predicted_text_in_a_miss_is_one_short_line(text: str, shown: str) -> None:
    assert excerpt(text) == shown
    assert len(excerpt(text)) <= 60


def test_combine_adds_counts_over_reports() -> None:
    gold = _gold()
    perfect = score_report(gold, perfect_analysis(gold))
    empty = score_report(gold, perfect_analysis(gold).model_copy(update={"entities": ()}))
    actors = combine([perfect, empty])[0]
    assert (actors.layer, actors.tp, actors.fp, actors.fn) == ("actors", 3, 0, 3)
    assert actors.recall == 0.5


def test_name_keys() -> None:
    assert name_key("The NRF’s") == name_key("NRF") == "nrf"
    assert name_key("  the   Houthis' ") == "houthis"
