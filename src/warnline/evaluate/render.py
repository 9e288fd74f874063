"""Rich tables of an evaluation: the scores per layer, the accuracies on matched pairs, then the
misses."""

from __future__ import annotations

from rich.table import Table

from warnline.evaluate.run import Evaluation
from warnline.evaluate.score import Accuracy

_NOTHING = "-"


def evaluation_tables(evaluation: Evaluation, *, misses: bool = True) -> list[Table]:
    """The scores and accuracies tables, and the misses table unless `misses` is false."""
    tables = [scores_table(evaluation), accuracies_table(evaluation)]
    if misses:
        tables.append(misses_table(evaluation))
    return tables


def scores_table(evaluation: Evaluation) -> Table:
    """Layer, reports scored, TP, FP, FN, precision, recall, F1 ("-" for a layer no report has)."""
    title = f"warnline eval: {len(evaluation.reports)} gold reports in {evaluation.gold_dir}"
    if evaluation.extractor is not None:
        title += f" (warnline {evaluation.extractor.version})"
    table = Table(title=title)
    table.add_column("layer")
    for column in ("reports", "TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for score in evaluation.layers:
        measures = (score.precision, score.recall, score.f1)
        table.add_row(
            score.layer,
            str(score.reports),
            str(score.tp),
            str(score.fp),
            str(score.fn),
            *(f"{m:.3f}" if score.reports else _NOTHING for m in measures),
        )
    return table


def accuracies_table(evaluation: Evaluation) -> Table:
    """Layer, attribute, and how often it is right on the matched pairs."""
    table = Table(title="Accuracy on matched claims and events")
    table.add_column("layer")
    table.add_column("attribute")
    table.add_column("right/total = accuracy", justify="right")
    for accuracy in evaluation.accuracies:
        table.add_row(accuracy.layer, accuracy.attribute, accuracy_shown(accuracy))
    return table


def accuracy_shown(accuracy: Accuracy) -> str:
    """`right/total = ratio`, e.g. "7/9 = 0.778" ("0/0 = -" when nothing was checked)."""
    ratio = accuracy.ratio
    shown = _NOTHING if ratio is None else f"{ratio:.3f}"
    return f"{accuracy.right}/{accuracy.total} = {shown}"


def misses_table(evaluation: Evaluation) -> Table:
    """Every miss: report, layer, FN, FP or WRONG, and what."""
    table = Table(title=f"Misses ({len(evaluation.misses)})")
    table.add_column("report", overflow="fold")
    table.add_column("layer", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("what", overflow="fold")
    for miss in evaluation.misses:
        table.add_row(miss.report, miss.layer, miss.kind, miss.what)
    return table
