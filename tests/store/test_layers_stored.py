"""Quantities and relations reach the store with their provenance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.settings import Settings
from warnline.store import Store, load_analysis
from warnline.store.schema import EntityRow, QuantityRow, RelationRow

# Written for this test; the events are invented.
TEXT = """KABUL, AFGHANISTAN – The Tehrik-i-Taliban Pakistan, led by Noor Wali Mehsud, said on \
Monday that its fighters had killed at least 12 soldiers. Officials offered a $5 million reward \
for information on the attackers.
"""


def test_quantities_and_relations_are_stored(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    summary = ingest(
        [str(path)], [], Defaults(published=dt.date(2024, 6, 3)), store, settings=settings
    )
    report_id = summary.stored[0].report_id
    with store.session() as session:
        _, analysis, _ = load_analysis(session, report_id)
        quantities = session.scalars(select(QuantityRow)).all()
        relations = session.scalars(select(RelationRow)).all()
        names = {row.id: row.name for row in session.scalars(select(EntityRow))}
    assert len(quantities) == len(analysis.quantities) >= 2
    money = next(q for q in quantities if q.unit == "USD")
    assert money.value == 5_000_000
    for row in quantities:
        assert TEXT[row.span_start : row.span_end] == row.text
        assert row.extractor_version == analysis.extractor.version
    assert ("Noor Wali Mehsud", "leader_of", "Tehrik-i-Taliban Pakistan") in {
        (names[r.subject_id], r.predicate, names[r.object_id])  # type: ignore[index]
        for r in relations
    }
