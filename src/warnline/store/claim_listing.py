"""Claims for the API: filtered by speaker, act, cluster status and grade; paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, aliased

from warnline.store.schema import (
    ActorRow,
    ClaimClusterRow,
    ClaimRow,
    EntityRow,
    ReportRow,
    SourceRow,
)


@dataclass(frozen=True)
class ClaimQuery:
    """Conditions on claims: who spoke, the speech act, and their cluster's status and grade."""

    speaker: str | None = None
    act: str | None = None
    status: str | None = None
    credibility_min: int | None = None
    credibility_max: int | None = None
    # A cross-report actor's id: claims its entities made or that were made in its name.
    speaker_actor_id: int | None = None


class ClaimItem(BaseModel):
    """One stored claim with its speaker's name and its cluster's status and credibility."""

    id: int
    report_id: str
    report_title: str | None
    source: str | None
    local_id: str
    speaker: str | None
    speaker_org: str | None
    cue: str
    act: str
    content: str
    quote: str
    hedges: list[str]
    self_interest: bool
    span: tuple[int, int]
    cluster_id: int | None
    stance: str | None
    status: str | None
    credibility: int | None


def claim_page(
    session: Session, query: ClaimQuery, *, limit: int = 50, offset: int = 0
) -> tuple[list[ClaimItem], int]:
    """One page of the selected claims, newest first, and how many are selected in all."""
    where = _claim_conditions(query)
    total = session.execute(select(func.count()).select_from(ClaimRow).where(*where)).scalar_one()
    speaker, speaker_org = aliased(EntityRow), aliased(EntityRow)
    rows = session.execute(
        select(ClaimRow, ReportRow.title, SourceRow.name, speaker.name, speaker_org.name)
        .add_columns(ClaimClusterRow.status, ClaimClusterRow.credibility)
        .join(ReportRow, ReportRow.id == ClaimRow.report_id)
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .outerjoin(speaker, speaker.id == ClaimRow.speaker_id)
        .outerjoin(speaker_org, speaker_org.id == ClaimRow.speaker_org_id)
        .outerjoin(ClaimClusterRow, ClaimClusterRow.id == ClaimRow.cluster_id)
        .where(*where)
        .order_by(ClaimRow.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    items = [
        ClaimItem(
            id=claim.id,
            report_id=claim.report_id,
            report_title=title,
            source=source,
            local_id=claim.local_id,
            speaker=speaker_name,
            speaker_org=org_name,
            cue=claim.cue,
            act=claim.act,
            content=claim.content,
            quote=claim.quote,
            hedges=[str(hedge) for hedge in claim.hedges],
            self_interest=claim.self_interest,
            span=(claim.span_start, claim.span_end),
            cluster_id=claim.cluster_id,
            stance=claim.stance,
            status=status,
            credibility=credibility,
        )
        for claim, title, source, speaker_name, org_name, status, credibility in rows
    ]
    return items, int(total)


def _claim_conditions(query: ClaimQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.speaker:
        name = query.speaker.strip().casefold()
        resolved = select(ActorRow.id).where(func.lower(ActorRow.name) == name)
        named = select(EntityRow.id).where(
            or_(func.lower(EntityRow.name) == name, EntityRow.actor_id.in_(resolved))
        )
        where.append(or_(ClaimRow.speaker_id.in_(named), ClaimRow.speaker_org_id.in_(named)))
    if query.speaker_actor_id is not None:
        linked = select(EntityRow.id).where(EntityRow.actor_id == query.speaker_actor_id)
        where.append(or_(ClaimRow.speaker_id.in_(linked), ClaimRow.speaker_org_id.in_(linked)))
    if query.act:
        where.append(ClaimRow.act == query.act)
    clusters: list[ColumnElement[bool]] = []
    if query.status:
        clusters.append(ClaimClusterRow.status == query.status)
    if query.credibility_min is not None:
        clusters.append(ClaimClusterRow.credibility >= query.credibility_min)
    if query.credibility_max is not None:
        clusters.append(ClaimClusterRow.credibility <= query.credibility_max)
    if clusters:
        where.append(ClaimRow.cluster_id.in_(select(ClaimClusterRow.id).where(*clusters)))
    return where
