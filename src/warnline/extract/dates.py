"""Date mentions, resolved to first and last day against the publication date.

Candidates come from three places: our grammar searched over the whole text (`date_grammar`),
expressions anchored on catalogued events or on written dates (`date_anchors`), and spaCy's DATE
entities. Overlapping candidates become one mention, the longest reading winning; a spaCy entity
that reaches past a reading is kept whole only when the whole still reads as a date, and two
mentions next to each other ("between March 21, 2023 and" + "March 18, 2024") are joined when
together they read as one. Spans are exact: `text == doc_text(doc)[span[0]:span[1]]`, without
leading prepositions ("in", "since") or qualifiers ("just", "about"); a leading "the" stays
when it belongs to the expression ("the 1990s", "the past year").

What is not a date is dropped: ages ("63-year-old"), frequencies ("annual", "daily"), bare
durations ("three years", "more than a decade") unless anchored ("three years after …",
"three years ago"), and unresolved entities that name no time ("the deadliest day", "the day
before"). An entity that names a time but cannot be resolved ("Ramadan", "the holy month of
Ramadan") is kept with start, end, precision and basis empty: no answer rather than a guess.

Conventions (published = the publication date; precision names the granularity of the bounds):
- Absolute: "12 May 2024", "May 12, 2024", "2024-05-12" (day); "May 2024" (month); "2024"
  (year); "Q3 2024" (quarter); "summer 2023" (season: meteorological months, winter YYYY =
  December YYYY to February YYYY+1); "the 1990s" (decade); "the early/mid/late 2000s" = years
  0-3 / 4-6 / 7-9 (year); "the '90s" (1930-2029 for two digits).
- Missing year ("12 May", "in October", "Sunday, 12 May"): the latest occurrence on or before
  published, except a day up to 14 days after it, which stays in the coming days; a weekday
  given with it picks the closest earlier year where it fits. Basis relative.
- Weekdays: "Tuesday" / "on Tuesday" / "this past Tuesday" = the latest on or before
  published; "last Tuesday" strictly before; "this Tuesday" the one in published's ISO week;
  "next Tuesday" strictly after. Precision day, basis relative.
- Relative (basis relative): today/tonight (published), yesterday/last night (-1 day),
  tomorrow; this/last/next week = ISO weeks (Monday-Sunday); this/last/next month, year and
  decade = calendar units; "the past/last week|month|year" = published minus one unit to
  published; "the past N units" likewise, "the next N units" forward; "N units ago" = the
  calendar unit N units back (a decade ago = that year); "earlier this year" = 1 January to
  published, "later this year" = published to 31 December; "last March" = the latest March
  before the current month; "the weekend" = the latest Saturday-Sunday starting on or before
  published (precision range); "last summer" = the latest such season that has ended.
- Vague windows: recent days = 7 days before published (precision week), recent weeks = 4 weeks
  (week), recent months = 3 months (month), recent years = 3 years (year), each ending on
  published; "the coming days/weeks/months/years" are the same windows starting on published.
  Vague counts: "a few" = 2-4, "several" = 3-7, "a couple of" = 2, "some" = 2-7; a window in
  the past ("the past few months") reaches back the larger number.
- Parts of a year or month ("early 2024", "mid-March", "the end of this year", "the start of
  1403"): see `date_parts`.
- Ranges ("between March 21, 2023 and March 18, 2024", "from January to March 2024",
  "2019–2021", "March 2–4, 2024"): one mention, basis range, precision of its ends (or range
  when they differ); see `date_ranges`.
- Solar Hijri ("the solar year 1402", "1 Hamal 1403", "1402 SH", a bare 1300-1450 only in a
  calendar context): converted with jdatetime; see `date_solar`.
- Anchored ("two days before the September 11 attacks", "since the fall of Kabul"): basis
  anchored; see `date_anchors` and catalogue/anchors.yaml. Dates pointing back at an earlier
  mention ("that year", "the following day", "the day before") are anchored on it; see
  `date_anaphora`.
- Without a publication date, absolute and anchored dates still resolve; whatever needs
  published (relative dates, a missing year, "since E" ends) keeps start/end None ("since E"
  keeps its start), basis "relative" (or "range"/"anchored" for those), precision still given.
- dateparser reads what the grammar does not and dateparser reads well: numeric dates
  ("12/05/2024", month first as in English usage; "2024/05/12") and "N days from now",
  against published. Its misreadings ("the 1990s" as seconds ago, ranges split in two) never
  reach it: those are the grammar's.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from warnline.extract.date_anaphora import with_anaphora
from warnline.extract.date_anchors import find_anchored
from warnline.extract.date_grammar import Found, find_expressions, longest_first, resolve_span
from warnline.extract.date_lexicon import COUNT, MONTH, UNIT, WEEKDAY
from warnline.extract.date_rule import Context, Precision, Resolution
from warnline.extract.date_solar import about_solar_country
from warnline.extract.doc_text import doc_text
from warnline.records import DateMention

if TYPE_CHECKING:
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]
    from spacy.tokens import Doc

_LEADING = re.compile(
    r"(?:(?:just|only|about|around|approximately|roughly|nearly|almost|circa|c\.|as\s+of|"
    r"as\s+(?:early|late)\s+as|since|until|till|by|in|on|at|during|over|through|"
    r"(?:more|less)\s+than|at\s+(?:least|most)|up\s+to|shortly\s+(?:before|after))\s+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"(?:\s+(?:alone|so\s+far|to\s+date|or\s+so)|['’]s)+\Z", re.IGNORECASE)
_EDGE = " \t\n,.;:\"'“”‘’()[]"
_AGE = re.compile(r"\b\d+[-\s]years?[-\s]old\b|\baged?\s+\d+|\b\d+\s+years?\s+of\s+age\b", re.I)
_FREQUENCY = re.compile(
    r"(?:annual|annually|daily|weekly|monthly|yearly|quarterly|biannual|biennial|nightly|"
    r"hourly|every\s+\w+)",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"(?:(?:(?:more|less|fewer)\s+than|over|under|about|around|nearly|almost|roughly|some|"
    r"at\s+least|up\s+to|just|only|another|the|many|numerous|(?:dozens|hundreds)\s+of|half|"
    rf"{COUNT}|[\d.,]+)[-\s]+)*(?:and\s+a\s+half\s+)?(?:{UNIT}|hours?|minutes?|nights?|"
    r"centur(?:y|ies))(?:\s+(?:and\s+a\s+half|long|old|running|straight|in\s+a\s+row))?",
    re.IGNORECASE,
)
# An entity the grammar cannot resolve is kept only when it names a time: a month, a weekday,
# a year, a numeric date or a festival ("Ramadan"); "the deadliest day" is dropped.
_NAMES_TIME = re.compile(
    rf"{MONTH}|{WEEKDAY}|\b(?:Ramadan|Eid(?:\s+al-\w+)?|Nowruz|Nawruz|Ashura|Muharram|Hajj|"
    r"Christmas|Easter|Passover|Diwali)\b|\b\d{4}\b|\d+[/.]\d+",
    re.IGNORECASE,
)
_FOR_DATEPARSER = re.compile(
    r"\d{1,4}[/.]\d{1,2}(?:[/.]\d{1,4})?|\bfrom\s+now\b|\bof\s+(?:last|this)\s+month\b",
    re.IGNORECASE,
)
_NARRATIVE = re.compile(r"\b(?:later|earlier|after|before|following|previous)\b", re.IGNORECASE)
_JOINERS = re.compile(r"\s*(?:,|of|and|to|until|through|[-–—])?\s*")
_PERIODS: dict[str, Precision] = {"day": "day", "week": "week", "month": "month", "year": "year"}


def extract_dates(doc: Doc, published: dt.date | None = None) -> tuple[DateMention, ...]:
    """Every date mention in the document, in text order, resolved against `published`."""
    text = doc_text(doc)
    ctx = Context(published=published, solar_country=about_solar_country(text))
    chosen = longest_first([*find_anchored(text, ctx), *find_expressions(text, ctx)])
    for ent in doc.ents:
        if ent.label_ == "DATE":
            chosen = _with_entity(chosen, text, ent.start_char, ent.end_char, ctx)
    chosen = with_anaphora(_joined(chosen, text, ctx), text)
    return tuple(_mention(text, found) for found in chosen)


def resolve_date_text(text: str, published: dt.date | None = None) -> Resolution | None:
    """How one date expression (all of `text`) resolves, or None when it does not."""
    ctx = Context(published=published, solar_country=about_solar_country(text))
    return resolve_span(text, 0, len(text), ctx)


def trim_entity(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity's span without leading prepositions and qualifiers, a trailing "alone" or
    possessive, or edge punctuation."""
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        leading = _LEADING.match(text, start, end)
        if leading:
            start = leading.end()
        trailing = _TRAILING.search(text, start, end)
        if trailing:
            end = trailing.start()
        if (start, end) == before:
            return start, end


