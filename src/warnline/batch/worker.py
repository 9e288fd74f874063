"""What runs on the Dask workers: the model-loading plugin and the batch task.

They live in an importable module, never in `__main__`: a model cached in `__main__` is
pickled and re-shipped with every task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from distributed import WorkerPlugin, get_worker

from warnline.extract.piped import analyse_reports
from warnline.extract.pipeline import load_nlp
from warnline.records import Analysis, Failure, Report

if TYPE_CHECKING:
    from distributed import Worker
    from spacy.language import Language

PLUGIN_NAME = "warnline-model"


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
    """Analyse a batch of reports on a worker (`nlp.pipe`); one result per report, in order.

    A report the extractors fail on becomes a coded failure; the rest of the batch goes on.
    """
    results = analyse_reports(reports, _worker_nlp(model))
    return [r if isinstance(r, Failure) else Analysed(*r) for r in results]


def _worker_nlp(model: str) -> Language:
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if isinstance(plugin, ModelPlugin) and plugin.nlp is not None and plugin.model == model:
        return plugin.nlp
    # A worker that joined without the plugin (or another model): load_nlp caches per process.
    return load_nlp(model)
