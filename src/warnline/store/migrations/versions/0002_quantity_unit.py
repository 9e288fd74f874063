"""quantities keep their unit (USD, percent, years)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("quantities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("quantities", schema=None) as batch_op:
        batch_op.drop_column("unit")
