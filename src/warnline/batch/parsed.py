"""Extraction over a Doc parsed already (by `nlp.pipe` over a batch), giving exactly what
`extract_analysis` gives for the same report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from warnline.extract.analysis import extract_analysis
from warnline.extract.dateline import find_dateline, without_dateline
from warnline.records import Analysis, Failure, Report

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def text_to_parse(report: Report) -> str:
    """The text `extract_analysis` hands the model for this report (its dateline taken out)."""
    return without_dateline(report.text, find_dateline(report.text))


def extract_parsed(report: Report, doc: Doc, nlp: Language) -> tuple[Analysis, tuple[Failure, ...]]:
    """The analysis of one report whose text (`text_to_parse`) the model has parsed into `doc`."""
    # extract_analysis itself runs, so the layers and their order stay the project's one
    # definition; it only receives the doc instead of parsing the text a second time.
    return extract_analysis(report, cast("Language", _Parsed(nlp, doc)))


class _Parsed:
    """Stands in for the model: hands back the parsed doc for its own text, parses any other."""

    def __init__(self, nlp: Language, doc: Doc) -> None:
        self._nlp = nlp
        self._doc = doc
        self.meta: dict[str, Any] = nlp.meta

    def __call__(self, text: str) -> Doc:
        if text == self._doc.text:
            return self._doc
        return self._nlp(text)
