"""What runs on the Dask workers: the model-loading plugin and the batch task.

They live in an importable module, never in `__main__`: a model cached in `__main__` is
pickled and re-shipped with every task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from distributed import WorkerPlugin, get_worker

from warnline.batch.parsed import extract_parsed, text_to_parse
from warnline.errors import Errors, WarnlineError
from warnline.extract.analysis import extract_analysis
from warnline.extract.pipeline import load_nlp
from warnline.records import Analysis, Failure, Report

if TYPE_CHECKING:
    from distributed import Worker
    from spacy.language import Language
    from spacy.tokens import Doc

PLUGIN_NAME = "warnline-model"
# Texts per `nlp.pipe` minibatch on a worker.
PIPE_BATCH_SIZE = 16


@dataclass(frozen=True)
class Analysed:
    """One report's analysis as a worker returns it, with the notices extraction raised."""

    analysis: Analysis
    notices: tuple[Failure, ...]


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy model once when a worker starts (and again on a restarted worker)."""

    name = PLUGIN_NAME

    def __init__(self, model: str) -> None:
        self.model = model
        self.nlp: Language | None = None

    def setup(self, worker: Worker) -> None:  # noqa: ARG002 (the hook's signature)
        self.nlp = load_nlp(self.model)


def analyse_batch(reports: list[Report], model: str) -> list[Analysed | Failure]:
    """Analyse a batch of reports on a worker; one result per report, in order.

    A report the extractors fail on becomes a coded failure; the rest of the batch goes on.
    """
    nlp = _worker_nlp(model)
    try:
        docs: list[Doc | None] = list(
            nlp.pipe([text_to_parse(r) for r in reports], batch_size=PIPE_BATCH_SIZE)
        )
    except Exception:
        # One text the model chokes on must not sink the batch: each report is then parsed
        # alone, and only the one that fails again is recorded as a failure.
        docs = [None] * len(reports)
    return [_analyse_one(report, doc, nlp) for report, doc in zip(reports, docs, strict=True)]


def _analyse_one(report: Report, doc: Doc | None, nlp: Language) -> Analysed | Failure:
    try:
        if doc is None:
            analysis, notices = extract_analysis(report, nlp)
        else:
            analysis, notices = extract_parsed(report, doc, nlp)
    except WarnlineError as err:
        return err.to_failure()
    except Exception as err:
        detail = f"{type(err).__name__}: {err}".splitlines()[0]
        return WarnlineError(Errors.E199, report.origin, detail=detail).to_failure()
    return Analysed(analysis, notices)


def _worker_nlp(model: str) -> Language:
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if isinstance(plugin, ModelPlugin) and plugin.nlp is not None and plugin.model == model:
        return plugin.nlp
    # A worker that joined without the plugin (or another model): load_nlp caches per process.
    return load_nlp(model)
