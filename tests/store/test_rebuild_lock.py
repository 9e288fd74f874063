"""The commands that rebuild the cross-report tables take the writers' lock that ingest takes,
so a rebuild and an ingest on one PostgreSQL store take turns instead of mixing their actors
and clusters.

PostgreSQL only by design: SQLite lets one writer at a time, so there is no race to test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from tests.conftest import NewDatabase
from tests.store.test_concurrent_ingest import REPORTS

from warnline.analyse.actor_edits import list_actors, merge_actors, show_actor, split_actor
from warnline.analyse.alerts import rebuild_alerts
from warnline.analyse.credibility import grade_source
from warnline.analyse.event_clusters import rebuild_clusters
from warnline.analyse.names import name_key
from warnline.analyse.resolution import rebuild_actors
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.store import Store, open_store
from warnline.store.schema import ActorDecisionRow, ActorRow, EntityRow, EventClusterRow, EventRow

# Advisory locks held by a backend (granted) or waited for (not granted).
ADVISORY = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted = :granted"
HELD_HERE = ADVISORY + " AND pid = pg_backend_pid()"


def _write(folder: Path, names: tuple[str, ...]) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        source, body = REPORTS[name]
        (folder / name).write_text(
            f'---\ntitle: "{name}"\nsource: "{source}"\npublished: 2024-05-05\n---\n{body}\n',
            encoding="utf-8",
        )
    return folder


@pytest.fixture(scope="module")
def stored(new_database: NewDatabase, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    root = tmp_path_factory.mktemp("rebuild-lock")
    store = open_store(new_database("postgresql", root))
    summary = ingest([str(_write(root / "first", ("a.md", "b.md", "c.md")))], [], Defaults(), store)
    assert not summary.failures
    yield store
    store.close()


def _merge(session: Session) -> object:
    first, second = list_actors(session)[:2]
    return merge_actors(session, first.id, second.id)


def _split(session: Session) -> object:
    """The actor `_merge_two` made loses the name it took in (kept in the merge's decision)."""
    decision = session.scalars(select(ActorDecisionRow).where(ActorDecisionRow.action == "merge"))
    right = decision.one().right_key
    for actor in list_actors(session):
        names = [e.name for e in show_actor(session, actor.id).linked]
        if len({name_key(n) for n in names}) > 1 and right in {name_key(n) for n in names}:
            return split_actor(session, actor.id, next(n for n in names if name_key(n) == right))
    raise AssertionError("the merged actor is missing")


def _merge_two(store: Store) -> None:
    with store.session() as session:
        first, second = list_actors(session)[:2]
        merge_actors(session, first.id, second.id)


EDITS: dict[str, Callable[[Session], object]] = {
    "actors rebuild": rebuild_actors,
    "clusters rebuild": rebuild_clusters,
    "actors merge": _merge,
    "actors split": _split,
    "sources grade": lambda session: grade_source(session, "Sahel Wire", "B"),
    "alerts rebuild": rebuild_alerts,
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_each_edit_of_the_cross_report_tables_takes_the_writers_lock(
    stored: Store, edit: str
) -> None:
    if edit == "actors split":
        _merge_two(stored)  # committed first: a split needs an actor of two names
    with stored.sessions() as session:  # closed without a commit: nothing else changes
        assert session.scalar(text(HELD_HERE), {"granted": True}) == 0
        EDITS[edit](session)
        assert session.scalar(text(HELD_HERE), {"granted": True}) == 1


def test_an_ingest_waits_for_a_rebuild_and_then_adds_to_it(stored: Store, tmp_path: Path) -> None:
    """A rebuild holds the lock until it commits; an ingest started meanwhile queues behind it
    and then resolves its report against the rebuilt actors: no actor or cluster twice."""
    folder = _write(tmp_path / "second", ("d.md",))
    outcome: list[int] = []
    with stored.session() as session:
        rebuild_actors(session)
        rebuild_clusters(session)
        ingesting = threading.Thread(
            target=lambda: outcome.append(len(ingest([str(folder)], [], Defaults(), stored).stored))
        )
        ingesting.start()
        # The ingest reaches the lock and waits on it (a liveness wait, not a timed assert).
        with stored.engine.connect() as watcher:
            for _ in range(600):
                if watcher.scalar(text(ADVISORY), {"granted": False}):
                    break
                watcher.rollback()
                time.sleep(0.1)
            else:
                pytest.fail("the ingest never waited for the rebuild's lock")
        assert ingesting.is_alive()
    ingesting.join(timeout=300)
    assert outcome == [1]
    with stored.session() as session:
        _assert_no_duplicates(session)


def test_rebuilds_and_ingests_in_parallel_processes(
    tmp_path: Path, new_database: NewDatabase
) -> None:
    """`warnline actors rebuild`, `warnline clusters rebuild` and two `warnline ingest` runs at
    once, as users would start them: every one succeeds and nothing is stored twice."""
    url = new_database("postgresql", tmp_path / "store")
    store = open_store(url)
    try:
        assert not ingest(
            [str(_write(tmp_path / "base", ("a.md", "c.md")))], [], Defaults(), store
        ).failures
    finally:
        store.close()
    env = {**os.environ, "WARNLINE_DB": url, "WARNLINE_DATA_DIR": str(tmp_path / "data")}
    env.pop("WARNLINE_DEBUG", None)
    commands = [
        ["ingest", str(_write(tmp_path / "one", ("b.md",)))],
        ["actors", "rebuild"],
        ["ingest", str(_write(tmp_path / "two", ("d.md",)))],
        ["clusters", "rebuild"],
    ]
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "warnline", *command],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for command in commands
    ]
    results = [(child.wait(timeout=300), *child.communicate()) for child in children]
    assert [code for code, _, _ in results] == [0] * len(commands), results
    store = open_store(url)
    try:
        with store.session() as session:
            _assert_no_duplicates(session)
    finally:
        store.close()


def _assert_no_duplicates(session: Session) -> None:
    """Every entity has an actor, no two actors share a name, every event is in a cluster and
    no two clusters hold the same events' report twice."""
    assert session.scalar(select(func.count()).where(EntityRow.actor_id.is_(None))) == 0
    names = Counter(name_key(name) for name in session.scalars(select(ActorRow.name)))
    assert names
    assert [name for name, count in names.items() if count > 1] == []
    assert session.scalar(select(func.count()).where(EventRow.cluster_id.is_(None))) == 0
    clusters = session.scalar(select(func.count()).select_from(EventClusterRow))
    assert clusters
