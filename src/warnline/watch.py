"""Continuous ingestion: new files in directories and new items in feeds, pass after pass.

Each new item goes through the same per-report path as `warnline ingest` (analyse, store, the
cross-report refresh and alerts). An item is recorded in `watched_items` only once it has been
processed, so a crash mid-item re-does that item on restart and the store's own dedup (the same
text is a "duplicate") keeps it from becoming a second report.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from warnline.errors import Errors, WarnlineError

# flow's per-report path: watch hands it the reports of feed items one by one.
from warnline.flow import IngestSummary, ingest, ingest_report, limits_from
from warnline.ingest import Defaults
from warnline.ingest.watched import directory_items, feed_items, is_feed_url
from warnline.records import Failure
from warnline.settings import Settings, get_settings
from warnline.store import Store, record_failure
from warnline.store.schema import WatchedItemRow

ItemStatus = Literal["stored", "duplicate", "failed"]
_EVERY = re.compile(r"^\s*(\d+)\s*([smh])\s*$", re.IGNORECASE)
_SECONDS_PER_UNIT = {"s": 1, "m": 60, "h": 3600}
# How long one sleep between passes lasts at most, so a stop request is seen promptly.
_SLEEP_SLICE_SECONDS = 0.5


@dataclass(frozen=True)
class ItemOutcome:
    """What happened to one new item: its report, or why it failed."""

    origin: str
    item_key: str
    label: str
    status: ItemStatus
    report_id: str | None
    failures: tuple[Failure, ...] = ()


@dataclass
class PassSummary:
    """One pass over every target: the new items it processed, and targets it could not read."""

    number: int
    items: list[ItemOutcome] = field(default_factory=list)
    target_failures: list[Failure] = field(default_factory=list)

    def count(self, status: ItemStatus) -> int:
        return sum(1 for item in self.items if item.status == status)

    def line(self) -> str:
        """The one line printed per pass."""
        unread = f", {len(self.target_failures)} unreadable" if self.target_failures else ""
        return (
            f"pass {self.number}: {len(self.items)} new, {self.count('stored')} stored, "
            f"{self.count('duplicate')} duplicate, {self.count('failed')} failed{unread}"
        )


@dataclass
class WatchTotals:
    """Everything a watch run did, summed over its passes."""

    passes: int = 0
    new: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    unreadable: int = 0

    def add(self, summary: PassSummary) -> None:
        self.passes += 1
        self.new += len(summary.items)
        self.stored += summary.count("stored")
        self.duplicates += summary.count("duplicate")
        self.failed += summary.count("failed")
        self.unreadable += len(summary.target_failures)

    @property
    def ok(self) -> bool:
        return not (self.failed or self.unreadable)


ItemCallback = Callable[[ItemOutcome], None]
PassCallback = Callable[[PassSummary], None]


def parse_every(value: str) -> float:
    """Seconds between passes from '30s', '10m' or '1h'; E231 for anything else."""
    match = _EVERY.match(value)
    if not match or int(match.group(1)) == 0:
        raise WarnlineError(Errors.E231, "--every", value=value)
    return float(int(match.group(1)) * _SECONDS_PER_UNIT[match.group(2).lower()])


def check_targets(targets: Sequence[str]) -> None:
    """Every target must be a directory, a feed file or an http(s) URL before the loop starts."""
    if not targets:
        raise WarnlineError(Errors.E232, "warnline watch")
    for target in targets:
        if not is_feed_url(target) and not Path(target).exists():
            raise WarnlineError(Errors.E230, target)


def watch(
    targets: Sequence[str],
    store: Store,
    every: float,
    *,
    once: bool = False,
    defaults: Defaults | None = None,
    settings: Settings | None = None,
    stop: threading.Event | None = None,
    on_item: ItemCallback | None = None,
    on_pass: PassCallback | None = None,
) -> WatchTotals:
    """Pass over the targets every `every` seconds until `stop` is set (or once, with `once`).

    A stop request is honoured after the current item; a bad item is recorded and passed over.
    """
    check_targets(targets)
    stop = stop or threading.Event()
    defaults = defaults or Defaults()
    settings = settings or get_settings()
    totals = WatchTotals()
    while True:
        summary = run_pass(
            targets,
            store,
            number=totals.passes + 1,
            defaults=defaults,
            settings=settings,
            stop=stop,
            on_item=on_item,
        )
        totals.add(summary)
        if on_pass is not None:
            on_pass(summary)
        if once or _sleep_unless_stopped(every, stop):
            return totals


def run_pass(
    targets: Sequence[str],
    store: Store,
    *,
    number: int = 1,
    defaults: Defaults,
    settings: Settings,
    stop: threading.Event,
    on_item: ItemCallback | None = None,
) -> PassSummary:
    """One pass: every item not yet in `watched_items`, target by target."""
    summary = PassSummary(number=number)
    for target in targets:
        if stop.is_set():
            break
        try:
            if is_feed_url(target) or not Path(target).is_dir():
                _pass_feed(target, store, defaults, settings, stop, summary, on_item)
            else:
                _pass_directory(Path(target), store, defaults, settings, stop, summary, on_item)
        except WarnlineError as err:
            summary.target_failures.append(err.to_failure())
        except SQLAlchemyError as err:
            detail = str(err).splitlines()[0]
            failure = WarnlineError(Errors.E156, target, detail=detail).to_failure()
            summary.target_failures.append(failure)
    return summary


def _pass_directory(
    directory: Path,
    store: Store,
    defaults: Defaults,
    settings: Settings,
    stop: threading.Event,
    summary: PassSummary,
    on_item: ItemCallback | None,
) -> None:
    origin = str(directory.resolve())
    seen = seen_keys(store, origin)
    for item in directory_items(directory):
        if stop.is_set():
            return
        if item.key in seen:
            continue
        result = ingest([str(item.path)], [], defaults, store, settings=settings)
        outcome = _outcome(origin, item.key, item.label, result)
        _finish(store, outcome, seen, summary, on_item)


def _pass_feed(
    target: str,
    store: Store,
    defaults: Defaults,
    settings: Settings,
    stop: threading.Event,
    summary: PassSummary,
    on_item: ItemCallback | None,
) -> None:
    if not is_feed_url(target) and not Path(target).exists():
        raise WarnlineError(Errors.E101, target)
    origin = target if is_feed_url(target) else str(Path(target).resolve())
    items = feed_items(target, defaults, limits_from(settings))
    seen = seen_keys(store, origin)
    for item in items:
        if stop.is_set():
            return
        if item.key in seen:
            continue
        result = IngestSummary()
        if isinstance(item.result, Failure):
            result.failures.append(item.result)
            with store.session() as session:
                record_failure(session, item.result)
            label = item.result.subject
        else:
            ingest_report(item.result, store, settings, result)
            label = item.result.title or item.result.origin
        _finish(store, _outcome(origin, item.key, label, result), seen, summary, on_item)


def _outcome(origin: str, key: str, label: str, result: IngestSummary) -> ItemOutcome:
    """One item's status from what ingesting it did (a file may hold several reports)."""
    failures = tuple(result.failures)
    if result.stored:
        return ItemOutcome(origin, key, label, "stored", result.stored[0].report_id, failures)
    if result.duplicates:
        report = result.duplicates[0].report_id
        return ItemOutcome(origin, key, label, "duplicate", report, failures)
    # Nothing came out of it (failures, or not even a report): not retried until it changes.
    return ItemOutcome(origin, key, label, "failed", None, failures)


