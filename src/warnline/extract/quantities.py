"""Quantities: numbers with what they count and how sure the text is of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warnline.records import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_quantities(doc: Doc) -> tuple[Quantity, ...]:
    """Every counted quantity in the document, in order (not built yet: none)."""
    del doc
    return ()
