"""A report's text cut into highlighted segments, for the report page.

Each layer's spans (actors, places, dates, quantities; a claim's speaker, cue and content) are
marks; the text is cut at every mark's edge, and each piece carries the classes of every mark
that covers it, so nested and overlapping marks split cleanly. The template renders each
piece escaped: no HTML is ever built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from warnline.records import Analysis, Claim

# How far before or after a claim's content its cue and speaker are looked for (characters):
# about a clause, so a cue in the next sentence is not taken.
CUE_WINDOW = 160


@dataclass(frozen=True)
class Mark:
    """One highlighted span: [start, end) in the text, with its CSS class."""

    start: int
    end: int
    css: str


@dataclass(frozen=True)
class Segment:
    """A run of text and the classes of every mark covering it (empty: plain text)."""

    text: str
    classes: tuple[str, ...]


def segment_text(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """The text cut at every mark's edges; each piece with the classes covering it, in the
    order the marks were given. Empty or out-of-range marks are clipped or dropped."""
    kept = [
        Mark(max(0, m.start), min(len(text), m.end), m.css)
        for m in marks
        if min(len(text), m.end) > max(0, m.start)
    ]
    cuts = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    segments: list[Segment] = []
    for start, end in pairwise(cuts):
        classes = tuple(dict.fromkeys(m.css for m in kept if m.start <= start and end <= m.end))
        if segments and segments[-1].classes == classes:
            segments[-1] = Segment(segments[-1].text + text[start:end], classes)
        else:
            segments.append(Segment(text[start:end], classes))
    return segments


def layer_marks(analysis: Analysis) -> list[Mark]:
    """Actors, places, dates and quantities, each in its own class."""
    marks = [Mark(s, e, "hl-actor") for entity in analysis.entities for s, e in entity.mentions]
    marks += [Mark(s, e, "hl-place") for place in analysis.places for s, e in place.mentions]
    marks += [Mark(d.span[0], d.span[1], "hl-date") for d in analysis.dates]
    marks += [Mark(q.span[0], q.span[1], "hl-quantity") for q in analysis.quantities]
    return marks


def claim_marks(analysis: Analysis, text: str) -> list[Mark]:
    """Each claim's content, the cue nearest to it and its speaker's mention nearest the cue."""
    mentions = {entity.id: entity.mentions for entity in analysis.entities}
    marks: list[Mark] = []
    for claim in analysis.claims:
        marks.append(Mark(claim.span[0], claim.span[1], "hl-claim-content"))
        cue = find_cue(claim, text)
        if cue is None:
            continue
        marks.append(Mark(cue[0], cue[1], "hl-claim-cue"))
        speaker = nearest_mention(mentions.get(claim.speaker or "", ()), cue, claim.span)
        if speaker is not None:
            marks.append(Mark(speaker[0], speaker[1], "hl-claim-speaker"))
    return marks


def find_cue(claim: Claim, text: str) -> tuple[int, int] | None:
    """The claim's cue word nearest its content, outside it (the record keeps only the word)."""
    if not claim.cue:
        return None
    start, end = claim.span
    before = text.rfind(claim.cue, max(0, start - CUE_WINDOW), start)
    after = text.find(claim.cue, end, end + CUE_WINDOW)
    found = [i for i in (before, after) if i >= 0]
    if not found:
        return None
    best = min(found, key=lambda i: start - i if i < start else i - end)
    return best, best + len(claim.cue)


def nearest_mention(
    spans: Sequence[tuple[int, int]], cue: tuple[int, int], content: tuple[int, int]
) -> tuple[int, int] | None:
    """The speaker's mention closest to the cue and outside the content, within the window."""
    outside = [s for s in spans if s[1] <= content[0] or s[0] >= content[1]]
    near = [s for s in outside if abs(s[0] - cue[0]) <= CUE_WINDOW]
    if not near:
        return None
    return min(near, key=lambda s: abs(s[0] - cue[0]))


def highlighted_text(analysis: Analysis, text: str) -> list[Segment]:
    """The report's text as segments, every layer and every claim's parts marked."""
    return segment_text(text, [*claim_marks(analysis, text), *layer_marks(analysis)])
