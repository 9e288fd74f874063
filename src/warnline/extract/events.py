"""Events: who did what to whom, where and when, coded to ACLED's taxonomy, with the tolls."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from warnline.records import Claim, DateMention, Entity, Event, Place, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_events(
    doc: Doc,
    entities: tuple[Entity, ...],
    places: tuple[Place, ...],
    dates: tuple[DateMention, ...],
    quantities: tuple[Quantity, ...],
    claims: tuple[Claim, ...],
    published: dt.date | None,
) -> tuple[Event, ...]:
    """Every event the report describes, one record per real event (being written)."""
    del doc, entities, places, dates, quantities, claims, published
    return ()
