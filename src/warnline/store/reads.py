"""Reading the store: report listings, one report's analysis, claims and events, failures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, aliased

from warnline.errors import Errors, WarnlineError
from warnline.records import (
    Analysis,
    Claim,
    DateRange,
    Event,
    StoredFailure,
    StoredReport,
    Toll,
    TollAccount,
)
from warnline.store.schema import (
    ClaimRow,
    DateRow,
    EntityRow,
    EventRow,
    FailureRow,
    PlaceRow,
    ReportRow,
    SourceRow,
)


def list_reports(
    session: Session, *, limit: int | None = None, offset: int = 0
) -> list[StoredReport]:
    """Stored reports, newest ingested first."""
    counts = {
        name: select(model.report_id, func.count().label("n")).group_by(model.report_id).subquery()
        for name, model in (("entities", EntityRow), ("places", PlaceRow), ("dates", DateRow))
    }
    query = (
        select(
            ReportRow,
            SourceRow.name,
            *(func.coalesce(sub.c.n, 0) for sub in counts.values()),
        )
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .order_by(ReportRow.ingested_at.desc(), ReportRow.id)
        .offset(offset)
    )
    for sub in counts.values():
        query = query.outerjoin(sub, sub.c.report_id == ReportRow.id)
    if limit is not None:
        query = query.limit(limit)
    return [
        _stored(row, source, entities, places, dates)
        for row, source, entities, places, dates in session.execute(query).all()
    ]


def count_reports(session: Session) -> int:
    """How many reports the store holds."""
    return session.scalar(select(func.count()).select_from(ReportRow)) or 0


def find_report(session: Session, id_prefix: str) -> StoredReport:
    """The one report whose id starts with `id_prefix` (with or without `sha256:`)."""
    row = _find_row(session, id_prefix)
    return _stored(row, _source_name(session, row))


def load_analysis(session: Session, id_prefix: str) -> tuple[StoredReport, Analysis, str]:
    """A stored report, its analysis and its text."""
    row = _find_row(session, id_prefix)
    summary = _stored(
        row,
        _source_name(session, row),
        len(row.analysis.get("entities", [])),
        len(row.analysis.get("places", [])),
        len(row.analysis.get("dates", [])),
    )
    return summary, Analysis.from_dict(row.analysis), row.text


def list_failures(
    session: Session, *, severity: str | None = None, limit: int | None = None
) -> list[StoredFailure]:
    """Recorded failures and notices, newest first."""
    query = select(FailureRow).order_by(FailureRow.occurred_at.desc(), FailureRow.id.desc())
    if severity:
        query = query.where(FailureRow.severity == severity)
    if limit is not None:
        query = query.limit(limit)
    return [
        StoredFailure(
            id=row.id,
            subject=row.subject,
            code=row.code,
            severity="warning" if row.severity == "warning" else "error",
            message=row.message,
            occurred_at=row.occurred_at,
            report_id=row.report_id,
        )
        for row in session.scalars(query)
    ]


def claims_for_report(session: Session, report_id: str) -> tuple[Claim, ...]:
    """One report's stored claims, in the order of its analysis, with its local ids (E1, C1)."""
    return tuple(claim for _, claim in _claims(session, ClaimRow.report_id == report_id))


def events_for_report(session: Session, report_id: str) -> tuple[Event, ...]:
    """One report's stored events, in the order of its analysis, with its local ids (E1, P1)."""
    return tuple(event for _, event in _events(session, EventRow.report_id == report_id))


