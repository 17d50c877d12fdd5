"""Scheduled work: every job runs on a short tick and decides from the database what is due.

Nothing is scheduled for a fixed moment in memory, so a restart or an outage at the moment a
digest or reminder fell due never skips it: the next tick after start-up finds it still due
(and a job marks what it delivered, so nothing is sent twice).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from apscheduler.schedulers.asyncio import AsyncIOScheduler

logger = logging.getLogger(__name__)

TICK_S: Final[float] = 60.0


@dataclass(frozen=True, slots=True)
class Job:
    """A named piece of scheduled work: ``run(now)`` does whatever is due at ``now``."""

    name: str
    run: Callable[[datetime], Awaitable[None]]


async def run_job(job: Job, now: datetime | None = None) -> bool:
    """Run ``job`` once; a failure is logged (type only) and retried on the next tick."""
    try:
        await job.run(now or datetime.now(UTC))
    except Exception as exc:  # noqa: BLE001 - one failing job must not stop the others
        logger.warning("scheduled job=%s failed: %s", job.name, type(exc).__name__)
        return False
    return True


class Scheduler:
    """Runs each job every ``tick`` seconds, the first time at start."""

    def __init__(self, jobs: Sequence[Job], *, tick: float = TICK_S) -> None:
        self._jobs = tuple(jobs)
        self._tick = tick
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    @property
    def running(self) -> bool:
        """Whether the scheduler is running."""
        return bool(self._scheduler.running)

    def start(self) -> None:
        """Start ticking (call from inside the running event loop)."""
        for job in self._jobs:
            self._scheduler.add_job(
                run_job,
                "interval",
                args=(job,),
                seconds=self._tick,
                next_run_time=datetime.now(UTC),
                id=job.name,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=None,
            )
        self._scheduler.start()

    def shutdown(self) -> None:
        """Stop ticking; a job in progress is not waited for."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
