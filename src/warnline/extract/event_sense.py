"""Whether a cue match tells of an event that happened: not a name part or a figure of speech
("bomb threat", "the attack on democracy", "a heart attack"), not negated ("no clashes were
reported"), not hypothetical or future ("threatened to attack", "for future attacks"), not an
anchor inside a date ("two days before the September 11 attacks").

A rejected match is still kept by the caller as a sink: the numbers, dates and places around it
belong to it, not to a real event nearby.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from warnline.extract.event_cues import EventCues
from warnline.extract.event_parse import DocIndex, children, first_child, has_key, is_verbal
from warnline.extract.event_triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

# Links along which a word governs the trigger's meaning ("threatened *to attack*",
# "fears *of attacks*"); reported speech (ccomp) and relative clauses are not crossed: "the
# army warned that militants had attacked" reports a fact.
_GOVERNING_DEPS = frozenset(
    {"xcomp", "pobj", "prep", "dobj", "acl", "advcl", "pcomp", "compound", "nsubj", "nsubjpass"}
)
_GOVERNOR_STEPS = 6
_OBJECT_PREPS = frozenset({"on", "against", "of", "upon"})
# Event nouns a weapon or cue word may modify without losing its sense ("bomb *attack*").
_EVENT_HEADS = frozenset({"attempt", "fire", "attack", "strike", "blast", "explosion", "raid"})


def rejection(
    trigger: Trigger, cue_tokens: frozenset[int], index: DocIndex, cues: EventCues
) -> str | None:
    """Why the match is not an event here, or None when it is one."""
    token = trigger.token
    if token.i in index.date_at and not _told_in_anchor(token, index):
        return "anchor: part of a date expression"
    if _name_part(token, cue_tokens):
        return "names a thing, not an event"
    if any(has_key(c, cues.non_event_modifiers) for c in children(token, "amod", "compound")):
        return "not an event sense"
    if _abstract_object(trigger, cues):
        return "figurative: its object is abstract"
    if negated(token, cues):
        return "negated"
    if hypothetical(token, cues):
        return "hypothetical or future"
    if _aggregate(token, cues):
        return "counts events, tells of none"
    if _habitual(token, cues):
        return "a habit, not an event"
    if _ongoing(trigger, index):
        return "an ongoing state, not an event"
    return None


def _told_in_anchor(token: Token, index: DocIndex) -> bool:
    """ "eleven days after the Taliban seized Kabul": a clause inside a date that names who
    acted tells of an event; "before the September 11 attacks" only points at one."""
    return is_verbal(token) and any(
        c.i in index.entity_at for c in children(token, "nsubj", "nsubjpass")
    )


def _ongoing(trigger: Trigger, index: DocIndex) -> bool:
    """ "has fought the Houthis since 2015", "they have also clashed with each other": a war
    going on, not one event; "have engaged in battles in the northern provinces" is placed."""
    verb = clause_verb(trigger.token)
    if not any(c.lemma_ == "have" for c in children(verb, "aux")):
        return False
    if any(c.lower_ == "since" for c in children(verb, "prep")):
        return True
    if not trigger.cue.symmetric:
        return False
    return not any(t.i in index.date_at or t.i in index.place_at for t in verb.subtree)


def _aggregate(token: Token, cues: EventCues) -> bool:
    """ "the number of suicide bombings", "years of drone strikes, defections and fighting",
    "the conflict has killed more than 40,000 people", "attacks have risen"."""
    if is_verbal(token) and any(
        has_key(c, cues.aggregate_subjects) for c in children(token, "nsubj")
    ):
        return True
    if token.dep_ == "nsubj" and has_key(token.head, cues.trend_verbs):
        return True  # "attacks on police have risen steeply"
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "of" and has_key(prep.head, cues.aggregate_heads)


def _habitual(token: Token, cues: EventCues) -> bool:
    """ "frequent attacks", "has been attacked repeatedly", "attacked several times"."""
    words = [token, clause_verb(token)]
    return any(
        has_key(c, cues.habitual_modifiers)
        for word in words
        for c in children(word, "amod", "advmod", "npadvmod")
    )


def _name_part(token: Token, cue_tokens: frozenset[int]) -> bool:
    """ "bomb threat", "attack helicopter", "ceasefire talks": a modifier of another noun. (Before
    a name it is the tagger's slip: "retook Kidal" read as a compound.)"""
    if token.dep_ not in {"compound", "nmod"}:
        return False
    head = token.head
    if head.pos_ != "NOUN":
        return False
    return head.i not in cue_tokens and head.lemma_.lower() not in _EVENT_HEADS


def _abstract_object(trigger: Trigger, cues: EventCues) -> bool:
    token = trigger.token
    objects = [*children(token, "dobj")]
    for prep in children(token, "prep"):
        if prep.lower_ in _OBJECT_PREPS:
            objects.extend(children(prep, "pobj"))
    if trigger.obj is not None:
        objects.append(trigger.obj)
    return any(has_key(obj, cues.abstract_objects) for obj in objects)


def clause_verb(token: Token) -> Token:
    """The verb a noun trigger is an argument of ("launched" for "launched an attack"), or the
    trigger itself when it is a verb."""
    current = token
    for _ in range(3):
        if is_verbal(current) or current.head.i == current.i:
            return current
        current = current.head
    return current


def negated(token: Token, cues: EventCues) -> bool:
    """ "did not attack", "no attacks", "without a fight", "never clashed", "no attack took
    place". A noun is negated through its verb only when the verb says it happened: "did not
    claim the attack" leaves the attack standing."""
    if _negates(token, cues):
        return True
    verb = clause_verb(token)
    if verb.i != token.i and has_key(verb, cues.light_verbs | cues.occurrence_verbs):
        return _negates(verb, cues)
    return token.head.lower_ == "without" and token.dep_ == "pobj"


def _negates(word: Token, cues: EventCues) -> bool:
    return any(
        c.dep_ == "neg" or has_key(c, cues.negations)
        for c in children(word, "neg", "det", "advmod", "preconj")
    )


def hypothetical(token: Token, cues: EventCues) -> bool:
    """What has not happened: a modal, a conditional, a governing "threaten"/"fear of"/"plan
    to", a "future" attack, or a bare infinitive of purpose."""
    if any(has_key(c, cues.hypothetical_modifiers) for c in children(token, "amod", "compound")):
        return True
    if _governed_by(token, cues):
        return True
    verb = clause_verb(token)
    if any(has_key(c, cues.modal_verbs) for c in children(verb, "aux", "auxpass")):
        return True
    if any(has_key(c, cues.conditional_marks) for c in children(verb, "mark")):
        return True
    # "fired tear gas to disperse protesters": the protesters were there all the same; "sent
    # troops to attack" is an aim, as is "to launch attacks".
    if verb.i != token.i and not has_key(verb, cues.light_verbs):
        return False
    return _purpose_infinitive(verb, cues)


def _governed_by(token: Token, cues: EventCues) -> bool:
    current = token
    for _ in range(_GOVERNOR_STEPS):
        if current.dep_ not in _GOVERNING_DEPS or current.head.i == current.i:
            return False
        current = current.head
        if has_key(current, cues.hypothetical_governors):
            return True
    return False


def _purpose_infinitive(verb: Token, cues: EventCues) -> bool:
    """ "sent troops to attack": an infinitive tells of an aim, unless its governor reports a
    fact ("continued to attack", "allowed them to gain a foothold")."""
    marker = first_child(verb, "aux")
    if marker is None or marker.tag_ != "TO":
        return False
    return not has_key(verb.head, cues.realis_governors)
