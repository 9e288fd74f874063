"""Benchmark per-report analysis: warm time per report against spaCy's own time, and memory.

Run: .venv/bin/python bench/analyze.py [--rounds N]

To compare with an older commit, run this script with that commit's source first on the path:
`git worktree add /tmp/old COMMIT && PYTHONPATH=/tmp/old/src .venv/bin/python bench/analyze.py`
(it only uses APIs that have not changed since issue 2: the readers and `extract_analysis`).

Reads every report in examples/ and tests/gold/, analyses each once to warm the caches, then
times `rounds` passes of (a) the spaCy pipeline alone (the catalogue rulers included) and
(b) the whole analysis. The ratio (b)/(a) is what the issues report: these machines are noisy,
ratios less so. Memory is the process's resident set size (RSS) from /proc.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from memory import rss_mb  # bench/memory.py: the scripts run from this folder

from warnline.extract.analysis import extract_analysis
from warnline.extract.pipeline import load_nlp
from warnline.flow import limits_from
from warnline.ingest import Defaults, Input, read_input
from warnline.records import Report
from warnline.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = get_settings()
    paths = sorted((ROOT / "examples").glob("*.md")) + sorted((ROOT / "tests/gold").glob("*.md"))
    reports = [
        found
        for path in paths
        if path.stem != "README"
        for found in read_input(Input(str(path)), Defaults(), limits_from(settings))
        if isinstance(found, Report)
    ]
    nlp = load_nlp(settings.model)
    for report in reports:
        extract_analysis(report, nlp)
    spacy_times: list[float] = []
    full_times: list[float] = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for report in reports:
            nlp(report.text)
        spacy_times.append((time.perf_counter() - started) / len(reports))
        started = time.perf_counter()
        for report in reports:
            extract_analysis(report, nlp)
        full_times.append((time.perf_counter() - started) / len(reports))
    spacy_ms = statistics.median(spacy_times) * 1000
    full_ms = statistics.median(full_times) * 1000
    print(
        json.dumps(
            {
                "reports": len(reports),
                "spacy_ms_per_report": round(spacy_ms, 1),
                "analysis_ms_per_report": round(full_ms, 1),
                "ratio_analysis_to_spacy": round(full_ms / spacy_ms, 2),
                "rss_mb": round(rss_mb()),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
