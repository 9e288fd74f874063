"""A Doc's text, made once: spaCy's `Doc.text` joins every token on each call, which the
layers' many span lookups turned into most of the analysis time."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "warnline.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept in the doc's user data after the first call."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_KEY] = text
    return text
