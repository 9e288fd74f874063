"""Indexes for the API's event filters by type and by actor, with the start date

The API lists events newest first and counts them (up to a cap); its type filter
(`type = X OR sub_type = X`) and its actor filter (`actor1_id IN … OR actor2_id IN …`) had
only an index on `type`, so on a store of 1,000,000 events counting the Battles since a date
or an actor's events read a large share of the table (bench/api.py: 60–250 ms at 100,000
events on SQLite). Each side of those ORs now has an index that ends with the start date, so
both the count and a date-bounded listing are answered from the index. The index on `type`
alone is dropped: `ix_events_type_date` starts with it. The actor indexes also serve deleting
an entity, whose events go with it (ON DELETE CASCADE): that no longer scans `events`.

The index on the start date alone becomes one on (date_start, id), the listing's order: on
PostgreSQL a page is then read from the index alone (an index-only scan), where skipping
50,000 events for a deep offset read 50,000 table rows first (about 380 ms at 1,000,000
events). On SQLite the two are the same index (every SQLite index ends with the row id).

The same indexes on every database.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_date_id": ["date_start", "id"],
    "ix_events_type_date": ["type", "date_start"],
    "ix_events_sub_type_date": ["sub_type", "date_start"],
    "ix_events_actor1_date": ["actor1_id", "date_start"],
    "ix_events_actor2_date": ["actor2_id", "date_start"],
}
# Indexes the new ones start with, so no longer needed.
REPLACED = {"ix_events_date_start": ["date_start"], "ix_events_type": ["type"]}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "events", columns)
    for name in REPLACED:
        op.drop_index(name, table_name="events")


def downgrade() -> None:
    for name, columns in REPLACED.items():
        op.create_index(name, "events", columns)
    for name in INDEXES:
        op.drop_index(name, table_name="events")
