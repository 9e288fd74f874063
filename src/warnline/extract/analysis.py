"""Run every extraction layer over one report and assemble the `warnline.report/1` object."""

from __future__ import annotations

from typing import TYPE_CHECKING

from warnline import __version__
from warnline.errors import Errors, notice
from warnline.extract.claims import extract_claims
from warnline.extract.dateline import FoundDateline, find_dateline, without_dateline
from warnline.extract.dates import extract_dates
from warnline.extract.entities import extract_actors
from warnline.extract.events import extract_events
from warnline.extract.language import LanguageGuess, detect_language
from warnline.extract.layer_times import start_laps
from warnline.extract.pipeline import model_label
from warnline.extract.places import extract_places
from warnline.extract.quantities import extract_quantities
from warnline.extract.state_bodies import Setting, home_country
from warnline.ingest.identity import report_id
from warnline.records import Analysis, Dateline, Document, Extractor, Failure, Place, Report

if TYPE_CHECKING:
    from spacy.language import Language

# Bumped whenever a layer's output changes for the same input, so stored values can be traced
# to the code that made them.
EXTRACTOR_VERSION = f"{__version__}+layers.8"

FLAG_NOT_ENGLISH = "not_english"
FLAG_LANGUAGE_UNCERTAIN = "language_uncertain"
FLAG_DECODE_ERRORS = "decode_errors"
# Relative dates ("yesterday", "last year") are then left unresolved: nothing is guessed.
FLAG_NO_PUBLISHED_DATE = "no_published_date"


def extract_analysis(report: Report, nlp: Language) -> tuple[Analysis, tuple[Failure, ...]]:
    """The analysis of one report, and the coded notices raised on the way."""
    laps = start_laps()
    language = detect_language(report.text)
    flags = _flags(report, language)
    notices: list[Failure] = []
    extractor = Extractor(version=EXTRACTOR_VERSION, model=model_label(nlp))
    if FLAG_NOT_ENGLISH in flags:
        notices.append(notice(Errors.W150, report.origin, language=language.code))
        document = _document(report, language, flags, dateline=None)
        laps.lap("language")
        return Analysis(document=document, extractor=extractor), tuple(notices)
    laps.lap("language")
    found = find_dateline(report.text)
    text = without_dateline(report.text, found)
    laps.lap("dateline")
    doc = nlp(text)
    laps.lap("model")
    places = extract_places(doc, found.places if found else ())
    dateline = _dateline(found, places)
    setting = Setting(home_country(places, dateline), report.published)
    laps.lap("places")
    entities, relations = extract_actors(
        doc, exclude=(found.span,) if found else (), setting=setting, places=places
    )
    laps.lap("actors")
    dates = extract_dates(doc, report.published)
    laps.lap("dates")
    quantities = extract_quantities(doc)
    laps.lap("quantities")
    claims = extract_claims(doc, entities, places, relations)
    laps.lap("claims")
    events = extract_events(
        doc, entities, places, dates, quantities, claims, report.published, found, relations
    )
    analysis = Analysis(
        document=_document(report, language, flags, dateline),
        extractor=extractor,
        entities=entities,
        relations=relations,
        places=places,
        dates=dates,
        quantities=quantities,
        claims=claims,
        events=events,
    )
    laps.lap("events")
    return analysis, tuple(notices)


def _flags(report: Report, language: LanguageGuess) -> tuple[str, ...]:
    flags: list[str] = []
    if language.code != "en":
        flags.append(FLAG_NOT_ENGLISH if language.confident else FLAG_LANGUAGE_UNCERTAIN)
    if any(w.code == Errors.W105.name for w in report.warnings):
        flags.append(FLAG_DECODE_ERRORS)
    if report.published is None:
        flags.append(FLAG_NO_PUBLISHED_DATE)
    return tuple(flags)


def _document(
    report: Report, language: LanguageGuess, flags: tuple[str, ...], dateline: Dateline | None
) -> Document:
    return Document(
        id=report_id(report.text),
        title=report.title,
        source=report.source,
        url=report.url,
        published=report.published,
        language=language.code if language.confident else None,
        dateline=dateline,
        chars=len(report.text),
        flags=flags,
    )


def _dateline(found: FoundDateline | None, places: tuple[Place, ...]) -> Dateline | None:
    if found is None:
        return None
    start, end = found.first_place_span
    place = next((p.id for p in places if any(s < end and start < e for s, e in p.mentions)), None)
    return Dateline(text=found.text, span=found.span, place=place)
