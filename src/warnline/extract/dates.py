"""Date mentions from spaCy's DATE entities, with their text and span.

Resolving them to start/end dates (relative, anchored, ranges, Solar Hijri) is issue 3: until
then `start`, `end`, `precision` and `basis` stay empty rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from warnline.records import DateMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_dates(doc: Doc, published: dt.date | None = None) -> tuple[DateMention, ...]:
    """Every DATE span in the document, in order (resolution against `published` not built)."""
    del published
    return tuple(
        DateMention(text=ent.text, span=(ent.start_char, ent.end_char))
        for ent in doc.ents
        if ent.label_ == "DATE"
    )
