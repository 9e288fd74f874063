"""Ingest on a Dask cluster: the client reads and stores, the workers analyse."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from distributed import Client, Future, LocalCluster

from warnline.batch.store_batches import store_analysed, stored_ids
from warnline.batch.worker import Analysed, ModelPlugin, analyse_batch
from warnline.errors import Errors, WarnlineError
from warnline.flow import IngestSummary, add_outcome, limits_from, record_ingest_failure
from warnline.ingest import Defaults, plan_inputs, read_input
from warnline.ingest.identity import report_id
from warnline.records import Failure, Report, SaveOutcome
from warnline.settings import Settings, get_settings
from warnline.store import Store

# Called as each batch is stored: (reports done so far).
BatchProgress = Callable[[int], None]

# Reports per task: enough for nlp.pipe to pay off, few enough that a lost worker costs little.
BATCH_SIZE = 32
# A task may fail this many times more (an exception on the worker) before it is given up.
TASK_RETRIES = 2
CONNECT_TIMEOUT = "10s"


@dataclass(frozen=True)
class ClusterSpec:
    """Where to run: `workers` local processes, or the scheduler at `address`."""

    workers: int | None = None
    address: str | None = None
    batch_size: int = BATCH_SIZE

    def check(self) -> None:
        """Refuse a spec that cannot run (E280, E282, E284)."""
        if self.batch_size < 1:
            raise WarnlineError(Errors.E284, "--batch-size", value=self.batch_size)
        if self.workers is not None and self.address is not None:
            raise WarnlineError(Errors.E282, "warnline ingest")
        if self.workers is not None and self.workers < 1:
            raise WarnlineError(Errors.E280, "--workers", value=self.workers)


@dataclass
class _InFlight:
    reports: list[Report]
    future: Future[list[Analysed | Failure]]


def ingest_on_cluster(
    paths: Sequence[str],
    urls: Sequence[str],
    defaults: Defaults,
    store: Store,
    cluster: ClusterSpec,
    *,
    settings: Settings | None = None,
    progress: BatchProgress | None = None,
) -> IngestSummary:
    """Read, analyse (on the cluster) and store every report in the inputs.

    Reports stored already are skipped before any work is sent; results are stored in the
    order the reports were read, one transaction per batch, so cross-report results are the
    same as an in-process run's. A bad input is recorded as a failure and the run goes on.
    """
    cluster.check()
    settings = settings or get_settings()
    summary = IngestSummary()
    with _client(cluster) as client:
        client.register_plugin(ModelPlugin(settings.model))
        window = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        in_flight: deque[_InFlight] = deque()
        for batch in _new_report_batches(
            paths, urls, defaults, store, settings, summary, cluster.batch_size
        ):
            future = client.submit(
                analyse_batch, batch, settings.model, retries=TASK_RETRIES, pure=False
            )
            in_flight.append(_InFlight(batch, future))
            while len(in_flight) >= window:
                _collect(in_flight.popleft(), store, settings, summary, progress)
        while in_flight:
            _collect(in_flight.popleft(), store, settings, summary, progress)
    return summary


def _new_report_batches(
    paths: Sequence[str],
    urls: Sequence[str],
    defaults: Defaults,
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    batch_size: int,
) -> Iterator[list[Report]]:
    """Batches of the reports read that are not stored yet (nor earlier in this run); read
    failures and duplicates go straight into the summary."""
    seen: set[str] = set()
    pending: list[Report] = []
    for item in plan_inputs(paths, urls):
        for result in read_input(item, defaults, limits_from(settings)):
            if isinstance(result, Failure):
                record_ingest_failure(result, store, summary)
                continue
            pending.append(result)
            if len(pending) >= batch_size:
                yield from _unseen(pending, store, seen, summary)
                pending = []
    yield from _unseen(pending, store, seen, summary)


def _unseen(
    reports: list[Report], store: Store, seen: set[str], summary: IngestSummary
) -> Iterator[list[Report]]:
    ids = [report_id(report.text) for report in reports]
    stored = stored_ids(store, ids)
    fresh: list[Report] = []
    for report, rid in zip(reports, ids, strict=True):
        if rid in stored or rid in seen:
            # The same text again: stored once, and not analysed again (as in flow).
            add_outcome(summary, SaveOutcome(report_id=rid, status="duplicate"), ())
        else:
            seen.add(rid)
            fresh.append(report)
    if fresh:
        yield fresh


def _collect(
    flight: _InFlight,
    store: Store,
    settings: Settings,
    summary: IngestSummary,
    progress: BatchProgress | None,
) -> None:
    try:
        results: list[Analysed | Failure] = flight.future.result()
    except Exception as err:
        # The task failed on every try, or the workers running it kept dying (KilledWorker).
        detail = f"{type(err).__name__}: {err}".splitlines()[0]
        results = [
            WarnlineError(Errors.E283, report.origin, detail=detail).to_failure()
            for report in flight.reports
        ]
    analysed: list[tuple[Report, Analysed]] = []
    for report, result in zip(flight.reports, results, strict=True):
        if isinstance(result, Failure):
            record_ingest_failure(result, store, summary)
        else:
            analysed.append((report, result))
    store_analysed(store, analysed, settings, summary)
    flight.future.release()  # type: ignore[no-untyped-call]
    if progress is not None:
        progress(len(summary.stored) + len(summary.duplicates) + len(summary.failures))


@contextmanager
def _client(cluster: ClusterSpec) -> Iterator[Client]:
    if cluster.address is not None:
        try:
            client = Client(cluster.address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as err:
            detail = f"{type(err).__name__}: {err}".splitlines()[0]
            raise WarnlineError(Errors.E281, cluster.address, detail=detail) from err
        with client:
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=cluster.workers or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            silence_logs=logging.ERROR,
        ) as local,
        Client(local) as client,  # type: ignore[no-untyped-call]
    ):
        yield client
