"""Within one sentence: which event each place, date and number belongs to, and the place an
event is coded at.

A place, date or number belongs to the event word nearest to it in the dependency tree; matches
that are not events (anchors, hypotheticals) take part too, so that "two days before the
September 11 attacks, which killed 3,000" gives its 3,000 to the anchor. Nothing is owned across
reported speech, out of a relative clause or out of a clause of its own (see `nearest_owner`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from warnline.extract.doc_text import doc_text
from warnline.extract.event_context import ReportContext
from warnline.extract.event_cues import EventCues
from warnline.extract.event_links import has_subject
from warnline.extract.event_parse import (
    FAR,
    children,
    has_key,
    is_verbal,
    span_root,
    token_ids,
    tree_distance,
    tree_path,
)
from warnline.extract.event_triggers import Trigger
from warnline.extract.word_patterns import word_then
from warnline.records import DateMention, Place, Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

_NEAR_LOOKBACK = 40
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass"})
_SITE = 0
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_SPEECH_DEPS = frozenset({"ccomp", "parataxis"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "conj"})


@dataclass
class Owned:
    """The places, dates and numbers of a sentence that belong to one event, nearest first."""

    places: list[tuple[int, Place, Span]]
    dates: list[tuple[int, DateMention]]
    quantities: list[tuple[int, Quantity, Token]]


@dataclass(frozen=True)
class Barriers:
    """What a sentence's words may not be owned across.

    `open_heads`: words a relative clause may be crossed to (event words, places: "the
    village, where gunmen killed 44"). `dated`: words inside a date mention; a clause joined
    by "and" with a subject and a date of its own ("…, and more than 1,500 people died in the
    country last year") tells of something else."""

    open_heads: frozenset[int]
    dated: frozenset[int]


def _dated(clause: Token, barriers: Barriers) -> bool:
    return any(t.i in barriers.dated for t in clause.subtree)


def nearest_owner(
    token: Token,
    owners: Sequence[Sequence[Token]],
    cues: EventCues,
    barriers: Barriers,
    skip: frozenset[int] = frozenset(),
) -> int | None:
    """Which owner (a list of trigger words) is nearest to the token in the tree; ties go to
    the one nearest in the text. `skip` are words that may not own it (an anchor inside the
    date it would own). Nothing is owned across reported speech: in "…, said X during a visit
    to Washington" the place is the speaker's, not the event's; nor out of a relative clause
    (unless it hangs on an event word or a place: "the village, where gunmen killed 44"), nor
    out of a clause of its own ("… comes *as* the force leaves at the end of the year")."""
    best: tuple[int, int, int] | None = None
    for n, words in enumerate(owners):
        for word in words:
            if word.i in skip:
                continue
            arcs = _arcs_within_clause(token, word, cues, barriers)
            if arcs >= FAR:
                continue
            key = (arcs, abs(token.i - word.i), n)
            if best is None or key < best:
                best = key
    return None if best is None else best[2]


def _arcs_within_clause(item: Token, word: Token, cues: EventCues, barriers: Barriers) -> int:
    found = tree_path(item, word)
    if found is None:
        return FAR
    path, top = found
    cut = path.index(top)
    # Going up from the event word out of reported speech: the rest belongs to the speaker,
    # as does whatever hangs on a verb of saying.
    if any(t.dep_ in _SPEECH_DEPS for t in path[cut + 1 :]):
        return FAR
    for below, t in pairwise(path[: cut + 1]):
        # Hanging on a verb of saying as its circumstance ("said *during a visit to*"), not as
        # part of what is said ("police say *left 32 killed*").
        speech = is_verbal(t) and has_key(t, cues.speech_verbs)
        if speech and below.dep_ not in _CONTENT_DEPS:
            return FAR
    for t in path:
        if t.i == top.i:
            continue
        if t.dep_ == "relcl" and t.head.i not in barriers.open_heads:
            return FAR
        if t.dep_ == "conj" and has_subject(t) and _dated(t, barriers):
            return FAR
        if t.dep_ == "advcl" and any(
            has_key(mark, cues.clause_separators) for mark in children(t, "mark")
        ):
            return FAR
    return len(path) - 1


def assign_owned(
    sent: DocSpan, groups: list[list[Token]], sinks: list[Trigger], ctx: ReportContext
) -> list[Owned]:
    """Give each place, date and number of the sentence to the nearest event (or sink); the
    last entry holds what no event or sink is near (used for toll-only sentences)."""
    owners: list[list[Token]] = [*groups, [t.token for t in sinks]]
    barriers = Barriers(
        open_heads=frozenset(
            [t.i for words in owners for t in words]
            + [t.i for t in sent if t.i in ctx.index.place_at]
            + [t.i for t in sent if has_key(t, ctx.cues.event_heads)]
            + [t.i for t in sent if t.i in ctx.index.date_at]  # "in 2014, when X seized …"
        ),
        dated=frozenset(t.i for t in sent if t.i in ctx.index.date_at),
    )
    owned = [Owned([], [], []) for _ in range(len(owners) + 1)]
    unowned = len(owners)
    seen: set[Span] = set()
    for token in sent:
        found = ctx.index.place_at.get(token.i)
        if found is None or found[1] in seen:
            continue
        seen.add(found[1])
        root = span_root(sent.doc, found[1]) or token
        n = nearest_owner(root, owners, ctx.cues, barriers)
        owned[unowned if n is None else n].places.append(
            (_distance(root, owners, n), ctx.index.places[found[0]], found[1])
        )
    for date in ctx.dates:
        date_root = _root_in(sent, date.span)
        if date_root is not None and date.start is not None:
            inside = frozenset(token_ids(sent.doc, date.span))
            n = nearest_owner(date_root, owners, ctx.cues, barriers, skip=inside)
            owned[unowned if n is None else n].dates.append((_distance(date_root, owners, n), date))
    for quantity in ctx.quantities:
        number = _root_in(sent, quantity.span)
        if number is not None:
            n = nearest_owner(number, owners, ctx.cues, barriers)
            owned[unowned if n is None else n].quantities.append(
                (_distance(number, owners, n), quantity, number)
            )
    for item in owned:
        item.places.sort(key=lambda p: p[0])
        item.dates.sort(key=lambda d: d[0])
    return [*owned[: len(groups)], owned[unowned]]


def _root_in(sent: DocSpan, span: Span) -> Token | None:
    if not sent.start_char <= span[0] < sent.end_char:
        return None
    return span_root(sent.doc, span)


def _distance(token: Token, owners: list[list[Token]], n: int | None) -> int:
    if n is None:
        return 0
    return min(tree_distance(token, word) for word in owners[n])


def choose_place(
    owned: Owned, actors: set[str], ctx: ReportContext
) -> tuple[Place | None, int | None]:
    """The most specific place named with the event (a town before a province), leaving out a
    name that stands for one of its actors ("a U.S. drone strike"); with ACLED's precision."""
    candidates = []
    for distance, place, span in owned.places:
        if in_dateline(span, ctx):
            continue
        root = span_root(ctx.doc, span)
        if root is not None and root.dep_ in _ACTING_DEPS:
            continue  # "Afghanistan had no link to the attack": a country acting, not a place
        ids = token_ids(ctx.doc, span)
        modifier = root is not None and root.dep_ in _MODIFIER_DEPS
        if modifier and any(ctx.index.entity_at.get(i) in actors for i in ids):
            continue  # "a U.S. drone strike": the name stands for the actor
        # A named site the gazetteer does not know ("Abbey Gate", "Police Lines") is the most
        # specific place of all; its precision is left unknown.
        candidates.append((place.precision or _SITE, distance, place, span))
    if not candidates:
        return None, None
    precision, _, place, span = min(candidates, key=lambda c: (c[0], c[1]))
    if precision == 1 and _near(span, ctx):
        precision = 2
    return place, place.precision and precision


def in_dateline(span: Span, ctx: ReportContext) -> bool:
    """Whether a span is in the report's dateline ("KABUL, AFGHANISTAN –"): where it was
    filed, not where anything happened."""
    return ctx.dateline is not None and ctx.dateline[0] <= span[0] < ctx.dateline[1]


def _near(span: Span, ctx: ReportContext) -> bool:
    """ "near Gao", "on the outskirts of Kabul": ACLED's precision 2."""
    text = doc_text(ctx.doc)
    before = text[max(0, span[0] - _NEAR_LOOKBACK) : span[0]].lower()
    return any(cue in before and word_then(cue, r"\s*$").search(before) for cue in ctx.near_cues)
