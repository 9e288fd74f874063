"""What a quantity counts, read from the parse and kept in the report's own words: the noun the
number modifies with its modifiers ("new training and recruitment bases"), and what happened to
it when an event verb or adjective says so ("Taliban members killed or injured", "civilians
killed", "dead"). "killed or injured" stays as written: it is never shortened to "killed"."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from warnline.extract.doc_text import doc_text
from warnline.vocab.quantities import QuantityVocab

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from warnline.extract.quantity_mentions import Mention

_NOMINAL = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "amod", "det", "compound", "nmod", "npadvmod"})
_NUMBER_DEPS = frozenset({"nummod", "quantmod"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PAST_TAGS = frozenset({"VBD", "VBN"})
_LEADING_DROP_TAGS = frozenset({"DT", "PRP$", "PDT"})
_MAX_OF_PHRASE = 4


@dataclass(frozen=True)
class Counted:
    """What a quantity counts: the noun phrase and what happened to it, each possibly None."""

    noun: str | None = None
    event: str | None = None

    @property
    def phrase(self) -> str | None:
        """The two as one phrase ("Taliban members killed or injured"), or None."""
        parts = [part for part in (self.noun, self.event) if part]
        return " ".join(parts) if parts else None


def counts_phrase(doc: Doc, mention: Mention, vocab: QuantityVocab) -> str | None:
    """A short phrase saying what the mention counts, or None when the parse does not say."""
    return read_counted(doc, mention, vocab).phrase


def read_counted(doc: Doc, mention: Mention, vocab: QuantityVocab) -> Counted:
    """The noun phrase a mention counts and the event that happened to it, from the parse."""
    if mention.kind == "age":
        return Counted(noun=vocab.age.counts)
    root = _root(doc, mention)
    noun, carrier = _counted(root, mention)
    if noun is None and mention.unit in vocab.currencies.before.values():
        noun = _money_purpose(root, vocab)
    if noun is None:
        toll = _toll_subject(root, vocab)
        if toll is not None:
            return Counted(noun=toll)
        noun = _elliptical_noun(root, vocab)
    noun_text = _noun_phrase(doc, noun, mention, vocab) if noun is not None else None
    event = (
        _event(doc, carrier, vocab)
        or _orphan_event(doc, carrier, mention, vocab)
        or (None if noun is not None else _event_word_after(doc, mention, vocab))
    )
    return Counted(noun=noun_text, event=event)


def _event_word_after(doc: Doc, mention: Mention, vocab: QuantityVocab) -> str | None:
    """ "left at least 21 killed and 50 wounded" when the parse hangs "killed" elsewhere: an
    event participle or adjective right after a number with no noun ("killed or injured" too)."""
    words: list[str] = []
    j = mention.end
    while j < len(doc) and _is_event_word(doc[j], vocab):
        words.append(doc[j].lower_)
        if (
            j + 2 < len(doc)
            and doc[j + 1].lower_ in {"or", "and"}
            and _is_event_word(doc[j + 2], vocab)
        ):
            words.append(doc[j + 1].lower_)
            j += 2
            continue
        break
    return " ".join(words) or None


def _is_event_word(token: Token, vocab: QuantityVocab) -> bool:
    if token.lower_ in vocab.event_adjectives:
        return True
    return token.tag_ == "VBN" and _is_event_verb(token, vocab)


def _root(doc: Doc, mention: Mention) -> Token:
    """The token that ties the mention to the rest of the sentence (its head is outside)."""
    inside = range(mention.start, mention.end)
    roots = [
        token
        for token in doc[mention.number_start : mention.end]
        if token.head.i not in inside or token.head.i == token.i
    ]
    return roots[-1] if roots else doc[mention.number_end - 1]


def _counted(root: Token, mention: Mention) -> tuple[Token | None, Token]:
    """The counted noun (if any) and the token whose place in the clause says what happened."""
    head = root.head
    noun: Token | None = None
    if head.lower_ == "strong" and head.head.pos_ in _NOMINAL:  # "a 400-strong force"
        noun = head.head
    elif root.dep_ in _MODIFIER_DEPS and head.i >= mention.end and head.pos_ in _NOMINAL:
        noun = head
    carrier = noun if noun is not None else root
    if noun is None:
        noun = _of_object(root)
    while carrier.dep_ == "conj" and carrier.head.pos_ in {*_NOMINAL, "NUM"}:
        carrier = carrier.head  # "five soldiers and three civilians were killed"
    return noun, carrier


def _of_object(token: Token) -> Token | None:
    """The noun after "of": "hundreds of attacks", "three of the guards", "40 percent of ..."."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [
                c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOMINAL and c.is_alpha
            ]
            if objects:
                return objects[0]
    return None


