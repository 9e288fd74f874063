"""Writing analyses and failures. Storing a report whose id is already there changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from warnline.ingest.dedup import Signature, signature_from_bytes
from warnline.records import Analysis, Event, Failure, Report, SaveOutcome, Span, Toll
from warnline.store.schema import (
    ClaimRow,
    DateRow,
    EntityRow,
    EventRow,
    FailureRow,
    MentionRow,
    PlaceRow,
    QuantityRow,
    RelationRow,
    ReportBandRow,
    ReportRow,
    SourceRow,
)


def save_analysis(
    session: Session,
    report: Report,
    analysis: Analysis,
    signature: Signature,
    *,
    near_duplicate_threshold: float,
) -> SaveOutcome:
    """Store one report with its analysis; link it to an earlier near-duplicate if there is one."""
    report_id = analysis.document.id
    if report_exists(session, report_id):
        return SaveOutcome(report_id=report_id, status="duplicate")
    original, score = find_near_duplicate(session, signature, near_duplicate_threshold)
    row = ReportRow(
        id=report_id,
        source_id=_source_id(session, analysis.document.source),
        title=analysis.document.title,
        url=analysis.document.url,
        published=analysis.document.published,
        language=analysis.document.language,
        dateline=analysis.document.dateline.text if analysis.document.dateline else None,
        text=report.text,
        chars=len(report.text),
        origin=report.origin,
        flags=list(analysis.document.flags),
        extractor_version=analysis.extractor.version,
        analysis=analysis.to_dict(),
        minhash=signature.values,
        near_duplicate_of=original,
        near_duplicate_score=score,
    )
    # Rows are linked by foreign keys only (no ORM relationships), so the report goes in first.
    # Another process may have stored the same text since the check above: its row wins, and
    # this one is a duplicate, not a failure (the savepoint keeps the caller's transaction).
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        if not report_exists(session, report_id):
            raise
        return SaveOutcome(report_id=report_id, status="duplicate")
    session.add_all(ReportBandRow(band_key=key, report_id=report_id) for key in signature.bands)
    _add_layers(session, report, analysis)
    session.add_all(_failure_row(warning, report_id) for warning in report.warnings)
    return SaveOutcome(
        report_id=report_id,
        status="stored",
        near_duplicate_of=original,
        near_duplicate_score=score,
    )


# Any constant will do; it names the lock all warnline writers take on a PostgreSQL store.
_WRITERS_LOCK = 7_210_515_052_026


def lock_for_writing(session: Session) -> None:
    """Let one transaction at a time store reports and refresh the cross-report tables.

    The refresh reads what other reports made (actors, clusters, alerts) and adds to it, so two
    transactions doing it at once could both add the same actor or cluster. On PostgreSQL a
    transaction-scoped advisory lock queues them (released at commit or rollback), and under
    READ COMMITTED each statement after it sees what the previous writer committed. SQLite
    already lets one writer at a time, so there this does nothing.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITERS_LOCK})


def report_exists(session: Session, report_id: str) -> bool:
    """Whether a report with this id is stored."""
    return session.get(ReportRow, report_id) is not None


def find_near_duplicate(
    session: Session, signature: Signature, threshold: float
) -> tuple[str | None, float | None]:
    """The first-stored report whose wording is at least `threshold` similar, and the score.

    A copy of a copy is linked to the first copy, so a chain of syndication has one root.
    """
    candidates = session.execute(
        select(ReportRow.id, ReportRow.minhash, ReportRow.near_duplicate_of, ReportRow.ingested_at)
        .join(ReportBandRow, ReportBandRow.report_id == ReportRow.id)
        .where(ReportBandRow.band_key.in_(signature.bands))
        .distinct()
    ).all()
    best: tuple[float, str] | None = None
    for candidate_id, minhash, root, _ in sorted(candidates, key=lambda c: c.ingested_at):
        score = signature.similarity(signature_from_bytes(minhash))
        if score >= threshold and (best is None or score > best[0]):
            best = (score, root or candidate_id)
    if best is None:
        return None, None
    return best[1], round(best[0], 4)


def record_failure(session: Session, failure: Failure, report_id: str | None = None) -> None:
    """Keep a failure (or a notice) so `warnline failures` can list it."""
    session.add(_failure_row(failure, report_id))


def _failure_row(failure: Failure, report_id: str | None) -> FailureRow:
    return FailureRow(
        subject=failure.subject,
        code=failure.code,
        severity=failure.severity,
        message=failure.message,
        report_id=report_id,
    )


def _source_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    query = select(SourceRow.id).where(SourceRow.name == name)
    found = session.scalar(query)
    if found is not None:
        return found
    source = SourceRow(name=name)
    try:
        with session.begin_nested():
            session.add(source)
    except IntegrityError:
        # Another writer added this source since the query above; use its row.
        return session.scalars(query).one()
    return source.id


