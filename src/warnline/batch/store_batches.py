"""The client's side of the store: which reports are stored already, and storing a batch of
analyses through the same code as `warnline.flow`."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from warnline.batch.worker import Analysed
from warnline.flow import AnalysedReport, IngestSummary, store_batch
from warnline.records import Report
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


def store_analysed(
    store: Store,
    batch: Sequence[tuple[Report, Analysed]],
    settings: Settings,
    summary: IngestSummary,
) -> None:
    """Store what the workers analysed, in order, in one transaction (`flow.store_batch`)."""
    items = [AnalysedReport(report, done.analysis, done.notices) for report, done in batch]
    store_batch(store, items, settings, summary)
