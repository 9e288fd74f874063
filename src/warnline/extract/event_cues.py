"""The event layer's vocabulary: vocab/event_cues.yaml, loaded once and checked against
ACLED's taxonomy (vocab/event_types.yaml) so that no cue can code a type ACLED does not have.

The cue words, word lists and tolls are data; this module only gives them a shape and the
lookups the matcher needs (a word or a phrase's first word -> the cues that may start there).
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from warnline.vocab import load_event_types, read_vocab

AcledCategory = Literal[
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external_other",
]
# ACLED's actor type digit for each category: interaction codes are made of two of them.
CATEGORY_DIGITS: dict[str, int] = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_other": 8,
}
Need = Literal[
    "use",
    "verbal",
    "opponent",
    "territory",
    "victim",
    "armed_party",
    "armed_agent",
    "place",
    "crowd",
    "air",
    "intransitive",
    "person_object",
    "people",
    "armed_subject",
    "out_of_place",
    "not_relative",
]
When = Literal[
    "target_civilians",
    "target_armed",
    "actor1_state_force",
    "actor1_non_state",
    "actor1_crowd",
]
TollKind = Literal["killed_or_injured", "injured", "killed"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VerbObject(_Model):
    """A verb (with its particle: "set up") and the objects that make it a cue; no objects
    means any object."""

    verbs: tuple[str, ...]
    objects: tuple[str, ...] = ()
    needs: tuple[Need, ...] = ()


class Override(_Model):
    """Another type/sub_type for a cue when a condition holds or the sentence uses a word list."""

    when: When | None = None
    words: str | None = None
    type: str
    sub_type: str

    @model_validator(mode="after")
    def _check(self) -> Override:
        if (self.when is None) == (self.words is None):
            raise ValueError("an override needs exactly one of `when` and `words`")
        return self


class Cue(_Model):
    """One kind of event word and the ACLED type/sub_type it codes."""

    id: str
    type: str
    sub_type: str
    rank: int
    generic: bool = False
    symmetric: bool = False
    joins_its_type: bool = False
    object_is_place: bool = False
    possessor_is_patient: bool = False
    group_actor: bool = False
    harm_only: bool = False
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    verb_objects: tuple[VerbObject, ...] = ()
    needs: tuple[Need, ...] = ()
    use_verbs: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()

    @property
    def codes(self) -> tuple[tuple[str, str], ...]:
        """Every type/sub_type the cue can give."""
        return ((self.type, self.sub_type), *((o.type, o.sub_type) for o in self.overrides))


class ImpliedCategories(_Model):
    """The ACLED category a side has because of the event's type."""

    actor1: AcledCategory | None = None
    actor2: AcledCategory | None = None


class Tolls(_Model):
    killed_or_injured: tuple[str, ...]
    injured: tuple[str, ...]
    killed: tuple[str, ...]


class Pronouns(_Model):
    group: tuple[str, ...]
    person: tuple[str, ...]


