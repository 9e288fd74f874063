"""Which reports are independent of each other, and how actors are compared across reports.

Two reports are one voice when one is a syndicated copy of the other (reports.near_duplicate_of)
or when one outlet repeats itself (the same sources row): both count once as corroboration.
"""

from __future__ import annotations

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


def report_voices(session: Session) -> dict[str, ReportVoice]:
    """Every report's voice: its original's outlet (following syndication back to the first)."""
    rows = session.execute(
        select(ReportRow.id, ReportRow.near_duplicate_of, ReportRow.source_id)
    ).all()
    parent = {row.id: row.near_duplicate_of for row in rows}
    source_of = {row.id: row.source_id for row in rows}
    sources = {s.id: s for s in session.execute(select(SourceRow)).scalars()}
    voices: dict[str, ReportVoice] = {}
    for report_id in parent:
        root = _original(report_id, parent)
        own = sources.get(source_of[report_id]) if source_of[report_id] is not None else None
        root_source = source_of.get(root)
        unit = f"source:{root_source}" if root_source is not None else f"report:{root}"
        voices[report_id] = ReportVoice(
            report_id=report_id,
            unit=unit,
            source=own.name if own is not None else "unknown source",
            reliability=own.reliability if own is not None else "F",
        )
    return voices


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
