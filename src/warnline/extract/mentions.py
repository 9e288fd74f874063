"""Actor mentions: spaCy's entities and the catalogue's, cleaned, linked and grouped by name.

The later steps (acronyms, short names, anaphora) merge these groups; `EntityDraft` is the
mutable working form, turned into `Entity` records once every step has run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from warnline.catalogue.actors import Actor, Catalogue
from warnline.extract.doc_text import doc_text
from warnline.extract.mention_repairs import repair_mentions
from warnline.extract.spans import Span, clean_mention, name_key, preferred_form
from warnline.vocab import load_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Prefixes that make an adjective of a name: "anti-Taliban" is a stance, not an actor.
_STANCE_PREFIXES = ("anti-", "pro-", "non-", "post-", "pre-")
# Labels whose spans are actors only when the catalogue knows the name ("Taliban" as NORP,
# "U.S." as GPE in "U.S. drone strike").
_CATALOGUE_ONLY_LABELS = ("NORP", "GPE")
# Dependency labels of a country name used as an actor rather than a place: "U.S. forces",
# "the U.S. said".
_ACTOR_DEPS = ("compound", "amod", "nsubj", "nsubjpass", "poss")


@dataclass
class Mention:
    text: str
    span: Span
    label: str
    actor: Actor | None = None
    # How the mention was found: "ner", "acronym", "short_name", "anaphor", "state_body".
    via: str = "ner"


@dataclass
class EntityDraft:
    mentions: list[Mention] = field(default_factory=list)
    kind_votes: Counter[str] = field(default_factory=Counter)
    # The name given by the step that made the draft ("Military Forces of Niger"), when the
    # catalogue has no actor for it.
    canonical: str | None = None

    @property
    def actor(self) -> Actor | None:
        return next((m.actor for m in self.mentions if m.actor is not None), None)

    @property
    def first(self) -> int:
        return min(m.span[0] for m in self.mentions)

    @property
    def names(self) -> Counter[str]:
        """The name forms used (not anaphors such as "the group")."""
        return Counter(m.text for m in self.mentions if m.via != "anaphor")

    @property
    def full_names(self) -> Counter[str]:
        """The forms that can name the entity: not short forms, acronyms found later, anaphors."""
        return Counter(m.text for m in self.mentions if m.via == "ner") or self.names

    @property
    def name(self) -> str:
        if self.actor is not None:
            return self.actor.name
        if self.canonical is not None:
            return self.canonical
        return preferred_form(self.full_names or Counter(m.text for m in self.mentions))

    @property
    def kind(self) -> str:
        if self.actor is not None:
            return self.actor.kind
        return self.kind_votes.most_common(1)[0][0] if self.kind_votes else "organization"

    def absorb(self, other: EntityDraft) -> None:
        self.mentions.extend(other.mentions)
        self.canonical = self.canonical or other.canonical
        self.kind_votes.update(other.kind_votes)


def collect_mentions(doc: Doc, catalogue: Catalogue, exclude: tuple[Span, ...]) -> list[Mention]:
    """Every actor mention in the document, cleaned and linked to the catalogue where it can be."""
    kind_by_label = load_vocab().kind_by_spacy_label
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in kind_by_label and ent.label_ not in _CATALOGUE_ONLY_LABELS:
            continue
        if ent.text.casefold().startswith(_STANCE_PREFIXES) or doc_text(doc)[
            max(0, ent.start_char - 5) : ent.start_char
        ].casefold().endswith(_STANCE_PREFIXES):
            continue
        if any(ent.start_char < end and start < ent.end_char for start, end in exclude):
            continue
        cleaned = clean_mention(ent.text, ent.start_char)
        if cleaned is None:
            continue
        text, span = cleaned
        actor = _link(ent.ent_id_, text, catalogue)
        if ent.label_ in _CATALOGUE_ONLY_LABELS and not _is_actor_use(ent, actor):
            continue
        found.append(Mention(text=text, span=span, label=ent.label_, actor=actor))
    return repair_mentions(found, doc, catalogue)


def _link(ruler_id: str, text: str, catalogue: Catalogue) -> Actor | None:
    if ruler_id:
        try:
            return catalogue.get(ruler_id)
        except KeyError:
            pass
    return catalogue.lookup(text)


def _is_actor_use(ent: object, actor: Actor | None) -> bool:
    """A NORP or GPE span counts as an actor when the catalogue knows it and, for a country, it
    is used as one (a modifier of "forces", a subject) rather than as a location."""
    if actor is None:
        return False
    if getattr(ent, "label_", "") == "NORP":
        return True
    root = ent.root  # type: ignore[attr-defined]
    return bool(root.dep_ in _ACTOR_DEPS)


def group_mentions(mentions: list[Mention]) -> list[EntityDraft]:
    """One draft per catalogue actor, or per distinct name when the catalogue does not know it."""
    kind_by_label = load_vocab().kind_by_spacy_label
    drafts: dict[str, EntityDraft] = {}
    for mention in mentions:
        key = f"catalogue:{mention.actor.id}" if mention.actor else name_key(mention.text)
        draft = drafts.setdefault(key, EntityDraft())
        draft.mentions.append(mention)
        draft.kind_votes[kind_by_label.get(mention.label, "organization")] += 1
    return list(drafts.values())