def _money_purpose(root: Token, vocab: QuantityVocab) -> Token | None:
    """ "a ransom of €2 million" -> ransom; "$10 million in aid" -> aid."""
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in _NOMINAL:
        return root.head.head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in vocab.money_for_prepositions:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOMINAL]
            return objects[0] if objects else None
    return None


def _noun_phrase(doc: Doc, noun: Token, mention: Mention, vocab: QuantityVocab) -> str:
    """The noun with the modifiers the report puts before it, and a short "of" phrase after."""
    left = mention.end if noun.i >= mention.end else noun.left_edge.i
    tokens = [
        t
        for t in doc[left : noun.i + 1]
        if t.i == noun.i or (noun in t.ancestors and not _in_number(t, noun))
    ]
    while len(tokens) > 1 and (
        tokens[0].tag_ in _LEADING_DROP_TAGS
        or tokens[0].is_punct
        or tokens[0].lower_ in vocab.counts_drop_words
    ):
        tokens.pop(0)
    end = noun.i + 1
    of_phrase = _of_phrase(noun)
    if of_phrase is not None:
        end = of_phrase
    return " ".join(doc_text(doc)[tokens[0].idx : doc[end - 1].idx + len(doc[end - 1])].split())


def _in_number(token: Token, noun: Token) -> bool:
    """Part of a number modifying `noun` ("the 12" in "three of the 12 soldiers")."""
    while token.i != noun.i:
        if token.dep_ in _NUMBER_DEPS or token.like_num:
            return True
        token = token.head
    return False


def _of_phrase(noun: Token) -> int | None:
    """The end of a short "of" phrase after the noun ("members of the security forces")."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == noun.i + 1:
            span = child.doc[child.i : child.right_edge.i + 1]
            simple = all(not t.is_punct and t.pos_ not in {"VERB", "AUX", "NUM"} for t in span)
            if simple and len(span) <= _MAX_OF_PHRASE:
                return child.right_edge.i + 1
    return None


def _toll_subject(root: Token, vocab: QuantityVocab) -> str | None:
    """ "the death toll rose to 45", "the toll stood at 45", "the toll was 45": the toll."""
    verb = root.head
    if root.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif root.dep_ not in {"attr", "dobj"}:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in vocab.toll_nouns:
            words = [
                t for t in child.subtree if t.i <= child.i and t.tag_ not in _LEADING_DROP_TAGS
            ]
            return " ".join(t.text for t in words)
    return None


def _elliptical_noun(root: Token, vocab: QuantityVocab) -> Token | None:
    """ "10 people were killed and 25 wounded": the 25 are people too (the gapped subject)."""
    verb, first_verb = root.head, root.head.head
    bare = root.like_num or root.lower_ in vocab.vague
    if root.dep_ not in _SUBJECT_DEPS or verb.dep_ != "conj" or not bare:
        return None
    if not (_is_event_verb(verb, vocab, intransitive=True) and _is_event_verb(first_verb, vocab)):
        return None
    for subject in first_verb.children:
        if subject.dep_ not in _SUBJECT_DEPS or subject.i >= root.i:
            continue
        if any(child.dep_ == "nummod" for child in subject.children):
            return subject
        if subject.like_num or subject.lower_ in vocab.vague:
            return _of_object(subject)
    return None


def _event(doc: Doc, carrier: Token, vocab: QuantityVocab) -> str | None:
    """What happened to what is counted: an event verb group, an idiom or an event adjective."""
    idiom = _idiom(carrier, vocab)
    if idiom is not None:
        return idiom
    verb, relation = carrier.head, carrier.dep_
    if relation in _OBJECT_DEPS and _is_event_verb(verb, vocab):
        return _verb_group(doc, verb, vocab)
    if relation == "nsubj" and _is_event_verb(verb, vocab, intransitive=True):
        return _verb_group(doc, verb, vocab)
    adjective = _event_adjective(carrier, vocab)
    if adjective is not None:
        return adjective
    for child in carrier.rights:
        reduced_relative = child.dep_ in {"acl", "relcl", "amod"} and child.tag_ == "VBN"
        if reduced_relative and _is_event_verb(child, vocab):  # "400 members killed or injured"
            return _verb_group(doc, child, vocab)
    return None


def _orphan_event(doc: Doc, carrier: Token, mention: Mention, vocab: QuantityVocab) -> str | None:
    """ "a minimum of 40 soldiers were killed": the parser hangs the noun on the cue's preposition
    and leaves the verb after it without a subject; that verb is what happened to the noun."""
    if carrier.dep_ != "pobj" or not mention.start <= carrier.head.i < mention.end:
        return None
    j = carrier.i + 1
    while j < len(doc) and doc[j].dep_ in {"aux", "auxpass", "neg", "advmod"}:
        j += 1
    if j >= len(doc) or not _is_event_verb(doc[j], vocab):
        return None
    inside = range(mention.start, mention.end)
    if any(c.dep_ in _SUBJECT_DEPS and c.i not in inside for c in doc[j].children):
        return None  # the verb has a subject of its own ("a minimum of" can be its subject)
    return _verb_group(doc, doc[j], vocab)


def _idiom(carrier: Token, vocab: QuantityVocab) -> str | None:
    """ "claimed the lives of over 3,000 civilians" -> "killed"."""
    if carrier.dep_ != "pobj" or carrier.head.lower_ != "of":
        return None
    noun = carrier.head.head
    for idiom in vocab.idioms:
        if noun.lemma_.lower() == idiom.noun and noun.head.lemma_.lower() in idiom.verbs:
            return idiom.event
    return None


def _event_adjective(carrier: Token, vocab: QuantityVocab) -> str | None:
    """ "left 12 dead", "30 are missing", "several soldiers went missing"."""
    head = carrier.head
    if carrier.dep_ in {*_MODIFIER_DEPS, *_SUBJECT_DEPS} and head.lower_ in vocab.event_adjectives:
        return head.lower_  # "left 12 dead", "many residents were missing" (parsed as a verb)
    if carrier.dep_ in {*_SUBJECT_DEPS, "dobj"}:
        for child in head.children:
            if child.dep_ in {"acomp", "oprd"} and child.lower_ in vocab.event_adjectives:
                return child.lower_  # "30 are missing", "left 12 militants dead"
    for child in carrier.rights:
        if child.dep_ in {"amod", "oprd"} and child.lower_ in vocab.event_adjectives:
            return child.lower_  # "left 12 militants dead" parsed with "dead" on the noun
    return None


def _is_event_verb(verb: Token, vocab: QuantityVocab, *, intransitive: bool = False) -> bool:
    """An event verb; with `intransitive`, one whose subject is what is counted: "five soldiers
    died", or a transitive one with no object ("25 wounded", a gapped passive)."""
    lemma = verb.lemma_.lower()
    if not intransitive:
        return lemma in vocab.event_verbs
    if lemma in vocab.intransitive_verbs:
        return True
    has_object = any(child.dep_ == "dobj" for child in verb.children)
    return lemma in vocab.event_verbs and verb.tag_ in _PAST_TAGS and not has_object


