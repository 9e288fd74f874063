"""The filters every export (and the API) shares, parsed from their text form and checked."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pycountry

from warnline.errors import Errors, WarnlineError
from warnline.store.event_listing import EventQuery
from warnline.vocab import load_event_types

_ADMIN1 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_LON, _LAT = 180.0, 90.0
_BBOX_PARTS = 4  # minlon, minlat, maxlon, maxlat


@dataclass(frozen=True)
class BoundingBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


@dataclass(frozen=True)
class ExportFilters:
    """Which events to export; None means no condition. Every export and the API share them."""

    actor: str | None = None
    event_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    bbox: BoundingBox | None = None

    @property
    def any(self) -> bool:
        """Whether any condition is set."""
        return self != ExportFilters()

    def as_query(self) -> EventQuery:
        """The store's form of these conditions (store/event_listing.py selects by it)."""
        box = self.bbox
        return EventQuery(
            actor=self.actor,
            event_type=self.event_type,
            country=self.country,
            admin1=self.admin1,
            since=self.since,
            until=self.until,
            bbox=None if box is None else (box.min_lon, box.min_lat, box.max_lon, box.max_lat),
        )


def parse_filters(
    *,
    actor: str | None = None,
    event_type: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    since: str | None = None,
    until: str | None = None,
    bbox: str | None = None,
) -> ExportFilters:
    """Filters from their text form (CLI options, API query), checked: coded errors E240–E245."""
    start, end = _date("--since", since), _date("--until", until)
    if start is not None and end is not None and start > end:
        raise WarnlineError(Errors.E245, "--since", since=since, until=until)
    return ExportFilters(
        actor=actor.strip() or None if actor is not None else None,
        event_type=_event_type(event_type),
        country=_country(country),
        admin1=_admin1(admin1),
        since=start,
        until=end,
        bbox=_bbox(bbox),
    )


def _date(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise WarnlineError(Errors.E240, option, option=option, value=value) from error


def _event_type(value: str | None) -> str | None:
    if value is None:
        return None
    types = load_event_types()
    known = {name.casefold(): name for name in types} | {
        sub.casefold(): sub for subs in types.values() for sub in subs
    }
    try:
        return known[value.strip().casefold()]
    except KeyError as error:
        raise WarnlineError(Errors.E242, "--type", value=value) from error


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise WarnlineError(Errors.E243, "--country", value=value)
    return code


def _admin1(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if not _ADMIN1.match(code) or pycountry.countries.get(alpha_2=code[:2]) is None:
        raise WarnlineError(Errors.E244, "--admin1", value=value)
    return code


def _bbox(value: str | None) -> BoundingBox | None:
    if value is None:
        return None
    try:
        numbers: Sequence[float] = [float(part) for part in value.split(",")]
    except ValueError as error:
        raise WarnlineError(Errors.E241, "--bbox", value=value) from error
    if len(numbers) != _BBOX_PARTS:
        raise WarnlineError(Errors.E241, "--bbox", value=value)
    box = BoundingBox(*numbers)
    inside = all(abs(lon) <= _LON for lon in (box.min_lon, box.max_lon)) and all(
        abs(lat) <= _LAT for lat in (box.min_lat, box.max_lat)
    )
    if not inside or box.min_lon > box.max_lon or box.min_lat > box.max_lat:
        raise WarnlineError(Errors.E241, "--bbox", value=value)
    return box
