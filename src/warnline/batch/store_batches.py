"""The client's side of the store: which reports are stored already, and storing a batch of
analyses in one transaction through the same code as `warnline.flow`."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from warnline.analyse.webhooks import deliver_alerts
from warnline.batch.worker import Analysed
from warnline.flow import IngestSummary, add_outcome, store_analysis, store_report_analysis
from warnline.records import Failure, Report, SaveOutcome
from warnline.settings import Settings
from warnline.store import Store
from warnline.store.schema import ReportRow


def stored_ids(store: Store, report_ids: Sequence[str]) -> set[str]:
    """Which of these report ids the store holds already (one query)."""
    if not report_ids:
        return set()
    with store.session() as session:
        found = session.scalars(select(ReportRow.id).where(ReportRow.id.in_(report_ids)))
        return set(found)


def store_batch(
    store: Store,
    batch: Sequence[tuple[Report, Analysed]],
    settings: Settings,
    summary: IngestSummary,
) -> None:
    """Store analysed reports in order, in one transaction, with each one's cross-report
    refresh; the alerts raised are delivered after commit.

    If the transaction fails, the reports are stored again one by one, so that only the report
    at fault is recorded as a failure.
    """
    outcomes: list[tuple[SaveOutcome, tuple[Failure, ...]]] = []
    alert_ids: list[int] = []
    try:
        with store.session() as session:
            for report, analysed in batch:
                outcome, raised = store_analysis(
                    session, report, analysed.analysis, analysed.notices, settings
                )
                outcomes.append((outcome, (*report.warnings, *analysed.notices)))
                alert_ids.extend(raised)
    except Exception:  # flow records each report's own error when stored alone
        for report, analysed in batch:
            store_report_analysis(
                report, analysed.analysis, analysed.notices, store, settings, summary
            )
        return
    for outcome, notices in outcomes:
        add_outcome(summary, outcome, notices)
    deliver_alerts(store, alert_ids)
