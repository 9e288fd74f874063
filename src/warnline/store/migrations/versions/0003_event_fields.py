"""events keep their associated actors, ACLED actor categories and interaction, every speaker's
toll account, how the toll was derived, and every sentence that describes them

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The list columns are NOT NULL like the models'; rows already there get an empty list, and the
# default is dropped again so the table matches the models (which fill the value themselves).
LISTS = ("associated", "accounts", "spans")


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in LISTS:
            batch_op.add_column(
                sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
            )
        batch_op.add_column(sa.Column("actor1_category", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("actor2_category", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("interaction", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("toll_basis", sa.Text(), nullable=True))
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in LISTS:
            batch_op.alter_column(name, existing_type=sa.JSON(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        for name in ("toll_basis", "interaction", "actor2_category", "actor1_category", *LISTS):
            batch_op.drop_column(name)
