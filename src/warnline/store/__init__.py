"""Store: the SQLAlchemy schema, its Alembic migrations, and the reads and writes over it."""

from warnline.store.db import Store, open_store
from warnline.store.reads import find_report, list_failures, list_reports, load_analysis
from warnline.store.writes import record_failure, report_exists, save_analysis

__all__ = [
    "Store",
    "find_report",
    "list_failures",
    "list_reports",
    "load_analysis",
    "open_store",
    "record_failure",
    "report_exists",
    "save_analysis",
]
