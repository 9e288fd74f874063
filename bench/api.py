"""Latency of the REST API's event listing and GeoJSON over stores of 100,000 and 1,000,000 events,
on SQLite and on PostgreSQL.

Run: .venv/bin/python bench/api.py [--backend sqlite|postgresql|both] [--events 100000,1000000]
     [--requests N]

How each store is made: examples/ is ingested once through the real pipeline (about 50 events,
with their reports, places, actors and resolved actors). Then the events table is filled to each
size in turn (smallest first, the same store growing) with copies of those events, made by the
database itself in one INSERT … SELECT per size (a recursive CTE of numbers on SQLite,
generate_series on PostgreSQL): copy k is original k mod n with its report, actors (actor1_id,
actor2_id: the entity rows the actor filter matches) and claim; it takes stored place k mod p
(its own place every tenth copy), so a country or bounding-box filter keeps a realistic share,
and starts on day (k × 7919) mod 4015 after 2015-01-01, so date filters and the newest-first order
have work to do. No NLP runs for the copies. After each fill the store is analysed (ANALYZE;
VACUUM ANALYZE on PostgreSQL), as a store in use would be after its routine maintenance.

PostgreSQL is a private server started for the run (warnline.store.local_postgres, the one the
tests use: 127.0.0.1 only, fsync off) with its default memory settings.

Then `warnline serve` is started as a child process (uvicorn on 127.0.0.1) and the requests are
sent with httpx and a reader's token in rounds (each round asks every scenario once; three
rounds warm up, then --requests rounds are timed); the table shows p50 and p95 in milliseconds
(wall time of the HTTP request until its body is read), and bench/results/api.json keeps the
numbers by backend, size and scenario.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url

from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.settings import Settings
from warnline.store import open_store
from warnline.store.local_postgres import binaries, free_port, private_server
from warnline.store.schema import EventRow
from warnline.store.tokens import create_token

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "api.json"
DAYS = 11 * 365
TARGET_P95_MS = 100.0

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
    ("geojson, default limit", "/api/v1/events.geojson", {}),
    (
        "geojson, bbox + since, default limit",
        "/api/v1/events.geojson",
        {"bbox": "40,-2,52,12", "since": "2020-01-01"},
    ),
    (
        "geojson, bbox + since, 500",
        "/api/v1/events.geojson",
        {"bbox": "40,-2,52,12", "since": "2020-01-01", "limit": "500"},
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--events", default="100000,1000000", help="sizes, comma-separated")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    sizes = sorted(int(size.replace("_", "")) for size in args.events.split(","))
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    runs: list[dict[str, Any]] = []
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix="warnline-bench-api-") as name:
            folder = Path(name)
            with database(backend, folder) as url:
                runs.extend(run_backend(backend, url, folder, sizes, args.requests))
    report(runs, args.requests)


@contextlib.contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of an empty database: a file in `folder`, or one on a private PostgreSQL."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'warnline.db'}"
        return
    bin_dir = binaries()
    if bin_dir is None:
        raise SystemExit("PostgreSQL is not installed (apt-get install postgresql)")
    with private_server(bin_dir) as admin_url:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE warnline_bench"))
        admin.dispose()
        yield make_url(admin_url).set(database="warnline_bench").render_as_string(False)


def run_backend(
    backend: str, url: str, folder: Path, sizes: list[int], requests: int
) -> list[dict[str, Any]]:
    """One store grown to each size in turn, measured at each."""
    token = build_store(url, folder)
    runs = []
    for size in sizes:
        fill_seconds = fill_events(url, size)
        print(f"{backend}: {size:,} events, filled in {fill_seconds:.1f} s; measuring")
        results = measure(url, folder, token, requests)
        runs.append(
            {"backend": backend, "events": size, "fill_s": fill_seconds, "results": results}
        )
    return runs


def build_store(url: str, folder: Path) -> str:
    """The examples ingested through the real pipeline; a reader's token for the store."""
    settings = Settings(db=url, data_dir=folder / "data")
    store = open_store(url)
    started = time.perf_counter()
    summary = ingest([str(ROOT / "examples")], [], Defaults(), store, settings=settings)
    print(f"ingested {len(summary.stored)} reports in {time.perf_counter() - started:.1f} s")
    with store.session() as session:
        token = create_token(session, "reader", "bench").token
    store.close()
    return token


def fill_events(url: str, target: int) -> float:
    """Copies of the ingested events until there are `target` (see the docstring); the
    seconds the copies and the analysis took."""
    started = time.perf_counter()
    engine = create_engine(url)
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        if not postgres:
            # 256 MB of page cache for the copies: with SQLite's default 2 MB, each index's
            # pages are read back from the file for most of a million inserts.
            connection.execute(text("PRAGMA cache_size = -262144"))
        have = connection.execute(text("SELECT count(*) FROM events")).scalar_one()
        originals = connection.execute(
            text("SELECT count(*) FROM events WHERE local_id NOT LIKE 'B%'")
        ).scalar_one()
        if target > have:
            _copy(connection, postgres, first=have - originals, last=target - originals)
    if postgres:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    engine.dispose()
    return round(time.perf_counter() - started, 1)


