"""Evaluation: score the real pipeline against hand-annotated gold reports (tests/gold/).

`evaluate_gold(directory)` loads and checks the gold files (`gold.py`), analyses each report
with `warnline.flow.analyze_report`, and scores every layer (`score.py`, `actors.py`,
`mentions.py`, `claims.py`, `events.py`) into precision, recall and F1, with accuracies on the
matched claims and events and the misses behind them.
"""

from warnline.evaluate.gold import Annotation, GoldReport, load_gold, load_gold_dir
from warnline.evaluate.run import Evaluation, evaluate_gold
from warnline.evaluate.score import (
    ATTRIBUTES,
    LAYERS,
    Accuracy,
    LayerScore,
    Miss,
    ReportScore,
    score_report,
)

__all__ = [
    "ATTRIBUTES",
    "LAYERS",
    "Accuracy",
    "Annotation",
    "Evaluation",
    "GoldReport",
    "LayerScore",
    "Miss",
    "ReportScore",
    "evaluate_gold",
    "load_gold",
    "load_gold_dir",
    "score_report",
]
