"""Entity resolution: the entities of many reports resolved to one actor each (stub)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session


def resolve_entities(session: Session, report_ids: Sequence[str]) -> None:
    """Link every entity of these reports to an actor, with a score and a reason."""
