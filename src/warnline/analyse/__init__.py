"""Across reports: where the store's reports meet each other.

After a report is stored, `refresh` brings the cross-report records up to date for it, in
order: its entities are resolved to actors (resolution), its events joined to the real events
other reports tell (event_clusters), its claims to the propositions others make or deny
(claim_clusters, with credibility from source grades), and the alert rules are run over what
is new (alerts). Each stage is a module of its own; this is the one place they are wired.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from warnline.analyse.alerts import raise_alerts
from warnline.analyse.claim_clusters import cluster_claims
from warnline.analyse.event_clusters import cluster_events
from warnline.analyse.resolution import resolve_entities


def refresh(session: Session, report_ids: Sequence[str]) -> list[int]:
    """Bring actors, clusters and alerts up to date for newly stored reports; the ids of the
    alerts raised (for webhooks to deliver once the transaction is committed)."""
    resolve_entities(session, report_ids)
    cluster_events(session, report_ids)
    cluster_claims(session, report_ids)
    return raise_alerts(session, report_ids)
