"""The `warnline` command, run as a user runs it: a child process on the test's own store.

Stores are filled through the library where a test is about another command, to keep the
number of child processes (each loads spaCy when it analyses) small.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from warnline import __version__
from warnline.flow import IngestSummary, ingest, limits_from
from warnline.ingest import Defaults, read_inputs
from warnline.records import Report
from warnline.settings import Settings
from warnline.store import Store, list_reports

Run = Callable[..., subprocess.CompletedProcess[str]]

ORIGINAL = "2024-02-20-somalia-drone-strike-jilib.md"
SYNDICATED = "2024-02-21-somalia-drone-strike-jilib-syndicated.md"
AQAP = "2024-03-11-yemen-aqap-new-leader.md"
COMMANDS = ["init", "analyze", "ingest", "reports", "show", "failures", "serve"]

# Written for these tests: no front matter, so --published and --source apply.
PLAIN = (
    "GAO, MALI – Gunmen on motorcycles attacked a convoy of fuel trucks on the road north of Gao "
    "on Tuesday, killing two drivers, a regional official said. The Islamic State Sahel Province "
    "claimed the attack in a statement on Wednesday.\n"
)
OTHER = (
    "DIFFA, NIGER – Boko Haram fighters raided a village near Diffa overnight and abducted six "
    "women, local officials said on Friday. The army said it had sent troops to the area.\n"
)


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def _one_coded_line(result: subprocess.CompletedProcess[str], code: str) -> str:
    """stderr is exactly one line, starting with the code."""
    _no_traceback(result)
    lines = result.stderr.strip("\n").split("\n")
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{code} "), result.stderr
    assert "(fix: " in lines[0]
    return lines[0]


def _example_reports(examples: Path, settings: Settings) -> list[Report]:
    results = list(read_inputs([str(examples)], [], Defaults(), limits_from(settings)))
    return [r for r in results if isinstance(r, Report)]


def _fill(paths: list[Path], store: Store, settings: Settings) -> IngestSummary:
    return ingest([str(p) for p in paths], [], Defaults(), store, settings=settings)


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "gao.txt"
    path.write_text(PLAIN, encoding="utf-8")
    return path


def test_version(warnline: Run) -> None:
    result = warnline("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"warnline {__version__}"


def test_init_creates_the_store(warnline: Run, settings: Settings, tmp_path: Path) -> None:
    db_file = Path(settings.db_url.removeprefix("sqlite:///"))
    assert db_file.is_relative_to(tmp_path)
    assert not db_file.exists()

    result = warnline("init")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"store ready: {settings.db_url}"
    assert db_file.exists()
    engine = create_engine(settings.db_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"reports", "entities", "places", "mentions", "dates", "failures"} <= tables
    assert "alembic_version" in tables


def test_analyze_prints_the_contract(warnline: Run, plain: Path) -> None:
    result = warnline(
        "analyze", str(plain), "--published", "2024-10-01", "--source", "X", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    _no_traceback(result)
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    assert data["schema"] == "warnline.report/1"
    assert data["document"]["published"] == "2024-10-01"
    assert data["document"]["source"] == "X"
    assert data["document"]["id"].startswith("sha256:")
    assert data["extractor"]["version"]
    assert {e["name"] for e in data["entities"]}


def test_analyze_two_files_prints_json_lines(warnline: Run, plain: Path, tmp_path: Path) -> None:
    other = tmp_path / "diffa.txt"
    other.write_text(OTHER, encoding="utf-8")
    result = warnline("analyze", str(plain), str(other))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip("\n").split("\n")
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    assert [o["schema"] for o in objects] == ["warnline.report/1"] * 2
    assert objects[0]["document"]["id"] != objects[1]["document"]["id"]
    assert objects[0]["document"]["chars"] == len(PLAIN)


def test_analyze_table(warnline: Run, examples: Path) -> None:
    result = warnline("analyze", str(examples / AQAP), "--format", "table")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert not out.lstrip().startswith("{")
    for title in ("Document", "Entities (", "Places (", "Dates ("):
        assert title in out
    assert "AQAP confirms death of leader Batarfi" in out
    assert "Gulf of Aden Review" in out


@pytest.mark.parametrize("name", ["missing.txt", "a-long-name-" * 18 + ".txt"])
def test_analyze_missing_file_is_one_e101_line(warnline: Run, tmp_path: Path, name: str) -> None:
    missing = tmp_path / name
    result = warnline("analyze", str(missing))
    assert result.returncode == 1
    assert result.stdout == ""
    line = _one_coded_line(result, "E101")
    assert line == f"E101 {missing}: no such file or directory (fix: check the path)"


def test_bad_published_is_e150(warnline: Run, plain: Path) -> None:
    result = warnline("analyze", str(plain), "--published", "2024-13-45")
    assert result.returncode == 2
    line = _one_coded_line(result, "E150")
    assert "2024-13-45" in line
    assert result.stdout == ""


def test_bad_format_is_e151(warnline: Run) -> None:
    # docs/errors.md: "E151 | `--format` is not one of the choices", exit code 2.
    result = warnline("reports", "--format", "xml")
    assert result.returncode == 2
    line = _one_coded_line(result, "E151")
    assert "xml" in line


def test_ingest_examples(warnline: Run, examples: Path, store: Store, settings: Settings) -> None:
    expected = _example_reports(examples, settings)
    result = warnline("ingest", str(examples))
    assert result.returncode == 0, result.stderr
    _no_traceback(result)
    assert "Ingest summary" in result.stdout
    rows = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in result.stdout.splitlines()
        if line.count("│") == 3
    }
    assert rows == {
        "stored": str(len(expected)),
        "near duplicates": "1",
        "already stored": "0",
        "notices": "0",
        "failed": "0",
    }
    # Without --quiet, a progress bar on stderr.
    assert "ingesting" in result.stderr
    with store.session() as session:
        assert len(list_reports(session)) == len(expected)


def test_ingest_json_quiet(warnline: Run, examples: Path, settings: Settings) -> None:
    expected = _example_reports(examples, settings)
    result = warnline("ingest", str(examples), "--format", "json", "--quiet")
    assert result.returncode == 0, result.stderr
    # --quiet: no progress bar, and nothing else went wrong to report.
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["counts"] == {
        "stored": len(expected),
        "near_duplicates": 1,
        "already_stored": 0,
        "notices": 0,
        "failed": 0,
    }
    assert len(data["stored"]) == len(expected)
    linked = [o for o in data["stored"] if o["near_duplicate_of"]]
    assert len(linked) == 1
    assert linked[0]["near_duplicate_score"] >= 0.7
    assert data["failures"] == []


def test_ingest_with_a_bad_input_exits_1_and_keeps_the_good(
    warnline: Run, plain: Path, tmp_path: Path, store: Store
) -> None:
    missing = tmp_path / "gone.md"
    result = warnline("ingest", str(missing), str(plain), "--quiet")
    assert result.returncode == 1
    line = _one_coded_line(result, "E101")
    assert str(missing) in line
    assert "Ingest summary" in result.stdout
    with store.session() as session:
        rows = list_reports(session)
    assert [r.origin for r in rows] == [str(plain)]


def test_ingest_nothing_is_e155(warnline: Run) -> None:
    result = warnline("ingest")
    assert result.returncode == 2
    _one_coded_line(result, "E155")


@pytest.fixture
def filled(examples: Path, store: Store, settings: Settings) -> IngestSummary:
    summary = _fill([examples / n for n in (ORIGINAL, SYNDICATED, AQAP)], store, settings)
    assert len(summary.stored) == 3
    return summary


def test_reports_json(warnline: Run, filled: IngestSummary) -> None:
    result = warnline("reports", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted(r["id"] for r in data) == sorted(o.report_id for o in filled.stored)
    by_title = {r["title"]: r for r in data}
    copy = by_title["Somalia: American strike near Jilib hits al-Shabaab vehicle, three dead"]
    assert copy["near_duplicate_of"] == filled.stored[0].report_id
    assert copy["source"] == "Indian Ocean Newswire"
    assert all(r["entities"] > 0 for r in data)


def test_reports_table(warnline: Run, filled: IngestSummary) -> None:
    result = warnline("reports")
    assert result.returncode == 0, result.stderr
    assert "Stored reports" in result.stdout
    for outcome in filled.stored:
        assert outcome.report_id.removeprefix("sha256:")[:12] in result.stdout
    assert "AQAP confirms death of leader Batarfi" in result.stdout
    assert "copy of " + filled.stored[0].report_id[7:19] in result.stdout


def test_show_table(warnline: Run, filled: IngestSummary) -> None:
    wanted = filled.stored[2].report_id
    result = warnline("show", wanted[7:17])
    assert result.returncode == 0, result.stderr
    for title in ("Report", "Document", "Entities (", "Places (", "Dates ("):
        assert title in result.stdout
    assert wanted in result.stdout
    assert "AQAP confirms death of leader Batarfi" in result.stdout


def test_show_json(warnline: Run, filled: IngestSummary) -> None:
    wanted = filled.stored[0].report_id
    result = warnline("show", "sha256:" + wanted[7:17], "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "warnline.report/1"
    assert data["document"]["id"] == wanted
    assert data["document"]["source"] == "Horn Wire"


def test_show_unknown_is_e153(warnline: Run, store: Store) -> None:
    assert store is not None  # an empty, migrated store
    result = warnline("show", "nosuch")
    assert result.returncode == 2
    line = _one_coded_line(result, "E153")
    assert "'nosuch'" in line
    assert result.stdout == ""


def test_failures_json(warnline: Run, tmp_path: Path, store: Store, settings: Settings) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    missing = tmp_path / "gone.md"
    summary = _fill([missing, empty], store, settings)
    assert len(summary.failures) == 2

    result = warnline("failures", "--format", "json")

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted((f["code"], f["severity"], f["subject"]) for f in data) == [
        ("E101", "error", str(missing)),
        ("E102", "error", str(empty)),
    ]
    for failure in data:
        assert failure["message"].startswith(f"{failure['code']} {failure['subject']}: ")
        assert failure["occurred_at"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_example(warnline: Run, command: str) -> None:
    result = warnline(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Example:" in result.stdout
    assert f"warnline {command}" in result.stdout