class EventCues(_Model):
    """vocab/event_cues.yaml."""

    cues: tuple[Cue, ...]
    implied_categories: dict[str, ImpliedCategories]
    words: dict[str, tuple[str, ...]]
    unnamed_actors: dict[AcledCategory, tuple[str, ...]]
    targets: dict[Literal["civilians", "armed"], tuple[str, ...]]
    territory_nouns: frozenset[str]
    abstract_objects: frozenset[str]
    non_event_modifiers: frozenset[str]
    hypothetical_governors: frozenset[str]
    modal_verbs: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    realis_governors: frozenset[str]
    negations: frozenset[str]
    separators: frozenset[str]
    speech_verbs: frozenset[str]
    event_heads: frozenset[str]
    clause_separators: frozenset[str]
    conditional_marks: frozenset[str]
    aggregate_heads: frozenset[str]
    habitual_modifiers: frozenset[str]
    aggregate_subjects: frozenset[str]
    trend_verbs: frozenset[str]
    allegiance_words: frozenset[str]
    member_nouns: frozenset[str]
    separate_modifiers: frozenset[str]
    separate_openers: tuple[str, ...]
    associate_markers: tuple[str, ...]
    light_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    target_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    target_prepositions: frozenset[str]
    subset_markers: tuple[str, ...]
    tolls: Tolls
    single_kill_words: frozenset[str]
    fatal_modifiers: frozenset[str]
    death_verbs: frozenset[str]
    companion_prepositions: frozenset[str]
    vague_date_words: frozenset[str]
    pronouns: Pronouns
    merge_window: int = Field(ge=0)
    anaphoric_window: int = Field(ge=0)
    link_arcs: int = Field(ge=1)

    @model_validator(mode="after")
    def _check(self) -> EventCues:
        ids = [cue.id for cue in self.cues]
        if len(ids) != len(set(ids)):
            raise ValueError("cue ids must be unique")
        for cue in self.cues:
            if not (cue.words or cue.phrases or cue.verb_objects):
                raise ValueError(f"cue {cue.id} has no words, phrases or verb_objects")
            if "use" in cue.needs and not cue.use_verbs:
                raise ValueError(f"cue {cue.id} needs use but lists no use_verbs")
            for override in cue.overrides:
                if override.words is not None and override.words not in self.words:
                    raise ValueError(f"cue {cue.id}: no word list named {override.words!r}")
        return self

    @cached_property
    def by_word(self) -> dict[str, tuple[Cue, ...]]:
        """A single cue word -> the cues it belongs to."""
        found: dict[str, list[Cue]] = {}
        for cue in self.cues:
            for word in cue.words:
                found.setdefault(word.lower(), []).append(cue)
        return {word: tuple(cues) for word, cues in found.items()}

    @cached_property
    def by_phrase_start(self) -> dict[str, tuple[tuple[tuple[str, ...], Cue], ...]]:
        """A phrase's first word -> (the phrase's words, its cue), longest phrase first."""
        found: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
        for cue in self.cues:
            for phrase in cue.phrases:
                words = phrase_words(phrase)
                found.setdefault(words[0], []).append((words, cue))
        return {
            first: tuple(sorted(items, key=lambda item: -len(item[0])))
            for first, items in found.items()
        }

    @cached_property
    def by_verb(self) -> dict[str, tuple[tuple[str | None, VerbObject, Cue], ...]]:
        """A verb lemma -> (its particle or None, the verb-object rule, its cue)."""
        found: dict[str, list[tuple[str | None, VerbObject, Cue]]] = {}
        for cue in self.cues:
            for rule in cue.verb_objects:
                for verb in rule.verbs:
                    lemma, _, particle = verb.partition(" ")
                    found.setdefault(lemma, []).append((particle or None, rule, cue))
        return {verb: tuple(items) for verb, items in found.items()}

    @cached_property
    def unnamed_category(self) -> dict[str, str]:
        """A noun that names a side without naming an actor -> its ACLED category."""
        return {word: category for category, words in self.unnamed_actors.items() for word in words}

    @cached_property
    def associate_starts(self) -> frozenset[str]:
        """The first words of the associate markers: a sentence without one has none."""
        return frozenset(marker.split()[0] for marker in self.associate_markers)

    def word_list(self, name: str) -> tuple[str, ...]:
        """One of the named word lists (air, crowd, …)."""
        return self.words[name]


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase as the words it is matched on: lower case, a hyphen a word of its own."""
    return tuple(phrase.lower().replace("-", " - ").split())


@lru_cache(maxsize=1)
def load_event_cues() -> EventCues:
    """vocab/event_cues.yaml, validated against ACLED's event types (once per process)."""
    cues = read_vocab("event_cues.yaml", EventCues)
    check_taxonomy(cues, load_event_types())
    return cues


def check_taxonomy(cues: EventCues, types: dict[str, tuple[str, ...]]) -> None:
    """Every type/sub_type a cue can give, and every type with implied categories, is ACLED's
    (as vocab/event_types.yaml spells it); ValueError naming the cue otherwise."""
    known = {(kind, sub) for kind, subs in types.items() for sub in subs}
    unknown_types = set(cues.implied_categories) - set(types)
    if unknown_types:
        raise ValueError(f"vocab/event_cues.yaml: implied_categories for {sorted(unknown_types)}")
    for cue in cues.cues:
        for code in cue.codes:
            if code not in known:
                raise ValueError(
                    f"vocab/event_cues.yaml: cue {cue.id} codes {'/'.join(code)!r}, "
                    "which is not in vocab/event_types.yaml"
                )
