"""Writing to the store through `flow.ingest`: every layer, with provenance, stored once."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warnline.extract.analysis import EXTRACTOR_VERSION
from warnline.flow import IngestSummary, ingest, limits_from
from warnline.ingest import Defaults, read_inputs
from warnline.ingest.dedup import signature
from warnline.ingest.identity import report_id
from warnline.records import Analysis, Report
from warnline.settings import Settings
from warnline.store import Store
from warnline.store.schema import (
    Base,
    DateRow,
    EntityRow,
    FailureRow,
    MentionRow,
    PlaceRow,
    ReportBandRow,
    ReportRow,
    SourceRow,
)

ORIGINAL = "2024-02-20-somalia-drone-strike-jilib.md"
SYNDICATED = "2024-02-21-somalia-drone-strike-jilib-syndicated.md"

# Written for these tests: a report long enough for word shingles to mean something, and two
# paragraphs that a copy, and then a copy of that copy, add at the end.
BASE = (
    "MAIDUGURI, NIGERIA – Fighters loyal to a jihadist faction attacked a military camp on the "
    "edge of a farming town in the north-east before dawn on Friday, residents and a local "
    "official said. The attackers arrived in a convoy of pickup trucks mounted with heavy guns "
    "and set fire to barracks, a clinic and several shops before soldiers, supported by a "
    "fighter jet, forced them back towards the forest. A farmer who hid in a drainage ditch said "
    "the shooting lasted nearly three hours and that the bodies of at least seven soldiers were "
    "carried to the town's mosque after sunrise. The army did not give a toll but said its troops "
    "had repelled an assault and recovered weapons abandoned by the fighters. The camp had been "
    "reinforced last year after a string of raids on nearby villages, and aid groups working in "
    "the area suspended food distributions while they assessed the damage to roads and storage "
    "buildings used by displaced families."
)
FIRST_ADDITION = (
    "A spokesman for the state government later told reporters that schools in the district "
    "would stay closed for a week, that police had set up new checkpoints on the main highway, "
    "and that families who fled into the bush overnight were slowly returning home."
)
SECOND_ADDITION = (
    "Residents of two neighbouring villages said they had received warnings by text message "
    "days before the raid, and a community leader urged the authorities to explain why the "
    "camp had not been reinforced again despite repeated calls from local people for protection."
)
FRENCH = (
    "Des hommes armés ont attaqué dans la nuit de samedi à dimanche un poste de gendarmerie "
    "situé près de la frontière, selon plusieurs sources locales jointes par téléphone. Les "
    "assaillants, arrivés à moto, ont incendié deux véhicules et emporté des armes avant de se "
    "replier vers la brousse. Un responsable régional a indiqué que quatre gendarmes avaient été "
    "tués et que deux autres étaient portés disparus. Aucune revendication n'a été publiée, mais "
    "la zone connaît depuis des mois des incursions répétées de groupes armés qui menacent les "
    "habitants et bloquent les routes commerciales."
)


def _ingest(paths: list[Path], store: Store, settings: Settings) -> IngestSummary:
    return ingest([str(p) for p in paths], [], Defaults(), store, settings=settings)


def _row_counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in Base.metadata.tables.items()
    }


def _read_reports(paths: list[Path], settings: Settings) -> list[Report]:
    results = list(read_inputs([str(p) for p in paths], [], Defaults(), limits_from(settings)))
    reports = [r for r in results if isinstance(r, Report)]
    assert len(reports) == len(results)
    return reports


def _row_by_origin(session: Session, origin: Path) -> ReportRow:
    return session.scalars(select(ReportRow).where(ReportRow.origin == str(origin))).one()


@pytest.fixture
def ingested(examples: Path, store: Store, settings: Settings) -> IngestSummary:
    """The examples folder, ingested into the test's store."""
    return _ingest([examples], store, settings)


def test_every_example_report_is_stored(
    examples: Path, ingested: IngestSummary, store: Store, settings: Settings
) -> None:
    expected = _read_reports([examples], settings)
    assert len(expected) >= 20
    assert ingested.ok
    assert ingested.failures == []
    assert ingested.duplicates == []
    assert [o.report_id for o in ingested.stored] == [report_id(r.text) for r in expected]
    with store.session() as session:
        assert _row_counts(session)["reports"] == len(expected)
        for report in expected:
            row = session.get(ReportRow, report_id(report.text))
            assert row is not None, report.origin
            assert row.text == report.text
            assert row.origin == report.origin
            assert row.title == report.title
            assert row.published == report.published
            assert row.chars == len(report.text)
            assert row.language == "en"
            assert row.extractor_version == EXTRACTOR_VERSION
            assert row.analysis["document"]["id"] == row.id
            assert row.analysis["extractor"]["version"] == EXTRACTOR_VERSION
            # One band key per MinHash band, to find near-duplicates later.
            bands = session.scalars(
                select(ReportBandRow.band_key).where(ReportBandRow.report_id == row.id)
            ).all()
            assert len(bands) == len(signature(report.text).bands)


