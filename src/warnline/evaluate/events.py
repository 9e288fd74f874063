"""Scoring the event layer: events found by the sentences that describe them, then their
ACLED coding — type, sub-type, the two actors, the place, the date and the tolls.

A predicted event pairs with a gold event when one of its spans overlaps one of the gold
`evidence` snippets (the same sub-type first); on the pairs, each coded attribute is right or
wrong. Only what the gold gives is checked: a date when it has one, each toll it gives, and of a
toll only the figures it gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from warnline.evaluate.gold import GoldEvent, GoldToll
from warnline.evaluate.mentions import place_keys
from warnline.evaluate.normalise import occurrences, overlap_length, place_key
from warnline.evaluate.pairs import Rank, one_to_one
from warnline.evaluate.tally import Checks, Tally, excerpt
from warnline.records import Event, Place, Span, Toll

EVENT_ATTRIBUTES = ("type", "sub_type", "actor1", "actor2", "place", "date", "tolls")


def score_events(
    golds: Sequence[GoldEvent],
    events: Sequence[Event],
    places: Sequence[Place],
    names: Mapping[str, str],
    text: str,
) -> tuple[Tally, Checks]:
    """Per gold event: a TP when a predicted event pairs with it (see `pair_events`), else an
    FN; an unpaired predicted event is an FP. Each pair's coding is then checked; `names` maps
    entity ids to gold actor names (`actors.names_of`)."""
    tally, checks = Tally(), Checks(EVENT_ATTRIBUTES)
    pairs = pair_events(golds, events, text)
    by_id = {place.id: place for place in places}
    for g_index, gold in enumerate(golds):
        p_index = pairs.get(g_index)
        if p_index is None:
            sides = f"{gold.actor1 or '-'} on {gold.actor2 or '-'}"
            tally.missed(f"event {gold.sub_type} ({sides}) {gold.evidence[0]!r} not found")
            continue
        tally.hit()
        event = events[p_index]
        label = f"event {gold.evidence[0]!r} ({gold.sub_type})"
        _check_coding(label, gold, event, names, checks)
        place = by_id.get(event.place) if event.place else None
        _check_place(label, gold, place, text, checks)
        _check_date(label, gold, event, checks)
        _check_tolls(label, gold, event, checks)
    paired = set(pairs.values())
    for p_index, event in enumerate(events):
        if p_index not in paired:
            start, end = event.span
            what = excerpt(text[start:end])
            tally.invented(f"event {event.sub_type} {what!r} is not in the gold")
    return tally, checks


def pair_events(golds: Sequence[GoldEvent], events: Sequence[Event], text: str) -> dict[int, int]:
    """Gold index -> event index: an event pairs with a gold event when any of its spans overlaps
    any evidence snippet; the same sub-type first, then the larger overlap, each side once."""
    candidates: list[tuple[Rank, int, int]] = []
    for g_index, gold in enumerate(golds):
        evidence = [span for snippet in gold.evidence for span in occurrences(snippet, text)]
        for p_index, event in enumerate(events):
            shared = sum(overlap_length(a, b) for a in evidence for b in event_spans(event))
            if shared:
                rank = (float(event.sub_type != gold.sub_type), -float(shared))
                candidates.append((rank, g_index, p_index))
    return one_to_one(candidates)


def event_spans(event: Event) -> tuple[Span, ...]:
    """Every sentence that describes a predicted event (its `span` when it lists no `spans`)."""
    return event.spans or (event.span,)


def _check_coding(
    label: str, gold: GoldEvent, event: Event, names: Mapping[str, str], checks: Checks
) -> None:
    checks.check("type", event.type == gold.type, f"{label}: type {event.type}, want {gold.type}")
    checks.check(
        "sub_type",
        event.sub_type == gold.sub_type,
        f"{label}: sub_type {event.sub_type}, want {gold.sub_type}",
    )
    for slot, predicted, want in (
        ("actor1", event.actor1, gold.actor1),
        ("actor2", event.actor2, gold.actor2),
    ):
        got = None if predicted is None else names.get(predicted, predicted)
        checks.check(slot, got == want, f"{label}: {slot} {got or 'none'}, want {want or 'none'}")


def _check_place(
    label: str, gold: GoldEvent, place: Place | None, text: str, checks: Checks
) -> None:
    """Right when a mention of the predicted place has the gold place's text (`place_key`);
    no place is right only when the gold names none."""
    if gold.place is None:
        right = place is None
    else:
        right = place is not None and place_key(gold.place) in place_keys(place, text)
    got = place.name if place is not None else "none"
    checks.check("place", right, f"{label}: place {got}, want {gold.place or 'none'}")


def _check_date(label: str, gold: GoldEvent, event: Event, checks: Checks) -> None:
    """The start and end the gold gives, when it gives one."""
    if gold.start is None and gold.end is None:
        return
    start = event.date.start if event.date else None
    end = event.date.end if event.date else None
    right = gold.start in (None, start) and gold.end in (None, end)
    got = f"{start or '?'}..{end or '?'}" if event.date else "none"
    want = f"{gold.start or '?'}..{gold.end or '?'}"
    checks.check("date", right, f"{label}: date {got}, want {want}")


def _check_tolls(label: str, gold: GoldEvent, event: Event, checks: Checks) -> None:
    """Each toll the gold gives, on the figures it gives (best, low, high)."""
    for kind, want, got in (
        ("killed", gold.killed, event.killed),
        ("injured", gold.injured, event.injured),
        ("killed_or_injured", gold.killed_or_injured, event.killed_or_injured),
    ):
        if want is not None:
            right = toll_agrees(want, got)
            shown = f"{label}: {kind} {_toll_shown(got)}, want {_toll_shown(want)}"
            checks.check("tolls", right, shown)


def toll_agrees(gold: GoldToll, predicted: Toll | None) -> bool:
    """Every figure the gold toll gives (best, low, high) is the predicted one's."""
    got = predicted.model_dump() if predicted is not None else {}
    return all(got.get(field) == value for field, value in _figures(gold).items())


def _figures(toll: GoldToll | Toll) -> dict[str, int]:
    return {field: value for field, value in toll.model_dump().items() if value is not None}


def _toll_shown(toll: GoldToll | Toll | None) -> str:
    figures = _figures(toll) if toll is not None else {}
    return ", ".join(f"{field} {value}" for field, value in figures.items()) or "none"
