"""The spaCy pipeline: loaded once per process, from the installed model package."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from warnline.catalogue.actors import load_catalogue

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load an installed spaCy model package by name (nothing is downloaded)."""
    # Imported here so that commands which never run the model do not pay for importing spaCy.
    import spacy

    nlp = spacy.load(model)
    # The catalogue's names go in before the statistical tagger: it then keeps them and tags
    # around them, so "ISIS-K" or "Taleban" are found even where the model would miss them.
    for attr, patterns in load_catalogue().phrase_patterns().items():
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=f"catalogue_{attr.lower()}",
            before="ner",
            config={"phrase_matcher_attr": attr, "validate": True},
        )
        # Only the tokenizer is needed to turn phrase patterns into token sequences.
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def model_label(nlp: Language) -> str:
    """`name version` of a loaded model, for provenance (read once per model object: spaCy
    builds `nlp.meta` afresh on each access, every component's labels included)."""
    try:
        return _LABELS[nlp]
    except KeyError:
        pass
    except TypeError:  # a stand-in for the model that cannot be weakly referenced
        return _label(nlp)
    label = _LABELS[nlp] = _label(nlp)
    return label


_LABELS: WeakKeyDictionary[Language, str] = WeakKeyDictionary()


def _label(nlp: Language) -> str:
    meta: dict[str, Any] = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')} {meta.get('version', '?')}"