def test_sources_are_stored_once_each(
    examples: Path, ingested: IngestSummary, store: Store, settings: Settings
) -> None:
    assert ingested.stored
    expected = {r.source for r in _read_reports([examples], settings) if r.source}
    with store.session() as session:
        names = session.scalars(select(SourceRow.name)).all()
        assert sorted(names) == sorted(expected)
        for row in session.scalars(select(ReportRow)):
            source = session.get(SourceRow, row.source_id) if row.source_id else None
            assert (source.name if source else None) == row.analysis["document"]["source"]


def test_layers_are_stored_with_spans_and_provenance(ingested: IngestSummary, store: Store) -> None:
    totals = {"entities": 0, "places": 0, "mentions": 0, "dates": 0}
    with store.session() as session:
        for outcome in ingested.stored:
            row = session.get(ReportRow, outcome.report_id)
            assert row is not None
            analysis = Analysis.from_dict(row.analysis)
            text = row.text

            entities = session.scalars(select(EntityRow).where(EntityRow.report_id == row.id)).all()
            assert {(e.local_id, e.name, e.kind) for e in entities} == {
                (e.id, e.name, e.kind) for e in analysis.entities
            }
            spans_by_entity = {e.id: set(e.mentions) for e in analysis.entities}
            for entity in entities:
                assert entity.extractor_version == EXTRACTOR_VERSION
                mentions = session.scalars(
                    select(MentionRow).where(MentionRow.entity_id == entity.id)
                ).all()
                assert {(m.span_start, m.span_end) for m in mentions} == spans_by_entity[
                    entity.local_id
                ]

            places = session.scalars(select(PlaceRow).where(PlaceRow.report_id == row.id)).all()
            assert {(p.local_id, p.name) for p in places} == {
                (p.id, p.name) for p in analysis.places
            }
            spans_by_place = {p.id: set(p.mentions) for p in analysis.places}
            for place in places:
                assert place.extractor_version == EXTRACTOR_VERSION
                mentions = session.scalars(
                    select(MentionRow).where(MentionRow.place_id == place.id)
                ).all()
                assert {(m.span_start, m.span_end) for m in mentions} == spans_by_place[
                    place.local_id
                ]

            mentions = session.scalars(
                select(MentionRow).where(MentionRow.report_id == row.id)
            ).all()
            assert len(mentions) == sum(len(e.mentions) for e in analysis.entities) + sum(
                len(p.mentions) for p in analysis.places
            )
            for mention in mentions:
                assert 0 <= mention.span_start < mention.span_end <= len(text)
                assert mention.text == text[mention.span_start : mention.span_end]
                assert mention.text.strip()
                assert mention.extractor_version == EXTRACTOR_VERSION

            dates = session.scalars(select(DateRow).where(DateRow.report_id == row.id)).all()
            assert sorted((d.text, d.span_start, d.span_end) for d in dates) == sorted(
                (d.text, *d.span) for d in analysis.dates
            )
            for date in dates:
                assert date.text == text[date.span_start : date.span_end]
                assert date.extractor_version == EXTRACTOR_VERSION

            totals["entities"] += len(entities)
            totals["places"] += len(places)
            totals["mentions"] += len(mentions)
            totals["dates"] += len(dates)
    # The examples name groups, places and dates in every report: none of the layers is empty.
    assert all(count > len(ingested.stored) for count in totals.values()), totals


def test_ingesting_again_stores_nothing_new(
    examples: Path, ingested: IngestSummary, store: Store, settings: Settings
) -> None:
    with store.session() as session:
        before = _row_counts(session)
    again = _ingest([examples], store, settings)
    assert again.stored == []
    assert again.failures == []
    assert again.notices == []
    assert [o.report_id for o in again.duplicates] == [o.report_id for o in ingested.stored]
    assert {o.status for o in again.duplicates} == {"duplicate"}
    with store.session() as session:
        assert _row_counts(session) == before
    assert before["reports"] == len(ingested.stored)


def _crlf(body: str) -> str:
    return body.replace("\n", "\r\n")


def _rewrapped(body: str) -> str:
    """Hard line breaks every few words, as a mail client or a PDF export would make them."""
    words = body.split(" ")
    return "\n".join(" ".join(words[i : i + 7]) for i in range(0, len(words), 7))


def _spaced(body: str) -> str:
    return "   " + re.sub(r"\s+", lambda m: m.group(0) + "  \t", body) + "\n\n\n"


def _paragraphs_joined(body: str) -> str:
    return body.replace("\n\n", "\n")


@pytest.mark.parametrize(
    "relayout",
    [
        pytest.param(_crlf, id="crlf"),
        pytest.param(_rewrapped, id="rewrapped"),
        pytest.param(_spaced, id="extra-spaces-and-tabs"),
        pytest.param(_paragraphs_joined, id="paragraphs-joined"),
    ],
)
def test_same_text_in_another_layout_is_a_duplicate(
    examples: Path,
    tmp_path: Path,
    store: Store,
    settings: Settings,
    relayout: Callable[[str], str],
) -> None:
    source = (examples / ORIGINAL).read_bytes()
    front, _, body = source.decode("utf-8").partition("\n---\n")
    copy = tmp_path / "copy.md"
    copy.write_bytes((front + "\n---\n" + relayout(body)).encode("utf-8"))
    assert copy.read_bytes() != source

    summary = _ingest([examples / ORIGINAL, copy], store, settings)

    assert [o.status for o in summary.stored] == ["stored"]
    assert [(o.report_id, o.status) for o in summary.duplicates] == [
        (summary.stored[0].report_id, "duplicate")
    ]
    with store.session() as session:
        counts = _row_counts(session)
    assert counts["reports"] == 1