def _verb_group(doc: Doc, verb: Token, vocab: QuantityVocab) -> str:
    """The verb with the event verbs coordinated with it that share its object: "killed or
    injured", "killed and wounded" (not "wounded 12" when it has an object of its own)."""
    group = [verb]
    head = verb.head
    if verb.dep_ == "conj" and _is_event_verb(head, vocab) and not _has_own_object(head, verb):
        group.insert(0, head)
    for child in verb.children:
        if child.dep_ == "conj" and _is_event_verb(child, vocab) and not _has_own_args(child):
            group.append(child)
    if not _only_joiners_between(doc, group):
        group = [verb]
    words: list[str] = []
    for before, after in zip(group, [*group[1:], None], strict=True):
        words.append(_past_form(before, vocab))
        if after is not None:
            words.extend(t.lower_ for t in doc[before.i + 1 : after.i])
    return " ".join(words).replace(" ,", ",")


def _has_own_object(verb: Token, other: Token) -> bool:
    return any(c.dep_ in _OBJECT_DEPS and c.i != other.i for c in verb.children)


def _has_own_args(verb: Token) -> bool:
    return any(c.dep_ in {*_OBJECT_DEPS, "nsubj"} for c in verb.children)


def _only_joiners_between(doc: Doc, group: list[Token]) -> bool:
    for before, after in pairwise(group):
        if any(not (t.is_punct or t.dep_ == "cc") for t in doc[before.i + 1 : after.i]):
            return False
    return True


def _past_form(verb: Token, vocab: QuantityVocab) -> str:
    """The verb as the report wrote it when it is a past form, else its participle."""
    if verb.tag_ in _PAST_TAGS:
        return verb.lower_
    lemma = verb.lemma_.lower()
    return vocab.event_verbs.get(lemma, vocab.intransitive_verbs.get(lemma, verb.lower_))
