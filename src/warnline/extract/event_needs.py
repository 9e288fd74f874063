"""The conditions some cues need before they count as an event (`needs:` in
vocab/event_cues.yaml): a weapon that is used, a town that is taken, a victim that is hit.
Each is a small check on the parse and on the sides already read for the match."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warnline.extract.event_actors import Side
from warnline.extract.event_categories import ARMED
from warnline.extract.event_cues import EventCues, Need
from warnline.extract.event_parse import (
    REFLEXIVES,
    DocIndex,
    children,
    has_key,
    has_object_in,
    is_verbal,
    passive_subject,
    phrase_in,
    prep_objects,
    tree_distance,
)
from warnline.extract.event_roles import taken_objects
from warnline.extract.event_triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

_ARMED_KINDS = frozenset({"armed_group", "state_force", "government"})
_STATE_KINDS = frozenset({"state_force", "government"})
# Prepositions that make a noun the instrument or the matter of a verb: "killed *by* a bomb",
# "agreed *to* a ceasefire".
_USE_PREPS = frozenset({"by", "in", "with", "to", "into", "under", "from"})
_PRONOUNS = frozenset({"it", "them", "which", "they", "that"})
_PLACE_REACH = 3


@dataclass(frozen=True)
class Reading:
    """One match with the sides read for it, and what the checks may look at."""

    trigger: Trigger
    agent: Side | None
    patient: Side | None
    sent: DocSpan
    cue_tokens: frozenset[int]
    index: DocIndex
    cues: EventCues


def needs_met(reading: Reading) -> bool:
    """Whether every condition the match's cue (and its verb-object rule) needs holds."""
    rule = reading.trigger.rule
    needs = (*reading.trigger.cue.needs, *(rule.needs if rule is not None else ()))
    return all(_CHECKS[need](reading) for need in needs)


def _use(reading: Reading) -> bool:
    """A weapon noun is used: "a bomb exploded", "fired rockets", "killed by a roadside bomb",
    "a rocket attack"; a verb is a use in itself."""
    token = reading.trigger.token
    if is_verbal(token):
        return True
    verbs = frozenset(reading.trigger.cue.use_verbs)
    current = token
    for _ in range(2):  # "rockets and mortars were fired": a conjunct shares its verb
        if _used(current, verbs, reading.cue_tokens):
            return True
        if current.dep_ != "conj":
            return False
        current = current.head
    return False


def _used(token: Token, verbs: frozenset[str], cue_tokens: frozenset[int]) -> bool:
    head = token.head
    if token.dep_ in {"nsubj", "nsubjpass", "dobj"} and has_key(head, verbs):
        return True
    if token.dep_ == "pobj" and head.lower_ in _USE_PREPS and has_key(head.head, verbs):
        return True
    if token.dep_ in {"compound", "nmod"} and head.i in cue_tokens:
        return True
    return any(has_key(c, verbs) for c in children(token, "acl", "relcl"))


def _territory(reading: Reading) -> bool:
    """What is taken is a place: a named one, a town or base, or a pronoun for one."""
    for taken in _taken(reading.trigger):
        # "Zamzam, the largest displacement camp": an apposition may say it is a place.
        for token in (taken, *children(taken, "appos")):
            if token.i in reading.index.place_at or token.lower_ in _PRONOUNS:
                return True
            if has_key(token, reading.cues.territory_nouns):
                return True
    return False


def _taken(trigger: Trigger) -> list[Token]:
    """What a verb of taking takes, and also "part *of* a post" and "control *over* X" on
    the verb itself (any of them being a place is enough)."""
    found = taken_objects(trigger)
    for obj in children(trigger.token, "dobj"):  # "overran part of a military post"
        found.extend(prep_objects(obj, frozenset({"of"})))
    found.extend(prep_objects(trigger.token, frozenset({"of", "over"})))
    return found


def _victim(reading: Reading) -> bool:
    """A verb of harm hits someone: a person, an actor, a counted group, people, or the one
    who acts ("killed himself")."""
    token = reading.trigger.token
    if not is_verbal(token):
        return True
    return reading.patient is not None or has_object_in(token, REFLEXIVES)


def _verbal(reading: Reading) -> bool:
    return is_verbal(reading.trigger.token)


