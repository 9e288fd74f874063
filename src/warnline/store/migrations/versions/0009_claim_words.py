"""The claim word index: each claim's content words, for finding a new claim's clusters

The claim clusterer used to find the clusters a new claim may join by matching its words
against the content of every stored claim (LIKE), and then read every claim of every report
in those clusters: work that grew with the store, for each report stored. `claim_words` holds
each claim's content words (the same words the clusterer compares), so the candidates are
found by an index lookup. The upgrade fills it for the claims already stored.

The same table on every database.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from warnline.analyse.cluster_claim_facts import indexed_words

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BATCH = 5_000


def upgrade() -> None:
    op.create_table(
        "claim_words",
        sa.Column("word", sa.String(80), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("word", "claim_id"),
    )
    op.create_index("ix_claim_words_claim_id", "claim_words", ["claim_id"])
    bind = op.get_bind()
    words = sa.table("claim_words", sa.column("word"), sa.column("claim_id"))
    rows: list[dict[str, object]] = []
    for claim_id, content in bind.execute(sa.text("SELECT id, content FROM claims")):
        rows.extend({"word": w, "claim_id": claim_id} for w in indexed_words(content))
        if len(rows) >= _BATCH:
            bind.execute(sa.insert(words), rows)
            rows = []
    if rows:
        bind.execute(sa.insert(words), rows)


def downgrade() -> None:
    op.drop_index("ix_claim_words_claim_id", table_name="claim_words")
    op.drop_table("claim_words")