_COPIED = [
    column.key
    for column in EventRow.__table__.columns
    if column.key
    not in {
        "id",
        "local_id",
        "place_id",
        "date_start",
        "date_end",
        "time_precision",
        "cluster_id",
        "cluster_score",
        "cluster_reason",
    }
]


def _copy(connection: Connection, postgres: bool, *, first: int, last: int) -> None:
    """Copies numbered first … last - 1, made by one INSERT … SELECT."""
    for table, query in (
        ("bench_originals", "SELECT id FROM events WHERE local_id NOT LIKE 'B%'"),
        ("bench_places", "SELECT id FROM places WHERE lat IS NOT NULL"),
    ):
        connection.execute(text(f"DROP TABLE IF EXISTS {table}"))
        connection.execute(
            text(
                f"CREATE TEMPORARY TABLE {table} AS "
                f"SELECT row_number() OVER (ORDER BY id) - 1 AS r, id FROM ({query}) AS q"
            )
        )
    counts = connection.execute(
        text("SELECT (SELECT count(*) FROM bench_originals), (SELECT count(*) FROM bench_places)")
    ).one()
    if postgres:
        numbers = "SELECT k FROM generate_series(CAST(:first AS bigint), :last - 1) AS k"
        day = f"DATE '2015-01-01' + CAST((n.k * 7919) % {DAYS} AS integer)"
        local_id = "'B' || n.k"
    else:
        numbers = (
            "WITH RECURSIVE numbers(k) AS (SELECT :first UNION ALL "
            "SELECT k + 1 FROM numbers WHERE k + 1 < :last) SELECT k FROM numbers"
        )
        day = f"date('2015-01-01', '+' || ((n.k * 7919) % {DAYS}) || ' days')"
        local_id = "'B' || n.k"
    copied = ", ".join(_COPIED)
    from_original = ", ".join(f"o.{name}" for name in _COPIED)
    connection.execute(
        text(
            f"INSERT INTO events (local_id, place_id, date_start, date_end, time_precision, "
            f"{copied}) "
            f"SELECT {local_id}, CASE WHEN n.k % 10 = 0 THEN o.place_id ELSE p.id END, "
            f"{day}, {day}, 'day', {from_original} "
            f"FROM ({numbers}) AS n "
            f"JOIN bench_originals AS bo ON bo.r = n.k % :originals "
            f"JOIN events AS o ON o.id = bo.id "
            f"JOIN bench_places AS p ON p.r = n.k % :places"
        ),
        {"first": first, "last": last, "originals": counts[0], "places": counts[1]},
    )


def measure(url: str, folder: Path, token: str, requests: int) -> list[dict[str, Any]]:
    """Each scenario's p50/p95 through a real `warnline serve` (uvicorn) on 127.0.0.1."""
    port = free_port()
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
            _wait(client, server, folder / "serve.log")
            return _rounds(client, requests)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _rounds(client: httpx.Client, requests: int) -> list[dict[str, Any]]:
    """Every scenario three times to warm up, then `requests` rounds of one request each: on a
    shared machine a burst of other work then falls on every scenario alike, not on one."""
    times: list[list[float]] = [[] for _ in SCENARIOS]
    bodies: list[dict[str, Any]] = [{} for _ in SCENARIOS]
    for round_number in range(3 + requests):
        for number, (_name, path, query) in enumerate(SCENARIOS):
            started = time.perf_counter()
            response = client.get(path, params=query, timeout=120)
            elapsed = (time.perf_counter() - started) * 1000  # the body is read in full
            response.raise_for_status()
            if round_number >= 3:
                times[number].append(elapsed)
            if round_number == 0:
                bodies[number] = response.json()
    return [
        _summary(scenario, sorted(taken), body)
        for scenario, taken, body in zip(SCENARIOS, times, bodies, strict=True)
    ]


def _summary(
    scenario: tuple[str, str, dict[str, str]], times: list[float], body: dict[str, Any]
) -> dict[str, Any]:
    name, path, query = scenario
    return {
        "name": name,
        "path": path,
        "query": query,
        "total": body.get("total"),
        "total_capped": body.get("total_capped", False),
        "returned": len(body.get("items", body.get("features", []))),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
    }


def _wait(client: httpx.Client, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:]
            raise SystemExit("warnline serve stopped:\n" + "\n".join(tail))
        try:
            client.get("/api/v1/health", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("warnline serve did not answer within 60 s")


def report(runs: list[dict[str, Any]], requests: int) -> None:
    table = Table(title=f"API latency, ms (p50 / p95 of {requests} requests each)")
    table.add_column("request")
    for run in runs:
        table.add_column(f"{run['backend']}\n{run['events']:,}", justify="right")
    for number, (name, _path, _query) in enumerate(SCENARIOS):
        cells = []
        for run in runs:
            row = run["results"][number]
            late = "[red]" if row["p95_ms"] > TARGET_P95_MS else ""
            cells.append(f"{row['p50_ms']:.0f} / {late}{row['p95_ms']:.0f}")
        table.add_row(name, *cells)
    table.add_row("fill (s)", *(f"{run['fill_s']:.1f}" for run in runs))
    Console().print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "requests_each": requests,
        "target_p95_ms": TARGET_P95_MS,
        "runs": runs,
    }
    RESULTS.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"written: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
