"""Benchmark the gazetteer: build time, open ("load") time, lookup speed and memory.

Run: .venv/bin/python bench/gazetteer.py [--keep DIR]

The build runs into a temporary data dir (or DIR with --keep), so an index already in the
user's data dir is neither used nor touched. Load and lookups are measured in fresh child
processes, as a new worker would see them. Memory is resident set size (RSS) from /proc.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import rss_mb  # bench/memory.py: the scripts run from this folder

NAMES = [
    "Kabul", "Panjshir", "Mazar-i-Sharif", "Washington", "Hyderabad", "Jilib", "Abyan",
    "Mogadishu", "Maiduguri", "Idlib", "Quetta", "Peshawar", "Bamako", "Ouagadougou",
    "Nangarhar", "Paktika", "Daykundi", "Kandahar", "Aleppo", "Qarzandikhel",
]  # fmt: skip

CHILD = """
import json, resource, sys, time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
before = rss()
import warnline.catalogue.gazetteer as gz
imported = rss()
started = time.perf_counter()
gazetteer = gz.load_gazetteer()
opened = time.perf_counter() - started
names = json.loads(sys.argv[1])
started = time.perf_counter()
found = sum(1 for name in names if gazetteer.lookup(name))
first = time.perf_counter() - started
started = time.perf_counter()
rounds = 200
for n in range(rounds):
    for name in names:
        gazetteer._lookup(name)
uncached = (time.perf_counter() - started) / (rounds * len(names))
print(json.dumps({
    "rss_before_mb": before, "rss_after_import_mb": imported, "rss_after_mb": rss(),
    "open_s": opened, "first_lookups_s": first, "found": found,
    "uncached_lookup_ms": uncached * 1000, "path": str(gazetteer.path),
}))
"""


def build(data_dir: Path) -> dict[str, float | int]:
    """Build into a data dir in this process; time and memory of the build."""
    os.environ["WARNLINE_DATA_DIR"] = str(data_dir)
    from warnline.catalogue.gazetteer import build_gazetteer, gazetteer_path
    from warnline.settings import get_settings

    get_settings.cache_clear()
    before = rss_mb()
    started = time.perf_counter()
    counts = build_gazetteer()
    seconds = time.perf_counter() - started
    peak = _peak_rss_mb()
    size = gazetteer_path().stat().st_size
    return {
        "build_s": round(seconds, 2),
        "build_peak_rss_mb": round(peak, 1),
        "build_rss_added_mb": round(peak - before, 1),
        "index_mb": round(size / 1e6, 1),
        **vars(counts),
    }


def _peak_rss_mb() -> float:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def load(data_dir: Path) -> dict[str, float | int | str]:
    """Open the built index and look names up in a fresh process."""
    env = {**os.environ, "WARNLINE_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(NAMES)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, float | int | str] = json.loads(result.stdout)
    return data


def main() -> None:
    """Print the numbers as a small table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build into this dir and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        data_dir = args.keep or Path(temporary)
        built = build(data_dir)
        loaded = load(data_dir)
    added = float(loaded["rss_after_mb"]) - float(loaded["rss_after_import_mb"])
    rows = [
        ("build (first use)", f"{built['build_s']} s"),
        ("build peak RSS", f"{built['build_peak_rss_mb']} MB (+{built['build_rss_added_mb']} MB)"),
        ("index file", f"{built['index_mb']} MB"),
        ("open (later runs)", f"{float(loaded['open_s']) * 1000:.1f} ms"),
        ("first 20 lookups", f"{float(loaded['first_lookups_s']) * 1000:.1f} ms"),
        ("lookup, not cached", f"{float(loaded['uncached_lookup_ms']):.3f} ms"),
        ("RSS added by open + lookups", f"{added:.1f} MB"),
        ("RSS after import", f"{float(loaded['rss_after_import_mb']):.1f} MB"),
        ("countries", str(built["countries"])),
        ("admin1 (with ISO 3166-2)", f"{built['admin1']} ({built['admin1_with_iso']})"),
        ("admin2", str(built["admin2"])),
        ("populated places", str(built["populated_places"])),
        ("names indexed", str(built["names"])),
        ("names found", f"{loaded['found']} of {len(NAMES)}"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
