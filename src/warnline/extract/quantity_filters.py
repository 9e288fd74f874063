"""Numbers that are not counts: dates, years, durations, clock times, labels and names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warnline.extract.quantity_numbers import is_number_word
from warnline.vocab.quantities import QuantityVocab

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_DATED_LABELS = frozenset({"DATE", "TIME"})


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
    if any(_is_date_entity(dated[token.i], vocab) for token in tokens if token.i in dated):
        return True
    return (
        _in_phrase(doc, start, vocab)
        or _counts_time(doc, end, vocab)
        or _next_to_month(doc, start, end, vocab)
        or _is_label(doc, start, end, vocab)
        or _is_compound_word(doc, start, end, vocab)
    )


def is_year(token: Token, vocab: QuantityVocab) -> bool:
    """A four-digit number without a comma in the range of years ("2021", "1990")."""
    low, high = vocab.year_range
    return len(token.text) == 4 and token.text.isdigit() and low <= int(token.text) <= high


def _is_date_entity(ent: Span, vocab: QuantityVocab) -> bool:
    """A DATE/TIME entity that really names a time; spaCy also tags "between 10 and 15" DATE."""
    words = {*vocab.months, *vocab.weekdays, *vocab.time_units, *vocab.clock_words}
    return any(t.lower_ in words or is_year(t, vocab) or ":" in t.text for t in ent)


def _in_phrase(doc: Doc, start: int, vocab: QuantityVocab) -> bool:
    """ "one another", "no one": fixed phrases that count nothing."""
    pairs = (doc[max(start - 1, 0) : start + 1], doc[start : start + 2])
    return any(len(pair) == 2 and pair.text.lower() in vocab.phrases_not_counts for pair in pairs)


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
    """ "Resolution 2231", "No. 5", "Boeing 737": a number naming a thing, not counting it."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.text == "." and start > 1 and not doc[start - 2].whitespace_:
        before = doc[start - 2]
    if before.lower_ in vocab.label_words:
        return True
    modifies_noun = doc[end - 1].dep_ == "nummod" and doc[end - 1].head.i >= end
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
