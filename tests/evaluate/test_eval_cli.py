"""`warnline eval`, run as a user runs it: the real pipeline on the real gold reports.

No thresholds: the extractors are being improved; this checks the measurement, not the scores.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from warnline.evaluate import ATTRIBUTES, LAYERS

Run = Callable[..., subprocess.CompletedProcess[str]]

GOLD = Path(__file__).resolve().parent.parent / "gold"
GOLD_REPORTS = sorted(p.stem for p in GOLD.glob("*.md") if p.stem != "README")
# Layers a report's annotation may leave out.
OPTIONAL_LAYERS = ("claims", "events")


def test_eval_json_scores_every_layer(warnline: Run) -> None:
    result = warnline("eval", str(GOLD), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["reports"] == len(GOLD_REPORTS)
    assert list(data["layers"]) == list(LAYERS)
    for layer, score in data["layers"].items():
        for count in ("reports", "tp", "fp", "fn"):
            assert isinstance(score[count], int)
            assert score[count] >= 0, (layer, count)
        for measure in ("precision", "recall", "f1"):
            # No measures for a layer that no report's annotation has.
            if score["reports"]:
                assert 0.0 <= score[measure] <= 1.0, (layer, measure)
            else:
                assert score[measure] is None, (layer, measure)
    assert sorted(data["per_report"]) == GOLD_REPORTS
    for score in data["per_report"].values():
        # Every report has the first seven layers; claims and events where it is annotated.
        assert set(OPTIONAL_LAYERS) >= set(LAYERS) - set(score)
        assert list(score) == [layer for layer in LAYERS if layer in score]
    for layer in OPTIONAL_LAYERS:
        annotated = sum(1 for score in data["per_report"].values() if layer in score)
        assert data["layers"][layer]["reports"] == annotated
    assert data["extractor"]["version"]
    assert {layer: list(scores) for layer, scores in data["accuracies"].items()} == {
        layer: list(attributes) for layer, attributes in ATTRIBUTES.items()
    }
    misses = data["misses"]
    assert {m["kind"] for m in misses} <= {"FN", "FP", "WRONG"}
    assert {m["report"] for m in misses} <= set(GOLD_REPORTS)
    assert {m["layer"] for m in misses} <= set(LAYERS)
    # The misses are exactly the false counts, and the wrong ones the accuracies' shortfall.
    for layer in LAYERS:
        for kind in ("FN", "FP"):
            listed = sum(1 for m in misses if m["layer"] == layer and m["kind"] == kind)
            assert listed == data["layers"][layer][kind.lower()]
        wrong = sum(1 for m in misses if m["layer"] == layer and m["kind"] == "WRONG")
        checked = data["accuracies"].get(layer, {}).values()
        assert wrong == sum(a["total"] - a["right"] for a in checked), layer
        for accuracy in checked:
            assert 0 <= accuracy["right"] <= accuracy["total"]
            ratio = accuracy["accuracy"]
            assert ratio is None if accuracy["total"] == 0 else 0.0 <= ratio <= 1.0


def test_eval_table_without_misses(warnline: Run) -> None:
    result = warnline("eval", str(GOLD), "--no-misses")
    assert result.returncode == 0, result.stderr
    columns = ("layer", "reports", "precision", "recall", "F1", "attribute")
    attributes = [attribute for names in ATTRIBUTES.values() for attribute in names]
    for word in (*columns, *LAYERS, *attributes):
        assert word in result.stdout
    # One row per layer, and one per attribute shown as right/total = accuracy.
    rows = [line.split("│")[1:3] for line in result.stdout.splitlines() if "│" in line]
    first_cells = [cells[0].strip() for cells in rows]
    attribute_layers = [layer for layer, names in ATTRIBUTES.items() for _name in names]
    assert first_cells == [*LAYERS, *attribute_layers]
    assert [cells[1].strip() for cells in rows[len(LAYERS) :]] == attributes
    assert len(re.findall(r"\d+/\d+ = (?:\d\.\d{3}|-)", result.stdout)) == len(attributes)
    assert "Misses" not in result.stdout


def test_eval_of_a_directory_without_gold_is_one_coded_line(warnline: Run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = warnline("eval", str(tmp_path / "empty"))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"E160 {tmp_path / 'empty'}: ")
    assert "(fix: " in lines[0]


def test_eval_of_a_bad_annotation_names_the_file(warnline: Run, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    name = GOLD_REPORTS[0]
    (gold / f"{name}.md").write_text((GOLD / f"{name}.md").read_text(encoding="utf-8"))
    (gold / f"{name}.yaml").write_text("actors:\n  - name: X\n    kind: rebel\n")
    result = warnline("eval", str(gold), "--format", "json")
    assert result.returncode == 2
    assert result.stderr.startswith(f"E163 {gold / name}.yaml: ")
    assert "actors.0.kind" in result.stderr
    assert "Traceback" not in result.stderr


def test_eval_help_has_an_example(warnline: Run) -> None:
    result = warnline("eval", "--help")
    assert result.returncode == 0
    assert "Example:" in result.stdout
    assert "warnline eval" in result.stdout
