"""Score the actor name matcher on the gold name pairs: precision, recall and the misses.

Run: .venv/bin/python bench/resolution_eval.py [--pairs FILE] [--scale REPORTS]

The matcher is `warnline.analyse.names.compare_texts`, the same comparison resolution uses.
Precision is the share of merges it makes that the gold set calls one actor; recall the share
of the gold set's same-actor pairs it merges. Also prints pairs compared per second.

With --scale N it also times resolution on a store of N synthetic reports (eight entities each,
people and groups drawn from a few hundred names, so names repeat and share parts as real
ones do): `rebuild_actors` over all of them, then `resolve_entities` for one new report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import insert

from warnline.analyse.names import compare_texts, name_form
from warnline.analyse.resolution import rebuild_actors, resolve_entities
from warnline.store import open_store
from warnline.store.schema import EntityRow, ReportRow

DEFAULT_PAIRS = Path(__file__).resolve().parent.parent / "tests" / "analyse" / "pairs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS / "entities.yaml")
    parser.add_argument("--scale", type=int, default=0, help="Synthetic reports to resolve.")
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
    if args.scale:
        time_store(args.scale)


GIVEN = ["Ahmad", "Mohammad", "Abdul", "Sayf", "Hassan", "Ali", "Omar", "Yusuf", "Ibrahim"]
FAMILY = [
    a + b
    for a in ("Bar", "Kal", "Zar", "Mun", "Hal", "Tan", "Saq", "Dur", "Nay", "Rif")
    for b in ("adar", "ani", "ullah", "izi", "awi", "ari", "oun", "ud", "ek", "im")
]
GROUPS = [
    f"{a} {b}"
    for a in ("Islamic", "National", "Popular", "Free", "United", "Patriotic")
    for b in ("Front", "Army", "Movement", "Brigade", "Council", "Forces", "Resistance")
]


def _synthetic_entity(rng: random.Random, report_id: str, index: int) -> dict[str, Any]:
    person = rng.random() < 0.6
    name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" if person else rng.choice(GROUPS)
    kind = "person" if person else "armed_group"
    return {
        "report_id": report_id,
        "local_id": f"E{index}",
        "name": name,
        "kind": kind,
        "aliases": [],
        "extractor_version": "bench",
    }


def _synthetic_report(number: int) -> dict[str, Any]:
    report_id = "sha256:" + hashlib.sha256(str(number).encode()).hexdigest()
    return {
        "id": report_id,
        "title": str(number),
        "text": "-",
        "chars": 1,
        "origin": "bench",
        "extractor_version": "bench",
        "analysis": {},
        "minhash": b"",
        "flags": [],
        "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=number),
    }


def time_store(count: int) -> None:
    """Time a rebuild over `count` synthetic reports, then one new report's resolution."""
    rng = random.Random(5)
    reports = [_synthetic_report(number) for number in range(count + 1)]
    entities = [_synthetic_entity(rng, r["id"], i) for r in reports for i in range(8)]
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.db'}")
        with store.session() as session:
            session.execute(insert(ReportRow), reports[:-1])
            session.execute(insert(EntityRow), entities[: count * 8])
        started = time.perf_counter()
        with store.session() as session:
            actors = rebuild_actors(session)
        print(
            f"rebuild: {count} reports, {count * 8} entities, {actors} actors "
            f"in {time.perf_counter() - started:.1f} s"
        )
        with store.session() as session:
            session.execute(insert(ReportRow), reports[-1:])
            session.execute(insert(EntityRow), entities[count * 8 :])
            started = time.perf_counter()
            resolve_entities(session, [reports[-1]["id"]])
        print(f"one new report: {1000 * (time.perf_counter() - started):.0f} ms")
        store.close()


if __name__ == "__main__":
    main()
