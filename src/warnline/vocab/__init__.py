"""Taxonomies as data: YAML files beside this module, loaded and validated by `load_vocab`."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ConfigDict, model_validator

from warnline.records import EntityKind

ModelT = TypeVar("ModelT", bound=BaseModel)

ACLED_EVENT_TYPES = 6
ACLED_SUB_EVENT_TYPES = 25


class Vocab(BaseModel):
    """Every vocabulary the extractors use."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kinds: dict[str, str]
    kind_by_spacy_label: dict[str, str]
    place_labels: dict[str, str]
    acts: dict[str, str]
    quote_kinds: dict[str, str]

    @model_validator(mode="after")
    def _check(self) -> Vocab:
        contract_kinds = set(get_args(EntityKind))
        if set(self.kinds) != contract_kinds:
            raise ValueError(
                f"entity kinds {sorted(self.kinds)} differ from {sorted(contract_kinds)}"
            )
        unknown = set(self.kind_by_spacy_label.values()) - contract_kinds
        if unknown:
            raise ValueError(f"spaCy labels map to unknown kinds: {sorted(unknown)}")
        if set(self.kind_by_spacy_label) & set(self.place_labels):
            raise ValueError("a spaCy label cannot be both an actor and a place")
        return self


def read_vocab_mapping(name: str) -> dict[str, Any]:
    """The raw mapping of one vocabulary file beside this module, before validation."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"vocab/{name} is not a mapping")
    return data


def read_vocab(name: str, model: type[ModelT]) -> ModelT:
    """One vocabulary file beside this module (e.g. "claims.yaml"), validated by `model`."""
    return model.model_validate(read_vocab_mapping(name))


@lru_cache(maxsize=1)
def load_vocab() -> Vocab:
    """Read and validate the vocabularies (once per process)."""
    kinds = read_vocab_mapping("entity_kinds.yaml")
    speech = read_vocab_mapping("speech_acts.yaml")
    return Vocab(
        kinds=kinds["kinds"],
        kind_by_spacy_label=kinds["spacy_labels"],
        place_labels=read_vocab_mapping("place_labels.yaml")["labels"],
        acts=speech["acts"],
        quote_kinds=speech["quote_kinds"],
    )


@lru_cache(maxsize=1)
def load_event_types() -> dict[str, tuple[str, ...]]:
    """ACLED's event types -> their sub-event types (event_types.yaml), checked: 6 and 25."""
    data = read_vocab_mapping("event_types.yaml")
    types = {str(kind): tuple(str(sub) for sub in subs) for kind, subs in data.items()}
    subtypes = [sub for subs in types.values() for sub in subs]
    if len(types) != ACLED_EVENT_TYPES or len(subtypes) != ACLED_SUB_EVENT_TYPES:
        raise ValueError(
            f"vocab/event_types.yaml has {len(types)} types and {len(subtypes)} sub-types; "
            f"ACLED has {ACLED_EVENT_TYPES} and {ACLED_SUB_EVENT_TYPES}"
        )
    return types
