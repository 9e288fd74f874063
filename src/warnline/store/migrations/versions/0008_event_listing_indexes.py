"""Indexes for the API's event filters by type and by actor, with the start date

The API lists events newest first and counts them (up to a cap); its type filter
(`type = X OR sub_type = X`) and its actor filter (`actor1_id IN … OR actor2_id IN …`) had
only an index on `type`, so on a store of 1,000,000 events counting the Battles since a date
or an actor's events read a large share of the table (bench/api.py: 60–250 ms at 100,000
events on SQLite). Each side of those ORs now has an index that ends with the start date, so
both the count and a date-bounded listing are answered from the index. The index on `type`
alone is dropped: `ix_events_type_date` starts with it. The actor indexes also serve deleting
an entity, whose events go with it (ON DELETE CASCADE): that no longer scans `events`.

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
    "ix_events_type_date": ["type", "date_start"],
    "ix_events_sub_type_date": ["sub_type", "date_start"],
    "ix_events_actor1_date": ["actor1_id", "date_start"],
    "ix_events_actor2_date": ["actor2_id", "date_start"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "events", columns)
    op.drop_index("ix_events_type", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_type", "events", ["type"])
    for name in INDEXES:
        op.drop_index(name, table_name="events")
