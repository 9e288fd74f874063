"""Full-text search over reports (title and text): an SQLite FTS5 table kept by triggers;
an index for the API's event filters by place and date

The FTS5 table keeps its own copy of each report's title and text, keyed by the report id
(not an external-content table on `reports`: that would key the index by the rowid of a table
whose primary key is text, and VACUUM may renumber such rowids). Triggers on `reports` keep it
in step; the upgrade fills it from the reports already stored.

The index on events (place_id, date_start) serves the API's country, admin1 and bounding-box
filters with or without a date range (bench/api.py: counting 6,685 of 100,000 events in a
box since a date went from 70 ms to under 1 ms). It is made on every database.

PostgreSQL has no FTS5: there the search uses a GIN index over a tsvector expression, made
by migration 0007; on PostgreSQL this revision makes only the events index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_CREATE = (
    # unicode61 with diacritics removed: "Sébba" is found by "Sebba".
    "CREATE VIRTUAL TABLE reports_fts USING fts5("
    "report_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN "
    "INSERT INTO reports_fts (report_id, title, text) "
    "VALUES (new.id, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN "
    "DELETE FROM reports_fts WHERE report_id = old.id; END",
    "CREATE TRIGGER reports_fts_update AFTER UPDATE OF id, title, text ON reports BEGIN "
    "DELETE FROM reports_fts WHERE report_id = old.id; "
    "INSERT INTO reports_fts (report_id, title, text) "
    "VALUES (new.id, coalesce(new.title, ''), new.text); END",
    "INSERT INTO reports_fts (report_id, title, text) "
    "SELECT id, coalesce(title, ''), text FROM reports",
)
_DROP = (
    "DROP TRIGGER IF EXISTS reports_fts_update",
    "DROP TRIGGER IF EXISTS reports_fts_delete",
    "DROP TRIGGER IF EXISTS reports_fts_insert",
    "DROP TABLE IF EXISTS reports_fts",
)


PLACE_DATE_INDEX = "ix_events_place_date"


def upgrade() -> None:
    op.create_index(PLACE_DATE_INDEX, "events", ["place_id", "date_start"])
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _CREATE:
        op.execute(statement)


def downgrade() -> None:
    op.drop_index(PLACE_DATE_INDEX, table_name="events")
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _DROP:
        op.execute(statement)
