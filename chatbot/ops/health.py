"""The bot's health, for ``GET /healthz`` and ``/status``: database, scheduler, last update.

One :class:`Health` is built at start-up with the database; ``serve`` attaches the scheduler
once it has started, and every Telegram update handled marks the time it was seen.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Final, Protocol

from sqlalchemy import text

from chatbot.db.database import Database, DatabaseError

PING_TIMEOUT_S: Final[float] = 5.0


class Running(Protocol):
    """Anything that says whether it is running (the scheduler)."""

    @property
    def running(self) -> bool:
        """Whether it is running."""
        ...


@dataclass(frozen=True, slots=True)
class HealthReport:
    """What ``/healthz`` answers; ``ok`` is false when the database or the scheduler is down."""

    database: bool
    scheduler: bool
    last_update_age_s: float | None

    @property
    def ok(self) -> bool:
        """Whether the bot can do its work."""
        return self.database and self.scheduler

    def to_dict(self) -> dict[str, object]:
        """The JSON body."""
        age = None if self.last_update_age_s is None else round(self.last_update_age_s, 3)
        return {
            "ok": self.ok,
            "database": self.database,
            "scheduler": self.scheduler,
            "last_update_age_s": age,
        }


def version() -> str:
    """The installed councilbot's version."""
    try:
        return metadata.version("councilbot")
    except metadata.PackageNotFoundError:
        return "unknown"


class Health:
    """The process's vital signs."""

    def __init__(
        self,
        database: Database,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        ping_timeout: float = PING_TIMEOUT_S,
    ) -> None:
        self._database = database
        self._monotonic = monotonic
        self._ping_timeout = ping_timeout
        self._started = monotonic()
        self.started_at = clock()
        self._last_update: float | None = None
        self._scheduler: Running | None = None

    def attach_scheduler(self, scheduler: Running) -> None:
        """Watch ``scheduler`` (once it has started)."""
        self._scheduler = scheduler

    def update_seen(self) -> None:
        """Mark that a Telegram update was handled just now."""
        self._last_update = self._monotonic()

    @property
    def uptime_s(self) -> float:
        """Seconds since start-up."""
        return self._monotonic() - self._started

    @property
    def last_update_age_s(self) -> float | None:
        """Seconds since the last update was handled, or ``None`` if none was yet."""
        if self._last_update is None:
            return None
        return self._monotonic() - self._last_update

    @property
    def scheduler_running(self) -> bool:
        """Whether the scheduler is attached and running."""
        return self._scheduler is not None and self._scheduler.running

    async def database_reachable(self) -> bool:
        """Whether a trivial query succeeds within the time-out."""
        try:
            await asyncio.wait_for(
                self._database.run(lambda session: session.execute(text("SELECT 1"))),
                timeout=self._ping_timeout,
            )
        except (DatabaseError, TimeoutError):
            return False
        return True

    async def report(self) -> HealthReport:
        """Check the database now; report it with the scheduler and the last update's age."""
        return HealthReport(
            database=await self.database_reachable(),
            scheduler=self.scheduler_running,
            last_update_age_s=self.last_update_age_s,
        )
