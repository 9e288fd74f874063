"""Throughput at scale: spaCy alone, analysis, ingest into SQLite and PostgreSQL, and Dask.

Run: .venv/bin/python bench/scale.py [--reports N] [--stages a,b,c,d,e1,e2]

The corpus is bench/corpus.py's (2,000 reports of 400–1,200 words by default; its docstring
says how it is made), written once into var/bench/corpus-N/. Each stage runs in a child
process of its own, so that its peak resident memory (ru_maxrss) is its own:

- a: spaCy alone: `nlp.pipe` over the texts the analysis hands the model (dateline taken out),
  with the very pipeline `load_nlp` makes (same model, same components, rulers included);
- b: `warnline analyze` end to end without the store: read every file, analyse it
  (`flow.analyze_inputs`, what the command runs), with the time of each extraction layer;
- c: `warnline ingest` into a new SQLite store (analysis, store and cross-report refresh);
- d: the same into a new database on a private PostgreSQL server (warnline.store.local_postgres:
  fsync and synchronous commit off — a throwaway server, not a tuned production one);
- e1, e2: `warnline ingest --workers 1` and `--workers 2` (a Dask LocalCluster, one thread per
  worker) into a new SQLite store; the cluster's start and the model's load on each worker are
  included, as a user's run has them; peak memory is read off every worker at the end.

Reports/s and words/s are the corpus's reports and words over each stage's wall time. The
table is printed and bench/results/scale.json keeps it; the event-list query latencies at 100k
and 1M events come from bench/api.py (bench/results/api.json). On a 2-core machine the
machine's other load counts: run it on an idle machine, and read ratios rather than seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import DEFAULT_REPORTS, ROOT, write_corpus  # bench/corpus.py, beside this file
from rich.console import Console
from rich.table import Table

RESULTS = ROOT / "bench" / "results" / "scale.json"
STAGES = {
    "a": "spaCy alone",
    "b": "analyze, no store",
    "c": "ingest, SQLite",
    "d": "ingest, PostgreSQL",
    "e1": "Dask, 1 worker",
    "e2": "Dask, 2 workers",
}


def corpus_folder(reports: int) -> Path:
    """The corpus of `reports` reports, written on first use."""
    folder = ROOT / "var" / "bench" / f"corpus-{reports}"
    if len(list(folder.glob("*.md"))) != reports:
        write_corpus(folder, reports)
    return folder


def corpus_words(folder: Path) -> int:
    return sum(len(report.text.split()) for report in _reports(folder))


# ---- the stages, each run in a child process ----


def stage_a(folder: Path) -> dict[str, Any]:
    from warnline.extract.piped import text_to_parse
    from warnline.extract.pipeline import load_nlp
    from warnline.settings import get_settings

    reports = _reports(folder)
    nlp = load_nlp(get_settings().model)
    texts = [text_to_parse(r) for r in reports]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return {"seconds": time.perf_counter() - started, "reports": len(reports)}


def stage_b(folder: Path) -> dict[str, Any]:
    from warnline.extract.layer_times import record_layer_times
    from warnline.extract.pipeline import load_nlp
    from warnline.flow import analyze_inputs, analyze_with_notices
    from warnline.ingest import Defaults
    from warnline.settings import get_settings

    settings = get_settings()
    load_nlp(settings.model)  # as in (a), the model's load is not timed,
    analyze_with_notices(_reports(folder)[0], settings)  # nor the gazetteer's and catalogue's
    done = failed = 0
    with record_layer_times() as times:
        started = time.perf_counter()
        for result in analyze_inputs([str(folder)], [], Defaults(), settings):
            done += 1
            failed += isinstance(result, tuple) is False
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "reports": done - failed,
        "failed": failed,
        "layers": {name: round(s, 2) for name, s in times.seconds.items()},
    }


def stage_c(folder: Path, db_url: str | None = None) -> dict[str, Any]:
    from warnline.extract.pipeline import load_nlp
    from warnline.flow import ingest
    from warnline.ingest import Defaults
    from warnline.settings import get_settings
    from warnline.store import open_store

    load_nlp(get_settings().model)
    with tempfile.TemporaryDirectory() as tmp:
        url = db_url or f"sqlite:///{tmp}/warnline.db"
        store = open_store(url)
        started = time.perf_counter()
        summary = ingest([str(folder)], [], Defaults(), store)
        seconds = time.perf_counter() - started
        size = _store_bytes(store, Path(tmp))
        store.close()
    return {
        "seconds": seconds,
        "reports": len(summary.stored),
        "failed": len(summary.failures),
        "store_mb_per_1000": round(size / 1e6 / len(summary.stored) * 1000, 1),
    }


def stage_d(folder: Path) -> dict[str, Any]:
    from warnline.store.local_postgres import binaries, private_server

    bin_dir = binaries()
    if bin_dir is None:
        raise SystemExit("bench: stage d needs PostgreSQL's binaries (Debian's postgresql)")
    with private_server(bin_dir) as url:
        return stage_c(folder, url)


def stage_e(folder: Path, workers: int) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from warnline.batch import ClusterSpec, ingest_on_cluster
    from warnline.ingest import Defaults
    from warnline.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/warnline.db")
        started = time.perf_counter()
        with LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster:
            spec = ClusterSpec(address=cluster.scheduler_address)
            summary = ingest_on_cluster([str(folder)], [], Defaults(), store, spec)
            seconds = time.perf_counter() - started
            with Client(cluster) as client:
                worker_mb = client.run(_own_peak_mb)
        store.close()
    return {
        "seconds": seconds,
        "reports": len(summary.stored),
        "failed": len(summary.failures),
        "worker_peak_rss_mb": sorted(round(mb) for mb in worker_mb.values()),
    }


def _own_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reports(folder: Path) -> list[Any]:
    from warnline.flow import limits_from
    from warnline.ingest import Defaults, plan_inputs, read_input
    from warnline.records import Report
    from warnline.settings import get_settings

    limits = limits_from(get_settings())
    return [
        found
        for item in plan_inputs([str(folder)], [])
        for found in read_input(item, Defaults(), limits)
        if isinstance(found, Report)
    ]


def _store_bytes(store: Any, folder: Path) -> int:
    from sqlalchemy import text

    with store.session() as session:
        if session.get_bind().dialect.name == "postgresql":
            return int(
                session.execute(text("SELECT pg_database_size(current_database())")).scalar()
            )
        session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    return sum(p.stat().st_size for p in folder.glob("warnline.db*"))


def run_stage(name: str, folder: Path) -> dict[str, Any]:
    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "a": lambda: stage_a(folder),
        "b": lambda: stage_b(folder),
        "c": lambda: stage_c(folder),
        "d": lambda: stage_d(folder),
        "e1": lambda: stage_e(folder, 1),
        "e2": lambda: stage_e(folder, 2),
    }
    result = runs[name]()
    result["peak_rss_mb"] = round(_own_peak_mb())
    return result


# ---- the parent: runs each stage as a child, then the table ----


def child(name: str, folder: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", name, "--folder", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"bench: stage {name} failed: {tail}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def table(rows: dict[str, dict[str, Any]]) -> Table:
    out = Table(title="warnline at scale")
    for column in ("stage", "reports", "seconds", "reports/s", "words/s", "× (a)", "peak RSS MB"):
        out.add_column(column, justify="left" if column == "stage" else "right")
    base = rows.get("a", {}).get("reports_per_second")
    for name, row in rows.items():
        ratio = f"{row['reports_per_second'] / base:.2f}" if base else "–"
        rss = row.get("worker_peak_rss_mb") or [row["peak_rss_mb"]]
        out.add_row(
            f"({name}) {STAGES[name]}",
            str(row["reports"]),
            f"{row['seconds']:.1f}",
            f"{row['reports_per_second']:.2f}",
            f"{row['words_per_second']:.0f}",
            ratio,
            " / ".join(str(mb) for mb in rss),
        )
    return out


def layer_table(layers: dict[str, float], reports: int) -> Table:
    """Where (b)'s time goes, layer by layer."""
    total = sum(layers.values())
    out = Table(title="(b) time per extraction layer")
    for column in ("layer", "seconds", "ms/report", "share"):
        out.add_column(column, justify="left" if column == "layer" else "right")
    for name, seconds in layers.items():
        share = f"{seconds / total:.0%}" if total else "–"
        out.add_row(name, f"{seconds:.1f}", f"{seconds / reports * 1000:.1f}", share)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--child", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_stage(args.child, args.folder)))
        return
    folder = corpus_folder(args.reports)
    words = corpus_words(folder)
    rows = earlier_rows(args.reports, words)
    for name in args.stages.split(","):
        row = child(name, folder)
        row["reports_per_second"] = row["reports"] / row["seconds"]
        row["words_per_second"] = words * row["reports"] / args.reports / row["seconds"]
        rows[name] = row
        print(f"{name}: {row['seconds']:.1f} s", file=sys.stderr)
        # Written after each stage, so a long run that is stopped keeps what it measured.
        write_results(rows, args.reports, words, folder)
    console = Console(width=120)
    console.print(table(rows))
    if "b" in rows:
        console.print(layer_table(rows["b"]["layers"], rows["b"]["reports"]))


def earlier_rows(reports: int, words: int) -> dict[str, dict[str, Any]]:
    """The stages measured already on this corpus (a run of some stages adds to them)."""
    if not RESULTS.exists():
        return {}
    earlier = json.loads(RESULTS.read_text(encoding="utf-8"))
    if earlier.get("corpus", {}).get("reports") != reports or earlier["corpus"]["words"] != words:
        return {}
    return {
        name: {k: v for k, v in row.items() if k != "label"}
        for name, row in earlier["stages"].items()
    }


def write_results(rows: dict[str, dict[str, Any]], reports: int, words: int, folder: Path) -> None:
    result: dict[str, Any] = {
        "corpus": {"reports": reports, "words": words, "folder": str(folder.relative_to(ROOT))},
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "stages": {name: {"label": STAGES[name], **row} for name, row in rows.items()},
    }
    for ratio, (top, bottom) in {"b_to_a": ("b", "a"), "e2_to_e1": ("e2", "e1")}.items():
        if top in rows and bottom in rows:
            speed = rows[top]["reports_per_second"] / rows[bottom]["reports_per_second"]
            result[f"ratio_{ratio}"] = round(speed, 3)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
