"""Gold event pairs (tests/analyse/pairs/events.yaml) and how the pair decision scores on them.

The same `match_events` the clusterer uses decides each pair; precision and recall are over
the pairs marked `same: true`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from warnline.analyse.cluster_features import EventFacts, Match, PlaceFacts, match_events
from warnline.analyse.independence import ActorRef
from warnline.records import Toll


@dataclass(frozen=True)
class GoldPair:
    why: str
    same: bool
    a: EventFacts
    b: EventFacts


@dataclass(frozen=True)
class PairScore:
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int
    misses: tuple[tuple[GoldPair, Match], ...]

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


def load_gold_pairs(path: Path) -> list[GoldPair]:
    """The pairs of a gold file; named places are looked up in its `places` table."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    places: dict[str, dict[str, Any]] = data["places"]
    pairs = []
    for number, pair in enumerate(data["pairs"]):
        pairs.append(
            GoldPair(
                why=str(pair["why"]),
                same=bool(pair["same"]),
                a=_event(2 * number, f"gold-{number}-a", pair["a"], places),
                b=_event(2 * number + 1, f"gold-{number}-b", pair["b"], places),
            )
        )
    return pairs


def score_pairs(pairs: Sequence[GoldPair]) -> PairScore:
    """Precision and recall of the pair decision on these pairs, with every miss."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    misses = []
    for pair in pairs:
        match = match_events(pair.a, pair.b)
        key = ("t" if match.same == pair.same else "f") + ("p" if match.same else "n")
        counts[key] += 1
        if match.same != pair.same:
            misses.append((pair, match))
    return PairScore(counts["tp"], counts["fp"], counts["fn"], counts["tn"], tuple(misses))


def _event(
    event_id: int, report_id: str, data: dict[str, Any], places: dict[str, dict[str, Any]]
) -> EventFacts:
    place = data.get("place")
    place_data = places[place] if isinstance(place, str) else place
    start: dt.date | None = data.get("start")
    return EventFacts(
        id=event_id,
        report_id=report_id,
        type=data["type"],
        sub_type=data["sub_type"],
        start=start,
        end=data.get("end", start),
        place=PlaceFacts(**place_data) if place_data else None,
        actor1=ActorRef(name=data["actor1"]) if data.get("actor1") else None,
        actor2=ActorRef(name=data["actor2"]) if data.get("actor2") else None,
        tolls={"killed": Toll(best=data["killed"])} if "killed" in data else {},
    )
