"""The spine: the one place where ingest, extract and store are wired in order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from warnline.analyse import refresh
from warnline.analyse.webhooks import deliver_alerts
from warnline.errors import Errors, WarnlineError
from warnline.extract import extract_analysis
from warnline.extract.piped import analyse_reports
from warnline.extract.pipeline import load_nlp
from warnline.ingest import Defaults, ReadLimits, plan_inputs, read_input
from warnline.ingest.dedup import signature
from warnline.ingest.identity import report_id
from warnline.records import Analysis, Failure, Report, SaveOutcome
from warnline.settings import Settings, get_settings
from warnline.store import Store, record_failure, report_exists, save_analysis
from warnline.store.writes import lock_for_writing

# Called after each input is read: (inputs done, inputs in all, the input just read).
Progress = Callable[[int, int, str], None]

# Reports stored per transaction by `ingest`: a killed run loses at most this many analyses
# (a rerun skips what was committed), and the cross-report refresh runs once per batch.
STORE_BATCH = 16


@dataclass(frozen=True)
class AnalysedReport:
    """A report with its analysis and the notices raised reading and analysing it."""

    report: Report
    analysis: Analysis
    notices: tuple[Failure, ...]


@dataclass
class IngestSummary:
    """What one ingest run did, input by input."""

    stored: list[SaveOutcome] = field(default_factory=list)
    duplicates: list[SaveOutcome] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notices: list[Failure] = field(default_factory=list)

    @property
    def near_duplicates(self) -> list[SaveOutcome]:
        return [o for o in self.stored if o.near_duplicate_of]

    @property
    def ok(self) -> bool:
        return not self.failures


def limits_from(settings: Settings) -> ReadLimits:
    return ReadLimits(max_bytes=settings.max_bytes, http_timeout=settings.http_timeout)


def analyze_report(report: Report, settings: Settings | None = None) -> Analysis:
    """The `warnline.report/1` analysis of one report; no store involved."""
    return analyze_with_notices(report, settings)[0]


def analyze_with_notices(
    report: Report, settings: Settings | None = None
) -> tuple[Analysis, tuple[Failure, ...]]:
    """The analysis of one report and every notice raised reading and analysing it."""
    settings = settings or get_settings()
    analysis, notices = extract_analysis(report, load_nlp(settings.model))
    return analysis, (*report.warnings, *notices)


def analyze_inputs(
    paths: Sequence[str],
    urls: Sequence[str],
    defaults: Defaults,
    settings: Settings | None = None,
) -> Iterator[tuple[Analysis, tuple[Failure, ...]] | Failure]:
    """Analyse every report in the inputs without storing anything; failures come in order.

    Reports are parsed `STORE_BATCH` at a time with `nlp.pipe`, as `ingest` parses them.
    """
    settings = settings or get_settings()
    waiting: list[Report | Failure] = []
    for item in plan_inputs(paths, urls):
        for result in read_input(item, defaults, limits_from(settings)):
            waiting.append(result)
            if sum(isinstance(r, Report) for r in waiting) >= STORE_BATCH:
                yield from _analysed_in_order(waiting, settings)
                waiting = []
    yield from _analysed_in_order(waiting, settings)


def _analysed_in_order(
    items: list[Report | Failure], settings: Settings
) -> Iterator[tuple[Analysis, tuple[Failure, ...]] | Failure]:
    reports = [r for r in items if isinstance(r, Report)]
    done = iter(analyse_reports(reports, load_nlp(settings.model)) if reports else [])
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        result = next(done)
        yield result if isinstance(result, Failure) else (result[0], (*item.warnings, *result[1]))


def ingest(
    paths: Sequence[str],
    urls: Sequence[str],
    defaults: Defaults,
    store: Store,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    batch_size: int = STORE_BATCH,
) -> IngestSummary:
    """Read, analyse and store every report in the inputs, `batch_size` reports per
    transaction (see `store_batch`).

    A bad input is recorded as a failure and the run goes on with the rest.
    """
    settings = settings or get_settings()
    summary = IngestSummary()
    planned = plan_inputs(paths, urls)
    waiting: list[Report] = []
    seen: set[str] = set()
    for done, item in enumerate(planned, start=1):
        for result in read_input(item, defaults, limits_from(settings)):
            if isinstance(result, Failure):
                record_ingest_failure(result, store, summary)
                continue
            rid = report_id(result.text)
            if rid in seen or _is_stored(store, rid):
                # The same text again: stored once, and not analysed again.
                add_outcome(summary, SaveOutcome(report_id=rid, status="duplicate"), ())
                continue
            seen.add(rid)
            waiting.append(result)
            if len(waiting) >= batch_size:
                _analyse_and_store_batch(waiting, store, settings, summary)
                waiting = []
        if progress is not None:
            progress(done, len(planned), item.location)
    _analyse_and_store_batch(waiting, store, settings, summary)
    return summary


def _analyse_and_store_batch(
    reports: list[Report], store: Store, settings: Settings, summary: IngestSummary
) -> None:
    """Analyse reports together (`nlp.pipe`) and store them in one transaction; a report
    the extractors fail on is recorded as a failure, the rest are stored."""
    if not reports:
        return
    analysed: list[AnalysedReport] = []
    for report, result in zip(
        reports, analyse_reports(reports, load_nlp(settings.model)), strict=True
    ):
        if isinstance(result, Failure):
            record_ingest_failure(result, store, summary)
        else:
            analysed.append(AnalysedReport(report, *result))
    store_batch(store, analysed, settings, summary)


def ingest_report(report: Report, store: Store, settings: Settings, summary: IngestSummary) -> None:
    """Analyse and store one report read already, with its cross-report refresh and alerts;
    the outcome (stored, duplicate or failed) is added to `summary`, never raised."""
    _guarded(report, store, summary, lambda: _analyse_and_store(report, store, settings))


def store_report_analysis(
    report: Report,
    analysis: Analysis,
    notices: tuple[Failure, ...],
    store: Store,
    settings: Settings,
    summary: IngestSummary,
) -> None:
    """Store one report analysed elsewhere (e.g. on a Dask worker) in its own transaction, as
    `ingest_report` would; the outcome is added to `summary`, never raised."""

    def store_it() -> tuple[SaveOutcome, tuple[Failure, ...]]:
        with store.session() as session:
            outcome, alert_ids = store_analysis(session, report, analysis, notices, settings)
        deliver_alerts(store, alert_ids)
        return outcome, (*report.warnings, *notices)

    _guarded(report, store, summary, store_it)


def store_analysis(
    session: Session,
    report: Report,
    analysis: Analysis,
    notices: tuple[Failure, ...],
    settings: Settings,
) -> tuple[SaveOutcome, list[int]]:
    """Store one analysed report, its notices and its cross-report refresh in the caller's
    transaction; the outcome and the ids of the alerts raised (to deliver after commit)."""
    outcome = save_report(session, report, analysis, notices, settings)
    if outcome.status != "stored":
        return outcome, []
    return outcome, refresh(session, [outcome.report_id])


def save_report(
    session: Session,
    report: Report,
    analysis: Analysis,
    notices: tuple[Failure, ...],
    settings: Settings,
) -> SaveOutcome:
    """Store one analysed report and its notices in the caller's transaction, without the
    cross-report refresh (the caller runs it, once for a batch)."""
    lock_for_writing(session)
    outcome = save_analysis(
        session,
        report,
        analysis,
        signature(report.text),
        near_duplicate_threshold=settings.near_duplicate_threshold,
    )
    if outcome.status == "stored":
        for notice in notices:
            record_failure(session, notice, outcome.report_id)
    return outcome


def store_batch(
    store: Store,
    batch: Sequence[AnalysedReport],
    settings: Settings,
    summary: IngestSummary,
) -> None:
    """Store analysed reports in order in one transaction, then bring the cross-report tables
    up to date for all of them at once; the alerts raised are delivered after commit.

    One refresh per batch, not per report: its cost is mostly reading what the store holds
    already (actors, nearby clusters), which a batch then reads once. If the transaction
    fails, the reports are stored again one by one, so that only the report at fault is
    recorded as a failure.
    """
    if not batch:
        return
    outcomes: list[tuple[SaveOutcome, tuple[Failure, ...]]] = []
    try:
        with store.session() as session:
            for item in batch:
                outcome = save_report(session, item.report, item.analysis, item.notices, settings)
                outcomes.append((outcome, (*item.report.warnings, *item.notices)))
            stored = [o.report_id for o, _ in outcomes if o.status == "stored"]
            alert_ids = refresh(session, stored) if stored else []
    except Exception:  # each report's own error is recorded when it is stored alone
        for item in batch:
            store_report_analysis(
                item.report, item.analysis, item.notices, store, settings, summary
            )
        return
    for outcome, notices in outcomes:
        add_outcome(summary, outcome, notices)
    # Delivered once the reports and their alerts are committed: a slow receiver holds no lock.
    deliver_alerts(store, alert_ids)


def add_outcome(summary: IngestSummary, outcome: SaveOutcome, notices: tuple[Failure, ...]) -> None:
    """Count one report's outcome in the summary; its notices count only if it was stored."""
    if outcome.status == "duplicate":
        summary.duplicates.append(outcome)
    else:
        summary.stored.append(outcome)
        summary.notices.extend(notices)


