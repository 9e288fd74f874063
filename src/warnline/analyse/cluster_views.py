"""Event and claim clusters as `warnline clusters` and the API show them (typed, not rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.errors import Errors, WarnlineError
from warnline.store.schema import (
    ClaimClusterRow,
    ClaimRow,
    EntityRow,
    EventClusterRow,
    EventRow,
    ReportRow,
    SourceRow,
)

STATUSES = ("single_source", "corroborated", "contested")


class EventAccount(BaseModel):
    """One report's account of a clustered event."""

    event_id: int
    report_id: str
    source: str
    killed: dict[str, Any] | None
    injured: dict[str, Any] | None
    score: float | None
    reason: str | None


class EventClusterView(BaseModel):
    id: int
    type: str
    sub_type: str
    location: str | None
    admin1: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    killed: dict[str, Any] | None
    injured: dict[str, Any] | None
    killed_or_injured: dict[str, Any] | None
    toll_basis: str | None
    sources: int
    accounts: list[EventAccount]


class ClaimVoice(BaseModel):
    """One claim in a claim cluster: who said it, where, and on which side."""

    claim_id: int
    report_id: str
    source: str
    reliability: str
    speaker: str | None
    act: str
    stance: str | None
    self_interest: bool
    content: str
    reason: str | None


class ClaimClusterView(BaseModel):
    id: int
    proposition: str
    status: str
    credibility: int
    credibility_reason: str | None
    independent_sources: int
    claims: list[ClaimVoice]


def list_event_clusters(session: Session, min_sources: int = 1) -> list[EventClusterView]:
    """Event clusters told by at least `min_sources` independent sources, by date."""
    if min_sources < 1:
        raise WarnlineError(Errors.E212, "--min-sources", value=min_sources)
    clusters = session.execute(
        select(EventClusterRow)
        .where(EventClusterRow.sources >= min_sources)
        .order_by(EventClusterRow.date_start, EventClusterRow.id)
    ).scalars()
    views = []
    for cluster in clusters:
        rows = session.execute(
            select(EventRow, SourceRow.name)
            .join(ReportRow, ReportRow.id == EventRow.report_id)
            .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
            .where(EventRow.cluster_id == cluster.id)
            .order_by(EventRow.id)
        ).all()
        accounts = [
            EventAccount(
                event_id=event.id,
                report_id=event.report_id,
                source=source or "unknown source",
                killed=event.killed,
                injured=event.injured,
                score=event.cluster_score,
                reason=event.cluster_reason,
            )
            for event, source in rows
        ]
        views.append(
            EventClusterView(
                id=cluster.id,
                type=cluster.type,
                sub_type=cluster.sub_type,
                location=cluster.location,
                admin1=cluster.admin1,
                date_start=cluster.date_start,
                date_end=cluster.date_end,
                killed=cluster.killed,
                injured=cluster.injured,
                killed_or_injured=cluster.killed_or_injured,
                toll_basis=cluster.toll_basis,
                sources=cluster.sources,
                accounts=accounts,
            )
        )
    return views


def list_claim_clusters(session: Session, status: str | None = None) -> list[ClaimClusterView]:
    """Claim clusters (of one status when given) with every claim on each side."""
    if status is not None and status not in STATUSES:
        raise WarnlineError(Errors.E213, "--status", value=status, choices=", ".join(STATUSES))
    query = select(ClaimClusterRow).order_by(ClaimClusterRow.id)
    if status is not None:
        query = query.where(ClaimClusterRow.status == status)
    views = []
    for cluster in session.execute(query).scalars():
        rows = session.execute(
            select(ClaimRow, SourceRow, EntityRow.name)
            .join(ReportRow, ReportRow.id == ClaimRow.report_id)
            .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
            .outerjoin(EntityRow, EntityRow.id == ClaimRow.speaker_org_id)
            .where(ClaimRow.cluster_id == cluster.id)
            .order_by(ClaimRow.id)
        ).all()
        claims = [
            ClaimVoice(
                claim_id=claim.id,
                report_id=claim.report_id,
                source=source.name if source else "unknown source",
                reliability=source.reliability if source else "F",
                speaker=speaker,
                act=claim.act,
                stance=claim.stance,
                self_interest=claim.self_interest,
                content=claim.content,
                reason=claim.cluster_reason,
            )
            for claim, source, speaker in rows
        ]
        views.append(
            ClaimClusterView(
                id=cluster.id,
                proposition=cluster.proposition,
                status=cluster.status,
                credibility=cluster.credibility,
                credibility_reason=cluster.credibility_reason,
                independent_sources=cluster.independent_sources,
                claims=claims,
            )
        )
    return views
