"""Reading the store: report listings, one report's analysis, failures."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warnline.errors import Errors, WarnlineError
from warnline.records import Analysis, StoredFailure, StoredReport
from warnline.store.schema import DateRow, EntityRow, FailureRow, PlaceRow, ReportRow, SourceRow


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