def _finish(
    store: Store,
    outcome: ItemOutcome,
    seen: set[str],
    summary: PassSummary,
    on_item: ItemCallback | None,
) -> None:
    record_item(store, outcome)
    seen.add(outcome.item_key)
    summary.items.append(outcome)
    if on_item is not None:
        on_item(outcome)


def seen_keys(store: Store, origin: str) -> set[str]:
    """The keys of every item already processed from this directory or feed."""
    with store.session() as session:
        query = select(WatchedItemRow.item_key).where(WatchedItemRow.origin == origin)
        return set(session.scalars(query))


def record_item(store: Store, outcome: ItemOutcome) -> None:
    """Mark an item as processed; a second watcher that got there first is not an error."""
    row = WatchedItemRow(
        origin=outcome.origin,
        item_key=outcome.item_key,
        status=outcome.status,
        report_id=outcome.report_id,
    )
    try:
        with store.session() as session:
            session.add(row)
    except IntegrityError:
        return


def _sleep_unless_stopped(seconds: float, stop: threading.Event) -> bool:
    """Sleep in short slices; True as soon as a stop is asked for.

    Never `stop.wait()`: a signal handler that sets the event while this thread holds the
    event's lock could deadlock; sleeping and reading the flag takes no lock.
    """
    deadline = time.monotonic() + seconds
    while not stop.is_set():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        time.sleep(min(remaining, _SLEEP_SLICE_SECONDS))
    return True
