"""Events as the timeline page counts them: the map's filters, and weekly counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from warnline.errors import Errors, WarnlineError
from warnline.store.schema import ActorRow, EntityRow, EventRow, PlaceRow

# Longest run of weeks the timeline draws (ten years): an outlier date does not make a
# page of thousands of empty bars.
MAX_WEEKS = 520
# Up to this many weeks, months are labelled under the bars; beyond it, only years.
MONTH_LABELS_UP_TO = 80


@dataclass(frozen=True)
class EventFilters:
    """The filters of the map and the timeline (the names the events API takes)."""

    actor: str = ""
    type: str = ""
    country: str = ""
    admin1: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    def query_string(self) -> dict[str, str]:
        """The filters that are set, as query parameters."""
        values = {
            "actor": self.actor,
            "type": self.type,
            "country": self.country,
            "admin1": self.admin1,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }
        return {key: value for key, value in values.items() if value}


def parse_filters(
    actor: str = "",
    type: str = "",
    country: str = "",
    admin1: str = "",
    since: str = "",
    until: str = "",
) -> EventFilters:
    """The filters from a form's strings (E270 for a date that is not YYYY-MM-DD)."""
    return EventFilters(
        actor=actor.strip(),
        type=type.strip(),
        country=country.strip().upper(),
        admin1=admin1.strip().upper(),
        since=_date("since", since),
        until=_date("until", until),
    )


def _date(option: str, value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise WarnlineError(Errors.E270, option, option=option, value=value) from error


def filtered_events(filters: EventFilters) -> Select[Any]:
    """The start dates of the events the filters keep."""
    query = select(EventRow.date_start).outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
    if filters.type:
        query = query.where(or_(EventRow.type == filters.type, EventRow.sub_type == filters.type))
    if filters.country:
        query = query.where(PlaceRow.country == filters.country)
    if filters.admin1:
        query = query.where(PlaceRow.admin1 == filters.admin1)
    if filters.since:
        query = query.where(EventRow.date_start >= filters.since)
    if filters.until:
        query = query.where(EventRow.date_start <= filters.until)
    if filters.actor:
        query = query.where(_actor_named(filters.actor))
    return query


def _actor_named(name: str) -> ColumnElement[bool]:
    """Either side of the event is an entity, or its resolved actor, with this name (any case):
    the events API's rule, so the map and the timeline keep the same events."""
    entity = aliased(EntityRow)
    actor = aliased(ActorRow)
    wanted = name.casefold()
    named = (
        select(entity.id)
        .outerjoin(actor, actor.id == entity.actor_id)
        .where(or_(func.lower(entity.name) == wanted, func.lower(actor.name) == wanted))
    )
    return or_(EventRow.actor1_id.in_(named), EventRow.actor2_id.in_(named))


@dataclass(frozen=True)
class WeekCount:
    week: dt.date  # the Monday
    events: int
    label: str = ""  # the axis label under this week's bar (a new year, or month)


@dataclass(frozen=True)
class Timeline:
    weeks: list[WeekCount]
    total: int  # dated events the filters keep
    earlier: int  # of them, those before the first week drawn


def weekly_counts(session: Session, filters: EventFilters) -> Timeline:
    """Events per week (by start date; undated events are not counted), with empty weeks
    between the first and the last kept, up to MAX_WEEKS ending at the last."""
    counts: dict[dt.date, int] = {}
    for start in session.scalars(filtered_events(filters)):
        if start is not None:
            monday = start - dt.timedelta(days=start.weekday())
            counts[monday] = counts.get(monday, 0) + 1
    if not counts:
        return Timeline([], 0, 0)
    last = max(counts)
    first = max(min(counts), last - dt.timedelta(weeks=MAX_WEEKS - 1))
    weeks = (last - first).days // 7 + 1
    days = (first + dt.timedelta(weeks=i) for i in range(weeks))
    earlier = sum(n for day, n in counts.items() if day < first)
    by_month = weeks <= MONTH_LABELS_UP_TO
    bars = [WeekCount(day, counts.get(day, 0), _label(day, by_month)) for day in days]
    return Timeline(bars, sum(counts.values()), earlier)


def _label(monday: dt.date, by_month: bool) -> str:
    """The year under a year's first week; with few weeks, the month under a month's first."""
    if monday.month == 1 and monday.day <= 7:
        return str(monday.year)
    if by_month and monday.day <= 7:
        return monday.strftime("%b")
    return ""