def test_syndicated_copy_is_linked_to_the_original(
    examples: Path, ingested: IngestSummary, store: Store
) -> None:
    with store.session() as session:
        original = _row_by_origin(session, examples / ORIGINAL)
        copy = _row_by_origin(session, examples / SYNDICATED)
        assert copy.id != original.id
        assert copy.near_duplicate_of == original.id
        assert copy.near_duplicate_score is not None
        assert 0.7 <= copy.near_duplicate_score <= 1.0
        assert original.near_duplicate_of is None
        assert original.near_duplicate_score is None
        # No other report is anybody's copy: not even the two accounts of the Sebba attack,
        # which tell one story in different words.
        linked = session.scalars(
            select(ReportRow.id).where(ReportRow.near_duplicate_of.is_not(None))
        ).all()
        assert linked == [copy.id]
    assert [(o.report_id, o.near_duplicate_of) for o in ingested.near_duplicates] == [
        (copy.id, original.id)
    ]


def test_copy_of_a_copy_links_to_the_first(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    first_text = BASE
    second_text = BASE + "\n\n" + FIRST_ADDITION
    third_text = second_text + "\n\n" + SECOND_ADDITION
    first, second, third = (signature(t) for t in (first_text, second_text, third_text))
    threshold = settings.near_duplicate_threshold
    # The third is close to the second but, on its own, not close enough to the first.
    assert first.similarity(second) >= threshold
    assert second.similarity(third) >= threshold
    assert first.similarity(third) < threshold

    paths = []
    for name, text in (("1-first", first_text), ("2-second", second_text), ("3-third", third_text)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    summary = _ingest(paths, store, settings)

    assert [o.status for o in summary.stored] == ["stored"] * 3
    root = summary.stored[0]
    assert root.near_duplicate_of is None
    assert summary.stored[1].near_duplicate_of == root.report_id
    assert summary.stored[2].near_duplicate_of == root.report_id
    with store.session() as session:
        stored = {row.id: row.near_duplicate_of for row in session.scalars(select(ReportRow)).all()}
    assert stored == {
        root.report_id: None,
        summary.stored[1].report_id: root.report_id,
        summary.stored[2].report_id: root.report_id,
    }


def test_non_english_report_is_stored_flagged_with_a_notice(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    path = tmp_path / "rapport.txt"
    path.write_text(FRENCH + "\n", encoding="utf-8")
    assert 70 <= len(FRENCH.split()) <= 110

    summary = _ingest([path], store, settings)

    assert summary.ok
    [outcome] = summary.stored
    assert [(n.code, n.severity, n.subject) for n in summary.notices] == [
        ("W150", "warning", str(path))
    ]
    with store.session() as session:
        row = session.get(ReportRow, outcome.report_id)
        assert row is not None
        assert row.language == "fr"
        assert "not_english" in row.flags
        assert row.analysis["entities"] == []
        for model in (EntityRow, PlaceRow, MentionRow, DateRow):
            count = session.scalar(
                select(func.count()).select_from(model).where(model.report_id == row.id)
            )
            assert count == 0, model.__tablename__
        notices = session.scalars(select(FailureRow)).all()
        assert [(f.code, f.severity, f.report_id, f.subject) for f in notices] == [
            ("W150", "warning", row.id, str(path))
        ]
        assert notices[0].message.startswith(f"W150 {path}: ")


def test_reading_notice_is_kept_with_its_report(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    path = tmp_path / "undated.md"
    path.write_text(
        '---\ntitle: "Convoy ambushed"\npublished: "last Tuesday"\n---\n' + BASE + "\n",
        encoding="utf-8",
    )
    summary = _ingest([path], store, settings)

    assert summary.ok
    [outcome] = summary.stored
    assert [n.code for n in summary.notices] == ["W151"]
    with store.session() as session:
        row = session.get(ReportRow, outcome.report_id)
        assert row is not None
        assert row.published is None
        notices = session.scalars(select(FailureRow)).all()
        assert [(f.code, f.severity, f.report_id) for f in notices] == [("W151", "warning", row.id)]


def test_failed_input_is_recorded_without_a_report(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    missing = tmp_path / "nowhere.md"
    summary = _ingest([missing], store, settings)

    assert not summary.ok
    assert summary.stored == []
    with store.session() as session:
        counts = _row_counts(session)
        failures = session.scalars(select(FailureRow)).all()
    assert counts["reports"] == 0
    assert [(f.code, f.severity, f.subject, f.report_id) for f in failures] == [
        ("E101", "error", str(missing), None)
    ]
