"""Long polling that moves the update offset on only after the updates were handled.

PTB's own updater confirms a batch as soon as it has queued it; if the process stops before the
handlers ran, those updates are lost. Here a batch is handled first and confirmed by the next
``getUpdates`` call, so a restart gets the unhandled batch again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Final

from telegram import Bot, Update
from telegram.error import Conflict, NetworkError, RetryAfter, TimedOut

from chatbot.dispatch import Dispatcher
from chatbot.telegram_retry import seconds

logger = logging.getLogger(__name__)

POLL_TIMEOUT_S: Final[int] = 25
MAX_BACKOFF_S: Final[float] = 30.0


class Poller:
    """Fetch, handle, then confirm."""

    def __init__(
        self,
        bot: Bot,
        dispatcher: Dispatcher,
        allowed_updates: Sequence[str],
        *,
        timeout: int = POLL_TIMEOUT_S,
    ) -> None:
        self._bot = bot
        self._dispatcher = dispatcher
        self._allowed = list(allowed_updates)
        self._timeout = timeout
        self.offset: int | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set."""
        backoff = 1.0
        while not stop.is_set():
            try:
                updates = await self._fetch(stop)
            except RetryAfter as exc:
                await _sleep(stop, seconds(exc.retry_after))
                continue
            except (TimedOut, NetworkError, Conflict) as exc:
                logger.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(exc).__name__, backoff
                )
                await _sleep(stop, backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            backoff = 1.0
            if updates is None:
                return
            if not updates:
                continue
            await self._dispatcher.dispatch_batch(updates)
            self.offset = updates[-1].update_id + 1

    async def _fetch(self, stop: asyncio.Event) -> tuple[Update, ...] | None:
        """The next batch, or ``None`` when ``stop`` is set while waiting for it."""
        fetch = asyncio.ensure_future(
            self._bot.get_updates(
                offset=self.offset,
                timeout=self._timeout,
                allowed_updates=self._allowed,
                read_timeout=self._timeout + 10,
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if fetch not in done:
            fetch.cancel()
            return None
        stopping.cancel()
        return fetch.result()


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        return