def _opponent(reading: Reading) -> bool:
    return reading.patient is not None


def _armed_party(reading: Reading) -> bool:
    return any(_armed(side, reading) for side in (reading.agent, reading.patient))


def _armed_agent(reading: Reading) -> bool:
    return _armed(reading.agent, reading)


def _armed(side: Side | None, reading: Reading) -> bool:
    if side is None:
        return False
    if side.entity is not None:
        return reading.index.entities[side.entity].kind in _ARMED_KINDS
    return side.category in ARMED


def _place(reading: Reading) -> bool:
    token = reading.trigger.token
    return any(
        t.i in reading.index.place_at and tree_distance(t, token) <= _PLACE_REACH
        for t in reading.sent
    )


def _crowd(reading: Reading) -> bool:
    crowd = reading.cues.word_list("crowd")
    agent = reading.agent
    if agent is not None and has_key(agent.token, frozenset(crowd)):
        return True
    return phrase_in(reading.sent, crowd)


def _air(reading: Reading) -> bool:
    """Aircraft are named, or a state strikes ("US strikes on Houthi targets")."""
    if phrase_in(reading.sent, reading.cues.word_list("air")):
        return True
    agent = reading.agent
    if agent is None:
        return False
    if agent.entity is not None:
        return reading.index.entities[agent.entity].kind in _STATE_KINDS
    return agent.category == "state_forces"


def _intransitive(reading: Reading) -> bool:
    """ "demonstrated that …" and "a demonstration of force" are not protests."""
    token = reading.trigger.token
    if is_verbal(token):
        return not any(children(token, "ccomp"))
    return not any(prep_objects(token, frozenset({"of"})))


def _people(reading: Reading) -> bool:
    """People are taken: civilians, or a counted group that is not an armed force."""
    patient = reading.patient
    if patient is None:
        return False
    if patient.token.i in reading.index.place_at:
        return False  # "which the militants captured" said of a town
    if patient.entity is not None:
        # The word taken must itself name the person ("seized control *of* X" takes control).
        named = reading.index.entity_at.get(patient.token.i)
        return named is not None and reading.index.entities[named].kind == "person"
    return patient.category == "civilians" or (patient.counted and patient.category is None)


def _armed_subject(reading: Reading) -> bool:
    """The group a change is about is armed: who acts, or what it is done to ("dissolved the
    SSA"), or what "was founded"."""
    token = reading.trigger.token
    subject = passive_subject(token)
    if subject is not None:
        entity_id = reading.index.entity_at.get(subject.i)
        if entity_id is not None and reading.index.entities[entity_id].kind in _ARMED_KINDS:
            return True
    return _armed(reading.agent, reading) or _armed(reading.patient, reading)


def _out_of_place(reading: Reading) -> bool:
    """ "drove the militants out of the port city": the "of" after "out" names a place, when
    there is one ("pushed AQAP out of the headlines" drives no one from anywhere)."""
    token = reading.trigger.token
    outs = [c for c in token.children if c.lower_ == "out"]
    places = [obj for out in outs for obj in prep_objects(out, frozenset({"of"}))]
    places += list(prep_objects(token, frozenset({"of", "from"})))
    return not places or any(
        obj.i in reading.index.place_at or has_key(obj, reading.cues.territory_nouns)
        for obj in places
    )


def _not_relative(reading: Reading) -> bool:
    token = reading.trigger.token
    return not any(t.dep_ in {"relcl", "acl"} for t in (token, token.head))


def _person_object(reading: Reading) -> bool:
    patient = reading.patient
    if patient is None or patient.entity is None:
        return False
    return reading.index.entities[patient.entity].kind == "person"


_CHECKS: dict[Need, Callable[[Reading], bool]] = {
    "use": _use,
    "verbal": _verbal,
    "opponent": _opponent,
    "territory": _territory,
    "victim": _victim,
    "armed_party": _armed_party,
    "armed_subject": _armed_subject,
    "armed_agent": _armed_agent,
    "place": _place,
    "crowd": _crowd,
    "air": _air,
    "intransitive": _intransitive,
    "person_object": _person_object,
    "people": _people,
    "out_of_place": _out_of_place,
    "not_relative": _not_relative,
}