def _guarded(
    report: Report,
    store: Store,
    summary: IngestSummary,
    action: Callable[[], tuple[SaveOutcome, tuple[Failure, ...]]],
) -> None:
    try:
        outcome, notices = action()
    except WarnlineError as err:
        record_ingest_failure(err.to_failure(), store, summary)
        return
    except SQLAlchemyError as err:
        detail = str(err).splitlines()[0]
        failure = WarnlineError(Errors.E156, report.origin, detail=detail).to_failure()
        record_ingest_failure(failure, store, summary)
        return
    except Exception as err:
        detail = f"{type(err).__name__}: {err}".splitlines()[0]
        failure = WarnlineError(Errors.E199, report.origin, detail=detail).to_failure()
        record_ingest_failure(failure, store, summary)
        return
    add_outcome(summary, outcome, notices)


def _analyse_and_store(
    report: Report, store: Store, settings: Settings
) -> tuple[SaveOutcome, tuple[Failure, ...]]:
    existing = report_id(report.text)
    if _is_stored(store, existing):
        # The same text again: stored once, and not analysed again.
        return SaveOutcome(report_id=existing, status="duplicate"), ()
    analysis, notices = extract_analysis(report, load_nlp(settings.model))
    with store.session() as session:
        outcome, alert_ids = store_analysis(session, report, analysis, notices, settings)
    # Delivered once the report and its alerts are committed: a slow receiver holds no lock.
    deliver_alerts(store, alert_ids)
    return outcome, (*report.warnings, *notices)


def _is_stored(store: Store, rid: str) -> bool:
    with store.session() as session:
        return report_exists(session, rid)


def record_ingest_failure(failure: Failure, store: Store, summary: IngestSummary) -> None:
    """Count an input that failed in the summary and keep it for `warnline failures`."""
    summary.failures.append(failure)
    with store.session() as session:
        record_failure(session, failure)
