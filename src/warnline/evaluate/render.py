"""Rich tables of an evaluation: the scores per layer, then the misses."""

from __future__ import annotations

from rich.table import Table

from warnline.evaluate.run import Evaluation


def evaluation_tables(evaluation: Evaluation, *, misses: bool = True) -> list[Table]:
    """The scores table, and the misses table unless `misses` is false."""
    tables = [scores_table(evaluation)]
    if misses:
        tables.append(misses_table(evaluation))
    return tables


def scores_table(evaluation: Evaluation) -> Table:
    """Layer, TP, FP, FN, precision, recall, F1."""
    title = f"warnline eval: {len(evaluation.reports)} gold reports in {evaluation.gold_dir}"
    if evaluation.extractor is not None:
        title += f" (warnline {evaluation.extractor.version})"
    table = Table(title=title)
    table.add_column("layer")
    for column in ("TP", "FP", "FN", "precision", "recall", "F1"):
        table.add_column(column, justify="right")
    for score in evaluation.layers:
        table.add_row(
            score.layer,
            str(score.tp),
            str(score.fp),
            str(score.fn),
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
        )
    return table


def misses_table(evaluation: Evaluation) -> Table:
    """Every miss: report, layer, FN or FP, and what."""
    table = Table(title=f"Misses ({len(evaluation.misses)})")
    table.add_column("report", overflow="fold")
    table.add_column("layer", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("what", overflow="fold")
    for miss in evaluation.misses:
        table.add_row(miss.report, miss.layer, miss.kind, miss.what)
    return table
