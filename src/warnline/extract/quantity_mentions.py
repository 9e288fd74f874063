"""Finding the quantities in a parsed report: each number with the words around it that belong
to it (qualifier cues, currency signs, percent and measure words, the second end of a range) and
the number it stands for. What it counts is read afterwards (`quantity_counts`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from warnline.extract.quantity_filters import dated_entities, is_not_a_count, is_year
from warnline.extract.quantity_numbers import (
    is_number_word,
    parse_digits,
    parse_money_digits,
    parse_number_tokens,
    parse_vague,
)
from warnline.vocab.quantities import QuantityVocab, load_quantity_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MentionKind = Literal["exact", "vague", "range", "age"]

_LONGEST_VAGUE = 4
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PLURAL_PRONOUNS = frozenset({"them", "those", "these", "us", "you"})


@dataclass(frozen=True)
class Mention:
    """One quantity: tokens [start, end) are its text; [number_start, number_end) the number."""

    start: int
    end: int
    number_start: int
    number_end: int
    kind: MentionKind
    value: float | None
    upper: float | None = None
    group: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class _Number:
    end: int
    value: float | None
    vague: bool = False


def find_mentions(doc: Doc, vocab: QuantityVocab | None = None) -> list[Mention]:
    """Every quantity mention in the document, in order, none overlapping."""
    vocab = vocab or load_quantity_vocab()
    dated = dated_entities(doc)
    mentions: list[Mention] = []
    # Only a digit or a number word can start a mention: every other token is passed over
    # here, read once, instead of in _mention_at.
    starts = {t.i for t in doc if t.text[0].isdigit() or t.lower_ in vocab.number_starters}
    i = floor = 0
    while i < len(doc):
        if i not in starts:
            i += 1
            continue
        mention = _mention_at(doc, i, floor, dated, vocab)
        if mention is None:
            i += 1
            continue
        mentions.append(mention)
        i = floor = mention.end
    return mentions


def _mention_at(
    doc: Doc, i: int, floor: int, dated: dict[int, Span], vocab: QuantityVocab
) -> Mention | None:
    token = doc[i]
    if not (token.text[0].isdigit() or token.lower_ in vocab.number_starters):
        return None
    number = read_number(doc, i, vocab)
    if number is None:
        return None
    age = _age(doc, i, number, floor, vocab)
    if age is not None:
        return age
    if is_not_a_count(doc, i, number.end, dated, vocab):
        return None
    if number.vague:
        return _vague(doc, i, number, vocab)
    return _exact(doc, i, number, floor, vocab)


def read_number(doc: Doc, i: int, vocab: QuantityVocab) -> _Number | None:
    """The number that starts at token i, if one does: vague words first, then digits, then
    number words."""
    return _read_vague(doc, i, vocab) or _read_digits(doc, i, vocab) or _read_words(doc, i, vocab)


def _read_vague(doc: Doc, i: int, vocab: QuantityVocab) -> _Number | None:
    # parse_vague reads the first word, or the first two, as the vague word: with neither in
    # the vocabulary no size can give one.
    first = doc[i].lower_.lower()
    second = doc[i + 1].lower_.lower() if i + 1 < len(doc) else None
    if first not in vocab.vague and (second is None or f"{first} {second}" not in vocab.vague):
        return None
    for size in range(_LONGEST_VAGUE, 0, -1):
        words = doc[i : i + size]
        if len(words) < size or any(not t.is_alpha for t in words):
            continue
        reading = parse_vague([t.lower_ for t in words], vocab)
        if reading is not None:
            return _Number(i + size, reading.value, vague=True)
    return None


def _read_digits(doc: Doc, i: int, vocab: QuantityVocab) -> _Number | None:
    value = parse_digits(doc[i].text)
    if value is None and i > 0 and doc[i - 1].text in vocab.currencies.before:
        money = parse_money_digits(doc[i].text, vocab)  # "$2bn"
        return None if money is None else _Number(i + 1, money)
    if value is None:
        return None
    end = i + 1
    words = [doc[i].text]
    # "1.5 million", "3 dozen": scale words after the digits.
    while end < len(doc) and parse_number_tokens([*words, doc[end].lower_], vocab) is not None:
        words.append(doc[end].lower_)
        end += 1
    return _Number(end, parse_number_tokens(words, vocab))


def _read_words(doc: Doc, i: int, vocab: QuantityVocab) -> _Number | None:
    if doc[i].lower_ == "one" and doc[i].tag_ != "CD":
        return None  # "no one", "one another"
    end, words = i, []
    while end < len(doc) and _may_spell_number(doc, end, i, vocab):
        if doc[end].text != "-":
            words.append(doc[end].lower_)
        end += 1
    while words:
        value = parse_number_tokens(words, vocab)
        if value is not None and doc[end - 1].text != "-":
            return _Number(end, value)
        end -= 1
        if doc[end].text != "-":
            words.pop()
    return None


def _may_spell_number(doc: Doc, j: int, start: int, vocab: QuantityVocab) -> bool:
    token = doc[j]
    table = vocab.number_words
    lower = token.lower_
    if lower in table.one_articles or lower == table.half:
        return j == start or (j == start + 1 and doc[start].lower_ == table.half)
    if token.text == "-":
        return j > start and not doc[j - 1].whitespace_ and not token.whitespace_
    if lower == table.joiner:
        return j > start
    return is_number_word(lower, vocab)


def _age(doc: Doc, i: int, number: _Number, floor: int, vocab: QuantityVocab) -> Mention | None:
    """ "a 63-year-old", "45 years old", "aged 45": an age, counted as `age`."""
    if number.vague or number.value is None:
        return None
    texts = [t.lower_ for t in doc[number.end : number.end + 4]]
    end = None
    if texts[:4] in (["-", "year", "-", "old"], ["-", "years", "-", "old"]):
        end = number.end + 4
    elif texts[:2] in (["year", "old"], ["years", "old"]):
        end = number.end + 2
    if end is None and _after_a_name(doc, i, number.end):
        return Mention(i, number.end, i, number.end, "age", number.value, unit=vocab.age.unit)
    if end is None and not any(t.lower_ in vocab.age.cues_before for t in doc[max(0, i - 3) : i]):
        return None
    start, group = _qualifier_before(doc, i, floor, vocab)
    if start > floor and doc[start - 1].lower_ in vocab.age.cues_before:
        start, end = start - 1, end or number.end
    if end is None:
        return None
    return Mention(start, end, i, number.end, "age", number.value, group=group, unit=vocab.age.unit)


def _after_a_name(doc: Doc, i: int, end: int) -> bool:
    """ "Fadumo Ali, 24, said": a number set off by commas (or brackets) right after a person's
    name is the person's age."""
    if i < 2 or end >= len(doc) or end - i != 1:
        return False
    opened, closed = doc[i - 1].text, doc[end].text
    bracketed = (opened, closed) in {(",", ","), ("(", ")")}
    return bracketed and doc[i - 2].ent_type_ == "PERSON" and doc[i].like_num


