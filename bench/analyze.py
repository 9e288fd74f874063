"""Benchmark per-report analysis: warm time per report against spaCy's own time, per layer.

Run: .venv/bin/python bench/analyze.py [--rounds N]

To compare with an older commit, run this script with that commit's source first on the path:
`git worktree add /tmp/old COMMIT && PYTHONPATH=/tmp/old/src .venv/bin/python bench/analyze.py`
(the per-layer table needs `warnline.extract.layer_times`, there since issue 7).

Reads every report in examples/ and tests/gold/ (Markdown), analyses each once to warm the
caches, then runs `rounds` rounds, each timing back to back:

- (a) spaCy alone: `nlp.pipe` over the texts the model is given (the dateline taken out), with
  the same nlp object, so the same components (the catalogue rulers are components of it);
- (b) the whole analysis, report by report (`extract_analysis`, as `warnline analyze` runs it);
- (b pipe) `nlp.pipe` over the texts, then `extract_parsed` on each doc, as the Dask workers do.

The ratio (b)/(a) of each round is what issue 7 targets (at most 1.33, i.e. at least 0.75 of
spaCy's reports/s); the table gives its median over the rounds and its spread (lowest–highest):
these machines are noisy, ratios measured back to back less so. The layer table gives the
median per-report milliseconds of each layer (`warnline.extract.layer_times`) in (b). Memory is
the process's resident set size (RSS) from /proc. The results go to bench/results/analyze.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from memory import rss_mb  # bench/memory.py: the scripts run from this folder
from rich.console import Console
from rich.table import Table

from warnline.batch.parsed import extract_parsed, text_to_parse
from warnline.extract.analysis import extract_analysis
from warnline.extract.layer_times import LAYERS, record_layer_times
from warnline.extract.pipeline import load_nlp
from warnline.flow import limits_from
from warnline.ingest import Defaults, Input, read_input
from warnline.records import Report
from warnline.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "analyze.json"


def load_reports() -> list[Report]:
    """Every Markdown report of examples/ and tests/gold/."""
    settings = get_settings()
    paths = sorted((ROOT / "examples").glob("*.md")) + sorted((ROOT / "tests/gold").glob("*.md"))
    return [
        found
        for path in paths
        if path.stem != "README"
        for found in read_input(Input(str(path)), Defaults(), limits_from(settings))
        if isinstance(found, Report)
    ]


def one_round(reports: list[Report], texts: list[str], nlp: Any) -> dict[str, Any]:
    """Seconds per report of (a), (b) and (b pipe), and (b)'s seconds per layer per report."""
    count = len(reports)
    started = time.perf_counter()
    list(nlp.pipe(texts))
    spacy = (time.perf_counter() - started) / count
    with record_layer_times() as times:
        started = time.perf_counter()
        for report in reports:
            extract_analysis(report, nlp)
        full = (time.perf_counter() - started) / count
    started = time.perf_counter()
    for report, doc in zip(reports, nlp.pipe(texts), strict=True):
        extract_parsed(report, doc, nlp)
    piped = (time.perf_counter() - started) / count
    layers = {name: seconds / count for name, seconds in times.seconds.items()}
    return {"spacy": spacy, "full": full, "piped": piped, "layers": layers}


def summarise(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians in ms per report, and each ratio's median and spread over the rounds."""

    def ms(values: list[float]) -> float:
        return round(statistics.median(values) * 1000, 1)

    def ratio(key: str) -> dict[str, float]:
        values = [r[key] / r["spacy"] for r in rounds]
        return {
            "median": round(statistics.median(values), 3),
            "lowest": round(min(values), 3),
            "highest": round(max(values), 3),
        }

    return {
        "spacy_ms_per_report": ms([r["spacy"] for r in rounds]),
        "analysis_ms_per_report": ms([r["full"] for r in rounds]),
        "piped_analysis_ms_per_report": ms([r["piped"] for r in rounds]),
        "ratio_analysis_to_spacy": ratio("full"),
        "ratio_piped_analysis_to_spacy": ratio("piped"),
        "layer_ms_per_report": {
            name: round(statistics.median(r["layers"][name] for r in rounds) * 1000, 2)
            for name in LAYERS
        },
    }


def print_tables(summary: dict[str, Any], console: Console) -> None:
    """The ratios and the per-layer table."""
    spacy_ms = summary["spacy_ms_per_report"]
    runs = Table(title=f"Analysis against spaCy alone ({summary['reports']} reports)")
    for column in ("run", "ms/report", "× spaCy (median)", "lowest–highest"):
        runs.add_column(column, justify="left" if column == "run" else "right")
    runs.add_row("(a) spaCy nlp.pipe", f"{spacy_ms:.1f}", "1.00", "")
    for label, key, ratio in (
        ("(b) extract_analysis", "analysis_ms_per_report", "ratio_analysis_to_spacy"),
        (
            "(b) nlp.pipe + extract_parsed",
            "piped_analysis_ms_per_report",
            "ratio_piped_analysis_to_spacy",
        ),
    ):
        spread = summary[ratio]
        runs.add_row(
            label,
            f"{summary[key]:.1f}",
            f"{spread['median']:.2f}",
            f"{spread['lowest']:.2f}–{spread['highest']:.2f}",
        )
    console.print(runs)
    layers = Table(title="Layers of (b) extract_analysis, median ms per report")
    for column in ("layer", "ms/report", "share", "× spaCy"):
        layers.add_column(column, justify="left" if column == "layer" else "right")
    total = sum(summary["layer_ms_per_report"].values())
    for name, value in summary["layer_ms_per_report"].items():
        layers.add_row(name, f"{value:.2f}", f"{value / total:.0%}", f"{value / spacy_ms:.2f}")
    console.print(layers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    reports = load_reports()
    texts = [text_to_parse(report) for report in reports]
    nlp = load_nlp(get_settings().model)
    for report in reports:
        extract_analysis(report, nlp)
    list(nlp.pipe(texts))
    rounds = [one_round(reports, texts, nlp) for _ in range(args.rounds)]
    summary = {
        "reports": len(reports),
        "rounds": args.rounds,
        "model": nlp.meta.get("name"),
        "components": list(nlp.pipe_names),
        **summarise(rounds),
        "rss_mb": round(rss_mb()),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    print_tables(summary, Console())
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
