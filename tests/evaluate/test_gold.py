"""The gold reports load and validate; a bad gold file stops with one coded line naming it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pycountry
import pytest

from warnline.errors import Errors, WarnlineError
from warnline.evaluate.gold import GoldReport, gold_pairs, gold_vocab, load_gold_dir
from warnline.ingest.text import split_front_matter

GOLD = Path(__file__).resolve().parent.parent / "gold"
REPORTS = sorted(p.stem for p in GOLD.glob("*.md") if p.stem != "README")


@pytest.fixture(scope="module")
def golds() -> list[GoldReport]:
    return load_gold_dir(GOLD)


def test_every_gold_report_loads(golds: list[GoldReport]) -> None:
    assert [g.name for g in golds] == REPORTS
    assert len(golds) >= 16


def test_gold_spans_many_countries(golds: list[GoldReport]) -> None:
    countries = {p.country for g in golds for p in g.annotation.places if p.country}
    assert len(countries) >= 8, sorted(countries)


@pytest.mark.parametrize("name", REPORTS)
def test_report_front_matter_and_length(name: str) -> None:
    meta, body = split_front_matter((GOLD / f"{name}.md").read_text(encoding="utf-8"), name)
    assert set(meta) == {"title", "source", "published", "url"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(meta["published"]))
    assert name.startswith(str(meta["published"]))
    assert 250 <= len(body.split()) <= 500


@pytest.mark.parametrize("name", REPORTS)
def test_annotation_covers_every_layer(golds: list[GoldReport], name: str) -> None:
    annotation = next(g for g in golds if g.name == name).annotation
    assert annotation.actors
    assert annotation.relations
    assert annotation.places
    assert annotation.dates
    assert annotation.quantities


def test_admin1_codes_are_iso(golds: list[GoldReport]) -> None:
    for gold in golds:
        for place in gold.annotation.places:
            if place.admin1:
                subdivision = pycountry.subdivisions.get(code=place.admin1)
                assert subdivision is not None
                assert subdivision.country_code == place.country


def test_hard_cases_are_present(golds: list[GoldReport]) -> None:
    """The gold exercises what the extractors find hard."""
    relations = {predicate for g in golds for _s, predicate, _o in g.annotation.relations}
    assert relations == set(gold_vocab().predicates)
    qualifiers = {q.qualifier for g in golds for q in g.annotation.quantities}
    assert qualifiers == set(gold_vocab().qualifiers)
    assert any(d.vague for g in golds for d in g.annotation.dates)
    date_texts = {d.text for g in golds for d in g.annotation.dates}
    assert {"yesterday", "last year", "this week", "1402"} <= date_texts
    assert any(t.startswith("between ") for t in date_texts)
    assert any(re.fullmatch(r"the \d{3}0s", t) for t in date_texts)
    place_texts = {p.text for g in golds for p in g.annotation.places}
    assert {"Hyderabad", "Washington", "Tripoli"} <= place_texts
    assert any(p.precision == 3 for g in golds for p in g.annotation.places)
    assert any("$" in q.text for g in golds for q in g.annotation.quantities)
    assert any("year-old" in q.text for g in golds for q in g.annotation.quantities)
    assert any(g.annotation.not_actors for g in golds)


def test_gold_dir_reports_readme_is_not_a_report() -> None:
    assert all(report.stem != "README" for report, _annotation in gold_pairs(GOLD))


# --- bad gold files ---------------------------------------------------------------------------

REPORT = """---
title: "A test report"
source: "Test Wire"
published: 2024-05-08
url: "https://example.org/test"
---
KANO, NIGERIA – Gunmen killed at least 12 villagers in Kano State on Monday, police said.
The Nigerian Army (NA) said it had sent troops. Its spokesman, Onyema Nwachukwu, said the
army would hunt the attackers.
"""

GOOD = """actors:
  - name: Nigerian Army
    kind: state_force
    aliases: [NA]
  - name: Onyema Nwachukwu
    kind: person
