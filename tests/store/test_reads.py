"""Reading the store: report listings, one analysis by id prefix, failures and notices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import NewDatabase

from warnline.errors import Errors, WarnlineError
from warnline.flow import IngestSummary, analyze_report, ingest, limits_from
from warnline.ingest import Defaults, read_inputs
from warnline.ingest.identity import report_id
from warnline.records import Report, StoredReport
from warnline.settings import Settings
from warnline.store import (
    Store,
    find_report,
    list_failures,
    list_reports,
    load_analysis,
    open_store,
)
from warnline.store.reads import count_reports

SYNDICATED = "2024-02-21-somalia-drone-strike-jilib-syndicated.md"
SPANISH = (
    "Hombres armados atacaron el sábado por la noche un puesto de la policía en una zona rural "
    "cercana a la frontera, según informaron fuentes locales. Los atacantes llegaron en "
    "motocicletas, quemaron dos vehículos y se llevaron armas antes de huir hacia el monte. Un "
    "funcionario regional dijo que cuatro agentes murieron y que otros dos siguen desaparecidos. "
    "Ningún grupo ha reivindicado el ataque, pero la región sufre desde hace meses incursiones "
    "de grupos armados que amenazan a los vecinos y cortan las carreteras del comercio."
)


@dataclass(frozen=True)
class Library:
    """A store holding the examples, a Spanish report and two failed inputs; built once."""

    store: Store
    settings: Settings
    summary: IngestSummary
    reports: dict[str, Report]  # by id
    spanish: Path
    missing: Path
    bad_jsonl: Path


@pytest.fixture(scope="module")
def library(
    examples: Path,
    tmp_path_factory: pytest.TempPathFactory,
    backend: str,
    new_database: NewDatabase,
) -> Iterator[Library]:
    # Read-only tests share one ingest: analysing every example for each test costs seconds.
    root = tmp_path_factory.mktemp("reads")
    settings = Settings(db=new_database(backend, root / "store"), data_dir=root / "data")
    spanish = root / "informe.txt"
    spanish.write_text(SPANISH + "\n", encoding="utf-8")
    bad_jsonl = root / "wire.jsonl"
    bad_jsonl.write_text('{"text": "unfinished\n', encoding="utf-8")
    missing = root / "missing.md"
    inputs = [str(examples), str(spanish), str(missing), str(bad_jsonl)]
    reports = {
        report_id(r.text): r
        for r in read_inputs(inputs, [], Defaults(), limits_from(settings))
        if isinstance(r, Report)
    }
    store = open_store(settings.db_url)
    summary = ingest(inputs, [], Defaults(), store, settings=settings)
    yield Library(store, settings, summary, reports, spanish, missing, bad_jsonl)
    store.close()


def _all(library: Library) -> list[StoredReport]:
    with library.store.session() as session:
        return list_reports(session)


def test_list_reports_lists_every_stored_report(library: Library) -> None:
    rows = _all(library)
    assert len(library.reports) >= 21
    assert {r.id for r in rows} == set(library.reports)
    assert len(rows) == len(library.reports)
    for row in rows:
        report = library.reports[row.id]
        assert row.title == report.title
        assert row.source == report.source
        assert row.published == report.published
        assert row.origin == report.origin
        assert isinstance(row.ingested_at, dt.datetime)


def test_list_reports_counts_match_the_analysis(library: Library) -> None:
    rows = _all(library)
    with library.store.session() as session:
        for row in rows:
            _summary, analysis, _text = load_analysis(session, row.id)
            assert (row.entities, row.places, row.dates) == (
                len(analysis.entities),
                len(analysis.places),
                len(analysis.dates),
            ), row.origin
    assert sum(r.entities for r in rows) > len(rows)


def test_list_reports_newest_first(library: Library) -> None:
    rows = _all(library)
    times = [r.ingested_at for r in rows]
    assert times == sorted(times, reverse=True)
    # Ingested in order, so the last input read comes first.
    assert rows[-1].id == library.summary.stored[0].report_id
    assert rows[0].id == library.summary.stored[-1].report_id


def test_list_reports_flags_and_links(library: Library, examples: Path) -> None:
    rows = {r.origin: r for r in _all(library)}
    spanish = rows[str(library.spanish)]
    assert spanish.language == "es"
    # Written in the test without a date: the flag says relative dates stay unresolved.
    assert spanish.flags == ("not_english", "no_published_date")
    assert (spanish.entities, spanish.places, spanish.dates) == (0, 0, 0)
    copy = rows[str(examples / SYNDICATED)]
    original = rows[str(examples / "2024-02-20-somalia-drone-strike-jilib.md")]
    assert copy.near_duplicate_of == original.id
    assert copy.near_duplicate_score is not None
    assert copy.near_duplicate_score >= 0.7


@pytest.mark.parametrize(("limit", "offset"), [(5, 0), (5, 5), (7, 14), (100, 3), (3, 1000)])
def test_list_reports_pages(library: Library, limit: int, offset: int) -> None:
    everything = _all(library)
    with library.store.session() as session:
        page = list_reports(session, limit=limit, offset=offset)
        assert count_reports(session) == len(everything)
    assert page == everything[offset : offset + limit]


def _prefixes(full_id: str) -> list[str]:
    digits = full_id.removeprefix("sha256:")
    return [
        digits[:8],
        digits[:12],
        digits,
        full_id,
        f"sha256:{digits[:8]}",
        f"  {digits[:10]} ",
    ]


@pytest.mark.parametrize("form", range(6), ids=["8", "12", "64", "full", "sha256-8", "spaces"])
def test_load_analysis_by_prefix(library: Library, form: int) -> None:
    wanted = next(o.report_id for o in library.summary.stored if o.near_duplicate_of)
    prefix = _prefixes(wanted)[form]
    with library.store.session() as session:
        summary, analysis, text = load_analysis(session, prefix)
        found = find_report(session, prefix)
    report = library.reports[wanted]
    assert summary.id == wanted
    assert found.id == wanted
    assert found.source == report.source
    assert text == report.text
    assert analysis.document.id == wanted
    # What comes back is what the extractor made: the stored JSON loses nothing.
    assert analysis == analyze_report(report, library.settings)
    assert summary.near_duplicate_of is not None
    assert (summary.entities, summary.places, summary.dates) == (
        len(analysis.entities),
        len(analysis.places),
        len(analysis.dates),
    )


@pytest.mark.parametrize(
    "prefix", ["nosuch", "0000000000000", "sha256:zz", "%", "_", "sha256:%", "", "   "]
)
def test_unknown_prefix_is_e153(library: Library, prefix: str) -> None:
    literal = prefix.strip().removeprefix("sha256:")
    if literal.isalnum():
        assert not any(i.removeprefix("sha256:").startswith(literal) for i in library.reports)
    with library.store.session() as session:
        with pytest.raises(WarnlineError) as caught:
            load_analysis(session, prefix)
        assert caught.value.code is Errors.E153
        with pytest.raises(WarnlineError) as again:
            find_report(session, prefix)
        assert again.value.code is Errors.E153
    assert caught.value.line().startswith(f"E153 {prefix}: no report with an id starting ")


def test_ambiguous_prefix_is_e154(library: Library) -> None:
    firsts = [i.removeprefix("sha256:")[0] for i in library.reports]
    shared = next(c for c in firsts if firsts.count(c) > 1)
    with library.store.session() as session, pytest.raises(WarnlineError) as caught:
        load_analysis(session, shared)
    assert caught.value.code is Errors.E154


def test_list_failures_shows_errors_and_notices(library: Library) -> None:
    with library.store.session() as session:
        rows = list_failures(session)
    spanish_id = report_id(SPANISH + "\n")
    got = sorted((r.code, r.severity, r.subject, r.report_id) for r in rows)
    assert got == [
        ("E101", "error", str(library.missing), None),
        ("E130", "error", str(library.bad_jsonl), None),
        ("W150", "warning", str(library.spanish), spanish_id),
    ]
    for row in rows:
        assert row.message.startswith(f"{row.code} {row.subject}: ")
        assert "\n" not in row.message
    times = [(r.occurred_at, r.id) for r in rows]
    assert times == sorted(times, reverse=True)


@pytest.mark.parametrize(
    ("severity", "codes"), [("error", {"E101", "E130"}), ("warning", {"W150"})]
)
def test_list_failures_by_severity(library: Library, severity: str, codes: set[str]) -> None:
    with library.store.session() as session:
        rows = list_failures(session, severity=severity)
        limited = list_failures(session, limit=1)
    assert {r.code for r in rows} == codes
    assert {r.severity for r in rows} == {severity}
    assert len(limited) == 1


def test_times_come_back_in_utc(library: Library) -> None:
    # The columns are DateTime(timezone=True) and written as UTC: they must read back as such,
    # or the API and `--format json` print times with no zone that readers take as local.
    with library.store.session() as session:
        report = list_reports(session, limit=1)[0]
        failure = list_failures(session, limit=1)[0]
    for moment in (report.ingested_at, failure.occurred_at):
        assert moment.tzinfo is not None
        assert moment.utcoffset() == dt.timedelta(0)
