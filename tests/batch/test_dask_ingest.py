"""Ingest on a real Dask LocalCluster: the store ends up as the in-process run leaves it, a bad
file fails alone, and a run whose client or worker is killed -9 finishes without a report lost
or stored twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from distributed import Client, LocalCluster
from sqlalchemy import func, select
from tests.batch.conftest import REPORTS, write_corpus

from warnline.batch import ClusterSpec, ingest_on_cluster
from warnline.errors import WarnlineError
from warnline.flow import IngestSummary, ingest
from warnline.ingest import Defaults
from warnline.store import Store, list_failures, load_analysis, open_store
from warnline.store.schema import ReportRow

# Small batches, so that a run has several tasks in flight and commits between them.
BATCH = 4
# Keys that say when, not what: they may differ between two runs over the same inputs.
TIMESTAMP_KEYS = {"ingested_at", "analysed_at", "created_at", "occurred_at"}
# Longest wait for a child process; a run over the corpus takes well under a minute.
PATIENCE = 240.0


def _open(path: Path, *, migrate: bool = True) -> Store:
    return open_store(f"sqlite:///{path}", migrate=migrate)


@pytest.fixture(scope="module")
def in_process(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = _open(tmp_path_factory.mktemp("in_process") / "w.db")
    ingest([str(corpus)], [], Defaults(), store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def on_cluster(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, IngestSummary]]:
    store = _open(tmp_path_factory.mktemp("on_cluster") / "w.db")
    summary = ingest_on_cluster(
        [str(corpus)], [], Defaults(), store, ClusterSpec(workers=2, batch_size=BATCH)
    )
    yield store, summary
    store.close()


def _stored(store: Store) -> dict[str, dict[str, Any]]:
    """Every stored report's analysis and cross-report links, by report id, without timestamps."""
    with store.session() as session:
        rows = session.execute(select(ReportRow.id, ReportRow.near_duplicate_of)).all()
        return {
            row.id: {
                "analysis": _without_timestamps(load_analysis(session, row.id)[1].to_dict()),
                "near_duplicate_of": row.near_duplicate_of,
            }
            for row in rows
        }


def _without_timestamps(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_timestamps(v) for k, v in value.items() if k not in TIMESTAMP_KEYS}
    if isinstance(value, list):
        return [_without_timestamps(v) for v in value]
    return value


def _count(db: Path) -> int:
    # Read only: the child process is writing, and the schema is made before it starts.
    store = _open(db, migrate=False)
    try:
        with store.session() as session:
            return session.scalar(select(func.count()).select_from(ReportRow)) or 0
    finally:
        store.close()


def test_cluster_run_stores_every_report_and_records_the_empty_file(
    on_cluster: tuple[Store, IngestSummary],
) -> None:
    store, summary = on_cluster
    assert len(summary.stored) == REPORTS
    assert [f.code for f in summary.failures] == ["E102"]
    assert summary.failures[0].subject.endswith("report_empty.md")
    with store.session() as session:
        failures = list_failures(session)
    assert [(f.code, Path(f.subject).name) for f in failures] == [("E102", "report_empty.md")]


def test_cluster_run_stores_what_the_in_process_run_stores(
    in_process: Store, on_cluster: tuple[Store, IngestSummary]
) -> None:
    expected = _stored(in_process)
    got = _stored(on_cluster[0])
    assert len(expected) == REPORTS
    assert sorted(got) == sorted(expected)
    for rid, stored in expected.items():
        assert got[rid] == stored, rid


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        (ClusterSpec(workers=0), "E280"),
        (ClusterSpec(workers=-2), "E280"),
        (ClusterSpec(workers=2, address="tcp://127.0.0.1:8786"), "E282"),
        (ClusterSpec(workers=1, batch_size=0), "E284"),
        (ClusterSpec(address="tcp://127.0.0.1:9"), "E281"),
    ],
)
def test_a_spec_that_cannot_run_is_a_coded_error(
    spec: ClusterSpec, code: str, corpus: Path, tmp_path: Path
) -> None:
    store = _open(tmp_path / "w.db")
    try:
        with pytest.raises(WarnlineError) as raised:
            ingest_on_cluster([str(corpus)], [], Defaults(), store, spec)
    finally:
        store.close()
    assert raised.value.code.name == code


