"""One store for the export tests: a few of the project's example reports, ingested by the
real pipeline once for the package (exports only read it)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.export import ExportFilters, ExportSummary
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.store import Store, open_store
from warnline.store.schema import ReportRow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Short names the tests use -> example files. In Kabul the Taliban deny a UN report: a denial.
REPORTS = {
    "sebba": "2024-05-13-burkina-sebba-attack-sahel-monitor.md",
    "jilib": "2024-02-20-somalia-drone-strike-jilib.md",
    "kandahar": "2024-03-22-kandahar-bank-bombing-iskp.md",
    "kabul": "2024-07-10-kabul-taliban-deny-ttp-bases.md",
}

# Written for these tests: a battle reported over three days, each day known (ACLED: a row a day).
DJIBO = """---
title: "Fighting around Djibo"
source: "Sahel Monitor"
published: 2024-05-07
---
DJIBO, BURKINA FASO – Fighting between the army and JNIM militants around Djibo from 3 to 5 May \
killed 14 soldiers, security sources said on Tuesday.
"""

Exporter = Callable[[Session, ExportFilters, TextIO], ExportSummary]


@pytest.fixture(scope="package")
def export_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("export")
    (folder / "djibo.md").write_text(DJIBO, encoding="utf-8")
    store = open_store(f"sqlite:///{folder / 'w.db'}")
    paths = [str(EXAMPLES / name) for name in REPORTS.values()] + [str(folder / "djibo.md")]
    summary = ingest(paths, [], Defaults(), store)
    assert len(summary.stored) == len(paths), summary
    yield store
    store.close()


@pytest.fixture(scope="package")
def report_ids(export_store: Store) -> dict[str, str]:
    """Each example's stored report id, by its short name ("sebba")."""
    with export_store.session() as session:
        origins = {
            row.origin: row.id for row in session.execute(select(ReportRow.origin, ReportRow.id))
        }
    return {
        short: next(rid for origin, rid in origins.items() if origin.endswith(name))
        for short, name in {**REPORTS, "djibo": "djibo.md"}.items()
    }


@pytest.fixture
def session(export_store: Store) -> Iterator[Session]:
    with export_store.session() as opened:
        yield opened


@pytest.fixture
def run_export(session: Session) -> Callable[..., tuple[str, ExportSummary]]:
    """Run one exporter into a string: `run_export(export_acled, ExportFilters(...))`."""

    def run(exporter: Exporter, filters: ExportFilters | None = None) -> tuple[str, ExportSummary]:
        out = io.StringIO()
        summary = exporter(session, filters or ExportFilters(), out)
        return out.getvalue(), summary

    return run
