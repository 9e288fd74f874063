"""`warnline eval`, run as a user runs it: the real pipeline on the real gold reports.

No thresholds: the extractors are being improved; this checks the measurement, not the scores.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from warnline.evaluate import LAYERS

Run = Callable[..., subprocess.CompletedProcess[str]]

GOLD = Path(__file__).resolve().parent.parent / "gold"
GOLD_REPORTS = sorted(p.stem for p in GOLD.glob("*.md") if p.stem != "README")


def test_eval_json_scores_every_layer(warnline: Run) -> None:
    result = warnline("eval", str(GOLD), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["reports"] == len(GOLD_REPORTS)
    assert list(data["layers"]) == list(LAYERS)
    for layer, score in data["layers"].items():
        for count in ("tp", "fp", "fn"):
            assert isinstance(score[count], int)
            assert score[count] >= 0, (layer, count)
        for measure in ("precision", "recall", "f1"):
            assert 0.0 <= score[measure] <= 1.0, (layer, measure)
    assert sorted(data["per_report"]) == GOLD_REPORTS
    for score in data["per_report"].values():
        assert list(score) == list(LAYERS)
    assert data["extractor"]["version"]
    misses = data["misses"]
    assert {m["kind"] for m in misses} <= {"FN", "FP"}
    assert {m["report"] for m in misses} <= set(GOLD_REPORTS)
    assert {m["layer"] for m in misses} <= set(LAYERS)
    # The misses are exactly the false counts.
    for layer in LAYERS:
        for kind in ("FN", "FP"):
            listed = sum(1 for m in misses if m["layer"] == layer and m["kind"] == kind)
            assert listed == data["layers"][layer][kind.lower()]


def test_eval_table_without_misses(warnline: Run) -> None:
    result = warnline("eval", str(GOLD), "--no-misses")
    assert result.returncode == 0, result.stderr
    for word in ("layer", "precision", "recall", "F1", *LAYERS):
        assert word in result.stdout
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
