"""Zoom deliveries kept in the database: a replay is dropped after a restart, old ones pruned."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from chatbot.db.database import Database
from chatbot.db.models import ZoomDelivery
from chatbot.zoom.deliveries import StoredDeliveries

AT = 1_764_590_000.0


def _stored(database: Database) -> int:
    return database.call(lambda s: s.scalars(select(func.count()).select_from(ZoomDelivery)).one())


async def test_when_a_delivery_comes_again_after_a_restart_then_it_is_not_the_first_time(
    database: Database,
) -> None:
    before = StoredDeliveries(database)
    assert await before.first_time("k" * 64, at=AT)

    restarted = Database(database.url)
    try:
        assert not await StoredDeliveries(restarted).first_time("k" * 64, at=AT + 30)
    finally:
        restarted.dispose()


async def test_when_a_delivery_is_older_than_the_window_then_it_counts_as_new(
    database: Database,
) -> None:
    deliveries = StoredDeliveries(database, keep_s=300, prune_every_s=3600)
    assert await deliveries.first_time("a" * 64, at=AT)
    assert not await deliveries.first_time("a" * 64, at=AT + 299)
    assert await deliveries.first_time("a" * 64, at=AT + 301)


async def test_when_deliveries_age_past_the_window_then_they_are_pruned(
    database: Database,
) -> None:
    deliveries = StoredDeliveries(database, keep_s=300, prune_every_s=0)
    for index in range(5):
        assert await deliveries.first_time(f"{index:064d}", at=AT)
    assert _stored(database) == 5

    assert await deliveries.first_time("f" * 64, at=AT + 600)

    assert _stored(database) == 1


async def test_when_two_instances_take_the_same_delivery_at_once_then_one_is_first(
    database: Database,
) -> None:
    databases = [Database(database.url) for _ in range(4)]
    try:
        taken = await asyncio.gather(
            *(StoredDeliveries(d).first_time("d" * 64, at=AT) for d in databases)
        )
    finally:
        for each in databases:
            each.dispose()

    assert sorted(taken) == [False, False, False, True]
