"""Datelines at the start of a report's first paragraphs."""

from __future__ import annotations

import pytest

from warnline.extract.dateline import find_dateline, without_dateline


@pytest.mark.parametrize(
    ("text", "dateline", "place"),
    [
        ("KABUL, AFGHANISTAN – The group said…", "KABUL, AFGHANISTAN", "Kabul"),
        ("MOGADISHU (Horn Wire) — Gunmen stormed…", "MOGADISHU", "Mogadishu"),
        ("Headline here\n\nBAMAKO, Mali - Soldiers…", "BAMAKO, Mali", "Bamako"),
        ("DERA ISMAIL KHAN, Pakistan — Police…", "DERA ISMAIL KHAN, Pakistan", "Dera Ismail Khan"),
        ("ADEN -- Forces loyal to…", "ADEN", "Aden"),
        ("CÚCUTA, COLOMBIA – About 80 people…", "CÚCUTA, COLOMBIA", "Cúcuta"),
        ("BOGOTÁ, Colombia – The army…", "BOGOTÁ, Colombia", "Bogotá"),
    ],
)
def test_finds_dateline(text: str, dateline: str, place: str) -> None:
    found = find_dateline(text)
    assert found is not None
    assert found.text == dateline
    assert text[found.span[0] : found.span[1]] == dateline
    assert found.first_place == place
    start, end = found.first_place_span
    assert text[start:end].casefold() == place.casefold()


@pytest.mark.parametrize(
    "text",
    [
        "The NRF – an armed group – said on Monday…",
        "US forces said – without giving details – that…",
        "One\n\nTwo\n\nThree\n\nFour\n\nFive\n\nKABUL – too far down to be a dateline.",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_parts_are_places() -> None:
    text = "Headline\n\nDERA ISMAIL KHAN, Pakistan (Wire) — Police said…"
    found = find_dateline(text)
    assert found is not None
    assert [name for name, _ in found.places] == ["Dera Ismail Khan", "Pakistan"]
    assert [text[s:e] for _, (s, e) in found.places] == ["DERA ISMAIL KHAN", "Pakistan"]


def test_the_parser_is_not_shown_the_dateline() -> None:
    text = "Headline\n\nMOGADISHU, SOMALIA (Wire) – At least 100 people were killed."
    blanked = without_dateline(text, find_dateline(text))
    assert len(blanked) == len(text)
    assert blanked.startswith("Headline\n\n")
    assert blanked[len("Headline\n\n") :].lstrip().startswith("At least 100 people")
    assert blanked.index("At least") == text.index("At least")


def test_no_dateline_leaves_the_text_alone() -> None:
    text = "Gunmen killed five people."
    assert without_dateline(text, find_dateline(text)) == text
