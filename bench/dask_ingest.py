"""Reports per second of `warnline ingest --workers N` (Dask LocalCluster), N = 1 and 2, against
the in-process ingest.

Run: .venv/bin/python bench/dask_ingest.py [--copies N] [--batch-size N]

How the corpus is made: every report of examples/ and tests/gold/ (Markdown with front matter)
is written --copies times into a temporary folder; copy k gets a last line "(Copy k of the
benchmark corpus.)", so every file has its own text and report id (the copies are linked as
near-duplicates, as syndicated copies are, which the store checks for every report anyway).

Each run starts on a fresh SQLite store in the temporary folder. The cluster runs include
starting the cluster and loading the model on each worker, as a user's run does; the table
shows the wall time, reports stored and reports/s, and bench/results/dask.json keeps them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from warnline.batch import ClusterSpec, ingest_on_cluster
from warnline.flow import IngestSummary, ingest
from warnline.ingest import Defaults
from warnline.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples", ROOT / "tests" / "gold"]
RESULTS = ROOT / "bench" / "results" / "dask.json"


def make_corpus(folder: Path, copies: int) -> int:
    """Write the benchmark corpus into `folder`; the number of reports written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for source in SOURCES:
        for path in sorted(source.glob("*.md")):
            text = path.read_text(encoding="utf-8").rstrip("\n")
            for k in range(1, copies + 1):
                copy = f"{text}\n\n(Copy {k} of the benchmark corpus.)\n"
                (folder / f"{source.name}-{path.stem}-{k}.md").write_text(copy, encoding="utf-8")
                written += 1
    return written


def timed(run: Callable[[Store], IngestSummary], db: Path) -> dict[str, Any]:
    """Run one ingest on a fresh store; its wall time and what it stored."""
    store = open_store(f"sqlite:///{db}")
    try:
        started = time.perf_counter()
        summary = run(store)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    stored = len(summary.stored)
    return {
        "seconds": round(seconds, 2),
        "stored": stored,
        "failed": len(summary.failures),
        "reports_per_second": round(stored / seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="copies of each source report")
    parser.add_argument("--batch-size", type=int, default=32, help="reports per Dask task")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        count = make_corpus(corpus, args.copies)
        inputs = [str(corpus)]
        runs: dict[str, Callable[[Store], IngestSummary]] = {
            "in process": lambda store: ingest(inputs, [], Defaults(), store),
        }
        for workers in (1, 2):
            spec = ClusterSpec(workers=workers, batch_size=args.batch_size)
            runs[f"--workers {workers}"] = lambda store, spec=spec: ingest_on_cluster(
                inputs, [], Defaults(), store, spec
            )
        rows = {
            name: timed(run, Path(tmp) / f"{n}.db") for n, (name, run) in enumerate(runs.items())
        }
    table = Table(title=f"Ingest of {count} reports (batch size {args.batch_size})")
    for column in ("run", "seconds", "stored", "failed", "reports/s"):
        table.add_column(column, justify="left" if column == "run" else "right")
    for name, row in rows.items():
        table.add_row(
            name,
            str(row["seconds"]),
            str(row["stored"]),
            str(row["failed"]),
            str(row["reports_per_second"]),
        )
    Console().print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "reports": count,
        "copies": args.copies,
        "batch_size": args.batch_size,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "runs": rows,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