def is_not_a_date(text: str) -> bool:
    """Ages, frequencies, bare durations, bare numbers (a year would have resolved), and words
    that name no time (a month, weekday, year, numeric date or festival)."""
    return bool(
        _AGE.search(text)
        or _FREQUENCY.fullmatch(text)
        or _DURATION.fullmatch(text)
        or re.fullmatch(r"[\d.,]+", text) is not None
        or not _NAMES_TIME.search(text)
    )


def _with_entity(chosen: list[Found], text: str, start: int, end: int, ctx: Context) -> list[Found]:
    start, end = trim_entity(text, start, end)
    if start >= end:
        return chosen
    overlapping = [found for found in chosen if found.overlaps(start, end)]
    if overlapping:
        union = (
            min(start, *(f.start for f in overlapping)),
            max(end, *(f.end for f in overlapping)),
        )
        if all((f.start, f.end) == union for f in overlapping):
            return chosen
        resolution = resolve_span(text, *union, ctx)
        if resolution is None:
            return chosen
        kept = [found for found in chosen if found not in overlapping]
        return sorted([*kept, Found(*union, resolution)], key=lambda found: found.start)
    resolution = resolve_span(text, start, end, ctx)
    entity = text[start:end]
    if resolution is None and is_not_a_date(entity):
        return chosen
    if resolution is None:
        resolution = _read_with_dateparser(entity, ctx.published)
    return sorted([*chosen, Found(start, end, resolution)], key=lambda found: found.start)


