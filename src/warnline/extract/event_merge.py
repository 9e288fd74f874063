"""One real event, one record: a sentence that goes on about an event ("The attack also
wounded 12", "the bombing", "the death toll rose to 15") joins the event it follows up on.

A description joins an earlier event when it is of the same kind (or a generic word for a
violent one), its sides, place and date do not contradict the event's, it is close by (further
back for "the attack" than for "an attack"), and its sentence does not open with "in another
attack" or "separately". Otherwise it starts an event of its own if it says enough to code one;
a description that can only refer back ("the deadliest attack this year") never does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from warnline.extract.event_actors import Side
from warnline.extract.event_cues import Cue, EventCues
from warnline.extract.event_links import separated
from warnline.extract.event_tolls import Figure
from warnline.records import DateMention, Place, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Sides an unnamed noun can only place roughly: any non-state armed group is one kind here.
_COARSE = {
    "rebel_group": "non_state",
    "political_militia": "non_state",
    "identity_militia": "non_state",
    "rioters": "crowd",
    "protesters": "crowd",
}
# Places this close are one town to ACLED (which codes a location to the town it is in).
_SAME_TOWN_KM = 15.0
_EARTH_KM = 6371.0
_SPECIFIC_VIOLENCE = frozenset({"Explosions/Remote violence", "Violence against civilians"})
# Finer first: a day-precise range beats "recent months" when descriptions are joined.
_PRECISION_ORDER = ("day", "week", "month", "season", "quarter", "year", "decade", "century")


@dataclass
class Draft:
    """An event as read from one sentence, and then as merged with its follow-ups."""

    sentence: int
    last: int
    spans: list[Span]
    cue: Cue | None
    type: str
    sub_type: str
    anaphoric: bool = False
    follow_only: bool = False
    separate: bool = False
    evidence: bool = False
    actor1: Side | None = None
    actor2: Side | None = None
    # The sides' categories as read (before the event type implies any).
    categories: tuple[str | None, str | None] = (None, None)
    associated: list[str] = field(default_factory=list)
    place: Place | None = None
    geo: int | None = None
    date: DateMention | None = None
    # "in recent months": a date that never keeps two descriptions apart.
    date_vague: bool = False
    figures: list[Figure] = field(default_factory=list)
    kills: int = 0
    claim: str | None = None
    # The event word that names it (in the sentence it was first told in).
    token: Token | None = None

    @property
    def rank(self) -> int:
        return self.cue.rank if self.cue is not None else 0

    @property
    def generic(self) -> bool:
        return self.cue is None or self.cue.generic


def merge_drafts(
    drafts: Iterable[Draft], cues: EventCues, kin: frozenset[tuple[str, str]] = frozenset()
) -> list[Draft]:
    """The report's events: each draft joins the latest earlier event it fits, or starts one.
    `kin` are pairs of actors one report may name for the same side ("JNIM" and "the al-Qaeda
    affiliate"): a group and its parent or affiliate in the catalogue."""
    events: list[Draft] = []
    for draft in drafts:
        fitting = [e for e in reversed(events) if _joins(e, draft, cues, kin)]
        if not fitting and _account_only(draft):
            # "JNIM had said on Sunday that it had killed more than 30 members of the security
            # forces", paragraphs after the lead: a speaker's count of the report's event.
            fitting = [e for e in events if _joins(e, draft, cues, kin, window=None)]
        # An event coded alike first ("the attack on military positions" goes to the armed
        # clash, not to the air strike after it); then the one told most (the report's lead).
        target = next((e for e in fitting if e.sub_type == draft.sub_type), None)
        if target is None and fitting:
            target = max(fitting, key=lambda e: len(e.spans))
        if target is not None:
            _absorb(target, draft)
        elif draft.evidence and not draft.follow_only:
            events.append(draft)
    return events


def _joins(
    event: Draft,
    draft: Draft,
    cues: EventCues,
    kin: frozenset[tuple[str, str]],
    window: int | None = -1,
) -> bool:
    """Whether the draft tells of the event: near enough (`window` sentences; None for no limit,
    -1 for the cue vocabulary's), alike, with sides, place and date that fit."""
    if window == -1:
        window = cues.anaphoric_window if draft.anaphoric else cues.merge_window
    if window is not None and draft.sentence - event.last > window:
        return False
    if draft.separate and draft.sentence != event.sentence:
        return False
    if draft.sentence == event.sentence and _told_apart(event, draft, cues):
        return False  # "struck …, the answer to the rebels' attacks": two events
    return (
        _same_kind(event, draft)
        and _sides_fit(event, draft, kin)
        and places_fit(event.place, draft.place, loose=draft.anaphoric or draft.cue is None)
        and (event.date_vague or draft.date_vague or _dates_fit(event.date, draft.date))
    )


def _account_only(draft: Draft) -> bool:
    """A speaker's figures with nothing of their own to place or date them."""
    return (
        draft.claim is not None
        and any(f.claim == draft.claim for f in draft.figures)
        and draft.place is None
        and draft.date is None
        and not draft.separate
    )


def _told_apart(event: Draft, draft: Draft, cues: EventCues) -> bool:
    if event.token is None or draft.token is None:
        return False
    return separated(event.token, draft.token, cues)


def _same_kind(event: Draft, draft: Draft) -> bool:
    """Alike, or a follow-up that names the same violence differently: "the attack" after a
    bombing, "the blast" after a suicide bombing, "a drone strike" after "was killed"."""
    if draft.cue is None:
        return event.type in VIOLENT
    if event.sub_type == draft.sub_type:
        return True
    if event.type not in VIOLENT or draft.type not in VIOLENT:
        return False
    if draft.generic or (draft.type == event.type and _joins_its_type(draft)):
        return True
    # "The drone strike" after "was killed" names it, as does "when a bomb exploded" in the
    # sentence that told of the killing; "the army answered with air strikes" after an attack
    # is another event, as is a town "taken" after the attack on it.
    named_here = draft.anaphoric or draft.sentence == event.sentence
    return named_here and (
        draft.type == event.type or (event.generic and draft.type in _SPECIFIC_VIOLENCE)
    )


def _joins_its_type(draft: Draft) -> bool:
    return draft.cue is not None and draft.cue.joins_its_type


def _sides_fit(event: Draft, draft: Draft, kin: frozenset[tuple[str, str]]) -> bool:
    """No side contradicts: the same actor (or its kin), or the same kind of actor where none
    is named."""
    mine, theirs = event.categories, draft.categories
    straight = (
        _same(event.actor1, draft.actor1, mine[0], theirs[0], kin)
        and _same(event.actor2, draft.actor2, mine[1], theirs[1], kin)
        and _distinct(_fill(event.actor1, draft.actor1), _fill(event.actor2, draft.actor2))
    )
    symmetric = event.cue is not None and event.cue.symmetric
    crossed = (
        _same(event.actor1, draft.actor2, mine[0], theirs[1], kin)
        and _same(event.actor2, draft.actor1, mine[1], theirs[0], kin)
        and _distinct(_fill(event.actor1, draft.actor2), _fill(event.actor2, draft.actor1))
    )
    return straight or (symmetric and crossed) or _contested_target(event, draft, kin)


def _contested_target(event: Draft, draft: Draft, kin: frozenset[tuple[str, str]]) -> bool:
    """A speaker's own count of whom it hit ("JNIM said it killed 300 'militiamen'" after an
    attack on civilians): the same attacker and the speaker's version of the target, an account
    of the same event, not another one."""
    if draft.claim is None or not draft.figures or draft.actor1 is None:
        return False
    if not any(f.claim == draft.claim for f in draft.figures):
        return False
    return event.actor1 is not None and _same(
        event.actor1, draft.actor1, event.categories[0], draft.categories[0], kin
    )


def _distinct(one: Side | None, other: Side | None) -> bool:
    """One actor cannot be both sides: "Houthi attacks" after "fighting with Houthi forces"."""
    if one is None or other is None or one.entity is None:
        return True
    return one.entity != other.entity


def _same(
    one: Side | None,
    other: Side | None,
    one_kind: str | None,
    other_kind: str | None,
    kin: frozenset[tuple[str, str]],
) -> bool:
    if one is None or other is None:
        return True
    if one.entity is not None and other.entity is not None:
        return one.entity == other.entity or (one.entity, other.entity) in kin
    if one_kind is None or other_kind is None:
        return True
    # "gunmen" and "the militants" may be one side; soldiers and militants may not.
    return _COARSE.get(one_kind, one_kind) == _COARSE.get(other_kind, other_kind)


def places_fit(one: Place | None, other: Place | None, loose: bool = False) -> bool:
    """Two places can be one event's: the same, unknown, a vague region ("northern provinces")
    and a place in its country, or a province and a town in it; for a description that refers
    back (`loose`: "the bombing … an assault on Pakistan itself"), a country and a place in it."""
    if one is None or other is None or one.id == other.id:
        return True
    if _unresolved(one) or _unresolved(other):
        return True  # "the Beach View Hotel", not in the gazetteer: nothing contradicts
    if _vague(one) or _vague(other) or (loose and (_country(one) or _country(other))):
        return one.country is None or other.country is None or one.country == other.country
    if (
        one.admin1 is not None
        and one.admin1 == other.admin1
        and (_province(one) or _province(other))
    ):
        return True
    return _close(one, other)


def _close(one: Place, other: Place) -> bool:
    """Within one town: "the Beach View Hotel" and "Mogadishu", "Faladié" and "Bamako"."""
    if None in (one.lat, one.lon, other.lat, other.lon):
        return False
    lat1, lon1 = math.radians(one.lat or 0), math.radians(one.lon or 0)
    lat2, lon2 = math.radians(other.lat or 0), math.radians(other.lon or 0)
    x = (lon2 - lon1) * math.cos((lat1 + lat2) / 2)
    return math.hypot(x, lat2 - lat1) * _EARTH_KM <= _SAME_TOWN_KM


def _unresolved(place: Place) -> bool:
    return place.country is None and place.precision is None


def _country(place: Place) -> bool:
    """ "an assault on Pakistan itself", "strikes in Yemen": a country says little of where."""
    return place.feature == "country"


def _vague(place: Place) -> bool:
    return place.feature == "region"


def _province(place: Place) -> bool:
    return place.precision == 3 and place.feature != "populated_place"


def _dates_fit(one: DateMention | None, other: DateMention | None) -> bool:
    """Dates fit unless both are known and do not overlap (a 2001 killing, a 2022 strike)."""
    if one is None or other is None:
        return True
    if one.start is None or one.end is None or other.start is None or other.end is None:
        return True
    return one.start <= other.end and other.start <= one.end


def _absorb(event: Draft, draft: Draft) -> None:
    event.last = max(event.last, draft.last)
    event.spans.extend(s for s in draft.spans if s not in event.spans)
    if draft.cue is not None and event.generic and not draft.generic:
        # "killed in Kabul … the drone strike": the specific word names the event.
        event.cue, event.type, event.sub_type = draft.cue, draft.type, draft.sub_type
    actor1 = _fill(event.actor1, draft.actor1)
    actor2 = _fill(event.actor2, draft.actor2)
    event.categories = (
        event.categories[0] if actor1 is event.actor1 else draft.categories[0],
        event.categories[1] if actor2 is event.actor2 else draft.categories[1],
    )
    event.actor1, event.actor2 = actor1, actor2
    event.associated.extend(a for a in draft.associated if a not in event.associated)
    if draft.place is not None and (event.place is None or _more_precise(draft, event)):
        event.place, event.geo = draft.place, draft.geo
    if draft.date is not None and _better_date(draft, event):
        event.date, event.date_vague = draft.date, draft.date_vague
    event.figures.extend(draft.figures)
    event.kills = max(event.kills, draft.kills)
    event.claim = event.claim or draft.claim


def _more_precise(new: Draft, old: Draft) -> bool:
    """A named site over a town ("Police Lines" over "Peshawar"), a town over a province."""
    if new.place is None or old.place is None:
        return old.place is None
    if _unresolved(old.place) or _vague(new.place):
        return False
    return _unresolved(new.place) or (new.geo or 3) < (old.geo or 3)


def _fill(mine: Side | None, theirs: Side | None) -> Side | None:
    if mine is None or (mine.entity is None and theirs is not None and theirs.entity is not None):
        return theirs or mine
    return mine


def _better_date(new: Draft, old: Draft) -> bool:
    """An exact date beats a vague one; then the finer one wins."""
    if old.date is None or new.date is None:
        return old.date is None
    if old.date_vague != new.date_vague:
        return old.date_vague
    return _precision_rank(new.date.precision) < _precision_rank(old.date.precision)


def _precision_rank(precision: str | None) -> int:
    if precision in _PRECISION_ORDER:
        return _PRECISION_ORDER.index(precision)
    return len(_PRECISION_ORDER)
