"""Evaluate the pipeline on a gold directory: analyse every gold report for real, then score it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from warnline.evaluate.gold import load_gold_dir
from warnline.evaluate.score import (
    Accuracy,
    LayerScore,
    Miss,
    ReportScore,
    combine,
    combine_accuracies,
    score_report,
)
from warnline.flow import analyze_report
from warnline.records import Extractor
from warnline.settings import Settings, get_settings

# Called after each report is scored: (reports done, reports in all, the report's name).
Progress = Callable[[int, int, str], None]


class Evaluation(BaseModel):
    """The scores of one evaluation run: per report, and added up per layer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    gold_dir: str
    extractor: Extractor | None
    reports: tuple[ReportScore, ...]

    @property
    def layers(self) -> tuple[LayerScore, ...]:
        """Each layer's counts over all reports."""
        return combine(self.reports)

    @property
    def accuracies(self) -> tuple[Accuracy, ...]:
        """Each attribute checked on matched claims and events, over all reports."""
        return combine_accuracies(self.reports)

    @property
    def misses(self) -> tuple[Miss, ...]:
        """Every miss, report by report."""
        return tuple(miss for report in self.reports for miss in report.misses)

    def to_dict(self, *, misses: bool = True) -> dict[str, Any]:
        """The JSON form: layers by name, accuracies by layer and attribute, each report's
        layers (those it was scored on), and the misses."""
        data: dict[str, Any] = {
            "gold_dir": self.gold_dir,
            "reports": len(self.reports),
            "extractor": self.extractor.model_dump(mode="json") if self.extractor else None,
            "layers": {score.layer: score.measures() for score in self.layers},
            "accuracies": _accuracies_by_layer(self.accuracies),
            "per_report": {
                report.report: {score.layer: score.measures() for score in report.layers}
                for report in self.reports
            },
        }
        if misses:
            data["misses"] = [miss.model_dump(mode="json") for miss in self.misses]
        return data


def _accuracies_by_layer(accuracies: tuple[Accuracy, ...]) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = {}
    for accuracy in accuracies:
        data.setdefault(accuracy.layer, {})[accuracy.attribute] = accuracy.measures()
    return data


def evaluate_gold(
    directory: Path, settings: Settings | None = None, progress: Progress | None = None
) -> Evaluation:
    """Load and check every gold report, analyse each with the real pipeline, and score it."""
    settings = settings or get_settings()
    golds = load_gold_dir(directory, settings)
    scores: list[ReportScore] = []
    extractor: Extractor | None = None
    for done, gold in enumerate(golds, start=1):
        analysis = analyze_report(gold.report, settings)
        extractor = analysis.extractor
        scores.append(score_report(gold, analysis))
        if progress is not None:
            progress(done, len(golds), gold.name)
    return Evaluation(gold_dir=str(directory), extractor=extractor, reports=tuple(scores))
