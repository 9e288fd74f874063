"""Claims and events reach the store linked to their report's rows, and read back as records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.ingest.dedup import signature
from warnline.ingest.identity import report_id
from warnline.records import (
    Analysis,
    Claim,
    DateRange,
    Document,
    Entity,
    EntityKind,
    Event,
    Extractor,
    Place,
    Report,
    Toll,
    TollAccount,
)
from warnline.settings import Settings
from warnline.store import (
    Store,
    claims_for_report,
    events_for_report,
    list_claims,
    list_events,
    load_analysis,
    open_store,
    save_analysis,
)
from warnline.store.db import alembic_config, make_engine
from warnline.store.schema import ClaimRow, EntityRow, EventRow, PlaceRow, ReportRow

VERSION = "test-claims-events"

# Written for these tests; the reports and their events are invented.
MALI = (
    "GAO, MALI – Fighters of the Islamic State Sahel Province, backed by local militiamen, "
    "attacked an army post in Tessit on Sunday, killing at least 12 soldiers, the army said. "
    "The group said in a statement that it had killed 30 soldiers and seized two vehicles. "
    "A spokesman for the army denied that any vehicles were lost."
)
SECOND_SENTENCE = (
    "The group said in a statement that it had killed 30 soldiers and seized two vehicles."
)
NIGER = (
    "NIAMEY, NIGER – Soldiers killed four civilians near Tillaberi on 3 May, a rights group "
    "said, calling for an inquiry. The army said it had fought militants there."
)


def _span(report: str, part: str) -> tuple[int, int]:
    start = report.index(part)
    return (start, start + len(part))


def _entity(report: str, local_id: str, name: str, kind: EntityKind, *parts: str) -> Entity:
    return Entity(
        id=local_id, name=name, kind=kind, mentions=tuple(_span(report, p) for p in parts)
    )


def _mali() -> Analysis:
    first = _span(MALI, MALI[: MALI.index(" The group")])
    second = _span(MALI, SECOND_SENTENCE)
    return Analysis(
        document=Document(id=report_id(MALI), title="Post attacked", chars=len(MALI)),
        extractor=Extractor(version=VERSION),
        entities=(
            _entity(MALI, "E1", "Malian Armed Forces", "state_force", "the army"),
            _entity(
                MALI, "E2", "Islamic State Sahel Province", "armed_group", "Islamic State Sahel"
            ),
            _entity(MALI, "E3", "local militiamen", "armed_group", "local militiamen"),
            _entity(MALI, "E4", "army spokesman", "person", "A spokesman"),
        ),
        places=(
            Place(id="P1", name="Tessit", mentions=(_span(MALI, "Tessit"),), country="ML"),
            Place(id="P2", name="Gao", mentions=(_span(MALI, "GAO"),), country="ML"),
        ),
        claims=(
            Claim(
                id="C1",
                speaker="E1",
                cue="said",
                act="report",
                content="killing at least 12 soldiers",
                span=first,
                quote="indirect",
                hedges=("at least",),
                about=("E2", "P1"),
            ),
            Claim(
                id="C2",
                speaker="E2",
                cue="said in a statement",
                act="claim_responsibility",
                content="it had killed 30 soldiers and seized two vehicles",
                span=second,
                quote="indirect",
                self_interest=True,
            ),
            Claim(
                id="C3",
                speaker="E4",
                speaker_org="E1",
                cue="denied",
                act="deny",
                content="that any vehicles were lost",
                span=_span(MALI, "A spokesman for the army denied that any vehicles were lost."),
                quote="indirect",
            ),
        ),
        events=(
            Event(
                id="V1",
                type="Battles",
                sub_type="Armed clash",
                actor1="E2",
                actor2="E1",
                associated=("E3",),
                actor1_category="rebel_group",
                actor2_category="state_forces",
                interaction=12,
                place="P1",
                geo_precision=1,
                date=DateRange(start=dt.date(2024, 6, 2), end=dt.date(2024, 6, 2), precision="day"),
                killed=Toll(best=12, low=12, high=30),
                claim="C1",
                accounts=(
                    TollAccount(claim="C1", killed=Toll(best=12, low=12)),
                    TollAccount(claim="C2", killed=Toll(best=30, low=30, high=30)),
                ),
                toll_basis="lowest figure as best; the group's as high",
                span=first,
                spans=(first, second),
            ),
            # Nothing known but the type: every link and figure stays empty.
            Event(
                id="V2",
                type="Strategic developments",
                sub_type="Looting/property destruction",
                span=_span(MALI, "seized two vehicles"),
            ),
        ),
    )


def _niger() -> Analysis:
    first = _span(NIGER, NIGER[: NIGER.index(" The army")])
    return Analysis(
        document=Document(id=report_id(NIGER), chars=len(NIGER)),
        extractor=Extractor(version=VERSION),
        # The same local ids as the Mali report: they must resolve to this report's rows.
        entities=(
            _entity(NIGER, "E1", "Nigerien Armed Forces", "state_force", "Soldiers", "The army"),
            _entity(NIGER, "E2", "rights group", "organization", "a rights group"),
        ),
        places=(Place(id="P1", name="Tillaberi", mentions=(_span(NIGER, "Tillaberi"),)),),
        claims=(
            Claim(
                id="C1",
                speaker="E2",
                cue="said",
                act="accuse",
                content="Soldiers killed four civilians near Tillaberi on 3 May",
                span=first,
                quote="indirect",
                about=("E1",),
            ),
        ),
        events=(
            Event(
                id="V1",
                type="Violence against civilians",
                sub_type="Attack",
                actor1="E1",
                actor1_category="state_forces",
                actor2_category="civilians",
                interaction=17,
                place="P1",
                geo_precision=2,
                date=DateRange(start=dt.date(2024, 5, 3), end=dt.date(2024, 5, 3)),
                killed=Toll(best=4),
                claim="C1",
                span=first,
                spans=(first,),
            ),
        ),
    )


def _save(session: Session, report_text: str, analysis: Analysis, settings: Settings) -> None:
    outcome = save_analysis(
        session,
        Report(text=report_text, origin=f"{analysis.document.id}.txt"),
        analysis,
        signature(report_text),
        near_duplicate_threshold=settings.near_duplicate_threshold,
    )
    assert outcome.status == "stored"


@dataclass(frozen=True)
class Saved:
    store: Store
    mali: Analysis
    niger: Analysis


@pytest.fixture
def saved(store: Store, settings: Settings) -> Saved:
    """Both reports stored; Niger's ingested a day after Mali's, so it lists first."""
    mali, niger = _mali(), _niger()
    with store.session() as session:
        _save(session, MALI, mali, settings)
        _save(session, NIGER, niger, settings)
        for analysis, day in ((mali, 1), (niger, 2)):
            session.execute(
                update(ReportRow)
                .where(ReportRow.id == analysis.document.id)
                .values(ingested_at=dt.datetime(2024, 6, day, tzinfo=dt.UTC))
            )
    return Saved(store, mali, niger)


def test_claims_and_events_read_back_as_written(saved: Saved) -> None:
    with saved.store.session() as session:
        for analysis in (saved.mali, saved.niger):
            assert claims_for_report(session, analysis.document.id) == analysis.claims
            assert events_for_report(session, analysis.document.id) == analysis.events


def test_rows_link_to_their_own_reports_rows(saved: Saved) -> None:
    with saved.store.session() as session:
        for analysis, report_text in ((saved.mali, MALI), (saved.niger, NIGER)):
            rid = analysis.document.id
            entities = _local_ids(session, EntityRow, rid)
            places = _local_ids(session, PlaceRow, rid)
            claims = _local_ids(session, ClaimRow, rid)
            for claim in session.scalars(select(ClaimRow).where(ClaimRow.report_id == rid)):
                record = next(c for c in analysis.claims if c.id == claim.local_id)
                assert entities.get(claim.speaker_id) == record.speaker
                assert entities.get(claim.speaker_org_id) == record.speaker_org
                assert (claim.span_start, claim.span_end) == record.span
                assert claim.extractor_version == VERSION
                assert claim.content in report_text[claim.span_start : claim.span_end]
            for event in session.scalars(select(EventRow).where(EventRow.report_id == rid)):
                expected = next(e for e in analysis.events if e.id == event.local_id)
                assert entities.get(event.actor1_id) == expected.actor1
                assert entities.get(event.actor2_id) == expected.actor2
                assert places.get(event.place_id) == expected.place
                assert claims.get(event.claim_id) == expected.claim
                assert (event.span_start, event.span_end) == expected.span
                assert event.extractor_version == VERSION
                assert 0 <= event.span_start < event.span_end <= len(report_text)


def _local_ids(session: Session, model: Any, rid: str) -> dict[int | None, str]:
    rows = session.execute(select(model.id, model.local_id).where(model.report_id == rid))
    return dict(rows.all())


def test_event_columns_hold_the_new_fields(saved: Saved) -> None:
    with saved.store.session() as session:
        row = session.scalars(
            select(EventRow).where(
                EventRow.report_id == saved.mali.document.id, EventRow.local_id == "V1"
            )
        ).one()
    assert row.associated == ["E3"]
    assert (row.actor1_category, row.actor2_category, row.interaction) == (
        "rebel_group",
        "state_forces",
        12,
    )
    assert row.accounts == [
        {
            "claim": "C1",
            "killed": {"best": 12, "low": 12, "high": None},
            "injured": None,
            "killed_or_injured": None,
        },
        {
            "claim": "C2",
            "killed": {"best": 30, "low": 30, "high": 30},
            "injured": None,
            "killed_or_injured": None,
        },
    ]
    assert row.toll_basis == "lowest figure as best; the group's as high"
    assert row.spans == [
        [0, MALI.index(" The group")],
        list(_span(MALI, SECOND_SENTENCE)),
    ]
    assert (row.date_start, row.date_end, row.time_precision) == (
        dt.date(2024, 6, 2),
        dt.date(2024, 6, 2),
        "day",
    )


def test_a_link_to_an_id_the_analysis_lacks_is_stored_empty(
    store: Store, settings: Settings
) -> None:
    # The whole analysis is kept with the report; the rows only hold links that resolve.
    mali = _mali()
    dangling = mali.model_copy(
        update={
            "claims": (mali.claims[0].model_copy(update={"speaker": "E9"}),),
            "events": (mali.events[1].model_copy(update={"actor1": "E9", "claim": "C9"}),),
        }
    )
    with store.session() as session:
        _save(session, MALI, dangling, settings)
        [claim] = claims_for_report(session, mali.document.id)
        [event] = events_for_report(session, mali.document.id)
    assert claim.speaker is None
    assert (event.actor1, event.claim) == (None, None)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param(
            {}, [("niger", "C1"), ("mali", "C1"), ("mali", "C2"), ("mali", "C3")], id="all"
        ),
        pytest.param({"act": "deny"}, [("mali", "C3")], id="act"),
        pytest.param({"speaker_name": "rights group"}, [("niger", "C1")], id="speaker"),
        # The army's own claim and its spokesman's.
        pytest.param(
            {"speaker_name": "Malian Armed Forces"},
            [("mali", "C1"), ("mali", "C3")],
            id="speaker-org",
        ),
        pytest.param({"speaker_name": "Nobody"}, [], id="unknown-speaker"),
        pytest.param({"limit": 2, "offset": 1}, [("mali", "C1"), ("mali", "C2")], id="page"),
    ],
)
def test_list_claims(
    saved: Saved, filters: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    names = {saved.mali.document.id: "mali", saved.niger.document.id: "niger"}
    with saved.store.session() as session:
        found = list_claims(session, **filters)
    assert [(names[rid], claim.id) for rid, claim in found] == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param({}, [("niger", "V1"), ("mali", "V1"), ("mali", "V2")], id="all"),
        pytest.param({"event_type": "Battles"}, [("mali", "V1")], id="type"),
        pytest.param({"actor_name": "Malian Armed Forces"}, [("mali", "V1")], id="actor2"),
        pytest.param({"actor_name": "Nigerien Armed Forces"}, [("niger", "V1")], id="actor1"),
        pytest.param({"country": "ML"}, [("mali", "V1")], id="country"),
        pytest.param({"since": dt.date(2024, 6, 1)}, [("mali", "V1")], id="since"),
        pytest.param({"until": dt.date(2024, 5, 3)}, [("niger", "V1")], id="until-inclusive"),
        pytest.param({"limit": 1}, [("niger", "V1")], id="limit"),
    ],
)
def test_list_events(
    saved: Saved, filters: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    names = {saved.mali.document.id: "mali", saved.niger.document.id: "niger"}
    with saved.store.session() as session:
        found = list_events(session, **filters)
    assert [(names[rid], event.id) for rid, event in found] == expected


def test_ingested_examples_read_back_as_analysed(
    examples: Path, store: Store, settings: Settings
) -> None:
    # Whatever the extractors find, the rows give back exactly the analysis that was stored.
    summary = ingest([str(examples)], [], Defaults(), store, settings=settings)
    assert summary.stored
    with store.session() as session:
        for outcome in summary.stored:
            _, analysis, _ = load_analysis(session, outcome.report_id)
            assert claims_for_report(session, outcome.report_id) == analysis.claims
            assert events_for_report(session, outcome.report_id) == analysis.events


def test_an_unknown_report_has_no_claims_or_events(saved: Saved) -> None:
    with saved.store.session() as session:
        assert claims_for_report(session, "sha256:" + "0" * 64) == ()
        assert events_for_report(session, "sha256:" + "0" * 64) == ()


def test_deleting_a_report_deletes_its_claims_and_events(saved: Saved) -> None:
    with saved.store.session() as session:
        session.execute(text("DELETE FROM reports WHERE id = :id"), {"id": saved.mali.document.id})
    with saved.store.session() as session:
        assert {rid for rid, _ in list_claims(session)} == {saved.niger.document.id}
        assert {rid for rid, _ in list_events(session)} == {saved.niger.document.id}


@pytest.fixture
def at_0002(tmp_path: Path) -> str:
    """A store migrated to 0002 holding one event, as a store made before 0003 could.

    SQLite only by design: the tests below read SQLite's PRAGMA table_info and write a SQLite
    blob literal; the same migrations run on PostgreSQL for every PostgreSQL store made in tests.
    """
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(
            text(
                "INSERT INTO reports (id, text, chars, origin, flags, extractor_version,"
                " analysis, minhash, ingested_at) VALUES ('sha256:old', 'Old text.', 9, 'old.txt',"
                " '[]', 'old', '{}', x'00', '2024-01-01 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO events (report_id, local_id, type, sub_type, span_start, span_end,"
                " extractor_version) VALUES ('sha256:old', 'V1', 'Battles', 'Armed clash', 0, 3,"
                " 'old')"
            )
        )
    engine.dispose()
    return url


def test_0003_gives_old_events_empty_lists(at_0002: str) -> None:
    store = open_store(at_0002)
    try:
        with store.session() as session:
            [event] = events_for_report(session, "sha256:old")
    finally:
        store.close()
    assert (event.associated, event.accounts, event.spans) == ((), (), ())
    assert (event.actor1_category, event.interaction, event.toll_basis) == (None, None, None)


def test_0003_downgrades_and_upgrades_again(at_0002: str) -> None:
    open_store(at_0002).close()
    engine = make_engine(at_0002)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
            columns = {row[1] for row in connection.execute(text("PRAGMA table_info(events)"))}
            assert not columns & {"associated", "interaction", "accounts", "toll_basis", "spans"}
            command.upgrade(config, "head")
            count = connection.execute(text("SELECT count(*) FROM events")).scalar()
            assert count == 1
    finally:
        engine.dispose()
