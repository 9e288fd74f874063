"""The quantities vocabulary: it loads, it agrees with the JSON Schema, and bad data is refused."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from warnline.schema import report_schema
from warnline.vocab.quantities import QuantityVocab, load_quantity_vocab, read_vocab_data


def test_vocab_loads() -> None:
    vocab = load_quantity_vocab()
    assert vocab.number_words.units["eight"] == 8
    assert vocab.qualifier_cues[("at", "least")] == "at_least"
    assert vocab.qualifiers["fewer_than"].qualifier == "at_most"


def test_acled_codes_for_vague_counts() -> None:
    vague = load_quantity_vocab().vague
    assert {w: (vague[w].value, vague[w].acled) for w in ("tens", "dozens", "hundreds")} == {
        "tens": (10, True),
        "dozens": (12, True),
        "hundreds": (100, True),
    }
    assert not vague["scores"].acled
    assert vague["several"].value is None
    assert vague["many"].value is None


def test_schema_qualifiers_match_the_vocab() -> None:
    quantity = report_schema()["$defs"]["quantity"]["properties"]
    enum = quantity["qualifier"]["enum"]
    assert set(enum) == {*load_quantity_vocab().qualifier_codes, None}
    assert "unit" in quantity


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(read_vocab_data())
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d["number_words"]["units"].update(eleven=12), id="units-not-0-19"),
        pytest.param(lambda d: d["number_words"]["tens"].pop("forty"), id="tens-missing"),
        pytest.param(lambda d: d["number_words"]["scales"].update(lakh=100_000.5), id="scale"),
        pytest.param(lambda d: d["qualifiers"]["about"]["cues"].append("at least"), id="cue-twice"),
        pytest.param(
            lambda d: d["qualifiers"]["about"].update(qualifier="roughly"), id="unknown-code"
        ),
        pytest.param(lambda d: d["qualifiers"]["about"].update(strict=True), id="strict-no-bound"),
        pytest.param(lambda d: d["suffix_qualifiers"].update({"or less": "below"}), id="suffix"),
        pytest.param(lambda d: d["vague_multipliers"].append("umpteen"), id="uncoded-vague"),
        pytest.param(lambda d: d["qualifier_codes"].pop("range"), id="no-range-code"),
        pytest.param(lambda d: d.update(year_range=[2100, 1800]), id="year-range"),
        pytest.param(lambda d: d.update(colour="red"), id="unknown-field"),
    ],
)
def test_bad_vocab_is_refused(change: Any) -> None:
    with pytest.raises(ValidationError):
        QuantityVocab.model_validate(_broken(change))
