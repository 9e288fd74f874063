"""Whether two events from different reports tell one real event: small pure features.

Each feature's docstring is the explanation shown to users; each gives a verdict (None when it
rules the pair out), a score 0–1 and a `detail` string saying why. `match_events` is the one
pair decision the clusterer, the gold-pair test and bench/cluster_eval.py all use.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from warnline.analyse.credibility import load_credibility_vocab
from warnline.analyse.independence import ActorRef
from warnline.records import Toll

DATE_SLACK = dt.timedelta(days=1)
# A date known only to the month or worse cannot tell two events of one province apart.
WIDEST_DATE = dt.timedelta(days=31)
NEARBY_KM = 25.0
EARTH_RADIUS_KM = 6371.0
# A place known only to its province (ACLED geo-precision 3).
ADMIN1_PRECISION = 3


@dataclass(frozen=True)
class PlaceFacts:
    name: str
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: int | None = None

    @property
    def only_admin1(self) -> bool:
        return self.precision is not None and self.precision >= ADMIN1_PRECISION


@dataclass(frozen=True)
class EventFacts:
    """What the clusterer sees of one event (one report's account)."""

    id: int
    report_id: str
    type: str
    sub_type: str
    start: dt.date | None
    end: dt.date | None
    place: PlaceFacts | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    tolls: dict[str, Toll] = field(default_factory=dict)
    source: str = ""
    unit: str = ""
    place_id: int | None = None
    cluster_id: int | None = None
    cluster_score: float | None = None
    cluster_reason: str | None = None


@dataclass(frozen=True)
class Feature:
    ok: bool
    score: float
    detail: str


@dataclass(frozen=True)
class Match:
    same: bool
    score: float
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def match_events(a: EventFacts, b: EventFacts) -> Match:
    """The pair decision: every feature must hold; the score is their mean."""
    if a.report_id == b.report_id:
        return Match(False, 0.0, ("same report: its extractor already merged its accounts",))
    features = []
    for feature in (kind_feature, date_feature, place_feature, actor_feature):
        result = feature(a, b)
        features.append(result)
        if not result.ok:
            return Match(False, 0.0, tuple(f.detail for f in features))
    score = round(sum(f.score for f in features) / len(features), 3)
    return Match(True, score, tuple(f.detail for f in features))


def kind_feature(a: EventFacts, b: EventFacts) -> Feature:
    """Same ACLED event type, and sub-types one event can be told as."""
    if a.type != b.type:
        return Feature(False, 0.0, f"types differ: {a.type} / {b.type}")
    if a.sub_type == b.sub_type:
        return Feature(True, 1.0, f"same type: {a.type} / {a.sub_type}")
    pairs = {frozenset(p) for p in load_credibility_vocab().compatible_sub_types}
    if frozenset((a.sub_type, b.sub_type)) in pairs:
        return Feature(True, 0.7, f"compatible sub-types: {a.sub_type} ~ {b.sub_type}")
    return Feature(False, 0.0, f"sub-types differ: {a.sub_type} / {b.sub_type}")


def date_feature(a: EventFacts, b: EventFacts) -> Feature:
    """Dates that overlap, allowing a day's slack for a report filed the next day."""
    if a.start is None or b.start is None:
        return Feature(False, 0.0, "a date is unknown")
    a_end, b_end = a.end or a.start, b.end or b.start
    if a_end - a.start > WIDEST_DATE or b_end - b.start > WIDEST_DATE:
        return Feature(False, 0.0, "a date is known only to the month or worse")
    if a.start > b_end + DATE_SLACK or b.start > a_end + DATE_SLACK:
        return Feature(False, 0.0, f"dates apart: {a.start} / {b.start}")
    if a.start == b.start and a_end == b_end:
        return Feature(True, 1.0, f"same date: {a.start}")
    return Feature(True, 0.8, f"dates overlap within a day: {a.start} / {b.start}")


def place_feature(a: EventFacts, b: EventFacts) -> Feature:
    """Same place (name or GeoNames id), within ~25 km, or the same province when one side
    knows only the province."""
    if a.place is None or b.place is None:
        return Feature(False, 0.0, "a place is unknown")
    p, q = a.place, b.place
    if p.geonames_id is not None and p.geonames_id == q.geonames_id:
        return Feature(True, 1.0, f"same place: {p.name}")
    if p.name.casefold() == q.name.casefold() and not (p.only_admin1 or q.only_admin1):
        return Feature(True, 1.0, f"same place name: {p.name}")
    if p.only_admin1 or q.only_admin1:
        if p.admin1 and p.admin1 == q.admin1:
            return Feature(True, 0.6, f"same province {p.admin1} ({p.name} / {q.name})")
        return Feature(False, 0.0, f"different provinces: {p.name} / {q.name}")
    distance = _km(p, q)
    if distance is not None and distance <= NEARBY_KM:
        return Feature(True, 0.8, f"{p.name} and {q.name} are {distance:.0f} km apart")
    apart = f"{distance:.0f} km apart" if distance is not None else "no coordinates to compare"
    return Feature(False, 0.0, f"different places: {p.name} / {q.name} ({apart})")


def _km(p: PlaceFacts, q: PlaceFacts) -> float | None:
    if p.lat is None or p.lon is None or q.lat is None or q.lon is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (p.lat, p.lon, q.lat, q.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def actor_feature(a: EventFacts, b: EventFacts) -> Feature:
    """No conflicting named actors: where both name an actor1 (or an actor2) it is the same
    one (one outlet's actor1 may be the other's actor2, read from the other side)."""
    mine = [x for x in (a.actor1, a.actor2) if x is not None]
    theirs = [x for x in (b.actor1, b.actor2) if x is not None]
    shared = [x.name for x in mine if any(x.same_as(y) for y in theirs)]
    for left, right in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if left is None or right is None or left.same_as(right):
            continue
        crossed = any(left.same_as(y) for y in theirs) and any(right.same_as(x) for x in mine)
        if not crossed:
            return Feature(False, 0.0, f"conflicting actors: {left.name} / {right.name}")
    if shared:
        return Feature(True, 1.0, "same actors: " + ", ".join(sorted(set(shared))))
    return Feature(True, 0.5, "no conflicting actors named")
