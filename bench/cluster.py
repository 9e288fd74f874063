"""Time `rebuild_clusters` over a generated store of 10,000 reports.

Run: .venv/bin/python bench/cluster.py [--reports N] [--db PATH]

Ingests examples/ once through the real pipeline, then fills the store with copies of those
reports' rows (reports, entities, places, claims, events) written directly with SQLAlchemy:
each copy has new ids, dates shifted by a few days per copy, places moved and renamed for most
copies and an outlet of its own among twenty, so that some copies meet and most do not. Then it
times one full rebuild of the event and claim clusters and prints the counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from warnline.analyse.event_clusters import rebuild_clusters
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.store import open_store
from warnline.store.schema import (
    ClaimClusterRow,
    ClaimRow,
    EntityRow,
    EventClusterRow,
    EventRow,
    PlaceRow,
    ReportRow,
    SourceRow,
)

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = 20
DAYS_PER_COPY = 4
# Of every nine copies, one keeps the original places (so copies can meet), the rest move.
PLACE_STEPS = 9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="warnline-bench-"))
    store = open_store(f"sqlite:///{args.db or folder / 'bench.db'}")
    started = time.perf_counter()
    ingest([str(ROOT / "examples")], [], Defaults(), store)
    with store.session() as session:
        made = generate(session, args.reports)
    print(f"store: {made} reports in {time.perf_counter() - started:.1f} s")
    with store.session() as session:
        counts = {
            t.__tablename__: session.scalar(select(func.count()).select_from(t))
            for t in (EventRow, ClaimRow)
        }
        started = time.perf_counter()
        events = rebuild_clusters(session)
        elapsed = time.perf_counter() - started
        claims = session.scalar(select(func.count()).select_from(ClaimClusterRow))
        multi = session.scalar(
            select(func.count()).select_from(EventClusterRow).where(EventClusterRow.sources > 1)
        )
    print(
        f"rebuild_clusters: {elapsed:.1f} s for {counts['events']} events and "
        f"{counts['claims']} claims -> {events} event clusters ({multi} with 2+ sources), "
        f"{claims} claim clusters"
    )
    store.close()


def generate(session: Session, target: int) -> int:
    """Copies of the stored reports until the store holds `target` reports."""
    originals = session.execute(select(ReportRow)).scalars().all()
    rows = {
        name: [_as_dict(r) for r in session.execute(select(model)).scalars()]
        for name, model in (
            ("entities", EntityRow),
            ("places", PlaceRow),
            ("claims", ClaimRow),
            ("events", EventRow),
        )
    }
    step = {name: max((r["id"] for r in found), default=0) + 1 for name, found in rows.items()}
    sources = _outlets(session)
    count, copy = len(originals), 0
    while count < target:
        copy += 1
        batch = list(originals)[: target - count]
        ids = {r.id: _copy_id(r.id, copy) for r in originals}
        reports = []
        for report in batch:
            data = _as_dict(report)
            data["id"] = ids[report.id]
            data["near_duplicate_of"] = ids.get(report.near_duplicate_of or "")
            data["source_id"] = sources[copy % OUTLETS]
            if data["published"] is not None:
                data["published"] += dt.timedelta(days=DAYS_PER_COPY * copy)
            reports.append(data)
        session.execute(insert(ReportRow), reports)
        kept = {r.id for r in batch}
        for name, model in (
            ("entities", EntityRow),
            ("places", PlaceRow),
            ("claims", ClaimRow),
            ("events", EventRow),
        ):
            copies = [
                _shift(name, r, copy, step, ids) for r in rows[name] if r["report_id"] in kept
            ]
            if copies:
                session.execute(insert(model.__table__), copies)
        count += len(batch)
    session.flush()
    return count


def _outlets(session: Session) -> list[int]:
    outlets = []
    for number in range(OUTLETS):
        row = SourceRow(name=f"Bench Outlet {number}")
        session.add(row)
        session.flush()
        outlets.append(row.id)
    return outlets


def _as_dict(row: Any) -> dict[str, Any]:
    table: Table = row.__table__
    return {c.name: getattr(row, c.key) for c in table.columns}


def _copy_id(report_id: str, copy: int) -> str:
    return "sha256:" + hashlib.sha256(f"{report_id}/{copy}".encode()).hexdigest()


def _shift(
    name: str, row: dict[str, Any], copy: int, step: dict[str, int], ids: dict[str, str]
) -> dict[str, Any]:
    data = dict(row)
    data["report_id"] = ids[row["report_id"]]
    data["id"] = row["id"] + copy * step[name]
    for key, table in (
        ("actor1_id", "entities"),
        ("actor2_id", "entities"),
        ("speaker_id", "entities"),
        ("speaker_org_id", "entities"),
        ("place_id", "places"),
        ("claim_id", "claims"),
    ):
        if data.get(key) is not None:
            data[key] = data[key] + copy * step[table]
    for key in ("cluster_id", "cluster_score", "cluster_reason", "stance"):
        if key in data:
            data[key] = None
    if name == "events":
        days = dt.timedelta(days=DAYS_PER_COPY * copy)
        for key in ("date_start", "date_end"):
            if data[key] is not None:
                data[key] += days
    moved = copy % PLACE_STEPS
    if name == "places" and moved and data["lat"] is not None:
        data["lat"] += 0.4 * moved
        data["lon"] += 0.3 * moved
        data["name"] = f"{data['name']} {moved}"
        data["geonames_id"] = None
    return data


if __name__ == "__main__":
    main()
