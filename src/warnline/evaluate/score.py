"""Scores: counts per layer, precision, recall and F1, accuracies on matched pairs, and the
misses behind them.

`score_report` compares one report's analysis with its gold annotation, layer by layer (the
rules are in tests/gold/README.md and in the docstrings of `actors.py`, `mentions.py`,
`claims.py` and `events.py`); `combine` and `combine_accuracies` add reports up. The claims and
events layers are scored only on reports whose annotation has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

from warnline.evaluate.actors import (
    map_actors,
    names_of,
    score_actor_layer,
    score_aliases,
    score_relations,
    score_roles,
)
from warnline.evaluate.claims import CLAIM_ATTRIBUTES, score_claims
from warnline.evaluate.events import EVENT_ATTRIBUTES, score_events
from warnline.evaluate.gold import GoldReport
from warnline.evaluate.mentions import score_dates, score_places, score_quantities
from warnline.evaluate.tally import Checks, Tally
from warnline.records import Analysis

Layer = Literal[
    "actors", "aliases", "roles", "relations", "places", "dates", "quantities", "claims", "events"
]
LAYERS: tuple[Layer, ...] = get_args(Layer)
# The attributes checked on the matched pairs of a layer, in the order they are shown.
ATTRIBUTES: dict[Layer, tuple[str, ...]] = {
    "claims": CLAIM_ATTRIBUTES,
    "events": EVENT_ATTRIBUTES,
}
# FN: a gold item not found; FP: a prediction not in the gold; WRONG: an attribute of a
# matched pair that differs from the gold (a claim's speaker, an event's toll).
MissKind = Literal["FN", "FP", "WRONG"]


class Miss(BaseModel):
    """One thing the extractors missed (FN), made up (FP) or got wrong on a match (WRONG)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    report: str
    layer: Layer
    kind: MissKind
    what: str


class LayerScore(BaseModel):
    """One layer's counts, over how many reports, and the measures computed from them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    layer: Layer
    tp: int
    fp: int
    fn: int
    # How many reports were scored on this layer (claims and events: those annotated for it).
    reports: int = 1

    @property
    def precision(self) -> float:
        """TP / (TP + FP); with nothing predicted, 1.0 if there was nothing to find, else 0.0."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else float(self.fn == 0)

    @property
    def recall(self) -> float:
        """TP / (TP + FN); with nothing to find, 1.0."""
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0.0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def measures(self) -> dict[str, float | int | None]:
        """Counts and measures, ready for JSON; no measures for a layer no report was scored on."""
        scored = self.reports > 0
        return {
            "reports": self.reports,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4) if scored else None,
            "recall": round(self.recall, 4) if scored else None,
            "f1": round(self.f1, 4) if scored else None,
        }


class Accuracy(BaseModel):
    """How often one attribute of the matched pairs of a layer is right (a claim's speaker)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    layer: Layer
    attribute: str
    right: int
    total: int

    @property
    def ratio(self) -> float | None:
        """right / total; None when nothing was checked."""
        return self.right / self.total if self.total else None

    def measures(self) -> dict[str, float | int | None]:
        """Counts and ratio, ready for JSON."""
        ratio = self.ratio
        return {
            "right": self.right,
            "total": self.total,
            "accuracy": None if ratio is None else round(ratio, 4),
        }


class ReportScore(BaseModel):
    """One gold report's scores, accuracies and misses (only the layers it was scored on)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    report: str
    layers: tuple[LayerScore, ...]
    accuracies: tuple[Accuracy, ...] = ()
    misses: tuple[Miss, ...]

    def layer(self, name: Layer) -> LayerScore | None:
        """The score of one layer; None when the report's annotation leaves the layer out."""
        return next((score for score in self.layers if score.layer == name), None)


def score_report(gold: GoldReport, analysis: Analysis) -> ReportScore:
    """Score one analysis against its gold annotation: every layer the annotation has."""
    annotation, text = gold.annotation, gold.report.text
    mapping = map_actors(annotation, analysis, text)
    tallies: dict[Layer, Tally] = {
        "actors": score_actor_layer(mapping),
        "aliases": score_aliases(analysis, mapping, text),
        "roles": score_roles(annotation, analysis, mapping),
        "relations": score_relations(annotation, analysis, mapping),
        "places": score_places(annotation, analysis, text),
        "dates": score_dates(annotation, analysis, text),
        "quantities": score_quantities(annotation, analysis, text),
    }
    checks: dict[Layer, Checks] = {}
    names = names_of(analysis, mapping)
    if annotation.claims is not None:
        tallies["claims"], checks["claims"] = score_claims(
            annotation.claims, analysis.claims, names, text
        )
    if annotation.events is not None:
        tallies["events"], checks["events"] = score_events(
            annotation.events, analysis.events, analysis.places, names, text
        )
    return ReportScore(
        report=gold.name,
        layers=tuple(_layer_score(name, tally) for name, tally in tallies.items()),
        accuracies=tuple(_accuracies(checks)),
        misses=tuple(_misses(gold.name, tallies, checks)),
    )


def combine(scores: Sequence[ReportScore]) -> tuple[LayerScore, ...]:
    """Each layer's counts added up over the reports scored on it (micro-averaged measures)."""
    combined: list[LayerScore] = []
    for name in LAYERS:
        scored = [score for score in (s.layer(name) for s in scores) if score is not None]
        combined.append(
            LayerScore(
                layer=name,
                tp=sum(s.tp for s in scored),
                fp=sum(s.fp for s in scored),
                fn=sum(s.fn for s in scored),
                reports=len(scored),
            )
        )
    return tuple(combined)


def combine_accuracies(scores: Sequence[ReportScore]) -> tuple[Accuracy, ...]:
    """Each checked attribute's right and total counts added up over reports."""
    found = [accuracy for score in scores for accuracy in score.accuracies]
    return tuple(
        Accuracy(
            layer=layer,
            attribute=attribute,
            right=sum(a.right for a in found if (a.layer, a.attribute) == (layer, attribute)),
            total=sum(a.total for a in found if (a.layer, a.attribute) == (layer, attribute)),
        )
        for layer, attributes in ATTRIBUTES.items()
        for attribute in attributes
    )


def _layer_score(name: Layer, tally: Tally) -> LayerScore:
    return LayerScore(layer=name, tp=tally.tp, fp=len(tally.fp), fn=len(tally.fn))


def _accuracies(checks: dict[Layer, Checks]) -> Iterable[Accuracy]:
    for layer, checked in checks.items():
        for attribute in checked.attributes:
            right, total = checked.right.get(attribute, 0), checked.total.get(attribute, 0)
            yield Accuracy(layer=layer, attribute=attribute, right=right, total=total)


def _misses(
    report: str, tallies: dict[Layer, Tally], checks: dict[Layer, Checks]
) -> Iterable[Miss]:
    for layer, tally in tallies.items():
        yield from (Miss(report=report, layer=layer, kind="FN", what=w) for w in tally.fn)
        yield from (Miss(report=report, layer=layer, kind="FP", what=w) for w in tally.fp)
        wrong = checks[layer].wrong if layer in checks else []
        yield from (Miss(report=report, layer=layer, kind="WRONG", what=w) for w in wrong)
