"""ACLED CSV: ACLED's columns in ACLED's order, coded as ACLED codes, on real ingested reports;
the filters every export shares; and `warnline export` itself."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from warnline.cli import app
from warnline.errors import WarnlineError
from warnline.export import ExportFilters, ExportSummary, export_acled, parse_filters
from warnline.export.acled import acled_rows
from warnline.export.codebook import AcledCodebook, load_acled_codebook
from warnline.export.rows import ExportEvent, ExportPlace, ExportReport
from warnline.records import Toll
from warnline.settings import get_settings
from warnline.store import Store

Run = Callable[..., tuple[str, ExportSummary]]

ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip


def _rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def _row_at(rows: list[dict[str, str]], location: str) -> dict[str, str]:
    matches = [row for row in rows if row["location"] == location]
    assert len(matches) == 1, [row["location"] for row in rows]
    return matches[0]


def test_header_is_acleds_columns_in_acleds_order(run_export: Run) -> None:
    text, _ = run_export(export_acled)
    header, rows = _rows(text)
    assert header == ACLED_HEADER
    assert rows
    assert all(len(row) == len(ACLED_HEADER) and None not in row for row in rows)


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (
            "Sebba",
            {
                "event_date": "2024-05-12",
                "year": "2024",
                "time_precision": "1",
                "disorder_type": "Political violence",
                "event_type": "Battles",
                "sub_event_type": "Non-state actor overtakes territory",
                "actor1": "Jama'at Nusrat al-Islam wal-Muslimin",
                "inter1": "2",
                "inter2": "1",
                "interaction": "12",
                "iso": "854",
                "region": "Western Africa",
                "country": "Burkina Faso",
                "admin1": "Sahel",
                "geo_precision": "1",
                "source": "Sahel Monitor",
                "fatalities": "12",
            },
        ),
        (
            "Jilib",
            {
                "event_date": "2024-02-19",
                "sub_event_type": "Air/drone strike",
                "actor2": "al-Shabaab",
                "interaction": "12",
                "iso": "706",
                "region": "Eastern Africa",
                "country": "Somalia",
                "source": "Horn Wire",
                "fatalities": "3",
            },
        ),
        # "At least 21 killed and 50 wounded": the wounded are never fatalities.
        (
            "Kandahar",
            {
                "event_date": "2024-03-21",
                "sub_event_type": "Suicide bomb",
                "inter1": "2",
                "iso": "4",
                "region": "South Asia",
                "country": "Afghanistan",
                "fatalities": "21",
            },
        ),
    ],
)
def test_row_values_as_acled_codes_them(
    run_export: Run, location: str, expected: dict[str, str]
) -> None:
    _, rows = _rows(run_export(export_acled)[0])
    row = _row_at(rows, location)
    assert {name: row[name] for name in expected} == expected
    assert row["event_id_cnty"][:3] == {"Sebba": "BFA", "Jilib": "SOM", "Kandahar": "AFG"}[location]
    assert location in row["notes"]
    assert -90 <= float(row["latitude"]) <= 90
    assert -180 <= float(row["longitude"]) <= 180


def test_unnamed_civilians_are_named_by_country_and_marked_as_targeted(run_export: Run) -> None:
    _, rows = _rows(run_export(export_acled)[0])
    targeted = [row for row in rows if row["inter2"] == "7"]
    assert targeted
    for row in targeted:
        assert row["civilian_targeting"] == "Civilian targeting"
        assert row["actor2"].startswith("Civilians")
    assert any(row["actor2"] == "Civilians (Afghanistan)" for row in targeted)


def test_ids_are_unique_and_the_same_on_every_export(run_export: Run) -> None:
    first, _ = run_export(export_acled)
    second, _ = run_export(export_acled)
    assert first == second
    ids = [row["event_id_cnty"] for row in _rows(first)[1]]
    assert len(ids) == len(set(ids))


def test_a_battle_over_three_days_is_a_row_a_day(run_export: Run) -> None:
    _, rows = _rows(run_export(export_acled, parse_filters(country="BF"))[0])
    djibo = [row for row in rows if row["location"] == "Djibo"]
    assert [row["event_date"] for row in djibo] == ["2024-05-03", "2024-05-04", "2024-05-05"]
    # 14 killed over three days: 5, 5 and 4.
    assert [row["fatalities"] for row in djibo] == ["5", "5", "4"]
    assert {row["time_precision"] for row in djibo} == {"1"}
    assert len({row["event_id_cnty"] for row in djibo}) == len(djibo)


def _event(start: dt.date, end: dt.date, precision: str, killed: Toll | None) -> ExportEvent:
    report = ExportReport(
        id="sha256:" + "0" * 64,
        title="t",
        source="Outlet",
        url=None,
        published=end,
        ingested_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC),
    )
    place = ExportPlace("Djibo", "BF", "BF-12", "Sahel", 14.1, -1.6, 1, None)
    return ExportEvent(
        report=report,
        local_id="V1",
        type="Battles",
        sub_type="Armed clash",
        actor1=None,
        actor2=None,
        actor1_category=None,
        actor2_category=None,
        associated=(),
        interaction=None,
        place=place,
        geo_precision=1,
        date_start=start,
        date_end=end,
        time_precision=precision,
        killed=killed,
        injured=None,
        killed_or_injured=None,
        sentence="Fighting went on for days.",
        cluster_id=None,
    )


@pytest.mark.parametrize(
    ("start", "end", "precision", "killed", "dates", "fatalities", "time_precision"),
    [
        # Three days known to the day: three rows, the toll shared out, first days first.
        (
            "2024-05-03",
            "2024-05-05",
            "day",
            Toll(best=7, low=7),
            ["03", "04", "05"],
            [3, 2, 2],
            "1",
        ),
        ("2024-05-03", "2024-05-04", "day", Toll(best=1, low=1), ["03", "04"], [1, 0], "1"),
        ("2024-05-03", "2024-05-03", "day", None, ["03"], [0], "1"),
        # The conservative figure: the lower of best and low.
        ("2024-05-03", "2024-05-03", "day", Toll(best=30, low=12, high=40), ["03"], [12], "1"),
        ("2024-05-06", "2024-05-12", "week", Toll(best=4), ["09"], [4], "2"),
        ("2024-05-01", "2024-05-31", "month", Toll(low=10), ["16"], [10], "3"),
    ],
)
def test_days_precision_and_fatalities(
    start: str,
    end: str,
    precision: str,
    killed: Toll | None,
    dates: list[str],
    fatalities: list[int],
    time_precision: str,
) -> None:
    event = _event(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision, killed)
    rows = list(acled_rows(event, load_acled_codebook()))
    assert [row["event_date"][-2:] for row in rows] == dates
    assert [int(row["fatalities"]) for row in rows] == fatalities
    assert {row["time_precision"] for row in rows} == {time_precision}
    assert len({row["event_id_cnty"] for row in rows}) == len(rows)


@pytest.mark.parametrize(
    ("filters", "locations"),
    [
        ({"country": "bf"}, {"Sebba", "Djibo"}),
        ({"event_type": "Suicide bomb"}, {"Kandahar"}),
        ({"event_type": "explosions/remote violence", "admin1": "AF-KAN"}, {"Kandahar"}),
        ({"actor": "AL-SHABAAB"}, {"Jilib"}),
        # Bounds are on the start day: "in March" starts on 1 March, "this year" on 1 January.
        (
            {"since": "2024-03-01", "until": "2024-03-31", "country": "AF"},
            {"Kandahar", "Afghanistan"},
        ),
        ({"since": "2024-03-21", "until": "2024-03-21"}, {"Kandahar"}),
        ({"since": "2024-03-02"}, {"Kandahar", "Sebba", "Djibo"}),
        ({"bbox": "40,-2,45,3"}, {"Jilib"}),
        ({"bbox": "0,10,1,15", "since": "2024-05-12"}, {"Sebba"}),
        ({"country": "NG"}, set()),
    ],
)
def test_filters_select_events(
    run_export: Run, filters: dict[str, str], locations: set[str]
) -> None:
    _, rows = _rows(run_export(export_acled, parse_filters(**filters))[0])
    assert {row["location"] for row in rows} == locations


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        ({"since": "12/05/2024"}, "E240"),
        ({"until": "2024-13-01"}, "E240"),
        ({"bbox": "1,2,3"}, "E241"),
        ({"bbox": "a,b,c,d"}, "E241"),
        ({"bbox": "10,0,5,1"}, "E241"),
        ({"bbox": "0,-95,1,1"}, "E241"),
        ({"event_type": "Massacre"}, "E242"),
        ({"country": "XZ"}, "E243"),
        ({"country": "BFA"}, "E243"),
        ({"admin1": "Sahel"}, "E244"),
        ({"since": "2024-06-01", "until": "2024-05-01"}, "E245"),
    ],
)
def test_bad_filters_are_coded_errors(filters: dict[str, str], code: str) -> None:
    with pytest.raises(WarnlineError) as raised:
        parse_filters(**filters)
    assert raised.value.code.name == code
    assert "(fix: " in raised.value.line()


def test_no_filters_is_no_condition() -> None:
    assert parse_filters() == ExportFilters()
    assert not ExportFilters().any
    assert parse_filters(country="so").any


@pytest.fixture
def cli_env(export_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARNLINE_DB", str(export_store.engine.url))
    get_settings.cache_clear()


@pytest.mark.usefixtures("cli_env")
def test_cli_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "bf.csv"
    args = ["export", "--format", "acled", "--country", "BF", "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"4 records written to {out}" in result.output
    header, rows = _rows(out.read_text(encoding="utf-8"))
    assert header == ACLED_HEADER
    assert [row["location"] for row in rows] == ["Djibo", "Djibo", "Djibo", "Sebba"]


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--format", "acled", "--out", "{tmp}/missing/dir/x.csv"], "E246"),
        (["--format", "kml", "--out", "{tmp}/x.kml"], "E151"),
        (["--format", "geojson", "--out", "{tmp}/x.json", "--since", "May"], "E240"),
    ],
)
def test_cli_errors_are_coded(tmp_path: Path, args: list[str], code: str) -> None:
    result = CliRunner().invoke(app, ["export", *(a.format(tmp=tmp_path) for a in args)])
    assert isinstance(result.exception, WarnlineError), result.output
    assert result.exception.code.name == code
    assert list(tmp_path.iterdir()) == []


def test_the_codebook_is_checked_on_load() -> None:
    codebook = load_acled_codebook()
    assert list(codebook.columns) == ACLED_HEADER
    assert codebook.region("BF") == "Western Africa"
    assert codebook.country_name("SY") == "Syria"
    # A country the table does not list: an empty region and pycountry's name.
    assert codebook.region("FR") == ""
    assert codebook.country_name("FR") == "France"
    data = codebook.model_dump()
    for broken in (
        {**data, "columns": data["columns"][:-1]},
        {**data, "disorder_types": {"Battles": "Political violence"}},
        {**data, "disorder_sub_types": {"Ambush": "Political violence"}},
        {**data, "countries": {"ZZ": {"region": "Nowhere", "stix_region": "africa"}}},
        {**data, "countries": {"BF": {"region": "Western Africa", "stix_region": "sahel"}}},
    ):
        with pytest.raises(ValidationError):
            AcledCodebook.model_validate(broken)
