"""Wall time per extraction layer, recorded only while someone asks for it.

    with record_layer_times() as times:
        for report in reports:
            extract_analysis(report, nlp)
    times.seconds["model"], times.calls

`times.seconds` maps each of the nine layers of `extract_analysis`, in the order they run, to
the seconds spent in it over every call made inside the `with` block:

- `language`: detecting the report's language (and its flags);
- `dateline`: finding the dateline and taking it out of the text;
- `model`: the spaCy pipeline (`nlp(text)`, the catalogue rulers included), or handing back
  the doc `nlp.pipe` made already (`warnline.extract.piped.extract_parsed`);
- `places`: place mentions, gazetteer and geocoding, the dateline's place, the home country;
- `actors`: entities, their aliases, roles and relations;
- `dates`: date expressions, resolved against the publication date;
- `quantities`: counts of people and things;
- `claims`: who said what;
- `events`: events, and assembling the analysis object.

Each layer's time runs from the end of the one before, so the nine add up to the time of the
calls. A report that is not English stops after `language`, and the other layers get nothing.
`calls` counts the `extract_analysis` calls recorded.

The recorder is kept in a context variable: a thread or a Dask worker records only what runs in
its own context, so calls on other threads never mix into it (record inside the worker's task
to time the worker). Outside `record_layer_times()` the layers are not timed at all: the only
cost is one context variable lookup per report.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from time import perf_counter
from typing import Final, Protocol

LAYERS: Final = (
    "language",
    "dateline",
    "model",
    "places",
    "actors",
    "dates",
    "quantities",
    "claims",
    "events",
)


@dataclass
class LayerTimes:
    """Seconds per layer (every name of `LAYERS`, 0.0 until it runs) and the calls recorded."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(LAYERS, 0.0))
    calls: int = 0


_RECORDING: ContextVar[LayerTimes | None] = ContextVar("warnline_layer_times", default=None)


@contextmanager
def record_layer_times() -> Iterator[LayerTimes]:
    """Record the layer times of every `extract_analysis` call made in this context."""
    times = LayerTimes()
    token = _RECORDING.set(times)
    try:
        yield times
    finally:
        _RECORDING.reset(token)


class Laps(Protocol):
    """What `extract_analysis` calls after each layer."""

    def lap(self, layer: str) -> None:
        """The layer `layer` has just finished."""


class _NoLaps:
    def lap(self, layer: str) -> None:
        pass


_NO_LAPS: Final = _NoLaps()


class _Laps:
    def __init__(self, times: LayerTimes) -> None:
        times.calls += 1
        self._seconds = times.seconds
        self._last = perf_counter()

    def lap(self, layer: str) -> None:
        now = perf_counter()
        self._seconds[layer] += now - self._last
        self._last = now


def start_laps() -> Laps:
    """The lap clock of one `extract_analysis` call: a no-op unless times are being recorded."""
    times = _RECORDING.get()
    return _NO_LAPS if times is None else _Laps(times)
