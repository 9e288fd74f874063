"""across reports: actors resolved from the entities of many reports, the analyst's merges and
splits, event and claim clusters with credibility, alerts, webhooks and their delivery log, and
the items `warnline watch` has taken

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actor_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("left_key", sa.String(length=300), nullable=False),
        sa.Column("right_key", sa.String(length=300), nullable=False),
        sa.Column("report_id", sa.String(length=71), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("action IN ('merge','split')", name=op.f("ck_actor_decisions_action")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_decisions")),
        sa.UniqueConstraint(
            "action", "left_key", "right_key", "report_id", name=op.f("uq_actor_decisions_action")
        ),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("catalogue_id", sa.String(length=80), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        sa.UniqueConstraint("catalogue_id", name=op.f("uq_actors_catalogue_id")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_name"), ["name"], unique=False)

    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("severity IN ('low','medium','high')", name=op.f("ck_alerts_severity")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("key", name=op.f("uq_alerts_key")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_raised_at"), ["raised_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_alerts_rule"), ["rule"], unique=False)

    op.create_table(
        "claim_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposition", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("credibility", sa.Integer(), nullable=False),
        sa.Column("credibility_reason", sa.Text(), nullable=True),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('single_source','corroborated','contested')",
            name=op.f("ck_claim_clusters_status"),
        ),
        sa.CheckConstraint(
            "credibility BETWEEN 1 AND 6", name=op.f("ck_claim_clusters_credibility")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_clusters")),
    )
    with op.batch_alter_table("claim_clusters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_clusters_status"), ["status"], unique=False)

    op.create_table(
        "watched_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("item_key", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("report_id", sa.String(length=71), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watched_items")),
        sa.UniqueConstraint("origin", "item_key", name=op.f("uq_watched_items_origin")),
    )
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhooks")),
    )
    op.create_table(
        "event_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("sub_type", sa.String(length=80), nullable=False),
        sa.Column("actor1_id", sa.Integer(), nullable=True),
        sa.Column("actor2_id", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.String(length=10), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("killed", sa.JSON(), nullable=True),
        sa.Column("injured", sa.JSON(), nullable=True),
        sa.Column("killed_or_injured", sa.JSON(), nullable=True),
        sa.Column("toll_basis", sa.Text(), nullable=True),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor1_id"],
            ["actors.id"],
            name=op.f("fk_event_clusters_actor1_id_actors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["actor2_id"],
            ["actors.id"],
            name=op.f("fk_event_clusters_actor2_id_actors"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_clusters")),
    )
    with op.batch_alter_table("event_clusters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_clusters_admin1"), ["admin1"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_clusters_country"), ["country"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_event_clusters_date_start"), ["date_start"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_clusters_type"), ["type"], unique=False)

    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("webhook_id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alerts.id"],
            name=op.f("fk_webhook_deliveries_alert_id_alerts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["webhook_id"],
            ["webhooks.id"],
            name=op.f("fk_webhook_deliveries_webhook_id_webhooks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
    )
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_webhook_deliveries_alert_id"), ["alert_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_webhook_deliveries_webhook_id"), ["webhook_id"], unique=False
        )

    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("stance", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("cluster_reason", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_claims_cluster_id"), ["cluster_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_claims_cluster_id_claim_clusters"),
            "claim_clusters",
            ["cluster_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("actor_score", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("actor_reason", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_entities_actor_id"), ["actor_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_entities_actor_id_actors"),
            "actors",
            ["actor_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cluster_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cluster_score", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("cluster_reason", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_events_cluster_id"), ["cluster_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_events_cluster_id_event_clusters"),
            "event_clusters",
            ["cluster_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_events_cluster_id_event_clusters"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_events_cluster_id"))
        batch_op.drop_column("cluster_reason")
        batch_op.drop_column("cluster_score")
        batch_op.drop_column("cluster_id")

    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_entities_actor_id_actors"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_entities_actor_id"))
        batch_op.drop_column("actor_reason")
        batch_op.drop_column("actor_score")
        batch_op.drop_column("actor_id")

    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_claims_cluster_id_claim_clusters"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_claims_cluster_id"))
        batch_op.drop_column("cluster_reason")
        batch_op.drop_column("stance")
        batch_op.drop_column("cluster_id")

    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_deliveries_webhook_id"))
        batch_op.drop_index(batch_op.f("ix_webhook_deliveries_alert_id"))

    op.drop_table("webhook_deliveries")
    with op.batch_alter_table("event_clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_clusters_type"))
        batch_op.drop_index(batch_op.f("ix_event_clusters_date_start"))
        batch_op.drop_index(batch_op.f("ix_event_clusters_country"))
        batch_op.drop_index(batch_op.f("ix_event_clusters_admin1"))

    op.drop_table("event_clusters")
    op.drop_table("webhooks")
    op.drop_table("watched_items")
    with op.batch_alter_table("claim_clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_clusters_status"))

    op.drop_table("claim_clusters")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_rule"))
        batch_op.drop_index(batch_op.f("ix_alerts_raised_at"))

    op.drop_table("alerts")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_name"))

    op.drop_table("actors")
    op.drop_table("actor_decisions")
