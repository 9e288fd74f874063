"""The event listing's paths for large stores, on SQLite and PostgreSQL: dated and undated
events paged apart, counts capped, items read as plain columns.

The store holds the examples, ingested for real; some of their events are undated, and a few
more have their start date removed (as events whose report gives no date have), so that pages
cross from dated to undated events. Each page is checked against one query ordered
`date_start DESC NULLS LAST, id DESC` over the same conditions, the order the listing promises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from tests.conftest import EXAMPLES, NewDatabase

from warnline.flow import ingest
from warnline.ingest import Defaults
from warnline.records import Toll
from warnline.settings import Settings
from warnline.store import Store, open_store
from warnline.store.event_listing import (
    EventQuery,
    count_events,
    event_conditions,
    event_page,
)
from warnline.store.schema import ActorRow, EntityRow, EventRow, PlaceRow

UNDATED_EVERY = 6


@dataclass(frozen=True)
class Listed:
    store: Store
    undated: int


@pytest.fixture(scope="module")
def listed(
    backend: str, tmp_path_factory: pytest.TempPathFactory, new_database: NewDatabase
) -> Iterator[Listed]:
    folder = tmp_path_factory.mktemp(f"listing-{backend}")
    url = new_database(backend, folder)
    store = open_store(url)
    settings = Settings(db=url, data_dir=folder / "data")
    ingest([str(EXAMPLES)], [], Defaults(), store, settings=settings)
    with store.session() as session:
        ids = list(session.scalars(select(EventRow.id).order_by(EventRow.id)))
        undated = ids[::UNDATED_EVERY]
        session.execute(
            update(EventRow)
            .where(EventRow.id.in_(undated))
            .values(date_start=None, date_end=None, time_precision=None)
        )
        count = len(list(session.scalars(select(EventRow.id).where(EventRow.date_start.is_(None)))))
    yield Listed(store, count)
    store.close()


def _expected(session: Session, query: EventQuery) -> list[int]:
    return list(
        session.scalars(
            select(EventRow.id)
            .where(*event_conditions(query))
            .order_by(EventRow.date_start.desc().nulls_last(), EventRow.id.desc())
        )
    )


def _page(session: Session, query: EventQuery, limit: int, offset: int) -> list[int]:
    return [item.id for item in event_page(session, query, limit=limit, offset=offset)]


def test_pages_cross_from_dated_to_undated_events(listed: Listed) -> None:
    with listed.store.session() as session:
        everything = _expected(session, EventQuery())
        dated = len(everything) - listed.undated
        assert listed.undated >= 3
        assert dated > 20
        for limit in (1, 7, 50):
            for offset in range(len(everything) + 2):
                assert (
                    _page(session, EventQuery(), limit, offset)
                    == (everything[offset : offset + limit])
                ), (limit, offset)
        # A page that starts on the last dated event and ends among the undated ones.
        assert _page(session, EventQuery(), 3, dated - 1) == everything[dated - 1 : dated + 2]


@pytest.mark.parametrize(
    "query",
    [
        EventQuery(country="SO"),
        EventQuery(actor="al-Shabaab"),
        EventQuery(event_type="Battles"),
        EventQuery(bbox=(-20.0, -40.0, 60.0, 40.0)),
        EventQuery(since=dt.date(2024, 1, 1)),
        EventQuery(until=dt.date(2024, 6, 30), country="BF"),
    ],
    ids=["country", "actor", "type", "bbox", "since", "until+country"],
)
def test_filtered_pages_keep_the_listing_order(listed: Listed, query: EventQuery) -> None:
    with listed.store.session() as session:
        expected = _expected(session, query)
        assert expected, "the filter selects no example event"
        for offset in range(0, len(expected) + 1, 2):
            assert _page(session, query, 4, offset) == expected[offset : offset + 4], offset


def test_a_date_filter_leaves_undated_events_out(listed: Listed) -> None:
    with listed.store.session() as session:
        since = _page(session, EventQuery(since=dt.date(1900, 1, 1)), 500, 0)
        everything = _page(session, EventQuery(), 500, 0)
        assert len(since) == len(everything) - listed.undated
        dates = session.execute(select(EventRow.date_start).where(EventRow.id.in_(since)))
        assert all(date is not None for (date,) in dates)


def test_counts_are_exact_up_to_the_cap(listed: Listed) -> None:
    with listed.store.session() as session:
        queries = (
            EventQuery(),
            EventQuery(country="SO"),
            EventQuery(event_type="Battles"),
            # The actor filter is counted side by side (actor1, then actor2 only).
            EventQuery(actor="United States"),
            EventQuery(actor="Jama'at Nusrat al-Islam wal-Muslimin", since=dt.date(2024, 1, 1)),
        )
        for query in queries:
            size = len(_expected(session, query))
            assert size >= 2
            assert count_events(session, query).count == size
            assert not count_events(session, query).capped
            exact = count_events(session, query, cap=None)
            assert (exact.count, exact.capped) == (size, False)
            at_size = count_events(session, query, cap=size)
            assert (at_size.count, at_size.capped) == (size, False)
            below = count_events(session, query, cap=size - 1)
            assert (below.count, below.capped) == (size - 1, True)


def test_items_show_the_stored_rows(listed: Listed) -> None:
    with listed.store.session() as session:
        items = event_page(session, EventQuery(), limit=500)
        assert len(items) == len(_expected(session, EventQuery()))
        for item in items:
            row = session.get(EventRow, item.id)
            assert row is not None
            assert (item.report_id, item.local_id, item.type, item.sub_type) == (
                row.report_id,
                row.local_id,
                row.type,
                row.sub_type,
            )
            assert (item.date_start, item.cluster_id) == (row.date_start, row.cluster_id)
            stored = None if row.killed is None else Toll.model_validate(row.killed)
            assert item.killed == stored
            place = session.get(PlaceRow, row.place_id) if row.place_id else None
            assert (item.place.name if item.place else None) == (place.name if place else None)
            for side, entity_id in ((item.actor1, row.actor1_id), (item.actor2, row.actor2_id)):
                entity = session.get(EntityRow, entity_id) if entity_id else None
                assert (side.name if side else None) == (entity.name if entity else None)
                if entity is not None and side is not None:
                    actor = session.get(ActorRow, entity.actor_id) if entity.actor_id else None
                    assert side.actor_name == (actor.name if actor else None)
                    assert side.kind == entity.kind
        assert any(item.actor1 and item.actor1.actor_name for item in items)
        assert any(item.place is not None for item in items)
