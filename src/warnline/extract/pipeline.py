"""The spaCy pipeline: loaded once per process, from the installed model package."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

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
    """`name version` of a loaded model, for provenance."""
    meta: dict[str, Any] = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')} {meta.get('version', '?')}"