def _vague(doc: Doc, i: int, number: _Number, vocab: QuantityVocab) -> Mention | None:
    word = " ".join(t.lower_ for t in doc[i : number.end])
    needs_noun = any(word.startswith(w) for w in vocab.vague_needs_noun)
    if needs_noun and not _counts_plural(doc[number.end - 1], number.end, doc, vocab):
        return None
    return Mention(i, number.end, i, number.end, "vague", number.value)


def _counts_plural(last: Token, end: int, doc: Doc, vocab: QuantityVocab) -> bool:
    """ "several soldiers", "many of the guards": the vague word counts a plural noun (not
    "many times")."""
    if last.head.lower_ in vocab.vague_skip_nouns:
        return False
    if last.head.tag_ in _PLURAL_TAGS and last.head.i >= end:
        return True
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        after = doc[end + 1 : end + 4]
        return any(t.tag_ in _PLURAL_TAGS or t.lower_ in _PLURAL_PRONOUNS for t in after)
    return False


def _exact(doc: Doc, i: int, number: _Number, floor: int, vocab: QuantityVocab) -> Mention | None:
    start, unit = i, None
    if i > floor and doc[i - 1].text in vocab.currencies.before:
        start, unit = i - 1, vocab.currencies.before[doc[i - 1].text]
    if unit is None and number.end - i == 1 and is_year(doc[i], vocab):
        return None
    mention = Mention(start, number.end, i, number.end, "exact", number.value, unit=unit)
    ranged = _range(doc, mention, floor, vocab)
    if ranged is not None:
        return ranged
    mention = _unit_after(doc, mention, vocab)
    return _qualify(doc, mention, floor, vocab)


