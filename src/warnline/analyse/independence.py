"""Which reports are independent of each other, and how actors are compared across reports.

Two reports are one voice when one is a syndicated copy of the other (reports.near_duplicate_of)
or when one outlet repeats itself (the same sources row): both count once as corroboration.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rigour.names import normalize_name
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.store.schema import EntityRow, ReportRow, SourceRow


@dataclass(frozen=True)
class ReportVoice:
    """A report's independent voice: `unit` is shared by all reports that are one voice."""

    report_id: str
    unit: str
    source: str
    reliability: str


def report_voices(
    session: Session, report_ids: Iterable[str] | None = None
) -> dict[str, ReportVoice]:
    """Each report's voice (every report's when `report_ids` is None): its original's outlet,
    following syndication back to the first copy."""
    parent, source_of = _lineage(session, report_ids)
    wanted = parent if report_ids is None else dict.fromkeys(r for r in report_ids if r in parent)
    own_ids = {source_of[r] for r in wanted if source_of[r] is not None}
    sources = (
        {
            s.id: s
            for s in session.execute(select(SourceRow).where(SourceRow.id.in_(own_ids))).scalars()
        }
        if own_ids
        else {}
    )
    voices: dict[str, ReportVoice] = {}
    for report_id in wanted:
        root = _original(report_id, parent)
        own_id = source_of[report_id]
        own = sources.get(own_id) if own_id is not None else None
        root_source = source_of.get(root)
        unit = f"source:{root_source}" if root_source is not None else f"report:{root}"
        voices[report_id] = ReportVoice(
            report_id=report_id,
            unit=unit,
            source=own.name if own is not None else "unknown source",
            reliability=own.reliability if own is not None else "F",
        )
    return voices


def _lineage(
    session: Session, report_ids: Iterable[str] | None
) -> tuple[dict[str, str | None], dict[str, int | None]]:
    """Each report's parent (the report it copies) and source: of every report, or of these
    and of the reports their copy chains lead back to."""
    columns = select(ReportRow.id, ReportRow.near_duplicate_of, ReportRow.source_id)
    parent: dict[str, str | None] = {}
    source_of: dict[str, int | None] = {}
    wanted = None if report_ids is None else set(report_ids)
    while wanted is None or wanted:
        query = columns if wanted is None else columns.where(ReportRow.id.in_(sorted(wanted)))
        rows = session.execute(query).all()
        for row in rows:
            parent[row.id] = row.near_duplicate_of
            source_of[row.id] = row.source_id
        if wanted is None:
            break
        wanted = {r.near_duplicate_of for r in rows if r.near_duplicate_of} - set(parent)
    return parent, source_of


def _original(report_id: str, parent: dict[str, str | None]) -> str:
    seen = {report_id}
    current = report_id
    while (up := parent.get(current)) is not None and up not in seen:
        seen.add(up)
        current = up
    return current


@dataclass(frozen=True)
class ActorRef:
    """An entity as compared across reports: its resolved actor, catalogue entry and name."""

    name: str
    actor: int | None = None
    catalogue: str | None = None

    @property
    def name_key(self) -> str:
        return name_key(self.name)

    def same_as(self, other: ActorRef) -> bool:
        """Compared on the most specific key both have: the resolved actor, else the
        catalogue entry, else the normalised name (so it works before and after resolution)."""
        if self.actor is not None and other.actor is not None:
            return self.actor == other.actor
        if self.catalogue and other.catalogue:
            return self.catalogue == other.catalogue
        return self.name_key == other.name_key


def actor_ref(entity: EntityRow | None) -> ActorRef | None:
    """The entity's comparable form, or None for no entity."""
    if entity is None:
        return None
    return ActorRef(name=entity.name, actor=entity.actor_id, catalogue=entity.catalogue_id)


def name_key(name: str) -> str:
    """A name as compared across reports: transliteration-aware normalisation (rigour)."""
    return normalize_name(name) or name.casefold().strip()
