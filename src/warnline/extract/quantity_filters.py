"""Numbers that are not counts: dates, years, durations, clock times, labels and names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warnline.extract.quantity_numbers import is_number_word
from warnline.vocab.quantities import QuantityVocab

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_DATED_LABELS = frozenset({"DATE", "TIME"})
_NUMBER_LINKS = frozenset({"nummod", "quantmod", "compound", "punct", "conj", "cc"})


def dated_entities(doc: Doc) -> dict[int, Span]:
    """spaCy's DATE and TIME entities, by the index of each token in them."""
    return {token.i: ent for ent in doc.ents if ent.label_ in _DATED_LABELS for token in ent}


def is_not_a_count(
    doc: Doc, start: int, end: int, dated: dict[int, Span], vocab: QuantityVocab
) -> bool:
    """True when the number in tokens [start, end) is a date, duration, clock time, label or part
    of a name, not a count of something."""
    tokens = doc[start:end]
    if any(token.ent_type_ in vocab.skip_entity_labels for token in tokens):
        return True
    if any(_is_date(dated[token.i], vocab) for token in tokens if token.i in dated):
        return True
    return (
        _in_phrase(doc, start, vocab)
        or _one_of_many(doc, start, end, vocab)
        or _counts_time(doc, end, vocab)
        or _next_to_month(doc, start, end, vocab)
        or _is_label(doc, start, end, vocab)
        or _is_compound_word(doc, start, end, vocab)
    )


def is_year(token: Token, vocab: QuantityVocab) -> bool:
    """A four-digit number without a comma in the range of years ("2021", "1990")."""
    low, high = vocab.year_range
    return len(token.text) == 4 and token.text.isdigit() and low <= int(token.text) <= high


def _is_date(ent: Span, vocab: QuantityVocab) -> bool:
    """A DATE/TIME entity that really is a date: it has a date or time word or a year in it, or
    none of its numbers counts a noun after it ("the start of 1403"). spaCy also tags "between 10
    and 15 guards" DATE."""
    words = {*vocab.months, *vocab.weekdays, *vocab.time_units, *vocab.clock_words}
    if any(t.lower_ in words or is_year(t, vocab) or ":" in t.text for t in ent):
        return True
    return not any(_counts_noun_after(token, ent) for token in ent)


def _counts_noun_after(token: Token, ent: Span) -> bool:
    """The number modifies, through the rest of the number, a noun after the entity."""
    node = token
    while node.i < ent.end or node.pos_ not in {"NOUN", "PROPN"}:
        if node.dep_ not in _NUMBER_LINKS or node.head.i <= node.i:
            return False
        node = node.head
    return True


def _in_phrase(doc: Doc, start: int, vocab: QuantityVocab) -> bool:
    """ "one another", "no one": fixed phrases that count nothing."""
    pairs = (doc[max(start - 1, 0) : start + 1], doc[start : start + 2])
    return any(len(pair) == 2 and pair.text.lower() in vocab.phrases_not_counts for pair in pairs)


def _one_of_many(doc: Doc, start: int, end: int, vocab: QuantityVocab) -> bool:
    """ "one of the deadliest attacks", "one of several groups": membership, not a count."""
    if doc[start:end].text.lower() != "one" or end >= len(doc) or doc[end].lower_ != "of":
        return False
    after = doc[end + 1 : end + 4]
    return any(t.tag_ in {"JJS", "RBS"} or t.lower_ in vocab.number_starters for t in after)


def _counts_time(doc: Doc, end: int, vocab: QuantityVocab) -> bool:
    """ "three days", "two weeks", "hundreds of years", "3 pm": a duration or a clock time."""
    if end >= len(doc):
        return False
    after = doc[end].lower_
    if after in vocab.time_units or after in vocab.clock_words:
        return True
    return after == "of" and end + 1 < len(doc) and doc[end + 1].lower_ in vocab.time_units


def _next_to_month(doc: Doc, start: int, end: int, vocab: QuantityVocab) -> bool:
    before = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    after = doc[end].lower_.rstrip(".") if end < len(doc) else ""
    return before in vocab.months or after in vocab.months


def _is_label(doc: Doc, start: int, end: int, vocab: QuantityVocab) -> bool:
    """ "Resolution 2231", "No. 5", "Boeing 737", "7 Division": a number naming a thing."""
    last = doc[end - 1]
    modifies_noun = last.dep_ == "nummod" and last.head.i >= end
    after = doc[end] if end < len(doc) else None
    if after is not None and after.tag_ == "NNP" and after.lower_ in vocab.label_words:
        return True  # "7 Division", "444 Brigade fighters": a unit's name, not a count
    if modifies_noun and last.head.i == end and last.head.tag_ == "NNP":
        return True  # "the 3 Commando hospital": a proper name
    if start == 0:
        return False
    before = doc[start - 1]
    if before.lower_ in vocab.label_words:
        return True
    if before.text == "." and start > 1 and not doc[start - 2].whitespace_:
        return doc[start - 2].lower_ in vocab.label_words  # "No. 5"
    return before.tag_ == "NNP" and not before.is_sent_start and not modifies_noun


def _is_compound_word(doc: Doc, start: int, end: int, vocab: QuantityVocab) -> bool:
    """A number glued by a hyphen into a word ("Su-24", "a 20-year sentence", "two-thirds"),
    except "400-strong" (a size) and ranges ("10-15"), which are read elsewhere."""
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        glued = not doc[start - 1].whitespace_ and doc[start - 2].is_alpha
        if glued and not is_number_word(doc[start - 2].text, vocab):
            return True
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        word = doc[end + 1]
        return word.is_alpha and word.lower_ != "strong" and not is_number_word(word.text, vocab)
    return False
