"""The flow: a batch goes on past bad inputs, and an analysis points at the words it names."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from warnline.flow import analyze_report, ingest
from warnline.ingest import Defaults
from warnline.ingest.identity import report_id
from warnline.records import Analysis, Report
from warnline.settings import Settings
from warnline.store import Store, list_failures
from warnline.store.schema import ReportRow

# Written for these tests.
GOOD = """\
---
title: "Resistance front says it ambushed patrol in Panjshir"
source: "Valley Dispatch"
published: 2024-05-14
---
KABUL, AFGHANISTAN – The National Resistance Front (NRF) said on Tuesday that its fighters had
ambushed a Taliban patrol in the Panjshir Valley on 12 May 2024, killing four soldiers near
the town of Bazarak.

A Taliban spokesman, Zabihullah Mujahid, denied the claim and said the patrol had suffered no
losses. He accused the NRF of spreading propaganda from abroad.

Ahmad Massoud, who leads the National Resistance Front, has vowed to keep fighting in
Panjshir and in Baghlan province.
"""
WIRE_LINES = [
    {
        "text": "MOGADISHU, SOMALIA – Al-Shabaab fighters attacked a police station in the "
        "Somali capital on Sunday night, killing three officers, a police spokesman said.",
        "title": "Police station attacked in Mogadishu",
        "published": "2024-06-02",
    },
    {
        "text": "BAMAKO, MALI – The Malian army said on Thursday that it had repelled an attack "
        "on a military camp near Timbuktu and killed several assailants.",
        "title": "Army repels attack near Timbuktu",
    },
]
TEXT = (
    "KABUL, AFGHANISTAN – The National Resistance Front (NRF) said on Tuesday that its fighters "
    "had killed four Taliban soldiers in an ambush in the Panjshir Valley on 12 May 2024. The NRF "
    "said the attack took place near the town of Bazarak.\n\n"
    "A Taliban spokesman, Zabihullah Mujahid, denied the claim and said the forces of the Islamic "
    "Emirate had suffered no losses. He accused the National Resistance Front of spreading "
    "propaganda from Tajikistan.\n\n"
    "Ahmad Massoud, who leads the NRF, has vowed to keep fighting the Taliban in Panjshir and in "
    "Baghlan province, where his fighters clashed with Taliban units on 3 May."
)


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    """Good and bad inputs side by side."""
    good = tmp_path / "inputs" / "panjshir.md"
    good.parent.mkdir()
    good.write_text(GOOD, encoding="utf-8")
    empty = tmp_path / "inputs" / "empty.txt"
    empty.write_bytes(b"")
    wire = tmp_path / "inputs" / "wire.jsonl"
    lines = [
        json.dumps(WIRE_LINES[0]),
        '{"text": "a line cut off in the mid',
        json.dumps(WIRE_LINES[1]),
    ]
    wire.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"missing": tmp_path / "inputs" / "gone.md", "good": good, "empty": empty, "wire": wire}


def test_batch_stores_the_good_and_records_the_bad(
    batch: dict[str, Path], store: Store, settings: Settings
) -> None:
    order = ["missing", "good", "empty", "wire"]
    progress: list[tuple[int, int, str]] = []
    summary = ingest(
        [str(batch[name]) for name in order],
        [],
        Defaults(source="Desk"),
        store,
        settings=settings,
        progress=lambda done, total, label: progress.append((done, total, label)),
    )

    assert not summary.ok
    expected_failures = [
        ("E101", "error", str(batch["missing"])),
        ("E102", "error", str(batch["empty"])),
        ("E130", "error", str(batch["wire"])),
    ]
    assert [(f.code, f.severity, f.subject) for f in summary.failures] == expected_failures
    assert "line 2" in summary.failures[2].message
    stored_ids = [o.report_id for o in summary.stored]
    assert stored_ids == [
        report_id(GOOD.split("---\n", 2)[2]),
        report_id(WIRE_LINES[0]["text"]),
        report_id(WIRE_LINES[1]["text"]),
    ]
    assert progress == [(i, 4, str(batch[name])) for i, name in enumerate(order, start=1)]

    with store.session() as session:
        rows = {row.id: row for row in session.scalars(select(ReportRow))}
        recorded = list_failures(session)
    assert sorted(rows) == sorted(stored_ids)
    assert rows[stored_ids[0]].title == "Resistance front says it ambushed patrol in Panjshir"
    assert rows[stored_ids[1]].origin == f"{batch['wire']}#L1"
    assert rows[stored_ids[2]].origin == f"{batch['wire']}#L3"
    assert sorted((f.code, f.severity, f.subject) for f in recorded) == expected_failures
    assert {f.message for f in recorded} == {f.message for f in summary.failures}
    assert all(f.report_id is None for f in recorded)


def test_batch_of_good_inputs_is_ok(
    batch: dict[str, Path], store: Store, settings: Settings
) -> None:
    summary = ingest([str(batch["good"])], [], Defaults(), store, settings=settings)
    assert summary.ok
    assert len(summary.stored) == 1
    with store.session() as session:
        assert list_failures(session) == []


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    report = Report(text=TEXT, origin="nrf.txt", published=dt.date(2024, 5, 14))
    return analyze_report(report, Settings())


def _names(item: object) -> set[str]:
    names = {getattr(item, "name", "")}
    names.update(getattr(item, "aliases", ()))
    return {n.casefold() for n in names}


def test_entity_mentions_point_at_their_names(analysis: Analysis) -> None:
    assert analysis.entities
    for entity in analysis.entities:
        assert entity.mentions, entity
        for start, end in entity.mentions:
            assert 0 <= start < end <= len(TEXT)
            assert TEXT[start:end].casefold() in _names(entity), (entity.name, TEXT[start:end])
    found = set().union(*(_names(e) for e in analysis.entities))
    assert {"national resistance front", "nrf"} & found
    assert "taliban" in found


def test_place_mentions_point_at_their_names(analysis: Analysis) -> None:
    assert analysis.places
    for place in analysis.places:
        assert place.mentions, place
        for start, end in place.mentions:
            assert 0 <= start < end <= len(TEXT)
            assert TEXT[start:end].casefold() == place.name.casefold(), (place.name, start, end)


def test_date_spans_point_at_their_text(analysis: Analysis) -> None:
    assert analysis.dates
    for date in analysis.dates:
        start, end = date.span
        assert 0 <= start < end <= len(TEXT)
        assert TEXT[start:end] == date.text
    assert any("12 May 2024" in d.text for d in analysis.dates)


def test_analysis_describes_the_document(analysis: Analysis) -> None:
    assert analysis.schema_ == "warnline.report/1"
    assert analysis.document.id == report_id(TEXT)
    assert analysis.document.language == "en"
    assert analysis.document.chars == len(TEXT)
    assert analysis.document.published == dt.date(2024, 5, 14)
    assert analysis.document.flags == ()
    assert analysis.extractor.version
    dateline = analysis.document.dateline
    assert dateline is not None
    assert TEXT[dateline.span[0] : dateline.span[1]] == dateline.text == "KABUL, AFGHANISTAN"
