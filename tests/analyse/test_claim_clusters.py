"""Claim clusters over reports ingested through the real pipeline: one outlet repeating itself
and a syndicated copy are one voice; an independent outlet corroborates; a denial contests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.conftest import NewDatabase

from warnline.analyse.cluster_claim_facts import content_words, numbers_in
from warnline.analyse.event_clusters import rebuild_clusters
from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.store import Store, open_store
from warnline.store.schema import ClaimClusterRow, ClaimRow

PROPOSITION = "al-Shabaab collects taxes at checkpoints on the road between Jilib and Kismayo"
REPORTS = {
    "juba-1": (
        "Juba Times",
        "2024-04-02",
        f"A United Nations panel of experts said that {PROPOSITION}. The panel's report was "
        "circulated to member states on Monday and covers the period from January to March. "
        "Traders in Kismayo said prices of sugar and fuel had risen sharply since the start of "
        "the year because of the payments.",
    ),
    # The same outlet again, in other words: not a second source.
    "juba-2": (
        "Juba Times",
        "2024-04-05",
        f"A spokesman for the Jubaland administration said that {PROPOSITION}. He said drivers "
        "paid at four different posts during a single journey last week.",
    ),
    "monitor": (
        "Mogadishu Monitor",
        "2024-04-06",
        "Somalia's Ministry of Interior said that al-Shabaab collects taxes at checkpoints on the "
        "roads around Jilib and Kismayo. The ministry urged transport companies to report the "
        "payments.",
    ),
    "herald": (
        "Horn Herald",
        "2024-04-08",
        "Al-Shabaab denied that it collects taxes at checkpoints on the road between Jilib and "
        "Kismayo, in a statement posted online on Sunday.",
    ),
}


@dataclass(frozen=True)
class State:
    status: str
    independent: int
    credibility: int
    stances: tuple[str, ...]
    reason: str


def _write(directory: Path, name: str, source: str, published: str, text: str) -> Path:
    path = directory / f"{name}.md"
    path.write_text(
        f'---\ntitle: "{name}"\nsource: "{source}"\npublished: {published}\n---\n{text}\n',
        encoding="utf-8",
    )
    return path


def _state(store: Store) -> State:
    """The cluster of the proposition's first claim."""
    with store.session() as session:
        first = (
            session.execute(
                select(ClaimRow)
                .where(ClaimRow.content.contains("collects taxes"))
                .order_by(ClaimRow.id)
            )
            .scalars()
            .first()
        )
        assert first is not None
        assert first.cluster_id is not None
        cluster = session.get(ClaimClusterRow, first.cluster_id)
        assert cluster is not None
        stances = session.execute(
            select(ClaimRow.stance).where(ClaimRow.cluster_id == cluster.id).order_by(ClaimRow.id)
        ).scalars()
        return State(
            cluster.status,
            cluster.independent_sources,
            cluster.credibility,
            tuple(s or "" for s in stances),
            cluster.credibility_reason or "",
        )


@pytest.fixture(scope="module")
def states(
    backend: str, new_database: NewDatabase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, State]]:
    """The proposition's cluster after each step of ingestion (one store, reports in order)."""
    directory = tmp_path_factory.mktemp("claims")
    store = open_store(new_database(backend, directory))
    paths = {name: _write(directory, name, *report) for name, report in REPORTS.items()}
    # A syndicated copy of the first report by another outlet: a near-duplicate.
    copy = paths["juba-1"].read_text(encoding="utf-8").replace("Juba Times", "Coastal Relay")
    paths["copy"] = directory / "copy.md"
    paths["copy"].write_text(copy.replace("on Monday and", "on Monday, and"), encoding="utf-8")
    seen: dict[str, State] = {}
    for step in ("juba-1", "juba-2", "copy", "monitor", "herald"):
        summary = ingest([str(paths[step])], [], Defaults(), store)
        assert not summary.failures
        if step == "copy":
            assert summary.stored[0].near_duplicate_of is not None
        seen[step] = _state(store)
    with store.session() as session:
        rebuild_clusters(session)
    seen["rebuilt"] = _state(store)
    yield seen
    store.close()


def test_one_outlet_repeating_itself_is_one_source(states: dict[str, State]) -> None:
    state = states["juba-2"]
    assert state.stances == ("supports", "supports")
    assert (state.status, state.independent) == ("single_source", 1)


def test_a_syndicated_copy_is_not_corroboration(states: dict[str, State]) -> None:
    state = states["copy"]
    assert len(state.stances) == 3
    assert (state.status, state.independent) == ("single_source", 1)
    assert "Coastal Relay = Juba Times" in state.reason


def test_an_independent_outlet_corroborates(states: dict[str, State]) -> None:
    state = states["monitor"]
    assert (state.status, state.independent) == ("corroborated", 2)
    assert state.credibility == 2  # two sources, neither graded yet (F)


def test_a_denial_contests(states: dict[str, State]) -> None:
    state = states["herald"]
    assert state.status == "contested"
    assert state.stances[-1] == "denies"
    assert state.credibility == 3
    assert "denied by Horn Herald" in state.reason


def test_rebuild_gives_the_same_cluster(states: dict[str, State]) -> None:
    assert states["rebuilt"] == states["herald"]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Nine soldiers were killed and 15 wounded", {9, 15}),
        ("more than 1,200 people fled in 2023", {1200}),
        ("no figure", set()),
    ],
)
def test_numbers_in(text: str, numbers: set[int]) -> None:
    assert numbers_in(text) == numbers


def test_content_words_drop_stop_words() -> None:
    assert content_words("The TTP is operating from Afghan soil") == {
        "ttp",
        "operating",
        "afghan",
        "soil",
    }
