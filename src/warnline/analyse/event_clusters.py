"""Event clustering: accounts of one real event from different reports (stub)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session


def cluster_events(session: Session, report_ids: Sequence[str]) -> None:
    """Put every event of these reports into the cluster of the real event it tells."""