def _add_layers(session: Session, report: Report, analysis: Analysis) -> None:
    version = analysis.extractor.version
    report_id = analysis.document.id
    entity_rows = _add_entities(session, report, analysis)
    place_rows = _add_places(session, report, analysis)
    session.add_all(
        DateRow(**_provenance(report_id, date.span, version), **date.model_dump(exclude={"span"}))
        for date in analysis.dates
    )
    session.add_all(
        QuantityRow(**_provenance(report_id, q.span, version), **q.model_dump(exclude={"span"}))
        for q in analysis.quantities
    )
    session.add_all(
        RelationRow(
            **_provenance(report_id, relation.span, version),
            subject_id=entity_rows[relation.subject],
            predicate=relation.predicate,
            object_id=entity_rows[relation.object],
        )
        for relation in analysis.relations
        if relation.subject in entity_rows and relation.object in entity_rows
    )
    # Events point at claims, so the claims get their row ids first.
    claim_rows = _add_claims(session, analysis, entity_rows)
    session.add_all(
        _event_row(analysis, event, entity_rows, place_rows, claim_rows)
        for event in analysis.events
    )


def _add_entities(session: Session, report: Report, analysis: Analysis) -> dict[str, int]:
    """Entity rows and their mentions; the row id of each local id (E1)."""
    rows = {
        entity.id: EntityRow(
            report_id=analysis.document.id,
            local_id=entity.id,
            name=entity.name,
            kind=entity.kind,
            aliases=list(entity.aliases),
            catalogue_id=entity.catalogue.id if entity.catalogue else None,
            extractor_version=analysis.extractor.version,
        )
        for entity in analysis.entities
    }
    ids = _flushed_ids(session, rows)
    for entity in analysis.entities:
        _add_mentions(session, report, analysis, entity.mentions, entity_id=ids[entity.id])
    return ids


def _add_places(session: Session, report: Report, analysis: Analysis) -> dict[str, int]:
    """Place rows and their mentions; the row id of each local id (P1)."""
    rows = {
        place.id: PlaceRow(
            report_id=analysis.document.id,
            local_id=place.id,
            extractor_version=analysis.extractor.version,
            **place.model_dump(exclude={"id", "mentions"}),
        )
        for place in analysis.places
    }
    ids = _flushed_ids(session, rows)
    for place in analysis.places:
        _add_mentions(session, report, analysis, place.mentions, place_id=ids[place.id])
    return ids


def _flushed_ids(session: Session, rows: Mapping[str, EntityRow | PlaceRow]) -> dict[str, int]:
    """The row id each new row gets, by local id: one flush for all the rows (a multi-row
    INSERT … RETURNING), not a round trip for each."""
    session.add_all(rows.values())
    session.flush()
    return {local_id: row.id for local_id, row in rows.items()}


def _add_claims(
    session: Session, analysis: Analysis, entity_rows: dict[str, int]
) -> dict[str, int]:
    """Claim rows; the row id of each local id (C1). A speaker not among the entities is None."""
    rows = {
        claim.id: ClaimRow(
            **_provenance(analysis.document.id, claim.span, analysis.extractor.version),
            local_id=claim.id,
            speaker_id=_row_id(entity_rows, claim.speaker),
            speaker_org_id=_row_id(entity_rows, claim.speaker_org),
            cue=claim.cue,
            act=claim.act,
            content=claim.content,
            quote=claim.quote,
            hedges=list(claim.hedges),
            about=list(claim.about),
            self_interest=claim.self_interest,
        )
        for claim in analysis.claims
    }
    session.add_all(rows.values())
    session.flush()
    return {local_id: row.id for local_id, row in rows.items()}


def _event_row(
    analysis: Analysis,
    event: Event,
    entity_rows: dict[str, int],
    place_rows: dict[str, int],
    claim_rows: dict[str, int],
) -> EventRow:
    date = event.date
    return EventRow(
        **_provenance(analysis.document.id, event.span, analysis.extractor.version),
        local_id=event.id,
        type=event.type,
        sub_type=event.sub_type,
        actor1_id=_row_id(entity_rows, event.actor1),
        actor2_id=_row_id(entity_rows, event.actor2),
        associated=list(event.associated),
        actor1_category=event.actor1_category,
        actor2_category=event.actor2_category,
        interaction=event.interaction,
        place_id=_row_id(place_rows, event.place),
        geo_precision=event.geo_precision,
        date_start=date.start if date else None,
        date_end=date.end if date else None,
        time_precision=date.precision if date else None,
        killed=_toll(event.killed),
        injured=_toll(event.injured),
        killed_or_injured=_toll(event.killed_or_injured),
        claim_id=_row_id(claim_rows, event.claim),
        accounts=[account.model_dump(mode="json") for account in event.accounts],
        toll_basis=event.toll_basis,
        spans=[list(span) for span in event.spans],
    )


def _row_id(rows: dict[str, int], local_id: str | None) -> int | None:
    """The row id stored for a report-local id; None when there is none (or no such id)."""
    return rows.get(local_id) if local_id is not None else None


def _toll(toll: Toll | None) -> dict[str, Any] | None:
    return toll.model_dump(mode="json") if toll is not None else None


def _provenance(report_id: str, span: Span, version: str) -> dict[str, object]:
    """The columns every extracted row has: its report, its span, the extractor's version."""
    return {
        "report_id": report_id,
        "span_start": span[0],
        "span_end": span[1],
        "extractor_version": version,
    }


def _add_mentions(
    session: Session,
    report: Report,
    analysis: Analysis,
    spans: tuple[Span, ...],
    *,
    entity_id: int | None = None,
    place_id: int | None = None,
) -> None:
    session.add_all(
        MentionRow(
            report_id=analysis.document.id,
            entity_id=entity_id,
            place_id=place_id,
            span_start=start,
            span_end=end,
            text=report.text[start:end],
            extractor_version=analysis.extractor.version,
        )
        for start, end in spans
    )
