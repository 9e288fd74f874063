"""Several `warnline ingest` processes at once on one PostgreSQL store, over overlapping inputs:
every report is stored once, no run fails, and the cross-report tables get no duplicates.

PostgreSQL only by design: SQLite lets one writer at a time, so there is no race to test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.conftest import NewDatabase

from warnline.flow import analyze_report, ingest
from warnline.ingest import Defaults
from warnline.ingest.dedup import signature
from warnline.records import Report, SaveOutcome
from warnline.store import Store, open_store, save_analysis
from warnline.store.schema import ActorRow, EventClusterRow, FailureRow, ReportRow, SourceRow

# Each report names actors and places the others name too, so the processes race to make the
# same actors, sources and clusters.
REPORTS = {
    "a.md": (
        "Sahel Wire",
        "GAO, MALI – Fighters of the Islamic State Sahel Province attacked a Malian army post "
        "near Gao on 3 May and killed nine soldiers, the army said.",
    ),
    "b.md": (
        "Niger Daily",
        "GAO, MALI – Islamic State Sahel Province fighters attacked an army post near Gao on "
        "3 May, killing 12 soldiers, local sources said.",
    ),
    "c.md": (
        "Sahel Wire",
        "MENAKA, MALI – Jama'at Nusrat al-Islam wal-Muslimin fighters ambushed a convoy near "
        "Menaka on 4 May, the regional governor said.",
    ),
    "d.md": (
        "Desert Post",
        "MENAKA, MALI – JNIM claimed an ambush on a convoy near Menaka on 4 May in which "
        "Islamic State Sahel Province lost six men.",
    ),
}
# Three runs over overlapping folders: every report is in two or three of them.
RUNS = (("a.md", "b.md", "c.md"), ("b.md", "c.md", "d.md"), ("a.md", "c.md", "d.md"))


def _write_runs(root: Path) -> list[Path]:
    folders = []
    for number, names in enumerate(RUNS):
        folder = root / f"run{number}"
        folder.mkdir()
        for name in names:
            source, body = REPORTS[name]
            (folder / name).write_text(
                f'---\ntitle: "{name}"\nsource: "{source}"\npublished: 2024-05-05\n---\n{body}\n',
                encoding="utf-8",
            )
        folders.append(folder)
    return folders


def test_three_processes_store_each_report_once(tmp_path: Path, new_database: NewDatabase) -> None:
    url = new_database("postgresql", tmp_path)
    env = {**os.environ, "WARNLINE_DB": url, "WARNLINE_DATA_DIR": str(tmp_path / "data")}
    env.pop("WARNLINE_DEBUG", None)
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "warnline", "ingest", str(folder)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for folder in _write_runs(tmp_path)
    ]
    results = [(child.wait(timeout=300), *child.communicate()) for child in children]
    assert [code for code, _, _ in results] == [0, 0, 0], results
    store = open_store(url)
    try:
        with store.session() as session:
            titles = Counter(session.scalars(select(ReportRow.title)))
            assert titles == Counter(REPORTS.keys())
            assert session.scalar(select(func.count()).select_from(FailureRow)) == 0
            sources = Counter(session.scalars(select(SourceRow.name)))
            assert sources == Counter({"Sahel Wire": 1, "Niger Daily": 1, "Desert Post": 1})
            raced = _cross_report(session)
    finally:
        store.close()
    # The same reports ingested by one process: what the cross-report tables should hold.
    serial = open_store(new_database("postgresql", tmp_path))
    try:
        assert not ingest(
            [str(tmp_path / "run0"), str(tmp_path / "run1")], [], Defaults(), serial
        ).failures
        with serial.session() as session:
            assert raced == _cross_report(session)
    finally:
        serial.close()


def _cross_report(session: Session) -> tuple[Counter[str], Counter[tuple[str, str, int]]]:
    """The actors by name, and the event clusters by type, place and number of sources."""
    actors = Counter(session.scalars(select(ActorRow.name)))
    clusters = Counter(
        (row.type, row.location or "", row.sources)
        for row in session.scalars(select(EventClusterRow))
    )
    assert actors
    assert clusters
    return actors, clusters


def test_a_report_stored_meanwhile_by_another_writer_is_a_duplicate(
    tmp_path: Path, new_database: NewDatabase
) -> None:
    """Two transactions both find the report missing; the one that commits second sees the
    unique key refuse its insert, and that is a duplicate, not an error."""
    store = open_store(new_database("postgresql", tmp_path))
    report = Report(text=REPORTS["a.md"][1], origin="a.md")
    analysis = analyze_report(report)

    def save(session: Session) -> SaveOutcome:
        return save_analysis(
            session, report, analysis, signature(report.text), near_duplicate_threshold=0.7
        )

    second: list[SaveOutcome] = []
    try:
        with store.session() as first_session:
            first = save(first_session)
            # The second writer's insert waits on the first's uncommitted row, then fails.
            waiting = threading.Thread(target=lambda: second.append(_save_apart(store, save)))
            waiting.start()
            waiting.join(timeout=1)
            assert waiting.is_alive()
        waiting.join(timeout=60)
        assert (first.status, [outcome.status for outcome in second]) == ("stored", ["duplicate"])
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(ReportRow)) == 1
    finally:
        store.close()


def _save_apart(store: Store, save: Callable[[Session], SaveOutcome]) -> SaveOutcome:
    with store.session() as session:
        return save(session)
