"""Actors from spaCy's named entities: every mention of one name folded into one entity."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from warnline.extract.spans import Span, clean_mention, name_key, preferred_form
from warnline.records import Entity, EntityKind
from warnline.vocab import load_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Prefixes that make an adjective of a name: "anti-Taliban" is a stance, not an actor.
_STANCE_PREFIXES = ("anti-", "pro-", "non-", "post-", "pre-")


@dataclass
class _Group:
    kind_votes: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[Span] = field(default_factory=list)


def extract_entities(doc: Doc, exclude: tuple[Span, ...] = ()) -> tuple[Entity, ...]:
    """One entity per distinct name, in order of first mention, with all its spans.

    Spans overlapping `exclude` (the dateline, whose capitals the tagger takes for
    organisations) are not actors.
    """
    kind_by_label = load_vocab().kind_by_spacy_label
    groups: dict[str, _Group] = defaultdict(_Group)
    for ent in doc.ents:
        kind = kind_by_label.get(ent.label_)
        if kind is None or ent.text.casefold().startswith(_STANCE_PREFIXES):
            continue
        if any(ent.start_char < end and start < ent.end_char for start, end in exclude):
            continue
        cleaned = clean_mention(ent.text, ent.start_char)
        if cleaned is None:
            continue
        text, span = cleaned
        group = groups[name_key(text)]
        group.kind_votes[kind] += 1
        group.forms[text] += 1
        group.mentions.append(span)
    ordered = sorted(groups.values(), key=lambda g: g.mentions[0][0])
    return tuple(_to_entity(f"E{n}", g) for n, g in enumerate(ordered, start=1))


def _to_entity(entity_id: str, group: _Group) -> Entity:
    name = preferred_form(group.forms)
    kind: EntityKind = group.kind_votes.most_common(1)[0][0]  # type: ignore[assignment]
    return Entity(
        id=entity_id,
        name=name,
        kind=kind,
        aliases=tuple(sorted(form for form in group.forms if form != name)),
        mentions=tuple(sorted(set(group.mentions))),
    )
