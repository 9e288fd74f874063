"""Scoring the mention layers: places (to admin1), dates and quantities."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from warnline.evaluate.gold import Annotation, GoldDate, GoldPlace, GoldQuantity
from warnline.evaluate.normalise import (
    contains_either_way,
    occurrences,
    overlaps,
    place_key,
    text_key,
)
from warnline.evaluate.tally import Tally
from warnline.records import Analysis, DateMention, Place, Quantity, Span

_VALUE_TOLERANCE = 1e-6


def score_places(annotation: Annotation, analysis: Analysis, text: str) -> Tally:
    """Per distinct gold place text: a TP when a predicted place has a mention with that text
    (by `place_key`) and the same country and admin1, else an FN. A predicted place right for no
    gold text is an FP: one whose mentions match no gold text, or one with the wrong codes."""
    tally = Tally()
    keyed = [(place, place_keys(place, text)) for place in analysis.places]
    right: set[str] = set()
    wrong: dict[str, str] = {}
    for gold in annotation.places:
        key = place_key(gold.text)
        found = [place for place, keys in keyed if key in keys]
        good = [place for place in found if _same_codes(place, gold)]
        if good:
            tally.hit()
            right.update(place.id for place in good)
        elif found:
            want = _codes(gold.country, gold.admin1)
            for place in found:
                got = _codes(place.country, place.admin1)
                wrong.setdefault(place.id, f"{gold.text!r} placed at {got}, not {want}")
            got = _codes(found[0].country, found[0].admin1)
            tally.missed(f"{gold.text!r} placed at {got}, not {want}")
        else:
            tally.missed(f"{gold.text!r} ({_codes(gold.country, gold.admin1)}) not found")
    for place, _keys in keyed:
        if place.id not in right:
            default = f"{place.name!r} ({_codes(place.country, place.admin1)}) is not a gold place"
            tally.invented(wrong.get(place.id, default))
    return tally


def place_keys(place: Place, text: str) -> set[str]:
    """The `place_key`s of a predicted place's mentions (of its name when it has none)."""
    if not place.mentions:
        return {place_key(place.name)}
    return {place_key(text[start:end]) for start, end in place.mentions}


def _same_codes(place: Place, gold: GoldPlace) -> bool:
    return _upper(place.country) == gold.country and _upper(place.admin1) == gold.admin1


def _upper(code: str | None) -> str | None:
    return code.upper() if code else None


def _codes(country: str | None, admin1: str | None) -> str:
    return f"{country or '-'}/{admin1 or '-'}"


def score_dates(annotation: Annotation, analysis: Analysis, text: str) -> Tally:
    """Per gold date: a TP when an overlapping predicted date (its span on the gold text, or one
    text containing the other) has the same start and end; for a vague gold date, detection is
    enough. A wrong resolution is an FN and an FP; an unpaired prediction is an FP."""
    rules = _Rules(noun="date", right=_date_right, shown=_date_shown, gold_shown=_gold_date_shown)
    return _score_paired(annotation.dates, analysis.dates, text, rules)


def _date_right(gold: GoldDate, predicted: DateMention) -> bool:
    return gold.vague or (predicted.start == gold.start and predicted.end == gold.end)


def _date_shown(predicted: DateMention) -> str:
    if predicted.start is None and predicted.end is None:
        return "unresolved"
    return f"{predicted.start}..{predicted.end}"


def _gold_date_shown(gold: GoldDate) -> str:
    return "vague" if gold.vague else f"{gold.start}..{gold.end}"


def score_quantities(annotation: Annotation, analysis: Analysis, text: str) -> Tally:
    """Per gold quantity: a TP when an overlapping predicted quantity has the same value and
    qualifier; the same FN and FP rules as dates."""
    rules = _Rules(
        noun="quantity", right=_quantity_right, shown=_quantity_shown, gold_shown=_quantity_shown
    )
    return _score_paired(annotation.quantities, analysis.quantities, text, rules)


def _quantity_right(gold: GoldQuantity, predicted: Quantity) -> bool:
    if (gold.value is None) != (predicted.value is None):
        return False
    same_value = gold.value is None or abs(gold.value - (predicted.value or 0)) < _VALUE_TOLERANCE
    return same_value and predicted.qualifier == gold.qualifier


def _quantity_shown(quantity: GoldQuantity | Quantity) -> str:
    value = "none" if quantity.value is None else f"{quantity.value:g}"
    return f"{value} {quantity.qualifier or 'unqualified'}"


class _GoldText(Protocol):
    @property
    def text(self) -> str: ...


class _Predicted(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def span(self) -> Span: ...


G = TypeVar("G", bound=_GoldText)
P = TypeVar("P", bound=_Predicted)


@dataclass(frozen=True)
class _Rules(Generic[G, P]):
    """What a layer calls its items, when a pair is right, and how values are shown."""

    noun: str
    right: Callable[[G, P], bool]
    shown: Callable[[P], str]
    gold_shown: Callable[[G], str]


def _score_paired(
    golds: Sequence[G], predictions: Sequence[P], text: str, rules: _Rules[G, P]
) -> Tally:
    tally = Tally()
    noun, right, shown, gold_shown = rules.noun, rules.right, rules.shown, rules.gold_shown
    pairs = _pair(golds, predictions, text, right)
    hit_texts: dict[str, G] = {}
    for g_index, gold in enumerate(golds):
        p_index = pairs.get(g_index)
        if p_index is None:
            tally.missed(f"{noun} {gold.text!r} ({gold_shown(gold)}) not found")
            continue
        predicted = predictions[p_index]
        if right(gold, predicted):
            tally.hit()
            hit_texts[text_key(gold.text)] = gold
        else:
            detail = f"{noun} {gold.text!r}: got {shown(predicted)}, want {gold_shown(gold)}"
            tally.missed(detail)
            tally.invented(f"{detail} (as {predicted.text!r})")
    paired = set(pairs.values())
    for p_index, predicted in enumerate(predictions):
        if p_index in paired:
            continue
        again = hit_texts.get(text_key(predicted.text))
        if again is not None and right(again, predicted):
            continue  # another mention of a gold text already found, resolved the same way
        tally.invented(f"{noun} {predicted.text!r} ({shown(predicted)}) is not in the gold")
    return tally


def _pair(
    golds: Sequence[G], predictions: Sequence[P], text: str, right: Callable[[G, P], bool]
) -> dict[int, int]:
    """Gold index -> prediction index, each used once: the closest overlap first, then a right
    resolution, then text order."""
    candidates: list[tuple[int, bool, int, int]] = []
    for g_index, gold in enumerate(golds):
        spans = occurrences(gold.text, text) or occurrences(gold.text, text, ignore_case=True)
        for p_index, predicted in enumerate(predictions):
            level = _closeness(gold.text, spans, predicted)
            if level is not None:
                wrong = not right(gold, predicted)
                candidates.append((level, wrong, g_index, p_index))
    pairs: dict[int, int] = {}
    for _level, _wrong, g_index, p_index in sorted(candidates):
        if g_index not in pairs and p_index not in pairs.values():
            pairs[g_index] = p_index
    return pairs


def _closeness(gold_text: str, gold_spans: list[Span], predicted: _Predicted) -> int | None:
    """0: same text at the same place; 1: overlapping spans; 2: one text contains the other."""
    if overlaps(predicted.span, gold_spans):
        return 0 if text_key(predicted.text) == text_key(gold_text) else 1
    if contains_either_way(gold_text, predicted.text):
        return 2
    return None
