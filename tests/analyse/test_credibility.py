"""Source grades and claim credibility: the rating rules, the vocabulary, and re-grading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import select
from tests.conftest import NewDatabase
from typer.testing import CliRunner

from warnline.analyse.credibility import (
    GRADES,
    CredibilityVocab,
    Voice,
    grade_source,
    list_sources,
    load_credibility_vocab,
    rate,
)
from warnline.cli import app
from warnline.errors import Errors, WarnlineError
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.settings import get_settings
from warnline.store import Store, open_store
from warnline.store.schema import ClaimClusterRow


def voice(unit: str, grade: str = "F", *, denies: bool = False, own: bool = False) -> Voice:
    return Voice(unit=unit, label=unit, reliability=grade, denies=denies, self_interest=own)


@pytest.mark.parametrize(
    ("voices", "conflict", "expected"),
    [
        ([voice("a", "B"), voice("b", "C")], False, 1),
        ([voice("a"), voice("b")], False, 2),
        ([voice("a", "A")], False, 2),
        ([voice("a", "C")], False, 3),
        ([voice("a", "D")], False, 4),
        ([voice("a")], False, 6),
        ([voice("a"), voice("b"), voice("c", denies=True)], False, 3),
        ([voice("a"), voice("c", denies=True)], False, 4),
        ([voice("a"), voice("c", denies=True), voice("d", denies=True)], False, 5),
        ([voice("a"), voice("b")], True, 3),
        ([voice("c", denies=True)], False, 6),
        # A party denying its own wrongdoing contests, but cannot alone make a claim doubtful.
        ([voice("a"), voice("c", denies=True, own=True)], False, 3),
        ([voice("a", "A"), voice("c", denies=True, own=True), voice("d", denies=True)], False, 4),
        # A self-interested claim alone is never rated above 3, however good its source.
        ([voice("a", "A", own=True)], False, 3),
        ([voice("a", "A", own=True), voice("b", "A", own=True)], False, 3),
        ([voice("a", "A", own=True), voice("b", "B")], False, 1),
    ],
)
def test_rate(voices: list[Voice], conflict: bool, expected: int) -> None:
    rating = rate(voices, conflict)
    assert rating.credibility == expected
    assert rating.reason.startswith(load_credibility_vocab().credibility[expected])


def test_self_interest_is_named_in_the_reason() -> None:
    assert "own interest" in rate([voice("a", "A", own=True)], False).reason


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("trusted", ["A", "X"]),
        ("compatible_sub_types", [["Armed clash", "Armed brawl"]]),
        ("credibility", {1: "confirmed"}),
    ],
)
def test_vocabulary_is_validated(field: str, value: object) -> None:
    data = load_credibility_vocab().model_dump()
    data[field] = value
    with pytest.raises(ValidationError):
        CredibilityVocab.model_validate(data)


def test_vocabulary_has_both_scales() -> None:
    vocab = load_credibility_vocab()
    assert tuple(vocab.reliability) == GRADES
    assert sorted(vocab.credibility) == [1, 2, 3, 4, 5, 6]


CLAIM = "al-Shabaab collects taxes at checkpoints on the road between Jilib and Kismayo"


@pytest.fixture(scope="module")
def store(
    backend: str, new_database: NewDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    directory = tmp_path_factory.mktemp("grades")
    paths = []
    for name, source, speaker in (
        ("a", "Juba Times", "A United Nations panel of experts"),
        ("b", "Mogadishu Monitor", "Somalia's Ministry of Interior"),
    ):
        path = directory / f"{name}.md"
        path.write_text(
            f'---\ntitle: "{name}"\nsource: "{source}"\npublished: 2024-04-0{len(paths) + 2}\n'
            f"---\n{speaker} said that {CLAIM}.\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    opened = open_store(new_database(backend, directory))
    assert not ingest(paths, [], Defaults(), opened).failures
    yield opened
    opened.close()


def _cluster(store: Store) -> ClaimClusterRow:
    with store.session() as session:
        row = session.execute(
            select(ClaimClusterRow).where(ClaimClusterRow.proposition.contains("collects taxes"))
        ).scalar_one()
        session.expunge(row)
        return row


def test_sources_default_to_f(store: Store) -> None:
    with store.session() as session:
        grades = {s.name: s.reliability for s in list_sources(session)}
    assert grades == {"Juba Times": "F", "Mogadishu Monitor": "F"}


def test_regrading_recomputes_credibility(store: Store) -> None:
    before = _cluster(store)
    assert (before.status, before.credibility) == ("corroborated", 2)
    with store.session() as session:
        graded = grade_source(session, "Juba Times", "b")
    assert graded.reliability == "B"
    after = _cluster(store)
    assert after.credibility == 1
    assert "Juba Times (B)" in (after.credibility_reason or "")


@pytest.mark.parametrize(
    ("name", "grade", "code"),
    [("No Such Outlet", "B", Errors.E210), ("Juba Times", "G", Errors.E211)],
)
def test_grade_errors(store: Store, name: str, grade: str, code: Errors) -> None:
    with store.session() as session, pytest.raises(WarnlineError) as caught:
        grade_source(session, name, grade)
    assert caught.value.code is code


@pytest.fixture
def cli_env(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("WARNLINE_DB", str(store.engine.url))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["sources", "grade", "No Such Outlet", "B"], "E210"),
        (["sources", "grade", "Juba Times", "Z"], "E211"),
        (["clusters", "events", "--min-sources", "0"], "E212"),
        (["clusters", "claims", "--status", "open"], "E213"),
    ],
)
def test_cli_errors_are_one_coded_line(store: Store, args: list[str], code: str) -> None:
    """Run as a user runs it (a child process), where coded errors become one line."""
    command = [str(Path(sys.executable).parent / "warnline"), *args]
    env = {**os.environ, "WARNLINE_DB": str(store.engine.url)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(code)
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.usefixtures("cli_env")
def test_cli_lists_claims_with_credibility() -> None:
    result = CliRunner().invoke(app, ["clusters", "claims", "--format", "json"])
    assert result.exit_code == 0, result.output
    clusters = json.loads(result.output)
    taxes = next(c for c in clusters if "collects taxes" in c["proposition"])
    assert taxes["status"] == "corroborated"
    assert taxes["credibility_reason"]
    assert {c["source"] for c in taxes["claims"]} == {"Juba Times", "Mogadishu Monitor"}
