"""Language identification, and that a non-English report is flagged, not mis-analysed."""

from __future__ import annotations

import pytest

from warnline.extract.language import detect_language
from warnline.flow import analyze_with_notices
from warnline.records import Report

FRENCH = (
    "Des hommes armés ont attaqué mardi un poste de l'armée dans le nord du Burkina Faso, "
    "selon des sources sécuritaires. Le bilan provisoire fait état de plusieurs soldats tués. "
    "Le groupe jihadiste a revendiqué l'attaque dans un communiqué diffusé le lendemain."
)
SPANISH = (
    "Un grupo armado atacó el martes una base militar en el norte del país, según fuentes "
    "oficiales. El ejército informó de varios soldados muertos y heridos, y el gobierno "
    "negó que los atacantes hubieran tomado el control de la zona."
)
ENGLISH = (
    "Gunmen attacked an army post in northern Burkina Faso on Tuesday, security sources said. "
    "A provisional toll put the number of soldiers killed at several. The jihadist group "
    "claimed the attack in a statement released the next day."
)


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (SPANISH, "es"), (ENGLISH, "en")])
def test_detect_language(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert guess.confident


@pytest.mark.parametrize("text", [FRENCH, SPANISH])
def test_non_english_is_flagged_not_analysed(text: str) -> None:
    analysis, notices = analyze_with_notices(Report(text=text, origin="r.txt"))
    assert "not_english" in analysis.document.flags
    assert analysis.document.language in {"fr", "es"}
    assert analysis.entities == ()
    assert analysis.places == ()
    assert [n.code for n in notices] == ["W150"]
    assert notices[0].message.startswith("W150 r.txt: ")


def test_english_is_analysed() -> None:
    analysis, notices = analyze_with_notices(Report(text=ENGLISH, origin="r.txt"))
    assert analysis.document.language == "en"
    # No publication date: said so, so that unresolved relative dates are explained.
    assert analysis.document.flags == ("no_published_date",)
    assert notices == ()
    assert any(p.name == "Burkina Faso" for p in analysis.places)
