"""Score the actor name matcher on the gold name pairs: precision, recall and the misses.

Run: .venv/bin/python bench/resolution_eval.py [--pairs tests/analyse/pairs/entities.yaml]

The matcher is `warnline.analyse.names.compare_texts`, the same comparison resolution uses.
Precision is the share of merges it makes that the gold set calls one actor; recall the share
of the gold set's same-actor pairs it merges. Also prints pairs compared per second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from warnline.analyse.names import compare_texts, name_form

DEFAULT_PAIRS = Path(__file__).resolve().parent.parent / "tests" / "analyse" / "pairs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS / "entities.yaml")
    args = parser.parse_args()
    pairs = yaml.safe_load(args.pairs.read_text(encoding="utf-8"))["pairs"]
    true_pos = false_pos = false_neg = 0
    for pair in pairs:
        match = compare_texts(pair["left"], pair["left_kind"], pair["right"], pair["right_kind"])
        true_pos += match.same and pair["same"]
        false_pos += match.same and not pair["same"]
        false_neg += pair["same"] and not match.same
        if match.same != pair["same"]:
            wrong = "merged, but two actors" if match.same else "missed, but one actor"
            print(
                f"  {wrong}: {pair['left']!r} / {pair['right']!r} "
                f"({match.score:.2f}, {match.detail})"
            )
    precision = true_pos / max(true_pos + false_pos, 1)
    recall = true_pos / max(true_pos + false_neg, 1)
    print(f"pairs {len(pairs)}  precision {precision:.3f}  recall {recall:.3f}")
    name_form.cache_clear()
    started = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        name_form.cache_clear()
        for pair in pairs:
            compare_texts(pair["left"], pair["left_kind"], pair["right"], pair["right_kind"])
    elapsed = time.perf_counter() - started
    print(f"{rounds * len(pairs) / elapsed:.0f} pairs/s (names read afresh each time)")


if __name__ == "__main__":
    main()
