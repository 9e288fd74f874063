"""Scores: counts per layer, precision, recall and F1, and the misses behind them.

`score_report` compares one report's analysis with its gold annotation, layer by layer (the
rules are in tests/gold/README.md and in the docstrings of `actors.py` and `mentions.py`);
`combine` adds reports up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

from warnline.evaluate.actors import (
    map_actors,
    score_actor_layer,
    score_aliases,
    score_relations,
    score_roles,
)
from warnline.evaluate.gold import GoldReport
from warnline.evaluate.mentions import score_dates, score_places, score_quantities
from warnline.evaluate.tally import Tally
from warnline.records import Analysis

Layer = Literal["actors", "aliases", "roles", "relations", "places", "dates", "quantities"]
LAYERS: tuple[Layer, ...] = get_args(Layer)
MissKind = Literal["FN", "FP"]


class Miss(BaseModel):
    """One thing the extractors missed (FN) or made up (FP), with what it was."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    report: str
    layer: Layer
    kind: MissKind
    what: str


class LayerScore(BaseModel):
    """One layer's counts and the measures computed from them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    layer: Layer
    tp: int
    fp: int
    fn: int

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

    def measures(self) -> dict[str, float | int]:
        """Counts and measures, ready for JSON."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


class ReportScore(BaseModel):
    """One gold report's scores and misses."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    report: str
    layers: tuple[LayerScore, ...]
    misses: tuple[Miss, ...]

    def layer(self, name: Layer) -> LayerScore:
        """The score of one layer."""
        return next(score for score in self.layers if score.layer == name)


def score_report(gold: GoldReport, analysis: Analysis) -> ReportScore:
    """Score one analysis against its gold annotation, every layer."""
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
    return ReportScore(
        report=gold.name,
        layers=tuple(_layer_score(name, tally) for name, tally in tallies.items()),
        misses=tuple(_misses(gold.name, tallies)),
    )


def combine(scores: Sequence[ReportScore]) -> tuple[LayerScore, ...]:
    """The layers' counts added up over reports (micro-averaged measures)."""
    return tuple(
        LayerScore(
            layer=name,
            tp=sum(s.layer(name).tp for s in scores),
            fp=sum(s.layer(name).fp for s in scores),
            fn=sum(s.layer(name).fn for s in scores),
        )
        for name in LAYERS
    )


def _layer_score(name: Layer, tally: Tally) -> LayerScore:
    return LayerScore(layer=name, tp=tally.tp, fp=len(tally.fp), fn=len(tally.fn))


def _misses(report: str, tallies: dict[Layer, Tally]) -> Iterable[Miss]:
    for layer, tally in tallies.items():
        yield from (Miss(report=report, layer=layer, kind="FN", what=w) for w in tally.fn)
        yield from (Miss(report=report, layer=layer, kind="FP", what=w) for w in tally.fp)
