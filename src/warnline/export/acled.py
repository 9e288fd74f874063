"""ACLED CSV: one row per event per day, in ACLED's columns and order (vocab/acled.yaml).

Coding conventions followed, from ACLED's codebook (2024: "Event time", "Reported fatalities",
"Civilian targeting") and ACLED's knowledge-base page on fatalities (updated May 2024):
- an event reported over several days with each day known is one event per day; a total toll
  reported for all the days is shared out evenly, the days that cannot share equally taking
  one more each from the first day on;
- the fatality figure is the most conservative one the sources give (vague words such as
  "dozens" were already given their low figure when the report was analysed), injuries never;
- time precision 1 is a known day, 2 a known week, 3 a known month (or a coarser period);
  a week or month is coded at its middle day;
- civilian targeting is marked when the actors on the receiving end are civilians.
Dates are written as ISO 8601 (YYYY-MM-DD), as ACLED's API gives them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import TextIO

import pycountry
from sqlalchemy.orm import Session

from warnline.export.codebook import AcledCodebook, load_acled_codebook
from warnline.export.filters import ExportFilters
from warnline.export.rows import (
    ExportEvent,
    ExportSummary,
    conservative_fatalities,
    load_events,
)
from warnline.extract.event_cues import CATEGORY_DIGITS

_PRECISION = {"day": 1, "week": 2}
_COARSE = 3
# Room for ACLED-like numbers (BFA12345) without two events of one store meeting.
_ID_DIGITS = 10**9


def export_acled(session: Session, filters: ExportFilters, out: TextIO) -> ExportSummary:
    """Write the selected events as ACLED CSV to `out`; undated events are left out."""
    codebook = load_acled_codebook()
    writer = csv.writer(out)
    writer.writerow(codebook.columns)
    written = left_out = 0
    for event in load_events(session, filters):
        if event.date_start is None:
            left_out += 1
            continue
        for row in acled_rows(event, codebook):
            writer.writerow(row[column] for column in codebook.columns)
            written += 1
    return ExportSummary(written=written, left_out=left_out, left_out_reason="no date")


def acled_rows(event: ExportEvent, codebook: AcledCodebook) -> Iterator[dict[str, str]]:
    """The event's ACLED rows: one per day of a multi-day event known to the day, else one."""
    if event.date_start is None:
        return
    days = _days(event.date_start, event.date_end, event.time_precision)
    shares = _shares(conservative_fatalities(event.killed), len(days))
    common = _common(event, codebook)
    for day, fatalities in zip(days, shares, strict=True):
        yield common | {
            "event_id_cnty": _event_id(event, day),
            "event_date": day.isoformat(),
            "year": str(day.year),
            "fatalities": str(fatalities),
        }


def _days(start: dt.date, end: dt.date | None, precision: str | None) -> list[dt.date]:
    end = end or start
    if precision == "day":
        return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    return [start + (end - start) / 2]


def _shares(total: int, days: int) -> list[int]:
    each, rest = divmod(total, days)
    return [each + (1 if n < rest else 0) for n in range(days)]


def _common(event: ExportEvent, codebook: AcledCodebook) -> dict[str, str]:
    place = event.place
    country = place.country if place is not None else None
    return {
        "time_precision": str(_PRECISION.get(event.time_precision or "", _COARSE)),
        "disorder_type": codebook.disorder_type(event.type, event.sub_type),
        "event_type": event.type,
        "sub_event_type": event.sub_type,
        "actor1": _actor_name(event, 1, codebook),
        "assoc_actor_1": "; ".join(event.associated),
        "inter1": _digit(event.actor1_category),
        "actor2": _actor_name(event, 2, codebook),
        "assoc_actor_2": "",
        "inter2": _digit(event.actor2_category),
        "interaction": str(event.interaction) if event.interaction is not None else "",
        "civilian_targeting": "Civilian targeting" if event.actor2_category == "civilians" else "",
        "iso": _iso_numeric(country),
        "region": codebook.region(country) if country else "",
        "country": codebook.country_name(country) if country else "",
        "admin1": (place.admin1_name or "") if place is not None else "",
        "admin2": "",
        "admin3": "",
        "location": place.name if place is not None else "",
        "latitude": _coordinate(place.lat if place is not None else None),
        "longitude": _coordinate(place.lon if place is not None else None),
        "geo_precision": str(event.geo_precision) if event.geo_precision is not None else "",
        "source": event.report.source or "",
        "source_scale": "",
        "notes": event.sentence,
        "tags": "",
        "timestamp": str(int(event.report.ingested_at.timestamp())),
    }


def _actor_name(event: ExportEvent, side: int, codebook: AcledCodebook) -> str:
    actor = event.actor1 if side == 1 else event.actor2
    if actor is not None:
        return actor.actor_name or actor.name
    category = event.actor1_category if side == 1 else event.actor2_category
    if category == "civilians":
        # ACLED names unnamed civilians by their country: "Civilians (Burkina Faso)".
        country = event.place.country if event.place is not None else None
        return f"Civilians ({codebook.country_name(country)})" if country else "Civilians"
    return ""


def _coordinate(value: float | None) -> str:
    return f"{value:.4f}" if value is not None else ""


def _digit(category: str | None) -> str:
    return str(CATEGORY_DIGITS[category]) if category in CATEGORY_DIGITS else ""


def _iso_numeric(alpha_2: str | None) -> str:
    country = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    return str(int(country.numeric)) if country is not None else ""


def _event_id(event: ExportEvent, day: dt.date) -> str:
    """Country alpha-3 and a number from the event's stable key and the day ("BFA48213077")."""
    alpha_2 = event.place.country if event.place is not None else None
    country = pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None
    # XXX is ISO 3166's user-assigned code for an unknown country.
    prefix = country.alpha_3 if country is not None else "XXX"
    digest = hashlib.sha256(f"{event.key}/{day.isoformat()}".encode()).hexdigest()
    return f"{prefix}{int(digest[:15], 16) % _ID_DIGITS}"
