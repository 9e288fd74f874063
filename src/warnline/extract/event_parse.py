"""Reading the parse for the event layer: which report record each token belongs to, how far
apart two tokens are in the dependency tree, and what a word "is" for the cue lists.

Events are read sentence by sentence; everything here works on one parsed `Doc` that the
pipeline already made (nothing is parsed again).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warnline.extract.doc_text import doc_text
from warnline.records import DateMention, Entity, Place, Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

# Farther than any two tokens of one sentence can be.
FAR = 10_000
_VERB_TAGS = ("VB",)


@dataclass(frozen=True)
class DocIndex:
    """Which entity, place, date and quantity each token belongs to (by character overlap)."""

    entity_at: dict[int, str]
    place_at: dict[int, tuple[str, Span]]
    date_at: dict[int, int]
    quantity_at: dict[int, int]
    entities: dict[str, Entity]
    places: dict[str, Place]
    # Each token's lemma and text in lower case, made once: cue lookups read these.
    forms: tuple[tuple[str, str], ...]


def index_doc(
    doc: Doc,
    entities: Iterable[Entity],
    places: Iterable[Place],
    dates: Iterable[DateMention],
    quantities: Iterable[Quantity],
) -> DocIndex:
    """Map tokens to the records whose spans cover them (the first record wins a token). A
    word that is both a place and an uncatalogued organisation ("El Fasher", which the tagger
    took for one) is the place: a town is never a side."""
    place_at: dict[int, tuple[str, Span]] = {}
    places_by_id: dict[str, Place] = {}
    for place in places:
        places_by_id[place.id] = place
        for span in place.mentions:
            for i in token_ids(doc, span):
                place_at.setdefault(i, (place.id, span))
    entity_at: dict[int, str] = {}
    entities_by_id: dict[str, Entity] = {}
    for entity in entities:
        entities_by_id[entity.id] = entity
        placelike = unknown_body(entity)
        for span in entity.mentions:
            for i in token_ids(doc, span):
                if not (placelike and i in place_at):
                    entity_at.setdefault(i, entity.id)
    date_at = {i: n for n, date in enumerate(dates) for i in token_ids(doc, date.span)}
    quantity_at = {i: n for n, q in enumerate(quantities) for i in token_ids(doc, q.span)}
    forms = tuple((t.lemma_.lower(), t.lower_) for t in doc)
    return DocIndex(entity_at, place_at, date_at, quantity_at, entities_by_id, places_by_id, forms)


def unknown_body(entity: Entity) -> bool:
    """An organisation the catalogue does not know: as often a town or a building the tagger
    took for one ("El Fasher", "the Zobe intersection") as a body that acts."""
    return entity.kind == "organization" and entity.catalogue is None


def counted_noun(number: Token) -> Token:
    """The noun a number counts ("soldiers" of "Twenty soldiers"), or the number itself."""
    return number.head if number.dep_ in {"nummod", "quantmod"} else number


# "killed himself": the one who acts is the one hit; "themselves" only as a plural's.
SINGULAR_REFLEXIVES = frozenset({"himself", "herself"})
REFLEXIVES = SINGULAR_REFLEXIVES | {"themselves"}


def has_object_in(token: Token, words: frozenset[str]) -> bool:
    return any(c.lower_ in words for c in children(token, "dobj"))


def token_ids(doc: Doc, span: Span) -> range:
    """The indices of the tokens a character span touches; none for a span the parser was not
    shown (the blanked dateline: extract/dateline.py)."""
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    if found is None or all(t.is_space for t in found):
        return range(0)
    return range(found.start, found.end)


def span_root(doc: Doc, span: Span) -> Token | None:
    """The token of a character span whose head lies outside it: the span's syntactic head."""
    ids = token_ids(doc, span)
    for i in ids:
        head = doc[i].head.i
        if head == i or head not in ids:
            return doc[i]
    return None


def keys(token: Token) -> tuple[str, str]:
    """The forms a word is looked up by: its lemma and its lower-case text."""
    return token.lemma_.lower(), token.lower_


def has_key(token: Token, words: Iterable[str] | frozenset[str]) -> bool:
    """Whether the token's lemma or lower-case form is among the words."""
    lemma, lower = keys(token)
    return lemma in words or lower in words


