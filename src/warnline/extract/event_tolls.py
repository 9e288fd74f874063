"""Tolls: killed, injured and "killed or injured" figures for an event, following ACLED.

Which toll a figure goes to is read from what the quantity counts ("civilians killed",
"Taliban members killed or injured"): "killed or injured" is never counted as killed. The
quantity layer already applies ACLED's bounds ("at least 10" -> low 10, "more than 400" -> low
401, "dozens" -> 12). A figure belongs to the account of the claim whose content holds it, or
to the report's own narration. Within an account, figures for different groups in one sentence
add up ("five soldiers and three civilians"), other figures are alternatives; when two accounts
differ, both are kept and best is the lower (ACLED's conservative choice) of the firm ones: an
account that only says "dozens" or only counts a part ("nine of its staff") gives way to a firm
figure at least as high.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from warnline.extract.event_cues import EventCues, TollKind
from warnline.extract.word_patterns import has_whole_word, whole_word
from warnline.records import Claim, Entity, Quantity, Toll, TollAccount

KINDS: tuple[TollKind, ...] = ("killed", "injured", "killed_or_injured")
# Checked in this order: the combined phrases first, so "killed or injured" is not "killed".
_ORDER: tuple[TollKind, ...] = ("killed_or_injured", "injured", "killed")
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True)
class Figure:
    """One toll figure: its kind, bounds, whose account it is, and where it stands."""

    kind: TollKind
    toll: Toll
    claim: str | None
    sentence: int
    noun: str
    subset: bool = False
    # "dozens": a word, not a number. "nine of its staff": a part of some whole.
    vague: bool = False
    partitive: bool = False

    @property
    def weak(self) -> bool:
        """A figure that gives way to a firmer one from another account."""
        return self.vague or self.partitive


def toll_kind(counts: str | None, cues: EventCues) -> TollKind | None:
    """Which toll a counted phrase is a figure of, or None when it is not a toll. "Killed or
    injured" first; then a phrase of several words for the dead ("fatally wounded") before the
    wounded, so that it is not read as "wounded"."""
    if not counts:
        return None
    text = f" {counts.lower()} "
    found = {kind: _matches(text, getattr(cues.tolls, kind)) for kind in _ORDER}
    if found["killed_or_injured"]:
        return "killed_or_injured"
    if any(" " in word for word in found["killed"]):
        return "killed"
    return next((kind for kind in _ORDER if found[kind]), None)


def _matches(text: str, words: tuple[str, ...]) -> list[str]:
    return [word for word in words if has_whole_word(text, word)]


def read_figure(
    quantity: Quantity,
    claim: str | None,
    sentence: int,
    subset: bool,
    cues: EventCues,
    harm: str | None = None,
    partitive: bool = False,
) -> Figure | None:
    """The toll figure a quantity gives, or None (not a toll, or no number: "several").
    `harm` is the word of harm the number is the object of ("killed" in "100 people were
    killed"), for when what the quantity counts does not say it."""
    counted, done = toll_kind(quantity.counts, cues), toll_kind(harm, cues)
    # "four policemen were fatally wounded": the manner of the wound says they died.
    kind = done if counted == "injured" and done == "killed" else counted or done
    if kind is None or (quantity.value is None and quantity.low is None):
        return None
    low = _whole(quantity.low)
    high = _whole(quantity.high)
    best = low if low is not None else _whole(quantity.value)
    if quantity.qualifier == "at_most":
        best, low = None, None
    noun = _counted_noun(quantity.counts or "", kind, cues)
    toll = Toll(best=best, low=low, high=high)
    vague = quantity.qualifier == "vague"
    return Figure(kind, toll, claim, sentence, noun, subset, vague=vague, partitive=partitive)


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


def _counted_noun(counts: str, kind: TollKind, cues: EventCues) -> str:
    """The counted group without the toll words: "soldiers" of "soldiers killed"."""
    text = counts.lower()
    for word in getattr(cues.tolls, kind):
        text = whole_word(word).sub(" ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class TollResult:
    """The event's tolls, every account when there are several, and how best was chosen."""

    tolls: dict[TollKind, Toll]
    accounts: tuple[TollAccount, ...]
    basis: str | None


def combine(
    figures: Sequence[Figure], claims: dict[str, Claim], entities: dict[str, Entity]
) -> TollResult:
    """The event's tolls from all its figures, account by account."""
    accounts: dict[str | None, dict[TollKind, Toll]] = {}
    for claim in _in_order(f.claim for f in figures):
        own = [f for f in figures if f.claim == claim]
        accounts[claim] = {
            kind: _one_account([f for f in own if f.kind == kind])
            for kind in KINDS
            if any(f.kind == kind for f in own)
        }
    tolls: dict[TollKind, Toll] = {}
    notes: list[str] = []
    for kind in KINDS:
        given = [(claim, toll[kind]) for claim, toll in accounts.items() if kind in toll]
        if not given:
            continue
        weak = _weak_accounts(kind, figures, given)
        firm = [(claim, toll) for claim, toll in given if claim not in weak]
        tolls[kind] = _across(t for _, t in firm)
        if len({(t.best, t.low, t.high) for _, t in given}) > 1:
            notes.append(_basis(kind, given, claims, entities, weak))
    if len(accounts) < 2 or not notes:
        return TollResult(tolls, (), None)
    records = tuple(
        TollAccount(
            claim=claim,
            killed=toll.get("killed"),
            injured=toll.get("injured"),
            killed_or_injured=toll.get("killed_or_injured"),
        )
        for claim, toll in accounts.items()
    )
    return TollResult(tolls, records, "; ".join(notes))


def _weak_accounts(
    kind: TollKind, figures: Sequence[Figure], given: list[tuple[str | None, Toll]]
) -> set[str | None]:
    """Accounts that give way: one that only says "dozens of bodies", or only counts a part
    ("nine of its staff"), when another account gives a firm figure at least as high (ACLED
    codes a vague count only when nothing better is reported)."""
    weak: set[str | None] = set()
    for claim, toll in given:
        own = [f for f in figures if f.claim == claim and f.kind == kind]
        if not own or not all(f.weak for f in own):
            continue
        size = _size(toll)
        firmer = any(
            other != claim
            and _size(other_toll) >= size
            and not all(f.weak for f in figures if f.claim == other and f.kind == kind)
            for other, other_toll in given
        )
        if firmer:
            weak.add(claim)
    return weak


def _size(toll: Toll) -> int:
    return toll.best or toll.low or toll.high or 0


def _in_order(items: Iterable[str | None]) -> list[str | None]:
    seen: list[str | None] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _one_account(figures: list[Figure]) -> Toll:
    """One speaker's figure: parts ("including three children") drop out; different groups in
    one sentence add up; of several sentences, the largest (a toll that rose) stands."""
    whole = [f for f in figures if not f.subset] or figures
    by_sentence: dict[int, list[Figure]] = {}
    for figure in whole:
        by_sentence.setdefault(figure.sentence, []).append(figure)
    sums = [_sentence_toll(group) for group in by_sentence.values()]
    return max(sums, key=lambda t: t.best or t.low or t.high or 0)


def _sentence_toll(figures: list[Figure]) -> Toll:
    nouns = [f.noun for f in figures]
    if len(figures) > 1 and all(nouns) and len(set(nouns)) == len(nouns):
        return Toll(
            best=_sum(f.toll.best for f in figures),
            low=_sum(f.toll.low for f in figures),
            high=_sum(f.toll.high for f in figures),
        )
    return _across(f.toll for f in figures)


def _sum(values: Iterable[int | None]) -> int | None:
    numbers = list(values)
    return None if any(v is None for v in numbers) else sum(v for v in numbers if v is not None)


def _across(tolls: Iterable[Toll]) -> Toll:
    """Alternative figures: low the least, high the most, best the lower (conservative)."""
    items = list(tolls)
    if len(items) == 1:
        return items[0]
    bests = [t.best for t in items if t.best is not None]
    lows = [t.low if t.low is not None else t.best for t in items]
    highs = [t.high if t.high is not None else t.best for t in items]
    known_lows = [v for v in lows if v is not None]
    known_highs = [v for v in highs if v is not None]
    return Toll(
        best=min(bests) if bests else None,
        low=min(known_lows) if known_lows else None,
        high=max(known_highs) if known_highs else None,
    )


def _basis(
    kind: TollKind,
    given: list[tuple[str | None, Toll]],
    claims: dict[str, Claim],
    entities: dict[str, Entity],
    weak: set[str | None],
) -> str:
    ordered = sorted(given, key=lambda item: item[1].best or item[1].low or 0)
    parts = [f"{_figure(toll)} ({_speaker(claim, claims, entities)})" for claim, toll in ordered]
    count = _NUMBER_WORDS.get(len(parts), str(len(parts)))
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}"
    basis = f"{kind}: {count} accounts: {listed}; best is the lower"
    if weak:
        aside = ", ".join(
            _speaker(claim, claims, entities) for claim, _ in ordered if claim in weak
        )
        basis += f" of the firm figures (vague or partial, set aside: {aside})"
    return basis


def _figure(toll: Toll) -> str:
    if toll.best is not None:
        return str(toll.best)
    if toll.low is not None:
        return f"at least {toll.low}"
    return f"up to {toll.high}"


def _speaker(claim: str | None, claims: dict[str, Claim], entities: dict[str, Entity]) -> str:
    """ "C2, Malian Armed Forces": the claim and who made it; the report's own narration."""
    if claim is None:
        return "the report"
    record = claims.get(claim)
    who = None
    if record is not None:
        for entity_id in (record.speaker_org, record.speaker):
            if entity_id is not None and entity_id in entities:
                who = entities[entity_id].name
                break
    return f"{claim}, {who}" if who else claim


def single_kill(count: int) -> Toll:
    """The toll when named people are killed and no figure is given: one each."""
    return Toll(best=count, low=count, high=count)
