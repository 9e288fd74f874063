"""Every analysis validates against the shipped JSON Schema of warnline.report/1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from warnline.flow import analyze_inputs
from warnline.ingest import Defaults
from warnline.records import Analysis, Failure
from warnline.schema import report_schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def example_analyses() -> list[tuple[Analysis, str]]:
    results = []
    for path in sorted(EXAMPLES.iterdir()):
        for result in analyze_inputs([str(path)], [], Defaults(published=dt.date(2024, 10, 1))):
            assert not isinstance(result, Failure), result
            results.append((result[0], path.name))
    return results


def test_examples_validate(
    validator: jsonschema.Draft202012Validator, example_analyses: list[tuple[Analysis, str]]
) -> None:
    assert len(example_analyses) >= 20
    for analysis, name in example_analyses:
        errors = sorted(validator.iter_errors(analysis.to_dict()), key=str)
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_contract_field_names(example_analyses: list[tuple[Analysis, str]]) -> None:
    data = example_analyses[0][0].to_dict()
    assert data["schema"] == "warnline.report/1"
    assert set(data) >= {
        "document", "entities", "places", "dates", "quantities", "relations", "claims", "events",
    }  # fmt: skip
    assert set(data["document"]) >= {"id", "title", "source", "url", "published", "language"}


def test_round_trip(example_analyses: list[tuple[Analysis, str]]) -> None:
    for analysis, _ in example_analyses:
        assert Analysis.from_dict(json.loads(analysis.to_json())) == analysis


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.update(schema="warnline.report/2"), "schema"),
        (lambda d: d["document"].update(id="md5:abc"), "document.id"),
        (lambda d: d["entities"][0].update(kind="terrorist"), "entities.kind"),
        (lambda d: d["entities"][0].update(mentions=[[1]]), "entities.mentions"),
        (lambda d: d["places"][0].update(admin1="Panjshir"), "places.admin1"),
        (lambda d: d["dates"][0].update(start="01/10/2024"), "dates.start"),
        (lambda d: d.pop("claims"), "claims"),
    ],
)
def test_schema_rejects_broken_objects(
    validator: jsonschema.Draft202012Validator,
    example_analyses: list[tuple[Analysis, str]],
    mutate: Any,
    path: str,
) -> None:
    """The schema is strict enough to catch a broken contract (so the test above can fail)."""
    analysis = next(a for a, _ in example_analyses if a.entities and a.places and a.dates)
    data = analysis.to_dict()
    mutate(data)
    assert not validator.is_valid(data), path