roles:
  - {person: Onyema Nwachukwu, title: spokesman, of: Nigerian Army}
relations:
  - [Onyema Nwachukwu, spokesperson_of, Nigerian Army]
places:
  - {text: Kano, country: NG, admin1: NG-KN}
  - {text: Nigeria, country: NG, admin1: null}
dates:
  - {text: Monday, start: 2024-05-06, end: 2024-05-06}
quantities:
  - {text: at least 12, value: 12, qualifier: at_least}
"""


def _write(directory: Path, annotation: str, report: str = REPORT, name: str = "r") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.md").write_text(report, encoding="utf-8")
    (directory / f"{name}.yaml").write_text(annotation, encoding="utf-8")
    return directory


def _error(directory: Path) -> WarnlineError:
    with pytest.raises(WarnlineError) as caught:
        load_gold_dir(directory)
    return caught.value


def test_a_good_gold_file_loads(tmp_path: Path) -> None:
    (gold,) = load_gold_dir(_write(tmp_path, GOOD))
    assert gold.report.published is not None
    assert gold.report.published.isoformat() == "2024-05-08"
    assert gold.annotation.actors[0].aliases == ("NA",)


NIGERIA = "  - {text: Nigeria, country: NG, admin1: null}\n"
RELATION = "  - [Onyema Nwachukwu, spokesperson_of, Nigerian Army]\n"

BAD = [
    pytest.param("actors: [unclosed", Errors.E162, "YAML", id="yaml"),
    pytest.param("- just\n- a list\n", Errors.E163, "mapping", id="not-a-mapping"),
    pytest.param(GOOD + "tolls: []\n", Errors.E163, "tolls", id="unknown-layer"),
    pytest.param(
        GOOD + "claims:\n  - {speaker: Nobody, act: assert, content: a b c, quote: direct, "
        "self_interest: false}\n",
        Errors.E163,
        "speaker",
        id="claim-speaker",
    ),
    pytest.param(
        GOOD + "claims:\n  - {speaker: null, act: boast, content: a b c, quote: direct, "
        "self_interest: false}\n",
        Errors.E163,
        "act",
        id="claim-act",
    ),
    pytest.param(
        GOOD + "events:\n  - {type: Battles, sub_type: Suicide bomb, evidence: [x]}\n",
        Errors.E163,
        "sub-type",
        id="event-sub-type",
    ),
    pytest.param(
        GOOD + "events:\n  - {type: Battle, sub_type: Armed clash, evidence: [x]}\n",
        Errors.E163,
        "ACLED",
        id="event-type",
    ),
    pytest.param(
        GOOD.replace("kind: person", "kind: human"), Errors.E163, "actors.1.kind", id="kind"
    ),
    pytest.param(GOOD.replace("NG-KN", "NG-XX"), Errors.E163, "ISO 3166-2", id="admin1-code"),
    pytest.param(
        GOOD.replace("admin1: NG-KN", "admin1: NE-6"), Errors.E163, "not in country", id="admin1"
    ),
    pytest.param(
        GOOD.replace(NIGERIA, NIGERIA.replace("NG", "XX")), Errors.E163, "XX", id="country"
    ),
    pytest.param(
        GOOD.replace("spokesperson_of", "speaks_for"), Errors.E163, "predicate", id="predicate"
    ),
    pytest.param(
        GOOD.replace(RELATION, RELATION.replace("[Onyema Nwachukwu", "[O. N.")),
        Errors.E163,
        "O. N.",
        id="relation-actor",
    ),
    pytest.param(GOOD.replace(RELATION, ""), Errors.E163, "no relation", id="role-relation"),
    pytest.param(
        GOOD.replace("end: 2024-05-06", "end: 2024-05-01"), Errors.E163, "ends before", id="order"
    ),
    pytest.param(
        GOOD.replace(", start: 2024-05-06, end: 2024-05-06", ""),
        Errors.E163,
        "vague: true",
        id="unresolved-date",
    ),
    pytest.param(
        GOOD.replace("qualifier: at_least", "qualifier: roughly"),
        Errors.E163,
        "roughly",
        id="qualifier",
    ),
    pytest.param(GOOD.replace("value: 12", "value: null"), Errors.E163, "no value", id="value"),
    pytest.param(
        GOOD.replace("aliases: [NA]", "aliases: [NA, NA]"), Errors.E163, "twice", id="alias-twice"
    ),
    pytest.param(
        GOOD.replace("aliases: [NA]", "aliases: [Nigerian army]"),
        Errors.E163,
        "name itself",
        id="alias-is-name",
    ),
    pytest.param(
        GOOD.replace("kind: person\n", "kind: person\n    aliases: [NA]\n"),
        Errors.E163,
        "names both",
        id="alias-on-two-actors",
    ),
    pytest.param(
        GOOD.replace("aliases: [NA]", "aliases: [NA]\n    catalogue: Nigerian Army"),
        Errors.E163,
        "catalogue id",
        id="catalogue",
    ),
    pytest.param(
        GOOD.replace(NIGERIA, "  - {text: Kano State, country: NG, admin1: NG-KN}\n"),
        Errors.E163,
        "twice",
        id="place-twice",
    ),
    pytest.param(
        GOOD.replace("{text: Monday,", "{text: Tuesday,"), Errors.E164, "Tuesday", id="date-text"
    ),
    pytest.param(
        GOOD.replace("aliases: [NA]", "aliases: [the soldiers]"),
        Errors.E164,
        "the soldiers",
        id="alias-text",
    ),
    pytest.param(
        GOOD.replace("text: Kano,", "text: Kaduna,"), Errors.E164, "Kaduna", id="place-text"
    ),
    pytest.param(
        GOOD + "not_actors: [Boko Haram]\n", Errors.E164, "Boko Haram", id="not-actor-text"
    ),
]


@pytest.mark.parametrize(("annotation", "code", "detail"), BAD)
def test_bad_annotation_gives_a_coded_line(
    tmp_path: Path, annotation: str, code: Errors, detail: str
) -> None:
    error = _error(_write(tmp_path, annotation))
    assert error.code is code
    line = error.line()
    assert line.startswith(f"{code.name} {tmp_path / 'r.yaml'}: ")
    assert detail in line
    assert "(fix: " in line
    assert "\n" not in line


def test_report_without_annotation(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    (tmp_path / "lonely.md").write_text(REPORT, encoding="utf-8")
    error = _error(tmp_path)
    assert error.code is Errors.E161
    assert error.subject == str(tmp_path / "lonely.md")
    assert "lonely.yaml" in error.line()


def test_annotation_without_report(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    (tmp_path / "orphan.yaml").write_text(GOOD, encoding="utf-8")
    error = _error(tmp_path)
    assert error.code is Errors.E161
    assert "orphan.md" in error.line()


def test_report_without_published_date(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, GOOD, REPORT.replace("published: 2024-05-08\n", "")))
    assert error.code is Errors.E165
    assert error.subject == str(tmp_path / "r.md")


def test_unreadable_report(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, GOOD, "---\ntitle: [\n---\ntext\n"))
    assert error.code is Errors.E165
    assert "E107" in error.line()


def test_empty_directory(tmp_path: Path) -> None:
    assert _error(tmp_path).code is Errors.E160


def test_readme_alone_is_no_gold(tmp_path: Path) -> None:
    shutil.copy(GOLD / "README.md", tmp_path / "README.md")
    assert _error(tmp_path).code is Errors.E160


def test_missing_directory(tmp_path: Path) -> None:
    assert _error(tmp_path / "nowhere").code is Errors.E101


def test_a_file_is_not_a_gold_directory(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD) / "r.md"
    assert _error(path).code is Errors.E160
