"""Extraction over reports parsed together by `nlp.pipe`, giving exactly what
`extract_analysis` gives for each report alone.

`nlp.pipe` over a batch is cheaper than `nlp(text)` report by report (the model's matrices are
multiplied a batch at a time); `warnline analyze`, `warnline ingest` and the Dask workers all
parse this way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary, WeakSet

from warnline.errors import Errors, WarnlineError
from warnline.extract.analysis import extract_analysis
from warnline.extract.dateline import find_dateline, without_dateline
from warnline.records import Analysis, Failure, Report

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Texts per `nlp.pipe` minibatch.
PIPE_BATCH_SIZE = 16

Analysed = tuple[Analysis, tuple[Failure, ...]]


def text_to_parse(report: Report) -> str:
    """The text `extract_analysis` hands the model for this report (its dateline taken out)."""
    return without_dateline(report.text, find_dateline(report.text))


def analyse_reports(reports: list[Report], nlp: Language) -> list[Analysed | Failure]:
    """Each report's analysis and notices (as `extract_analysis` gives them), or its coded
    failure; one result per report, in order. The texts are parsed with `nlp.pipe`.

    A report the extractors fail on becomes a coded failure and the rest go on; if the model
    itself fails on the batch, each report is parsed alone, so only the one at fault fails.
    """
    if nlp not in _WARM:
        # The first batch runs outside a memory zone, so whatever the pipeline caches on
        # first use (the tokenizer's cache, say) is kept.
        _WARM.add(nlp)
        return _analyse_all(reports, nlp)
    # Strings and lexemes the batch adds to the model's vocabulary are freed when it ends:
    # without this a worker's memory grows with every new word it reads. The analyses are
    # plain records, so nothing of spaCy's outlives the zone.
    with nlp.memory_zone():
        return _analyse_all(reports, nlp)


def _analyse_all(reports: list[Report], nlp: Language) -> list[Analysed | Failure]:
    try:
        docs: list[Doc | None] = list(
            nlp.pipe([text_to_parse(r) for r in reports], batch_size=PIPE_BATCH_SIZE)
        )
    except Exception:
        docs = [None] * len(reports)
    return [_analyse_one(report, doc, nlp) for report, doc in zip(reports, docs, strict=True)]


def _analyse_one(report: Report, doc: Doc | None, nlp: Language) -> Analysed | Failure:
    try:
        if doc is None:
            return extract_analysis(report, nlp)
        return extract_parsed(report, doc, nlp)
    except WarnlineError as err:
        return err.to_failure()
    except Exception as err:
        detail = f"{type(err).__name__}: {err}".splitlines()[0]
        return WarnlineError(Errors.E199, report.origin, detail=detail).to_failure()


def extract_parsed(report: Report, doc: Doc, nlp: Language) -> Analysed:
    """The analysis of one report whose text (`text_to_parse`) the model has parsed into `doc`."""
    # extract_analysis itself runs, so the layers and their order stay the project's one
    # definition; it only receives the doc instead of parsing the text a second time.
    return extract_analysis(report, cast("Language", _Parsed(nlp, doc)))


class _Parsed:
    """Stands in for the model: hands back the parsed doc for its own text, parses any other."""

    def __init__(self, nlp: Language, doc: Doc) -> None:
        self._nlp = nlp
        self._doc = doc
        self.meta = _meta(nlp)

    def __call__(self, text: str) -> Doc:
        if text == self._doc.text:
            return self._doc
        return self._nlp(text)


_WARM: WeakSet[Language] = WeakSet()
_METAS: WeakKeyDictionary[Language, dict[str, Any]] = WeakKeyDictionary()


def _meta(nlp: Language) -> dict[str, Any]:
    """What provenance reads of the model's meta, read once per model (spaCy builds `meta`
    afresh on every access)."""
    if nlp not in _METAS:
        meta = nlp.meta
        _METAS[nlp] = {key: meta.get(key) for key in ("lang", "name", "version")}
    return _METAS[nlp]
