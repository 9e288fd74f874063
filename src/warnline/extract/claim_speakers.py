"""Who is speaking: the entity a cue's subject names, a pronoun's person, a document's author.

- "Nazary said", "said Ali Maisam Nazary, the NRF's head of foreign relations" → the person;
- "a Taliban spokesman said", "the army said" → the body (an unnamed official is their body);
- "a UN report revealed" → the United Nations; "the report noted" → the author of the report
  named last;
- "he added" → the person who spoke last, else the person named last.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warnline.records import Entity, Place

if TYPE_CHECKING:
    from spacy.tokens import Token

Span = tuple[int, int]

_PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person"}
_COLLECTIVE = ("they", "it", "we")


@dataclass(frozen=True)
class Speaker:
    entity: str | None
    document: bool = False


class MentionIndex:
    """Entity mentions in text order, for finding who a stretch of text names."""

    def __init__(self, entities: tuple[Entity, ...], places: tuple[Place, ...] = ()) -> None:
        self.entities = {e.id: e for e in entities}
        place_spans = [span for place in places for span in place.mentions]
        # An "organisation" every mention of which is a place ("Barsalogho", "Abu Dhabi") is
        # the tagger's mistake: it speaks for no one.
        speaking = [e for e in entities if not _all_places(e.mentions, place_spans)]
        self._mentions = sorted((span, e.id) for e in speaking for span in e.mentions)
        self._starts = [span[0] for span, _ in self._mentions]

    def inside(self, span: Span) -> list[Entity]:
        """Entities with a mention inside `span`, in text order, each once."""
        found: list[Entity] = []
        index = bisect.bisect_left(self._starts, span[0])
        for (start, end), entity_id in self._mentions[index:]:
            if start >= span[1]:
                break
            entity = self.entities[entity_id]
            if end <= span[1] and entity not in found:
                found.append(entity)
        return found

    def nearest_first(self, span: Span, offset: int) -> list[Entity]:
        """Entities with a mention inside `span`, the one mentioned nearest `offset` first (a
        subject's head, not a headline the parser ran into the sentence)."""
        found: dict[str, int] = {}
        index = bisect.bisect_left(self._starts, span[0])
        for (start, end), entity_id in self._mentions[index:]:
            if start >= span[1]:
                break
            if end <= span[1]:
                distance = (
                    0 if start <= offset < end else min(abs(start - offset), abs(end - offset))
                )
                found[entity_id] = min(distance, found.get(entity_id, distance))
        return [self.entities[i] for i in sorted(found, key=lambda i: found[i])]

    def last_before(self, offset: int, kinds: tuple[str, ...] | None) -> Entity | None:
        """The entity mentioned last before `offset` (of one of `kinds`, if given)."""
        index = bisect.bisect_left(self._starts, offset)
        for _, entity_id in reversed(self._mentions[:index]):
            entity = self.entities[entity_id]
            if kinds is None or entity.kind in kinds:
                return entity
        return None


def _all_places(mentions: tuple[Span, ...], place_spans: list[Span]) -> bool:
    return bool(mentions) and all(
        any(start < p_end and p_start < end for p_start, p_end in place_spans)
        for start, end in mentions
    )


def subtree_span(token: Token) -> Span:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)


def speaker_of(
    subject: Token, index: MentionIndex, documents: tuple[str, ...], last: Speaker | None
) -> Speaker | None:
    """The speaker a cue's subject phrase names, or None when it names no one we know."""
    named = index.nearest_first(subtree_span(subject), subject.idx)
    people = [e for e in named if e.kind == "person"]
    head = subject.lemma_.casefold()
    if people:
        return Speaker(people[0].id)
    if head in documents:
        if named:
            return Speaker(named[0].id, document=True)
        if last is not None and last.document:
            return last  # "the report noted": the report named before
        return Speaker(None, document=True)
    if named:
        return Speaker(named[0].id)
    lower = subject.lower_
    if lower in _PERSONAL:
        if last is not None and last.entity and index.entities[last.entity].kind == "person":
            return last
        person = index.last_before(subject.idx, ("person",))
        return Speaker(person.id) if person else None
    if lower in _COLLECTIVE:
        if last is not None and last.entity is not None and not last.document:
            return last
        body = index.last_before(
            subject.idx, ("armed_group", "state_force", "government", "organization")
        )
        return Speaker(body.id) if body else None
    return None


def organisation_of(speaker: Entity, subject_span: Span | None, index: MentionIndex) -> str | None:
    """The body a speaker speaks for: a body itself; a person's role, else a body named in the
    same subject phrase ("Zabihullah Mujahid, a Taliban spokesman")."""
    if speaker.kind != "person":
        return speaker.id
    for role in speaker.roles:
        if role.of is not None:
            return role.of
    if subject_span is not None:
        bodies = [e for e in index.inside(subject_span) if e.kind != "person"]
        if bodies:
            return bodies[0].id
    return None
