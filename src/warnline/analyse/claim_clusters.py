"""Claim clustering: claims about one proposition, corroborated or contested (stub)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session


def cluster_claims(session: Session, report_ids: Sequence[str]) -> None:
    """Put every claim of these reports into the cluster of the proposition it is about."""
