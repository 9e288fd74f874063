"""Place mentions from spaCy's GPE, LOC and FAC entities, one record per distinct name.

Geocoding (country, admin1, coordinates, GeoNames id, precision) is issue 3's gazetteer: until
then those fields stay empty rather than guessed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from warnline.extract.spans import Span, clean_mention, name_key, preferred_form
from warnline.records import Place
from warnline.vocab import load_vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class _Group:
    forms: Counter[str] = field(default_factory=Counter)
    mentions: list[Span] = field(default_factory=list)


def extract_places(doc: Doc, extra: tuple[tuple[str, Span], ...] = ()) -> tuple[Place, ...]:
    """One place per distinct name with all its spans; `extra` adds mentions found otherwise."""
    labels = load_vocab().place_labels
    groups: dict[str, _Group] = defaultdict(_Group)
    found: list[tuple[str, Span]] = list(extra)
    taken = [span for _, span in extra]
    for ent in doc.ents:
        if any(ent.start_char < end and start < ent.end_char for start, end in taken):
            continue
        if ent.label_ in labels:
            cleaned = clean_mention(ent.text, ent.start_char)
            if cleaned is not None:
                found.append(cleaned)
    for text, span in found:
        group = groups[name_key(text)]
        group.forms[text] += 1
        group.mentions.append(span)
    ordered = sorted(groups.values(), key=lambda g: min(g.mentions)[0])
    return tuple(
        Place(id=f"P{n}", name=preferred_form(g.forms), mentions=tuple(sorted(set(g.mentions))))
        for n, g in enumerate(ordered, start=1)
    )