def is_verbal(token: Token) -> bool:
    """A verb, or a participle the tagger took for a noun after "was" ("it was overrun")."""
    if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith(_VERB_TAGS):
        return True
    return _participle_after_be(token)


def _participle_after_be(token: Token) -> bool:
    return (
        token.pos_ == "NOUN"
        and token.dep_ in {"attr", "acomp"}
        and token.head.lemma_ == "be"
        and not any(c.dep_ in {"det", "poss", "amod", "compound"} for c in token.children)
    )


def is_passive(token: Token) -> bool:
    """ "was killed", "were detained", and "it was overrun" read as a noun."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children):
        return True
    return _participle_after_be(token)


def passive_subject(token: Token) -> Token | None:
    """Who or what a passive is about: its passive subject (or the subject of "was")."""
    found = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    if found is None and _participle_after_be(token):
        found = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    return found


def ancestors_with_self(token: Token) -> list[Token]:
    """The token and its heads up to the sentence root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def tree_path(a: Token, b: Token) -> tuple[list[Token], Token] | None:
    """The tokens on the dependency path between a and b (ends included) and their lowest
    common head; None when they are in different sentences."""
    up_a = ancestors_with_self(a)
    depth = {t.i: n for n, t in enumerate(up_a)}
    path_b: list[Token] = []
    for t in ancestors_with_self(b):
        if t.i in depth:
            return up_a[: depth[t.i] + 1] + path_b[::-1], t
        path_b.append(t)
    return None


def tree_distance(a: Token, b: Token) -> int:
    """How many dependency arcs separate two tokens (FAR across sentences)."""
    found = tree_path(a, b)
    return FAR if found is None else len(found[0]) - 1


def children(token: Token, *deps: str) -> Iterator[Token]:
    """The token's children with one of these dependency labels."""
    return (child for child in token.children if child.dep_ in deps)


def first_child(token: Token, *deps: str) -> Token | None:
    """The first child with one of these labels, or None."""
    return next(children(token, *deps), None)


def prep_objects(token: Token, preps: Iterable[str] | frozenset[str]) -> Iterator[Token]:
    """Objects of the token's prepositions that are among `preps` ("attack *on* the base")."""
    for prep in children(token, "prep", "agent"):
        if prep.lower_ in preps:
            yield from children(prep, "pobj", "pcomp")


def phrase_in(sent: DocSpan, phrases: Iterable[str]) -> bool:
    """Whether the sentence uses any of the words or phrases (on lemma or lower case)."""
    wanted = tuple(phrases)
    singles = frozenset(p for p in wanted if " " not in p)
    if any(has_key(token, singles) for token in sent):
        return True
    lowered = " " + " ".join(t.lower_ for t in sent) + " "
    lemmas = " " + " ".join(t.lemma_.lower() for t in sent) + " "
    return any(f" {p} " in lowered or f" {p} " in lemmas for p in wanted if " " in p)


def paragraph_span(sent: DocSpan, token: Token) -> Span:
    """The sentence's span, cut to the paragraph the token is in: the small model sometimes
    runs a title and a dateline into the first sentence."""
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]  # sent.text, not rebuilt
    offset = token.idx - sent.start_char
    start = text.rfind("\n\n", 0, offset)
    start = 0 if start < 0 else start + 2
    end = text.find("\n\n", offset)
    end = len(text) if end < 0 else end
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return sent.start_char + start + lead, sent.start_char + start + len(piece.rstrip())


def present_tense(token: Token) -> bool:
    """Whether the clause of an event word is in the simple present ("the group operates here",
    "the group operates"): its verb, or the verb it hangs from, and their auxiliaries."""
    clause = token
    for _ in range(2):
        if is_verbal(clause) or clause.head is clause:
            break
        clause = clause.head
    tags = {clause.tag_, *(c.tag_ for c in children(clause, "aux", "auxpass"))}
    # "have since taken" is done by now, on a day the clause does not say.
    return bool(tags & {"VBZ", "VBP"}) and not tags & {"VBD", "VBN", "MD"}
