"""Every span in an analysis points at the text it names, with provenance on the analysis."""

from __future__ import annotations

import datetime as dt

import pytest

from warnline.extract import EXTRACTOR_VERSION
from warnline.extract.spans import clean_mention, name_key, preferred_form
from warnline.flow import analyze_report
from warnline.records import Analysis, Report

# Written for these tests; the names are real, the events are not.
TEXT = """Frontier Desk

Militants claim raid on border post

PESHAWAR, PAKISTAN – The Tehrik-i-Taliban Pakistan (TTP) said on Tuesday that its fighters \
attacked a police post in Khyber district overnight. Police spokesman Ahmed Khan said two \
officers were wounded. The TTP’s statement was posted online.

Khan said the post in Bara had been reinforced last month. Pakistan's interior ministry \
said the Taliban government in Kabul must stop the group from using Afghan soil.
"""


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    report = Report(text=TEXT, origin="test", published=dt.date(2024, 5, 7), source="Frontier Desk")
    return analyze_report(report)


def test_entity_spans_point_at_names(analysis: Analysis) -> None:
    assert analysis.entities
    for entity in analysis.entities:
        for start, end in entity.mentions:
            assert name_key(TEXT[start:end]) == name_key(entity.name) or TEXT[start:end] in (
                entity.aliases
            )


def test_place_spans_point_at_names(analysis: Analysis) -> None:
    names = {p.name for p in analysis.places}
    assert {"Peshawar", "Kabul"} <= names
    for place in analysis.places:
        for start, end in place.mentions:
            assert name_key(TEXT[start:end]) == name_key(place.name)


def test_date_spans_are_the_date_text(analysis: Analysis) -> None:
    tuesday = next(d for d in analysis.dates if d.text == "Tuesday")
    # Published on Tuesday 2024-05-07: "on Tuesday" is that day.
    assert (tuesday.start, tuesday.end) == (dt.date(2024, 5, 7), dt.date(2024, 5, 7))
    for date in analysis.dates:
        assert TEXT[date.span[0] : date.span[1]] == date.text


def test_possessive_and_article_are_trimmed(analysis: Analysis) -> None:
    ttp = next(e for e in analysis.entities if "TTP" in (e.name, *e.aliases))
    texts = [TEXT[s:e] for s, e in ttp.mentions]
    # "The Tehrik-i-Taliban Pakistan (TTP)" and "The TTP’s statement": no article, no 's.
    assert texts.count("TTP") == 2
    assert "Tehrik-i-Taliban Pakistan" in texts


def test_provenance(analysis: Analysis) -> None:
    assert analysis.extractor.version == EXTRACTOR_VERSION
    assert "core_web_sm" in (analysis.extractor.model or "")
    assert analysis.document.id.startswith("sha256:")
    assert analysis.document.dateline is not None
    assert analysis.document.dateline.text == "PESHAWAR, PAKISTAN"


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("The National Resistance Front", 10, ("National Resistance Front", (14, 39))),
        ("Al-Qaeda’s", 0, ("Al-Qaeda", (0, 8))),
        ("Al-Qaeda's Expansion", 5, ("Al-Qaeda", (5, 13))),
        ("the Panjshir Valley", 0, ("Panjshir Valley", (4, 19))),
        ("U.S.", 3, ("U.S.", (3, 7))),
        ("“Taliban", 0, ("Taliban", (1, 8))),
        ("the", 0, None),
    ],
)
def test_clean_mention(text: str, start: int, expected: tuple[str, tuple[int, int]] | None) -> None:
    assert clean_mention(text, start) == expected


def test_preferred_form_avoids_capitals() -> None:
    assert preferred_form({"KABUL": 1, "Kabul": 1}) == "Kabul"
    assert preferred_form({"NRF": 3}) == "NRF"


def test_dateline_words_are_places_not_actors(analysis: Analysis) -> None:
    dateline = analysis.document.dateline
    assert dateline is not None
    start, end = dateline.span
    for entity in analysis.entities:
        assert all(e <= start or s >= end for s, e in entity.mentions), entity.name
    in_dateline = {
        p.name for p in analysis.places if any(start <= s and e <= end for s, e in p.mentions)
    }
    assert in_dateline == {"Peshawar", "Pakistan"}
    assert dateline.place == next(p.id for p in analysis.places if p.name == "Peshawar")