def _range(doc: Doc, first: Mention, floor: int, vocab: QuantityVocab) -> Mention | None:
    """ "between 10 and 15", "10 to 15", "10-15": one quantity from the two ends."""
    joiner_at = first.number_end
    if joiner_at + 1 >= len(doc) or doc[joiner_at].lower_ not in vocab.range.joiners:
        return None
    second = read_number(doc, joiner_at + 1, vocab)
    if second is None or second.vague or second.value is None or first.value is None:
        return None
    if second.value <= first.value:
        return None
    joiner = doc[joiner_at]
    opener = first.start > floor and doc[first.start - 1].lower_ in vocab.range.openers
    if joiner.lower_ == "and" and not opener:
        return None
    if joiner.is_punct and (doc[joiner_at - 1].whitespace_ or joiner.whitespace_):
        return None
    if joiner.lower_ == "to" and not opener and not _linked(doc, first, joiner_at + 1, second):
        return None
    start = first.start - 1 if opener else first.start
    ranged = replace(first, start=start, end=second.end, number_end=second.end, kind="range")
    return _unit_after(doc, replace(ranged, upper=second.value), vocab)


def _linked(doc: Doc, first: Mention, second_start: int, second: _Number) -> bool:
    """The two numbers of "10 to 15 others" hang together in the parse ("rose from 10 to 15"
    does not)."""
    a = range(first.number_start, first.number_end)
    b = range(second_start, second.end)
    return any(doc[x].head.i in b for x in a) or any(doc[y].head.i in a for y in b)


def _unit_after(doc: Doc, mention: Mention, vocab: QuantityVocab) -> Mention:
    """A currency word, percent sign or word, measure, or money suffix after the number."""
    end = mention.end
    if end >= len(doc):
        return mention
    word = doc[end].lower_
    suffixes = vocab.number_words.money_suffixes
    unit: str | None = None
    if word in vocab.percent:
        unit, size = "percent", 1
    elif end + 1 < len(doc) and f"{word} {doc[end + 1].lower_}" in vocab.percent:
        unit, size = "percent", 2
    elif word in vocab.currencies.after:
        unit, size = vocab.currencies.after[word], 1
    elif word in vocab.measures and mention.unit is None:
        unit, size = vocab.measures[word], 1
    elif mention.unit and word in suffixes and not doc[end - 1].whitespace_:
        scaled = (mention.value or 0.0) * suffixes[word]
        return replace(mention, end=end + 1, number_end=end + 1, value=scaled)
    else:
        return mention
    return replace(mention, end=end + size, unit=mention.unit or unit)


def _qualify(doc: Doc, mention: Mention, floor: int, vocab: QuantityVocab) -> Mention:
    """Attach the qualifier cue after ("or more") or before ("at least") the number."""
    after = " ".join(t.lower_ for t in doc[mention.end : mention.end + 2])
    if after in vocab.suffix_qualifiers:
        return replace(mention, end=mention.end + 2, group=vocab.suffix_qualifiers[after])
    start, group = _qualifier_before(doc, mention.start, floor, vocab)
    return replace(mention, start=start, group=group)


def _qualifier_before(
    doc: Doc, start: int, floor: int, vocab: QuantityVocab
) -> tuple[int, str | None]:
    """The longest qualifier cue that ends right before token `start`, and where it begins."""
    cues = vocab.qualifier_cues
    longest = max(len(cue) for cue in cues)
    for size in range(min(longest, start - floor), 0, -1):
        words = tuple(t.lower_ for t in doc[start - size : start])
        # "took over 3 districts": a verb's particle, not a cue.
        if words in cues and not (size == 1 and doc[start - 1].tag_ == "RP"):
            return start - size, cues[words]
    return start, None
