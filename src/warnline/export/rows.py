"""What every export reads: the stored events with their actors, place,
report and source, as typed records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, load_only

from warnline.export.filters import ExportFilters
from warnline.records import Toll
from warnline.store.event_listing import event_conditions
from warnline.store.schema import (
    ActorRow,
    EntityRow,
    EventRow,
    PlaceRow,
    ReportRow,
    SourceRow,
)


@dataclass(frozen=True)
class ExportActor:
    name: str
    kind: str
    # ACLED's category for this actor in this event (state_forces, rebel_group, …).
    category: str | None
    catalogue_id: str | None
    # The resolved actor across reports (analyse/resolution.py), when there is one.
    actor_name: str | None
    actor_catalogue_id: str | None

    @property
    def key(self) -> str:
        return actor_key(self.name, self.catalogue_id, self.actor_name, self.actor_catalogue_id)


def actor_key(
    name: str,
    catalogue_id: str | None,
    actor_name: str | None = None,
    actor_catalogue_id: str | None = None,
) -> str:
    """A stable key for an actor: the resolved actor's catalogue id or the entity's, else the
    resolved actor's name or the entity's (database ids differ from store to store)."""
    catalogue = actor_catalogue_id or catalogue_id
    if catalogue:
        return f"catalogue:{catalogue}"
    return f"name:{(actor_name or name).casefold()}"


def place_key(name: str, country: str | None, admin1: str | None, geonames_id: int | None) -> str:
    """A stable key for a place: its GeoNames id, else its name within its country/province."""
    if geonames_id is not None:
        return f"geonames:{geonames_id}"
    return f"place:{country or ''}/{admin1 or ''}/{name.casefold()}"


@dataclass(frozen=True)
class ExportPlace:
    name: str
    country: str | None
    admin1: str | None
    admin1_name: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    geonames_id: int | None

    @property
    def key(self) -> str:
        return place_key(self.name, self.country, self.admin1, self.geonames_id)


@dataclass(frozen=True)
class ExportReport:
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    ingested_at: dt.datetime


@dataclass(frozen=True)
class ExportEvent:
    """One stored event with everything an export writes about it."""

    report: ExportReport
    local_id: str
    type: str
    sub_type: str
    actor1: ExportActor | None
    actor2: ExportActor | None
    actor1_category: str | None
    actor2_category: str | None
    # Names of the actors associated with actor1 ("JNIM and its allies").
    associated: tuple[str, ...]
    interaction: int | None
    place: ExportPlace | None
    geo_precision: int | None
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: str | None
    killed: Toll | None
    injured: Toll | None
    killed_or_injured: Toll | None
    # The event's first sentence, cut from the report's text by its span.
    sentence: str
    cluster_id: int | None

    @property
    def key(self) -> str:
        """Stable across exports of one store: the report's id and the event's local id."""
        return f"{self.report.id}/{self.local_id}"


def load_events(session: Session, filters: ExportFilters) -> list[ExportEvent]:
    """The stored events the filters select, oldest report first, then in report order."""
    actor1, actor2 = aliased(EntityRow), aliased(EntityRow)
    resolved1, resolved2 = aliased(ActorRow), aliased(ActorRow)
    # The event's sentence is cut out by the database: report texts and analyses stay there.
    sentence = func.substr(
        ReportRow.text, EventRow.span_start + 1, EventRow.span_end - EventRow.span_start
    )
    query = (
        select(EventRow, ReportRow, SourceRow.name, PlaceRow, actor1, resolved1)
        .add_columns(actor2, resolved2, sentence)
        .options(
            load_only(
                ReportRow.id,
                ReportRow.title,
                ReportRow.url,
                ReportRow.published,
                ReportRow.ingested_at,
            )
        )
        .join(ReportRow, ReportRow.id == EventRow.report_id)
        .outerjoin(SourceRow, SourceRow.id == ReportRow.source_id)
        .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
        .outerjoin(actor1, actor1.id == EventRow.actor1_id)
        .outerjoin(resolved1, resolved1.id == actor1.actor_id)
        .outerjoin(actor2, actor2.id == EventRow.actor2_id)
        .outerjoin(resolved2, resolved2.id == actor2.actor_id)
        .where(*event_conditions(filters.as_query()))
        .order_by(ReportRow.published, ReportRow.id, EventRow.id)
    )
    events = []
    reports: dict[str, ExportReport] = {}
    for row, report, source, place, *sides in session.execute(query):
        first, first_resolved, second, second_resolved, text = sides
        if report.id not in reports:
            reports[report.id] = _report(report, source)
        events.append(
            _event(
                row,
                reports[report.id],
                place,
                (
                    _actor(first, first_resolved, row.actor1_category),
                    _actor(second, second_resolved, row.actor2_category),
                ),
                " ".join(str(text or "").split()),
            )
        )
    return _with_associated(session, events)


def _with_associated(session: Session, events: list[ExportEvent]) -> list[ExportEvent]:
    """Associated actors are stored as report-local ids (E3): give them their names."""
    report_ids = {event.report.id for event in events}
    if not report_ids:
        return events
    names = {
        (report_id, local_id): name
        for report_id, local_id, name in session.execute(
            select(EntityRow.report_id, EntityRow.local_id, EntityRow.name).where(
                EntityRow.report_id.in_(report_ids)
            )
        )
    }
    associated = {
        (report_id, local_id): tuple(
            names[(report_id, str(local))] for local in locals_ if (report_id, str(local)) in names
        )
        for report_id, local_id, locals_ in session.execute(
            select(EventRow.report_id, EventRow.local_id, EventRow.associated).where(
                EventRow.report_id.in_(report_ids)
            )
        )
    }
    return [
        replace(event, associated=associated.get((event.report.id, event.local_id), ()))
        for event in events
    ]


def _event(
    row: EventRow,
    report: ExportReport,
    place: PlaceRow | None,
    actors: tuple[ExportActor | None, ExportActor | None],
    sentence: str,
) -> ExportEvent:
    actor1, actor2 = actors
    return ExportEvent(
        report=report,
        local_id=row.local_id,
        type=row.type,
        sub_type=row.sub_type,
        actor1=actor1,
        actor2=actor2,
        actor1_category=row.actor1_category,
        actor2_category=row.actor2_category,
        associated=(),
        interaction=row.interaction,
        place=_place(place),
        geo_precision=row.geo_precision,
        date_start=row.date_start,
        date_end=row.date_end,
        time_precision=row.time_precision,
        killed=_toll(row.killed),
        injured=_toll(row.injured),
        killed_or_injured=_toll(row.killed_or_injured),
        sentence=sentence,
        cluster_id=row.cluster_id,
    )


def _report(row: ReportRow, source: str | None) -> ExportReport:
    return ExportReport(
        id=row.id,
        title=row.title,
        source=source,
        url=row.url,
        published=row.published,
        ingested_at=row.ingested_at,
    )


def _actor(
    row: EntityRow | None, resolved: ActorRow | None, category: str | None
) -> ExportActor | None:
    if row is None:
        return None
    return ExportActor(
        name=row.name,
        kind=row.kind,
        category=category,
        catalogue_id=row.catalogue_id,
        actor_name=resolved.name if resolved is not None else None,
        actor_catalogue_id=resolved.catalogue_id if resolved is not None else None,
    )


def _place(row: PlaceRow | None) -> ExportPlace | None:
    if row is None:
        return None
    return ExportPlace(
        name=row.name,
        country=row.country,
        admin1=row.admin1,
        admin1_name=row.admin1_name,
        lat=row.lat,
        lon=row.lon,
        precision=row.precision,
        geonames_id=row.geonames_id,
    )


def _toll(value: dict[str, object] | None) -> Toll | None:
    return Toll.model_validate(value) if value is not None else None


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote: `written` records, and `left_out` events it could not place."""

    written: int
    left_out: int = 0
    # Why events were left out ("no coordinates", "no date"), shown beside the count.
    left_out_reason: str = ""


def conservative_fatalities(killed: Toll | None) -> int:
    """The lower of the best and low figures for people killed; 0 when none is reported.

    As ACLED does, the most conservative figure is kept. "Killed or injured" is never counted.
    """
    if killed is None:
        return 0
    figures = [value for value in (killed.best, killed.low) if value is not None]
    return min(figures) if figures else 0
