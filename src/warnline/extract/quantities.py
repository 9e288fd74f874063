"""Quantities: numbers with what they count and how sure the text is of them.

What is a quantity
    Numbers in digits ("21", "3,000", "1.5 million", "$10 million", "$2bn", "40%") or words
    ("eight", "twenty-one", "a dozen", "two dozen", "half a million"), vague counts ("hundreds",
    "dozens of", "scores of", "tens of thousands", "several hundred", "several", "a few",
    "many") and ages ("a 63-year-old", "45 years old", "aged 45"). Not quantities: dates and
    years (a four-digit number without a comma in `year_range`, numbers next to a month name,
    spaCy DATE/TIME entities that contain a date or time word), durations ("three days"), clock
    times ("3 pm"), ordinals ("first", "21st"), labels ("Resolution 2231", "No. 5"), numbers
    inside names (spaCy PERSON/ORG/PRODUCT/LAW... entities, "Su-24", "444 Brigade") and
    hyphenated compounds ("a 20-year sentence"). "Vague" words that need a noun ("several",
    "a few", "many") are quantities only when they count a plural noun ("several provinces",
    "many of the guards"; not "how many"). The word "one" alone is a count only when something
    happened to what it counts ("one soldier was killed", not "one resident said", "one of the
    group's strongholds"). A number set off by commas or brackets after a person's name is an
    age ("Amina Yusuf, 31,").

Text and span
    The qualifier cue, currency sign or code, the number, and the unit word after it: "over 400",
    "at least 21", "more than $10 million", "40 percent", "between 10 and 15", "50 or more".
    `text` is always `report_text[span[0]:span[1]]`.

value, low, high, qualifier (every cue list is in `vocab/quantities.yaml`)
    exact      "eight"             value = low = high = 8
    at_least   "at least 10"       value = low = 10, high null ("no fewer than", "a minimum of")
    more_than  "more than 400"     value = 400, low = 401, high null ("over", "upwards of",
                                   "in excess of")
    about      "about 50"          value = 50, low = high = null: no band is invented ("around",
                                   "some", "roughly", "approximately", "an estimated")
    at_most    "up to 30"          value = high = 30, low null ("at most", "no more than",
                                   "as many as", "nearly", "almost", "close to"); "fewer than
                                   30" / "less than 30": value 30, high 29
    range      "between 10 and 15" value = low = 10 (the conservative end), high = 15; also
                                   "10 to 15" and "10-15"
    vague      "hundreds"          value = low = the coded number, high null
    `value` is always the number the report wrote (for a range, its smaller end). The +1/-1 of
    "more than"/"fewer than" applies to whole-number counts only; for money, percentages,
    measures and fractions the strict bound is recorded as the number itself.

Vague counts follow ACLED's convention: its fatality-methodology FAQ (ACLED Knowledge Base,
"Fatalities", 2023, updated 2024) says that for vague estimates ACLED codes the most conservative
figure, "tens" as 10, "dozens" as 12 and "hundreds" as 100, and so on - a vague plural is coded
as one of its unit. We extend the pattern to "thousands" (1000), "millions", "scores" (20) and
to a vague word before a scale ("several hundred" = 100, "a few thousand" = 1000); plural vague
words multiply ("tens of thousands" = 10,000). Words with no unit ("several", "a few",
"a handful", "many") get no number: value null. `quantities.yaml` marks which codes are ACLED's.

counts
    What is counted, in the report's words: the noun the number modifies with its modifiers
    ("six new supply and training camps" -> "new supply and training camps"; "such"
    and determiners left out), the noun after "of" ("hundreds of attacks" -> "attacks"), then
    what happened to it when an event verb or adjective says so: the verb whose object or passive
    subject it is, with the event verbs coordinated with it ("killed or injured over 400 Taliban
    members" -> "Taliban members killed or injured" - never shortened to "killed"), an idiom
    ("claimed the lives of over 3,000 civilians" -> "civilians killed"), an adjective ("left 12
    dead" -> "dead"). A number with no noun of its own takes the noun of the clause it is gapped
    from ("10 people were killed and 25 wounded" -> "people wounded"), else just the event
    ("killed five soldiers and wounded 12" -> "wounded"; "left at least 21 killed" -> "killed",
    also when the parser hangs the participle elsewhere). Money counts what it is for ("a $10
    million reward" -> "reward"), a toll its subject ("the death toll rose to 45" -> "death toll"),
    an age is "age". counts is null when the parse does not say.

unit
    "USD" (or the currency's ISO code) for money, "percent", a measure ("km", "kg"), "years" for
    ages, null for plain counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from warnline.extract.doc_text import doc_text
from warnline.extract.quantity_counts import Counted, read_counted
from warnline.extract.quantity_mentions import Mention, find_mentions
from warnline.records import Quantity
from warnline.vocab.quantities import QuantityVocab, load_quantity_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class FoundQuantity:
    """A quantity record and its unit (also on the record)."""

    quantity: Quantity
    unit: str | None


def extract_quantities(doc: Doc) -> tuple[Quantity, ...]:
    """Every counted quantity in the document, in order."""
    return tuple(found.quantity for found in find_quantities(doc))


def find_quantities(doc: Doc) -> tuple[FoundQuantity, ...]:
    """Every quantity in the document, in order, with its unit."""
    vocab = load_quantity_vocab()
    found = []
    for mention in find_mentions(doc, vocab):
        counted = read_counted(doc, mention, vocab)
        if not _is_bare_one(doc, mention, counted):
            found.append(_found(doc, mention, counted, vocab))
    return tuple(found)


def _is_bare_one(doc: Doc, mention: Mention, counted: Counted) -> bool:
    """ "one resident said", "one of the group's centres": the word "one" on its own is a count
    only when something happened to what it counts ("one soldier was killed")."""
    bare = mention.kind == "exact" and mention.group is None and mention.unit is None
    return bare and doc[mention.start : mention.end].text.lower() == "one" and not counted.event


def _found(doc: Doc, mention: Mention, counted: Counted, vocab: QuantityVocab) -> FoundQuantity:
    start = doc[mention.start].idx
    last = doc[mention.end - 1]
    end = last.idx + len(last)
    value, low, high, qualifier = quantity_bounds(mention, vocab)
    quantity = Quantity(
        text=doc_text(doc)[start:end],
        span=(start, end),
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        counts=counted.phrase,
        unit=mention.unit,
    )
    return FoundQuantity(quantity=quantity, unit=mention.unit)


Bounds = tuple[float | None, float | None, float | None, str]


def quantity_bounds(mention: Mention, vocab: QuantityVocab) -> Bounds:
    """(value, low, high, qualifier) of a mention, by the rules in this module's docstring."""
    value = mention.value
    if mention.kind == "vague":
        return value, value, None, "vague"
    if mention.kind == "range":
        return value, value, mention.upper, "range"
    if mention.group is None or value is None:
        return value, value, value, "exact"
    group = vocab.qualifiers[mention.group]
    step = 1.0 if group.strict and mention.unit is None and value.is_integer() else 0.0
    if group.bound == "low":
        return value, value + step, None, group.qualifier
    if group.bound == "high":
        return value, None, value - step, group.qualifier
    return value, None, None, group.qualifier