def list_claims(
    session: Session,
    *,
    act: str | None = None,
    speaker_name: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[tuple[str, Claim]]:
    """Stored claims with their report's id: newest ingested report first, then in its order.

    `speaker_name` is an entity's exact name: its own claims and those of people speaking for it.
    """
    where: list[ColumnElement[bool]] = []
    if act:
        where.append(ClaimRow.act == act)
    if speaker_name:
        named = select(EntityRow.id).where(EntityRow.name == speaker_name)
        where.append(or_(ClaimRow.speaker_id.in_(named), ClaimRow.speaker_org_id.in_(named)))
    return _claims(session, *where, limit=limit, offset=offset)


def list_events(
    session: Session,
    *,
    event_type: str | None = None,
    actor_name: str | None = None,
    country: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[tuple[str, Event]]:
    """Stored events with their report's id: newest ingested report first, then in its order.

    `actor_name` is an entity's exact name as actor1 or actor2; `country` the ISO 3166 alpha-2
    code of the event's place; `since` and `until` bound the event's start date, inclusive
    (undated events are left out when either is given).
    """
    where: list[ColumnElement[bool]] = []
    if event_type:
        where.append(EventRow.type == event_type)
    if actor_name:
        named = select(EntityRow.id).where(EntityRow.name == actor_name)
        where.append(or_(EventRow.actor1_id.in_(named), EventRow.actor2_id.in_(named)))
    if country:
        where.append(EventRow.place_id.in_(select(PlaceRow.id).where(PlaceRow.country == country)))
    if since is not None:
        where.append(EventRow.date_start >= since)
    if until is not None:
        where.append(EventRow.date_start <= until)
    return _events(session, *where, limit=limit, offset=offset)


def _claims(
    session: Session, *where: ColumnElement[bool], limit: int | None = None, offset: int = 0
) -> list[tuple[str, Claim]]:
    """Claims and their report ids, with the local ids of the entities they link to."""
    speaker, speaker_org = aliased(EntityRow), aliased(EntityRow)
    query = (
        select(ClaimRow, speaker.local_id, speaker_org.local_id)
        .join(ReportRow, ReportRow.id == ClaimRow.report_id)
        .outerjoin(speaker, speaker.id == ClaimRow.speaker_id)
        .outerjoin(speaker_org, speaker_org.id == ClaimRow.speaker_org_id)
        .where(*where)
        .order_by(ReportRow.ingested_at.desc(), ReportRow.id, ClaimRow.id)
        .offset(offset)
        .limit(limit)
    )
    return [(row.report_id, _claim(row, *links)) for row, *links in session.execute(query)]


def _events(
    session: Session, *where: ColumnElement[bool], limit: int | None = None, offset: int = 0
) -> list[tuple[str, Event]]:
    """Events and their report ids, with the local ids of the actors, place and claim."""
    actor1, actor2 = aliased(EntityRow), aliased(EntityRow)
    query = (
        select(EventRow, actor1.local_id, actor2.local_id, PlaceRow.local_id, ClaimRow.local_id)
        .join(ReportRow, ReportRow.id == EventRow.report_id)
        .outerjoin(actor1, actor1.id == EventRow.actor1_id)
        .outerjoin(actor2, actor2.id == EventRow.actor2_id)
        .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
        .outerjoin(ClaimRow, ClaimRow.id == EventRow.claim_id)
        .where(*where)
        .order_by(ReportRow.ingested_at.desc(), ReportRow.id, EventRow.id)
        .offset(offset)
        .limit(limit)
    )
    return [(row.report_id, _event(row, *links)) for row, *links in session.execute(query)]


def _claim(row: ClaimRow, speaker: str | None, speaker_org: str | None) -> Claim:
    return Claim(
        id=row.local_id,
        speaker=speaker,
        speaker_org=speaker_org,
        cue=row.cue,
        act=row.act,
        content=row.content,
        span=(row.span_start, row.span_end),
        quote=row.quote,
        hedges=tuple(row.hedges),
        about=tuple(row.about),
        self_interest=row.self_interest,
    )


def _event(
    row: EventRow,
    actor1: str | None,
    actor2: str | None,
    place: str | None,
    claim: str | None,
) -> Event:
    dated = (row.date_start, row.date_end, row.time_precision) != (None, None, None)
    return Event(
        id=row.local_id,
        type=row.type,
        sub_type=row.sub_type,
        actor1=actor1,
        actor2=actor2,
        associated=tuple(row.associated),
        actor1_category=row.actor1_category,
        actor2_category=row.actor2_category,
        interaction=row.interaction,
        place=place,
        geo_precision=row.geo_precision,
        date=DateRange(start=row.date_start, end=row.date_end, precision=row.time_precision)
        if dated
        else None,
        killed=_toll(row.killed),
        injured=_toll(row.injured),
        killed_or_injured=_toll(row.killed_or_injured),
        claim=claim,
        accounts=tuple(TollAccount.model_validate(account) for account in row.accounts),
        toll_basis=row.toll_basis,
        span=(row.span_start, row.span_end),
        spans=tuple((start, end) for start, end in row.spans),
    )


def _toll(value: dict[str, Any] | None) -> Toll | None:
    return Toll.model_validate(value) if value is not None else None


def _source_name(session: Session, row: ReportRow) -> str | None:
    source = session.get(SourceRow, row.source_id) if row.source_id is not None else None
    return source.name if source is not None else None


def _find_row(session: Session, id_prefix: str) -> ReportRow:
    prefix = id_prefix.strip()
    if not prefix.startswith("sha256:"):
        prefix = "sha256:" + prefix
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = session.scalars(
        select(ReportRow).where(ReportRow.id.like(escaped + "%", escape="\\")).limit(2)
    ).all()
    if not rows or len(id_prefix.strip()) == 0:
        raise WarnlineError(Errors.E153, id_prefix, value=id_prefix)
    if len(rows) > 1:
        raise WarnlineError(Errors.E154, id_prefix, value=id_prefix, count="several")
    return rows[0]


def _stored(
    row: ReportRow, source: str | None, entities: int = 0, places: int = 0, dates: int = 0
) -> StoredReport:
    return StoredReport(
        id=row.id,
        title=row.title,
        source=source,
        published=row.published,
        language=row.language,
        flags=tuple(row.flags),
        origin=row.origin,
        ingested_at=row.ingested_at,
        near_duplicate_of=row.near_duplicate_of,
        near_duplicate_score=row.near_duplicate_score,
        entities=entities,
        places=places,
        dates=dates,
    )
