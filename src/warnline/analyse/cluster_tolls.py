"""A clustered event's tolls: every source's figure kept, best/low/high chosen as ACLED does.

The combining itself is the extractor's (extract/event_tolls.combine): each report's account
is one speaker's figure, alternatives give low the least, high the most and best the lower.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warnline.analyse.cluster_features import EventFacts
from warnline.extract.event_tolls import KINDS, Figure, combine
from warnline.records import Toll

_COUNTS = {2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True)
class ClusterTolls:
    tolls: dict[str, Toll]
    basis: str | None


def cluster_tolls(members: Sequence[EventFacts]) -> ClusterTolls:
    """The cluster's tolls from each member report's own, and why best is what it is."""
    labels = _labels(members)
    figures = [
        Figure(kind=kind, toll=member.tolls[kind], claim=labels[member.id], sentence=index, noun="")
        for index, member in enumerate(members)
        for kind in KINDS
        if kind in member.tolls
    ]
    if not figures:
        return ClusterTolls({}, None)
    tolls: dict[str, Toll] = {str(k): v for k, v in combine(figures, {}, {}).tolls.items()}
    notes = [_basis(kind, members, labels) for kind in KINDS]
    basis = "; ".join(note for note in notes if note)
    return ClusterTolls(tolls, basis or None)


def _labels(members: Sequence[EventFacts]) -> dict[int, str]:
    """Each member's label: its outlet, told apart when one outlet filed twice."""
    labels: dict[int, str] = {}
    used: dict[str, int] = {}
    for member in members:
        name = member.source or member.report_id[:15]
        used[name] = used.get(name, 0) + 1
        labels[member.id] = name if used[name] == 1 else f"{name}, report {used[name]}"
    return labels


def _basis(kind: str, members: Sequence[EventFacts], labels: dict[int, str]) -> str | None:
    given = [(labels[m.id], m.tolls[kind]) for m in members if kind in m.tolls]
    if len(given) < 2 or len({(t.best, t.low, t.high) for _, t in given}) < 2:
        return None
    parts = ", ".join(f"{_figure(toll)} ({label})" for label, toll in given)
    count = _COUNTS.get(len(given), str(len(given)))
    return f"{kind}: {count} reports: {parts}; best is the lower (ACLED's conservative figure)"


def _figure(toll: Toll) -> str:
    if toll.best is not None:
        return str(toll.best)
    if toll.low is not None:
        return f"at least {toll.low}"
    return f"up to {toll.high}"
