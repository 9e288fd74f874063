"""JSON Lines: one warnline.report/1 analysis per stored report."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from warnline.export import (
    ExportFilters,
    ExportSummary,
    export_jsonl,
    export_to_path,
    parse_filters,
)
from warnline.records import Analysis
from warnline.store.schema import ReportRow

Run = Callable[..., tuple[str, ExportSummary]]


def _lines(run_export: Run, **filters: str) -> list[dict[str, Any]]:
    text, summary = run_export(export_jsonl, parse_filters(**filters))
    assert text.endswith("\n") or not text
    lines = [json.loads(line) for line in text.splitlines()]
    assert summary.written == len(lines)
    return lines


def test_one_analysis_per_stored_report(
    run_export: Run, session: Session, report_ids: dict[str, str]
) -> None:
    lines = _lines(run_export)
    assert sorted(line["document"]["id"] for line in lines) == sorted(report_ids.values())
    for line in lines:
        assert line["schema"] == "warnline.report/1"
        stored = session.get(ReportRow, line["document"]["id"])
        assert stored is not None
        assert Analysis.from_dict(line) == Analysis.from_dict(stored.analysis)


def test_oldest_published_first(run_export: Run, session: Session) -> None:
    published = [line["document"]["published"] for line in _lines(run_export)]
    assert published == sorted(published)
    assert len(published) == len(session.scalars(select(ReportRow.id)).all())


@pytest.mark.parametrize(
    ("filters", "reports"),
    [
        ({"country": "SO"}, {"jilib"}),
        ({"actor": "Islamic State Khorasan Province"}, {"kandahar"}),
        ({"country": "AF"}, {"kandahar", "kabul"}),
        ({"event_type": "Battles"}, {"sebba", "jilib", "kabul", "djibo"}),
        ({"country": "NG"}, set()),
    ],
)
def test_filters_keep_reports_with_a_matching_event(
    run_export: Run, report_ids: dict[str, str], filters: dict[str, str], reports: set[str]
) -> None:
    ids = {line["document"]["id"] for line in _lines(run_export, **filters)}
    assert ids == {report_ids[name] for name in reports}


def test_export_to_path_writes_the_whole_file(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "all.jsonl"
    summary = export_to_path(session, "JSONL", ExportFilters(), path)
    assert len(path.read_text(encoding="utf-8").splitlines()) == summary.written > 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["all.jsonl"]
