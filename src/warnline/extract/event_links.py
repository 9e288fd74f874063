"""Within one sentence: which cue matches describe one event.

Two matches describe one event when few dependency arcs join them and no word of sequence or
response stands between them: "was killed in a drone strike" is one event, "the strike in
retaliation for the rocket attack" two, as are two clauses with subjects of their own ("the
attack was repelled and terrorists were neutralised in air strikes").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from warnline.extract.event_cues import EventCues
from warnline.extract.event_parse import children, has_key, tree_path
from warnline.extract.event_triggers import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token


def link_triggers(triggers: Sequence[Trigger], cues: EventCues) -> list[list[Trigger]]:
    """The matches grouped by the event they describe, in text order."""
    parent = list(range(len(triggers)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a in range(len(triggers)):
        for b in range(a + 1, len(triggers)):
            if _linked(triggers[a].token, triggers[b].token, cues):
                parent[root(b)] = root(a)
    groups: dict[int, list[Trigger]] = {}
    for n, trigger in enumerate(triggers):
        groups.setdefault(root(n), []).append(trigger)
    return sorted(groups.values(), key=lambda group: min(t.start for t in group))


def _linked(a: Token, b: Token, cues: EventCues) -> bool:
    if a.i == b.i:
        return True
    found = tree_path(a, b)
    if found is None:
        return False
    path, top = found
    if len(path) - 1 > cues.link_arcs:
        return False
    if _separated(path, top, cues):
        return False
    # "the attack had been repelled and (that) terrorists were neutralised": a second clause
    # with a subject of its own tells of something else; "attacked and killed 10" does not.
    return not any(t.dep_ == "conj" and has_subject(t) for t in path if t.i != top.i)


def separated(a: Token, b: Token, cues: EventCues) -> bool:
    """A word of sequence or response stands between two event words of one sentence: "struck
    targets, an *answer* to the rebels' attacks", "… *after* militants attacked"."""
    found = tree_path(a, b)
    return found is not None and _separated(*found, cues)


def _separated(path: list[Token], top: Token, cues: EventCues) -> bool:
    if any(has_key(t, cues.separators) for t in path[1:-1]):
        return True
    # "… after militants attacked": the "after" hangs off the lower clause, not the path.
    return any(
        has_key(mark, cues.separators)
        for t in path
        if t.i != top.i
        for mark in children(t, "mark", "advmod")
    )


def has_subject(token: Token) -> bool:
    """A clause with a subject of its own."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
