"""The `warnline` command: thin shells over library functions, each with an example."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from warnline import __version__
from warnline.cli_support import (
    SEVERITIES,
    Format,
    FormatOption,
    PublishedOption,
    QuietOption,
    SourceOption,
    err,
    open_configured_store,
    out,
    parse_published,
    print_json,
    print_listing,
    store_session,
)
from warnline.commands import register_all
from warnline.errors import Errors, WarnlineError
from warnline.evaluate import evaluate_gold
from warnline.evaluate.render import evaluation_tables
from warnline.flow import IngestSummary, analyze_inputs, ingest
from warnline.ingest import Defaults
from warnline.records import Failure
from warnline.render import (
    analysis_tables,
    failures_table,
    ingest_summary_dict,
    ingest_summary_table,
    reports_table,
)
from warnline.settings import get_settings
from warnline.store import Store, list_failures, list_reports, load_analysis

app = typer.Typer(
    help="Turn reports about armed conflict and terrorism into a sourced, searchable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def main() -> None:
    """Entry point: a coded one-line message instead of a traceback for every user error."""
    try:
        app()
    except WarnlineError as error:
        err.print(error.line(), markup=False, highlight=False)
        sys.exit(2)
    except Exception as error:
        if os.environ.get("WARNLINE_DEBUG"):
            raise
        detail = f"{type(error).__name__}: {error}".splitlines()[0]
        err.print(WarnlineError(Errors.E199, "warnline", detail=detail).line(), markup=False)
        sys.exit(70)


def _version(value: bool) -> None:
    if value:
        out.print(f"warnline {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """warnline: who did what, where and when — and who claims or denies it."""


def _print_failures(failures: Sequence[Failure]) -> None:
    for failure in failures:
        err.print(failure.message, markup=False, highlight=False)


@app.command()
def init() -> None:
    """Create the store (or bring it to the newest schema) at WARNLINE_DB.

    Example: warnline init
    """
    store = open_configured_store()
    store.close()
    out.print(f"store ready: {get_settings().db_url}", markup=False, highlight=False)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Report files (text, HTML, feed, JSONL).")],
    published: PublishedOption = None,
    source: SourceOption = None,
    output_format: FormatOption = Format.json.value,
) -> None:
    """Print the warnline.report/1 analysis of each report, without touching the store.

    One report prints one JSON object; several print one object per line (JSON Lines).

    Example: warnline analyze report.txt --published 2024-10-01 --source "Hudson Institute"
    """
    defaults = Defaults(source=source, published=parse_published(published))
    results = list(analyze_inputs(paths, [], defaults))
    analyses = [r for r in results if not isinstance(r, Failure)]
    failures = [r for r in results if isinstance(r, Failure)]
    for analysis, notices in analyses:
        _print_failures(notices)
        if output_format == Format.json:
            text = analysis.to_json(indent=2 if len(analyses) == 1 else None)
            sys.stdout.write(text + "\n")
        else:
            for table in analysis_tables(analysis):
                out.print(table)
    _print_failures(failures)
    if failures:
        raise typer.Exit(1)


@app.command(name="ingest")
def ingest_command(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files and directories (read recursively).")
    ] = None,
    url: Annotated[
        list[str] | None, typer.Option("--url", help="A web page to fetch (repeatable).")
    ] = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    fetch_items: Annotated[
        bool, typer.Option(help="Fetch each feed item's page instead of using its summary.")
    ] = False,
    quiet: QuietOption = False,
    output_format: FormatOption = Format.table.value,
    workers: Annotated[
        int | None, typer.Option(help="Analyse on a local Dask cluster of N processes.")
    ] = None,
    cluster: Annotated[
        str | None, typer.Option(help="Analyse on a running Dask scheduler (tcp://HOST:8786).")
    ] = None,
    batch_size: Annotated[
        int, typer.Option(help="Reports per Dask task (with --workers or --cluster).")
    ] = 32,
) -> None:
    """Read, analyse and store reports; failures are listed and kept (see `warnline failures`).

    Exits 1 when any input failed; the others are stored all the same.

    Example: warnline ingest examples/ feed.xml --url https://example.org/article

    Example: warnline ingest corpus/ --workers 2
    """
    paths, urls = paths or [], url or []
    if not paths and not urls:
        raise WarnlineError(Errors.E155, "warnline ingest")
    defaults = Defaults(
        source=source, published=parse_published(published), fetch_items=fetch_items
    )
    store = open_configured_store()
    try:
        if workers is not None or cluster is not None:
            # Imported here: importing Dask costs every other command a second.
            from warnline.batch.display import ClusterSpec, ingest_batch

            summary = ingest_batch(
                paths, urls, defaults, store, ClusterSpec(workers, cluster, batch_size), quiet=quiet
            )
        else:
            summary = _run_ingest(paths, urls, defaults, store, quiet=quiet)
    finally:
        store.close()
    if output_format == Format.json:
        print_json(ingest_summary_dict(summary))
    else:
        _print_failures([*summary.notices, *summary.failures])
        out.print(ingest_summary_table(summary))
    if not summary.ok:
        raise typer.Exit(1)


def _run_ingest(
    paths: list[str], urls: list[str], defaults: Defaults, store: Store, *, quiet: bool
) -> IngestSummary:
    if quiet:
        return ingest(paths, urls, defaults, store)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    ) as bar:
        task = bar.add_task("ingesting", total=None)

        def advance(done: int, total: int, _label: str) -> None:
            bar.update(task, completed=done, total=total)

        return ingest(paths, urls, defaults, store, progress=advance)


@app.command()
def reports(
    limit: Annotated[int, typer.Option(help="At most this many.")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    output_format: FormatOption = Format.table.value,
) -> None:
    """List stored reports, newest first.

    Example: warnline reports --format json
    """
    with store_session() as session:
        rows = list_reports(session, limit=limit, offset=offset)
    print_listing(rows, reports_table(rows), output_format)


@app.command()
def show(
    report_id: Annotated[str, typer.Argument(help="A report id or its first characters.")],
    output_format: FormatOption = Format.table.value,
) -> None:
    """Show one stored report with its analysis.

    Example: warnline show b823082e
    """
    with store_session() as session:
        summary, analysis, _text = load_analysis(session, report_id)
    if output_format == Format.json:
        sys.stdout.write(analysis.to_json() + "\n")
        return
    out.print(reports_table([summary], title="Report"))
    for table in analysis_tables(analysis):
        out.print(table)


@app.command()
def failures(
    severity: Annotated[
        str | None, typer.Option(help="Only 'error' (not ingested) or 'warning' (notices).")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 200,
    output_format: FormatOption = Format.table.value,
) -> None:
    """List what could not be ingested, and why (and notices about what was).

    Example: warnline failures --severity error
    """
    if severity is not None and severity not in SEVERITIES:
        raise WarnlineError(
            Errors.E151,
            "--severity",
            option="--severity",
            value=severity,
            choices=", ".join(SEVERITIES),
        )
    with store_session() as session:
        rows = list_failures(session, severity=severity, limit=limit)
    print_listing(rows, failures_table(rows), output_format)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web UI and API over the store.

    Example: warnline serve --port 8000
    """
    import uvicorn

    from warnline.serve import create_app

    store = open_configured_store()
    uvicorn.run(create_app(store), host=host, port=port, log_level="info")


@app.command(name="eval")
def eval_command(
    gold_dir: Annotated[
        Path, typer.Argument(help="Directory of gold reports (NAME.md with NAME.yaml).")
    ],
    output_format: FormatOption = Format.table.value,
    misses: Annotated[
        bool, typer.Option("--misses/--no-misses", help="List every miss after the scores.")
    ] = True,
) -> None:
    """Score the extractors against hand-annotated gold reports: precision, recall, F1 per layer.

    Each report is analysed by the real pipeline with its own published date. Always exits 0.

    Example: warnline eval tests/gold --format table --no-misses
    """
    evaluation = evaluate_gold(gold_dir)
    if output_format == Format.json:
        sys.stdout.write(json.dumps(evaluation.to_dict(misses=misses), ensure_ascii=False) + "\n")
        return
    for table in evaluation_tables(evaluation, misses=misses):
        out.print(table)


# The commands over the store's cross-report analysis (issue 5) live in warnline/commands/.
register_all(app)
