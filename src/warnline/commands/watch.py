"""`warnline` commands: watch."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated

import typer

from warnline.cli_support import (
    PublishedOption,
    SourceOption,
    err,
    open_configured_store,
    out,
    parse_published,
)
from warnline.ingest import Defaults
from warnline.render import short_id
from warnline.watch import ItemOutcome, PassSummary, check_targets, parse_every, watch


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(name="watch")(watch_command)


def watch_command(
    targets: Annotated[
        list[str], typer.Argument(help="Directories, feed files or http(s) feed URLs.")
    ],
    every: Annotated[str, typer.Option(help="Time between passes: 30s, 10m, 1h.")] = "10m",
    once: Annotated[bool, typer.Option(help="One pass, then exit (for cron).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per item.")] = False,
    published: PublishedOption = None,
    source: SourceOption = None,
) -> None:
    """Ingest new files and feed items as they arrive; Ctrl-C stops after the current item.

    A second Ctrl-C stops at once (the item it was on is redone on the next run).

    Each item is taken once, across restarts. With --once, exits 1 when anything failed.

    Example: warnline watch inbox/ https://example.org/feed.xml --every 10m
    """
    seconds = parse_every(every)
    check_targets(targets)
    defaults = Defaults(source=source, published=parse_published(published))
    store = open_configured_store()
    try:
        with _stop_on_signals() as stop:
            totals = watch(
                targets,
                store,
                seconds,
                once=once,
                defaults=defaults,
                stop=stop,
                on_item=None if quiet else _print_item,
                on_pass=_print_pass,
            )
    finally:
        store.close()
    if once and not totals.ok:
        raise typer.Exit(1)


def _print_item(item: ItemOutcome) -> None:
    report = short_id(item.report_id) if item.report_id else "-"
    out.print(f"{item.status:<9} {report:<12} {item.label}", markup=False, highlight=False)
    for failure in item.failures:
        err.print(failure.message, markup=False, highlight=False)


def _print_pass(summary: PassSummary) -> None:
    for failure in summary.target_failures:
        err.print(failure.message, markup=False, highlight=False)
    out.print(summary.line(), markup=False, highlight=False)


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """An event set by Ctrl-C or SIGTERM, so the loop ends after the item it is on."""
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            # Asked twice: the user will not wait for the item; it is redone on the next run.
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
