"""Coding an event: which of its cue's ACLED sub-types applies (an attack on villagers is
violence against civilians, on a checkpoint an armed clash; a town "captured" by a state's own
troops is the government regaining it), and the ACLED categories of its two sides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from warnline.extract.event_actors import Side
from warnline.extract.event_categories import ARMED, entity_category
from warnline.extract.event_cues import Cue, EventCues, Override
from warnline.extract.event_parse import DocIndex, children, has_key, phrase_in
from warnline.extract.event_tolls import Figure

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

Target = Literal["civilians", "armed"]
# A word for what was hit is looked up among armed targets first: "a police station" is armed.
_TARGET_ORDER: tuple[Target, ...] = ("armed", "civilians")
_STATE_KINDS = frozenset({"state_force", "government"})


def side_category(side: Side | None, index: DocIndex, day: dt.date | None) -> str | None:
    """ACLED's category of one side: its actor's, or the one its noun implies ("gunmen")."""
    if side is None:
        return None
    if side.entity is not None:
        return entity_category(index.entities[side.entity], index.entities, day)
    return side.category


def target_of(
    patient: Side | None,
    figures: Sequence[Figure],
    index: DocIndex,
    cues: EventCues,
    day: dt.date | None,
) -> Target | None:
    """Whom the event hit: civilians or armed forces, read from the side acted on, the word
    for what was hit ("a market", "a checkpoint"), else from whom the tolls count."""
    if patient is not None:
        # The word for what was hit first: "the Mianwali base" is armed whatever "Mianwali" is.
        found = _noun_target(patient.token, cues) or _side_target(patient, index, day)
        if found is not None:
            return found
    for figure in figures:
        found = _phrase_target(figure.noun, cues)
        if found is not None:
            return found
    return None


def _phrase_target(phrase: str, cues: EventCues) -> Target | None:
    """ "soldiers and volunteers", "members of the security forces": whom a count is of."""
    words = phrase.lower().split()
    for size in (2, 1):
        for n in range(len(words) - size + 1):
            category = cues.unnamed_category.get(" ".join(words[n : n + size]))
            if category is not None:
                return "civilians" if category == "civilians" else _armed_or_none(category)
    return None


def _side_target(side: Side, index: DocIndex, day: dt.date | None) -> Target | None:
    if side.entity is not None and index.entities[side.entity].kind == "person":
        # A named person is a civilian unless they hold a post in an armed body.
        category = side_category(side, index, day)
        return "armed" if category in ARMED else "civilians"
    category = side_category(side, index, day)
    if category == "civilians" or category == "external_other":
        return "civilians"
    return _armed_or_none(category)


def _armed_or_none(category: str | None) -> Target | None:
    return "armed" if category in ARMED else None


def _noun_target(token: Token, cues: EventCues) -> Target | None:
    words = [token, *children(token, "compound", "amod")]
    pair = " ".join(t.lower_ for t in sorted(words, key=lambda t: t.i)[-2:])
    for target in _TARGET_ORDER:
        listed = cues.targets[target]
        if pair in listed or has_key(token, frozenset(listed)):
            return target
    for obj in children(token, "prep"):  # "members of the security forces"
        if obj.lower_ == "of":
            for inner in children(obj, "pobj"):
                found = _phrase_target(" ".join(t.lower_ for t in inner.subtree), cues)
                if found is not None:
                    return found
    return None


def code_event(
    cue: Cue,
    actor1: Side | None,
    target: Target | None,
    sent: DocSpan,
    index: DocIndex,
    cues: EventCues,
    day: dt.date | None,
) -> tuple[str, str]:
    """The event's ACLED type and sub-type: the cue's, or the first override that applies."""
    for override in cue.overrides:
        if _applies(override, actor1, target, sent, index, cues, day):
            return override.type, override.sub_type
    return cue.type, cue.sub_type


def _applies(
    override: Override,
    actor1: Side | None,
    target: Target | None,
    sent: DocSpan,
    index: DocIndex,
    cues: EventCues,
    day: dt.date | None,
) -> bool:
    if override.words is not None:
        return phrase_in(sent, cues.word_list(override.words))
    when = override.when
    if when == "target_civilians":
        return target == "civilians"
    if when == "target_armed":
        return target == "armed"
    if actor1 is None:
        return False
    if when == "actor1_crowd":
        return has_key(actor1.token, frozenset(cues.word_list("crowd")))
    if when == "actor1_state_force":
        # A state's own forces or government ("troops", "forces loyal to the government"), not
        # a group the catalogue codes as a state since it took one over.
        if actor1.entity is None:
            return actor1.category == "state_forces"
        return index.entities[actor1.entity].kind in _STATE_KINDS
    category = side_category(actor1, index, day)
    return category is not None and category != "state_forces"


def implied_categories(
    kind: str, actor1: str | None, actor2: str | None, cues: EventCues
) -> tuple[str | None, str | None]:
    """The sides' categories once the event type is known: demonstrators are protesters,
    victims of violence against civilians are civilians."""
    implied = cues.implied_categories.get(kind)
    if implied is None:
        return actor1, actor2
    return implied.actor1 or actor1, implied.actor2 or actor2
