"""What every sentence of one report is read against, made once per report by
`extract_events`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warnline.extract.event_actors import ActorReader
from warnline.extract.event_cues import EventCues
from warnline.extract.event_parse import DocIndex
from warnline.records import Claim, DateMention, Quantity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class ReportContext:
    """What every sentence of one report is read against."""

    doc: Doc
    index: DocIndex
    cues: EventCues
    reader: ActorReader
    dates: tuple[DateMention, ...]
    quantities: tuple[Quantity, ...]
    claims: tuple[Claim, ...]
    near_cues: tuple[str, ...]
    published: dt.date | None
    # Where the report was filed ("KABUL, AFGHANISTAN –"), which is not where events happen.
    dateline: Span | None
