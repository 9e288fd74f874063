"""Latency of the REST API's event listing and GeoJSON over a store of 100,000 events.

Run: .venv/bin/python bench/api.py [--events N] [--requests N] [--db PATH]

How the store is made: examples/ is ingested once through the real pipeline (about 50 events,
with their reports, places, actors and resolved actors). Then the events table is filled to N
rows with copies of those events written directly with SQLAlchemy Core in bulk (one executemany
per 5,000 rows): each copy keeps a real report, actors and claim, takes one of the stored places
in turn (so a country or bounding-box filter keeps a realistic share) and gets a start date
spread over 2015–2025 (so date filters and the newest-first order have work to do). No NLP runs
for the copies.

Then `warnline serve` is started as a child process (uvicorn on 127.0.0.1) and each request is
sent with httpx and a reader's token, a few times to warm up, then --requests times; the table
shows p50 and p95 in milliseconds, and bench/results/api.json keeps the numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.settings import Settings
from warnline.store import open_store
from warnline.store.schema import EventRow, PlaceRow
from warnline.store.tokens import create_token

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "api.json"
BATCH = 5_000
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = 11 * 365

# (name, path, query): what a client of the API, or the map page, asks for.
SCENARIOS: list[tuple[str, str, dict[str, str]]] = [
    ("events, first page", "/api/v1/events", {}),
    ("events, 500 per page", "/api/v1/events", {"limit": "500"}),
    ("events, page at offset 50,000", "/api/v1/events", {"offset": "50000"}),
    ("events, country=SO", "/api/v1/events", {"country": "SO"}),
    ("events, type + since", "/api/v1/events", {"type": "Battles", "since": "2022-01-01"}),
    ("events, actor", "/api/v1/events", {"actor": "Islamic State"}),
    ("events, admin1 + until", "/api/v1/events", {"admin1": "BF-12", "until": "2020-12-31"}),
    ("events, bbox (Sahel)", "/api/v1/events", {"bbox": "-6,9,16,24", "limit": "100"}),
    (
        "geojson, bbox (Sahel), 500",
        "/api/v1/events.geojson",
        {"bbox": "-6,9,16,24", "limit": "500"},
    ),
    ("geojson, 500, no filter", "/api/v1/events.geojson", {"limit": "500"}),
    (
        "geojson, bbox + since, 500",
        "/api/v1/events.geojson",
        {"bbox": "40,-2,52,12", "since": "2020-01-01", "limit": "500"},
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--db", type=Path, default=None, help="default: a temporary file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="warnline-bench-api-") as folder:
        path = args.db or Path(folder) / "warnline.db"
        url = f"sqlite:///{path}"
        token = build_store(url, Path(folder), args.events)
        results = measure(url, Path(folder), token, args.requests)
    report(results, args.events, args.requests)


def build_store(url: str, folder: Path, target: int) -> str:
    """The store with `target` events; a reader's token for it."""
    settings = Settings(db=url, data_dir=folder / "data")
    store = open_store(url)
    started = time.perf_counter()
    summary = ingest([str(ROOT / "examples")], [], Defaults(), store, settings=settings)
    print(f"ingested {len(summary.stored)} reports in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with store.session() as session:
        added = fill_events(session, target)
        token = create_token(session, "reader", "bench").token
    print(f"added {added:,} events in {time.perf_counter() - started:.1f} s")
    store.close()
    return token


def fill_events(session: Session, target: int) -> int:
    """Copies of the stored events until there are `target`, in batches (see the docstring)."""
    originals = [_as_dict(row) for row in session.scalars(select(EventRow))]
    places = list(session.scalars(select(PlaceRow.id).where(PlaceRow.lat.is_not(None))))
    have = session.scalar(select(func.count()).select_from(EventRow)) or 0
    wanted = max(0, target - have)
    batch: list[dict[str, Any]] = []
    for number in range(wanted):
        copy = dict(originals[number % len(originals)])
        start = FIRST_DAY + dt.timedelta(days=(number * 7919) % DAYS)
        copy.update(
            local_id=f"B{number}",
            place_id=places[number % len(places)] if number % 10 else copy["place_id"],
            date_start=start,
            date_end=start,
            time_precision="day",
            cluster_id=None,
            cluster_score=None,
            cluster_reason=None,
        )
        batch.append(copy)
        if len(batch) == BATCH:
            session.execute(insert(EventRow.__table__), batch)
            batch = []
    if batch:
        session.execute(insert(EventRow.__table__), batch)
    return wanted


def _as_dict(row: EventRow) -> dict[str, Any]:
    return {
        column.key: getattr(row, column.key)
        for column in EventRow.__table__.columns
        if column.key != "id"
    }


def measure(url: str, folder: Path, token: str, requests: int) -> list[dict[str, Any]]:
    """Each scenario's p50/p95 through a real `warnline serve` (uvicorn) on 127.0.0.1."""
    port = _free_port()
    env = {**os.environ, "WARNLINE_DB": url, "WARNLINE_DATA_DIR": str(folder / "data")}
    log = (folder / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "warnline", "serve", "--port", str(port)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
            _wait(client, server)
            return [
                _scenario(client, name, path, query, requests) for name, path, query in SCENARIOS
            ]
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _scenario(
    client: httpx.Client, name: str, path: str, query: dict[str, str], requests: int
) -> dict[str, Any]:
    for _ in range(3):
        client.get(path, params=query, timeout=60).raise_for_status()
    times = []
    body: dict[str, Any] = {}
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path, params=query, timeout=60)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        body = response.json()
    times.sort()
    returned = len(body.get("items", body.get("features", [])))
    return {
        "name": name,
        "path": path,
        "query": query,
        "total": body.get("total"),
        "returned": returned,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
    }


def _wait(client: httpx.Client, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("warnline serve stopped; see its log")
        try:
            client.get("/api/v1/health", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("warnline serve did not answer within 60 s")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def report(results: list[dict[str, Any]], events: int, requests: int) -> None:
    print(f"\n{'request':<32} {'total':>8} {'items':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for row in results:
        print(
            f"{row['name']:<32} {row['total']:>8,} {row['returned']:>6} "
            f"{row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {"events": events, "requests_each": requests, "results": results}
    RESULTS.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
