"""Score the event clusterer's pair decision on the gold pairs: precision and recall.

Run: .venv/bin/python bench/cluster_eval.py [PAIRS.yaml]

Uses `match_events`, the same decision the clusterer makes, on tests/analyse/pairs/events.yaml
(or the file given) and prints P/R with every pair it gets wrong and why.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from warnline.analyse.cluster_gold import load_gold_pairs, score_pairs

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", default=ROOT / "tests/analyse/pairs/events.yaml")
    args = parser.parse_args()
    pairs = load_gold_pairs(Path(args.pairs))
    score = score_pairs(pairs)
    print(
        f"pairs: {len(pairs)} ({sum(p.same for p in pairs)} same, "
        f"{sum(not p.same for p in pairs)} apart)"
    )
    print(
        f"TP {score.true_positive}  FP {score.false_positive}  "
        f"FN {score.false_negative}  TN {score.true_negative}"
    )
    print(f"precision {score.precision:.3f}  recall {score.recall:.3f}")
    for pair, match in score.misses:
        wanted = "same" if pair.same else "apart"
        print(f"MISS ({wanted}) {pair.why}: {match.reason}")


if __name__ == "__main__":
    main()
