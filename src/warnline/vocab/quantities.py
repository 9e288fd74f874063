"""The quantities vocabulary (`quantities.yaml`): number words, vague-count codes, qualifier cues,
units and the words that tell a count from a date or a label, loaded and validated once."""

from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from warnline.vocab import read_vocab_mapping

VOCAB_FILE = "quantities.yaml"

Bound = Literal["low", "high", "none"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NumberWords(_Model):
    """Words that spell numbers, by the part they play in one."""

    units: dict[str, int]
    tens: dict[str, int]
    hundred: dict[str, int]
    scales: dict[str, int]
    groups: dict[str, int]
    one_articles: tuple[str, ...]
    half: str
    joiner: str
    money_suffixes: dict[str, int]

    @model_validator(mode="after")
    def _check(self) -> NumberWords:
        if sorted(self.units.values()) != list(range(20)):
            raise ValueError("number_words.units must spell 0 to 19, each once")
        if sorted(self.tens.values()) != list(range(20, 100, 10)):
            raise ValueError("number_words.tens must spell 20, 30, ... 90, each once")
        if list(self.hundred.values()) != [100]:
            raise ValueError("number_words.hundred must be the one word for 100")
        if any(v < 1000 or v % 1000 for v in self.scales.values()):
            raise ValueError("number_words.scales must be multiples of 1000")
        words = [*self.units, *self.tens, *self.hundred, *self.scales, *self.groups]
        if len(words) != len(set(words)):
            raise ValueError("a number word is listed twice")
        return self


class VagueCount(_Model):
    """How a vague count word is coded: `value` None when no number can be defended."""

    value: int | None
    acled: bool = Field(description="True when the code is ACLED's own convention.")


class QualifierGroup(_Model):
    """Cue words before a number, the qualifier they code and the bound the number becomes."""

    qualifier: str
    bound: Bound
    strict: bool = False
    cues: tuple[str, ...]


class RangeWords(_Model):
    openers: tuple[str, ...]
    joiners: tuple[str, ...]


class Currencies(_Model):
    before: dict[str, str]
    after: dict[str, str]


class AgeWords(_Model):
    counts: str
    unit: str
    cues_before: tuple[str, ...]


class Idiom(_Model):
    """A verb + noun that stands for an event: "claimed the lives of N" is N killed."""

    verbs: tuple[str, ...]
    noun: str
    event: str


class QuantityVocab(_Model):
    """Everything `warnline.extract.quantities` reads from data rather than code."""

    number_words: NumberWords
    vague: dict[str, VagueCount]
    vague_multipliers: tuple[str, ...]
    vague_needs_noun: tuple[str, ...]
    vague_skip_nouns: tuple[str, ...]
    qualifier_codes: dict[str, str]
    qualifiers: dict[str, QualifierGroup]
    suffix_qualifiers: dict[str, str]
    range: RangeWords
    currencies: Currencies
    percent: tuple[str, ...]
    measures: dict[str, str]
    age: AgeWords
    label_words: tuple[str, ...]
    time_units: tuple[str, ...]
    clock_words: tuple[str, ...]
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    phrases_not_counts: tuple[str, ...]
    skip_entity_labels: tuple[str, ...]
    year_range: tuple[int, int]
    event_verbs: dict[str, str]
    intransitive_verbs: dict[str, str]
    event_adjectives: tuple[str, ...]
    idioms: tuple[Idiom, ...]
    money_for_prepositions: tuple[str, ...]
    toll_nouns: tuple[str, ...]
    counts_drop_words: tuple[str, ...]

    @model_validator(mode="after")
    def _check(self) -> QuantityVocab:
        codes = set(self.qualifier_codes)
        if not {"exact", "vague", "range"} <= codes:
            raise ValueError("qualifier_codes must include exact, vague and range")
        for name, group in self.qualifiers.items():
            if group.qualifier not in codes:
                raise ValueError(f"qualifiers.{name} codes unknown qualifier {group.qualifier!r}")
            if group.strict and group.bound == "none":
                raise ValueError(f"qualifiers.{name} is strict but sets no bound")
        cues = [cue for group in self.qualifiers.values() for cue in group.cues]
        if len(cues) != len(set(cues)):
            raise ValueError("a qualifier cue is listed under two qualifiers")
        unknown = set(self.suffix_qualifiers.values()) - set(self.qualifiers)
        if unknown:
            raise ValueError(f"suffix_qualifiers name unknown groups: {sorted(unknown)}")
        for listed in (self.vague_multipliers, self.vague_needs_noun):
            if set(listed) - set(self.vague):
                raise ValueError(f"vague words {sorted(set(listed) - set(self.vague))} not coded")
        low, high = self.year_range
        if not 0 < low < high:
            raise ValueError("year_range must be [earliest, latest]")
        return self

    @cached_property
    def qualifier_cues(self) -> dict[tuple[str, ...], str]:
        """Each cue as a tuple of lower-case words, mapped to its qualifier group's name."""
        return {
            tuple(cue.split()): name
            for name, group in self.qualifiers.items()
            for cue in group.cues
        }

    @cached_property
    def number_starters(self) -> frozenset[str]:
        """Lower-case words a quantity's number can begin with (digits aside)."""
        table = self.number_words
        spelled = [table.units, table.tens, table.hundred, table.scales, table.groups]
        return frozenset(
            [word for words in spelled for word in words]
            + [*table.one_articles, table.half]
            + [word.split()[0] for word in self.vague]
        )


def read_vocab_data() -> dict[str, Any]:
    """The raw mapping in `quantities.yaml`, before validation."""
    return read_vocab_mapping(VOCAB_FILE)


@lru_cache(maxsize=1)
def load_quantity_vocab() -> QuantityVocab:
    """Read and validate `quantities.yaml` (once per process)."""
    return QuantityVocab.model_validate(read_vocab_data())
