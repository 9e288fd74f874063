"""JSON Lines: one `warnline.report/1` analysis per stored report."""

from __future__ import annotations

import json
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.export.filters import ExportFilters
from warnline.export.rows import ExportSummary, load_events
from warnline.records import Analysis
from warnline.store.schema import ReportRow


def export_jsonl(session: Session, filters: ExportFilters, out: TextIO) -> ExportSummary:
    """Write each stored report's analysis as one JSON line, oldest published first.

    With filters, only the reports that have at least one event the filters select.
    """
    query = select(ReportRow.id, ReportRow.analysis).order_by(ReportRow.published, ReportRow.id)
    wanted = {event.report.id for event in load_events(session, filters)} if filters.any else None
    written = 0
    for report_id, analysis in session.execute(query):
        if wanted is not None and report_id not in wanted:
            continue
        # Read back through the record, so the line is the contract's shape, not the column's.
        line = Analysis.from_dict(analysis).to_dict()
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        written += 1
    return ExportSummary(written=written)
