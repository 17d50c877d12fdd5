"""The Zoom deliveries already taken, kept in the database so a restart forgets none of them.

Zoom's webhook (``integrations.zoom.webhook``) asks :meth:`StoredDeliveries.first_time` about
each delivery it is about to process; a replay of one seen within the window is dropped, also
after a restart or when another instance of the bot took it. Entries older than the window are
pruned now and then as deliveries arrive.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from chatbot.db.database import Database
from chatbot.db.models import ZoomDelivery
from integrations.zoom.webhook import REMEMBER_S

PRUNE_EVERY_S: Final[float] = 60.0


class StoredDeliveries:
    """The :class:`~integrations.zoom.webhook.DeliveryMemory` of the bot: a table."""

    def __init__(
        self,
        database: Database,
        *,
        keep_s: float = REMEMBER_S,
        prune_every_s: float = PRUNE_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = database
        self._keep = timedelta(seconds=keep_s)
        self._prune_every = prune_every_s
        self._clock = clock
        self._pruned_at: float | None = None

    async def first_time(self, key: str, *, at: float) -> bool:
        """Remember ``key`` seen ``at`` (Unix seconds); False if it was seen within the window."""
        moment = datetime.fromtimestamp(at, UTC)
        prune = self._pruned_at is None or self._clock() - self._pruned_at >= self._prune_every
        taken = await self._db.run(lambda s: self._take(s, key, moment, prune=prune))
        if prune:
            self._pruned_at = self._clock()
        return taken

    def _take(self, session: Session, key: str, moment: datetime, *, prune: bool) -> bool:
        cutoff = moment - self._keep
        if prune:
            session.execute(delete(ZoomDelivery).where(ZoomDelivery.seen_at < cutoff))
        else:  # this key alone, if it is past the window
            session.execute(
                delete(ZoomDelivery).where(ZoomDelivery.key == key, ZoomDelivery.seen_at < cutoff)
            )
        # One statement that inserts or does nothing: two instances taking the same delivery
        # at once cannot both think they were first.
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(ZoomDelivery)
            .values(key=key, seen_at=moment)
            .on_conflict_do_nothing(index_elements=[ZoomDelivery.key])
            .returning(ZoomDelivery.key)
        )
        return session.execute(statement).scalar_one_or_none() is not None
