"""Where the sides of an event stand in the parse: the words that name who acts and who is
acted on, before they are mapped to actors (extract/event_actors.py).

The side that acts is a verb's subject or a passive's "by" phrase, a noun's possessor or
modifier ("the Taliban's attack", "a U.S. drone strike", "an attack by militants"), or the
subject of the verb that carries a noun out ("the NRF carried out attacks", "JNIM claimed
responsibility for the attack"). The side acted on is the object, the passive subject, or what
an attack is "on", "against" or (for a clash) "with".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from warnline.extract.event_cues import EventCues
from warnline.extract.event_parse import (
    children,
    first_child,
    has_key,
    is_passive,
    is_verbal,
    passive_subject,
    prep_objects,
)
from warnline.extract.event_triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# "engaged *in* battles", "agreed *to* a ceasefire", "entered *into* a truce".
_VERB_OBJECT_PREPS = frozenset({"in", "of", "to", "into"})
_ALONG = frozenset({"along", "together"})


def taken_objects(trigger: Trigger) -> list[Token]:
    """What a verb of taking takes: its object, its passive subject, "control *of* X"."""
    token = trigger.token
    found = [*children(token, "dobj")]
    subject = passive_subject(token)
    if subject is not None:
        found.append(subject)
    if trigger.obj is not None:
        found.append(trigger.obj)
        found.extend(prep_objects(trigger.obj, frozenset({"of", "over"})))
    return found


def subjects(tokens: list[Token]) -> list[Token]:
    """The subjects among the tokens."""
    return [t for t in tokens if t.dep_ in SUBJECT_DEPS]


def agent_tokens(trigger: Trigger, cues: EventCues) -> list[Token]:
    """The words that may name the side that acts, best first."""
    token = trigger.token
    if is_verbal(token):
        return verb_agents(token)
    if token.pos_ == "ADJ" and token.dep_ in {"acomp", "attr"}:
        return verb_agents(token.head)  # "Al-Qaeda is present in …"
    found = [] if trigger.cue.possessor_is_patient else [*children(token, "poss")]
    found.extend(children(token, "compound", "amod", "nmod"))
    found.extend(prep_objects(token, frozenset({"by"})))
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ == "behind":
        found.extend(verb_agents(prep.head))  # "JNIM said it was behind the attacks"
    if (
        token.dep_ == "pobj"
        and prep.lower_ == "for"
        and has_key(prep.head, cues.responsibility_nouns)
    ):
        found.extend(verb_agents(prep.head.head))  # "X claimed responsibility for the attack"
    verb = _governing_verb(token)
    if verb is not None and has_key(verb, cues.light_verbs):
        found.extend(verb_agents(verb))
    return found


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun is the object of, directly or through "in" ("engaged in battles")."""
    head = token.head
    if token.dep_ in {"dobj", "nsubjpass"} and is_verbal(head):
        return head
    if token.dep_ == "pobj" and head.lower_ in _VERB_OBJECT_PREPS and is_verbal(head.head):
        return head.head
    return None


def verb_agents(verb: Token) -> list[Token]:
    """Who does what a verb says: its subjects, a passive's "by" phrase, or the subject it
    shares with the verb it depends on."""
    if is_passive(verb):
        agent = first_child(verb, "agent")
        return list(children(agent, "pobj")) if agent is not None else []
    subjects = list(children(verb, "nsubj"))
    if subjects:
        return subjects
    head = verb.head
    if verb.dep_ == "xcomp":
        # "allowed Al-Qaeda to gain …": the governor's object acts; "continued to attack": its
        # subject does.
        return [*children(head, "dobj"), *verb_agents(head)]
    if verb.dep_ in {"conj", "advcl"} and is_verbal(head) and head.i != verb.i:
        return verb_agents(head)
    if verb.dep_ in {"acl", "relcl"}:
        return [head]
    return []


def patient_tokens(trigger: Trigger, cues: EventCues) -> list[Token]:
    """The words that may name the side acted on, best first."""
    token = trigger.token
    preps = cues.target_prepositions
    if not trigger.cue.symmetric:
        # "clashed with X" is against X; "an offensive with clan militias" is alongside them.
        preps = preps - {"with"}
    if is_verbal(token):
        if is_passive(token):
            subject = passive_subject(token)
            found = [subject] if subject is not None else []
        else:
            found = list(children(token, "dobj"))
        found.extend(o for o in prep_objects(token, preps) if not _along(o))
        found.extend(_targeting(token))
        return found
    found = [o for o in prep_objects(token, preps) if not _along(o)]
    if trigger.cue.possessor_is_patient:
        found.extend(children(token, "poss"))
    found.extend(_targeting(token))
    verb = _governing_verb(token)
    if verb is not None and has_key(verb, cues.target_verbs):
        found.extend(children(verb, "nsubj"))
    elif verb is not None and has_key(verb, cues.light_verbs):
        found.extend(o for o in prep_objects(verb, preps) if not _along(o))
        found.extend(_targeting(verb))
    return found


def _targeting(token: Token) -> list[Token]:
    """ "…, targeting Taliban forces": the object of a "target" participle."""
    found: list[Token] = []
    for clause in children(token, "advcl", "acl", "xcomp"):
        if clause.lemma_.lower() == "target":
            found.extend(children(clause, "dobj"))
    return found


def _along(obj: Token) -> bool:
    """ "along with X", "together with X": X is an ally, not a target."""
    prep = obj.head
    return prep.i > 0 and prep.doc[prep.i - 1].lower_ in _ALONG
