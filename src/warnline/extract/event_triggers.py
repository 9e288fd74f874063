"""Finding event cues in a sentence: single words, phrases and verb-object pairs
(vocab/event_cues.yaml). Whether a match is an event in that sentence is event_sense's call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from warnline.extract.event_cues import Cue, EventCues, VerbObject
from warnline.extract.event_parse import children, is_verbal, keys

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

# Where a verb's object can stand: its direct object, a passive subject, an object predicate
# ("set it ablaze"), or after a preposition or particle ("took control of").
_OBJECT_DEPS = ("dobj", "nsubjpass", "oprd", "acomp", "attr", "advmod", "npadvmod", "dative")
_PARTICLE_DEPS = ("prt", "advmod", "prep")
# Prepositions an object may follow ("took control *of*", "set it *on* fire", "succeeded X *as*
# leader"); not "with": "launched an offensive with clan militias" forms no militia.
_OBJECT_PREPS = frozenset({"on", "as", "of", "into", "over", "to"})


@dataclass(frozen=True)
class Trigger:
    """One cue match: the cue, the word the event is read from, and the matched words."""

    cue: Cue
    token: Token
    start: int
    end: int
    rule: VerbObject | None = None
    obj: Token | None = None

    @property
    def i(self) -> int:
        return self.token.i


def find_triggers(
    sent: DocSpan, cues: EventCues, forms: tuple[tuple[str, str], ...]
) -> list[Trigger]:
    """Every cue match in the sentence, in text order; a phrase claims its words from single-word
    cues, and one word gives each cue once. `forms` are the doc's (lemma, lower) per token."""
    doc = sent.doc
    found: dict[tuple[str, int], Trigger] = {}
    claimed: set[int] = set()
    for trigger in _phrases(sent, cues, forms):
        claimed.update(range(trigger.start, trigger.end))
        found.setdefault((trigger.cue.id, trigger.i), trigger)
    for i in range(sent.start, sent.end):
        word_cues = _word_cues(forms[i], cues)
        verb = forms[i][0] in cues.by_verb
        if i in claimed or not (word_cues or verb):
            continue
        token = doc[i]
        if token.dep_ == "amod" or not token.is_alpha:
            continue
        for cue in word_cues:
            found.setdefault((cue.id, i), Trigger(cue, token, i, i + 1))
        for trigger in _verb_objects(token, cues) if verb else ():
            found.setdefault((trigger.cue.id, trigger.i), trigger)
    return sorted(found.values(), key=lambda t: (t.start, -t.cue.rank))


def _word_cues(form: tuple[str, str], cues: EventCues) -> tuple[Cue, ...]:
    lemma, lower = form
    for key in (lemma, lower, lower.removesuffix("s")):
        if key in cues.by_word:
            return cues.by_word[key]
    return ()


def _phrases(sent: DocSpan, cues: EventCues, forms: tuple[tuple[str, str], ...]) -> list[Trigger]:
    doc = sent.doc
    found: list[Trigger] = []
    i = sent.start
    while i < sent.end:
        match = _phrase_at(forms, i, sent.end, cues)
        if match is None:
            i += 1
            continue
        length, cue = match
        head = _phrase_head(doc, i, i + length)
        found.append(Trigger(cue, head, i, i + length))
        i += length
    return found


def _phrase_at(
    forms: tuple[tuple[str, str], ...], i: int, end: int, cues: EventCues
) -> tuple[int, Cue] | None:
    for key in forms[i]:
        for words, cue in cues.by_phrase_start.get(key, ()):
            if i + len(words) > end:
                continue
            if all(w in forms[i + n] for n, w in enumerate(words)):
                return len(words), cue
    return None


def _phrase_head(doc: Doc, start: int, end: int) -> Token:
    """The phrase's own head: the word whose head is outside it ("strike" in "drone strike")."""
    tokens = [doc[i] for i in range(start, end)]
    for token in tokens:
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return tokens[-1]


def _verb_objects(token: Token, cues: EventCues) -> list[Trigger]:
    if not is_verbal(token):
        return []
    found: list[Trigger] = []
    for particle, rule, cue in cues.by_verb.get(token.lemma_.lower(), ()):
        if particle is not None and not any(
            c.lower_ == particle for c in children(token, *_PARTICLE_DEPS)
        ):
            continue
        obj = _object(token, rule)
        if obj is not None or (not rule.objects and particle is not None):
            found.append(Trigger(cue, token, token.i, token.i + 1, rule, obj))
    return found


def _object(verb: Token, rule: VerbObject) -> Token | None:
    """The verb's object that the rule asks for (any object when it names none)."""
    wanted = frozenset(o.split()[-1] for o in rule.objects)
    for candidate in _objects(verb):
        if not wanted or any(key in wanted for key in keys(candidate)):
            return candidate
    return None


def _objects(verb: Token) -> list[Token]:
    direct = list(children(verb, *_OBJECT_DEPS))
    through: list[Token] = []
    for prep in children(verb, "prep", "prt"):
        if prep.lower_ in _OBJECT_PREPS:
            through.extend(children(prep, "pobj"))
    for obj in direct:
        # "took control of the town": the object's own "of" phrase is where the place is.
        for prep in children(obj, "prep"):
            if prep.lower_ == "of":
                through.extend(children(prep, "pobj"))
    return direct + through