def _ingest_command(db: Path, corpus: Path, *options: str) -> subprocess.Popen[str]:
    _open(db).close()  # the schema first, so that the test can count while the child writes
    env = {**os.environ, "WARNLINE_DB": f"sqlite:///{db}"}
    return subprocess.Popen(
        [sys.executable, "-m", "warnline", "ingest", str(corpus), "--quiet", *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_reports(db: Path, child: subprocess.Popen[str], at_least: int) -> int:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        count = _count(db)
        if count >= at_least:
            return count
        assert child.poll() is None, child.communicate()
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} reports stored after {PATIENCE} s")


def _stored_ids(db: Path) -> list[str]:
    store = _open(db)
    try:
        with store.session() as session:
            return list(session.scalars(select(ReportRow.id)))
    finally:
        store.close()


def test_client_killed_mid_run_then_run_again_stores_each_report_once(
    corpus: Path, in_process: Store, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    child = _ingest_command(db, corpus, "--workers", "2", "--batch-size", str(BATCH))
    _wait_for_reports(db, child, at_least=BATCH)
    spawned = psutil.Process(child.pid).children(recursive=True)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=PATIENCE)
    # Its cluster's processes lost their parent; they are ours to end.
    for process in spawned:
        if process.is_running():
            process.kill()
    assert _count(db) < REPORTS, "the run finished before it was killed; nothing was tested"

    again = _ingest_command(db, corpus, "--workers", "2", "--batch-size", str(BATCH))
    _out, errors = again.communicate(timeout=PATIENCE)
    assert again.returncode == 1, errors  # the empty file
    ids = _stored_ids(db)
    assert len(ids) == len(set(ids)) == REPORTS
    assert set(ids) == set(_stored(in_process))


def test_worker_killed_mid_run_the_run_still_stores_every_report(
    corpus: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.db"
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        Client(cluster) as client,
    ):
        worker_pids = list(client.run(os.getpid).values())
        child = _ingest_command(
            db, corpus, "--cluster", cluster.scheduler_address, "--batch-size", str(BATCH)
        )
        stored_before = _wait_for_reports(db, child, at_least=1)
        os.kill(worker_pids[0], signal.SIGKILL)
        out, errors = child.communicate(timeout=PATIENCE)
    assert stored_before < REPORTS, "the run finished before the kill; nothing was tested"
    assert child.returncode == 1, errors  # the empty file, and nothing else
    assert "E283" not in out + errors
    ids = _stored_ids(db)
    assert len(ids) == len(set(ids)) == REPORTS


def test_a_bad_workers_value_is_one_coded_line(corpus: Path, tmp_path: Path) -> None:
    child = _ingest_command(tmp_path / "w.db", corpus, "--workers", "0")
    _out, errors = child.communicate(timeout=PATIENCE)
    assert child.returncode == 2
    assert "Traceback" not in errors
    assert next(line for line in errors.splitlines() if line.strip()).startswith("E280 --workers")


def test_a_second_corpus_copy_is_skipped_as_already_stored(
    on_cluster: tuple[Store, IngestSummary], tmp_path: Path
) -> None:
    # The same reports under other file names: every one is found stored before any work.
    copy = write_corpus(tmp_path / "copy")
    summary = ingest_on_cluster(
        [str(copy)], [], Defaults(), on_cluster[0], ClusterSpec(workers=1, batch_size=BATCH)
    )
    assert (len(summary.stored), len(summary.duplicates)) == (0, REPORTS)