def _joined(chosen: list[Found], text: str, ctx: Context) -> list[Found]:
    """Neighbouring mentions that read as one expression together become one."""
    joined: list[Found] = []
    for found in chosen:
        if joined and _JOINERS.fullmatch(text, joined[-1].end, found.start):
            resolution = resolve_span(text, joined[-1].start, found.end, ctx)
            if resolution is not None:
                joined[-1] = Found(joined[-1].start, found.end, resolution)
                continue
        joined.append(found)
    return joined


def _read_with_dateparser(text: str, published: dt.date | None) -> Resolution | None:
    if not _FOR_DATEPARSER.search(text) or _NARRATIVE.search(text):
        return None
    has_year = re.search(r"\d{4}|[/.]\d{2}\Z", text) is not None
    if published is None and not has_year:
        return Resolution.pending("day")
    data = _dateparser(published or dt.date(2000, 1, 1)).get_date_data(text)
    day = data.date_obj.date() if data.date_obj else None
    precision = _PERIODS.get(data.period or "")
    if day is None or precision is None:
        return None
    if precision == "day":
        return Resolution(day, day, "day", "absolute" if has_year else "relative")
    return None


@lru_cache(maxsize=4)
def _dateparser(base: dt.date) -> DateDataParser:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
    }
    return DateDataParser(languages=["en"], settings=settings)


def _mention(text: str, found: Found) -> DateMention:
    resolution = found.resolution or Resolution(None, None, None, None)
    return DateMention(
        text=text[found.start : found.end],
        span=(found.start, found.end),
        start=resolution.start,
        end=resolution.end,
        precision=resolution.precision,
        basis=resolution.basis,
    )
