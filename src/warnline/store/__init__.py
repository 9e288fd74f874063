"""Store: the SQLAlchemy schema, its Alembic migrations, and the reads and writes over it."""

from warnline.store.db import Store, open_store
from warnline.store.reads import (
    claims_for_report,
    events_for_report,
    find_report,
    list_claims,
    list_events,
    list_failures,
    list_reports,
    load_analysis,
)
from warnline.store.writes import record_failure, report_exists, save_analysis

__all__ = [
    "Store",
    "claims_for_report",
    "events_for_report",
    "find_report",
    "list_claims",
    "list_events",
    "list_failures",
    "list_reports",
    "load_analysis",
    "open_store",
    "record_failure",
    "report_exists",
    "save_analysis",
]
